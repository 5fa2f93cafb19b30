"""Measures of a reply's text: numbers stated, reading grade, how much of it is prose."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pyphen

_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_NUMBER_WORDS = re.compile(
    r"\b(?:(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(_UNITS) + r"))?|("
    + "|".join(_UNITS) + r"))\b", re.IGNORECASE)

# The small words that make up a third to a half of any English prose, and few keyword lists.
FUNCTION_WORDS = frozenset("""
a an the and or but so if then than that this these those it its it's is are was were be been
being am do does did have has had will would can could should may might must shall to of in on
at by for from with about into over after before as up out not no we we'll we're we've i i'm
i'll i've i'd you you're you'll your yours he she they them their our us my me what which who
when where how why there here all any some just also only very too more most again once
""".split())

_HYPHENATOR = pyphen.Pyphen(lang="en_US", left=1, right=1)


def numbers_in(text: str, unit: str = "") -> list[float]:
    """The numbers a sentence states, in digits ("1,250.50", "3-5") or words ("thirty").

    With a ``unit`` ("days", "business day"), only numbers followed within three words by
    that unit count: in "restore 24 invoices within 1 business day", 24 is not a duration.
    """
    found = []
    for match in _DIGITS.finditer(text):
        whole, fraction = match.groups()
        found.append((float(whole.replace(",", "") + (f".{fraction}" if fraction else "")),
                      match.end()))
    for match in _NUMBER_WORDS.finditer(text):
        tens, unit_word, alone = match.groups()
        value = _TENS[tens.lower()] + _UNITS.get((unit_word or "").lower(), 0) if tens \
            else _UNITS[alone.lower()]
        found.append((value, match.end()))
    if unit:
        stem = unit.lower().split()[-1].rstrip("s")
        followed = re.compile(r"^\W*(?:[\w$€£]+\W+){0,2}?" + re.escape(stem), re.IGNORECASE)
        found = [(value, end) for value, end in found if followed.match(text[end:])]
    return [value for value, _ in found]


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """Syllables in a word, from hyphenation points (en_US), at least one."""
    return max(1, len(_HYPHENATOR.positions(word.lower())) + 1)


def reading_grade(sentences: Sequence[Sequence[str]]) -> float:
    """Flesch-Kincaid grade level of sentences given as their words (0 when there are none)."""
    words = [word for sentence in sentences for word in sentence]
    if not words:
        return 0.0
    total_syllables = sum(syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * total_syllables / len(words) - 15.59


def function_word_share(words: Sequence[str]) -> float:
    """The share of words that are small function words (prose: roughly 0.35-0.55)."""
    if not words:
        return 0.0
    return sum(1 for word in words if word.lower() in FUNCTION_WORDS) / len(words)
