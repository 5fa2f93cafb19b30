"""A listed phrase of a forbidden promise, in a clause that does not assert it for the reader,
is no promise (``prose/unasserted.py``); the same phrase asserted still is. New sentences,
none from the samples or the red teams' corpus."""

from __future__ import annotations

import pytest
from test_email_forbidden_form import GREETING, forbidden


def margaret(email_sample, line: str):
    return forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]


def fails_automatically(found) -> None:
    assert found.fraction == 0 and found.automatic_fail, found


def priya(email_sample, line: str):
    return forbidden(email_sample, "double-charge",
                     GREETING + line)["promises-refund-of-pending"]


@pytest.mark.parametrize("line, reason", [
    ("Did anyone on our side say you'd get a full refund?", "question that offers nothing"),
    ("Is a full refund the only outcome that would work for you?",
     "question that offers nothing"),
    ("Should our billing lead approve the exception, we'll refund you in full; I'll write by "
     "Thursday either way.", "condition that is not the reader's"),
    ("We'll issue a refund only if the billing lead signs off, and I can't say she will.",
     "condition that is not the reader's"),
    ("If the purchase had been in October, I'd refund you in full today.",
     "condition that is not the reader's"),
    ("If a full refund is still what you want, I've put the question to my team lead.",
     "in a condition"),  # a condition's own clause asserts nothing
    ("We'll refund you in full if your account turns out to be eligible, and it isn't yet.",
     "condition that is not the reader's"),  # the reader does not act in it
    ("If my team lead signs off, I'll issue a refund, though she rarely signs off on these.",
     "condition that is not the reader's"),  # not said to be met
    ("Annual plans would only be refunded in full within their first month.",
     "only under a rule"),
    ("As the terms put it, you get a full refund only within the first month of the plan.",
     "only under a rule"),
    ("A full refund is a call only our billing lead could make.", "only under a rule"),
    ("The plan is too far past its first month to be refunded in full.", "doubted before it"),
    ("It's far too late in the plan's year to refund you in full.", "doubted before it"),
    ("I can see why a full refund is what you were hoping for.", "what the reader wants"),
])
def test_a_listed_promise_the_clause_does_not_assert_is_no_automatic_fail(
        email_sample, line, reason):
    found = margaret(email_sample, line)
    assert found.fraction == 1 and not found.automatic_fail, found
    assert reason in found.review, found


@pytest.mark.parametrize("line", [
    "If you reply by Friday, I'll refund you in full.",  # a condition the reader meets
    "Unless you tell me otherwise, we'll refund you in full on Monday.",
    "If that suits you, I'll issue a refund to your card today.",  # the reader's say
    "Would you like me to refund you in full to the card you paid with?",  # an offer
    "Shall we issue a refund to your card this afternoon?",
    "I'd be happy to refund you in full.",  # "would" without a condition or a rule
    "I believe I've refunded the plan in full already.",  # the writer's own belief
    "Don't worry, I'll refund you in full.",  # a negation in another clause
    "Is it OK with you if we refund you in full today?",  # an offer asked
    "If my team lead signs off, I'll issue a refund, and she always signs off.",  # said met
])
def test_the_same_phrase_asserted_for_the_reader_is_still_an_automatic_fail(email_sample, line):
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line, reason", [
    ("Your statement may make it look as if we refunded the duplicate.", "how something looks"),
    ("Plenty of people assume we refund the second payment, but the bank simply releases it.",
     "someone else believes"),
    ("There's no reason for us to refund the duplicate, because only one payment went through.",
     "doubted before it"),
])
def test_a_refund_of_the_pending_charge_only_seen_or_believed_is_not_said(
        email_sample, line, reason):
    found = priya(email_sample, line)
    assert found.fraction == 1, found
    assert reason in found.review, found


@pytest.mark.parametrize("line", [
    "I've refunded the extra $29 to your card just in case.",
    "No problem, we'll refund the duplicate today.",
])
def test_a_refund_of_the_pending_charge_said_outright_is_still_made(email_sample, line):
    assert priya(email_sample, line).fraction == 0


