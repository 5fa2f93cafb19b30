"""What a report says, as data: the models every format renders (HTML, Markdown, JSON).

Every format renders the same ``Report``, so what an audience may see and what blind review
redacts is decided once, where the report is built (``build.py``, ``page.py``,
``cohort.py``), and not in each template.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from worksample import __version__
from worksample.agreement import Agreement
from worksample.models import CandidateQuestion, Status
from worksample.reports.agenda import Agenda
from worksample.reports.evidence import PlainEvidence
from worksample.reports.guide import Guide
from worksample.reports.history import HistoryView
from worksample.reports.hr_kit import HrKit
from worksample.reports.page_json import PAGE_JSON
from worksample.reports.signals import SignalView
from worksample.reports.summary import Summary

REPORT_SCHEMA_VERSION = 1
Audience = Literal["hiring-manager", "hr", "candidate"]
Severity = Literal["high", "medium", "low"]


class FailedCheck(BaseModel):
    """A check that did not pass, with the reason."""

    id: str
    message: str
    said: str = Field(default="", description="What it checked, in plain words, after the "
                                              "part it is about ('late refund · answers …').")


class RatingView(BaseModel):
    """One reviewer's level in force for a criterion (an override, for an automatic one)."""

    reviewer: str
    level: int
    override: bool
    note: str = Field(description="The reviewer's note, or the override's reason.")
    after_seeing_others: bool


class DecisionView(BaseModel):
    """The hiring decision in force."""

    decision: str
    by: str
    reason: str
    decided_at: datetime




class CriterionView(BaseModel):
    """One rubric criterion as an audience sees it."""

    model_config = PAGE_JSON

    id: str
    title: str
    source: Literal["auto", "reviewer"]
    audience: Literal["hiring-manager", "hr"]
    max_points: float
    points: float | None
    level: int | None
    level_meaning: str = Field(
        description="For a reviewer's level, its anchor; for an automatic one, what the "
                    "checks found (an anchor's words could contradict the evidence: 'every "
                    "test passes' at 29 of 31); '' if not rated.")
    evidence: list[str] = Field(description="The plugin's evidence lines, as written.")
    plain: PlainEvidence = Field(
        default_factory=PlainEvidence,
        description="The evidence in plain words, from the criterion's checks.")
    failed_checks: list[FailedCheck]
    to_review: list[FailedCheck] = Field(
        default_factory=list, description="Matches the checks could not decide, with why.")
    anchors: dict[int, str] = Field(description="All four anchors, when a reviewer must rate.")
    needs_rating: bool
    ratings: list[RatingView] = Field(
        default_factory=list, description="Reviewers' levels in force (not for candidates).")
    signals: list[SignalView] = Field(
        default_factory=list,
        description="Code-quality signals the assignment shows next to this criterion, as "
                    "evidence for the reviewer, never scored (not for candidates).")


class FlagView(BaseModel):
    """Something a reviewer must know: a limit hit, refused input, suspected tampering."""

    category: Literal["integrity", "limit", "intake", "machinery", "review"]
    kind: str
    severity: Severity = Field(description="How urgently a reviewer must look before the "
                                           "score decides anything (reports/flags.py).")
    evidence: str


class CodeLine(BaseModel):
    """One line of a file: its text (made visible, redacted when blind, cut past
    MAX_LINE_CHARS), and the failed checks whose message names it."""

    number: int
    text: str
    html: str = Field(default="", exclude=True,
                      description="The line as Pygments highlighted it (Pygments escapes "
                                  "it); for the HTML page only, never in the JSON.")
    cut: int = Field(default=0, description="Characters of the line not shown.")
    checks: list[str] = Field(default_factory=list,
                              description="Anchors of the failed checks that name the line.")


class CodeFile(BaseModel):
    """One file of the submission, as the page shows it."""

    path: str
    anchor: str = Field(description="Its id on the page; a line's is '<anchor>-L<number>'.")
    size: int
    kind: Literal["text", "binary", "not-kept", "read"]
    language: str = Field(default="", description="The lexer Pygments chose by its name.")
    lines: list[CodeLine] = Field(default_factory=list)
    not_kept: str = Field(default="", description="What the caps left out, said in words.")


class DiffLine(BaseModel):
    """One line of a unified diff: ' ' context, '+' added, '-' removed, '@' a hunk header."""

    kind: Literal[" ", "+", "-", "@"]
    text: str


class FileDiff(BaseModel):
    """How one file differs from the starter."""

    path: str
    status: Literal["added", "removed", "changed"]
    lines: list[DiffLine] = Field(default_factory=list)
    note: str = ""


