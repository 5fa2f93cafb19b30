"""Grade many submissions at once: in parallel, skipping what the store already holds.

Each submission is taken in, looked up in the store by the assignment's version and its
content hash, and graded only when it is not there yet (or when asked to regrade, or to retry
a stored error). Results are saved one by one as they finish, so an interrupted batch loses
at most the submissions in flight, and running it again grades exactly those.

Unpacking, and reading a text submission, run in limited worker processes (one per job): a
hostile file costs its own submission, never the batch. A text submission is unpacked and
graded in one call (``grading.grade_submission`` given the keys the store holds for its
name): the grader's own part of it is little more than storing the result. A result that
cannot be stored is stored as ``error`` with the cause instead, and the batch goes on.

Ctrl-C stops dispatching, lets the submissions in flight finish (their containers are removed
as they end) and saves them; a second Ctrl-C abandons them, and the next grader to start
sweeps any container they leave.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from worksample.errors import WorksampleError
from worksample.grading import RetryPolicy, grade_submission, internal_error, unstorable
from worksample.intake import IntakeLimits, submission_id_for
from worksample.models import Assignment, GradeResult, Status, Submission, WorkingTime
from worksample.plugins import PluginRegistry
from worksample.store import ResultStore
from worksample.workers import LimitedWorkers


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs."""

    jobs: int = 1
    regrade: bool = False  # grade again what the store already holds
    retry_errors: bool = False  # grade again what the store holds as `error`
    retry: RetryPolicy = RetryPolicy(attempts=3)
    limits: IntakeLimits | None = None
    # the candidates' times the team recorded, by submission id (recorded_times.py)
    times: Mapping[str, WorkingTime] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchItem:
    """One submission's result, and whether it came from the store instead of grading."""

    source: Path
    result: GradeResult
    from_store: bool
    # a stored result given the time the team recorded since: saved again, not regraded
    retimed: bool = False


def grade_batch(
    assignment: Assignment,
    sources: Sequence[Path],
    workdir: Path,
    registry: PluginRegistry,
    store: ResultStore,
    options: BatchOptions,
    on_item: Callable[[BatchItem], None] = lambda item: None,
    workers: LimitedWorkers | None = None,
) -> list[BatchItem]:
    """Grade ``sources`` with ``options.jobs`` workers; save and report each as it finishes.

    Untrusted parsing runs in ``workers`` (by default, a pool of ``options.jobs`` under the
    assignment's host limits, made for this batch)."""
    sources = sources if isinstance(sources, Sources) else checked_sources(sources)
    finished: dict[Future, BatchItem] = {}

    def finish(future: Future) -> None:
        """Save and report one; again after Ctrl-C cut it short (saving twice is harmless)."""
        if future in finished:
            return
        item = future.result()
        if not item.from_store or item.retimed:
            item = saved(item, store)
        finished[future] = item
        on_item(item)

    def one(source: Path) -> BatchItem:
        try:
            return _grade_one(assignment, source, workdir, registry, store, options, workers)
        except Exception as error:  # a bug of ours must cost one submission, not the batch
            return BatchItem(source, internal_error(assignment, source, error), from_store=False)

    jobs = max(options.jobs, 1)
    # A type graded in the workers keeps them busy only with a call queued for each while
    # the grader does its part (the store, the next unpacking): twice as many threads.
    threads = 2 * jobs if registry.assignment_type(assignment.type).grades_in_worker else jobs
    with ExitStack() as stack:
        if workers is None:
            workers = stack.enter_context(LimitedWorkers(jobs, assignment.spec.host_limits))
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=threads))
        futures = [pool.submit(one, source) for source in sources]
        try:
            for future in as_completed(futures):
                finish(future)
        except KeyboardInterrupt:
            in_flight = [f for f in futures if f not in finished and not f.cancel()]
            print(f"worksample: stopping; finishing the {len(in_flight)} submission(s) in "
                  "flight (Ctrl-C again to abandon them)", file=sys.stderr)
            for future in in_flight:
                try:
                    finish(future)
                except CancelledError:
                    pass
            raise
    return list(finished.values())


def saved(item: BatchItem, store: ResultStore) -> BatchItem:
    """``item`` once stored, with the fingerprints its result carries (made by the worker that
    graded it) in the same transaction; if its result cannot be stored, an ``error`` result
    saying why is stored (and returned) in its place, so one result never costs the rest of
    the batch."""
    try:
        try:
            store.save(item.result, fingerprints=item.result.fingerprints)
        except Exception:
            if item.result.fingerprints is None:
                raise
            store.save(item.result)  # evidence never costs the grade: made again later
        return item
    except Exception as error:
        failed = unstorable(item.result, error)
        store.save(failed)
        return BatchItem(item.source, failed, from_store=False)


def _grade_one(assignment: Assignment, source: Path, workdir: Path, registry: PluginRegistry,
               store: ResultStore, options: BatchOptions, workers: LimitedWorkers) -> BatchItem:
    from_store: list[GradeResult] = []
    graded_again: list[GradeResult] = []

    def stored_result(submission: Submission) -> GradeResult | None:
        stored = store.get(assignment.version, submission.id, submission.content_hash)
        if stored is not None and not grade_again(stored, options):
            from_store.append(stored)
            return stored
        if stored is not None:
            graded_again.append(stored)
        return None

    recorded = options.times.get(submission_id_for(source))
    result = grade_submission(assignment, source, workdir, registry, options.limits,
                              options.retry, workers, kept=stored_result, recorded=recorded,
                              kept_keys=lambda name: store.keys(assignment.version, name))
    earlier = graded_again[0].working_time if graded_again else None
    if recorded is None and earlier is not None and earlier.source == "recorded":
        # the team's record outlives a regrade that was not given it again
        result = result.model_copy(update={"working_time": earlier})
    return BatchItem(source, result, from_store=bool(from_store),
                     retimed=bool(from_store) and result.working_time
                     != from_store[0].working_time)


def grade_again(stored: GradeResult, options: BatchOptions) -> bool:
    """Whether a stored result is graded again rather than kept (``--regrade``,
    ``--retry-errors``)."""
    return options.regrade or (options.retry_errors and stored.status == Status.ERROR)


class Sources(tuple):
    """Submission paths already checked by ``checked_sources``: ``grade_batch`` does not
    check them again."""


def checked_sources(sources: Sequence[Path]) -> Sources:
    """``sources``, once no two different ones would be stored under the same submission name
    (``drive1/alice.zip`` and ``drive2/alice.zip``); a WorksampleError naming them otherwise.
    A command checks before it opens the store, so a refusal leaves nothing behind: the
    store, the results table and the export tell candidates apart by that name."""
    by_name: dict[str, set[Path]] = {}
    for source in sources:
        by_name.setdefault(submission_id_for(source), set()).add(source.resolve())
    shared = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    if shared:
        clashes = "; ".join(f"{name!r}: {', '.join(sorted(map(str, paths)))}"
                            for name, paths in sorted(shared.items()))
        raise WorksampleError(
            f"different submissions would get the same name ({clashes}). A submission's name "
            "is its file or folder name without .zip or .tar.gz, and it tells candidates apart "
            "in the store and the reports: rename them so each has its own. Nothing was graded")
    return Sources(sources)
