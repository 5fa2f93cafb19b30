"""A change between two percentages, written in percentage points but called percent.

Churn going from 1.87% to 3.38% is a rise of 1.51 percentage points, or 81%. "Churn
increased by 1.5%" says 1.5 percent: the points written as percent, which understates the
change fifty-fold (a classic error, and the one that lets a writer call the churn "modest").
The case knows such pairs: two expected numbers that are both percentages about the same
quantity (the same ``about`` phrases: churn before and churn after).

A clause about the pair that states a change by a percentage (a change word, then "by" or
"of" just before the figure: "increased by 1.5%", "an increase of 1.5%") equal to the
difference in points, within the pair's tolerance, and not to the change in percent, is
wrong: the clause goes to ``wrong_in``, so a key point stated only there is stated with a
wrong figure. "1.5 percentage points", "1.5 pp" and "1.5 points" are right, and so is "81%".
A move between two percentages the analysis states itself ("solo churn went from 2.00% to
4.10%") makes such a pair too, for the clauses about what its clause is about: the case need
not expect both figures for a writer to call their 2.1 points "an increase of 2.1%".
"""

from __future__ import annotations

import re
from itertools import combinations

from worksample.prose.clauses import Clause
from worksample.prose.matching import PhraseSet
from worksample.prose.measures import StatedNumber, measures_in

from .config import ExpectedNumber
from .figures import Scoped
from .quantities import ClauseNames
from .shown_by import from_to

_RISE = re.compile(r"(?i)\b(?:increas|ris|rose|grew|grow|jump|climb|up\b|higher|doubl|gain|"
                   r"more\b)\w*")
_FALL = re.compile(r"(?i)\b(?:fell|fall|drop|declin|decreas|down\b|lower|less\b|lost|shr[ia]nk)"
                   r"\w*")
_CHANGE = re.compile(r"(?i)\b(?:increas|ris|rose|grew|grow|jump|climb|up|fell|fall|drop|"
                     r"declin|decreas|down|doubl|higher|lower)\w*")
# just before a figure that tells a change: "by", "of" or the change's verb ("went up 1.5%",
# "rose by only 1.5%", "an increase of about 1.5%")
_BEFORE_A_CHANGE = re.compile(
    r"(?i)\b(?:by|(?:increase|rise|jump|climb|gain|growth|drop|fall|decline|decrease|change|"
    r"uplift)\s+of|up|down|rose|risen|grew|grown|increased|jumped|climbed|fell|fallen|"
    r"dropped|declined|decreased|gained|lost)\s*(?:(?:only|just|about|around|roughly|nearly|"
    r"almost|some|over|under|approximately|a|an|full|modest|mere|small|slight|further|extra|"
    r"additional|another)\s+){0,2}[+\u2212-]?\s*$")
# just after such a figure: "a 1.5% increase", "1.5% higher"
_A_CHANGE_AFTER = re.compile(r"(?i)\s*(?:increase|rise|jump|climb|gain|drop|fall|decline|"
                             r"decrease|higher|lower)\b")
# a figure in points however spelt: "1.5pp", "1.51% points", "2.1 pct pts"
_POINTS = re.compile(r"(?i)(?:\d\s*pp|\bpp|\bpts?|\bpoints?)\b")
_POINTS_AFTER = re.compile(r"(?i)\s*(?:percentage|percent|per\s+cent|pct)?\s*"
                           r"(?:pp|pts?|points?)\b")
AFTER_REACH = 24  # how far after a figure its change word or "points" is looked for
RELATIVE_SLACK = 0.02  # "80%" or "81%" for 80.7%: a relative change, written right
# how far before a figure its "by" or "of" is looked for: the prefix, not the whole clause
# again for each figure (quadratic in a clause of thousands of percentages)
BY_REACH = 40
# the distinct moves an analysis states itself that are compared with its changes: each is
# compared with every change, so thousands of each took time growing with their product (31 s
# for a 496 KB analysis); an analysis states a handful. The moves between the case's own
# expected numbers are always compared.
STATED_MOVES_READ = 200


def points_called_percent(scoped: list[Scoped], numbers: list[ExpectedNumber],
                          about: dict[str, PhraseSet]) -> dict[Clause, str]:
    """The clauses that call a change in percentage points percent (clause -> what it says,
    for evidence: "1.5% for a change of 1.51 percentage points, 81% of 1.87%"): a change
    between two expected numbers, or one the analysis states itself ("solo churn went from
    2.00% to 4.10%", then "solo churn rose by 2.1%")."""
    found: dict[Clause, str] = {}
    changes = list(_changes_in_percent(scoped, about))
    if not changes:
        return found
    for first, second in _pairs(numbers):
        # allowed_difference is a fraction (0.0005 for "0.05%"); the points are percent units
        slack = max(first.allowed_difference * 100, second.allowed_difference * 100, 0.005)
        _called_percent(changes, frozenset({first.id, second.id}), first.expected.value,
                        second.expected.value, slack, found)
    # the same move stated in several clauses is one move: each of those clauses is checked
    # against it (the others state it), and an analysis repeating it costs nothing more
    moves: dict[tuple, list[Clause]] = {}
    for clause, of, a, b, slack in _stated_moves(scoped):
        if len(moves) < STATED_MOVES_READ or (of, a, b, slack) in moves:
            moves.setdefault((of, a, b, slack), []).append(clause)
    for (of, a, b, slack), stated_in in moves.items():
        _called_percent(changes, of, a, b, slack, found,
                        besides=stated_in[0] if len(stated_in) == 1 else None)
    return found


