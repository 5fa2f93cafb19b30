"""Copied and leaked work end to end (issue 25): `worksample similarity`, `worksample leaks`
and the report's flag, side-by-side parts and question, on real replies to the support sample
graded for real (a text type: no Docker), across cohorts, and on a store written by format 6.

The coding samples' similar work, graded in the sandbox: test_report_cli.py."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest_paths import EMAIL_SAMPLE, ROOT, run_cli

from worksample.similarity.fingerprints import SCHEME
from worksample.store import STORE_FORMAT, ResultStore

POOL = ROOT / "examples" / "support-replies-pool"
FORMAT_6 = ROOT / "tests" / "stores" / "format-6.sqlite"


def disguised(text: str) -> str:
    """A reply copied and dressed up: the headers kept, the body's paragraphs in another
    order with a sentence of the copier's own after each, look-alike letters, zero-width
    spaces inside words, other case."""
    head, _, body = text.partition("\n\n")
    paragraphs = body.split("\n\n")
    greeting, rest = paragraphs[0], paragraphs[1:-1][::-1] + paragraphs[-1:]
    body = "\n\n".join([greeting] + [f"{p} Please let me know." for p in rest])
    body = body.replace("o", "\u043e").replace("e", "e\u200b").replace("ing", "ING")
    return f"{head}\n\n{body}"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Three replies of the pool, and a copy of one of them dressed up, graded into a
    store; returns (store, the folder of submissions)."""
    folder = tmp_path_factory.mktemp("similarity")
    submissions = folder / "submissions"
    for name in ("empathetic", "formal", "bulleted"):
        shutil.copytree(POOL / name, submissions / name)
    (submissions / "copycat").mkdir()
    for reply in (POOL / "empathetic").iterdir():
        (submissions / "copycat" / reply.name).write_text(disguised(reply.read_text()))
    store = folder / "results.sqlite"
    done = run_cli("grade", EMAIL_SAMPLE, *sorted(submissions.iterdir()), "--store", store)
    assert done.exit_code == 0, done.output
    return store, submissions


def copied(store: Path, to: Path) -> Path:
    """A copy of ``store`` with what its write-ahead log holds (a file copy would miss it)."""
    with sqlite3.connect(store) as source, sqlite3.connect(to) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    return to


def listed(store: Path, *options) -> dict:
    done = run_cli("similarity", EMAIL_SAMPLE, "--store", store, "--json", *options)
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_grading_keeps_the_fingerprints_and_the_command_lists_the_copy(graded):
    store, _ = graded
    with sqlite3.connect(store) as db:  # made when the batch was graded
        assert db.execute("SELECT COUNT(*) FROM fingerprints WHERE scheme = ?",
                          (SCHEME,)).fetchone()[0] == 4
    db.close()
    done = run_cli("similarity", EMAIL_SAMPLE, "--store", store)
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == ("Similar work in support-replies: 1 pair(s) with 50% or more of one "
                        "found in the other.")
    assert lines[1].startswith("Compared: 4 stored submission(s), 0 known leak(s), the "
                               "reference solution; left out: the starter")
    assert lines[2].split() == ["share", "submission", "other", "the", "other", "is", "by",
                                "runs", "by", "lines"]
    row = lines[3].split()
    assert row[1:5] == ["copycat", "empathetic", "submission", row[0]]
    assert int(row[0].rstrip("%")) >= 80 and row[5] == "-"  # prose: no lines of code
    assert "never a verdict" in lines[-1]
    as_json = listed(store)
    assert as_json["threshold"] == 0.5 and not as_json["blind"]
    [pair] = as_json["pairs"]
    assert (pair["submission"], pair["other"], pair["other_is"]) == (
        "copycat", "empathetic", "submission")
    assert pair["share"] >= 0.8 and pair["lines"] is None
    # a lower threshold lists more, each pair once, the most similar first
    lower = listed(store, "--threshold", "0.05")["pairs"]
    assert lower[0] == pair and len(lower) > 1
    assert [p["share"] for p in lower] == sorted((p["share"] for p in lower), reverse=True)


