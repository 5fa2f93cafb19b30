"""The results store: one SQLite file, every result kept.

A result is keyed by the assignment's content version, the submission's id (its file or
folder name) and its content hash, so: running the same batch again finds what is already
graded; a changed assignment (new version) gets new results while the old ones stay; work a
candidate sends again, changed, gets a result next to the old one. Two candidates who send the
same files are two submissions: each keeps a result of their own. A rejected submission has no
content hash (it was never extracted): it is keyed by its path, and is simply checked again on
the next run.

Reviewers' ratings, decisions and the audit log (format 3) are keyed by the assignment id,
the submission id and the same submission key, not by the assignment version: a regrade of
the same content keeps them (see ``ratings.py``). The three tables are append-only, and
SQLite triggers refuse an UPDATE or DELETE of their rows: a later rating supersedes an
earlier one by being later. Each change and its audit entry are written in one transaction.
A rating given blind, and its audit entry, also keep the alias its reviewer saw (format 4).

The candidate's work (format 5): the submission's files and the texts its plugin read
(``work.py``), kept when a result is saved with them, keyed like the ratings. Unlike the
ratings, it is replaced when the submission is graded again: the same key is the same files,
and the texts read are those of the latest grading. A result saved without it (graded before
format 5, or rejected before its files were read) has none: ``work`` answers None.

Fingerprints of the work (format 7, ``worksample/similarity/``): made from the kept work the
first time a similarity is measured, and kept, so that each later cohort of the assignment is
compared with every earlier one without reading their work again; dropped whenever the work
kept of a submission is replaced. Known public solutions of an assignment (``worksample leaks
add``) are kept beside them: their files, within the same caps, and their fingerprints.

The file's format is its SQLite ``user_version``; an older file is migrated in one transaction
when it is opened, and a newer one is refused rather than misread.

Each save is one transaction in WAL mode with synchronous=NORMAL: a grader killed with -9
loses at most the results it had not saved yet, never one it had; a power cut may also lose
the last few saves (SQLite keeps the file whole), which the next run grades again. Waiting
for the disk on every save (synchronous=FULL) held every other thread of a batch back.

Importing this module loads no pydantic model (they load with the first result read): the
CLI builds its ``--store`` option from DEFAULT_PATH and STORE_ENV, and ``worksample --help``
stays light.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from worksample.errors import WorksampleError

if TYPE_CHECKING:
    from worksample.models import GradeResult
    from worksample.ratings import AuditEntry, Decision, Rating
    from worksample.reviewers import Reviewer
    from worksample.work import KeptWork

DEFAULT_PATH = Path("worksample-results.sqlite")
STORE_ENV = "WORKSAMPLE_STORE"

# 2: the submission id joined the key (in format 1, the same files sent by two candidates
# kept one result between them). 3: reviewers' ratings, decisions and the audit log.
# 4: a rating and its audit entry say whether it was given blind, and under which alias.
# 5: the candidate's work (files, and the texts a plugin read) is kept.
# 6: the reviewers who sign in to the review server, with their links' hashes.
# 7: fingerprints of the work, for the similarity measure, and known leaked solutions.
STORE_FORMAT = 7

_COLUMNS = ("assignment_id, assignment_version, submission_key, submission_id, "
            "submission_source, status, score, graded_at, result")
_CREATE_TABLE = """
CREATE TABLE results (
    assignment_id      TEXT NOT NULL,
    assignment_version TEXT NOT NULL,
    submission_key     TEXT NOT NULL,
    submission_id      TEXT NOT NULL,
    submission_source  TEXT NOT NULL,
    status             TEXT NOT NULL,
    score              REAL,
    graded_at          TEXT NOT NULL,
    result             TEXT NOT NULL,
    PRIMARY KEY (assignment_version, submission_id, submission_key)
)"""
_CREATE_INDEX = """
CREATE INDEX IF NOT EXISTS results_by_assignment ON results (assignment_id, submission_id)"""

_SUBMISSION = ("assignment_id TEXT NOT NULL, submission_id TEXT NOT NULL, "
               "submission_key TEXT NOT NULL")
_RATING_COLUMNS = ("assignment_id", "submission_id", "submission_key", "criterion", "reviewer",
                   "level", "note", "override", "reason", "rated_at", "after_seeing_others",
                   "blind", "alias")
_DECISION_COLUMNS = ("assignment_id", "submission_id", "submission_key", "decision", "by",
                     "reason", "decided_at")
_AUDIT_COLUMNS = ("at", "who", "action", "assignment_id", "submission_id", "submission_key",
                  "criterion", "old", "new", "why", "after_seeing_others", "blind", "alias")
_CREATE_REVIEW_TABLES = [
    f"""CREATE TABLE ratings (id INTEGER PRIMARY KEY, {_SUBMISSION}, criterion TEXT NOT NULL,
        reviewer TEXT NOT NULL, level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        note TEXT NOT NULL, override INTEGER NOT NULL, reason TEXT NOT NULL,
        rated_at TEXT NOT NULL, after_seeing_others INTEGER NOT NULL)""",
    f"""CREATE TABLE decisions (id INTEGER PRIMARY KEY, {_SUBMISSION}, decision TEXT NOT NULL,
        by TEXT NOT NULL, reason TEXT NOT NULL, decided_at TEXT NOT NULL)""",
    f"""CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
        action TEXT NOT NULL, {_SUBMISSION}, criterion TEXT NOT NULL, old TEXT NOT NULL,
        new TEXT NOT NULL, why TEXT NOT NULL, after_seeing_others INTEGER NOT NULL)""",
    "CREATE INDEX ratings_by_assignment ON ratings (assignment_id, submission_id)",
    "CREATE INDEX audit_by_assignment ON audit_log (assignment_id, submission_id)",
] + [f"""CREATE TRIGGER {table}_append_only_{verb.lower()} BEFORE {verb} ON {table}
         BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
     for table in ("ratings", "decisions", "audit_log") for verb in ("UPDATE", "DELETE")]
