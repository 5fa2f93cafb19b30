"""How far reviewers agree: Krippendorff's alpha per criterion, the candidates they differ on
by two levels or more, and who rates harshly or leniently.

The rules:

- **Only ratings in force count**: each reviewer's latest level per candidate and criterion
  (``ratings.current``). A criterion's reviewer ratings and its overrides (levels for an
  automatic criterion) are two separate variables; an overridden criterion is reported once
  some candidate has overrides from two reviewers.
- **Alpha** is Krippendorff's alpha (Krippendorff, "Computing Krippendorff's
  Alpha-Reliability", 2011): the coincidence matrix of the values paired within each unit
  (a candidate's criterion), each pair weighted 1/(m_u - 1) where m_u is the unit's number of
  ratings; alpha = 1 - (n - 1) * sum(o_ck * d_ck) / sum(n_c * n_k * d_ck). Units rated by one
  reviewer pair with nothing and are left out. The **ordinal** metric (the 1-4 levels are
  ordered but not evenly spaced) is d_ck = (n_c/2 + n_(c+1) + ... + n_(k-1) + n_k/2)^2;
  ``nominal`` (d = 0 for the same value, else 1) and ``interval`` ((c - k)^2) are there for
  comparison with published figures.
- **No alpha** (``None``, with why) when no candidate has two reviewers' ratings of the
  criterion, or when every paired rating is the same level (no expected disagreement: alpha
  is undefined, not perfect).
- **Two levels or more**: every candidate and criterion whose highest and lowest levels in
  force differ by 2 or more, for the calibration meeting.
- **Reviewer means**: over the candidates and criteria a reviewer rated that someone else
  rated too, the reviewer's mean level against the mean, over the same units, of the others'
  mean level on each. Below the others: harsher; above: more lenient.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Literal

from pydantic import BaseModel, Field

from worksample.ratings import Rating, current

Metric = Literal["nominal", "ordinal", "interval"]
SPREAD_TO_DISCUSS = 2
# Krippendorff's reading: rely on alpha >= 0.800; 0.667 <= alpha < 0.800 for tentative
# conclusions only.
RELIABLE, TENTATIVE = 0.800, 0.667


def alpha(units: Iterable[Sequence[int]], metric: Metric = "ordinal") -> float | None:
    """Krippendorff's alpha of ``units`` (each the values its raters gave, missing ones left
    out), or None when it is undefined: no unit has two values, or all paired values are
    the same."""
    coincidences: Counter[tuple[int, int]] = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[(c, k)] += pairs / (m - 1)
    totals: Counter[int] = Counter()
    for (c, _), o in coincidences.items():
        totals[c] += o
    n = sum(totals.values())
    distance = _distance(metric, totals)
    observed = sum(o * distance(c, k) for (c, k), o in coincidences.items())
    expected = sum(totals[c] * totals[k] * distance(c, k) for c in totals for k in totals)
    if not expected:
        return None
    return 1 - (n - 1) * observed / expected


def _distance(metric: Metric, totals: Counter[int]) -> Callable[[int, int], float]:
    """The squared difference d_ck of ``metric``; the ordinal one from the values' totals."""
    if metric == "nominal":
        return lambda c, k: float(c != k)
    if metric == "interval":
        return lambda c, k: float((c - k) ** 2)
    ordered = sorted(totals)
    # cumulative[i]: n of the values up to ordered[i], inclusive
    cumulative = dict(zip(ordered, accumulate(totals[v] for v in ordered), strict=True))

    def ordinal(c: int, k: int) -> float:
        low, high = min(c, k), max(c, k)
        between = cumulative[high] - cumulative[low] + totals[low]  # n_low + ... + n_high
        return (between - (totals[low] + totals[high]) / 2) ** 2

    return ordinal


class CriterionAgreement(BaseModel):
    """Alpha for one criterion's ratings (or its overrides)."""

    criterion: str
    override: bool = Field(description="Reviewers' overrides of an automatic criterion.")
    alpha: float | None = Field(description="Krippendorff's alpha, ordinal; None: undefined.")
    candidates: int = Field(description="Candidates rated by two reviewers or more.")
    ratings: int = Field(description="The ratings of those candidates (the pairable values).")
    reviewers: int
    why: str = Field(default="", description="Why alpha is undefined, or how far to rely on it.")


class Disagreement(BaseModel):
    """A candidate whose reviewers differ by two levels or more on a criterion."""

    candidate: str = Field(description="The submission id, or its alias in a blind review.")
    criterion: str
    override: bool
    levels: dict[str, int] = Field(description="Reviewer -> level in force.")
    spread: int


