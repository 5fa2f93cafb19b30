"""The case-analysis checks on small texts graded with the bundled sample assignment: number
formats and tolerance, where a number counts, counter-examples, recommendations, headings,
and the brief copied back."""

from __future__ import annotations

import pytest
from conftest_paths import CASE_SAMPLE, OPTION_NAMES

from worksample.assignments import load
from worksample.errors import WorksampleError

FILLER = ("This paragraph is here so that the analysis reaches the length the brief asks for, "
          "and it says nothing about the case itself. ") * 3


@pytest.fixture
def assignment(registry):
    return load(CASE_SAMPLE, registry)


@pytest.fixture
def graded(grade_analysis):
    """Grade ``text`` as a candidate's analysis.md; return {check id: check}."""
    def run(text: str, name: str = "analysis.md"):
        return {check.id: check for check in grade_analysis(text, name).checks}
    return run


@pytest.mark.parametrize("stated", [
    "Solo churn after the rise was 4.1% a month.",
    "Solo churn after the rise was 4.10 percent a month.",
    "Solo churn after the rise was 0.041 a month.",
    "Solo churn after the rise was 4.12% a month.",
])
def test_a_number_in_any_usual_format_within_tolerance_counts(graded, stated):
    assert graded(stated)["numbers/solo-churn-after"].outcome == "passed"


@pytest.mark.parametrize("stated, says", [
    ("Solo churn after the rise was 4.3% a month.", "says 4.3%"),
    ("Solo churn after the rise was 41% a month.", "says 41%"),
    # one significant digit is too rough to be read as rounding
    ("Solo churn after the rise was about 4% a month.", "says 4%"),
])
def test_a_wrong_number_is_shown_against_the_expected_one(graded, stated, says):
    check = graded(stated)["numbers/solo-churn-after"]
    assert check.outcome == "failed"
    assert f"{says}; expected 4.1% ± 0.05%" in check.message


@pytest.mark.parametrize("amount", ["$1,448", "$1.45k", "1448 dollars", "$1,460", "$1.4k"])
def test_money_matches_with_separators_k_relative_tolerance_and_rounding(graded, amount):
    check = graded(f"After the rise a customer's lifetime value is {amount}.")
    assert check["numbers/ltv-after"].outcome == "passed"


def test_a_number_counts_in_the_sentence_after_the_one_that_names_it(graded):
    checks = graded("Churn among solo accounts rose sharply. It reached 4.1% a month by "
                    "the summer.")
    assert checks["numbers/solo-churn-after"].outcome == "passed"


@pytest.mark.parametrize("text, why", [
    # a Markdown table's rows are read as statements now (tests/test_case_meaning.py)
    ("| solo churn after | 4.1% |\n", "a table row with no header"),
    ("Solo: 4.1%.", "a 3-word fragment"),
    ("Solo churn 4.1% team churn 1.6% LTV $1,448 MRR 19% signups 28% solo plan.",
     "a string of keywords"),
])
def test_a_number_outside_a_sentence_is_left_to_the_reviewer(graded, text, why):
    check = graded(text)["numbers/solo-churn-after"]
    assert check.outcome == "skipped" and check.review.startswith(f"found only in {why}")


def test_a_sentence_saying_the_opposite_does_not_make_the_point(graded):
    checks = graded("After the rise churn was essentially unchanged for every customer.")
    check = checks["key_points/churn-up"]
    assert check.outcome == "failed"
    assert check.message.startswith("says the opposite: “After the rise churn was")


def test_saying_both_a_point_and_its_opposite_goes_to_the_reviewer(graded):
    check = graded("Churn rose after the price change. Overall, churn was stable all year.")[
        "key_points/churn-up"]
    assert check.outcome == "skipped" and "also says the opposite" in check.review


def test_a_counter_example_about_something_else_does_not_contradict(graded):
    # "solo MRR fell" is true and is not the opposite of "total revenue rose"
    checks = graded("Total MRR rose by 19% after the rise. Solo MRR fell every month since.")
    assert checks["key_points/revenue-up"].outcome == "passed"


