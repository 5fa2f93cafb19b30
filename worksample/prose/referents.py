"""A pronoun read as the thing it stands for: "the second $29 was a duplicate, so I've
refunded it".

A statement is told only where its words stand in one clause (``events.told_as_event``,
``commitment.commits_to``). Writers name a thing once and then refer to it: "The pending $29
is the duplicate. I've reversed it for you." ``with_referent`` gives such a sentence with the
pronoun ("it", "them", "it's", "that", a relative "which") written as the words it stands
for, so that the same readings judge it, with every denial, condition and hedge they already
read. A relative "which" with a subject after it is the object of the clause's verb, and is
written after it: "a duplicate, which I refunded today" reads "I refunded the duplicate today".

A pronoun is read only where the clause holds the rest of a statement (its verb within
``PRONOUN_SPAN`` words, adverbs such as "now" not counted: "reversed it", "it has now been
refunded"), and the words it lacks were named just before, not denied:

- in its own sentence, by the last thing named before the pronoun (a determiner or an
  amount, and the words up to ``NAMED_SPAN`` after it): "the second $29 was a duplicate, so
  I've refunded it" (``a duplicate``); not "the second $29 is a hold, but the $12 add-on was
  charged twice, so I've refunded it" (``the $12 add-on``);
- when its own sentence names nothing before it, anywhere in the sentence before: "The
  pending $29 is the duplicate. I've reversed it."

A miss leaves the sentence as it was: a pronoun whose referent is not plain is not read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worksample.prose.negation import clauses, denial
from worksample.prose.tellings import DETERMINERS
from worksample.prose.text import WORD, Sentence, lowered
from worksample.prose.word_forms import MONEY, MONEY_TAKEN, standing_for

PRONOUNS = frozenset({"it", "them", "it's"})
# "that" and "this" stand for a thing, not name one, at a clause's end or before these: "I've
# reversed that for you"; not "I've reversed that charge"
DEMONSTRATIVES = frozenset({"that", "this"})
# a relative pronoun: the thing named just before it, as a subject ("which has been
# refunded") or, with a subject after it, as the object ("which we've refunded")
RELATIVES = frozenset({"which"})
# what follows a relative "which" that is the clause's subject: a verb of being or an auxiliary
SUBJECT_RELATIVE_NEXT = frozenset({
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "should", "can",
    "could", "may", "might", "must", "shall", "got", "gets"})
AFTER_A_PRONOUN = frozenset({"for", "to", "back", "now", "today", "already", "myself",
                             "ourselves", "and", "so", "in", "on", "straight", "right", "too",
                             "as", "this", "immediately"})
PRONOUN_SPAN = 3  # from a statement's word to the pronoun: "it has been refunded"
# adverbs that stand inside a verb's words and do not count in that span: "it has now been
# fully refunded"
NOT_COUNTED = frozenset({"now", "already", "just", "also", "fully", "since", "then", "today",
                         "all", "successfully", "completely", "finally"})
NAMED_SPAN = 3  # words after a determiner that name the thing: "the duplicate $29 charge"


@dataclass(frozen=True)
class Referent:
    """A sentence with a pronoun written as what it stands for, and how it was read."""

    sentence: Sentence
    pronoun: str
    stands_for: str

    def describe(self) -> str:
        """'“it” read as “the duplicate”, named just before'."""
        return f"“{self.pronoun}” read as “{self.stands_for}”, named just before"


def with_referent(sentence: Sentence, before: Sentence | None,
                  statements: Sequence[tuple[str, ...]]) -> Referent | None:
    """``sentence`` with its first pronoun that stands for the words a statement lacks in
    its clause written as those words, named just before (in the sentence, or in ``before``
    when the sentence names nothing ahead of the pronoun); None when no pronoun does."""
    if sentence.tokens.isdisjoint(PRONOUNS | DEMONSTRATIVES | RELATIVES):
        return None
    words = sentence.normal_words
    clause_of = clauses(sentence)
    for at in range(len(words)):
        if not _a_pronoun(sentence, at, clause_of):
            continue
        clause = [i for i, c in enumerate(clause_of) if c == clause_of[at]]
        for statement in statements:
            lacking = _lacking(words, clause, at, statement)
            if not lacking:
                continue
            relative = words[at] in RELATIVES
            named = _named(sentence, at, None if relative else before, lacking)
            verb = _object_of(words, clause, at, statement) if relative else None
            if named and verb != -1:
                return Referent(_written_as(sentence, at, named, verb), sentence.text[
                    slice(*sentence.spans[at])], named)
    return None


def _a_pronoun(sentence: Sentence, at: int, clause_of: Sequence[int]) -> bool:
    """Whether word ``at`` is a pronoun: "it", "them", "it's", or "that" or "this" where
    no noun follows it in its clause."""
    words = sentence.normal_words
    if words[at] in PRONOUNS:
        return True
    if words[at] in RELATIVES:
        return at > 0
    last = at + 1 == len(words) or clause_of[at + 1] != clause_of[at] or any(
        mark in sentence.gaps[at + 1] for mark in ",;:.!?")
    return words[at] in DEMONSTRATIVES and (last or words[at + 1] in AFTER_A_PRONOUN)


def _lacking(words: Sequence[str], clause: list[int], at: int,
             statement: tuple[str, ...]) -> list[str]:
    """The statement's words the clause lacks, when one it holds stands within
    ``PRONOUN_SPAN`` words of the pronoun at ``at`` (the verb it is the object or subject of);
    [] when it holds none near, or all."""
    near, lacking = False, []
    for word in statement:
        if word == MONEY or word.endswith("*"):
            return []  # money and prefixes are read from the clause as written
        spots = [i for i in clause if words[i] in standing_for(word)]
        if not spots:
            lacking.append(word)
        near = near or any(_span(words, i, at) <= PRONOUN_SPAN for i in spots)
    return lacking if near and len(lacking) < len(statement) else []


def _object_of(words: Sequence[str], clause: list[int], at: int,
               statement: tuple[str, ...]) -> int | None:
    """For a relative pronoun at ``at``: None when it is its clause's subject ("which has
    been refunded"); else the statement's word after it that it is the object of ("which I
    refunded"), or -1 when there is none."""
    if at + 1 < len(words) and words[at + 1] in SUBJECT_RELATIVE_NEXT:
        return None
    return next((i for i in clause if i > at and any(
        words[i] in standing_for(word) for word in statement)), -1)


