"""The hostile corpus for recorded mode in TypeScript (the Node recorder), graded for real:
every attack gets the outcome in its row.

See hostile/node/README.md. Each attack is a ``router.append.ts`` for ``assignments/url-router``,
put after the code of its base, code whose honest score is known: the starter (0) or the
partial sample (35.16). All of them are graded in one ``worksample grade`` process, as a hiring
team would run it, against a copy of the assignment with a 20-second wall clock and a 2-second
per-case limit (the TypeScript compile takes about 2 s of it). An attack that beats worksample
today is a row with ``works`` set: its test is ``xfail(strict=True)`` and turns green when the
hole is closed.
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

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

NODE = ROOT / "tests" / "hostile" / "node"
BASE_CODE = {"starter": ROOT / "assignments" / "url-router" / "starter" / "router.ts",
             "partial": ROOT / "examples" / "url-router" / "partial" / "router.ts"}
ASSIGNMENT = ROOT / "assignments" / "url-router"
NODE_IMAGE = "worksample/node:bookworm"
WALL_SECONDS, PER_CASE_SECONDS = 20, 2
CASES = 22
HONEST = {"starter": 0.0, "partial": 35.16}  # what each base earns, graded as it is
GRADER_MEMORY_MB = 256  # the grader's own peak for the whole corpus
RESULT_BYTES = 200 * 1024  # one stored result
HOST_SECONDS = 1.5  # the grader's own time on one submission, besides the container's
MODIFIED = frozenset({"hidden-tests-modified"})


@dataclass(frozen=True)
class Attack:
    """What an attack is built on and the outcome it must get."""

    base: str = "partial"
    score: float | None = None  # the exact score; None: at most what the base earns
    ended: frozenset[str] = frozenset({"completed"})  # how the run may end
    flags: frozenset[str] = frozenset()
    works: str = ""  # how it beats worksample today; the row is xfail(strict) until fixed


CORPUS = {
    # resources
    "loops-in-sync-and-async": Attack(score=35.16),
    "loops-at-import": Attack(score=0.0),
    "forks-a-bomb": Attack(score=35.16),
    "eats-the-heap": Attack(score=35.16),
    "eats-memory-outside-the-heap": Attack(score=35.16, ended=frozenset({"memory"})),
    "floods-output": Attack(score=35.16),
    # ending processes
    "exits-at-import": Attack(score=0.0),
    "exits-in-a-case": Attack(score=35.16),
    "kills-the-runner": Attack(ended=frozenset({"crashed"})),
    "stops-the-cases-process": Attack(score=35.16),
    # the result channel
    "reads-the-results-fd": Attack(score=35.16),
    "reads-the-cases-process": Attack(score=35.16),
    "forges-records-on-its-pipe": Attack(score=0.0),
    "forges-the-whole-stream": Attack(base="starter", score=0.0),
    # how many cases its writes break depends on when they start: never more than the base.
    # Each case it breaks costs a new pair of processes and its own wait at import, so when
    # they break one case at a time the wall clock may end the run first
    "writes-from-a-grandchild": Attack(ended=frozenset({"completed", "timeout"})),
    "forges-observations-on-its-channel": Attack(score=35.16),
    # the recorder and the cases: the class of answers-from-the-instructions
    "answers-from-the-instructions": Attack(score=35.16),
    "patches-the-recorder": Attack(score=35.16),
    "patches-json-and-output": Attack(score=35.16),
    "pollutes-prototypes": Attack(score=35.16),
    "reaches-require-cache": Attack(score=35.16),
    "probes-the-cases-side": Attack(score=35.16),
    "shadows-the-helper": Attack(score=35.16),
    "rewrites-compiled-cases": Attack(score=35.16),
    "rewrites-the-harness": Attack(score=0.0, flags=MODIFIED),
    "peeks-for-the-reference": Attack(score=35.16),
    # objects that pretend to be plain data
    "returns-pretenders": Attack(score=35.16),
}


def submission_cases() -> list:
    """One parameter per attack, xfail(strict) for those that work today."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=attack.works))
            if attack.works else name for name, attack in sorted(CORPUS.items())]


