"""Interrupted batches on the real engine: kill -9 and Ctrl-C in the middle of grading."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest_paths import EXAMPLES, SAMPLE

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine")]
WORKSAMPLE = str(Path(sys.executable).parent / "worksample")
BATCH = 12


@pytest.fixture
def batch(tmp_path):
    """Twelve distinct submissions (the strong solution, each with its own comment)."""
    sources = []
    source = (EXAMPLES / "strong" / "inventory.py").read_text()
    for index in range(BATCH):
        folder = tmp_path / "submissions" / f"candidate-{index:02d}"
        folder.mkdir(parents=True)
        (folder / "inventory.py").write_text(f"# candidate {index}\n{source}")
        sources.append(str(folder))
    return sources


def stored(store: Path) -> int:
    if not store.exists():
        return 0
    with sqlite3.connect(store) as db:
        try:
            return db.execute("SELECT count(*) FROM results").fetchone()[0]
        except sqlite3.OperationalError:  # the grader has not created the table yet
            return 0


def start_grader(store: Path, sources, tmp_path) -> subprocess.Popen:
    return subprocess.Popen(
        [WORKSAMPLE, "grade", str(SAMPLE), *sources, "-j", "2", "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)


def wait_for_results(store: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while stored(store) < count:
        assert process.poll() is None, "the grader ended before the interruption"
        assert time.monotonic() < deadline, "no results within 60 s"
        time.sleep(0.02)


def labelled_containers(docker_engine):
    return docker_engine.containers.list(all=True, filters={"label": "worksample"})


def test_kill_9_loses_at_most_what_was_in_flight_and_a_rerun_grades_exactly_that(
        tmp_path, batch, docker_engine):
    store = tmp_path / "results.sqlite"
    grader = start_grader(store, batch, tmp_path)
    wait_for_results(store, 3, grader)
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    kept = stored(store)
    assert 3 <= kept < BATCH, "kill -9 came too late to test anything"

    rerun = subprocess.run(
        [WORKSAMPLE, "grade", str(SAMPLE), *batch, "-j", "2", "--store", str(store)],
        capture_output=True, text=True, cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    graded_now, from_store = map(int, re.search(
        r"(\d+) graded now, (\d+) already in the store", rerun.stderr).groups())
    assert (graded_now, from_store) == (BATCH - kept, kept)
    assert stored(store) == BATCH
    assert labelled_containers(docker_engine) == []  # the dead grader's leftovers were swept


def test_ctrl_c_stops_cleanly_and_keeps_what_finished(tmp_path, batch, docker_engine):
    store = tmp_path / "results.sqlite"
    grader = start_grader(store, batch, tmp_path)
    wait_for_results(store, 2, grader)
    grader.send_signal(signal.SIGINT)
    _, stderr = grader.communicate(timeout=90)
    assert grader.returncode == 130, stderr
    assert "stopping; finishing the" in stderr
    assert "run the same command again to grade the rest" in stderr
    kept = stored(store)
    assert 2 <= kept <= BATCH
    assert labelled_containers(docker_engine) == []  # removed, not left for a sweep
    assert not [p for p in os.listdir(tmp_path) if p.startswith("worksample-")]
