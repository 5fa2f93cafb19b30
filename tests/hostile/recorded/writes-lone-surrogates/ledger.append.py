# Hostile submission 'writes-lone-surrogates' for recorded mode (tests/hostile/recorded/README.md).
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
# Through ``send``, the failed cases record strings that are not valid Unicode: lone
# surrogates in labels, dict keys and values, and a raised exception's name. The host must
# compare, store and show them without failing.


def _change(record):
    for observation in record["observations"]:
        observation["label"] += "\ud800"
        observation["value"] = {"dict": [[{"str": "ana\udfff"}, {"str": "\ud83d"}]]}
    record["observations"].append({"label": "\udc00", "value": {
        "raised": {"name": "Value\ud800Error", "bases": ["\udfff"]}}})


rewrite_failed_cases(_change)
