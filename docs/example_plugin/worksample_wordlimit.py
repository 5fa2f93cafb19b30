"""An example assignment type: a written answer that must stay within a word limit."""

from pathlib import Path

from pydantic import BaseModel, Field

from worksample import hookimpl
from worksample.models import AssignmentType, CriterionOutcome, Grade


class WordLimitSection(BaseModel):
    """The `wordlimit:` section of assignment.yaml."""

    max_words: int = Field(gt=0)
    criterion: str = "brevity"


@hookimpl
def worksample_register_assignment_types(register):
    """Provide the `wordlimit` assignment type."""
    register(AssignmentType(name="wordlimit", section_model=WordLimitSection))


@hookimpl
def worksample_grade(assignment, submission):
    """Full points within the limit, losing points in proportion beyond it."""
    if assignment.type != "wordlimit":
        return None
    section = assignment.section
    text = " ".join(p.read_text(errors="replace") for p in Path(submission.root).rglob("*.md"))
    words = len(text.split())
    fraction = min(1.0, section.max_words / words) if words else 0.0
    evidence = [f"{words} words (limit {section.max_words})"]
    return Grade(criteria={section.criterion: CriterionOutcome(fraction=fraction,
                                                               evidence=evidence)})
