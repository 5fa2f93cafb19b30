"""Submissions that try to forge their verdict, graded for real. See hostile/README.md."""

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest_paths import HOSTILE, SAMPLE

from worksample.cli import cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

PASS_SCORE = 70
STARTER_PASSES = 1  # the starter honestly passes test_errors_share_a_base_class

# name -> (flags that must be raised, how many tests may pass at most)
OUTCOMES = {
    "conftest-forges-outcomes": (set(), STARTER_PASSES),
    "ini-deselects-tests": (set(), STARTER_PASSES),
    "shadows-pytest": (set(), STARTER_PASSES),
    "exits-at-import": (set(), 0),
    "patches-framework": ({"forged-outcome", "framework-patched"}, 31),
    "rewrites-hidden-tests": ({"hidden-tests-modified", "forged-outcome"}, 31),
    "always-equal": (set(), 3),
    "forges-result-channel": (set(), STARTER_PASSES),
    "injects-results": ({"result-channel-tampered"}, 31),
}


def build_submission(name: str, target_root):
    """The starter code with the attack's files laid over it; `inventory.append.py` is
    appended to the starter's inventory.py, so the attack runs when the module is imported."""
    target = target_root / name
    shutil.copytree(SAMPLE / "starter", target)
    for path in (HOSTILE / name).iterdir():
        if path.name == "inventory.append.py":
            with open(target / "inventory.py", "a") as module:
                module.write("\n" + path.read_text())
        else:
            shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folders = [build_submission(name, root) for name in sorted(OUTCOMES)]
    result = CliRunner().invoke(cli, ["grade", str(SAMPLE), *map(str, folders), "--json"])
    assert result.exit_code == 0, result.output
    return {r["submission_id"]: r for r in json.loads(result.stdout)}


def test_the_corpus_is_complete():
    assert {p.name for p in HOSTILE.iterdir() if p.is_dir()} == set(OUTCOMES)


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_no_forged_pass_and_every_test_accounted_for(results, name):
    result = results[name]
    flags, most_passing = OUTCOMES[name]
    assert result["status"] == "graded"
    assert result["score"] < PASS_SCORE and not result["passed"]
    assert len(result["checks"]) == 31
    assert sum(c["outcome"] == "passed" for c in result["checks"]) <= most_passing
    raised = {f["kind"] for f in result["flags"]}
    assert flags <= raised, f"expected flags {flags}, got {raised}"
    if name != "injects-results":  # nothing else reaches the result channel
        assert "result-channel-tampered" not in raised


@pytest.mark.parametrize("name", ["patches-framework", "rewrites-hidden-tests",
                                  "injects-results"])
def test_detected_tampering_scores_zero_and_says_why(results, name):
    result = results[name]
    assert result["score"] == 0
    evidence = result["criteria"][0]["evidence"][0]
    assert evidence.startswith("no points: the test outcomes cannot be trusted")
    assert all(f["evidence"] for f in result["flags"])


def test_exit_at_import_is_not_trusted(results):
    checks = results["exits-at-import"]["checks"]
    assert all("before reporting it" in c["message"] for c in checks)
    assert results["exits-at-import"]["run"]["ended"] == "crashed"
