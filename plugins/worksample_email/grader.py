"""Grade one submission of customer-email replies: find each reply, check it, score the rubric.

Per email, each check kind gives a fraction (the mean of its findings); a criterion's fraction
for that email is the weighted mean of its kinds (``email.scoring``); a criterion's outcome is
the weighted mean over emails. A missing or unreadable reply, a reply that says nothing (no
sentence, or a list of keywords), or a statement that is an automatic fail scores 0 for that
email in every criterion, with the reason as evidence; an automatic fail is also a flag
(``automatic-fail``) that fails the submission (the core sets ``passed`` False and scales the
score under the pass score), shown in the results table and at the top of the candidate page.
A reply that gives another customer's name or order numbers (``identity.disclosed``) scores 0
too, and its flag (``discloses-personal-data``) fails the submission the same way. A reply
that recites the policy for other customers' questions (``other_questions.answers_others``)
scores 0. A reply that is missing, empty or says nothing raises ``empty``, one about another
customer or reciting their policy ``off-topic``: flags for the reviewer that fail nothing
(the 0 is the whole consequence).
A request for what fails a reply automatically that the reading can neither rule in nor out
(a word after the thing may be its own verb, or a plural the list does not write) raises
``possible-automatic-fail``: it fails nothing and costs nothing, and tells the reviewer to read
the sentence and decide.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from worksample.models import Assignment, Check, Grade, IntegrityFlag, Submission
from worksample.prose.cache import cached_per_version
from worksample.prose.evidence import Finding
from worksample.prose.hidden import hidden_text_flag
from worksample.prose.markup import from_markdown
from worksample.prose.own_text import source_sentences
from worksample.prose.scoring import GradedPart, criterion_outcomes, part_checks
from worksample.prose.text import decode_text, sentences

from .checks import CompiledPhrases, ReplyText, check_reply, credit_for_absence
from .config import CustomerEmail, EmailSection, Fact
from .forbidden import POSSIBLE_FAIL
from .identity import about_someone_else, disclosed
from .other_questions import answers_others, facts_of_others
from .replies import Original, Reply, locate, originals
from .writing import dictionary

AUTOMATIC_FAIL = "automatic-fail"  # the flag of a reply that makes a statement failing it
# a request for what fails a reply automatically that the reading can neither rule in nor out
POSSIBLE_AUTOMATIC_FAIL = "possible-automatic-fail"
DISCLOSURE = "discloses-personal-data"  # a reply giving another customer's name or numbers
DISCLOSES = "it discloses another customer's personal data"
EMPTY, OFF_TOPIC = "empty", "off-topic"  # flags of a reply that scored 0 for saying nothing
ABOUT_ANOTHER = "the reply is about another customer"
RECITES = "the reply recites the policy instead of answering this customer"


@dataclass(frozen=True)
class Prepared:
    """What grading needs from the assignment, built once per assignment version."""

    emails: list[Original]
    phrases: CompiledPhrases
    policy: frozenset[str]  # the policy's sentences, normalised: a reply may paste them
    others: dict[str, list[tuple[str, Fact]]]  # per email, other emails' facts (recital)


def grade(assignment: Assignment[EmailSection], submission: Submission) -> Grade:
    """Check the reply to every email in ``submission`` and score the rubric."""
    section = assignment.section
    prepared = prepare(assignment)
    located = locate(submission.root, section, prepared.emails)
    replies = {o.email.id: located.replies[o.email.id] for o in prepared.emails}
    parts = [_graded_reply(original, replies[original.email.id], section, prepared)
             for original in prepared.emails]
    return Grade(
        criteria=criterion_outcomes(parts, section.scoring),
        checks=[check for part in parts for check in _checks(part, section)],
        flags=[*(hidden_text_flag(f"{reply.email_id} ({reply.source})", reply.hidden,
                                  reply.hidden_by, unseen_by="the customer")
                 for reply in replies.values() if reply.hidden),
               *(IntegrityFlag(kind=AUTOMATIC_FAIL, evidence=f"{part.name}: {part.zero_because}",
                               fails=True)
                 for part in parts if part.zero_because.startswith("automatic fail")),
               *(IntegrityFlag(kind=DISCLOSURE, evidence=f"{part.name}: {part.zero_because}",
                               fails=True)
                 for part in parts if part.zero_because.startswith(DISCLOSES)),
               *(flag for part in parts if (flag := _zero_flag(part)) is not None),
               *(IntegrityFlag(kind=POSSIBLE_AUTOMATIC_FAIL,
                               evidence=f"{part.name}: {finding.specifics[POSSIBLE_FAIL]}")
                 for part in parts if not part.zero_because for finding in part.findings
                 if POSSIBLE_FAIL in finding.specifics)],
        details={
            "replies": {email_id: {"source": reply.source, "matched_by": reply.matched_by,
                                   "problem": reply.problem, "words": len(reply.text.split())}
                        for email_id, reply in replies.items()},
            "ignored_files": located.ignored,
        },
        texts={email_id: reply.text for email_id, reply in replies.items() if reply.text},
    )


@cached_per_version
def prepare(assignment: Assignment[EmailSection]) -> Prepared:
    """The assignment's emails and compiled phrases (cached per version)."""
    section = assignment.section
    policy = from_markdown(decode_text((assignment.root / section.policy).read_bytes())).text
    emails = originals(section, assignment.root)
    return Prepared(emails=emails, phrases=CompiledPhrases.of(section),
                    policy=source_sentences(policy), others=facts_of_others(emails))


