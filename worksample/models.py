"""pydantic models: the single source of truth for assignment.yaml and for results.

The common part of assignment.yaml is ``AssignmentSpec``; each assignment type adds its own
section (under a key named after the type) with a model its plugin registers. ``GradeResult``
is what grading produces and what reports read; it is versioned by ``schema_version``.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from worksample.safe_text import valid_utf8

RESULT_SCHEMA_VERSION = 1

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


class Submission(BaseModel):
    """A candidate's submission after intake: a safe, extracted, size-checked folder."""

    id: str = Field(description="Stable name, from the file or folder name.")
    source: Path = Field(description="What the user passed on the command line.")
    kind: Literal["folder", "zip", "tar", "file", "bundle"]
    root: Path = Field(description="The extracted folder the plugin reads.")
    extracted_to: Path = Field(
        description="The folder intake created (root or its parent); removed after grading."
    )
    content_hash: str = Field(description="sha256 of the extracted files and their paths.")
    file_count: int
    total_bytes: int
    working_time: WorkingTime | None = Field(
        default=None, description="The candidate's own time, read from the archive's or the "
                                  "git history's times or recorded by the team.")
    working_time_note: str = Field(
        default="", description="Why the archive's or the git history's times give no "
                                "working time, when they give none.")
    history: Path | None = Field(
        default=None, description="The git history sent with it, while intake has it: a "
                                  "``.git`` folder or a bundle (git_history.py reads it).")
    history_prefix: str = Field(
        default="", description="Where the graded folder is within the history's tree "
                                "('' at its top).")
    git_history: GitHistory | None = Field(
        default=None, description="How the work was done, as its git history shows it.")


# The validation context under which a result read back from the store skips the UTF-8 repair.
STORED = "stored"


class ResultModel(BaseModel):
    """Base of every model a result is made of: each string in it, nested dicts and lists
    included, is made valid UTF-8 on the way in, so that candidate text (an exception message,
    a decoded document) can always be stored and shown.

    The trust boundary: everything is repaired (a plugin's ``Grade``, a result the core builds,
    JSON from anywhere) except a result read back from the store's own JSON
    (``GradeResult.from_stored_json``, validated with the ``STORED`` context). That text was
    written by ``model_dump_json`` from a result repaired when it was built, and JSON cannot
    carry what the repair removes anyway: pydantic's serializer refuses to write a lone
    surrogate and its parser refuses to read one (``"\\ud800"`` is invalid JSON to it). The
    repair walks every string of every nested model; skipping it is most of the time a report
    of 1,000 results spends reading them (benchmarks/README.md, issue 22)."""

    @model_validator(mode="before")
    @classmethod
    def _valid_text(cls, data: Any, info: ValidationInfo) -> Any:
        if info.context and info.context.get(STORED):
            return data
        return _valid_strings(data)


