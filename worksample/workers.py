"""Untrusted parsing in worker processes with hard limits, never in the grader process.

Unpacking an archive and reading a candidate's documents (HTML, Markdown, .eml, PDF, DOCX)
run parsers on hostile bytes: one unknown bug in one of them (a regex that backtracks, a
decompression bomb, unbounded recursion) must cost that submission, not the batch. Each call
runs in a worker process of a pebble ``ProcessPool`` under three limits:

- CPU time: ``RLIMIT_CPU`` set, for this call only, to the CPU the worker has used so far plus
  the budget; past it the kernel kills the worker (SIGXCPU).
- Memory: ``RLIMIT_AS`` set to the worker's address space now plus the budget; past it an
  allocation fails (MemoryError) or the worker dies.
- Wall clock: pebble's task timeout; past it pebble kills the worker.

A killed worker is replaced by pebble and the submission is ``rejected`` with the limit it hit,
in words a reviewer understands. A pool that breaks (a worker cannot start) is an
``InfrastructureError`` for that call, and the next call starts a new pool.

Workers are started with ``spawn``, not ``fork``: the grader has threads (the batch, the
Docker SDK's connections), and forking a threaded process can copy a lock in the held state.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import TimeoutError as TaskTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

from worksample.errors import InfrastructureError, SubmissionRejected
from worksample.models import HostLimits
from worksample.safe_text import visible

T = TypeVar("T")


class LimitedWorkers:
    """A pool of worker processes that run untrusted parsing under ``HostLimits``.

    Safe to use from the batch's threads. The pool starts on first use, or at ``start()``, and
    is shut down by ``close()`` (or the ``with`` block), killing whatever still runs. Each call
    reads ``limits`` as it is then: a command may start the workers before it has loaded the
    assignment whose limits apply.
    """

    def __init__(self, workers: int = 1, limits: HostLimits | None = None):
        self.workers = max(workers, 1)
        self.limits = limits or HostLimits()
        self._pool = None
        self._lock = threading.Lock()
        self._shared: tuple[object, Shared] | None = None

    def start(self) -> LimitedWorkers:
        """Start the worker processes now, so that they boot (imports, plugins) while the
        caller gets ready; returns ``self``."""
        self._started()
        return self

    def run(self, doing: str, function: Callable[..., T], *args) -> T:
        """``function(*args)`` in a worker, under the limits; its result or its exception.

        ``doing`` completes "the submission took more than 20 s of CPU ..." ("to unpack").
        A limit hit raises SubmissionRejected saying which.
        """
        limits, pool = self.limits, self._started()
        future = pool.schedule(_limited_call, (limits, function, *args),
                               timeout=limits.wall_seconds)
        try:
            return future.result().value()
        except TaskTimeout:
            raise SubmissionRejected(_over(f"took more than {limits.wall_seconds} s", doing,
                                           "wall_seconds")) from None
        except MemoryError:
            raise SubmissionRejected(_over(f"needed more than {limits.memory_mb} MB of memory",
                                           doing, "memory_mb")) from None
        except _expired() as error:
            raise SubmissionRejected(_death(error.exitcode, limits, doing)) from None
        except BrokenProcessPool as error:
            self._discard(pool)
            raise InfrastructureError(f"the worker processes failed ({error}); the next "
                                      "submission gets new ones") from None
        except pickle.PicklingError as error:  # what a worker sent that pebble could not carry
            raise InfrastructureError(f"a worker's answer could not be sent back ({error})") \
                from None

    def shared(self, value: object) -> Shared:
        """``value`` as an argument for ``run`` that is pickled here once, not for every call,
        and unpickled once by each worker (the same assignment for a whole batch). The last
        value given is remembered by identity: it must not change once given."""
        with self._lock:
            if self._shared is None or self._shared[0] is not value:
                self._shared = (value, Shared(value))
            return self._shared[1]

    def close(self) -> None:
        """Stop the workers; a call still running is killed."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join()

    def __enter__(self) -> LimitedWorkers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _started(self):
        with self._lock:
            if self._pool is None:
                from multiprocessing import resource_tracker

                from pebble import ProcessPool

                # Workers are born with SIGINT blocked: the pool's threads, started here by
                # the first call, inherit this thread's mask, and the workers they spawn
                # inherit theirs through fork and exec. Pebble ignores SIGINT only once a
                # worker runs its code; a Ctrl-C in the moment before killed a booting worker
                # and failed the call it had been given. The first process started with
                # "spawn" also starts multiprocessing's resource tracker, which unblocks
                # SIGINT in the starting thread when done: it is started before the block.
                resource_tracker.ensure_running()
                unblocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    self._pool = ProcessPool(max_workers=self.workers, initializer=_boot,
                                             context=multiprocessing.get_context("spawn"))
                    self._pool.schedule(os.getpid)
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
            return self._pool

    def _discard(self, broken) -> None:
        """Stop a broken pool; the next call starts a new one."""
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.stop()


