"""Options told by their effects beside one named as an act: the act is the recommendation.
With sections of our own, none from the samples or the red team's corpus."""

from __future__ import annotations

import pytest
from recommendation_corpus import NONE, read_option


@pytest.mark.parametrize("section, option", [
    ("Offer freelancers a $39 solo tier and keep teams at $49.\n\n"
     "- Reverting for everyone costs the team revenue we earned.\n"
     "- Holding $49 across the board keeps losing solo customers every month.", "split-plans"),
    ("Go back to $39 for all accounts.\n\n"
     "Keeping $49 brings in more this quarter but empties the funnel; introducing a solo tier "
     "adds a plan to support and explain.", "back-to-39"),
])
def test_an_act_beside_options_told_by_their_effects_is_chosen(grade_analysis, section, option):
    assert read_option(grade_analysis, section) == option


@pytest.mark.parametrize("section", [
    "Keeping $49 protects this quarter's revenue. Going back to $39 protects the customer base. "
    "A separate solo plan does both but adds complexity.",
    "Hold the price at $49. Go back to $39 for everyone.",
])
def test_options_all_told_by_their_effects_or_all_as_acts_choose_nothing(grade_analysis,
                                                                          section):
    assert read_option(grade_analysis, section) == NONE


@pytest.mark.parametrize("section", [
    "The recommendation considers keeping $49 for everyone, going back to $39 and a solo plan "
    "at $39 for single users.",
    "Going back to $39 for everyone is not good: it gives away the team revenue.",
    "Keeping $49 for everyone is not right while solo churn doubles.",
])
def test_an_option_weighed_or_judged_bad_is_not_chosen(grade_analysis, section):
    assert read_option(grade_analysis, section) == NONE