@pytest.mark.parametrize("text, option", [
    ("## Recommendation\n\nI recommend that we keep $49 for teams and launch a Solo plan at "
     "$39.", "split-plans"),
    ("## Recommendation\n\nWe should not roll back the price; keep the price at $49.",
     "keep-49"),
    ("## Recommendation\n\nGo back to $39 for every customer from next month.", "back-to-39"),
    ("Recommendation: we should revert to $39 before the next renewal.", "back-to-39"),
])
def test_the_recommendation_names_one_option(graded, text, option):
    check = graded(text)["recommendation"]
    assert f"option “{OPTION_NAMES[option]}”" in check.message  # by its title, not its id


def test_a_hedged_recommendation_earns_nothing(graded):
    # "either ... or" is a hedge the rules recognise (prose.stance): no credit, said so
    check = graded("## Recommendation\n\nWe should either keep the price at $49 or go back "
                   "to $39; both have merit.")["recommendation"]
    assert check.outcome == "failed" and check.message.startswith("hedges (“either”)")


def test_two_options_in_one_sentence_without_a_hedge_are_for_the_reviewer(graded):
    check = graded("## Recommendation\n\nWe should keep the price at $49 and go back to $39 "
                   "next year.")["recommendation"]
    assert check.outcome == "skipped" and "names several options" in check.review


def test_different_recommendations_in_different_places_are_for_the_reviewer(graded):
    check = graded("## Summary\n\nI recommend we keep the price at $49.\n\n"
                   "## Recommendation\n\nI recommend we go back to $39.")["recommendation"]
    assert check.outcome == "skipped" and "different options" in check.review


@pytest.mark.parametrize("heading", ["## Risks", "4. RISKS", "Risks and mitigations:",
                                     "**Risks**", "Risks\n-----"])
def test_headings_are_found_in_markdown_numbered_capitals_bold_and_underlined(graded, heading):
    check = graded(f"{heading}\n\n{FILLER}")["sections/risks"]
    assert check.outcome == "passed", check.message
    assert "heading “" in check.message


def test_sentences_copied_from_the_brief_do_not_count(graded):
    brief = (CASE_SAMPLE / "brief.md").read_text()
    checks = graded(brief + "\n\n## Recommendation\n\nKeep the price at $49.\n")
    assert checks["length"].message.startswith("5 words of the candidate's own")


def test_a_bad_exhibit_is_an_error_naming_the_file_and_the_line(tmp_path, registry):
    import shutil

    copy = tmp_path / "pricing-review"
    shutil.copytree(CASE_SAMPLE, copy)
    csv = copy / "exhibits" / "pro-plan-monthly.csv"
    csv.write_text(csv.read_text() + "2026-09,solo,49\n")
    with pytest.raises(WorksampleError) as error:
        load(copy, registry)
    assert "assignment.yaml" in str(error.value)
    assert "exhibit 'exhibits/pro-plan-monthly.csv', line 26: 3 columns where the header has 8" \
        in str(error.value)


def test_an_expected_number_must_be_one_number(tmp_path, registry):
    import shutil

    copy = tmp_path / "pricing-review"
    shutil.copytree(CASE_SAMPLE, copy)
    spec = copy / "assignment.yaml"
    spec.write_text(spec.read_text().replace('value: "4.1%"', 'value: "about four"'))
    with pytest.raises(WorksampleError) as error:
        load(copy, registry)
    assert "field 'case.numbers.3.value'" in str(error.value)
    assert "'about four' must be one number" in str(error.value)


@pytest.mark.parametrize("shown_by", ["[churn-before]", "[churn-before, churn-later]"])
def test_a_point_shown_by_figures_names_two_or_more_expected_numbers(tmp_path, registry,
                                                                    shown_by):
    import shutil

    copy = tmp_path / "pricing-review"
    shutil.copytree(CASE_SAMPLE, copy)
    spec = copy / "assignment.yaml"
    spec.write_text(spec.read_text().replace("shown_by: [churn-before, churn-after]",
                                             f"shown_by: {shown_by}"))
    with pytest.raises(WorksampleError) as error:
        load(copy, registry)
    assert "key point 'churn-up': shown_by must name two or more of the numbers" \
        in str(error.value)


@pytest.mark.parametrize("stated", [
    "Solo churn after the rise was four point one per cent a month.",
    "Solo churn after the rise was 4.1 per-cent a month.",
])
def test_a_figure_in_words_counts_like_one_in_digits(graded, stated):
    assert graded(stated)["numbers/solo-churn-after"].outcome == "passed"


