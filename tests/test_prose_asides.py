"""Asides that interrupt a clause (worksample/prose/asides.py): the clause goes on after them,
so a negation before an aside reaches what follows it, and a cue before one keeps its course;
and what only looks like an aside (a list, a condition, a second clause) stays apart."""

from __future__ import annotations

import pytest
from recommendation_corpus import read_option
from test_email_checks import findings

from worksample.prose.asides import asides, bracketed
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses
from worksample.prose.text import sentences


def one(text: str):
    [sentence] = sentences(text)
    return sentence


@pytest.mark.parametrize(("text", "read"), [
    ("We won't, as things stand, ship a second parcel.", "We won't (as things stand) ship"),
    ("The upgrade, sadly, is not included.", "The upgrade (sadly) is not"),
    ("I'd advise, after looking at the logs, resetting the sync.", "I'd advise (after looking"),
    ("She can — for now — use the old invoices.", "She can (for now) use"),
    ("Revenue is, at $212,400, above plan.", "Revenue is (at $212,400) above"),
    ("We're unable, this late in the year, to swap the plan.", "We're unable (this late in"),
    # a description after a noun, longer than other asides
    ("Net revenue, adjusted for refunds and failed card payments in every month, grew by 4%.",
     "Net revenue (adjusted for refunds and failed card payments in every month) grew"),
    ("The backlog, measured as open tickets per agent, doubled.",
     "The backlog (measured as open tickets per agent) doubled"),
    # a contrast: another thing set against the noun before it
    ("Tickets, not calls, doubled in May.", "Tickets (not calls) doubled"),
    ("Refunds, if not chargebacks, fell after the fix.", "Refunds (if not chargebacks) fell"),
    ("Logins — not counting test accounts — tripled.", "Logins (not counting test accounts)"),
    # a figure of the noun before it
    ("New signups, down 28%, fell to 531.", "New signups (down 28%) fell"),
    ("Open tickets, now 1,448, dropped by a third.", "Open tickets (now 1,448) dropped"),
])
def test_an_aside_is_read_as_a_reader_reads_it(text, read):
    assert read in bracketed(one(text))


@pytest.mark.parametrize("text", [
    "Ship it today, refund the fee, or send a voucher.",  # a list
    "If the fee stays, as it did in June, we lose the account.",  # a condition, then a course
    "We can't, I'm sorry, but a voucher is possible.",  # "but" after the marks
    "We can't, however, we will send a voucher.",  # a subject after the marks
    "We can't, but, honestly, we will send a voucher.",  # "but" opens the marks
    "Churn hit 3,400 accounts, 12 more than plan.",  # digit groups are no marks
    "We won't wait for the courier, the warehouse, the bank and the insurer together today.",
    "We reviewed the churn, calculated the lifetime value, and wrote the memo.",  # a list
    "Churn doubled, concentrated in solo accounts, while teams held steady.",  # a clause after
    # a negation that opens a time, a degree or a clause of its own is no contrast
    "Tickets, not long after the fix, doubled.",
    "Tickets, not that we counted them all, doubled.",
    "Tickets, not once in May, doubled.",
    "Keep the fee, not the voucher, or refund it.",  # a list
    "Tickets rose to 3.38%, up 81%, which hurts.",  # a figure after a figure
    "Tickets, at 3.38%, fell within the ceiling.",  # a level, not a move
])
def test_what_only_looks_like_an_aside_stays_apart(text):
    assert asides(one(text)) == ()


def denied(phrase: str, text: str) -> str:
    return next(PhraseSet([phrase]).find_all([one(text)], negation=PhraseSet([]),
                                             scoped=True)).denied_by


@pytest.mark.parametrize(("phrase", "text"), [
    ("send a voucher", "We cannot, at least this month, send a voucher."),
    ("send a voucher", "I will not, I'm sorry to tell you, send a voucher."),
    ("send a voucher", "We can't — whatever the courier says — send a voucher."),
    ("voucher", "A voucher, I'm afraid, is not available on this plan."),
    ("send a voucher", "We are not able, after six weeks, to send a voucher."),
])
def test_a_negation_reaches_across_an_aside(phrase, text):
    assert denied(phrase, text)


@pytest.mark.parametrize(("phrase", "text"), [
    ("send a voucher", "We can't, however, we will send a voucher."),
    ("send a voucher", "We can't, I'm sorry, but we can send a voucher."),
    ("send a voucher", "We won't, honestly, hesitate to send a voucher."),
])
def test_a_negation_does_not_reach_a_second_clause_or_deny_an_encouragement(phrase, text):
    assert not denied(phrase, text)


