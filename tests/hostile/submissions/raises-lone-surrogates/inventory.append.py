# Lone surrogates through every door from the sandbox to the store: printed at import (the
# output head), and in the message of every exception the hidden tests see. Before, one of
# them made saving the result raise outside the per-submission guard: the batch died, and
# every rerun died again on this submission.
import sys as _sys

_sys.stdout.buffer.write(b"broken \xed\xa0\x80 bytes\n")
_sys.stdout.flush()
print("lone \udcff surrogate", flush=True, file=_sys.stderr)


class Inventory:  # noqa: F811 (replaces the starter's on purpose)
    def __init__(self, *args, **kwargs):
        raise ValueError("stock \udcff\ud800 gone")