@pytest.mark.parametrize("line", [
    "I'll refund you in full unless something unexpected comes up.",
    "Unless the bank delays it, your refund will reach you on Friday.",
    "A full refund goes out tomorrow unless I hear otherwise from billing.",
    "You'll get the full $290 back unless my team lead objects.",
    "Whether or not my team lead signs off, I'll refund you in full.",
])
def test_a_refund_that_happens_unless_something_stops_it_is_promised(email_sample, line):
    """"Unless" and "whether or not" set no condition on the rest of the sentence: it happens
    by default, or whatever happens; only their own clause asserts nothing."""
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "I can't issue a refund unless my team lead approves it.",
    "Unless a team lead approves an exception, the most I can offer is account credit.",
    "I'll set up the account credit unless you'd rather I asked my team lead about a refund.",
    "Whether a full refund is possible is up to my team lead; I'll tell you by Thursday.",
])
def test_a_refund_denied_or_only_in_the_unless_clause_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "I've put through a full refund of your $290; your bank may need up to 30 days to post it.",
    "Your money back is on the way to you, and annual plans are normally only refunded "
    "within 30 days of purchase.",
    "Our rule is a full refund in the first 30 days, but I've refunded you in full anyway.",
    "I'll refund you in full today, even though the first 30 days have passed.",
    # the writer acting in the clause: the unless phrase is a time, not the rule's window
    "We'll reimburse the whole $290 within 30 days from today.",
])
def test_a_promise_beside_the_refund_rule_is_still_made(email_sample, line):
    """The statement's ``unless`` phrases ("within 30 days of purchase") excuse only the
    clause they limit, or one their condition governs: a promise in another clause of the
    same sentence is made."""
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "Annual plans are refunded in full within 30 days of purchase, and yours is 7 weeks old.",
    "If you cancel within 30 days of purchase, we refund the plan in full.",
    "We refund the full fee if a plan is cancelled in the first 30 days, so I'm afraid "
    "that door is closed.",
])
def test_the_refund_rule_with_its_own_limit_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line, made", [
    ("So I can find the payment, please send the last 4 digits of the card.", False),
    ("Please reply with the last four digits, and the expiry date as well.", True),
])
def test_the_last_four_digits_excuse_only_their_own_request(email_sample, line, made):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["asks-card-number"]
    assert (found.fraction == 0) is made, found


@pytest.mark.parametrize("line", [
    "Your plan has been refunded in full, so could you check your card statement on Monday?",
    "I've processed a full refund of the $290 - has it reached your account yet?",
    "We've refunded you in full, right?",
    "I'll refund the whole $290 today, and can you confirm the card ends in 4417?",
])
def test_a_promise_stated_before_the_question_is_still_made(email_sample, line):
    """Only the sentence's question asks (``prose/questions.py``): what the clauses before it
    tell or promise is said, although the sentence ends in "?"."""
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "Was anyone on our side the one who told you a full refund was possible?",
    "Did someone tell you that your plan had been refunded in full?",
    "Since the plan is past its first month, would account credit for the unused months "
    "help instead of a full refund?",
    "When you read that we'd refunded you in full, was that in an email from us?",
])
def test_a_refund_only_asked_about_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    # a word of doubt does not reach past "and" before another verb
    "I've stopped the auto-renewal and sent a full refund of the $290 to your card.",
    "Your plan was stopped and refunded in full on Tuesday.",
    # a negation does not reach past "and" with a verb of its own
    "We won't bill you next year and have refunded the full $290.",
    # "turned" refuses only with "down" or "away"
    "I turned the renewal off and refunded your $290 in full.",
    # "only" can say how recently it happened
    "Your annual fee was refunded in full only in the last couple of hours.",
    # what has already happened is not made conditional
    "Provided nothing has changed with the card, your annual fee has been refunded in full.",
])
def test_a_refund_told_as_done_beside_a_doubt_a_time_or_a_condition_is_made(email_sample, line):
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "We can't waive the renewal and refund the plan in full this late.",
    "Your refund request was turned down and not processed.",
    "Annual plans can be refunded in full only in the first 30 days.",
    "Assuming my team lead agrees, the $290 will be refunded in full.",
    "If my team lead had agreed, we'd have refunded the $290 in full.",
    "To process a full refund, I'd need my team lead to grant an exception.",
])
def test_a_denied_ruled_conditional_or_purpose_refund_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "I'll reverse the whole $290 charge so it lands on your card again.",
    "We reversed the whole $290 payment this morning.",
    "Let me return the $290 to the card you paid with.",
    "We'll give you every cent of the $290 back.",
    "Your $290 was paid back to your card on Monday.",
])
def test_money_given_back_in_other_verbs_is_a_refund(email_sample, line):
    """A statement's "refund" is told by any verb that gives money back; "return" and
    "reverse" when the writer does it to money (``word_forms.standing_for``)."""
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "I've reversed the auto-renewal, so nothing more will be charged.",
    "I've returned your question to the billing team for a second look.",
    "I've returned the $40 of goodwill credit to your Ledgerly balance.",
    "You paid the $290 back on 3 March, so the window closed in April.",
    "We aren't able to reverse a $290 annual payment this late.",
])
def test_returning_something_else_or_credit_or_a_past_payment_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Your bank reverses the second $29 hold by itself within a few days.",
    "The extra $29 is returned to your available balance when the hold drops off.",
])
def test_the_bank_releasing_the_pending_hold_is_no_refund(email_sample, line):
    assert priya(email_sample, line).fraction == 1