def _valid_strings(value: Any) -> Any:
    if isinstance(value, str):
        return valid_utf8(value)
    if isinstance(value, dict):
        return {_valid_strings(k): _valid_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_valid_strings(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_valid_strings(v) for v in value)
    return value


class Status(StrEnum):
    """How grading ended for one submission."""

    GRADED = "graded"  # the candidate's work was assessed; a score is meaningful
    REJECTED = "rejected"  # the submission itself was refused (unsafe archive, too large ...)
    ERROR = "error"  # the grading machinery failed; says nothing about the candidate


class Check(ResultModel):
    """One automatic check (a hidden test, a phrase, a number) and its outcome."""

    id: str
    kind: str = Field(description="'test' for hidden tests; plugins may add kinds.")
    outcome: Literal["passed", "failed", "skipped"]
    weight: float = 1.0
    message: str = Field(default="", description="Why it failed, capped in length.")
    duration_s: float | None = None
    criterion: str | None = Field(default=None, description="The rubric criterion it counts for.")
    review: str = Field(
        default="", description="Why a person should look: the check could not decide, so it "
                                "counted neither way (outcome 'skipped').")
    label: str = Field(
        default="", description="What was checked, in plain words for a hiring manager "
                                "(\"answers 'Can I get my money back?'\"); '' when the id "
                                "says it (reports then make words of the id).")
    group: str = Field(
        default="", description="The group it belongs to (a test file, one email's reply); "
                                "'' when the id's first part names it.")
    confirms_absence: bool = Field(
        default=False,
        description="Whether the check looks for something the work must not do (a forbidden "
                    "statement, blame): its 'not found' confirms an absence, which a report "
                    "shows only on request.")


class CriterionScore(ResultModel):
    """A rubric criterion's result: points and level for auto criteria, anchors for reviewers."""

    id: str
    title: str
    source: Literal["auto", "reviewer"]
    max_points: float
    points: float | None = Field(description="None until a reviewer rates it.")
    level: Literal[1, 2, 3, 4] | None = None
    evidence: list[str] = Field(default_factory=list)
    feedback: list[str] = Field(
        default_factory=list, description="Evidence safe to show the candidate.")
    specifics: dict[str, str] = Field(
        default_factory=dict, description="Values for the discussion questions' placeholders.")


class IntegrityFlag(ResultModel):
    """Signs that the submission tried to influence its own verdict: a hiring signal."""

    kind: str
    evidence: str
    fails: bool = Field(
        default=False,
        description="An automatic fail: the submission does not pass whatever its score, and "
                    "its score is scaled under the pass score (score x pass_score / 100), so "
                    "that failures still rank among themselves.")


class SandboxRun(ResultModel):
    """How the container run ended, for plugins that use the sandbox."""

    image: str
    image_id: str
    ended: Literal["completed", "timeout", "memory", "crashed"]
    exit_code: int | None
    seconds: float


class WorkingTime(ResultModel):
    """How long the candidate worked, as far as the submission or the team can tell."""

    minutes: float = Field(ge=0)
    source: Literal["archive", "git", "recorded"] = Field(
        description="'archive': the span of the files' modification times in the archive; "
                    "'git': first to last commit; 'recorded': the times the team recorded.")
    started: datetime | None = None
    finished: datetime | None = None
    evidence: str = Field(default="", description="What the figure rests on, in words.")


class HistoryCommit(ResultModel):
    """One commit of a candidate's git history, as the reviewer sees it."""

    sha: str = Field(description="The commit's id, its first 12 characters.")
    authored: datetime | None = Field(default=None, description="Its author date (UTC).")
    subject: str = Field(default="", description="The first line of its message, cut at 200 "
                                                 "characters, control characters shown.")
    lines_added: int | None = Field(
        default=None, description="Lines it adds (see docs/results.md); None for a merge.")
    merge: bool = False


class GitHistory(ResultModel):
    """How the work was done, as the git history sent with it shows it: evidence for the
    reviewer, never points (git_history.py)."""

    source: Literal["git folder", "bundle"]
    read: bool = Field(description="Whether the history could be read; ``note`` says why not.")
    note: str = Field(default="", description="Why it was not read, or what it lacks.")
    commits: int = 0
    merges: int = 0
    started: datetime | None = Field(default=None, description="First commit date kept.")
    finished: datetime | None = Field(default=None, description="Last commit date kept.")
    span_minutes: float | None = Field(
        default=None, description="First to last commit, as the candidate's time reads it; "
                                  "None when the dates give no span (``span_note``).")
    span_note: str = ""
    first_is_starter: bool | None = Field(
        default=None, description="Whether the first commit holds exactly the assignment's "
                                  "starter files; None when there is nothing to compare.")
    starter_said: str = Field(default="", description="The comparison, in words.")
    final_lines: int = Field(
        default=0, description="Lines of the last commit's files that the starter lacks.")
    largest: HistoryCommit | None = Field(
        default=None, description="The commit that adds the most lines.")
    largest_share: float | None = Field(
        default=None, description="Its lines added / ``final_lines``, at most 1.")
    log: list[HistoryCommit] = Field(default_factory=list,
                                     description="The commits, oldest first (at most 100).")
    log_left_out: int = 0


class QualitySignal(ResultModel):
    """A code-quality signal (lint findings, function length, complexity, the candidate's own
    tests, their coverage): evidence shown next to the reviewer criteria the assignment maps
    it to, never scored. A coding result keeps its signals in ``details["quality"]``, a list
    of these (docs/assignments.md)."""

    signal: str = Field(description="lint, function_length, complexity, own_tests or coverage.")
    criteria: list[str] = Field(description="The reviewer criteria it is shown next to.")
    said: str = Field(description="What it found, in plain words.")
    measured: bool = Field(default=True, description="False when it could not be measured; "
                                                     "'said' then says why.")
    figures: dict[str, Any] = Field(default_factory=dict,
                                    description="The numbers behind it, for readers of JSON.")


class Durations(BaseModel):
    """Where the time went for one submission, in seconds."""

    intake_s: float = 0.0
    grade_s: float = 0.0
    total_s: float = 0.0


class GradeResult(ResultModel):
    """The result of grading one submission against one assignment version."""

    schema_version: int = RESULT_SCHEMA_VERSION
    worksample_version: str
    submission_id: str
    submission_source: str
    submission_hash: str | None = None
    assignment_id: str
    assignment_version: str
    assignment_type: str
    status: Status
    score: float | None = Field(
        default=None, description="0-100 from the automatic criteria; None unless graded."
    )
    passed: bool | None = Field(
        default=None, description="score >= the assignment's pass score, and no flag that "
                                  "fails the submission (an automatic fail).")
    message: str = Field(default="", description="Why it was rejected or errored; what to do.")
    criteria: list[CriterionScore] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    flags: list[IntegrityFlag] = Field(default_factory=list)
    run: SandboxRun | None = None
    working_time: WorkingTime | None = Field(
        default=None, description="The candidate's own time, where the submission or the "
                                  "team records one; None otherwise.")
    git_history: GitHistory | None = Field(
        default=None, description="How the work was done, where a git history or bundle "
                                  "came with it: evidence for reviewers, never points.")
    durations: Durations = Field(default_factory=Durations)
    graded_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    details: dict[str, Any] = Field(default_factory=dict, description="Plugin-specific extras.")
    work: Any = Field(
        default=None, exclude=True, repr=False,
        description="The submission's files and the texts its plugin read (a work.KeptWork), "
                    "on their way to the store, which keeps them in a table of their own: "
                    "never in the result's JSON, which every report reads whole.")
    fingerprints: Any = Field(
        default=None, exclude=True, repr=False,
        description="The similarity fingerprints of ``work`` as the store keeps them (scheme, "
                    "runs, lines, digest, unread: ``similarity.sources.made``), when the worker "
                    "process that graded it made them: on their way to the store with the "
                    "result, saved with it in one transaction, never in its JSON.")
    combine_ratings: Literal["median", "mean"] = Field(
        default="median", description="The assignment's rule for combining several reviewers' "
                                       "levels in the full score (see ratings.py).")

    @classmethod
    def from_stored_json(cls, text: str | bytes) -> GradeResult:
        """A result from the JSON the store holds (what ``model_dump_json`` wrote): validated
        like any other, but without the UTF-8 repair (see ``ResultModel``). Only for text the
        store wrote; any other JSON goes through ``model_validate_json``."""
        return cls.model_validate_json(text, context={STORED: True})


# --- What plugins hand to the core ------------------------------------------------------------


class CriterionOutcome(ResultModel):
    """A plugin's automatic assessment of one criterion: a fraction and its evidence."""

    fraction: float = Field(ge=0, le=1, description="Share of the criterion's points earned.")
    evidence: list[str] = Field(default_factory=list)
    feedback: list[str] = Field(
        default_factory=list,
        description="Evidence safe to show the candidate: nothing of hidden tests or keys.",
    )
    specifics: dict[str, str] = Field(
        default_factory=dict,
        description="The candidate's specifics for the discussion questions' {placeholders}, "
                    "e.g. {'failed_test': 'test_expiry.py::test_boundary'}.",
    )


class Grade(ResultModel):
    """What a plugin's grading hook returns; the core turns it into a GradeResult.

    The core, not the plugin, converts fractions into points, levels and the overall score,
    so that every assignment type scores the same way.
    """

    criteria: dict[str, CriterionOutcome] = Field(
        description="Outcome per automatic criterion id; every 'auto' criterion must appear."
    )
    checks: list[Check] = Field(default_factory=list)
    flags: list[IntegrityFlag] = Field(default_factory=list)
    run: SandboxRun | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    texts: dict[str, str] = Field(
        default_factory=dict,
        description="The text the plugin read and quoted its evidence from, by part: the "
                    "part's name as its checks' ids start ('late-refund' for "
                    "'late-refund/facts/...'), or '' for a submission read as one text. The "
                    "store keeps it with the submission's files, and the candidate page shows "
                    "it with the quoted sentences marked (docs/plugins.md).")


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


class AssignmentType(BaseModel):
    """An assignment type, as a plugin registers it: its name, the model of its yaml section,
    and its behaviour. The core looks the type up by name and calls its behaviour; nothing
    else is asked. A plugin that registers a name again replaces the type whole.

    The behaviour is plain callables, called by keyword with only the arguments they name
    (like a hook): a future argument never breaks an old plugin.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    name: Identifier
    section_model: type[BaseModel] = Field(
        description="Validates the section of assignment.yaml named after the type.")
    grade: Callable[..., Grade] = Field(
        description="grade(assignment, submission) -> Grade: an outcome for every automatic "
                    "criterion of the rubric. It may also name ``workers``: the grader's "
                    "LimitedWorkers (or None), for parsing candidate files on the host. Raise "
                    "InfrastructureError when the machinery fails, SubmissionRejected when "
                    "the submission cannot be read as work of this type.")
    self_test_cases: Callable[..., list[SelfTestCase]] | None = Field(
        default=None,
        description="self_test_cases(assignment) -> the submissions `worksample validate` "
                    "grades to prove an assignment of this type works.")
    assignment_checks: Callable[..., list[str]] | None = Field(
        default=None,
        description="assignment_checks(assignment) -> lines `worksample validate` prints: how "
                    "far the type's verdicts can be trusted, and checks of the assignment that "
                    "need a run (a reference that must be deterministic). Raise "
                    "WorksampleError for a fault of the assignment.")
    description: str = Field(default="", description="One line for `worksample plugins`.")
    grades_in_worker: bool = Field(
        default=False,
        description="Grade in a worker process under the assignment's host_limits: for types "
                    "that parse the candidate's files on the host (documents, email). The "
                    "worker loads plugins from the entry-point group, so the type's plugin must "
                    "be installed, not registered by hand.")
    plugin: str = Field(default="", description="The plugin that registered it; set by the "
                                                "registry.")
