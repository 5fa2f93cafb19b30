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

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from itertools import accumulate
from typing import Literal

from pydantic import BaseModel, Field

from worksample.ratings import Rating, current
from worksample.safe_text import visible

Metric = Literal["nominal", "ordinal", "interval"]
SPREAD_TO_DISCUSS = 2
# Krippendorff's reading: rely on alpha >= 0.800; 0.667 <= alpha < 0.800 for tentative
# conclusions only.
RELIABLE, TENTATIVE = 0.800, 0.667


def alpha(units: Iterable[Sequence[int]], metric: Metric = "ordinal") -> float | None:
    """Krippendorff's alpha of ``units`` (each the values its raters gave, missing ones left
    out), or None when it is undefined: no unit has two values, or all paired values are
    the same."""
    pairs: Counter[tuple[int, int, int]] = Counter()
    for values in units:
        pairs.update(unit_pairs(values))
    return alpha_of(pairs, metric)


def unit_pairs(values: Sequence[int]) -> Counter[tuple[int, int, int]]:
    """The ordered pairs of values within one unit, counted as (c, k, m_u) -> how many: kept
    as whole numbers, so that a unit's pairs can be taken out again exactly (``Tally``)."""
    m = len(values)
    if m < 2:
        return Counter()
    counts = Counter(values)
    made: Counter[tuple[int, int, int]] = Counter()
    for c, n_c in counts.items():
        for k, n_k in counts.items():
            pairs = n_c * (n_k - 1) if c == k else n_c * n_k
            if pairs:
                made[(c, k, m)] = pairs
    return made


def alpha_of(pairs: Counter[tuple[int, int, int]], metric: Metric = "ordinal") -> float | None:
    """Alpha from the units' pairs (``unit_pairs``, added up), in exact fractions: each pair
    weighs 1/(m_u - 1) in the coincidence matrix."""
    coincidences: Counter[tuple[int, int]] = Counter()
    for (c, k, m), count in pairs.items():
        if count:
            coincidences[(c, k)] += Fraction(count, m - 1)
    totals: Counter[int] = Counter()
    for (c, _), o in coincidences.items():
        totals[c] += o
    n = sum(totals.values())
    distance = _distance(metric, totals)
    observed = sum(o * distance(c, k) for (c, k), o in coincidences.items())
    expected = sum(totals[c] * totals[k] * distance(c, k) for c in totals for k in totals)
    if not expected:
        return None
    return float(1 - (n - 1) * observed / expected)


def _distance(metric: Metric, totals: Counter[int]) -> Callable[[int, int], Fraction]:
    """The squared difference d_ck of ``metric``; the ordinal one from the values' totals."""
    if metric == "nominal":
        return lambda c, k: Fraction(c != k)
    if metric == "interval":
        return lambda c, k: Fraction((c - k) ** 2)
    ordered = sorted(totals)
    # cumulative[i]: n of the values up to ordered[i], inclusive
    cumulative = dict(zip(ordered, accumulate(totals[v] for v in ordered), strict=True))

    def ordinal(c: int, k: int) -> Fraction:
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
    by_unit: dict[Unit, list[Rating]] = {}
    for rating in current(r for r in ratings if r.assignment_id == assignment_id):
        by_unit.setdefault((rating.submission_id, rating.submission_key), []).append(rating)
    tally = Tally(assignment_id, blind=blind)
    for unit, in_force in by_unit.items():
        tally.set(unit, name(in_force[0]), in_force)
    return tally.agreement()


Unit = tuple[str, str]  # a candidate: submission id, submission key
Variable = tuple[str, bool]  # a criterion, and whether these are overrides of it


