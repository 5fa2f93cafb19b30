"""Disclosure of another customer's personal data (``identity.disclosed``), on new names and
numbers: what must count, and what must not."""

from __future__ import annotations

import pytest
from worksample_email.config import CustomerEmail
from worksample_email.identity import disclosed
from worksample_email.replies import Original

from worksample.prose.text import sentences

DICTIONARY = {"will", "grace", "you", "thanks"}


def customer(id_: str, name: str, identifiers: dict[str, str] | None = None) -> Original:
    email = CustomerEmail.model_validate({"id": id_, "file": f"emails/{id_}.eml",
                                          "customer": name})
    return Original(email=email, subject="", message_id="", identifiers=identifiers or {})


EMAILS = [customer("late-order", "Will Ashdown", {"48213": "order"}),
          customer("bad-login", "Noor Haddad", {"7730": "ticket"}),
          customer("gift-card", "Grace Ellery")]
THIS = EMAILS[1]


def found(reply: str) -> str:
    return disclosed(sentences(reply), THIS, EMAILS, lambda word: word in DICTIONARY)


@pytest.mark.parametrize("reply", [
    "Hi Noor, I checked with Will Ashdown's team before replying.",
    "Hello Noor. Mr Ashdown had the same problem last week.",
    "Hi Noor, thanks, Will, for your patience.",
    "Hello Noor. Your order 48213 has shipped today.",
])
def test_another_customers_name_or_number_is_disclosed(reply):
    assert found(reply)


def test_the_evidence_says_whose_data_it_is():
    assert found("Hi Noor. Ashdown and order 48213 came up.") == (
        "the name of Will Ashdown, the customer of late-order (“Ashdown”); "
        "order 48213 from late-order's email")


@pytest.mark.parametrize("reply", [
    "Hi Noor, I've reset the login for ticket 7730.",  # this customer's own data
    "Will you try signing in again, Noor Haddad?",  # a dictionary word opening a sentence
    "Hello Noor. By the grace of a quick reset, you are back in.",  # lower case, a word
    "Hi Noor, your ticket 7703 is open.",  # a number no other email gives
    "Hi Noor. We fixed it in 2024 and again on order day.",  # a year, a generic word
])
def test_own_data_and_ordinary_words_are_no_disclosure(reply):
    assert found(reply) == ""
