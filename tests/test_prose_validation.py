"""Acknowledging the reader without a word of feeling (``prose.validation``), on new
sentences: what is sure, what goes to the reviewer, and the same words in advice, facts,
offers and conditions, which are none."""

from __future__ import annotations

import pytest

from worksample.prose.text import sentences
from worksample.prose.validation import validation


def read(text: str):
    return validation(sentences(text)[0])


@pytest.mark.parametrize("text", [
    "It makes total sense that you'd want the renewal stopped before anything else.",
    "It's only natural that you checked your statement twice after seeing that.",
    "You were absolutely right to raise it with us this morning.",
    "A gap in your records like that would unsettle anyone.",
    "Anyone in the middle of a year-end close would be rattled by that.",
    "Anyone with payroll due on Friday would feel the pressure of a missing month.",
    "I'd feel exactly the same in your position.",
    "If I'd just paid for a full year, I'd be disappointed too.",
    "It makes so much sense that you'd want this sorted before the weekend.",  # "so" intensifies
    "I'd be so anxious too.",
])
def test_a_sure_validation_is_credited(text):
    found = read(text)
    assert found is not None and found.sure, found


@pytest.mark.parametrize("text", [
    "Wanting a clear answer before your accountant's deadline is perfectly reasonable.",
    "Your instinct to pause new invoices is a sensible one.",
    "That's a fair question.",
    "No one enjoys finding an unexpected line on their card statement.",
    "A missing month of invoices is the last thing you need this week.",
    "You shouldn't have to remember cancellation dates on top of running a studio.",
    "Double-checking your own bank statement is not something you should have to do.",
    "No one should have to dig through statements for this.",
    "You should never have to ask twice for an invoice.",
])
def test_a_validation_that_may_be_a_remark_goes_to_the_reviewer(text):
    found = read(text)
    assert found is not None and not found.sure, found


@pytest.mark.parametrize("text", [
    # advice, a remark about the world, a fact
    "It makes sense to wait until the hold drops off before you contact the bank.",
    "It makes sense for you to keep the credit rather than switch plans.",
    "It's reasonable to expect the pending line to go by Thursday.",
    "You were right that the plan renews on 12 September.",
    "You're right to read the terms more closely next time.",
    "Checking Trash before anything else is a reasonable first step.",
    # other people, offers, instructions
    "Anyone with access to the account can restore items from Trash.",
    "Nobody on our side changed the billing settings.",
    "Most people would find the invoice under Settings → Billing → Invoices.",
    "Anyone who reads the pricing page would feel certain the window is 30 days.",
    "This change would concern anyone who pays by card, not just you.",
    "I'd be happy to send the invoice again as a PDF.",
    "I'd be glad to do the same for your accountant.",
    "I'd recommend checking Trash before anything else.",
    "The last thing you need to do is confirm the switch under Settings.",
    # a condition, a dismissal, a comma, a negation, an idiom
    "If the credit makes sense, you'd see it on your account tomorrow.",
    "Whether you were right to choose annual billing no longer matters.",
    "The backup is valid, you'd only lose the changes made since last night.",
    "It doesn't make sense that you would be charged for the same month twice.",
    "To be fair, you were charged only once.",
    # a reaction denied, an explanation, a rule
    "Anyone would not be bothered by a hold like that.",
    "I'm not sure that you were right to cancel the card.",
    "It makes sense that you were billed on the 3rd: that is the renewal date.",
    "It's only fair that you cover the seats you added.",
    # events, parts, numbers and others
    "It makes sense that you got two emails: one for the hold and one for the payment.",
    "You were right to the day about the renewal date.",
    "You were only right to a degree about the amount.",
    "Anyone on the annual plan would get the same credit.",
    "A daily reminder would irritate most people, so we send one.",
])
def test_the_same_words_in_advice_facts_offers_and_conditions_are_no_validation(text):
    assert read(text) is None


def test_a_validation_earns_the_empathy_check_by_its_form(email_sample):
    from test_email_checks import findings

    found = findings(email_sample, "double-charge",
                     "Hi Priya. You were right to ask before paying anything else.")
    assert found["empathy"].fraction == 1
    assert "an acknowledgement by its form" in found["empathy"].evidence


def test_a_validation_that_may_be_a_remark_is_quoted_for_the_reviewer(email_sample):
    from test_email_checks import findings

    found = findings(email_sample, "double-charge",
                     "Hi Priya. You shouldn't have to chase a bank for your own money.")
    assert found["empathy"].outcome == "skipped"
    assert "a validation (“you shouldn't have to”)" in found["empathy"].review


def test_a_validation_for_the_reviewer_does_not_cancel_an_acknowledgement(email_sample):
    from test_email_checks import findings

    found = findings(email_sample, "double-charge",
                     "Hi Priya. I can see how unsettling two lines look, and nobody should have "
                     "to puzzle over a statement.")
    assert found["empathy"].fraction == 1 and not found["empathy"].review
