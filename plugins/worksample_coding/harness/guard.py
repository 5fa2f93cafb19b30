# The integrity half of the pytest runner; runner.py says when each part runs. Candidate code
# runs in the runner's process and can reach anything there once it has run, so everything
# here is set up before its first line runs.
#
# - hidden.py reads the hidden tests folder from its source and imports what it imports
#   before any candidate code runs.
# - Watch remembers the object each binding that can decide a test holds, and names every
#   binding that no longer holds it: pytest's and pluggy's modules and classes, the runner's,
#   the hidden code's, the sys.modules entries of all of these, every hook implementation
#   registered with pytest, the standard library and builtins the hidden code uses, and the
#   standard library pytest imports test modules with; its docstring says which is checked
#   when. Compared by identity, in C loops: an object whose __eq__ lies cannot pass for the
#   original.
# - arm() installs a tripwire, an audit hook (Python code cannot remove one), that refuses to
#   swap the code or defaults of a function of pytest, of the harness or of the hidden code, to
#   change the class of their objects or the bases of their classes, and to install a trace or
#   profile function (which could skip an assert or rewrite a test's variables). Each refusal
#   is kept for the report.
#
# Not stopped here: a patch made and undone within one test body, writes to memory through
# ctypes or /proc/self/mem, and code written against this runner's own data. The canary and the
# host's checks come next; a host-compared check mode is the real answer.

import functools
import itertools
import operator
import os
import sys
import types

MISSING = object()
FRAMEWORK = ("pytest", "_pytest", "pluggy")
# What runs a test and reports it: the pytest API tests call, what runs the body, and the
# reports. The rest of pytest (the run loop, collection, configuration, output) cannot make a
# pass (the runner only counts a pass it saw), so it is checked between tests only.
TEST_BODY = ("pytest", "pluggy", "_pytest.python", "_pytest.python_api", "_pytest.outcomes",
             "_pytest.recwarn", "_pytest.monkeypatch", "_pytest.capture", "_pytest.logging",
             "_pytest.tmpdir", "_pytest.fixtures", "_pytest.unittest", "_pytest.compat",
             "_pytest.reports", "_pytest.runner")
TRIPWIRE_EVENTS = frozenset(
    {"object.__setattr__", "object.__delattr__", "sys.settrace", "sys.setprofile"})
CODE_ATTRIBUTES = frozenset({"__code__", "__defaults__", "__kwdefaults__"})
# Not watched: rebound by the standard library while pytest runs a test (warnings'
# catch_warnings, which pytest wraps around every test), and hooks meant to be replaced.
REBOUND = {"warnings": {"showwarning", "_showwarnmsg_impl"},
           "sys": {"excepthook", "displayhook", "breakpointhook", "unraisablehook"},
           "threading": {"excepthook"}}
COLLECTING = ("_pytest.assertion.rewrite", "_pytest.pathlib", "_pytest.python")


def is_framework(name):
    return is_within(name, FRAMEWORK)


def is_within(name, packages):
    """Whether module ``name`` is one of ``packages`` or in one of them."""
    return any(name == package or name.startswith(package + ".") for package in packages)


def is_module(value):
    return issubclass(type(value), types.ModuleType)  # never asks the value itself


def watched_names(namespace):
    """The bindings worth watching in a module or class: to functions, classes, descriptors,
    other callables and modules, but not typing's annotation objects. Data (caches, counters,
    flags) changes legitimately."""
    return [name for name, value in namespace.items() if watched_kind(type(value))]


@functools.lru_cache(maxsize=None)
def watched_kind(kind):
    """Whether values of ``kind`` are watched: it decides, not the value (a value is never
    asked anything)."""
    defines = {name for cls in kind.__mro__ for name in vars(cls)}
    return (("__call__" in defines or "__get__" in defines or issubclass(kind, types.ModuleType))
            and vars(kind).get("__module__") != "typing")


def classes_defined_in(namespace):
    name = namespace.get("__name__")
    return [value for value in list(namespace.values())
            if isinstance(value, type) and vars(value).get("__module__") == name]


