import os as _os
import time as _time

if _os.fork() == 0:
    _os.setsid()  # leave the runner's process group
    if _os.fork() == 0:
        _os.closerange(0, 256)  # let go of every pipe, like a real daemon
        while True:  # tries to outlive the run
            with open("/tmp/daemon-alive", "w") as _beat:
                _beat.write(str(_time.time()))
            _time.sleep(0.1)
    _os._exit(0)
