"""The recorder's side of the candidate's process: the code under test as the cases see it.

``import ledger`` in a case gives a proxy of the module in the candidate's process; reading an
attribute or calling a function there is a request over the pipe. What comes back is plain
data (rebuilt here as the exact builtin types), a handle (a ``Remote``), or an exception: a
class here mirrors each of the candidate's exception classes by module and name, so ``except
OutOfStock`` and ``isinstance(error, LedgerError)`` work, and an exception's attributes are
read from the candidate's process. Arguments go over as plain data or handles: a function
cannot be passed, and a dict passed is a copy.
"""

import builtins
import importlib.abc
import importlib.machinery
import os
import sys

import wire
from worksample_cases import Recorder, TooLarge, plain


class Connection:
    """The pipe to the candidate's process, and the classes mirrored from it. ``restart``
    gives it a new process (after a case ran out of time): objects reached from a module
    (a class, a function) are found again there; objects a call made are gone with the old."""

    def __init__(self, start, max_bytes):
        self.start, self.max_bytes = start, max_bytes
        self.classes = {}
        self.generation = 0
        self.pid, self.sock = start()

    def restart(self):
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        self.sock.close()
        self.generation += 1
        self.pid, self.sock = self.start()

    def ask(self, request, path=None):
        try:
            wire.send(self.sock, request)
            answer = wire.receive(self.sock, 2 * self.max_bytes + 65536)
        except (OSError, wire.WireError):
            self.restart()  # the pipe is out of step, or the process is gone
            raise
        if "raised" in answer:
            raise self.exception(answer)
        return self.value(answer, path)

    def value(self, answer, path=None):
        return self.rebuilt(answer["value"], path)

    def rebuilt(self, typed, path=None):
        """A typed value as the exact builtin values it stands for, with a ``Remote`` for each
        handle (``path``: how the value itself was reached from a module) and the mirrored
        class for each exception class."""
        def other(tag, payload):
            if tag == "ref":
                return Remote(self, int(payload[0]), str(payload[1]),
                              path if typed.get("ref") is payload else None)
            if tag == "exception_class":
                return self.mirrored(payload)
            return Unrecordable(payload)

        return plain(typed, other)

    def exception(self, answer):
        cls = self.mirrored(answer["class"])
        message = str(answer.get("message", ""))
        try:
            error = cls(message)
        except Exception:  # a builtin exception that takes other arguments
            error = cls.__new__(cls)
            error.args = (message,)
        error._worksample_remote = Remote(self, answer["ref"], cls.__name__)
        return error

    def mirrored(self, mro):
        """The local class for the candidate's class whose (module, name) chain is ``mro``."""
        (module, name), bases = mro[0], mro[1:]
        if module == "builtins" and isinstance(getattr(builtins, name, None), type):
            return getattr(builtins, name)
        key = (module, name)
        if key not in self.classes:
            base = self.mirrored(bases) if bases else Exception
            self.classes[key] = type(name, (base,), {
                "__module__": module, "__getattr__": _remote_attribute})
        return self.classes[key]


def _remote_attribute(error, name):
    remote = error.__dict__.get("_worksample_remote")
    if remote is None or name.startswith("__"):
        raise AttributeError(name)
    return getattr(remote, name)


class Remote:
    """An object in the candidate's process. ``path`` says how it was reached from a module
    (``("ledger", "Ledger")``), so that a new process can find it again."""

    def __init__(self, connection, ref, name, path=None):
        self._connection, self._number, self._name, self._path = connection, ref, name, path
        self._generation = connection.generation

    def _ref(self):
        connection = self._connection
        if self._generation != connection.generation:
            if self._path is None:
                raise RuntimeError("this object was made in the candidate's process before "
                                   "it was restarted")
            module, *names = self._path
            found = connection.ask({"op": "import", "module": module}, (module,))
            for name in names:
                found = getattr(found, name)
            self._number, self._generation = found._number, connection.generation
        return self._number

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        path = self._path + (name,) if self._path is not None else None
        return self._connection.ask({"op": "getattr", "ref": self._ref(), "name": name}, path)

    def __call__(self, *args, **kwargs):
        return self._connection.ask({"op": "call", "ref": self._ref(),
                                     "args": [sent(a) for a in args],
                                     "kwargs": {str(k): sent(v) for k, v in kwargs.items()}})

    def __iter__(self):
        return iter(self._connection.ask({"op": "list", "ref": self._ref()}))

    def __worksample_unrecorded__(self):
        return "a %s object is not plain data" % self._name

    def __repr__(self):
        return "<%s object in the candidate's process>" % self._name


def sent(value):
    """An argument as it goes to the candidate's process."""
    try:
        return {"value": Argument(1 << 24)._typed(value, 0)}
    except TooLarge as too_large:
        raise ValueError("an argument too large to send: %s" % too_large) from None


class Argument(Recorder):
    """Plain data as it is, and the candidate's own objects as their handles."""

    def not_plain(self, value):
        if isinstance(value, Remote):
            return {"ref": [value._ref(), value._name]}
        raise TypeError("only plain data and the candidate's own objects can be passed to "
                        "the candidate's code, not %r" % (value,))


class Unrecordable:
    """A value the candidate's process could not send as plain data (too large)."""

    def __init__(self, reason):
        self.reason = reason

    def __worksample_unrecorded__(self):
        return self.reason


class CandidateModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports of the code under test (the modules in ``folder``) give proxies of the modules
    in the candidate's process. Put last on ``sys.meta_path``: the standard library, the
    recorder and the cases' own helpers are found first."""

    def __init__(self, folder, connection):
        self.folder, self.connection = folder, connection

    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        if not (os.path.exists(os.path.join(self.folder, top + ".py"))
                or os.path.isdir(os.path.join(self.folder, top))):
            return None
        return importlib.machinery.ModuleSpec(name, self)

    def create_module(self, spec):
        return RemoteModule(spec.name, self.connection.ask(
            {"op": "import", "module": spec.name}, (spec.name,)))

    def exec_module(self, module):
        pass


class RemoteModule(type(sys)):
    """A module of the code under test, seen through its proxy."""

    def __init__(self, name, remote):
        super().__init__(name)
        self.__dict__["_worksample_remote"] = remote

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.__dict__["_worksample_remote"], name)