class Tally:
    """The agreement of one assignment's ratings, kept up to date candidate by candidate:
    ``set`` a candidate's ratings in force (again, after a change), and ``agreement`` reckons
    from running totals, in time that does not grow with the cohort (the review server's
    cohort page after each rating). What a candidate added is taken out exactly (whole
    numbers and fractions), so the result is the one reckoned from scratch."""

    def __init__(self, assignment_id: str, *, blind: bool = False):
        self.assignment_id, self.blind = assignment_id, blind
        self._units: dict[Unit, dict[Variable, dict[str, int]]] = {}
        self._pairs: dict[Variable, Counter[tuple[int, int, int]]] = defaultdict(Counter)
        self._paired: dict[Variable, Counter[str]] = defaultdict(Counter)  # units, ratings,
        self._raters: dict[Variable, Counter[str]] = defaultdict(Counter)  # and who rated
        self._disagreements: dict[tuple[Variable, Unit], Disagreement] = {}
        self._own: dict[str, list] = defaultdict(lambda: [0, 0, Fraction(0)])

    def set(self, unit: Unit, shown_as: str, in_force: Iterable[Rating]) -> None:
        """The ratings in force of ``unit`` (replacing what it had), named ``shown_as``."""
        self._count(unit, -1)
        table: dict[Variable, dict[str, int]] = {}
        for rating in in_force:  # a reviewer's name is typed by a person: shown, not obeyed
            table.setdefault((rating.criterion, rating.override), {})[
                visible(rating.reviewer)] = rating.level
        self._units[unit] = table
        self._count(unit, +1, shown_as)

    @property
    def rated(self) -> bool:
        """Whether any candidate has a rating."""
        return any(self._units.values())

    def agreement(self) -> Agreement:
        """The agreement of every candidate's ratings as set."""
        criteria = []
        for variable in sorted(set(self._pairs) | set(self._paired) | self._variables()):
            criterion, override = variable
            paired = self._paired[variable]
            if override and not paired["units"]:
                continue  # an override by one reviewer is not a variable reviewers share
            criteria.append(_criterion(criterion, override, alpha_of(self._pairs[variable]),
                                       paired["units"], paired["ratings"],
                                       sum(1 for n in self._raters[variable].values() if n)))
        leans = [ReviewerLean(reviewer=reviewer, ratings=count, mean=round(own / count, 2),
                              others=round(float(others / count), 2),
                              difference=round(own / count - float(others / count), 2))
                 for reviewer, (own, count, others) in sorted(self._own.items()) if count]
        return Agreement(assignment_id=self.assignment_id, blind=self.blind, criteria=criteria,
                         disagreements=sorted(self._disagreements.values(), key=lambda d: (
                             -d.spread, d.candidate, d.criterion, d.override)),
                         reviewers=leans, enough=any(c.candidates for c in criteria))

    def _variables(self) -> set[Variable]:
        return {variable for table in self._units.values() for variable in table}

    def _count(self, unit: Unit, sign: int, shown_as: str = "") -> None:
        """Add (``sign`` +1) or take out (-1) what ``unit``'s ratings count for."""
        for variable, levels in self._units.get(unit, {}).items():
            if len(levels) < 2:
                continue
            self._pairs[variable].update({key: sign * n
                                          for key, n in unit_pairs(list(levels.values())).items()})
            self._paired[variable].update({"units": sign, "ratings": sign * len(levels)})
            self._raters[variable].update({reviewer: sign for reviewer in levels})
            spread = max(levels.values()) - min(levels.values())
            if sign < 0:
                self._disagreements.pop((variable, unit), None)
            elif spread >= SPREAD_TO_DISCUSS:
                self._disagreements[(variable, unit)] = Disagreement(
                    candidate=shown_as, criterion=variable[0], override=variable[1],
                    levels=dict(sorted(levels.items())), spread=spread)
            total = sum(levels.values())
            for reviewer, level in levels.items():
                own = self._own[reviewer]
                own[0] += sign * level
                own[1] += sign
                own[2] += sign * Fraction(total - level, len(levels) - 1)


def _criterion(criterion: str, override: bool, value: float | None, candidates: int,
               ratings: int, reviewers: int) -> CriterionAgreement:
    if not candidates:
        why = "too few ratings: no candidate has two reviewers' ratings yet"
    elif value is None:
        why = "undefined: every paired rating is the same level"
    else:
        why = reading(value)
    return CriterionAgreement(
        criterion=criterion, override=override,
        alpha=None if value is None else round(value, 3), candidates=candidates,
        ratings=ratings, reviewers=reviewers, why=why)
