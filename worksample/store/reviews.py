"""Reviewers' records (``ratings.py``, ``reviewers.py``): ratings, decisions, the audit log
and the reviewers who may sign in: the methods ``ResultStore`` mixes in for them. The three
record tables are append-only (``format.py``'s triggers); each change and its audit entry
are written in one transaction of the store's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from worksample.store.format import (
    AUDIT_COLUMNS,
    DECISION_COLUMNS,
    RATING_COLUMNS,
    REVIEWER_COLUMNS,
)

if TYPE_CHECKING:
    from worksample.models import GradeResult
    from worksample.ratings import AuditEntry, Decision, Rating
    from worksample.reviewers import Reviewer


class ReviewRecords:
    """Mixed into ``ResultStore``: ratings, decisions, the audit log and reviewers."""

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
                self._insert("ratings", RATING_COLUMNS, rating.model_dump(mode="json"))
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
            self._insert("decisions", DECISION_COLUMNS, decision.model_dump(mode="json"))
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

    def ratings_after(self, assignment_id: str, after: int) -> tuple[list[Rating], int]:
        """The ratings of the assignment given since row ``after``, and the last row now: the
        tables are append-only, so a reader that keeps them reads each row once."""
        from worksample.ratings import Rating

        rows, last = self._rows_after("ratings", RATING_COLUMNS, assignment_id, after)
        return [Rating(**row) for row in rows], last

    def decisions_after(self, assignment_id: str, after: int) -> tuple[list[Decision], int]:
        """The decisions on the assignment made since row ``after``, and the last row now."""
        from worksample.ratings import Decision

        rows, last = self._rows_after("decisions", DECISION_COLUMNS, assignment_id, after)
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
            rows = self._reader.execute(f"SELECT {', '.join(REVIEWER_COLUMNS)} FROM reviewers "
                                        f"WHERE {where}", arguments).fetchall()
        return [Reviewer(**dict(zip(REVIEWER_COLUMNS, row, strict=True))) for row in rows]

    def ratings(self, assignment_id: str | None = None,
                submission_id: str | None = None) -> list[Rating]:
        """Every rating ever given (of one assignment, and one submission id of it, if
        given), in the order given; the superseded ones included (``ratings.current`` keeps
        those in force)."""
        from worksample.ratings import Rating

        return [Rating(**row) for row in self._rows("ratings", RATING_COLUMNS, assignment_id,
                                                    submission_id)]

    def decisions(self, assignment_id: str | None = None) -> list[Decision]:
        """Every decision (of one assignment, if given), in the order made."""
        from worksample.ratings import Decision

        return [Decision(**row)
                for row in self._rows("decisions", DECISION_COLUMNS, assignment_id)]

    def audit_log(self, assignment_id: str | None = None) -> list[AuditEntry]:
        """The audit log (of one assignment, if given), oldest first."""
        from worksample.ratings import AuditEntry

        return [AuditEntry(**row)
                for row in self._rows("audit_log", AUDIT_COLUMNS, assignment_id)]

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
        self._insert("audit_log", AUDIT_COLUMNS, dict(
            at=at.isoformat(), who=who, action=action, assignment_id=assignment_id,
            submission_id=submission_id, submission_key=key, criterion=criterion, old=old,
            new=new, why=why, after_seeing_others=after_seeing_others, blind=blind,
            alias=alias))


def _described(level: int, note: str, reason: str) -> str:
    """A rating as the audit log shows it: ``3``, ``3 (note)``."""
    return f"{level} ({reason or note})" if reason or note else str(level)
