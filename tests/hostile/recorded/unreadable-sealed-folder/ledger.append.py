# Hostile submission 'unreadable-sealed-folder' for recorded mode (tests/hostile/recorded/README.md).
# The partial code (sample: examples/expense-ledger/partial), then the attack.

# ---- the attack -------------------------------------------------------------------------
# At import, makes a folder inside the sealed hidden cases (the sandbox user owns the files
# the supervisor unpacked), puts a file in it, and takes away the folder's search
# permission (mode 0600: its names can be listed, not looked up). At the end of the run, the
# supervisor's snapshot of the sealed folders lists the file and cannot ``lstat`` it: a
# PermissionError ends PID 1 before it writes its summary, and the host calls a run with no
# summary a failure of the machinery. Nothing else changes; the cases run as they would.
import os

_FOLDER = "/sandbox/tests/zz-unreadable"
os.makedirs(_FOLDER, exist_ok=True)
with open(os.path.join(_FOLDER, "f"), "w") as _file:
    _file.write("x")
os.chmod(_FOLDER, 0o600)
