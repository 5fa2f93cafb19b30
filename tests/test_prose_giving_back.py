"""A statement's "refund" is told by a verb that gives money back with "back" ("send the $29
back", "put the $290 back on your card"), done by the writer to money. New sentences, none
from the samples or the red teams' corpus."""

from __future__ import annotations

import pytest
from test_email_unasserted import margaret, priya


@pytest.mark.parametrize("line", [
    "I'll hand the duplicate $29 back to you through our payments team today.",
    "We've just transferred the extra $29 back to the card you used.",
    "I put the second $29 back on your Visa about an hour ago.",
    "We'll pay back the duplicate $29 before the weekend.",
    "The second $29 has already been put back on your card.",
])
def test_money_given_back_by_the_writer_is_a_refund_of_the_pending_charge(email_sample, line):
    assert priya(email_sample, line).fraction == 0


@pytest.mark.parametrize("line", [
    "I've put the whole $290 back on the card you paid with.",
    "We will hand you back the full $290 this week.",
])
def test_money_given_back_to_margaret_fails_automatically(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "Your bank will put the extra $29 back in your available balance within 3-5 business days.",
    "I've sent the second page of the invoice back to you as a PDF.",
    "I can't send the duplicate $29 back, since it was only ever a hold.",
    "If you'd like, I'll put you back on the plan you had before the extra $29 showed up.",
    "Nothing needs to be sent back: the extra $29 is released by your bank, not by us.",
])
def test_giving_back_what_is_no_money_or_not_by_the_writer_is_no_refund(email_sample, line):
    assert priya(email_sample, line).fraction > 0


@pytest.mark.parametrize("line", [
    "I've put $241.67 back on your account as credit for the ten unused months.",
    "I'll put you back on the monthly plan at $29 when this year ends, so nothing renews.",
])
def test_credit_or_a_plan_put_back_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    # a time after "by" is no one else
    "I'll transfer the duplicate $29 back to your card by Monday.",
    # the writer's colleague, now or ahead
    "Our accounts team will hand the extra $29 back to you tomorrow.",
    "The second $29 has been paid back to your card by our billing team.",
])
def test_a_time_or_a_colleague_still_gives_it_back(email_sample, line):
    assert priya(email_sample, line).fraction == 0


@pytest.mark.parametrize("line", [
    # a habit, not a thing done
    "Ordinarily we put a true duplicate $29 back within a day; yours is a hold.",
    # someone else pays
    "The extra $29 goes back to you by your card issuer, not by us.",
])
def test_a_habit_or_another_payer_gives_nothing_back(email_sample, line):
    assert priya(email_sample, line).fraction > 0


@pytest.mark.parametrize("line", [
    # credit, said without the word
    "I'll put $241 back into your Ledgerly balance to use on any plan or add-on.",
    # what is sent back is no money, or goes to a colleague
    "I'll send your $290 receipt back to you with the renewal switched off.",
    "I've sent your $290 case back to my team lead for an exception; I'll write by Thursday.",
])
def test_credit_a_document_or_a_case_sent_back_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "We've sent the duplicate back to your Mastercard this morning.",
    "I'll hand you back the duplicate before Friday.",
])
def test_the_duplicate_given_back_is_money_given_back(email_sample, line):
    assert priya(email_sample, line).fraction == 0


def test_a_duplicate_document_sent_back_is_no_refund(email_sample):
    assert priya(email_sample, "I've sent the duplicate receipt back to you as a PDF.").fraction > 0
