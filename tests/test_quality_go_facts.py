"""Go's own-tests run with the standard library's vet facts made once per image
(``quality/vet_facts.py``): what a reviewer sees is the same as without them, and nothing of
one candidate's run reaches another's (the files of tests/hostile/go_quality/)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml
from conftest_paths import ROOT, require_image
from conftest_paths import graded_by_id as graded
from worksample_coding.quality import own_tests, vet_facts
from worksample_coding.quality.sources import source_files

from worksample.errors import InfrastructureError

GO_IMAGE = "worksample/go:bookworm"
LIMITER = ROOT / "assignments" / "api-rate-limiter"
STRONG = ROOT / "examples" / "api-rate-limiter" / "strong"
HOSTILE = ROOT / "tests" / "hostile" / "go_quality"
FACTS = "artifacts/go-vet-facts.tar.gz"


def submission(folder: Path, *names: str) -> Path:
    """The strong sample with the files ``names`` of tests/hostile/go_quality/ laid over it."""
    shutil.copytree(STRONG, folder)
    for name in names:
        shutil.copy(HOSTILE / name, folder / name)
    return folder


def own_run(work: Path, tests: bool = True) -> own_tests.OwnTests:
    """The run of the candidate's own tests with go vet, as grading runs it (without
    ``tests``, go vet alone)."""
    from worksample.assignments import load
    from worksample.plugins import get_registry

    section = load(LIMITER, get_registry()).section
    return own_tests.run_own_tests(
        image=GO_IMAGE, work=work, language="go", sources=source_files(work, "go"),
        starter=LIMITER / section.starter, limits=section.limits.sandbox_limits(),
        per_test_seconds=section.limits.per_test_seconds, lint=True, tests=tests)


def test_a_failed_trusted_run_is_tried_again_and_a_finished_one_kept(monkeypatch, tmp_path):
    from worksample.sandbox import docker as sandbox

    monkeypatch.setenv("WORKSAMPLE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(vet_facts, "_facts", vet_facts.LearnedValues())
    monkeypatch.setattr(sandbox, "ensure_image", lambda image: "sha256:" + "cd" * 32)
    runs = []

    def made(image, runner):
        runs.append(image)
        if len(runs) == 1:
            raise InfrastructureError("the engine went away")
        return {"go-vet-facts.tar.gz": "QUJD"}

    monkeypatch.setattr(vet_facts, "_made", made)
    runner = own_tests.RUNNERS["go"]()
    assert vet_facts.vet_facts(GO_IMAGE, runner) == {}  # the run goes without them
    assert vet_facts.vet_facts(GO_IMAGE, runner) == {FACTS: b"ABC"}
    assert vet_facts.vet_facts(GO_IMAGE, runner) == {FACTS: b"ABC"}
    assert len(runs) == 2


@pytest.mark.docker
def test_the_facts_change_no_finding_test_outcome_or_coverage(docker_engine, tmp_path,
                                                              monkeypatch):
    require_image(docker_engine, GO_IMAGE)
    work = submission(tmp_path / "go", "findings.go", "own_test.go")
    facts = vet_facts.vet_facts(GO_IMAGE, own_tests.RUNNERS["go"]())
    assert len(facts[FACTS]) > 50_000  # the trusted run left them: this run starts from them
    with_facts = own_run(work)
    monkeypatch.setattr(own_tests, "vet_facts", lambda image, runner: {})
    without = own_run(work)
    assert dataclasses.asdict(with_facts) == dataclasses.asdict(without)
    assert (with_facts.passed, with_facts.failed, with_facts.failed_ids) == (3, 1, ["TestFails"])
    assert with_facts.vet_count == 6 and with_facts.coverage["ratelimit.go"][0] > 50
    flagged = " ".join(with_facts.vet)
    for finding in ("passes lock by value", "Sprintf format %d has arg \"x\"",
                    "result of fmt.Sprintf call not used", "cancel function",
                    "Errorf format %d has arg \"not a number\""):
        assert finding in flagged


@pytest.mark.docker
@pytest.mark.usefixtures("no_leftovers")
def test_a_run_that_poisons_its_cache_reaches_neither_its_vet_nor_the_next_submission(
        docker_engine, tmp_path):
    require_image(docker_engine, GO_IMAGE)
    from test_quality_e2e import with_quality

    assignment = with_quality(tmp_path, "api-rate-limiter")
    poisons = submission(tmp_path / "a-poisons", "findings.go", "poison_test.go")
    clean = submission(tmp_path / "b-clean", "findings.go", "own_test.go")
    alone = graded(assignment, clean, "--store", tmp_path / "alone.sqlite")["b-clean"]
    after = graded(assignment, poisons, clean, "-j", "1",
                   "--store", tmp_path / "after.sqlite")
    signals = {name: {s["signal"]: s for s in result["details"]["quality"]}
               for name, result in after.items()}
    # the poisoning test passed: it found the trusted facts in its cache, and overwrote them
    assert signals["a-poisons"]["own_tests"]["said"].startswith("1 own test, all pass")
    assert signals["a-poisons"]["lint"]["figures"]["findings"] == 5  # findings.go's, intact
    assert [s["said"] for s in after["b-clean"]["details"]["quality"]] == [
        s["said"] for s in alone["details"]["quality"]]
    assert after["b-clean"]["details"]["quality"] == alone["details"]["quality"]
    assert {name: result["score"] for name, result in after.items()} == {
        "a-poisons": 100, "b-clean": 100}


@pytest.mark.docker
@pytest.mark.usefixtures("no_leftovers")
def test_lint_alone_runs_go_vet_without_the_tests_and_finds_the_same(docker_engine, tmp_path):
    require_image(docker_engine, GO_IMAGE)
    from test_quality_e2e import with_quality

    every = with_quality(tmp_path / "every", "api-rate-limiter")
    lint = with_quality(tmp_path / "lint", "api-rate-limiter")
    spec = yaml.safe_load((lint / "assignment.yaml").read_text())
    spec["coding"]["quality"] = {"criteria": {"design": ["lint"]}}
    (lint / "assignment.yaml").write_text(yaml.safe_dump(spec))
    work = submission(tmp_path / "go", "findings.go", "poison_test.go")
    alone = own_run(work, tests=False)
    assert (alone.tests, alone.vet_count) == (0, 5)  # no test ran
    signals = {name: {s["signal"]: s for s in graded(
        folder, work, "--store", tmp_path / f"{name}.sqlite")["go"]["details"]["quality"]}
        for name, folder in (("every", every), ("lint", lint))}
    assert list(signals["lint"]) == ["lint"]
    assert signals["lint"]["lint"] == signals["every"]["lint"]
    assert signals["lint"]["lint"]["figures"]["findings"] == 5
    assert signals["every"]["own_tests"]["said"].startswith("1 own test, all pass")
