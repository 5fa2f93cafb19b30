"""The self-test behind ``worksample validate``: the assignment's own sample submissions
(reference, starter ...), as its type gives them, graded like any other, each against its
expectation; and what the type's ``assignment_checks`` says of the assignment. A plugin whose
code fails or answers the wrong thing is one WorksampleError naming it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from worksample.errors import WorksampleError
from worksample.grading import grade_submission
from worksample.models import Assignment, AssignmentType, GradeResult, SelfTestCase, Status
from worksample.plugins import PluginRegistry, call_accepting, type_named

if TYPE_CHECKING:
    from worksample.workers import LimitedWorkers


@dataclass
class SelfTestOutcome:
    """One self-test case, its result, and whether it met its expectation."""

    case: SelfTestCase
    result: GradeResult

    @property
    def ok(self) -> bool:
        score = self.result.score
        return (self.result.status == Status.GRADED and score is not None
                and self.case.min_score <= score <= self.case.max_score)


def self_test(
    assignment: Assignment, workdir: Path, registry: PluginRegistry,
    workers: LimitedWorkers | None = None,
) -> list[SelfTestOutcome]:
    """Grade the assignment's own self-test submissions (reference, starter ...)."""
    cases = self_test_cases(assignment, registry.assignment_type(assignment.type))
    if not cases:
        raise WorksampleError(f"the assignment type {assignment.type!r} gives no self-test "
                              "cases, so `validate` cannot prove it works")
    return [SelfTestOutcome(case, grade_submission(assignment, case.path, workdir, registry,
                                                   workers=workers))
            for case in cases]


def assignment_checks(assignment: Assignment, assignment_type: AssignmentType) -> list[str]:
    """What the type's ``assignment_checks`` says of ``assignment`` (nothing if it has none); a
    WorksampleError naming the plugin if its code fails or answers what is not a list of
    lines."""
    return _asked(assignment_type, assignment_type.assignment_checks, assignment, str,
                  doing="checking the assignment",
                  wrong="answered its assignment checks with what is not text")


def self_test_cases(assignment: Assignment, assignment_type: AssignmentType) -> list[SelfTestCase]:
    """The type's self-test cases for ``assignment`` (none if it gives none); a WorksampleError
    naming the plugin if its code fails or answers what is not a list of SelfTestCase."""
    return _asked(assignment_type, assignment_type.self_test_cases, assignment, SelfTestCase,
                  doing="giving its self-test cases",
                  wrong="gave self-test cases that are not SelfTestCase objects")


def _asked(assignment_type: AssignmentType, behaviour, assignment: Assignment, kind: type, *,
           doing: str, wrong: str) -> list:
    """A list of ``kind`` from a type's optional ``behaviour`` (empty without one); its crash or
    a wrong answer is one WorksampleError naming the plugin."""
    if behaviour is None:
        return []
    try:
        answer = list(call_accepting(behaviour, assignment=assignment))
    except WorksampleError:
        raise
    except Exception as error:  # third-party code: one clear line, not a traceback
        raise WorksampleError(f"{type_named(assignment_type)} crashed {doing}: {error!r}; please "
                              "report it") from None
    if not all(isinstance(item, kind) for item in answer):
        raise WorksampleError(f"{type_named(assignment_type)} {wrong}; please report it")
    return answer
