"""A phrase's first word, contracted onto the word before it, is the phrase: "are lost" is
said in "they're lost" as in "they are lost"."""

from __future__ import annotations

import pytest

from worksample.prose.matching import PhraseSet
from worksample.prose.text import sentences


@pytest.mark.parametrize(("phrase", "text", "words"), [
    ("are lost", "Sadly they're lost.", "they're lost"),
    ("is not possible", "It's not possible to move the date.", "it's not possible"),
    ("have not lost", "You've not lost a thing.", "you've not lost"),
    ("will not be charged", "You'll not be charged twice.", "you'll not be charged"),
    ("has been approved", "The exception's been approved.", "exception's been approved"),
])
def test_a_first_word_contracted_onto_its_subject_is_matched(phrase, text, words):
    found = PhraseSet([phrase]).find(sentences(text))
    assert found is not None and found.words == words


@pytest.mark.parametrize(("phrase", "text"), [
    ("are lost", "We are not sure they were lost."),  # another verb
    ("is open", "This one's closed, that one is shut."),
    ("will renew", "She'll not renew."),  # only the phrase's own words
])
def test_only_the_phrases_own_words_are_read_after_the_contraction(phrase, text):
    assert PhraseSet([phrase]).find(sentences(text)) is None
