# Hostile submission 'long-changed-paths' for recorded mode (tests/hostile/recorded/README.md).
# The partial code (sample: examples/expense-ledger/partial), then the attack.

# ---- the attack -------------------------------------------------------------------------
# The supervisor's summary names at most 50 paths that changed in the sealed folders, but
# not how long they are. At import, this makes, inside the hidden cases' folder, 14 nested
# folders and 40 files, each named with 250 bytes that are not UTF-8 (so that each becomes
# a six-byte escape, "\udcff", in the summary's JSON): the 50 paths the summary lists come
# to some 950 KB, past all that the host keeps of the container's output. The summary is
# lost, and with it the flag (hidden-tests-modified) it would have raised: the host calls a
# run with no summary a failure of the machinery.
import os

_NAME = b"\xff" * 250
_folder = b"/sandbox/tests"
for _ in range(14):
    _folder = os.path.join(_folder, _NAME)
    os.mkdir(_folder)
for _number in range(40):
    with open(os.path.join(_folder, _NAME[:-3] + b"%03d" % _number), "w") as _file:
        _file.write("x")