# Format 3 -> 4: adding a column rewrites no row, so the append-only triggers stay as they are.
_ADD_BLIND_COLUMNS = [
    f"ALTER TABLE {table} ADD COLUMN {column}" for table in ("ratings", "audit_log")
    for column in ("blind INTEGER NOT NULL DEFAULT 0", "alias TEXT NOT NULL DEFAULT ''")]
# Format 5 -> 6. Not append-only: adding a reviewer again replaces their link, and removing
# one revokes it; their ratings, in the tables above, are never touched.
_CREATE_REVIEWERS = """
CREATE TABLE reviewers (name TEXT PRIMARY KEY, role TEXT NOT NULL, blind INTEGER NOT NULL,
                        link_hash TEXT NOT NULL UNIQUE, added_at TEXT NOT NULL)"""
_REVIEWER_COLUMNS = ("name", "role", "blind", "added_at")

# Format 4 -> 5: two new tables; nothing else changes.
_WORK_FILE_COLUMNS = ("path", "size", "kind", "text", "more_lines", "more_bytes")
_CREATE_WORK_TABLES = [
    f"""CREATE TABLE works ({_SUBMISSION}, files_not_listed INTEGER NOT NULL,
        PRIMARY KEY (assignment_id, submission_id, submission_key))""",
    f"""CREATE TABLE work_files ({_SUBMISSION}, position INTEGER NOT NULL, path TEXT NOT NULL,
        size INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        more_lines INTEGER NOT NULL, more_bytes INTEGER NOT NULL,
        PRIMARY KEY (assignment_id, submission_id, submission_key, position))""",
]

# Format 6 -> 7: two new tables; nothing else changes. A fingerprint row is a submission's
# (source 'submission', its id and key) or a known leak's (source 'leak', its name, key ''),
# with the digest of the work's text and what the measure could not read of it.
_FINGERPRINT_COLUMNS = ("source", "name", "submission_key", "scheme", "kgrams", "lines",
                        "digest", "unread")
