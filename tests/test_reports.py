"""Review reports from results built here: the guide, audiences, blind review, hostile text.

The end-to-end tests with real graded submissions and a real browser are in
test_report_cli.py; these cover the rules around them.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from worksample.errors import WorksampleError
from worksample.models import Check, CriterionScore, GradeResult, IntegrityFlag, SandboxRun, Status
from worksample.reports import (
    ReportPlan,
    build_report,
    prepare_folder,
    report_files,
    stored_results,
    write_report,
)
from worksample.reports.guide import band
from worksample.reports.redact import Redactor, alias_for, name_tokens
from worksample.reports.script import cohort_script
from worksample.safe_text import visible
from worksample.store import ResultStore

HIDDEN = ["test_reservations.py::test_reserve_is_all_or_nothing",
          "test_expiry.py::test_hold_expired_at_deadline",
          "test_expiry.py::test_expire_returns_sorted_order_ids"]


def result_for(assignment, name: str, fraction: float, *, failed=(), message="",
               status=Status.GRADED, flags=(), ended="completed",
               evidence_extra=(), source=None) -> GradeResult:
    """A result as the coding plugin and the core would store it, built by hand."""
    correctness = assignment.criterion("correctness")
    checks = [Check(id=t, kind="test", outcome="failed" if t in failed else "passed",
                    message=message if t in failed else "", criterion="correctness")
              for t in HIDDEN]
    specifics = {"failed_test": failed[0]} if failed else {}
    criteria = [] if status != Status.GRADED else [
        CriterionScore(id="correctness", title=correctness.title, source="auto",
                       max_points=60, points=round(60 * fraction, 2),
                       level=1 if fraction < .4 else 2 if fraction < .7 else 3
                       if fraction < .9 else 4,
                       evidence=[f"failed: {t}: {message}" for t in failed]
                       + list(evidence_extra),
                       feedback=[f"{len(HIDDEN) - len(failed)} of {len(HIDDEN)} hidden tests "
                                 "passed."],
                       specifics=specifics)] + [
        CriterionScore(id=c.id, title=c.title, source="reviewer", max_points=c.weight,
                       points=None) for c in assignment.spec.rubric if c.source == "reviewer"]
    score = round(100 * fraction, 2) if status == Status.GRADED else None
    return GradeResult(
        worksample_version="test", submission_id=name,
        submission_source=source or f"/submissions/{name}.zip",
        submission_hash=f"hash-{name}", assignment_id=assignment.id,
        assignment_version=assignment.version, assignment_type="coding", status=status,
        score=score, passed=None if score is None else score >= 70, message=message
        if status != Status.GRADED else "",
        criteria=criteria, checks=checks if status == Status.GRADED else [],
        flags=[IntegrityFlag(kind=kind, evidence=f"evidence of {kind}") for kind in flags],
        run=SandboxRun(image="img", image_id="sha256:1", ended=ended, exit_code=0, seconds=1.5)
        if status == Status.GRADED else None)


def all_text(folder: Path) -> str:
    """Every file of a written report, and every file name, as one text."""
    parts = []
    for path in sorted(folder.rglob("*")):
        parts.append(path.name)
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


# --- the discussion guide --------------------------------------------------------------------

def test_questions_follow_the_evidence_then_the_result_band(sample):
    weak = result_for(sample, "wanda", 0.5, failed=[HIDDEN[0]], message="boom")
    strong = result_for(sample, "sam", 1.0)
    report = build_report(sample, [weak, strong])
    pages = {page.name: page for page in report.pages}

    manager = pages["wanda"].guide.hiring_manager
    correctness = [q for q in manager if q.criterion_id == "correctness"]
    # the failed test's group is probed in plain words, then the bank's probe that names no
    # test (the one naming {failed_test} asks about the same evidence: left out)
    assert [q.kind for q in correctness] == ["probe", "probe", "what-if"]
    assert correctness[0].text == ("One of our hidden tests on reservations failed: reserve is all "
                                   "or nothing. Walk us through how your code handles "
                                   "reservations.")
    assert "test_reservations.py" not in " ".join(q.text for q in manager)
    strong_kinds = [q.kind for q in pages["sam"].guide.hiring_manager
                    if q.criterion_id == "correctness"]
    assert strong_kinds == ["confirm", "what-if"]
    # reviewer criteria not rated yet: one neutral question each, not the pair of both bands
    design = [q.kind for q in manager if q.criterion_id == "design"]
    assert design == ["neutral"]
    # the HR criterion's questions go to HR, and only there
    assert {q.criterion_id for q in pages["wanda"].guide.hr} == {"ownership"}
    assert "ownership" not in {q.criterion_id for q in manager}


def test_two_candidates_with_the_same_result_are_asked_the_same_things(sample):
    first = result_for(sample, "first", 0.5, failed=[HIDDEN[1]], message="x")
    second = result_for(sample, "second", 0.5, failed=[HIDDEN[2]], message="y")
    one, two = build_report(sample, [first, second]).pages
    asked = [q.text.replace("hold expired at deadline", "TEST")
             for q in one.guide.hiring_manager + one.guide.hr]
    also = [q.text.replace("expire returns sorted order ids", "TEST")
            for q in two.guide.hiring_manager + two.guide.hr]
    assert asked == also
    assert band(1) == band(2) == "weak" and band(3) == band(4) == "strong"
    assert band(None) == "unrated"


def test_a_question_whose_specifics_are_missing_is_left_out_not_half_filled(sample):
    # level 2 but no test name known (e.g. every test stopped by the wall clock)
    result = result_for(sample, "t", 0.5)
    result.criteria[0].level = 2
    page = build_report(sample, [result]).pages[0]
    texts = [q.text for q in page.guide.hiring_manager]
    assert not any("{" in text for text in texts)
    assert "How would you have caught these cases before sending the work?" in texts


def test_criteria_without_a_question_bank_get_standard_questions(sample):
    sample.spec.discussion.clear()
    page = build_report(sample, [result_for(sample, "t", 0.2, failed=[HIDDEN[0]])]).pages[0]
    probes = [q for q in page.guide.hiring_manager if q.criterion_id == "correctness"]
    assert [q.text for q in probes][1:] == [
        "What would you change first about correctness against the hidden tests in this "
        "work, with another day, and why?"]


def test_the_candidate_questions_are_answered_from_the_assignment(sample):
    page = build_report(sample, [result_for(sample, "t", 1.0)]).pages[0]
    answers = {qa.question: qa.answer for qa in page.candidate_questions}
    assert answers["Which tools does the team use?"].startswith("Python 3.12, FastAPI")
    # how it was assessed, never the pass mark or a score
    assert "Correctness against the hidden tests" in answers["How was my assignment assessed?"]
    assert "70" not in answers["How was my assignment assessed?"]
    assert "How are decisions like the expiry strategy made on the team?" in answers
    assert "within five working days" in answers["What happens next, and when will I hear?"]


# --- audiences -------------------------------------------------------------------------------

def test_the_candidate_version_holds_no_hidden_test_names_notes_or_guide(sample, tmp_path):
    results = [result_for(sample, "wanda", 0.3, failed=HIDDEN[:2], message="assert 1 == 2",
                          flags=["forged-outcome"], ended="timeout"),
               result_for(sample, "err", 0, status=Status.ERROR,
                          message="the engine at /var/run/docker.sock did not answer")]
    report = build_report(sample, results, audience="candidate")
    assert report.index is None
    write_report(report, tmp_path)
    text = all_text(tmp_path)
    for secret in [*HIDDEN, "test_reserve", "assert 1 == 2", "forged-outcome", "docker.sock",
                   "/submissions/", "Reviewer notes", "discussion guide"]:
        assert secret not in text
    assert "1 of 3 hidden tests passed." in text
    assert "could not be assessed because of a problem on our side" in text
    assert not (tmp_path / "index.html").exists()


def test_checks_of_a_result_from_before_checks_named_a_criterion_count_for_the_auto_one(
        sample):
    named = result_for(sample, "t", 0.3, failed=HIDDEN[:2], message="m")
    unnamed = named.model_copy(deep=True)
    for check in unnamed.checks:
        check.criterion = None
    before, after = (build_report(sample, [r]).pages[0] for r in (named, unnamed))
    assert [len(c.failed_checks) for c in after.criteria] == [2, 0, 0, 0]
    assert after.criteria == before.criteria and after.other_failed_checks == []


def test_hr_sees_its_criteria_in_full_and_job_skills_in_brief(sample):
    result = result_for(sample, "t", 0.3, failed=HIDDEN[:2], message="m")
    manager = build_report(sample, [result]).pages[0]
    hr = build_report(sample, [result], audience="hr").pages[0]
    by_id = {c.id: c for c in hr.criteria}
    assert len(by_id["correctness"].evidence) == 1 and by_id["correctness"].failed_checks == []
    assert len(manager.criteria[0].evidence) == 2 and len(manager.criteria[0].failed_checks) == 2
    assert by_id["ownership"].needs_rating and by_id["ownership"].anchors[4]


# --- the cohort index ------------------------------------------------------------------------

def test_the_index_ranks_ties_equally_and_puts_ungraded_last(sample):
    results = [result_for(sample, name, fraction) for name, fraction in
               [("c", 0.5), ("a", 1.0), ("b", 1.0), ("d", 0.05)]]
    results.append(result_for(sample, "r", 0, status=Status.REJECTED, message="a zip bomb"))
    index = build_report(sample, results).index
    assert [(row.rank, row.name) for row in index.rows] == [
        (1, "a"), (1, "b"), (3, "c"), (4, "d"), (None, "r")]
    assert index.distribution == [1, 0, 0, 0, 0, 1, 0, 0, 0, 2]
    correctness = index.criteria[0]
    assert correctness.counts == {"1": 1, "2": 1, "3": 0, "4": 2, "unrated": 0}
    assert index.criteria[1].counts["unrated"] == 4
    assert index.counts == {"candidates": 5, "graded": 4, "rejected": 1, "error": 0,
                            "passed": 2, "failed": 2, "borderline": 0,
                            "awaiting_review": 4, "flagged": 1, "flagged_high": 1}


def test_every_page_of_the_index_exists_in_every_format(sample, tmp_path):
    results = [result_for(sample, f"cand{i}", i / 10) for i in range(11)]
    written = write_report(build_report(sample, results), tmp_path)
    assert written[0] == tmp_path / "index.html"
    html = (tmp_path / "index.html").read_text()
    links = re.findall(r'href="(candidates/[^"]+)"', html)
    assert len(links) == 11 and all((tmp_path / link).is_file() for link in links)
    markdown_links = re.findall(r"\]\((candidates/[^)]+)\)", (tmp_path / "index.md").read_text())
    assert len(markdown_links) == 11
    assert all((tmp_path / link.replace("\\", "")).is_file() for link in markdown_links)
    data = json.loads((tmp_path / "index.json").read_text())
    assert data["report_schema_version"] == 1 and len(data["index"]["rows"]) == 11
    page = json.loads((tmp_path / "candidates" / "cand3.json").read_text())
    assert page["candidate"]["score"] == 30.0 and page["assignment"]["pass_score"] == 70
    # the one script is the page's own (sorting and filters), and nothing loads from elsewhere
    assert html.count("<script") == 1 and f"<script>{cohort_script()}</script>" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org', "")


# --- blind review ----------------------------------------------------------------------------

def test_blind_review_uses_stable_aliases_and_redacts_identities_everywhere(sample, tmp_path):
    leaky = ("Jane Doe <jane.doe@example.com>, +44 20 7946 0958, see "
             "https://github.com/janedoe/inventory; jane wrote this")
    result = result_for(sample, "jane-doe", 0.3, failed=[HIDDEN[0]], message=leaky,
                        flags=["framework-patched"], evidence_extra=[leaky],
                        source="/inbox/jane-doe.zip")
    result.flags[0].evidence = leaky
    result.criteria[0].specifics["failed_test"] = "test_by_jane_doe"
    result.checks[0].id = "test_by_jane_doe.py::test_reserve"  # its group names her too
    other = result_for(sample, "someone", 1.0)
    first = build_report(sample, [result, other], blind=True)
    again = build_report(sample, [other, result], blind=True)
    assert {p.name for p in first.pages} == {p.name for p in again.pages}
    alias = alias_for(sample.id, "hash-jane-doe")
    assert alias in {p.name for p in first.pages} and re.fullmatch(r"Candidate [A-Z2-7]{5}",
                                                                   alias)
    write_report(first, tmp_path)
    text = all_text(tmp_path)
    for identity in ["Jane", "jane", "Doe", "example.com", "7946", "github.com", "/inbox/"]:
        assert identity not in text, identity
    assert "[email]" in text and "[phone]" in text and "[link]" in text and "[name]" in text
    assert "test_by_[name]_[name]" in text  # names inside identifiers too
    assert alias.lower().replace(" ", "-") + ".html" in {p.name for p in tmp_path.rglob("*")}


def test_blind_ties_are_ordered_by_alias_not_by_name(sample):
    tied = [result_for(sample, name, 1.0) for name in ["aaron", "bea", "carl", "zoe"]]
    rows = build_report(sample, tied, blind=True).index.rows
    assert [row.name for row in rows] == sorted(row.name for row in rows)
    assert {row.rank for row in rows} == {1}


def test_candidates_who_sent_the_same_files_are_told_apart_and_flagged(sample):
    alice, bob, carol = (result_for(sample, name, 1.0) for name in ["alice", "bob", "carol"])
    bob.submission_hash = alice.submission_hash  # the same files, sent under two names

    def same_files(report) -> dict[str, list[str]]:
        return {page.name: [flag.evidence for flag in page.flags if flag.kind == "same files"]
                for page in report.pages}

    named = build_report(sample, [alice, bob, carol])
    assert same_files(named) == {"alice": ["exactly the same files as bob sent"],
                                 "bob": ["exactly the same files as alice sent"], "carol": []}
    assert {row.name: row.flags for row in named.index.rows}["bob"] == ["same files"]

    blind = build_report(sample, [alice, bob, carol], blind=True)
    aliases = [page.name for page in blind.pages]
    assert len(set(aliases)) == 3 and len({page.stem for page in blind.pages}) == 3
    first, second = (name for name, flags in same_files(blind).items() if flags)
    assert same_files(blind)[first] == [f"exactly the same files as {second} sent"]
    assert alias_for(sample.id, carol.submission_hash) in aliases  # unshared: alias unchanged
    for_candidates = build_report(sample, [alice, bob], audience="candidate")
    assert all(not page.flags for page in for_candidates.pages)


def test_redaction_keeps_numbers_that_are_evidence():
    redact = Redactor(name_tokens("li-wu_42.tar.gz"))
    assert name_tokens("li-wu_42.tar.gz") == ["li", "wu"]
    kept = "expected 17.4% found 9,840 on 2026-11-22 at 10:30; 1234567 units"
    assert redact(kept) == kept
    assert redact("call (415) 555-0123 or mail li@wu.dev; Li Wu") == (
        "call [phone] or mail [email]; [name] [name]")


@pytest.mark.parametrize("text", [
    "", "plain evidence, no identities", "WWW.Example.org/x and Www.a.b", "FTP://host/file",
    "mail Li.Wu+jobs@example.co.uk now", "a@b", "@@@", "x@y.z@w.v",
    "+44 20 7946 0958", "(415) 555-0123", "٤١٥ ٥٥٥ ٠١٢٣٤", "12 34", "tel 415.555.0123.",
    "see https://li-wu.dev/about?x=1 (www.li.wu)", "LI WU wrote this; li_wu too",
    HIDDEN[0], "expected 17.4% found 9,840 on 2026-11-22 at 10:30; 1234567 units",
    "LI and Wu", "\u0130i and \u0131i wrote", "\u017fam, \u212ait", "sam and kit", "Ren\u00e9e"])
@pytest.mark.parametrize("names", [[], ["li", "wu"], ["sam", "kit", "ii"], ["ren\u00e9e"]])
def test_redaction_skips_no_pattern_that_could_match(text, names):
    """A pattern is skipped on a text that cannot hold a match: the same as applying all."""
    from worksample.reports.redact import EMAIL, LINK, PHONE

    expected = PHONE.sub("[phone]", LINK.sub("[link]", EMAIL.sub("[email]", text)))
    if names:
        expected = re.sub(r"(?<![^\W_])(?:" + "|".join(names) + r")(?![^\W_])", "[name]",
                          expected, flags=re.IGNORECASE)
    assert Redactor(names)(text) == expected


def test_a_markdown_value_is_escaped_as_translating_every_value_escapes_it():
    """Only values holding a markup character are translated: the same text as before."""
    from worksample.reports.render import _MARKDOWN_ESCAPES, _markdown_value

    values = [chr(code) for code in range(32, 127)] + [
        "plain", 12, 1.5, "a*b_c", "\\", "x\u202ey<", " two  words\n", "# heading | cell |"]
    for value in values:
        assert _markdown_value(value) == " ".join(str(value).split()).translate(
            _MARKDOWN_ESCAPES), value


# --- hostile candidate text ------------------------------------------------------------------

HOSTILE_TEXT = ("<script>alert('x')</script> <img src=x onerror=alert(1)> "
                "<p style='color:red'>Dear customer</p> [click](javascript:alert(1)) | a | b |"
                " **bold** ``` \u202eevil\u202c العربية שלום 😀🎉 " + "x" * 20000)


def test_hostile_candidate_text_is_inert_in_every_format(sample, tmp_path):
    result = result_for(sample, "mallory", 0.3, failed=[HIDDEN[0]], message=HOSTILE_TEXT,
                        flags=["result-channel-tampered"], evidence_extra=[HOSTILE_TEXT])
    result.flags[0].evidence = HOSTILE_TEXT
    write_report(build_report(sample, [result]), tmp_path)
    for path in [tmp_path / "index.html", tmp_path / "candidates" / "mallory.html"]:
        html = path.read_text(encoding="utf-8")
        html = html.replace(f"<script>{cohort_script()}</script>", "")  # the page's own
        assert "<script" not in html and "<img" not in html and "<p style" not in html
    page = (tmp_path / "candidates" / "mallory.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "\u202e" not in page and "\ufffdevil\ufffd" in page
    assert "العربية שלום 😀🎉" in page and "x" * 20000 in page
    assert 'class="untrusted"' in page  # wraps anywhere and isolates right-to-left text

    markdown = (tmp_path / "candidates" / "mallory.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)[<>]", markdown)  # every angle bracket is escaped
    assert r"\<script\>" in markdown and r"\[click\](javascript:alert(1))" in markdown
    assert r"\*\*bold\*\*" in markdown and r"\`\`\`" in markdown and "😀🎉" in markdown
    evidence = [line for line in markdown.splitlines() if "onerror" in line]
    assert evidence and all(r"\| a \| b \|" in line for line in evidence)  # one line each
    assert json.loads((tmp_path / "candidates" / "mallory.json").read_text())


def _json_as_first_written(report, page) -> str:
    """A candidate page's JSON as render.py wrote it before pydantic's serializer did."""
    return json.dumps({"report_schema_version": report.report_schema_version,
                       "audience": report.audience, "blind": report.blind,
                       "assignment": report.assignment.model_dump(mode="json"),
                       "candidate": page.model_dump(mode="json")}, indent=2, ensure_ascii=False)


def test_candidate_json_is_written_byte_for_byte_as_json_dumps_wrote_it(sample, tmp_path):
    # pydantic writes the page now; every float (tiny ones, which it formats its own way,
    # infinities, NaN), every character and the hostile text must come out as before.
    floats = [m * 10.0 ** e for e in range(-330, 309) for m in (1, -1.2345678901234567, 7.5)]
    floats += [0.0, -0.0, math.inf, -math.inf, math.nan, 83.33333333333333, 5e-324]
    text = "".join(map(chr, range(1, 0xd800))) + HOSTILE_TEXT
    report = build_report(sample, [result_for(sample, f"c{number:03d}", 0.5, failed=[HIDDEN[0]],
                                              message=text) for number in range(len(floats) // 4)])
    values = iter(floats)
    for page in report.pages:  # set on the pages: the index cannot rank NaN
        page.score, page.full_score = next(values), next(values)
        page.criteria[0].points, page.criteria[0].max_points = next(values), next(values)
    report.assignment.pass_score = math.inf
    write_report(report, tmp_path, formats=("json",))
    for page in report.pages:
        written = (tmp_path / "candidates" / f"{page.stem}.json").read_text(encoding="utf-8")
        assert written == _json_as_first_written(report, page), page.stem


def test_every_page_model_with_a_float_writes_infinity_as_json_dumps_did():
    # A new float field in a page model needs the same setting, or its inf becomes null.
    from worksample.reports.view import CandidateFile

    def models(model, seen):
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or model in seen:
            return seen
        seen.add(model)
        for field in model.model_fields.values():
            for inner in _types_in(field.annotation):
                models(inner, seen)
        return seen

    for model in models(CandidateFile, set()):
        if any(float in _types_in(f.annotation) for f in model.model_fields.values()):
            assert model.model_config.get("ser_json_inf_nan") == "constants", model


def _types_in(annotation) -> set:
    return {annotation} | {t for arg in typing.get_args(annotation) for t in _types_in(arg)}


@pytest.mark.parametrize("blind", [False, True])
def test_a_large_report_written_by_two_processes_is_the_same_as_by_one(
        sample, tmp_path, monkeypatch, blind):
    from worksample.reports import halves

    results = [result_for(sample, f"c{n}", n / 6, failed=HIDDEN[:n % 3], message="boom",
                          flags=["forged-outcome"] if n == 3 else ()) for n in range(7)]
    report = build_report(sample, results, blind=blind)
    monkeypatch.setattr(halves, "MIN_PAGES", 10**9)
    one = write_report(report, tmp_path / "one")
    monkeypatch.setattr(halves, "MIN_PAGES", 2)
    if not halves.worth_a_child(len(report.pages)):
        pytest.skip("this system cannot fork, has one core, or runs other threads")
    two = write_report(report, tmp_path / "two")
    # a plan's pages are built by the process that writes them: the same files
    planned = write_report(ReportPlan(sample, results, blind=blind), tmp_path / "planned")
    for other, written in (("two", two), ("planned", planned)):
        assert [p.relative_to(tmp_path / other) for p in written] == [
            p.relative_to(tmp_path / "one") for p in one]
        for path in one:
            again = tmp_path / other / path.relative_to(tmp_path / "one")
            if other == "planned" and path.name.startswith("index."):  # generated later
                assert _timeless(again) == _timeless(path)
            else:
                assert again.read_bytes() == path.read_bytes()
    # an error in the child's half reaches the caller
    last = report.pages[-1].stem
    (tmp_path / "three" / "candidates" / f"{last}.md").mkdir(parents=True)
    with pytest.raises(WorksampleError, match="second half.*IsADirectoryError"):
        write_report(report, tmp_path / "three")


def _timeless(path: Path) -> str:
    return re.sub(r"(Generated |\"generated_at\": \")[^\n]*", "", path.read_text())


def test_visible_shows_reordering_and_control_characters():
    assert visible("a\u202eb\u2066c\x1bd\te\nf") == "a\ufffdb\ufffdc\ufffdd\te\nf"


def test_a_submissions_path_on_its_page_shows_control_characters_instead_of_obeying_them(
        sample, tmp_path):
    # the file name is the candidate's: ESC c resets a terminal that cats the Markdown page
    hostile = "/submissions/evil\x1bc\x1b7\x1b]0;pwned\x07\u009b2J\u202egiz.exe.zip"
    report = build_report(sample, [result_for(sample, "evil", 1.0, source=hostile)])
    write_report(report, tmp_path / "report")
    written = all_text(tmp_path / "report")
    assert "giz.exe" in written
    for character in "\x1b\x07\u009b\u202e":
        assert character not in written


# --- the report folder and the store ---------------------------------------------------------

def test_a_folder_with_other_files_is_refused_and_an_old_report_replaced(sample, tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.docx").write_text("mine")
    with pytest.raises(WorksampleError, match="not empty and holds no worksample report"):
        prepare_folder(busy)
    assert (busy / "thesis.docx").read_text() == "mine"

    out = tmp_path / "report"
    for blind in (False, True):
        report = build_report(sample, [result_for(sample, "jane-doe", 1.0)], blind=blind)
        prepare_folder(out, keep=report_files(report, out))
        write_report(report, out)
    assert "jane" not in all_text(out)


def test_a_report_written_again_replaces_the_earlier_one_in_place(sample, tmp_path):
    out = tmp_path / "report"
    long = [result_for(sample, name, 0.3, failed=HIDDEN, message="x" * 2000)
            for name in ("ann", "bob")]
    for results in (long, [result_for(sample, "ann", 1.0)]):
        report = build_report(sample, results)
        prepare_folder(out, keep=report_files(report, out, ("html", "md")))
        written = write_report(report, out, ("html", "md"))
    fresh = tmp_path / "fresh"
    write_report(report, fresh, ("html", "md"))
    # bob's pages and the earlier JSON are gone; ann's are the new ones, not a longer file's
    # head with the earlier tail
    assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == sorted(
        [Path(".worksample-report"), *(p.relative_to(out) for p in written)])
    for path in written:
        assert path.read_bytes() == (fresh / path.relative_to(out)).read_bytes()
    # grade --out after report: a results folder the earlier report did not have
    results = out / "results" / "ann.json"
    prepare_folder(out, keep=[results, *written])
    assert (out / "candidates" / "ann.html").is_file() and not results.exists()


def test_a_report_is_not_written_through_a_link_left_in_its_folder(sample, tmp_path):
    out, elsewhere = tmp_path / "report", tmp_path / "elsewhere.txt"
    report = build_report(sample, [result_for(sample, "ann", 1.0)])
    prepare_folder(out, keep=report_files(report, out))
    write_report(report, out)
    elsewhere.write_text("mine")
    page = out / "candidates" / "ann.html"
    page.unlink()
    page.symlink_to(elsewhere)
    (out / "index.md").unlink()
    (out / "index.md").hardlink_to(elsewhere)
    prepare_folder(out, keep=report_files(report, out))
    write_report(report, out)
    assert elsewhere.read_text() == "mine"
    assert not page.is_symlink() and "ann" in page.read_text()
    # nor through a link in place of the pages' folder
    (tmp_path / "other-folder").mkdir()
    shutil.rmtree(out / "candidates")
    (out / "candidates").symlink_to(tmp_path / "other-folder")
    prepare_folder(out, keep=report_files(report, out))
    write_report(report, out)
    assert list((tmp_path / "other-folder").iterdir()) == []


def test_a_report_that_fails_half_way_leaves_none_of_its_files(sample, tmp_path, monkeypatch):
    from worksample.reports import render

    out = tmp_path / "report"
    report = build_report(sample, [result_for(sample, name, 1.0) for name in ("ann", "bob")])
    prepare_folder(out, keep=report_files(report, out))
    write_report(report, out)
    real = render.write_text

    def full_disk(path, text):
        if path.name == "bob.md":
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(render, "write_text", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_report(report, out)
    assert [p.name for p in out.rglob("*") if p.is_file()] == [".worksample-report"]


def test_reports_use_the_assignments_current_version_and_say_so_when_it_has_none(sample,
                                                                                  tmp_path):
    store = ResultStore(tmp_path / "store.sqlite")
    with pytest.raises(WorksampleError, match="no stored results for 'inventory-reservations'"):
        stored_results(sample, store)
    old = result_for(sample, "old", 1.0)
    old.assignment_version = "0ld"
    store.save(old)
    with pytest.raises(WorksampleError, match="version.s. 0ld, graded before the assignment"):
        stored_results(sample, store)
    store.save(result_for(sample, "new", 1.0))
    assert [r.submission_id for r in stored_results(sample, store)] == ["new"]


def test_the_sandbox_run_time_is_said_to_be_the_graders_not_the_candidates(sample):
    """A reviewer must not read the container's seconds as how long the candidate worked."""
    page = build_report(sample, [result_for(sample, "alice", 1.0)]).pages[0]
    assert page.run.startswith("the hidden checks ran 1.50 s in the sandbox (img, completed")
    assert "not the candidate's working time" in page.run
