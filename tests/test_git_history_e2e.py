"""The git history end to end, as a team runs it: ``worksample grade`` on submissions sent as
a folder with its ``.git`` and as a git bundle (the email sample: no sandbox needed), then
``worksample report`` in HTML, Markdown and JSON: the history near the time note, the line in
the summary, the interview question, nothing of it on the candidate's own report; and hostile
histories graded with a note, never an exception."""

from __future__ import annotations

import hashlib
import json
import shutil
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest_paths import EMAIL_EXAMPLES, EMAIL_SAMPLE, git_at, graded_by_id, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REPLIES = (EMAIL_EXAMPLES / "adequate.md").read_text()


def _git(repo: Path, *args: str, minutes: float = 0) -> None:
    git_at(repo, *args, when=T0 + timedelta(minutes=minutes))


def _replies_repository(folder: Path) -> Path:
    """Replies written over 40 minutes: a draft of the first reply, then all of them at once
    with a message that would be markup if it were obeyed."""
    folder.mkdir(parents=True)
    _git(folder, "init", "-q", "-b", "main")
    (folder / "replies.md").write_text(REPLIES[:REPLIES.index("\n## ", 10)])
    _git(folder, "add", "replies.md")
    _git(folder, "commit", "-q", "-m", "draft the first reply")
    (folder / "replies.md").write_text(REPLIES)
    _git(folder, "commit", "-q", "-am", "All replies <script>alert(1)</script> [x](http://e)",
         minutes=40)
    return folder


def _varint(number: int) -> bytes:
    out = bytearray()
    while number > 0x7F:
        out.append(0x80 | number & 0x7F)
        number >>= 7
    return bytes(out + bytes([number]))


def _entry(type_num: int, size: int) -> bytes:
    """A pack entry's header: its type and the size of what it inflates to."""
    out = bytearray([type_num << 4 | size & 15 | (0x80 if size >> 4 else 0)])
    return bytes(out) + (_varint(size >> 4) if size >> 4 else b"")


