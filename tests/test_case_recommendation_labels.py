"""A line opened by a run-in label that recommends ("Recommendation: ...") recommends as a
sentence with the label's words would: several such lines naming different options choose
none, even beside a final one. With sections of our own, none from the samples."""

from __future__ import annotations

import pytest
from recommendation_corpus import NONE, read_option


@pytest.mark.parametrize("section", [
    # every option offered as a recommendation, then one called final
    "Recommendation: hold Pro at $49 for every account, since revenue is up.\n"
    "Recommendation: roll back to $39 for everyone, since churn almost doubled.\n"
    "Recommendation: give freelancers a $39 solo tier and leave teams on $49.\n"
    "Overall recommendation: a $39 solo tier beside $49 for teams.",
    # two labelled lines that disagree, in bold and numbered
    "**Recommendation:** revert the price to $39 for all customers.\n\n"
    "**Recommendation:** keep the price at $49 and watch churn.",
])
def test_labelled_lines_recommending_different_options_choose_none(grade_analysis, section):
    assert read_option(grade_analysis, section) == NONE


@pytest.mark.parametrize("section, option", [
    ("Recommendation: give freelancers a $39 solo tier and leave teams on $49.\n\n"
     "Going back to $39 for everyone would give up the team revenue we gained.",
     "split-plans"),
    ("Recommendation: go back to $39 for everyone.\n"
     "Recommendation: announce the change to solo customers first.", "back-to-39"),
])
def test_one_labelled_recommendation_is_chosen(grade_analysis, section, option):
    assert read_option(grade_analysis, section) == option
