"""The store file's format: its tables, and the steps that bring a file of an older format to
the current one (``STORE_FORMAT``, kept as SQLite's ``user_version``), run in one transaction
when the file is opened. A newer file is refused rather than misread."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from worksample.errors import WorksampleError

# 2: the submission id joined the key (in format 1, the same files sent by two candidates
# kept one result between them). 3: reviewers' ratings, decisions and the audit log.
# 4: a rating and its audit entry say whether it was given blind, and under which alias.
# 5: the candidate's work (files, and the texts a plugin read) is kept.
# 6: the reviewers who sign in to the review server, with their links' hashes.
# 7: fingerprints of the work, for the similarity measure, and known leaked solutions.
STORE_FORMAT = 7

RESULT_COLUMNS = ("assignment_id, assignment_version, submission_key, submission_id, "
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
RATING_COLUMNS = ("assignment_id", "submission_id", "submission_key", "criterion", "reviewer",
                   "level", "note", "override", "reason", "rated_at", "after_seeing_others",
                   "blind", "alias")
DECISION_COLUMNS = ("assignment_id", "submission_id", "submission_key", "decision", "by",
                     "reason", "decided_at")
AUDIT_COLUMNS = ("at", "who", "action", "assignment_id", "submission_id", "submission_key",
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
REVIEWER_COLUMNS = ("name", "role", "blind", "added_at")

# Format 4 -> 5: two new tables; nothing else changes.
WORK_FILE_COLUMNS = ("path", "size", "kind", "text", "more_lines", "more_bytes")
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
FINGERPRINT_COLUMNS = ("source", "name", "submission_key", "scheme", "kgrams", "lines",
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
LEAK_COLUMNS = ("name", "origin", "added_at", "work")


def file_format(db: sqlite3.Connection) -> int:
    """The store file's format: its SQLite ``user_version``."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def refuse_a_newer_format(db: sqlite3.Connection, path: Path) -> None:
    """Raise WorksampleError when the file was written by a newer worksample."""
    found = file_format(db)
    if found > STORE_FORMAT:
        raise WorksampleError(
            f"the results store is in format {found}, written by a newer worksample; this "
            f"one reads format {STORE_FORMAT} and older. Upgrade worksample to use it",
            path=path)


def bring_to_current_format(db: sqlite3.Connection, path: Path) -> None:
    """Create the tables in a new file, or migrate an older format (in one transaction):
    a new file goes through every step, so each step is run by every new store."""
    refuse_a_newer_format(db, path)  # again: another grader may have changed it meanwhile
    if file_format(db) == STORE_FORMAT:
        return
    found = file_format(db)
    has_results = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'results'").fetchone()
    if found < 2:
        if has_results:  # format 1 (no user_version): the same columns, a narrower key
            db.execute("ALTER TABLE results RENAME TO results_format_1")
        db.execute(_CREATE_TABLE)
        if has_results:
            db.execute(f"INSERT INTO results ({RESULT_COLUMNS}) "
                       f"SELECT {RESULT_COLUMNS} FROM results_format_1")
            db.execute("DROP TABLE results_format_1")
        db.execute(_CREATE_INDEX)
    if found < 3:  # format 2 -> 3: the results stay as they are
        for statement in _CREATE_REVIEW_TABLES:
            db.execute(statement)
    if found < 4:  # format 3 -> 4: every rating so far was not blind
        for statement in _ADD_BLIND_COLUMNS:
            db.execute(statement)
    if found < 5:  # format 4 -> 5: no work kept so far
        for statement in _CREATE_WORK_TABLES:
            db.execute(statement)
    if found < 6:  # format 5 -> 6
        db.execute(_CREATE_REVIEWERS)
    for statement in _CREATE_SIMILARITY_TABLES:  # format 6 -> 7
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {STORE_FORMAT}")
