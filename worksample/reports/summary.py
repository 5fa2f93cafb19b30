"""The summary at the top of a candidate page (issue 28): where the candidate stands against the
pass mark and what that number covers, up to three strengths and three concerns each with its
proof, the flags that matter, a suggested next step and what to check in the interview.

Everything in it is drawn from the evidence already on the page (the plain evidence of each
criterion, reviewers' ratings, the flags): the summary chooses and orders, it never
judges anew. A strength or a concern weighs what its check is worth in the rubric (its share
of the criterion's points), so the first ones are the ones that moved the score most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from worksample.models import Assignment, Check, GradeResult, Status
from worksample.reports.history import history_brief
from worksample.reports.page_json import PAGE_JSON
from worksample.reports.plain import check_group

if TYPE_CHECKING:
    from worksample.ratings import Review
    from worksample.reports.view import CriterionView, FlagView

MOST = 3
Standing = Literal["passes", "borderline above", "borderline below", "below",
                   "automatic fail", "no automatic score", "rejected", "not graded"]


class Point(BaseModel):
    """A strength or a concern, with its proof."""

    model_config = PAGE_JSON

    text: str = Field(description="What the work did or did not do, in plain words.")
    where: str = Field(default="", description="The part it is about: an email, a test file.")
    proof: str = Field(default="", description="The quote, the test's failure, the note.")
    criterion: str = Field(default="", description="The title of the criterion it counts for.")
    weight: float = Field(default=0.0, exclude=True,
                          description="Rubric points it stands for: what orders the points.")


class Summary(BaseModel):
    """The top of a candidate page for a hiring manager or HR."""

    standing: Standing
    verdict: str = Field(description="The standing in one sentence, with the numbers.")
    covers: str = Field(default="", description="What the score is made of, and what is not "
                                                "in it yet.")
    strengths: list[Point] = Field(default_factory=list)
    concerns: list[Point] = Field(default_factory=list)
    next_step: str = Field(description="A suggested next step; the reviewers decide.")
    history: str = Field(default="", description="How the work was done, as the git history "
                                                 "sent with it shows it ('' without one).")


def summary(assignment: Assignment, result: GradeResult, criteria: Sequence[CriterionView],
            whole_part: Sequence[Check], flags: Sequence[FlagView], review: Review | None,
            clean: Callable[[str], str]) -> Summary:
    """The summary of ``result``'s page, from its criteria as the page shows them
    (``criteria``, with their plain evidence and ratings), the failed checks that count for no
    one criterion (``whole_part``: a reply not read, a part that scored 0), the page's
    ``flags`` and ``review``; ``clean`` makes candidate text safe to show."""
    standing, verdict = _standing(assignment, result)
    concerns = _chosen([*_whole_part_concerns(whole_part, clean), *_concerns(criteria)])
    return Summary(
        standing=standing, verdict=verdict,
        covers=_covers(assignment, result, criteria, review)
        if result.status == Status.GRADED else "",
        strengths=_chosen(_strengths(criteria)), concerns=concerns,
        next_step=_next_step(standing, criteria, review, bool(concerns),
                             [flag.kind for flag in flags if flag.severity == "high"
                              and flag.category != "machinery"]),
        history=history_brief(result, assignment.spec.time_budget_minutes))


def _standing(assignment: Assignment, result: GradeResult) -> tuple[Standing, str]:
    """Where the result stands against the pass mark, as the page shows the score (to one
    place), and the sentence that says so; within ``borderline_points`` either side is
    borderline. An automatic fail does not pass whatever the score."""
    spec = assignment.spec
    if result.status == Status.REJECTED:
        return "rejected", "Not assessed: the submission was refused (see the message below)."
    if result.status == Status.ERROR:
        return "not graded", ("Not graded because of a problem on our side: this says nothing "
                              "about the candidate.")
    if result.score is None:
        return "no automatic score", "No automatic score: the reviewers' ratings decide."
    mark, band, score = spec.pass_score, spec.borderline_points, round(result.score, 1)
    failing = Counter(flag.kind for flag in result.flags if flag.fails)
    if failing:
        said = ", ".join(f"{kind} ×{count}" if count > 1 else kind
                         for kind, count in failing.items())
        return "automatic fail", (f"Does not pass, whatever the score ({score:g}): an "
                                  f"automatic fail ({said}; see the flags).")
    gap = round(score - mark, 1)
    if gap >= 0:
        if gap < band:
            return "borderline above", (
                f"Passes, just: {score:g}, {gap:g} above the pass mark of {mark:g} (within the "
                f"borderline band of {band:g} points).")
        return "passes", f"Passes: {score:g} against a pass mark of {mark:g}."
    if -gap <= band:
        return "borderline below", (
            f"Borderline: {score:g}, {-gap:g} below the pass mark of {mark:g} (within the "
            f"borderline band of {band:g} points).")
    return "below", f"Below the pass mark: {score:g} against {mark:g}."


def _covers(assignment: Assignment, result: GradeResult, criteria: Sequence[CriterionView],
            review: Review | None) -> str:
    """What the score is made of: the automatic criteria's share of the rubric's points, and
    the reviewers' share, rated or waiting."""
    total = sum(c.max_points for c in criteria)
    automatic = [c for c in criteria if c.source == "auto"]
    automatic_max = sum(c.max_points for c in automatic)
    by_people = [c for c in criteria if c.source == "reviewer"]
    if not total or not automatic_max:
        return ""
    if not by_people:
        return (f"The score covers the whole rubric ({total:g} points), all of it checked "
                "automatically.")
    earned = round(sum(c.points for c in automatic if c.points is not None), 1)
    share = round(100 * automatic_max / total)
    said = (f"The score covers the automatic part: {automatic_max:g} of the rubric's "
            f"{total:g} points ({share}%), of which the work earned {earned:g}, scaled to 100.")
    if any(flag.fails for flag in result.flags):
        said += (f" An automatic fail then puts it under the pass mark: "
                 f"× {assignment.spec.pass_score:g}/100 = {result.score:.1f}.")
    if review is not None and review.score.full is not None:
        return said + (f" With the reviewers' ratings of the other {100 - share}%, the full "
                       f"score is {review.score.full:g} of 100.")
    waiting = [c.title for c in by_people if c.needs_rating]
    if waiting:
        return said + (f" The other {100 - share}% awaits reviewers: "
                       f"{', '.join(waiting)}.")
    return said


