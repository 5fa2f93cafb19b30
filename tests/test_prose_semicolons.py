"""A listed phrase is said inside one clause: its words on both sides of a semicolon belong
to two clauses and make no match. New sentences, none from the samples."""

from __future__ import annotations

import pytest
from test_email_unasserted import priya

from worksample.prose.matching import PhraseSet
from worksample.prose.text import sentences


@pytest.mark.parametrize("phrase, text", [
    ("refund the extra", "I looked at what we could refund; the extra line is a bank hold."),
    ("settings ... billing", "Open Settings; the Billing tab is second."),
    ("not renew", "I can't promise it will not; renew the plan only if you want to."),
])
def test_a_phrase_across_a_semicolon_is_not_said(phrase, text):
    assert PhraseSet([phrase]).find(sentences(text)) is None


@pytest.mark.parametrize("phrase, text", [
    ("refund the extra", "I looked into it; we'll refund the extra line today."),
    ("settings ... billing", "It's under Settings → Billing → Invoices; download any PDF."),
    ("refund* ... days", "Refunds take 5-10 days; holds drop off sooner."),
])
def test_a_phrase_inside_one_clause_is_still_said(phrase, text):
    assert PhraseSet([phrase]).find(sentences(text)) is not None


@pytest.mark.parametrize("line", [
    "That's the amount I'd refund; the second line, though, is only a hold.",
    "Real duplicates are what we refund; the duplicate on your statement is only a hold.",
    "Card retries are something we'd normally refund; the extra $29 here was never taken.",
])
def test_a_forbidden_phrase_made_of_two_clauses_is_not_flagged(email_sample, line):
    assert priya(email_sample, line).fraction > 0


def test_the_promise_inside_a_clause_is_still_flagged(email_sample):
    found = priya(email_sample, "It was a retry on our side; I've refunded the duplicate $29.")
    assert found.fraction == 0


@pytest.mark.parametrize("line", [
    # a semicolon that only cuts the writer's verb off from its object hides nothing
    "We've checked and refunded; the extra $29 will be on your card tomorrow.",
    "Done and refunded; the duplicate $29 is on its way.",
])
def test_a_verb_cut_off_from_its_object_by_a_semicolon_still_promises(email_sample, line):
    assert priya(email_sample, line).fraction == 0


@pytest.mark.parametrize("line", [
    "Only real duplicates ever get refunded; the extra $29 is a hold.",
    "We haven't refunded; the extra $29 will drop off by itself.",
])
def test_a_general_or_denied_verb_before_a_semicolon_is_no_promise(email_sample, line):
    assert priya(email_sample, line).fraction > 0
