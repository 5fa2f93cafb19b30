"""The shortcuts that make text grading cheaper give what the long way gives: a phrase set
over many sentences finds what it finds in each alone, remembered answers are the answers,
and a result's strings are still repaired wherever they sit."""

from __future__ import annotations

import email.policy
import random
from email.message import EmailMessage

import pytest
from worksample_email.writing import Dictionary

from worksample.models import Check, Grade
from worksample.prose.markup import from_eml
from worksample.prose.matching import PhraseSet, Reading
from worksample.prose.text import Sentence, sentences

PHRASES = ["refund*", "full refund", "money ... back", "not renew", "account credit",
           "we can't", "cancel your subscription", "nothing we can do"]
NEGATION = PhraseSet(["not", "no", "never", "unable"])
WORDS = ("we", "can't", "refund", "refunds", "refnud", "the", "a", "full", "your", "money",
         "back", "to", "not", "renew", "account", "credit", "cancel", "subscription", "our",
         "nothing", "that", "can", "do", "no", "it", "is", "possible", "won't", "accuont",
         "I'll", "send", "you", "30", "days")


def _texts(seed: int, count: int = 300) -> list[str]:
    generator = random.Random(seed)
    return [" ".join(" ".join(generator.choice(WORDS) for _ in range(generator.randint(1, 14)))
                     .capitalize() + generator.choice(".!?")
                     for _ in range(generator.randint(1, 9)))
            for _ in range(count)]


@pytest.mark.parametrize("scoped", [False, True])
def test_a_phrase_set_finds_in_many_sentences_what_it_finds_in_each_alone(scoped):
    phrases = PhraseSet(PHRASES)
    vocabulary = frozenset({"refund", "account", "subscription"})
    compared = 0
    for text in _texts(seed=27 + scoped):
        said = sentences(text)
        reading = Reading({"refnud", "accuont"}, vocabulary)
        together = list(phrases.find_all(said, reading, negation=NEGATION, scoped=scoped))
        alone = [m for s in said for m in phrases.find_all([s], reading, negation=NEGATION,
                                                           scoped=scoped)]
        assert together == alone, text
        compared += len(said) > 1 and bool(alone)
    assert compared > 50  # the shortcut was taken on texts that match, not only on misses


# every form a phrase takes: stems alone or after whole words, several pieces in one token,
# gaps, fillers between words, apostrophes, a phrase of no word
RULED_OUT = ["refund*", "full refund", "money ... back", "not renew", "e-mail* us", "we can't",
             "charg*", "can't ... refund*", "your account", "--", "won't be"]


def test_a_sentence_ruled_out_by_its_words_is_one_the_phrases_never_match():
    phrases = PhraseSet(RULED_OUT)
    ruled_out = 0
    written = [s for text in _texts(seed=5) for s in sentences(text)]
    # as a case's section headings are given: not normalised, punctuation and capitals kept
    written += [Sentence(text=t, normal=t, words=tuple(t.split())) for t in (
        "Full refund-policy", "e-mails us", "key (refund) questions", "_refund", "x'refund",
        "REFUND", "we can't/won't", "refund's", "charged!", "money, back")]
    for sentence in written:
        if not phrases.may_match(sentence):
            ruled_out += 1
            assert not phrases.find_in_words(sentence.normal), sentence
            assert phrases._regex.search(sentence.normal) is None, sentence
    assert ruled_out > 300  # the shortcut is taken, not only kept safe


@pytest.mark.parametrize("anchored", [False, True])
def test_ruling_sentences_out_by_their_words_finds_what_searching_every_one_finds(
        anchored, monkeypatch):
    phrases = PhraseSet(RULED_OUT)
    vocabulary = frozenset({"refund", "account", "subscription"})
    texts = _texts(seed=41)
    found = [list(phrases.find_all(sentences(text), Reading({"refnud", "accuont"}, vocabulary),
                                   anchored=anchored, negation=NEGATION, scoped=True))
             for text in texts]
    monkeypatch.setattr(PhraseSet, "may_match", lambda self, sentence: True)  # the long way
    assert found == [list(phrases.find_all(sentences(text), Reading({"refnud", "accuont"},
                                                                     vocabulary),
                                           anchored=anchored, negation=NEGATION, scoped=True))
                     for text in texts]
    assert sum(map(len, found)) > 100


def test_a_single_word_is_a_negation_as_the_phrase_set_says_every_time():
    for word in [*WORDS, "not", "never", "unable", "nothing", "", "no no"]:
        assert NEGATION.holds_word(word) == NEGATION.find_in_words(word)
        assert NEGATION.holds_word(word) == NEGATION.find_in_words(word)  # remembered


def test_the_dictionary_answers_each_word_as_its_two_lists_do_asked_together_or_alone():
    from importlib.resources import files

    from spellchecker import SpellChecker
    from worksample_email.writing import MORE_WORDS

    words = ["Refund", "refnud", "colour", "30", "3.5", "nan", "-", "a", "xq" * 30, "we'll",
             "accuont", "subscription", "app", "inbox"]
    more = {line.split(" ", 1)[0]
            for line in (files("symspellpy") / MORE_WORDS).read_text().splitlines()}
    unknown = SpellChecker(distance=1).unknown(words) - more  # unknown to both
    assert {"app", "inbox"} & SpellChecker(distance=1).unknown(words)  # only one list knows
    assert unknown == {"refnud", "accuont"}
    dictionary = Dictionary()
    assert dictionary.unknown(words) == unknown
    assert set().union(*(dictionary.unknown([w]) for w in words)) == unknown
    assert dictionary.unknown(reversed(words)) == unknown


def test_a_result_string_is_repaired_wherever_it_sits():
    check = Check(id="a", kind="k", outcome="passed", message="bad \ud800 text")
    assert check.message == "bad \ufffd text"
    grade = Grade(criteria={},
                  details={"\udcff key": ["ok", "x\ud800", 1, None, 2.5, ("t\udc80", 3)],
                           "plain": {"nested \ud800": "\udfff"}})
    assert grade.details == {"\ufffd key": ["ok", "x\ufffd", 1, None, 2.5, ("t\ufffd", 3)],
                             "plain": {"nested \ufffd": "\ufffd"}}


def test_an_eml_body_is_found_as_with_the_standard_headers():
    message = EmailMessage()
    message["Subject"] = "Re: refund"
    message.set_content("Hi Dana, we can refund the annual plan in full.")
    message.add_alternative("<p>Hi Dana, we can refund the <b>annual plan</b> in full.</p>",
                            subtype="html")
    raw = message.as_bytes()
    standard = email.message_from_bytes(raw, policy=email.policy.default)
    html = standard.get_body(preferencelist=("html",)).get_content()
    assert "annual plan" in html
    assert from_eml(raw).text.split() == "Hi Dana, we can refund the annual plan in full.".split()
