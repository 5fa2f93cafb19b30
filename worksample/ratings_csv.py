"""Ratings as CSV: what a team exports from a shared spreadsheet, and what we export back.

A row is one reviewer's level for one criterion of one candidate. Columns, by header name:
``assignment`` (or the command's ``--assignment``), ``candidate`` (the submission id, or in
a blind panel's sheet the alias blind reports show), ``reviewer``, ``criterion``, ``level``
(1-4), and optionally ``note`` and ``reason`` (a row with a reason on an automatic criterion
overrides its level). Other columns are ignored, so a file ``worksample ratings export``
wrote (``--blind`` or not) can be imported again.

Reading checks every row first and returns ratings only when all are good: the caller stores
them in one transaction, so nothing is half-imported. Text cells are written as
``safe_text.spreadsheet_cell`` makes them, and the apostrophe that protects a formula-like
cell is taken off again on the way in.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from typing import TextIO

from worksample.errors import WorksampleError
from worksample.models import GradeResult
from worksample.ratings import Rating, checked_rating
from worksample.safe_text import FORMULA_STARTS, spreadsheet_cell

REQUIRED = ("candidate", "reviewer", "criterion", "level")
EXPORTED = ("assignment", "candidate", "submission_hash", "reviewer", "criterion", "level",
            "note", "reason", "kind", "rated_at", "after_seeing_others", "blind", "alias")
MOST_ERRORS_SHOWN = 20


def read_ratings(file: TextIO, name: str, find: Callable[[str, str], tuple[GradeResult, str]],
                 assignment_id: str | None = None) -> list[Rating]:
    """The ratings in the CSV ``file``; a WorksampleError naming each bad row by its line and
    cause when any is bad.

    ``find(assignment id, candidate)`` gives the graded result a row rates and, when the
    sheet names candidates by the aliases of a blind review, the alias (else ""); the rating
    is then recorded as given blind, and its errors name the alias only.
    """
    reader = csv.DictReader(file)
    columns = set(reader.fieldnames or ())
    needed = [c for c in REQUIRED + (() if assignment_id else ("assignment",))
              if c not in columns]
    if needed:
        raise WorksampleError(f"the header has no column {', '.join(needed)}; it needs "
                              f"{', '.join(REQUIRED)} and assignment (or --assignment ID)",
                              path=name)
    ratings, errors = [], []
    for row in reader:
        cell = {key: _unprotected((value or "").strip()) for key, value in row.items() if key}
        try:
            result, alias = find(cell.get("assignment") or assignment_id or "",
                                 cell["candidate"])
            reason = cell.get("reason", "")
            auto = any(c.id == cell["criterion"] and c.source == "auto" for c in result.criteria)
            ratings.append(checked_rating(
                result, criterion=cell["criterion"], level=parsed_level(cell["level"]),
                reviewer=cell["reviewer"], note=cell.get("note", ""),
                override=bool(reason) and auto, reason=reason, alias=alias))
        except WorksampleError as error:
            errors.append(f"line {reader.line_num}: {error}")
    if errors:
        more = len(errors) - MOST_ERRORS_SHOWN
        raise WorksampleError(
            f"{len(errors)} bad row(s), nothing imported:\n  "
            + "\n  ".join(errors[:MOST_ERRORS_SHOWN]) + (f"\n  ... and {more} more" if more > 0
                                                         else ""), path=name)
    return ratings


def write_ratings(ratings: Sequence[Rating], output: TextIO) -> None:
    """Write ``ratings`` with the columns of ``EXPORTED``, one row each (``candidate`` is
    the submission id, or for a blind panel the alias, as the ratings given say)."""
    writer = csv.writer(output)
    writer.writerow(EXPORTED)
    for r in ratings:
        row = [r.assignment_id, r.submission_id, r.submission_key, r.reviewer, r.criterion,
               r.level, r.note, r.reason, "override" if r.override else "rating",
               r.rated_at.isoformat(), r.after_seeing_others, r.blind, r.alias]
        writer.writerow([spreadsheet_cell(c) if isinstance(c, str) else c for c in row])


def parsed_level(text: str) -> int:
    """A level as typed: one of 1, 2, 3, 4, or a WorksampleError saying so."""
    if text.strip() in ("1", "2", "3", "4"):
        return int(text)
    raise WorksampleError(f"level {text!r} is not one of 1, 2, 3, 4")


def _unprotected(text: str) -> str:
    """A cell without the apostrophe spreadsheet_cell put before a formula-like text."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