def _delta_bomb(repo: Path) -> None:
    """A 16 MiB blob and a 900 MiB delta on it whose source size is written over-long (12
    bytes): the budget once read its result as 0 bytes, and dulwich, under the worker's
    memory limit, panicked (a BaseException nothing caught: the submission was an
    ``error``)."""
    base = b"A" * (16 << 20)
    source = bytes([0x80, 0x80, 0x80, 0x88] + [0x80] * 7 + [0])  # 16 MiB in 12 bytes
    result = 900 << 20
    delta = (source + _varint(result) + bytes([0xF0, 0, 0, 0xFF]) * (result // 0xFF0000)
             + bytes([0xF0, *(result % 0xFF0000).to_bytes(3, "little")]))
    body = (b"PACK\0\0\0\x02\0\0\0\x02" + _entry(3, len(base)) + zlib.compress(base, 9)
            + _entry(7, len(delta)) + hashlib.sha1(b"blob %d\0" % len(base) + base).digest()
            + zlib.compress(delta, 9))
    (repo / ".git" / "objects" / "pack" / "pack-delta.pack").write_bytes(
        body + hashlib.sha1(body).digest())


def _wide_tree(repo: Path, entries: int = 60_000) -> None:
    """A branch whose commit's one tree lists ``entries`` names (1.6 million, 4.5 MB packed,
    once took dulwich past the worker's 1 GB: the submission was an ``error``)."""
    blob = b"hello\n"
    blob_id = hashlib.sha1(b"blob %d\0" % len(blob) + blob).digest()
    tree = b"".join(b"100644 f%07d\0" % n + blob_id for n in range(entries))
    tree_id = hashlib.sha1(b"tree %d\0" % len(tree) + tree).hexdigest().encode()
    commit = (b"tree " + tree_id + b"\nauthor C <c@x> 1793700000 +0000\ncommitter C <c@x> "
              b"1793700000 +0000\n\nwide\n")
    body = b"PACK\0\0\0\x02\0\0\0\x03"
    for type_num, data in ((3, blob), (2, tree), (1, commit)):
        body += _entry(type_num, len(data)) + zlib.compress(data)
    (repo / ".git" / "objects" / "pack" / "pack-wide.pack").write_bytes(
        body + hashlib.sha1(body).digest())
    (repo / ".git" / "refs" / "heads" / "wide").write_text(
        hashlib.sha1(b"commit %d\0" % len(commit) + commit).hexdigest() + "\n")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Seven submissions graded into one store and reported for the hiring manager and for
    the candidate: {name: result}, and the report folders."""
    root = tmp_path_factory.mktemp("history")
    submissions = root / "submissions"
    _replies_repository(submissions / "folder")
    bundled = _replies_repository(root / "source" / "bundled")
    _git(bundled, "bundle", "create", str(submissions / "bundled.bundle"), "--all")
    bomb = _replies_repository(submissions / "bomb")
    (bomb / ".git" / "objects" / "pack" / "pack-bomb.pack").write_bytes(
        b"PACK\0\0\0\x02\0\0\0\x01" + bytes([0xB0, 0x80, 0x80, 0x80, 0x20])
        + zlib.compress(bytes(64 << 20)) + bytes(20))  # declares 1 GiB
    _delta_bomb(_replies_repository(submissions / "deltabomb"))
    _wide_tree(_replies_repository(submissions / "wide"))
    (submissions / "not-a.bundle").write_text(REPLIES)
    looping = _replies_repository(submissions / "looping")
    (looping / ".git" / "HEAD").write_text("ref: ../../../etc/passwd\n")
    (looping / ".git" / "refs" / "heads" / "x").symlink_to("/etc/passwd")
    store = root / "results.sqlite"
    results = graded_by_id(EMAIL_SAMPLE, *sorted(submissions.iterdir()), "--store", store)
    reports = {}
    for audience in ("hiring-manager", "candidate"):
        out = root / f"report-{audience}"
        done = run_cli("report", EMAIL_SAMPLE, "--store", store, "--out", out, "--audience",
                       audience, "--format", "html", "--format", "md", "--format", "json")
        assert done.exit_code == 0, done.output
        reports[audience] = out / "candidates"
    return results, reports


def test_a_folder_s_git_history_is_in_its_result(graded):
    results, _ = graded
    history = results["folder"]["git_history"]
    assert results["folder"]["status"] == "graded"
    assert history["source"] == "git folder" and history["read"] is True
    assert history["commits"] == 2 and history["span_minutes"] == 40
    assert history["first_is_starter"] is None  # the email type has no starter
    assert [c["subject"] for c in history["log"]] == [
        "draft the first reply", "All replies <script>alert(1)</script> [x](http://e)"]
    assert history["largest"]["subject"].startswith("All replies")
    assert 0.6 < history["largest_share"] < 1
    assert results["folder"]["working_time"]["source"] == "git"


def test_a_bundle_is_graded_on_its_files_as_the_folder_is(graded):
    results, _ = graded
    bundled, folder = results["bundled"], results["folder"]
    assert bundled["status"] == "graded" and bundled["score"] == folder["score"]
    assert bundled["git_history"]["source"] == "bundle"
    assert bundled["git_history"]["commits"] == 2
    assert bundled["git_history"]["largest_share"] == folder["git_history"]["largest_share"]


@pytest.mark.parametrize("name, said", [
    ("bomb", "a pack entry declares 1,073,741,824 bytes, more than 50 MiB (a zlib bomb?); "
             "not read"),
    ("not-a", "not-a.bundle cannot be read as a git bundle (it is not a git bundle"),
    ("deltabomb", "deltas whose sizes do not read or do not match their base (1)"),
    ("wide", "a tree lists more than 50,000 entries; not read"),
])
def test_hostile_histories_are_graded_with_a_note(graded, name, said):
    """The bomb's replies are graded as sent; what is not a bundle is graded as the file it
    is (the email type finds no reply in it)."""
    results, _ = graded
    assert results[name]["status"] == "graded"
    if name in ("bomb", "deltabomb", "wide"):
        assert results[name]["score"] == results["folder"]["score"]
    assert results[name]["git_history"]["read"] is (name == "deltabomb")
    assert said in results[name]["git_history"]["note"]


def test_a_ref_pointing_outside_and_a_link_are_set_aside(graded):
    results, _ = graded
    history = results["looping"]["git_history"]
    assert history["read"] is True and history["commits"] == 2
    assert "refs with a name git would not accept (pointing outside?) (1)" in history["note"]
    assert "links in the .git, not followed (1)" in history["note"]


def test_the_page_shows_the_history_near_the_time_note_in_every_format(graded):
    _, reports = graded
    folder = reports["hiring-manager"]
    html = (folder / "folder.html").read_text()
    assert html.index('id="working-time"') < html.index('id="git-history"') \
        < html.index('id="summary"')
    assert "How the work was done</strong> (a .git folder)" in html
    assert "2 commits from 2026-11-02 09:00 to 09:40 UTC: 40 min, within the budget" in html
    assert "All replies &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "a conversation starter, not proof" in html
    markdown = (folder / "folder.md").read_text()
    assert "How the work was done (a .git folder): 2 commits" in markdown
    assert "All replies \\<script\\>alert(1)\\</script\\> \\[x\\](http://e)" in markdown
    page = json.loads((folder / "folder.json").read_text())["candidate"]
    assert page["history"]["read"] is True and len(page["history"]["commits"]) == 2
    bundled = (folder / "bundled.md").read_text()
    assert "How the work was done (a git bundle)" in bundled
    assert "Not read: a pack entry declares 1,073,741,824 bytes" in (folder / "bomb.md").read_text()


def test_the_summary_and_the_guide_ask_about_it(graded):
    _, reports = graded
    markdown = (reports["hiring-manager"] / "folder.md").read_text()
    assert "How the work was done (git history): 2 commits" in markdown
    assert "the largest commit brought" in markdown
    assert "arrived in one commit, “All replies" in markdown
    assert "walk us through how you built it, in the order you wrote it." in markdown


def test_the_candidate_s_own_report_says_nothing_of_it(graded):
    _, reports = graded
    for page in reports["candidate"].iterdir():
        text = page.read_text()
        assert "How the work was done" not in text and "commit" not in text.lower(), page


@pytest.mark.docker
def test_the_samples_histories_show_in_the_demo_without_changing_their_scores(
        tmp_path, docker_engine):
    """inventory-reservations' strong and partial carry a bundle beside their files (as the
    demo grades them): the history is on their pages and in the guide, the scores are the
    ones examples/README.md gives."""
    from conftest_paths import EXAMPLES, SAMPLE

    store = tmp_path / "results.sqlite"
    results = graded_by_id(SAMPLE, EXAMPLES / "strong", EXAMPLES / "partial", "--store", store)
    assert results["strong"]["score"] == 100 and round(results["partial"]["score"]) == 57
    strong, partial = results["strong"]["git_history"], results["partial"]["git_history"]
    assert strong["source"] == "bundle" and strong["commits"] == 5
    assert strong["first_is_starter"] is True and strong["largest_share"] < 0.6
    assert partial["commits"] == 2 and partial["largest_share"] == 1.0
    assert results["strong"]["working_time"]["minutes"] == 122
    done = run_cli("report", SAMPLE, "--store", store, "--out", tmp_path / "report",
                   "--format", "md")
    assert done.exit_code == 0, done.output
    pages = tmp_path / "report" / "candidates"
    assert "How the work was done (a git bundle): 5 commits" in (pages / "strong.md").read_text()
    assert "Your history has a single commit of your own, holding all of the work: walk us " \
           "through how you built it" in (pages / "partial.md").read_text()
    assert "arrived in one commit" not in (pages / "strong.md").read_text()
