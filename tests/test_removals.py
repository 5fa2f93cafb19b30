"""Removing what the workers unpacked in the background (``worksample.removals``): in order,
past a failure, bounded, and finished before a batch returns."""

from __future__ import annotations

import threading
import time

from test_workers_batch import EMAIL, replies

from worksample.assignments import load
from worksample.batch import BatchOptions, grade_batch
from worksample.models import Status
from worksample.removals import Removals
from worksample.store import ResultStore
from worksample.workers import LimitedWorkers


def test_removals_run_in_order_past_a_failure_and_wait_waits_for_them():
    removals, done = Removals(), []

    def remove(name):
        time.sleep(0.01)
        if name == "b":
            raise OSError("busy")
        done.append(name)

    for name in "abcd":
        removals.later(remove, name)
    waiting = threading.Thread(target=removals.wait)
    waiting.start()
    waiting.join(5)
    assert not waiting.is_alive() and done == ["a", "c", "d"]


def test_a_caller_waits_while_too_many_removals_wait():
    removals, release, given = Removals(pending=1), threading.Event(), []
    removals.later(release.wait)  # taken by the thread, blocked
    removals.later(given.append, 1)  # waits in the queue, which is now full

    def third():
        removals.later(given.append, 2)
        given.append("given")

    caller = threading.Thread(target=third)
    caller.start()
    caller.join(0.2)
    assert caller.is_alive() and given == []  # blocked: the disk stays bounded
    release.set()
    caller.join(5)
    removals.wait()
    assert given in ([1, "given", 2], [1, 2, "given"])


class SlowRemovals(Removals):
    """Removals that take their time, as on a slow disk."""

    def later(self, remove, *args):
        def slowly(*args):
            time.sleep(0.2)
            remove(*args)

        super().later(slowly, *args)


def test_a_batch_returns_once_the_workers_folders_are_removed(tmp_path, registry):
    email = load(EMAIL, registry)
    sources = replies(tmp_path / "inbox")
    workdir = tmp_path / "work"
    workdir.mkdir()
    with LimitedWorkers(2) as workers:
        workers.removals = SlowRemovals()
        items = grade_batch(email, sources, workdir, registry,
                            ResultStore(tmp_path / "results.sqlite"), BatchOptions(jobs=2),
                            workers=workers)
        assert all(item.result.status == Status.GRADED for item in items)
        assert list(workdir.iterdir()) == []  # removed, in the background, before it returned
