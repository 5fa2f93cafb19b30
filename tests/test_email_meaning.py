"""The email checks read meaning, not only words: negation scope, contradictions, soft
forbidden promises, blame and hedging, pasted policy, identity; with new sentences."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_email_checks import findings

# --- negation scope -----------------------------------------------------------------------

def test_a_denied_policy_fact_is_a_contradiction_that_costs_beyond_the_fact(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. Sadly, account credit is not available for the months "
                     "left on an annual plan.")
    credit = found["facts/credit"]
    assert credit.fraction == 0 and credit.costs > 0
    assert "denies it (“not … available” after it)" in credit.evidence


def test_a_denial_in_another_clause_does_not_touch_the_fact(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. We can't return the cash, but you can have account "
                     "credit for each whole month left.")
    assert found["facts/credit"].fraction == 1 and found["facts/credit"].costs == 0


def test_a_denial_does_not_answer_a_what_question_but_answers_a_yes_no_one(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. I'm afraid there's no goodwill credit we can add. "
                     "A refund after the first month is not something I can arrange.")
    alternative = found["questions/alternative"]  # "what can you do for me?"
    assert alternative.fraction == 0 and "denies it" in alternative.review
    assert found["questions/money-back"].fraction == 1  # "can I get my money back?": no


def test_an_answer_that_denies_a_policy_fact_is_a_wrong_answer_not_a_doubt(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. A refund is no longer possible, and I'm sorry to say "
                     "there is no account credit for the months left either.")
    alternative = found["questions/alternative"]  # "what can you do for me?": nothing, wrongly
    assert alternative.fraction == 0 and not alternative.review
    assert "answered by denying what the policy says" in alternative.evidence
    assert found["facts/credit"].costs > 0


def test_a_denial_of_something_else_leaves_the_offered_fact_answering(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. A downgrade is not something we offer, but account "
                     "credit for each whole month left is.")
    alternative = found["questions/alternative"]
    assert alternative.fraction == 1  # the credit, offered in its own clause, answers it


def test_no_need_to_stop_is_an_answer(email_sample):
    found = findings(email_sample, "missing-invoices",
                     "Hi Dmitri, there's no need to stop using Ledgerly while I look.")
    assert found["questions/stop-using"].fraction == 1


# --- contradictions weigh more than omissions ----------------------------------------------

def test_a_wrong_number_costs_more_than_leaving_the_fact_out(email_sample):
    from worksample.prose.evidence import fractions_by_criterion

    scoring = email_sample.section.scoring
    start = "Hi Dmitri, sorry for the fright. "
    wrong = findings(email_sample, "missing-invoices",
                     start + "Deleted invoices wait in the Trash for 60 days.")
    silent = findings(email_sample, "missing-invoices", start + "Please look in the Trash.")
    assert wrong["facts/trash"].fraction == 0 and "says 60" in wrong["facts/trash"].evidence
    wrong_share = fractions_by_criterion(list(wrong.values()), scoring)["resolution"]
    silent_share = fractions_by_criterion(list(silent.values()), scoring)["resolution"]
    assert wrong_share < silent_share - 0.2


# --- soft forbidden promises ---------------------------------------------------------------

def test_a_promise_is_recognised_by_what_it_commits_to(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. I'm confident you'll have the $290 back on your card "
                     "by Monday.")
    promise = found["forbidden/promises-refund"]
    assert promise.fraction == 0 and promise.automatic_fail
    assert "commits to it: “i'm confident” with “money … back”" in promise.evidence


def test_a_promise_about_something_else_or_denied_is_no_forbidden_promise(email_sample):
    invoice = findings(email_sample, "double-charge",
                       "Hi Priya. I'll make sure you get the invoice by email today.")
    assert invoice["forbidden/promises-refund-of-pending"].fraction == 1
    denied = findings(email_sample, "late-refund",
                      "Hello Margaret. I can't guarantee you'll see the $290 back, but I've "
                      "asked my team lead.")
    assert denied["forbidden/promises-refund"].fraction == 1


def test_a_sentence_making_a_forbidden_promise_answers_nothing(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. Rest assured that I'll push through a full refund of "
                     "your plan this week.")
    assert found["forbidden/promises-refund"].fraction == 0
    answer = found["questions/money-back"]
    assert answer.fraction == 0 and "makes a forbidden statement" in answer.review


# --- blame is not an answer; hedging is not a next step ------------------------------------

def test_a_sentence_blaming_the_customer_answers_nothing(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. You should have switched off the renewal yourself "
                     "before the year began.")
    answer = found["questions/no-renewal"]
    assert answer.fraction == 0 and "blames the customer" in answer.review
    assert found["blame"].fraction < 1


def test_a_hedged_next_step_is_no_next_step_but_a_firm_one_is(email_sample):
    hedged = findings(email_sample, "missing-invoices",
                      "Hi Dmitri. We'll see whether a backup might help at some point.")
    step = hedged["next_step"]
    assert step.fraction == 0 and "a hedged sentence" in step.review
    firm = findings(email_sample, "missing-invoices",
                    "Hi Dmitri. I'll restore last night's backup by 3pm today.")
    assert firm["next_step"].fraction == 1


# --- a general statement of the rule is no promise -----------------------------------------

@pytest.mark.parametrize("reply", [
    "Hello Margaret. A yearly subscription may be refunded in full during its first 30 days.",
    "Hello Margaret. Refunds are guaranteed for the first 30 days after purchase only.",
])
def test_a_general_statement_of_the_rule_is_no_forbidden_promise(email_sample, reply):
    found = findings(email_sample, "late-refund", reply)
    statement = found["forbidden/promises-refund"]
    assert statement.fraction == 1 and not statement.automatic_fail
    assert "general statement" in statement.review or statement.evidence == "not found"


def test_a_general_statement_with_a_wrong_number_is_a_contradiction_not_a_fail(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hello Margaret. Yearly plans are refunded in full within 21 days of "
                     "purchase, so yours is past that.")
    assert found["forbidden/promises-refund"].fraction == 1
    assert "general statement" in found["forbidden/promises-refund"].review
    window = found["facts/refund-window"]
    assert window.fraction == 0 and window.costs > 0 and "says 21" in window.evidence


@pytest.mark.parametrize("reply", [
    "Hello Margaret. Your plan will be refunded in full by Friday.",
    "Hello Margaret. We have issued a refund to the card on file.",
    "Hello Margaret. Good news, you will get your money back this week.",
    "Hello Margaret. Is it all right if I refund you in full today?",
])
def test_a_statement_to_this_customer_is_still_the_promise(email_sample, reply):
    found = findings(email_sample, "late-refund", reply)
    promise = found["forbidden/promises-refund"]
    assert promise.fraction == 0 and promise.automatic_fail


def test_an_imperative_is_not_a_general_statement(email_sample):
    found = findings(email_sample, "double-charge",
                     "Hi Priya. Send the CVC from the back of the card.")
    assert found["forbidden/asks-card-number"].automatic_fail


# --- credit for what a reply does not do needs substance ------------------------------------

def absence_credit(email_sample, email_id: str, reply: str) -> dict[str, object]:
    from worksample_email.checks import credit_for_absence

    found = findings(email_sample, email_id, reply)
    return dict(zip(found, credit_for_absence(list(found.values())), strict=True))


def test_a_reply_that_answers_nothing_earns_nothing_for_what_it_left_out(email_sample):
    found = absence_credit(email_sample, "missing-invoices",
                           "Hi Dmitri, thanks for getting in touch with us about this today.")
    for key in ("blame", "spelling", "clarity", "forbidden/declares-data-lost"):
        assert found[key].fraction == 0, key


def test_absence_credit_is_in_proportion_to_the_questions_answered(email_sample):
    found = absence_credit(email_sample, "missing-invoices",
                           "Hi Dmitri, your invoices are safe and we can restore them for you "
                           "from Settings, Trash.")
    answered = sum(found[f"questions/{q}"].fraction >= 1
                   for q in ("lost-everything", "get-back", "stop-using"))
    assert answered == 2
    assert found["blame"].fraction == pytest.approx(2 / 3, abs=1e-3)
    assert "2 of 3" in found["blame"].evidence


def test_a_reply_that_answers_every_question_keeps_its_absence_credit(email_sample):
    found = absence_credit(email_sample, "missing-invoices",
                           "Hi Dmitri, your invoices are safe: look in Settings, Trash, where "
                           "you can restore them. You can keep using Ledgerly meanwhile.")
    assert found["blame"].fraction == 1 and found["forbidden/declares-data-lost"].fraction == 1
    assert "in proportion" not in found["blame"].evidence


# --- a sign-off and empathy by their form ----------------------------------------------------

BODY = "Hi Priya. The pending line is a hold from your bank and drops off within 3-5 business days."


@pytest.mark.parametrize("closing", ["With gratitude,\nSam Reyes\nLedgerly Support",
                                     "Speak soon,\nSam", "Yours truly,\nSam"])
def test_a_short_closing_line_ending_in_a_comma_before_the_name_is_a_sign_off(
        email_sample, closing):
    found = findings(email_sample, "double-charge", f"{BODY}\n\n{closing}")
    assert found["sign_off"].fraction == 1


@pytest.mark.parametrize("closing", [
    "Speak soon!\nSam", "Have a lovely weekend!\nSam Reyes\nLedgerly Support",
    # a closing sentence of thanks, of any length, before the name
    "Thank you for bearing with us while this clears.\nSam\nLedgerly Support"])
def test_an_exclamation_or_a_thanks_before_the_name_is_a_sign_off(email_sample, closing):
    found = findings(email_sample, "double-charge", f"{BODY}\n\n{closing}")
    assert found["sign_off"].fraction == 1, found["sign_off"]


@pytest.mark.parametrize("closing", ["Sam", "Sam Reyes\nLedgerly Support", "T. Okoro",
                                     "Ana-Maria O'Neil", "Ledgerly Support\nSam",
                                     "Anouk van den Broek", "Zoë Çelik", "– Sam",
                                     "Jonas Weber, Billing Specialist"])
def test_the_writers_name_alone_closing_the_reply_is_a_sign_off(email_sample, closing):
    found = findings(email_sample, "double-charge", f"{BODY}\n\n{closing}")
    assert found["sign_off"].fraction == 1 and "the writer's name" in found["sign_off"].evidence


@pytest.mark.parametrize("closing", [
    "Support", "The Billing Team\nLedgerly",  # a team signs for no one
    "Priya", "Priya's Account",  # the customer's name
    "Ledgerly", "Ledgerly Payments",  # the product (the assignment's spelling allow-list)
    "PENDING HOLD ONLY", "Also", "Invoices And Billing",  # capitals, small or checked words
    "Speak to you soon.",  # a sentence
    "Good news!\nThe hold drops off within three to five business days.",  # no name after it
    # thanks, but not before the name: the reply ends on it
    "Thank you for bearing with us while the bank releases the hold on your card.",
    "For the invoice, see Settings,\nthen Billing and Invoices.",  # a sentence that runs on
    "One more thing,\nthe invoice is a PDF you can send on to your accountant today.",
])
def test_a_name_or_a_line_running_on_is_no_sign_off(email_sample, closing):
    found = findings(email_sample, "double-charge", f"{BODY}\n\n{closing}")
    assert found["sign_off"].fraction == 0


@pytest.mark.parametrize("line", [
    "We fully appreciate how this looks on a bank statement.",
    "Seeing two payments must have been unsettling for you.",
    "I know you were anxious about the second charge.",
])
def test_an_acknowledgement_is_recognised_by_its_form(email_sample, line):
    found = findings(email_sample, "double-charge", f"Hi Priya. {line}")
    assert found["empathy"].fraction == 1
    assert "an acknowledgement by its form" in found["empathy"].evidence


@pytest.mark.parametrize("line", [
    "I don't understand why the bank shows it twice.",  # denied
    "I hope you understand that the bank decides this.",  # the customer is to understand
    "We appreciate the invoice request and will send it.",  # nothing felt
])
def test_what_is_not_an_acknowledgement(email_sample, line):
    found = findings(email_sample, "double-charge", f"Hi Priya. {line}")
    assert found["empathy"].fraction == 0 and not found["empathy"].review


def test_a_feeling_word_with_no_person_is_left_to_the_reviewer(email_sample):
    found = findings(email_sample, "double-charge",
                     "Hi Priya. A double line on a statement is alarming.")
    assert found["empathy"].outcome == "skipped" and "alarming" in found["empathy"].review


def test_a_lecture_by_its_form_is_blame_and_an_uncertain_one_is_for_the_reviewer(email_sample):
    sure = findings(email_sample, "late-refund",
                    "Hello Margaret. The renewal terms you accepted when you paid cover this, "
                    "so a refund is not possible now.")["blame"]
    assert sure.fraction == 0.5 and "reminds the customer of rules they accepted" in sure.evidence
    unsure = findings(email_sample, "late-refund",
                      "Hello Margaret. Next time, a monthly plan may suit a trial better. "
                      "A refund is not possible now.")["blame"]
    assert unsure.fraction == 1 and unsure.review


@pytest.mark.parametrize("said, right", [
    ("within 4-5 business days", True),
    ("in 3 to 4 business days", True),
    ("in 5-9 business days", False),  # shares one end with the policy's 3-5, and is wrong
    ("in 1-3 business days", False),
])
def test_a_range_agrees_only_when_it_lies_within_the_policys(email_sample, said, right):
    found = findings(email_sample, "double-charge",
                     f"Hi Priya, the pending authorisation drops off {said}.")
    fact = found["facts/pending-clears"]
    assert (fact.fraction == 1) is right, fact.evidence
    if not right:
        assert fact.costs > 0 and "where the policy says 3-5 business days" in fact.evidence


# --- a listed blame phrase said plainly or kindly --------------------------------------------

@pytest.mark.parametrize("line", [
    "You should have received a confirmation email on Monday; if not, I'll resend it.",
    "You should have been sent a reminder before the renewal, and I'm sorry you weren't.",
    "You must have been worried when the second line appeared.",
    "Obviously you'd rather not see two lines on your statement, and I understand.",
    "As stated in your account history, the card was charged once on 3 March.",
    # words that blame only when aimed at the reader, aimed elsewhere
    "Once the month-end rush calms down for you, the statement will look normal again.",
    "I expect the bank's app to calm down by Thursday, when the hold drops off.",
    "Obviously a second line on a statement is alarming, and I'm sorry it gave you a fright.",
    "Obviously the hold looks like a payment in most banking apps.",
    "Many thanks once again for flagging this so quickly.",
    "Apologies once again for the confusion the two lines caused.",
    "As I explained below, the invoice is in Settings → Billing → Invoices.",
    "As I mentioned at the top of this email, only one payment went through.",
    "We've once again looked at the payment log, and there is one charge.",
    "Obviously, a second line is alarming at first sight.",
    "You should have the corrected invoice in your inbox within the hour.",
    "You must have the admin role to restore an invoice from Trash.",
    "As I said I would, I've checked the payment log.",
    "You'll obviously want the PDF for your accountant.",
    "Obviously you're right that two lines look like two payments.",
])
def test_a_listed_blame_phrase_said_plainly_or_kindly_is_no_blame(email_sample, line):
    found = findings(email_sample, "double-charge", f"Hi Priya. {line}")["blame"]
    assert found.fraction == 1 and not found.review, found


@pytest.mark.parametrize("line", [
    "You should have been more careful about which card you used.",
    "You must have ignored the pending label on your statement.",
    "As stated in the terms, a pending line is not a charge.",
    "As I mentioned, the pending line is only a hold.",
    "Please calm down and look at the statement again.",
    "I need you to calm down before we go any further.",
    "Obviously you didn't check the pending label.",
    "Once again, a pending line is not a charge.",
    "As I explained before, only one payment was taken.",
    "As I've said, the pending line is only a hold.",
    "Obviously, you forgot to read the pending label.",  # "obviously" alone: the next clause
    "Sorry, but once again, the hold is not a payment.",  # the apology is not next to it
    "I once again need to point out that the hold is not a charge.",
    "Let's all calm down and look at the statement together.",
])
def test_a_listed_blame_phrase_said_as_blame_is_blame(email_sample, line):
    found = findings(email_sample, "double-charge", f"Hi Priya. {line}")["blame"]
    assert found.fraction < 1, found


# --- an empathy phrase that acknowledges nothing; acknowledgements in other words -----------

@pytest.mark.parametrize("line", [
    "I understand, but the rules apply to every account the same way.",
    "Sorry, but a pending line is not something we can remove.",
    "I understand the billing system can look odd at first glance.",
    "I can imagine a bank would show it the same way for any card.",
    "Apologies for the brief reply, I'm between two calls.",
    "We apologise for any inconvenience the hold may cause.",
    "That must be the hold your bank placed when you paid.",
])
def test_an_empathy_phrase_that_acknowledges_nothing_is_not_empathy(email_sample, line):
    found = findings(email_sample, "double-charge", f"Hi Priya. {line}")["empathy"]
    assert found.fraction == 0, found


@pytest.mark.parametrize("line", [
    "I know how unsettling two lines on a statement look.",
    "I can see why a second $29 would make you check your account twice.",
    "That's an awful thing to find on your statement right before payday.",
    "I understand that you were counting on that money this week.",
])
def test_an_acknowledgement_in_other_words_is_empathy(email_sample, line):
    found = findings(email_sample, "double-charge", f"Hi Priya. {line}")["empathy"]
    assert found.fraction == 1, found


# --- a sentence that talks around the question answers nothing -------------------------------

@pytest.mark.parametrize("email_id, question, line", [
    ("late-refund", "money-back", "I see you're hoping to get a refund for the studio plan."),
    ("late-refund", "alternative", "I'm checking what I can offer you as credit instead."),
    ("late-refund", "no-renewal", "I'll look into your renewal today and write back."),
    ("missing-invoices", "get-back", "I'm not sure yet whether we can restore everything."),
    ("double-charge", "invoice", "Our billing policy explains where invoices are kept."),
])
def test_a_sentence_that_talks_around_the_question_answers_nothing(email_sample, email_id, question,
                                                                     line):
    found = findings(email_sample, email_id, f"Hi. {line}")[f"questions/{question}"]
    assert found.fraction == 0 and "not counted" in found.review, found


@pytest.mark.parametrize("email_id, question, line", [
    ("late-refund", "no-renewal", "I've checked, and your plan is now set not to renew."),
    ("missing-invoices", "get-back", "I'm restoring them from this morning's backup now."),
    ("missing-invoices", "stop-using", "You don't need to stop using Ledgerly in the meantime."),
    ("late-refund", "alternative", "If you'd like, I can turn the unused months into credit."),
])
def test_an_answer_beside_a_check_or_an_offer_still_answers(email_sample, email_id, question, line):
    found = findings(email_sample, email_id, f"Hi. {line}")[f"questions/{question}"]
    assert found.fraction == 1, found


# --- a sentence that only names what the customer asked about ---------------------------------

@pytest.mark.parametrize("email_id, question, line", [
    # after an apology, a list of topics
    ("late-refund", "no-renewal", "So sorry again about the renewal, billing and plan mix-up."),
    ("double-charge", "why-twice", "My apologies for the pending authorisation scare."),
    # after a noun of asking or of trouble
    ("missing-invoices", "get-back", "Thanks for your question about the Trash folder."),
    ("late-refund", "alternative", "I have read your message about account credit and the plan."),
    # "regarding", with the answer nowhere in the sentence
    ("double-charge", "invoice", "Regarding billing and the invoices PDF for your accountant."),
    # a verb of answering and its noun, then what was asked
    ("missing-invoices", "get-back", "Let me address each point about Trash and restoring."),
])
def test_a_sentence_that_only_names_the_topic_answers_nothing(email_sample, email_id, question,
                                                              line):
    found = findings(email_sample, email_id, f"Hi. {line}")[f"questions/{question}"]
    assert found.fraction == 0 and "only names" in found.review, found


@pytest.mark.parametrize("email_id, question, line", [
    # the topic is followed by what is said of it, in its own clause
    ("late-refund", "money-back", "I'm sorry the refund window closed before you wrote."),
    ("late-refund", "money-back", "Sorry about the refund not being an option at seven weeks."),
    # the answer comes after the topic, in a clause of its own
    ("late-refund", "money-back", "Regarding your refund, we can't offer one this late."),
    ("double-charge", "why-twice",
     "Sorry for the worry, Priya: that second line is only a pending hold by your bank."),
    # a list after "question" whose item says something
    ("missing-invoices", "lost-everything",
     "To answer your first question: no, your invoices are not lost."),
    # the answer in a short clause after the topic, however bare
    ("missing-invoices", "get-back",
     "Apologies for the fright with your invoices, all sitting safely in Trash."),
    ("late-refund", "no-renewal", "Regarding renewal: switched off for you."),
    ("missing-invoices", "stop-using", "To answer your question: yes, carry on using Ledgerly."),
    # a word of verdict inside the topic
    ("late-refund", "money-back", "I'm sorry for the lack of any refund this long after purchase."),
])
def test_a_topic_followed_by_what_is_said_of_it_still_answers(email_sample, email_id, question,
                                                              line):
    found = findings(email_sample, email_id, f"Hi. {line}")[f"questions/{question}"]
    assert found.fraction == 1, found


# --- words in any alphabet --------------------------------------------------------------------

def test_a_name_in_any_alphabet_is_one_word_and_is_recognised(email_sample):
    from worksample_email.courtesy import named

    from worksample.prose.text import sentences

    assert sentences("Dear Mr Müller, Zoë and Nguyễn wrote.")[0].words[:5] == (
        "Dear", "Mr", "Müller", "Zoë", "and")

    reply = SimpleNamespace(  # what ``named`` reads of a reply
        sentences=sentences("Dear Mr Müller, the hold drops off within 3-5 business days."),
        copies_the_customer=lambda sentence: False)
    found = named(reply, "Jörg Müller")
    assert found.fraction == 1 and "spelt" not in found.evidence