class CheckLink(BaseModel):
    """A check that did not pass, linked to its criterion and to the lines it names."""

    anchor: str
    id: str
    criterion: str | None = Field(description="The criterion card holding its evidence.")
    label: str = Field(default="", description="What it checked, in plain words.")
    plain: str = Field(default="", description="Why it failed, in plain words.")
    message: str = Field(description="Its own message (test output), shown folded.")
    places: list[tuple[str, str]] = Field(
        default_factory=list, description="(line anchor, 'path:line') per line it names.")


class Highlight(BaseModel):
    """A sentence that earned or lost points, and where its points went."""

    kind: Literal["earned", "lost", "review"]
    criterion: str | None
    check: str


class Segment(BaseModel):
    """A run of a text with the same highlights; ``ends`` are those that end with it."""

    text: str
    marks: list[Literal["earned", "lost", "review"]] = Field(default_factory=list)
    ends: list[Highlight] = Field(default_factory=list)


class ReadText(BaseModel):
    """A text as the plugin read it (a reply, a decoded document), its quoted sentences
    highlighted."""

    name: str = Field(description="The part it is: an email's id, or '' for the whole.")
    anchor: str
    segments: list[Segment]
    not_kept: str = ""


class WorkView(BaseModel):
    """The candidate's work on their page: the files, highlighted; the diff against the
    starter; the failed checks, linked; the texts as read, with the sentences that earned or
    lost points."""

    kept: bool = Field(description="Whether the store kept the work of this result.")
    note: str = Field(default="", description="Why there is no work to show, or what to do.")
    caps: str = Field(default="", description="What the store keeps of a submission.")
    files: list[CodeFile] = Field(default_factory=list)
    files_not_listed: int = 0
    starter: bool = Field(default=False, description="Whether the diff is against a starter.")
    diff: list[FileDiff] = Field(default_factory=list)
    failed_checks: list[CheckLink] = Field(default_factory=list)
    texts: list[ReadText] = Field(default_factory=list)

    @property
    def code_css(self) -> str:
        """Pygments' CSS for the highlighted files (the HTML page inlines it once)."""
        from worksample.reports.work import code_css

        return code_css()


class SimilarExcerpt(BaseModel):
    """Lines ``first`` to ``last`` of a file of one side of a match, as written (at most 40:
    ``more`` not shown), and which of them are in common with the other side."""

    path: str
    first: int
    last: int
    lines: list[str]
    more: int = 0
    common: list[int] = Field(default_factory=list,
                              description="The numbers of the lines in common; the others "
                                          "were written in between (junk slipped in, say).")


class SimilarFragment(BaseModel):
    """A stretch found in both: this candidate's lines beside the other's, and how many of
    this side's lines matched (the rest were slipped in between)."""

    this: SimilarExcerpt
    other: SimilarExcerpt
    matched: int


class SimilarMatch(BaseModel):
    """Another piece of work found in this candidate's, or theirs in it."""

    model_config = PAGE_JSON

    other: str = Field(description="The other submission's name (an alias in a blind "
                                   "review), a known leak's name, or the reference solution.")
    other_is: Literal["submission", "other-cohort", "leak", "reference"] = Field(
        description="Another candidate of this report, a submission stored under another "
                    "version of the assignment, a known public solution, or the reference.")
    share: float = Field(description="How much of one is found in the other, 0-1: the larger "
                                     "of ``runs`` and ``lines``.")
    runs: float | None = Field(description="Runs of tokens in common, over the fingerprints "
                                           "of the one with fewer; None: not measured.")
    lines: float | None = Field(description="Runs of three lines of code found in order, "
                                            "other lines allowed between; None: no code.")
    fragments: list[SimilarFragment] = Field(
        default_factory=list, description="The largest parts in common, side by side (for "
                                          "the most similar matches only).")


class SimilarView(BaseModel):
    """Copied or leaked work: what the similarity measure found of this candidate's work
    (``worksample/similarity/``), as evidence for the conversation, never a verdict."""

    model_config = PAGE_JSON

    threshold: float = Field(description="The assignment's similarity_threshold.")
    matches: list[SimilarMatch] = Field(default_factory=list)
    more: int = Field(default=0, description="Matches above the threshold not listed.")
    note: str = Field(default="", description="What the measure could not read of this "
                                              "work, in words ('' if nothing).")


