import os as _os

_chunk = b"flood " * 10922 + b"\n"
for _ in range(1600):  # about 100 MB on each of stdout and stderr
    _os.write(1, _chunk)
    _os.write(2, _chunk)
