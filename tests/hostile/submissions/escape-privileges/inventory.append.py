from escape_probe import attempt as _attempt
import ctypes as _ctypes
import os as _os

_libc = _ctypes.CDLL(None, use_errno=True)


def _call(label, result):
    if result != 0:
        raise OSError(_ctypes.get_errno(), label)


_attempt("setuid 0", lambda: _os.setuid(0))
_attempt("setgid 0", lambda: _os.setgid(0))
_attempt("unshare user namespace", lambda: _call("unshare", _libc.unshare(0x10000000)))
_attempt("ptrace attach pid 1", lambda: _call("ptrace", _libc.ptrace(16, 1, None, None)))
_attempt("mount tmpfs", lambda: _call("mount", _libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)))
_attempt("chroot /", lambda: _os.chroot("/"))
for _signal in (2, 15, 9):  # SIGINT, SIGTERM, SIGKILL at the supervisor: grading must go on
    _os.kill(1, _signal)
print("sent SIGINT, SIGTERM and SIGKILL to pid 1", flush=True)
