"""Writing a large report's pages in two processes: half in a forked child, half here.

Most of a 1,000-candidate report is per page and independent: rendering three files and
creating them, which on the benchmarks' machine is about 0.2 ms of kernel time a file. One
process uses one core; a forked child writing the second half of the pages uses the second
(issue 22: 1.06-1.27 s instead of 1.63-2.05 s for the 3,000 page files on 2 cores).

Fork, not spawn: the child inherits the rendered report and the loaded templates, and starts
in milliseconds. It is used only where it is safe and pays: on a system that forks, with a
second core for this process, no other thread running (a fork copies a lock another thread
holds), and enough pages. The child only writes files, and ends without running any exit
handler of the parent's (``multiprocessing`` ends it with ``os._exit``).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable

from worksample.errors import WorksampleError

MIN_PAGES = 200  # below this, starting a child costs about what it saves


def worth_a_child(pages: int) -> bool:
    """Whether writing ``pages`` pages in two processes is safe here and likely faster."""
    if pages < MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= 2 and threading.active_count() == 1


def in_two_processes(here: Callable[[], None], there: Callable[[], None]) -> None:
    """Run ``there`` in a forked child while ``here`` runs in this process; return when both
    are done. An error in either is raised here (this process's first); if this side fails,
    the child is stopped."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            there()
            send.send(None)
        except BaseException as error:  # Ctrl-C included: the parent decides
            send.send(WorksampleError(f"writing the report's second half of the pages: "
                                      f"{type(error).__name__}: {error}"))

    process = context.Process(target=child, name="worksample-report-half")
    process.start()
    send.close()
    try:
        here()
    except BaseException:
        process.terminate()
        process.join()
        raise
    try:
        error = receive.recv()
    except EOFError:  # the child died without a word (killed, out of memory)
        process.join()
        error = WorksampleError("the process writing the report's second half of the pages "
                                f"ended with exit code {process.exitcode}")
    finally:
        receive.close()
    process.join()
    if error is not None:
        raise error
