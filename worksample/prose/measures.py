"""Measures of a text: numbers stated, reading grade, how much of it is prose.

Numbers are read as people write them: "$56,400", "$56.4k", "56.4 thousand", "$1.2M",
"17.4%", "2.3 per cent", "-3.2 pp"; ``measures_in`` also reads a number written in words
when a unit marks it as a measure ("seventeen percent", "forty thousand"): a bare "one" or
"two" in prose ("one plan") is not a figure."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_QUANTITY = re.compile(
    r"(?<![\w.,])(?P<sign>[-\u2212\u2013+](?=[$\u20ac\u00a3]?\d))?(?P<currency>[$\u20ac\u00a3])?"
    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<decimals>\d+))?(?!\d)"
    r"(?P<scale>\s?(?:k|K|mn|m|M|bn|B)(?![\w'])|\s(?:thousand|million|billion)\b)?"
    r"(?P<percent>\s?%|\s(?:percent|per[ -]cent|pct|percentage points?)\b|\s?pp\b)?")
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
           "b": 1e9, "billion": 1e9}
_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}


def _any_of(words: Iterable[str]) -> str:
    """An alternation of ``words`` that matches them in either case, of ASCII letters only.
    Under IGNORECASE alone "FİVE", "fıve" and "ſix" match "five" and "six", and what they
    lower to ("fi̇ve", "fıve", "ſix") is no key of the tables the words are read with."""
    return "(?a:" + "|".join(words) + ")"


_NUMBER_WORDS = re.compile(
    r"\b(?:(" + _any_of(_TENS) + r")(?:[- ](" + _any_of(_UNITS) + r"))?|("
    + _any_of(_UNITS) + r"))\b", re.IGNORECASE)
_NUMBER_WORD_SET = frozenset(_TENS) | frozenset(_UNITS)
_LETTERS = re.compile("[a-z]+")
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = (r"(?:" + _any_of(_TENS) + r"(?:[- ]" + _any_of(_UNITS) + r")?|"
                + _any_of(_UNITS) + r")")
# a number in words is a measure only with a unit after it: "seventeen percent", "forty thousand"
_WORD_MEASURE = re.compile(
    r"\b(?P<number>" + _NUMBER_WORD + r")\b(?:\s+point\s+(?P<decimal>" + _any_of(_UNITS)
    + r"))?(?P<scale>\s" + _any_of(("thousand", "million", "billion")) + ")?"
    r"(?P<percent>\s(?:percent|per[ -]cent|percentage points?)\b)?", re.IGNORECASE)
_WORD_RUN = re.compile(r"\w+(?:[$\u20ac\u00a3]+\w+)*")  # words joined by $, € or £: "a$b"
HYPHENATED_LETTERS = 45  # the longest English words; past it, a "word" is read by its start
# a word of frequency states a period: "daily backups" are backups every 24 hours, every day
_HOURS_IN = {"minute": 1 / 60, "hour": 1, "day": 24, "week": 168}
_FREQUENCY = re.compile(
    r"\b(?:(?P<adverb>" + _any_of(("hourly", "daily", "nightly", "weekly"))
    + r")|(?:every|each|once an?|once per)\s"
    r"(?P<period>" + _any_of(("minute", "hour", "day", "night", "week")) + r"))\b",
    re.IGNORECASE)
_RANGE = re.compile(
    r"(?<![\w.,])(\d+(?:\.\d+)?)\s?(?:-|\u2013|\u2014|to)\s?(\d+(?:\.\d+)?)(?![\w.])")
_PERIOD = {"hourly": "hour", "daily": "day", "nightly": "day", "weekly": "week", "night": "day"}

# The small words that make up a third to a half of any English prose, and few keyword lists.
FUNCTION_WORDS = frozenset("""
a an the and or but so if then than that this these those it its it's is are was were be been
being am do does did have has had will would can could should may might must shall to of in on
at by for from with about into over after before as up out not no we we'll we're we've i i'm
i'll i've i'd you you're you'll your yours he she they them their our us my me what which who
when where how why there here all any some just also only very too more most again once
""".split())



@dataclass(frozen=True)
class StatedNumber:
    """A number as a sentence states it: "17.4%", "$9,840", "9.8k", "-3.2 percent"."""

    value: float  # scale applied, percent not: "17.4%" is 17.4, "9.8k" is 9800
    percent: bool
    text: str
    step: float  # the precision written: 0.1 for "17.4%", 100 for "9.8k"
    significant_digits: int
    end: int

    @property
    def fraction_value(self) -> float:
        """The value with a percentage read as a fraction: "17.4%" is 0.174."""
        return self.value / 100 if self.percent else self.value


def stated_numbers(text: str) -> list[StatedNumber]:
    """Every number written in digits in ``text``, with its sign, scale (k, m, bn, million)
    and whether it is a percentage; currency symbols are read past."""
    found = []
    if not _DIGIT.search(text):  # every quantity has a digit; the pattern looks at each character
        return found
    for match in _QUANTITY.finditer(text):
        whole, decimals = match["whole"].replace(",", ""), match["decimals"] or ""
        scale = _SCALES[match["scale"].strip().lower()] if match["scale"] else 1.0
        value = float(f"{whole}.{decimals}" if decimals else whole) * scale
        if match["sign"] and match["sign"] != "+":
            value = -value
        digits = (whole + decimals).lstrip("0")
        found.append(StatedNumber(
            value=value, percent=bool(match["percent"]), text=match.group(0).strip(),
            step=scale * 10.0 ** -len(decimals), significant_digits=len(digits),
            end=match.end()))
    return found


def measures_in(text: str) -> list[StatedNumber]:
    """Every figure ``text`` states, in document order: the numbers in digits
    (``stated_numbers``) and the numbers in words that a unit marks as measures
    ("seventeen percent", "two point three per cent", "forty thousand")."""
    found = stated_numbers(text)
    for match in _WORD_MEASURE.finditer(text):
        if not (match["percent"] or match["scale"]):
            continue
        value = _word_value(match["number"])
        digits = str(value)
        step = 1.0
        if match["decimal"]:
            decimal = _UNITS[match["decimal"].lower()]
            if decimal > 9:
                continue  # "two point twelve" is not how a number is said
            value, step, digits = value + decimal / 10, 0.1, f"{digits}{decimal}"
        scale = _SCALES[match["scale"].strip().lower()] if match["scale"] else 1.0
        found.append(StatedNumber(
            value=value * scale, percent=bool(match["percent"]), text=match.group(0).strip(),
            step=step * scale, significant_digits=len(digits.lstrip("0")) or 1,
            end=match.end()))
    return sorted(found, key=lambda number: number.end)


def _word_value(words: str) -> int:
    """"twenty-three" is 23, "seven" is 7."""
    parts = re.split(r"[- ]", words.lower())
    return sum(_TENS.get(part, _UNITS.get(part, 0)) for part in parts)


def shown_share(share: float) -> str:
    """A share as a percentage with the digits it needs: 0.02 is "2%", 0.005 is "0.5%",
    0.0125 is "1.25%" (never "0%" for a share that is not 0)."""
    return f"{share * 100:.4g}%"


@lru_cache(maxsize=1)
def _hyphenator():
    """Loaded on first use, not at import: every `worksample grade` imports this module."""
    import pyphen

    return pyphen.Pyphen(lang="en_US", left=1, right=1)


def numbers_in(text: str, unit: str = "") -> list[float]:
    """The numbers a sentence states, in digits ("1,250.50", "3-5", "9.8k") or words ("thirty").

    With a ``unit`` ("days", "business day"), only numbers followed within three words by
    that unit count: in "restore 24 invoices within 1 business day", 24 is not a duration.
    With a unit of time, a word of frequency counts as its period in that unit: "daily" is 24
    hours or 1 day, "once a week" 7 days.
    """
    found = [(number.value, number.end) for number in stated_numbers(text)]
    for match in _number_words(text):
        tens, unit_word, alone = match.groups()
        value = _TENS[tens.lower()] + _UNITS.get((unit_word or "").lower(), 0) if tens \
            else _UNITS[alone.lower()]
        found.append((value, match.end()))
    if unit:
        stem = unit.lower().split()[-1].rstrip("s")
        followed = _followed_by(text, [end for _, end in found], stem)
        found = [number for number, is_followed in zip(found, followed, strict=True) if is_followed]
        found += [(value, 0) for value in _periods(text, stem)]
    return [value for value, _ in found]


def _number_words(text: str):
    """The matches of ``_NUMBER_WORDS`` in ``text``. Its alternation is tried at every word;
    an ASCII text holding none of its words as a whole run of letters (every match starts with
    one) is not searched."""
    if text.isascii() and _NUMBER_WORD_SET.isdisjoint(_LETTERS.findall(text.lower())):
        return ()
    return _NUMBER_WORDS.finditer(text)


def spans_in(text: str, unit: str = "") -> list[tuple[float, float]]:
    """The figures ``numbers_in`` reads, as spans: a range ("3-5 business days", "2 to 4
    hours") is one statement from its low end to its high end, any other number a span of
    one value. A range counts when its high end does (the unit follows the range)."""
    values = numbers_in(text, unit)
    spans = []
    for low, high in ((float(a), float(b)) for a, b in _RANGE.findall(text)):
        if high in values and low <= high:
            values.remove(high)
            if low in values:
                values.remove(low)
            spans.append((low, high))
    return spans + [(value, value) for value in values]


def _periods(text: str, stem: str) -> list[float]:
    """The periods that words of frequency state ("daily", "every hour", "once a week"), in
    ``stem``'s unit when it is one of time ("hour", "day" ...): "daily" is 24 hours."""
    if stem not in _HOURS_IN:
        return []
    found = []
    for match in _FREQUENCY.finditer(text):
        word = (match.group("adverb") or match.group("period")).lower()
        period = _PERIOD.get(word, word)
        found.append(_HOURS_IN[period] / _HOURS_IN[stem])
    return found


def _followed_by(text: str, ends: list[int], stem: str) -> list[bool]:
    r"""For each position in ``ends``, whether ``stem`` (any case) follows it within three
    words: whether ``\W*(?:[\w$€£]+\W+){0,2}?stem`` matches there. That pattern backtracks
    over a run of currency signs in polynomial time, and would be tried at every number.

    What it says: the stem starts right at the position, or after a non-word character with
    the word characters on the way in at most two runs (words, or words joined by currency
    signs: "a$b"). So the stem must start at the latest where the third run after the position
    starts."""
    if not ends:
        return []
    at_start = re.compile(re.escape(stem), re.IGNORECASE)
    starts = [m.start() for m in re.finditer(rf"(?<!\w)(?={re.escape(stem)})", text,
                                             re.IGNORECASE)]
    runs = list(_WORD_RUN.finditer(text))
    run_ends = [run.end() for run in runs]
    followed = []
    for end in ends:
        third = bisect_right(run_ends, end) + 2  # runs ending by ``end`` are not on the way
        latest = runs[third].start() if third < len(runs) else len(text)
        after = bisect_right(starts, end)
        followed.append(bool(at_start.match(text, end))
                        or (after < len(starts) and starts[after] <= latest))
    return followed


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """Syllables in a word, from hyphenation points (en_US), at least one. Of a "word" longer
    than ``HYPHENATED_LETTERS`` (a link, a candidate's 60,000 letters, which take pyphen a
    second), those of its start, in proportion to its length."""
    if len(word) > HYPHENATED_LETTERS:
        return round(syllables(word[:HYPHENATED_LETTERS]) * len(word) / HYPHENATED_LETTERS)
    return max(1, len(_hyphenator().positions(word.lower())) + 1)


def reading_grade(sentences: Sequence[Sequence[str]]) -> float:
    """Flesch-Kincaid grade level of sentences given as their words (0 when there are none)."""
    words = [word for sentence in sentences for word in sentence]
    if not words:
        return 0.0
    total_syllables = sum(syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * total_syllables / len(words) - 15.59


@lru_cache(maxsize=50_000)  # a reply's every word is asked; the same words come back
def is_function_word(word: str) -> bool:
    """Whether ``word`` is a small function word; a contraction of them is one too: any
    negated auxiliary ("can't", "doesn't"), and a function word with a clitic ("it's",
    "that's", "they'll")."""
    lower = word.lower().replace("’", "'")
    return (lower in FUNCTION_WORDS or lower.endswith("n't")
            or "'" in lower and lower.split("'")[0] in FUNCTION_WORDS)


def function_word_share(words: Sequence[str]) -> float:
    """The share of words that are small function words, contractions of them included
    (prose: roughly 0.35-0.55)."""
    if not words:
        return 0.0
    return sum(1 for word in words if is_function_word(word)) / len(words)
