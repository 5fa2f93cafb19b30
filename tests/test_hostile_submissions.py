"""The hostile corpus, graded for real: every attack gets the outcome in its row.

See hostile/README.md. All attacks are graded in one `worksample grade` process, as a hiring
team would run it, against a copy of the sample assignment with a 6-second wall clock and a
1-second per-test limit, so the attacks that hang are bounded quickly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest_paths import EXAMPLES, HOSTILE, ROOT, SAMPLE
from grader_process import run_grader
from hostile.archives import CASES

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

WALL_SECONDS = 6
PASS_SCORE = 70
GRADER_MEMORY_MB = 256  # the grader's own peak resident memory for the whole corpus


@dataclass(frozen=True)
class Attack:
    """What an attack is built on and the outcome it must get."""

    base: str = "starter"  # "starter" passes 1 of 31 honestly; "strong" passes all 31
    ended: tuple[str, ...] = ("completed",)
    flags: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()  # flags raised in some runs only (the canary is random)
    most_passing: int = 1
    zero: bool = False  # detected tampering: the tests criterion gets nothing
    shows: dict[str, int] = field(default_factory=dict)  # text printed at import -> count
    shared: tuple[str, ...] = ()  # helper files from hostile/shared/ to include


BLOCKED_NETWORK, BLOCKED_WRITES, BLOCKED_READS, BLOCKED_PRIVILEGES = 6, 9, 9, 6
PATCHED, FORGED = frozenset({"framework-patched"}), frozenset({"forged-outcome"})
PROBE = ("escape_probe.py",)
CORPUS = {
    # verdict forgery
    "conftest-forges-outcomes": Attack(),
    "ini-deselects-tests": Attack(),
    "shadows-pytest": Attack(),
    "sitecustomize-exits": Attack(),
    "exits-at-import": Attack(ended=("crashed",), most_passing=0),
    "forges-result-channel": Attack(),
    "injects-results": Attack(flags=frozenset({"result-channel-tampered"}), most_passing=31,
                              zero=True),
    "patches-framework": Attack(flags=frozenset({"forged-outcome", "framework-patched"}),
                                most_passing=31, zero=True),
    "rewrites-hidden-tests": Attack(flags=frozenset({"hidden-tests-modified", "forged-outcome",
                                                     "unexpected-tests", "framework-patched"}),
                                    most_passing=31, zero=True),
    "always-equal": Attack(most_passing=3),
    # issue 21: the classic pytest mode's forgeries, each class with its original and new instances
    "shadows-test-helpers": Attack(flags=PATCHED, most_passing=31, zero=True),
    "patches-helpers-in-place": Attack(flags=PATCHED, most_passing=31, zero=True),
    "plants-test-modules": Attack(flags=PATCHED, most_passing=31, zero=True),
    "patches-test-loader": Attack(flags=PATCHED | FORGED, most_passing=31, zero=True),
    "rewrites-runner-globals": Attack(ended=("crashed",), flags=PATCHED, most_passing=0,
                                      zero=True),
    "rewires-runner-hooks": Attack(flags=PATCHED | FORGED, most_passing=31, zero=True),
    "plants-conftest-hook": Attack(flags=PATCHED, most_passing=31, zero=True),
    "registers-a-plugin": Attack(flags=PATCHED | FORGED, most_passing=31, zero=True),
    "names-a-plugin-in-env": Attack(),
    "patches-then-restores": Attack(flags=PATCHED | FORGED, most_passing=31, zero=True),
    "patches-during-each-test": Attack(flags=PATCHED | FORGED, most_passing=31, zero=True),
    "swaps-test-module-names": Attack(flags=PATCHED, also=FORGED, most_passing=31, zero=True),
    "patches-report-properties": Attack(flags=PATCHED, most_passing=31, zero=True),
    "patches-report-constructor": Attack(flags=PATCHED | FORGED, most_passing=31, zero=True),
    # resource abuse
    "infinite-loop-at-import": Attack(ended=("timeout",), most_passing=0),
    "sleeps-at-import": Attack(ended=("timeout",), most_passing=0),
    "fork-bomb": Attack(ended=("timeout",), most_passing=0),
    "memory-bomb": Attack(ended=("memory",), most_passing=0),
    "output-flood": Attack(),
    "fills-disk": Attack(shows={"blocked: filling": 2}),
    "many-tiny-files": Attack(ended=("completed", "timeout", "memory")),
    "daemon-outlives-run": Attack(),
    "leaves-traps-for-the-next-run": Attack(flags=frozenset({"hidden-tests-modified"}), zero=True,
                                            shows={"planted: 5": 1}),
    # candidate text that reaches the host: stored and shown, never obeyed
    "raises-lone-surrogates": Attack(),
    "hides-its-flag-with-escapes": Attack(flags=frozenset({"hidden-tests-modified"}), zero=True),
    # escape attempts, on a correct solution: they fail, and honest grading is untouched
    "escape-network": Attack(base="strong", most_passing=31, shared=PROBE,
                             shows={"blocked:": BLOCKED_NETWORK, "ESCAPE-OK": 0}),
    "escape-write-outside": Attack(base="strong", most_passing=31, shared=PROBE,
                                   shows={"blocked:": BLOCKED_WRITES, "ESCAPE-OK": 0}),
    "escape-read-host": Attack(base="strong", most_passing=31, shared=PROBE,
                               shows={"blocked:": BLOCKED_READS, "ESCAPE-OK": 0}),
    "escape-privileges": Attack(base="strong", most_passing=31, shared=PROBE,
                                shows={"blocked:": BLOCKED_PRIVILEGES, "ESCAPE-OK": 0,
                                       "sent SIGINT, SIGTERM and SIGKILL to pid 1": 1}),
}


def build_submission(name: str, target_root: Path) -> Path:
    """The attack's base code with the attack's files laid over it; `inventory.append.py` is
    appended to the base's inventory.py, so the attack runs when the module is imported."""
    base = SAMPLE / "starter" if CORPUS[name].base == "starter" else EXAMPLES / "strong"
    target = target_root / name
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("*.md"))
    for shared in CORPUS[name].shared:
        shutil.copy(HOSTILE.parent / "shared" / shared, target / shared)
    for path in (HOSTILE / name).iterdir():
        if path.name == "inventory.append.py":
            with open(target / "inventory.py", "a") as module:
                module.write("\n" + path.read_text())
        else:
            shutil.copy(path, target / path.name)
    return target


