"""Reviewers' ratings, overrides and decisions, and the full score they give a result.

The rules:

- **A rating is of a submission**: the assignment id, the submission id and the submission's
  key (its content hash), as stored results are. A regrade of the same content (``--regrade``,
  or a new version of the assignment) keeps the ratings; changed work sent again is another
  submission, unrated. A rating names a criterion by id: a criterion the result's rubric no
  longer has is ignored, a new one is missing.
- **Several reviewers rate independently.** A reviewer's later rating of a criterion
  supersedes their earlier one (``current``); nothing is deleted, and every change is in the
  store's audit log.
- **An override** is a reviewer's level for an *automatic* criterion, with a required reason;
  the automatic level stays in the result, and the full score uses the override instead.
- **Level to points**: a level earns the share of the criterion's weight that is the least
  share ``levels.py`` turns into that level, and level 4 earns all of it (``LEVEL_SHARES``:
  1 -> 0, 2 -> 0.4, 3 -> 0.7, 4 -> 1), so a rated level and an automatic one mean the same.
- **Several reviewers** combine by the assignment's ``combine_ratings`` (``median``, the
  default, or ``mean``) of their shares; the median of an even count is the mean of the
  middle two.
- **The full score** (0-100) exists once every reviewer criterion has at least one rating:
  automatic points (or overrides) and reviewers' points over the rubric's whole weight.
  Until then the result is partial, and ``missing`` names the unrated criteria.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from worksample.errors import WorksampleError
from worksample.levels import LEVEL_BANDS, level_for
from worksample.models import GradeResult, Status
from worksample.store import submission_key

Level = Literal[1, 2, 3, 4]

# The floor of each of grading's bands; level 4 earns the whole weight.
LEVEL_SHARES: dict[int, float] = {level: floor for floor, level in LEVEL_BANDS} | {4: 1.0}


def _now() -> datetime:
    return datetime.now(UTC)


class Rating(BaseModel):
    """One reviewer's level for one criterion of one submission (or an override)."""

    assignment_id: str
    submission_id: str
    submission_key: str = Field(description="The submission's content hash, as results have.")
    criterion: str
    reviewer: str
    level: Level
    note: str = ""
    override: bool = Field(default=False, description="A level for an automatic criterion.")
    reason: str = Field(default="", description="Why the automatic level was overridden.")
    rated_at: datetime = Field(default_factory=_now)
    after_seeing_others: bool = Field(
        default=False, description="The reviewer had been shown others' ratings of this "
                                   "submission before giving this one.")
    blind: bool = Field(default=False, description="Given in a blind review, by the alias.")
    alias: str = Field(default="", description="The alias the blind reviewer saw the "
                                               "submission under (empty when not blind).")


class Decision(BaseModel):
    """The hiring decision on a submission, for the applicant-tracking system."""

    assignment_id: str
    submission_id: str
    submission_key: str
    decision: Literal["advance", "hold", "reject"]
    by: str
    reason: str
    decided_at: datetime = Field(default_factory=_now)


class AuditEntry(BaseModel):
    """One line of the append-only audit log: who did what, when, from what to what, why."""

    at: datetime
    who: str
    action: Literal["rate", "override", "decide", "shown-others"]
    assignment_id: str
    submission_id: str
    submission_key: str
    criterion: str = ""
    old: str = ""
    new: str = ""
    why: str = ""
    after_seeing_others: bool = Field(
        default=False, description="A rating given after its reviewer was shown others'.")
    blind: bool = Field(default=False, description="Done in a blind review, by the alias.")
    alias: str = Field(default="", description="The alias the submission was shown under.")


class FullScore(BaseModel):
    """A result's automatic score beside the full score with reviewers' levels."""

    automatic: float | None
    full: float | None = Field(description="0-100; None while partial (or not graded).")
    missing: list[str] = Field(default_factory=list,
                               description="Reviewer criteria no one has rated yet.")
    points: dict[str, float] = Field(default_factory=dict,
                                     description="Per criterion, the points the full score uses.")
    levels: dict[str, int] = Field(
        default_factory=dict, description="Per criterion, the level in force: reviewers' "
                                          "(combined), an override's, else the automatic one.")

    def text(self) -> str:
        """As printed: the score, ``partial (missing: a, b)``, or ``-`` when not graded."""
        if self.full is not None:
            return f"{self.full:g}"
        if self.missing:
            return f"partial (missing: {', '.join(self.missing)})"
        return "-"


