"""The attached streams of a running container: its input written against a deadline, its
output read live and capped (the daemon keeps no logs)."""

from __future__ import annotations

import os
import select
import threading
import time

from docker.utils.socket import STDERR, STDOUT, frames_iter


class OutputReader(threading.Thread):
    """Reads the container's stdout and stderr until they close, keeping at most ``cap`` each.

    It keeps reading past the cap (and drops the rest) so that a flood cannot block the run.
    """

    def __init__(self, stream, cap: int):
        super().__init__(daemon=True)
        self.stream, self.cap = stream, cap
        self.kept = {STDOUT: bytearray(), STDERR: bytearray()}
        self.dropped = {STDOUT: 0, STDERR: 0}

    def run(self) -> None:
        """Read frames until the stream ends or closes."""
        try:
            for channel, data in frames_iter(self.stream, tty=False):
                kept = self.kept.setdefault(channel, bytearray())
                room = max(self.cap - len(kept), 0)
                kept.extend(data[:room])
                self.dropped[channel] = self.dropped.get(channel, 0) + max(len(data) - room, 0)
        except OSError:
            pass  # the stream closed under us: the container is gone


def send(stream, data: bytes, deadline: float) -> None:
    """Write ``data`` to the container's stdin, giving up at ``deadline`` (the wall clock)."""
    # The SDK hands back the attach socket opened for reading; write through its descriptor.
    descriptor = stream.fileno()
    view = memoryview(data)
    try:
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([], [descriptor], [], remaining)[1]:
                return  # it is not reading its input: the wall clock will end the run
            view = view[os.write(descriptor, view[: 1 << 16]) :]
    except (BrokenPipeError, ConnectionResetError):
        pass  # the process exited without reading all of its input; its outcome says why
