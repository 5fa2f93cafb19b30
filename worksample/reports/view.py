"""What a report says, as data: built once from stored results, rendered to HTML, Markdown, JSON.

Every format renders the same ``Report``, so what an audience may see and what blind review
redacts is decided here, in one place, and not in each template.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from worksample import __version__
from worksample.agreement import Agreement, agreement
from worksample.models import (
    Assignment,
    CandidateQuestion,
    Check,
    Criterion,
    CriterionScore,
    GradeResult,
    Status,
)
from worksample.reports.guide import Guide, candidate_questions, discussion_guide
from worksample.reports.redact import Redactor, alias_for, blind_aliases, name_tokens
from worksample.safe_text import visible
from worksample.store import submission_key

if TYPE_CHECKING:
    from worksample.ratings import Review

REPORT_SCHEMA_VERSION = 1
Audience = Literal["hiring-manager", "hr", "candidate"]

_ERROR_FOR_CANDIDATES = ("Your submission could not be assessed because of a problem on our "
                         "side. It says nothing about your work; the team will be in touch.")
_RUN_ENDINGS = {
    "timeout": ("limit", "Stopped at the wall-clock limit"),
    "memory": ("limit", "Stopped at the memory limit"),
    "crashed": ("limit", "The test process crashed"),
}


class FailedCheck(BaseModel):
    """A check that did not pass, with the reason."""

    id: str
    message: str


class RatingView(BaseModel):
    """One reviewer's level in force for a criterion (an override, for an automatic one)."""

    reviewer: str
    level: int
    override: bool
    note: str = Field(description="The reviewer's note, or the override's reason.")
    after_seeing_others: bool


class DecisionView(BaseModel):
    """The hiring decision in force."""

    decision: str
    by: str
    reason: str
    decided_at: datetime


# What a candidate page's JSON has always said of a float that is not finite (json.dumps's
# Infinity and NaN), now that pydantic writes the file (CandidateFile): its default is null.
_PAGE_JSON = ConfigDict(ser_json_inf_nan="constants")


class CriterionView(BaseModel):
    """One rubric criterion as an audience sees it."""

    model_config = _PAGE_JSON

    id: str
    title: str
    source: Literal["auto", "reviewer"]
    audience: Literal["hiring-manager", "hr"]
    max_points: float
    points: float | None
    level: int | None
    level_meaning: str = Field(description="The anchor of the level reached; '' if not rated.")
    evidence: list[str]
    failed_checks: list[FailedCheck]
    to_review: list[FailedCheck] = Field(
        default_factory=list, description="Matches the checks could not decide, with why.")
    anchors: dict[int, str] = Field(description="All four anchors, when a reviewer must rate.")
    needs_rating: bool
    ratings: list[RatingView] = Field(
        default_factory=list, description="Reviewers' levels in force (not for candidates).")


class FlagView(BaseModel):
    """Something a reviewer must know: a limit hit, refused input, suspected tampering."""

    category: Literal["integrity", "limit", "intake", "machinery", "review"]
    kind: str
    evidence: str


class CandidatePage(BaseModel):
    """Everything on one candidate's page."""

    model_config = _PAGE_JSON

    stem: str = Field(description="File name of the page, without extension.")
    name: str = Field(description="The submission's name, or its alias in a blind review.")
    source: str | None
    status: Status
    score: float | None
    passed: bool | None
    full_score: float | None = Field(
        default=None, description="With reviewers' ratings; None while partial.")
    missing_ratings: list[str] = Field(
        default_factory=list, description="Reviewer criteria not rated yet (ids).")
    ratings_hidden: bool = Field(
        default=False, description="Others' ratings are hidden from the reviewer the report "
                                   "is for, until they have rated each criterion.")
    decision: DecisionView | None = None
    message: str
    criteria: list[CriterionView]
    other_failed_checks: list[FailedCheck]
    flags: list[FlagView]
    run: str | None
    guide: Guide | None
    candidate_questions: list[CandidateQuestion] | None
    notes: bool = Field(description="Whether the page has room for reviewer notes.")
    graded_at: datetime


class CohortRow(BaseModel):
    """One line of the ranking table."""

    rank: int | None
    name: str
    stem: str
    status: Status
    score: float | None
    full_score: float | None = None
    passed: bool | None
    levels: list[int | None] = Field(description="Level per rubric criterion, in rubric order: "
                                                 "reviewers' where they have rated.")
    flags: list[str]


class CriterionLevels(BaseModel):
    """How many candidates reached each level of one criterion."""

    id: str
    title: str
    source: Literal["auto", "reviewer"]
    counts: dict[str, int] = Field(description="'1'..'4' and 'unrated' -> number of candidates.")