class Review(BaseModel):
    """What reviewers made of one result: its full score, the ratings in force (those its
    viewer may see) and the decision in force."""

    score: FullScore
    ratings: list[Rating] = Field(default_factory=list)
    hidden: bool = Field(default=False, description="Others' ratings are hidden from the "
                                                    "viewer, who has not rated each criterion.")
    decision: Decision | None = None
    reason_hidden: bool = Field(
        default=False, description="The decision's reason is hidden from the viewer, who has "
                                   "not rated each criterion (a reason may say how its "
                                   "author rated).")

    def score_text(self) -> str:
        """The full score as printed (``FullScore.text``), or why it is hidden."""
        return "hidden until you have rated each criterion" if self.hidden else self.score.text()

    def exported(self) -> dict:
        """As ``results export`` writes it beside the result."""
        return {"full_score": self.score.full, "missing_ratings": self.score.missing,
                "points": self.score.points,
                "decision": self.decision.model_dump(mode="json") if self.decision else None}


def reviews(results: Iterable[GradeResult], ratings: Iterable[Rating],
            decisions: Iterable[Decision], viewer: str | None = None) -> list[Review]:
    """A Review for each of ``results``, in their order; for a ``viewer`` (a reviewer), made
    of only the ratings they may see (``shown_to``)."""
    by_submission = in_force_by_submission(ratings)
    decided = {rated_submission(d): d for d in current_decisions(decisions)}
    made = []
    for result in results:
        everyone = by_submission.get(submission_of(result), [])
        shown = everyone if viewer is None else shown_to(viewer, result, everyone)
        decision = decided.get(submission_of(result))
        made.append(Review(score=full_score(result, shown), ratings=shown,
                           hidden=len(shown) < len(everyone), decision=decision,
                           reason_hidden=viewer is not None and decision is not None
                           and decision.by != viewer and not has_rated(viewer, result, shown)))
    return made


def in_force_by_submission(ratings: Iterable[Rating]) -> dict[tuple[str, str, str],
                                                                 list[Rating]]:
    """The ratings in force, by (assignment id, submission id, submission key)."""
    grouped: dict[tuple[str, str, str], list[Rating]] = {}
    for rating in current(ratings):
        grouped.setdefault(rated_submission(rating), []).append(rating)
    return grouped


def submission_of(result: GradeResult) -> tuple[str, str, str]:
    """What ratings of ``result``'s submission are keyed by."""
    return result.assignment_id, result.submission_id, submission_key(result)


def rated_submission(rating: Rating | Decision) -> tuple[str, str, str]:
    """What ``rating`` (or a decision) is of, as ``submission_of`` gives it for a result."""
    return rating.assignment_id, rating.submission_id, rating.submission_key


def current(ratings: Iterable[Rating]) -> list[Rating]:
    """The ratings in force: each reviewer's latest per submission, criterion and kind."""
    latest: dict[tuple, Rating] = {}
    for rating in ratings:  # in the order they were given
        latest[slot(rating)] = rating
    return list(latest.values())


def slot(rating: Rating) -> tuple:
    """What a later rating supersedes an earlier one in: the same submission, criterion,
    reviewer and kind (a rating or an override)."""
    return (*rated_submission(rating), rating.criterion, rating.reviewer, rating.override)


def current_decisions(decisions: Iterable[Decision]) -> list[Decision]:
    """The decisions in force: the latest per submission."""
    return list({rated_submission(d): d for d in decisions}.values())


def same_submission(rating: Rating | Decision, result: GradeResult) -> bool:
    """Whether ``rating`` (or a decision) is of the submission ``result`` graded."""
    return rated_submission(rating) == submission_of(result)


def combined(shares: list[float], how: str) -> float:
    """Several reviewers' shares as one: their median or their mean."""
    return statistics.median(shares) if how == "median" else statistics.fmean(shares)


