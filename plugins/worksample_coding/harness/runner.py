# The untrusted half of the in-container harness: pytest runs the hidden tests here, and the
# candidate's code runs in this same process. Nothing it reports is trusted on its own: the
# host checks every expected test id, a canary test that must fail, and the supervisor's
# integrity summary (see supervisor.py and verdict.py on the host).
#
# Defences that make the usual forgeries fail here:
# - the interpreter (the supervisor's, forked) runs with -I and the supervisor drops any current
#   folder from sys.path: no PYTHONPATH, no user site, no current folder, so a pytest.py or
#   sitecustomize.py in the submission is never imported in place of the real one;
# - the grader's own ini (-c), --rootdir on the hidden tests, --noconftest, no plugin
#   autoload, no cache provider: configuration files in the submission are never read, and
#   pytest has read its configuration (environment included) before any candidate code runs;
# - no candidate code runs before pytest's session has started. Then, in this order: every
#   module the hidden code imports that is not the submission's is imported (pytest, the
#   standard library, the hidden helpers, found in the tests folder, which comes before the
#   submission on sys.path); what can decide a test is recorded (guard.py); a tripwire is armed;
#   only then is the submission put on sys.path and the hidden conftest loaded, the first thing
#   that imports it. The conftest is registered with pytest as the names its source binds:
#   a hook planted in it while it imports the submission is left out, and reported;
# - each hidden test module is imported with the import system as it was before candidate code
#   ran (sys.path, meta path, path hooks and cache, the helpers' sys.modules entries);
# - the recorded bindings are checked before each hidden test module is imported, after every
#   phase of every test and at the end; a change, or a refusal of the tripwire, goes out with
#   the next record;
# - a test passes only if this runner saw its body return: pytest's own call of the test
#   function runs inside this runner's frame, so an exception reaches the runner before any
#   report is made, and a failure is written out at once, where nothing can take it back.
#   Reports are read for their raw outcome (a report that says "passed" for a test the runner
#   saw fail is a forgery, reported as such), never for a pass;
# - results go out through a private pipe, test by test, so an exit at import or a rewrite at
#   exit cannot change what was already reported;
# - a per-test timer, so one hanging test does not cost the others.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]

import importlib.util
import io
import json
import os
import signal
import sys
import time
import types

import _pytest.pathlib
import _pytest.python
import pytest
from _pytest._io import TerminalWriter
from _pytest.outcomes import Skipped, XFailed

RESULTS_FD = int(sys.argv[1])
CONFIG = json.loads(sys.argv[2])
del sys.argv[1:]  # do not point candidate code at the result channel (the host checks it anyway)
HARNESS = os.path.dirname(os.path.abspath(__file__))
TESTS = "/sandbox/tests"
WORK = os.getcwd()


