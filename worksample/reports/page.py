"""One candidate's page: the rubric as the audience may see it, reviewers' ratings, the full
score and the decision, flags and the discussion guide, with every candidate-derived text
made visible and, in a blind review, redacted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from worksample.models import Assignment, Check, Criterion, CriterionScore, GradeResult, Status
from worksample.reports.evidence import plain_evidence
from worksample.reports.flags import RUN_ENDINGS, Twins, result_flags
from worksample.reports.history import history_view
from worksample.reports.interview import interview_brief
from worksample.reports.plain import check_group, check_label, plain_failure
from worksample.reports.redact import Redactor, filed_under
from worksample.reports.signals import signals_of
from worksample.reports.summary import summary
from worksample.reports.timing import working_time_line
from worksample.reports.view import (
    Audience,
    CandidatePage,
    CriterionView,
    DecisionView,
    FailedCheck,
    RatingView,
)
from worksample.reports.work import WorkLookup, work_view
from worksample.safe_text import visible

if TYPE_CHECKING:
    from worksample.ratings import Review
    from worksample.reports.similar_work import SimilarWork

_ERROR_FOR_CANDIDATES = ("Your submission could not be assessed because of a problem on our "
                         "side. It says nothing about your work; the team will be in touch.")
_HIDDEN_REASON = "(the reason is hidden until you have rated each criterion)"


def candidate_page(assignment: Assignment, result: GradeResult, name: str, stem: str,
                   audience: Audience, blind: bool, twins: Twins,
                   review: Review | None, work: WorkLookup | None = None,
                   similar: SimilarWork | None = None) -> CandidatePage:
    """The page of ``result`` as ``audience`` may see it, under ``name`` (an alias when
    ``blind``), with ``review``'s ratings, full score and decision (None for candidates),
    flags naming the others who sent the same work (``twins``), given ``work`` (the
    look-up of the kept work, ``reports.work.stored_work``) the candidate's work, and given
    ``similar`` the parts of it found in the similar work ``twins`` names."""
    clean = _cleaner(result, blind)
    for_candidate = audience == "candidate"
    owners = _criterion_owners(result)
    checks_of: dict[str | None, list[Check]] = {}
    for check, owner in zip(result.checks, owners, strict=True):
        checks_of.setdefault(owner, []).append(check)
    whole_part = [c for c, owner in zip(result.checks, owners, strict=True)
                  if c.outcome != "passed" and owner is None]
    criteria = [_criterion_view(assignment.criterion(score.id), score,
                                checks_of.get(score.id, []), audience, clean, review,
                                said_of_zero=_zero_said(result, whole_part, clean),
                                result=result)
                for score in _in_force(result, review) if _in_rubric(assignment, score.id)]
    shown = {c.id for c in criteria}
    other_failed = [] if for_candidate else [
        FailedCheck(id=clean(c.id), message=clean(c.message), said=clean(_said(c)))
        for c, owner in zip(result.checks, owners, strict=True)
        if c.outcome != "passed" and owner not in shown]
    flags = [] if for_candidate else result_flags(result, clean, twins)
    interview = None if for_candidate else interview_brief(
        assignment.spec, result, _in_force(result, review, overrides=True), flags, clean)
    message = result.message
    if for_candidate and result.status == Status.ERROR:
        message = _ERROR_FOR_CANDIDATES
    return CandidatePage(
        stem=stem, name=name,
        source=None if blind or for_candidate else clean(result.submission_source),
        status=result.status, score=result.score, passed=result.passed, message=clean(message),
        summary=None if for_candidate else summary(assignment, result, criteria, whole_part,
                                                   flags, review, clean),
        full_score=review.score.full if review else None,
        missing_ratings=[assignment.criterion(c).title for c in review.score.missing
                         if _in_rubric(assignment, c)] if review else [],
        ratings_hidden=review.hidden if review else False,
        decision=DecisionView(decision=review.decision.decision,
                              by=visible(review.decision.by),
                              # a reason may say how its author rated: hidden as ratings are
                              reason=_HIDDEN_REASON if review.reason_hidden
                              else clean(review.decision.reason),
                              decided_at=review.decision.decided_at)
        if review and review.decision else None,
        criteria=criteria, other_failed_checks=other_failed,
        flags=flags,
        run=None if for_candidate or result.run is None else (
            f"the hidden checks ran {result.run.seconds:.2f} s in the sandbox "
            f"({result.run.image}, {result.run.ended}: the grader's run, not the "
            f"candidate's working time)" + _verdict_trust(result)),
        working_time=None if for_candidate else working_time_line(
            result, assignment.spec.time_budget_minutes, clean),
        history=None if for_candidate else history_view(
            result, assignment.spec.time_budget_minutes, clean),
        guide=interview.guide if interview else None,
        agenda=interview.agenda if interview else None,
        hr_kit=interview.hr_kit if interview else None,
        candidate_questions=interview.candidate_questions if interview else None,
        notes=not for_candidate,
        graded_at=result.graded_at,
        work=None if work is None else work_view(assignment, result, work(result), audience,
                                                 clean),
        similar=None if similar is None or for_candidate else similar.view(
            result, twins.similar, twins.similar_count, clean),
    )


def shown_levels(assignment: Assignment, result: GradeResult,
                 review: Review | None) -> dict[str, int | None]:
    """The level each rubric criterion shows on the page: reviewers' where they have rated."""
    return {score.id: score.level for score in _in_force(result, review)
            if _in_rubric(assignment, score.id)}


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


