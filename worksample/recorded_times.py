"""The candidates' times as the team recorded them: when each was sent the assignment and when
they sent it back (``worksample grade ... --times times.csv``).

Columns, by header name: ``submission`` (its file or folder name, with or without ``.zip``
or ``.tar.gz``, or a path to it: the name is what counts), ``started`` and ``submitted``, as
ISO 8601 times (``2026-11-02T14:02:00+01:00``; ``Z`` for UTC; a time without a zone is taken
as the team's local time, and then both must be without one). Other columns are ignored.

The team's record is trusted: it wins over the archive's and the git history's times, which
are the candidate's to set. A bad row (a time that does not read, submitted before started, a
span over 30 days, a submission named twice) is one error naming the file and the line; the
other rows still count, and the batch goes on. A file without the columns is an error for
the whole command, before anything is graded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath

from worksample.errors import WorksampleError
from worksample.intake import submission_id_for
from worksample.models import WorkingTime
from worksample.working_time import MAX_SPAN, recorded

COLUMNS = ("submission", "started", "submitted")


@dataclass
class RecordedTimes:
    """The times read from one file, by submission id, and what was wrong with the rest."""

    times: dict[str, WorkingTime] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # where each submission's row is

    def unmatched(self, submission_ids: set[str], path: Path) -> list[str]:
        """An error for each row that names no submission in ``submission_ids``."""
        return [f"{path} line {line}: no submission named {name!r} in this batch"
                for name, line in self.lines.items() if name not in submission_ids]


def read_times(path: Path) -> RecordedTimes:
    """The times recorded in the CSV file at ``path``: good rows kept, each bad row one
    error naming the file and its line. A WorksampleError when the file cannot be read or
    lacks a column."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            fieldnames, rows = set(reader.fieldnames or ()), list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise WorksampleError(f"cannot read the recorded times: {error}", path=path) from None
    missing = [c for c in COLUMNS if c not in fieldnames]
    if missing:
        raise WorksampleError(f"the header has no column {', '.join(missing)}; it needs "
                              f"{', '.join(COLUMNS)} (ISO 8601 times)", path=path)
    read = RecordedTimes()
    for line, row in enumerate(rows, start=2):
        try:
            name, time = _row(row, f"{path.name} line {line}")
        except WorksampleError as error:
            read.errors.append(f"{path} line {line}: {error}")
            continue
        if name in read.lines:
            read.errors.append(f"{path} line {line}: {name!r} already has a time on line "
                               f"{read.lines[name]}; this row is ignored")
            continue
        read.times[name], read.lines[name] = time, line
    return read


def _row(row: dict, where: str) -> tuple[str, WorkingTime]:
    cell = {key: (value or "").strip() for key, value in row.items() if key}
    if not cell["submission"]:
        raise WorksampleError("no submission named")
    started, submitted = _time(cell, "started"), _time(cell, "submitted")
    if (started.tzinfo is None) != (submitted.tzinfo is None):
        raise WorksampleError("one time has a zone and the other not; give both a zone "
                              "(e.g. +01:00 or Z) or neither")
    if submitted < started:
        raise WorksampleError(f"submitted {cell['submitted']} is before started "
                              f"{cell['started']}")
    if submitted - started > MAX_SPAN:
        raise WorksampleError(f"from {cell['started']} to {cell['submitted']} is more than "
                              f"{MAX_SPAN.days} days; is a date mistyped?")
    return submission_id_for(PurePath(cell["submission"])), recorded(started, submitted, where)


def _time(cell: dict[str, str], column: str) -> datetime:
    text = cell[column]
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise WorksampleError(f"{column} {text[:60]!r} is not an ISO 8601 time "
                              "(e.g. 2026-11-02T14:02:00+01:00)") from None
