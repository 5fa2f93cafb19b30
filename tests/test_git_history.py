"""How the work was done, read from a git history: real repositories and bundles made with
git in tmp_path, and hostile ones made by hand (a zlib bomb, an object claiming a huge size,
forged parents and grafts, more commits than the cap, links and fifos in .git, refs pointing
outside, a bundle with prerequisites, a bundle that is not one). Each ends in a note and,
through intake, a submission that is graded: never an exception, never a hang."""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest_paths import git_at

from worksample.errors import SubmissionRejected
from worksample.git_history import HistoryLimits, read_history
from worksample.git_objects import object_sha
from worksample.intake import open_submission, with_history
from worksample.models import Submission

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
T0 = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
STARTER = {"inventory.py": "def reserve(item, count):\n    raise NotImplementedError\n"}


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _git(repo: Path, *args: str, when: datetime = T0, stdin: bytes | None = None) -> str:
    return git_at(repo, *args, when=when, stdin=stdin)


def _commit(repo: Path, files: dict[str, str], message: str, when: datetime) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when)


def _starter(tmp_path: Path, files: dict[str, str] = STARTER) -> Path:
    folder = tmp_path / "starter"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def _code(lines: int, tag: str = "x") -> str:
    return "".join(f"{tag}_{n} = {n}\n" for n in range(lines))


def _built(folder: Path) -> Path:
    """A take-home's history: the starter, then three commits of the candidate's, one of
    which holds most of the code."""
    folder.mkdir(parents=True)
    _git(folder, "init", "-q", "-b", "main")
    _commit(folder, STARTER, "starter", _at(0))
    _commit(folder, {"inventory.py": STARTER["inventory.py"] + _code(10, "a")}, "a first go",
            _at(20))
    _commit(folder, {"inventory.py": STARTER["inventory.py"] + _code(10, "a") + _code(70, "b"),
                     "NOTES.md": "# Notes\nHolds expire.\n"}, "ledger of holds", _at(80))
    _commit(folder, {"NOTES.md": "# Notes\nHolds expire after 15 minutes.\n"}, "notes",
            _at(95))
    return folder


@pytest.fixture
def workdir(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


# --- what a history says ----------------------------------------------------------------------


def test_a_take_home_s_history_gives_its_commits_span_starter_and_largest_commit(tmp_path):
    repo = _built(tmp_path / "alice")
    read = read_history(repo / ".git", starter=_starter(tmp_path))
    report = read.report
    assert read.found.time.minutes == 95 and read.found.time.source == "git"
    assert report.read and report.commits == 4 and report.merges == 0
    assert report.span_minutes == 95 and report.started == _at(0)
    assert report.first_is_starter is True
    assert report.starter_said == "the starter's 1 file, unchanged, and nothing else"
    assert [(c.subject, c.lines_added) for c in report.log] == [
        ("starter", 0), ("a first go", 10), ("ledger of holds", 72), ("notes", 1)]
    # the final code: 80 lines of code and 2 of notes that the starter lacks
    assert report.final_lines == 82
    assert report.largest.subject == "ledger of holds"
    assert report.largest_share == pytest.approx(72 / 82)


def test_one_commit_holding_everything_is_not_the_starter_and_brings_all_the_code(tmp_path):
    repo = tmp_path / "bob"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"inventory.py": _code(40), "extra.py": "y = 1\n"}, "done", _at(0))
    report = read_history(repo / ".git", starter=_starter(tmp_path)).report
    assert report.commits == 1 and report.first_is_starter is False
    assert report.starter_said == ("not the starter alone: it holds 0 of the starter's 1 file "
                                   "unchanged, 1 changed (inventory.py), 1 file the starter "
                                   "does not have (extra.py)")
    assert report.largest_share == 1.0 and report.final_lines == 41
    assert report.span_minutes is None and "one time is not a span" in report.span_note


def test_without_a_starter_nothing_is_compared_and_everything_is_the_candidate_s(tmp_path):
    repo = _built(tmp_path / "carol")
    report = read_history(repo / ".git").report
    assert report.first_is_starter is None
    assert report.starter_said == "not compared: the assignment has no starter files"
    assert report.log[0].lines_added == 2  # the starter's two lines, as the candidate's


def test_a_starter_committed_with_crlf_line_endings_is_still_the_starter(tmp_path):
    repo = tmp_path / "dave"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, STARTER, "starter", _at(0))
    starter = _starter(tmp_path)
    (starter / "inventory.py").write_bytes(STARTER["inventory.py"].replace("\n", "\r\n")
                                           .encode())
    assert read_history(repo / ".git", starter=starter).report.first_is_starter is True


