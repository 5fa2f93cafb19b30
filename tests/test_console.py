"""The results table: what a person grading a batch reads in the terminal."""

from __future__ import annotations

from worksample.console import print_results_table
from worksample.models import Check, GradeResult, IntegrityFlag


def _result(checks: list[Check], flags: list[IntegrityFlag]) -> GradeResult:
    return GradeResult(submission_id="alice", submission_source="alice", submission_hash="0" * 64,
                       assignment_id="a", assignment_version="v", assignment_type="email",
                       worksample_version="0", status="graded", score=50.0, passed=False,
                       checks=checks, flags=flags)


def test_the_table_counts_checks_to_review_apart_and_repeated_flags_once(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one line per row, to read the cells
    checks = [Check(id="1", kind="k", outcome="passed"), Check(id="2", kind="k", outcome="failed"),
              Check(id="3", kind="k", outcome="skipped", review="found only in a run-on"),
              Check(id="4", kind="test", outcome="skipped")]  # a test the suite skipped
    flags = [IntegrityFlag(kind="hidden-text", evidence=f"email {n}") for n in (1, 2, 3)]
    print_results_table([_result(checks, flags)])
    out = capsys.readouterr().out
    assert "1/2 (1 to check)" in out
    assert "hidden-text ×3" in out and "hidden-text, hidden-text" not in out
    assert "alice [hidden-text]: email 3" in out  # every flag's evidence, under the table
