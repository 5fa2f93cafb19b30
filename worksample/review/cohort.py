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

from worksample.agreement import Tally
from worksample.models import Assignment, GradeResult
from worksample.ratings import Decision, Rating, Review, rated_submission, reviews, submission_of
from worksample.reports import stored_results
from worksample.reports.build import Roster, assignment_view
from worksample.reports.cohort import (
    band_points,
    cohort_counts,
    cohort_row,
    criterion_levels,
    ranks,
    score_distribution,
)
from worksample.reports.flags import Twins
from worksample.reports.similar import ReadTexts, stored_texts
from worksample.reports.similar_work import SimilarWork
from worksample.reports.view import CohortIndex, CohortRow, Report
from worksample.reviewers import Reviewer
from worksample.safe_text import visible
from worksample.similarity.measure import Similarity

SubmissionKey = tuple[str, str, str]  # assignment id, submission id, submission key


@dataclass
class Candidate:
    """One candidate as a reviewer is shown them: where in the cohort, under which name, and
    what reviewers have said that this reviewer may see."""

    result: GradeResult
    name: str
    stem: str
    twins: Twins
    review: Review
    similar: SimilarWork | None = None  # the parts of the similar work ``twins`` names


@dataclass
class CohortView:
    """One reviewer's cohort page, kept up to date change by change: a change of the store
    makes anew only the lines of the candidates it is about, and the summaries."""

    rows: list[CohortRow]
    rated_by: list[str]  # per candidate, in the roster's order: who has rated them
    index: CohortIndex
    change: int  # the cohort's change it is up to date with
    # Agreement, from the ratings the view shows: handed on to the next view of the same
    # reviewer (one thread makes those), which sets the candidates a change is about.
    tally: Tally | None = None
    agreement_html: str | None = None
    lines: dict[tuple, str] = field(default_factory=dict)  # disagreements' rendered lines
    # what the results alone decide: ranks, the score distribution
    ranks: list[int | None] = field(default_factory=list)
    distribution: list[int] = field(default_factory=list)
    rows_html: list[str | None] = field(default_factory=list)  # rendered lines, None: anew
    html: dict[str, str] = field(default_factory=dict)  # the page, by form token

    def report(self, assignment: Assignment, reviewer: Reviewer) -> Report:
        """The report (without pages) this view is the index of."""
        return Report(audience=reviewer.audience, blind=reviewer.blind, index=self.index,
                      pages=[], assignment=assignment_view(assignment))


