"""pydantic models: the single source of truth for assignment.yaml and for results.

The common part of assignment.yaml is ``AssignmentSpec`` (``assignment.py``); each assignment
type adds its own section (under a key named after the type) with a model its plugin registers
(``assignment_type.py``). ``GradeResult`` is what grading produces and what reports read
(``results.py``); it is versioned by ``schema_version``. Import them from here: this module
is the plugin contract's, and where each model lives inside it may change."""

from worksample.models.assignment import (
    Assignment,
    AssignmentSpec,
    BankList,
    BankQuestion,
    CandidateQuestion,
    Criterion,
    DiscussionQuestions,
    ExpectedRanking,
    HostLimits,
    Identifier,
    RoleContext,
    SectionT,
    SelfTestCase,
    StrictModel,
    in_assignment_folder,
    placeholders,
    repeated,
)
from worksample.models.assignment_type import (
    AssignmentType,
)
from worksample.models.results import (
    RESULT_SCHEMA_VERSION,
    STORED,
    Check,
    CriterionOutcome,
    CriterionScore,
    Durations,
    GitHistory,
    Grade,
    GradeResult,
    HistoryCommit,
    IntegrityFlag,
    QualitySignal,
    ResultModel,
    SandboxRun,
    Status,
    Submission,
    WorkingTime,
)

__all__ = [
    "Identifier",
    "repeated",
    "in_assignment_folder",
    "StrictModel",
    "Criterion",
    "BankQuestion",
    "BankList",
    "DiscussionQuestions",
    "placeholders",
    "CandidateQuestion",
    "RoleContext",
    "HostLimits",
    "AssignmentSpec",
    "SectionT",
    "Assignment",
    "ExpectedRanking",
    "SelfTestCase",
    "RESULT_SCHEMA_VERSION",
    "Submission",
    "STORED",
    "ResultModel",
    "Status",
    "Check",
    "CriterionScore",
    "IntegrityFlag",
    "SandboxRun",
    "WorkingTime",
    "HistoryCommit",
    "GitHistory",
    "QualitySignal",
    "Durations",
    "GradeResult",
    "CriterionOutcome",
    "Grade",
    "AssignmentType",
]
