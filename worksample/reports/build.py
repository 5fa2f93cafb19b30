"""``build_report``: the Report for a cohort of results, with reviewers' ratings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from worksample.models import Assignment, GradeResult
from worksample.reports.cohort import cohort_index, ranked, same_files_as, shown_names, stems
from worksample.reports.page import candidate_page
from worksample.reports.view import AssignmentView, Audience, Report

if TYPE_CHECKING:
    from worksample.ratings import Review


def build_report(assignment: Assignment, results: Sequence[GradeResult], *,
                 audience: Audience = "hiring-manager", blind: bool = False,
                 reviews: Sequence[Review] | None = None) -> Report:
    """The report for ``results`` (one per submission, of this assignment's version), with
    reviewers' ratings, full score and decision from ``reviews`` (one per result, in order;
    never shown to candidates)."""
    spec = assignment.spec
    by_result = dict(zip(map(id, results), reviews, strict=True)) if reviews else {}
    in_order, names = ranked(results, shown_names(assignment, results, blind))
    in_order_reviews = [None if audience == "candidate" else by_result.get(id(result))
                        for result in in_order]
    pages = [candidate_page(assignment, result, name, stem, audience, blind, others, review)
             for result, name, stem, others, review in zip(
                 in_order, names, stems(assignment, in_order, names, blind),
                 same_files_as(in_order, names), in_order_reviews, strict=True)]
    index = None if audience == "candidate" else cohort_index(
        assignment, in_order, pages, in_order_reviews, blind)
    return Report(
        audience=audience, blind=blind, index=index, pages=pages,
        assignment=AssignmentView(
            id=spec.id, title=spec.title, role=spec.role, type=spec.type,
            version=assignment.version, pass_score=spec.pass_score,
            time_budget_minutes=spec.time_budget_minutes,
            rubric=[(c.id, c.title) for c in spec.rubric]),
    )