TRUST_SAID = {
    "host-compared": "; verdict decided on the grader's host, against the reference "
                     "solution's recording (expected values never entered the container)",
    "runner-outcomes": "; verdict decided by the test runner in the container, which the "
                       "candidate's code shares: a determined candidate can forge it "
                       "(classic mode)",
}


def _verdict_trust(result: GradeResult) -> str:
    """Where the verdict was decided, as the result says (``details.trust``)."""
    return TRUST_SAID.get(str(result.details.get("trust", "")), "")


def _in_rubric(assignment: Assignment, criterion_id: str) -> bool:
    return any(c.id == criterion_id for c in assignment.spec.rubric)


def _cleaner(result: GradeResult, blind: bool) -> Callable[[str], str]:
    """What every candidate-derived text goes through: visible(), and redaction when blind."""
    if not blind:
        return visible
    redact = Redactor(filed_under(result.submission_id, result.submission_source),
                      paths=[result.submission_source])
    return lambda text: redact(visible(text))


def _criterion_view(criterion: Criterion, score: CriterionScore, checks: list[Check],
                    audience: Audience, clean: Callable[[str], str],
                    review: Review | None = None, said_of_zero: str = "",
                    result: GradeResult | None = None) -> CriterionView:
    """The criterion as ``audience`` sees it, with its own ``checks`` (those that count for
    it) where that audience sees them; ``said_of_zero`` names what made the whole work score
    0, if something did (an empty reply, an automatic fail, a run stopped at its limit); and
    the code-quality signals ``result`` shows next to it, where that audience sees them."""
    for_candidate = audience == "candidate"
    detailed = audience == "hiring-manager" or criterion.audience == audience
    if for_candidate:
        evidence = score.feedback
    else:
        evidence = score.evidence if detailed else score.evidence[:1]
    own = [] if for_candidate or not detailed else checks
    failed = [FailedCheck(id=clean(c.id), message=clean(c.message)) for c in own
              if c.outcome != "passed" and not c.review]
    to_review = [FailedCheck(id=clean(c.id), message=clean(f"{c.review}: {c.message}"),
                             said=clean(_said(c)))
                 for c in own if c.review]
    needs_rating = score.points is None and not for_candidate
    # in plain words for HR too: the raw lines of another audience's criterion are not
    plain = plain_evidence([] if for_candidate else checks, clean)
    return CriterionView(
        id=criterion.id, title=criterion.title, source=score.source,
        audience=criterion.audience, max_points=score.max_points, points=score.points,
        level=score.level,
        # a candidate's own page gives the anchor of a reviewer's level, and for an automatic
        # one the feedback below: the checks' counts and reasons are the reviewers'
        level_meaning="" if for_candidate and score.source == "auto"
        else _level_said(criterion, score, checks, said_of_zero),
        evidence=[clean(line) for line in evidence], plain=plain, failed_checks=failed,
        to_review=to_review,
        anchors=dict(criterion.anchors) if needs_rating else {}, needs_rating=needs_rating,
        ratings=[RatingView(reviewer=clean(r.reviewer), level=r.level, override=r.override,
                            note=clean(r.reason or r.note),
                            after_seeing_others=r.after_seeing_others)
                 for r in (review.ratings if review else []) if r.criterion == criterion.id],
        signals=signals_of(result, criterion.id, clean)
        if result is not None and detailed and not for_candidate else [],
    )


