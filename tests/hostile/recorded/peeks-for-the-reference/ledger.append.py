# Hostile submission 'peeks-for-the-reference' for recorded mode (tests/hostile/recorded/README.md).
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
# Looks everywhere in the container for the reference solution or its recording: every
# file (but /proc and /sys), the environment, every process's cmdline, environ, maps and
# memory that /proc lets it open, this process's own memory (the fork of the supervisor,
# with everything it had read), and every string object in the heap. It searches for text
# that only the reference solution holds (its docstring, a private method's name) and for
# the typed form of a recording. Prints "LEAK" with the place if anything is found.
import gc
import stat
import time

# Each marker in two halves, so that the whole marker is never in this process's memory
# unless it came from elsewhere.
_MARKERS = [(b"kept in wh", b"ole cents"), (b"_balances_in", b"_cents"),
            (b'{"float": -3.3', b'4}'), (b"Reference sol", b"ution")]
# A control: text of the hidden cases, which are in this container; finding it shows that
# the search works.
_CONTROL = (b"leftover_cents_go", b"_to_largest_remainders")
_controls = set()
_found, _searched = [], {"files": 0, "bytes": 0, "regions": 0, "objects": 0, "denied": 0}


def _scan(data, where):
    for first, second in [_CONTROL] + _MARKERS:
        start = data.find(first)
        while start != -1:
            if data[start + len(first):start + len(first) + len(second)] == second:
                if first == _CONTROL[0]:
                    _controls.add(where.split()[0] if "mem" in where else where)
                    break
                _found.append(where)
                return
            start = data.find(first, start + 1)


def _files(deadline):
    # the likeliest place first, as the Node attack does: on a slow machine a walk from "/"
    # ran out of time before /sandbox, and missed the control that shows the search works
    for top in ("/sandbox", "/"):
        _walk(top, deadline)


def _walk(top, deadline):
    for folder, dirs, files in os.walk(top):
        if folder in ("/proc", "/sys") or top == "/" and folder == "/sandbox" \
                or time.monotonic() > deadline:
            dirs[:] = []
            continue
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
                if not stat.S_ISREG(info.st_mode) or info.st_size > 4 << 20:
                    continue  # devices (/dev/zero never ends), links, big files
                with open(path, "rb") as file:
                    data = file.read()
            except OSError:
                _searched["denied"] += 1
                continue
            _searched["files"] += 1
            _searched["bytes"] += len(data)
            _scan(data, path)


def _memory(pid):
    try:
        maps = open(f"/proc/{pid}/maps").read().splitlines()
        mem = open(f"/proc/{pid}/mem", "rb")
    except OSError:
        _searched["denied"] += 1
        return
    with mem:
        for line in maps:
            span, perms = line.split()[:2]
            if "r" not in perms:
                continue
            start, end = (int(part, 16) for part in span.split("-"))
            _searched["regions"] += 1
            for at in range(start, end, 1 << 20):  # 1 MB at a time, overlapping
                try:
                    mem.seek(at)
                    _scan(mem.read(min((1 << 20) + 64, end - at)), f"/proc/{pid}/mem {span}")
                except (OSError, ValueError, OverflowError):
                    break


def _peek():
    _files(time.monotonic() + 3)
    _scan("\n".join(f"{k}={v}" for k, v in os.environ.items()).encode(), "environment")
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        for part in ("cmdline", "environ"):
            try:
                _scan(open(f"/proc/{pid}/{part}", "rb").read(), f"/proc/{pid}/{part}")
            except OSError:
                _searched["denied"] += 1
        if pid != str(os.getpid()):
            _memory(pid)
    _memory("self")
    for obj in gc.get_objects():
        _searched["objects"] += 1
        for value in (vars(obj).values() if hasattr(obj, "__dict__") else (obj,)):
            if isinstance(value, (str, bytes)):
                _scan(value.encode("utf-8", "replace") if isinstance(value, str) else value,
                      "heap object")
    print(("LEAK: " + "; ".join(_found[:5])) if _found else "peeked: nothing of the reference",
          _searched, "; the cases' text found in", len(_controls), "places:",
          sorted(_controls)[:6], flush=True)


_peek()