def test_an_honest_merge_adds_nothing_of_its_own(tmp_path):
    repo = _built(tmp_path / "erin")
    _git(repo, "checkout", "-q", "-b", "side", "main~1")
    _commit(repo, {"side.py": _code(5, "s")}, "side work", _at(100))
    _git(repo, "checkout", "-q", "main")
    _git(repo, "merge", "-q", "--no-ff", "-m", "merge side", "side", when=_at(110))
    report = read_history(repo / ".git", starter=_starter(tmp_path)).report
    assert report.commits == 6 and report.merges == 1
    merge = next(c for c in report.log if c.merge)
    assert merge.subject == "merge side" and merge.lines_added == 0
    assert report.largest.subject == "ledger of holds"


def test_commit_messages_are_cut_and_their_controls_shown_not_obeyed(tmp_path):
    repo = tmp_path / "frank"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"a.py": "a = 1\n"}, "\x1b[2J\u202eevil" + "x" * 500 + "\nbody", _at(0))
    subject = read_history(repo / ".git").report.log[0].subject
    assert "\x1b" not in subject and "\u202e" not in subject and "\ufffd" in subject
    assert len(subject) == 200 and subject.endswith("…") and "body" not in subject


def test_a_packed_history_reads_as_a_loose_one(tmp_path):
    repo = _built(tmp_path / "gina")
    loose = read_history(repo / ".git").report
    _git(repo, "gc", "-q", "--aggressive")
    assert not any((repo / ".git" / "objects").glob("[0-9a-f][0-9a-f]/*"))
    packed = read_history(repo / ".git").report
    assert packed.model_dump() == loose.model_dump()


def test_a_bundle_reads_as_the_repository_it_came_from(tmp_path):
    repo = _built(tmp_path / "hank")
    _git(repo, "bundle", "create", str(tmp_path / "hank.bundle"), "--all")
    from_folder = read_history(repo / ".git", starter=_starter(tmp_path)).report
    from_bundle = read_history(tmp_path / "hank.bundle", starter=_starter(tmp_path)).report
    assert from_bundle.source == "bundle"
    assert from_bundle.model_dump(exclude={"source"}) == from_folder.model_dump(
        exclude={"source"})


# --- through intake ----------------------------------------------------------------------------


def test_a_bundle_submission_is_graded_on_its_last_commit_s_files(tmp_path, workdir):
    repo = _built(tmp_path / "ivy")
    _git(repo, "bundle", "create", str(tmp_path / "ivy.bundle"), "--all")
    submission = open_submission(tmp_path / "ivy.bundle", workdir,
                                 starter=_starter(tmp_path))
    assert submission.id == "ivy" and submission.kind == "bundle"
    assert sorted(p.name for p in submission.root.iterdir()) == ["NOTES.md", "inventory.py"]
    assert (submission.root / "NOTES.md").read_text() == "# Notes\nHolds expire after 15 " \
                                                         "minutes.\n"
    assert submission.git_history.commits == 4 and submission.git_history.first_is_starter
    assert submission.working_time.minutes == 95
    assert sorted(p.name for p in workdir.iterdir()) == [submission.extracted_to.name]


def test_a_bundle_beside_the_files_is_the_history_and_not_graded(tmp_path, workdir):
    repo = _built(tmp_path / "src" / "jack")
    _git(repo, "bundle", "create", "history.bundle", "--all")
    shutil.rmtree(repo / ".git")
    submission = open_submission(repo, workdir, starter=_starter(tmp_path))
    assert sorted(p.name for p in submission.root.iterdir()) == ["NOTES.md", "inventory.py"]
    assert submission.git_history.source == "bundle" and submission.git_history.commits == 4


def test_two_bundles_beside_the_files_are_files_and_a_note(tmp_path, workdir):
    repo = _built(tmp_path / "kim")
    for name in ("a.bundle", "b.bundle"):
        _git(repo, "bundle", "create", name, "--all")
    shutil.rmtree(repo / ".git")
    submission = open_submission(repo, workdir)
    assert "2 git bundles at the top of the submission: none was read" \
        in submission.git_history.note
    assert submission.file_count == 4


def test_a_history_above_the_graded_folder_is_read_for_that_folder(tmp_path, workdir):
    """The zip holds .git and one folder, which intake unwraps: paths are compared there."""
    repo = tmp_path / "leo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {f"app/{name}": text for name, text in STARTER.items()}, "starter", _at(0))
    _commit(repo, {"app/inventory.py": _code(30)}, "work", _at(30))
    submission = open_submission(repo, workdir, starter=_starter(tmp_path))
    assert submission.root.name == "app"
    assert submission.git_history.first_is_starter is True
    assert submission.git_history.final_lines == 30