def test_a_blind_listing_names_candidates_by_the_aliases_blind_reports_use(graded, tmp_path):
    store, _ = graded
    [pair] = listed(store, "--blind")["pairs"]
    assert pair["submission"].startswith("Candidate ") and pair["other"].startswith(
        "Candidate ")
    done = run_cli("report", EMAIL_SAMPLE, "--store", store, "--blind", "--out", tmp_path,
                   "--format", "json")
    assert done.exit_code == 0, done.output
    names = {json.loads(p.read_text())["candidate"]["name"]
             for p in (tmp_path / "candidates").glob("*.json")}
    assert {pair["submission"], pair["other"]} <= names
    page = next(json.loads(p.read_text())["candidate"] for p in
                (tmp_path / "candidates").glob("*.json")
                if json.loads(p.read_text())["candidate"]["name"] == pair["submission"])
    [match] = page["similar"]["matches"]
    assert match["other"] == pair["other"]
    text = json.dumps(page)
    assert "empathetic" not in text and "copycat" not in text


def test_the_report_flags_both_and_shows_the_parts_side_by_side(graded, tmp_path):
    store, _ = graded
    done = run_cli("report", EMAIL_SAMPLE, "--store", store, "--out", tmp_path)
    assert done.exit_code == 0, done.output
    rows = {row["name"]: row for row in
            json.loads((tmp_path / "index.json").read_text())["index"]["rows"]}
    assert rows["copycat"]["flags"][0] == rows["empathetic"]["flags"][0] == "similar work"
    assert rows["copycat"]["severities"][0] == "high"
    assert "similar work" not in rows["formal"]["flags"] + rows["bulleted"]["flags"]
    page = json.loads((tmp_path / "candidates" / "copycat.json").read_text())["candidate"]
    flag = next(f for f in page["flags"] if f["kind"] == "similar work")
    assert flag["evidence"].startswith("in common: ") and "with empathetic (the share" in \
        flag["evidence"] and flag["evidence"].endswith("evidence to ask about, not a verdict")
    [match] = page["similar"]["matches"]
    assert match["other_is"] == "submission" and match["share"] >= 0.8
    fragment = match["fragments"][0]
    this, other = fragment["this"], fragment["other"]
    assert this["path"] == other["path"]  # the reply to the same email
    assert any("\u043e" in line for line in this["lines"])  # shown as the copier wrote it
    assert not any("\u043e" in line for line in other["lines"])
    # the score is unchanged by it: the copy scores what its words earn
    empathetic = json.loads((tmp_path / "candidates" / "empathetic.json").read_text())
    assert empathetic["candidate"]["score"] == rows["empathetic"]["score"]
    # the discussion guide asks about it, without naming the other candidate
    questions = [q["text"] for q in page["guide"]["hiring_manager"]]
    asked = next(q for q in questions if "what did you look up or reuse" in q)
    assert "empathetic" not in asked
    markdown = (tmp_path / "candidates" / "copycat.md").read_text()
    section = markdown[markdown.index("## Similar work"):markdown.index("## Rubric")]
    assert "### empathetic: " in section and "evidence to ask the candidate about" in section
    table = next(line for line in section.splitlines() if line.startswith("| ") and
                 ", lines " in line)
    assert table.count(" | ") == 1  # this candidate's lines beside the other's
    html = (tmp_path / "candidates" / "copycat.html").read_text()
    assert '<section id="similar">' in html and html.count('<div class="side-by-side">') >= 1
    assert '<a href="#similar">similar work</a>' in html
    # candidates are never shown it
    done = run_cli("report", EMAIL_SAMPLE, "--store", store, "--out", tmp_path / "mine",
                   "--audience", "candidate", "--submission", "copycat")
    assert done.exit_code == 0, done.output
    own = (tmp_path / "mine" / "candidates" / "copycat.md").read_text()
    assert "Similar work" not in own and "similar work" not in own


