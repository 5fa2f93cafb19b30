"""Removing what intake unpacked, off the path of the next submission.

Removing a folder costs little CPU but can wait on the disk: on an ext4 file system mounted
with ``discard`` (this project's benchmark machine), removing a reply submission's folder took
0.7-1.0 ms of wall clock for 0.12 ms of CPU, while the worker that did it could have graded
(benchmarks/README.md, issue 27). The grader hands such removals to one background thread
instead; a batch waits for them before it returns, so nothing it unpacked outlives it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

PENDING = 8  # removals waiting at most: past them, the caller waits (the disk stays bounded)


class Removals:
    """Calls (removals) run one after another by a thread of their own, in the order given.

    Safe to use from many threads. ``later`` blocks while ``pending`` calls wait, so a disk
    slower than the grading cannot fill up with folders waiting to go."""

    def __init__(self, pending: int = PENDING):
        self._queue: queue.Queue = queue.Queue(maxsize=pending)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def later(self, remove: Callable[..., object], *args: object) -> None:
        """Run ``remove(*args)`` in the background; its exceptions are dropped (a removal
        that fails must not stop the ones after it; ``intake.discard`` ignores its own)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="worksample-removals")
                self._thread.start()
        self._queue.put((remove, args))

    def wait(self) -> None:
        """Return once every call given so far has run."""
        self._queue.join()

    def _run(self) -> None:
        while True:
            remove, args = self._queue.get()
            try:
                remove(*args)
            except Exception:  # noqa: S110 (see ``later``)
                pass
            finally:
                self._queue.task_done()
