"""The candidate's work kept with a result (``work.py``), the fingerprints the similarity
measure makes of it, and the known public solutions of an assignment (``worksample leaks``):
the methods ``ResultStore`` mixes in for them. They run on the store's connections, under
its locks and in its transactions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from worksample.store.format import FINGERPRINT_COLUMNS, LEAK_COLUMNS, WORK_FILE_COLUMNS

if TYPE_CHECKING:
    from worksample.work import KeptWork


class KeptWorkRecords:
    """Mixed into ``ResultStore``: the work kept, fingerprints and known leaks."""

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
                f"SELECT {', '.join(WORK_FILE_COLUMNS)} FROM work_files WHERE "
                "assignment_id = ? AND submission_id = ? AND submission_key = ? "
                "ORDER BY position", submission).fetchall()
        if found is None:
            return None
        # trusted, like a stored result: the store wrote it from a repaired KeptWork
        return KeptWork.model_construct(
            files=[WorkFile.model_construct(**dict(zip(WORK_FILE_COLUMNS, row, strict=True)))
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
                f"SELECT {', '.join(FINGERPRINT_COLUMNS)} FROM fingerprints WHERE "
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
            f"{', '.join(FINGERPRINT_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?,?)",
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
                f"SELECT {', '.join(LEAK_COLUMNS)} FROM leaks WHERE assignment_id = ? "
                "ORDER BY name", (assignment_id,)).fetchall()
        return [dict(zip(LEAK_COLUMNS[:3], row[:3], strict=True),
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
            f"INSERT INTO work_files VALUES ({', '.join('?' * (4 + len(WORK_FILE_COLUMNS)))})",
            [(*submission, position, *(getattr(file, c) for c in WORK_FILE_COLUMNS))
             for position, file in enumerate(work.files)])
