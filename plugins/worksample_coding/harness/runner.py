# The untrusted half of the in-container harness: pytest runs the hidden tests here, and the
# candidate's code runs in this same process. Nothing it reports is trusted on its own: the
# host checks every expected test id, a canary test that must fail, and the supervisor's
# integrity summary (see supervisor.py and verdict.py on the host).
#
# Defences that make the usual forgeries fail here:
# - the interpreter (the supervisor's, forked) runs with -I and the supervisor drops any current
#   folder from sys.path: no PYTHONPATH, no user site, no current folder, so a pytest.py or
#   sitecustomize.py in the submission is never imported in place of the real one;
# - pytest and its internals are imported before any candidate code, and the submission folder
#   is appended to the END of sys.path, so it cannot shadow the standard library or pytest;
# - the grader's own ini (-c), --rootdir on the hidden tests, --noconftest, no plugin
#   autoload, no cache provider: configuration files in the submission are never read;
# - results go out through a private pipe, test by test, so an exit at import or a rewrite at
#   exit cannot change what was already reported;
# - a per-test timer, so one hanging test does not cost the others.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]

import importlib.util
import json
import os
import signal
import sys

import _pytest.main
import _pytest.python
import _pytest.reports
import _pytest.runner
import pytest

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])
del sys.argv[1:]  # do not point candidate code at the result channel (the host checks it anyway)
TESTS = "/sandbox/tests"
WORK = os.getcwd()


def send(record):
    RESULTS.write(json.dumps(record) + "\n")
    RESULTS.flush()


def capped(text):
    limit = CONFIG["message_chars"]
    return text if len(text) <= limit else "..." + text[-limit:]


# What a forgery would patch, and the originals. Compared by the raw entry in the owner's
# __dict__: attribute access on a classmethod makes a new bound method each time.
GUARDED = [
    (_pytest.reports.TestReport, "from_item_and_call"),
    (_pytest.runner, "call_and_report"),
    (_pytest.runner, "runtestprotocol"),
    (_pytest.runner.CallInfo, "from_call"),
    (_pytest.python.Function, "runtest"),
    (_pytest.main.Session, "perform_collect"),
]
ORIGINALS = [vars(owner).get(name) for owner, name in GUARDED]


def patched_names():
    return sorted(
        "%s.%s" % (owner.__name__, name)
        for (owner, name), original in zip(GUARDED, ORIGINALS)  # noqa: B905 (older Pythons)
        if vars(owner).get(name) is not original
    )


class TestTimedOut(BaseException):
    """Raised in the test by the per-test timer; BaseException so `except Exception` misses it."""


def on_alarm(signum, frame):
    limit = CONFIG["per_test_seconds"]
    raise TestTimedOut("the test took longer than %ss (per-test limit)" % limit)


def outcome_of(reports):
    failed = [r for r in reports if r.failed]
    if failed:
        return "failed", capped(failed[0].longreprtext)
    if any(r.skipped for r in reports):
        skipped = next(r for r in reports if r.skipped)
        return "skipped", capped(skipped.longreprtext)
    if any(r.when == "call" and r.passed for r in reports):
        return "passed", ""
    return "failed", "the test did not run its body"


class Reporter:
    def __init__(self):
        self.phases = {}

    def pytest_collectreport(self, report):
        if report.failed:
            send({"event": "collect_error", "path": report.nodeid,
                  "message": capped(report.longreprtext)})

    def pytest_collection_finish(self, session):
        send({"event": "collected", "ids": [item.nodeid for item in session.items]})

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, CONFIG["per_test_seconds"])
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def pytest_runtest_logreport(self, report):
        reports = self.phases.setdefault(report.nodeid, [])
        reports.append(report)
        if report.when == "teardown":
            outcome, message = outcome_of(reports)
            send({"event": "test", "id": report.nodeid, "outcome": outcome, "message": message,
                  "duration": round(sum(r.duration for r in reports), 4)})

    def pytest_sessionfinish(self, session, exitstatus):
        send({"event": "finished", "patched": patched_names()})


def hidden_conftest():
    # --noconftest keeps every conftest.py out; the hidden tests' own one is loaded by path.
    # It usually imports the submission, so a broken submission fails here: report that as a
    # collection error (the tests then fail with its reason) instead of dying.
    path = os.path.join(TESTS, "conftest.py")
    if not os.path.exists(path):
        return []
    spec = importlib.util.spec_from_file_location("worksample_hidden_conftest", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except BaseException as error:  # whatever the submission raises or exits with
        send({"event": "collect_error", "path": "conftest.py",
              "message": capped("%s: %s" % (type(error).__name__, error))})
        return []
    return [module]


def main():
    sys.path.append(WORK)  # after the standard library and site-packages: it cannot shadow them
    arguments = [
        TESTS, "-c", "/sandbox/harness/pytest.ini", "--rootdir", TESTS, "--noconftest",
        "-p", "no:cacheprovider", "-q", "--tb=short", "--color=no",
        # one test file that cannot import the submission must not stop the others
        "--continue-on-collection-errors",
    ]
    if CONFIG["mode"] == "collect":
        arguments.append("--collect-only")
    sys.exit(pytest.main(arguments, plugins=[Reporter()] + hidden_conftest()))


main()
