import os as _os

_os.makedirs("/tmp/tiny", exist_ok=True)
_count = 0
try:
    while True:
        with open("/tmp/tiny/%d" % _count, "w"):
            pass
        _count += 1
except OSError as _error:
    print("blocked: tiny files after", _count, _error, flush=True)
