"""What grading produces and reports read: the ``Submission`` intake hands over, the
``GradeResult`` stored for it (versioned by ``RESULT_SCHEMA_VERSION``), and the ``Grade`` a
plugin hands to the core. Every string in them is made valid UTF-8 on the way in
(``ResultModel``)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from worksample.safe_text import cut, valid_utf8

RESULT_SCHEMA_VERSION = 1


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
    # Hot: every field of every result model. What needs nothing (a number, None, an ASCII
    # string: most names and values) is kept without a call; the rest recurses.
    if isinstance(value, str):
        return valid_utf8(value)
    if isinstance(value, dict):
        return {k if type(k) is str and k.isascii() else _valid_strings(k):
                v if (t := type(v)) in _AS_IS or t is str and v.isascii() else _valid_strings(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [v if (t := type(v)) in _AS_IS or t is str and v.isascii() else _valid_strings(v)
                for v in value]
    if isinstance(value, tuple):
        return tuple(_valid_strings(v) for v in value)
    return value


_AS_IS = frozenset({int, float, bool, type(None)})


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
    """Signs that the submission tried to influence its own verdict: a hiring signal. Its
    evidence quotes the candidate, so it is cut at ``MAX_EVIDENCE`` characters: every flag
    is shown in the results table and on the candidate's page."""

    MAX_EVIDENCE: ClassVar[int] = 2000

    kind: str
    evidence: str
    fails: bool = Field(
        default=False,
        description="An automatic fail: the submission does not pass whatever its score, and "
                    "its score is scaled under the pass score (score x pass_score / 100), so "
                    "that failures still rank among themselves.")

    @field_validator("evidence")
    @classmethod
    def _cut(cls, evidence: str) -> str:
        return cut(evidence, cls.MAX_EVIDENCE)


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

