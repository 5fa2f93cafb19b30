"""Small words between a phrase's words (``matching.FILLERS``), on new phrases: where they
may stand, and what still must not match."""

from __future__ import annotations

import pytest

from worksample.prose.matching import PhraseSet
from worksample.prose.text import normalise

PHRASES = PhraseSet(["not cancel", "keep using", "charged once", "export the data",
                     "extend trial*"])


@pytest.mark.parametrize("text", [
    "I chose not to cancel the seat",  # one small word
    "we'll extend your trial by a week",
    "I will extend the trial",
    "you were charged it once",
])
def test_one_or_two_small_words_may_stand_between_a_phrases_words(text):
    assert PHRASES.find_in_words(normalise(text))


@pytest.mark.parametrize("text", [
    "we decided it not to be the cancel",  # three small words: too many
    "you should export data",  # a word the phrase writes is missing
    "we charged you once",  # "you" is not a filler
    "trial extended",  # the order still counts
    "you can keep on using it",  # "on" is not a filler
    "you were charged only the once",  # nor "only"
    "please export all of the data",  # nor "all of"
])
def test_what_still_does_not_match(text):
    assert not PHRASES.find_in_words(normalise(text))


def test_a_filler_keeps_the_negation_inside_the_phrase():
    assert PhraseSet(["not renew"]).find_in_words(normalise("Please make it not to renew."))
