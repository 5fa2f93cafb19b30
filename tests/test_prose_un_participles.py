"""A phrase's "un-" participle is also read as the negated verb after its noun
(``prose.un_participles``): "unused months" is "the months you haven't used". New sentences,
none from the samples."""

from __future__ import annotations

import pytest

from worksample.prose.matching import PhraseSet
from worksample.prose.text import sentences
from worksample.prose.un_participles import phrase_forms

PHRASES = PhraseSet(["unpaid invoices", "refund for the unopened", "unused seats"])


@pytest.mark.parametrize(("text", "words"), [
    ("Two invoices you haven't paid are still open.", "invoices you haven't paid"),
    ("Invoices that have not yet been paid stay in Drafts.",
     "invoices that have not yet been paid"),
    ("We send a reminder for invoices not paid by the due date.", "invoices not paid"),
    ("You get a refund for the boxes that weren't opened.",
     "refund for the boxes that weren't opened"),
    ("Seats nobody has ever used are not billed.", None),  # no negation word of the list: "nobody"
    ("The seats you never used come off the next bill.", "seats you never used"),
    ("Your unpaid invoices are listed under Billing.", "unpaid invoices"),  # as written
])
def test_an_un_participle_said_the_other_way_matches(text, words):
    found = PHRASES.find(sentences(text))
    assert (found.words if found else None) == words


@pytest.mark.parametrize("text", [
    "Invoices you paid late are not charged a fee.",  # no negation before the participle
    "Seats you used are billed in full.",
    "The invoices you haven't sent yet are in Drafts.",  # another verb
])
def test_the_same_words_without_the_negated_participle_do_not_match(text):
    assert PHRASES.find(sentences(text)) is None


def test_a_denial_before_the_match_still_denies_it():
    negation = PhraseSet(["can't", "cannot", "not"])
    found = next(PHRASES.find_all(sentences(
        "I can't offer a refund for the boxes that weren't opened."), negation=negation,
        scoped=True))
    assert found.negated and found.denied_by == "“can't” before it"


def test_only_a_participle_after_un_gives_forms():
    assert phrase_forms("under review") == ["under review"]
    assert phrase_forms("unit price") == ["unit price"]
    assert "months ... haven't yet used" in phrase_forms("unused months")
    assert "credit for the ... not used" in phrase_forms("credit for the unused")


@pytest.mark.parametrize(("line", "credited"), [
    ("The eleven months you haven't used can go to your Ledgerly balance to spend later.",
     True),
    ("I can put the whole months that haven't been used towards any plan as credit.", True),
    ("I'm afraid we can't give credit for the months you haven't used.", False),  # denied
])
def test_a_fact_said_with_the_negated_participle_is_credited(email_sample, line, credited):
    from test_email_checks import findings
    found = findings(email_sample, "late-refund", f"Hi Margaret, thanks for writing. {line}")
    assert (found["facts/credit"].fraction == 1) is credited, found["facts/credit"]