def hook_implementations(manager):
    """Every hook implementation pytest would call, and what it calls: (callers, then impl,
    function and plugin for each implementation)."""
    callers = tuple(vars(manager.hook).values())
    impls = tuple(itertools.chain.from_iterable(
        map(operator.methodcaller("get_hookimpls"), callers)))
    return (callers + impls + tuple(map(operator.attrgetter("function"), impls))
            + tuple(map(operator.attrgetter("plugin"), impls)))


def implementations_by_hook(manager):
    """{hook name: the ids of its caller, implementations, their functions and plugins}."""
    return {name: tuple(id(part) for part in [caller] + [
        part for impl in caller.get_hookimpls() for part in (impl, impl.function, impl.plugin)])
        for name, caller in vars(manager.hook).items()}


class Bindings:
    """(container, key) pairs that must hold the objects they held, checked in one C pass
    over identities: an object whose __eq__ lies cannot pass for the original. Containers
    are module namespaces (dicts) or class namespaces (mapping proxies); a "sized" one must
    also gain no name that changes what was there."""

    def __init__(self):
        self.entries = {dict: ([], [], [], []), types.MappingProxyType: ([], [], [], [])}
        self.sized = []  # [label, container, size, names, owner]
        self.frozen = None

    def add(self, label, container, keys, expected, sized=False, owner=None):
        labels, containers, names, objects = self.entries[type(container)]
        labels.extend(label % (key,) for key in keys)
        containers.extend(itertools.repeat(container, len(keys)))
        names.extend(keys)
        objects.extend(expected)
        if sized:
            self.sized.append([label, container, len(container), frozenset(container), owner])
        self.frozen = None

    def changed(self, *, _all=all, _map=map, _is=operator.is_, _eq=operator.eq, _len=len,
                _tuple=tuple, _repeat=itertools.repeat, _missing=MISSING):
        """The labels of the bindings that no longer hold what they held. The fast path's
        builtins are bound at definition: candidate code can rebind the builtins module's
        names, not these."""
        if self.frozen is None:
            self.frozen = [(kind.get,) + _tuple(map(_tuple, lists))
                           for kind, lists in self.entries.items()]
            self.frozen.append((_tuple(group[1] for group in self.sized),
                                _tuple(group[2] for group in self.sized)))
        *pipelines, (sized, sizes) = self.frozen
        found = []
        for get, labels, containers, names, objects in pipelines:
            if not _all(_map(_is, _map(get, containers, names, _repeat(_missing)), objects)):
                found += [label for label, container, name, value
                          in zip(labels, containers, names, objects)  # noqa: B905
                          if get(container, name, _missing) is not value]
        if not _all(_map(_eq, _map(_len, sized), sizes)):
            found += self._added()
        return found

    def _added(self):
        found = []
        for group in self.sized:
            label, container, size, names, owner = group
            if len(container) != size:
                added = added_names(container, names, owner)
                found += [label % (key,) + " (added)" for key in added]
                if not added:  # only names that change nothing that was there
                    group[2], group[3] = len(container), frozenset(container)
                    self.frozen = None
        return found


def added_names(namespace, known, owner):
    """Names added to a module's or class's namespace since it was recorded, but for those
    that change nothing that was there: dunder names (a warnings registry), a package's newly
    imported submodule, data (a test's module global), though in a class not data that hides
    a method or descriptor of a base class. A function added to a module may hide a builtin
    its code calls."""
    package = namespace.get("__name__")
    bases = owner.__mro__[1:] if owner is not None else ()
    return sorted(key for key in list(namespace) if key not in known
                  and not harmless(namespace[key], key, package, owner, bases))


def harmless(value, key, package, owner, bases):
    if key.startswith("__") and key.endswith("__"):
        return True
    if is_module(value):
        return vars(value).get("__name__") == "%s.%s" % (package, key)
    return is_data(value) and all(is_data(vars(base)[key]) for base in bases
                                  if key in vars(base))


def is_data(value):
    return not callable(value) and not hasattr(type(value), "__get__")


