"""Where a sentence that ends in "?" starts to ask (worksample/prose/questions.py): the
clauses before its question still state what they say."""

from __future__ import annotations

import pytest

from worksample.prose.questions import in_question, question_start
from worksample.prose.text import sentences


def asked(text: str) -> str:
    """The words of the sentence's question, as written in its normal form."""
    [sentence] = sentences(text)
    return " ".join(sentence.normal_words[question_start(sentence):])


@pytest.mark.parametrize(("text", "question"), [
    ("The parcel left on Monday, so could you check the porch?", "so could you check the porch"),
    ("We've swapped the plan - did the invoice update?", "did the invoice update"),
    ("Your backup ran last night, and what time did you delete them?",
     "and what time did you delete them"),
    ("The invoices are back, right?", "right"),
    ("Would a call on Friday suit you, or is email easier?",
     "would a call on friday suit you or is email easier"),
    ("When did the second charge appear?", "when did the second charge appear"),
    ("You moved the invoices yourself?", "you moved the invoices yourself"),
    # a tag asks whether what comes before it is right: that is said
    ("The invoices are restored now, ok?", "ok"),
    # an auxiliary without its subject after it opens no question
    ("Can confirm the invoices are back, could you check?", "could you check"),
    # nor "how" or "what" without an auxiliary close after them
    ("How lovely that the backup ran, did you see it?", "did you see it"),
    # the writer acting before a last clause with no question word: only that clause asks
    ("I've restored the invoices, all good?", "all good"),
])
def test_the_question_starts_where_a_reader_hears_it(text, question):
    assert asked(text) == question


def test_a_sentence_that_does_not_ask_has_no_question():
    [sentence] = sentences("Your invoices are safe, and what you deleted is in Trash.")
    assert question_start(sentence) == len(sentence.normal_words)
    assert not in_question(sentence, 0)
