"""A note of what is under way, with no subject ("Refunding the duplicate now."), tells the
refund like "I'm refunding it". New sentences, none from the samples or the corpus."""

from __future__ import annotations

import pytest
from test_email_unasserted import margaret, priya

from worksample.prose.notes import started_now


@pytest.mark.parametrize("line", [
    "Refunding the second $29 to your Visa today.",
    "Reimbursing the duplicate $29 this morning.",
    # the writer of a note returns the money: "reverse", "send ... back" need the writer
    "Voiding the duplicate $29 charge right away.",
    "Transferring the second $29 back to your card now.",
])
def test_a_note_of_a_refund_under_way_is_made(email_sample, line):
    assert priya(email_sample, line).fraction == 0


def test_a_note_of_a_full_refund_under_way_fails_automatically(email_sample):
    found = margaret(email_sample, "Issuing your full refund this afternoon.")
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "Refunding the duplicate today wouldn't change anything, because it's a hold.",
    "Refunding an authorisation never happens, even today.",
    "Checking the extra $29 right now: it's a hold that drops off.",
])
def test_a_clause_with_a_verb_or_no_refund_is_no_note(email_sample, line):
    assert priya(email_sample, line).fraction > 0


@pytest.mark.parametrize("clause, now", [
    (["refunding", "the", "duplicate", "now"], "now"),
    (["reversing", "it", "right", "away"], "right away"),
    (["refunding", "it", "now", "would", "be", "wrong"], ""),
    (["refunding", "it", "makes", "no", "sense", "today"], ""),
    (["refund", "it", "now"], ""),
])
def test_what_makes_a_note(clause, now):
    assert started_now(clause) == now

