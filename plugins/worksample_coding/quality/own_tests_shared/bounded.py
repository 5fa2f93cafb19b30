# What the own-tests runners of Node and Go share, sent beside each of them (own_tests.py):
# writing a record whole on the results descriptor, and running a command until it ends or a
# deadline, its output read up to a size and whatever it left running killed.

import json
import os
import selectors
import signal
import subprocess
import time


def send(results_fd, record):
    """Write one record on the results descriptor, whole."""
    data = (json.dumps(record) + "\n").encode()
    while data:
        data = data[os.write(results_fd, data):]


def run_until(command, deadline, max_output, **options):
    """``command``'s output (at most ``max_output`` bytes), read until it ends or the
    monotonic ``deadline``; and whether the deadline stopped it. Its process group is killed
    either way."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               start_new_session=True, **options)
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    output, stopped = b"", False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            stopped = True
            break
        if not selector.select(timeout=min(left, 0.5)):
            continue
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            break
        output += chunk[:max_output - len(output)]
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()
    return output, stopped
