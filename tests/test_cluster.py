"""Grading on a real Dask cluster (issue 26): a scheduler and two worker processes on the
loopback interface, started and stopped here, each worker grading with the real Docker
engine; the command runs as a hiring team runs it, as its own process, with its store here.

Each test waits on conditions (a result stored, a task running on a worker) with generous
bounds, never on a time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cluster_processes import LoopbackCluster, free_port, make_ca, wait_for
from conftest_paths import EMAIL_EXAMPLES, EMAIL_SAMPLE, EXAMPLES, SAMPLE, WORKSAMPLE, git_at
from grader_process import AS_FROM_A_TERMINAL
from hostile.archives import CASES as HOSTILE_ARCHIVES

from worksample.intake import submission_id_for

STRONG = EXAMPLES / "strong" / "inventory.py"
pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, docker_engine):
    """A scheduler and two one-thread workers, for the tests that leave them as they are."""
    made = LoopbackCluster(tmp_path_factory.mktemp("cluster"))
    try:
        made.add_worker("one")
        made.add_worker("two")
        made.wait_for_workers(2)
        yield made
    finally:
        made.stop()


@pytest.fixture
def own_cluster(tmp_path):
    """A cluster of this test's own, to break; stopped after it."""
    clusters = []

    def make(**options) -> LoopbackCluster:
        clusters.append(LoopbackCluster(tmp_path / f"cluster-{len(clusters)}", **options))
        return clusters[-1]

    yield make
    for made in clusters:
        made.stop()


def grade(*arguments: str, store: Path, wait: bool = True):
    """``worksample grade ARGUMENTS --store STORE --json`` as its own process: the finished
    process (or, with ``wait=False``, the running one, started as from a terminal so that a
    test can interrupt it)."""
    command = [WORKSAMPLE, "grade", *arguments, "--store", str(store), "--json"]
    if not wait:
        return subprocess.Popen([*AS_FROM_A_TERMINAL, *command], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, capture_output=True, text=True, timeout=900)


def results_of(done) -> dict[str, dict]:
    """The results a finished ``grade --json`` printed, by submission id."""
    return {result["submission_id"]: result for result in json.loads(done.stdout)}


def stored_rows(store: Path, worker: str | None = None) -> list[tuple]:
    """(submission id, status, score) of every row in the store's results table (of those
    graded by ``worker``, "host:pid", if given)."""
    if not store.exists():
        return []
    query = "SELECT submission_id, status, score FROM results"
    if worker is not None:
        query += " WHERE json_extract(result, '$.details.cluster_worker') = ?"
    db = sqlite3.connect(store)
    try:
        return db.execute(query, () if worker is None else (worker,)).fetchall()
    except sqlite3.OperationalError:  # the command is creating the store's tables
        return []
    finally:
        db.close()


def candidates(folder: Path, count: int) -> list[str]:
    """``count`` distinct copies of the strong coding solution (each scores 100)."""
    paths = []
    for index in range(count):
        submission = folder / f"candidate-{index:03d}"
        submission.mkdir(parents=True)
        (submission / "inventory.py").write_text(f"# candidate {index}\n{STRONG.read_text()}")
        paths.append(str(submission))
    return paths


def comparable(result: dict) -> tuple:
    return (result["status"], result["score"], result["submission_hash"], result["message"],
            result["submission_source"])


def test_a_coding_batch_on_two_workers_is_graded_and_stored_as_a_local_one(cluster, tmp_path):
    submissions = [str(path) for path in sorted(EXAMPLES.iterdir())]
    local = grade(str(SAMPLE), *submissions, store=tmp_path / "local.sqlite")
    remote = grade(str(SAMPLE), *submissions, "--cluster", cluster.address,
                   store=tmp_path / "cluster.sqlite")
    assert remote.returncode == local.returncode == 0, remote.stderr[-3000:]
    assert {k: comparable(r) for k, r in results_of(remote).items()} == \
        {k: comparable(r) for k, r in results_of(local).items()}
    assert results_of(remote)["strong"]["score"] == 100
    assert "4 new result(s) (4 graded)" in remote.stderr
    again = grade(str(SAMPLE), *submissions, "--cluster", cluster.address,
                  store=tmp_path / "cluster.sqlite")
    assert again.returncode == 0
    assert "0 new result(s), 4 already in the store" in again.stderr
    regraded = grade(str(SAMPLE), *submissions, "--regrade", "--cluster", cluster.address,
                     store=tmp_path / "cluster.sqlite")
    assert "4 new result(s) (4 graded), 0 already in the store" in regraded.stderr
    assert len(stored_rows(tmp_path / "cluster.sqlite")) == 4