def test_a_limit_hit_while_reading_the_history_is_a_note_and_the_work_is_kept(tmp_path,
                                                                           workdir):
    repo = _built(tmp_path / "mia")

    class Stopping:
        def run(self, doing, function, *args):
            if doing == "to read its git history":
                raise SubmissionRejected("the submission took more than 20 s of CPU "
                                         f"{doing}; it was stopped")
            return function(*args)

    submission = open_submission(repo, workdir, workers=Stopping())
    assert submission.file_count == 2 and submission.working_time is None
    assert submission.git_history.read is False
    assert submission.git_history.note.startswith("the submission took more than 20 s of CPU "
                                                  "to read its git history")
    assert "the work is graded" in submission.working_time_note


def test_without_a_history_nothing_is_read():
    submission = Submission(id="x", source=Path("x"), kind="file", root=Path("."),
                            extracted_to=Path("."), content_hash="", file_count=0,
                            total_bytes=0)
    assert with_history(submission) is submission


# --- hostile histories -------------------------------------------------------------------------


def _pack(entries: list[tuple[int, bytes, int | None]]) -> bytes:
    """A pack of (type, compressed payload, declared size) entries, written by hand."""
    out = b"PACK" + struct.pack(">II", 2, len(entries))
    for type_num, payload, size in entries:
        byte, size, header = (type_num << 4) | (size & 15), size >> 4, bytearray()
        while size:
            header.append(byte | 0x80)
            byte, size = size & 0x7F, size >> 7
        header.append(byte)
        out += bytes(header) + payload
    return out + hashlib.sha1(out).digest()


def _zeros_compressed(size: int) -> bytes:
    compressor, chunk = zlib.compressobj(9), bytes(1 << 20)
    parts = [compressor.compress(chunk) for _ in range(size >> 20)]
    return b"".join(parts) + compressor.flush()


def _with_pack(tmp_path: Path, name: str, pack: bytes) -> Path:
    repo = _built(tmp_path / name)
    (repo / ".git" / "objects" / "pack" / "pack-hostile.pack").write_bytes(pack)
    return repo


def test_a_zlib_bomb_declaring_its_size_is_refused_before_it_is_inflated(tmp_path, workdir):
    bomb = _pack([(3, _zeros_compressed(1 << 30), 1 << 30)])  # 1 GiB of zeros, ~1 MiB packed
    assert len(bomb) < 2 << 20
    repo = _with_pack(tmp_path, "nina", bomb)
    submission = open_submission(repo, workdir)
    assert submission.git_history.read is False
    assert submission.git_history.note == (
        "a pack entry declares 1,073,741,824 bytes, more than 50 MiB (a zlib bomb?); not read")
    assert submission.working_time is None and submission.file_count == 2


def test_a_zlib_bomb_lying_about_its_size_stops_at_the_size_it_declared(tmp_path):
    liar = _pack([(3, _zeros_compressed(256 << 20), 100)])
    repo = _with_pack(tmp_path, "omar", liar)
    report = read_history(repo / ".git").report
    assert report.read and report.commits == 4
    assert "packs that do not decode (1)" in report.note


def test_many_objects_inflating_past_the_budget_are_a_note(tmp_path):
    pack = _pack([(3, _zeros_compressed(8 << 20), 8 << 20)] * 5)
    repo = _with_pack(tmp_path, "pia", pack)
    report = read_history(repo / ".git", HistoryLimits(max_inflated_bytes=32 << 20)).report
    assert report.note == "the git history holds more than 32 MiB once inflated; not read"


def test_a_pack_announcing_billions_of_objects_is_refused_at_once(tmp_path):
    pack = b"PACK" + struct.pack(">II", 2, 2**32 - 1) + bytes(40)
    report = read_history(_with_pack(tmp_path, "quin", pack) / ".git").report
    assert report.note.startswith("a pack announces 4,294,967,295 objects")


def test_a_deep_delta_chain_and_a_delta_cycle_are_bounded(tmp_path):
    base = b"x" * 100
    delta = bytes([100, 100, 0x90, 100])  # sizes, then: copy 100 bytes from the base's start
    pack = b"PACK" + struct.pack(">II", 2, 41)
    pack += bytes([0x80 | 0x30 | (100 & 15), 100 >> 4]) + zlib.compress(base)
    previous = 12
    for _ in range(40):  # each an OFS_DELTA on the one before: a chain 40 deep
        here = len(pack)
        pack += bytes([0x60 | len(delta), here - previous]) + zlib.compress(delta)
        previous = here
    repo = _with_pack(tmp_path, "rex", pack + hashlib.sha1(pack).digest())
    assert read_history(repo / ".git").report.read
    deep = read_history(repo / ".git", HistoryLimits(max_delta_depth=10)).report
    assert deep.note == "a pack's delta chain is deeper than 10; not read"
    # two REF_DELTAs, each on the other: neither base ever comes
    names = [hashlib.sha1(bytes([n])).digest() for n in range(2)]
    cycle = b"PACK" + struct.pack(">II", 2, 2)
    for other in (1, 0):
        cycle += bytes([0x70 | len(delta)]) + names[other] + zlib.compress(delta)
    (repo / ".git" / "objects" / "pack" / "pack-hostile.pack").write_bytes(
        cycle + hashlib.sha1(cycle).digest())
    report = read_history(repo / ".git").report
    assert report.read and "deltas whose base the history does not hold (2)" in report.note


