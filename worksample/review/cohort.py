"""The cohort of one assignment as the review server shows it: results, ratings and decisions
kept in memory, brought up to date from the store before each page, and each reviewer's view
of it (a ``ReportPlan``, the same one ``worksample report`` renders) made once per change.

The store is the truth: another reviewer's save, a ``worksample rate`` in a terminal or a
``grade`` of new work changes the store's ``revision`` and the next page shows it. Ratings and
decisions are append-only, so only rows added since the last look are read; results are read
again only when they changed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from worksample.models import Assignment, GradeResult
from worksample.ratings import Decision, Rating, current, in_force_by_submission, reviews
from worksample.reports import ReportPlan, stored_results
from worksample.reviewers import Reviewer
from worksample.store import submission_key


@dataclass
class ReviewerView:
    """One reviewer's view of the cohort at one revision of the store."""

    plan: ReportPlan
    positions: dict[str, int] = field(default_factory=dict)  # page stem -> position
    rated_by: list[list[str]] = field(default_factory=list)  # per position: who has rated
    html: dict[tuple, str] = field(default_factory=dict)  # rendered pages, made on first ask

    def position(self, stem: str) -> int | None:
        """The position of the candidate whose page is ``stem``, or None."""
        return self.positions.get(stem)


class ReviewCohort:
    """An assignment's stored results with their ratings and decisions, and each reviewer's
    view of them; safe to use from the server's threads."""

    def __init__(self, assignment: Assignment, store):
        self.assignment, self.store = assignment, store
        self._lock = threading.Lock()
        self._revision: tuple | None = None
        self._results_seen: tuple | None = None
        self.results: list[GradeResult] = []
        self._ratings: list[Rating] = []
        self._decisions: list[Decision] = []
        self._last_rating = self._last_decision = 0
        self._views: dict[tuple, ReviewerView] = {}

    def view(self, reviewer: Reviewer) -> ReviewerView:
        """``reviewer``'s view of the cohort as the store holds it now."""
        with self._lock:
            self._refresh()
            key = (reviewer.name, reviewer.role, reviewer.blind)
            made = self._views.get(key)
            if made is None:
                made = self._views[key] = self._made_view(reviewer)
            return made

    def refresh(self) -> None:
        """Bring the cohort up to date with the store (a WorksampleError when the store holds
        no result of this version of the assignment)."""
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:
        revision = self.store.revision(self.assignment.id)
        if revision == self._revision:
            return
        if revision[:2] != self._results_seen:
            self.results = stored_results(self.assignment, self.store)
            self._results_seen = revision[:2]
        added, self._last_rating = self.store.ratings_after(self.assignment.id,
                                                            self._last_rating)
        self._ratings += added
        made, self._last_decision = self.store.decisions_after(self.assignment.id,
                                                               self._last_decision)
        self._decisions += made
        self._revision = revision
        self._views.clear()

    def _made_view(self, reviewer: Reviewer) -> ReviewerView:
        made = reviews(self.results, self._ratings, self._decisions, reviewer.name)
        plan = ReportPlan(self.assignment, self.results, audience=reviewer.audience,
                          blind=reviewer.blind, reviews=made)
        everyone = in_force_by_submission(current(self._ratings))
        return ReviewerView(
            plan=plan, positions={stem: position for position, stem in enumerate(plan.stems)},
            rated_by=[sorted({r.reviewer for r in everyone.get(_key_of(result), [])})
                      for result in plan.results])


def _key_of(result: GradeResult) -> tuple[str, str, str]:
    return result.assignment_id, result.submission_id, submission_key(result)