def test_the_cluster_is_also_named_by_the_environment(cluster, tmp_path):
    command = [WORKSAMPLE, "grade", str(EMAIL_SAMPLE), str(EMAIL_EXAMPLES / "excellent"),
               "--store", str(tmp_path / "store.sqlite"), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "WORKSAMPLE_CLUSTER": cluster.address})
    assert done.returncode == 0, done.stderr[-3000:]
    assert results_of(done)["excellent"]["score"] == 100
    assert "Scheduler" not in done.stderr  # no Dask chatter on the command's terminal


def test_a_text_batch_on_the_cluster_is_graded_as_a_local_one(cluster, tmp_path):
    submissions = [str(path) for path in sorted(EMAIL_EXAMPLES.iterdir())]
    # the team's recorded times travel with neither: the command applies them to both
    times = tmp_path / "times.csv"
    times.write_text("submission,started,submitted\n"
                     "rude,2026-11-30T09:00:00+00:00,2026-11-30T10:30:00+00:00\n")
    local = grade(str(EMAIL_SAMPLE), *submissions, "--times", str(times),
                  store=tmp_path / "local.sqlite")
    remote = grade(str(EMAIL_SAMPLE), *submissions, "--cluster", cluster.address,
                   "--times", str(times), store=tmp_path / "cluster.sqlite")
    assert remote.returncode == local.returncode == 0, remote.stderr[-3000:]
    assert {k: comparable(r) for k, r in results_of(remote).items()} == \
        {k: comparable(r) for k, r in results_of(local).items()}
    assert len(results_of(remote)) == len(submissions) >= 6
    recorded = results_of(remote)["rude"]["working_time"]
    assert recorded["source"] == "recorded" and recorded["minutes"] == 90


def hostile_folders(folder: Path) -> list[Path]:
    """Folders and paths intake refuses that cannot be sent as an archive is."""
    with_link = folder / "folder-with-a-link"
    with_link.mkdir(parents=True)
    (with_link / "inventory.py").write_text("x = 1\n")
    (with_link / "secrets").symlink_to("/etc/passwd")
    with_fifo = folder / "folder-with-a-fifo"
    with_fifo.mkdir()
    os.mkfifo(with_fifo / "pipe")
    deep = folder / "folder-too-deep"
    (deep.joinpath(*["d"] * 40)).mkdir(parents=True)
    (deep.joinpath(*["d"] * 40) / "x.py").write_text("x = 1\n")
    link = folder / "a-link-to-a-folder"
    link.symlink_to(with_link)
    return [with_link, with_fifo, deep, link]