def full_score(result: GradeResult, ratings: Iterable[Rating]) -> FullScore:
    """The full score of ``result`` from the ratings of its submission (others are ignored)."""
    if result.status != Status.GRADED:
        return FullScore(automatic=result.score, full=None)
    in_force = [r for r in current(ratings) if same_submission(r, result)]
    points, levels, missing = {}, {}, []
    for criterion in result.criteria:
        overriding = criterion.source == "auto"
        shares = [LEVEL_SHARES[r.level] for r in in_force
                  if r.criterion == criterion.id and r.override == overriding]
        if shares:
            share = combined(shares, result.combine_ratings)
            points[criterion.id] = round(share * criterion.max_points, 2)
            levels[criterion.id] = level_for(share)
        elif overriding:
            points[criterion.id] = criterion.points or 0.0
            if criterion.level is not None:
                levels[criterion.id] = criterion.level
        else:
            missing.append(criterion.id)
    weight = sum(criterion.max_points for criterion in result.criteria)
    full = None if missing or not weight else round(100 * sum(points.values()) / weight, 2)
    return FullScore(automatic=result.score, full=full, missing=missing, points=points,
                     levels=levels)


def checked_rating(result: GradeResult, *, criterion: str, level: int, reviewer: str,
                   note: str = "", override: bool = False, reason: str = "",
                   alias: str = "") -> Rating:
    """A rating of ``result``'s submission, or a WorksampleError saying what is wrong: an
    unknown criterion, a level outside 1-4, an automatic criterion without an override, an
    override without a reason, or a reviewer criterion given as an override. With ``alias``
    (the one a blind reviewer saw) the rating is blind, and an error names the alias only."""
    where = f"{result.assignment_id}/{alias or result.submission_id}"
    if not reviewer.strip():
        raise WorksampleError("a rating needs the reviewer's name (--reviewer NAME)")
    scores = {c.id: c for c in result.criteria}
    if criterion not in scores:
        raise WorksampleError(f"{where} has no criterion {criterion!r}; its criteria: "
                              f"{', '.join(scores)}")
    if level not in LEVEL_SHARES:
        raise WorksampleError(f"{criterion}: level {level!r} is not one of 1, 2, 3, 4")
    source = scores[criterion].source
    if source == "auto" and not override:
        raise WorksampleError(
            f"{criterion!r} is scored automatically (level {scores[criterion].level}); to "
            f"replace its level, give it with --override {criterion}=LEVEL --reason \"...\"")
    if source == "reviewer" and override:
        raise WorksampleError(f"{criterion!r} is a reviewer criterion: rate it, do not "
                              "override it")
    if override and not reason.strip():
        raise WorksampleError(f"overriding {criterion!r} needs a reason (--reason \"...\")")
    return Rating(assignment_id=result.assignment_id, submission_id=result.submission_id,
                  submission_key=submission_key(result), criterion=criterion,
                  reviewer=reviewer.strip(), level=level, note=note, override=override,
                  reason=reason if override else "", blind=bool(alias), alias=alias)


def latest_results(results: Iterable[GradeResult], *,
                   graded_only: bool = True) -> dict[tuple[str, str], GradeResult]:
    """The latest result of each (assignment id, submission id): the one a reviewer rates
    (only graded ones) or a decision is about (any)."""
    latest: dict[tuple[str, str], GradeResult] = {}
    for result in results:
        if graded_only and result.status != Status.GRADED:
            continue
        key = (result.assignment_id, result.submission_id)
        if key not in latest or result.graded_at > latest[key].graded_at:
            latest[key] = result
    return latest


def rated_result(latest: dict[tuple[str, str], GradeResult], assignment_id: str,
                 submission_id: str) -> GradeResult:
    """The result in ``latest`` of this submission, or a WorksampleError naming it."""
    try:
        return latest[(assignment_id, submission_id)]
    except KeyError:
        raise WorksampleError(f"no graded result for submission {submission_id!r} of "
                              f"assignment {assignment_id!r} in the store") from None


def shown_to(reviewer: str, result: GradeResult, ratings: Iterable[Rating]) -> list[Rating]:
    """The ratings in force of ``result``'s submission that ``reviewer`` may see: everyone's
    once they have rated each of its reviewer criteria themselves, else only their own."""
    in_force = [r for r in current(ratings) if same_submission(r, result)]
    if has_rated(reviewer, result, in_force):
        return in_force
    return [r for r in in_force if r.reviewer == reviewer]


def has_rated(reviewer: str, result: GradeResult, ratings: Iterable[Rating]) -> bool:
    """Whether ``ratings`` (of ``result``'s submission) hold ``reviewer``'s rating of each of
    its reviewer criteria."""
    to_rate = {c.id for c in result.criteria if c.source == "reviewer"}
    return to_rate <= {r.criterion for r in ratings if r.reviewer == reviewer}