class CandidatePage(BaseModel):
    """Everything on one candidate's page."""

    model_config = PAGE_JSON

    stem: str = Field(description="File name of the page, without extension.")
    name: str = Field(description="The submission's name, or its alias in a blind review.")
    source: str | None
    status: Status
    score: float | None
    passed: bool | None
    full_score: float | None = Field(
        default=None, description="With reviewers' ratings; None while partial.")
    missing_ratings: list[str] = Field(
        default_factory=list, description="Reviewer criteria not rated yet, by their titles.")
    ratings_hidden: bool = Field(
        default=False, description="Others' ratings are hidden from the reviewer the report "
                                   "is for, until they have rated each criterion.")
    decision: DecisionView | None = None
    message: str
    summary: Summary | None = Field(
        default=None, description="The story at the top, for reviewers (not for candidates).")
    criteria: list[CriterionView]
    other_failed_checks: list[FailedCheck]
    flags: list[FlagView]
    run: str | None
    working_time: str | None = Field(
        default=None, description="The candidate's own time against the time budget, and "
                                  "what it rests on (reports/timing.py); not for candidates.")
    history: HistoryView | None = Field(
        default=None, description="How the work was done, as its git history shows it "
                                  "(reports/history.py); not for candidates.")
    guide: Guide | None
    agenda: Agenda | None = Field(default=None, description="The timed 45-minute agenda.")
    hr_kit: HrKit | None = Field(default=None, description="HR's lines, conduct signals and "
                                                           "the reverse-interview kit.")
    candidate_questions: list[CandidateQuestion] | None
    notes: bool = Field(description="Whether the page has room for reviewer notes.")
    graded_at: datetime
    work: WorkView | None = Field(
        default=None, description="The candidate's work, when the report was built with a "
                                  "look-up of the kept work (reports/work.py).")
    similar: SimilarView | None = Field(
        default=None, description="Work found similar to this candidate's, above the "
                                  "assignment's threshold, with the parts in common side by "
                                  "side; None when not measured or for candidates.")


class CohortRow(BaseModel):
    """One line of the ranking table."""

    rank: int | None
    name: str
    stem: str
    status: Status
    score: float | None
    full_score: float | None = None
    passed: bool | None
    levels: list[int | None] = Field(description="Level per rubric criterion, in rubric order: "
                                                 "reviewers' where they have rated.")
    flags: list[str] = Field(description="The kinds of the page's flags, most severe first.")
    severities: list[Severity] = Field(
        default_factory=list, description="The severity of each of ``flags``, in order.")
    borderline: bool = Field(
        default=False, description="Graded, with a score within the borderline band around "
                                   "the pass score (and no flag failing it regardless).")
    awaiting_review: bool = Field(
        default=False, description="Graded, with a reviewer criterion nobody has rated yet.")

    @property
    def flags_by_severity(self) -> list[tuple[Severity, list[str]]]:
        """The flags' kinds grouped by severity, most severe first (each kind once)."""
        groups: dict[Severity, list[str]] = {}
        for kind, severity in zip(self.flags, self.severities, strict=True):
            if kind not in groups.setdefault(severity, []):
                groups[severity].append(kind)
        return list(groups.items())

    @property
    def flag_order(self) -> int:
        """Where the row's flags sort: by their worst severity, then by how many."""
        worst = {"high": 3, "medium": 2, "low": 1}.get(self.severities[0]) if self.severities \
            else 0
        return worst * 1000 + len(self.flags)


class CriterionLevels(BaseModel):
    """How many candidates reached each level of one criterion."""

    id: str
    title: str
    source: Literal["auto", "reviewer"]
    counts: dict[str, int] = Field(description="'1'..'4' and 'unrated' -> number of candidates.")


class CohortIndex(BaseModel):
    """The cohort page: ranking, score distribution, per-criterion levels, and how far
    reviewers agree."""

    rows: list[CohortRow]
    distribution: list[int] = Field(description="Graded scores in bins 0-9, 10-19 ... 90-100.")
    criteria: list[CriterionLevels]
    counts: dict[str, int] = Field(description="See reports.cohort.cohort_counts.")
    borderline_points: float = Field(
        default=5, description="The borderline band: this many points either side of the "
                               "pass score.")
    agreement: Agreement | None = Field(
        default=None, description="From the ratings the report shows; None without ratings. "
                                  "Candidates are named as the report names them.")


class AssignmentView(BaseModel):
    """The assignment a report is about."""

    model_config = PAGE_JSON  # in index.json too, where its only float is 0-100

    id: str
    title: str
    role: str
    type: str
    version: str
    pass_score: float
    time_budget_minutes: int
    rubric: list[tuple[str, str]] = Field(description="(id, title) per criterion, in order.")


class Report(BaseModel):
    """A whole report: the cohort index (not for candidates) and one page per candidate."""

    report_schema_version: int = REPORT_SCHEMA_VERSION
    worksample_version: str = __version__
    generated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    audience: Audience
    blind: bool
    assignment: AssignmentView
    index: CohortIndex | None
    pages: list[CandidatePage]


class CandidateFile(BaseModel):
    """A candidate page's JSON file: the page, and what it is a page of."""

    model_config = PAGE_JSON

    report_schema_version: int
    audience: Audience
    blind: bool
    assignment: AssignmentView
    candidate: CandidatePage
