"""Every sentence of the red team's blame corpus is read as the red team reads it: a sentence
that blames is counted or left to the reviewer, one that does not is never counted and, when
it is no lecture by its form, not sent to the reviewer either. The known misses must still be
misread (strict xfail). See tests/corpora/blame.yaml."""

from __future__ import annotations

import pytest
from blame_corpus import corpus, read_blame
from conftest_paths import EMAIL_SAMPLE

from worksample.assignments import load

LOADED = corpus()
KNOWN_MISSES = frozenset(LOADED["known_misses"])


@pytest.fixture(scope="module")
def sample():
    from worksample.plugins import load_registry

    return load(EMAIL_SAMPLE, load_registry())


@pytest.mark.parametrize("email, blames, text", [
    pytest.param(item["email"], item["blames"], item["text"],
                 marks=pytest.mark.xfail(strict=True, reason="a known miss"))
    if item["text"] in KNOWN_MISSES else (item["email"], item["blames"], item["text"])
    for item in LOADED["sentences"]])
def test_the_sentence_is_read_as_the_red_team_reads_it(sample, email, blames, text):
    read = read_blame(sample, email, text)
    assert read in ({"blame", "review"} if blames else {"none"})


def test_every_known_miss_is_a_sentence_of_the_corpus():
    assert KNOWN_MISSES <= {item["text"] for item in LOADED["sentences"]}
