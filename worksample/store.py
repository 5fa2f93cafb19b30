"""The results store: one SQLite file, every result kept.

A result is keyed by the assignment's content version and the submission's content hash, so:
running the same batch again finds what is already graded; a changed assignment (new version)
gets new results while the old ones stay; the same file under another name is the same
submission. A rejected submission has no content hash (it was never extracted): it is keyed by
its path, and is simply checked again on the next run.

Each save is one transaction in WAL mode with synchronous=FULL: a grader killed with -9 loses
at most the results it had not saved yet, never one it had.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from worksample.errors import WorksampleError
from worksample.models import GradeResult

DEFAULT_PATH = Path("worksample-results.sqlite")
STORE_ENV = "WORKSAMPLE_STORE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    assignment_id      TEXT NOT NULL,
    assignment_version TEXT NOT NULL,
    submission_key     TEXT NOT NULL,
    submission_id      TEXT NOT NULL,
    submission_source  TEXT NOT NULL,
    status             TEXT NOT NULL,
    score              REAL,
    graded_at          TEXT NOT NULL,
    result             TEXT NOT NULL,
    PRIMARY KEY (assignment_version, submission_key)
);
CREATE INDEX IF NOT EXISTS results_by_assignment ON results (assignment_id, submission_id);
"""


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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise WorksampleError(f"cannot open the results store: {error}", path=path) from None

    def save(self, result: GradeResult) -> None:
        """Store ``result``, replacing an earlier one for the same version and submission."""
        row = (
            result.assignment_id, result.assignment_version, submission_key(result),
            result.submission_id, result.submission_source, result.status.value, result.score,
            result.graded_at.isoformat(), result.model_dump_json(),
        )
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?)", row)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def get(self, assignment_version: str, key: str) -> GradeResult | None:
        """The stored result for this assignment version and submission key, if any."""
        with self._lock:
            row = self._db.execute(
                "SELECT result FROM results WHERE assignment_version = ? AND submission_key = ?",
                (assignment_version, key),
            ).fetchone()
        return GradeResult.model_validate_json(row[0]) if row else None

    def results(self, assignment_id: str | None = None) -> Iterator[GradeResult]:
        """Every stored result (of one assignment, if given), by assignment, submission, time.

        The order does not depend on which parallel worker finished first.
        """
        query = "SELECT result FROM results"
        arguments: tuple = ()
        if assignment_id is not None:
            query += " WHERE assignment_id = ?"
            arguments = (assignment_id,)
        with self._lock:
            rows = self._db.execute(
                query + " ORDER BY assignment_id, submission_id, graded_at", arguments)
            rows = rows.fetchall()
        for (text,) in rows:
            yield GradeResult.model_validate_json(text)

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        with self._lock:
            self._db.close()