def test_a_loose_object_claiming_a_huge_size_is_set_aside_unread(tmp_path):
    repo = _built(tmp_path / "sam")
    huge = zlib.compress(b"blob 99999999999\0" + b"a" * 1000)
    (repo / ".git" / "objects" / "ab").mkdir(exist_ok=True)
    (repo / ".git" / "objects" / "ab" / ("c" * 38)).write_bytes(huge)
    report = read_history(repo / ".git").report
    assert report.read and report.commits == 4
    assert "objects larger than 50 MiB (1)" in report.note


def _loose(repo: Path, name: str, type_name: bytes, data: bytes) -> None:
    folder = repo / ".git" / "objects" / name[:2]
    folder.mkdir(exist_ok=True)
    (folder / name[2:]).write_bytes(zlib.compress(type_name + b" %d\0" % len(data) + data))


def test_a_parent_cycle_under_forged_names_is_set_aside(tmp_path):
    """Two commits naming each other as parent can only exist under names that are not their
    hashes: each is set aside, and the history holds nothing that reads."""
    repo = tmp_path / "tia"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    tree = object_sha(2, b"").decode()
    _loose(repo, tree, b"tree", b"")
    first, second = "1" * 40, "2" * 40
    for own, parent in ((first, second), (second, first)):
        _loose(repo, own, b"commit", (f"tree {tree}\nparent {parent}\nauthor a <a> 1793800000 "
                                      f"+0000\ncommitter a <a> 1793800000 +0000\n\nloop\n")
               .encode())
    (repo / ".git" / "refs" / "heads" / "main").write_text(first + "\n")
    report = read_history(repo / ".git").report
    assert report.read is False
    assert report.note.startswith("the git history holds no commit that can be read")
    assert "objects whose content does not match their name (2)" in report.note


def test_grafts_and_replace_refs_are_not_honoured(tmp_path):
    repo = _built(tmp_path / "uma")
    commits = _git(repo, "rev-list", "main").split()
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "grafts").write_text(commits[0] + "\n")  # "the tip is a root"
    (repo / ".git" / "refs" / "replace").mkdir()
    (repo / ".git" / "refs" / "replace" / commits[0]).write_text(commits[-1] + "\n")
    report = read_history(repo / ".git").report
    assert report.commits == 4 and report.first_is_starter is None
    assert report.log[0].subject == "starter"


def test_thousands_of_commits_over_the_cap_are_not_read(tmp_path, workdir):
    repo = tmp_path / "vic"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    stream = []
    for number in range(5_100):
        message = f"c{number}".encode()
        stream += [b"commit refs/heads/main", b"committer C <c@x> %d +0000" % (1793800000 +
                                                                              number * 60),
                   b"data %d" % len(message), message,
                   b"M 644 inline a.py", b"data %d" % len(message), message, b""]
    _git(repo, "fast-import", "--quiet", stdin=b"\n".join(stream) + b"\n")
    (repo / "a.py").write_text("c5099")
    submission = open_submission(repo, workdir)
    assert submission.git_history.note == ("the git history has more than 5,000 commits: a "
                                           "project's history, not a take-home's; not read")
    assert submission.file_count == 1


def test_links_and_fifos_in_git_are_never_followed_or_opened(tmp_path, workdir):
    repo = _built(tmp_path / "walt")
    heads = repo / ".git" / "refs" / "heads"
    (heads / "passwd").symlink_to("/etc/passwd")
    os.mkfifo(heads / "fifo")  # opening it would block for ever
    (repo / ".git" / "refs" / "tags").rmdir()
    (repo / ".git" / "refs" / "tags").symlink_to("/etc")
    report = open_submission(repo, workdir).git_history
    assert report.read and report.commits == 4
    assert "links in the .git, not followed (2)" in report.note
    assert "special files in the .git (fifos, devices), not opened (1)" in report.note
    other = _built(tmp_path / "xena")
    shutil.rmtree(other / ".git" / "objects")
    (other / ".git" / "objects").symlink_to(repo / ".git" / "objects")
    report = read_history(other / ".git").report
    assert report.read is False and "links in the .git, not followed (1)" in report.note


