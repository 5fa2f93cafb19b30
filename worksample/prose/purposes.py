"""A listed phrase inside a purpose ("to refund the duplicate, ..."): what it is for, which the
sentence asserts only where it says the purpose is achieved.

- **A purpose that opens the sentence**: "to", "in order to", "so as to" or "for us to" (``me``,
  ``you``, ``them``...) and a verb, with no verb of its own after it. It runs to the comma, or,
  written without one, to the subject of the clause it is for ("To refund the duplicate we'd
  first need it to be taken"). It asserts nothing unless the rest of the sentence achieves it:
  the writer did something for it ("To get your money back quickly, I've transferred the $290"),
  or, not as a hypothesis, the purpose is given a duration ("To refund the extra $29, we'll
  need 5-10 business days" tells how long the refund takes).
- **A purpose a hypothesis or a necessity is for**: "for us to" and a verb after a clause with
  "would" (``I'd``, ``there'd``...), "might" or "has to" ("There'd have to be a settled charge
  for us to refund the extra"); not after a plain statement ("It takes three days for us to
  refund the extra" tells the refund).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from worksample.prose.asides import MODALS
from worksample.prose.commitment import PERSONAL
from worksample.prose.events import HYPOTHETICAL
from worksample.prose.tellings import DETERMINERS

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
STILL_BEFORE_THE_VERB = frozenset({"already", "just", "now", "also", "since", "today"})
ASKING = frozenset({"asked", "requested"})  # without "to": permission asked for, not an order
ORDERED_SPAN = 5  # "asked our payments team to": words from the verb to its "to"
NECESSITY = ("has", "to"), ("have", "to"), ("had", "to")
# a time a purpose takes: "5 10 business days", "a few days", "two weeks"
_DURATION = re.compile(
    r"(?<![\w'])(?:\d+(?: \d+)?|a few|a couple of|one|two|three|four|five|six|seven|ten) "
    r"(?:business |working )?(?:minutes?|hours?|days?|weeks?)(?![\w'])")


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
    """Whether ``words`` tell the writer did something ("I've sent the $290 to your card",
    "we refunded ..."): a purpose before them is achieved, not only stated. Not a need ("I need
    the bank to settle it") nor a request for permission ("I've asked my team lead", "we
    requested an exception"); an instruction is done ("I've asked billing to refund it")."""
    for at, word in enumerate(words):
        perfect = word in WRITER_HAS or (word in WRITER and words[at + 1:at + 2] == ["have"])
        if not perfect and word not in WRITER:
            continue
        verb_at = at + 2 if perfect and word in WRITER else at + 1  # past "have"
        while verb_at < len(words) and words[verb_at] in STILL_BEFORE_THE_VERB:
            verb_at += 1
        verb = words[verb_at] if verb_at < len(words) else ""
        if verb in ASKING and "to" not in words[verb_at + 1:verb_at + 1 + ORDERED_SPAN]:
            continue  # asked for, not done
        if perfect or verb in {"sent", "paid"} or (verb.endswith("ed") and verb not in NOT_PAST):
            return True
    return False


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
    """Whether the words after a purpose achieve it: the writer did something, or, not as a
    hypothesis, it is given a duration."""
    return _done_by_the_writer(rest) or (
        HYPOTHETICAL.isdisjoint(rest) and _DURATION.search(" ".join(rest)) is not None)


def _needed_for(words: list[str]) -> str:
    """"for us to" when ``words``, the phrase's clause before it, end in "for us to" (and a
    word at most) after words that make a hypothesis or a necessity, done by no one; or ''."""
    start = len(words)
    for at in range(max(0, start - 4), start - 2):
        if words[at] == "for" and words[at + 1] in FOR_WHOM and words[at + 2] == "to":
            before = words[:at]
            hypothesis = not HYPOTHETICAL.isdisjoint(before) or any(
                tuple(before[i:i + 2]) in NECESSITY for i in range(len(before) - 1))
            if hypothesis and not _done_by_the_writer(before):
                return " ".join(words[at:at + 3])
    return ""
