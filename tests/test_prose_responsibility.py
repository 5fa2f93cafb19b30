"""Blame by lecturing, recognised by its form (``prose.responsibility``), on new sentences:
what is sure, what goes to the reviewer, and what is no blame at all."""

from __future__ import annotations

import pytest

from worksample.prose.responsibility import lecture
from worksample.prose.text import sentences


def read(text: str):
    return lecture(sentences(text)[0])


@pytest.mark.parametrize("text", [
    "The subscription agreement you signed in May covers this case.",
    "As the policy you've accepted explains, renewals are final.",
    "It is written plainly in our conditions, which you acknowledged, that fees stand.",
    "You were responsible for exporting the files before closing the workspace.",
    "Cancelling before the renewal date was your responsibility.",
    "You were required to give notice in writing.",
    "You ought to have checked the plan limits first.",
    "Honestly, you should not have removed the admin account.",
])
def test_a_second_person_duty_or_consent_is_blame(text):
    found = read(text)
    assert found is not None and found.sure, found


@pytest.mark.parametrize("text", [
    "You were supposed to confirm the change by email.",  # or the company failed to send it
    "It was up to you to pick the export format.",
    "As our terms state, a workspace is kept for 14 days.",
    "In future, it's a good idea to download a copy each month.",
    "Once you have accepted the updated terms, the discount applies.",
    "You're required to confirm your email before we can continue.",
])
def test_an_uncertain_lecture_goes_to_the_reviewer(text):
    found = read(text)
    assert found is not None and not found.sure, found


@pytest.mark.parametrize("text", [
    "You were not responsible for the outage in any way.",
    "This is not your responsibility, and I'll sort it out.",
    "If you agree, I'll move the balance to your new plan today.",
    "I'm sorry you had to chase us about this.",
    "The credit stays on your account for you to use in the future.",
    "You don't need to do anything else.",
    "I should have replied sooner, and I apologise.",
    "Our policy gives you account credit for the unused months.",
    "You shouldn't have to chase us for an invoice you've already paid for.",  # sympathy
])
def test_reassurance_offers_and_own_mistakes_are_no_blame(text):
    assert read(text) is None


# --- a reproach for the past; a choice, a need, an expectation; a listed phrase said plainly ---

@pytest.mark.parametrize("text", [
    "Had you exported the workspace before closing it, the files would have been kept.",
    "If you'd renewed a day earlier, the old price could have applied.",
    "Going forward, do keep a copy of each export.",
    "For future reference, the renewal date is on the billing page.",
])
def test_a_reproach_for_the_past_or_advice_for_later_goes_to_the_reviewer(text):
    found = read(text)
    assert found is not None and not found.sure, found


@pytest.mark.parametrize("text", [
    "It's entirely up to you which export format you prefer.",
    "You needed the March figures for your accountant, and they're safe.",
    "You expected the discount to carry over, and I'll make sure it does.",
    "You signed up for the yearly plan in May, so the renewal is in May too.",
])
def test_a_choice_a_need_an_expectation_or_signing_up_is_no_lecture(text):
    assert read(text) is None


# --- the reader's duty in the third person; a rule called clear ---------------------------------

@pytest.mark.parametrize("text", [
    "Backing up exported reports is the subscriber's responsibility under the plan.",
    "Account owners are responsible for removing old admins from the workspace.",
    "Checking the renewal date was always the client's job.",
    "In this case the fault rests with the account holder, not with our system.",
    "The onus is on the customer to download statements before closing an account.",
    "It falls to the account owner to remove former staff from the workspace.",
    "The notice period is clearly stated in the agreement you received.",
])
def test_a_duty_put_on_the_customer_or_a_rule_called_clear_is_blame(text):
    found = read(text)
    assert found is not None and found.sure, found


@pytest.mark.parametrize("text", [
    "Users are expected to export their data before the workspace closes.",
    "Keeping a copy is up to the account owner.",
    "The deadline was plainly shown on the confirmation page.",
    "Our FAQ clearly explains that exports are kept for a week.",
    # a rule called clear: held against the reader, or good news; no form tells them apart
    "Our pricing policy was very clear about renewals.",
    "The cancellation terms are perfectly clear that fees paid are not returned.",
    "Our pricing policy could not be clearer: renewals are only cancelled before the date.",
    "The export policy is clear that a draft is not deleted.",
    # or holds something back, said of "you": may be good news
    "The terms are clear that you will not lose any of your exports.",
])
def test_an_uncertain_third_person_duty_or_a_page_said_to_be_clear_goes_to_the_reviewer(text):
    found = read(text)
    assert found is not None and not found.sure, found


@pytest.mark.parametrize("text", [
    "It is not the customer's job to chase a refund we promised.",
    "Customers are our responsibility, and I'll see this through.",
    "Many users find the export button easier on the desktop app.",
    "Subscribers are entitled to credit for the whole unused months.",
    "Our terms are not as clear as they ought to be about renewals.",
    "To be clear, the policy lets me offer you credit today.",
    "The credit will be clearly marked on your next invoice.",
    "Your balance is shown clearly on the first page of the statement.",
    # a word for the reader inside another noun, some customers, a duty denied or ours
    "Customer support is responsible for chasing the bank, so I've raised it today.",
    "The export sits on the user dashboard, where the fault banner is shown.",
    "Several subscribers are required by their auditors to keep monthly exports.",
    "How long the hold lasts is down to each customer's bank.",
    "Whether to keep the plan is up to the account owner, which is you.",
    "I'll make sure the renewal rules are clearly explained in your next statement.",
    # a rule cited in the reader's favour
    "The refund policy is clear that you're entitled to credit for the unused months.",
    "The terms you accepted work in your favour here: the credit is yours.",
    "Our billing page clearly explains how to download each invoice.",
    "The workspace is explicitly set up to keep deleted files for 30 days.",
    "The renewal policy clearly says that you're eligible for credit.",
    # wished or promised, a choice
    "We'll make sure the export policy is clear about deadlines.",
    "Our renewal terms should be clear, and I'm sorry they weren't.",
    "Choosing between the two plans falls to the account owner.",
    # a forecast or a thing had, not a thing done; a choice offered
    "You shouldn't have any trouble opening the export.",
    "You ought to have the files back by this afternoon.",
    "It's up to you: keep the credit or switch to monthly billing.",
])
def test_a_customers_right_our_duty_or_our_unclear_terms_are_no_blame(text):
    assert read(text) is None
