import ctypes as _ctypes
import os as _os

_libc = _ctypes.CDLL(None, use_errno=True)


def _try(label, action):
    try:
        action()
        print("ESCAPE-OK:", label, flush=True)
    except OSError as error:
        print("blocked:", label, type(error).__name__, flush=True)


def _call(label, result):
    if result != 0:
        raise OSError(_ctypes.get_errno(), label)


_try("setuid 0", lambda: _os.setuid(0))
_try("setgid 0", lambda: _os.setgid(0))
_try("unshare user namespace", lambda: _call("unshare", _libc.unshare(0x10000000)))
_try("ptrace attach pid 1", lambda: _call("ptrace", _libc.ptrace(16, 1, None, None)))
_try("mount tmpfs", lambda: _call("mount", _libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)))
_try("chroot /", lambda: _os.chroot("/"))
for _signal in (2, 15, 9):  # SIGINT, SIGTERM, SIGKILL at the supervisor: grading must go on
    _os.kill(1, _signal)
print("sent SIGINT, SIGTERM and SIGKILL to pid 1", flush=True)