@pytest.mark.parametrize("amount", ["$1.45k", "1.45 thousand dollars", "$0.00145M"])
def test_a_figure_with_a_scale_word_or_letter_counts(graded, amount):
    check = graded(f"After the rise a customer's lifetime value is {amount}.")
    assert check["numbers/ltv-after"].outcome == "passed", check["numbers/ltv-after"].message


def test_a_half_percent_relative_tolerance_is_not_shown_as_zero():
    from worksample_case.config import ExpectedNumber

    number = ExpectedNumber(id="cost", states="the cost", about=["cost"], value="$2,000",
                            relative_tolerance=0.005)
    assert number.shown() == "$2,000 ± 0.5%"


def test_a_run_in_label_that_is_a_section_heading_starts_the_section(graded):
    checks = graded("Risks. " + FILLER)
    assert checks["sections/risks"].outcome == "passed", checks["sections/risks"].message


@pytest.mark.parametrize("line", ["Risks are high. " + FILLER, "Decisions. " + FILLER])
def test_a_sentence_that_starts_with_a_heading_word_is_not_a_heading(graded, line):
    # "Risks are high." is a sentence; "Decisions." is not one of the headings as written
    assert graded(line)["sections/risks"].outcome == "failed"


def test_a_short_decisive_analysis_with_run_in_labels_is_read_whole(graded):
    text = ("**Summary.** Solo customers are leaving; put them on their own $39 plan.\n\n"
            "**Recommendation.** Keep $49 for teams and move solo accounts to a Solo plan at "
            "$39 from next month.\n")
    checks = graded(text)
    assert checks["sections/recommendation"].message.startswith("heading “Recommendation”")
    assert f"option “{OPTION_NAMES['split-plans']}”" in checks["recommendation"].message


# --- a section's sub-headings --------------------------------------------------------------

@pytest.mark.parametrize("text, fillers", [
    (f"## Analysis\n\n### Churn\n\n{FILLER}\n\n#### By segment\n\n{FILLER}\n\n"
     f"### Revenue\n\n{FILLER}\n\n## Risks\n\n{FILLER}", 3),
    (f"Analysis\n========\n\nChurn\n-----\n\n{FILLER}\n\nRevenue\n-------\n\n{FILLER}", 2),
])
def test_the_words_under_a_sections_sub_headings_are_the_sections(graded, text, fillers):
    check = graded(text)["sections/analysis"]
    assert check.outcome == "passed", check.message
    assert f"“Analysis” (line 1), {fillers * len(FILLER.split())} words under it" in check.message


@pytest.mark.parametrize("text", [
    f"## Analysis\n\n## Churn\n\n{FILLER}",  # the same level: a section of its own
    f"### Analysis\n\n## Churn\n\n{FILLER}",  # a higher level
    f"## Analysis\n\n### Risks\n\n{FILLER}",  # a deeper heading that names another section
])
def test_a_heading_that_is_not_deeper_or_names_a_section_ends_the_section(graded, text):
    checks = graded(text)
    assert "“Analysis” (line 1), 0 words under it" in checks["sections/analysis"].message
    if "Risks" in text:
        assert checks["sections/risks"].outcome == "passed", checks["sections/risks"].message


@pytest.mark.parametrize("text", [
    # the time before the change: the pluperfect, "before" or "until" a time
    "Churn rose after the price change. Solo churn had been stable all through the winter.",
    "Churn rose after the price change. Churn was flat for the whole year before March.",
    "Churn rose after the price change. Until the increase, churn stayed flat at about 1.9%.",
    # "and" joins another statement to the counter's first word
    "Churn rose after the price change. Solo churn doubled and trials fell.",
    "Churn rose after the price change. Churn was flat previously.",
])
def test_a_counter_example_about_the_time_before_or_another_statement_does_not_contradict(
        graded, text):
    assert graded(text)["key_points/churn-up"].outcome == "passed"


@pytest.mark.parametrize("text", [
    "Churn rose after the price change. Overall churn is the same as before.",
    "Churn rose after the price change. Since the increase churn has stayed flat.",
    "Churn rose after the price change. Churn has stayed flat until now.",  # not a time before
    "Churn rose after the price change. Churn rose and then fell.",  # one statement goes on
])
def test_a_counter_example_about_the_time_after_still_contradicts(graded, text):
    assert graded(text)["key_points/churn-up"].outcome != "passed"
