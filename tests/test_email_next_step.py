"""A concrete next step: a commitment with a time counts by its form, a stock offer of more
help never counts; with sentences of our own, none taken from the samples."""

from __future__ import annotations

import pytest
from test_email_checks import findings


def next_step(email_sample, email_id: str, reply: str):
    return findings(email_sample, email_id, reply)["next_step"]


@pytest.mark.parametrize("line", [
    "I'll go through both lines on your statement below.",
    "We will now try to explain here what that second $29 is.",
    "I'm going to cover each of your three points in order.",
    "I will briefly walk you through where the invoices live, below.",
])
def test_a_promise_about_what_this_reply_says_is_no_next_step(email_sample, line):
    step = next_step(email_sample, "double-charge", f"Hi Priya, thanks for writing. {line}")
    assert step.fraction == 0 and "what this reply says" in step.review, step


@pytest.mark.parametrize("line", [
    "I'll explain the restore options when I call you tomorrow morning.",
    "I'll go ahead and ask our billing team to confirm the hold.",
    "We'll set up a call so I can answer anything the invoices raise.",
    # told to someone else, or "cover" as paying
    "I'll explain your case to my team lead and write back.",
    "I'll cover the difference with account credit.",
])
def test_a_promise_to_tell_with_a_time_or_to_act_is_still_a_next_step(email_sample, line):
    step = next_step(email_sample, "double-charge", f"Hi Priya, thanks for writing. {line}")
    assert step.fraction == 1, step


@pytest.mark.parametrize("line", [
    "I'm pulling up the backup list now and will send you the restore options before 2pm.",
    "You'll hear back from me by Thursday morning with copies of the invoices.",
    "We're restoring the March folder this afternoon.",
    "Our billing team is going to call you within the hour.",
    "My colleague in billing will contact you before close of business.",
    "I am checking the payment log at the moment and should have an answer by 4 pm.",
])
def test_a_commitment_with_a_time_is_a_next_step_by_its_form(email_sample, line):
    step = next_step(email_sample, "missing-invoices", f"Hi Dmitri, thanks for writing. {line}")
    assert step.fraction == 1, step
    assert "(a commitment with a time, by its form)" in step.evidence


@pytest.mark.parametrize("line", [
    "Our team is not going to finish the check before Monday.",  # denied
    "If we are still waiting for the bank by Friday, nothing more can be done.",  # a condition
    "The refund will reach your card by Friday.",  # no first person: a claim, not a step
    "Backups are taken every day at 2am and kept for 35 days.",  # a schedule, not a commitment
    "I spoke to the billing team this morning about the invoices.",  # past, no commitment
    "I'm hoping the invoices turn up in Trash today.",  # in progress, but no action
])
def test_a_time_without_a_commitment_is_no_next_step(email_sample, line):
    step = next_step(email_sample, "missing-invoices", f"Hi Dmitri, thanks for writing. {line}")
    assert step.fraction == 0, step


def test_a_hedged_commitment_with_a_time_is_left_to_the_reviewer(email_sample):
    step = next_step(email_sample, "missing-invoices",
                     "Hi Dmitri. I might be able to look at the backups by tomorrow morning.")
    assert step.fraction == 0 and "a hedged sentence" in step.review


@pytest.mark.parametrize("line", [
    "Let me know if there's anything more I can do.",
    "Let me know if any other questions come up.",
    "Please let me know if you need anything at all.",
    "Don't hesitate to reach out if anything else comes up.",
    "Feel free to get in touch with any further questions.",
    "I'll be here if you have any other questions.",
    "We'll be glad to help with anything else you need.",
    # the general condition before the listed phrase
    "If any other questions come up, just reply to this email.",
    "When you need anything more, please reply here.",
])
def test_a_stock_offer_of_more_help_is_no_next_step(email_sample, line):
    step = next_step(email_sample, "double-charge",
                     f"Hi Priya, the pending line is a bank hold. {line}")
    assert step.fraction == 0, step
    if step.review:  # a listed phrase ("let me know") matched, in a sentence that does not count
        assert "a stock offer of more help" in step.review


@pytest.mark.parametrize("line", [
    "Let me know which backup time suits you and I'll start the restore.",
    "Let me know whether the invoices are in Trash.",
    "Reply with the last four digits of the card, and let me know if anything else looks wrong.",
    "I'll ask billing to check the hold today, and tell me if anything else looks odd.",
    "If the hold is still there on Friday, just reply and I'll chase the bank.",
])
def test_an_offer_about_this_customers_problem_is_still_a_next_step(email_sample, line):
    step = next_step(email_sample, "double-charge",
                     f"Hi Priya, the pending line is a bank hold. {line}")
    assert step.fraction == 1, step


@pytest.mark.parametrize("line", [
    "When you send me the account email, I begin the restore straight away.",
    "We call you back within two hours with the backup times.",
    "I email the billing team right away and write to you by 3pm.",
    "Our team will start the check immediately.",
])
def test_a_plan_in_the_present_or_now_is_a_commitment_with_a_time(email_sample, line):
    step = next_step(email_sample, "missing-invoices", f"Hi Dmitri, thanks for writing. {line}")
    assert step.fraction == 1, step


@pytest.mark.parametrize("line", [
    "I rang the billing team before noon about your invoices.",  # past, irregular
    "We normally answer within an hour on weekdays.",  # a habit
    "I understand you need the invoices by Friday.",  # knowing, not acting
    "I phoned our billing team this afternoon about the invoices.",  # a time a past act takes
    # a red team's, against the first form of the rule
    "I immediately checked your Trash.",  # an adverb, then a past
    "I dug into the logs immediately after your email.",  # an irregular past
    "We answer every ticket within 2 hours.",  # a rule of the company's
    "Should I start the restore immediately, or wait for your reply?",  # a question
    'You wrote "I file my taxes by Friday", so I understand the urgency.',  # quoted
    "We immediately immediately immediately.",  # padding
])
def test_a_past_act_a_habit_or_a_feeling_with_a_time_is_no_plan(email_sample, line):
    step = next_step(email_sample, "missing-invoices", f"Hi Dmitri, thanks for writing. {line}")
    assert step.fraction == 0, step
