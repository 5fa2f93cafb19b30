"""The interview brief as a reviewer sees it (issue 28): the text samples graded for real,
reported for the hiring manager and for HR, and opened in Debian's Chromium through
Playwright. Screenshots go to test-screenshots/ for a person to look at."""

from __future__ import annotations

import pytest
from conftest_paths import (
    CASE_EXAMPLES,
    CASE_SAMPLE,
    EMAIL_EXAMPLES,
    EMAIL_SAMPLE,
    graded_by_id,
    run_cli,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The email and case samples graded into one store, and each reported for the hiring
    manager and for HR: {(assignment, audience): candidates folder}."""
    folder = tmp_path_factory.mktemp("brief")
    store = folder / "results.sqlite"
    folders = {}
    for sample, examples in ((EMAIL_SAMPLE, EMAIL_EXAMPLES), (CASE_SAMPLE, CASE_EXAMPLES)):
        graded_by_id(sample, *sorted(examples.iterdir()), "--store", store)
        for audience in ("hiring-manager", "hr"):
            out = folder / f"{sample.name}-{audience}"
            done = run_cli("report", sample, "--store", store, "--out", out,
                           "--audience", audience)
            assert done.exit_code == 0, done.output
            folders[(sample.name, audience)] = out / "candidates"
    return folders


def opened(chromium, page_file):
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(page_file.resolve().as_uri())
    return page


def test_the_hiring_managers_page_opens_on_its_summary(reports, chromium, screenshot_path):
    page = opened(chromium, reports[("support-replies", "hiring-manager")] / "adequate.md.html")
    summary = page.locator("#summary")
    assert summary.is_visible()
    # the summary is the first section under the header, and its links lead to the parts
    assert page.locator("body > section").first.get_attribute("id") == "summary"
    for target in ("#summary", "#criteria", "#work", "#interview-agenda", "#discussion-guide"):
        assert page.locator(f'#sections a[href="{target}"]').count() == 1
        assert page.locator(target).count() == 1
    assert summary.locator(".verdict").inner_text().startswith("Passes, just: 71.3")
    concerns = summary.locator("#concerns li").all_inner_texts()
    assert 1 <= len(concerns) <= 3 and all(c.startswith("✗ ") for c in concerns)
    assert any("46 words (asked 60-220)" in c for c in concerns)  # the heaviest shortfall
    # every unanswered question is on the card, in words
    missed = page.locator("#criterion-resolution ul.plain li.missed").all_inner_texts()
    assert any("Please make sure I'm not charged again next year." in m for m in missed)
    assert 1 <= summary.locator("#strengths li").count() <= 3
    # lines that only confirm an absence are folded away until asked for
    absences = page.locator("#criterion-resolution details.absences")
    assert absences.count() == 1 and not absences.locator("li").first.is_visible()
    page.screenshot(path=str(screenshot_path("brief-adequate-hiring-manager")), full_page=True)


def test_hrs_page_carries_the_kit_and_names_an_automatic_fail(reports, chromium,
                                                               screenshot_path):
    page = opened(chromium, reports[("support-replies", "hr")] / "off-policy.html")
    verdict = page.locator("#summary .verdict").inner_text()
    assert verdict.startswith("Does not pass, whatever the score")
    kit = page.locator("#hr-kit")
    assert kit.is_visible()
    kit_text = kit.inner_text()
    assert "card number" in kit_text  # the conduct signal, quoted
    # on HR's page the kit comes before the questions
    assert page.locator("#hr-kit, #discussion-guide").first.get_attribute("id") == "hr-kit"
    page.screenshot(path=str(screenshot_path("brief-off-policy-hr")), full_page=True)


def test_an_off_topic_analysis_is_named_as_such_on_top(reports, chromium, screenshot_path):
    page = opened(chromium, reports[("pricing-review", "hiring-manager")] / "off-topic.md.html")
    concerns = page.locator("#summary #concerns li").all_inner_texts()
    assert "does not discuss this case" in concerns[0]
    for level in page.locator("#criteria .card p.level-meaning").all_inner_texts():
        assert level.startswith("Scores 0: ")
    page.screenshot(path=str(screenshot_path("brief-off-topic-hiring-manager")),
                    full_page=True)


def test_hrs_kit_quotes_an_analysis_whose_writing_a_reviewer_rates(reports):
    """pricing-review's HR criteria quote nothing (a reviewer rates the writing; a check
    counts headings): the kit quotes the candidate's own lines the other checks found."""
    import json

    page = json.loads((reports[("pricing-review", "hr")] / "wrong-numbers.txt.json")
                      .read_text())["candidate"]
    best = [line["quote"] for line in page["hr_kit"]["best_lines"]]
    worst = [line["quote"] for line in page["hr_kit"]["worst_lines"]]
    assert best and worst and not set(best) & set(worst)
    assert "Solo churn rose to 2.6% a month, and team churn stayed around 1.5%." in worst
