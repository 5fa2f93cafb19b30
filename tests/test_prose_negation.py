"""Negation scope: a phrase is denied by a negation before it in its clause, or by a negated
predicate of possibility after it; never by a negation in another clause."""

from __future__ import annotations

import pytest

from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses
from worksample.prose.text import sentences


def first(phrase: str, text: str):
    [sentence] = sentences(text)
    return next(PhraseSet([phrase]).find_all([sentence], negation=PhraseSet([]), scoped=True))


@pytest.mark.parametrize(("phrase", "text", "cue"), [
    ("store credit", "Sadly we do not give store credit for partial years.", "“not” before it"),
    ("replacement", "There's no way to send a replacement this week.", "“no” before it"),
    ("replacement", "We can't ship you a free replacement.", "“can't” before it"),
    ("store credit", "Store credit isn't available on this plan.", "“isn't … available” after it"),
    ("exchange", "An exchange is not something we offer.", "“not … something” after it"),
    ("exchange", "An exchange is impossible after the sale.", "“is impossible” after it"),
    ("ship it today", "I wish I could ship it today for you.", "“wish” before it"),
    # "has" and "have" after a negation are its auxiliary, not "have to"
    ("replaced", "Nothing has been replaced on your order yet.", "“nothing” before it"),
    ("store credit", "We don't have store credit on this plan.", "“don't” before it"),
    ("replacement", "No one has sent a replacement so far.", "“no” before it"),
])
def test_a_negation_in_the_phrases_clause_denies_it(phrase, text, cue):
    assert first(phrase, text).denied_by == cue


@pytest.mark.parametrize(("phrase", "text"), [
    ("store credit", "We cannot give cash back, but store credit is yours to use."),
    ("store credit", "A cash refund isn't possible; store credit is."),
    ("replacement", "I'm not sure why it broke, so a replacement is on its way."),
    ("stop using", "There's no need to stop using the app while we look."),
    ("replacement", "Not only will you get a replacement, we'll cover the postage."),
    ("replacement", "Your replacement won't take long to arrive."),
    ("replacement", "Don't hesitate to ask for a replacement if it arrives broken."),
    ("replacement", "You don't have to send the old one back for a replacement."),
    ("replacement", "Nobody has to wait for a replacement this week."),
])
def test_a_negation_elsewhere_or_that_denies_nothing_leaves_the_phrase(phrase, text):
    assert not first(phrase, text).negated


def test_of_several_matches_the_one_not_denied_is_given():
    [sentence] = sentences("We don't refund cash, and we refund the fee as credit instead.")
    match = next(PhraseSet(["refund"]).find_all([sentence], negation=PhraseSet([]),
                                             scoped=True))
    assert not match.negated and match.start == 6


def test_a_negation_does_not_reach_past_into_or_as():
    text = "We'll turn the weeks you didn't use into store credit."
    assert not first("store credit", text).negated


@pytest.mark.parametrize(("text", "denied"), [
    ("We should take option B rather than option A.", ""),
    ("We should take option B instead of option A.", ""),
    ("We should take option B, rather; option A is not possible.", ""),
    ("Option B is rather not an option for us.", "“rather … option” after it"),
])
def test_rather_than_turns_down_what_follows_not_the_phrase_before(text, denied):
    [sentence] = sentences(text)
    extra = PhraseSet(["rather", "instead", "not"])
    match = next(PhraseSet(["option b"]).find_all([sentence], negation=extra, scoped=True))
    assert match.denied_by == denied


@pytest.mark.parametrize(("text", "count"), [
    ("I'm so sorry this happened to you.", 1),
    ("It makes so much sense that you'd want it back.", 1),
    ("That must have been so unsettling.", 1),
    ("The window has passed so I've added store credit.", 2),
    ("The window has passed so store credit is the best I can do.", 2),
    ("Your plan renews in May so please check the date.", 2),
])
def test_so_starts_a_clause_unless_it_intensifies_the_word_after_it(text, count):
    [sentence] = sentences(text)
    assert len(set(clauses(sentence))) == count


def test_a_negation_before_so_does_not_deny_what_follows_it():
    text = "We aren't able to refund you so store credit is what I can offer."
    assert not first("store credit", text).negated


def gap_denied(phrase: str, text: str) -> str:
    """How the first match of ``phrase`` in ``text`` is denied, asked of no negation list."""
    [sentence] = sentences(text)
    return next(PhraseSet([phrase]).find_all([sentence])).denied_by


@pytest.mark.parametrize(("phrase", "text", "cue"), [
    ("parcel ... arrived", "The parcel has still not arrived at the depot.", "“not” within it"),
    ("replacement ... shipped", "Your replacement never actually shipped.", "“never” within it"),
    ("courier ... collected", "The courier sadly couldn't have collected it.",
     "“couldn't” within it"),
    ("invoice ... sent", "The invoice at no stage was sent.", "“no” within it"),
    ("billing ... invoices", "Billing never shows your invoices.", "“never” within it"),
    ("parcel ... arrived", "The parcel has not quite arrived.", "“not” within it"),
    ("parcel ... arrived", "The parcel has not arrived as a result.", "“not” within it"),
])
def test_a_verbs_negation_among_a_gaps_words_denies_the_phrase(phrase, text, cue):
    assert gap_denied(phrase, text) == cue


@pytest.mark.parametrize(("phrase", "text"), [
    ("parcel ... arrived", "The parcel, which never left Leeds, arrived late."),  # an aside
    ("parcel ... arrived", "The parcel that we never tracked arrived today."),  # a relative
    ("parcel ... arrived", "The parcel not on the manifest arrived today."),  # a noun's modifier
    ("parcel ... arrived", "The parcel never needing a signature arrived."),  # a participle
    ("parcel ... arrived", "The parcel not only arrived, it arrived early."),  # it adds
    ("delays ... longer", "Delays have never been longer than this week."),  # a superlative
    ("restore ... takes", "A restore never takes more than two days."),  # a bound
    ("parcel ... not arrived", "The parcel has not arrived."),  # a negation the phrase writes
    # a negation before a verb that denies by itself affirms
    ("billing ... invoices", "Billing never hides your invoices."),
    ("archive ... receipts", "The archive doesn't omit old receipts."),
    ("tracking ... parcels", "Tracking never fails to find parcels."),
    # a negation about a degree, or in a relative clause without its pronoun
    ("tickets ... doubled", "Tickets have not quite doubled since May."),
    ("tickets ... increased", "Tickets have not merely increased, they have doubled."),
    ("delays ... dropped", "Delays have not dropped as far as we hoped."),
    ("parcel ... arrived", "The parcel we hadn't tracked arrived today."),
])
def test_a_negation_in_a_gap_about_something_else_denies_nothing(phrase, text):
    assert gap_denied(phrase, text) == ""