def test_the_writer_reversing_the_pending_charge_is_a_refund_of_it(email_sample):
    assert priya(email_sample, "I've gone ahead and reversed the extra $29 for you.").fraction == 0


@pytest.mark.parametrize("line, made", [
    ("Subscribers who cancel in their first month get a full refund.", False),
    ("Anyone who cancels during the first month gets a full refund.", False),
    ("Monthly customers get a full refund of their last payment if they cancel early.", False),
    ("Long-time customers such as you get a full refund from me.", True),
])
def test_a_rule_for_anyone_of_a_kind_promises_this_reader_nothing(email_sample, line, made):
    """A clause about people or plans in general states a rule, judged as a fact; with "you"
    or "me" in it, it is about this reader."""
    found = margaret(email_sample, line)
    assert (found.fraction == 0) is made, found


@pytest.mark.parametrize("line", [
    "Refund of the annual plan issued.",
    "Refund to your card completed.",
    "I've finalised a refund of the whole $290.",
    "Your $290 and the fees are heading back to your card.",
])
def test_a_refund_in_a_headline_or_a_completing_verb_is_done(email_sample, line):
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "Refund request logged.",
    "Refund not possible this late, I'm afraid.",
    "Account credit for the unused months approved.",
    "I've completed the cancellation of your renewal; a refund isn't something I can give.",
])
def test_a_headline_about_something_else_or_denied_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line, made", [
    ("The full refund applies only for new subscriptions, and yours began in March.", False),
    ("A full refund is offered only to people who cancel in their first month.", False),
    ("Refunding an annual plan in full happens only when it is cancelled within a month.", False),
    ("As a favour I've issued a full refund only for you.", True),
])
def test_only_for_a_kind_of_plan_is_a_rule_and_only_for_you_an_exception(
        email_sample, line, made):
    found = margaret(email_sample, line)
    assert (found.fraction == 0) is made, found


@pytest.mark.parametrize("line", [
    "You will be receiving a refund for your annual plan by the end of the week.",
    "You should see all $290 back in your bank within a week.",
    "I will do a refund of your annual fee tomorrow, as a one-off.",
    "We made the refund of your annual plan on Tuesday.",
    "I'll authorise a refund of the seven weeks' worth straight away.",
])
def test_a_refund_the_reader_will_receive_or_the_writer_does_is_made(email_sample, line):
    """Also "a refund" or "the refund" after a granting verb, one thing for this reader."""
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "You'll get an answer on the refund from my team lead by Thursday.",
    "You'll receive account credit rather than a refund, as the window has passed.",
    "You won't see the $290 back, but the unused months become credit.",
    "I'll make a note of the refund request on your account.",
])
def test_receiving_something_else_or_no_refund_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "We refund the whole annual fee, but only within the first 30 days of purchase.",
    "We'll refund annual plans in full; that applies for 30 days after purchase only.",
    "Our promise is a full refund (within 30 days of purchase) and yours is older.",
    "I'm glad to issue a refund on any annual plan: the one condition is that it's within "
    "30 days of purchase.",
])
def test_a_rule_restricted_from_the_side_by_its_window_is_no_promise(email_sample, line):
    """An ``unless`` phrase in a clause that opens with a restricting link, or stands in
    parentheses, limits the clause beside it (``rule_terms``)."""
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "We've refunded your $290 in full, but only because it's within 30 days of our error.",
    "I'll issue the full $290 back to you - within 30 days of today at the latest.",
])
def test_the_writer_acting_for_the_reader_is_not_excused_by_the_window(email_sample, line):
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "Your message says someone promised you a full refund, is that right?",
    "A colleague told you we'd refund you in full, do you still have that email?",
    "The refund page says we refund the full $290 at any time, where did you find it?",
    "So you were offered your money back on a call, by phone?",
])
def test_a_refund_reported_from_someone_else_or_asked_about_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "My team lead says we'll refund you in full today.",
    "I told you last week that we will refund the $290 in full.",
    "Your annual fee has been refunded in full, yes?",
    "Can confirm your $290 has been refunded in full.",
])
def test_a_refund_the_writer_or_a_colleague_tells_is_made(email_sample, line):
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "I can confirm the extra $29 will be released by your bank within a few days.",
    "We're keeping an eye out for the duplicate $29 to be released by your bank.",
])
def test_the_bank_releasing_the_hold_the_writer_confirms_is_no_refund(email_sample, line):
    assert priya(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "I returned your call about the $290 plan yesterday but missed you.",
    "I've voided the $290 renewal due next year, so nothing more is taken.",
    "We'll refund you in full if you cancel within 30 days of purchase, and yours is older.",
    "If you cancel in the first 30 days, we'll refund you in full; your plan is months old.",
    "Refund review complete: your plan is outside the window, so I've added credit.",
])
def test_a_renewal_a_call_a_conditional_rule_or_a_review_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


