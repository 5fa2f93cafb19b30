# ---- the attack -------------------------------------------------------------------------
# The code under test runs in a process of its own; the recorder is its parent. Try to read
# the recorder's memory and descriptors (to write records on its results pipe, or to patch
# it) and to trace it. The recorder made itself undumpable, so /proc refuses.
import os as _os

_parent = _os.getppid()
for _what in ("mem", "fd", "environ", "maps"):
    try:
        if _what == "fd":
            _found = _os.listdir("/proc/%d/fd" % _parent)
        else:
            with open("/proc/%d/%s" % (_parent, _what), "rb") as _file:
                _found = _file.read(64)
        print("ESCAPE-OK: read the recorder's %s: %r" % (_what, _found))
    except OSError as _error:
        print("blocked: the recorder's %s: %s" % (_what, type(_error).__name__))
try:
    import ctypes as _ctypes

    _ptrace = _ctypes.CDLL(None, use_errno=True).ptrace
    _result = _ptrace(16, _parent, 0, 0)  # PTRACE_ATTACH
    print(("ESCAPE-OK: traced the recorder" if _result == 0 else "blocked: ptrace"))
except OSError:
    print("blocked: ptrace")
