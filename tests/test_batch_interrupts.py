"""Interrupted batches on the real engine: kill -9 and Ctrl-C in the middle of grading."""

import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from conftest_paths import EXAMPLES, SAMPLE, WORKSAMPLE
from grader_process import AS_FROM_A_TERMINAL

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine")]
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
        [*AS_FROM_A_TERMINAL, WORKSAMPLE, "grade", str(SAMPLE), *sources, "-j", "2",
         "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)


def wait_for_results(store: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while stored(store) < count:
        assert process.poll() is None, "the grader ended before the interruption"
        assert time.monotonic() < deadline, "no results within 60 s"
        time.sleep(0.02)


def labelled_containers(docker_engine):
    """Sandbox containers left by graders that are gone: not this test process's (it keeps
    stopped ones from the tests that grade in-process, until it exits), nor those of graders
    other people run at the same time on this machine."""
    from worksample.sandbox.docker import OWNER_LABEL, STATE

    return [c for c in docker_engine.containers.list(all=True, filters={"label": "worksample"})
            if STATE.orphaned(c.labels.get(OWNER_LABEL, ""))]


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
        r"(\d+) new result\(s\) \(\d+ graded\), (\d+) already in the store",
        rerun.stderr).groups())
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


def _dockerd_pid() -> int | None:
    found = subprocess.run(["pidof", "dockerd"], capture_output=True, text=True).stdout.split()
    return int(found[0]) if found else None


def _engine_is_ours() -> bool:
    """The engine was started by scripts/ensure-docker.sh (so a test may stop and restart it)."""
    return os.geteuid() == 0 and _dockerd_pid() is not None and \
        Path("/var/log/worksample-dockerd.log").exists() and \
        not Path("/run/systemd/system").exists()


def test_an_engine_that_stops_mid_batch_gives_errors_never_scores(tmp_path, batch,
                                                                   docker_engine):
    if not _engine_is_ours():
        if os.environ.get("CI"):
            pytest.fail("in CI the engine must be the one scripts/ensure-docker.sh started")
        pytest.skip("stops the Docker engine: only where scripts/ensure-docker.sh started it")
    store = tmp_path / "results.sqlite"
    grader = subprocess.Popen(
        [WORKSAMPLE, "grade", str(SAMPLE), *batch, "-j", "2", "--store", str(store),
         "--retries", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=tmp_path)
    wait_for_results(store, 2, grader)
    os.kill(_dockerd_pid(), signal.SIGTERM)
    while _dockerd_pid() is not None:  # the engine stops its containers, then exits
        time.sleep(0.2)
    _, stderr = grader.communicate(timeout=120)
    restarted = subprocess.run(["bash", str(SAMPLE.parent.parent / "scripts" / "ensure-docker.sh")],
                               capture_output=True, text=True)
    assert restarted.returncode == 0, restarted.stderr

    assert grader.returncode == 1, stderr  # some submissions hit the engine's absence
    with sqlite3.connect(store) as db:
        rows = db.execute("SELECT status, score, result FROM results").fetchall()
    assert len(rows) == BATCH
    statuses = [status for status, _, _ in rows]
    assert "error" in statuses and "graded" in statuses
    for status, score, result in rows:
        if status == "graded":
            assert score == 100  # the engine's absence never cost a candidate a point
        else:
            assert status == "error" and score is None
            assert "Docker engine" in result or "no Docker engine answers" in result

    rerun = subprocess.run(
        [WORKSAMPLE, "grade", str(SAMPLE), *batch, "--store", str(store), "--retry-errors"],
        capture_output=True, text=True, cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM results WHERE status = 'graded' AND score = 100"
                          ).fetchone()[0] == BATCH
    assert labelled_containers(docker_engine) == []
