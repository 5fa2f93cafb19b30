"""A Report for a cohort of results, with reviewers' ratings: ``build_report`` builds it whole;
``ReportPlan`` is the same report before its pages are built, so that ``write_report`` can
build a large report's pages in the two processes that write them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from worksample.models import Assignment, GradeResult
from worksample.reports.cohort import cohort_index, ranked, shown_names, stems, twins
from worksample.reports.page import candidate_page
from worksample.reports.similar import ReadTexts
from worksample.reports.view import AssignmentView, Audience, CandidatePage, Report
from worksample.reports.work import WorkLookup

if TYPE_CHECKING:
    from worksample.ratings import Review
    from worksample.reports.similar_work import SimilarWork


class Roster:
    """The cohort as a report shows it, whatever reviewers have said: the results in its
    order, under the names and page file names it shows them by, and who sent the same
    files, or given ``texts`` (``similar.stored_texts``) nearly the same text, as whom; and
    given ``similar`` (``similar_work.SimilarWork``) the work found similar to each."""

    def __init__(self, assignment: Assignment, results: Sequence[GradeResult], blind: bool,
                 texts: ReadTexts | None = None, similar: SimilarWork | None = None):
        self.results, self.names = ranked(results, shown_names(assignment, results, blind))
        self.stems = stems(assignment, self.results, self.names, blind)
        self.similar = similar
        self.twins = twins(self.results, self.names,
                           None if texts is None else [texts(r) for r in self.results],
                           similar)


class ReportPlan:
    """A report before its pages are built: the cohort in its order, under the names and page
    file names it is shown by, with each candidate's review and the cohort index.

    ``reviews`` (one per result, in order) bring reviewers' ratings, full score and decision;
    they are never shown to candidates. ``work`` looks up each result's kept work
    (``reports.work.stored_work(store)``); without it, pages show no work. ``texts`` looks up
    the texts each result's plugin read (``similar.stored_texts``), to flag nearly the same
    text; without it, only the same files are. ``similar`` (a ``similar_work.SimilarWork``
    for ``blind``) flags the work the similarity measure found similar to each candidate's,
    and shows the parts in common. ``roster``: the cohort's ``Roster`` for ``blind``, when
    the caller keeps one. ``borderline``: the borderline band's points either side of the
    pass score, if not the assignment's.
    """

    def __init__(self, assignment: Assignment, results: Sequence[GradeResult], *,
                 audience: Audience = "hiring-manager", blind: bool = False,
                 reviews: Sequence[Review] | None = None, work: WorkLookup | None = None,
                 texts: ReadTexts | None = None, roster: Roster | None = None,
                 borderline: float | None = None, similar: SimilarWork | None = None):
        self.assignment, self.audience, self.blind = assignment, audience, blind
        self.work = work
        by_result = dict(zip(map(id, results), reviews, strict=True)) if reviews else {}
        roster = roster or Roster(assignment, results, blind, texts, similar)
        self.results, self.names = roster.results, roster.names
        self.stems, self.twins, self.similar = roster.stems, roster.twins, roster.similar
        self.reviews = [None if audience == "candidate" else by_result.get(id(result))
                        for result in self.results]
        self.index = None if audience == "candidate" else cohort_index(
            assignment, self.results, self.names, self.stems, self.reviews, self.twins,
            blind, borderline)

    def __len__(self) -> int:
        return len(self.results)

    def page(self, position: int) -> CandidatePage:
        """The page of the candidate at ``position`` in the report's order."""
        return candidate_page(self.assignment, self.results[position], self.names[position],
                              self.stems[position], self.audience, self.blind,
                              self.twins[position], self.reviews[position], self.work,
                              self.similar)

    def report(self, pages: list[CandidatePage]) -> Report:
        """The Report with ``pages`` (all of them, or none for the index alone)."""
        return Report(audience=self.audience, blind=self.blind, index=self.index, pages=pages,
                      assignment=assignment_view(self.assignment))


def assignment_view(assignment: Assignment) -> AssignmentView:
    """What a report says of the assignment it is about."""
    spec = assignment.spec
    return AssignmentView(id=spec.id, title=spec.title, role=spec.role, type=spec.type,
                          version=assignment.version, pass_score=spec.pass_score,
                          time_budget_minutes=spec.time_budget_minutes,
                          rubric=[(c.id, c.title) for c in spec.rubric])


def build_report(assignment: Assignment, results: Sequence[GradeResult], *,
                 audience: Audience = "hiring-manager", blind: bool = False,
                 reviews: Sequence[Review] | None = None,
                 work: WorkLookup | None = None, texts: ReadTexts | None = None,
                 borderline: float | None = None,
                 similar: SimilarWork | None = None) -> Report:
    """The report for ``results`` (one per submission, of this assignment's version), with
    reviewers' ratings, full score and decision from ``reviews`` (one per result, in order;
    never shown to candidates), each candidate's work found by ``work``
    (``reports.work.stored_work(store)``), and the texts compared for near-identical work
    found by ``texts`` (``similar.stored_texts``), and the similar work ``similar`` found;
    see ``ReportPlan``."""
    plan = ReportPlan(assignment, results, audience=audience, blind=blind, reviews=reviews,
                      work=work, texts=texts, borderline=borderline, similar=similar)
    return plan.report([plan.page(position) for position in range(len(plan))])