def test_refs_pointing_outside_are_set_aside(tmp_path):
    repo = _built(tmp_path / "yara")
    (repo / ".git" / "HEAD").write_text("ref: ../../../../etc/passwd\n")
    (repo / ".git" / "refs" / "heads" / "out").write_text("ref: /etc/shadow\n")
    with open(repo / ".git" / "packed-refs", "a") as packed:
        packed.write("0" * 40 + " ../../escape\n" + "1" * 40 + " refs/heads/..\n")
    report = read_history(repo / ".git").report
    assert report.read and report.commits == 4
    assert "refs with a name git would not accept (pointing outside?) (4)" in report.note
    missing = _built(tmp_path / "zed")
    (missing / ".git" / "refs" / "heads" / "main").write_text("f" * 40 + "\n")
    report = read_history(missing / ".git").report
    assert report.read is False and "commit(s) it names are not in it" in report.note


def test_a_bundle_with_prerequisites_is_read_as_far_as_it_goes(tmp_path, workdir):
    repo = _built(tmp_path / "abe")
    _git(repo, "bundle", "create", str(tmp_path / "abe.bundle"), "main~2..main")
    report = read_history(tmp_path / "abe.bundle", starter=_starter(tmp_path)).report
    assert report.read and report.commits == 2 and report.first_is_starter is None
    assert "the bundle needs 1 commit(s) it does not carry" in report.note
    assert "not compared with the starter" in report.starter_said
    submission = open_submission(tmp_path / "abe.bundle", workdir)
    assert submission.file_count == 2 and submission.git_history.commits == 2


def test_a_bundle_that_is_not_a_bundle_is_graded_as_the_file_it_is(tmp_path, workdir):
    for name, data in (("ben.bundle", b"print('hello')\n"),
                       ("cat.bundle", b"# v2 git bundle\n" + b"x" * 100),
                       ("dan.bundle", b"# v2 git bundle\n" + b"a" * 40 + b" refs/heads/main\n\n"
                        + _pack([(3, _zeros_compressed(1 << 30), 1 << 30)]))):
        (tmp_path / name).write_bytes(data)
        submission = open_submission(tmp_path / name, workdir)
        assert submission.file_count == 1 and (submission.root / name).exists()
        assert submission.git_history.read is False
        assert f"{name} cannot be read as a git bundle" in submission.git_history.note
    assert "it is not a git bundle" in open_submission(tmp_path / "ben.bundle",
                                                       workdir).git_history.note


def test_more_lines_than_the_budget_are_not_counted_and_the_commits_still_listed(tmp_path):
    repo = _built(tmp_path / "cleo")
    report = read_history(repo / ".git", HistoryLimits(max_lines=50)).report
    assert report.read and report.commits == 4 and report.largest is None
    assert all(commit.lines_added is None for commit in report.log)
    assert "lines not counted: more than 50 distinct lines of text (1)" in report.note


def test_more_refs_than_the_budget_are_not_read(tmp_path):
    repo = _built(tmp_path / "dora")
    for name in ("a", "b", "c", "d"):
        _git(repo, "branch", name)
    report = read_history(repo / ".git", HistoryLimits(max_refs=3)).report
    assert report.note == "the git history has more than 3 refs; not read"


# --- deltas whose header lies (a bundle of 73 KB once needed 900 MiB) -------------------------


def _varint(number: int, pad: int = 0) -> bytes:
    """A delta header's number as git writes it, or over-long: ``pad`` more bytes of
    nothing, each with its high bit set but the last."""
    out = bytearray()
    while True:
        out.append(number & 0x7F)
        number >>= 7
        if not number:
            break
        out[-1] |= 0x80
    if pad:
        out[-1] |= 0x80
        out += bytes([0x80] * (pad - 1) + [0])
    return bytes(out)


def _raw_commit(tree: bytes, parents: list[bytes] = (), when: int = 1793700000,
                message: bytes = b"work") -> bytes:
    return (b"tree %s\n" % tree + b"".join(b"parent %s\n" % p for p in parents)
            + b"author C <c@x> %d +0000\ncommitter C <c@x> %d +0000\n\n%s\n"
            % (when, when, message))


def _tree(entries: list[tuple[bytes, bytes, bytes]]) -> bytes:
    """A tree's bytes from (mode, name, hex sha) entries, sorted as git sorts them."""
    return b"".join(mode + b" " + name + b"\0" + bytes.fromhex(sha.decode())
                    for mode, name, sha in sorted(entries, key=lambda e: e[1]))


def _objects_bundle(path: Path, objects: list[tuple[int, bytes]], tip: bytes,
                    extra: bytes = b"") -> Path:
    """A bundle of whole objects (type, bytes), plus ``extra`` pack entries written by hand,
    whose main is ``tip``."""
    entries = b""
    for type_num, data in objects:
        entries += _pack([(type_num, zlib.compress(data), len(data))])[12:-20]
    count = len(objects) + extra.count(b"\x00ENTRY\x00")
    extra = extra.replace(b"\x00ENTRY\x00", b"")
    body = b"PACK" + struct.pack(">II", 2, count) + entries + extra
    path.write_bytes(b"# v2 git bundle\n" + tip + b" refs/heads/main\n\n" + body
                     + hashlib.sha1(body).digest())
    return path


