"""From findings to what a ``Grade`` holds: each rubric criterion's outcome (its fraction,
evidence, feedback and specifics) and a check per finding.

A submission of written work is graded in parts: the reply to each email, or one analysis.
A part earns, per criterion, the weighted mean of its check kinds' fractions
(``fractions_by_criterion``), or 0 in every criterion when it scores 0 (it says nothing, is
off topic, makes a statement that fails it). A criterion's fraction is the mean over the
parts, weighted by their own weights, and at least 0. A part's own fraction is not held at 0:
a contradiction in a reply that earned little costs the submission what it costs anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from worksample.models import Check, CriterionOutcome
from worksample.prose.evidence import Finding, evidence_line, fractions_by_criterion
from worksample.prose.rubric import criterion_of

Scoring = Mapping[str, Mapping[str, float]]  # criterion id -> check kind -> weight
ZERO_KIND = "scores-0"  # the kind of the check that says why a part scored 0


@dataclass
class GradedPart:
    """One part of a submission (the reply to one email, a whole analysis) and its findings.

    ``name`` starts the part's evidence lines ("late-refund · ✓ …") and check ids
    ("late-refund/facts/…"): '' when the part is the whole submission. A part that scores 0
    says why, for the reviewer (``zero_because``, after "✗ scores 0: ") and for the candidate
    (``zero_feedback``, a sentence); ``zero_specifics`` go into each criterion's specifics.
    Its findings are still shown as evidence, but give no feedback."""

    findings: list[Finding]
    name: str = ""
    weight: float = 1.0
    shortfall_feedback: str = "Did not fully meet"  # then “the finding's label”.
    zero_because: str = ""
    zero_feedback: str = ""
    zero_specifics: dict[str, str] = field(default_factory=dict)

    def fractions(self, scoring: Scoring) -> dict[str, float]:
        """The fraction of each criterion this part earns."""
        if self.zero_because:
            return dict.fromkeys(scoring, 0.0)
        return fractions_by_criterion(self.findings, scoring)


def criterion_outcomes(parts: list[GradedPart], scoring: Scoring) -> dict[str, CriterionOutcome]:
    """Each criterion of ``scoring``, from the findings of its check kinds in every part: the
    fraction earned (rounded to 4 places), an evidence line per finding, a feedback line per
    finding that falls short, and the first value of each specific."""
    fractions = [part.fractions(scoring) for part in parts]
    total_weight = sum(part.weight for part in parts)
    outcomes = {}
    for criterion_id, kinds in scoring.items():
        earned = sum(part.weight * part_fractions[criterion_id]
                     for part, part_fractions in zip(parts, fractions, strict=True))
        outcomes[criterion_id] = _outcome(kinds, parts, max(0.0, earned / total_weight))
    return outcomes


def _outcome(kinds: Mapping[str, float], parts: list[GradedPart],
             fraction: float) -> CriterionOutcome:
    evidence, feedback, specifics = [], [], {}
    for part in parts:
        where = f"{part.name} · " if part.name else ""
        if part.zero_because:
            evidence.append(f"{where}✗ scores 0: {part.zero_because}")
            feedback.append(part.zero_feedback)
            for key, value in part.zero_specifics.items():
                specifics.setdefault(key, value)
        for finding in part.findings:
            if finding.kind not in kinds:
                continue
            evidence.append(where + evidence_line(finding))
            if finding.outcome != "passed" and not part.zero_because:
                feedback.append(f"{part.shortfall_feedback} “{finding.label}”.")
            for key, value in finding.specifics.items():
                specifics.setdefault(key, value)
    return CriterionOutcome(fraction=round(fraction, 4), evidence=evidence, feedback=feedback,
                            specifics=specifics)


def part_checks(part: GradedPart, scoring: Scoring) -> list[Check]:
    """A check per finding of ``part``, with the criterion its kind counts for, the finding's
    label and the part's name as its group. Its id is 'kind/item' ('kind' when the item is the
    kind itself), after 'name/' for a named part. A part that scores 0 leads with a failed
    check 'scores-0' that counts for no one criterion (it costs them all) and says why."""
    within = f"{part.name}/" if part.name else ""
    zero = [Check(id=f"{within}{ZERO_KIND}", kind=ZERO_KIND, outcome="failed",
                  message=part.zero_because, label=f"{part.name or 'the work'} scores 0",
                  group=part.name)] if part.zero_because else []
    share = _Shares(part, scoring)
    return zero + [Check(id=within + (f.kind if f.item == f.kind else f"{f.kind}/{f.item}"),
                         kind=f.kind, outcome=f.outcome, message=f.evidence, review=f.review,
                         criterion=criterion_of(scoring, f.kind), label=f.label,
                         group=part.name, confirms_absence=f.confirms_absence,
                         weight=share(f))
                   for f in part.findings]


class _Shares:
    """What each finding of a part weighs in its criterion, as ``fractions_by_criterion``
    counts it: its kind's weight among the criterion's kinds the part has, its own weight
    among its kind's findings, and the part's weight (reports order strengths and concerns by
    it). The sums are made once per part, not once per finding."""

    def __init__(self, part: GradedPart, scoring: Scoring):
        self.part, self.scoring = part, scoring
        self.present = {f.kind for f in part.findings}
        self.of_kind: dict[str, float] = {}
        for finding in part.findings:  # in order, from 0, as sum() adds them
            self.of_kind[finding.kind] = self.of_kind.get(finding.kind, 0) + finding.weight
        self._kinds: dict[str, tuple[dict[str, float], float]] = {}

    def __call__(self, finding: Finding) -> float:
        """The share of ``finding``, a finding of the part."""
        criterion = criterion_of(self.scoring, finding.kind)
        if criterion is None:
            return 0.0
        if criterion not in self._kinds:
            kinds = {kind: weight for kind, weight in self.scoring[criterion].items()
                     if kind in self.present}
            self._kinds[criterion] = kinds, sum(kinds.values())
        kinds, total = self._kinds[criterion]
        return round(self.part.weight * kinds[finding.kind] / total
                     * finding.weight / self.of_kind[finding.kind], 6)
