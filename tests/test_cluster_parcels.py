"""Parcels (issue 26): what a worker rebuilds from the bytes it is sent is what intake reads
here, refusals included; no Dask and no engine needed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest_paths import EXAMPLES, SAMPLE

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


def taken_in(source: Path, work: Path):
    work.mkdir(exist_ok=True)
    return open_submission(source, work)


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