def _ref_delta(base: bytes, delta: bytes) -> bytes:
    """A REF_DELTA pack entry on the blob ``base`` (marked for ``_objects_bundle``)."""
    header = _pack([(7, b"", len(delta))])[12:-20]
    return (b"\x00ENTRY\x00" + header + bytes.fromhex(object_sha(3, base).decode())
            + zlib.compress(delta))


def _small_history(tmp_path: Path, name: str, extra: bytes, base: bytes) -> Path:
    notes = b"# Notes\n"
    tree = _tree([(b"100644", b"NOTES.md", object_sha(3, notes))])
    commit = _raw_commit(object_sha(2, tree))
    return _objects_bundle(tmp_path / name, [(3, base), (3, notes), (2, tree), (1, commit)],
                           object_sha(1, commit), extra)


def _copies(size: int) -> bytes:
    """Delta instructions copying the base's first 64 KiB until ``size`` bytes are made."""
    return bytes([0x80]) * (size // 0x10000)


@pytest.mark.parametrize("pad, said", [
    (9, "deltas whose sizes do not read or do not match their base (1)"),  # 12 bytes
    (0, "a delta declares more than 50 MiB (a bomb?); not read"),
])
def test_a_delta_whose_header_lies_about_its_size_is_never_applied(tmp_path, workdir, pad,
                                                                    said):
    """A source size written over-long (12 bytes) once hid the result's 900 MiB from the
    budget: dulwich then allocated it and, under the worker's memory limit, panicked."""
    base = b"A" * 0x10000
    delta = _varint(len(base), pad) + _varint(900 << 20) + _copies(900 << 20)
    bundle = _small_history(tmp_path, f"bomb{pad}.bundle", _ref_delta(base, delta), base)
    assert bundle.stat().st_size < 100_000
    report = read_history(bundle).report
    assert said in report.note
    submission = open_submission(bundle, workdir)
    assert said in submission.git_history.note  # and the work (its files or the file) graded


def test_a_delta_for_another_base_is_set_aside(tmp_path):
    base = b"B" * 100
    delta = _varint(99) + _varint(100) + bytes([0x90, 100])  # claims a base of 99 bytes
    report = read_history(_small_history(tmp_path, "other.bundle", _ref_delta(base, delta),
                                         base)).report
    assert report.read and "deltas whose sizes do not read or do not match their base (1)" \
        in report.note


def test_an_exception_of_any_kind_while_reading_the_history_is_a_note(tmp_path, workdir):
    repo = _built(tmp_path / "pan")

    class Panicking:
        def run(self, doing, function, *args):
            if doing == "to read its git history":
                raise type("PanicException", (BaseException,), {})("pointer is null")
            return function(*args)

    submission = open_submission(repo, workdir, workers=Panicking())
    assert submission.file_count == 2 and submission.git_history.read is False
    assert submission.git_history.note == ("the git history could not be read "
                                           "(PanicException) (the git history only: the work "
                                           "is graded)")


# --- one huge tree ------------------------------------------------------------------------------


def _huge_tree(entries: int) -> tuple[list[tuple[int, bytes]], bytes]:
    """Objects of a commit whose one tree lists ``entries`` names of one blob, and its sha."""
    blob = b"hello\n"
    sha = bytes.fromhex(object_sha(3, blob).decode())
    tree = b"".join(b"100644 f%07d\0" % number + sha for number in range(entries))
    commit = _raw_commit(object_sha(2, tree), message=b"many files")
    return [(3, blob), (2, tree), (1, commit)], object_sha(1, commit)


def test_a_tree_of_too_many_entries_is_refused_before_it_is_parsed(tmp_path, workdir):
    """1.6 million entries in 4.5 MB once took the parser past the worker's 1 GB: the
    entries are counted first."""
    objects, tip = _huge_tree(60_000)
    bundle = _objects_bundle(tmp_path / "wide.bundle", objects, tip)
    said = "a tree lists more than 50,000 entries; not read"
    assert read_history(bundle).report.note == said
    submission = open_submission(bundle, workdir)  # graded as the file it is, with the note
    assert submission.file_count == 1 and said in submission.git_history.note
    repo = _built(tmp_path / "wide")  # the same tree on a branch of a .git folder
    (repo / ".git" / "objects" / "pack" / "pack-wide.pack").write_bytes(
        _objects_bundle(tmp_path / "x", objects, tip).read_bytes().split(b"\n\n", 1)[1])
    (repo / ".git" / "refs" / "heads" / "wide").write_text(tip.decode() + "\n")
    submission = open_submission(repo, workdir)
    assert submission.file_count == 2 and submission.git_history.note == said
    assert read_history(repo / ".git", HistoryLimits(max_tree_entries=100_000)).report.read


def test_a_tree_shared_by_many_commits_is_parsed_once(tmp_path, monkeypatch):
    import worksample.git_trees as module

    repo = _built(tmp_path / "shared")
    for number in range(20):
        _git(repo, "commit", "-q", "--allow-empty", "-m", f"empty {number}", when=_at(100))
    parsed = []
    real = module.parsed_object
    monkeypatch.setattr(module, "parsed_object", lambda history, sha, want: (
        parsed.append((sha, want)), real(history, sha, want))[1])
    assert read_history(repo / ".git").report.commits == 24
    trees = [sha for sha, want in parsed if want == 2]
    assert len(trees) == len(set(trees))


def test_running_out_of_memory_reading_the_history_is_a_note(tmp_path, workdir, monkeypatch):
    import worksample.git_history as module

    def exhausted(*args):
        raise MemoryError

    monkeypatch.setattr(module, "_report", exhausted)
    repo = _built(tmp_path / "full")
    submission = open_submission(repo, workdir)
    assert submission.file_count == 2 and submission.git_history.read is False
    assert submission.git_history.note == ("reading the git history needed more memory than "
                                           "it may use; not read")


# --- a big commit hiding from the largest commit's share ---------------------------------------


def test_a_file_committed_as_a_link_then_as_a_file_is_added_when_it_becomes_one(tmp_path):
    """The same blob, first under mode 120000 (counted as nothing), then 100644: once the
    flip was no change (the same sha) and the work was in no commit's lines."""
    repo = tmp_path / "flip"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, STARTER, "starter", _at(0))
    for number in range(4):
        _commit(repo, {f"small{number}.py": _code(3, f"s{number}")}, f"small {number}",
                _at(10 + number))
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=_code(200, "w").encode()).strip()
    for minutes, mode in ((30, "120000"), (40, "100644")):
        _git(repo, "update-index", "--add", "--cacheinfo", f"{mode},{blob},work.py")
        _git(repo, "commit", "-q", "-m", f"work as {mode}", when=_at(minutes))
    _git(repo, "checkout", "-q", "--", ".")
    report = read_history(repo / ".git", starter=_starter(tmp_path)).report
    assert [(c.subject, c.lines_added) for c in report.log][-2:] == [
        ("work as 120000", 0), ("work as 100644", 200)]
    assert report.largest.subject == "work as 100644"
    assert report.largest_share == pytest.approx(200 / 212)