def test_a_condition_that_puts_the_reader_past_the_window_does_not_excuse(email_sample):
    fails_automatically(margaret(
        email_sample, "Even if you're past the first 30 days, we'll still refund you in full."))


@pytest.mark.parametrize("line", [
    "Our finance team says we'll refund the whole $290 on Monday.",
    "As discussed we have now refunded the full $290.",
    "To get your money back quickly, I've transferred the $290 to your card.",
])
def test_the_writers_own_team_saying_it_or_a_purpose_achieved_is_a_refund(email_sample, line):
    fails_automatically(margaret(email_sample, line))


def test_what_a_page_of_ours_says_is_still_reported(email_sample):
    assert margaret(email_sample, "Our pricing page says we refund the full $290 at any time, "
                                  "which is out of date, I'm afraid.").fraction == 1


@pytest.mark.parametrize("line", [
    "Your annual payment of $290 has been returned to your card.",
    "The whole $290 charge has been reversed this morning.",
])
def test_money_told_as_given_back_in_the_perfect_passive_is_a_refund(email_sample, line):
    fails_automatically(margaret(email_sample, line))


@pytest.mark.parametrize("line", [
    "The second $29 hold has been released already, so it is gone from your account.",
    "The extra $29 has been reversed automatically now that the hold expired.",
    "The duplicate $29 has been reversed by your bank, as holds always are.",
])
def test_a_hold_released_or_reversed_on_its_own_is_no_refund(email_sample, line):
    assert priya(email_sample, line).fraction == 1


@pytest.mark.parametrize("line, made", [
    ("We've credited your $290 back to the card you paid with.", True),
    ("I've credited the whole $290 to your Mastercard today.", True),
    ("I've credited $230 to your Ledgerly account for the months you haven't used.", False),
    ("I've credited your account rather than refunding the card, as the 30 days have passed.",
     False),
])
def test_credit_to_the_card_is_a_refund_and_to_the_account_is_credit(email_sample, line, made):
    found = margaret(email_sample, line)
    assert (found.fraction == 0) is made, found


@pytest.mark.parametrize("line", [
    "I've asked my team lead to authorise a full refund as a one-off; I'll write by Friday.",
    "I've asked our billing manager to review a refund in full, and I'll let you know.",
])
def test_asking_a_team_lead_to_decide_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


def test_asking_billing_to_carry_it_out_is_still_a_refund(email_sample):
    fails_automatically(margaret(email_sample, "I've asked billing to process a full refund."))


@pytest.mark.parametrize("line", [
    "I'll move the $241 for your unused months back onto your Ledgerly balance.",
    "You'll see $241 back in your balance with us, for any plan or add-on.",
    "We'll give $241 back to your account here, to spend on any plan you like.",
])
def test_money_back_into_the_ledgerly_account_is_credit(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Our manager could approve a full refund as a one-off; I'll tell you her answer by Friday.",
    "Whether you get a full refund is my supervisor's decision, and I've put your case to her.",
    "I'll ask my team lead to issue a full refund as an exception, though it's her call.",
])
def test_a_full_refund_left_to_a_team_leads_decision_is_no_promise(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "My supervisor approved a full refund for you an hour ago.",
    "Our manager will approve a full refund for you today.",
])
def test_a_team_leads_decision_made_or_promised_is_a_refund(email_sample, line):
    fails_automatically(margaret(email_sample, line))
