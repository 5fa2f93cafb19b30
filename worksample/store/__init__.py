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
from pathlib import Path
from typing import TYPE_CHECKING

from worksample.errors import WorksampleError
from worksample.store.connection import connected
from worksample.store.format import (
    RESULT_COLUMNS,
    STORE_FORMAT,
    bring_to_current_format,
    file_format,
    refuse_a_newer_format,
)
from worksample.store.kept_work import KeptWorkRecords
from worksample.store.reviews import ReviewRecords

if TYPE_CHECKING:
    from worksample.models import GradeResult

__all__ = ["DEFAULT_PATH", "STORE_ENV", "STORE_FORMAT", "ResultStore", "submission_key"]

DEFAULT_PATH = Path("worksample-results.sqlite")
STORE_ENV = "WORKSAMPLE_STORE"


def _result_from_json(text: str) -> GradeResult:
    from worksample.models import GradeResult

    return GradeResult.from_stored_json(text)  # trusted: the store wrote it (see models/results.py)


def submission_key(result: GradeResult) -> str:
    """What identifies the submission of a result: its content hash, else its path."""
    if result.submission_hash:
        return result.submission_hash
    return "path:" + str(Path(result.submission_source).resolve())


class ResultStore(KeptWorkRecords, ReviewRecords):
    """Results in a SQLite file; safe to use from several threads of one grader. The work
    kept and the fingerprints (``kept_work.py``) and the reviewers' records
    (``reviews.py``) are read and written by the methods mixed in from those modules."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._read_lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = connected(path)
            refuse_a_newer_format(self._db, path)  # before WAL mode changes the file's header
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            if file_format(self._db) != STORE_FORMAT:
                self._transaction(lambda: bring_to_current_format(self._db, path))
            # Reads have a connection of their own: in WAL mode they never wait for a save.
            self._reader, self._reader_pid = connected(path), os.getpid()
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
            self._db.execute(f"INSERT OR REPLACE INTO results ({RESULT_COLUMNS}) "
                             "VALUES (?,?,?,?,?,?,?,?,?)", row)
            if result.work is not None:
                self._keep_work((result.assignment_id, result.submission_id, row[2]),
                                result.work)
            if fingerprints is not None:
                self._insert_fingerprints(result.assignment_id, [
                    ("submission", result.submission_id, row[2], *fingerprints)])

        self._transaction(work)

    def _reader_here(self) -> sqlite3.Connection:
        """The read connection of this process: a report's pages may be built in a forked
        child (reports/halves.py), which must not use a connection its parent opened."""
        if self._reader_pid != os.getpid():
            self._reader, self._reader_pid = connected(self.path), os.getpid()
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
