"""The review server's pages: the report's own templates (``reports/templates``), extended
with who is signed in, who has rated whom, and on a candidate's page the rating form in place
of the printed boxes. What a page says about a candidate is what ``worksample report`` says
for the same reviewer: the same ``ReportPlan``, the same templates, the same escaping.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from jinja2 import PackageLoader
from markupsafe import Markup

from worksample.models import Assignment, GradeResult
from worksample.ratings import Review
from worksample.reports.build import assignment_view
from worksample.reports.page import candidate_page as build_page
from worksample.reports.render import index_context, template_environment
from worksample.reports.view import Report
from worksample.reports.work import WorkLookup
from worksample.review.cohort import Candidate, CohortView
from worksample.reviewers import Reviewer
from worksample.store import submission_key

SUBMISSION_FIELD = "submission"  # the forms say which work their page showed
_ENVIRONMENT = template_environment(markdown=False,
                                    more=PackageLoader("worksample", "review/templates"))


@dataclass
class CriterionField:
    """One criterion in the rating form."""

    id: str
    title: str
    max_points: float
    anchors: dict[int, str]
    level: int | None = None  # the reviewer's own, in force
    note: str = ""
    automatic_level: int | None = None  # for an automatic criterion: what grading gave


@dataclass
class RatingForm:
    """What the rating form offers a reviewer, filled with what they gave before."""

    rated: list[CriterionField] = field(default_factory=list)
    automatic: list[CriterionField] = field(default_factory=list)
    reason: str = ""


def submission_tag(result: GradeResult) -> str:
    """What a page's forms say of the work the page showed: a rating must land on that work,
    even if the address now shows another (new work graded meanwhile). A digest of the
    content's key, so it names no one."""
    return hashlib.sha256(submission_key(result).encode()).hexdigest()[:16]


def signed_in_as(reviewer: Reviewer) -> str:
    """How the banner names the signed-in reviewer and what they see."""
    seen = "HR's view" if reviewer.role == "hr" else "the hiring manager's view"
    return f"{reviewer.name} · {seen}{' · blind' if reviewer.blind else ''}"


def cohort_page(assignment: Assignment, view: CohortView, reviewer: Reviewer,
                csrf: str) -> str:
    """The cohort page for ``reviewer``: each line of the ranking rendered once per change
    of what it shows, the page once per change of the store."""
    if csrf not in view.html:
        line = _ENVIRONMENT.get_template("_ranking_row.html.j2")
        for position, row in enumerate(view.rows):
            if view.rows_html[position] is None:
                view.rows_html[position] = line.render(row=row,
                                                       rated_by=view.rated_by[position])
        report = view.report(assignment, reviewer)
        if view.agreement_html is None:
            view.agreement_html = _agreement_section(view)
        view.html[csrf] = _ENVIRONMENT.get_template("review_index.html.j2").render(
            index_context(report), rows_html=Markup("".join(view.rows_html)),
            agreement_html=Markup(view.agreement_html), me=signed_in_as(reviewer), csrf=csrf)
    return view.html[csrf]


def _agreement_section(view: CohortView) -> str:
    """The agreement section of ``view``'s page, each line of its disagreements rendered once
    while it stays the same (``view.lines`` keeps them from one change to the next)."""
    if view.index.agreement is None:
        return ""
    line = _ENVIRONMENT.get_template("_disagreement_row.html.j2")
    made = {}
    for d in view.index.agreement.disagreements:
        key = (d.candidate, d.criterion, d.override, tuple(d.levels.items()), d.spread)
        made[key] = view.lines.get(key) or line.render(d=d)
    view.lines = made
    return _ENVIRONMENT.get_template("_agreement.html.j2").render(
        index=view.index, disagreement_rows=Markup("".join(made.values())))


def candidate_page(assignment: Assignment, candidate: Candidate, reviewer: Reviewer,
                   csrf: str, work: WorkLookup, *, message: str = "", error: str = "") -> str:
    """The page of ``candidate`` as ``reviewer`` is shown it, with the work (``work``
    looks it up) and their rating form."""
    page = build_page(assignment, candidate.result, candidate.name, candidate.stem,
                      reviewer.audience, reviewer.blind, candidate.twins, candidate.review,
                      work, candidate.similar)
    report = Report(audience=reviewer.audience, blind=reviewer.blind, index=None, pages=[],
                    assignment=assignment_view(assignment))
    return _ENVIRONMENT.get_template("review_candidate.html.j2").render(
        report=report, page=page, me=signed_in_as(reviewer), csrf=csrf, cohort_link=True,
        submission=submission_tag(candidate.result),
        form=rating_form(assignment, candidate.result, candidate.review, reviewer.name),
        message=message, error=error)


def rating_form(assignment: Assignment, result, review: Review | None,
                reviewer: str) -> RatingForm:
    """The rating form of ``result`` for ``reviewer``, filled with their ratings in force."""
    mine = {(r.criterion, r.override): r for r in (review.ratings if review else [])
            if r.reviewer == reviewer}
    form = RatingForm()
    for score in result.criteria:
        if not any(c.id == score.id for c in assignment.spec.rubric):
            continue
        criterion = assignment.criterion(score.id)
        automatic = score.source == "auto"
        given = mine.get((score.id, automatic))
        made = CriterionField(id=score.id, title=criterion.title, max_points=score.max_points,
                              anchors=dict(criterion.anchors),
                              level=given.level if given else None,
                              note=given.note if given else "",
                              automatic_level=score.level if automatic else None)
        if automatic:
            form.automatic.append(made)
            form.reason = form.reason or (given.reason if given else "")
        else:
            form.rated.append(made)
    return form


def sign_in_page(problem: str = "") -> str:
    """The only page served to someone not signed in."""
    return _ENVIRONMENT.get_template("sign_in.html.j2").render(problem=problem)
