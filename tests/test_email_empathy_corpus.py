"""Every sentence of the red team's empathy corpus is read as the red team reads it: one that
acknowledges the customer is credited or left to the reviewer, one that does not is never
credited. The known misses must still be misread (strict xfail). See
tests/corpora/empathy.yaml."""

from __future__ import annotations

import pytest
from conftest_paths import EMAIL_SAMPLE
from empathy_corpus import corpus, read_empathy

from worksample.assignments import load

LOADED = corpus()
KNOWN_MISSES = frozenset(LOADED["known_misses"])


@pytest.fixture(scope="module")
def sample():
    from worksample.plugins import load_registry

    return load(EMAIL_SAMPLE, load_registry())


@pytest.mark.parametrize("email, acknowledges, text", [
    pytest.param(item["email"], item["acknowledges"], item["text"],
                 marks=pytest.mark.xfail(strict=True, reason="a known miss"))
    if item["text"] in KNOWN_MISSES else (item["email"], item["acknowledges"], item["text"])
    for item in LOADED["sentences"]])
def test_the_sentence_is_read_as_the_red_team_reads_it(sample, email, acknowledges, text):
    read = read_empathy(sample, email, text)
    assert read in ({"credited", "review"} if acknowledges else {"none", "review"})


def test_every_known_miss_is_a_sentence_of_the_corpus():
    assert KNOWN_MISSES <= {item["text"] for item in LOADED["sentences"]}
