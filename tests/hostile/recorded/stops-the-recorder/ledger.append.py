# ---- the attack -------------------------------------------------------------------------
# Stop the recorder (the parent process) so that it never writes what the code got wrong:
# it ends at the wall clock, and the cases it had not recorded are failed.
import os as _os
import signal as _signal

_os.kill(_os.getppid(), _signal.SIGSTOP)