def _span(words: Sequence[str], one: int, other: int) -> int:
    """How many words from ``one`` to ``other``, the adverbs of ``NOT_COUNTED`` between them
    left out."""
    low, high = sorted((one, other))
    return high - low - sum(words[i] in NOT_COUNTED for i in range(low + 1, high))


def _named(sentence: Sentence, at: int, before: Sentence | None, lacking: list[str]) -> str:
    """The words ``lacking`` as the text names them just before the pronoun at ``at``, with
    their determiner ("the duplicate"), or '' when the thing named last is another."""
    named_last = max((i for i in range(at) if _names_a_thing(sentence, i)), default=None)
    if named_last is not None:
        return _as_named(sentence, range(named_last, min(at, named_last + NAMED_SPAN + 1)),
                         lacking)
    if before is None:
        return ""
    return _as_named(before, range(len(before.normal_words)), lacking)


def _names_a_thing(sentence: Sentence, index: int) -> bool:
    """Whether word ``index`` opens the name of a thing: a determiner, or an amount."""
    return sentence.normal_words[index] in DETERMINERS or _amount(sentence, index)


def _as_named(sentence: Sentence, window: range, lacking: list[str]) -> str:
    """Each of ``lacking`` as it stands in ``window`` of the sentence's words, not denied,
    after "the", and the money its clause names, which is the thing it describes ("the
    pending $29 is the duplicate": "the duplicate $29"); '' when one is not there."""
    words = sentence.normal_words
    clause_of = clauses(sentence)
    found, money = [], ""
    for word in lacking:
        spot = next((i for i in window if words[i] in standing_for(word)), None)
        if spot is None or denial(sentence, spot, spot + 1):
            return ""
        found.append(words[spot])
        money = money or next((_as_written(sentence, i) for i, c in enumerate(clause_of)
                               if c == clause_of[spot] and _is_money(sentence, i)), "")
    return " ".join(["the", *found, money]).rstrip()


def _is_money(sentence: Sentence, index: int) -> bool:
    """Whether word ``index`` names money: an amount, or a word for money taken ("charge")."""
    return sentence.normal_words[index] in MONEY_TAKEN or _amount(sentence, index)


def _amount(sentence: Sentence, index: int) -> bool:
    """Whether word ``index`` is a number written as money ("$29")."""
    return sentence.normal_words[index][:1].isdigit() and any(
        mark in sentence.gaps[index] for mark in "$£€")


def _as_written(sentence: Sentence, index: int) -> str:
    """Word ``index`` as the text writes it, with its currency sign ("$29")."""
    start, end = sentence.spans[index]
    sign = sentence.gaps[index][-1:] if _amount(sentence, index) else ""
    return sign + sentence.text[start:end]


def _written_as(sentence: Sentence, at: int, named: str, verb: int | None = None) -> Sentence:
    """The sentence with its word ``at`` (a pronoun) written as ``named``: "it's" as "… has"
    before "been", else "… is"; a relative pronoun that is the object of word ``verb``, after
    that word instead ("which I refunded" as "I refunded the duplicate")."""
    words = sentence.normal_words
    if words[at] == "it's":
        named += " has" if at + 1 < len(words) and words[at + 1] == "been" else " is"
    start, end = sentence.spans[at]
    if verb is None:
        text = sentence.text[:start] + named + sentence.text[end:]
    else:
        verb_end = sentence.spans[verb][1]
        text = (sentence.text[:start] + sentence.text[end:verb_end].lstrip() + " " + named
                + sentence.text[verb_end:])
    written = tuple(WORD.findall(text))
    return Sentence(text=text, normal=lowered(written), words=written, index=sentence.index)