class ReviewerLean(BaseModel):
    """A reviewer's mean level against the others' on the same candidates and criteria."""

    reviewer: str
    ratings: int = Field(description="Their ratings of units someone else rated too.")
    mean: float
    others: float = Field(description="The others' mean level on the same units.")
    difference: float = Field(description="mean - others: below 0 harsher, above more lenient.")


class Agreement(BaseModel):
    """How far reviewers of one assignment agree (``worksample agreement``)."""

    assignment_id: str
    blind: bool = False
    metric: Literal["ordinal"] = "ordinal"
    criteria: list[CriterionAgreement]
    disagreements: list[Disagreement]
    reviewers: list[ReviewerLean]
    enough: bool = Field(description="Some candidate has two reviewers' ratings of a criterion.")


def reading(value: float | None) -> str:
    """How far to rely on an alpha, by Krippendorff's thresholds."""
    if value is None:
        return ""
    if value >= RELIABLE:
        return "reliable"
    return "tentative" if value >= TENTATIVE else "unreliable"


def agreement(assignment_id: str, ratings: Iterable[Rating],
              name: Callable[[Rating], str] | None = None, *, blind: bool = False) -> Agreement:
    """The agreement of the ratings in force among ``ratings``; ``name`` gives the candidate
    a rating is of as shown (default: its submission id; an alias in a blind review)."""
    name = name or (lambda rating: rating.submission_id)
    # variable (criterion, override) -> unit (the submission) -> reviewer -> level
    table: dict[tuple[str, bool], dict[tuple[str, str], dict[str, int]]] = defaultdict(dict)
    shown: dict[tuple[str, str], str] = {}
    for rating in current(r for r in ratings if r.assignment_id == assignment_id):
        unit = (rating.submission_id, rating.submission_key)
        table[(rating.criterion, rating.override)].setdefault(unit, {})[rating.reviewer] = \
            rating.level
        if unit not in shown:
            shown[unit] = name(rating)
    criteria, disagreements = [], []
    for (criterion, override), units in sorted(table.items()):
        paired = [levels for levels in units.values() if len(levels) >= 2]
        if override and not paired:
            continue  # an override by one reviewer is not a variable reviewers share
        criteria.append(_criterion(criterion, override, paired))
        disagreements += [
            Disagreement(candidate=shown[unit], criterion=criterion, override=override,
                         levels=dict(sorted(levels.items())),
                         spread=max(levels.values()) - min(levels.values()))
            for unit, levels in units.items()
            if len(levels) >= 2 and max(levels.values()) - min(levels.values())
            >= SPREAD_TO_DISCUSS]
    disagreements.sort(key=lambda d: (-d.spread, d.candidate, d.criterion, d.override))
    return Agreement(assignment_id=assignment_id, blind=blind, criteria=criteria,
                     disagreements=disagreements,
                     reviewers=_leans(levels for units in table.values()
                                      for levels in units.values()),
                     enough=any(c.candidates for c in criteria))


def _criterion(criterion: str, override: bool,
               paired: list[dict[str, int]]) -> CriterionAgreement:
    value = alpha([list(levels.values()) for levels in paired])
    if not paired:
        why = "too few ratings: no candidate has two reviewers' ratings yet"
    elif value is None:
        why = "undefined: every paired rating is the same level"
    else:
        why = reading(value)
    return CriterionAgreement(
        criterion=criterion, override=override,
        alpha=None if value is None else round(value, 3), candidates=len(paired),
        ratings=sum(len(levels) for levels in paired),
        reviewers=len({reviewer for levels in paired for reviewer in levels}), why=why)


def _leans(units: Iterable[dict[str, int]]) -> list[ReviewerLean]:
    own: dict[str, list[int]] = defaultdict(list)
    others: dict[str, list[float]] = defaultdict(list)
    for levels in units:
        if len(levels) < 2:
            continue
        total = sum(levels.values())
        for reviewer, level in levels.items():
            own[reviewer].append(level)
            others[reviewer].append((total - level) / (len(levels) - 1))
    leans = []
    for reviewer in sorted(own):
        mean = statistics.fmean(own[reviewer])
        theirs = statistics.fmean(others[reviewer])
        leans.append(ReviewerLean(reviewer=reviewer, ratings=len(own[reviewer]),
                                  mean=round(mean, 2), others=round(theirs, 2),
                                  difference=round(mean - theirs, 2)))
    return leans