def load(name):
    """One of the harness's own modules (the harness folder is not on sys.path)."""
    spec = importlib.util.spec_from_file_location("worksample_" + name,
                                                  "%s/%s.py" % (HARNESS, name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


guard, hidden = load("guard"), load("hidden")


def encoded(record, *, _string=json.encoder.encode_basestring_ascii, _int=int.__repr__,
            _float=float.__repr__, _join=",".join, _map=map, _type=type):
    """A record (strings, numbers, lists of strings) as JSON, by C functions bound before
    candidate code ran: json.dumps goes through JSONEncoder, a class it could patch."""
    parts = []
    for key, value in record.items():
        kind = _type(value)
        if kind is str:
            text = _string(value)
        elif kind is int:
            text = _int(value)
        elif kind is float:
            text = _float(value)
        elif kind is list:
            text = "[" + _join(_map(_string, value)) + "]"
        else:
            raise TypeError("a record holds strings, numbers and lists of strings")
        parts.append(_string(key) + ":" + text)
    return "{" + _join(parts) + "}"


def send(record, *, _encoded=encoded, _write=os.write, _fd=RESULTS_FD):
    """Write one record on the results pipe, whole (a signal may cut a write short)."""
    data = (_encoded(record) + "\n").encode()
    while data:
        data = data[_write(_fd, data):]


def capped(text, *, _string=json.encoder.encode_basestring_ascii):
    """The end of ``text``: at most message_chars characters, and at most 6 bytes a character
    once JSON-escaped (an emoji takes 12), as the host sizes its lines."""
    limit = CONFIG["message_chars"]
    if len(text) > limit:
        text = "..." + text[-limit:]
    if len(_string(text)) > 6 * limit:
        text = "..." + text[-(limit // 2):]
    return text


class TestTimedOut(BaseException):
    """Raised in the test by the per-test timer; BaseException so `except Exception` misses it."""


def on_alarm(signum, frame):
    limit = CONFIG["per_test_seconds"]
    raise TestTimedOut("the test took longer than %ss (per-test limit)" % limit)


def raw(report):
    """A report's own fields, read past any property a forgery could redefine."""
    return vars(report)


def report_text(report):
    try:
        return capped(report.longreprtext)
    except BaseException:  # what the submission raised may not even print
        return "(the report could not be shown)"


def failure_text(item, exc_info):
    """What pytest would report for ``exc_info`` raised by ``item``'s body."""
    try:
        longrepr = item.repr_failure(pytest.ExceptionInfo.from_exc_info(exc_info))
        if isinstance(longrepr, str):
            return capped(longrepr)
        out = io.StringIO()
        writer = TerminalWriter(out)
        writer.hasmarkup = False
        longrepr.toterminal(writer)
        return capped(out.getvalue().strip())
    except BaseException:  # what the submission raised may not even print
        return capped("%s (the failure could not be shown)" % exc_info[0].__name__)


def outcome_of(phases, body_passed):
    """A test's outcome from its phases' raw report outcomes and whether this runner saw its
    body return: a report may turn a pass into a failure or a skip (a failing fixture
    teardown, an expected failure), never make a pass."""
    for wanted in ("failed", "skipped"):
        for when in ("setup", "call", "teardown"):
            if when in phases and phases[when][0] == wanted:
                return wanted, phases[when][1]
    if body_passed:
        return "passed", ""
    return "failed", "the test body did not run under the runner's watch"


def function_of(item, *, _type=type, _method=types.MethodType):
    function = item.obj
    return function.__func__ if _type(function) is _method else function


def module_name_for(path):
    """The name pytest's default import mode gives the test module at ``path``."""
    package = _pytest.pathlib.resolve_package_path(path)
    if package is None:
        return path.stem
    names = list(path.with_suffix("").relative_to(package.parent).parts)
    return ".".join(names[:-1] if names[-1] == "__init__" else names)


class Findings:
    """Signs of tampering, each sent once with the next record, all of them at the end."""

    def __init__(self):
        self.found = {"patched": [], "forged": []}
        self.sent = {"patched": 0, "forged": 0}
        self.refused = []  # appended to by the tripwire

    def add(self, kind, items):
        self.found[kind] += [item for item in items if item not in self.found[kind]]

    def fresh(self):
        self.add("patched", ["refused: " + what for what in self.refused])
        fields = {}
        for kind, items in self.found.items():
            if len(items) > self.sent[kind]:
                fields[kind] = shortened(items[self.sent[kind]:])
                self.sent[kind] = len(items)
        return fields

    def everything(self):
        self.fresh()
        return {kind: shortened(items) for kind, items in self.found.items()}


def shortened(items, most=10):
    """At most ``most`` items of at most 100 characters (8 KB once JSON-escaped): a record
    has a size limit."""
    kept = [item[:100] for item in items[:most]]
    if len(items) > most:
        kept[-1] = "and %d more" % (len(items) - most + 1)
    return kept


class Runner:
    """The runner's pytest plugin: loads the hidden code, watches it, reports each test."""

    def __init__(self):
        self.hidden = hidden.HiddenCode(TESTS)
        self.findings = Findings()
        self.watch = None
        self.import_system = None
        self.phases = {}  # test id -> {phase: (raw outcome, text)}
        self.body_passed = set()
        self.sent = set()
        self.started = {}
        self.functions = {}  # test id -> its function, as collected

    # --- loading, in the order that matters ---

    @pytest.hookimpl(trylast=True)
    def pytest_sessionstart(self, session):
        hidden.preload(self.hidden)
        self.watch = guard.watch_before_candidate_code(globals(), self.hidden, TESTS)
        self.import_system = (list(sys.path) + [WORK], list(sys.meta_path),
                              list(sys.path_hooks))
        protected = {os.path.dirname(module.__file__) + os.sep
                     for module in (_pytest.python, pytest, sys.modules["pluggy"])}
        guard.arm(self.findings.refused, self.watch.guarded,
                  sorted(protected | {TESTS + os.sep, HARNESS + os.sep}))
        sys.path.append(WORK)  # after the tests folder: a helper cannot be shadowed
        for name in self.hidden.helpers():
            if name not in sys.modules:
                self.load_helper(name)
        self.load_conftest(session.config)
        self.watch.add_registrations(session.config.pluginmanager)

    def load_helper(self, name):
        """A hidden helper that imports the submission, so could not load before it."""
        try:
            module = importlib.import_module(name)
        except BaseException:
            return  # the tests that import it report why
        path = os.path.join(TESTS, name + ".py")
        self.watch.add_hidden_module(vars(module), name, self.hidden, path, helper=name)

    def load_conftest(self, config):
        # --noconftest keeps every conftest.py out; the hidden tests' own one is loaded by path.
        # It usually imports the submission, so a broken submission fails here: report that as a
        # collection error (the tests then fail with its reason) instead of dying.
        path = os.path.join(TESTS, "conftest.py")
        if not os.path.exists(path):
            return
        spec = importlib.util.spec_from_file_location("worksample_hidden_conftest", path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except BaseException as error:  # whatever the submission raises or exits with
            send({"event": "collect_error", "path": "conftest.py",
                  "message": capped("%s: %s" % (type(error).__name__, error))})
            return
        namespace = vars(module)
        planted = self.watch.add_hidden_module(namespace, "conftest", self.hidden, path)
        self.findings.add("patched", ["conftest.%s (planted)" % name for name in planted])
        plugin = types.ModuleType(module.__name__)  # only what the conftest's source binds
        vars(plugin).update({name: value for name, value in namespace.items()
                             if name not in planted})
        config.pluginmanager.register(plugin, "worksample-hidden-conftest")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_make_collect_report(self, collector):
        if not isinstance(collector, pytest.Module):
            yield
            return
        saved = self.enter_import_system(collector)
        try:
            yield
        finally:
            self.leave_import_system(saved)
        module = vars(collector).get("_obj")
        if module is not None:
            self.watch.add_hidden_module(vars(module), module.__name__, self.hidden,
                                         str(collector.path))

    def enter_import_system(self, collector):
        """Put the import system as it was before candidate code ran in place for pytest to
        import a hidden test module; return the current one, to put back after."""
        self.check("import")
        saved = (list(sys.path), list(sys.meta_path), list(sys.path_hooks),
                 sys.path_importer_cache)
        sys.path[:], sys.meta_path[:], sys.path_hooks[:] = self.import_system
        sys.path_importer_cache = {}
        for name, module in self.watch.pinned.items():
            if sys.modules.get(name) is not module:
                self.findings.add("patched", ["sys.modules[%r]" % name])
                sys.modules[name] = module
        name = module_name_for(collector.path)
        planted = sys.modules.pop(name, None)
        if guard.is_module(planted) and vars(planted).get("__file__") == str(collector.path):
            self.findings.add("patched", ["sys.modules[%r] (planted)" % name])
        return saved

    def leave_import_system(self, saved):
        """Put the candidate's import system back, with the folders pytest added to sys.path
        for the module it imported (as it does for a test file outside the tests folder)."""
        added = [entry for entry in sys.path if entry not in self.import_system[0]]
        self.import_system = (added + self.import_system[0],) + self.import_system[1:]
        sys.path[:] = added + [entry for entry in saved[0] if entry not in added]
        sys.meta_path[:], sys.path_hooks[:] = saved[1], saved[2]
        sys.path_importer_cache = saved[3]

    # --- collection ---

    def pytest_collectreport(self, report):
        fields = raw(report)
        if fields.get("outcome") == "failed":
            send({"event": "collect_error", "path": fields.get("nodeid"),
                  "message": report_text(report)})

    def pytest_collection_finish(self, session):
        self.functions = {item.nodeid: function_of(item) for item in session.items
                          if isinstance(item, pytest.Function)}
        self.check("import")
        send({"event": "collected", "ids": [item.nodeid for item in session.items]})

    # --- running ---

    def pytest_runtest_logstart(self, nodeid, location):
        self.started[nodeid] = time.perf_counter()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, CONFIG["per_test_seconds"])
        try:
            outcome = yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if type(item).runtest is not _pytest.python.Function.runtest:  # unittest's and others'
            if outcome.excinfo is None and not vars(item).get("_excinfo"):
                self.body_passed.add(item.nodeid)

    def send_test(self, test_id, outcome, message, *, _send=send, _clock=time.perf_counter):
        self.sent.add(test_id)
        duration = _clock() - self.started.get(test_id, _clock())
        record = {"event": "test", "id": test_id, "outcome": outcome, "message": message,
                  "duration": round(duration, 4)}
        record.update(self.findings.fresh())
        _send(record)

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem, *, _call=_pytest.python.pytest_pyfunc_call,
                           _exc_info=sys.exc_info, _failure_text=failure_text,
                           _send_test=send_test):
        """Run the test function through pytest's own call, inside this frame: its exception
        is seen here first, and a failure is sent before anything else runs. What it calls
        is bound at definition, so candidate code running in the test cannot swap it."""
        test_id = pyfuncitem.nodeid
        if function_of(pyfuncitem) is not self.functions.get(test_id):
            self.findings.add("patched", ["the function of test %s" % test_id])
            _send_test(self, test_id, "failed", "the test function was replaced at run time")
            raise RuntimeError("the test function was replaced at run time")
        try:
            _call(pyfuncitem)
        except (Skipped, XFailed):  # pytest.skip() and pytest.xfail(): the reports say so
            raise
        except BaseException:
            if pyfuncitem.get_closest_marker("xfail") is None:
                exc_info = _exc_info()
                _send_test(self, test_id, "failed", _failure_text(pyfuncitem, exc_info))
            raise
        self.body_passed.add(test_id)
        return True

    def pytest_runtest_logreport(self, report):
        fields = raw(report)
        test_id, when, outcome = fields["nodeid"], fields["when"], fields["outcome"]
        text = report_text(report) if outcome != "passed" else ""
        self.phases.setdefault(test_id, {})[when] = (outcome, text)
        if when == "call" and outcome == "passed" and test_id in self.sent:
            self.findings.add("forged", [test_id + ": reported passed, but its body failed"])
        self.check("test" if when == "teardown" else "phase")
        if when == "teardown":
            self.finish(test_id)

    def finish(self, test_id):
        phases = self.phases.pop(test_id, {})
        if test_id in self.sent:
            return
        outcome, message = outcome_of(phases, test_id in self.body_passed)
        if outcome == "failed" and phases.get("call", ("",))[0] == "passed":
            self.findings.add("forged", [
                test_id + ": reported passed, but its body never ran under the runner's watch"])
        self.send_test(test_id, outcome, message)

    def check(self, moment):
        if self.watch is not None:
            self.findings.add("patched", self.watch.changes(moment))

    def pytest_sessionfinish(self, session, exitstatus):
        self.check("test")
        send({"event": "finished", **self.findings.everything()})


def main():
    sys.path.append(TESTS)  # the hidden helpers come before the submission, added later
    arguments = [
        TESTS, "-c", "/sandbox/harness/pytest.ini", "--rootdir", TESTS, "--noconftest",
        "-p", "no:cacheprovider", "-q", "--tb=short", "--color=no",
        # one test file that cannot import the submission must not stop the others
        "--continue-on-collection-errors",
    ]
    if CONFIG["mode"] == "collect":
        arguments.append("--collect-only")
    sys.exit(pytest.main(arguments, plugins=[Runner()]))


main()
