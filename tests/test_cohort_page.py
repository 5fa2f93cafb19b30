"""The cohort page as a decision aid (issue 28): flags by severity, near-identical work, the
borderline band, the counts, full criterion names, and sorting and filters that a real
Chromium runs while the table stays complete without them.

Hand-built results test each rule; the text samples (pricing-review, support-replies),
graded for real, test it on the pages a team reads. The coding sample's flags are checked in
test_report_cli.py (it needs the sandbox); the review server's copy of the script under its
policy in test_review_server.py.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from conftest_paths import CASE_EXAMPLES, CASE_SAMPLE, EMAIL_EXAMPLES, EMAIL_SAMPLE, run_cli
from test_reports import result_for

from worksample.models import IntegrityFlag, Status
from worksample.ratings import Rating, reviews
from worksample.reports import build_report, similar, write_report
from worksample.reports.flags import result_flags
from worksample.reports.script import cohort_script
from worksample.store import submission_key

ANALYSIS = ("Revenue grew nine percent after the price rise while churn among small teams "
            "doubled in the second quarter, so the rise paid for itself only because large "
            "accounts stayed. I recommend keeping the new price for teams above twenty seats "
            "and offering the old price to small teams for one more year, then measuring "
            "churn again before the renewal season starts in the autumn of next year. ")


def flagged(result) -> list[tuple[str, str, str]]:
    return [(f.severity, f.category, f.kind) for f in result_flags(result, str)]


# --- flags and their severity ---------------------------------------------------------------

def test_flags_come_most_severe_first_each_with_its_category(sample):
    result = result_for(sample, "ann", 0.9, ended="timeout",
                        flags=["missing-file", "timed-out", "empty", "off-topic",
                               "forged-outcome", "hidden-text"])
    result.flags.append(IntegrityFlag(kind="automatic-fail", evidence="card number",
                                      fails=True))
    result.flags.append(IntegrityFlag(kind="missing-file", evidence="a made-up failing one",
                                      fails=True))
    result.checks[0].review = "a reviewer decides"
    assert flagged(result) == [
        ("high", "integrity", "forged-outcome"), ("high", "integrity", "hidden-text"),
        ("high", "review", "automatic-fail"), ("high", "review", "missing-file"),
        ("medium", "limit", "timeout"), ("medium", "limit", "timed-out"),
        ("medium", "review", "empty"), ("medium", "review", "off-topic"),
        ("low", "review", "missing-file"), ("low", "review", "to check")]


def test_a_result_not_graded_is_flagged_high(sample):
    rejected = result_for(sample, "bomb", 0, status=Status.REJECTED, message="a zip bomb")
    failed = result_for(sample, "oops", 0, status=Status.ERROR, message="engine gone")
    assert flagged(rejected) == [("high", "intake", "rejected")]
    assert flagged(failed) == [("high", "machinery", "not graded")]


def test_the_cohort_row_lists_flag_kinds_by_severity_and_the_page_says_each(sample, tmp_path):
    result = result_for(sample, "ann", 0.9, flags=["missing-file", "timed-out", "forged-outcome"])
    report = build_report(sample, [result])
    [row] = report.index.rows
    assert row.flags == ["forged-outcome", "timed-out", "missing-file"]
    assert row.severities == ["high", "medium", "low"]
    assert row.flags_by_severity == [("high", ["forged-outcome"]), ("medium", ["timed-out"]),
                                     ("low", ["missing-file"])]
    assert [f.severity for f in report.pages[0].flags] == ["high", "medium", "low"]
    write_report(report, tmp_path)
    page = (tmp_path / "candidates" / "ann.md").read_text()
    assert "- **high, suspected tampering: forged-outcome**" in page
    assert "- **low, review: missing-file**" in page
    index = (tmp_path / "index.md").read_text()
    assert "| high: forged-outcome; medium: timed-out; low: missing-file |" in index


# --- near-identical work --------------------------------------------------------------------

def texts_of(by_name: dict[str, str]):
    return lambda result: by_name.get(result.submission_id, "")


def test_the_same_text_in_other_files_is_flagged_as_near_identical(sample):
    names = ["as-md", "as-pdf", "as-docx", "own", "edited", "empty", "empty-too", "copy"]
    results = [result_for(sample, name, 0.9) for name in names]
    results[-1].submission_hash = results[0].submission_hash  # the very same files
    own = " ".join(reversed(ANALYSIS.split())) + " Another analysis altogether, in other words."
    edited = ANALYSIS.replace("nine", "eleven").replace("doubled", "tripled").replace(
        "twenty", "thirty").replace("autumn", "spring").replace("small", "tiny")
    texts = {"as-md": f"# Analysis\n\n{ANALYSIS}",
             "as-pdf": ANALYSIS.replace(" ", "\n", 12).replace("price rise", "price rise,"),
             "as-docx": ANALYSIS.upper(), "own": own, "edited": edited,
             "empty": "Noted.", "empty-too": "Noted.", "copy": f"# Analysis\n\n{ANALYSIS}"}
    report = build_report(sample, results, texts=texts_of(texts))
    rows = {row.name: row.flags for row in report.index.rows}
    assert rows["as-pdf"] == rows["as-docx"] == ["near-identical"]
    assert rows["as-md"] == rows["copy"] == ["same files", "near-identical"]
    # another text, the same text with six words changed (its own numbers and groups), and
    # texts too short to compare: no flag
    assert rows["own"] == rows["edited"] == rows["empty"] == rows["empty-too"] == []
    pages = {page.name: {f.kind: f.evidence for f in page.flags} for page in report.pages}
    assert pages["as-md"] == {
        "same files": "exactly the same files as copy sent",
        "near-identical": "nearly the same text as as-docx, as-pdf sent (other files or "
                          "formats, the same words): compare the pages before crediting either"}
    assert all(f.severity == "high" for page in report.pages for f in page.flags)
    # without the texts (a store from before format 5), only the same files are flagged
    plain = {row.name: row.flags for row in build_report(sample, results).index.rows}
    assert plain["as-pdf"] == [] and plain["as-md"] == ["same files"]


def test_in_a_blind_review_near_identical_work_is_named_by_aliases(sample):
    results = [result_for(sample, name, 0.9) for name in ("alice", "bob")]
    report = build_report(sample, results, blind=True,
                          texts=texts_of({"alice": ANALYSIS, "bob": ANALYSIS.lower()}))
    evidence = [f.evidence for page in report.pages for f in page.flags]
    assert len(evidence) == 2 and not any("alice" in e or "bob" in e for e in evidence)
    assert {page.name for page in report.pages} == {
        e.split("as ", 1)[1].split(" sent")[0] for e in evidence}


def test_a_copy_in_a_large_cohort_names_a_few_and_counts_the_rest(sample):
    results = [result_for(sample, f"cand{n:02d}", 0.9) for n in range(9)]
    report = build_report(sample, results, texts=lambda result: ANALYSIS)
    evidence = next(f.evidence for f in report.pages[0].flags)
    assert evidence.startswith("nearly the same text as cand01, cand02, cand03, cand04, "
                               "cand05 and 3 others sent")


def count_comparisons(monkeypatch) -> list[int]:
    counted = [0]
    compare = similar._jaccard

    def counting(first, second):
        counted[0] += 1
        return compare(first, second)

    monkeypatch.setattr(similar, "_jaccard", counting)
    return counted


def test_finding_near_identical_texts_compares_far_fewer_pairs_than_the_cohort_has(
        monkeypatch):
    """Work that grows with the cohort, counted in exact comparisons, not timed: 1,000
    distinct texts and 1,000 copies each need at most a few per text, where every pair
    would be 499,500."""
    words = [f"w{n}" for n in range(3000)]
    randomly = random.Random(28)
    distinct = [" ".join(randomly.choices(words, k=150)) for _ in range(1000)]
    counted = count_comparisons(monkeypatch)
    assert similar.near_identical(distinct) == [[]] * 1000
    assert counted[0] <= 1000
    counted[0] = 0
    copies = [f"{ANALYSIS} Signed, candidate {n}." for n in range(1000)]
    groups = similar.near_identical(copies)
    assert all(len(group) == 999 for group in groups)
    assert counted[0] == 999  # each joins the group once, then is never compared again
    counted[0] = 0
    assert similar.near_identical([ANALYSIS] * 1000 + [""] * 3 + ["Noted."] * 2) == [
        [other for other in range(1000) if other != n] for n in range(1000)] + [[]] * 5
    assert counted[0] == 0  # the same text is not compared again


# --- the borderline band, the counts --------------------------------------------------------

def test_scores_near_the_pass_mark_are_borderline_and_the_band_can_be_set(sample):
    fractions = {"just-under": 0.66, "just-over": 0.75, "far-over": 0.76, "far-under": 0.64,
                 "at": 0.70}
    results = [result_for(sample, name, f) for name, f in fractions.items()]
    failed_anyway = result_for(sample, "failed-anyway", 0.68)
    failed_anyway.flags.append(IntegrityFlag(kind="automatic-fail", evidence="x", fails=True))
    results.append(failed_anyway)
    results.append(result_for(sample, "rejected", 0, status=Status.REJECTED, message="bomb"))

    def borderline(**options) -> set[str]:
        index = build_report(sample, results, **options).index
        return {row.name for row in index.rows if row.borderline}

    assert sample.spec.pass_score == 70 and sample.spec.borderline_points == 5
    assert borderline() == {"just-under", "just-over", "at"}
    assert borderline(borderline=10) == {"just-under", "just-over", "far-over", "far-under",
                                         "at"}
    assert borderline(borderline=0) == {"at"}
    assert build_report(sample, results, borderline=10).index.borderline_points == 10


def test_the_counts_say_who_passed_failed_awaits_review_and_is_flagged(sample):
    results = [result_for(sample, name, f) for name, f in
               [("top", 1.0), ("rated", 0.8), ("low", 0.2)]]
    results[2].flags.append(IntegrityFlag(kind="missing-file", evidence="NOTES.md"))
    results.append(result_for(sample, "error", 0, status=Status.ERROR, message="engine gone"))
    rated = results[1]
    ratings = [Rating(assignment_id=sample.id, submission_id=rated.submission_id,
                      submission_key=submission_key(rated), criterion=c.id, reviewer="ann",
                      level=3) for c in sample.spec.rubric if c.source == "reviewer"]
    index = build_report(sample, results, reviews=reviews(results, ratings, [])).index
    assert {row.name: row.awaiting_review for row in index.rows} == {
        "top": True, "rated": False, "low": True, "error": False}
    assert index.counts == {"candidates": 4, "graded": 3, "rejected": 0, "error": 1,
                            "passed": 2, "failed": 1, "borderline": 0, "awaiting_review": 2,
                            "flagged": 2, "flagged_high": 1}


# --- the page, complete without script ------------------------------------------------------

def test_the_table_is_complete_html_with_full_criterion_names(sample, tmp_path):
    results = [result_for(sample, name, f, flags=flags) for name, f, flags in
               [("top", 1.0, ()), ("near", 0.68, ("missing-file",)),
                ("bad", 0.1, ("forged-outcome",))]]
    write_report(build_report(sample, results), tmp_path)
    html = (tmp_path / "index.html").read_text()
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    titles = [c.title for c in sample.spec.rubric]
    assert [re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)] == [
        "#", "Candidate", "Score", "Full", "Pass", *titles, "Flags"]
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>.*?</tr>", body, re.S)
    assert len(rows) == 3 and all(row.count("<td") == 6 + len(titles) for row in rows)
    near = next(row for row in rows if "candidates/near.html" in row)
    assert 'class="borderline"' in near and "borderline</span>" in near
    assert 'data-severity="low"' in near and '<span class="severity low">low</span>' in near
    bad = next(row for row in rows if "candidates/bad.html" in row)
    assert 'data-severity="high"' in bad and 'data-passed="no"' in bad
    assert '<span class="severity high">high</span> forged-outcome' in bad
    assert '<ul id="counts"' in html and "<strong>1</strong> borderline" in html
    # the script is the one the review server's policy names, after the table it sorts
    assert html.index("</table>") < html.index(f"<script>{cohort_script()}</script>")
    markdown = (tmp_path / "index.md").read_text()
    assert f"| Pass | {' | '.join(titles)} | Flags |" in markdown
    assert "| no, borderline, awaiting review |" in markdown
    data = json.loads((tmp_path / "index.json").read_text())["index"]
    assert data["borderline_points"] == 5 and data["counts"]["borderline"] == 1
    assert {row["name"]: row["severities"] for row in data["rows"]} == {
        "top": [], "near": ["low"], "bad": ["high"]}


# --- the text samples, graded for real ------------------------------------------------------

@pytest.fixture(scope="module")
def samples_store(tmp_path_factory):
    """The pricing-review and support-replies samples graded into one store."""
    store = tmp_path_factory.mktemp("samples") / "results.sqlite"
    for assignment, examples in [(CASE_SAMPLE, CASE_EXAMPLES), (EMAIL_SAMPLE, EMAIL_EXAMPLES)]:
        graded = run_cli("grade", assignment, *sorted(examples.iterdir()), "--store", store,
                         "-j", "1")
        assert graded.exit_code == 0, graded.output
    return store


def reported(store, assignment, out, *options) -> dict:
    made = run_cli("report", assignment, "--store", store, "--out", out, *options)
    assert made.exit_code == 0, made.output
    return json.loads((out / "index.json").read_text())["index"]


def test_the_case_samples_cohort_page_flags_copies_and_empty_work(samples_store, tmp_path):
    index = reported(samples_store, CASE_SAMPLE, tmp_path / "case")
    rows = {row["name"]: row for row in index["rows"]}
    # the same analysis sent as three files: three hashes, one text
    for name in ("strong.md", "strong.pdf", "strong.docx"):
        assert rows[name]["flags"] == ["near-identical"] and rows[name]["rank"] == 1
        assert rows[name]["severities"] == ["high"]
    assert rows["off-topic.md"]["flags"] == ["off-topic"]
    assert rows["keyword-stuffed.md"]["flags"] == ["empty", "to check"]
    assert rows["keyword-stuffed.md"]["severities"] == ["medium", "low"]
    assert rows["no-recommendation.md"]["flags"] == []
    # 67.5 against a pass score of 70: in the band of 5 points, out of a band of 2
    assert {name for name, row in rows.items() if row["borderline"]} == {"no-recommendation.md"}
    assert index["counts"] == {"candidates": 7, "graded": 7, "rejected": 0, "error": 0,
                               "passed": 3, "failed": 4, "borderline": 1,
                               "awaiting_review": 7, "flagged": 5, "flagged_high": 3}
    narrow = reported(samples_store, CASE_SAMPLE, tmp_path / "narrow", "--borderline", "2")
    assert narrow["counts"]["borderline"] == 0 and narrow["borderline_points"] == 2
    page = json.loads((tmp_path / "case" / "candidates" / "strong.pdf.json").read_text())
    [flag] = page["candidate"]["flags"]
    assert flag["evidence"].startswith("nearly the same text as strong.docx, strong.md sent")


def test_the_email_samples_cohort_page_flags_automatic_fails_and_empty_replies(
        samples_store, tmp_path):
    index = reported(samples_store, EMAIL_SAMPLE, tmp_path / "email")
    rows = {row["name"]: (row["flags"], row["severities"]) for row in index["rows"]}
    assert rows["off-policy"] == (["automatic-fail", "automatic-fail", "to check"],
                                  ["high", "high", "low"])
    assert rows["empty.txt"] == (["empty"] * 3, ["medium"] * 3)
    assert rows["keyword-stuffed.txt"][0][:2] == ["empty", "empty"]
    assert rows["excellent"] == rows["adequate.md"] == ([], [])
    markdown = (tmp_path / "email" / "index.md").read_text()
    assert "| high: automatic-fail; low: to check |" in markdown
    assert "Tone, empathy and ownership" in markdown


def test_the_report_of_a_batch_flags_near_identical_texts_too(tmp_path):
    """``worksample grade --out`` writes the batch's report, from the same texts."""
    out = tmp_path / "batch"
    graded = run_cli("grade", CASE_SAMPLE, CASE_EXAMPLES / "strong.md",
                     CASE_EXAMPLES / "strong.docx", CASE_EXAMPLES / "off-topic.md",
                     "--store", tmp_path / "results.sqlite", "--out", out, "-j", "1")
    assert graded.exit_code == 0, graded.output
    rows = json.loads((out / "index.json").read_text())["index"]["rows"]
    assert {row["name"]: row["flags"] for row in rows} == {
        "strong.md": ["near-identical"], "strong.docx": ["near-identical"],
        "off-topic.md": ["off-topic"]}