def quick_assignment(root: Path) -> Path:
    """The sample assignment with a short wall clock, so hanging attacks end fast."""
    folder = root / "inventory-quick"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    data["coding"]["limits"].update(wall_seconds=WALL_SECONDS, per_test_seconds=1)
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    return folder


def attack_targets() -> list[str]:
    """The host paths the attacks aim at: every absolute path under /tmp, /root, /home, /etc
    or /var written in the corpus or the archive builders."""
    sources = [p for p in HOSTILE.parent.rglob("*") if p.is_file() and p.suffix == ".py"]
    found = set()
    for source in sources:
        found.update(re.findall(r"[\"'](/(?:tmp|root|home|etc|var)/[^\"'%\s]+)[\"']",
                                source.read_text(errors="replace")))
    return sorted(found)


def host_state(grader_tmp: Path) -> dict[str, object]:
    """What an escape would change on the host: the places the attacks aim at, $HOME, the
    repository, and the grader's own temporary folder (it must clean up after itself). Not
    all of /tmp: other processes on the machine may write there."""
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=ROOT,
                            capture_output=True, text=True).stdout
    return {
        "targets": {path: os.path.lexists(path) for path in attack_targets()},
        "grader tmp": sorted(os.listdir(grader_tmp)),
        "home": sorted(os.listdir(Path.home())),
        "repository": status,
    }


def grader_tmp(folder: Path) -> Path:
    """The private TMPDIR of the graders a test starts in ``folder``."""
    private = folder / "tmp"
    private.mkdir(exist_ok=True)
    return private


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    assignment = quick_assignment(root)
    submissions = [build_submission(name, root) for name in sorted(CORPUS)]
    before = host_state(grader_tmp(root))
    exit_code, peak_mb = run_grader(
        ["grade", str(assignment), *map(str, submissions), "--json"], root / "results.json")
    results = json.loads((root / "results.json").read_text())
    return {
        "exit_code": exit_code,
        "peak_mb": peak_mb,
        "host": (before, host_state(grader_tmp(root))),
        "results": {r["submission_id"]: r for r in results},
    }


def test_the_corpus_table_names_every_attack_folder():
    assert {p.name for p in HOSTILE.iterdir() if p.is_dir()} == set(CORPUS)


def test_the_batch_grades_everything_within_the_graders_memory(corpus):
    assert corpus["exit_code"] == 0, "an attack turned into an infrastructure error"
    assert set(corpus["results"]) == set(CORPUS)
    assert corpus["peak_mb"] < GRADER_MEMORY_MB, f"grader peaked at {corpus['peak_mb']} MB"


