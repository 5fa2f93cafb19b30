"""A key point made by its quantity's figure told as a change: "MRR was $142,506 in February
and $169,589 in August, up $27,083 (19.0%)" shows that MRR rose, though no cue says so.

A point's cues tell its quantity and which way it moved ("mrr ... rose", "fewer sign ups").
The case's expected numbers about that quantity (a number whose ``about`` phrase is written
in one of the point's cues: "mrr" of ``mrr-change``) are read for it. The point is made by a
sentence that states such a number right (``figures.stated_right``: not in a table row, a
condition, a negation, a forecast, a hedge or someone else's claim) with a word of change
beside its figure that goes the point's way:

- just before it: "up 19%", "an increase of 19%", "a fall of 28%", "lifted MRR by 19%",
  also past the change's amount ("up $27,083 (19.0%)", "a fall of 209 or 28%");
- just after it: "a 19% increase", "28% lower", "19% more than in February";
- or its sign: "(-28%)", "+19%".

Never in a question, nor in a sentence with a word of a part of the customers ("solo MRR")
and none of the whole, nor one with one of the point's ``unless`` phrases ("MRR per
customer"), nor one that supposes, plans or compares with others (``shown_by.ours``). A
point whose cues go both ways, or neither, or that names no quantity an expected number is
about, is not read this way; nor is a wrong figure (it is not stated right).
"""

from __future__ import annotations

import re

from worksample.prose.evidence import Finding, quote_sentence
from worksample.prose.matching import PhraseSet
from worksample.prose.text import Sentence

from .config import ExpectedNumber, KeyPoint
from .parts import Parts
from .shown_by import WHOLE, ours

UP, DOWN = "up", "down"
_UP = re.compile(r"(?i)^(?:increas|ris(?:e|en|es|ing)$|rose$|gr[eo]w|jump|climb|up$|higher|"
                 r"doubl|gain|more$|lift|boost|rais)")
_DOWN = re.compile(r"(?i)^(?:fell$|fall|drop|declin|decreas|down$|lower|less$|fewer$|lost$|"
                   r"shr[iau]nk|cut$|dip)")
NEGATIONS = frozenset({"not", "no", "never", "nothing", "neither", "nor", "without"})
# a change's amount before the figure: "up $27,083 (19.0%)", "a fall of 209 or 28%"
_AMOUNT = re.compile(r"[$€£]?\d[\d,.]*\s*[kKmM]?\s*%?\s*(?:\(|,\s*or\s+|,\s*|\s+or\s+)$")
# a word of change just before a figure, then "by", "of" or nothing, then a qualifier
_BEFORE = re.compile(
    r"(?i)\b(?P<word>[a-z]+)(?:\s+(?P<by>by|of))?\s+(?:(?:only|just|about|around|roughly|"
    r"nearly|almost|some|over|under|approximately|a|an|full|further|another)\s+){0,2}"
    r"[+\u2212-]?\s*$")
VERB_REACH = 4  # "lifted MRR by 19%": words before "by" where its verb is looked for
_AFTER = re.compile(r"(?i)^\s*(?:points?\s+)?(?P<word>[a-z]+)")
REACH = 60  # characters before a figure where its word of change is looked for


def direction(point: KeyPoint) -> str | None:
    """Which way the point's cues say its quantity moved (``UP`` or ``DOWN``): every cue
    that tells a way tells the same one, read in its words after its last "..." (all its
    words when it has none); a cue with a negation tells none. None when no cue tells a way
    or cues tell both."""
    ways = set()
    for cue in point.cues:
        words = [w.strip("*") for w in cue.lower().split()]
        if NEGATIONS.intersection(words) or any(w.endswith("n't") for w in words):
            continue
        told = words[len(words) - words[::-1].index("..."):] if "..." in words else words
        ways |= {way for word in told if (way := _way(word))}
    return ways.pop() if len(ways) == 1 else None


def linked(point: KeyPoint, numbers: list[ExpectedNumber]) -> list[ExpectedNumber]:
    """The expected numbers about the point's quantity: one of their ``about`` phrases is
    written, word for word, in one of the point's cues ("mrr" in "mrr ... rose")."""
    cues = [[w.strip("*") for w in cue.lower().split() if w != "..."] for cue in point.cues]
    return [number for number in numbers
            if any(_within(about.lower().split(), cue) for about in number.about
                   for cue in cues)]


def made_by_a_change(point: KeyPoint, stated: dict[str, dict[int, tuple[Sentence, str]]],
                     numbers: list[ExpectedNumber], parts: Parts,
                     unless: PhraseSet) -> Finding | None:
    """The point made by one of its quantity's figures told as a change its way (see the
    module docstring): the finding for the first such sentence, or None. A sentence that
    names a part of the customers without the whole, or one of the point's ``unless``
    phrases ("per customer"), tells another quantity's change."""
    way = direction(point)
    if way is None:
        return None
    for number in linked(point, numbers):
        for sentence, figure in stated.get(number.id, {}).values():
            if (ours(sentence, parts) and not _of_a_part(sentence, parts)
                    and unless.find([sentence]) is None
                    and _told_as(sentence.text, figure) == way):
                return Finding("key_points", point.id, f"makes the point: {point.point}", 1.0,
                               f"{quote_sentence(sentence)}: its figure tells the change "
                               f"({figure}, {way}: {number.states})")
    return None


def _of_a_part(sentence: Sentence, parts: Parts) -> bool:
    """Whether the sentence has a word of a part of the customers ("solo MRR is up 19%")
    and no word of the whole ("overall", "in total")."""
    return parts.named_in(sentence) and WHOLE.isdisjoint(sentence.tokens)


def _told_as(text: str, figure: str) -> str | None:
    """Which way the figure written ``figure`` is told to move where it first stands in
    ``text`` with a word of change beside it; None when nowhere."""
    for place in [m.start() for m in re.finditer(re.escape(figure), text)]:
        sign = figure.lstrip()[:1]
        if sign == "+":
            return UP
        if sign in "-\u2212":
            return DOWN
        way = _way_before(text[max(0, place - REACH):place]) or _way_after(
            text[place + len(figure):])
        if way:
            return way
    return None


def _way_before(before: str) -> str | None:
    """The way told by a word of change just before a figure, past a change's amount."""
    for prefix in (before, _AMOUNT.sub("", before)):
        match = _BEFORE.search(prefix)
        if match is None:
            continue
        way = _way(match["word"])
        if way is None and (match["by"] or "").lower() == "by":
            # "lifted MRR by 19%": the verb a few words before "by", the nearest that tells
            words = prefix[:match.start("by")].split()[-VERB_REACH:]
            way = next(filter(None, map(_way, reversed(words))), None)
        if way:
            return way
    return None


def _way_after(after: str) -> str | None:
    """The way told by a word of change just after a figure ("a 19% increase", "28% lower")."""
    match = _AFTER.match(after)
    return _way(match["word"]) if match else None


def _way(word: str) -> str | None:
    """``UP`` or ``DOWN`` for a word of change ("rose", "fewer"), else None."""
    if _UP.match(word):
        return UP
    return DOWN if _DOWN.match(word) else None


def _within(words: list[str], cue: list[str]) -> bool:
    """Whether ``words`` stand together, in order, among ``cue``'s."""
    size = len(words)
    return bool(size) and any(cue[i:i + size] == words for i in range(len(cue) - size + 1))
