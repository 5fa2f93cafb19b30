"""The candidate's own time: what a submission's times can say of it, and what they cannot.

Three sources, in the order of trust:

- ``recorded``: the times the team recorded (``recorded_times.py``). Trusted: it wins.
- ``git``: first to last commit of a git history sent with the submission (``git_history.py``):
  the earliest to the latest of the commits' author and committer dates.
- ``archive``: first to last modification time of the files in a zip or tar.

The last two are the candidate's to set, and even when nobody sets them they give a span
(breaks included), not hours worked; the evidence says so. They are left out, with a note
saying why, when they cannot be a working time:

- a time before 2000 (the Unix epoch 1970, the zip format's 1980 "no date") or more than a
  day in the future is not a time anyone worked; those files or commits are set aside;
- fewer than two times left: one file or one commit is not a span;
- a span under ``MIN_SPAN``: the files were written at once by a tool (a ``git clone``, a
  copy, a build that sets every time), nobody worked on them;
- a span over ``MAX_SPAN``: older files kept their times (a starter, a copied library), so
  the span says nothing of this work.

A folder's file times are not read: they are the times of the copy on the grader's machine
(unzipping, cloning, copying), not the candidate's. A folder's git history is.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from worksample.models import WorkingTime

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
MIN_SPAN = timedelta(minutes=2)
MAX_SPAN = timedelta(days=30)
CAN_BE_SET = "a candidate can set these"
_ZIP_EXTENDED_TIME = 0x5455  # the "UT" extra field: Unix times, UTC


@dataclass(frozen=True)
class Found:
    """A working time, or the note that says why there is none (``time`` is None)."""

    time: WorkingTime | None
    note: str = ""


def from_file_times(times: Sequence[datetime | None], kind: str,
                    now: datetime | None = None) -> Found:
    """The span of an archive's file modification times (``kind``: "zip" or "tar"), by the
    rules of the module docstring. A time is None when the file carries none that can be
    read; naive times are local times of an unknown zone (a zip without Unix times)."""
    usable, set_aside = _plausible(times, now)
    where = f"the {kind}'s files"
    if len(usable) < 2:
        return Found(None, _too_few(where, len(usable), set_aside, "file"))
    first, last = min(usable), max(usable)
    refused = _refused_span(where, first, last, len(usable), "files")
    if refused:
        return Found(None, refused)
    zone = "" if first.tzinfo else f" (the {kind}'s local times, zone unknown)"
    evidence = (f"first to last file change in the {kind}: {_between(first, last)}{zone}, "
                f"{len(usable)} files; {CAN_BE_SET}{_set_aside(set_aside, 'file')}")
    return Found(_span(first, last, "archive", evidence))


def from_commits(commits: Sequence[tuple[datetime | None, datetime | None]],
                 now: datetime | None = None) -> Found:
    """The span of a git history: the earliest to the latest of the author and committer
    dates of ``commits`` ((author, committer) pairs; None for a date that does not read), by
    the rules of the module docstring."""
    kept = [(a, c) for a, c in commits if _plausible([a, c], now)[1] == 0]
    set_aside = len(commits) - len(kept)
    if len(kept) < 2:
        return Found(None, _too_few("the git history", len(kept), set_aside, "commit"))
    dates = [date for pair in kept for date in pair]
    first, last = min(dates), max(dates)
    refused = _refused_span("the git history", first, last, len(kept), "commits")
    if refused:
        return Found(None, refused)
    evidence = (f"first to last commit: {_between(first, last)}, {len(kept)} commits (author and "
                f"committer dates); {CAN_BE_SET}{_set_aside(set_aside, 'commit')}")
    return Found(_span(first, last, "git", evidence))


def recorded(started: datetime, submitted: datetime, where: str) -> WorkingTime:
    """The time the team recorded: from ``started`` to ``submitted`` (``where``: the file
    and row it came from)."""
    return _span(started, submitted, "recorded",
                 f"recorded by the team ({where}): {_between(started, submitted)}")


def chosen(git: Found, archive: Found) -> Found:
    """What the submission's own times give: the git history's span over the archive's file
    times, with the notes of what was passed over (the team's record, which wins over both,
    is applied where results are built: ``grading.timed``)."""
    if git.time is not None:
        return git
    if archive.time is not None:
        if git.note:
            evidence = f"{archive.time.evidence}; git history not used: {git.note}"
            return Found(archive.time.model_copy(update={"evidence": evidence}))
        return archive
    return Found(None, "; ".join(note for note in (git.note, archive.note) if note))


def zip_times(entries: Sequence[tuple[tuple[int, ...], bytes]]) -> list[datetime | None]:
    """The modification times of a zip's files from their (DOS date_time, extra field)
    pairs: the Unix times of their "UT" extra fields (UTC) when every file has one, else
    their DOS dates and times (local, zone unknown: mixing the two would shift some by the
    zone). None for a file whose time does not read."""
    unix = [_extended_time(extra) for _, extra in entries]
    if all(seconds is not None for seconds in unix):
        return [unix_time(seconds) for seconds in unix]
    return [_dos_time(date_time) for date_time, _ in entries]


def _dos_time(date_time: tuple[int, ...]) -> datetime | None:
    try:
        return datetime(*date_time[:6])
    except (TypeError, ValueError):  # month 0 and the like: a forged or zeroed date
        return None


def unix_time(seconds: float | int) -> datetime | None:
    """Seconds since 1970 as a UTC time; None when it is not a number any calendar holds."""
    try:
        if not math.isfinite(seconds):
            return None
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError, TypeError):
        return None


def _extended_time(extra: bytes) -> int | None:
    """The modification time in a zip entry's "UT" extra field, if it has one."""
    position = 0
    while position + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, position)
        data = extra[position + 4:position + 4 + size]
        if kind == _ZIP_EXTENDED_TIME and len(data) >= 5 and data[0] & 1:
            return struct.unpack_from("<i", data, 1)[0]
        position += 4 + size
    return None


