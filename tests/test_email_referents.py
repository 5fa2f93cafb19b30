"""A forbidden statement made through a pronoun ("the second $29 was a duplicate, so I've
refunded it") is read as the thing it stands for (``prose.referents``). New sentences, none
from the samples or the red teams' corpus."""

from __future__ import annotations

import pytest
from test_email_unasserted import margaret, priya

from worksample.prose.referents import with_referent
from worksample.prose.text import sentences


@pytest.mark.parametrize("line", [
    "I checked with billing and the later $29 is the duplicate. We've reversed it for you.",
    "The second $29 was a duplicate, so I've refunded it today.",
    "The extra $29 came from a retry. It has been refunded to your card.",
    "Yes, the second payment was a duplicate; it's been reversed and will show in 3-5 days.",
    "The second line on your statement is a duplicate charge. We've voided it.",
    "That second $29 is the extra one. I'll refund it this afternoon.",
    "The later $29 is the duplicate. I've reversed that for you.",
    "You're right that the newer $29 payment is a duplicate. I've refunded this already.",
])
def test_a_refund_of_the_pending_charge_told_through_a_pronoun_is_made(email_sample, line):
    found = priya(email_sample, line)
    assert found.fraction == 0, found
    assert "read as" in found.evidence, found


@pytest.mark.parametrize("line", [
    # the thing named last is another: "it" is the add-on
    "The second $29 is a hold, but the $12 add-on was charged twice, so I've refunded it.",
    # the mention is denied: nothing was a duplicate
    "The second $29 isn't a duplicate. I can't refund it, because it was never taken.",
    "The later $29 is not a duplicate, and there is nothing for me to reverse.",
    # a condition that is not the reader's
    "The second $29 is an authorisation. If it hasn't dropped off by Friday, I'll refund it.",
    # the bank lets it go on its own, which is right to say
    "Your bank shows the second $29 as pending. It will be released automatically.",
    "The second $29 is a pending hold from your bank. I can't reverse it, but it drops off "
    "within 3-5 business days.",
    # "it" is the object of something else
    "The second $29 will drop off within 3-5 business days. Your March invoice had the wrong "
    "address, so I've reissued it.",
    # "that" names a thing of its own
    "The second $29 is a hold. I've reversed that renewal you asked about.",
    "The second $29 is a hold. I've confirmed that your plan won't renew.",
    "Could you check whether the extra $29 has left your account? Then I'll know whether to "
    "refund it.",
])
def test_a_pronoun_whose_referent_is_not_the_statement_is_not_read_as_it(email_sample, line):
    found = priya(email_sample, line)
    assert found.fraction == 1, found


@pytest.mark.parametrize("line", [
    "The duplicate $29? Already refunded it for you.",
    "The extra $29 was a retry on our side. Refunded it this morning.",
    "Second $29: a duplicate. Refunded it, all done.",
])
def test_a_listed_phrase_made_of_a_pronoun_is_read_as_the_phrase(email_sample, line):
    # no writer in the clause, so no commitment: the listed phrase itself, named again
    found = priya(email_sample, line)
    assert found.fraction == 0, found
    assert "read as" in found.evidence, found


@pytest.mark.parametrize("line", [
    "The duplicate $29 will drop off. Refunded it? No, there was nothing to refund.",
    "The extra $29 is a hold, not a charge. Refund it? There's no need: it drops off in 3-5 days.",
    "The second $29 is a duplicate hold. Never refunded it, as it was never taken.",
])
def test_a_listed_phrase_made_of_a_pronoun_and_denied_or_asked_is_not_made(email_sample, line):
    found = priya(email_sample, line)
    assert found.fraction == 1, found


@pytest.mark.parametrize("line", [
    "The later $29 is a duplicate, which I refunded a minute ago.",
    "The extra $29 is a duplicate, which we've reversed.",
    "The second $29 was a duplicate, which has been refunded.",
    # adverbs inside the verb's words do not take the pronoun out of reach
    "The second $29 was a duplicate. It has now been refunded to your card.",
    "The second $29 was a duplicate, which has now been refunded to your card.",
])
def test_a_refund_told_through_which_or_with_adverbs_is_made(email_sample, line):
    found = priya(email_sample, line)
    assert found.fraction == 0, found
    assert "read as" in found.evidence, found


@pytest.mark.parametrize("line", [
    "The second $29 is a pending hold, which I can't refund because it was never taken.",
    "The second $29 is a duplicate hold, which your bank will release on its own.",
    "The second $29 is a duplicate hold, which I would only refund if it were ever taken.",
    "The second $29 is a duplicate hold, which we never refund.",
    "You have two $29 lines; the second, which is pending, will drop off.",
    "I'm not sure which I should refund, so I've asked billing to look at both.",
])
def test_which_denied_conditional_or_about_another_is_no_refund(email_sample, line):
    found = priya(email_sample, line)
    assert found.fraction == 1, found


def test_an_object_relative_is_written_after_its_verb():
    (sentence,) = sentences("The later $29 is a duplicate, which I refunded a minute ago.")
    referent = with_referent(sentence, None, [("refunded", "duplicate")])
    assert referent is not None
    assert referent.sentence.text == ("The later $29 is a duplicate, I refunded the duplicate "
                                      "$29 a minute ago.")


def test_a_full_refund_promised_through_a_pronoun_fails_automatically(email_sample):
    found = margaret(email_sample, "You asked about the full $290. I've refunded it today.")
    assert found.fraction == 0 and found.automatic_fail, found
    kept = margaret(email_sample, "You asked about the full $290. I'm sorry, I can't refund it.")
    assert kept.fraction == 1, kept


def test_the_referent_is_written_into_the_sentence_and_described():
    before, sentence = sentences("The pending $29 is the duplicate. I've reversed it now.")
    referent = with_referent(sentence, before, [("refund", "duplicate")])
    assert referent is not None
    assert referent.sentence.text == "I've reversed the duplicate $29 now."
    assert referent.sentence.index == sentence.index
    assert referent.describe() == "“it” read as “the duplicate $29”, named just before"
    # no statement's verb beside the pronoun: nothing is read
    assert with_referent(sentence, before, [("renew", "plan")]) is None
