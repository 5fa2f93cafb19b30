"""Built-in plugin: customer-email replies, checked against a rubric with quoted evidence.

Registered through the ``worksample`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from pathlib import Path

from worksample import hookimpl
from worksample.models import Assignment, AssignmentType, Grade, SelfTestCase, Submission
from worksample.prose.rubric import reference_and_empty

from .config import EmailSection

EMPTY_SUBMISSION = Path(__file__).parent / "empty_submission.txt"


@hookimpl
def worksample_register_assignment_types(register) -> None:
    """Provide the ``email`` assignment type."""
    register(AssignmentType(
        name="email",
        section_model=EmailSection,
        grade=grade,
        self_test_cases=self_test_cases,
        description="Replies to customer emails, checked phrase by phrase with quoted evidence.",
        grades_in_worker=True,  # it parses the candidate's documents on the host
    ))


def grade(assignment: Assignment[EmailSection], submission: Submission) -> Grade:
    """Grade a set of email replies."""
    from .grader import grade as graded  # the matching libraries load only to grade

    return graded(assignment, submission)


def self_test_cases(assignment: Assignment[EmailSection]) -> list[SelfTestCase]:
    """The reference replies must score at least 90; an empty submission at most 10."""
    return reference_and_empty(assignment, assignment.section.reference, EMPTY_SUBMISSION,
                               ("reference replies", "empty submission"))
