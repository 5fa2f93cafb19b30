"""A split told as two courses for two segments in one sentence is the split option of the
bundled case. With sentences of our own, none from the samples or the red team's corpus."""

from __future__ import annotations

import pytest
from recommendation_corpus import read_option


@pytest.mark.parametrize("section, option", [
    ("We should keep Pro at $49 for team accounts and return solo accounts to $39.",
     "split-plans"),
    ("I recommend keeping teams on $49 and moving solo customers to a $39 plan.", "split-plans"),
    # everyone named, solo among them: one course for all
    ("I recommend moving everyone, solo and team alike, back to $39.", "back-to-39"),
])
def test_two_courses_for_two_segments_are_the_split(grade_analysis, section, option):
    assert read_option(grade_analysis, section) == option