class CohortIndex(BaseModel):
    """The cohort page: ranking, score distribution, per-criterion levels, and how far
    reviewers agree."""

    rows: list[CohortRow]
    distribution: list[int] = Field(description="Graded scores in bins 0-9, 10-19 ... 90-100.")
    criteria: list[CriterionLevels]
    counts: dict[str, int]
    agreement: Agreement | None = Field(
        default=None, description="From the ratings the report shows; None without ratings. "
                                  "Candidates are named as the report names them.")


class AssignmentView(BaseModel):
    """The assignment a report is about."""

    model_config = _PAGE_JSON  # in index.json too, where its only float is 0-100

    id: str
    title: str
    role: str
    type: str
    version: str
    pass_score: float
    time_budget_minutes: int
    rubric: list[tuple[str, str]] = Field(description="(id, title) per criterion, in order.")


class Report(BaseModel):
    """A whole report: the cohort index (not for candidates) and one page per candidate."""

    report_schema_version: int = REPORT_SCHEMA_VERSION
    worksample_version: str = __version__
    generated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    audience: Audience
    blind: bool
    assignment: AssignmentView
    index: CohortIndex | None
    pages: list[CandidatePage]


class CandidateFile(BaseModel):
    """A candidate page's JSON file: the page, and what it is a page of."""

    model_config = _PAGE_JSON

    report_schema_version: int
    audience: Audience
    blind: bool
    assignment: AssignmentView
    candidate: CandidatePage


def build_report(assignment: Assignment, results: Sequence[GradeResult], *,
                 audience: Audience = "hiring-manager", blind: bool = False,
                 reviews: Sequence[Review] | None = None) -> Report:
    """The report for ``results`` (one per submission, of this assignment's version), with
    reviewers' ratings, full score and decision from ``reviews`` (one per result, in order;
    never shown to candidates)."""
    spec = assignment.spec
    by_result = dict(zip(map(id, results), reviews, strict=True)) if reviews else {}
    ranked, names = _ranked(results, _shown_names(assignment, results, blind))
    stems = _stems(assignment, ranked, names, blind)
    same_files = _same_files_as(ranked, names)
    pages = [_page(assignment, result, name, stem, audience, blind, others,
                   None if audience == "candidate" else by_result.get(id(result)))
             for result, name, stem, others in zip(ranked, names, stems, same_files, strict=True)]
    index = None if audience == "candidate" else _index(
        assignment, ranked, pages, [by_result.get(id(result)) for result in ranked], blind)
    return Report(
        audience=audience, blind=blind, index=index, pages=pages,
        assignment=AssignmentView(
            id=spec.id, title=spec.title, role=spec.role, type=spec.type,
            version=assignment.version, pass_score=spec.pass_score,
            time_budget_minutes=spec.time_budget_minutes,
            rubric=[(c.id, c.title) for c in spec.rubric]),
    )


def _shown_names(assignment: Assignment, results: Sequence[GradeResult],
                 blind: bool) -> list[str]:
    """The name each result is shown under: its submission's name or, in a blind review, an
    alias drawn from its content (and from its name too when several candidates sent the same
    files, so that each keeps an alias of their own)."""
    if not blind:
        return [result.submission_id for result in results]
    return blind_aliases(assignment.id, [(r.submission_id, submission_key(r)) for r in results])


def _ranked(results: Sequence[GradeResult],
            names: list[str]) -> tuple[list[GradeResult], list[str]]:
    """Graded first, best score first; then rejected, then errors; ties by the name shown
    (in a blind review the alias, so the order gives no hint of the real names)."""
    order = {Status.GRADED: 0, Status.REJECTED: 1, Status.ERROR: 2}
    pairs = sorted(zip(results, names, strict=True),
                   key=lambda pair: (order[pair[0].status], -(pair[0].score or 0), pair[1]))
    return [result for result, _ in pairs], [name for _, name in pairs]


def _stems(assignment: Assignment, results: list[GradeResult], names: list[str],
           blind: bool) -> list[str]:
    """A page file name per result; unique even when two submissions share a name."""
    stems, used = [], set()
    for result, name in zip(results, names, strict=True):
        stem = name.lower().replace(" ", "-") if blind else name
        if stem in used:
            stem = f"{stem}-{alias_for(assignment.id, submission_key(result) + stem)[-5:].lower()}"
        used.add(stem)
        stems.append(stem)
    return stems