def test_nothing_was_written_on_the_host(corpus):
    before, after = corpus["host"]
    assert after == before  # pytest shows what changed


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_attack_gets_its_outcome(corpus, name):
    attack, result = CORPUS[name], corpus["results"][name]
    assert result["status"] == "graded", result["message"]
    assert result["run"]["ended"] in attack.ended
    # every expected test is accounted for, and no forged pass
    assert len(result["checks"]) == 31
    passing = sum(c["outcome"] == "passed" for c in result["checks"])
    assert passing <= attack.most_passing
    if attack.base == "starter":
        assert result["score"] < PASS_SCORE and not result["passed"]
    else:
        assert result["score"] == 100, result["criteria"][0]["evidence"]
    # bounded by the wall clock plus a small margin
    assert result["run"]["seconds"] < WALL_SECONDS + 2
    assert result["durations"]["total_s"] < WALL_SECONDS + 5
    # tampering that is detected is flagged with evidence, and nothing else is flagged (the
    # attacks are code only: none sends the NOTES.md the sample's instructions ask for)
    raised = {f["kind"] for f in result["flags"]} - {"tests-not-run", "missing-file",
                                                          "timed-out"}
    assert attack.flags <= raised <= attack.flags | attack.also, result["flags"]
    assert all(f["evidence"] for f in result["flags"])
    if attack.zero:
        assert result["score"] == 0
        assert result["criteria"][0]["evidence"][0].startswith("no points: the test outcomes")
    printed = result["details"]["output_head"]  # the attack prints at import, first
    for text, count in attack.shows.items():
        assert printed.count(text) == count, f"{text!r} in:\n{printed}"


def test_the_output_flood_was_drained_and_capped(corpus):
    details = corpus["results"]["output-flood"]["details"]
    assert details["output_bytes"] > 200 * 1024 * 1024
    assert len(details["output_head"]) <= 4 * 1024 and len(details["output_tail"]) <= 8 * 1024


# where the archives' absolute members aim (hostile/archives.py); another process may have put
# a file there, so an escape is a change to what is there, not the file being there
ARCHIVE_TARGETS = ("/tmp/evil.py", "/etc/evil.py")


def test_archive_attacks_are_all_rejected_through_the_cli(tmp_path):
    archives = tmp_path / "archives"
    archives.mkdir()
    built = [build(archives) for build, _ in CASES.values()]
    before = host_state(grader_tmp(tmp_path))
    targets_before = {path: _written(path) for path in ARCHIVE_TARGETS}
    exit_code, _ = run_grader(["grade", str(SAMPLE), *map(str, built), "--json"],
                              tmp_path / "results.json")
    results = json.loads((tmp_path / "results.json").read_text())
    assert exit_code == 0
    assert [r["status"] for r in results] == ["rejected"] * len(CASES)
    for (_, reason), result in zip(CASES.values(), results, strict=True):
        assert reason in result["message"]
    assert before == host_state(grader_tmp(tmp_path))
    assert {path: _written(path) for path in ARCHIVE_TARGETS} == targets_before
    assert not (tmp_path / "evil.py").exists()


def _written(path: str) -> tuple[int, int] | None:
    """When a file was last written and its size; None when there is none."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    return found.st_mtime_ns, found.st_size


def test_detected_tampering_is_shown_to_reviewers(tmp_path):
    submission = build_submission("patches-framework", tmp_path)
    out = tmp_path / "out"
    exit_code, _ = run_grader(["grade", str(SAMPLE), str(submission), "--out", str(out)],
                              tmp_path / "table.txt")
    assert exit_code == 0
    page = (out / "candidates" / "patches-framework.html").read_text()
    assert page.count('class="flag integrity"') == 2
    flag = '<strong>{}</strong>: <span class="untrusted">{}'
    assert flag.format("forged-outcome", "pytest reported 31 test(s) as passed that the runner "
                       "saw fail") in page  # all but the one the starter passes, and the canary
    assert flag.format("framework-patched", "pytest, the harness or the hidden tests") in page
    index = (out / "index.html").read_text()
    assert "forged-outcome, framework-patched" in index
    table = " ".join((tmp_path / "table.txt").read_text().split())  # the grid pads and wraps
    assert "patches-framework [forged-outcome]: pytest reported 31 test(s) as passed" in table


def test_text_from_the_sandbox_is_stored_valid_and_shown_inert(corpus, tmp_path):
    surrogates = corpus["results"]["raises-lone-surrogates"]
    failures = " ".join(c["message"] for c in surrogates["checks"])
    assert "stock \ufffd\ufffd gone" in failures
    submission = build_submission("hides-its-flag-with-escapes", tmp_path)
    exit_code, _ = run_grader(["grade", str(SAMPLE), str(submission)], tmp_path / "table.txt")
    table = (tmp_path / "table.txt").read_text()
    assert exit_code == 0
    assert "\x1b" not in table and "\x9b" not in table and "\x07" not in table
    assert "hides-its-flag-with-escapes [hidden-tests-modified]:" in table
    assert "[bold white on white]x.py" in " ".join(table.split())  # printed, not markup
