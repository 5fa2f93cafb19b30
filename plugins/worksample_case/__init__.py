"""Built-in plugin: case analyses, checked for structure, key points, numbers and an explicit
recommendation, with quoted evidence.

Registered through the ``worksample`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from pathlib import Path

from worksample import hookimpl
from worksample.models import Assignment, AssignmentType, Grade, SelfTestCase, Submission

from .config import CaseSection

EMPTY_SUBMISSION = Path(__file__).parent / "empty_analysis.md"
REFERENCE_MIN_SCORE = 90
EMPTY_MAX_SCORE = 10


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
    return [
        SelfTestCase(label="reference analysis",
                     path=assignment.root / assignment.section.reference,
                     min_score=REFERENCE_MIN_SCORE,
                     expectation=f"must score at least {REFERENCE_MIN_SCORE}"),
        SelfTestCase(label="empty analysis", path=EMPTY_SUBMISSION, max_score=EMPTY_MAX_SCORE,
                     expectation=f"must score at most {EMPTY_MAX_SCORE}"),
    ]
