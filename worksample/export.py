"""Results as CSV, one row per result, for applicant-tracking systems and spreadsheets.

Text cells can hold what a candidate controls (file names in messages), so a cell that a
spreadsheet would read as a formula is written as text (``safe_text.spreadsheet_cell``).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from worksample.models import GradeResult
from worksample.safe_text import spreadsheet_cell

FIXED_COLUMNS = [
    "assignment_id", "assignment_version", "submission_id", "submission_hash", "status",
    "score", "passed", "flags", "message", "graded_at",
]


def write_csv(results: Sequence[GradeResult], output: TextIO) -> None:
    """Write ``results``: fixed columns, then one ``points:<criterion>`` column per criterion."""
    criteria = sorted({c.id for r in results for c in r.criteria})
    writer = csv.writer(output)
    writer.writerow(FIXED_COLUMNS + [f"points:{c}" for c in criteria])
    for r in results:
        points = {c.id: c.points for c in r.criteria}
        row = [
            r.assignment_id, r.assignment_version, r.submission_id, r.submission_hash or "",
            r.status.value, "" if r.score is None else r.score,
            "" if r.passed is None else r.passed, " ".join(f.kind for f in r.flags),
            r.message, r.graded_at.isoformat(),
        ] + ["" if points.get(c) is None else points[c] for c in criteria]
        writer.writerow([spreadsheet_cell(c) if isinstance(c, str) else c for c in row])