def test_the_words_after_an_aside_are_in_the_clause_it_interrupts():
    clause_of = clauses(one("We cannot, at this point, send it, but a voucher is possible."))
    assert clause_of[0] == clause_of[1] == clause_of[5] == clause_of[6]  # we cannot … send it
    assert len({clause_of[2], clause_of[3], clause_of[4]}) == 1  # at this point
    assert clause_of[2] not in {clause_of[1], clause_of[7]}
    assert clause_of[7] != clause_of[6]  # "but" starts a clause


# --- what the plugins make of it ----------------------------------------------------------

REFUND_OPENING = "Hello Margaret. Refunds are only possible in the first 30 days. "


@pytest.mark.parametrize("refusal", [
    "I'm sorry, but we cannot, after seven weeks, refund you in full.",
    "We will not, I have to be honest with you, issue a refund for the unused months.",
])
def test_a_refusal_with_an_aside_is_no_forbidden_promise(email_sample, refusal):
    promise = findings(email_sample, "late-refund", REFUND_OPENING + refusal)
    assert promise["forbidden/promises-refund"].fraction == 1


def test_a_promise_with_an_aside_is_still_a_promise(email_sample):
    found = findings(email_sample, "late-refund",
                     REFUND_OPENING + "We will, just this once, refund you in full.")
    assert found["forbidden/promises-refund"].automatic_fail


@pytest.mark.parametrize(("section", "option"), [
    ("I'd recommend, having looked at both segments, holding Pro at $49 for every account.",
     "keep-49"),
    ("My recommendation, all told, is reverting to $39 for everyone before the next renewals.",
     "back-to-39"),
    ("We should not, whatever the sales team says, go back to $39 for everyone.", "none"),
    ("Reverting to $39 for everyone is, to my mind, not the answer.", "none"),
])
def test_a_recommendation_reads_through_an_aside(grade_analysis, section, option):
    assert read_option(grade_analysis, section) == option


# --- attacks on the rule (a red team read it), as classes with sentences of our own --------

@pytest.mark.parametrize(("phrase", "text"), [
    ("voucher", "I can offer you, since we can't send a voucher, a discount code."),
    ("voucher", "A discount code (not a voucher) is what we can offer."),
    ("voucher", "We can, since a voucher is not possible this late, add a discount code."),
])
def test_a_phrase_inside_an_aside_is_read_in_the_aside(phrase, text):
    assert denied(phrase, text)


@pytest.mark.parametrize(("phrase", "text"), [
    ("voucher", "We can't stop the paperwork for a voucher."),
    ("voucher", "I'd never want to refuse you a voucher."),
    ("send a voucher", "We cannot, after the long delay, send a voucher."),  # a noun, aside
    ("voucher", "Please don't wait for a voucher."),
    ("voucher", "We never withhold or send a voucher without approval."),
    ("voucher", "We never turn down a voucher for a customer in the first week."),
])
def test_a_negation_before_a_verb_that_withholds_still_denies(phrase, text):
    """Read as a promise ("nothing will stop your refund"), a double negative turned honest
    refusals and statements of the rule into automatic fails (three red teams); it is read
    as a denial, as it always was, and docs/email-assignments.md says so."""
    assert denied(phrase, text)


@pytest.mark.parametrize("refusal", [
    "We never turn down a full refund in the first month, but your plan is seven weeks old.",
    "I'm not refusing you a full refund lightly; the 30-day window has closed.",
])
def test_a_double_negative_is_no_forbidden_promise(email_sample, refusal):
    promise = findings(email_sample, "late-refund", REFUND_OPENING + refusal)
    assert promise["forbidden/promises-refund"].fraction == 1


def test_a_refusal_inside_an_aside_is_no_forbidden_promise(email_sample):
    found = findings(email_sample, "late-refund", REFUND_OPENING + "We can, since a full "
                     "refund is not possible this late, add account credit for the months left.")
    assert found["forbidden/promises-refund"].fraction == 1


@pytest.mark.parametrize(("section", "option"), [
    ("We could, should the board ask, return to $39 for everyone, but I recommend holding Pro "
     "at $49 for every account.", "keep-49"),
    ("Finance might, in a bad quarter, want us to hold the price at $49; I recommend we go back "
     "to $39 for everyone.", "back-to-39"),
])
def test_an_option_named_only_in_a_hedge_is_weighed_beside_a_firm_one(grade_analysis, section,
                                                                        option):
    assert read_option(grade_analysis, section) == option


@pytest.mark.parametrize("section", [
    "We should, perhaps, hold the price at $49 for every account.",  # a hedge as the aside
    "We could hold the price at $49 for everyone, or we should go back to $39 for everyone.",
    "We could return to $39 for everyone, although the board keeps pressing to hold the price "
    "at $49.",
    "We might return to $39 for everyone, since last year we managed to hold the price at $49 "
    "for a while.",
])
def test_a_hedged_option_is_weighed_only_against_a_clause_that_recommends(grade_analysis,
                                                                           section):
    assert read_option(grade_analysis, section) == "none"
