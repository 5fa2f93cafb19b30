"""Every recommendation section of the red team's corpus is read as the red team reads it
(the option it recommends, or none), except the known misses, which must still be misread
(strict xfail). See tests/corpora/recommendations.yaml."""

from __future__ import annotations

import pytest
from recommendation_corpus import corpus, read_option

LOADED = corpus()
KNOWN_MISSES = frozenset(LOADED["known_misses"])


@pytest.mark.parametrize("option, text, analysis", [
    pytest.param(item["option"], item["text"], item.get("analysis", ""),
                 marks=pytest.mark.xfail(strict=True, reason="a known miss"))
    if item["text"] in KNOWN_MISSES else (item["option"], item["text"], item.get("analysis", ""))
    for item in LOADED["sections"]])
def test_the_section_is_read_as_the_red_team_reads_it(grade_analysis, option, text, analysis):
    assert read_option(grade_analysis, text, analysis) == option


def test_every_known_miss_is_a_section_of_the_corpus():
    assert KNOWN_MISSES <= {item["text"] for item in LOADED["sections"]}
