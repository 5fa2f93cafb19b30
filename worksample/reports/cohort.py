"""The cohort a report is about: the name each candidate is shown under (an alias in a blind
review), their order, their pages' file names, who sent the same or nearly the same work,
and the cohort index: the ranking with each row's flags and borderline mark, the counts, and
how far reviewers agree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from worksample.agreement import Agreement, agreement
from worksample.models import Assignment, GradeResult, Status
from worksample.reports.flags import Twins, flag_kinds
from worksample.reports.page import shown_levels
from worksample.reports.redact import alias_for, blind_aliases
from worksample.reports.similar import near_identical
from worksample.reports.view import CohortIndex, CohortRow, CriterionLevels
from worksample.store import submission_key

if TYPE_CHECKING:
    from worksample.ratings import Review
    from worksample.reports.similar_work import SimilarWork


def shown_names(assignment: Assignment, results: Sequence[GradeResult],
                 blind: bool) -> list[str]:
    """The name each result is shown under: its submission's name or, in a blind review, an
    alias drawn from its content (and from its name too when several candidates sent the same
    files, so that each keeps an alias of their own)."""
    if not blind:
        return [result.submission_id for result in results]
    return blind_aliases(assignment.id, [(r.submission_id, submission_key(r)) for r in results])


def ranked(results: Sequence[GradeResult],
            names: list[str]) -> tuple[list[GradeResult], list[str]]:
    """Graded first, best score first; then rejected, then errors; ties by the name shown
    (in a blind review the alias, so the order gives no hint of the real names)."""
    order = {Status.GRADED: 0, Status.REJECTED: 1, Status.ERROR: 2}
    pairs = sorted(zip(results, names, strict=True),
                   key=lambda pair: (order[pair[0].status], -(pair[0].score or 0), pair[1]))
    return [result for result, _ in pairs], [name for _, name in pairs]


def stems(assignment: Assignment, results: list[GradeResult], names: list[str],
           blind: bool) -> list[str]:
    """A page file name per result; unique even when two submissions share a name."""
    stems, used = [], set()
    for result, name in zip(results, names, strict=True):
        stem = name.lower().replace(" ", "-") if blind else name
        if stem in used:
            stem = f"{stem}-{alias_for(assignment.id, submission_key(result) + stem)[-5:].lower()}"
        used.add(stem)
        stems.append(stem)
    return stems


def twins(results: list[GradeResult], names: list[str], texts: list[str] | None = None,
          similar_work: SimilarWork | None = None) -> list[Twins]:
    """For each result, the names of the other candidates who sent exactly the same files,
    given ``texts`` (the texts each result's plugin read, ``similar.stored_texts``) of those
    who sent nearly the same text in other files, and given ``similar_work`` the work the
    similarity measure found similar (those with the same files or nearly the same text left
    out: their own flags name them)."""
    by_content: dict[str, list[int]] = {}
    for position, result in enumerate(results):
        if result.submission_hash:
            by_content.setdefault(result.submission_hash, []).append(position)
    similar = near_identical(texts) if texts else [[] for _ in results]
    keys = [(result.submission_id, submission_key(result)) for result in results]
    shown = dict(zip(keys, names, strict=True))
    made = []
    for position, (result, name, alike) in enumerate(zip(results, names, similar,
                                                          strict=True)):
        same = [other for other in by_content.get(result.submission_hash or "", [])
                if other != position]
        named = {names[other] for other in same} | {name}  # a cohort may send the same files
        same_text = [other for other in alike if names[other] not in named]
        found, count = [], 0
        if similar_work is not None:  # those the first two name are left to them
            found, count = similar_work.others(result, shown, {
                keys[other] for other in same + same_text})
        made.append(Twins(same_files=[names[other] for other in same],
                          same_text=[names[other] for other in same_text],
                          similar=found, similar_count=count))
    return made


def cohort_agreement(assignment: Assignment, results: list[GradeResult], names: list[str],
                     reviews: list[Review | None], blind: bool) -> Agreement | None:
    """How far reviewers agree, from the ratings each page's review shows, with candidates
    named as their pages are (aliases in a blind review)."""
    shown = {(result.submission_id, submission_key(result)): name
             for result, name in zip(results, names, strict=True)}
    ratings = [rating for review in reviews if review is not None for rating in review.ratings]
    if not ratings:
        return None
    return agreement(assignment.id, ratings,
                     lambda rating: shown[(rating.submission_id, rating.submission_key)],
                     blind=blind)


def cohort_index(assignment: Assignment, results: list[GradeResult], names: list[str],
                 page_stems: list[str], reviews: list[Review | None],
                 same_work: list[Twins], blind: bool = False,
                 borderline: float | None = None) -> CohortIndex:
    """The cohort page's data: the ranking (``results`` in order, under their ``names``,
    linking to their pages' ``page_stems``; ties ranked equally), the score distribution, each
    criterion's levels, the counts, and how far reviewers agree (from ``reviews``, one per
    result or None). Each row shows what the candidate's page shows (``page.py``); rows
    within ``borderline`` points of the pass score (default: the assignment's
    ``borderline_points``) are marked."""
    points = band_points(assignment, borderline)
    rows = [cohort_row(assignment, result, name, stem, review, others, rank, points)
            for result, name, stem, review, others, rank in zip(
                results, names, page_stems, reviews, same_work, ranks(results), strict=True)]
    return CohortIndex(rows=rows, distribution=score_distribution(results),
                       criteria=criterion_levels(assignment, rows), counts=cohort_counts(rows),
                       borderline_points=points,
                       agreement=cohort_agreement(assignment, results, names, reviews, blind))


def band_points(assignment: Assignment, borderline: float | None) -> float:
    """The borderline band's half-width: ``borderline`` if given, else the assignment's."""
    return assignment.spec.borderline_points if borderline is None else borderline


def ranks(results: list[GradeResult]) -> list[int | None]:
    """The rank of each of ``results`` (in the ranking's order): ties share the first rank
    of their score; a submission not graded has none."""
    made, rank, previous = [], 0, None
    for position, result in enumerate(results, start=1):
        graded = result.status == Status.GRADED
        if graded and result.score != previous:
            rank, previous = position, result.score
        made.append(rank if graded else None)
    return made


def cohort_row(assignment: Assignment, result: GradeResult, name: str, stem: str,
               review: Review | None, same_work: Twins, rank: int | None,
               borderline: float) -> CohortRow:
    """The ranking's line for ``result``, showing what its page shows, marked borderline
    when its score is within ``borderline`` points of the pass score."""
    levels = shown_levels(assignment, result, review)
    shown = [levels.get(c.id) for c in assignment.spec.rubric]
    flags = flag_kinds(result, same_work)
    graded = result.status == Status.GRADED
    unrated = [c.id for c, level in zip(assignment.spec.rubric, shown, strict=True)
               if c.source == "reviewer" and level is None]
    return CohortRow(rank=rank, name=name, stem=stem, status=result.status, score=result.score,
                     full_score=review.score.full if review else None, passed=result.passed,
                     levels=shown, flags=[kind for kind, _ in flags],
                     severities=[severity for _, severity in flags],
                     borderline=graded and is_borderline(result, assignment.spec.pass_score,
                                                         borderline),
                     awaiting_review=graded and bool(unrated))


def is_borderline(result: GradeResult, pass_score: float, points: float) -> bool:
    """Whether the score of ``result`` is within ``points`` of ``pass_score``, either side.
    A result failed by a flag whatever its score (an automatic fail) is not: the pass mark
    does not decide it."""
    if result.score is None or any(flag.fails for flag in result.flags):
        return False
    return abs(result.score - pass_score) <= points


def score_distribution(results: list[GradeResult]) -> list[int]:
    """Graded scores in bins 0-9, 10-19 ... 90-100."""
    distribution = [0] * 10
    for result in results:
        if result.status == Status.GRADED:
            distribution[min(int((result.score or 0) // 10), 9)] += 1
    return distribution


def criterion_levels(assignment: Assignment, rows: list[CohortRow]) -> list[CriterionLevels]:
    """How many graded candidates of ``rows`` reached each level of each criterion."""
    graded_levels = [row.levels for row in rows if row.status == Status.GRADED]
    criteria = []
    for position, criterion in enumerate(assignment.spec.rubric):
        counts = Counter(levels[position] for levels in graded_levels)
        criteria.append(CriterionLevels(
            id=criterion.id, title=criterion.title, source=criterion.source,
            counts={**{str(level): counts.get(level, 0) for level in (1, 2, 3, 4)},
                    "unrated": counts.get(None, 0)}))
    return criteria


def cohort_counts(rows: list[CohortRow]) -> dict[str, int]:
    """Candidates; graded, rejected and not graded (error); of the graded, passed and failed
    (by the score the Pass column shows), borderline, and awaiting review (a reviewer
    criterion nobody has rated yet); flagged (any flag) and flagged high."""
    statuses = Counter(row.status.value for row in rows)
    graded = [row for row in rows if row.status == Status.GRADED]
    return {"candidates": len(rows), "graded": statuses["graded"],
            "rejected": statuses["rejected"], "error": statuses["error"],
            "passed": sum(1 for row in graded if row.passed),
            "failed": sum(1 for row in graded if row.passed is False),
            "borderline": sum(1 for row in rows if row.borderline),
            "awaiting_review": sum(1 for row in rows if row.awaiting_review),
            "flagged": sum(1 for row in rows if row.flags),
            "flagged_high": sum(1 for row in rows if "high" in row.severities)}
