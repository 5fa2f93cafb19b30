"""One submission in, one GradeResult out (``self_test.py`` grades an assignment's own samples
with it, for ``worksample validate``).

Scoring is the same for every assignment type: a plugin reports, per automatic criterion, the
fraction earned and its evidence; here that becomes points (fraction x weight), a level 1-4,
and the score: the automatic points as a share of the automatic weights, 0-100. Reviewer
criteria are listed without points until a person rates them. A flag that ``fails`` (an
automatic fail, any type may raise one) fails the submission: ``passed`` is False and the
score is scaled under the pass score (x pass_score / 100), so failures keep their order.

Only the candidate's own work lowers a score. An unsafe submission is ``rejected``, and so is
one that hits a host limit or nests too deeply to read; a failure of the machinery (engine,
image, plugin crash, broken assignment) is ``error`` with the cause.

Given ``LimitedWorkers``, intake runs in a limited worker process, and so does the grading of
an assignment type that parses the candidate's files on the host (``grades_in_worker``); in a
batch, both in the same call.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from worksample import __version__
from worksample.errors import InfrastructureError, WorksampleError
from worksample.intake import (
    IntakeLimits,
    SubmissionRejected,
    destination_for,
    discard,
    discard_history,
    extracted,
    submission_id_for,
    unpack,
    with_history,
)
from worksample.levels import level_for
from worksample.models import (
    Assignment,
    CriterionScore,
    Durations,
    Grade,
    GradeResult,
    IntegrityFlag,
    Status,
    Submission,
    WorkingTime,
)
from worksample.plugins import PluginRegistry, call_accepting, get_registry, type_named
from worksample.prose.cache import forget_submission
from worksample.work import kept_work, read_texts
from worksample.workers import LimitedWorkers


@dataclass(frozen=True)
class RetryPolicy:
    """How often to try again when the machinery fails (engine gone, container not started)."""

    attempts: int = 1
    first_delay_s: float = 1.0
    factor: float = 2.0

    def delay_after(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...)."""
        return self.first_delay_s * self.factor ** (attempt - 1)


def grade_submission(
    assignment: Assignment,
    source: Path,
    workdir: Path,
    registry: PluginRegistry,
    limits: IntakeLimits | None = None,
    retry: RetryPolicy = RetryPolicy(),
    workers: LimitedWorkers | None = None,
    kept: Callable[[Submission], GradeResult | None] = lambda submission: None,
    recorded: WorkingTime | None = None,
    kept_keys: Callable[[str], Collection[str]] | None = None,
) -> GradeResult:
    """Take in ``source`` safely, have its type grade it, and score the result.

    ``kept`` may answer, once the submission is taken in, a result to keep instead of
    grading it (the batch's stored result for the same content). A result graded here
    carries the submission's files and the texts its plugin read (``result.work``) for the
    store to keep. Either carries the candidate's time: ``recorded`` (the team's record)
    when given, else what intake read of the submission's times.

    Given ``kept_keys`` too (the content hashes ``kept`` may know for a submission id), a
    type that ``grades_in_worker`` is taken in and graded in one call to ``workers``
    (``_graded_in_one_call``)."""
    started = time.monotonic()
    try:
        if kept_keys is not None and workers is not None \
                and registry.assignment_type(assignment.type).grades_in_worker:
            return _graded_in_one_call(assignment, source, workdir, registry, limits, retry,
                                       workers, kept, recorded, kept_keys, started)
        with extracted(source, workdir, limits, workers,
                       assignment.starter_folder) as submission:
            return _graded_here(assignment, submission, registry, retry, started, workers,
                                kept, recorded)
    except SubmissionRejected as error:
        return rejected(assignment, source, error, started)


