"""Results as CSV, one row per result, for applicant-tracking systems and spreadsheets.

Text cells can hold what a candidate controls (file names in messages), so a cell that a
spreadsheet would read as a formula is written as text, on one line, with control and
invisible characters shown rather than obeyed (``safe_text.spreadsheet_cell``): the CSV may
be printed to a terminal as well as opened in a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from worksample.models import GradeResult
from worksample.safe_text import spreadsheet_cell

if TYPE_CHECKING:
    from worksample.ratings import Review

FIXED_COLUMNS = [
    "assignment_id", "assignment_version", "submission_id", "submission_hash", "status",
    "score", "passed", "flags", "message", "graded_at",
]
REVIEW_COLUMNS = ["full_score", "missing_ratings", "decision", "decided_by", "decision_reason",
                  "decided_at"]


def write_csv(results: Sequence[GradeResult], output: TextIO,
              reviews: Sequence[Review] | None = None) -> None:
    """Write ``results``: fixed columns, with ``reviews`` (one per result) the full score and
    the decision, then one ``points:<criterion>`` column per criterion (automatic points)."""
    criteria = sorted({c.id for r in results for c in r.criteria})
    writer = csv.writer(output)
    writer.writerow(FIXED_COLUMNS + (REVIEW_COLUMNS if reviews is not None else [])
                    + [f"points:{c}" for c in criteria])
    for index, r in enumerate(results):
        points = {c.id: c.points for c in r.criteria}
        row = [
            r.assignment_id, r.assignment_version, r.submission_id, r.submission_hash or "",
            r.status.value, "" if r.score is None else r.score,
            "" if r.passed is None else r.passed, " ".join(f.kind for f in r.flags),
            r.message, r.graded_at.isoformat(),
        ] + (_review_cells(reviews[index]) if reviews is not None else []) + [
            "" if points.get(c) is None else points[c] for c in criteria]
        writer.writerow([spreadsheet_cell(c) if isinstance(c, str) else c for c in row])


def _review_cells(review: Review) -> list:
    full, decision = review.score.full, review.decision
    return ["" if full is None else full, " ".join(review.score.missing)] + (
        [decision.decision, decision.by, decision.reason, decision.decided_at.isoformat()]
        if decision else ["", "", "", ""])