def test_intake_refuses_on_the_worker_what_it_refuses_locally(cluster, tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    built = [str(build(folder)) for build, _ in HOSTILE_ARCHIVES.values()]
    built += [str(path) for path in hostile_folders(folder)]
    local = grade(str(SAMPLE), *built, store=tmp_path / "local.sqlite")
    remote = grade(str(SAMPLE), *built, "--cluster", cluster.address,
                   store=tmp_path / "cluster.sqlite")
    assert remote.returncode == local.returncode == 0, remote.stderr[-3000:]
    local_results, remote_results = results_of(local), results_of(remote)
    assert set(remote_results) == set(local_results)
    for name, result in remote_results.items():
        assert result["status"] == "rejected", (name, result["message"])
        # a folder travels as a tar: intake's tar words for a special file say a little more
        assert result["message"].startswith(local_results[name]["message"]), name
        if not name.startswith("folder-"):
            assert result["message"] == local_results[name]["message"], name
    for (_, words), path in zip(HOSTILE_ARCHIVES.values(), built, strict=False):
        assert words in remote_results[submission_id_for(Path(path))]["message"]
    assert "links are not accepted" in remote_results["folder-with-a-link"]["message"]
    assert "not a regular file" in remote_results["folder-with-a-fifo"]["message"]
    assert "nested deeper than 32" in remote_results["folder-too-deep"]["message"]
    assert "symbolic link" in remote_results["a-link-to-a-folder"]["message"]


def test_a_worker_killed_during_a_batch_loses_nothing_and_stores_each_once(
        own_cluster, tmp_path, docker_engine):
    made = own_cluster()
    made.add_worker("survivor")
    victim = made.add_worker("victim")
    made.wait_for_workers(2)
    submissions = candidates(tmp_path / "batch", 16)
    store = tmp_path / "store.sqlite"
    with made.client() as client:
        pids = client.run(os.getpid)
        victim_address = next(address for address, pid in pids.items() if pid == victim.pid)
        running = grade(str(SAMPLE), *submissions, "--cluster", made.address, store=store,
                        wait=False)
        # kill it while it grades, once it has finished some (their results must be kept)
        victim_name = f"{socket.gethostname()}:{victim.pid}"
        wait_for(lambda: stored_rows(store, victim_name) and client.processing(
            workers=[victim_address])[victim_address], "a result from the victim, and a "
                                                       "task running on it")
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        graded_by_victim = stored_rows(store, victim_name)
        stored_before = len(stored_rows(store))
        stdout, stderr = running.communicate(timeout=900)
    assert stored_before < len(submissions)  # killed mid-batch
    assert running.returncode == 0, stderr[-3000:]
    results = json.loads(stdout)
    assert sorted(r["submission_id"] for r in results) == [Path(s).name for s in submissions]
    assert all(r["status"] == "graded" and r["score"] == 100 for r in results)
    rows = stored_rows(store)
    assert sorted(row[0] for row in rows) == [Path(s).name for s in submissions]  # each once
    assert all(row[1:] == ("graded", 100.0) for row in rows)
    assert graded_by_victim and stored_rows(store, victim_name) == graded_by_victim  # kept, once
    assert len(rows) - len(graded_by_victim) == len(stored_rows(
        store, f"{socket.gethostname()}:{made.processes['survivor'].pid}"))  # the rest
    from worksample.sandbox import docker as sandbox

    sandbox.sweep_orphans()  # the containers the killed worker left, as the next grader does


def test_a_worker_whose_engine_is_down_reports_errors_which_are_graded_again(
        own_cluster, cluster, tmp_path):
    down = {"DOCKER_HOST": "unix:///nonexistent.sock"}
    made = own_cluster()
    refused = made.add_worker("refused", env=down)
    assert refused.wait(timeout=300) == 2
    assert "this worker cannot grade: no Docker engine answers" in made.log("refused")
    # past the start-up check, its engine gone: a plain Dask worker with the same environment
    made.add_worker("engine-down", env=down, command=[
        str(Path(sys.executable).parent / "dask"), "worker", "--no-nanny", "--nthreads", "1",
        "--host", "127.0.0.1"])
    made.wait_for_workers(1)
    submissions = candidates(tmp_path / "batch", 3)
    store = tmp_path / "store.sqlite"
    failed = grade(str(SAMPLE), *submissions, "--retries", "1", "--cluster", made.address,
                   store=store)
    assert failed.returncode == 1, failed.stderr[-3000:]
    for result in results_of(failed).values():
        assert result["status"] == "error" and result["score"] is None
        assert "no Docker engine answers" in result["message"]
    assert "--retry-errors grades the errors again" in failed.stderr
    retried = grade(str(SAMPLE), *submissions, "--retry-errors", "--cluster", cluster.address,
                    store=store)
    assert retried.returncode == 0, retried.stderr[-3000:]
    assert all(r["status"] == "graded" and r["score"] == 100
               for r in results_of(retried).values())
    assert sorted(row[1:] for row in stored_rows(store)) == [("graded", 100.0)] * 3


def test_an_unreachable_scheduler_is_one_error_before_anything_is_graded(tmp_path):
    store = tmp_path / "store.sqlite"
    done = grade(str(SAMPLE), str(EXAMPLES / "strong"), "--cluster",
                 f"tcp://127.0.0.1:{free_port()}", store=store)
    assert done.returncode == 2
    assert done.stderr.startswith("worksample: error: cannot reach the Dask scheduler at tcp://")
    assert "nothing was graded" in done.stderr and "Traceback" not in done.stderr
    assert not store.exists()


def test_a_worker_of_another_version_is_refused_with_the_reason(own_cluster, tmp_path):
    made = own_cluster()
    other = tmp_path / "other_version.py"
    other.write_text("import worksample\nworksample.__version__ = '0.0.1-other'\n")
    made.add_worker("older", command=[
        str(Path(sys.executable).parent / "dask"), "worker", "--no-nanny", "--nthreads", "1",
        "--host", "127.0.0.1", "--preload", str(other)])
    made.wait_for_workers(1)
    done = grade(str(EMAIL_SAMPLE), str(EMAIL_EXAMPLES / "excellent"), "--cluster",
                 made.address, store=tmp_path / "store.sqlite")
    assert done.returncode == 2
    assert "workers of another worksample version" in done.stderr
    assert "runs 0.0.1-other" in done.stderr and "nothing was graded" in done.stderr


def test_ctrl_c_cancels_the_cluster_work_and_keeps_what_finished(cluster, tmp_path):
    submissions = candidates(tmp_path / "batch", 20)
    store = tmp_path / "store.sqlite"
    running = grade(str(SAMPLE), *submissions, "--cluster", cluster.address, store=store,
                    wait=False)
    wait_for(lambda: len(stored_rows(store)) >= 2, "two results stored")
    running.send_signal(signal.SIGINT)
    _, stderr = running.communicate(timeout=600)
    assert running.returncode == 130, stderr[-3000:]
    assert "run the same command again to grade the rest" in stderr
    kept = stored_rows(store)
    assert 2 <= len(kept) < len(submissions)
    with cluster.client() as client:  # nothing of the batch goes on running on the cluster
        wait_for(lambda: not any(client.processing().values()), "the cluster to be idle")
    rest = grade(str(SAMPLE), *submissions, "--cluster", cluster.address, store=store)
    assert rest.returncode == 0, rest.stderr[-3000:]
    assert f"{len(submissions) - len(kept)} new result(s)" in rest.stderr
    assert sorted(row[0] for row in stored_rows(store)) == [Path(s).name for s in submissions]


def test_tls_cluster(own_cluster, tmp_path, docker_engine):
    files = make_ca(tmp_path / "tls")
    made = own_cluster(tls=files)
    assert made.address.startswith("tls://")
    made.add_worker("secure")
    made.wait_for_workers(1)
    tls = ["--tls-ca-file", str(files["ca"]), "--tls-cert", str(files["cert"]),
           "--tls-key", str(files["key"])]
    done = grade(str(EMAIL_SAMPLE), str(EMAIL_EXAMPLES / "excellent"), "--cluster",
                 made.address, *tls, store=tmp_path / "store.sqlite")
    assert done.returncode == 0, done.stderr[-3000:]
    assert results_of(done)["excellent"]["score"] == 100
    without = grade(str(EMAIL_SAMPLE), str(EMAIL_EXAMPLES / "excellent"), "--cluster",
                    made.address, store=tmp_path / "without.sqlite")
    assert without.returncode == 2 and "give --tls-ca-file, --tls-cert and --tls-key" in \
        without.stderr
    plain = grade(str(EMAIL_SAMPLE), str(EMAIL_EXAMPLES / "excellent"), "--cluster",
                  made.address.replace("tls://", "tcp://"), store=tmp_path / "plain.sqlite")
    assert plain.returncode == 2 and "cannot reach the Dask scheduler" in plain.stderr
    assert not (tmp_path / "plain.sqlite").exists()


def test_without_a_cluster_dask_is_never_imported(tmp_path):
    for arguments in (["--help"], ["grade", str(EMAIL_SAMPLE), str(EMAIL_EXAMPLES / "excellent"),
                                   "--store", str(tmp_path / "store.sqlite")]):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "worksample",
                               *arguments], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        imported = {line.split("|")[-1].strip().split(".")[0]
                    for line in done.stderr.splitlines() if line.startswith("import time:")}
        assert not imported & {"dask", "distributed", "tornado"}, arguments


