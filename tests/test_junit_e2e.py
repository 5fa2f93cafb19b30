"""Junit mode end to end on the real engine: the csv-reader sample validates, says its trust
level, ranks its samples, and a broken submission scores 0 with the error it printed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest_paths import ROOT, WORKSAMPLE

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

ASSIGNMENT = ROOT / "assignments" / "csv-reader"
EXAMPLES = ROOT / "examples" / "csv-reader"


def worksample(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WORKSAMPLE_CACHE_DIR": str(tmp_path / "cache"),
           "WORKSAMPLE_STORE": str(tmp_path / "results.sqlite")}
    return subprocess.run([WORKSAMPLE, *arguments],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)


def test_validate_says_the_trust_level_and_checks_the_ranking(tmp_path):
    done = worksample(tmp_path, "validate", str(ASSIGNMENT), "--ranking",
                      str(ROOT / "examples" / "csv-reader.ranking.yaml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "grading mode: junit" in done.stdout and "can write that report" in done.stdout
    assert "reported 27 tests" in done.stdout
    assert "ok   the scores come out in this order" in done.stdout


def test_the_samples_scores_and_evidence(tmp_path):
    done = worksample(tmp_path, "grade", str(ASSIGNMENT), *(str(EXAMPLES / name) for name in (
        "strong", "hangs", "partial", "broken")), "--json")
    assert done.returncode == 0, done.stderr
    results = {r["submission_id"]: r for r in json.loads(done.stdout)}
    assert {name: r["score"] for name, r in results.items()} == {
        "strong": 100.0, "hangs": 85.19, "partial": 55.56, "broken": 0.0}
    for result in results.values():
        assert result["details"]["trust"] == "runner-outcomes"
        assert len(result["checks"]) == 27
    broken = results["broken"]["criteria"][0]["evidence"]
    assert any("its output says: SyntaxError: Unexpected token '{'" in line for line in broken)
    hangs = {c["message"] for c in results["hangs"]["checks"] if c["outcome"] == "failed"}
    assert hangs == {"not run: the test command for errors.test.js was stopped at its time "
                     "limit of 5s, before its report gave this test's result"}


def test_a_reference_whose_canary_passes_is_refused(tmp_path):
    import shutil

    import yaml

    folder = tmp_path / "csv-reader"
    shutil.copytree(ASSIGNMENT, folder)
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    data["coding"]["junit"]["must_fail"] = ["parse.test.js::test::splits rows and fields"]
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    done = worksample(tmp_path, "validate", str(folder))
    assert done.returncode != 0
    assert "field 'coding.junit.must_fail'" in done.stdout + done.stderr
    assert "reports passed 'parse.test.js::test::splits rows and fields'" in \
        done.stdout + done.stderr


def _with_reference_delayed(tmp_path: Path, seconds: float | None) -> Path:
    """A copy of csv-reader with a per-file limit of 1 s whose reference, run on
    errors.test.js, first busies the CPU for ``seconds`` (None: for ever)."""
    import shutil

    import yaml

    folder = tmp_path / "csv-reader"
    shutil.copytree(ASSIGNMENT, folder)
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    data["coding"]["limits"]["per_test_seconds"] = 1
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    until = "Infinity" if seconds is None else f"Date.now() + {seconds * 1000:g}"
    reference = folder / "reference" / "csv.js"
    reference.write_text(
        "if (process.argv.some((word) => word.endsWith('errors.test.js'))) {\n"
        f"  const until = {until};\n  while (Date.now() < until) {{}}\n}}\n"
        + reference.read_text())
    return folder


def test_a_reference_slower_than_a_submissions_limit_is_still_collected(tmp_path):
    # its first file takes 2.5 s of a 1-second limit, as a busy machine's cold start may
    done = worksample(tmp_path, "grade", str(_with_reference_delayed(tmp_path, 2.5)),
                      str(EXAMPLES / "strong"), "--json")
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert (result["status"], result["score"], len(result["checks"])) == ("graded", 100.0, 27)
    # validate still says that the reference does not fit a submission's limit
    done = worksample(tmp_path, "validate", str(tmp_path / "csv-reader"))
    assert "reported 27 tests" in done.stdout
    assert "FAIL reference solution: graded" in done.stdout and done.returncode != 0


def test_a_reference_that_never_ends_is_refused_with_its_time_limit(tmp_path):
    done = worksample(tmp_path, "validate", str(_with_reference_delayed(tmp_path, None)))
    assert done.returncode != 0
    said = " ".join((done.stdout + done.stderr).split())
    assert ("the hidden tests' run of errors.test.js against the reference solution was "
            "stopped at its time limit of 4s") in said
