"""A listed phrase inside a purpose ("to refund the duplicate, ..."): what it is for, which the
sentence asserts only where it says the purpose is achieved.

- **A purpose that opens the sentence**: "to", "in order to", "so as to" or "for us to" (``me``,
  ``you``, ``them``...) and a verb, with no verb of its own after it. It runs to the comma, or,
  written without one, to the subject of the clause it is for ("To refund the duplicate we'd
  first need it to be taken"). It asserts nothing unless the rest of the sentence achieves it:
  the writer (or a colleague) carried it out ("To get your money back quickly, I've
  transferred the $290"; not "..., I've written to my team lead"), or, not as a hypothesis,
  the purpose is given a duration ("To refund the extra $29, we'll need 5-10 business days"
  tells how long the refund takes) or left to the reader alone ("To refund it I'll just need
  the last 4 digits of the card you used" offers it).
- **A purpose a hypothesis or a necessity is for**: "for us to" and a verb after a clause with
  "would" (``I'd``, ``there'd``...), "might" or "has to" ("There'd have to be a settled charge
  for us to refund the extra"); not after a plain statement ("It takes three days for us to
  refund the extra" tells the refund), nor with a duration ("It might take a week for us to
  refund the extra").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from worksample.prose.asides import MODALS
from worksample.prose.commitment import PERSONAL
from worksample.prose.events import GRANTING, HYPOTHETICAL
from worksample.prose.tellings import DETERMINERS
from worksample.prose.word_forms import (
    COLLEAGUES,
    GIVING_BACK,
    IRREGULAR_BASES,
    NOT_MONEY,
    REFUNDING,
    RETURNING,
    base_of,
    by_a_colleague,
)

# the one a purpose is for: "for us to refund ..."
FOR_WHOM = frozenset({"us", "me", "you", "them", "him", "her"})
# the subject of the clause a purpose is for, when no comma ends the purpose
SUBJECTS = frozenset({
    "i", "we", "they", "he", "she", "it", "there", "i'd", "we'd", "they'd", "it'd", "there'd",
    "i'll", "we'll", "they'll", "it'll", "i've", "we've", "they've", "i'm", "we're", "they're",
    "it's", "there's"})
# words in "-ed" that tell no past: "I need the bank to settle it first"
NOT_PAST = frozenset({"need", "proceed", "exceed", "succeed", "feed", "speed", "heed", "bleed",
                      "breed", "seed", "shed", "embed"})
WRITER = frozenset({"i", "we"})
WRITER_HAS = frozenset({"i've", "we've"})
STILL_BEFORE_THE_VERB = frozenset({"already", "just", "now", "also", "since", "today",
                                   "gone", "went", "ahead", "and"})  # "gone ahead and done it"
ASKING = frozenset({"asked", "requested"})  # without "to": permission asked for, not an order
ORDERED_SPAN = 5  # "asked our payments team to": words from the verb to its "to"
# verbs that carry a refund out: give money back, or grant or process it
# ("confirmed with billing that it never will" carries nothing out)
CARRYING_OUT = (REFUNDING | RETURNING | GIVING_BACK | frozenset(GRANTING.values())
                | {"push", "cancel", "do"}) - {"confirm", "agree"}
# in what such a verb is said to send or do: a document, or a person it goes to, not the refund
NOT_CARRIED = NOT_MONEY | COLLEAGUES | {"note", "message", "details", "her", "him", "them",
                                        "check", "review", "up", "over", "on"}
OBJECT_WORDS = 3  # "sent my team lead a note": the words after the verb read as its object
NECESSITY = ("has", "to"), ("have", "to"), ("had", "to")
# a time a purpose takes: "5 10 business days", "a few days", "two weeks"
_DURATION = re.compile(
    r"(?<![\w'])(?:\d+(?: \d+)?|a few|a couple of|a|an|one|two|three|four|five|six|seven|ten) "
    r"(?:business |working )?(?:minutes?|hours?|days?|weeks?)(?![\w'])")
# in what a purpose is for: someone other than the reader must act, or a rule must be met
OTHERS = frozenset({"lead", "manager", "supervisor", "exception", "approval", "approve",
                    "bank", "settle", "settled", "policy", "team", "billing", "finance"})
# the reader's part in what a purpose is for: "just reply yes", "the card you used"
READERS = frozenset({"you", "your", "reply", "yours", "you're", "you've"})
NEGATIONS = frozenset({"not", "no", "never", "nothing"})
# what the writer asks of the reader for it: "I'll just need", "just reply"
ASKED_OF_THE_READER = frozenset({"need", "needs", "reply", "please", "just", "send"})


def in_a_purpose(words: Sequence[str], clause: Sequence[int], start: int) -> str:
    """Why the phrase at word ``start`` of a sentence's ``words``, in the clause whose word
    indices are ``clause``, stands in a purpose the sentence does not assert (see the module
    docstring), or ''."""
    in_clause = [words[i] for i in clause]
    end = _purpose_end(in_clause)
    if end is not None and start < (clause[end] if end < len(clause) else len(words)):
        rest = [*in_clause[end:], *words[clause[-1] + 1:]]
        if rest and not _achieved(rest):
            return "in a purpose (“to …”), which asserts nothing"
    needed = _needed_for([words[i] for i in clause if i < start])
    return f"in what a hypothesis is for (“{needed}”), which asserts nothing" if needed else ""


def _done_by_the_writer(words: Sequence[str]) -> bool:
    """Whether ``words`` tell the writer (or a colleague: "our billing team") carried the
    purpose out: a verb that gives money back or grants it, in the past or the perfect ("I've
    transferred the $290 to your card", "we reversed it"), or an order to do so ("I've asked
    billing to reverse it"). Not a need ("I need the bank to settle it"), a request for
    permission ("I've asked my team lead", "I've written to her"), nor a check ("I checked:
    it's seven weeks old")."""
    for at, word in enumerate(words):
        writer = word in WRITER or word in WRITER_HAS
        if not writer and not by_a_colleague(words[max(0, at - 2):at + 1]):
            continue
        perfect = word in WRITER_HAS or words[at + 1:at + 2] in (["have"], ["has"])
        verb_at = at + 2 if perfect and word not in WRITER_HAS else at + 1
        while verb_at < len(words) and words[verb_at] in STILL_BEFORE_THE_VERB:
            verb_at += 1
        verb = words[verb_at] if verb_at < len(words) else ""
        if verb in ASKING:
            ordered = words[verb_at + 1:verb_at + 1 + ORDERED_SPAN]
            if "to" in ordered and _carries_out(words, verb_at + 2 + ordered.index("to")):
                return True  # "I've asked billing to reverse it": an order, carried out
            continue
        if _carries_out(words, verb_at) and (perfect or verb in IRREGULAR_BASES or (
                verb.endswith("ed") and verb not in NOT_PAST)):
            return True
    return False


def _carries_out(words: Sequence[str], at: int) -> bool:
    """Whether word ``at`` is a verb that gives money back or grants it (``CARRYING_OUT``),
    and the words of its object (``OBJECT_WORDS``) name no document or person it goes to
    (``NOT_CARRIED``: "I've sent a request to billing", "I've sent my team lead a note")."""
    word = words[at] if at < len(words) else ""
    thing = [w for w in words[at + 1:at + 1 + OBJECT_WORDS] if w not in DETERMINERS]
    return (IRREGULAR_BASES.get(word) or base_of(word)) in CARRYING_OUT and NOT_CARRIED.isdisjoint(
        thing)


def _purpose_end(clause: list[str]) -> int | None:
    """Where the purpose that opens the clause ends (the index of the subject of what it is
    for, or the clause's length), or None when the clause opens with no purpose ("to your
    card", "to refund you in full was the least I could do")."""
    opening = 2 if clause[:2] in (["in", "order"], ["so", "as"]) or (
        clause[:1] == ["for"] and clause[1:2] and clause[1] in FOR_WHOM) else 0
    verb = clause[opening + 1] if len(clause) > opening + 1 else ""
    if clause[opening:opening + 1] != ["to"] or not verb.isalpha() or verb in DETERMINERS \
            or verb in PERSONAL:
        return None
    end = next((i for i in range(opening + 3, len(clause)) if clause[i] in SUBJECTS),
               len(clause))
    return end if MODALS.isdisjoint(clause[opening + 2:end]) else None


def _achieved(rest: list[str]) -> bool:
    """Whether the words after a purpose achieve it: the writer carried it out, or, not as a
    hypothesis, it is given a duration or left to the reader alone ("To refund the duplicate
    I'll just need the last 4 digits of the card you used": an offer; not "..., I need my team
    lead's approval", "..., you'd have had to cancel in the first month", nor a rest that
    denies anything)."""
    if _done_by_the_writer(rest):
        return True
    if not HYPOTHETICAL.isdisjoint(rest) or any(
            word in NEGATIONS or word.endswith("n't") for word in rest):
        return False  # "..., we'd need ...", "..., which you didn't"
    offered = (not READERS.isdisjoint(rest) and not ASKED_OF_THE_READER.isdisjoint(rest)
               and OTHERS.isdisjoint(rest))
    return offered or _DURATION.search(" ".join(rest)) is not None


def _needed_for(words: list[str]) -> str:
    """"for us to" when ``words``, the phrase's clause before it, end in "for us to" (and a
    word at most) after words that make a hypothesis or a necessity, done by no one; or ''."""
    start = len(words)
    for at in range(max(0, start - 4), start - 2):
        if words[at] == "for" and words[at + 1] in FOR_WHOM and words[at + 2] == "to":
            before = words[:at]
            hypothesis = not HYPOTHETICAL.isdisjoint(before) or any(
                tuple(before[i:i + 2]) in NECESSITY for i in range(len(before) - 1))
            timed = _DURATION.search(" ".join(before)) is not None  # "it might take a week"
            if hypothesis and not timed and not _done_by_the_writer(before):
                return " ".join(words[at:at + 3])
    return ""
