"""Findings: what one check of written work concluded, with the quoted sentence as evidence.

A finding carries the fraction of its points earned and the evidence. A match a check cannot
be sure of is marked for a reviewer (``review``): it counts neither way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from worksample.prose.matching import Match
from worksample.prose.text import Sentence

QUOTE_CHARS = 160
COPIED_MIN_WORDS = 4  # a shorter sentence ("Thanks," "Hello,") is anybody's


@dataclass
class Finding:
    """The outcome of one check: points (a fraction), evidence, and a note for the reviewer."""

    kind: str
    item: str
    label: str
    fraction: float
    evidence: str
    review: str = ""
    automatic_fail: bool = False
    specifics: dict[str, str] = field(default_factory=dict)
    weight: float = 1.0  # within its kind
    costs: float = 0.0  # a further share of its kind's criterion it takes away (a contradiction)
    confirms_absence: bool = False  # it looked for what the work must not say, and found none
    # met in full, its credit then cut for what the rest of the part left undone
    # (``credit_for_absence``): it passed; the points it lost are the part's shortfall's
    credited_in_part: bool = False

    @property
    def outcome(self) -> str:
        """'skipped' when left to the reviewer, else 'passed' (met in full, even if its credit
        was then cut in proportion: ``credited_in_part``) or 'failed'."""
        if self.review:
            return "skipped"
        return "passed" if self.fraction >= 1 or self.credited_in_part else "failed"


def evidence_line(finding: Finding) -> str:
    """One line of a criterion's evidence: a mark (✓ passed, ✗ not, ? for the reviewer), the
    check, what it found, and the note for the reviewer."""
    mark = "?" if finding.review else "✓" if finding.outcome == "passed" else "✗"
    note = f" [for the reviewer: {finding.review}]" if finding.review else ""
    return f"{mark} {finding.label}: {finding.evidence}{note}"


def first_counted(kind: str, item: str, label: str, matches: Iterable[Match],
                  why_not_counted: Callable[[Sentence], str]) -> Finding:
    """A finding for something the text should say: the first match whose sentence counts
    and does not deny it. When every match is in a sentence that does not count, the first is
    shown to the reviewer with the reason."""
    doubtful: tuple[Match, str] | None = None
    for match in matches:
        reason = why_not_counted(match.sentence) or (
            f"a sentence that denies it ({match.denied_by})" if match.negated else "")
        if not reason:
            return Finding(kind, item, label, 1.0, quoted(match))
        doubtful = doubtful or (match, reason)
    if doubtful is not None:
        match, reason = doubtful
        return Finding(kind, item, label, 0.0, quoted(match),
                       review=f"found only in {reason}; not counted")
    return Finding(kind, item, label, 0.0, "not found")


def fractions_by_criterion(findings: list[Finding],
                           scoring: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Per rubric criterion, the weighted mean over its check kinds of each kind's mean
    fraction (weighted by the findings' own weights), less the ``costs`` of its findings. It
    may fall below 0: what a statement against the policy costs does not shrink in a part
    that earned little (the criterion over all parts is at least 0:
    ``scoring.criterion_outcomes``). A criterion none of whose kinds has a finding earns it
    all (nothing to check)."""
    fractions = {}
    for criterion_id, weights in scoring.items():
        earned = total = costs = 0.0
        for kind, weight in weights.items():
            of_kind = [f for f in findings if f.kind == kind]
            if of_kind:
                mean = sum(f.fraction * f.weight for f in of_kind) / sum(f.weight for f in of_kind)
                earned += weight * mean
                total += weight
                costs += sum(f.costs for f in of_kind)
        fractions[criterion_id] = earned / total - costs if total else 1.0
    return fractions


def copied_passages(sentences: list[Sentence], source_said: frozenset[str]) -> set[int]:
    """Indices of the sentences in passages copied from a source (a customer's email, a case
    brief): runs of sentences the source holds, at least one of them four words or more (so a
    pasted "Thanks, Margaret Okafor" goes with its passage, but the writer's own "Hello,"
    stays). ``source_said`` holds the source's sentences, normalised."""
    long_said, lengths = _long_sentences(source_said)

    def holds_long(sentence: Sentence) -> bool:
        padded = f" {sentence.normal} "
        # only a source sentence no longer than this one can stand in it
        return any(said in padded for said in long_said[:bisect_right(lengths, len(padded))])

    def from_source(sentence: Sentence) -> bool:
        return sentence.normal in source_said or holds_long(sentence)

    copied: set[int] = set()
    for copied_run, run in groupby(sentences, key=from_source):
        run = list(run)
        if copied_run and any(map(holds_long, run)):
            copied.update(sentence.index for sentence in run)
    return copied


@lru_cache(maxsize=64)  # one source (a customer's email, a policy) is asked for every reply
def _long_sentences(source_said: frozenset[str]) -> tuple[list[str], list[int]]:
    """The sentences of ``source_said`` of ``COPIED_MIN_WORDS`` or more, each between spaces,
    shortest first, and their lengths."""
    long_said = sorted((f" {said} " for said in source_said
                        if len(said.split()) >= COPIED_MIN_WORDS), key=len)
    return long_said, [len(said) for said in long_said]


def quoted(match: Match) -> str:
    """The matched sentence in quotes, with any typo read as another word said so."""
    quote = quote_sentence(match.sentence, around=match.words.split()[0])
    if match.approximate:
        spelt = ", ".join(f"“{written}” read as “{read}”" for written, read in match.read_as)
        return f"{quote} ({spelt})"
    return quote


def quote_sentence(sentence: Sentence, around: str = "") -> str:
    """The sentence in quotes; a long one cut to a window around the word ``around``."""
    text = sentence.text
    if len(text) <= QUOTE_CHARS:
        return f"“{text}”"
    found = re.search(rf"(?<!\w){re.escape(around)}", text, re.IGNORECASE) if around else None
    start = max(0, (found.start() if found else 0) - QUOTE_CHARS // 3)
    if start:  # whole words only, if the window holds a space at all
        start = text.find(" ", start, start + QUOTE_CHARS // 2) + 1 or start
    end = start + QUOTE_CHARS
    if end < len(text):
        end = text.rfind(" ", start + QUOTE_CHARS // 2, end) if " " in text[start:end] else end
        end = end if end > start else start + QUOTE_CHARS
    window = text[start:end].strip()
    return f"“{'… ' if start else ''}{window}{' …' if end < len(text) else ''}”"