def _plausible(times: Sequence[datetime | None],
               now: datetime | None) -> tuple[list[datetime], int]:
    """The times that can be a working time, and how many were set aside. A list keeps one
    kind: aware times (UTC) unless any is naive, in which case all are taken as naive."""
    latest = (now or datetime.now(UTC)) + FUTURE_SLACK
    naive = any(t is not None and t.tzinfo is None for t in times)
    usable = []
    for time in times:
        if time is None:
            continue
        as_utc = time.replace(tzinfo=UTC) if time.tzinfo is None else time
        if EARLIEST <= as_utc <= latest:
            usable.append(time.replace(tzinfo=None) if naive else time)
    return usable, len(times) - len(usable)


def _too_few(where: str, usable: int, set_aside: int, thing: str) -> str:
    if usable == 0 and set_aside == 0:
        return f"{where}: no {thing} times"
    aside = f" ({set_aside} set aside: before 2000, in the future or unreadable)" \
        if set_aside else ""
    had = f"only one {thing} carries a time" if usable == 1 else f"no {thing} carries a time"
    return f"{where}: {had} that can be a working time{aside}; one time is not a span"


def _refused_span(where: str, first: datetime, last: datetime, count: int,
                  things: str) -> str:
    span = last - first
    if span < MIN_SPAN:
        at_once = ("written at once by a tool (a clone, a copy), not worked on"
                   if things == "files" else "made at once (a rewrite, a script), not over time")
        return (f"{where}: all {count} {things} carry the same time (within "
                f"{_minutes_said(MIN_SPAN)}): {at_once}")
    if span > MAX_SPAN:
        return (f"{where}: the times span {span.days} days ({_between(first, last)}): older "
                "ones kept their times (a starter, a copied library), so the span is not a "
                "working time")
    return ""


def _set_aside(count: int, thing: str) -> str:
    if not count:
        return ""
    return f"; {count} {thing}(s) with a time before 2000, in the future or unreadable left out"


def _span(first: datetime, last: datetime, source: str, evidence: str) -> WorkingTime:
    return WorkingTime(minutes=round((last - first).total_seconds() / 60, 1), source=source,
                       started=first, finished=last, evidence=evidence)


def _between(first: datetime, last: datetime) -> str:
    """"2026-11-30 14:02 to 16:20 UTC", with both dates when the days differ, in the times'
    own zone when they share one (a team's record keeps its zone), else in UTC."""
    zone = ""
    if first.tzinfo is not None:
        if first.utcoffset() != last.utcoffset() or not first.utcoffset():
            first, last = first.astimezone(UTC), last.astimezone(UTC)
        zone = f" {_offset(first)}"
    end = f"{last:%H:%M}" if first.date() == last.date() else f"{last:%Y-%m-%d %H:%M}"
    return f"{first:%Y-%m-%d %H:%M} to {end}{zone}"


def _offset(time: datetime) -> str:
    """"UTC", or the offset from it: "+01:00", "-05:30"."""
    minutes = round(time.utcoffset().total_seconds() / 60)
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"


def _minutes_said(span: timedelta) -> str:
    return f"{int(span.total_seconds() // 60)} minutes"