class Watch:
    """What must keep the objects it held when it was recorded, in three tiers by when it is
    checked (``changes(moment)``):

    - "always": what runs a test and reports it (the pytest API tests call, what runs the
      body, the reports), the harness, the hidden code, the hooks registered with pytest;
      nothing a test has a reason to touch: checked after every phase of every test;
    - "between": the rest of pytest, and the standard library the hidden code imports and
      builtins, which a test may monkeypatch: checked before and after each test;
    - "toolchain": the standard library pytest finds, reads, rewrites and imports test
      modules with, checked before each hidden test module is imported and after collection.
    """

    MOMENTS = {"phase": ("always",), "test": ("always", "between"),
               "import": ("always", "between", "toolchain")}

    def __init__(self):
        self.tiers = {"always": Bindings(), "between": Bindings(), "toolchain": Bindings()}
        self.modules = {}  # module name -> module, as it was loaded
        self.genuine = {}  # module name -> its namespace then
        self.pinned = {}  # module name -> module, for sys.modules
        self.guarded = set()  # ids of the functions, classes and modules arm() protects
        self.manager = self.implementations = self.per_hook = None

    def add(self, label, container, keys, *, expected=None, sized=False, tier="always",
            owner=None):
        keys = list(keys)
        if expected is None:
            expected = [container.get(key, MISSING) for key in keys]
        self.tiers[tier].add(label, container, keys, expected, sized, owner)
        self.guarded.update(id(value) for value in expected if type(value) is types.FunctionType)

    def add_module(self, module, tier="always", pin=True, ours=True):
        """Watch a module as it is now, and its sys.modules entry (``pin``). For pytest's, the
        harness's and the hidden code's (``ours``), its classes too, and no name may be
        added to them; the tripwire guards them."""
        namespace = vars(module)
        name = namespace.get("__name__", "?")
        self.modules[name], self.genuine[name] = module, dict(namespace)
        if pin:
            self.pin(name, module, tier)
        names = [key for key in watched_names(namespace) if key not in REBOUND.get(name, ())]
        self.add(name + ".%s", namespace, names, sized=ours, tier=tier)
        if ours:
            self.guarded.add(id(module))
        if not ours and tier != "toolchain":
            return
        for cls in classes_defined_in(namespace):
            self.add("%s.%s.%%s" % (name, cls.__qualname__), vars(cls),
                     watched_names(vars(cls)), sized=ours, tier=tier, owner=cls)
            if ours:
                self.guarded.add(id(cls))

    def add_hidden_module(self, namespace, label, hidden, path, helper=None):
        """Watch a hidden module loaded after candidate code could run: what it imports from
        modules loaded before must be their own objects; what it defines must stay what it is
        now. A helper's module is pinned in sys.modules. Returns the names in it that its
        source does not bind."""
        imports, defined, stars = hidden.bindings(path)
        expected = {}
        for name, (module, attribute) in imports.items():
            genuine = self._genuine(module, attribute)
            if genuine is not MISSING:
                expected[name] = genuine
        for name in defined - set(expected):
            value = namespace.get(name, MISSING)
            if callable(value) or is_module(value):
                expected[name] = value
            if isinstance(value, type):
                self.guarded.add(id(value))
        self.add(label + ".%s", namespace, list(expected), expected=list(expected.values()),
                 sized=True)
        if helper is not None:
            self.modules[helper], self.genuine[helper] = sys.modules[helper], dict(namespace)
            self.pin(helper, sys.modules[helper])
        allowed = set(imports) | defined
        for module in stars:
            allowed.update(self.genuine.get(module, {}))
        return sorted(name for name in namespace if name not in allowed
                      and not (name.startswith("__") and name.endswith("__")))

    def pin(self, name, module, tier="always"):
        """Watch that sys.modules still maps ``name`` to ``module``."""
        self.pinned[name] = module
        self.add("sys.modules[%r]", sys.modules, [name], expected=[module], tier=tier)

    def _genuine(self, module, attribute):
        if attribute is None:
            return self.modules.get(module, MISSING)
        value = self.genuine.get(module, {}).get(attribute, MISSING)
        if value is MISSING:
            return self.modules.get(module + "." + attribute, MISSING)
        return value

    def add_registrations(self, manager):
        """Watch pytest's hook implementations, as registered now."""
        self.manager, self.implementations = manager, hook_implementations(manager)
        self.per_hook = implementations_by_hook(manager)

    def changes(self, moment, *, _all=all, _map=map, _is=operator.is_, _len=len):
        """What no longer holds what it held, of the tiers checked at ``moment``: "phase"
        (after a test's setup or call), "test" (before or after a test), "import" (before a
        hidden test module is imported, after collection)."""
        found = []
        for tier in self.MOMENTS[moment]:
            found += self.tiers[tier].changed()
        if self.manager is not None:
            now = hook_implementations(self.manager)
            if _len(now) != _len(self.implementations) or not _all(
                    _map(_is, now, self.implementations)):
                now = implementations_by_hook(self.manager)
                found += ["pytest's implementations of " + name
                          for name in sorted(set(now) | set(self.per_hook))
                          if now.get(name) != self.per_hook.get(name)]
        return found


