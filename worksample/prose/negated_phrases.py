"""A listed phrase that negates, matched however the negation is written.

An assignment lists "isn't taken", "won't renew" or "cannot be recovered"; candidates write
"is never taken", "will not renew", "is not going to renew", "nothing can be recovered". A
phrase whose first words negate (``not``, ``no``, ``never``, ``cannot``, a word ending in
"n't", or an auxiliary and ``not``: "will not") is read as that negation and the words it
negates, its core ("taken", "renew", "recovered"; leading "be", "a", "able to" dropped). The
core matches where a negation governs it directly: between the two stand only auxiliaries,
determiners and adverbs (``BETWEEN``, words ending in "-ly" but "only"), at most
``MAX_BETWEEN`` of them, in one clause. So "I can't promise everything will be recovered"
does not say "cannot be recovered": "promise" stands between. A core that is only such
words, or that begins with a necessity ("no need to stop": "you don't need to stop" is
not "you need to stop" denied), is not read this way. Inflections are not read, as for any
phrase: "won't renew" does not match "won't be renewed".

Only where the negation states how things are or will be, as the listed phrase does. A red
team's first attack matched 28 of its 30 sentences that say nothing of the kind; so a match
is not read:

- by a negation of another kind: "wish", "without", "nor", "neither" (``GOVERNORS`` only);
- past an adverb that narrows ("not merely possible", "not simply lost") or "all" ("not all
  was lost"): only emphatic adverbs (``EMPHATIC``) stand between;
- in an instruction ("please don't lose the email", "never lose an invoice again"): a
  "don't" or "never" with nothing but "please", "just", "and" or "so" before it in its clause;
- in a condition ("if any invoices aren't restored by Friday"): a clause opening with "if",
  "unless", "whether", "when", "once" or "until";
- not yet, or not until ("hasn't been taken yet", "nothing gets charged until 14 March"):
  "yet", "until", "till" or "so far" in the six words after the core;
- "no" before a verb or a pronoun ("No it will be restored tonight"): "no" denies a noun;
- in what someone said or thought ("your accountant said they couldn't be recovered");
- for a phrase that says what cannot or will not happen ("can't be restored", "won't
  renew"), in the past or perfect ("they haven't been restored", "didn't renew");
- for a phrase that negates a noun ("no way to recover", "not a second charge"), past "the",
  "your", "our" or "its" ("not the way to recover": another thing denied); and "to" only in
  "going to", "able to", "unable to" ("not to make up for" is a purpose).

A red team's sentences are in ``tests/corpora/negated_phrases.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from worksample.prose.negation import clauses
from worksample.prose.text import Sentence

SINGLE_NEGATIONS = frozenset({"not", "no", "never", "cannot"})
AUXILIARIES = frozenset({"do", "does", "did", "will", "would", "is", "are", "was", "were",
                         "have", "has", "had", "can", "could", "should", "shall", "may",
                         "might", "must"})
# what may stand between a negation and the words it governs: "is never actually taken",
# "not going to renew", "not able to offer", "nothing can be recovered", "not any increase"
BETWEEN = frozenset({"be", "been", "being", "is", "are", "was", "were", "get", "gets", "got",
                     "getting", "can", "could", "will", "would", "should", "may", "might",
                     "must", "ever", "even", "yet", "at", "all", "any", "a", "an", "the",
                     "your", "our", "it", "its", "to", "able", "going"})
MAX_BETWEEN = 4
NECESSITY = frozenset({"need", "needs", "have", "has", "had"})
# the negations that state how things are: a word ending in "n't" and these
GOVERNORS = frozenset({"not", "no", "never", "cannot", "nothing", "none", "nobody", "unable"})
EMPHATIC = frozenset({"actually", "really", "definitely", "certainly", "currently",
                      "automatically"})
INSTRUCTING = frozenset({"please", "just", "and", "so"})
CONDITIONS = frozenset({"if", "unless", "whether", "when", "once", "until"})
NOT_YET = frozenset({"yet", "until", "till"})
AFTER_CORE = 6  # words after the core where they say it is only not yet (each opens a clause)
REPORTING = frozenset({"said", "says", "told", "tells", "claimed", "claims", "thought",
                       "think", "heard", "assumed", "suggested", "believed", "mentioned"})
MODALS = frozenset({"can", "could", "will", "would", "going", "able", "unable", "cannot"})
PAST_NEGATIONS = frozenset({"didn't", "hasn't", "haven't", "hadn't", "wasn't", "weren't"})
PAST_BETWEEN = frozenset({"been", "was", "were"})
DEFINITE = frozenset({"the", "your", "our", "its"})
TO_AFTER = frozenset({"going", "able", "unable"})
# "no" denies a noun: after it, no verb or pronoun ("No, it will be restored tonight")
VERBAL = BETWEEN - {"ever", "even", "yet", "at", "all", "any", "a", "an", "the", "your", "our",
                    "its"}


@dataclass(frozen=True)
class NegatedPhrase:
    """A listed phrase that negates, and its core as a pattern over normalised words."""

    listed: str
    core: str
    pattern: re.Pattern
    words: frozenset[str]  # the core's whole words: a sentence lacking one cannot match
    modal: bool = False  # says what cannot or will not happen: "can't be restored"
    of_a_noun: bool = False  # negates a noun: "no way to recover", "not a second charge"


def negated_phrases(phrases: Sequence[str], pattern_of: Callable[[str], str],
                    words_of: Callable[[str], frozenset[str]]) -> tuple[NegatedPhrase, ...]:
    """The phrases among ``phrases`` that negate, each with its core; ``pattern_of`` and
    ``words_of`` turn a phrase into its pattern and its whole words (as ``PhraseSet`` does)."""
    found = []
    for phrase in phrases:
        tokens = phrase.lower().split()
        core = _core(tokens)
        body = pattern_of(core) if core else ""
        if body:
            found.append(NegatedPhrase(
                phrase, core, re.compile(r"(?<![\w'])(?:" + body + r")(?![\w'])"),
                words_of(core), modal=any(_modal(token) for token in tokens[:2]),
                of_a_noun=tokens[0] == "no" or tokens[1:2] == ["a"]))
    return tuple(found)


def said_negated(sentence: Sentence, negated: Sequence[NegatedPhrase], text: str,
                 spans: Callable[[re.Match], tuple[int, int]], matches_read: int
                 ) -> list[tuple[int, int, NegatedPhrase]]:
    """Where ``sentence`` (its normalised ``text``) says a negated phrase another way: the
    negation's word, the word after the core, and the phrase; ``spans`` gives a core
    match's first word and the word after its last. Of each core's matches, the first
    ``matches_read`` are read (each looks at the sentence before it)."""
    words = sentence.normal_words
    found = []
    for phrase in negated:
        if not phrase.words <= sentence.tokens:
            continue
        clause_of = clauses(sentence)
        for match in islice(phrase.pattern.finditer(text), matches_read):
            start, end = spans(match)
            after = words[end:end + AFTER_CORE]
            if not NOT_YET.isdisjoint(after) or " so far" in " ".join(("", *after)):
                continue
            cue = _governing_negation(words, clause_of, start)
            if cue is not None and _states(words, clause_of, cue, start, phrase):
                found.append((cue, end, phrase))
    return sorted(found, key=lambda span: span[0])


def _core(tokens: list[str]) -> str:
    """The words a negating phrase negates, or '' when it does not negate or its core says
    nothing alone."""
    if not tokens:
        return ""
    if tokens[0] in SINGLE_NEGATIONS or tokens[0].endswith("n't"):
        rest = tokens[1:]
    elif len(tokens) > 1 and tokens[0] in AUXILIARIES and tokens[1] == "not":
        rest = tokens[2:]
    else:
        return ""
    while rest and rest[0] in BETWEEN:
        rest = rest[1:]
    if not rest or rest[0] in NECESSITY or rest[0] == "...":
        return ""
    return " ".join(rest)


def _governing_negation(words: Sequence[str], clause_of: Sequence[int],
                        start: int) -> int | None:
    """The negation that governs the words from ``start``: the first word before them, past
    at most ``MAX_BETWEEN`` of ``BETWEEN`` or ``EMPHATIC`` in the same clause, when it is one
    of ``GOVERNORS`` or ends in "n't"; None when there is none."""
    at = start - 1
    while at >= 0 and start - at <= MAX_BETWEEN and clause_of[at] == clause_of[start] and (
            words[at] in BETWEEN or words[at] in EMPHATIC):
        at -= 1
    if at < 0 or clause_of[at] != clause_of[start]:
        return None
    return at if words[at] in GOVERNORS or words[at].endswith("n't") else None


def _states(words: Sequence[str], clause_of: Sequence[int], cue: int, start: int,
            phrase: NegatedPhrase) -> bool:
    """Whether the negation at ``cue`` of the core at ``start`` states what ``phrase`` says
    (see the module docstring): not an instruction, a condition, someone's words, a past for
    a phrase of what cannot happen, nor another thing or a purpose denied."""
    between = list(words[cue + 1:start])
    before = [word for index, word in enumerate(words[:cue]) if clause_of[index] == clause_of[cue]]
    negation = words[cue]
    return not (
        between[:1] == ["all"]
        or "to" in between and TO_AFTER.isdisjoint(between) and negation != "unable"
        or phrase.of_a_noun and not DEFINITE.isdisjoint(between)
        or negation in ("don't", "never") and set(before) <= INSTRUCTING
        or negation == "no" and not VERBAL.isdisjoint(between)
        or before[:1] and before[0] in CONDITIONS
        or not REPORTING.isdisjoint(words[:cue])
        or phrase.modal and (negation in PAST_NEGATIONS or not PAST_BETWEEN.isdisjoint(between)))


def _modal(token: str) -> bool:
    """Whether a phrase's word says what can or will happen: "won't", "can't", "will"."""
    return token in MODALS or token in ("won't", "can't", "couldn't", "wouldn't") \
        or token.endswith("'ll")
