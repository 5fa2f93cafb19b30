from escape_probe import attempt as _attempt
import os as _os


def _write(path):
    with open(path, "a") as out:
        out.write("pwned\n")


for _path in ("/etc/passwd", "/usr/lib/python3/dist-packages/pytest/__init__.py",
              "/usr/lib/python3/dist-packages/worksample.pth", "/etc/hosts", "/root/x",
              "/proc/sys/kernel/core_pattern", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
    _attempt("write " + _path, lambda: _write(_path))
_attempt("mknod /tmp/disk", lambda: _os.mknod("/tmp/disk", 0o600 | 0o060000, _os.makedev(8, 0)))
_attempt("exec from tmpfs", lambda: (_write("/tmp/run.sh"), _os.chmod("/tmp/run.sh", 0o755),
                                 _os.execv("/tmp/run.sh", ["/tmp/run.sh"])))