def _said(check: Check) -> str:
    """The check in plain words, after its part: 'late refund · answers “…”'."""
    group = check_group(check)
    return f"{group} · {check_label(check)}" if group else check_label(check)


def _level_said(criterion: Criterion, score: CriterionScore, checks: list[Check],
                said_of_zero: str) -> str:
    """What the level means on the page. A reviewer's level (or an override) means its
    anchor: the reviewer chose it by those words. An automatic level is a share of points, and
    its anchor may claim more than the evidence holds ("every hidden test passes" at 29 of 31),
    so it is said by what the checks found: what made the work score 0, or how many passed."""
    if score.level is None:
        return ""
    if score.source == "reviewer":
        return criterion.anchors.get(score.level, "")
    if score.points == 0 and said_of_zero:
        return f"Scores 0: {said_of_zero}"
    found = _checks_found(checks)
    if said_of_zero:  # some parts scored 0 whatever their checks met
        found = f"{found.removesuffix('.')}; but part of the work scores 0: {said_of_zero}."
    return found


def _checks_found(checks: list[Check]) -> str:
    """How many of a criterion's checks passed, in words: hidden tests by count (with those
    that did not finish in time), a text's checks by what was met and what awaits a person."""
    if not checks:
        return ""
    decided = [check for check in checks if not check.review]
    passed = sum(check.outcome == "passed" for check in decided)
    undecided = len(checks) - len(decided)
    tests = not any(check.label for check in checks)
    said = (f"{passed} of {len(decided)} hidden tests passed" if tests
            else f"{passed} of {len(decided)} things checked were met")
    late = sum(plain_failure(check).startswith("did not finish") for check in decided
               if check.outcome != "passed")
    if late:
        said += f"; {late} did not finish in time"
    if undecided:
        said += f"; {undecided} left for you to check"
    return said + "."


def _zero_said(result: GradeResult, whole_part: list[Check],
               clean: Callable[[str], str]) -> str:
    """What, if anything, made every part of the work score 0: a run stopped at a limit
    before any result, or each part's own reason (a reply that is empty, an automatic fail),
    said once each."""
    if result.run is not None and result.run.ended in RUN_ENDINGS and not result.checks:
        return f"{RUN_ENDINGS[result.run.ended][1].lower()} before any test gave a result"
    reasons = list(dict.fromkeys(clean(check.message) for check in whole_part))
    return "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} more" if len(reasons) > 3
                                     else "")


def _criterion_owners(result: GradeResult) -> list[str | None]:
    """The criterion each of the result's checks counts for, in order; results from before
    checks named it have one auto criterion, which is then the one."""
    automatic = [score.id for score in result.criteria if score.source == "auto"]
    only = automatic[0] if len(automatic) == 1 else None
    return [only if check.criterion is None else check.criterion for check in result.checks]
