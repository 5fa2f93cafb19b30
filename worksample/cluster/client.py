"""The command's side of a cluster batch: connect, check the workers, send, store.

``connect`` reaches the scheduler and checks every worker's worksample version before
anything is graded; a scheduler that does not answer, a cluster with no worker, or a worker
of another version is one WorksampleError (exit code 2).

``grade_on_cluster`` is ``batch.grade_batch`` with Dask's workers in place of this
machine's threads. The assignment is sent once, as a task whose value each worker fetches
once; each coding submission is a task of its own holding its bytes, and the submissions
of a type graded in the limited workers (text) go ``TEXT_PER_TASK`` to a task. A window of
twice the cluster's threads in tasks is in flight, so a batch of thousands is never held in
memory at once.
Results are saved here, one by one as they come back: Dask hands each task's result over
once, and a task whose worker died is run again on another, so a killed worker loses
nothing and nothing is stored twice. A task that fails (a worker of another version, the
cluster killing the workers it runs on) is stored as ``error``, which ``--retry-errors``
grades again.

Ctrl-C cancels every task not finished on the cluster, saves those that finished, and
raises KeyboardInterrupt for the command to exit 130. A scheduler lost during the batch is
a WorksampleError saying how many results came back (they are stored; nothing is stored for
the submissions in flight), and the same command grades the rest.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from worksample import __version__
from worksample.batch import BatchItem, BatchOptions, grade_again, saved
from worksample.cluster.parcels import Parcel, assignment_parcel, submission_parcel
from worksample.cluster.remote import Outcome, Task, grade_remote_many, worker_report
from worksample.errors import SubmissionRejected, WorksampleError
from worksample.grading import rejected
from worksample.intake import submission_id_for
from worksample.models import Assignment, GradeResult, Status
from worksample.plugins import get_registry
from worksample.store import ResultStore

CONNECT_SECONDS = 20
WORKERS_SECONDS = 60  # for a first worker to join a scheduler that has none
# Submissions of a type graded in the limited workers sent in one task: their work is a few
# milliseconds, as is Dask's per task (benchmarks/README.md, issue 26)
TEXT_PER_TASK = 8


@dataclass(frozen=True)
class TLSFiles:
    """The command's TLS files for a ``tls://`` scheduler: the CA, its certificate, its key."""

    ca_file: Path | None = None
    cert: Path | None = None
    key: Path | None = None

    def security(self):
        """Dask's ``Security`` for these files; None when none is given."""
        if not (self.ca_file or self.cert or self.key):
            return None
        if not (self.ca_file and self.cert and self.key):
            raise WorksampleError("TLS needs all three of --tls-ca-file, --tls-cert and "
                                  "--tls-key")
        from distributed.security import Security

        return Security(tls_ca_file=str(self.ca_file), tls_client_cert=str(self.cert),
                        tls_client_key=str(self.key), require_encryption=True)


