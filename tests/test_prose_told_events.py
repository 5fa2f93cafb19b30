"""A refund told as an event: one refund on its way ("The refund is on its way"), and one
granted by the writer's colleague ("My team lead approved your refund"). New sentences, none
from the samples or the red teams' corpus."""

from __future__ import annotations

import pytest
from test_email_unasserted import margaret


@pytest.mark.parametrize("line", [
    "The refund should land on the card by Friday.",
    "The full refund will arrive on the card within a week.",
])
def test_the_refund_on_its_way_is_an_event_not_a_rule(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "A refund should land on the card within a week of the team lead's approval.",
    "The refund team will reach out if the team lead approves anything.",
    "The refund you read about applies only in the first 30 days.",
])
def test_a_rule_or_another_thing_on_its_way_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "My supervisor looked at it again and approved your refund this morning.",
    "Our accounts team issued your refund yesterday afternoon.",
])
def test_a_colleague_of_the_writer_granting_it_tells_it_as_done(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "Your bank approved the refund of a different payment last year, I think.",
    "My team lead approved $25 of goodwill credit for the trouble.",
    "Our billing team turned down the refund, but I can offer credit.",
])
def test_someone_else_or_something_else_granted_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Would it help to know that I've already refunded your annual fee in full?",
    "Shall I send the receipt now that we've reimbursed the whole $290?",
])
def test_a_question_still_tells_what_the_writer_says_was_done(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "Have we reimbursed anything for your plan yet? No, and we can't after 30 days.",
    "Did someone here tell you we've refunded annual plans in full after a month?",
    "Were you expecting that we'd reimburse the whole $290?",
])
def test_a_question_about_it_tells_nothing(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Good news: the whole $290 is back on the card you paid with.",
    "Your refund went out to your bank an hour ago.",
    "Your refund is heading to your Mastercard now.",
    "The refund of your plan is under way.",
])
def test_money_or_a_refund_back_or_gone_out_is_on_its_way(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "Your $241 is back on your Ledgerly balance as account credit.",
    "The renewal notice went out in October, before the price change.",
    "Your refund request went out to my team lead this morning.",
    "Your request for a refund is in progress with my team lead.",
])
def test_credit_a_notice_or_a_rule_gone_out_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Your refund's been approved and issued to your Visa.",
    "The refund's been authorised by billing.",
])
def test_a_noun_with_s_tells_it_like_the_noun(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "A refund's out of the question this late, but credit isn't.",
    "The refund's been refused by my team lead, I'm sorry to say.",
])
def test_a_noun_with_s_denied_or_refused_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "When I went through your billing history, I refunded the full annual fee.",
    "After checking the renewal date, we refunded your plan in full.",
    "When you emailed on Tuesday, I refunded the whole $290.",
    "After I spoke with billing, I refunded your plan.",
    "When I took a look at the billing page, I refunded the whole fee.",
    "After I verified the renewal date, we refunded your plan in full.",
])
def test_a_time_of_this_very_ticket_still_tells_the_refund_done(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "When you switched from monthly billing, we refunded that month's fee.",
    "When you contacted us last spring, we refunded the monthly plan.",
    "When you wrote to us in October 2024, we refunded a monthly charge.",
    "When I checked your account, I noticed we refunded an add-on back in 2023.",
    "After reading your email, I remembered we refunded your previous plan when you upgraded.",
])
def test_a_time_of_another_event_tells_an_earlier_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Has the refund we arranged on Tuesday shown up on your statement?",
    "Did the full refund I approved this morning arrive?",
])
def test_a_question_about_a_refund_the_writer_says_was_done_tells_it(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "Has your bank's refund of the other payment reached you?",
    "Did you ask your bank about a refund?",
])
def test_a_question_about_a_refund_no_one_here_did_tells_nothing(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Payments will transfer the full $290 back to you tomorrow.",
    "Then the accounts team issued your refund an hour ago.",
    "Accounts is sending the $290 back to your Visa right now.",
])
def test_a_department_named_bare_acts_for_the_writer(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "Your card issuer's billing team will send the $290 back if they agree with you.",
    "Your employer's finance team paid the $290 back to you, I think.",
])
def test_another_companys_department_does_not_act_for_the_writer(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "You should expect all $290 back on your Visa early next week.",
    "You can expect your refund to arrive on the card by the 20th.",
    "Please expect the full refund to show on your statement in a few days.",
])
def test_the_reader_told_to_expect_the_refund_is_promised_it(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "You can expect my team lead to look at the refund question on Monday.",
    "You should expect the refund request to be turned down after seven weeks.",
    "I know you'll expect the $290 back, and I'm sorry that I can't give it.",
    "You can't expect the $290 back this long after buying, I'm afraid.",
])
def test_what_will_be_done_about_it_or_the_readers_own_expectation_is_no_refund(
        email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "Your $290 has been refunded to the Visa, and if it isn't there by the 20th, just reply.",
    "The $290 has been refunded, if it isn't on the Visa by the 20th, reply to this email.",
    "In case you were wondering, I've already refunded the full $290.",
])
def test_a_condition_of_what_follows_or_the_readers_own_still_leaves_it_promised(
        email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "You should expect the refund to go nowhere this late, I'm sorry to say.",
    "You asked when you can expect the $290 back: after seven weeks I can offer credit instead.",
    "Please expect the refund line of your invoice to show nothing.",
])
def test_an_expectation_that_arrives_nowhere_or_is_asked_about_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    "If it helps, I'll refund the full $290 to your Visa today.",
    "If that's okay with you, we'll refund all $290 to the Visa this afternoon.",
])
def test_a_courtesy_is_no_condition(email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail


@pytest.mark.parametrize("line", [
    "You'll have all $290 back on your Visa by the 20th, if the bank is quick about it.",
    "I'll refund the full $290 to the Visa, if my supervisor agrees, which she always does.",
    "I'll refund the full $290 to the Visa, if billing approves, and billing has approved it.",
])
def test_a_hope_or_a_decision_said_to_be_made_after_the_promise_holds_nothing_back(
        email_sample, line):
    found = margaret(email_sample, line)
    assert found.fraction == 0 and found.automatic_fail
