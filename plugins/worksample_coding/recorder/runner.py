# The recorded mode's runner: it runs the hidden cases (worksample_cases.py) against the code
# in the current folder and writes, per case, what that code returned. It decides nothing: the
# same cases run against the reference solution in a trusted run, and the host compares the
# two recordings, so the reference's values never enter this container.
#
# The code under test runs in a process of its own (candidate.py), forked before any of it is
# imported, holding no results channel; the cases reach it through proxies (remote.py). So
# what is recorded is what that code answered to the calls the cases made: it cannot write a
# record, patch the recorder, or answer a call it was not given. This process makes itself
# undumpable once the candidate's process is forked, so that one cannot read its memory or
# descriptors through /proc, nor trace it.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; /sandbox/tests holds the cases.

import ctypes
import importlib
import json
import os
import signal
import socket
import sys

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])
del sys.argv[1:]
CASES_FOLDER = "/sandbox/tests"
HARNESS = "/sandbox/harness"
WORK = os.getcwd()
sys.path[:0] = [HARNESS]

import remote  # noqa: E402 (after the path is set)
import worksample_cases  # noqa: E402
from worksample_cases import CASE_ITSELF, CaseTimedOut, Recorder, raised  # noqa: E402


def forget_the_cases():
    """In a candidate's process forked after the cases were loaded (a restart): drop the
    proxies and the cases, so that importing the submission imports it."""
    sys.meta_path[:] = [finder for finder in sys.meta_path
                        if not isinstance(finder, remote.CandidateModules)]
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None) or ""
        if isinstance(module, remote.RemoteModule) or where.startswith(CASES_FOLDER + "/"):
            del sys.modules[name]


def start_candidate():
    """Fork the candidate's process: it keeps only its end of a socket pair (and the output
    pipe the supervisor reads), and imports nothing of the submission until asked."""
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        try:
            ours.close()
            os.closerange(3, theirs.fileno())
            os.closerange(theirs.fileno() + 1, os.sysconf("SC_OPEN_MAX"))
            forget_the_cases()
            sys.path[:] = [entry for entry in sys.path if entry != CASES_FOLDER] + [WORK]
            import candidate

            candidate.serve(theirs, CONFIG["max_line"])
        finally:
            for stream in (sys.stdout, sys.stderr):  # what it printed reaches the result
                try:
                    stream.flush()
                except BaseException:  # noqa: B036
                    pass
            os._exit(0)
    theirs.close()
    return pid, ours


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


def run_case(case_id, function, weight, criterion, connection):
    record = Recorder(CONFIG["max_line"])
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, CONFIG["per_case_seconds"])
    try:
        function(record)
    except CaseTimedOut:
        signal.setitimer(signal.ITIMER_REAL, 0)
        record.observations.append({"label": CASE_ITSELF, "value": {
            "unrecorded": "the case took longer than %gs" % CONFIG["per_case_seconds"]}})
        connection.restart()  # its answer to the call that hung would come out of turn
    except BaseException as error:  # noqa: B036 (the case stopped: that is an observation too)
        record.observations.append({"label": CASE_ITSELF, "value": raised(error)})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    send({"event": "test", "id": case_id, "weight": weight, "criterion": criterion,
          "observations": record.observations})


def main():
    connection = remote.Connection(start_candidate, CONFIG["max_line"])
    ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE=0, now that it is forked
    sys.meta_path.append(remote.CandidateModules(WORK, connection))
    sys.path.append(CASES_FOLDER)  # the cases and their helpers, never the submission
    cases = load_cases()
    send({"event": "collected", "ids": [case_id for case_id, *_ in cases]})
    for case_id, function, weight, criterion in cases:
        run_case(case_id, function, weight, criterion, connection)
    send({"event": "finished"})


main()