def test_work_committed_as_a_merge_is_measured(tmp_path):
    """The work arriving in a merge commit (git merge --no-commit, then the work added) was
    "not measured": now its lines count."""
    repo = tmp_path / "merged"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, STARTER, "starter", _at(0))
    _git(repo, "checkout", "-q", "-b", "side")
    _commit(repo, {"side.py": _code(2, "s")}, "side", _at(5))
    _git(repo, "checkout", "-q", "main")
    _commit(repo, {"main.py": _code(2, "m")}, "main", _at(6))
    _git(repo, "merge", "-q", "--no-ff", "--no-commit", "side", when=_at(30))
    (repo / "inventory.py").write_text(STARTER["inventory.py"] + _code(150, "w"))
    (repo / "side.py").write_text(_code(2, "s") + _code(50, "v"))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "merge, with all the work", when=_at(30))
    report = read_history(repo / ".git", starter=_starter(tmp_path)).report
    merge = report.log[-1]
    assert merge.merge and merge.lines_added == 200
    assert report.largest == merge and report.largest_share == pytest.approx(200 / 204)


# --- a history of other files -------------------------------------------------------------------


def test_a_bundle_of_another_repository_beside_the_files_is_said_and_not_measured(tmp_path,
                                                                                    workdir):
    """The files graded are one thing, the bundle beside them a history of something else
    (careful small commits): its share and starter verdict would describe other work."""
    other = _built(tmp_path / "other")
    work = tmp_path / "src" / "sly"
    work.mkdir(parents=True)
    (work / "inventory.py").write_text(STARTER["inventory.py"] + _code(120, "z"))
    (work / "ledger.py").write_text(_code(40, "l"))
    _git(other, "bundle", "create", str(work / "history.bundle"), "--all")
    submission = open_submission(work, workdir, starter=_starter(tmp_path))
    report = submission.git_history
    assert report.read and report.commits == 4
    # its dates are another work's: not the candidate's working time
    assert submission.working_time is None and report.span_minutes is None
    assert "its last commit does not hold the files graded" in submission.working_time_note
    assert report.largest_share is None and report.largest is None
    assert report.first_is_starter is None
    assert report.starter_said == "not compared: the last commit does not hold the files graded"
    assert ("the last commit does not hold the files graded: 3 of 3 differ (NOTES.md, "
            "inventory.py, ledger.py)") in report.note


