import io
import os
import re
import tarfile
import zipfile

import pytest
from hostile.archives import CASES

from worksample.intake import IntakeLimits, SubmissionRejected, open_submission, submission_id_for


@pytest.fixture
def workdir(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_archive_is_refused_with_its_reason_and_nothing_written(tmp_path, workdir, case):
    build, reason = CASES[case]
    archive = build(tmp_path)
    with pytest.raises(SubmissionRejected) as raised:
        open_submission(archive, workdir)
    assert reason in str(raised.value)
    assert str(archive) in str(raised.value)
    assert list(workdir.iterdir()) == []
    assert not (tmp_path.parent / "evil.py").exists()


def test_folder_is_copied_and_hashed(tmp_path, workdir):
    source = tmp_path / "alice"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "a.py").write_text("a = 1\n")
    (source / "b.py").write_text("b = 2\n")
    (source / "__pycache__").mkdir()
    (source / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"junk")
    submission = open_submission(source, workdir)
    assert submission.kind == "folder" and submission.id == "alice"
    assert sorted(p.relative_to(submission.root).as_posix()
                  for p in submission.root.rglob("*") if p.is_file()) == ["b.py", "pkg/a.py"]
    again = open_submission(source, workdir)
    assert again.content_hash == submission.content_hash and again.root != submission.root


def test_folder_with_a_symlink_is_refused(tmp_path, workdir):
    source = tmp_path / "bob"
    source.mkdir()
    os.symlink("/etc/passwd", source / "passwd")
    with pytest.raises(SubmissionRejected, match="links are not accepted"):
        open_submission(source, workdir)


def test_zip_with_one_top_folder_is_unwrapped_and_hash_matches_the_folder(tmp_path, workdir):
    archive = tmp_path / "carol.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("carol-take-home/inventory.py", "x = 1\n")
        out.writestr("__MACOSX/._inventory.py", "junk")
    submission = open_submission(archive, workdir)
    assert submission.kind == "zip" and submission.id == "carol"
    assert [p.name for p in submission.root.iterdir()] == ["inventory.py"]
    folder = tmp_path / "carol-folder"
    folder.mkdir()
    (folder / "inventory.py").write_text("x = 1\n")
    assert open_submission(folder, workdir).content_hash == submission.content_hash


def test_tar_gz_and_single_file(tmp_path, workdir):
    archive = tmp_path / "dan.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"x = 1\n"
        info = tarfile.TarInfo("inventory.py")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert open_submission(archive, workdir).file_count == 1
    single = tmp_path / "erin.py"
    single.write_text("x = 1\n")
    submission = open_submission(single, workdir)
    assert submission.kind == "file" and (submission.root / "erin.py").is_file()


def test_limits_are_configurable(tmp_path, workdir):
    source = tmp_path / "frank"
    source.mkdir()
    for i in range(4):
        (source / f"f{i}.py").write_text("")
    with pytest.raises(SubmissionRejected, match="more than 3 files"):
        open_submission(source, workdir, IntakeLimits(max_files=3))


def test_missing_path_and_symlinked_submission(tmp_path, workdir):
    with pytest.raises(SubmissionRejected, match="no such file"):
        open_submission(tmp_path / "absent.zip", workdir)
    os.symlink(tmp_path, tmp_path / "link")
    with pytest.raises(SubmissionRejected, match="symbolic link"):
        open_submission(tmp_path / "link", workdir)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("alice.zip", "alice"), ("Bob Smith.tar.gz", "Bob-Smith"), ("../..", "submission"),
     ("x.TGZ", "x")],
)
def test_submission_ids_are_file_name_safe(tmp_path, name, expected):
    assert submission_id_for(tmp_path / name) == expected


def test_names_outside_ascii_keep_their_own_ascii_ids(tmp_path):
    """Two names that differ only in letters ASCII cannot spell get two ids, each ASCII and
    each the same on every run; accents are dropped rather than cut out of the word."""
    names = ["山田.md", "田中.md", "Müller.zip", "Muller.zip", "Mu\u0308ller.zip",
             "Ольга Петрова.tar.gz", "\udcff\udcfe.txt", "\udcfe\udcff.txt"]
    ids = [submission_id_for(tmp_path / name) for name in names]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", found) for found in ids), ids
    assert len(set(ids)) == len(ids) - 1, ids  # Müller, composed or not, is one name
    assert ids[2] == ids[4] and ids[2].startswith("Muller-") and ids[3] == "Muller"
    assert ids == [submission_id_for(tmp_path / name) for name in names]


def test_a_tar_that_tarfile_reads_differently_from_the_header_check_is_refused(
        tmp_path, monkeypatch):
    """The second line behind the header check: whatever trick makes the two disagree (here
    faked: a check that saw one member of 999 bytes), intake refuses the archive."""
    import io
    import tarfile

    import worksample.intake as intake
    import worksample.intake_kinds as kinds
    from worksample.errors import SubmissionRejected

    path = tmp_path / "plain.tar"
    with tarfile.open(path, "w") as archive:
        for name in ("a.py", "b.py"):
            info = tarfile.TarInfo(name)
            info.size = 6
            archive.addfile(info, io.BytesIO(b"x = 1\n"))
    assert intake.unpack(path, tmp_path / "ok", intake.IntakeLimits()).file_count == 2
    monkeypatch.setattr(kinds, "check_headers", lambda *args: [999])
    with pytest.raises(SubmissionRejected, match="tarfile reads this archive differently"):
        intake.unpack(path, tmp_path / "refused", intake.IntakeLimits())
    monkeypatch.setattr(kinds, "check_headers", lambda *args: [6])
    with pytest.raises(SubmissionRejected, match="members missing|reads this archive"):
        intake.unpack(path, tmp_path / "refused-too", intake.IntakeLimits())


def test_a_folder_named_near_the_file_systems_limit_is_read(tmp_path, workdir):
    # the folder it is unpacked into gets a suffix: the name must leave room for it
    source = tmp_path / ("n" * 250)
    source.mkdir()
    (source / "inventory.py").write_text("x = 1\n")
    submission = open_submission(source, workdir)
    assert submission.file_count == 1 and submission.id == "n" * 250
