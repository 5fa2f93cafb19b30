"""Parcels (issue 26): what a worker rebuilds from the bytes it is sent is what intake reads
here, refusals included; no Dask and no engine needed."""

from __future__ import annotations

import io
import os
import shutil
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest_paths import EXAMPLES, SAMPLE, git_at

from worksample.assignments import content_version
from worksample.cluster.parcels import (
    UnpackedAssignments,
    assignment_parcel,
    max_send_bytes,
    placed,
    submission_parcel,
)
from worksample.errors import SubmissionRejected
from worksample.intake import IntakeLimits, open_submission


def taken_in(source: Path, work: Path, limits: IntakeLimits | None = None):
    work.mkdir(exist_ok=True)
    return open_submission(source, work, limits)


def test_a_folder_sent_is_taken_in_as_the_same_content(tmp_path):
    parcel = submission_parcel(EXAMPLES / "strong")
    assert parcel.kind == "folder" and parcel.name == "strong"
    (tmp_path / "worker").mkdir()
    there = placed(parcel, tmp_path / "worker")
    assert there.name == "strong.tar"
    assert taken_in(there, tmp_path / "a").content_hash == \
        taken_in(EXAMPLES / "strong", tmp_path / "b").content_hash


def test_a_file_travels_as_its_own_bytes_under_its_name(tmp_path):
    source = tmp_path / "alice.zip"
    source.write_bytes(b"not really a zip")
    parcel = submission_parcel(source)
    (tmp_path / "worker").mkdir()
    there = placed(parcel, tmp_path / "worker")
    assert (parcel.kind, there.name, there.read_bytes()) == ("file", "alice.zip",
                                                               b"not really a zip")


def test_links_and_fifos_travel_as_they_are_for_intake_to_refuse(tmp_path):
    folder = tmp_path / "candidate"
    folder.mkdir()
    (folder / "a.py").write_text("x = 1\n")
    (folder / "z-link").symlink_to("/etc/passwd")
    (tmp_path / "worker").mkdir()
    with pytest.raises(SubmissionRejected, match="links are not accepted"):
        taken_in(placed(submission_parcel(folder), tmp_path / "worker"), tmp_path / "w1")
    (folder / "z-link").unlink()
    os.mkfifo(folder / "z-pipe")
    (tmp_path / "worker2").mkdir()
    with pytest.raises(SubmissionRejected, match="not a regular file"):
        taken_in(placed(submission_parcel(folder), tmp_path / "worker2"), tmp_path / "w2")


def test_a_path_that_is_a_link_is_refused_on_the_worker(tmp_path):
    link = tmp_path / "bob"
    link.symlink_to(EXAMPLES / "strong")
    parcel = submission_parcel(link)
    assert parcel.kind == "link" and parcel.data == b""
    (tmp_path / "worker").mkdir()
    with pytest.raises(SubmissionRejected, match="symbolic link"):
        taken_in(placed(parcel, tmp_path / "worker"), tmp_path / "w")


def test_packing_stops_where_intake_would_refuse(tmp_path):
    limits = IntakeLimits(max_files=3, max_depth=2)
    many = tmp_path / "many"
    many.mkdir()
    for index in range(50):
        (many / f"f{index:02d}.txt").write_text("x")
    (tmp_path / "worker").mkdir()
    with pytest.raises(SubmissionRejected, match="more than 3 files"):
        open_submission(placed(submission_parcel(many, limits), tmp_path / "worker"),
                        tmp_path, limits)
    deep = tmp_path / "deep"
    (deep / "a" / "b" / "c" / "d").mkdir(parents=True)
    with pytest.raises(SubmissionRejected, match="nested deeper than 2"):
        open_submission(placed(submission_parcel(deep, limits), tmp_path / "worker"),
                        tmp_path, limits)


def test_a_submission_too_large_to_send_is_rejected_saying_so(tmp_path):
    limits = IntakeLimits(max_bytes=1024)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (max_send_bytes(limits) + 1))
    with pytest.raises(SubmissionRejected, match="too large to send to the cluster"):
        submission_parcel(big, limits)
    folder = tmp_path / "big-folder"
    folder.mkdir()
    (folder / "big.txt").write_bytes(big.read_bytes())
    with pytest.raises(SubmissionRejected, match="too large to send to the cluster"):
        submission_parcel(folder, limits)