def relative_changes(numbers: list[ExpectedNumber]) -> dict[str, tuple[float, float]]:
    """For each expected percentage in a before-and-after pair, the pair's change in percent
    of the lower figure and of the higher (churn from 1.87% to 3.38%: a rise of 80.7%, or a
    fall of 44.7%), which a figure telling a change of it may state: "churn rose by about
    80%" states no wrong level of churn."""
    found: dict[str, tuple[float, float]] = {}
    for first, second in _pairs(numbers):
        low, high = sorted((first.expected.value, second.expected.value))
        if low > 0:
            found[first.id] = found[second.id] = ((high - low) / low * 100,
                                                  (high - low) / high * 100)
    return found


def a_relative_change(text: str, figure: StatedNumber,
                      changes: tuple[float, float] | None) -> bool:
    """Whether ``figure`` in ``text`` tells a change in percent that is the pair's
    (``changes``): a rise of the lower figure's, a fall of the higher's, within
    ``RELATIVE_SLACK`` or half a point ("80%" or "81%" for 80.7%). Not where the clause says
    both or neither way."""
    if changes is None or not figure.percent or not _a_change(text, figure) \
            or _in_points(text, figure):
        return False
    rises, falls = bool(_RISE.search(text)), bool(_FALL.search(text))
    if rises == falls:
        return False
    change = changes[0] if rises else changes[1]
    return abs(abs(figure.value) - change) <= change * RELATIVE_SLACK + 0.5


def _changes_in_percent(scoped: list[Scoped], phrases: dict[str, PhraseSet]):
    """Each figure that states a change by a percentage, not in points, in a clause about an
    expected number: (the scoped clause, the figure, its size, the expected numbers named
    last before it). Read once for every move it is compared with."""
    for item in scoped:
        text = item.clause.text
        if not item.about or not _CHANGE.search(text):
            continue
        names = ClauseNames(item.clause, phrases)  # read once for all its figures
        for figure in measures_in(text):
            if figure.percent and _a_change(text, figure) and not _in_points(text, figure):
                yield item, figure, abs(figure.value), names.named_last(figure)


def _called_percent(changes: list, about: frozenset[str], a: float, b: float, slack: float,
                    found: dict[Clause, str], besides: Clause | None = None) -> None:
    """Add to ``found`` each clause of ``changes`` about one of ``about`` (other than
    ``besides``, the clause stating the move, where a change may be of another quantity: "its
    share went from 72.9% to 69.1% as MRR fell by 4%") that states a change by a percentage
    equal to the points between ``a``% and ``b``% and to no change in percent, where the
    quantity named last before the figure is one of ``about`` (not "churn rose and solo MRR
    fell by 1.5%")."""
    points = abs(b - a)
    relatives = [points / low * 100 for low in (a, b) if low]
    for item, figure, said, named in changes:
        if (item.clause is besides or about.isdisjoint(item.about)
                or about.isdisjoint(named or about)):
            continue
        if (_the_points(said, points, slack, figure.step)
                and not any(abs(said - r) <= r * RELATIVE_SLACK + 0.5 for r in relatives)):
            low = min(a, b)
            found.setdefault(item.clause, (
                f"{figure.text} for a change of {points:.2f} percentage points, "
                f"{points / low * 100:.0f}% of {low:g}%"))


def _a_change(text: str, figure: StatedNumber) -> bool:
    """Whether ``figure`` in ``text`` tells a change: "by", "of" or a verb of change just
    before it, a word of change just after it, or a plus sign."""
    start = text.rfind(figure.text, 0, figure.end)
    return (figure.text.startswith("+")
            or bool(_BEFORE_A_CHANGE.search(text[max(start - BY_REACH, 0):max(start, 0)]))
            or bool(_A_CHANGE_AFTER.match(text[figure.end:figure.end + AFTER_REACH])))


def _in_points(text: str, figure: StatedNumber) -> bool:
    """Whether ``figure`` is written in points: "1.5 percentage points", "1.5pp", "1.51%
    points", "2.1 pct pts"."""
    return bool(_POINTS.search(figure.text)
                or _POINTS_AFTER.match(text[figure.end:figure.end + AFTER_REACH]))


def _the_points(said: float, points: float, slack: float, step: float) -> bool:
    """Whether ``said`` is the difference in points: within ``slack``, or the difference
    rounded to the decimals written ("0.1%" for 0.09 points; a whole number is too rough to
    tell: "by 2%" for 1.51 points may be anything)."""
    if abs(said - points) <= slack:
        return True
    return step < 1 and abs(said - round(points / step) * step) < step / 100


def _stated_moves(scoped: list[Scoped]):
    """The moves between two percentages a clause states ("from 2.00% to 4.10%"), each as
    (the clause, what it is about, the first, the second, the slack of their written
    digits)."""
    for item in scoped:
        if not item.about:
            continue
        text = item.clause.text
        figures = [f for f in measures_in(text) if f.percent]
        for first, second in zip(figures, figures[1:], strict=False):
            start = text.rfind(first.text, 0, first.end)
            between = text[first.end:text.rfind(second.text, 0, second.end)]
            if from_to(text[:start], between):
                yield (item.clause, item.about, first.value, second.value,
                       max(first.step, second.step, 0.005))


def _pairs(numbers: list[ExpectedNumber]):
    """Two expected percentages about the same quantity: before and after."""
    for first, second in combinations(numbers, 2):
        if (first.expected.percent and second.expected.percent
                and {a.lower() for a in first.about} == {a.lower() for a in second.about}):
            yield first, second

