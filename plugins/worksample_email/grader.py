"""Grade one submission of customer-email replies: find each reply, check it, score the rubric.

Per email, each check kind gives a fraction (the mean of its findings); a criterion's fraction
for that email is the weighted mean of its kinds (``email.scoring``); a criterion's outcome is
the weighted mean over emails. A missing or unreadable reply, a reply that says nothing (no
sentence, or a list of keywords), or a statement that is an automatic fail scores 0 for that
email in every criterion, with the reason as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.models import Assignment, Check, CriterionOutcome, Grade, Submission
from worksample.prose.cache import cached_per_version
from worksample.prose.evidence import Finding, evidence_line, fractions_by_criterion
from worksample.prose.hidden import hidden_text_flag
from worksample.prose.text import sentences

from .checks import CompiledPhrases, ReplyText, check_reply
from .config import CustomerEmail, EmailSection
from .replies import Original, Reply, locate, originals


@dataclass(frozen=True)
class Prepared:
    """What grading needs from the assignment, built once per assignment version."""

    emails: list[Original]
    phrases: CompiledPhrases


@dataclass
class EmailOutcome:
    """One email's reply and its findings, with the fraction earned per criterion."""

    email: CustomerEmail
    reply: Reply
    findings: list[Finding]
    fractions: dict[str, float]
    failed_because: str = ""
    told_candidate: str = ""  # failed_because, in words a candidate may read


def grade(assignment: Assignment, submission: Submission) -> Grade:
    """Check the reply to every email in ``submission`` and score the rubric."""
    section: EmailSection = assignment.section
    prepared = prepare(assignment)
    located = locate(submission.root, section, prepared.emails)
    outcomes = [_grade_email(original, located.replies[original.email.id], section,
                             prepared.phrases) for original in prepared.emails]
    return Grade(
        criteria={cid: _criterion(cid, outcomes, section) for cid in section.scoring},
        checks=[check for outcome in outcomes for check in _checks(outcome, section)],
        flags=[hidden_text_flag(f"{o.reply.email_id} ({o.reply.source})", o.reply.hidden,
                                o.reply.hidden_by, unseen_by="the customer")
               for o in outcomes if o.reply.hidden],
        details={
            "replies": {o.email.id: {"source": o.reply.source, "problem": o.reply.problem,
                                     "words": _words(o)} for o in outcomes},
            "ignored_files": located.ignored,
        },
    )


@cached_per_version
def prepare(assignment: Assignment) -> Prepared:
    """The assignment's emails and compiled phrases (cached per version)."""
    section: EmailSection = assignment.section
    return Prepared(emails=originals(section, assignment.root), phrases=CompiledPhrases.of(section))


def _grade_email(original: Original, reply: Reply, section: EmailSection,
                 phrases: CompiledPhrases) -> EmailOutcome:
    email = original.email
    if reply.problem:
        return EmailOutcome(email, reply, [], dict.fromkeys(section.scoring, 0.0),
                            failed_because=reply.problem, told_candidate=reply.problem)
    text = ReplyText(sentences(reply.text), section.clarity, phrases.vocabulary,
                     customer_said=original.sentences)
    findings = check_reply(text, email, section, phrases)
    not_a_reply = text.not_a_reply
    if not_a_reply:  # saying nothing must not earn "no blame" or "nothing forbidden"
        marked = "; what it matched is marked for the reviewer" if text.keyword_list else ""
        return EmailOutcome(email, reply, findings, dict.fromkeys(section.scoring, 0.0),
                            failed_because=f"the reply {not_a_reply}{marked}",
                            told_candidate=f"the reply {not_a_reply}")
    fatal = next((f for f in findings if f.automatic_fail), None)
    if fatal is not None:
        statement = fatal.label.split(": ", 1)[-1]
        return EmailOutcome(email, reply, findings, dict.fromkeys(section.scoring, 0.0),
                            failed_because=f"automatic fail: {statement}: {fatal.evidence}",
                            told_candidate=f"it makes a statement the policy rules out "
                                           f"({statement})")
    fractions = fractions_by_criterion(findings, section.scoring)
    return EmailOutcome(email, reply, findings, fractions)


def _criterion(criterion_id: str, outcomes: list[EmailOutcome],
               section: EmailSection) -> CriterionOutcome:
    kinds = section.scoring[criterion_id]
    total_weight = sum(o.email.weight for o in outcomes)
    fraction = sum(o.email.weight * o.fractions[criterion_id] for o in outcomes) / total_weight
    evidence, feedback, specifics = [], [], {}
    for outcome in outcomes:
        name = outcome.email.id
        if outcome.failed_because:
            evidence.append(f"{name} · ✗ scores 0: {outcome.failed_because}")
            feedback.append(f"Reply to {name}: scores 0 because {outcome.told_candidate}.")
            specifics.setdefault("weakest_email", name)
        for finding in outcome.findings:
            if finding.kind not in kinds:
                continue
            evidence.append(f"{name} · {evidence_line(finding)}")
            if finding.outcome != "passed" and not outcome.failed_because:
                feedback.append(f"Reply to {name}: did not fully meet “{finding.label}”.")
            for key, value in finding.specifics.items():
                if finding.outcome != "passed" or key == "misspelt_words":
                    specifics.setdefault(key, value)
            if finding.kind == "questions" and finding.outcome != "passed":
                specifics.setdefault("missed_question", finding.label.removeprefix("answers "))
    return CriterionOutcome(fraction=round(fraction, 4), evidence=evidence,
                            feedback=feedback, specifics=specifics)


def _checks(outcome: EmailOutcome, section: EmailSection) -> list[Check]:
    name = outcome.email.id
    if outcome.failed_because and not outcome.findings:
        return [Check(id=f"{name}/reply", kind="reply", outcome="failed",
                      message=outcome.failed_because)]
    return [Check(id=f"{name}/{f.kind}/{f.item}" if f.item != f.kind else f"{name}/{f.kind}",
                  kind=f.kind, outcome=f.outcome, message=f.evidence, review=f.review,
                  criterion=section.criterion_of(f.kind))
            for f in outcome.findings]


def _words(outcome: EmailOutcome) -> int:
    return len(outcome.reply.text.split())
