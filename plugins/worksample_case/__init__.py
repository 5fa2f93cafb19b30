"""Built-in plugin: case analyses, checked for structure, key points, numbers and an explicit
recommendation, with quoted evidence.

Registered through the ``worksample`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from pathlib import Path

from worksample import hookimpl
from worksample.models import Assignment, AssignmentType, Grade, SelfTestCase, Submission
from worksample.prose.rubric import reference_and_empty

from .config import CaseSection

EMPTY_SUBMISSION = Path(__file__).parent / "empty_analysis.md"


@hookimpl
def worksample_register_assignment_types(register) -> None:
    """Provide the ``case`` assignment type."""
    register(AssignmentType(
        name="case",
        section_model=CaseSection,
        grade=grade,
        self_test_cases=self_test_cases,
        description="Written case analyses (Markdown, text, PDF, DOCX): sections, key points, "
                    "numbers and the recommendation, with quoted evidence.",
        grades_in_worker=True,  # it parses the candidate's documents on the host
    ))


def grade(assignment: Assignment[CaseSection], submission: Submission) -> Grade:
    """Grade a case analysis."""
    from .grader import grade as graded  # the document readers load only to grade

    return graded(assignment, submission)


def self_test_cases(assignment: Assignment[CaseSection]) -> list[SelfTestCase]:
    """The reference analysis must score at least 90; an empty one at most 10."""
    return reference_and_empty(assignment, assignment.section.reference, EMPTY_SUBMISSION,
                               ("reference analysis", "empty analysis"))
