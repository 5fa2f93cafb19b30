"""Pieces of a section model that text plugins share: phrase lists, files of the assignment
folder, word limits, and the map from their check kinds to the rubric's automatic criteria
(``scoring:``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from worksample.models import (
    Assignment,
    SelfTestCase,
    StrictModel,
    in_assignment_folder,
    repeated,
)

Phrases = list[str]
PHRASE_SYNTAX = ("Case and punctuation are ignored; 'refund*' matches any word starting with "
                 "'refund'; '...' stands for up to four words.")
PHRASE_HELP = "Phrases, any of which counts. " + PHRASE_SYNTAX

# A file or folder the section names: it must exist in the assignment folder.
AssignmentFile = Annotated[str, AfterValidator(in_assignment_folder)]


class WordLimits(StrictModel):
    """How long a piece of writing may be, in words. Subclasses set the defaults."""

    min_words: int = Field(0, ge=0)
    max_words: int = Field(1000, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> WordLimits:
        if self.min_words > self.max_words:
            raise ValueError("min_words must not exceed max_words")
        return self


def scoring_fits_rubric(scoring: dict[str, dict[str, float]],
                        info: ValidationInfo) -> dict[str, dict[str, float]]:
    """For a ``scoring`` field validator: each check kind counts for one criterion, weights are
    positive, and the criteria are exactly the rubric's automatic ones (the validation
    context's ``rubric``)."""
    kinds = [kind for weights in scoring.values() for kind in weights]
    if repeated(kinds):
        raise ValueError(f"each check kind counts for one criterion; repeated: {repeated(kinds)}")
    if any(weight <= 0 for weights in scoring.values() for weight in weights.values()):
        raise ValueError("weights must be positive")
    rubric = (info.context or {}).get("rubric")
    if rubric is not None:
        automatic = {c.id for c in rubric if c.source == "auto"}
        if set(scoring) != automatic:
            raise ValueError(f"give weights for exactly the rubric's automatic criteria "
                             f"{sorted(automatic)}; got {sorted(scoring)}")
    return scoring


def criterion_of(scoring: Mapping[str, Mapping[str, float]], kind: str) -> str | None:
    """The rubric criterion a check kind counts for (None: it is not scored)."""
    return next((cid for cid, weights in scoring.items() if kind in weights), None)


class ScoredSection(StrictModel):
    """Base of a text type's section model: checks that its ``scoring`` fits the rubric, and
    reads it. The subclass declares ``scoring`` itself (rubric criterion id -> check kind ->
    weight, typed with its own check kinds), so the field keeps its place among its fields."""

    @field_validator("scoring", check_fields=False)
    @classmethod
    def _scoring_fits_rubric(cls, scoring: dict[str, dict[str, float]],
                             info: ValidationInfo) -> dict[str, dict[str, float]]:
        return scoring_fits_rubric(scoring, info)

    def criterion_of(self, kind: str) -> str | None:
        """The rubric criterion a check kind counts for (None: it is not scored)."""
        return criterion_of(self.scoring, kind)


REFERENCE_MIN_SCORE = 90  # a text reference may lose a point or two to style checks
EMPTY_MAX_SCORE = 10


def reference_and_empty(assignment: Assignment, reference: str, empty: Path,
                        labels: tuple[str, str]) -> list[SelfTestCase]:
    """The self-test of a text type: the assignment's ``reference`` must score at least 90,
    and ``empty`` (a file of the plugin's with nothing in it) at most 10; ``labels`` name
    them in that order."""
    return [
        SelfTestCase(label=labels[0], path=assignment.root / reference,
                     min_score=REFERENCE_MIN_SCORE,
                     expectation=f"must score at least {REFERENCE_MIN_SCORE}"),
        SelfTestCase(label=labels[1], path=empty, max_score=EMPTY_MAX_SCORE,
                     expectation=f"must score at most {EMPTY_MAX_SCORE}"),
    ]