def watch_before_candidate_code(runner_namespace, hidden, tests):
    """The Watch of everything loaded so far: what runs a test body, the hidden helpers
    (modules in the ``tests`` folder) and the runner (always); the rest of pytest, the other
    modules the hidden code imports and builtins (between); pytest's import machinery
    (toolchain); and the sys.modules entries of all of these."""
    watch = Watch()
    imported = set(hidden.imported_modules()) | {"builtins", "os", "json", "json.encoder"}
    for name, module in sorted(sys.modules.items()):
        if type(module) is not types.ModuleType:  # vars() of a lazy module imports its parts
            continue
        helper = str(vars(module).get("__file__") or "").startswith(tests + os.sep)
        if helper or is_within(name, TEST_BODY):
            watch.add_module(module)
        elif is_framework(name):
            watch.add_module(module, tier="between")
        elif name in imported:
            watch.add_module(module, tier="between", ours=False)
    for name in toolchain():
        if name not in watch.modules and type(sys.modules.get(name)) is types.ModuleType:
            watch.add_module(sys.modules[name], tier="toolchain", ours=False)
    watch.add("runner.%s", runner_namespace, watched_names(runner_namespace), sized=True)
    for value in list(runner_namespace.values()):
        if is_module(value) and str(vars(value).get("__name__")).startswith("worksample_"):
            watch.add_module(value, pin=False)  # the runner's own modules
        elif isinstance(value, type) and vars(value).get("__module__") == "__main__":
            watch.add("runner.%s.%%s" % value.__name__, vars(value), watched_names(vars(value)),
                      sized=True, owner=value)
            watch.guarded.add(id(value))
    return watch


def toolchain():
    """The modules pytest finds, reads, rewrites and imports test modules with: the import
    system's, and those whose objects pytest's collecting modules use."""
    names = {"importlib._bootstrap", "importlib._bootstrap_external"}
    for loader in COLLECTING:
        for value in list(vars(sys.modules.get(loader, sys)).values()):
            name = vars(value).get("__name__") if is_module(value) else getattr(
                value, "__module__", None)
            if isinstance(name, str) and not is_framework(name) and name != "typing":
                names.add(name)
    return sorted(names)


def arm(refused, guarded, protected):
    """Install the tripwire. ``guarded``: ids of the functions whose code and defaults, and of
    the modules and classes whose class, bases and objects' class must not change;
    ``protected``: folders whose functions' code and defaults must not change either. Each
    refusal is appended to ``refused``."""

    def tripwire(event, args, *, _events=TRIPWIRE_EVENTS, _code=CODE_ATTRIBUTES,
                 _function=types.FunctionType, _type=type, _id=id, _guarded=frozenset(guarded),
                 _protected=tuple(protected), _note=refused.append, _error=RuntimeError):
        if event not in _events:
            return
        if event in ("sys.settrace", "sys.setprofile"):
            what = "installing a trace or profile function (%s)" % event
        else:
            target, name = args[0], args[1]
            if name in _code and _type(target) is _function and (
                    _id(target) in _guarded
                    or target.__code__.co_filename.startswith(_protected)):
                what = "replacing %s of %s" % (name, target.__qualname__)
            elif name == "__class__" and (_id(target) in _guarded
                                          or _id(_type(target)) in _guarded):
                what = "changing the class of a %s" % _type(target).__qualname__
            elif name == "__bases__" and _id(target) in _guarded:
                what = "changing the bases of %s" % target.__qualname__
            else:
                return
        _note(what)
        raise _error("refused while the tests run: " + what)

    sys.addaudithook(tripwire)
