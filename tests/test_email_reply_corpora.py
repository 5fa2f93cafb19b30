"""Every sentence of the red teams' reply corpora (blame, empathy, answers) is read as the red
team reads it, except the known misses, which must still be misread (strict xfail): a rule
that starts reading one right must take it off its list. See tests/corpora/."""

from __future__ import annotations

import pytest
from reply_corpora import NAMES, corpus, read_right

LOADED = {name: corpus(name) for name in NAMES}


@pytest.mark.parametrize("name, item", [
    pytest.param(name, item, marks=pytest.mark.xfail(strict=True, reason="a known miss"))
    if item["text"] in LOADED[name]["known_misses"] else (name, item)
    for name in NAMES for item in LOADED[name]["sentences"]])
def test_the_sentence_is_read_as_the_red_team_reads_it(email_sample, name, item):
    assert read_right(email_sample, name, item)


@pytest.mark.parametrize("name", NAMES)
def test_every_known_miss_is_a_sentence_of_its_corpus(name):
    assert set(LOADED[name]["known_misses"]) <= {i["text"] for i in LOADED[name]["sentences"]}
