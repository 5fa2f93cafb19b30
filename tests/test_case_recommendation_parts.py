"""Options named for one part of the customers: "keep $49 for team accounts and return solo
accounts to $39" recommends the option that combines them (plugins/worksample_case/parts.py).
With sentences of our own, none from the samples or the red team's corpus."""

from __future__ import annotations

import pytest
from recommendation_corpus import NONE, read_option
from worksample_case.parts import Parts, parts_in_exhibits

PARTS = Parts.of({"solo": ["solo", "freelancer"], "team": ["team", "agency"]})


@pytest.mark.parametrize("section", [
    "We recommend holding Pro at $49 for agency accounts and moving freelancer accounts back "
    "to $39.",
    "I would revert solo users to $39 while team customers keep $49.",
    "My recommendation: team subscribers stay at $49, and solo subscribers return to $39.",
    "We should return freelancer accounts to $39 and keep agencies on $49.",
])
def test_courses_for_different_parts_recommend_the_option_that_combines_them(grade_analysis,
                                                                             section):
    assert read_option(grade_analysis, section) == "split-plans"


@pytest.mark.parametrize("section, option", [
    ("We should revert solo and team accounts to $39.", "back-to-39"),
    ("We should keep $49 for team members and solo users alike.", "keep-49"),
    ("We should go back to $39 for every customer, solo accounts included.", "back-to-39"),
    ("Revert to $39 for all customers, team accounts included, and solo accounts too.",
     "back-to-39"),
    # one part alone: the other may be given a course none of the options names
    ("I recommend keeping $49 for everyone. Solo accounts should stay at $49 too.", "keep-49"),
])
def test_a_course_for_every_part_or_for_one_alone_stays_what_it_names(grade_analysis, section,
                                                                       option):
    assert read_option(grade_analysis, section) == option


@pytest.mark.parametrize("section, option", [
    # a part named as a reason, a purpose or a judgement, not as whom the course is for
    ("We should keep $49, as agency accounts have absorbed it and solo accounts are "
     "stabilising.", "keep-49"),
    ("Go back to $39 in order to keep solo customers from leaving faster than team customers.",
     "back-to-39"),
    ("I would keep $49 for everyone since agencies pay it and freelancer accounts are "
     "settling.", "keep-49"),
    # the other part given the same course
    ("Hold the price at $49 for agency accounts, and for freelancers as well.", "keep-49"),
    ("Solo customers should stay at $49 and so should teams.", "keep-49"),
    ("Revert solo users to $39, and team users also.", "back-to-39"),
])
def test_a_part_named_for_another_reason_or_given_the_same_course_limits_nothing(
        grade_analysis, section, option):
    assert read_option(grade_analysis, section) == option


def test_courses_for_different_parts_in_two_sentences_recommend_the_combination(grade_analysis):
    assert read_option(grade_analysis, "Keep agency accounts on $49.\n\nMove freelancer "
                                       "accounts back to $39.") == "split-plans"


@pytest.mark.parametrize("section", [
    "- Agency customers: stay at $49.\n- Freelancer customers: return to $39.",
    "Team accounts: keep them paying $49 as they do today.\n\nSolo accounts: back to $39 on "
    "a plan of their own.",
])
def test_a_part_set_as_a_label_before_a_colon_limits_its_course(grade_analysis, section):
    assert read_option(grade_analysis, section) == "split-plans"


def test_a_course_for_one_part_beside_the_combination_named_is_the_combination(grade_analysis):
    section = ("Split the Pro plan by segment:\n\n1. Keep Pro at $49 for agency accounts, who "
               "barely reacted.\n2. Launch a one-seat plan at $39 for the people who left.")
    assert read_option(grade_analysis, section) == "split-plans"


def test_a_label_with_a_course_for_everyone_limits_nothing(grade_analysis):
    assert read_option(grade_analysis, "Solo accounts: I recommend we keep $49 for everyone, "
                                       "and teams too.") == "keep-49"


def test_an_option_found_only_around_one_part_is_not_the_course_for_everyone(grade_analysis):
    # "keeping ... at $49" is found only once "team accounts" is taken out
    assert read_option(grade_analysis,
                       "I recommend keeping team accounts on Pro at $49 a month.") == NONE


def test_options_set_side_by_side_are_not_combined_by_their_parts(grade_analysis):
    assert read_option(grade_analysis, "I recommend either keeping $49 for team accounts or "
                                       "returning solo accounts to $39.") == NONE


@pytest.mark.parametrize("words, limited", [
    ("keep 49 for team accounts", "team"),
    ("teams should stay at 49", "team"),
    ("return to 39 for solo", "solo"),
    ("keep 49 for team and solo accounts", ""),
    ("keep 49 for team accounts solo accounts everyone", ""),
    ("keep 49 because solo churn doubled", ""),  # "solo churn" names no customers
    ("keep 49 since team accounts absorbed it", ""),  # a reason, not whom it is for
    ("keep 49 for everyone since teams pay it", ""),
    ("undo 49 rise for existing solo accounts", "solo"),
    ("revert 39 is right for solo accounts", ""),  # judges it for them
    ("keep 49 and in six months look at agencies", ""),  # too far to limit it
])
def test_the_part_an_option_is_limited_to(words, limited):
    said = words.split()
    assert PARTS.limited_to(said, 0, 2) == limited


def test_a_part_is_named_by_its_customers_its_plural_or_after_for():
    named = PARTS.mentions("solo accounts and agencies pay 39 for freelancer while team churn "
                           "and a solo plan".split())
    assert [(m.part, m.start, m.end) for m in named] == [
        ("solo", 0, 2), ("team", 3, 4), ("solo", 7, 8)]


def test_the_parts_default_to_an_exhibits_column_of_a_few_words():
    csv = "month,segment,plan,mrr\n2025-09,solo,pro,100\n2025-09,team,pro,200\n" \
          "2025-10,solo,pro,110\n"
    assert parts_in_exhibits({"data.csv": csv, "brief.md": "solo,team\nx,y\n"}) == {
        "solo": ["solo"], "team": ["team"]}


def test_without_parts_the_case_reads_them_from_its_exhibit(tmp_path, registry):
    import shutil

    from conftest_paths import CASE_SAMPLE
    from recommendation_corpus import HEAD, TAIL

    from worksample.assignments import load
    from worksample.grading import grade_submission

    copy = tmp_path / "pricing-review"
    shutil.copytree(CASE_SAMPLE, copy)
    spec = copy / "assignment.yaml"
    spec.write_text("\n".join(line for line in spec.read_text().splitlines()
                              if not line.strip().startswith("parts:")) + "\n")
    assignment = load(copy, registry)
    assert not assignment.section.recommendation.parts
    folder = tmp_path / "candidate"
    folder.mkdir()
    (folder / "analysis.md").write_text(HEAD + "I recommend keeping $49 for team accounts and "
                                               "taking solo accounts back down to $39." + TAIL)
    work = tmp_path / "work"
    work.mkdir()
    result = grade_submission(assignment, folder, work, registry)
    message = next(c.message for c in result.checks if c.id == "recommendation")
    assert "→ option “a separate solo plan at $39, with teams kept at $49”" in message, message