def _same_files_as(results: list[GradeResult], names: list[str]) -> list[list[str]]:
    """For each result, the names of the other candidates who sent exactly the same files."""
    by_content: dict[str, list[str]] = {}
    for result, name in zip(results, names, strict=True):
        if result.submission_hash:
            by_content.setdefault(result.submission_hash, []).append(name)
    return [[other for other in by_content.get(result.submission_hash or "", []) if other != name]
            for result, name in zip(results, names, strict=True)]


def _page(assignment: Assignment, result: GradeResult, name: str, stem: str,
          audience: Audience, blind: bool, same_files_as: list[str],
          review: Review | None) -> CandidatePage:
    clean = _cleaner(result, blind)
    for_candidate = audience == "candidate"
    scores = _in_force(result, review)
    criteria = [_criterion_view(assignment.criterion(score.id), score, result, audience, clean,
                                review)
                for score in scores if _in_rubric(assignment, score.id)]
    shown = {c.id for c in criteria}
    other_failed = [] if for_candidate else [
        FailedCheck(id=clean(c.id), message=clean(c.message)) for c in result.checks
        if c.outcome != "passed" and _criterion_of(c, result) not in shown]
    graded = result.status == Status.GRADED
    message = result.message
    if for_candidate and result.status == Status.ERROR:
        message = _ERROR_FOR_CANDIDATES
    return CandidatePage(
        stem=stem, name=name,
        source=None if blind or for_candidate else result.submission_source,
        status=result.status, score=result.score, passed=result.passed, message=clean(message),
        full_score=review.score.full if review else None,
        missing_ratings=review.score.missing if review else [],
        ratings_hidden=review.hidden if review else False,
        decision=DecisionView(decision=review.decision.decision, by=review.decision.by,
                              reason=clean(review.decision.reason),
                              decided_at=review.decision.decided_at)
        if review and review.decision else None,
        criteria=criteria, other_failed_checks=other_failed,
        flags=[] if for_candidate else _flags(result, clean, same_files_as),
        run=None if for_candidate or result.run is None else (
            f"ran {result.run.seconds:.2f} s in {result.run.image}, ended: {result.run.ended}"),
        guide=discussion_guide(assignment.spec, _in_force(result, review, overrides=True),
                               clean)
        if graded and not for_candidate else None,
        candidate_questions=None if for_candidate else candidate_questions(assignment.spec),
        notes=not for_candidate,
        graded_at=result.graded_at,
    )


def _in_force(result: GradeResult, review: Review | None, *,
              overrides: bool = False) -> list[CriterionScore]:
    """The result's criteria with reviewers' points and levels where they have rated, and
    with ``overrides`` the overriding levels too (the discussion guide asks about the level
    in force; the rubric shows the automatic level, with the override beside it)."""
    if review is None:
        return result.criteria
    return [score.model_copy(update={"points": review.score.points.get(score.id),
                                     "level": review.score.levels.get(score.id)})
            if score.id in review.score.points and (overrides or score.source == "reviewer")
            else score for score in result.criteria]


def _in_rubric(assignment: Assignment, criterion_id: str) -> bool:
    return any(c.id == criterion_id for c in assignment.spec.rubric)


def _cleaner(result: GradeResult, blind: bool) -> Callable[[str], str]:
    """What every candidate-derived text goes through: visible(), and redaction when blind."""
    if not blind:
        return visible
    redact = Redactor(name_tokens(result.submission_id))
    return lambda text: redact(visible(text))


def _criterion_view(criterion: Criterion, score: CriterionScore, result: GradeResult,
                    audience: Audience, clean: Callable[[str], str],
                    review: Review | None = None) -> CriterionView:
    for_candidate = audience == "candidate"
    detailed = audience == "hiring-manager" or criterion.audience == audience
    if for_candidate:
        evidence = score.feedback
    else:
        evidence = score.evidence if detailed else score.evidence[:1]
    own = [] if for_candidate or not detailed else [
        c for c in result.checks if _criterion_of(c, result) == criterion.id]
    failed = [FailedCheck(id=clean(c.id), message=clean(c.message)) for c in own
              if c.outcome != "passed" and not c.review]
    to_review = [FailedCheck(id=clean(c.id), message=clean(f"{c.review}: {c.message}"))
                 for c in own if c.review]
    needs_rating = score.points is None and not for_candidate
    return CriterionView(
        id=criterion.id, title=criterion.title, source=score.source,
        audience=criterion.audience, max_points=score.max_points, points=score.points,
        level=score.level,
        level_meaning=criterion.anchors.get(score.level, "") if score.level else "",
        evidence=[clean(line) for line in evidence], failed_checks=failed, to_review=to_review,
        anchors=dict(criterion.anchors) if needs_rating else {}, needs_rating=needs_rating,
        ratings=[RatingView(reviewer=clean(r.reviewer), level=r.level, override=r.override,
                            note=clean(r.reason or r.note),
                            after_seeing_others=r.after_seeing_others)
                 for r in (review.ratings if review else []) if r.criterion == criterion.id],
    )


