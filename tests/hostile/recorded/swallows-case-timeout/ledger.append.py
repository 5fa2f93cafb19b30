# Hostile submission 'swallows-case-timeout' for recorded mode (tests/hostile/recorded/README.md).
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
# Keeps the per-case timer from stopping it: the runner's SIGALRM handler is never installed
# (``signal.signal`` patched in the runner), the timer is cancelled, and the CaseTimedOut
# exception is swallowed if it comes anyway. Two failed cases then spend longer than the
# per-case limit (1 s in the test) before returning.
import signal
import time

_real_signal = signal.signal


def _signal(number, handler):
    if number == signal.SIGALRM:
        return _real_signal(number, lambda *args: None)
    return _real_signal(number, handler)


RUNNER["signal"] = type("signal", (), {"signal": staticmethod(_signal),
                                       "setitimer": staticmethod(signal.setitimer),
                                       "SIGALRM": signal.SIGALRM,
                                       "ITIMER_REAL": signal.ITIMER_REAL})
_real_balances = Ledger.balances


def _balances(self):
    if running_case() in ("leftover_cents_go_to_largest_remainders", "bad_amounts_are_refused"):
        signal.setitimer(signal.ITIMER_REAL, 0)
        until = time.monotonic() + 1.3
        while time.monotonic() < until:
            try:
                time.sleep(0.05)
            except BaseException:  # CaseTimedOut, if it comes anyway
                pass
    return _real_balances(self)


Ledger.balances = _balances