def _graded_here(assignment: Assignment, submission: Submission, registry: PluginRegistry,
                 retry: RetryPolicy, started: float, workers: LimitedWorkers | None,
                 kept: Callable[[Submission], GradeResult | None],
                 recorded: WorkingTime | None) -> GradeResult:
    """A submission taken in, kept (``kept``) or graded, with its work and its time."""
    stored = kept(submission)
    if stored is not None:
        return stored if recorded is None else timed(stored, submission, recorded)
    result = grade_taken_in(assignment, submission, registry, retry, started, workers)
    # the files are read while intake's folder exists; the store keeps them (work.py)
    flags = result.flags + (missing_files(assignment.spec.required_files, submission.root)
                            if result.status == Status.GRADED else [])
    return timed(result.model_copy(update={
        "work": kept_work(submission.root, result.work), "flags": flags}), submission, recorded)


def _graded_in_one_call(assignment: Assignment, source: Path, workdir: Path,
                        registry: PluginRegistry, limits: IntakeLimits | None, retry: RetryPolicy,
                        workers: LimitedWorkers, kept: Callable[[Submission], GradeResult | None],
                        recorded: WorkingTime | None, kept_keys: Callable[[str], Collection[str]],
                        started: float) -> GradeResult:
    """Unpack, grade, and read the work of ``source`` in one worker call, under one budget of
    the host limits: one round trip instead of two, the grader's part of a submission is the
    store's. A submission with a git history, or whose content the store may hold, comes back
    unpacked only, and goes on here as ``grade_submission`` takes any other (its history read
    in a call of its own, the store consulted)."""
    destination = destination_for(source, workdir)
    try:
        done = workers.run("to read and check", _taken_in_and_graded, workers.shared(assignment),
                           source, destination, limits or IntakeLimits(), retry, started,
                           recorded, frozenset(kept_keys(submission_id_for(source))))
    except SubmissionRejected as error:
        discard(destination)
        if error.path is None:  # a worker limit: say which submission hit it
            error = SubmissionRejected(str(error), path=source)
        return rejected(assignment, source, error, started)
    except InfrastructureError as error:  # the workers themselves failed, as in grade_taken_in
        discard(destination)
        return GradeResult(**_identity(assignment, source), status=Status.ERROR,
                           message=str(error), durations=_durations(started, started))
    except BaseException:
        discard(destination)
        raise
    if isinstance(done, GradeResult):
        return done
    try:
        try:
            submission = with_history(done, workers, assignment.starter_folder)
        finally:
            discard_history(destination)
        return _graded_here(assignment, submission, registry, retry, started, workers, kept,
                            recorded)
    finally:
        discard(destination)


def _taken_in_and_graded(assignment: Assignment, source: Path, destination: Path,
                         limits: IntakeLimits, retry: RetryPolicy, started: float,
                         recorded: WorkingTime | None,
                         kept_keys: frozenset[str]) -> GradeResult | Submission:
    """In a worker process: ``source`` unpacked into ``destination`` and graded, its folder
    removed, the result carrying the similarity fingerprints of its work (the grader's CPU
    is the batch's scarcest); or, when it has a git history or its content hash is one of
    ``kept_keys``, the Submission, left unpacked for the grader."""
    from worksample.similarity.sources import made

    submission = unpack(source, destination, limits)
    if submission.history is not None or submission.content_hash in kept_keys:
        return submission
    try:
        result = _graded_here(assignment, submission, get_registry(), retry, started, None,
                              lambda submission: None, recorded)
    finally:
        discard(destination)
    try:
        fingerprints = made(result.work)
    except Exception:  # the measure's failure must not cost the grade: the grader tries again
        fingerprints = None
    return result.model_copy(update={"fingerprints": fingerprints})


def timed(result: GradeResult, submission: Submission,
          recorded: WorkingTime | None = None) -> GradeResult:
    """``result`` with the candidate's time: the team's ``recorded`` one, which is trusted
    and wins, else what intake read of ``submission`` (with, when it read none, the note
    saying why in ``details["working_time_note"]``); and how the work was done, as the git
    history sent with it shows it (``git_history``)."""
    result = result.model_copy(update={"git_history": submission.git_history})
    if recorded is not None:
        return result.model_copy(update={"working_time": recorded})
    details = result.details
    if submission.working_time is None and submission.working_time_note:
        details = details | {"working_time_note": submission.working_time_note}
    return result.model_copy(update={"working_time": submission.working_time,
                                     "details": details})


