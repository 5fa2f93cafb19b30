"""The cohort of one assignment as the review server shows it: results, ratings and decisions
kept in memory and brought up to date from the store before each page.

The store is the truth: another reviewer's save, a ``worksample rate`` in a terminal or a
``grade`` of new work changes the store's ``revision``, and the next page shows it. Ratings and
decisions are append-only, so only rows added since the last look are read; results are read
again only when they changed. What depends on the results alone (the order, the names shown,
the page names: a ``Roster``) is kept until they change; a candidate's page needs only that
candidate's ratings; the cohort page, which needs everyone's, is made once per change of the
store for each reviewer who asks for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from worksample.models import Assignment, GradeResult
from worksample.ratings import Decision, Rating, Review, reviews
from worksample.reports import ReportPlan, stored_results
from worksample.reports.build import Roster
from worksample.reviewers import Reviewer
from worksample.store import submission_key

Submission = tuple[str, str, str]  # assignment id, submission id, submission key


@dataclass
class Candidate:
    """One candidate as a reviewer is shown them: where in the cohort, under which name, and
    what reviewers have said that this reviewer may see."""

    result: GradeResult
    name: str
    stem: str
    same_files: list[str]
    review: Review


@dataclass
class CohortView:
    """One reviewer's cohort page at one revision of the store."""

    plan: ReportPlan
    rated_by: list[list[str]]  # per candidate, in the plan's order: who has rated them
    html: dict[str, str] = field(default_factory=dict)  # rendered, by form token


class ReviewCohort:
    """An assignment's stored results with their ratings and decisions; safe to use from the
    server's threads."""

    def __init__(self, assignment: Assignment, store):
        self.assignment, self.store = assignment, store
        self._lock = threading.Lock()
        self._revision: tuple | None = None
        self._results_seen: tuple | None = None
        self._results: list[GradeResult] = []
        self._rosters: dict[bool, tuple[Roster, dict[str, int]]] = {}
        self._ratings: dict[Submission, list[Rating]] = {}
        self._decisions: dict[Submission, Decision] = {}
        self._last_rating = self._last_decision = 0
        self._views: dict[tuple, CohortView] = {}

    def refresh(self) -> None:
        """Bring the cohort up to date with the store (a WorksampleError when the store holds
        no result of this version of the assignment)."""
        with self._lock:
            self._refresh()

    def candidate(self, reviewer: Reviewer, stem: str) -> Candidate | None:
        """The candidate whose page is ``stem``, as ``reviewer`` is shown them; None if none."""
        with self._lock:
            self._refresh()
            roster, positions = self._roster(reviewer.blind)
            position = positions.get(stem)
            if position is None:
                return None
            result = roster.results[position]
            key = _key_of(result)
            decided = [self._decisions[key]] if key in self._decisions else []
            [review] = reviews([result], self._ratings.get(key, []), decided, reviewer.name)
            return Candidate(result=result, name=roster.names[position], stem=stem,
                             same_files=roster.same_files[position], review=review)

    def cohort(self, reviewer: Reviewer) -> CohortView:
        """``reviewer``'s view of the whole cohort as the store holds it now."""
        with self._lock:
            self._refresh()
            key = (reviewer.name, reviewer.role, reviewer.blind)
            if key not in self._views:
                self._views[key] = self._cohort_view(reviewer)
            return self._views[key]

    def _refresh(self) -> None:
        revision = self.store.revision(self.assignment.id)
        if revision == self._revision:
            return
        if revision[:2] != self._results_seen:
            self._results = stored_results(self.assignment, self.store)
            self._rosters.clear()
            self._results_seen = revision[:2]
        added, self._last_rating = self.store.ratings_after(self.assignment.id,
                                                            self._last_rating)
        for rating in added:
            self._ratings.setdefault(_key_of(rating), []).append(rating)
        made, self._last_decision = self.store.decisions_after(self.assignment.id,
                                                               self._last_decision)
        for decision in made:
            self._decisions[_key_of(decision)] = decision
        self._revision = revision
        self._views.clear()

    def _roster(self, blind: bool) -> tuple[Roster, dict[str, int]]:
        if blind not in self._rosters:
            roster = Roster(self.assignment, self._results, blind)
            self._rosters[blind] = (roster, {stem: n for n, stem in enumerate(roster.stems)})
        return self._rosters[blind]

    def _cohort_view(self, reviewer: Reviewer) -> CohortView:
        roster, _ = self._roster(reviewer.blind)
        everyone = [rating for ratings in self._ratings.values() for rating in ratings]
        made = reviews(roster.results, everyone, list(self._decisions.values()), reviewer.name)
        plan = ReportPlan(self.assignment, roster.results, audience=reviewer.audience,
                          blind=reviewer.blind, reviews=made, roster=roster)
        return CohortView(plan=plan, rated_by=[
            sorted({r.reviewer for r in self._ratings.get(_key_of(result), [])})
            for result in plan.results])


def _key_of(given: GradeResult | Rating | Decision) -> Submission:
    if isinstance(given, GradeResult):
        return given.assignment_id, given.submission_id, submission_key(given)
    return given.assignment_id, given.submission_id, given.submission_key
