"""Key points told in the present, as writers of English as a second language often tell a
finding: read only where the change is anchored to the case's two periods. With sentences of
our own, none from the samples or the red team's corpus."""

from __future__ import annotations

import pytest
from point_corpus import HEAD, TAIL
from worksample_case.present_tense import present_cues


def made(grade_analysis, point: str, text: str) -> bool:
    result = grade_analysis(HEAD + text + TAIL)
    return next(c for c in result.checks if c.id == f"key_points/{point}").outcome == "passed"


@pytest.mark.parametrize("point, text", [
    ("churn-up", "Monthly churn doubles compared with the months before the new price."),
    ("churn-up", "After the price rise, cancellations increase to 724 from 386."),
    ("signups-down", "New customers decline from 740 to 531 over the two periods."),
])
def test_a_change_told_in_the_present_and_anchored_is_made(grade_analysis, point, text):
    assert made(grade_analysis, point, text)


@pytest.mark.parametrize("point, text", [
    ("churn-up", "Churn doubles whenever a tool like ours raises its prices."),  # a rule
    ("churn-up", "If we raise the price again, churn rises from 3.4% to 5%."),  # a condition
    ("signups-down", "In 2022, after a similar change, new customers fall from 90 to 60."),
    ("churn-up", "The rise is what this memo is about; churn before it was 1.87%."),  # a noun
    # a red team's classes, against the first form of the reading
    ("churn-up", "Since the price rise, churn rises as a topic at every board meeting."),
    ("churn-up", "Churn rises from 2% to 4% whenever a tool like ours raises its price."),
    ("signups-down", "Were we to go to $59, new customers fall from 531 to 400."),
])
def test_a_present_tense_that_tells_no_change_of_this_case_is_not_made(grade_analysis, point,
                                                                        text):
    assert not made(grade_analysis, point, text)


def test_the_bare_present_is_made_only_after_a_plural():
    made_of = present_cues(["churn ... rose", "new customers ... fell"])
    assert "churn ... rise" not in made_of and "churn ... rises" in made_of
    assert "new customers ... fall" in made_of and "new customers ... falls" in made_of