def test_work_left_out_of_the_history_differs_and_a_note_written_after_is_tolerated(
        tmp_path, workdir):
    repo = _built(tmp_path / "tom")
    (repo / "NOTES.md").write_text("# Notes\nHolds expire after 15 minutes.\nAsk about it.\n")
    (repo / "TODO.md").write_text("later\n")  # never committed: one line of 84
    report = open_submission(repo, workdir, starter=_starter(tmp_path)).git_history
    assert "1 of 3 differ (NOTES.md)" in report.note and report.largest_share is None
    (repo / "NOTES.md").write_text("# Notes\nHolds expire after 15 minutes.\n")
    report = open_submission(repo, workdir, starter=_starter(tmp_path)).git_history
    assert report.note == "1 file(s) graded that the last commit lacks (TODO.md): a few lines, " \
                          "not measured"
    assert report.largest_share == pytest.approx(72 / 82) and report.first_is_starter
    (repo / "solution.py").write_text(_code(60, "hidden"))  # the work, kept out of git
    report = open_submission(repo, workdir, starter=_starter(tmp_path)).git_history
    assert "2 of 4 differ (TODO.md, solution.py)" in report.note
    assert report.largest_share is None


def test_line_endings_and_skipped_names_are_not_differences(tmp_path, workdir):
    repo = _built(tmp_path / "uli")
    text = (repo / "inventory.py").read_bytes()
    (repo / "inventory.py").write_bytes(text.replace(b"\n", b"\r\n"))  # autocrlf's checkout
    (repo / "__pycache__").mkdir()
    (repo / "__pycache__" / "inventory.cpython-311.pyc").write_bytes(b"\0" * 100)
    report = open_submission(repo, workdir, starter=_starter(tmp_path)).git_history
    assert report.note == "" and report.largest_share == pytest.approx(72 / 82)


def test_a_bundle_with_a_submodule_is_graded_on_its_files_and_says_so(tmp_path, workdir):
    """A submodule is another repository's commit, which the bundle never carries: it once
    made the whole bundle unreadable, graded as one binary file."""
    repo = _built(tmp_path / "vera")
    for number, path in enumerate(("vendor/lib", "third_party/tool")):
        _git(repo, "update-index", "--add", "--cacheinfo", f"160000,{str(number + 1) * 40},{path}")
    _git(repo, "commit", "-q", "-m", "vendor the libraries", when=_at(100))
    _git(repo, "bundle", "create", str(tmp_path / "vera.bundle"), "--all")
    submission = open_submission(tmp_path / "vera.bundle", workdir, starter=_starter(tmp_path))
    assert sorted(p.name for p in submission.root.iterdir()) == ["NOTES.md", "inventory.py"]
    report = submission.git_history
    assert report.read and report.commits == 5
    assert report.note == ("2 submodule(s) in the last commit (third_party/tool, vendor/lib): "
                           "another repository's commit, not graded and not read")
    assert report.first_is_starter and report.largest_share == pytest.approx(72 / 82)


def test_a_decoder_s_panic_on_a_bundle_submission_grades_it_as_the_file_it_is(tmp_path,
                                                                            workdir,
                                                                            monkeypatch):
    repo = _built(tmp_path / "wes")
    _git(repo, "bundle", "create", str(tmp_path / "wes.bundle"), "--all")

    def panicking(*args):
        raise type("PanicException", (BaseException,), {})("PyObject pointer is null")

    monkeypatch.setattr("worksample.intake_kinds.final_files", panicking)
    submission = open_submission(tmp_path / "wes.bundle", workdir)
    assert submission.file_count == 1
    assert submission.git_history.note == ("wes.bundle cannot be read as a git bundle "
                                           "(PanicException); it was graded as the file it is")


def test_a_commit_naming_too_many_parents_is_refused_before_it_is_parsed(tmp_path):
    """The commit's cousin of the huge tree: 50 MiB of parent lines is a million parents."""
    notes = b"# Notes\n"
    tree = _tree([(b"100644", b"NOTES.md", object_sha(3, notes))])
    parents = [hashlib.sha1(b"%d" % n).hexdigest().encode() for n in range(150)]
    commit = _raw_commit(object_sha(2, tree), parents, message=b"parent " * 500)
    bundle = _objects_bundle(tmp_path / "many.bundle", [(3, notes), (2, tree), (1, commit)],
                             object_sha(1, commit))
    assert read_history(bundle).report.note == "a commit names more than 100 parents; not read"
    assert read_history(bundle, HistoryLimits(max_parents=200)).report.read
