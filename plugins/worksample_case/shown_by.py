"""A key point made by its figures: "churn stood at 1.87% a month before the rise and at 3.38%
after it" shows that churn rose, though no cue says so.

A point with ``shown_by`` (two or more expected numbers, e.g. churn before and after) is made
by a sentence that states all of them right (``figures.stated_right``: not in a table row, a
condition, a negation, a forecast, a hedge or someone else's claim) as a move from one to the
next:

- "from" the first "to" the next, at most a few words between ("went from 1.87% before the
  rise to 3.38% after");
- or the first beside a word of the time before ("before", "until", "prior"), or in a
  clause that one opens, or after an opening phrase it opens ("before the rise churn was
  1.87%", "Before the increase, churn was 1.87%"), and the next beside a word of
  the time after ("after", "since", "now"), neither beside the other's word ("before the
  rise 1.87% a month, after it 3.38%"; not "1.87% after the rise and 3.38% before it", whose
  right values say the opposite). The words between the figures are the
  first's up to a break (a comma, a semicolon, "and", "vs") and the next's after it: "1.87% of
  customers a month before, 3.38% after".

Never in a question, nor in a sentence that names a part of the customers (``parts``: "in
the team segment churn went from ...") without the whole ("overall"), nor one that
supposes, plans, models or compares with others ("suppose churn went from ...", "a
competitor's churn went from ...", "the target is to take churn from ..."): the same
figures, not this case's finding. Figures that are a range or a list ("between 1.87% and
3.38%", "at 1.87% and 3.38% churn the payback is ...") are no move. Sarcasm, or a next
sentence that takes the figures back, is not seen. A red team's texts against the first
form of this reading are in ``tests/corpora/key_points.yaml``.
"""

from __future__ import annotations

import re

from worksample.prose.evidence import Finding, quote_sentence
from worksample.prose.text import WORD, Sentence

from .config import ExpectedNumber, KeyPoint
from .parts import Parts

BEFORE = frozenset({"before", "until", "prior", "previously", "pre"})
AFTER = frozenset({"after", "since", "now", "post", "currently", "today"})
WHOLE = frozenset({"overall", "total", "blended", "everyone", "all", "whole"})
NEAR = 4  # words either side of a figure where its time is looked for
SIDE = 2 * NEAR  # words on a figure's side of a break: "1.87% of customers a month before,"
# words that make the figures someone's supposition, plan, model or benchmark
NOT_OURS = frozenset({
    "suppose", "supposing", "imagine", "assume", "assuming", "hypothetically", "hypothetical",
    "target", "targets", "goal", "aim", "aims", "plan", "plans", "planned", "scenario",
    "simulate", "simulated", "simulation", "model", "modelled", "modeled", "budget",
    "budgeted", "forecast", "forecasts", "projected", "projection", "expected", "benchmark",
    "benchmarks", "industry", "typical", "typically", "competitor", "competitors", "rival",
    "rivals", "peers", "average", "survey", "published", "needed", "need", "would", "could",
    "might"})
_FROM = re.compile(r"(?i)\bfrom\s+(?:(?:about|around|roughly|nearly|almost|just|under|over|"
                   r"some)\s+){0,2}[~≈]?\s*$")
_TO = re.compile(r"(?i)\s*(?:[^\s]+\s+){0,5}?to\s+(?:(?:about|around|roughly|nearly|almost|"
                 r"just|under|over|some)\s+){0,2}[~≈]?\s*")
_BREAK = re.compile(r"[,;]|\b(?:and|vs|versus)\b", re.IGNORECASE)
_OPENING = re.compile(r"[,;:]|\b(?:and|vs|versus)\b", re.IGNORECASE)  # where a clause opens
OPENING_SKIPPED = frozenset({"just", "right", "shortly", "immediately", "well", "long"})
OPENER_REACH = 12  # words of an opening time phrase and the clause up to the figure
FROM_REACH = 30  # characters before the first figure where "from" is looked for


