"""The hostile corpus for junit mode (the team's own test runner writes JUnit XML), graded for
real: every attack gets the outcome in its row.

See hostile/junit/README.md. Each attack is a whole ``csv.js`` for ``assignments/csv-reader``
(node:test, its JUnit reporter, one run per hidden test file), built on the starter (22.22).
All are graded in one ``worksample grade`` process against a copy of the assignment with a
20-second wall clock and 2 seconds per test file. This mode's trust level is
``runner-outcomes``: the reporter runs beside the candidate's code, and a row marked
``forgeable`` is an attack the mode cannot stop (its result must say the trust level).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass

import pytest
import yaml
from conftest_paths import ROOT, signs
from grader_process import run_grader

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

CORPUS_FOLDER = ROOT / "tests" / "hostile" / "junit"
ASSIGNMENT = ROOT / "assignments" / "csv-reader"
WALL_SECONDS, PER_FILE_SECONDS = 20, 2
TESTS = 27  # the canary is not scored
HONEST = 22.22  # the starter, graded as it is
GRADER_MEMORY_MB = 256
FORGED = "forged-outcome"


@dataclass(frozen=True)
class Attack:
    """The outcome an attack must get."""

    score: float | None = None  # the exact score; None: at most the honest one
    flags: frozenset[str] = frozenset()
    race: bool = False  # a daemon racing the runner: the flags are at most ``flags``
    forgeable: str = ""  # why the mode cannot stop it: only the trust level is checked


def flags(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


CORPUS = {
    # resources and ending processes
    "loops-at-import": Attack(score=0.0),
    "exits-at-import": Attack(score=0.0),
    "forks-a-bomb": Attack(score=0.0),
    "floods-output": Attack(score=HONEST),
    # the test framework and the suite
    "patches-the-assertions": Attack(score=0.0, flags=flags(FORGED)),
    "adds-passing-tests": Attack(score=HONEST, flags=flags("unexpected-tests")),
    "duplicates-a-hidden-test": Attack(score=0.0, flags=flags(
        FORGED, "unexpected-tests", "duplicate-tests")),
    # the report
    "writes-the-report-from-the-test-process": Attack(score=HONEST),
    "writes-an-xml-bomb": Attack(flags=flags("forged-report"), race=True),
    "writes-an-external-entity": Attack(flags=flags("forged-report"), race=True),
    "writes-a-huge-report": Attack(race=True),
    "rewrites-the-report-after-the-reporter": Attack(forgeable=(
        "a daemon writes a report of passes once the reporter's is complete, before the "
        "runner reads it: a race it wins on some files (37.04 in one run); with the canary "
        "left failing it would not be caught")),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, docker_engine):
    root = tmp_path_factory.mktemp("junit")
    assignment = root / "csv-reader-quick"
    shutil.copytree(ASSIGNMENT, assignment)
    data = yaml.safe_load((assignment / "assignment.yaml").read_text())
    data["coding"]["limits"].update(wall_seconds=WALL_SECONDS, per_test_seconds=PER_FILE_SECONDS)
    (assignment / "assignment.yaml").write_text(yaml.safe_dump(data))
    submissions = [shutil.copytree(CORPUS_FOLDER / name, root / "submissions" / name)
                   for name in sorted(CORPUS)]
    exit_code, peak_mb = run_grader(
        ["grade", str(assignment), *map(str, submissions), "--json", "-j", "2",
         "--retries", "1"], root / "results.json", root / "cache")
    results = json.loads((root / "results.json").read_text())
    return {"exit_code": exit_code, "peak_mb": peak_mb,
            "results": {r["submission_id"]: r for r in results}}


def test_the_corpus_table_names_every_attack_folder():
    assert {p.name for p in CORPUS_FOLDER.iterdir() if p.is_dir()} == set(CORPUS)


def test_every_attack_is_graded_and_the_batch_exits_cleanly(corpus):
    assert set(corpus["results"]) == set(CORPUS)
    assert corpus["exit_code"] == 0
    assert corpus["peak_mb"] < GRADER_MEMORY_MB, f"grader peaked at {corpus['peak_mb']} MB"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_attack_gets_its_outcome(corpus, name):
    attack, result = CORPUS[name], corpus["results"][name]
    assert result["status"] == "graded", result["message"]
    assert result["details"]["trust"] == "runner-outcomes"
    assert result["details"]["mode"] == "junit"
    assert len(result["checks"]) == TESTS  # every expected test accounted for
    assert result["run"]["seconds"] < WALL_SECONDS + 2
    if attack.forgeable:
        return
    if attack.score is not None:
        assert result["score"] == attack.score
    assert result["score"] <= HONEST, "a score the code did not earn"
    found = {f["kind"] for f in signs(result)}
    assert found <= attack.flags if attack.race else found == attack.flags
    if {FORGED, "forged-report"} & found:
        assert result["score"] == 0 and all(f["evidence"] for f in signs(result))


def test_code_that_never_loads_fails_every_test_with_its_files_time_limit(corpus):
    messages = {c["message"] for c in corpus["results"]["loops-at-import"]["checks"]}
    assert messages == {f"not run: the test command for {name} was stopped at its time limit "
                        f"of {PER_FILE_SECONDS}s, before its report gave this test's result"
                        for name in ("errors.test.js", "header.test.js", "parse.test.js",
                                     "quotes.test.js", "stringify.test.js")}


def test_a_hidden_test_reported_twice_fails(corpus):
    checks = corpus["results"]["duplicates-a-hidden-test"]["checks"]
    twice = [c for c in checks if c["message"].startswith("reported 2 times")]
    assert twice and all(c["outcome"] == "failed" for c in twice)


