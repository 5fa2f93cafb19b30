"""Built-in plugin: coding tasks, graded by hidden pytest tests in a hardened Docker sandbox.

Registered through the ``worksample`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from worksample import hookimpl
from worksample.models import Assignment, AssignmentType, Grade, SelfTestCase, Submission

from .config import CodingSection


@hookimpl
def worksample_register_assignment_types(register) -> None:
    """Provide the ``coding`` assignment type."""
    from .languages import LANGUAGES

    recorded = [name for name, language in LANGUAGES.items() if language.recorder]
    register(AssignmentType(
        name="coding",
        section_model=CodingSection,
        grade=grade,
        self_test_cases=self_test_cases,
        assignment_checks=assignment_checks,
        description="Hidden tests run against the submission in a Docker sandbox: recorded "
                    f"(compared on the host; languages: {', '.join(recorded)}) or classic "
                    "pytest (python). junit: the team's own test runner, in any language "
                    f"({', '.join(LANGUAGES)}).",
    ))


def grade(assignment: Assignment[CodingSection], submission: Submission,
          workers=None) -> Grade:
    """Run the hidden tests on the submission in the sandbox and grade it; gather the
    assignment's code-quality signals meanwhile (static analysis in one of ``workers``)."""
    from .grader import grade as graded  # docker and the harness load only to grade

    return graded(assignment, submission, workers)


def assignment_checks(assignment: Assignment[CodingSection]) -> list[str]:
    """The mode and how far its verdicts can be trusted; in recorded mode, also that the
    reference solution records the same values twice (it runs in the sandbox)."""
    from .grader import assignment_checks as checked

    return checked(assignment)


def self_test_cases(assignment: Assignment[CodingSection]) -> list[SelfTestCase]:
    """The reference solution must score 100; the starter must score below the pass score."""
    from worksample.sandbox.harness import reference_and_starter

    return reference_and_starter(assignment, assignment.section.reference,
                                 assignment.section.starter)
