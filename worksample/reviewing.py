"""What a reviewer does to one submission: rate its criteria, override an automatic level,
decide. The one implementation that ``worksample rate``, ``worksample decide`` and the review
server (``worksample review``) call, so that a rating given on the page and one given in a
terminal are checked, recorded and logged alike.

The rules of what a rating is (supersession, overrides, the full score) are in ``ratings.py``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from worksample.errors import WorksampleError
from worksample.models import GradeResult
from worksample.ratings import (
    Decision,
    Rating,
    checked_rating,
    current,
    same_submission,
    slot,
    submission_of,
)


class Rated(BaseModel):
    """What ``rate`` recorded."""

    recorded: list[Rating]
    unchanged: int = Field(description="Ratings given that repeat the one in force.")
    notes_dropped: list[str] = Field(
        default_factory=list, description="Criteria whose earlier note the new rating does not "
                                          "carry (a rating is replaced whole).")


def rate(store, result: GradeResult, *, reviewer: str, levels: dict[str, int],
         overrides: dict[str, int] | None = None, notes: dict[str, str] | None = None,
         reason: str = "", alias: str = "") -> Rated:
    """Record ``reviewer``'s ``levels`` (criterion id -> 1-4) of ``result``'s reviewer
    criteria and ``overrides`` of its automatic ones (with ``reason``), each with its note
    from ``notes``, in one transaction with their audit entries; ``alias`` is the name a
    blind reviewer saw. A WorksampleError says what is wrong before anything is recorded."""
    overrides, notes = overrides or {}, notes or {}
    if not levels and not overrides:
        raise WorksampleError("nothing to rate: give CRITERION=LEVEL (or --override)")
    if reason.strip() and not overrides:
        raise WorksampleError("--reason goes with --override CRITERION=LEVEL")
    stray = sorted(set(notes) - set(levels) - set(overrides))
    if stray:
        raise WorksampleError(f"--note for {', '.join(stray)}, which this command does not rate")
    ratings = [checked_rating(result, criterion=criterion, level=level, reviewer=reviewer,
                              note=notes.get(criterion, ""), override=criterion in overrides,
                              reason=reason, alias=alias)
               for table in (levels, overrides) for criterion, level in table.items()]
    noted_before = {slot(r): r.note
                    for r in current(store.ratings(result.assignment_id, result.submission_id))
                    if same_submission(r, result) and r.note}
    recorded = store.add_ratings(ratings)
    return Rated(recorded=recorded, unchanged=len(ratings) - len(recorded),
                 notes_dropped=[r.criterion for r in recorded
                                if slot(r) in noted_before and not r.note])


def decide(store, result: GradeResult, *, decision: str, by: str, reason: str) -> Decision:
    """Record the decision (advance, hold or reject) on ``result``'s submission by ``by``,
    for ``reason``; a later decision supersedes it, and both stay in the audit log."""
    if not by.strip() or not reason.strip():
        raise WorksampleError("a decision needs --by NAME and --reason \"...\"")
    if decision not in ("advance", "hold", "reject"):
        raise WorksampleError(f"a decision is advance, hold or reject, not {decision!r}")
    _, submission_id, key = submission_of(result)
    made = Decision(assignment_id=result.assignment_id, submission_id=submission_id,
                    submission_key=key, decision=decision, by=by.strip(), reason=reason)
    store.decide(made)
    return made
