"""Grade one case analysis: find the document, read it, check it, score the rubric.

Each check kind gives a fraction (the mean of its findings, key points and numbers weighted);
a criterion's fraction is the weighted mean of its kinds (``case.scoring``). An analysis that
says nothing (no sentence, or a list of keywords), or that discusses another subject (none of
the key points, numbers or options found), scores 0 in every criterion, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.models import Assignment, Check, CriterionOutcome, Grade, Submission
from worksample.prose.cache import cached_per_version
from worksample.prose.evidence import Finding, evidence_line, fractions_by_criterion
from worksample.prose.hidden import hidden_text_flag
from worksample.prose.own_text import source_sentences

from .checks import AnalysisText, CompiledCase, check_analysis, discusses_the_case
from .config import CaseSection
from .documents import find_document
from .structure import parse

HEADINGS_KEPT, HEADING_SHOWN_CHARS = 100, 200  # a hostile document may have 120,000 of them


@dataclass(frozen=True)
class Prepared:
    """What grading needs from the assignment, built once per assignment version."""

    compiled: CompiledCase
    brief_said: frozenset[str]


def grade(assignment: Assignment, submission: Submission) -> Grade:
    """Check the analysis in ``submission`` and score the rubric."""
    section: CaseSection = assignment.section
    prepared = prepare(assignment)
    document = find_document(submission.root, section.max_document_kb * 1024, section.max_pages)
    text = AnalysisText(parse(document.text, prepared.compiled.headings), section,
                        prepared.brief_said)
    findings = check_analysis(text, section, prepared.compiled)
    zero_because = text.not_an_analysis or _off_topic(findings)
    fractions = (dict.fromkeys(section.scoring, 0.0) if zero_because
                 else fractions_by_criterion(findings, section.scoring))
    return Grade(
        criteria={cid: _criterion(cid, fractions[cid], findings, section, zero_because)
                  for cid in section.scoring},
        checks=[Check(id=f"{f.kind}/{f.item}" if f.item != f.kind else f.kind, kind=f.kind,
                      outcome=f.outcome, message=f.evidence, review=f.review,
                      criterion=section.criterion_of(f.kind)) for f in findings],
        flags=([hidden_text_flag(document.source, document.hidden, document.hidden_by)]
               if document.hidden else []),
        details={"document": document.source, "format": document.format,
                 "pages": document.pages, "words": len(text.words),
                 "headings": [part.heading[:HEADING_SHOWN_CHARS]
                              for part in text.analysis.parts[1:HEADINGS_KEPT + 1]],
                 "not_graded": document.not_graded},
    )


@cached_per_version
def prepare(assignment: Assignment) -> Prepared:
    """The compiled phrases and the brief's sentences (cached per assignment version)."""
    section: CaseSection = assignment.section
    brief = (assignment.root / section.brief).read_text(encoding="utf-8")
    return Prepared(compiled=CompiledCase.of(section),
                    brief_said=source_sentences(brief))


def _off_topic(findings: list[Finding]) -> str:
    """Why an analysis is not about this case: nothing of it found, not even for review."""
    if discusses_the_case(findings):
        return ""
    return "does not discuss this case: none of its key points, numbers or options was found"


def _criterion(criterion_id: str, fraction: float, findings: list[Finding],
               section: CaseSection, zero_because: str) -> CriterionOutcome:
    kinds = section.scoring[criterion_id]
    evidence, feedback, specifics = [], [], {}
    if zero_because:
        evidence.append(f"✗ scores 0: the analysis {zero_because}")
        feedback.append(f"The analysis scores 0 because it {zero_because}.")
    for finding in findings:
        if finding.kind not in kinds:
            continue
        evidence.append(evidence_line(finding))
        if finding.outcome != "passed" and not zero_because:
            feedback.append(f"Did not fully meet “{finding.label}”.")
        for key, value in finding.specifics.items():
            specifics.setdefault(key, value)
    return CriterionOutcome(fraction=round(fraction, 4), evidence=evidence, feedback=feedback,
                            specifics=specifics)
