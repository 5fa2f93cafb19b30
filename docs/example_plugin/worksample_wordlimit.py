"""An example assignment type: a written answer that must stay within a word limit."""

from pathlib import Path

from pydantic import BaseModel, Field

from worksample import hookimpl
from worksample.models import Assignment, AssignmentType, CriterionOutcome, Grade, Submission


class WordLimitSection(BaseModel):
    """The `wordlimit:` section of assignment.yaml."""

    max_words: int = Field(gt=0)
    criterion: str = "brevity"


def grade(assignment: Assignment[WordLimitSection], submission: Submission) -> Grade:
    """Full points within the limit, losing points in proportion beyond it."""
    section = assignment.section
    text = " ".join(p.read_text(errors="replace") for p in Path(submission.root).rglob("*.md"))
    words = len(text.split())
    fraction = min(1.0, section.max_words / words) if words else 0.0
    evidence = [f"{words} words (limit {section.max_words})"]
    return Grade(criteria={section.criterion: CriterionOutcome(fraction=fraction,
                                                               evidence=evidence)})


@hookimpl
def worksample_register_assignment_types(register):
    """Provide the `wordlimit` assignment type."""
    register(AssignmentType(name="wordlimit", section_model=WordLimitSection, grade=grade,
                            description="A written answer within a word limit."))
