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
from worksample.prose.measures import measures_in

from .config import ExpectedNumber
from .figures import Scoped

_CHANGE = re.compile(r"(?i)\b(?:increas|ris|rose|grew|grow|jump|climb|up|fell|fall|drop|"
                     r"declin|decreas|down|doubl)\w*")
_BY = re.compile(r"(?i)\b(?:by|of)\s*(?:(?:only|just|about|around|roughly|nearly|almost|"
                 r"some|over|under)\s+)?[+\u2212-]?\s*$")
_POINTS = re.compile(r"(?i)\b(?:pp|points?|percentage points?)\b")
_FROM = re.compile(r"(?i)\bfrom\s*$")
_TO = re.compile(r"(?i)\s*to\s*")
FROM_REACH = 8  # "from " and a sign or currency before a move's first figure
RELATIVE_SLACK = 0.02  # "80%" or "81%" for 80.7%: a relative change, written right
# how far before a figure its "by" or "of" is looked for: the prefix, not the whole clause
# again for each figure (quadratic in a clause of thousands of percentages)
BY_REACH = 40


def points_called_percent(scoped: list[Scoped],
                          numbers: list[ExpectedNumber]) -> dict[Clause, str]:
    """The clauses that call a change in percentage points percent (clause -> what it says,
    for evidence: "1.5% for a change of 1.51 percentage points, 81% of 1.87%"): a change
    between two expected numbers, or one the analysis states itself ("solo churn went from
    2.00% to 4.10%", then "solo churn rose by 2.1%")."""
    found: dict[Clause, str] = {}
    for first, second in _pairs(numbers):
        # allowed_difference is a fraction (0.0005 for "0.05%"); the points are percent units
        slack = max(first.allowed_difference * 100, second.allowed_difference * 100, 0.005)
        _called_percent(scoped, frozenset({first.id, second.id}), first.expected.value,
                        second.expected.value, slack, found)
    for about, a, b, slack in _stated_moves(scoped):
        _called_percent(scoped, about, a, b, slack, found)
    return found


def _called_percent(scoped: list[Scoped], about: frozenset[str], a: float, b: float,
                    slack: float, found: dict[Clause, str]) -> None:
    """Add to ``found`` each clause about one of ``about`` that states a change by a
    percentage equal to the points between ``a``% and ``b``% and to no change in percent."""
    points = abs(b - a)
    relatives = [points / low * 100 for low in (a, b) if low]
    for item in scoped:
        if about.isdisjoint(item.about) or item.clause in found:
            continue
        text = item.clause.text
        if not _CHANGE.search(text):
            continue
        for figure in measures_in(text):
            start = text.rfind(figure.text, 0, figure.end)
            if (not figure.percent or _POINTS.search(figure.text)
                    or not _BY.search(text[max(start - BY_REACH, 0):max(start, 0)])):
                continue
            said = abs(figure.value)
            if (abs(said - points) <= slack + figure.step / 2
                    and not any(abs(said - r) <= r * RELATIVE_SLACK + 0.5 for r in relatives)):
                low = min(a, b)
                found.setdefault(item.clause, (
                    f"{figure.text} for a change of {points:.2f} percentage points, "
                    f"{points / low * 100:.0f}% of {low:g}%"))


def _stated_moves(scoped: list[Scoped]):
    """The moves between two percentages a clause states ("from 2.00% to 4.10%"), each as
    (what the clause is about, the first, the second, the slack of their written digits)."""
    for item in scoped:
        if not item.about:
            continue
        text = item.clause.text
        figures = [f for f in measures_in(text) if f.percent]
        for first, second in zip(figures, figures[1:], strict=False):
            start = text.rfind(first.text, 0, first.end)
            between = text[first.end:text.rfind(second.text, 0, second.end)]
            if _TO.fullmatch(between) and _FROM.search(text[max(start - FROM_REACH, 0):start]):
                yield item.about, first.value, second.value, max(first.step, second.step, 0.005)


def _pairs(numbers: list[ExpectedNumber]):
    """Two expected percentages about the same quantity: before and after."""
    for first, second in combinations(numbers, 2):
        if (first.expected.percent and second.expected.percent
                and {a.lower() for a in first.about} == {a.lower() for a in second.about}):
            yield first, second

