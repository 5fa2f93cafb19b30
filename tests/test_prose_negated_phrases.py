"""A listed phrase that negates matches the same negation written another way
(prose/negated_phrases.py), and only where the negation governs its words."""

import time

import pytest

from worksample.prose.evidence import quoted
from worksample.prose.matching import PhraseSet
from worksample.prose.negated_phrases import _core
from worksample.prose.text import sentences

NEGATION = PhraseSet(["not", "no", "never"])


def first_match(phrases: list[str], text: str):
    return next(PhraseSet(phrases).find_all(sentences(text), negation=NEGATION, scoped=True),
                None)


@pytest.mark.parametrize("listed, text, words", [
    ("isn't taken", "The $29 hold will never actually be taken from your card.",
     "never actually be taken"),
    ("cannot be recovered", "Nothing can be recovered from that folder after a month.",
     "nothing can be recovered"),
    ("not able to offer", "We are unable to offer cash back on annual plans.",
     "unable to offer"),
    ("won't renew", "Your subscription is not going to renew this year.",
     "not going to renew"),
    ("will not be charged", "You won't ever get charged for the hold.",
     "won't ever get charged"),
])
def test_a_negating_phrase_matches_its_negation_written_another_way(listed, text, words):
    match = first_match([listed], text)
    assert match is not None and not match.negated
    assert (match.words, match.negated_as) == (words, listed)
    assert f"says the listed “{listed}”" in quoted(match)


@pytest.mark.parametrize("listed, text", [
    # a verb between: what is negated is the promise, not the recovery
    ("cannot be recovered", "I can't promise that every invoice will be recovered."),
    ("cannot be recovered", "We don't yet know whether the March invoices will be recovered."),
    # a necessity: "doesn't have to renew" is not "won't renew"
    ("won't renew", "The plan doesn't have to renew if you switch it off."),
    # another clause
    ("won't renew", "If you'd rather not, renew it yourself next March."),
    # no negation at all
    ("isn't taken", "The hold is taken off your card within five days."),
])
def test_a_negation_that_does_not_govern_the_words_is_not_read_as_the_phrase(listed, text):
    assert first_match([listed], text) is None


def test_a_listed_phrase_written_as_listed_is_matched_as_before():
    match = first_match(["isn't taken"], "The second $29 isn't taken from your account.")
    assert match is not None and match.words == "isn't taken" and match.negated_as == ""


@pytest.mark.parametrize("phrase, core", [
    ("isn't taken", "taken"),
    ("will not be charged again", "charged again"),
    ("not able to offer", "offer"),
    ("no increase in churn", "increase in churn"),
    ("not a second charge", "second charge"),
    # a necessity, or nothing but small words: no reading by the core
    ("no need to stop", ""),
    ("don't have to", ""),
    ("not at all", ""),
    # not a negating phrase
    ("drops off", ""),
    ("nothing we can do", ""),
])
def test_the_core_of_a_phrase_is_the_words_its_negation_governs(phrase, core):
    assert _core(phrase.split()) == core


def test_a_sentence_repeating_a_negation_is_read_in_linear_time():
    # each core match looks at the words before it: only the first few of a sentence are
    # read. A growth guard: four times the text, at most eight times as long (a quadratic
    # reading takes sixteen). Best of two runs each.
    phrases = PhraseSet(["isn't taken", "won't renew", "cannot be recovered"])

    def seconds(repeats):
        text = "the hold is never taken and nothing can be recovered " * repeats
        best = None
        for _ in range(2):
            start = time.perf_counter()
            list(phrases.find_all(sentences(text), negation=NEGATION, scoped=True))
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        return best

    small, large = seconds(1_500), seconds(6_000)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"
