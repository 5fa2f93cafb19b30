"""The cache of collected hidden-test ids: what invalidates it (no container needed)."""

import pytest
from conftest_paths import SAMPLE
from worksample_coding import grader, protocol

from worksample.assignments import load

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
    monkeypatch.setattr(grader, "_expected_cache", {})
    monkeypatch.setattr(grader, "_collect", lambda assignment, image: calls.append(1) or IDS)
    return calls


def test_collected_ids_are_cached_on_disk_per_harness(registry, collections, monkeypatch):
    assignment = load(SAMPLE, registry)
    assert grader.expected_tests(assignment, "image", IMAGE_ID) == IDS
    assert len(collections) == 1

    monkeypatch.setattr(grader, "_expected_cache", {})  # a new grader process
    assert grader.expected_tests(assignment, "image", IMAGE_ID) == IDS
    assert len(collections) == 1  # read from the cache folder

    monkeypatch.setattr(grader, "_expected_cache", {})
    monkeypatch.setattr(grader, "harness_digest", lambda: "another-harness")
    assert grader.expected_tests(assignment, "image", IMAGE_ID) == IDS
    assert len(collections) == 2  # a changed harness collects again


def test_the_harness_digest_covers_every_harness_file_and_the_command(monkeypatch):
    before = protocol.harness_digest()
    monkeypatch.setattr(protocol, "COMMAND", [*protocol.COMMAND, "changed"])
    protocol.harness_digest.cache_clear()
    try:
        assert protocol.harness_digest() != before
    finally:
        monkeypatch.undo()
        protocol.harness_digest.cache_clear()
    assert protocol.harness_digest() == before
    assert protocol.HARNESS_FILES == ("supervisor.py", "runner.py", "pytest.ini")
    harness = protocol._harness()
    assert sorted(p.name for p in harness.iterdir() if p.is_file()) == sorted(
        protocol.HARNESS_FILES)
