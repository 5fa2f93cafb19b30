"""The candidate's own time read from a submission: real zips and tars built with chosen file
times, real git repositories made with ``git``, and hostile ones (dates in 1970 and the
future, a huge history, a repository whose config and hooks would run code)."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import tarfile
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest_paths import git_at

from worksample.git_history import HistoryLimits, Read, read_history
from worksample.intake import open_submission
from worksample.working_time import (
    Found,
    chosen,
    from_commits,
    from_file_times,
    zip_times,
)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
T0 = datetime(2026, 11, 2, 14, 2, tzinfo=UTC)


@pytest.fixture
def workdir(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# --- the rules ----------------------------------------------------------------------------


def test_a_span_of_file_times_is_the_archive_time_with_its_caveat():
    found = from_file_times([_at(0), _at(60), _at(138)], "zip")
    assert found.time.source == "archive" and found.time.minutes == 138
    assert found.time.started == _at(0) and found.time.finished == _at(138)
    assert ("first to last file change in the zip: 2026-11-02 14:02 to 16:20 UTC, 3 files; "
            "a candidate can set these") == found.time.evidence


def test_times_in_1970_and_in_the_future_are_set_aside_and_said():
    epoch, future = datetime(1970, 1, 1, tzinfo=UTC), datetime(2099, 1, 1, tzinfo=UTC)
    found = from_file_times([epoch, _at(0), _at(90), future, None], "tar")
    assert found.time.minutes == 90
    assert "3 file(s) with a time before 2000, in the future or unreadable left out" \
        in found.time.evidence


@pytest.mark.parametrize("times, said", [
    ([], "no file times"),
    ([T0], "only one file carries a time"),
    ([datetime(1980, 1, 1), datetime(1980, 1, 1)], "no file carries a time"),
    ([T0] * 40, "all 40 files carry the same time"),
    ([_at(0), _at(1)], "written at once by a tool"),
    ([_at(0), _at(60 * 24 * 400)], "the times span 400 days"),
])
def test_what_cannot_be_a_working_time_is_no_time_and_a_note(times, said):
    found = from_file_times(times, "zip", now=_at(60 * 24 * 500))
    assert found.time is None and said in found.note


def test_times_in_two_zones_are_said_in_utc():
    plus_one = datetime(2026, 11, 2, 15, 2, tzinfo=timezone(timedelta(hours=1)))
    found = from_commits([(plus_one, plus_one), (_at(30), _at(30))])
    assert "2026-11-02 14:02 to 14:32 UTC" in found.time.evidence


def test_zip_local_times_say_their_zone_is_unknown():
    found = from_file_times([datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 11, 30)], "zip")
    assert found.time.minutes == 150 and "local times, zone unknown" in found.time.evidence


def test_commits_span_author_to_committer_dates():
    found = from_commits([(_at(0), _at(5)), (_at(30), _at(200))])
    assert found.time.source == "git" and found.time.minutes == 200
    assert "first to last commit: 2026-11-02 14:02 to 17:22 UTC, 2 commits" in found.time.evidence


def test_git_wins_over_the_archive_which_says_why_git_was_not_used():
    git = from_commits([(_at(0), _at(0)), (_at(10), _at(10))])
    archive = from_file_times([_at(0), _at(500)], "zip")
    assert chosen(git, archive).time == git.time
    assert chosen(Found(None, "history too large"), archive).time.evidence.endswith(
        "git history not used: history too large")
    assert chosen(Found(None, "a"), Found(None, "b")).note == "a; b"
    assert chosen(Found(None), Found(None)) == Found(None, "")


def test_commits_made_at_once_are_no_time():
    found = from_commits([(_at(0), _at(0)), (_at(0.5), _at(1))])
    assert found.time is None and "all 2 commits carry the same time" in found.note
    assert "made at once" in found.note


# --- archives -----------------------------------------------------------------------------


def _zip(path: Path, files: dict[str, datetime], unix: bool = True) -> Path:
    with zipfile.ZipFile(path, "w") as out:
        for name, when in files.items():
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            if unix:  # the "UT" extra field Info-ZIP writes: flags, then the Unix mtime
                info.extra = struct.pack("<HHBi", 0x5455, 5, 1, int(when.timestamp()))
            out.writestr(info, f"# {name}\n")
    return path


def _tar(path: Path, files: dict[str, float]) -> Path:
    with tarfile.open(path, "w:gz") as out:
        for name, mtime in files.items():
            data = f"# {name}\n".encode()
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), mtime
            out.addfile(info, io.BytesIO(data))
    return path


def test_zip_file_times_become_the_submission_time(tmp_path, workdir):
    archive = _zip(tmp_path / "alice.zip", {"alice/a.py": _at(0), "alice/b.py": _at(138)})
    submission = open_submission(archive, workdir)
    assert submission.working_time.source == "archive"
    assert submission.working_time.minutes == 138
    assert submission.working_time.started == _at(0)


def test_zip_without_unix_times_reads_its_local_times(tmp_path, workdir):
    archive = _zip(tmp_path / "bob.zip", {"a.py": _at(0), "b.py": _at(45)}, unix=False)
    submission = open_submission(archive, workdir)
    assert submission.working_time.minutes == 45
    assert submission.working_time.started.tzinfo is None


def test_a_zip_with_unix_times_for_some_files_only_reads_local_times_for_all(tmp_path,
                                                                             workdir):
    """Mixing UTC with local clock times would shift some files by the zone."""
    archive = tmp_path / "mixed.zip"
    with zipfile.ZipFile(archive, "w") as out:
        utc = zipfile.ZipInfo("a.py", date_time=(2026, 11, 2, 9, 0, 0))
        utc.extra = struct.pack("<HHBi", 0x5455, 5, 1, int(_at(0).timestamp()))
        out.writestr(utc, "a")
        out.writestr(zipfile.ZipInfo("b.py", date_time=(2026, 11, 2, 10, 30, 0)), "b")
    submission = open_submission(archive, workdir)
    assert submission.working_time.minutes == 90
    assert submission.working_time.started == datetime(2026, 11, 2, 9, 0)


def test_a_forged_zip_date_or_extra_field_reads_as_no_time():
    forged = [((2026, 0, 0, 25, 61, 0), b""), ((2026, 11, 2, 9, 0, 0), b"\x55\x54\xff\xff")]
    assert zip_times(forged) == [None, datetime(2026, 11, 2, 9, 0)]
    huge = struct.pack("<HHBi", 0x5455, 5, 1, -2**31)
    assert zip_times([((2026, 11, 2, 9, 0, 0), huge)])[0].year == 1901  # then set aside


def test_tar_times_in_1970_and_the_future_are_no_time(tmp_path, workdir):
    archive = _tar(tmp_path / "carol.tar.gz", {"a.py": 0, "b.py": 4102444800})  # 2100
    submission = open_submission(archive, workdir)
    assert submission.working_time is None
    assert "no file carries a time" in submission.working_time_note


def test_tar_times_give_the_span(tmp_path, workdir):
    archive = _tar(tmp_path / "dave.tar.gz",
                   {"a.py": _at(0).timestamp(), "b.py": _at(75).timestamp()})
    assert open_submission(archive, workdir).working_time.minutes == 75


def test_a_folder_s_file_times_are_not_read(tmp_path, workdir):
    source = tmp_path / "erin"
    source.mkdir()
    for name, minutes in (("a.py", 0), ("b.py", 120)):
        (source / name).write_text("x = 1\n")
        os.utime(source / name, (_at(minutes).timestamp(),) * 2)
    submission = open_submission(source, workdir)
    assert submission.working_time is None and submission.working_time_note == ""


# --- git ----------------------------------------------------------------------------------


def _git(repo: Path, *args: str, when: datetime | None = None) -> None:
    git_at(repo, *args, when=when or T0)


def _repository(folder: Path, commits: list[datetime]) -> Path:
    folder.mkdir(parents=True)
    _git(folder, "init", "-q", "-b", "main")
    for number, when in enumerate(commits):
        (folder / "solution.py").write_text(f"step = {number}\n")
        _git(folder, "add", "solution.py")
        _git(folder, "commit", "-q", "-m", f"step {number}", when=when)
    return folder


def _zip_folder(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}",
                                       date_time=(2026, 11, 2, 9, 0, 0))
                out.writestr(info, path.read_bytes())
    return archive


@needs_git
def test_a_folder_s_git_history_gives_first_to_last_commit(tmp_path, workdir):
    repo = _repository(tmp_path / "frank", [_at(0), _at(40), _at(138)])
    submission = open_submission(repo, workdir)
    assert submission.working_time.source == "git"
    assert submission.working_time.minutes == 138
    assert "3 commits" in submission.working_time.evidence
    assert not (submission.root / ".git").exists()


@needs_git
def test_an_archive_s_git_history_wins_over_its_file_times(tmp_path, workdir):
    repo = _repository(tmp_path / "src" / "grace", [_at(0), _at(100)])
    archive = _zip_folder(repo, tmp_path / "grace.zip")
    submission = open_submission(archive, workdir)
    assert submission.working_time.source == "git" and submission.working_time.minutes == 100
    assert not (submission.root / ".git").exists()
    assert sorted(p.name for p in workdir.iterdir()) == [submission.extracted_to.name]


@needs_git
def test_a_single_commit_is_no_time_and_the_archive_times_say_the_rest(tmp_path, workdir):
    repo = _repository(tmp_path / "src" / "heidi", [_at(0)])
    submission = open_submission(_zip_folder(repo, tmp_path / "heidi.zip"), workdir)
    assert submission.working_time is None
    assert "the git history: only one commit carries a time" in submission.working_time_note
    assert "the zip's files" in submission.working_time_note


@needs_git
def test_commits_dated_1970_and_2099_are_set_aside(tmp_path):
    repo = _repository(tmp_path / "ivan", [datetime(1970, 1, 2, tzinfo=UTC), _at(0), _at(30),
                                           datetime(2099, 1, 1, tzinfo=UTC)])
    found = read_history(repo / ".git").found
    assert found.time.minutes == 30
    assert "2 commit(s) with a time before 2000" in found.time.evidence


@needs_git
def test_a_history_longer_than_the_cap_is_not_read(tmp_path):
    repo = _repository(tmp_path / "judy", [_at(minutes) for minutes in range(0, 50, 10)])
    found = read_history(repo / ".git", HistoryLimits(max_commits=4)).found
    assert found.time is None and "more than 4 commits" in found.note
    assert read_history(repo / ".git", HistoryLimits(max_commits=5)).found.time.minutes == 40


@needs_git
def test_a_huge_history_is_refused_by_its_size_not_read(tmp_path):
    repo = _repository(tmp_path / "ken", [_at(0), _at(30)])
    found = read_history(repo / ".git", HistoryLimits(max_files=3)).found
    assert found.time is None and "holds more than 3 files" in found.note


@needs_git
def test_a_corrupt_history_is_a_note_not_a_crash(tmp_path):
    repo = _repository(tmp_path / "leo", [_at(0), _at(30)])
    for obj in (repo / ".git" / "objects").rglob("*"):
        if obj.is_file() and obj.parent.name != "info":
            obj.chmod(0o644)
            obj.write_bytes(b"not an object")
    found = read_history(repo / ".git").found
    assert found.time is None and found.note.startswith(
        "the git history holds no commit that can be read")
    assert "objects that do not decode" in found.note


def test_a_git_file_pointing_elsewhere_is_not_followed(tmp_path):
    (tmp_path / "mia").mkdir()
    (tmp_path / "mia" / ".git").write_text("gitdir: /etc\n")
    found = read_history(tmp_path / "mia" / ".git").found
    assert found.time is None and "pointing elsewhere" in found.note


@needs_git
def test_the_history_is_read_without_git_on_the_machine(tmp_path, monkeypatch):
    """dulwich reads it: nothing is run."""
    repo = _repository(tmp_path / "ned", [_at(0), _at(25)])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert read_history(repo / ".git").found.time.minutes == 25


@needs_git
def test_a_hostile_repository_runs_nothing(tmp_path, workdir):
    """Its config sets hooks, fsmonitor, a pager, aliases for the very commands we run and an
    include; its hooks and alternates are there too. Every one would leave a marker file."""
    marker = tmp_path / "ran"
    repo = _repository(tmp_path / "src" / "olga", [_at(0), _at(50)])
    other = _repository(tmp_path / "other", [_at(-5000), _at(-4000)])
    run = f"!touch {marker}"
    git_dir = repo / ".git"
    hooks = git_dir / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in ("post-checkout", "pre-commit", "post-index-change", "reference-transaction",
                 "fsmonitor-watchman"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / hook).chmod(0o755)
    (tmp_path / "included").write_text(f"[core]\n\tpager = touch {marker}\n")
    with open(git_dir / "config", "a") as config:
        config.write(f"[core]\n\thooksPath = {hooks}\n\tfsmonitor = touch {marker}\n"
                     f"\tpager = touch {marker}\n\tsshCommand = touch {marker}\n"
                     f"[alias]\n\tlog = {run}\n\tinit = {run}\n"
                     f"[include]\n\tpath = {tmp_path / 'included'}\n"
                     f"[log]\n\tshowSignature = true\n[gpg]\n\tprogram = touch {marker}\n")
    (git_dir / "objects" / "info").mkdir(exist_ok=True)
    (git_dir / "objects" / "info" / "alternates").write_text(f"{other / '.git' / 'objects'}\n")
    (git_dir / "info").mkdir(exist_ok=True)
    (git_dir / "info" / "grafts").write_text("0" * 40 + "\n")
    subprocess.run(["git", "-C", str(repo), "status"], capture_output=True,
                   env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)})
    assert marker.exists()  # the trap works: git in the repository itself runs its config
    marker.unlink()

    by_folder = open_submission(repo, workdir)
    by_zip = open_submission(_zip_folder(repo, tmp_path / "olga.zip"), workdir)
    assert not marker.exists()
    for submission in (by_folder, by_zip):
        assert submission.working_time.source == "git"
        assert submission.working_time.minutes == 50  # the alternate's commits are not seen


def _git_named(tmp_path: Path, name: str, entries: list[tuple[str, bytes]]) -> Path:
    archive = tmp_path / name
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(zipfile.ZipInfo("a.py", (2026, 11, 2, 9, 0, 0)), "a = 1\n")
        out.writestr(zipfile.ZipInfo("b.py", (2026, 11, 2, 10, 0, 0)), "b = 1\n")
        for entry, data in entries:
            out.writestr(entry, data)
    return archive


def test_a_history_that_cannot_be_written_out_is_a_note_not_a_rejection(tmp_path, workdir):
    """A file and a folder of one name: intake skipped .git before it read histories, and
    such an archive must still be graded."""
    archive = _git_named(tmp_path, "pat.zip", [(".git/refs/heads", b"x"),
                                               (".git/refs/heads/main", b"0" * 40)])
    submission = open_submission(archive, workdir)
    assert submission.working_time.source == "archive" and submission.working_time.minutes == 60
    assert "git history not used: the archive's .git could not be written out" \
        in submission.working_time.evidence
    assert sorted(p.name for p in workdir.iterdir()) == [submission.extracted_to.name]


def test_a_corrupt_history_member_is_a_note_not_a_rejection(tmp_path, workdir):
    archive = _git_named(tmp_path, "quinn.zip", [(".git/packed-refs", b"deadbeef" * 64)])
    raw = bytearray(archive.read_bytes())
    at = raw.index(b"deadbeef" * 64)
    raw[at:at + 8] = b"corrupt!"  # the CRC no longer matches
    archive.write_bytes(bytes(raw))
    submission = open_submission(archive, workdir)
    assert "BadZipFile" in submission.working_time.evidence


def test_only_objects_and_refs_of_an_archive_s_git_are_written_out(tmp_path, workdir,
                                                                   monkeypatch):
    archive = tmp_path / "rita.tar"
    with tarfile.open(archive, "w") as out:
        for name, data in (("a.py", b"a"), (".git/config", b"[core]"), (".git/HEAD", b"ref"),
                           (".git/hooks/post-checkout", b"#!/bin/sh"),
                           (".git/info/grafts", b"0"), (".git/objects/ab/cdef", b"obj"),
                           (".git/packed-refs", b"# refs"), (".git/refs/tags/v1", b"0" * 40),
                           ("lib/.git/refs/heads/x", b"0" * 40)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo(".git/refs/heads/main")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        out.addfile(link)
    seen = {}

    def listing(git_dir, limits, starter, prefix, *graded):
        seen[git_dir.relative_to(git_dir.parent)] = sorted(
            p.relative_to(git_dir).as_posix() for p in git_dir.rglob("*") if p.is_file())
        assert not any(p.is_symlink() for p in git_dir.rglob("*"))
        return Read(Found(None), None)

    monkeypatch.setattr("worksample.intake.read_history", listing)
    submission = open_submission(archive, workdir)
    assert seen == {Path(".git"): ["HEAD", "objects/ab/cdef", "packed-refs", "refs/tags/v1"]}
    assert submission.file_count == 1  # lib/ holds only a .git: nothing of it is graded
    assert sorted(p.name for p in workdir.iterdir()) == [submission.extracted_to.name]


@needs_git
def test_a_history_of_thousands_of_commits_is_not_read_at_the_default_cap(tmp_path):
    """5,001 commits made at once by git fast-import: over the cap, said, and nothing more of
    them is listed than the cap and one."""
    repo = tmp_path / "sam"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    stream = []
    for number in range(HistoryLimits().max_commits + 1):
        stamp = int(_at(number).timestamp())
        message = f"step {number}"
        stream.append(f"commit refs/heads/main\ncommitter C <c@example.com> {stamp} +0000\n"
                      f"data {len(message)}\n{message}\n")
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], check=True,
                   input="".join(stream).encode(), capture_output=True,
                   env={"PATH": os.environ["PATH"], "HOME": str(tmp_path),
                        "GIT_CONFIG_NOSYSTEM": "1"})
    found = read_history(repo / ".git").found
    assert found.time is None and "more than 5,000 commits" in found.note


@needs_git
def test_the_time_is_read_in_the_limited_worker_that_unpacks(tmp_path, workdir):
    from worksample.workers import LimitedWorkers

    repo = _repository(tmp_path / "src" / "tess", [_at(0), _at(70)])
    archive = _zip_folder(repo, tmp_path / "tess.zip")
    with LimitedWorkers(1) as workers:
        by_zip = open_submission(archive, workdir, workers=workers)
        by_folder = open_submission(repo, workdir, workers=workers)
    assert by_zip.working_time.minutes == by_folder.working_time.minutes == 70
    assert by_zip.working_time.source == "git"