class ReviewCohort:
    """An assignment's stored results with their ratings and decisions; safe to use from the
    server's threads."""

    def __init__(self, assignment: Assignment, store):
        self.assignment, self.store = assignment, store
        self._lock = threading.Lock()
        self._revision: tuple | None = None
        self._results_seen: tuple | None = None
        self._results: list[GradeResult] = []
        self._texts: ReadTexts | None = None  # what the plugins read, for near-identical work
        self._similarity = None  # the similarity measured, made when a roster first needs it
        self._rosters: dict[bool, tuple[Roster, dict[str, int]]] = {}
        self._keys: dict[bool, list[SubmissionKey]] = {}  # per roster: each result's submission
        self._ratings: dict[SubmissionKey, list[Rating]] = {}
        self._decisions: dict[SubmissionKey, Decision] = {}
        self._last_rating = self._last_decision = 0
        self._changes: list[set[SubmissionKey]] = []  # the submissions each change was about
        self._views: dict[tuple, CohortView] = {}
        self._building: dict[tuple, threading.Lock] = {}

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
            ratings, decided = self._said_of(submission_of(result))
        [review] = reviews([result], ratings, decided, reviewer.name)
        return Candidate(result=result, name=roster.names[position], stem=stem,
                         twins=roster.twins[position], review=review, similar=roster.similar)

    def cohort(self, reviewer: Reviewer) -> CohortView:
        """``reviewer``'s view of the whole cohort, with every change the store held when
        asked. Made outside the cohort's lock, so candidates' pages and saves do not wait for
        it; one thread makes each reviewer's, and others asking for it meanwhile take that
        one."""
        key = (reviewer.name, reviewer.role, reviewer.blind)
        with self._lock:
            self._refresh()
            asked_at = len(self._changes)
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                view, change = self._views.get(key), len(self._changes)
                # Made while this request waited, from the store as it was then or later: it
                # shows every change made before the request came.
                if view is not None and view.change >= asked_at:
                    return view
                roster, _ = self._roster(reviewer.blind)
                keys = self._keys[reviewer.blind]
                about = set().union(*self._changes[view.change:]) if view else set(keys)
                said = {submission: self._said_of(submission) for submission in about}
            made = self._brought_up_to_date(view, reviewer, roster, keys, said, change)
            with self._lock:
                if self._rosters.get(reviewer.blind, (None,))[0] is roster:
                    self._views[key] = made
            return made

    def _said_of(self, submission: SubmissionKey) -> tuple[list[Rating], list[Decision]]:
        """Copies of what reviewers said of ``submission``: its ratings and its decision."""
        decided = self._decisions.get(submission)
        return list(self._ratings.get(submission, [])), [decided] if decided else []

    def _brought_up_to_date(self, view: CohortView | None, reviewer: Reviewer, roster: Roster,
                            keys: list[SubmissionKey], said: dict, change: int) -> CohortView:
        """``view`` with the candidates ``said`` is about made anew (all of them when there is
        no view yet), as of ``change``."""
        results = roster.results
        if view is None:
            count = len(results)
            view = CohortView(rows=[None] * count,
                              rated_by=[""] * count, index=None, change=change,
                              rows_html=[None] * count,
                              tally=Tally(self.assignment.id, blind=reviewer.blind),
                              ranks=ranks(results), distribution=score_distribution(results))
        else:
            view = CohortView(rows=list(view.rows),
                              rated_by=list(view.rated_by), index=None, change=change,
                              rows_html=list(view.rows_html), tally=view.tally,
                              lines=view.lines, ranks=view.ranks,
                              distribution=view.distribution)
        borderline = band_points(self.assignment, None)
        for position, (result, submission) in enumerate(zip(results, keys, strict=True)):
            if submission not in said:
                continue
            ratings, decided = said[submission]
            [review] = reviews([result], ratings, decided, reviewer.name)
            view.rows[position] = cohort_row(self.assignment, result, roster.names[position],
                                             roster.stems[position], review,
                                             roster.twins[position], view.ranks[position],
                                             borderline)
            view.rated_by[position] = ", ".join(sorted({visible(r.reviewer) for r in ratings}))
            view.rows_html[position] = None
            view.tally.set(submission[1:], roster.names[position], review.ratings)
        view.index = CohortIndex(
            rows=view.rows, distribution=view.distribution,
            criteria=criterion_levels(self.assignment, view.rows),
            counts=cohort_counts(view.rows), borderline_points=borderline,
            agreement=view.tally.agreement() if view.tally.rated else None)
        return view

    def _refresh(self) -> None:
        revision = self.store.revision(self.assignment.id)
        if revision == self._revision:
            return
        if revision[:2] != self._results_seen:
            self._results = stored_results(self.assignment, self.store)
            self._texts = stored_texts(self.store, self.assignment.id)
            self._similarity = None
            self._rosters.clear()
            self._views.clear()
            self._results_seen = revision[:2]
        # read all before changing anything: a read that fails leaves the cohort as it was
        added, last_rating = self.store.ratings_after(self.assignment.id, self._last_rating)
        made, last_decision = self.store.decisions_after(self.assignment.id,
                                                         self._last_decision)
        for rating in added:
            self._ratings.setdefault(rated_submission(rating), []).append(rating)
        for decision in made:
            self._decisions[rated_submission(decision)] = decision
        self._changes.append({rated_submission(given) for given in (*added, *made)})
        self._last_rating, self._last_decision = last_rating, last_decision
        self._revision = revision

    def _roster(self, blind: bool) -> tuple[Roster, dict[str, int]]:
        if blind not in self._rosters:
            if self._similarity is None:
                self._similarity = Similarity(self.assignment, self.store)
            roster = Roster(self.assignment, self._results, blind, self._texts,
                            SimilarWork(self._similarity, blind))
            self._rosters[blind] = (roster, {stem: n for n, stem in enumerate(roster.stems)})
            self._keys[blind] = [submission_of(result) for result in roster.results]
        return self._rosters[blind]