def test_a_borderline_band_out_of_range_is_refused_by_the_cli(samples_store, tmp_path):
    made = run_cli("report", CASE_SAMPLE, "--store", samples_store, "--out", tmp_path / "r",
                   "--borderline", "-1")
    assert made.exit_code == 2 and "--borderline" in made.output


# --- sorting and filters in a real Chromium -------------------------------------------------

def shown_names(page) -> list[str]:
    return page.eval_on_selector_all(
        "#ranking-table tbody tr:not([hidden]) td:nth-child(2) a",
        "links => links.map(link => link.textContent)")


@pytest.mark.browser
def test_in_chromium_the_ranking_sorts_and_filters(samples_store, tmp_path, chromium,
                                                   screenshot_path):
    reported(samples_store, CASE_SAMPLE, tmp_path / "case")
    page = chromium.new_page(viewport={"width": 1300, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.goto((tmp_path / "case" / "index.html").as_uri())
    ranked = shown_names(page)
    assert ranked[:3] == ["strong.docx", "strong.md", "strong.pdf"] and len(ranked) == 7
    assert page.inner_text("#filter-count") == "7 of 7 shown"

    score = page.locator("#ranking-table thead th", has_text="Score").locator("button")
    score.click()  # highest first
    assert page.get_attribute("#ranking-table thead th:nth-child(3)", "aria-sort") == \
        "descending"
    assert shown_names(page)[-2:] == ["keyword-stuffed.md", "off-topic.md"]
    score.click()  # lowest first; equal scores keep the ranking's order
    assert shown_names(page)[:3] == ["keyword-stuffed.md", "off-topic.md", "wrong-numbers.txt"]
    page.locator("#ranking-table thead th", has_text="Candidate").locator("button").click()
    assert shown_names(page) == sorted(ranked)

    page.select_option("#filter-show", "high")
    assert shown_names(page) == ["strong.docx", "strong.md", "strong.pdf"]
    assert page.inner_text("#filter-count") == "3 of 7 shown"
    page.select_option("#filter-show", "borderline")
    assert shown_names(page) == ["no-recommendation.md"]
    page.select_option("#filter-show", "flagged")
    page.fill("#filter-name", "TOPIC")
    assert shown_names(page) == ["off-topic.md"]
    page.fill("#filter-name", "")
    page.select_option("#filter-show", "flagged")
    page.locator("#ranking-table thead th", has_text="Flags").locator("button").click()
    assert shown_names(page)[:3] == ["strong.docx", "strong.md", "strong.pdf"]
    page.screenshot(path=screenshot_path("cohort-sorted-and-filtered"), full_page=True)
    assert errors == []

    # without script, the same table is all there, in the ranking's order
    bare = chromium.new_page(java_script_enabled=False)
    bare.goto((tmp_path / "case" / "index.html").as_uri())
    assert shown_names(bare) == ranked
    assert bare.locator("#ranking-filters").count() == 0
    assert bare.locator("#ranking-table thead button").count() == 0
    bare.screenshot(path=screenshot_path("cohort-without-script"), full_page=True)
