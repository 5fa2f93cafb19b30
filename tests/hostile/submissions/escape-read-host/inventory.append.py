from escape_probe import attempt as _attempt
import os as _os


def _read(path):
    with open(path, "rb") as source:
        source.read(1)


for _path in ("/etc/shadow", "/proc/1/environ", "/proc/1/mem", "/proc/1/fd/0",
              "/var/run/docker.sock", "/work/main/README.md", "/root/.bash_history",
              "/proc/kcore"):
    _attempt("read " + _path, lambda: _read(_path))
_attempt("list /proc/1/fd", lambda: _os.listdir("/proc/1/fd"))
