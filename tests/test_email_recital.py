"""A reply that recites policy terms around a polite opening reads as a list of keywords: its
matches count nothing and are left to the reviewer. A short terse reply is not judged so
strictly: one word moves its share of small words a lot. New replies, none from the samples."""

from __future__ import annotations

from test_email_checks import findings

from worksample.prose.measures import function_word_share
from worksample.prose.text import sentences

RECITAL = (
    "Hello Priya, I am so sorry for the trouble, and I can see why this is a worry for you. "
    "I am here to help you with it. "
    "Policy summary: pending authorisation 3-5 business days, one charge only, bank hold, "
    "drops off automatically. Invoices: Settings, Billing, Invoices, PDF download, accountant "
    "copy. Refund 30 days, account credit, unused months, goodwill $25, team lead approval. "
    "Identity check: last 4 digits, account email, never full card number, CVC, password. "
    "Questions answered: why twice, money back, invoice location. Regards, ownership, empathy.")
TERSE = ("Hi Priya, only one charge: the second $29 is a bank hold, gone in 3-5 business days. "
         "Invoices are in Settings → Billing → Invoices. Thanks, Sam")


def share(text: str) -> float:
    return function_word_share([word for s in sentences(text) for word in s.words])


def test_a_recital_of_policy_terms_is_a_keyword_list():
    assert 0.25 <= share(RECITAL) < 0.30  # above the old line, below the new one


def test_a_recital_counts_nothing_and_is_left_to_the_reviewer(email_sample):
    found = findings(email_sample, "double-charge", RECITAL)
    assert found["questions/why-twice"].fraction == 0
    assert "list of keywords" in found["questions/why-twice"].review


def test_a_short_terse_reply_is_not_a_keyword_list(email_sample):
    assert 0.25 <= share(TERSE) < 0.30
    found = findings(email_sample, "double-charge", TERSE)
    assert found["questions/why-twice"].fraction == 1
