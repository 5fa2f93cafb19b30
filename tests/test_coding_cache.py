"""The caches of what trusted runs learned: collected hidden-test ids, what invalidates them,
and the artifacts a reference's recorded run leaves (no container needed)."""

import dataclasses
import json
from importlib import resources

import pytest
from conftest_paths import ROOT, SAMPLE
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


def _artifact(name, data, part, parts):
    return {"event": "artifact", "name": name, "part": part, "parts": parts, "data": data}


def test_a_trusted_runs_artifacts_are_taken_out_of_its_records_whole_or_not_at_all():
    from worksample_coding.artifacts import take_artifacts

    from worksample.sandbox.framing import HarnessReport
    from worksample.sandbox.harness import HarnessResult

    case = {"event": "case", "id": "x"}
    report = HarnessReport(records=[
        _artifact("cache", "QUJD", 1, 2), case, _artifact("cache", "QUJD", 0, 2),
        _artifact("half", "QQ==", 0, 2),  # its second part never came
        _artifact("odd", "QQ==", 2, 2), {"event": "artifact", "name": 3, "part": 0, "parts": 1,
                                         "data": ""}])
    result = HarnessResult(outcome=None, report=report, nonce="n")
    assert take_artifacts(result) == {"cache": "QUJDQUJD"}
    assert report.records == [case]


def test_a_recording_kept_before_there_were_artifacts_is_still_read(registry, monkeypatch):
    from worksample_coding import recorded

    from worksample.sandbox.cache import cache_dir

    assignment = load(ROOT / "assignments" / "url-router", registry)
    monkeypatch.setattr(recorded, "_reference", LearnedValues())
    monkeypatch.setattr(recorded, "_recording", lambda *a, **k: pytest.fail("recorded again"))
    recorder = recorded.LANGUAGES["typescript"].recorder
    key = (f"recorded-{recorder.digest}-{recorded.RULES}-{assignment.version}-"
           f"{IMAGE_ID.split(':')[-1][:16]}")
    case = {"id": "cases_match.ts::x", "weight": 1.0, "criterion": None, "observations": []}
    cache_dir().mkdir(parents=True, exist_ok=True)
    (cache_dir() / f"{key}.json").write_text(json.dumps([case]))
    assert recorded._learned(assignment, "image", IMAGE_ID) == {"cases": [case],
                                                                 "artifacts": {}}
