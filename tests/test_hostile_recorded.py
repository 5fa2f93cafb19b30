"""The recorded-mode hostile corpus, graded for real: every attack gets the outcome in its row.

See hostile/recorded/README.md. Each attack is a whole ``ledger.py`` for
``assignments/expense-ledger``, built on code whose honest score is known: the starter
(0) or the partial sample (53.37). All of them are graded in one ``worksample grade``
process, as a hiring team would run it, against a copy of the assignment with an 8-second
wall clock and a 1-second per-case limit. An attack that beats worksample today is a row with
``works`` set: its test is ``xfail(strict=True)`` and turns green when the hole is closed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest_paths import ROOT

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

RECORDED = ROOT / "tests" / "hostile" / "recorded"
ASSIGNMENT = ROOT / "assignments" / "expense-ledger"
WALL_SECONDS, PER_CASE_SECONDS = 8, 1
CASES = 16
HONEST = {"starter": 0.0, "partial": 53.37}  # what each base earns, graded as it is
GRADER_MEMORY_MB = 256  # the grader's own peak for the whole corpus
RESULT_BYTES = 200 * 1024  # one stored result (an honest one is 6-17 KB)
HOST_SECONDS = 1.5  # the grader's own time on one submission, besides the container's
TAMPERED = frozenset({"result-channel-tampered"})


@dataclass(frozen=True)
class Attack:
    """What an attack is built on and the outcome it must get."""

    base: str = "partial"
    score: float | None = None  # the exact score; None: at most what the base earns
    ended: str = "completed"
    flags: frozenset[str] | None = frozenset()  # None: the fix decides
    works: str = ""  # how it beats worksample today; the row is xfail(strict) until fixed


CORPUS = {
    # forging the result channel
    "forges-stream-in-order": Attack(base="starter", score=0.0),
    "forges-stream-alongside-runner": Attack(base="starter", score=0.0, flags=TAMPERED),
    "forges-ahead-of-runner": Attack(score=0.0, flags=TAMPERED),
    "writes-after-finished": Attack(score=0.0, flags=TAMPERED),
    "exits-at-chosen-point": Attack(),
    # patching the recorder in its own process
    "patches-send-nan": Attack(score=53.37),
    "patches-typed-infinity": Attack(score=53.37),
    "patches-json-dumps": Attack(score=53.37),
    "patches-raised": Attack(score=53.37),
    "patches-case-registry": Attack(score=53.37),
    "patches-recorder-type": Attack(score=53.37),
    # objects that pretend to be plain data
    "returns-lying-subclasses": Attack(score=53.37),
    "returns-class-impostors": Attack(score=53.37),
    "spoofs-exception-class": Attack(score=53.37),
    "raises-from-dunders": Attack(score=53.37),
    # typed values, tolerances and labels
    "malformed-typed-values": Attack(score=53.37),
    "shuffles-labels": Attack(score=53.37),
    "writes-lone-surrogates": Attack(score=53.37),
    "reverses-transfers": Attack(score=46.68),  # unordered reached into each tuple (fixed)
    # peeking for the reference, the per-case timer
    "peeks-for-the-reference": Attack(score=53.37),
    "swallows-case-timeout": Attack(score=53.37),
    # the host's reading and comparison
    "oversized-line-and-flood": Attack(score=0.0, flags=TAMPERED),
    "nests-deeper-than-json": Attack(score=0.0, flags=TAMPERED),
    "unhashable-case-id": Attack(score=0.0, flags=TAMPERED),
    "collected-ids-not-a-list": Attack(base="starter", score=0.0, flags=TAMPERED),
    "floods-empty-lines": Attack(score=0.0, ended="crashed", flags=TAMPERED),
    "floods-collect-errors": Attack(score=0.0, ended="crashed", flags=TAMPERED),
    "collides-dict-keys": Attack(score=0.0, flags=TAMPERED),  # its line is over the limit
    "amplifies-memory": Attack(score=0.0, ended="crashed", flags=TAMPERED),
}


def submission_cases() -> list:
    """One parameter per attack, xfail(strict) for those that work today."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=attack.works))
            if attack.works else name for name, attack in sorted(CORPUS.items())]


