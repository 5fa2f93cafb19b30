"""The Go hostile corpus, graded for real: every attack gets the outcome in its row.

See hostile/go/README.md. Each attack is ``hostile/go/base`` (the partial sample of
``assignments/api-rate-limiter`` with a no-op ``attack(method)`` hook called at the start of
each method, honest score 30.1) with the attack's files laid over it: usually its own
``hooks.go``, for two a whole ``ratelimit.go``. All of them are graded in one
``worksample grade`` process, as a hiring team would run it, against a copy of the assignment
with a 20-second wall clock and a 1-second per-case limit. An attack that beats worksample
is a row with ``works`` set: its test is ``xfail(strict=True)`` until the hole is closed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest_paths import ROOT, require_image, signs
from grader_process import run_grader

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("go_image", "no_leftovers")]

CORPUS_FOLDER = ROOT / "tests" / "hostile" / "go"
ASSIGNMENT = ROOT / "assignments" / "api-rate-limiter"
WALL_SECONDS, PER_CASE_SECONDS = 20, 1
CASES = 18
BASE_SCORE = 30.1
WITHOUT_PRUNE = 26.76  # the base less "prune keeps a key's own limit", the Prune case it passes
HOST_SECONDS = 1.5  # the grader's own time on one submission, besides the container's
RESULT_BYTES = 200 * 1024


@dataclass(frozen=True)
class Attack:
    """The outcome an attack must get."""

    score: float | None = BASE_SCORE  # None: at most the base's
    ended: frozenset[str] = frozenset({"completed"})
    flags: frozenset[str] = frozenset()
    works: str = ""  # how it beats worksample today; the row is xfail(strict) until fixed


CORPUS = {
    "base": Attack(),
    # time, processes, memory, output
    "loops-forever": Attack(),
    "blocks-the-scheduler": Attack(),
    "goroutine-bomb": Attack(score=WITHOUT_PRUNE, ended=frozenset({"memory", "completed"})),
    "fork-bomb": Attack(score=WITHOUT_PRUNE),
    "allocates-memory": Attack(score=WITHOUT_PRUNE, ended=frozenset({"memory", "completed"})),
    "floods-output": Attack(),
    # leaving early
    "exits-at-init": Attack(score=0.0),
    "exits-mid-case": Attack(score=WITHOUT_PRUNE),
    "kills-the-runner": Attack(score=None, ended=frozenset({"crashed"})),
    "closes-the-records-pipe": Attack(score=0.0),
    # the result channel
    "forges-stream-in-order": Attack(score=0.0),
    "forges-ahead-of-the-recorder": Attack(score=0.0),
    "writes-to-the-supervisor-pipe": Attack(),
    # peeking, patching the recorder, values that pretend
    "reads-the-hidden-cases": Attack(),
    "reads-the-cases-program": Attack(),
    "answers-from-the-instructions": Attack(),
    "patches-the-recorder": Attack(),
    "pretends-plain-data": Attack(),
    "spoofs-error-names": Attack(),  # 37.79 when types were named by package name
}


def build_submission(name: str, root: Path) -> Path:
    """The base, with the attack's files laid over it."""
    folder = Path(shutil.copytree(CORPUS_FOLDER / "base", root / "submissions" / name))
    if name != "base":
        shutil.copytree(CORPUS_FOLDER / "attacks" / name, folder, dirs_exist_ok=True)
    return folder


def quick_assignment(root: Path) -> Path:
    folder = root / "api-rate-limiter-quick"
    shutil.copytree(ASSIGNMENT, folder)
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    data["coding"]["limits"].update(wall_seconds=WALL_SECONDS, per_test_seconds=PER_CASE_SECONDS)
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    return folder


@pytest.fixture(scope="module")
def go_image(docker_engine):
    require_image(docker_engine, "worksample/go:bookworm")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, go_image):
    root = tmp_path_factory.mktemp("go-hostile")
    assignment = quick_assignment(root)
    submissions = [build_submission(name, root) for name in sorted(CORPUS)]
    # the reference's recording (one more build and run) is made once first, as a grader
    # keeps it: the host-time bound below is per submission
    warm = root / "warm"
    warm.mkdir()
    run_grader(["validate", str(assignment)], warm / "validate.txt", root / "cache")
    exit_code, peak_mb = run_grader(
        ["grade", str(assignment), *map(str, submissions), "--json", "-j", "2",
         "--retries", "1"], root / "results.json", root / "cache")
    results = json.loads((root / "results.json").read_text())
    return {"exit_code": exit_code, "peak_mb": peak_mb,
            "results": {r["submission_id"]: r for r in results}}