def test_a_text_batch_goes_a_few_submissions_to_a_task_each_stored_once(cluster, tmp_path):
    submissions = []
    for index in range(21):  # three tasks' worth, the last one short
        folder = tmp_path / "batch" / f"candidate-{index:02d}"
        shutil.copytree(EMAIL_EXAMPLES / "excellent", folder)
        for reply in folder.iterdir():
            reply.write_text(reply.read_text() + f"\nRef {index:02d}\n")
        submissions.append(str(folder))
    store = tmp_path / "store.sqlite"
    done = grade(str(EMAIL_SAMPLE), *submissions, "--cluster", cluster.address, store=store)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "21 new result(s) (21 graded)" in done.stderr
    assert sorted(row[0] for row in stored_rows(store)) == [Path(s).name for s in submissions]
    again = grade(str(EMAIL_SAMPLE), *submissions, "--cluster", cluster.address, store=store)
    assert "0 new result(s), 21 already in the store" in again.stderr


def test_a_scheduler_lost_during_a_batch_is_one_error_and_keeps_what_came_back(
        own_cluster, tmp_path, docker_engine):
    made = own_cluster()
    made.add_worker("one")
    made.wait_for_workers(1)
    submissions = candidates(tmp_path / "batch", 12)
    store = tmp_path / "store.sqlite"
    running = grade(str(SAMPLE), *submissions, "--cluster", made.address, store=store,
                    wait=False)
    wait_for(lambda: len(stored_rows(store)) >= 2, "two results stored")
    made.processes["scheduler"].kill()
    _, stderr = running.communicate(timeout=600)
    assert running.returncode == 2, stderr[-3000:]
    assert stderr.strip().startswith("worksample: error: lost the Dask scheduler at tcp://")
    assert "Traceback" not in stderr and "run the same command again" in stderr
    kept = stored_rows(store)
    assert f"the {len(kept)} result(s) that came back are kept" in stderr
    assert all(row[1:] == ("graded", 100.0) for row in kept)  # none stored for those in flight
    from worksample.sandbox import docker as sandbox

    made.stop()  # the worker ends; the containers it kept stopped are its own to remove
    sandbox.sweep_orphans()


