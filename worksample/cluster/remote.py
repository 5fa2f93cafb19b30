"""What a Dask worker runs: one submission graded as a local batch grades it.

``grade_remote`` places the submission's parcel in a folder of its own, and hands it to
``grading.grade_submission`` with this worker's limited worker processes, plugins and Docker
engine: intake's rules and limits, the types, the sandbox and the retries are the very code
a local batch runs. The result names the submission as the command named it, so the store
on the command's machine keys it as it would a local one.

A submission whose content the store already holds (and is not to grade again) is not
graded: the command sends the content keys it keeps, and the worker answers ``kept`` once
intake has computed the submission's key.

What a worker keeps between tasks (the unpacked assignments, the loaded ones, a pool of
limited workers per assignment, the slots) is held by one ``WorkerState`` per process,
behind a lock. A worker grades ``WORKSAMPLE_WORKER_SLOTS`` submissions at once (default: its
Dask threads): that many limited worker processes, and that many sandbox runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from worksample import __version__
from worksample.cluster.parcels import Parcel, UnpackedAssignments, placed
from worksample.errors import WorksampleError
from worksample.grading import RetryPolicy, grade_submission, internal_error
from worksample.intake import IntakeLimits, submission_id_for
from worksample.models import Assignment, GitHistory, GradeResult
from worksample.workers import LimitedWorkers

SCRATCH_ENV = "WORKSAMPLE_WORKER_DIR"
SLOTS_ENV = "WORKSAMPLE_WORKER_SLOTS"  # submissions graded at once; `worksample worker` sets it
CLUSTER_WORKER = "cluster_worker"  # the key of a result's details naming its worker
MOST_POOLS = 4  # limited-worker pools kept, one per assignment graded lately


@dataclass(frozen=True)
class Task:
    """One submission to grade: what the command sends with its parcel."""

    source: str  # the path as the command was given it: the result is named by it
    assignment_version: str
    kept_keys: frozenset[str]  # content keys the store holds and keeps
    retry: RetryPolicy
    limits: IntakeLimits | None
    client_version: str


@dataclass(frozen=True)
class Outcome:
    """What comes back: the result, or the content key of a result the store already holds."""

    result: GradeResult | None
    kept_key: str | None
    worker: str


class _AlreadyStored(Exception):
    def __init__(self, key: str):
        self.key = key


def grade_remote(assignment_parcel: Parcel, parcel: Parcel, task: Task) -> Outcome:
    """Grade one submission on this worker (a Dask task): its result, or that it is kept."""
    state = WorkerState.here()
    if task.client_version != __version__:
        raise WorksampleError(
            f"this worker ({state.name}) runs worksample {__version__} and the command "
            f"{task.client_version}: install the same version on both")
    assignment = state.assignment(assignment_parcel, task.assignment_version)
    with tempfile.TemporaryDirectory(prefix="task-", dir=state.scratch) as folder:
        local = placed(parcel, Path(folder))
        work = Path(folder) / "work"
        work.mkdir()

        def kept(submission):
            if submission.content_hash in task.kept_keys:
                raise _AlreadyStored(submission.content_hash)
            return None

        try:
            with state.slot(assignment):
                result = grade_submission(assignment, local, work, state.registry,
                                          task.limits, task.retry, state.workers(assignment),
                                          kept=kept)
        except _AlreadyStored as stored:
            return Outcome(None, stored.key, state.name)
        except Exception as error:  # a bug of ours costs one submission, as in a local batch
            result = internal_error(assignment, local, error)
    if parcel.note and result.git_history is None:  # its history was too large to send
        result = result.model_copy(update={"git_history": GitHistory(
            source="git folder", read=False, note=parcel.note)})
    return Outcome(_named_as_sent(result, local, task.source, state.name), None, state.name)


def grade_remote_many(assignment_parcel: Parcel, items: list[tuple[Parcel, Task]]
                      ) -> list[Outcome]:
    """Several submissions in one Dask task (a text batch sends a few at a time, which
    divides Dask's cost per task among them); graded by as many threads of this task as
    the worker's Dask threads, as ``grade_remote`` grades each."""
    state = WorkerState.here()
    with ThreadPoolExecutor(max_workers=max(1, min(len(items), 2 * state.slots))) as pool:
        return list(pool.map(lambda item: grade_remote(assignment_parcel, *item), items))


def _named_as_sent(result: GradeResult, local: Path, source: str, worker: str) -> GradeResult:
    """``result`` named by the command's path, not this worker's copy of it, and saying
    which worker graded it (``details["cluster_worker"]``: host and process id)."""
    return result.model_copy(update={
        "submission_id": submission_id_for(Path(source)),
        "submission_source": source,
        "message": result.message.replace(str(local), source),
        "details": {**result.details, CLUSTER_WORKER: worker},
    })


def worker_report() -> dict:
    """What the command checks of each worker before it sends anything (``client.run``)."""
    return {"version": __version__, "host": socket.gethostname(), "pid": os.getpid()}


class WorkerState:
    """What this worker process keeps between tasks, behind one lock: the plugins, the
    unpacked and loaded assignments, and a pool of limited workers per assignment (the
    assignment's host limits; at most ``MOST_POOLS``, the oldest closed)."""

    _here: WorkerState | None = None
    _class_lock = threading.Lock()

    def __init__(self, scratch: Path):
        from worksample.plugins import get_registry

        self.scratch = scratch
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.registry = get_registry()
        self._unpacked = UnpackedAssignments(scratch / "assignments")
        self._lock = threading.Lock()
        self._loaded: dict[str, Assignment] = {}
        self._pools: dict[str, LimitedWorkers] = {}
        self.slots = int(os.environ.get(SLOTS_ENV) or _threads())
        self._sandbox_slots = threading.BoundedSemaphore(self.slots)

    @classmethod
    def here(cls) -> WorkerState:
        """This process's state, made on first use."""
        with cls._class_lock:
            if cls._here is None:
                root = Path(os.environ.get(SCRATCH_ENV) or tempfile.gettempdir())
                scratch = Path(tempfile.mkdtemp(prefix="worksample-worker-", dir=root))
                cls._here = WorkerState(scratch)
            return cls._here

    @classmethod
    def close_here(cls) -> None:
        """Close this process's state, if it has one (the worker is closing)."""
        with cls._class_lock:
            state, cls._here = cls._here, None
        if state is not None:
            state.close()

    def assignment(self, parcel: Parcel, version: str) -> Assignment:
        """The assignment in ``parcel``, loaded once; a WorksampleError if its content is not
        the version the command loaded."""
        from worksample.assignments import load

        with self._lock:
            loaded = self._loaded.get(parcel.digest)
        if loaded is None:
            loaded = load(self._unpacked.folder(parcel), self.registry)
            with self._lock:
                loaded = self._loaded.setdefault(parcel.digest, loaded)
        if loaded.version != version:
            raise WorksampleError(f"the assignment unpacked on this worker is version "
                                  f"{loaded.version}, the command's {version}")
        return loaded

    @contextmanager
    def slot(self, assignment: Assignment) -> Iterator[None]:
        """Hold one of the worker's ``slots`` while a type that runs on the engine grades
        (one sandbox run per slot, as ``-j`` does locally). A type graded in the limited
        workers needs none: their ``slots`` processes bound it, and a Dask thread waiting for
        one of them is what keeps them busy (``worksample worker`` gives Dask twice as many
        threads as slots, the rule of a local batch)."""
        if self.registry.assignment_type(assignment.type).grades_in_worker:
            yield
            return
        with self._sandbox_slots:
            yield

    def workers(self, assignment: Assignment) -> LimitedWorkers:
        """The limited workers for ``assignment``'s host limits, started on first use."""
        with self._lock:
            pool = self._pools.pop(assignment.version, None)
            if pool is None:
                pool = LimitedWorkers(self.slots, assignment.spec.host_limits)
            self._pools[assignment.version] = pool  # last used, last in line to close
            retired = list(self._pools)[:-MOST_POOLS]
            closing = [self._pools.pop(version) for version in retired]
        for old in closing:
            old.close()
        return pool

    def close(self) -> None:
        """Stop the limited workers and remove the scratch folder (the worker is closing)."""
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _threads() -> int:
    """The Dask worker's threads: as many limited workers, so none waits for another."""
    try:
        from distributed import get_worker

        return get_worker().state.nthreads
    except (ImportError, ValueError):
        return 1