def _boot() -> None:
    """In a new worker: import what grading needs and load the plugins, before any call.
    What parsers print or log on stderr (pypdf logs a font's encoding name, which a PDF
    spells as it likes) reaches the grader's terminal shown, not obeyed. (Pebble's workers
    ignore SIGINT: Ctrl-C is the grader's, which lets calls in flight finish.)"""
    sys.stderr = _Shown(sys.stderr)
    import worksample.grading  # noqa: F401 (what every call needs)
    from worksample.plugins import get_registry

    get_registry()


class Shared:
    """A value pickled once, sent to the workers as bytes under a key (their digest); a worker
    rebuilds it once per key and keeps it (``_Received``). Given to ``run`` as an argument,
    the worker's function receives the value itself."""

    def __init__(self, value: object):
        self.data = pickle.dumps(value)
        self.key = hashlib.blake2b(self.data, digest_size=16).digest()

    def __reduce__(self):
        return _received, (self.key, self.data)


class _Received:
    """In a worker: the shared values rebuilt so far, by key (the last few)."""

    def __init__(self, keep: int = 4):
        self._values: dict[bytes, object] = {}
        self._keep = keep

    def value(self, key: bytes, data: bytes) -> object:
        """The value pickled as ``data``, rebuilt on its key's first arrival."""
        if key not in self._values:
            if len(self._values) >= self._keep:
                del self._values[next(iter(self._values))]
            self._values[key] = pickle.loads(data)
        return self._values[key]


_RECEIVED = _Received()


def _received(key: bytes, data: bytes) -> object:
    """What unpickling a ``Shared`` runs in the worker: its value, rebuilt once."""
    return _RECEIVED.value(key, data)


def _expired() -> type[BaseException]:
    from pebble import ProcessExpired

    return ProcessExpired


def _over(what: str, doing: str, limit: str) -> str:
    return f"the submission {what} {doing}; it was stopped (the assignment's host_limits.{limit})"


def _death(exitcode: int | None, limits: HostLimits, doing: str) -> str:
    """Why a worker died, in a reviewer's words."""
    if exitcode == -signal.SIGXCPU:
        return _over(f"took more than {limits.cpu_seconds} s of CPU", doing, "cpu_seconds")
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() \
            else f"signal {-exitcode}"
        return (f"the worker given the submission {doing} was killed ({name}; memory limit "
                f"{limits.memory_mb} MB): the submission cannot be read safely")
    return (f"the worker given the submission {doing} ended unexpectedly (exit code "
            f"{exitcode}): the submission cannot be read safely")


@dataclass(frozen=True)
class _Outcome:
    """What a call sends back, pickled in the worker and unpickled by ``value()`` in the
    grader's thread. Pebble unpickles what a worker sends in its own result thread, where an
    object that cannot be rebuilt (a plugin's exception with a keyword-only argument, say)
    would end that thread and leave every later call waiting for its wall clock; as bytes, it
    costs only its own call."""

    data: bytes
    failed: bool = False
    described: str = ""

    @classmethod
    def of(cls, value: object, failed: bool = False) -> _Outcome:
        described = f"{type(value).__name__}: {value}"[:500] if failed else ""
        try:
            return cls(pickle.dumps(value), failed, described)
        except Exception as error:  # the value itself cannot travel: say what it was
            return cls(pickle.dumps(InfrastructureError(
                f"a worker's {'error' if failed else 'result'} could not be sent back "
                f"({described or type(value).__name__}; {error})")), failed=True)

    def value(self):
        """The call's value, or its exception raised here."""
        try:
            value = pickle.loads(self.data)
        except Exception as error:
            raise InfrastructureError(f"a worker sent back what the grader cannot rebuild "
                                      f"({self.described or error})") from None
        if self.failed:
            raise value
        return value


def _limited_call(limits: HostLimits, function: Callable, *args) -> _Outcome:
    """In the worker: set this call's CPU and memory limits, run it, lift the memory limit."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (spent + limits.cpu_seconds, resource.RLIM_INFINITY))
    address_space = _address_space() + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (address_space, resource.RLIM_INFINITY))
    try:
        value = function(*args)
    except Exception as error:
        return _Outcome.of(error, failed=True)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # a compiled parser's panic (pyo3's PanicException) is
        # no Exception, and its class may not travel: its description does
        return _Outcome.of(InfrastructureError(
            f"a parser failed on the submission ({type(error).__name__}: {error})"[:500]),
            failed=True)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    return _Outcome.of(value)


class _Shown:
    """A text stream that writes what it is given through ``safe_text.visible``."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
