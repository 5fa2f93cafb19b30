# Runs the candidate's OWN tests (not the hidden ones) with coverage.py, in the sandbox, and
# reports how many there are, how each ended, and which lines of the candidate's code they ran.
#
# It is evidence for a reviewer, never a verdict: candidate code runs in this process and may
# write anything on the results pipe, which the host reads as bounded, untrusted data (a
# candidate who wants to can fake their own tests' outcomes or coverage; docs/assignments.md
# says so). The sandbox's limits apply as to the hidden tests' run, and each test has a
# per-test timer.
#
# Records (worksample/sandbox/records.py's order): collect_error (a test file that could not
# be loaded), collected (the test ids), one "test" per test (id, outcome), finished (files:
# path -> [statements, statements not run], for each of the candidate's code files the host
# listed; exit: pytest's exit code).
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; CONFIG: per_test_seconds, most_tests,
# code (paths of the candidate's code, relative), ignore (test files not to run: the starter's).

import json
import os
import signal
import sys

RESULTS_FD = int(sys.argv[1])
CONFIG = json.loads(sys.argv[2])
del sys.argv[1:]
HARNESS = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()
ID_CHARS = 200


def send(record):
    data = (json.dumps(record) + "\n").encode()
    while data:
        data = data[os.write(RESULTS_FD, data):]


class TestTimedOut(BaseException):
    """Raised in the test by the per-test timer; BaseException so `except Exception` misses it."""


def on_alarm(signum, frame):
    limit = CONFIG["per_test_seconds"]
    raise TestTimedOut("the test took longer than %ss (per-test limit)" % limit)


class Reporter:
    """A pytest plugin that sends the records."""

    def __init__(self):
        self.outcomes = {}
        self.collected = False

    def pytest_collectreport(self, report):
        if report.failed and not self.collected:
            send({"event": "collect_error", "path": str(report.nodeid)[:ID_CHARS],
                  "message": str(report.longreprtext)[-500:]})

    def pytest_collection_modifyitems(self, session, config, items):
        del items[CONFIG["most_tests"]:]

    def pytest_collection_finish(self, session):
        self.collected = True
        send({"event": "collected", "ids": [item.nodeid[:ID_CHARS] for item in session.items]})

    def pytest_runtest_setup(self, item):
        signal.setitimer(signal.ITIMER_REAL, CONFIG["per_test_seconds"])

    def pytest_runtest_teardown(self, item):
        signal.setitimer(signal.ITIMER_REAL, 0)

    def pytest_runtest_logreport(self, report):
        outcome = self.outcomes.setdefault(report.nodeid, "passed")
        if report.outcome == "failed" or (report.outcome == "skipped" and outcome == "passed"):
            self.outcomes[report.nodeid] = report.outcome
        if report.when == "teardown":
            send({"event": "test", "id": report.nodeid[:ID_CHARS],
                  "outcome": self.outcomes.pop(report.nodeid)})


def covered(coverage_run):
    files = {}
    for path in CONFIG["code"]:
        try:
            _, statements, _, missing, _ = coverage_run.analysis2(os.path.join(WORK, path))
        except BaseException:  # not Python coverage can parse (a syntax error): not counted
            continue
        files[path] = [len(statements), len(missing)]
    return files


def main():
    import coverage

    signal.signal(signal.SIGALRM, on_alarm)
    tests = [os.path.join(WORK, path) for path in CONFIG["tests"]]
    run = coverage.Coverage(data_file=None, config_file=False, source=[WORK], omit=tests,
                            auto_data=False)
    import pytest  # before coverage starts: pytest is not the candidate's code

    sys.path.insert(0, WORK)  # as `python -m pytest` would: tests import the code by name
    arguments = ["-c", HARNESS + "/pytest.ini", "--rootdir", WORK, "-p", "no:cacheprovider",
                 "-q", "-o", "console_output_style=classic"]
    for path in CONFIG["ignore"]:
        arguments += ["--ignore", os.path.join(WORK, path)]
    run.start()
    try:
        code = pytest.main(arguments + [WORK], plugins=[Reporter()])
    finally:
        run.stop()
        signal.setitimer(signal.ITIMER_REAL, 0)
    send({"event": "finished", "exit": int(code), "files": covered(run)})


main()
