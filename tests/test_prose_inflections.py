"""A phrase's words match their inflections (``prose/inflections.py``), on phrases and
sentences of their own: the regular and irregular forms, and what still matches only as
written."""

from __future__ import annotations

import pytest

from worksample.prose.inflections import forms
from worksample.prose.matching import PhraseSet
from worksample.prose.text import sentences


@pytest.mark.parametrize("phrase, text", [
    ("hold ... at 29", "We are holding the Basic plan at $29 for now."),
    ("hold ... at 29", "Basic held at $29 through the spring."),
    ("cancel the order", "I have cancelled the order for you."),  # a doubled consonant
    ("cancel the order", "I have canceled the order for you."),  # and not
    ("waive the fee", "We're waiving the fee this once."),  # a final e dropped
    ("apply the discount", "The discount applies to the next invoice, so I applied the discount."),
    ("ship ... today", "Your parcel shipped this morning and ships today."),
    ("freeze the account", "We have frozen the account after three failed logins."),
    ("sign-ups ... fell", "Sign-ups have fallen since May."),  # a past form matches the other
    ("go back to 39", "Going back to $39 is what I recommend."),
    ("open setting", "Open the settings page."),  # a noun's plural
])
def test_a_phrase_word_matches_its_inflections(phrase, text):
    assert PhraseSet([phrase]).find(sentences(text)) is not None


@pytest.mark.parametrize("phrase, text", [
    ("sign-ups ... fell", "Sign-ups fall in every August."),  # written past: not the base
    ("refunded", "We refund every duplicate charge."),  # written inflected: as written
    ("charges", "We charge once a month."),
    ("the plan", "Thee planning starts now."),  # a function word is not inflected
    ("mrr growth", "MRRs growth"),  # an abbreviation neither
    ("hold the price", "We are holding the line on price."),  # every word still counts
])
def test_what_is_written_inflected_or_small_matches_as_written(phrase, text):
    assert PhraseSet([phrase]).find(sentences(text)) is None


def test_the_forms_of_a_word():
    assert forms("keep") == {"keep", "keeps", "keeping", "kept"}
    assert forms("reply") == {"reply", "replies", "replied", "replying"}
    assert forms("agree") == {"agree", "agrees", "agreed", "agreeing"}
    assert forms("tie") == {"tie", "ties", "tied", "tying"}
    assert forms("renewed") == {"renewed"} and forms("39") == {"39"}
    assert forms("need") >= {"needs", "needed"}  # "-eed" is no past


def test_a_prefix_is_matched_as_before():
    phrases = PhraseSet(["restore* the backup"])
    assert phrases.find(sentences("We restored the backup.")) is not None
    assert phrases.find(sentences("We are restoring the backups.")) is not None
    assert phrases.find(sentences("We restored the old backup.")) is None