def connect(address: str, tls: TLSFiles = TLSFiles()):
    """A Dask client of the scheduler at ``address``, once every worker is checked; a
    WorksampleError saying what is wrong otherwise."""
    try:
        from distributed import Client
    except ImportError:
        raise WorksampleError("--cluster needs Dask distributed: pip install "
                              "'worksample[dask]'") from None
    # Dask's own log lines (a reconnection's traceback) would bury the one line that says
    # what happened: the command says it itself
    _quiet_dask()
    security = tls.security()
    if address.startswith("tls://") and security is None:
        raise WorksampleError(f"{address} is a TLS scheduler: give --tls-ca-file, --tls-cert "
                              "and --tls-key")
    try:
        client = Client(address, security=security, timeout=CONNECT_SECONDS,
                        set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise WorksampleError(
            f"cannot reach the Dask scheduler at {address} ({type(error).__name__}: "
            f"{error}). Check the address, that `dask scheduler` runs there, and its TLS "
            "files; nothing was graded") from None
    try:
        _check_workers(client, address)
    except BaseException:
        client.close()
        raise
    return client


def _quiet_dask() -> None:
    """Only Dask's critical log lines on the command's terminal (Dask's configuration gives
    some of its loggers levels of their own)."""
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name == "distributed" or name.startswith("distributed."):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _check_workers(client, address: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except TimeoutError:
        raise WorksampleError(f"the scheduler at {address} has no worker after "
                              f"{WORKERS_SECONDS} s: start one with `worksample worker "
                              f"{address}`; nothing was graded") from None
    try:
        reports = client.run(worker_report)
    except Exception as error:
        raise WorksampleError(f"a worker of {address} cannot run worksample ({error!r}): "
                              "install worksample on every worker; nothing was "
                              "graded") from None
    other = {worker: report["version"] for worker, report in reports.items()
             if report["version"] != __version__}
    if other:
        listed = ", ".join(f"{worker} runs {version}" for worker, version in sorted(other.items()))
        raise WorksampleError(f"workers of another worksample version ({listed}); this command "
                              f"is {__version__}: install the same version on every worker; "
                              "nothing was graded")


def grade_on_cluster(
    client,
    assignment: Assignment,
    sources: Sequence[Path],
    store: ResultStore,
    options: BatchOptions,
    on_item: Callable[[BatchItem], None] = lambda item: None,
) -> list[BatchItem]:
    """Grade ``sources`` on the cluster; save and report each as it comes back."""
    from distributed import as_completed

    from worksample.batch import checked_sources

    sources = list(checked_sources(sources))
    kept = _kept_keys(store, assignment, sources, options)
    parcel = assignment_parcel(assignment.root)
    held = client.submit(_held, parcel, key=f"worksample-assignment-{uuid.uuid4().hex}",
                         pure=False)
    per_task = TEXT_PER_TASK if get_registry().assignment_type(
        assignment.type).grades_in_worker else 1
    finished: list[BatchItem] = []
    running: dict = {}
    waiting = iter(sources)

    def finish(item: BatchItem) -> None:
        # the team's recorded time (grade --times) is the command's to apply, as locally
        recorded = options.times.get(submission_id_for(item.source))
        if recorded is not None and item.result.working_time != recorded:
            item = replace(item, retimed=item.from_store, result=item.result.model_copy(
                update={"working_time": recorded}))
        if not item.from_store or item.retimed:
            item = saved(item, store)
        finished.append(item)
        on_item(item)

    def send(group: list[tuple[Path, frozenset[str]]]) -> None:
        sources, items = [], []
        for source, kept_keys in group:
            try:
                sent = submission_parcel(source, options.limits)
            except SubmissionRejected as error:
                finish(BatchItem(source, rejected(assignment, source, error,
                                                  time.monotonic()), from_store=False))
                continue
            sources.append(source)
            items.append((sent, Task(str(source), assignment.version, kept_keys,
                                     options.retry, options.limits, __version__)))
        if items:
            future = client.submit(grade_remote_many, held, items, pure=False,
                                   key=f"worksample-grade-{uuid.uuid4().hex}")
            running[future] = sources
            arrived.add(future)

    def fill() -> None:
        while len(running) < window.size():
            group = list(islice(waiting, per_task))
            if not group:
                return
            send([(source, kept.get(submission_id_for(source), frozenset()))
                  for source in group])

    # results are fetched as they finish, not one round trip each in this loop
    arrived = as_completed(loop=client.loop, with_results=True, raise_errors=False)
    window = _Window(client)
    try:
        fill()
        for future, value in arrived:
            if future.status == "cancelled":  # not by us: the scheduler is gone
                raise _SchedulerLost(value)
            sources = running.pop(future)
            for source, item in zip(sources, _items(future, value, sources, assignment, store),
                                    strict=True):
                if item is None:  # its stored result went away meanwhile: grade it after all
                    send([(source, frozenset())])
                else:
                    finish(item)
            fill()
    except KeyboardInterrupt:
        _stop(client, running, finish, assignment, store)
        raise
    except (_SchedulerLost, OSError, RuntimeError) as error:
        if client.status == "running" and not isinstance(error, _SchedulerLost):
            raise
        why = "" if isinstance(error, _SchedulerLost) else f" ({type(error).__name__}: {error})"
        raise WorksampleError(
            f"lost the Dask scheduler at {client.scheduler.address} during the batch{why}; "
            f"the {len(finished)} result(s) that came back are kept in the store: run the "
            "same command again to grade the rest") from None
    finally:
        client.cancel([held, *running], force=True)
    return finished


class _SchedulerLost(Exception):
    """A task was cancelled by no one here: the scheduler has gone."""


def _held(parcel: Parcel) -> Parcel:
    """The assignment's parcel, as a task's value: each worker fetches it once, and the
    scheduler can make it again if the worker holding it dies."""
    return parcel


class _Window:
    """How many tasks to keep in flight: twice the cluster's threads, asked of the scheduler
    again every ``REFRESH_SECONDS`` (a worker may join or leave mid-batch)."""

    REFRESH_SECONDS = 2.0

    def __init__(self, client):
        self._client = client
        self._size, self._asked = 0, float("-inf")

    def size(self) -> int:
        """The window's size now."""
        if time.monotonic() - self._asked > self.REFRESH_SECONDS:
            self._size = 2 * max(sum(self._client.nthreads().values()), 1)
            self._asked = time.monotonic()
        return self._size


def _items(future, value, sources: list[Path], assignment: Assignment,
           store: ResultStore) -> list[BatchItem | None]:
    """What a finished task gives for each of its ``sources`` (``value``, as
    ``as_completed`` fetched it: a list of Outcome, or the error's (type, exception,
    traceback), or a CancelledError): its result, the stored one it kept (None if the store
    no longer holds it), or an error result."""
    if future.status == "error" or isinstance(value, BaseException):
        error = value if isinstance(value, BaseException) else value[1]
        return [BatchItem(source, _failed(assignment, source, error), from_store=False)
                for source in sources]
    return [_item(outcome, source, assignment, store)
            for outcome, source in zip(value, sources, strict=True)]


def _item(outcome: Outcome, source: Path, assignment: Assignment,
          store: ResultStore) -> BatchItem | None:
    if outcome.result is not None:
        return BatchItem(source, outcome.result, from_store=False)
    stored = store.get(assignment.version, submission_id_for(source), outcome.kept_key)
    return None if stored is None else BatchItem(source, stored, from_store=True)


def _failed(assignment: Assignment, source: Path, error: BaseException) -> GradeResult:
    """``error`` for a task that did not come back with a result: the cluster's failure."""
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        why = ("the cluster's workers died each time they graded it (Dask's "
               "distributed.scheduler.allowed-failures); see their logs")
    elif isinstance(error, WorksampleError):
        why = str(error)
    else:
        why = f"the cluster failed on it: {type(error).__name__}: {error}"
    return GradeResult(worksample_version=__version__, submission_id=submission_id_for(source),
                       submission_source=str(source), assignment_id=assignment.id,
                       assignment_version=assignment.version,
                       assignment_type=assignment.type, status=Status.ERROR, message=why)


def _kept_keys(store: ResultStore, assignment: Assignment, sources: list[Path],
               options: BatchOptions) -> dict[str, frozenset[str]]:
    """Per submission id of the batch, the content keys whose stored result is kept."""
    ids = {submission_id_for(source) for source in sources}
    kept: dict[str, set[str]] = {}
    for submission_id, key in store.submissions(assignment.id):
        if submission_id in ids:
            stored = store.get(assignment.version, submission_id, key)
            if stored is not None and not grade_again(stored, options):
                kept.setdefault(submission_id, set()).add(key)
    return {submission_id: frozenset(keys) for submission_id, keys in kept.items()}


def _stop(client, running: dict, finish: Callable[[BatchItem], None], assignment: Assignment,
          store: ResultStore) -> None:
    """After Ctrl-C: cancel what is not finished, save what is."""
    done = [future for future in running if future.status == "finished"]
    client.cancel([future for future in running if future not in done], force=True)
    cancelled = sum(len(sources) for future, sources in running.items() if future not in done)
    print(f"worksample: stopping; {cancelled} submission(s) on the cluster cancelled, those "
          "finished kept", file=sys.stderr)
    for future in done:
        sources = running.pop(future)
        try:
            value = future.result()
        except Exception as error:
            value = error
        for item in _items(future, value, sources, assignment, store):
            if item is not None:
                finish(item)