def _graded_reply(original: Original, reply: Reply, section: EmailSection,
                  prepared: Prepared) -> GradedPart:
    email, phrases = original.email, prepared.phrases
    if reply.problem:
        return _part(email, [], failed_because=reply.problem, told_candidate=reply.problem)
    text = ReplyText(sentences(reply.text), section.clarity, phrases.vocabulary,
                     customer_said=original.sentences, policy_said=prepared.policy)
    findings = credit_for_absence(check_reply(text, email, section, phrases))
    not_a_reply = text.not_a_reply
    if not_a_reply:  # saying nothing must not earn "no blame" or "nothing forbidden"
        marked = "; what it matched is marked for the reviewer" if text.keyword_list else ""
        return _part(email, findings, failed_because=f"the reply {not_a_reply}{marked}",
                     told_candidate=f"the reply {not_a_reply}")
    disclosure = disclosed(text.own_sentences, original, prepared.emails, _known)
    if disclosure:
        return _part(email, findings, failed_because=f"{DISCLOSES}: {disclosure}",
                     told_candidate="it gives another customer's personal details")
    someone_else = about_someone_else(text.own_sentences, original, prepared.emails)
    if someone_else:
        return _part(email, findings,
                     failed_because=f"{ABOUT_ANOTHER}: {someone_else}",
                     told_candidate="it is about another customer, not this one")
    recital = answers_others(text, original, prepared.others[email.id], phrases)
    if recital:
        return _part(email, findings, failed_because=f"{RECITES}: {recital}",
                     told_candidate="it recites the policy for other customers' questions "
                                    "instead of answering this customer's")
    fatal = next((f for f in findings if f.automatic_fail), None)
    if fatal is not None:
        statement = fatal.label.split(": ", 1)[-1]
        return _part(email, findings,
                     failed_because=f"automatic fail: {statement}: {fatal.evidence}",
                     told_candidate=f"it makes a statement the policy rules out ({statement})")
    return _part(email, findings)


def _known(word: str) -> bool:
    """Whether the lower-case ``word`` is in the dictionary."""
    return not dictionary().unknown([word])


def _part(email: CustomerEmail, findings: list[Finding], failed_because: str = "",
          told_candidate: str = "") -> GradedPart:
    """The reply to ``email`` as a part of the grade. A reply that fails scores 0 for the email:
    ``failed_because`` says why, ``told_candidate`` in words a candidate may read."""
    name = email.id
    part = GradedPart(findings, name=name, weight=email.weight,
                      shortfall_feedback=f"Reply to {email.customer}: did not fully meet")
    if not failed_because:
        return part
    return replace(part, zero_because=failed_because,
                   zero_feedback=f"Reply to {email.customer}: scores 0 because {told_candidate}.",
                   zero_specifics={"weakest_email": name})


def _zero_flag(part: GradedPart) -> IntegrityFlag | None:
    """``off-topic`` for a reply about another customer or reciting the policy for other
    customers' questions, ``empty`` for one missing, empty or saying nothing; None for a reply
    graded, or failed by a flag of its own."""
    why = part.zero_because
    if not why or why.startswith(("automatic fail", DISCLOSES)):
        return None
    kind = OFF_TOPIC if why.startswith((ABOUT_ANOTHER, RECITES)) else EMPTY
    return IntegrityFlag(kind=kind, evidence=f"{part.name}: {why}")


def _checks(part: GradedPart, section: EmailSection) -> list[Check]:
    """A check per finding; a reply that was not read, one failed check saying why."""
    if part.zero_because and not part.findings:
        return [Check(id=f"{part.name}/reply", kind="reply", outcome="failed",
                      message=part.zero_because)]
    return part_checks(part, section.scoring)
