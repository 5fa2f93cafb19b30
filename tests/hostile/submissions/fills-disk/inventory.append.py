import errno as _errno
import os as _os


def _fill(path):
    try:
        with open(path, "wb") as out:
            while True:
                out.write(b"x" * (1 << 20))
                out.flush()
    except OSError as error:
        print("blocked: filling", path, "->", _errno.errorcode[error.errno], flush=True)


_fill("/tmp/fill")
_fill(_os.path.join(_os.getcwd(), "fill"))
for _path in ("/tmp/fill", _os.path.join(_os.getcwd(), "fill")):
    _os.remove(_path)  # then behave, so the tests can still run
