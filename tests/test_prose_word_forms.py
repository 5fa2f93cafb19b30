"""A statement's words in their regular verb forms, and money given back (word_forms.py)."""

from __future__ import annotations

import pytest

from worksample.prose.text import sentences
from worksample.prose.word_forms import as_credit, base_of, forms, money_back


@pytest.mark.parametrize("word, base", [
    ("refunded", "refund"), ("refunding", "refund"), ("issued", "issue"),
    ("cancelled", "cancel"), ("transferred", "transfer"), ("billed", "bill"),
    ("added", "add"), ("refund", "refund"),
])
def test_a_regular_form_has_its_base(word, base):
    assert base_of(word) == base
    assert word in forms(base)


def test_a_plural_is_no_form_of_the_verb():
    assert "refunds" not in forms("refund")


def clause(text: str):
    [sentence] = sentences(text)
    return sentence, range(len(sentence.normal_words))


@pytest.mark.parametrize("text, given_back", [
    ("You'll get your money back by Friday.", True),
    ("The $290 will be back on your card.", True),
    ("Your money is on its way back to you.", True),
    ("I'll get back to you with the exact amount.", False),  # the money after "back"
    ("You paid $290 back in March.", False),  # back in time
    ("The price will be back to $29 a month.", False),  # back to a level
    ("The annual fee won't come back next year.", False),  # denied between
    ("You'll have $241 credited back to your account.", False),  # credited
    ("You'll get $241 back as account credit.", False),  # given as credit
])
def test_money_is_given_back_only_with_the_money_before_back(text, given_back):
    sentence, indices = clause(text)
    assert money_back(sentence, indices, "$" in text) is given_back


def test_as_credit_reads_the_words_just_after_the_refund():
    sentence, _ = clause("We refunded the unused months as account credit.")
    assert as_credit(sentence.normal_words, 1)
    sentence, _ = clause("We refunded the $290 to your card and added $20 as account credit.")
    assert not as_credit(sentence.normal_words, 1)
