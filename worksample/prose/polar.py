"""A yes-no question answered by "yes" or "no" and its own verb.

"Should I stop using Ledgerly until this is fixed?" is answered by "So yes, please stop
making changes until it's done" and by "no, you won't have to stop", though neither says a
phrase of the question's list. A question is a yes-no question when it opens with an
auxiliary or a modal verb ("should", "can", "did", "will" ...) and asks about "I", "we" or
"you"; its verb is the first word after its subject ("stop"), and a word such as "back"
after the verb belongs to it ("Can you get them back?").

A sentence answers it when "yes" or "no" stands in it as the writer's answer: a mark after
it ("yes,", "No:", "yes -"; not "no need", "no one", "no-reply"), opening the sentence or a
clause after a mark, maybe after "so" or "and" ("..., so yes, please stop"; "To your last
question: no, ..."), with no word of condition, choice or saying before it ("if yes", "yes
or no:", "I wish I could say no"), in a sentence that does not end in "?". The clause it
opens must go on, past adverbs, with the person the question asks about as the writer names
them ("you" for the customer's "I", "we" or "I" for the customer's "you"; or "please", or
nothing, for the customer's "I"), then helping verbs (not "may", "might" or "could": "yes,
we might be able to get them back" promises nothing), then the question's verb in any of
its forms ("stopping", "lost", "got"). Its object, if any, is a word the customer wrote, a
pronoun ("them", "everything") or a figure ("stop the export", "lose your place in the
queue", "get someone to ring you back" are other things), and its particle follows, not
before "to" or "into" ("we'll get back to you"). Such a match goes through the answers'
other readings (``answering``): "No, I can't say yet whether you should stop" answers
nothing. A red team's sentences, read with and without this, are in
``tests/corpora/answers.yaml``.
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
DETERMINERS = frozenset({"my", "the", "our", "your", "this", "that", "a", "an", "these",
                         "those", "some", "any"})
ADVERBS = frozenset({"still", "really", "actually", "ever", "also", "now", "just", "already",
                     "even", "definitely", "certainly", "almost", "probably", "honestly"})
# between the answer's subject and its verb
# (not "may", "might" or "could": "yes, we might be able to get them back" promises nothing)
BETWEEN = ADVERBS | {"will", "can", "should", "would", "do", "does", "did", "don't",
                     "doesn't", "didn't", "won't", "can't", "cannot", "shouldn't", "not",
                     "never", "have", "has", "had", "haven't", "hasn't", "to", "need",
                     "needn't", "must", "going", "be", "been", "able"}
PARTICLES = frozenset({"back", "up", "off", "out", "away", "down"})
PARTICLE_REACH = 5  # words from the verb to its particle: "get the March invoices back"
# a few irregular forms beyond ``word_forms.IRREGULAR``
MORE_IRREGULAR = {"lose": ("lost", "losing"), "keep": ("kept", "keeping"),
                  "find": ("found", "finding"), "take": ("took", "taken", "taking"),
                  "leave": ("left", "leaving"), "go": ("went", "gone", "going"),
                  "have": ("had", "having"), "come": ("came", "coming")}
ANSWER_WORDS = frozenset({"yes", "no"})
# before the answer word, at the sentence's start: "so yes, ...", "and no, ..."
OPENERS = frozenset({"so", "and", "but", "honestly", "well", "oh", "ok", "okay", "also"})
# before a lead-in's colon: not the writer's own answer ("yes or no:", "if yes:", "say no:")
NOT_AN_ANSWER = frozenset({"if", "or", "whether", "then", "say", "says", "said", "click",
                           "pick", "select", "choose", "tell", "told", "unless", "should"})
ONWARD = frozenset({"to", "in", "into", "on", "onto", "with"})  # after "back": not the thing
# the thing the question asks about, as a pronoun: "get them back", "lose everything"
THINGS = frozenset({"them", "it", "everything", "anything", "all", "both", "those", "these"})
_MARK = re.compile(r"[,:;.!\u2013\u2014-]")  # after "yes" or "no" as an answer
_CLAUSE_MARK = re.compile(r"[,:;\u2013\u2014]|\s-\s")  # before a clause it opens


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


def yes_no_answers(sentences: list[Sentence], asks: str,
                   customer_words: frozenset[str] = frozenset()) -> list[Match]:
    """The sentences that answer the yes-no question ``asks`` by "yes" or "no" and its verb
    (see the module docstring), as matches of the verb. ``customer_words``: the words of four
    letters or more the customer wrote, of which the verb's object must be one."""
    question = polar_question(asks)
    if question is None:
        return []
    found = []
    for sentence in sentences:
        if ANSWER_WORDS.isdisjoint(sentence.tokens) or sentence.text.rstrip().endswith("?"):
            continue
        answer = _answer_word(sentence)
        match = None if answer is None else _verb_after(sentence, question, answer + 1,
                                                        customer_words)
        if match is not None:
            found.append(match)
    return found


