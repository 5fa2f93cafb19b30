"""The ``coding.quality`` section of assignment.yaml: which code-quality signals to gather and
which reviewer criterion each one informs.

A signal is evidence shown next to a reviewer criterion, for the person who rates it; it never
changes a score (docs/assignments.md, "Code-quality signals"). Only the signals the section
names are gathered: an assignment that maps no test signal never runs the candidate's own
tests.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from worksample.models import repeated

Signal = Literal["lint", "function_length", "complexity", "own_tests", "coverage"]
SIGNALS: tuple[str, ...] = Signal.__args__
STATIC = frozenset({"lint", "function_length", "complexity"})  # read on the host, never run
IN_SANDBOX = frozenset({"own_tests", "coverage"})  # the candidate's tests run in the sandbox


class QualitySection(BaseModel):
    """Code-quality signals shown to the reviewers, by the criterion each one informs."""

    model_config = ConfigDict(extra="forbid")

    criteria: dict[str, list[Signal]] = Field(
        min_length=1,
        description="Reviewer criterion id -> the signals shown next to it, e.g. design: "
                    "[function_length, complexity, lint], testing: [own_tests, coverage]. "
                    "Signals: lint (ruff for Python, go vet for Go), function_length, "
                    "complexity (cyclomatic, by lizard), own_tests (the candidate's own tests, "
                    "run in the sandbox), coverage (the lines of the candidate's code their "
                    "own tests run).")
    long_function_lines: int = Field(
        50, ge=5, le=10_000,
        description="A function with more lines of code than this (blank lines and comments "
                    "not counted) is named as long.")
    complex_function: int = Field(
        10, ge=2, le=1000,
        description="A function whose cyclomatic complexity is above this is named as complex "
                    "(10 is the usual limit, e.g. McCabe's and ruff's C901).")

    @field_validator("criteria")
    @classmethod
    def _reviewer_criteria(cls, criteria: dict[str, list[str]],
                           info: ValidationInfo) -> dict[str, list[str]]:
        for criterion, signals in criteria.items():
            if not signals:
                raise ValueError(f"criterion {criterion!r} lists no signal; name at least one "
                                 f"of {list(SIGNALS)}")
            twice = repeated(signals)
            if twice:
                raise ValueError(f"criterion {criterion!r} lists {twice} twice")
        rubric = (info.context or {}).get("rubric")
        if rubric is None:
            return criteria
        sources = {c.id: c.source for c in rubric}
        unknown = sorted(set(criteria) - set(sources))
        if unknown:
            reviewer = sorted(c for c, source in sources.items() if source == "reviewer")
            raise ValueError(f"{unknown} are not rubric criteria; the signals go next to "
                             f"reviewer criteria ({reviewer})")
        automatic = sorted(c for c in criteria if sources[c] == "auto")
        if automatic:
            raise ValueError(f"{automatic} are scored automatically; signals are evidence for "
                             "a reviewer criterion (source: reviewer), never scored")
        return criteria

    def wanted(self) -> set[str]:
        """Every signal some criterion shows."""
        return {signal for signals in self.criteria.values() for signal in signals}

    def criteria_of(self, signal: str) -> list[str]:
        """The criteria ``signal`` is shown next to, in the section's order."""
        return [criterion for criterion, signals in self.criteria.items() if signal in signals]
