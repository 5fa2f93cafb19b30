"""A team's own `go test` suite in junit mode, on the real engine: gotestsum (in the Go image)
writes the JUnit XML, the test binary runs from memory (the sandbox's writable mounts are
noexec: the junit runner's {from_memory} launcher), and what a candidate's code does to the
report or the test run costs the candidate, never the verdict's honesty."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest_paths import ROOT

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

ASSIGNMENT = ROOT / "tests" / "fixtures" / "go-junit"
WORK = ASSIGNMENT / "work"


def worksample(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WORKSAMPLE_CACHE_DIR": str(tmp_path / "cache"),
           "WORKSAMPLE_STORE": str(tmp_path / "results.sqlite")}
    return subprocess.run([str(Path(sys.executable).parent / "worksample"), *arguments],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    tmp_path = tmp_path_factory.mktemp("go-junit")
    done = worksample(tmp_path, "grade", str(ASSIGNMENT),
                      *(str(folder) for folder in sorted(WORK.iterdir())), "--json")
    assert done.returncode == 0, done.stderr
    return {result["submission_id"]: result for result in json.loads(done.stdout)}


def test_the_reference_passes_every_test_and_its_canary_fails(tmp_path):
    done = worksample(tmp_path, "validate", str(ASSIGNMENT))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reported 8 tests" in done.stdout  # the canary is expected to fail, not counted
    assert "ok   reference solution: graded, score 100" in done.stdout


def test_go_test_results_score_the_candidates_code(results):
    assert results["strong"]["score"] == 100
    partial = results["partial"]
    assert partial["score"] == 75  # no case folding: 2 of 8 fail
    failed = {c["id"] for c in partial["checks"] if c["outcome"] == "failed"}
    assert failed == {"example.com/wordcount::TestCase", "example.com/wordcount::TestUnicode"}
    assert all(r["details"]["trust"] == "runner-outcomes" for r in results.values())


def test_code_that_does_not_compile_scores_0_with_the_compilers_message(results):
    broken = results["broken"]
    assert broken["status"] == "graded" and broken["score"] == 0
    assert any("its output says: ./wordcount.go:4:9: cannot use 0" in line
               for line in broken["criteria"][0]["evidence"])


def test_a_forged_report_and_forged_test_lines_are_not_believed(results):
    forger = results["forges-the-report"]
    # its own TestMain (which would report passes and run nothing) is removed by the command;
    # the passes it prints from init() make those tests appear twice: none of them believed
    assert forger["score"] < results["partial"]["score"]
    assert "duplicate-tests" in {flag["kind"] for flag in forger["flags"]}
    duplicated = {c["id"] for c in forger["checks"] if "reported 2 times" in c["message"]}
    assert duplicated == {"example.com/wordcount::TestOneWord",
                          "example.com/wordcount::TestCase",
                          "example.com/wordcount::TestPunctuation"}


def test_a_test_binary_that_exits_at_init_passes_nothing(results):
    quitter = results["exits-at-init"]
    assert quitter["status"] == "graded" and quitter["score"] == 0
    assert all(c["outcome"] == "failed" for c in quitter["checks"])


def test_passes_printed_for_guessed_names_are_flagged_by_the_missing_canary(results):
    guesser = results["prints-guessed-passes"]
    # go test believes the lines it reads, so the two guessed names pass (the mode's trust
    # level says so); the test built to fail was never reported although they were
    assert guesser["score"] == 25
    flags = {flag["kind"]: flag["evidence"] for flag in guesser["flags"]}
    assert "example.com/wordcount::TestCanary" in flags["tests-not-run"]
    assert "tests-not-run" not in {f["kind"] for f in results["partial"]["flags"]}