def quick_assignment(root: Path) -> Path:
    """The sample assignment with a short wall clock and per-case limit."""
    folder = root / "url-router-quick"
    shutil.copytree(ASSIGNMENT, folder)
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    data["coding"]["limits"].update(wall_seconds=WALL_SECONDS,
                                    per_test_seconds=PER_CASE_SECONDS)
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    return folder


def build_submission(name: str, root: Path) -> Path:
    """The attack's folder, copied, with its ``router.ts`` made: the opening comment of its
    ``router.append.ts``, its base's code, then the rest of it (the attack)."""
    folder = Path(shutil.copytree(NODE / name, root / "submissions" / name))
    appended = folder / "router.append.ts"
    head, _, attack = appended.read_text().partition("\n\n")
    (folder / "router.ts").write_text(head + "\n\n" + BASE_CODE[CORPUS[name].base].read_text()
                                      + attack)
    appended.unlink()
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, docker_engine):
    require_image(docker_engine, NODE_IMAGE)
    root = tmp_path_factory.mktemp("node")
    assignment = quick_assignment(root)
    submissions = [build_submission(name, root) for name in sorted(CORPUS)]
    # the reference's recording (a TypeScript compile and a run, about 4 s) is made once and
    # kept in the cache folder: made first, so that no attack's own time includes it
    warm = root / "warm"
    warm.mkdir()
    run_grader(["grade", str(assignment), str(assignment / "starter")], warm / "results.json",
               root / "cache")
    exit_code, peak_mb = run_grader(
        ["grade", str(assignment), *map(str, submissions), "--json", "-j", "2",
         "--retries", "1"], root / "results.json", root / "cache")
    results = json.loads((root / "results.json").read_text())
    return {"exit_code": exit_code, "peak_mb": peak_mb,
            "results": {r["submission_id"]: r for r in results}}


def test_the_corpus_table_names_every_attack_folder():
    assert {p.name for p in NODE.iterdir() if p.is_dir()} == set(CORPUS)


def test_every_attack_is_graded_within_the_graders_memory(corpus):
    assert set(corpus["results"]) == set(CORPUS)
    assert corpus["peak_mb"] < GRADER_MEMORY_MB, f"grader peaked at {corpus['peak_mb']} MB"


def test_the_batch_exits_cleanly(corpus):
    assert corpus["exit_code"] == 0


@pytest.mark.parametrize("name", submission_cases())
def test_each_attack_gets_its_outcome(corpus, name):
    attack, result = CORPUS[name], corpus["results"][name]
    assert result["status"] == "graded", result["message"]
    assert result["run"]["ended"] in attack.ended
    assert len(result["checks"]) == CASES  # every hidden case accounted for
    if attack.score is not None:
        assert result["score"] == attack.score
    assert result["score"] <= HONEST[attack.base], "a score the code did not earn"
    assert {f["kind"] for f in signs(result)} == attack.flags
    if signs(result):
        assert result["score"] == 0 and all(f["evidence"] for f in signs(result))
    assert result["run"]["seconds"] < WALL_SECONDS + 2
    assert result["durations"]["grade_s"] - result["run"]["seconds"] < HOST_SECONDS
    assert len(json.dumps(result)) < RESULT_BYTES


def _messages(corpus, name):
    return {c["id"]: c["message"] for c in corpus["results"][name]["checks"]}


def test_a_case_that_spins_or_ends_its_process_fails_alone(corpus):
    optional = "cases_href.ts::optional parameters and wildcards"
    loops = "cases_navigate.ts::redirect loops stop"
    stopped = "the case stopped before it ((not recorded: the case {}))"
    expected = {
        "loops-in-sync-and-async": {optional: "took longer than 2s", loops: "took longer than 2s"},
        "exits-in-a-case": {optional: "ended: the process exited with code 0 (process.exit?)",
                            loops: "ended: the process ran out of memory (V8's heap limit) or "
                                   "aborted"},
        "eats-memory-outside-the-heap": {optional: "was killed (out of memory?)"},
    }
    for name, cases in expected.items():
        messages = _messages(corpus, name)
        for case, how in cases.items():
            assert stopped.format(how) in messages[case], (name, case)
    # V8's heap limit ends it in about half a second; on a loaded machine the timer may first
    heap = _messages(corpus, "eats-the-heap")[optional]
    assert any(stopped.format(how) in heap for how in (
        "ended: the process ran out of memory (V8's heap limit) or aborted",
        "took longer than 2s")), heap