def quick_assignment(root: Path) -> Path:
    """The sample assignment with a short wall clock and per-case limit."""
    folder = root / "expense-ledger-quick"
    shutil.copytree(ASSIGNMENT, folder, ignore=shutil.ignore_patterns("__pycache__"))
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    data["coding"]["limits"].update(wall_seconds=WALL_SECONDS, per_test_seconds=PER_CASE_SECONDS)
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    return folder


def build_submission(name: str, root: Path) -> Path:
    """The attack's folder, copied: its ledger.py is a whole submission."""
    return Path(shutil.copytree(RECORDED / name, root / "submissions" / name,
                                ignore=shutil.ignore_patterns("__pycache__")))


def run_grader(arguments: list[str], output: Path, cache: Path) -> tuple[int, int]:
    """Run `worksample` as its own process; return its exit code and peak memory in MB."""
    worksample = Path(sys.executable).parent / "worksample"
    private_tmp = output.parent / "tmp"
    private_tmp.mkdir(exist_ok=True)
    env = {**os.environ, "WORKSAMPLE_CACHE_DIR": str(cache),
           "WORKSAMPLE_STORE": str(output.parent / "results.sqlite"), "TMPDIR": str(private_tmp)}
    with open(output, "w") as stdout:
        process = subprocess.Popen([str(worksample), *arguments], stdout=stdout,
                                   stderr=subprocess.DEVNULL, cwd=output.parent, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss // 1024


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("recorded")
    assignment = quick_assignment(root)
    submissions = [build_submission(name, root) for name in sorted(CORPUS)]
    exit_code, peak_mb = run_grader(
        ["grade", str(assignment), *map(str, submissions), "--json", "-j", "2",
         "--retries", "1"], root / "results.json", root / "cache")
    results = json.loads((root / "results.json").read_text())
    return {"root": root, "assignment": assignment, "exit_code": exit_code, "peak_mb": peak_mb,
            "results": {r["submission_id"]: r for r in results}}


def test_the_corpus_table_names_every_attack_folder():
    assert {p.name for p in RECORDED.iterdir() if p.is_dir()} == set(CORPUS)


def test_every_attack_is_graded_within_the_graders_memory(corpus):
    assert set(corpus["results"]) == set(CORPUS)
    assert corpus["peak_mb"] < GRADER_MEMORY_MB, f"grader peaked at {corpus['peak_mb']} MB"


def test_the_batch_exits_cleanly(corpus):
    assert corpus["exit_code"] == 0


@pytest.mark.parametrize("name", submission_cases())
def test_each_attack_gets_its_outcome(corpus, name):
    attack, result = CORPUS[name], corpus["results"][name]
    assert result["status"] == "graded", result["message"]
    assert result["run"]["ended"] == attack.ended
    assert len(result["checks"]) == CASES  # every hidden case accounted for
    if attack.score is not None:
        assert result["score"] == attack.score
    assert result["score"] <= HONEST[attack.base], "a score the code did not earn"
    if attack.flags is not None:
        assert {f["kind"] for f in result["flags"]} == attack.flags
    if result["flags"]:
        assert result["score"] == 0 and all(f["evidence"] for f in result["flags"])
    assert result["run"]["seconds"] < WALL_SECONDS + 2
    assert result["durations"]["grade_s"] - result["run"]["seconds"] < HOST_SECONDS
    assert len(json.dumps(result)) < RESULT_BYTES


def test_the_peek_finds_the_hidden_cases_but_nothing_of_the_reference(corpus):
    printed = corpus["results"]["peeks-for-the-reference"]["details"]["output_head"]
    assert "peeked: nothing of the reference" in printed and "LEAK" not in printed
    assert "/sandbox/tests/cases_balances.py" in printed  # the search itself works


def test_a_padded_recording_does_not_multiply_in_the_graders_memory(corpus):
    root = corpus["root"] / "alone"
    root.mkdir()
    submission = build_submission("amplifies-memory", root)
    exit_code, peak_mb = run_grader(["grade", str(corpus["assignment"]), str(submission),
                                     "--json"], root / "results.json", corpus["root"] / "cache")
    assert exit_code == 0
    assert peak_mb < 100, f"grader peaked at {peak_mb} MB"
