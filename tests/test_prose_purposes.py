"""A listed phrase inside a purpose ("to refund the duplicate ...") is asserted only where the
sentence achieves the purpose. New sentences, none from the samples."""

from __future__ import annotations

import pytest
from test_email_unasserted import margaret, priya


@pytest.mark.parametrize("line", [
    # no comma: the purpose ends at the subject of what it is for
    "To refund the duplicate we'd have to see it settle, and holds never do.",
    "In order to refund the extra $29 the bank would first need to take it.",
    # "for us to", opening the sentence or after a hypothesis or a necessity
    "For us to refund the second $29 there'd need to be a second payment.",
    "There would have to be a settled payment for us to refund the extra.",
    "A charge has to settle for us to refund the duplicate, and this one won't.",
    # "need" is no past tense
    "To refund the duplicate, I need a settled charge, and there isn't one.",
])
def test_a_purpose_nothing_achieves_is_no_promise(email_sample, line):
    assert priya(email_sample, line).fraction > 0


@pytest.mark.parametrize("line", [
    "To refund you in full, we need our team lead to agree, and I've asked her.",
    "So as to refund you in full I'd need an exception from my team lead.",
    "To refund you in full I've requested an exception from my team lead.",
    # a step that carries nothing out: a note to the team lead, a check
    "To refund you in full I'd need an exception, so I've emailed my team lead about it.",
    "To refund you in full, the plan would have to be under 30 days old; I checked, it isn't.",
])
def test_a_purpose_that_needs_an_exception_is_no_refund(email_sample, line):
    assert margaret(email_sample, line).fraction == 1


@pytest.mark.parametrize("line", [
    # achieved by the writer, with or without a comma
    "To refund the duplicate, we've asked our payments team to reverse it.",  # an order
    "To refund the extra $29, our accounts team transferred it back this morning.",
    # given a duration: the refund is told, not only its purpose
    "To refund the duplicate, our billing team needs 3-5 working days.",
    "It takes a couple of days for us to refund the extra $29.",
    # "for us to" after something done
    "I've set things up for us to refund the duplicate this week.",
])
def test_a_purpose_achieved_or_timed_is_still_a_promise(email_sample, line):
    assert priya(email_sample, line).fraction == 0


def test_a_timed_purpose_of_a_full_refund_fails_automatically(email_sample):
    found = margaret(email_sample, "To refund you in full we'll need about two weeks.")
    assert found.fraction == 0 and found.automatic_fail