def test_an_assignment_is_unpacked_once_as_the_same_version(tmp_path):
    parcel = assignment_parcel(SAMPLE)
    assert assignment_parcel(SAMPLE).digest == parcel.digest  # content addressed
    unpacked = UnpackedAssignments(tmp_path)
    folder = unpacked.folder(parcel)
    assert content_version(folder) == content_version(SAMPLE)
    marker = folder / "marker"
    marker.write_text("kept")
    assert unpacked.folder(parcel) == folder and marker.exists()  # not unpacked again


# --- a folder's git history ---------------------------------------------------------------------


def _take_home(folder: Path, commits: int = 3) -> Path:
    """A small take-home repository: a few commits of the candidate's, with dates."""
    folder.mkdir(parents=True)
    git_at(folder, "init", "-q", "-b", "main")
    for number in range(commits):
        (folder / "solution.py").write_text("".join(f"line_{i} = {i}\n"
                                                    for i in range(10 * (number + 1))))
        git_at(folder, "add", "-A")
        git_at(folder, "commit", "-q", "-m", f"step {number}",
               when=datetime(2026, 11, 2, 14, tzinfo=UTC) + timedelta(minutes=20 * number))
    return folder


def _sent(source: Path, tmp_path: Path, limits: IntakeLimits | None = None):
    worker = tmp_path / "worker"
    worker.mkdir(exist_ok=True)
    parcel = submission_parcel(source, limits)
    return parcel, taken_in(placed(parcel, worker), tmp_path / "w", limits)


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_folders_git_history_travels_and_reads_as_it_does_here(tmp_path, wrapped):
    """At the top, or in the one folder intake unwraps (alice/.git): the worker reads the
    same history as a local batch (issue 25; before, a folder's .git stayed behind)."""
    top = tmp_path / "sent"
    repo = _take_home(top / "alice" if wrapped else top)
    (repo / ".git" / "hooks" / "post-checkout").write_text("#!/bin/sh\nexit 1\n")
    parcel, there = _sent(top, tmp_path)
    here = taken_in(top, tmp_path / "here")
    assert here.git_history.read and here.git_history.commits == 3
    assert there.git_history == here.git_history and not parcel.note
    assert there.working_time.minutes == here.working_time.minutes == 40
    assert there.content_hash == here.content_hash  # the history is not graded work
    with tarfile.open(fileobj=io.BytesIO(parcel.data)) as archive:
        sent = archive.getnames()
    history = [n for n in sent if "/.git/" in f"/{n}"]
    assert history and all(n.split(".git/")[1].split("/")[0] in ("objects", "refs", "HEAD")
                           for n in history)  # nothing else of it: no hooks, no config


def test_a_link_in_the_git_folder_is_not_followed(tmp_path):
    top = _take_home(tmp_path / "sent")
    secret = tmp_path / "secret.txt"
    secret.write_text("the grader's own file\n")
    os.symlink(secret, top / ".git" / "refs" / "heads" / "stolen")
    parcel, there = _sent(top, tmp_path)
    assert b"the grader's own file" not in parcel.data
    assert there.git_history.read and there.git_history.commits == 3


@pytest.mark.parametrize("kept", ["objects", "refs"])
def test_a_git_folder_that_is_a_link_is_not_walked(tmp_path, kept):
    """.git/objects or .git/refs a link to the grader's own folder: its files never travel."""
    top = _take_home(tmp_path / "sent")
    outside = tmp_path / "grader"
    outside.mkdir()
    (outside / "secret.txt").write_text("the grader's own file\n")
    shutil.rmtree(top / ".git" / kept)
    os.symlink(outside, top / ".git" / kept)
    parcel, _ = _sent(top, tmp_path)
    assert b"the grader's own file" not in parcel.data


def test_a_history_past_the_archive_budgets_stays_behind_saying_so(tmp_path):
    top = _take_home(tmp_path / "sent", commits=6)
    limits = IntakeLimits(max_files=4)  # 16 entries: the history's objects are more
    parcel, there = _sent(top, tmp_path, limits)
    assert parcel.note.startswith("the .git (") and "was not sent to the cluster's worker" \
        in parcel.note and "16 entries" in parcel.note
    assert b".git/objects" not in parcel.data
    assert there.git_history is None and there.file_count == 1  # the work is still taken in
