"""The ``case:`` section of assignment.yaml: the brief, its data exhibits, and what a good
analysis contains (sections, key points, numbers, a recommendation) and how each counts."""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from worksample.models import Identifier, StrictModel, in_assignment_folder, repeated
from worksample.prose.measures import StatedNumber, shown_share, stated_numbers
from worksample.prose.rubric import (
    PHRASE_HELP,
    AssignmentFile,
    Phrases,
    ScoredSection,
    WordLimits,
)

CheckKind = Literal["sections", "key_points", "numbers", "recommendation", "length"]
CHECK_KINDS: tuple[str, ...] = CheckKind.__args__


class Section(StrictModel):
    """A section the analysis must have, found by its heading."""

    id: Identifier
    headings: Phrases = Field(min_length=1, description="Headings that name this section, "
                              "e.g. ['executive summary', 'summary']. " + PHRASE_HELP)
    min_words: int = Field(25, ge=0, description="Fewer words under the heading earn half.")

    @property
    def title(self) -> str:
        """The first heading, as a reader would write it: 'Recommendation'."""
        return self.headings[0].replace("*", "").replace("...", " ").strip().capitalize()


class KeyPoint(StrictModel):
    """A point a good analysis makes, and what saying the opposite looks like."""

    id: Identifier
    point: str = Field(description="The point in plain words, shown as evidence.")
    cues: Phrases = Field(min_length=1, description="What a sentence making the point says. "
                          + PHRASE_HELP)
    counter_examples: Phrases = Field(
        default_factory=list,
        description="What a sentence saying the opposite says; such a sentence does not "
                    "count, and is quoted. " + PHRASE_HELP)
    unless: Phrases = Field(
        default_factory=list,
        description="Phrases that make a counter-example's sentence about something else, "
                    "e.g. 'solo' when the point is about total revenue. " + PHRASE_HELP)
    shown_by: list[Identifier] = Field(
        default_factory=list,
        description="Expected numbers (two or more, e.g. churn before and after) that, all "
                    "stated right in one sentence, make the point by their figures: 'churn was "
                    "1.87% before the rise and 3.38% after' shows that churn rose.")
    weight: float = Field(1, gt=0)


class ExpectedNumber(StrictModel):
    """A number the analysis must state, in a sentence about it."""

    id: Identifier
    states: str = Field(description="What the number is, shown as evidence.")
    about: Phrases = Field(min_length=1, description="A sentence stating the number mentions "
                           "one of these (in it or in the sentence before). " + PHRASE_HELP)
    value: str = Field(description="As a person writes it: '17.4%', '0.174', '$9,840', '9.8k'. "
                       "A percentage also matches its fraction (17.4% = 0.174).")
    tolerance: str = Field("0", description="How far off it may be, in the value's own terms: "
                           "'0.3%' (points), '$50', '100'.")
    relative_tolerance: float = Field(0, ge=0, lt=1,
                                      description="How far off, as a share of the value: 0.02.")
    weight: float = Field(1, gt=0)

    @field_validator("value", "tolerance")
    @classmethod
    def _one_number(cls, text: str) -> str:
        one_number(text)
        return text

    @property
    def expected(self) -> StatedNumber:
        """The value, read the way a number in the analysis is read."""
        return one_number(self.value)

    @property
    def allowed_difference(self) -> float:
        """The larger of the absolute and the relative tolerance, in the value's units (a
        percentage as a fraction)."""
        absolute = abs(one_number(self.tolerance).fraction_value)
        return max(absolute, self.relative_tolerance * abs(self.expected.fraction_value))

    def shown(self) -> str:
        """The value with its tolerance, for evidence: '17.4% ± 0.3%'."""
        allowed = [f"± {self.tolerance}"] if one_number(self.tolerance).value else []
        if self.relative_tolerance:
            allowed.append(f"± {shown_share(self.relative_tolerance)}")
        return " ".join([self.value, " or ".join(allowed)]).strip()


class Option(StrictModel):
    """One course of action the case allows the candidate to recommend."""

    id: Identifier
    title: str = Field("", description="The option in words, for reports and interview "
                                       "questions ('a separate solo plan at $39'); '' makes "
                                       "words of the id.")
    says: Phrases = Field(min_length=1, description="What recommending it says. " + PHRASE_HELP)
    credit: float = Field(1, ge=0, le=1, description="Share of the recommendation's points for "
                          "choosing it: 1 when the data supports it, less when it does not.")
    combines: list[Identifier] = Field(
        default_factory=list,
        description="Options this one is made of: a sentence naming it with them recommends "
                    "this one ('keep $49 for teams, a solo plan at $39' is not keep-49).")


    @property
    def name(self) -> str:
        """The option in words: its title, else its id made words."""
        return self.title or self.id.replace("-", " ")


