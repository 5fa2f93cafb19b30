# The recorded mode's runner: it runs the hidden cases (worksample_cases.py) against the code
# in the current folder and writes, per case, what that code returned. It decides nothing: the
# same cases run against the reference solution in a trusted run, and the host compares the
# two recordings. Candidate code runs in this process and can rewrite anything here; what it
# cannot do is learn the reference's values, which never enter this container.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; /sandbox/tests holds the cases.

import importlib
import json
import os
import signal
import sys

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])
del sys.argv[1:]
CASES_FOLDER = "/sandbox/tests"
sys.path[:0] = ["/sandbox/harness", CASES_FOLDER]
sys.path.append(os.getcwd())  # the code under test, after the standard library

import worksample_cases  # noqa: E402 (after the path is set)
from worksample_cases import CASE_ITSELF, CaseTimedOut, Recorder, raised  # noqa: E402


def send(record):
    line = json.dumps(record)
    if len(line) > CONFIG["max_line"] and record.get("event") == "test":
        too_long = "the case recorded more than %d bytes" % CONFIG["max_line"]
        record["observations"] = [{"label": "(recording)", "value": {"unrecorded": too_long}}]
        line = json.dumps(record)
    RESULTS.write(line + "\n")
    RESULTS.flush()


def on_alarm(signum, frame):
    raise CaseTimedOut()


def load_cases():
    """Import every module of the cases folder; a module that cannot import (it usually
    imports the submission) is a collection error, and its cases are not run."""
    names = sorted(name[:-3] for name in os.listdir(CASES_FOLDER)
                   if name.endswith(".py") and not name.startswith("_"))
    for name in names:
        try:
            importlib.import_module(name)
        except BaseException as error:  # noqa: B036 (whatever the submission raises or exits with)
            message = "%s: %s" % (type(error).__name__, error)
            send({"event": "collect_error", "path": name + ".py",
                  "message": message[-CONFIG["message_chars"]:]})
    return [(module + ".py::" + name, function, weight, criterion)
            for module, name, function, weight, criterion in worksample_cases.CASES]


def run_case(case_id, function, weight, criterion):
    record = Recorder(CONFIG["max_line"])
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, CONFIG["per_case_seconds"])
    try:
        function(record)
    except CaseTimedOut:
        record.observations.append({"label": CASE_ITSELF, "value": {
            "unrecorded": "the case took longer than %gs" % CONFIG["per_case_seconds"]}})
    except BaseException as error:  # noqa: B036 (the case stopped: that is an observation too)
        record.observations.append({"label": CASE_ITSELF, "value": raised(error)})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    send({"event": "test", "id": case_id, "weight": weight, "criterion": criterion,
          "observations": record.observations})


def main():
    cases = load_cases()
    send({"event": "collected", "ids": [case_id for case_id, *_ in cases]})
    for case_id, function, weight, criterion in cases:
        run_case(case_id, function, weight, criterion)
    send({"event": "finished"})


main()