def missing_files(required: list[str], root: Path) -> list[IntegrityFlag]:
    """A flag for each of the ``required`` files (paths or glob patterns) that nothing in the
    submission's folder ``root`` matches: what the instructions asked for and did not come."""
    return [IntegrityFlag(kind="missing-file", evidence=(
        f"the instructions ask for {pattern}; the submission has no such file"))
        for pattern in required if not any(path.is_file() for path in root.glob(pattern))]


def rejected(assignment: Assignment, source: Path, error: SubmissionRejected,
             started: float) -> GradeResult:
    """The result for a submission that intake refused."""
    return GradeResult(**_identity(assignment, source), status=Status.REJECTED,
                       message=str(error), durations=_durations(started, started))


def internal_error(assignment: Assignment, source: Path, error: Exception) -> GradeResult:
    """The result for a submission that worksample itself failed on (a bug to report)."""
    return GradeResult(
        **_identity(assignment, source), status=Status.ERROR,
        message=f"worksample failed on this submission: {error!r}; please report it",
        details={"traceback": traceback.format_exc()[-4000:]},
    )


def unstorable(result: GradeResult, error: Exception) -> GradeResult:
    """What is stored in place of a result the store refused: ``error``, saying why."""
    identity = result.model_dump(include={"worksample_version", "submission_id",
                                          "submission_source", "submission_hash",
                                          "assignment_id", "assignment_version",
                                          "assignment_type"})
    return GradeResult(**identity, status=Status.ERROR, durations=result.durations,
                       message=f"its result could not be stored ({type(error).__name__}: "
                               f"{error}); please report it")


def grade_taken_in(
    assignment: Assignment,
    submission: Submission,
    registry: PluginRegistry,
    retry: RetryPolicy = RetryPolicy(),
    started: float | None = None,
    workers: LimitedWorkers | None = None,
) -> GradeResult:
    """Grade a submission intake already extracted; infrastructure failures are retried.

    With ``workers``, a type that ``grades_in_worker`` is graded in one of them, under the
    assignment's host limits.
    """
    started = time.monotonic() if started is None else started
    intake_done = time.monotonic()
    base = _identity(assignment, submission.source) | {"submission_hash": submission.content_hash}

    def ended(status: Status, message: str, **details) -> GradeResult:
        return GradeResult(**base, status=status, message=message, details=details,
                           durations=_durations(started, intake_done))

    assignment_type = registry.assignment_type(assignment.type)
    if workers is not None and assignment_type.grades_in_worker:
        try:
            return workers.run("to read and check", _grade_in_worker,
                               workers.shared(assignment), submission, retry, started)
        except SubmissionRejected as error:
            return ended(Status.REJECTED, str(error))
        except InfrastructureError as error:  # the workers themselves failed
            return ended(Status.ERROR, str(error))
    try:
        return _graded_by_type(assignment, submission, assignment_type, retry, workers, ended,
                               lambda grade: _scored(assignment, grade, base,
                                                     _durations(started, intake_done)))
    finally:
        forget_submission()  # what the text readers kept of it: a worker grades thousands


