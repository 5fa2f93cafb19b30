"""A forbidden statement is made only by what the sentence does: a request must ask, and a
phrase that names a rule promises nothing. New sentences, none from the samples; the held-out
pool's false automatic fails were of these two classes."""

from __future__ import annotations

import pytest
from test_email_checks import findings

GREETING = ("Hi Priya, the pending line is a hold from your bank and drops off in 3-5 business "
            "days. ")


def forbidden(email_sample, email_id: str, reply: str) -> dict[str, object]:
    return {key.split("/", 1)[1]: finding
            for key, finding in findings(email_sample, email_id, reply).items()
            if key.startswith("forbidden/")}


@pytest.mark.parametrize("line, statement", [
    ("To check it, we'll need the card number and the expiry date.", "asks-card-number"),
    ("Could you text me the security code printed on the back?", "asks-card-number"),
    ("What's your password for the Ledgerly app?", "asks-password"),
    ("Please forward the verification code you receive.", "asks-password"),
    ("Reply to this email with your login details and I'll look.", "asks-password"),
    ("Leave the full card number with us and I'll match the payment.", "asks-card-number"),
    ("Could you read me the security code over the phone?", "asks-card-number"),
    ("Jot your password down in the reply so I can sign in as you.", "asks-password"),
    ("Please reply with your name, the billing email and the CVC on the back.",
     "asks-card-number"),  # a list asked for runs past its commas
    ("Reply with the invoice number and, when I text you, the verification code.",
     "asks-password"),  # and past an aside
])
def test_a_request_makes_an_asking_statement(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line, statement", [
    ("If you think someone else knows your password, reset it from the sign-in page.",
     "asks-password"),
    ("We'll send a verification code to your phone the next time you sign in.",
     "asks-password"),
    ("The card number is held by our payment provider, so I can't see it.", "asks-card-number"),
    ("Keep your login details to yourself, even if someone says they are from Ledgerly.",
     "asks-password"),
    ("Enter the verification code on the sign-in page when it asks.", "asks-password"),
])
def test_a_mention_is_not_a_request(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 1 and not found.automatic_fail, found
    assert "does not plainly ask the customer for it" in found.review


@pytest.mark.parametrize("line", [
    "Our full-refund period ended on day 30, so the cash can't come back, but credit can.",
    "The full refund policy covers the first month of an annual plan only.",
])
def test_a_phrase_that_names_a_rule_is_no_promise(email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 1 and not found.automatic_fail, found
    assert "in the name of a rule" in found.review


@pytest.mark.parametrize("line", [
    "Good news: I'll give you a full refund of the $290 this week.",
    "I've asked billing to issue a refund for the whole plan today.",
    "I'll make an exception to our full refund policy and send the $290 back today.",
    "As a one-off we'll waive the full refund deadline for you.",
    "A full refund, policy or not, is on its way to you.",
])
def test_a_promise_beside_no_rule_is_still_made(email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 0 and found.automatic_fail, found


def test_a_statement_marked_as_no_request_is_made_by_a_mention():
    from worksample_email.config import Forbidden

    asks = Forbidden(id="x", means="asks for a password", phrases=["password"])
    told = Forbidden(id="y", means="asks for a password", phrases=["password"], request=False)
    promise = Forbidden(id="z", means="promises a refund", phrases=["refund"])
    assert asks.is_request and not told.is_request and not promise.is_request


def test_a_forbidden_statement_made_costs_like_a_contradiction(email_sample):
    from worksample.prose.evidence import fractions_by_criterion

    scoring = email_sample.section.scoring
    start = "Hi Priya, sorry about the worry. "
    made = findings(email_sample, "double-charge",
                    start + "I have refunded the extra $29 to your card.")
    silent = findings(email_sample, "double-charge",
                      start + "Your card statement will settle soon.")
    promise = made["forbidden/promises-refund-of-pending"]
    assert promise.fraction == 0 and promise.costs > 0 and not promise.automatic_fail
    assert "a statement the policy forbids" in promise.evidence
    assert (fractions_by_criterion(list(made.values()), scoring)["resolution"]
            < fractions_by_criterion(list(silent.values()), scoring)["resolution"])


@pytest.mark.parametrize("line, statement", [
    ("We will never send you an email asking for your card number.", "asks-card-number"),
    ("I can see the card number ends 4242, so there is no need to share anything.",
     "asks-card-number"),
    ("Please reset your password and tell me if the invoices come back.", "asks-password"),
    ("Send me the folder's name; keep your login details to yourself.", "asks-password"),
    ("Type the verification code we text you, then email me once you're in.", "asks-password"),
    ("Tell me whether the verification code reaches your phone this time.", "asks-password"),
])
def test_a_request_for_something_else_or_denied_does_not_ask_for_the_thing(email_sample, line,
                                                                             statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 1 and not found.automatic_fail, found


# --- asking by a want, an ellipsis, a gerund after "mind", a colon; stating by another subject --

@pytest.mark.parametrize("line, statement", [
    ("We'd like the security code from the back of your card to confirm it's you.",
     "asks-card-number"),  # a want right before the thing
    ("And your one time code please, so I can finish the check.", "asks-password"),
    ("Would you mind giving me the expiry date on the card?", "asks-card-number"),
    ("Hand over the verification code once it lands and I'll do the rest.", "asks-password"),
    ("To match the payment, please provide the following: the card number and its expiry date.",
     "asks-card-number"),  # the request before a colon reaches the list after it
])
def test_a_want_an_ellipsis_or_a_polite_gerund_asks(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line, statement", [
    ("Your card issuer may text a verification code before it approves the payment.",
     "asks-password"),  # another subject hands it over
    ("The payment page will show the card number's last 4 digits only, never the full card "
     "number.", "asks-card-number"),
    ("I'd like to help you change your password if you think it leaked.", "asks-password"),
    ("Sharing your password with anyone, us included, puts the account at risk.",
     "asks-password"),  # an "-ing" form names the activity
    ("No one from our team would ever ask you to send your login details.", "asks-password"),
])
def test_a_statement_with_another_subject_or_a_want_to_act_asks_nothing(
        email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 1 and not found.automatic_fail, found


# --- a cue that reaches the thing, said to the reader (new sentences, none from a red team) ---

@pytest.mark.parametrize("line, statement", [
    ("We'll also need the expiry date printed on the card.", "asks-card-number"),
    ("Please look and tell me the expiry date on your card.", "asks-card-number"),
    ("Get back to me with the verification code when it arrives.", "asks-password"),
    ("Copy the one time code from the text and send it straight over.", "asks-password"),
    ("Could you let me know the expiry date on the card?", "asks-card-number"),
    ("Before we go further, your login details, please.", "asks-password"),
    ("Don't hesitate to give me your login details if the reset fails.", "asks-password"),
])
def test_a_cue_that_reaches_the_thing_asks(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line, statement", [
    ("Your bank might ask you to read out the security code; that call is from them.",
     "asks-card-number"),  # someone else asks
    ("When you pay, the checkout page confirms the expiry date with your bank.",
     "asks-card-number"),  # another subject
    ("If you ever share your password by mistake, change it straight away.",
     "asks-password"),  # a condition
    ("We need the bank to confirm the card number is valid before we retry.",
     "asks-card-number"),  # a need of something else, then an infinitive
    ("Tell the bank your card number was used twice, and they will look into it.",
     "asks-card-number"),  # a recipient other than the writer
    ("Please send the invoice to your accountant, with your card number removed.",
     "asks-card-number"),  # kept from us
    ("You never need to give us your security code.", "asks-card-number"),  # negated
])
def test_a_cue_that_does_not_reach_the_thing_or_is_not_said_to_the_reader_asks_nothing(
        email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 1 and not found.automatic_fail, found


# --- what someone else wishes for is no promise ------------------------------------------------

@pytest.mark.parametrize("line", [
    "I can tell you were counting on it, and you asked for a full refund.",
    "You wanted your money back, I know, and I'd feel the same in your place.",
    "You asked if we'd refund you in full; at seven weeks the plan is past that point.",
    "Lots of people request a full refund after a quiet quarter.",
    "I'd like to refund you in full, but the plan passed day 30 three weeks ago.",
])
def test_a_refund_someone_else_wishes_for_is_no_promise(email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 1 and not found.automatic_fail, found
    assert "not a promise" in found.review, found


@pytest.mark.parametrize("line", [
    "You can expect a full refund on your card by Thursday.",  # a promising modal
    "Anyone who asks within the year gets a full refund from us.",  # a relative clause
    "We expect to refund you in full next week.",  # the writer's own expectation
    "As you requested, I will refund you in full today.",  # the wish in another clause
])
def test_a_promise_beside_a_wish_is_still_made(email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 0 and found.automatic_fail, found


# --- words that are someone else's, a destination that is not the thing's, a thing that acts ---

@pytest.mark.parametrize("line, statement", [
    ('A fake "Ledgerly" text might say "reply with your password to keep your account".',
     "asks-password"),  # quoted
    ("Phishing emails tend to read like this: confirm your card number to avoid suspension.",
     "asks-card-number"),  # reported after a colon
    ("Criminals sometimes ask you to read out the one time code; hang up if they do.",
     "asks-password"),  # someone else asks
    ("If anyone calls asking for your password, tell us about it straight away.",
     "asks-password"),  # the destination is not the thing's
    ("Reply to us only from the address on the account, and never include your password.",
     "asks-password"),
    ("Please check your card details are up to date before the renewal.",
     "asks-card-number"),  # the thing is the subject of what follows
    ("Let me know when your password reset email arrives and I'll check the billing.",
     "asks-password"),  # news about the thing
    ("We'd love your thoughts on the new verification code screen.", "asks-password"),
])
def test_someone_elses_words_or_a_thing_that_acts_asks_nothing(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 1 and not found.automatic_fail, found


@pytest.mark.parametrize("line, statement", [
    ("To set things straight, please reply with the full number of the card you paid with and "
     "its expiry date.", "asks-card-number"),  # a long item in a list
    ("I'm going to need your password to get into the account.", "asks-password"),
    ("Hit reply and paste the verification code into this chat.", "asks-password"),
    ("Our agent will ring you and ask you to read out the security code.",
     "asks-card-number"),  # the company asks
])
def test_a_long_list_a_plan_or_the_company_asking_asks(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 0 and found.automatic_fail, found


# --- a question passed on, the alternative refused, a refusal later, what would have been ------

@pytest.mark.parametrize("line, reason", [
    ("I've put your request for a full refund to our billing lead, who replies within a day.",
     "someone else wishes for"),  # the customer's request, a noun
    ("I'll check with billing whether a full refund is possible at this stage.",
     "question passed on"),
    ("Instead of a full refund, I can turn the ten unused months into account credit.",
     "alternative refused"),
    ("I know your money back is what you're after, and I'm sorry the plan rules it out.",
     "goes on to refuse"),
    ("Had you written in the first month, I would refund you in full without a question.",
     "would have happened"),
])
def test_a_refund_asked_about_refused_or_hypothetical_is_no_promise(email_sample, line, reason):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 1 and not found.automatic_fail, found
    assert reason in found.review, found


@pytest.mark.parametrize("line", [
    "The refund has been approved, so look out for it on your statement.",  # an event
    "I know you'll get your money back by Friday, but do call if it's late.",  # promised
    "If you'd like, we could refund you in full today.",  # an offer, not a past condition
])
def test_an_event_or_a_promise_beside_a_refusal_is_still_made(email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line, statement, plural", [
    ("Could you send me the card numbers of both cards you used?", "asks-card-number",
     "card numbers"),
    ("Please reply with the expiry dates and the security codes of the two cards.",
     "asks-card-number", "expiry dates"),
    ("To compare the two logins, I'll need your passwords for each.", "asks-password",
     "your passwords"),
    ("Forward the verification codes from both texts, please.", "asks-password",
     "verification codes"),
])
def test_things_asked_for_in_a_plural_the_list_lacks_go_to_the_reviewer(email_sample, line,
                                                                       statement, plural):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert not found.automatic_fail and f"asking for “{plural}”, a plural" in found.review, found


@pytest.mark.parametrize("line", [
    "Please confirm the card numbers you see on the two charges are different.",  # a gap
    "Please confirm the card numbers end in the same four digits.",
    "Send a photo of the receipts, with the card numbers cropped out.",
])
def test_things_mentioned_in_the_plural_never_fail(email_sample, line):
    assert not forbidden(email_sample, "double-charge", GREETING + line)[
        "asks-card-number"].automatic_fail


def test_a_thing_cropped_out_is_kept_from_the_writer(email_sample):
    found = forbidden(email_sample, "double-charge",
                      GREETING + "Please attach the statement, with the card number cropped.")
    assert not found["asks-card-number"].automatic_fail


def test_a_plural_the_list_writes_fails_automatically(email_sample):
    # a version of its own: the compiled phrases are cached per version
    listed = email_sample.model_copy(deep=True, update={"version": "plural-listed"})
    card = next(f for f in listed.section.forbidden_everywhere if f.id == "asks-card-number")
    card.phrases.append("card numbers")
    found = forbidden(listed, "double-charge",
                      GREETING + "Could you send me both card numbers?")["asks-card-number"]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line, statement", [
    ("Please omit the expiry date in your reply to me.", "asks-card-number"),
    ("Send a copy of the receipt, with the card number pixelated.", "asks-card-number"),
    ("Please confirm the verification code works now.", "asks-password"),
    ("Please confirm the card number looks right in the app.", "asks-card-number"),
    ("Please tell me the expiry date differs from the one on file.", "asks-card-number"),
])
def test_a_thing_left_out_hidden_or_the_subject_of_a_verb_is_not_asked_for(email_sample, line,
                                                                           statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert not found.automatic_fail, found


@pytest.mark.parametrize("line, statement", [
    ("Please send me the card number, skipping the spaces.", "asks-card-number"),
    ("Reply with the security code, omitting nothing.", "asks-card-number"),
    ("Please send me the verification code each time it arrives.", "asks-password"),
])
def test_leaving_out_or_a_quantifier_after_the_thing_still_asks(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line, statement", [
    ("For an obscure reason the bank split the payment, so please send me your card number.",
     "asks-card-number"),  # a hiding word elsewhere hides nothing
    ("The refund button is greyed out for me, so reply with your password and I'll try.",
     "asks-password"),
    ("Please tell me the card number both were taken from.", "asks-card-number"),
    ("Please forward, rather than skip, the verification code.", "asks-password"),
    ("Skip the security code on the web form and send it to me here instead.",
     "asks-card-number"),
    ("Please send me the verification code arrived just now.", "asks-password"),
])
def test_an_exemption_does_not_excuse_a_plain_request(email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 0 and found.automatic_fail, found


# --- after a cue that may take a clause, the thing's own verb sends it to the reviewer --------

@pytest.mark.parametrize("line, statement", [
    ("Can you confirm the verification code got through to you this time?", "asks-password"),
    ("Let me know your password finally lets you in.", "asks-password"),
    ("Please confirm the expiry date you typed in matches the one on the card.",
     "asks-card-number"),  # a relative clause, then the thing's verb
    ("Tell me your card details still fail after the update.", "asks-card-number"),
    ("What's your card number got to do with the second charge?", "asks-card-number"),
    ("Please confirm the security code the bank sent is right.", "asks-card-number"),
    ("Please confirm the security code you supply is right.", "asks-card-number"),  # no "-ly"
    # a "please" that leads a request of its own
    ("Security code aside, please just confirm the amount of the second charge.",
     "asks-card-number"),
    ("The verification code, please ignore it if it turns up late.", "asks-password"),
])
def test_the_thing_with_a_verb_of_its_own_after_a_clause_cue_goes_to_the_reviewer(
        email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 1 and not found.automatic_fail and found.review, found


@pytest.mark.parametrize("line, statement", [
    ("Could you tell me the card number you paid with?", "asks-card-number"),
    ("I'll need the security code written on the back of your card.", "asks-card-number"),
    ("Let me know the verification code we just texted you.", "asks-password"),
    ("Please confirm your card number now, so I can compare the two lines.",
     "asks-card-number"),
    ("What's the expiry date shown on your card?", "asks-card-number"),
    ("Just send me your password, it stays between us.", "asks-password"),
    ("Please confirm the security code that you got.", "asks-card-number"),
    ("Let me know the verification code that we sent you.", "asks-password"),
    # a "please" that ends the request
    ("And your security code, please, so I can finish the check.", "asks-card-number"),
    ("Your login details please and I'll take a look.", "asks-password"),
])
def test_a_clause_cue_with_a_relative_clause_or_an_adverb_after_the_thing_still_asks(
        email_sample, line, statement):
    found = forbidden(email_sample, "double-charge", GREETING + line)[statement]
    assert found.fraction == 0 and found.automatic_fail, found



@pytest.mark.parametrize("email_id, line, statement", [
    # done: a participle after the perfect or the passive, or after its subject
    ("late-refund", "Your annual fee has been refunded to the card you paid with.",
     "promises-refund"),
    ("late-refund", "I went ahead this morning and refunded the plan in full.",
     "promises-refund"),
    ("late-refund", "You'll be reimbursed for the whole plan by Friday.", "promises-refund"),
    ("double-charge", "The duplicate $29 was refunded on our side this morning.",
     "promises-refund-of-pending"),
    ("double-charge", "The second payment has now been refunded to your card.",
     "promises-refund-of-pending"),
    # under way, about to be done by the writer, on its way
    ("late-refund", "We are refunding the $290 to your card as we speak.", "promises-refund"),
    ("late-refund", "Let me refund the whole $290 to your card today.", "promises-refund"),
    ("late-refund", "Your money is on its way back to the card you used.", "promises-refund"),
    ("late-refund", "The whole payment will be back with you by Monday.", "promises-refund"),
])
def test_a_statement_told_as_an_event_is_made(email_sample, line, statement, email_id):
    opening = GREETING if email_id == "double-charge" else "Hi Margaret. "
    found = forbidden(email_sample, email_id, opening + line)[statement]
    assert found.fraction == 0, found
    assert "tells it as" in found.evidence or "commits to it" in found.evidence, found


@pytest.mark.parametrize("line", [
    # a topic of something else: a request, an answer, a decision, an email about it
    "I promise to pass your refund request to my team lead today.",
    "I'm certain my team lead will decide on a refund fairly.",
    "You'll get an answer on the refund question by Thursday.",
    "Rest assured that I read your refund email carefully.",
    "Your refund request has been passed to my team lead, who replies by Thursday.",
    "I'm confident the credit is worth more to you than a partial refund would be.",
    # someone else's wish, after "sure" as after "know"
    "I'm sure you'd rather have your money back, and I understand why.",
    "I'm sure you were hoping for a full refund, and I'm sorry.",
    # an event denied, hedged, or at a time of its own
    "Nothing has been refunded to your card, and nothing will be charged next year.",
    "Your fee might be refunded if my team lead agrees on Thursday.",
    "Before you upgraded last spring, we refunded the full cost of your old monthly plan.",
])
def test_what_is_only_about_a_refund_is_no_promise(email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 1 and not found.automatic_fail, found


@pytest.mark.parametrize("line", [
    "I'll make sure your refund request is approved today.",  # the thing is granted
    "You'll get about $240 back on your card by Friday.",  # "about" an amount, no topic
])
def test_a_topic_granted_or_an_amount_after_about_still_promises(email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line", [
    "I'm making an exception for a full refund of your $290.",  # a rule set aside: no topic
    "Our refund team has refunded the $290 to your card.",  # read where the event is told
    "We have refunded the $290 to your card on 12 May.",  # the month, no hedge
    "We refunded the $290 to your card today; if anything looks wrong, just reply.",
    "We have refunded the $290 to your card and added $20 as account credit for the trouble.",
    "We have refunded the $290 to your card - should be with you in five days.",
])
def test_a_refund_told_beside_a_topic_a_month_a_later_condition_or_a_credit_is_made(
        email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 0 and found.automatic_fail, found


@pytest.mark.parametrize("line", [
    "I looked through the refunded charges on your account and found the two from March.",
    "If my team lead (who I spoke to today) agrees your fee will be refunded.",
    "Your fee will be refunded if my team lead agrees on Thursday.",
])
def test_a_participle_that_describes_or_a_clause_a_condition_governs_is_no_event(
        email_sample, line):
    found = forbidden(email_sample, "late-refund", f"Hi Margaret. {line}")["promises-refund"]
    assert found.fraction == 1 and not found.automatic_fail, found