def test_known_leaks_are_added_compared_listed_and_removed(graded, tmp_path):
    store, submissions = graded
    leaks = tmp_path / "found-online"
    shutil.copytree(submissions / "formal", leaks / "gist-support-answers")
    (leaks / "broken.zip").write_bytes(b"not a zip")
    done = run_cli("leaks", "add", EMAIL_SAMPLE, leaks, "--store", store)
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == ("1 known solution(s) of support-replies kept: "
                                   "gist-support-answers")
    assert "not added" in done.stderr and "broken.zip" in done.stderr
    listing = json.loads(run_cli("leaks", "list", EMAIL_SAMPLE, "--store", store,
                                 "--json").stdout)
    assert [(leak["name"], leak["files"]) for leak in listing] == [("gist-support-answers", 3)]
    pairs = listed(store)["pairs"]
    assert {(p["submission"], p["other"], p["other_is"]) for p in pairs} == {
        ("copycat", "empathetic", "submission"),
        ("formal", "gist-support-answers", "leak")}
    report = tmp_path / "report"
    assert run_cli("report", EMAIL_SAMPLE, "--store", store, "--out", report,
                   "--format", "json").exit_code == 0
    page = json.loads((report / "candidates" / "formal.json").read_text())["candidate"]
    [match] = page["similar"]["matches"]
    assert (match["other"], match["other_is"]) == ("known leak gist-support-answers", "leak")
    assert match["fragments"]
    done = run_cli("leaks", "remove", EMAIL_SAMPLE, "gist-support-answers", "--store", store)
    assert done.exit_code == 0 and "removed gist-support-answers" in done.stdout
    assert [p["other_is"] for p in listed(store)["pairs"]] == ["submission"]
    again = run_cli("leaks", "remove", EMAIL_SAMPLE, "gist-support-answers", "--store", store)
    assert again.exit_code == 2 and "no known solution 'gist-support-answers'" in again.output
    assert "No known solutions" in run_cli("leaks", "list", EMAIL_SAMPLE, "--store",
                                           store).stdout


def test_a_later_cohort_is_compared_with_every_earlier_one(graded, tmp_path):
    """The assignment changed since the first cohort (a new version: its report shows only
    the new results); a copy sent now is still found in the work of the earlier cohort."""
    store, submissions = graded
    later_store = copied(store, tmp_path / "results.sqlite")
    changed = shutil.copytree(EMAIL_SAMPLE, tmp_path / "support-replies")
    yaml = changed / "assignment.yaml"
    yaml.write_text(yaml.read_text().replace("time_budget_minutes: 45",
                                             "time_budget_minutes: 50"))
    late = tmp_path / "late"
    shutil.copytree(submissions / "bulleted", late / "latecomer")
    done = run_cli("grade", changed, late / "latecomer", "--store", later_store)
    assert done.exit_code == 0, done.output
    pairs = listed(later_store)["pairs"]
    assert ("bulleted", "latecomer", "submission") in {
        (p["submission"], p["other"], p["other_is"]) for p in pairs}
    report = tmp_path / "report"
    done = run_cli("report", changed, "--store", later_store, "--out", report, "--format",
                   "json")
    assert done.exit_code == 0, done.output
    pages = [p.stem for p in (report / "candidates").glob("*.json")]
    assert pages == ["latecomer"]
    page = json.loads((report / "candidates" / "latecomer.json").read_text())["candidate"]
    [match] = page["similar"]["matches"]
    assert (match["other"], match["other_is"], match["share"]) == (
        "bulleted (another cohort)", "other-cohort", 1.0)


def test_a_store_of_format_6_is_migrated_and_its_kept_work_compared(tmp_path):
    """Written by format 6 (tests/stores/make_format_6.md): the work was kept, no
    fingerprints. Opening it adds the tables; the first measure makes the fingerprints from
    the kept work, and keeps them."""
    store = Path(shutil.copy(FORMAT_6, tmp_path / "format-6.sqlite"))
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 6
        before = db.execute("SELECT COUNT(*), SUM(LENGTH(result)) FROM results").fetchone()
    db.close()
    as_json = listed(store, "--threshold", "0.01")
    assert {p["submission"] for p in as_json["pairs"]} <= {"adequate.md", "excellent",
                                                           "rude"}
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == STORE_FORMAT == 7
        assert db.execute("SELECT COUNT(*), SUM(LENGTH(result)) FROM results").fetchone() \
            == before
        assert db.execute("SELECT COUNT(*) FROM fingerprints").fetchone()[0] == 3
        assert db.execute("SELECT COUNT(*) FROM leaks").fetchone()[0] == 0
    db.close()