def _graded_by_type(assignment: Assignment, submission: Submission, assignment_type,
                    retry: RetryPolicy, workers: LimitedWorkers | None,
                    ended: Callable[..., GradeResult],
                    scored: Callable[[Grade], GradeResult]) -> GradeResult:
    """The plugin's grade of ``submission``, ``scored``; an infrastructure failure retried,
    and any other failure ``ended`` with the status it earns."""
    attempt = 1
    while True:
        try:
            grade = call_accepting(assignment_type.grade, assignment=assignment,
                                   submission=submission, workers=workers)
            if not isinstance(grade, Grade):
                raise WorksampleError(f"{type_named(assignment_type)} graded with a "
                                      f"{type(grade).__name__}, not a Grade; please report it")
            return scored(grade)
        except InfrastructureError as error:
            if attempt < retry.attempts:
                time.sleep(retry.delay_after(attempt))
                attempt += 1
                continue
            tries = f" (after {attempt} attempts)" if attempt > 1 else ""
            return ended(Status.ERROR, f"{error}{tries}")
        except SubmissionRejected as error:
            return ended(Status.REJECTED, str(error))
        except RecursionError:  # the input's doing (deep nesting), not a bug of ours
            return ended(Status.REJECTED, "the submission is nested too deeply to read")
        except MemoryError:  # in a worker, the limit that was passed says why
            raise
        except WorksampleError as error:
            return ended(Status.ERROR, str(error))
        except Exception as error:  # a plugin bug must not end the batch or look like a 0
            return ended(Status.ERROR,
                         f"{type_named(assignment_type)} crashed while grading: {error!r}; "
                         "please report it",
                         traceback=traceback.format_exc()[-4000:])


def _grade_in_worker(assignment: Assignment, submission: Submission, retry: RetryPolicy,
                     started: float) -> GradeResult:
    """In a worker process: grade with the plugins that process loads itself."""
    return grade_taken_in(assignment, submission, get_registry(), retry, started)


def _identity(assignment: Assignment, source: Path) -> dict:
    return dict(
        worksample_version=__version__,
        submission_id=submission_id_for(source),
        submission_source=str(source),
        assignment_id=assignment.id,
        assignment_version=assignment.version,
        assignment_type=assignment.type,
    )


def _scored(assignment: Assignment, grade: Grade, base: dict, durations: Durations) -> GradeResult:
    criteria, auto_points, auto_weight = [], 0.0, 0.0
    for criterion in assignment.spec.rubric:
        if criterion.source == "reviewer":
            criteria.append(CriterionScore(id=criterion.id, title=criterion.title,
                                           source="reviewer", max_points=criterion.weight,
                                           points=None))
            continue
        outcome = grade.criteria.get(criterion.id)
        if outcome is None:
            raise WorksampleError(
                f"the {assignment.type!r} plugin gave no outcome for the automatic criterion "
                f"{criterion.id!r}; make it a reviewer criterion or check the plugin")
        points = round(outcome.fraction * criterion.weight, 2)
        criteria.append(CriterionScore(
            id=criterion.id, title=criterion.title, source="auto", max_points=criterion.weight,
            points=points, level=level_for(outcome.fraction), evidence=outcome.evidence,
            feedback=outcome.feedback, specifics=outcome.specifics))
        auto_points += outcome.fraction * criterion.weight
        auto_weight += criterion.weight
    score = 100 * auto_points / auto_weight if auto_weight else None
    fails = any(flag.fails for flag in grade.flags)
    if fails and score is not None:  # a fail, still ranked among failures by what it earned
        score = min(score * assignment.spec.pass_score / 100, max(assignment.spec.pass_score
                                                                   - 0.01, 0.0))
    return GradeResult(
        **base,
        status=Status.GRADED,
        score=None if score is None else round(score, 2),
        passed=None if score is None else score >= assignment.spec.pass_score and not fails,
        criteria=criteria,
        checks=grade.checks,
        flags=grade.flags,
        run=grade.run,
        details=grade.details,
        work=read_texts(grade.texts) if grade.texts else None,
        durations=durations,
        combine_ratings=assignment.spec.combine_ratings,
    )


def _durations(started: float, intake_done: float) -> Durations:
    now = time.monotonic()
    return Durations(intake_s=round(intake_done - started, 3),
                     grade_s=round(now - intake_done, 3), total_s=round(now - started, 3))