def _criterion_of(check: Check, result: GradeResult) -> str | None:
    """The criterion a check counts for; results from before checks named it have one auto
    criterion, which is then the one."""
    if check.criterion is not None:
        return check.criterion
    automatic = [score.id for score in result.criteria if score.source == "auto"]
    return automatic[0] if len(automatic) == 1 else None


# flags a plugin raises that are not signs of tampering: shown under their own category
_POLICY_FLAGS = {"automatic-fail": "review"}


def _flags(result: GradeResult, clean: Callable[[str], str],
           same_files_as: list[str]) -> list[FlagView]:
    flags = []
    if same_files_as:
        flags.append(FlagView(category="review", kind="same files", evidence=(
            f"exactly the same files as {', '.join(same_files_as)} sent")))
    if result.status == Status.REJECTED:
        flags.append(FlagView(category="intake", kind="rejected", evidence=clean(result.message)))
    if result.status == Status.ERROR:
        flags.append(FlagView(category="machinery", kind="not graded",
                              evidence=clean(result.message)))
    if result.run is not None and result.run.ended in _RUN_ENDINGS:
        category, text = _RUN_ENDINGS[result.run.ended]
        flags.append(FlagView(category=category, kind=result.run.ended,
                              evidence=f"{text} after {result.run.seconds:.1f} s"))
    flags += [FlagView(category=_POLICY_FLAGS.get(flag.kind, "integrity"), kind=flag.kind,
                       evidence=clean(flag.evidence)) for flag in result.flags]
    undecided = sum(1 for check in result.checks if check.review)
    if undecided:
        flags.append(FlagView(category="review", kind="to check", evidence=(
            f"{undecided} match(es) the automatic checks could not decide, counted neither "
            "way: see 'For you to check' under each criterion")))
    return flags


def _agreement(assignment: Assignment, results: list[GradeResult],
               pages: list[CandidatePage], reviews: list[Review | None],
               blind: bool) -> Agreement | None:
    """How far reviewers agree, from the ratings each page's review shows, with candidates
    named as their pages are (aliases in a blind review)."""
    names = {(result.submission_id, submission_key(result)): page.name
             for result, page in zip(results, pages, strict=True)}
    ratings = [rating for review in reviews if review is not None for rating in review.ratings]
    if not ratings:
        return None
    made = agreement(assignment.id, ratings,
                     lambda rating: names[(rating.submission_id, rating.submission_key)],
                     blind=blind)
    for disagreement in made.disagreements:
        disagreement.levels = {visible(who): level for who, level in disagreement.levels.items()}
    for lean in made.reviewers:
        lean.reviewer = visible(lean.reviewer)
    return made


def _index(assignment: Assignment, results: list[GradeResult],
           pages: list[CandidatePage], reviews: list[Review | None],
           blind: bool = False) -> CohortIndex:
    rubric = assignment.spec.rubric
    rows, rank, previous = [], 0, None
    for position, (result, page) in enumerate(zip(results, pages, strict=True), start=1):
        graded = result.status == Status.GRADED
        if graded and result.score != previous:
            rank, previous = position, result.score
        levels = {criterion.id: criterion.level for criterion in page.criteria}
        rows.append(CohortRow(
            rank=rank if graded else None, name=page.name, stem=page.stem,
            status=result.status, score=result.score, full_score=page.full_score,
            passed=result.passed,
            levels=[levels.get(c.id) for c in rubric],
            flags=[flag.kind for flag in page.flags]))
    graded = [r for r in results if r.status == Status.GRADED]
    distribution = [0] * 10
    for result in graded:
        distribution[min(int((result.score or 0) // 10), 9)] += 1
    criteria = []
    graded_rows = [row for row in rows if row.status == Status.GRADED]
    for position, criterion in enumerate(rubric):
        counts = Counter(str(row.levels[position] or "unrated") for row in graded_rows)
        criteria.append(CriterionLevels(
            id=criterion.id, title=criterion.title, source=criterion.source,
            counts={key: counts.get(key, 0) for key in ("1", "2", "3", "4", "unrated")}))
    statuses = Counter(r.status.value for r in results)
    return CohortIndex(rows=rows, distribution=distribution, criteria=criteria, counts={
        "candidates": len(results), "graded": statuses["graded"],
        "rejected": statuses["rejected"], "error": statuses["error"],
        "passed": sum(1 for r in graded if r.passed)},
        agreement=_agreement(assignment, results, pages, reviews, blind))
