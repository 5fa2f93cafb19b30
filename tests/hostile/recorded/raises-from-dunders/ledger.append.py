# Hostile submission 'raises-from-dunders' for recorded mode (tests/hostile/recorded/README.md).
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
# In the failed cases, returns and raises objects whose special methods raise: __repr__,
# __str__, __eq__, __hash__, __len__, __iter__ and __del__ of a value; an exception whose
# __str__ and __repr__ raise; an exception class whose metaclass makes __mro__, __name__ and
# __qualname__ raise (in the last case: the runner itself calls them); and a value whose
# __del__ raises SystemExit when it is collected.


class _Bad(Exception):
    pass


def _raise(*args, **kwargs):
    raise _Bad("from a special method")


class Booby:
    __repr__ = __str__ = __eq__ = __hash__ = __len__ = __iter__ = _raise

    def __del__(self):
        raise SystemExit(3)


class _BadMeta(type):
    def __getattribute__(cls, name):
        if name in ("__mro__", "__name__", "__qualname__"):
            raise _Bad("no " + name)
        return super().__getattribute__(name)


class BadError(Exception, metaclass=_BadMeta):
    __str__ = __repr__ = _raise


class UnprintableError(Exception):
    __str__ = __repr__ = _raise


def _trap(case):
    if case == "settle_does_not_change_the_ledger":  # the last case the runner runs
        raise BadError()
    if case in ("same_expense_again_is_a_no_op", "bad_amounts_are_refused"):
        raise UnprintableError()
    if case == "largest_debtor_pays_largest_creditor":
        return [Booby(), (Booby(),)]
    return Booby()


def _booby_trapped(method):
    def wrapper(self, *args, **kwargs):
        case = running_case()
        if case not in FAILED:
            return method(self, *args, **kwargs)
        return _trap(case)
    return wrapper


for _name in ("add", "balances", "settle", "history"):
    setattr(Ledger, _name, _booby_trapped(getattr(Ledger, _name)))
