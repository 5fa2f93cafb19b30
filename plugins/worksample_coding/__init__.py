"""Built-in plugin: coding tasks, graded by hidden pytest tests in a hardened Docker sandbox.

Registered through the ``worksample`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from worksample import hookimpl
from worksample.models import Assignment, AssignmentType, Grade, SelfTestCase, Submission

from .config import CodingSection

TYPE_NAME = "coding"


@hookimpl
def worksample_register_assignment_types(register) -> None:
    """Provide the ``coding`` assignment type."""
    register(AssignmentType(
        name=TYPE_NAME,
        section_model=CodingSection,
        description="Hidden pytest tests run against the submission in a Docker sandbox.",
    ))


@hookimpl
def worksample_grade(assignment: Assignment, submission: Submission) -> Grade | None:
    """Grade a coding submission; None for other types."""
    if assignment.type != TYPE_NAME:
        return None
    from .grader import grade

    return grade(assignment, submission)


@hookimpl
def worksample_self_test_cases(assignment: Assignment) -> list[SelfTestCase] | None:
    """The reference solution must score 100; the starter must score below the pass score."""
    if assignment.type != TYPE_NAME:
        return None
    section: CodingSection = assignment.section
    pass_score = assignment.spec.pass_score
    return [
        SelfTestCase(label="reference solution", path=assignment.root / section.reference,
                     min_score=100, expectation="must score 100"),
        SelfTestCase(label="starter", path=assignment.root / section.starter,
                     max_score=max(pass_score - 0.01, 0),
                     expectation=f"must score below the pass score ({pass_score:g})"),
    ]
