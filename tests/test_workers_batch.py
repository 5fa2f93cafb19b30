"""A text batch in the limited workers: one call per submission takes it in and grades it,
with the same result as grading in process; what the store holds and what carries a git
history go the longer way (the store consulted, the history read in a call of its own)."""

from __future__ import annotations

import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
from conftest_paths import ROOT, git_at

from worksample.assignments import load
from worksample.batch import BatchOptions, grade_batch
from worksample.errors import InfrastructureError
from worksample.grading import grade_submission
from worksample.models import Status
from worksample.store import ResultStore
from worksample.workers import LimitedWorkers

EMAIL = ROOT / "assignments" / "support-replies"
REPLIES = ROOT / "examples" / "support-replies"
VOLATILE = {"graded_at", "durations", "worksample_version", "submission_source"}


class CountedWorkers(LimitedWorkers):
    """Limited workers that count their calls, by the function called."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls: Counter[str] = Counter()
        self._counting = threading.Lock()

    def run(self, doing, function, *args):
        with self._counting:
            self.calls[function.__name__] += 1
        return super().run(doing, function, *args)


@pytest.fixture
def workers():
    with CountedWorkers(2) as pool:
        yield pool


@pytest.fixture
def email(registry):
    return load(EMAIL, registry)


def replies(folder: Path) -> list[Path]:
    """Three candidates' replies: folders and a single Markdown file."""
    made = []
    for name in ("excellent", "rude", "adequate.md"):
        source, target = REPLIES / name, folder / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
        made.append(target)
    return made


def comparable(result) -> dict:
    return result.model_dump(mode="json", exclude=VOLATILE)


def test_one_call_per_submission_grades_as_in_process_and_a_rerun_grades_nothing(
        tmp_path, registry, email, workers):
    sources = replies(tmp_path / "inbox")
    workdir = tmp_path / "work"
    workdir.mkdir()
    store = ResultStore(tmp_path / "results.sqlite")

    first = grade_batch(email, sources, workdir, registry, store, BatchOptions(jobs=2),
                        workers=workers)
    assert workers.calls == {"_taken_in_and_graded": 3}
    assert all(item.result.status == Status.GRADED and not item.from_store for item in first)
    in_process = {source: grade_submission(email, source, workdir, registry)
                  for source in sources}
    for item in first:
        assert comparable(item.result) == comparable(in_process[item.source])
        assert item.result.work == in_process[item.source].work
    assert list(workdir.iterdir()) == []  # the workers removed what they unpacked

    workers.calls.clear()
    again = grade_batch(email, sources, workdir, registry, store, BatchOptions(jobs=2),
                        workers=workers)
    assert workers.calls == {"_taken_in_and_graded": 3}  # unpacked, hashed, then kept
    assert all(item.from_store for item in again)

    workers.calls.clear()
    regraded = grade_batch(email, sources, workdir, registry, store,
                           BatchOptions(jobs=2, regrade=True), workers=workers)
    assert workers.calls == {"_taken_in_and_graded": 3, "_grade_in_worker": 3}
    assert not any(item.from_store for item in regraded)
    assert {item.source: item.result.score for item in regraded} \
        == {source: result.score for source, result in in_process.items()}
    assert list(workdir.iterdir()) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_reply_sent_with_its_git_history_has_it_read_in_a_call_of_its_own(
        tmp_path, registry, email, workers):
    [source] = replies(tmp_path / "inbox")[:1]
    git_at(source, "init", "-q", "-b", "main")
    git_at(source, "add", "-A")
    git_at(source, "commit", "-q", "-m", "replies")
    workdir = tmp_path / "work"
    workdir.mkdir()
    [item] = grade_batch(email, [source], workdir, registry,
                         ResultStore(tmp_path / "results.sqlite"), BatchOptions(),
                         workers=workers)
    assert workers.calls == {"_taken_in_and_graded": 1, "read_history": 1,
                             "_grade_in_worker": 1}
    assert item.result.status == Status.GRADED
    assert item.result.git_history is not None and item.result.git_history.commits == 1
    assert item.result.score == grade_submission(email, source, workdir, registry).score
    assert list(workdir.iterdir()) == []


class FailingWorkers(LimitedWorkers):
    """Workers whose pool breaks on the first call that takes a submission in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.broken = False

    def run(self, doing, function, *args):
        if function.__name__ == "_taken_in_and_graded" and not self.broken:
            self.broken = True
            raise InfrastructureError("the worker processes failed (test)")
        return super().run(doing, function, *args)


def test_workers_that_fail_cost_one_submission_an_error_and_the_rest_are_graded(
        tmp_path, registry, email):
    sources = replies(tmp_path / "inbox")
    workdir = tmp_path / "work"
    workdir.mkdir()
    with FailingWorkers(1) as workers:
        items = grade_batch(email, sources, workdir, registry,
                            ResultStore(tmp_path / "results.sqlite"), BatchOptions(),
                            workers=workers)
    statuses = sorted(item.result.status.value for item in items)
    assert statuses == ["error", "graded", "graded"]
    [failed] = [item.result for item in items if item.result.status == Status.ERROR]
    assert failed.message == "the worker processes failed (test)"  # ours, not "report it"
    assert list(workdir.iterdir()) == []


def test_the_worker_makes_the_fingerprints_the_grader_would_and_they_are_saved_with_the_result(
        tmp_path, registry, email, workers, monkeypatch):
    from worksample.similarity import fingerprints, sources

    sources_in = replies(tmp_path / "inbox")
    workdir = tmp_path / "work"
    workdir.mkdir()
    store = ResultStore(tmp_path / "results.sqlite")
    made_here, kept_apart = fingerprints.of_work, ResultStore.keep_fingerprints

    def not_here(*args):
        raise AssertionError("the grader made or kept fingerprints apart from the result")

    monkeypatch.setattr(fingerprints, "of_work", not_here)  # the workers are spawned
    monkeypatch.setattr(ResultStore, "keep_fingerprints", not_here)
    items = grade_batch(email, sources_in, workdir, registry, store, BatchOptions(jobs=2),
                        on_item=lambda item: sources.keep(email, store, item.result),
                        workers=workers)
    monkeypatch.setattr(fingerprints, "of_work", made_here)
    monkeypatch.setattr(ResultStore, "keep_fingerprints", kept_apart)
    assert all(item.result.fingerprints is not None for item in items)

    # the same results through the grader's path: fingerprints made here from the work
    elsewhere = ResultStore(tmp_path / "elsewhere.sqlite")
    for item in items:
        result = item.result.model_copy(update={"fingerprints": None})
        elsewhere.save(result)
        assert sources.keep(email, elsewhere, result)
    kept = store.fingerprints(email.id)
    assert len(kept) == 3
    assert kept == elsewhere.fingerprints(email.id)
