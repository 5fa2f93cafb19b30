"""The sandboxed example of docs/sandboxed-plugins.md works as documented: a SQL type graded
through the core's sandbox harness on the real Docker engine, by its own ``grade`` and end to
end through the core."""

import importlib
import shutil
from pathlib import Path

import pytest
from conftest_paths import ROOT

from worksample.assignments import load
from worksample.grading import grade_submission
from worksample.intake import extracted
from worksample.self_test import self_test

EXAMPLE = ROOT / "docs" / "example_sandboxed"
ASSIGNMENT = EXAMPLE / "sales-report"


@pytest.fixture
def sqlquery(register_plugin, monkeypatch):
    """The example plugin, imported from the docs folder and registered for one test."""
    monkeypatch.syspath_prepend(str(EXAMPLE))
    return register_plugin(importlib.import_module("worksample_sqlquery"), "sqlquery")


@pytest.fixture
def wrong(tmp_path) -> Path:
    """The reference, with the classic mistake in one query: refunds counted as revenue."""
    folder = tmp_path / "counts-refunds"
    shutil.copytree(ASSIGNMENT / "reference", folder)
    query = folder / "monthly_revenue.sql"
    query.write_text(query.read_text().replace("WHERE status = 'paid'\n", ""))
    return folder


def test_the_example_is_small_and_is_what_the_docs_show():
    code = [EXAMPLE / "worksample_sqlquery.py", EXAMPLE / "runner" / "run_queries.py"]
    lines = [line for path in code for line in path.read_text().splitlines() if line.strip()]
    assert len(lines) <= 150
    docs = (ROOT / "docs" / "sandboxed-plugins.md").read_text()
    assert "def grade(assignment, submission):" in docs
    assert "example_sandboxed/worksample_sqlquery.py" in docs


@pytest.mark.docker
@pytest.mark.usefixtures("docker_engine", "no_leftovers")
def test_the_example_grades_through_the_harness(tmp_path, registry, sqlquery, wrong):
    assignment = load(ASSIGNMENT, registry)
    grades = {}
    for source in (ASSIGNMENT / "reference", wrong, ASSIGNMENT / "starter"):
        with extracted(source, tmp_path / f"intake-{source.name}") as submission:
            grades[source.name] = sqlquery.grade(assignment, submission)
    reference = grades["reference"]
    assert reference.criteria["queries"].fraction == 1.0 and reference.flags == []
    assert reference.run.ended == "completed" and reference.details["trust"] == "host-compared"
    checks = {check.id: check for check in grades["counts-refunds"].checks}
    assert grades["counts-refunds"].criteria["queries"].fraction == pytest.approx(2 / 3)
    assert checks["monthly_revenue.sql"].message == (
        'returned [["2026-01", 71000], ["2026-02", 10000], ["2026-03", 16500], '
        '["2026-04", 2500], ["2026-05", 2300]]; expected [["2026-01", 21000], '
        '["2026-02", 10000], ["2026-03", 12000], ["2026-05", 1500]]')
    starter = grades["starter"]
    assert starter.criteria["queries"].fraction == 0.0 and starter.flags == []
    assert starter.criteria["queries"].evidence[0] == "0 of 3 queries returned the expected rows"


@pytest.mark.docker
@pytest.mark.usefixtures("docker_engine", "no_leftovers")
def test_the_example_end_to_end_through_the_core(tmp_path, registry, sqlquery, wrong):
    assignment = load(ASSIGNMENT, registry)
    best = grade_submission(assignment, ASSIGNMENT / "reference", tmp_path, registry)
    worse = grade_submission(assignment, wrong, tmp_path, registry)
    assert best.status == "graded" and best.score == 100
    assert worse.status == "graded" and worse.score < 100
    outcomes = self_test(assignment, tmp_path, registry)
    assert [outcome.ok for outcome in outcomes] == [True, True]