_CREATE_SIMILARITY_TABLES = [
    """CREATE TABLE fingerprints (assignment_id TEXT NOT NULL, source TEXT NOT NULL,
        name TEXT NOT NULL, submission_key TEXT NOT NULL, scheme INTEGER NOT NULL,
        kgrams BLOB NOT NULL, lines BLOB NOT NULL, digest TEXT NOT NULL,
        unread TEXT NOT NULL, PRIMARY KEY (assignment_id, source, name, submission_key))""",
    """CREATE TABLE leaks (assignment_id TEXT NOT NULL, name TEXT NOT NULL,
        origin TEXT NOT NULL, added_at TEXT NOT NULL, work TEXT NOT NULL,
        PRIMARY KEY (assignment_id, name))""",
]
_LEAK_COLUMNS = ("name", "origin", "added_at", "work")


def _result_from_json(text: str) -> GradeResult:
    from worksample.models import GradeResult

    return GradeResult.from_stored_json(text)  # trusted: the store wrote it (see models/results.py)


def submission_key(result: GradeResult) -> str:
    """What identifies the submission of a result: its content hash, else its path."""
    if result.submission_hash:
        return result.submission_hash
    return "path:" + str(Path(result.submission_source).resolve())


class ResultStore:
    """Results in a SQLite file; safe to use from several threads of one grader."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._read_lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _connected(path)
            self._refuse_a_newer_format()  # before WAL mode changes the file's header
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            if self._format() != STORE_FORMAT:
                self._transaction(self._bring_to_current_format)
            # Reads have a connection of their own: in WAL mode they never wait for a save.
            self._reader, self._reader_pid = _connected(path), os.getpid()
        except sqlite3.DatabaseError as error:
            raise WorksampleError(f"cannot open the results store: {error}", path=path) from None
        except WorksampleError:
            self._db.close()
            raise

    def save(self, result: GradeResult, fingerprints: tuple | None = None) -> None:
        """Store ``result``, replacing an earlier one for the same version, id and content;
        with ``fingerprints`` (scheme, runs, lines, digest, unread: a row of
        ``keep_fingerprints`` without its source, name and key), the fingerprints of its
        work too, in the same transaction."""
        row = (
            result.assignment_id, result.assignment_version, submission_key(result),
            result.submission_id, result.submission_source, result.status.value, result.score,
            result.graded_at.isoformat(), result.model_dump_json(),
        )

        def work() -> None:
            self._db.execute(
                f"INSERT OR REPLACE INTO results ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)", row)
            if result.work is not None:
                self._keep_work((result.assignment_id, result.submission_id, row[2]),
                                result.work)
            if fingerprints is not None:
                self._insert_fingerprints(result.assignment_id, [
                    ("submission", result.submission_id, row[2], *fingerprints)])

        self._transaction(work)

    def work(self, assignment_id: str, submission_id: str, key: str) -> KeptWork | None:
        """The work kept of this submission (its files, and the texts its plugin read), or
        None when none was kept (graded before format 5; rejected before it was read)."""
        from worksample.work import KeptWork, WorkFile

        submission = (assignment_id, submission_id, key)
        with self._read_lock:
            reader = self._reader_here()
            found = reader.execute(
                "SELECT files_not_listed FROM works WHERE assignment_id = ? AND "
                "submission_id = ? AND submission_key = ?", submission).fetchone()
            rows = [] if found is None else reader.execute(
                f"SELECT {', '.join(_WORK_FILE_COLUMNS)} FROM work_files WHERE "
                "assignment_id = ? AND submission_id = ? AND submission_key = ? "
                "ORDER BY position", submission).fetchall()
        if found is None:
            return None
        # trusted, like a stored result: the store wrote it from a repaired KeptWork
        return KeptWork.model_construct(
            files=[WorkFile.model_construct(**dict(zip(_WORK_FILE_COLUMNS, row, strict=True)))
                   for row in rows], files_not_listed=found[0])

    def read_texts(self, assignment_id: str) -> dict[tuple[str, str], str]:
        """The texts the plugin read of each submission of ``assignment_id`` that has some
        (kept work of kind 'read'), by (submission id, key), joined by blank lines in the
        order read: one query for a whole cohort (``reports/similar.py``)."""
        with self._read_lock:
            rows = self._reader_here().execute(
                "SELECT submission_id, submission_key, text FROM work_files WHERE "
                "assignment_id = ? AND kind = 'read' ORDER BY submission_id, submission_key, "
                "position", (assignment_id,)).fetchall()
        texts: dict[tuple[str, str], list[str]] = {}
        for submission_id, key, text in rows:
            texts.setdefault((submission_id, key), []).append(text)
        return {submission: "\n\n".join(parts) for submission, parts in texts.items()}

    def fingerprints(self, assignment_id: str) -> dict[tuple[str, str, str], tuple]:
        """The fingerprints kept of the assignment's submissions and known leaks, by
        (source, name, key): (scheme, runs, lines, digest, unread), the runs and lines as
        ``similarity.fingerprints`` packed them."""
        with self._read_lock:
            rows = self._reader_here().execute(
                f"SELECT {', '.join(_FINGERPRINT_COLUMNS)} FROM fingerprints WHERE "
                "assignment_id = ?", (assignment_id,)).fetchall()
        return {tuple(row[:3]): tuple(row[3:]) for row in rows}

    def keep_fingerprints(self, assignment_id: str, rows: list[tuple]) -> None:
        """Keep fingerprints: each row (source, name, key, scheme, runs, lines, digest,
        unread) replaces the one kept for the same source, name and key."""
        self._transaction(lambda: self._insert_fingerprints(assignment_id, rows))

    def _insert_fingerprints(self, assignment_id: str, rows: list[tuple]) -> None:
        """``keep_fingerprints`` inside the caller's transaction."""
        self._db.executemany(
            f"INSERT OR REPLACE INTO fingerprints (assignment_id, "
            f"{', '.join(_FINGERPRINT_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?,?)",
            [(assignment_id, *row) for row in rows])

    def add_leak(self, assignment_id: str, name: str, origin: str, work: KeptWork) -> None:
        """Keep a known public solution of the assignment (``origin``: where it was read
        from), replacing one of the same name and its fingerprints."""
        def work_done() -> None:
            self._forget_fingerprints(assignment_id, "leak", name, "")
            self._db.execute(
                "INSERT OR REPLACE INTO leaks (assignment_id, name, origin, added_at, work) "
                "VALUES (?, ?, ?, ?, ?)", (assignment_id, name, origin,
                                           datetime.now(UTC).isoformat(),
                                           work.model_dump_json()))

        self._transaction(work_done)

    def leaks(self, assignment_id: str) -> list[dict]:
        """The known public solutions of the assignment, by name: name, origin, added_at
        and work (a ``KeptWork``)."""
        from worksample.work import KeptWork

        with self._read_lock:
            rows = self._reader_here().execute(
                f"SELECT {', '.join(_LEAK_COLUMNS)} FROM leaks WHERE assignment_id = ? "
                "ORDER BY name", (assignment_id,)).fetchall()
        return [dict(zip(_LEAK_COLUMNS[:3], row[:3], strict=True),
                     work=KeptWork.model_validate_json(row[3])) for row in rows]

    def remove_leak(self, assignment_id: str, name: str) -> bool:
        """Forget the known solution ``name`` and its fingerprints; False if there was none."""
        removed = []

        def work() -> None:
            self._forget_fingerprints(assignment_id, "leak", name, "")
            removed.append(self._db.execute("DELETE FROM leaks WHERE assignment_id = ? AND "
                                            "name = ?", (assignment_id, name)).rowcount)

        self._transaction(work)
        return bool(removed[0])

    def _forget_fingerprints(self, assignment_id: str, source: str, name: str,
                             key: str) -> None:
        self._db.execute("DELETE FROM fingerprints WHERE assignment_id = ? AND source = ? AND "
                         "name = ? AND submission_key = ?", (assignment_id, source, name, key))

    def _keep_work(self, submission: tuple[str, str, str], work: KeptWork) -> None:
        """Replace the work kept of ``submission`` (inside the caller's transaction), and
        forget its fingerprints (made anew from the work the next time they are needed)."""
        where = "WHERE assignment_id = ? AND submission_id = ? AND submission_key = ?"
        self._forget_fingerprints(submission[0], "submission", *submission[1:])
        self._db.execute(f"DELETE FROM work_files {where}", submission)
        self._db.execute(f"DELETE FROM works {where}", submission)
        self._db.execute("INSERT INTO works VALUES (?,?,?,?)",
                         (*submission, work.files_not_listed))
        self._db.executemany(
            f"INSERT INTO work_files VALUES ({', '.join('?' * (4 + len(_WORK_FILE_COLUMNS)))})",
            [(*submission, position, *(getattr(file, c) for c in _WORK_FILE_COLUMNS))
             for position, file in enumerate(work.files)])

    def _reader_here(self) -> sqlite3.Connection:
        """The read connection of this process: a report's pages may be built in a forked
        child (reports/halves.py), which must not use a connection its parent opened."""
        if self._reader_pid != os.getpid():
            self._reader, self._reader_pid = _connected(self.path), os.getpid()
        return self._reader

    def get(self, assignment_version: str, submission_id: str, key: str) -> GradeResult | None:
        """The stored result for this assignment version, submission id and key, if any."""
        with self._read_lock:
            row = self._reader.execute(
                "SELECT result FROM results WHERE assignment_version = ? AND submission_id = ? "
                "AND submission_key = ?", (assignment_version, submission_id, key),
            ).fetchone()
        return _result_from_json(row[0]) if row else None

    def keys(self, assignment_version: str, submission_id: str) -> frozenset[str]:
        """The keys (content hashes) of the results stored for this assignment version and
        submission id: which contents ``get`` may answer for, without reading a result."""
        with self._read_lock:
            rows = self._reader_here().execute(
                "SELECT submission_key FROM results WHERE assignment_version = ? AND "
                "submission_id = ?", (assignment_version, submission_id)).fetchall()
        return frozenset(key for (key,) in rows)

    def results(self, assignment_id: str | None = None) -> Iterator[GradeResult]:
        """Every stored result (of one assignment, if given), by assignment, submission, time.

        The order does not depend on which parallel worker finished first.
        """
        query = "SELECT result FROM results"
        arguments: tuple = ()
        if assignment_id is not None:
            query += " WHERE assignment_id = ?"
            arguments = (assignment_id,)
        with self._read_lock:
            rows = self._reader.execute(
                query + " ORDER BY assignment_id, submission_id, graded_at", arguments)
            rows = rows.fetchall()
        for (text,) in rows:
            yield _result_from_json(text)

    def submissions(self, assignment_id: str) -> list[tuple[str, str]]:
        """Each submission (id, key) with a stored result of ``assignment_id``, once, by id:
        read from the key columns, without loading the results."""
        with self._read_lock:
            rows = self._reader.execute(
                "SELECT submission_id, submission_key FROM results WHERE assignment_id = ? "
                "GROUP BY submission_id, submission_key ORDER BY submission_id, MIN(graded_at)",
                (assignment_id,)).fetchall()
        return [(submission_id, key) for submission_id, key in rows]

    def add_ratings(self, ratings: list[Rating]) -> list[Rating]:
        """Record ``ratings``, each with its audit entry, all in one transaction (all or
        none). A rating that repeats the reviewer's rating in force is skipped. Returns the
        ratings recorded, marked when their reviewer had been shown others' ratings."""
        recorded = []

        def work() -> None:
            for rating in ratings:
                submission = (rating.assignment_id, rating.submission_id, rating.submission_key)
                before = self._db.execute(
                    "SELECT level, note, reason FROM ratings WHERE assignment_id = ? AND "
                    "submission_id = ? AND submission_key = ? AND criterion = ? AND "
                    "reviewer = ? AND override = ? ORDER BY id DESC LIMIT 1",
                    (*submission, rating.criterion, rating.reviewer, rating.override)).fetchone()
                if before == (rating.level, rating.note, rating.reason):
                    continue
                seen = self._db.execute(
                    "SELECT 1 FROM audit_log WHERE action = 'shown-others' AND who = ? AND "
                    "assignment_id = ? AND submission_id = ? AND submission_key = ?",
                    (rating.reviewer, *submission)).fetchone() is not None
                rating = rating.model_copy(update={"after_seeing_others": seen})
                self._insert("ratings", _RATING_COLUMNS, rating.model_dump(mode="json"))
                self._audit(
                    at=rating.rated_at, who=rating.reviewer,
                    action="override" if rating.override else "rate", submission=submission,
                    criterion=rating.criterion, after_seeing_others=seen,
                    old="" if before is None else _described(*before),
                    new=_described(rating.level, rating.note, rating.reason),
                    why=rating.reason or rating.note, blind=rating.blind, alias=rating.alias)
                recorded.append(rating)

        self._transaction(work)
        return recorded

    def decide(self, decision: Decision) -> None:
        """Record the decision on a submission (a later one supersedes it) and its audit entry."""
        submission = (decision.assignment_id, decision.submission_id, decision.submission_key)

        def work() -> None:
            before = self._db.execute(
                "SELECT decision FROM decisions WHERE assignment_id = ? AND submission_id = ? "
                "AND submission_key = ? ORDER BY id DESC LIMIT 1", submission).fetchone()
            self._insert("decisions", _DECISION_COLUMNS, decision.model_dump(mode="json"))
            self._audit(at=decision.decided_at, who=decision.by, action="decide",
                        submission=submission, old=before[0] if before else "",
                        new=decision.decision, why=decision.reason)

        self._transaction(work)

    def record_shown_others(self, who: str, submission: tuple[str, str, str],
                            reviewers: list[str], alias: str = "",
                            where: str = "ratings show --reviewer") -> None:
        """Log that ``who`` was shown the ratings ``reviewers`` gave this submission (in a
        blind review, under ``alias``), and ``where``."""
        self._transaction(lambda: self._audit(
            at=datetime.now(UTC), who=who, action="shown-others", submission=submission,
            new=", ".join(reviewers), why=where, blind=bool(alias), alias=alias))

    def revision(self, assignment_id: str) -> tuple[int, ...]:
        """What changes whenever the assignment's results, ratings or decisions change (the
        review server's pages are made anew then): the last row of each table and the
        number of results (a regrade replaces a row under a new rowid)."""
        with self._read_lock:
            return self._reader.execute(
                "SELECT (SELECT count(*) FROM results WHERE assignment_id = ?1), "
                "(SELECT max(rowid) FROM results WHERE assignment_id = ?1), "
                "(SELECT max(id) FROM ratings), (SELECT max(id) FROM decisions)",
                (assignment_id,)).fetchone()

    def ratings_after(self, assignment_id: str, after: int) -> tuple[list[Rating], int]:
        """The ratings of the assignment given since row ``after``, and the last row now: the
        tables are append-only, so a reader that keeps them reads each row once."""
        from worksample.ratings import Rating

        rows, last = self._rows_after("ratings", _RATING_COLUMNS, assignment_id, after)
        return [Rating(**row) for row in rows], last

    def decisions_after(self, assignment_id: str, after: int) -> tuple[list[Decision], int]:
        """The decisions on the assignment made since row ``after``, and the last row now."""
        from worksample.ratings import Decision

        rows, last = self._rows_after("decisions", _DECISION_COLUMNS, assignment_id, after)
        return [Decision(**row) for row in rows], last

    def add_reviewer(self, reviewer: Reviewer, link_hash: str) -> None:
        """Add ``reviewer`` with the hash of their sign-in link, replacing an earlier entry
        of the same name (and so revoking its link)."""
        self._transaction(lambda: self._db.execute(
            "INSERT OR REPLACE INTO reviewers (name, role, blind, link_hash, added_at) "
            "VALUES (?, ?, ?, ?, ?)", (reviewer.name, reviewer.role, reviewer.blind, link_hash,
                                       reviewer.added_at.isoformat())))

    def remove_reviewer(self, name: str) -> bool:
        """Remove the reviewer ``name`` (their link stops working); False if there was none.
        Their ratings stay."""
        removed = []
        self._transaction(lambda: removed.append(self._db.execute(
            "DELETE FROM reviewers WHERE name = ?", (name,)).rowcount))
        return bool(removed[0])

    def reviewers(self) -> list[Reviewer]:
        """Every reviewer who may sign in, by name."""
        return self._reviewers("1 ORDER BY name", ())

    def reviewer_signed_in_by(self, link_hash: str) -> Reviewer | None:
        """The reviewer whose link has this hash, if any."""
        found = self._reviewers("link_hash = ?", (link_hash,))
        return found[0] if found else None

    def _reviewers(self, where: str, arguments: tuple) -> list[Reviewer]:
        from worksample.reviewers import Reviewer

        with self._read_lock:
            rows = self._reader.execute(f"SELECT {', '.join(_REVIEWER_COLUMNS)} FROM reviewers "
                                        f"WHERE {where}", arguments).fetchall()
        return [Reviewer(**dict(zip(_REVIEWER_COLUMNS, row, strict=True))) for row in rows]

    def ratings(self, assignment_id: str | None = None,
                submission_id: str | None = None) -> list[Rating]:
        """Every rating ever given (of one assignment, and one submission id of it, if
        given), in the order given; the superseded ones included (``ratings.current`` keeps
        those in force)."""
        from worksample.ratings import Rating

        return [Rating(**row) for row in self._rows("ratings", _RATING_COLUMNS, assignment_id,
                                                    submission_id)]

    def decisions(self, assignment_id: str | None = None) -> list[Decision]:
        """Every decision (of one assignment, if given), in the order made."""
        from worksample.ratings import Decision

        return [Decision(**row)
                for row in self._rows("decisions", _DECISION_COLUMNS, assignment_id)]

    def audit_log(self, assignment_id: str | None = None) -> list[AuditEntry]:
        """The audit log (of one assignment, if given), oldest first."""
        from worksample.ratings import AuditEntry

        return [AuditEntry(**row)
                for row in self._rows("audit_log", _AUDIT_COLUMNS, assignment_id)]

    def reviews(self, results: list[GradeResult]) -> list:
        """The ``ratings.Review`` of each of ``results`` (full score, decision), in order."""
        from worksample.ratings import reviews

        ids = {r.assignment_id for r in results}
        assignment_id = ids.pop() if len(ids) == 1 else None
        return reviews(results, self.ratings(assignment_id), self.decisions(assignment_id))

    def _rows(self, table: str, columns: tuple[str, ...], assignment_id: str | None,
              submission_id: str | None = None) -> list[dict]:
        query = f"SELECT {', '.join(columns)} FROM {table}"
        arguments: tuple = ()
        if assignment_id is not None:
            query += " WHERE assignment_id = ?"
            arguments = (assignment_id,)
            if submission_id is not None:
                query += " AND submission_id = ?"
                arguments += (submission_id,)
        with self._read_lock:
            rows = self._reader.execute(query + " ORDER BY id", arguments).fetchall()
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def _rows_after(self, table: str, columns: tuple[str, ...], assignment_id: str,
                    after: int) -> tuple[list[dict], int]:
        with self._read_lock:
            rows = self._reader.execute(
                f"SELECT id, {', '.join(columns)} FROM {table} WHERE assignment_id = ? AND "
                "id > ? ORDER BY id", (assignment_id, after)).fetchall()
        last = rows[-1][0] if rows else after
        return [dict(zip(columns, row[1:], strict=True)) for row in rows], last

    def _insert(self, table: str, columns: tuple[str, ...], values: dict) -> None:
        self._db.execute(f"INSERT INTO {table} ({', '.join(columns)}) "
                         f"VALUES ({', '.join('?' * len(columns))})",
                         [values[column] for column in columns])

    def _audit(self, *, at, who: str, action: str, submission: tuple[str, str, str],
               criterion: str = "", old: str = "", new: str = "", why: str = "",
               after_seeing_others: bool = False, blind: bool = False,
               alias: str = "") -> None:
        assignment_id, submission_id, key = submission
        self._insert("audit_log", _AUDIT_COLUMNS, dict(
            at=at.isoformat(), who=who, action=action, assignment_id=assignment_id,
            submission_id=submission_id, submission_key=key, criterion=criterion, old=old,
            new=new, why=why, after_seeing_others=after_seeing_others, blind=blind,
            alias=alias))

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        with self._lock, self._read_lock:
            self._db.close()
            self._reader.close()

    def _transaction(self, work: Callable[[], object]) -> None:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                work()
                self._db.execute("COMMIT")
            except BaseException:
                # Ctrl-C can land between statements: once COMMIT has run there is nothing
                # to roll back, and a failed ROLLBACK must not hide the interrupt.
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _format(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _refuse_a_newer_format(self) -> None:
        found = self._format()
        if found > STORE_FORMAT:
            raise WorksampleError(
                f"the results store is in format {found}, written by a newer worksample; this "
                f"one reads format {STORE_FORMAT} and older. Upgrade worksample to use it",
                path=self.path)

    def _bring_to_current_format(self) -> None:
        """Create the tables in a new file, or migrate an older format (in one transaction):
        a new file goes through every step, so each step is run by every new store."""
        self._refuse_a_newer_format()  # again: another grader may have changed it meanwhile
        if self._format() == STORE_FORMAT:
            return
        found = self._format()
        has_results = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'results'").fetchone()
        if found < 2:
            if has_results:  # format 1 (no user_version): the same columns, a narrower key
                self._db.execute("ALTER TABLE results RENAME TO results_format_1")
            self._db.execute(_CREATE_TABLE)
            if has_results:
                self._db.execute(f"INSERT INTO results ({_COLUMNS}) "
                                 f"SELECT {_COLUMNS} FROM results_format_1")
                self._db.execute("DROP TABLE results_format_1")
            self._db.execute(_CREATE_INDEX)
        if found < 3:  # format 2 -> 3: the results stay as they are
            for statement in _CREATE_REVIEW_TABLES:
                self._db.execute(statement)
        if found < 4:  # format 3 -> 4: every rating so far was not blind
            for statement in _ADD_BLIND_COLUMNS:
                self._db.execute(statement)
        if found < 5:  # format 4 -> 5: no work kept so far
            for statement in _CREATE_WORK_TABLES:
                self._db.execute(statement)
        if found < 6:  # format 5 -> 6
            self._db.execute(_CREATE_REVIEWERS)
        for statement in _CREATE_SIMILARITY_TABLES:  # format 6 -> 7
            self._db.execute(statement)
        self._db.execute(f"PRAGMA user_version = {STORE_FORMAT}")


def _described(level: int, note: str, reason: str) -> str:
    """A rating as the audit log shows it: ``3``, ``3 (note)``."""
    return f"{level} ({reason or note})" if reason or note else str(level)


def _connected(path: Path) -> sqlite3.Connection:
    """A connection to the store file that threads share (each use is under a lock)."""
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA busy_timeout=10000")
    return connection