def test_code_that_never_loads_or_ends_at_import_fails_every_case_with_why(corpus):
    for name, why in (("loops-at-import", "loading it took longer than 2s"),
                      ("exits-at-import", "loading it ended: the process exited with code 0 "
                                          "(process.exit?)")):
        assert set(_messages(corpus, name).values()) == {
            f"not run: {module} could not be imported ({why})"
            for module in ("cases_errors.ts", "cases_href.ts", "cases_match.ts",
                           "cases_navigate.ts")}, name


def _printed(corpus, name):
    return corpus["results"][name]["details"]["output_head"]


def test_the_runner_the_cases_process_and_the_supervisor_are_out_of_reach(corpus):
    printed = _printed(corpus, "reads-the-results-fd")
    for place in ("cases", "casesMemory", "casesEnviron", "runner", "runnerMemory",
                  "runnerFd4", "supervisor", "supervisorMemory"):
        assert f'"{place}":"denied (EACCES)"' in printed
    tried = json.loads(_printed(corpus, "reads-the-cases-process").split(":", 1)[1]
                       .split("\n", 1)[0])
    assert {"mem", "fd", "environ", "maps", "ptrace", "process_vm_readv",
            "process_vm_writev", "pidfd_getfd 5"} <= set(tried), tried
    opened = {how: got for how, got in tried.items()
              if how != "pidfd_open" and not got.startswith("blocked")}
    assert not opened, opened


def test_the_code_under_test_finds_no_recorder_in_its_process(corpus):
    printed = _printed(corpus, "reaches-require-cache")
    assert "require-cache search: 0 registries in " in printed
    assert "worksample-cases" not in printed and "cases.js" not in printed.replace(
        "candidate.js", "")


def test_the_channel_gives_the_candidates_process_nothing_of_the_cases_but_calls(corpus):
    probes = json.loads(_printed(corpus, "probes-the-cases-side").split("probes: ", 1)[1]
                        .split("\n", 1)[0])
    for reached in ("constructor", "prototype", "proto", "getConstructor"):
        assert probes[reached] == "undefined", probes  # no way to Function, nor to eval
    for refused in ("keys", "prototypeOf", "own", "set", "importHelper", "newGuard"):
        assert probes[refused].startswith("refused: "), probes
    message = _messages(corpus, "probes-the-cases-side")["cases_navigate.ts::redirect loops stop"]
    assert "broke its channel to the cases (a request about an object that was never given)" \
        in message


def test_writing_on_the_channel_breaks_it_and_fails_the_case(corpus):
    for name, case in (("forges-records-on-its-pipe", "cases_match.ts::static routes"),
                       ("forges-observations-on-its-channel",
                        "cases_navigate.ts::redirect loops stop")):
        assert "the code under test broke its channel to the cases" in _messages(
            corpus, name)[case], name


def test_the_harness_rewritten_on_disk_is_not_what_runs_and_is_flagged(corpus):
    result = corpus["results"]["rewrites-the-harness"]
    assert "/sandbox/harness/cases.js, " in _printed(corpus, "rewrites-the-harness")
    evidence = " ".join(str(flag["evidence"]) for flag in signs(result))
    assert "harness/cases.js" in evidence


def test_the_peek_finds_the_hidden_cases_but_nothing_of_the_reference(corpus):
    printed = _printed(corpus, "peeks-for-the-reference")
    assert "peeked: nothing of the reference" in printed and "LEAK" not in printed
    assert "/sandbox/tests/cases_match.ts" in printed  # the search itself works


def test_a_fork_bomb_reaches_the_process_limit_and_changes_nothing(corpus):
    printed = _printed(corpus, "forks-a-bomb")
    assert "processes in the sandbox:" in printed


