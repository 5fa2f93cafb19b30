"""The cohort a report is about: the name each candidate is shown under (an alias in a blind
review), their order, their pages' file names, who sent the same files, and the cohort index
with how far reviewers agree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from worksample.agreement import Agreement, agreement
from worksample.models import Assignment, GradeResult, Status
from worksample.reports.page import flag_kinds, shown_levels
from worksample.reports.redact import alias_for, blind_aliases
from worksample.reports.view import CohortIndex, CohortRow, CriterionLevels
from worksample.safe_text import visible
from worksample.store import submission_key

if TYPE_CHECKING:
    from worksample.ratings import Review


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


def same_files_as(results: list[GradeResult], names: list[str]) -> list[list[str]]:
    """For each result, the names of the other candidates who sent exactly the same files."""
    by_content: dict[str, list[str]] = {}
    for result, name in zip(results, names, strict=True):
        if result.submission_hash:
            by_content.setdefault(result.submission_hash, []).append(name)
    return [[other for other in by_content.get(result.submission_hash or "", []) if other != name]
            for result, name in zip(results, names, strict=True)]


def _agreement(assignment: Assignment, results: list[GradeResult], names: list[str],
               reviews: list[Review | None], blind: bool) -> Agreement | None:
    """How far reviewers agree, from the ratings each page's review shows, with candidates
    named as their pages are (aliases in a blind review)."""
    shown = {(result.submission_id, submission_key(result)): name
             for result, name in zip(results, names, strict=True)}
    ratings = [rating for review in reviews if review is not None for rating in review.ratings]
    if not ratings:
        return None
    made = agreement(assignment.id, ratings,
                     lambda rating: shown[(rating.submission_id, rating.submission_key)],
                     blind=blind)
    for disagreement in made.disagreements:
        disagreement.levels = {visible(who): level for who, level in disagreement.levels.items()}
    for lean in made.reviewers:
        lean.reviewer = visible(lean.reviewer)
    return made


def cohort_index(assignment: Assignment, results: list[GradeResult], names: list[str],
                 page_stems: list[str], reviews: list[Review | None],
                 same_files: list[list[str]], blind: bool = False) -> CohortIndex:
    """The cohort page's data: the ranking (``results`` in order, under their ``names``,
    linking to their pages' ``page_stems``; ties ranked equally), the score distribution, each
    criterion's levels, and how far reviewers agree (from ``reviews``, one per result or
    None). Each row shows what the candidate's page shows (``page.py``)."""
    rubric = assignment.spec.rubric
    rows, rank, previous = [], 0, None
    for position, (result, name, stem, review, others) in enumerate(
            zip(results, names, page_stems, reviews, same_files, strict=True), start=1):
        graded = result.status == Status.GRADED
        if graded and result.score != previous:
            rank, previous = position, result.score
        levels = shown_levels(assignment, result, review)
        rows.append(CohortRow(
            rank=rank if graded else None, name=name, stem=stem,
            status=result.status, score=result.score,
            full_score=review.score.full if review else None, passed=result.passed,
            levels=[levels.get(c.id) for c in rubric], flags=flag_kinds(result, others)))
    graded = [r for r in results if r.status == Status.GRADED]
    distribution = [0] * 10
    for result in graded:
        distribution[min(int((result.score or 0) // 10), 9)] += 1
    criteria = []
    graded_rows = [row for row in rows if row.status == Status.GRADED]
    for position, criterion in enumerate(rubric):
        counts = Counter(str(row.levels[position] or "unrated") for row in graded_rows)
        criteria.append(CriterionLevels(
            id=criterion.id, title=criterion.title, source=criterion.source,
            counts={key: counts.get(key, 0) for key in ("1", "2", "3", "4", "unrated")}))
    statuses = Counter(r.status.value for r in results)
    return CohortIndex(rows=rows, distribution=distribution, criteria=criteria, counts={
        "candidates": len(results), "graded": statuses["graded"],
        "rejected": statuses["rejected"], "error": statuses["error"],
        "passed": sum(1 for r in graded if r.passed)},
        agreement=_agreement(assignment, results, names, reviews, blind))