def _strengths(criteria: Sequence[CriterionView]) -> list[Point]:
    """What the work did well: checks met with the candidate's words as proof, groups of
    hidden tests that all passed, and reviewers' levels of 3 or 4. An automatic criterion at
    level 3 or 4 with none of those is a strength by what its checks found ("29 of 31 hidden
    tests passed")."""
    points = []
    for criterion in criteria:
        own = [Point(text=line.text, where=line.group, proof=line.detail,
                     criterion=criterion.title, weight=line.weight * criterion.max_points)
               for line in (criterion.plain.lines if criterion.source == "auto" else [])
               if line.mark == "met" and (line.quoted or line.tests)]
        tests_only = bool(criterion.plain.lines) and all(
            line.tests for line in criterion.plain.lines)
        if not own and criterion.source == "auto" and (
                (criterion.level or 0) >= 3 or tests_only and criterion.level == 2):
            own = [Point(text=criterion.level_meaning, criterion=criterion.title,
                         weight=criterion.points or 0.0)]
        points += own
        points += [Point(text=f"rated level {rating.level} of 4 by {rating.reviewer}",
                         proof=rating.note, criterion=criterion.title,
                         weight=criterion.max_points * rating.level / 4)
                   for rating in criterion.ratings if rating.level >= 3]
    return points


def _concerns(criteria: Sequence[CriterionView]) -> list[Point]:
    """What the work did not do: checks missed (with what it said instead, if anything) and
    reviewers' levels of 1 or 2."""
    points = []
    for criterion in criteria:
        for line in criterion.plain.lines if criterion.source == "auto" else []:
            if line.mark == "missed":
                points.append(Point(text=line.text, where=line.group, proof=line.detail,
                                    criterion=criterion.title,
                                    weight=line.weight * criterion.max_points))
        points += [Point(text=f"rated level {rating.level} of 4 by {rating.reviewer}",
                         proof=rating.note, criterion=criterion.title,
                         weight=criterion.max_points * (5 - rating.level) / 4)
                   for rating in criterion.ratings if rating.level <= 2]
    return points


def _whole_part_concerns(whole_part: Sequence[Check],
                         clean: Callable[[str], str]) -> list[Point]:
    """Failed checks that count for no single criterion: each cost a whole part (a reply that
    was not read, an analysis that scored 0), so they lead the concerns."""
    return [Point(text=clean(check.message), where=clean(check_group(check)),
                  weight=float("inf")) for check in whole_part]


def _chosen(points: list[Point]) -> list[Point]:
    """The ``MOST`` weightiest points, one per criterion first (so one criterion's many checks
    do not fill the list), then the next weightiest; in weight order."""
    ranked = sorted(points, key=lambda point: -point.weight)
    chosen: list[Point] = []
    seen: set[str] = set()
    for point in ranked:
        if len(chosen) < MOST and (point.criterion not in seen or not point.criterion):
            chosen.append(point)
            seen.add(point.criterion)
    for point in ranked:
        if len(chosen) < MOST and point not in chosen:
            chosen.append(point)
    return sorted(chosen, key=lambda point: -point.weight)


def _next_step(standing: Standing, criteria: Sequence[CriterionView], review: Review | None,
               concerns: bool, high_flags: list[str]) -> str:
    """A suggestion from the standing, what awaits reviewers, and the flags of high severity
    (same or near-identical work, suspected tampering): those come first, whatever the
    score."""
    if review is not None and review.decision is not None:
        return f"Decided: {review.decision.decision}; see the decision and its reason above."
    if high_flags and standing in ("passes", "borderline above", "borderline below"):
        return (f"Resolve the flag(s) first ({', '.join(dict.fromkeys(high_flags))}): the "
                "score cannot be taken as it stands until a reviewer has looked.")
    waiting = [c.title for c in criteria if c.needs_rating]
    rate = f"rate {', '.join(waiting)}" if waiting else ""
    steps = {
        "rejected": "Ask the candidate to send the work again as the message says; nothing "
                    "was assessed.",
        "not graded": "Grade it again once the problem is fixed; until then there is nothing "
                      "to decide on.",
        "no automatic score": (f"{rate.capitalize()}, then decide." if rate
                               else "Decide on the reviewers' ratings."),
        "automatic fail": "Read the flagged statement first: unless a reviewer finds the "
                          "automatic fail mistaken, this candidate does not pass.",
        "borderline above": "Read the work before deciding: the pass mark alone should not "
                            f"decide a borderline result{f'; {rate}' if rate else ''}.",
        "borderline below": "Read the work before deciding: the pass mark alone should not "
                            f"decide a borderline result{f'; {rate}' if rate else ''}.",
        "passes": (f"Worth inviting on the automatic part; {rate} to complete the picture"
                   if rate else "Worth inviting")
        + ("; use the interview to check the concerns." if concerns else "."),
        "below": ("Below the pass mark on the automatic part: not invited unless a reviewer "
                  "finds the checks mistaken."),
    }
    return steps[standing]