def made_by_figures(point: KeyPoint, stated: dict[str, dict[int, tuple[Sentence, str]]],
                    numbers: list[ExpectedNumber], parts: Parts) -> Finding | None:
    """The point made by its ``shown_by`` figures (see the module docstring): the finding for
    the first sentence that tells them as a move, or None."""
    common = sorted(set.intersection(*(set(stated.get(n, {})) for n in point.shown_by)))
    for index in common:
        sentence = stated[point.shown_by[0]][index][0]
        figures = [stated[n][index][1] for n in point.shown_by]
        if _ours(sentence, parts) and all(
                _a_move(sentence.text, first, second)
                for first, second in zip(figures, figures[1:], strict=False)):
            named = {n.id: n.states for n in numbers}
            return Finding("key_points", point.id, f"makes the point: {point.point}", 1.0,
                           f"{quote_sentence(sentence)}: its figures say it "
                           f"({' and '.join(figures)}: "
                           f"{'; '.join(named[n] for n in point.shown_by)})")
    return None


def _ours(sentence: Sentence, parts: Parts) -> bool:
    """Whether the sentence can tell this case's finding: no question, no part of the
    customers named unless the whole is too ("overall", "in total"), no word of supposing or
    of others' figures (``NOT_OURS``)."""
    return (not sentence.text.rstrip().rstrip("\"')]\u201d\u2019").endswith("?")
            and (not parts.mentions(sentence.normal.split())
                 or not WHOLE.isdisjoint(sentence.tokens))
            and NOT_OURS.isdisjoint(sentence.tokens))


def _a_move(text: str, first: str, second: str) -> bool:
    """Whether ``text`` tells a move from the figure written ``first`` to the one written
    ``second``, as the module docstring says, at some place where both stand in that
    order."""
    for i in _places(text, first):
        for j in _places(text, second):
            if j <= i:
                continue
            between = text[i + len(first):j]
            if from_to(text[:i], between):
                return True
            # the words between go to the figure on their side of a break ("1.87% a month
            # before, 3.38% after"), else to the nearer ("1.87% a month after it 3.38%")
            first_side, second_side = _sides(between)
            near_first = _words(text[:i])[-NEAR:] + first_side
            near_second = second_side + _words(text[j + len(second):])[:NEAR]
            before = BEFORE.intersection(near_first) or _opened_by_before(text[:i])
            if (before and AFTER.intersection(near_second)
                    and AFTER.isdisjoint(near_first) and BEFORE.isdisjoint(near_second)):
                return True
    return False


def _sides(between: str) -> tuple[list[str], list[str]]:
    """The words between two figures near enough to be of the first and of the second: at
    the first break (a comma, a semicolon, "and", "vs"), each side's ``SIDE`` words nearest
    its figure; else ``NEAR`` words of each half."""
    parts = _BREAK.split(between, maxsplit=1)
    if len(parts) == 2:
        return _words(parts[0])[:SIDE], _words(parts[1])[-SIDE:]
    middle = _words(between)
    half = (len(middle) + 1) // 2
    return middle[:half][:NEAR], middle[half:][-NEAR:]


def _opened_by_before(text: str) -> bool:
    """Whether the clause ``text`` ends in (a figure's, up to it) opens with a word of the time
    before, or follows an opening phrase that does: its first word, past "just", "right" ...
    (``OPENING_SKIPPED``), the clause and the phrase at most ``OPENER_REACH`` words ("before
    the rise churn was 1.87%", "Before the increase, churn was 1.87%"; not "churn among those
    who joined before the rise was 1.87%", nor "our prior estimate was 1.87%")."""
    clauses = [_words(part) for part in _OPENING.split(text)[-2:]]
    for words in clauses:
        while words and words[0] in OPENING_SKIPPED:
            words = words[1:]
        if words and words[0] in BEFORE and sum(map(len, clauses)) <= OPENER_REACH:
            return True
    return False


def from_to(before: str, between: str) -> bool:
    """Whether the text ``before`` a figure and ``between`` it and the next tell a move "from"
    the one "to" the other ("from 2.00% before the rise to 4.10%", "from about 1.9% to nearly
    3.4%")."""
    return bool(_FROM.search(before[-FROM_REACH:]) and _TO.fullmatch(between))


def _places(text: str, figure: str) -> list[int]:
    """Where ``figure`` is written in ``text``."""
    return [match.start() for match in re.finditer(re.escape(figure), text)]


def _words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return [word.lower() for word in WORD.findall(text)]
