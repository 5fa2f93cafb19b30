"""The results store: one SQLite file, every result kept.

A result is keyed by the assignment's content version, the submission's id (its file or
folder name) and its content hash, so: running the same batch again finds what is already
graded; a changed assignment (new version) gets new results while the old ones stay; work a
candidate sends again, changed, gets a result next to the old one. Two candidates who send the
same files are two submissions: each keeps a result of their own. A rejected submission has no
content hash (it was never extracted): it is keyed by its path, and is simply checked again on
the next run.

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

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from worksample.errors import WorksampleError

if TYPE_CHECKING:
    from worksample.models import GradeResult

DEFAULT_PATH = Path("worksample-results.sqlite")
STORE_ENV = "WORKSAMPLE_STORE"

# 2: the submission id joined the key (in format 1, the same files sent by two candidates
# kept one result between them).
STORE_FORMAT = 2

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


def _result_from_json(text: str) -> GradeResult:
    from worksample.models import GradeResult

    return GradeResult.model_validate_json(text)


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
            self._reader = _connected(path)
        except sqlite3.DatabaseError as error:
            raise WorksampleError(f"cannot open the results store: {error}", path=path) from None
        except WorksampleError:
            self._db.close()
            raise

    def save(self, result: GradeResult) -> None:
        """Store ``result``, replacing an earlier one for the same version, id and content."""
        row = (
            result.assignment_id, result.assignment_version, submission_key(result),
            result.submission_id, result.submission_source, result.status.value, result.score,
            result.graded_at.isoformat(), result.model_dump_json(),
        )
        self._transaction(lambda: self._db.execute(
            f"INSERT OR REPLACE INTO results ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)", row))

    def get(self, assignment_version: str, submission_id: str, key: str) -> GradeResult | None:
        """The stored result for this assignment version, submission id and key, if any."""
        with self._read_lock:
            row = self._reader.execute(
                "SELECT result FROM results WHERE assignment_version = ? AND submission_id = ? "
                "AND submission_key = ?", (assignment_version, submission_id, key),
            ).fetchone()
        return _result_from_json(row[0]) if row else None

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
        """Create the table in a new file, or migrate an older format (in one transaction)."""
        self._refuse_a_newer_format()  # again: another grader may have changed it meanwhile
        if self._format() == STORE_FORMAT:
            return
        has_results = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'results'").fetchone()
        if has_results:  # format 1 (no user_version): the same columns, a narrower key
            self._db.execute("ALTER TABLE results RENAME TO results_format_1")
        self._db.execute(_CREATE_TABLE)
        if has_results:
            self._db.execute(f"INSERT INTO results ({_COLUMNS}) "
                             f"SELECT {_COLUMNS} FROM results_format_1")
            self._db.execute("DROP TABLE results_format_1")
        self._db.execute(_CREATE_INDEX)
        self._db.execute(f"PRAGMA user_version = {STORE_FORMAT}")


def _connected(path: Path) -> sqlite3.Connection:
    """A connection to the store file that threads share (each use is under a lock)."""
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA busy_timeout=10000")
    return connection
