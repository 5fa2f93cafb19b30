"""Grade one case analysis: find the document, read it, check it, score the rubric.

Each check kind gives a fraction (the mean of its findings, key points and numbers weighted);
a criterion's fraction is the weighted mean of its kinds (``case.scoring``). An analysis that
says nothing (no sentence, or a list of keywords), or that discusses another subject (none of
the key points, numbers or options found), scores 0 in every criterion, with the reason, and
raises a flag for the reviewer that fails nothing: ``empty`` or ``off-topic``.
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.errors import SubmissionRejected
from worksample.models import Assignment, Grade, IntegrityFlag, Submission
from worksample.prose.cache import cached_per_version
from worksample.prose.evidence import Finding
from worksample.prose.hidden import hidden_text_flag
from worksample.prose.own_text import source_sentences
from worksample.prose.scoring import GradedPart, criterion_outcomes, part_checks
from worksample.prose.tables import CrowdedTables

from .checks import AnalysisText, CompiledCase, check_analysis, discusses_the_case
from .config import CaseSection
from .documents import find_document
from .structure import parse

HEADINGS_KEPT, HEADING_SHOWN_CHARS = 100, 200  # a hostile document may have 120,000 of them
EMPTY, OFF_TOPIC = "empty", "off-topic"  # flags of an analysis that scored 0 for saying nothing


@dataclass(frozen=True)
class Prepared:
    """What grading needs from the assignment, built once per assignment version."""

    compiled: CompiledCase
    brief_said: frozenset[str]


def grade(assignment: Assignment[CaseSection], submission: Submission) -> Grade:
    """Check the analysis in ``submission`` and score the rubric."""
    section = assignment.section
    prepared = prepare(assignment)
    document = find_document(submission.root, section.max_document_kb * 1024, section.max_pages)
    try:
        parsed = parse(document.text, prepared.compiled.headings)
    except CrowdedTables as crowded:
        raise SubmissionRejected(f"the analysis has {crowded}; it is not read",
                                 path=document.source) from None
    text = AnalysisText(parsed, section, prepared.brief_said)
    findings = check_analysis(text, section, prepared.compiled)
    empty, off_topic = text.not_an_analysis, ""
    if not empty:
        off_topic = _off_topic(findings)
    analysis = _graded(findings, zero_because=empty or off_topic)
    return Grade(
        criteria=criterion_outcomes([analysis], section.scoring),
        checks=part_checks(analysis, section.scoring),
        flags=([hidden_text_flag(document.source, document.hidden, document.hidden_by)]
               if document.hidden else [])
        + ([IntegrityFlag(kind=EMPTY if empty else OFF_TOPIC,
                          evidence=f"{document.source}: {analysis.zero_because}")]
           if analysis.zero_because else []),
        details={"document": document.source, "format": document.format,
                 "pages": document.pages, "words": len(text.words),
                 "headings": [part.heading[:HEADING_SHOWN_CHARS]
                              for part in text.analysis.parts[1:HEADINGS_KEPT + 1]],
                 "not_graded": document.not_graded},
        texts={"": document.text},
    )


@cached_per_version
def prepare(assignment: Assignment[CaseSection]) -> Prepared:
    """The compiled phrases and the brief's sentences (cached per assignment version)."""
    section = assignment.section
    brief = (assignment.root / section.brief).read_text(encoding="utf-8")
    exhibits = {exhibit: (assignment.root / exhibit).read_text(encoding="utf-8-sig")
                for exhibit in section.exhibits}
    return Prepared(compiled=CompiledCase.of(section, [brief, *exhibits.values()], exhibits),
                    brief_said=source_sentences(brief))


def _graded(findings: list[Finding], zero_because: str) -> GradedPart:
    """The analysis as the one part of the grade; it scores 0 when ``zero_because`` says why."""
    if not zero_because:
        return GradedPart(findings)
    return GradedPart(findings, zero_because=f"the analysis {zero_because}",
                      zero_feedback=f"The analysis scores 0 because it {zero_because}.")


def _off_topic(findings: list[Finding]) -> str:
    """Why an analysis is not about this case: nothing of it found, not even for review."""
    if discusses_the_case(findings):
        return ""
    return "does not discuss this case: none of its key points, numbers or options was found"
