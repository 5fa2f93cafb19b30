"""assignment.yaml's common part (``AssignmentSpec``, its rubric, discussion questions and
limits), an assignment as loaded (``Assignment``, with its type's section), and the files
`worksample validate` reads beside it (``ExpectedRanking``, ``SelfTestCase``)."""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]


def repeated(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, sorted: for "must be unique" errors."""
    counts = Counter(values)
    return sorted(value for value, count in counts.items() if count > 1)


def in_assignment_folder(path: str | None, info: ValidationInfo) -> str | None:
    """For a section model's validators: ``path``, if it exists in the assignment folder (the
    validation context's ``root``); a ValueError saying so otherwise."""
    root = (info.context or {}).get("root")
    if path is not None and root is not None and not (Path(root) / path).exists():
        raise ValueError(f"{path!r} does not exist in the assignment folder")
    return path


class StrictModel(BaseModel):
    """Base for file formats: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


class Criterion(StrictModel):
    """One rubric criterion, rated on anchored levels 1-4 (no midpoint)."""

    id: Identifier
    title: str
    weight: float = Field(gt=0, description="Relative weight in the rubric.")
    source: Literal["auto", "reviewer"] = Field(
        description="'auto': scored by the plugin's checks; 'reviewer': rated by a person."
    )
    anchors: dict[Literal[1, 2, 3, 4], str] = Field(
        description="What each level 1-4 looks like, so two reviewers give the same rating."
    )
    audience: Literal["hiring-manager", "hr"] = Field(
        default="hiring-manager",
        description="Who asks about it in the second round: the hiring manager (job skills) "
                    "or HR (communication, ownership, values).",
    )

    @field_validator("anchors")
    @classmethod
    def _all_four_levels(cls, anchors: dict[int, str]) -> dict[int, str]:
        missing = sorted({1, 2, 3, 4} - set(anchors))
        if missing:
            raise ValueError(f"anchors for levels {missing} are missing; give all of 1, 2, 3, 4")
        return anchors


class BankQuestion(StrictModel):
    """A question of the bank, and what it presumes of the candidate's work: a question whose
    premise the result contradicts is not asked ("how did you make reservations all or
    nothing?" of code whose all-or-nothing test failed). A plain string in the bank is a
    question that presumes nothing beyond its {placeholders}."""

    ask: str = Field(description="The question; {placeholders} take the candidate's specifics.")
    presumes_passed: list[str] = Field(
        default_factory=list,
        description="Check ids (or glob patterns of them) that must all have passed: the "
                    "question is left out when one failed or is missing.")
    presumes: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Specifics the criterion must have (name -> allowed values; an empty "
                    "list accepts any value): e.g. recommended_option_id: [split-plans].")
    unless_flags: list[str] = Field(
        default_factory=list,
        description="Flag kinds on the candidate's page that contradict it, e.g. "
                    "missing-file for a question about the candidate's notes.")


# a bank list as written: plain strings (questions that presume nothing) or BankQuestions; the
# validator below makes each a BankQuestion, and the JSON Schema accepts both
BankList = list[str | BankQuestion]


class DiscussionQuestions(StrictModel):
    """Second-round interview questions for one criterion, by result. Questions the guide
    builds from the evidence (failed tests, missed questions, wrong numbers, flags) come
    first and replace the bank's questions on the same evidence."""

    weak: BankList = Field(default_factory=list, description="Probe a weak result (level 1-2).")
    strong: BankList = Field(
        default_factory=list, description="Confirm a strong result (level 3-4).")
    neutral: BankList = Field(
        default_factory=list,
        description="Asked while a reviewer criterion awaits its rating (the first only); "
                    "once rated, the weak or strong questions replace it.")
    extension: BankList = Field(
        default_factory=list, description="What-if follow-ups, asked whatever the result.")

    @field_validator("weak", "strong", "neutral", "extension")
    @classmethod
    def _placeholders_are_names(cls, items: BankList) -> list[BankQuestion]:
        questions = [BankQuestion(ask=item) if isinstance(item, str) else item
                     for item in items]
        for question in questions:
            for name in placeholders(question.ask):
                if not name.isidentifier():
                    raise ValueError(f"{question.ask!r}: the placeholder {{{name}}} is not a "
                                     "name; write {failed_test}, or {{ and }} for literal "
                                     "braces")
        return questions


def placeholders(text: str) -> list[str]:
    """The {placeholder} names in a question; ValueError when its braces do not match."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise ValueError(f"{text!r}: {error}; write {{{{ and }}}} for literal braces") from None


class CandidateQuestion(StrictModel):
    """A question the candidate may ask the interviewers, with the team's answer."""

    question: str
    answer: str


class RoleContext(StrictModel):
    """What interviewers need for the reverse interview: the team, the tools, common questions."""

    team: str = Field(default="", description="The team the candidate would join.")
    tools: list[str] = Field(default_factory=list, description="Tools used in the job.")
    candidate_questions: list[CandidateQuestion] = Field(
        default_factory=list, description="Questions candidates often ask, with answers.")
    next_steps: str = Field(
        default="", description="What happens after the second round, for the candidate.")
    timeline: str = Field(
        default="", description="When the candidate hears back, e.g. 'a decision within five "
                                "working days'.")
    shareable_feedback: list[str] = Field(
        default_factory=list,
        description="What the interviewer may tell any candidate about the assignment (what "
                    "it tested, what strong answers did).")
    do_not_disclose: list[str] = Field(
        default_factory=list,
        description="What interviewers must not tell candidates, besides what worksample "
                    "always lists (the hidden tests, the scores, other candidates).")


class HostLimits(StrictModel):
    """What reading one submission on the grader's host may take: unpacking it, and for text
    types reading and checking it. Each step runs in a worker process that is killed past a
    limit; the submission is then rejected, saying which limit it hit."""

    cpu_seconds: int = Field(default=20, ge=1, le=3600, description="CPU time per step.")
    memory_mb: int = Field(default=1024, ge=64, le=64 * 1024,
                           description="Memory a worker may add during one step.")
    wall_seconds: int = Field(default=60, ge=1, le=4 * 3600,
                              description="Wall-clock time per step.")


class AssignmentSpec(StrictModel):
    """The common part of assignment.yaml, shared by every assignment type."""

    model_config = ConfigDict(extra="allow")  # the type's own section; validated by its plugin

    id: Identifier
    title: str
    type: Identifier = Field(description="The assignment type; its plugin grades it.")
    role: str = Field(description="The job this assignment hires for.")
    time_budget_minutes: int = Field(gt=0, le=60 * 24 * 7)
    instructions: str = Field(description="Candidate instructions file, relative to the folder.")
    pass_score: float = Field(ge=0, le=100)
    rubric: list[Criterion] = Field(min_length=1)
    discussion: dict[str, DiscussionQuestions] = Field(
        default_factory=dict, description="Question bank keyed by criterion id."
    )
    context: RoleContext = Field(
        default_factory=RoleContext, description="The role's context, for the reverse interview.")
    host_limits: HostLimits = Field(
        default_factory=HostLimits,
        description="Limits on reading one submission on the grader's host (not the sandbox).")
    combine_ratings: Literal["median", "mean"] = Field(
        default="median",
        description="How several reviewers' levels for one criterion make one: their median "
                    "(robust to one outlier; the default) or their mean.")
    borderline_points: float = Field(
        default=5, ge=0, le=50,
        description="Scores within this many points of the pass score, either side, are "
                    "marked borderline on the cohort page: worth a reviewer's look before "
                    "the pass mark decides.")
    similarity_threshold: float = Field(
        default=0.5, gt=0, le=1,
        description="Submissions are flagged as similar work when this share of one (0-1) "
                    "is found in another submission of the assignment, a known leak or the "
                    "reference solution, the starter and other shared material left out: "
                    "evidence for the reviewers to ask about; the score is unchanged.")
    required_files: list[str] = Field(
        default_factory=list,
        description="Files the instructions ask for (paths or glob patterns within the "
                    "submission, e.g. NOTES.md or docs/*.md): each one a submission lacks is "
                    "a flag on its page, for the reviewers to ask about; the score is "
                    "unchanged.")

    @field_validator("required_files")
    @classmethod
    def _within_the_submission(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            parts = PurePosixPath(pattern).parts
            if not pattern.strip() or pattern.startswith("/") or ".." in parts:
                raise ValueError(f"required_files: {pattern!r} must name a path within the "
                                 "submission (relative, no '..')")
        return patterns

    @model_validator(mode="after")
    def _criteria_are_consistent(self) -> AssignmentSpec:
        ids = [c.id for c in self.rubric]
        duplicates = repeated(ids)
        if duplicates:
            raise ValueError(f"rubric criterion ids must be unique; repeated: {duplicates}")
        unknown = sorted(set(self.discussion) - set(ids))
        if unknown:
            raise ValueError(f"discussion names criteria that are not in the rubric: {unknown}")
        extra = sorted(set(self.model_extra or {}) - {self.type})
        if extra:
            raise ValueError(
                f"unknown keys {extra}; the only section besides the common fields is "
                f"the one named after the type ({self.type!r})"
            )
        return self


SectionT = TypeVar("SectionT", bound=BaseModel)


class Assignment(BaseModel, Generic[SectionT]):
    """A loaded, validated assignment: the common spec, its type's section, where it lives.

    A plugin names its section's model once, in a signature: ``Assignment[EmailSection]``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    spec: AssignmentSpec
    section: SectionT
    root: Path
    version: str = Field(description="Content hash of the assignment folder.")

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def type(self) -> str:
        return self.spec.type

    @property
    def starter_folder(self) -> Path | None:
        """The starter folder candidates are given, when the type's section names one (a
        ``starter`` field: the coding type's does) and it exists."""
        name = getattr(self.section, "starter", None)
        folder = self.root / name if isinstance(name, str) and name else None
        return folder if folder is not None and folder.is_dir() else None

    def criterion(self, criterion_id: str) -> Criterion:
        """The rubric criterion with this id (KeyError when there is none)."""
        for criterion in self.spec.rubric:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)




class ExpectedRanking(StrictModel):
    """A ranking file: sample submissions in the order a person who hires for the role gave."""

    ranking: list[str | list[str]] = Field(
        min_length=2,
        description="Submissions (paths relative to this file), best first. A list in the "
                    "list is a group as good as each other (the same analysis as PDF and "
                    "DOCX): each of them must score above every later one.")

    why: str = Field(default="", description="The reasons for the order, for the next reader.")
    min_tau: float | None = Field(
        default=None, ge=-1, le=1,
        description="How closely the scores must agree with the order, as Kendall's tau-b "
                    "(1: the same order; 0: no relation). Unset: every sample must score "
                    "above every later one. For a large pool of realistic work, where an "
                    "expert's close calls are fair to differ on, 0.8 is a strict bar.")

    def places(self) -> list[tuple[int, str]]:
        """(place, path) for every submission, best first; a group shares its place."""
        return [(place, entry) for place, group in enumerate(self.ranking, start=1)
                for entry in ([group] if isinstance(group, str) else group)]


class SelfTestCase(BaseModel):
    """A submission `worksample validate` grades to prove the assignment works."""

    label: str
    path: Path
    min_score: float = 0
    max_score: float = 100
    expectation: str = Field(description="Readable expectation, e.g. 'must score 100'.")