def test_a_worker_started_as_the_readme_says_grades_text_and_code(own_cluster, tmp_path):
    """`worksample worker SCHEDULER` with its defaults runs its Dask worker under a nanny,
    as a daemonic process, which may not start the limited worker processes intake and text
    grading use; the worker turns Dask's daemon switch off (without it every submission was
    an error: 'daemonic processes are not allowed to have children')."""
    from cluster_processes import BIN

    made = own_cluster()
    folder = tmp_path / "readme-worker"
    folder.mkdir()
    made.add_worker("readme", command=[str(BIN / "worksample"), "worker", "--host",
                                       "127.0.0.1", "--local-directory", str(folder)])
    made.wait_for_workers(1)
    for sample, examples in ((EMAIL_SAMPLE, EMAIL_EXAMPLES), (SAMPLE, EXAMPLES)):
        done = grade(str(sample), *map(str, sorted(examples.iterdir())), "--cluster",
                     made.address, store=tmp_path / "store.sqlite")
        assert done.returncode == 0, done.stderr[-3000:]
        assert {r["status"] for r in results_of(done).values()} == {"graded"}


def _replies_in_git(folder: Path, loose_objects: int = 0) -> Path:
    """The excellent replies, committed in a repository of their own; with ``loose_objects``
    more blobs written loose (a history larger than a zip of the work could carry)."""
    shutil.copytree(EMAIL_EXAMPLES / "excellent", folder)
    for arguments in (("init", "-q", "-b", "main"), ("add", "-A"),
                      ("commit", "-q", "-m", "replies")):
        git_at(folder, *arguments, when=datetime(2026, 11, 2, 14, tzinfo=UTC))
    if loose_objects:
        blobs = folder / "blobs"
        blobs.mkdir()
        for index in range(loose_objects):
            (blobs / f"{index}.txt").write_text(f"blob {index}\n")
        subprocess.run(["git", "hash-object", "-w", "--stdin-paths"], cwd=folder, check=True,
                       input="\n".join(str(p) for p in sorted(blobs.iterdir())), text=True,
                       capture_output=True)
        shutil.rmtree(blobs)
    return folder


def test_a_folders_git_history_is_read_on_the_worker_as_here(cluster, tmp_path):
    """A folder's .git travels with it (issue 25); one past the archive budgets stays behind,
    and its result says so where the history would be."""
    small = _replies_in_git(tmp_path / "sent" / "small")
    large = _replies_in_git(tmp_path / "sent" / "large", loose_objects=8_100)
    local = grade(str(EMAIL_SAMPLE), str(small), str(large), store=tmp_path / "local.sqlite")
    remote = grade(str(EMAIL_SAMPLE), str(small), str(large), "--cluster", cluster.address,
                   store=tmp_path / "cluster.sqlite")
    assert remote.returncode == local.returncode == 0, remote.stderr[-3000:]
    here, there = results_of(local), results_of(remote)
    assert there["small"]["git_history"] == here["small"]["git_history"]
    assert there["small"]["git_history"]["read"] and there["small"]["git_history"]["commits"] == 1
    assert here["large"]["git_history"]["read"]
    assert there["large"]["git_history"]["read"] is False
    assert "was not sent to the cluster's worker" in there["large"]["git_history"]["note"]
    assert comparable(there["large"]) == comparable(here["large"])  # graded all the same