class Recommendation(StrictModel):
    """The analysis must end in an explicit recommendation of one of the options."""

    section: Identifier | None = Field(
        None, description="The section it is expected in; there, a sentence naming one option "
                          "counts without a cue.")
    cues: Phrases = Field(default_factory=lambda: [
        "recommend*", "we should", "the company should", "i would", "i'd", "we would",
        "i propose", "we propose", "i suggest", "we suggest", "my advice", "our advice",
        "the best option", "the best course", "the right move", "go ahead with",
        "proceed with", "should"], description=PHRASE_HELP)
    options: list[Option] = Field(min_length=2)
    parts: dict[str, list[str]] = Field(
        default_factory=dict,
        description="The parts of the customers an option may be limited to, each with its "
                    "words in the singular ({solo: [solo, freelancer], team: [team, agency]}): "
                    "an option named for one part stands for the option that combines it. "
                    "Empty: the values of an exhibit's column of a few single words.")
    negation: Phrases = Field(default_factory=lambda: [
        "not", "never", "no", "cannot", "can't", "won't", "don't", "shouldn't", "against",
        "avoid", "rather", "instead"],
        description="Words that, up to three words before an option's or a key point's phrase, "
                    "mean it is not said.")

    @model_validator(mode="after")
    def _unique_options(self) -> Recommendation:
        ids = [option.id for option in self.options]
        if repeated(ids):
            raise ValueError(f"option ids must be unique; repeated: {repeated(ids)}")
        unknown = {o for option in self.options for o in option.combines} - set(ids)
        if unknown:
            raise ValueError(f"combines names options that do not exist: {sorted(unknown)}")
        return self


class Length(WordLimits):
    """How long the analysis may be, in words."""

    min_words: int = Field(300, ge=0)
    max_words: int = Field(1500, gt=0)


class Prose(StrictModel):
    """What counts as a sentence of the analysis, as opposed to a pile of keywords."""

    min_statement_words: int = Field(
        4, ge=1, description="A shorter sentence (a heading, a label) states nothing.")
    max_statement_words: int = Field(
        60, ge=1, description="A longer sentence is a run-on: what it holds is left to a "
                              "reviewer.")
    min_function_word_share: float = Field(
        0.2, ge=0, le=1,
        description="Prose is full of small words (the, to, of, we); a document with fewer "
                    "reads as a list of keywords and scores 0, and a sentence with less than "
                    "half this share is a string of keywords whose numbers and points are left "
                    "to a reviewer.")


class CaseSection(ScoredSection):
    """A case analysis: structure, key points, numbers and a recommendation."""

    brief: AssignmentFile = Field(description="The case brief the candidate reads.")
    exhibits: list[str] = Field(default_factory=list, description="Data exhibits (CSV).")
    reference: AssignmentFile = Field(description="The reference analysis; must score >= 90.")
    sections: list[Section] = Field(default_factory=list)
    key_points: list[KeyPoint] = Field(default_factory=list)
    numbers: list[ExpectedNumber] = Field(default_factory=list)
    recommendation: Recommendation
    length: Length = Field(default_factory=Length)
    prose: Prose = Field(default_factory=Prose)
    scoring: dict[str, dict[CheckKind, float]] = Field(
        description="Rubric criterion id (source auto) -> check kind -> weight within it.")
    max_document_kb: int = Field(10_240, ge=1, le=102_400,
                                 description="Larger documents are not read.")
    max_pages: int = Field(60, ge=1, description="PDFs with more pages are not read.")

    @field_validator("exhibits")
    @classmethod
    def _readable_csv(cls, exhibits: list[str], info: ValidationInfo) -> list[str]:
        root = (info.context or {}).get("root")
        for exhibit in exhibits:
            in_assignment_folder(exhibit, info)
            if root is not None:
                check_csv(Path(root) / exhibit, exhibit)
        return exhibits

    @model_validator(mode="after")
    def _consistent(self) -> CaseSection:
        for name, items in (("section", self.sections), ("key point", self.key_points),
                            ("number", self.numbers)):
            ids = [item.id for item in items]
            if repeated(ids):
                raise ValueError(f"{name} ids must be unique; repeated: {repeated(ids)}")
        numbers = {n.id for n in self.numbers}
        for point in self.key_points:
            unknown = sorted(set(point.shown_by) - numbers)
            if unknown or len(set(point.shown_by)) == 1:
                raise ValueError(f"key point {point.id!r}: shown_by must name two or more of "
                                 f"the numbers; unknown: {unknown}")
        wanted = self.recommendation.section
        if wanted is not None and wanted not in {s.id for s in self.sections}:
            raise ValueError(f"recommendation.section {wanted!r} is not one of the sections")
        return self


@functools.lru_cache(maxsize=1024)  # an assignment's few values, read for every figure checked
def one_number(text: str) -> StatedNumber:
    """The single number written in ``text``; ValueError when there is not exactly one."""
    numbers = stated_numbers(str(text))
    if len(numbers) != 1:
        raise ValueError(f"{text!r} must be one number, like '17.4%', '0.174', '$9,840' or "
                         "'9.8k'")
    return numbers[0]


def check_csv(path: Path, name: str) -> None:
    """A ValueError naming the exhibit and the line when it is not a CSV table with a header."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle, strict=True))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ValueError(f"exhibit {name!r} is not a readable CSV file: {error}") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ValueError(f"exhibit {name!r} has no header row")
    for line, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(rows[0]):
            raise ValueError(f"exhibit {name!r}, line {line}: {len(row)} columns where the "
                             f"header has {len(rows[0])}")