def test_fingerprints_kept_are_dropped_when_the_work_is_kept_again(graded, tmp_path):
    store_path = copied(graded[0], tmp_path / "results.sqlite")
    store = ResultStore(store_path)
    kept = store.fingerprints("support-replies")
    assert len(kept) == 4 and all(row[0] == SCHEME for row in kept.values())
    [result] = [r for r in store.results("support-replies") if r.submission_id == "formal"]
    key = ("submission", "formal", result.submission_hash)
    work = store.work("support-replies", "formal", result.submission_hash)
    store.save(result.model_copy(update={"work": work}))  # graded again: its work replaced
    assert key not in store.fingerprints("support-replies")
    store.keep_fingerprints("support-replies", [(*key, SCHEME, b"", b"", "d", "")])
    assert store.fingerprints("support-replies")[key] == (SCHEME, b"", b"", "d", "")
    store.close()


def test_the_commands_are_listed_and_say_what_they_do():
    done = run_cli("--help")
    assert "similarity" in done.stdout and "leaks" in done.stdout
    said = run_cli("similarity", "--help").stdout
    assert "never a verdict" in said and "--threshold" in said and "--blind" in said


def test_work_whose_reading_hits_a_limit_is_said_not_compared(graded, tmp_path, monkeypatch):
    """Past 512 KB of code the fingerprints are made in the limited workers: a submission
    whose code makes the lexer pass a limit (which this fake pool says of copycat's) loses
    only its own comparison, which its page says; its chunk's others are made one by one."""
    from worksample import assignments
    from worksample.errors import SubmissionRejected
    from worksample.plugins import get_registry
    from worksample.similarity import sources
    from worksample.similarity.measure import Similarity

    class Pool:
        workers = 2

        def run(self, doing, function, chunk):
            if any("\u043e" in f.text for work in chunk for f in work.files):
                raise SubmissionRejected(f"the submission took more than 20 s of CPU {doing}")
            return function(chunk)

    monkeypatch.setattr(sources, "PARALLEL_FROM_BYTES", -1)
    store = ResultStore(copied(graded[0], tmp_path / "results.sqlite"))
    with sqlite3.connect(store.path) as db:
        db.execute("DELETE FROM fingerprints")
    db.close()
    assignment = assignments.load(EMAIL_SAMPLE, get_registry())
    assert sources.update(assignment, store, Pool()) == 4
    kept = store.fingerprints("support-replies")
    assert sorted(name for (_, name, _), row in kept.items()
                  if row[4] == sources.LIMIT_HIT) == ["copycat"]
    measured = Similarity(assignment, store, workers=Pool())
    assert measured.pairs == []  # copycat was not compared
    [result] = [r for r in store.results("support-replies") if r.submission_id == "copycat"]
    assert measured.unread("copycat", result.submission_hash).startswith(
        "Not compared: reading this work for the measure passed the assignment's host_limits")
    assert sources.update(assignment, store, Pool()) == 0  # not tried again each time
    store.close()


def test_two_batches_sending_the_same_file_name_are_still_compared(graded, tmp_path):
    """Each candidate's `solution` graded in a batch of its own: the same submission name
    twice, which may be one candidate's work sent again or two candidates' work; the copy is
    found either way, and said to be under the same name."""
    store = copied(graded[0], tmp_path / "results.sqlite")
    first, second = tmp_path / "drive-1" / "solution", tmp_path / "drive-2" / "solution"
    shutil.copytree(POOL / "formal", first)
    shutil.copytree(POOL / "formal", second)
    (second / "late-refund.md").write_text(
        (second / "late-refund.md").read_text().replace("Dear", "Hello") + "\nThanks again.")
    for folder in (first, second):
        done = run_cli("grade", EMAIL_SAMPLE, folder, "--store", store)
        assert done.exit_code == 0, done.output
    pairs = [p for p in listed(store)["pairs"] if p["same_name"]]
    assert [(p["submission"], p["other"]) for p in pairs] == [("solution", "solution")]
    table = run_cli("similarity", EMAIL_SAMPLE, "--store", store).stdout
    assert "submission of the same name" in table
    report = tmp_path / "report"
    assert run_cli("report", EMAIL_SAMPLE, "--store", store, "--out", report,
                   "--format", "json").exit_code == 0
    pages = [json.loads(p.read_text())["candidate"] for p in
             (report / "candidates").glob("solution*.json")]
    assert len(pages) == 2
    for page in pages:
        names = [m["other"] for m in page["similar"]["matches"]]
        assert any(name.startswith("solution") and name.endswith(
            "(sent under the same file name: sent again?)") for name in names), names
