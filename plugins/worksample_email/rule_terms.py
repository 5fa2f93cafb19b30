"""Which words of a sentence a forbidden statement's ``unless`` phrase excuses.

An ``unless`` phrase names the rule's own terms ("within 30 days of purchase", "the last 4
digits"): a sentence that states the rule with them makes no forbidden statement. It excuses
the words it limits, not every word of its sentence:

- the words of a clause its condition governs, whoever acts in it ("if you cancel within
  30 days of purchase, we'll refund you in full"), and of its own clause ("annual plans are
  refunded in full within 30 days of purchase");
- the words of the clause it restricts from the side: its clause opens with a restricting
  link ("..., but only within 30 days", "..., provided it's within 30 days", "...; that
  applies for 30 days after purchase", "...: the only condition is ...", "..., for the first
  30 days") or stands apart in parentheses, between dashes or after a colon;
- but, for a promise, not (in its own clause or beside it) a clause where the writer acts
  for this reader ("I'll refund you in full within 30 days": a time, not the window) or one
  that tells it as already done ("your plan has been refunded in full; it may take up to 30
  days to show").

A phrase in another clause of the sentence ("I've refunded the full $290, and annual plans are
normally refunded only within 30 days of purchase") limits that clause only.
"""

from __future__ import annotations

from worksample.prose.commitment import AMOUNT, clause_text
from worksample.prose.events import DOUBTS, READER, conditions_over, told_as_past
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clause_indices, clauses
from worksample.prose.text import Sentence

# the writer doing something in a clause
ACTING = frozenset({"i'll", "we'll", "i've", "we've", "i'm", "we're"})
ACTING_PAIRS = frozenset({("i", "will"), ("we", "will"), ("i", "have"), ("we", "have"),
                          ("i", "am"), ("we", "are"), ("let", "me"), ("let", "us")})
# how a clause that restricts the one beside it opens: with one of these among its first
# three words ("but only within ...", "the one condition is ...", "that applies for ..."), or
# with one of ``LINKS``
LINK_WORDS = frozenset({"only", "provided", "providing", "condition", "conditions", "applies",
                        "apply", "subject", "within", "during"})
LINKS = (("as", "long", "as"), ("so", "long", "as"), ("if",), ("for", "the"), ("up", "to"),
         ("in", "the", "first"), ("but", "up"))
OVERRIDING = frozenset({"still", "anyway", "regardless", "nonetheless", "nevertheless"})
APART = ("(", "-", "\u2013", "\u2014", ":")  # a clause set off by these restricts from the side


def within_its_terms(sentence: Sentence, unless: PhraseSet, at: int, promise: bool = True
                     ) -> str:
    """The ``unless`` phrase that limits word ``at`` of the sentence (see the module
    docstring), or ''. ``promise``: the statement is a promise, not a request."""
    spans = unless.spans(sentence.normal) if unless.may_match(sentence) else []
    clause_of = clauses(sentence)
    if not spans or at >= len(clause_of):
        return ""
    own = clause_of[at]
    words = sentence.normal_words
    indices = [i for i, clause in enumerate(clause_of) if clause == own]
    condition = conditions_over(sentence).get(own)
    if condition is not None and any(clause_of[start] == clause_of[condition] != own
                                     for start, _ in spans) and not _overridden(
                                         sentence, clause_of, clause_of[condition], own):
        # the window is the condition of what the writer would do: "if you cancel within 30
        # days of purchase, we'll refund you in full"
        return next(" ".join(words[start:end]) for start, end in spans
                    if clause_of[start] == clause_of[condition])
    if promise and (_writer_acts_for_the_reader(sentence, indices)
                    or told_as_past([words[i] for i in indices if i < at])):
        return ""
    return next((" ".join(words[start:end]) for start, end in spans
                 if clause_of[start] == own
                 or _restricts_from_the_side(sentence, clause_of, clause_of[start])), "")


def _overridden(sentence: Sentence, clause_of: tuple[int, ...], condition: int, own: int
                ) -> bool:
    """Whether the condition holding the window is one the rule would refuse and the clause
    it governs overrides it: the condition puts the reader past the window ("outside", "past",
    "beyond", "after", ``DOUBTS``) or the clause goes on "still", "anyway" ("if you're outside
    the first 30 days, I'll still refund you in full")."""
    words = sentence.normal_words
    in_condition = {words[i] for i, clause in enumerate(clause_of) if clause == condition}
    governed = {words[i] for i, clause in enumerate(clause_of) if clause == own}
    return not (DOUBTS | {"after"}).isdisjoint(in_condition) or not OVERRIDING.isdisjoint(
        governed)


def _writer_acts_for_the_reader(sentence: Sentence, indices: list[int]) -> bool:
    """Whether the writer does something in the clause ("I'll", "we've", "I will", "let me")
    for this reader or with an amount ("I'll refund you in full within 30 days"; not "we'll
    refund annual plans in full within 30 days of purchase", a rule)."""
    words = [sentence.normal_words[i] for i in indices]
    acts = not ACTING.isdisjoint(words) or any(
        pair in ACTING_PAIRS for pair in zip(words, words[1:], strict=False))
    return acts and (not READER.isdisjoint(words)
                     or AMOUNT.search(clause_text(sentence, indices)) is not None)


def _restricts_from_the_side(sentence: Sentence, clause_of: tuple[int, ...], clause: int
                             ) -> bool:
    """Whether the clause restricts the one beside it: it opens with a restricting link
    (``LINK_WORDS``, ``LINKS``) or is set off in parentheses or by a dash (``APART``)."""
    first = clause_indices(sentence)[clause][0]
    opening = tuple(sentence.normal_words[first:first + 3])
    gap = sentence.gaps[first] if first < len(sentence.gaps) else ""
    return (not LINK_WORDS.isdisjoint(opening)
            or any(opening[:len(link)] == link for link in LINKS)
            or any(mark in gap for mark in APART))
