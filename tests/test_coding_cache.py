"""The cache of collected hidden-test ids: what invalidates it (no container needed)."""

import dataclasses
from importlib import resources

import pytest
from conftest_paths import SAMPLE
from worksample_coding import grader, protocol

from worksample.assignments import load
from worksample.sandbox import framing, harness
from worksample.sandbox.cache import LearnedValues

IMAGE_ID = "sha256:" + "ab" * 32
IDS = [
    "test_reservations.py::test_reserve_is_all_or_nothing",
    "test_reservations.py::test_same_order_same_items_is_idempotent",
    "test_expiry.py::test_hold_expired_at_deadline",
]


@pytest.fixture
def collections(monkeypatch):
    """Each real collection would run a container: count them instead."""
    calls = []
    monkeypatch.setattr(grader, "_expected", LearnedValues())
    monkeypatch.setattr(grader, "_collect", lambda assignment, image: calls.append(1) or IDS)
    return calls


def test_collected_ids_are_cached_on_disk_per_harness(registry, collections, monkeypatch):
    assignment = load(SAMPLE, registry)
    assert grader.expected_tests(assignment, "image", IMAGE_ID) == IDS
    assert len(collections) == 1

    monkeypatch.setattr(grader, "_expected", LearnedValues())  # a new grader process
    assert grader.expected_tests(assignment, "image", IMAGE_ID) == IDS
    assert len(collections) == 1  # read from the cache folder

    monkeypatch.setattr(grader, "_expected", LearnedValues())
    changed = dataclasses.replace(protocol.RUNNER, environment={"ANOTHER": "harness"})
    monkeypatch.setattr(grader, "RUNNER", changed)
    assert grader.expected_tests(assignment, "image", IMAGE_ID) == IDS
    assert len(collections) == 2  # a changed harness collects again


def test_the_harness_digest_covers_every_harness_file_and_the_command(monkeypatch):
    runner = protocol.RUNNER
    before = runner.digest
    changes = [dict(files={**runner.files, "runner.py": b"changed"}),
               dict(environment={}), dict(python=None, command=("python3", "runner.py"))]
    for change in changes:
        assert dataclasses.replace(runner, **change).digest != before
    assert dataclasses.replace(runner).digest == before  # a new object, computed again
    monkeypatch.setattr(harness, "COMMAND", [*framing.COMMAND, "changed"])
    assert dataclasses.replace(runner).digest != before
    monkeypatch.undo()
    monkeypatch.setattr(harness, "supervisor_source", lambda: b"another supervisor")
    assert dataclasses.replace(runner).digest != before
    assert sorted(runner.files) == ["guard.py", "hidden.py", "pytest.ini", "runner.py"]
    folder = resources.files("worksample_coding") / "harness"
    assert sorted(runner.files) == sorted(p.name for p in folder.iterdir() if p.is_file())