def test_the_corpus_table_names_every_attack_folder():
    attacks = {p.name for p in (CORPUS_FOLDER / "attacks").iterdir() if p.is_dir()}
    assert attacks | {"base"} == set(CORPUS)


def test_every_attack_is_graded_and_the_batch_exits_cleanly(corpus):
    assert set(corpus["results"]) == set(CORPUS)
    assert corpus["exit_code"] == 0
    assert corpus["peak_mb"] < 256, f"grader peaked at {corpus['peak_mb']} MB"


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=attack.works))
    if attack.works else name for name, attack in sorted(CORPUS.items())])
def test_each_attack_gets_its_outcome(corpus, name):
    attack, result = CORPUS[name], corpus["results"][name]
    assert result["status"] == "graded", result["message"]
    assert result["run"]["ended"] in attack.ended
    assert len(result["checks"]) == CASES  # every hidden case accounted for
    if attack.score is not None:
        assert result["score"] == attack.score
    assert result["score"] <= BASE_SCORE, "a score the code did not earn"
    assert {f["kind"] for f in signs(result)} == attack.flags
    if signs(result):
        assert result["score"] == 0 and all(f["evidence"] for f in signs(result))
    assert result["run"]["seconds"] < WALL_SECONDS + 2
    assert result["durations"]["grade_s"] - result["run"]["seconds"] < HOST_SECONDS
    assert len(json.dumps(result)) < RESULT_BYTES


def messages(result: dict) -> dict[str, str]:
    return {check["id"]: check["message"] for check in result["checks"]}


def test_a_loop_the_timer_cannot_interrupt_is_stopped_from_outside(corpus):
    for name in ("loops-forever", "blocks-the-scheduler"):
        top = messages(corpus["results"][name])["keys_cases.go::idle keys are not busy"]
        assert "the case took longer than 1s" in top, name


def test_a_crash_fails_only_the_case_it_happened_in(corpus):
    exits = messages(corpus["results"]["exits-mid-case"])
    assert "the program exited with code 0" in exits["keys_cases.go::prune forgets idle keys"]
    assert exits["window_cases.go::usage changes nothing"] == ""  # the cases after it ran
    killed = messages(corpus["results"]["goroutine-bomb"])["keys_cases.go::prune forgets idle keys"]
    assert "killed by SIGKILL" in killed or "took longer" in killed


def test_leaving_before_the_cases_is_said(corpus):
    # closing its own channel ends the candidate's program (code 0), and with it the cases'
    for name, code in (("exits-at-init", 0), ("closes-the-records-pipe", 0)):
        assert all(message.endswith(f"(the program stopped before running any case: the "
                                    f"program exited with code {code})")
                   for message in messages(corpus["results"][name]).values()), (
            name, set(messages(corpus["results"][name]).values()))


def test_the_peek_finds_the_hidden_cases_but_nothing_of_the_reference(corpus):
    printed = corpus["results"]["reads-the-hidden-cases"]["details"]["output_head"]
    assert "peeked: /sandbox/tests/window_cases.go" in printed
    assert "peeked: nothing of the reference" in printed and "LEAK" not in printed


def test_a_flood_of_output_is_kept_to_its_head_and_tail(corpus):
    details = corpus["results"]["floods-output"]["details"]
    assert details["output_bytes"] > 10 * 1024 * 1024
    assert len(details["output_head"]) + len(details["output_tail"]) < 16 * 1024




def test_the_cases_program_is_out_of_reach(corpus):
    printed = corpus["results"]["reads-the-cases-program"]["details"]["output_head"]
    tried = dict(line.removeprefix("cases program: ").split(": ", 1)
                 for line in printed.splitlines() if line.startswith("cases program: "))
    assert {"mem", "fd", "environ", "maps", "records pipe", "ptrace", "process_vm_readv",
            "process_vm_writev", "pidfd_getfd 3"} <= set(tried), printed
    assert all(outcome.startswith("blocked") for outcome in tried.values()), tried


def test_answers_from_the_instructions_reach_no_record(corpus):
    result = corpus["results"]["answers-from-the-instructions"]
    printed = result["details"]["output_head"]
    assert "the cases' program's records pipe: open /proc/" in printed  # permission denied
    assert "wrote the forged record on its channel" in printed
    case = "window_cases.go::a request leaves the window exactly one window later"
    assert "broke its channel to the cases" in messages(result)[case]


def test_the_recorder_in_the_candidates_program_holds_no_case(corpus):
    printed = corpus["results"]["patches-the-recorder"]["details"]["output_head"]
    assert "patched 0 cases and 0 sentinels" in printed
