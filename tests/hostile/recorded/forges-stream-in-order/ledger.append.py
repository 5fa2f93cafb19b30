# Hostile submission 'forges-stream-in-order' for recorded mode (tests/hostile/recorded/README.md).
# The starter code (assignments/expense-ledger/starter), then the attack.

# ---- the attack -------------------------------------------------------------------------
# Forges the whole result stream in perfect protocol order, then leaves before the runner
# can write anything. When the runner announces its cases, this takes over: it runs every
# case with its own recorder, which guesses None wherever the code is unfinished, writes one
# ``test`` record per case and ``finished`` straight onto the results pipe (found through
# /proc/self/fd), and ends the process with os._exit(0). No protocol rule is broken.
import json
import os
import sys


def _results_fd():
    out = os.readlink("/proc/self/fd/1")
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        try:
            target = os.readlink("/proc/self/fd/" + name)
        except OSError:
            continue
        if target.startswith("pipe:") and target != out:
            return int(name)


def _runner():
    frame = sys._getframe()
    while not frame.f_globals.get("__file__", "").endswith("/harness/runner.py"):
        frame = frame.f_back
    return frame.f_globals


FD, RUNNER = _results_fd(), _runner()
import worksample_cases  # noqa: E402 (already loaded by the runner)


class GuessingRecorder(worksample_cases.Recorder):
    def __call__(self, label, call, **tolerance):
        try:
            value = call()
        except NotImplementedError:
            value = None  # a guess: most calls of an unfinished ledger return None
        except BaseException as error:
            self._add(label, worksample_cases.raised(error), tolerance)
            return error
        self._add(label, self._typed(value), tolerance)
        return value


def _write(record):
    os.write(FD, (json.dumps(record) + "\n").encode())


def _take_over(record):
    _write(record)  # the runner's own "collected": every case id, in order
    for module, name, function, weight, criterion in worksample_cases.CASES:
        recorder = GuessingRecorder()
        try:
            function(recorder)
        except BaseException:
            pass  # record what was seen, and no sign that the case stopped
        _write({"event": "test", "id": module + ".py::" + name, "weight": weight,
                "criterion": criterion, "observations": recorder.observations})
    _write({"event": "finished"})
    os._exit(0)


RUNNER["send"] = _take_over
