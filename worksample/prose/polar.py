"""A yes-no question answered by "yes" or "no" and its own verb.

"Should I stop using Ledgerly until this is fixed?" is answered by "So yes, please stop
making changes until it's done" and by "no, you don't have to stop", though neither says a
phrase of the question's list. A question is a yes-no question when it opens with an
auxiliary or a modal verb ("should", "can", "did", "will", "is" ...); its verb is the first
word after its subject ("stop"), and a word such as "back" after the verb belongs to it ("Can
you get them back?"). A sentence answers it when "yes" or "no" stands in it as an answer (a
mark after it: "yes,", "No:", "yes -"; not "no need", "no one") and, after that word, the
question's verb (any of its forms: "stopping", "lost", "got") has for its subject the person
the question asks about, as the writer says it: "you" for the customer's "I", "we" or "I"
for the customer's "you"; or none, when it opens the answer's clause or follows "please"
("yes, stop for today", "please stop", "stopping for a day is safest"). Auxiliaries,
negations and adverbs may stand between the subject and the verb ("you almost certainly
didn't lose"); the verb's particle must follow within a few words ("we can get the March
invoices back"). Such a match goes through the answers' other readings (``answering``):
"No, I can't say yet whether you should stop" answers nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from worksample.prose.matching import Match
from worksample.prose.text import Sentence
from worksample.prose.word_forms import IRREGULAR, base_of

ASKING = frozenset({"can", "could", "should", "will", "would", "did", "do", "does", "is",
                    "are", "was", "were", "have", "has", "may", "might", "shall", "am"})
# the question's subject as the writer of the answer names it
MIRRORED = {"i": frozenset({"you", "you'll", "you're", "you've", "you'd"}),
            "we": frozenset({"you", "you'll", "you're", "you've", "you'd"}),
            "you": frozenset({"i", "we", "i'll", "we'll", "i'm", "we're", "i've", "we've",
                              "i'd", "we'd"})}
DETERMINERS = frozenset({"my", "the", "our", "your", "this", "that", "a", "an", "these"})
ADVERBS = frozenset({"still", "really", "actually", "ever", "also", "now", "just", "already",
                     "even", "definitely", "certainly", "almost", "probably", "honestly"})
# between the answer's subject and its verb
BETWEEN = ADVERBS | {"will", "can", "could", "should", "would", "do", "does", "did", "don't",
                     "doesn't", "didn't", "won't", "can't", "cannot", "shouldn't", "not",
                     "never", "have", "has", "had", "haven't", "hasn't", "to", "need",
                     "needn't", "must", "may", "might", "going", "be", "been", "able"}
PARTICLES = frozenset({"back", "up", "off", "out", "away", "down"})
PARTICLE_REACH = 5  # words from the verb to its particle: "get the March invoices back"
# a few irregular forms beyond ``word_forms.IRREGULAR``
MORE_IRREGULAR = {"lose": ("lost", "losing"), "keep": ("kept", "keeping"),
                  "find": ("found", "finding"), "take": ("took", "taken", "taking"),
                  "leave": ("left", "leaving"), "go": ("went", "gone", "going"),
                  "have": ("had", "having"), "come": ("came", "coming")}
ANSWER_WORDS = frozenset({"yes", "no"})
_MARK = re.compile(r"[,:;.!\u2013\u2014-]")  # after "yes" or "no" as an answer


@dataclass(frozen=True)
class PolarQuestion:
    """What a yes-no question asks about: its subject, its verb and the verb's particle."""

    subject: str
    verb: str
    particle: str | None


@lru_cache(maxsize=256)
def polar_question(asks: str) -> PolarQuestion | None:
    """The question ``asks`` as a yes-no question, or None when it is not one (or its subject
    is not "I", "we" or "you")."""
    words = [w.strip("?.,!") for w in asks.lower().split()]
    words = [w for w in words if w]
    if len(words) < 3 or words[0] not in ASKING or words[1] not in MIRRORED:
        return None
    rest = [w for w in words[2:] if w not in ADVERBS]
    if not rest or rest[0] in DETERMINERS:
        return None
    verb = rest[0]
    particle = next((w for w in rest[1:1 + PARTICLE_REACH] if w in PARTICLES), None)
    return PolarQuestion(words[1], verb, particle)


def yes_no_answers(sentences: list[Sentence], asks: str) -> list[Match]:
    """The sentences that answer the yes-no question ``asks`` by "yes" or "no" and its verb
    (see the module docstring), as matches of the verb."""
    question = polar_question(asks)
    if question is None:
        return []
    found = []
    for sentence in sentences:
        if ANSWER_WORDS.isdisjoint(sentence.tokens):
            continue
        answer = _answer_word(sentence)
        match = None if answer is None else _verb_after(sentence, question, answer + 1)
        if match is not None:
            found.append(match)
    return found


def _answer_word(sentence: Sentence) -> int | None:
    """Where "yes" or "no" stands in the sentence as an answer: a mark after it ("yes,",
    "No:", "yes -") or the sentence's end."""
    words, gaps = sentence.normal_words, sentence.gaps
    for at, word in enumerate(words):
        if word in ANSWER_WORDS and (at + 1 == len(words) or _MARK.search(gaps[at + 1])):
            return at
    return None


def _verb_after(sentence: Sentence, question: PolarQuestion, first: int) -> Match | None:
    """The question's verb in the sentence from word ``first`` on, with the subject the
    question asks about (or none, opening the clause or after "please"), and its particle."""
    words = sentence.normal_words
    subjects = MIRRORED[question.subject]
    for at in range(first, len(words)):
        if not _a_form_of(words[at], question.verb):
            continue
        if question.particle and question.particle not in words[at + 1:at + 1 + PARTICLE_REACH]:
            continue
        before = at - 1
        while before >= first and words[before] in BETWEEN:
            before -= 1
        subject = words[before] if before >= first else None
        if subject in subjects or (question.subject != "you" and subject in (None, "please")):
            return Match(sentence, words[at], start=at, end=at + 1)
    return None


def _a_form_of(word: str, verb: str) -> bool:
    """Whether ``word`` is ``verb`` or one of its forms ("stopping", "lost", "gets")."""
    if word == verb or word in IRREGULAR.get(verb, ()) or word in MORE_IRREGULAR.get(verb, ()):
        return True
    if word in (verb + "s", verb + "es"):
        return True
    base = base_of(word)
    return base != word and base in (verb, verb.removesuffix("e"))