def _answer_word(sentence: Sentence) -> int | None:
    """Where "yes" or "no" stands as the writer's answer: a mark after it ("yes,", "No:",
    "yes -"; not "no-reply"), and it opens the sentence or a clause after a mark, maybe
    after "so" or "and" ("..., so yes, please stop"; "To your last question: no, ..."), with
    no word of condition, choice or saying before it in the sentence ("if yes", "yes or no",
    "say no")."""
    words, gaps = sentence.normal_words, sentence.gaps
    for at, word in enumerate(words):
        if word not in ANSWER_WORDS:
            continue
        if at + 1 < len(words) and not _MARK.search(gaps[at + 1].replace("-", "")):
            continue
        opens = at
        while opens and words[opens - 1] in OPENERS:
            opens -= 1
        if opens == 0 or (_CLAUSE_MARK.search(gaps[opens])
                          and NOT_AN_ANSWER.isdisjoint(words[:at])):
            return at
        return None
    return None


def _verb_after(sentence: Sentence, question: PolarQuestion, first: int,
                customer_words: frozenset[str]) -> Match | None:
    """The question's verb in the clause the answer word opens: its subject right after the
    answer word (adverbs and a helping verb between), the person the question asks about,
    or none ("yes, stop for today", "please stop"); its object, if any, a word of the
    customer's or a pronoun; its particle right after the object."""
    words = sentence.normal_words
    at = first
    while at < len(words) and words[at] in ADVERBS:
        at += 1
    if at < len(words) and words[at] == "please":
        subject, at = "please", at + 1
    elif at < len(words) and words[at] in MIRRORED[question.subject]:
        subject, at = words[at], at + 1
    else:
        subject = None
    if subject in (None, "please") and question.subject == "you":
        return None  # "can you get them back?": the writer must say who will
    while at < len(words) and words[at] in BETWEEN:
        at += 1
    if at >= len(words) or not _a_form_of(words[at], question.verb):
        return None
    rest = words[at + 1:]
    if question.particle:
        end = rest.index(question.particle) if question.particle in rest[:PARTICLE_REACH] else -1
        if end < 0 or rest[end + 1:end + 2] and rest[end + 1] in ONWARD:
            return None  # "get back to you", "get you back into the account"
        # the thing, before the particle or right after it: "get them back", "get back the $29"
        thing = rest[:end] or rest[end + 1:end + 3]
    else:
        thing = rest[:2] if rest[:1] and rest[0] in DETERMINERS else []
    if thing and not any(word in customer_words or word in THINGS or word[:1].isdigit()
                         for word in thing):
        return None  # "stop the export", "get someone to ring you back", "get back the time"
    return Match(sentence, words[at], start=at, end=at + 1)


def _a_form_of(word: str, verb: str) -> bool:
    """Whether ``word`` is ``verb`` or one of its forms ("stopping", "lost", "gets")."""
    if word == verb or word in IRREGULAR.get(verb, ()) or word in MORE_IRREGULAR.get(verb, ()):
        return True
    if word in (verb + "s", verb + "es"):
        return True
    base = base_of(word)
    return base != word and base in (verb, verb.removesuffix("e"))
