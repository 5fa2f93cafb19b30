"""HR's material for the second round: the candidate's best and worst lines, conduct signals
gathered from every type's evidence, and the reverse-interview kit (next steps, timeline,
feedback that may be shared, what not to disclose, and prompts for what this candidate may
ask).

- **Lines**: quotes (“…”) in the evidence of checks that count for an HR criterion (tone,
  writing, ownership): the best from checks that passed, the worst from checks that found
  what the work must not do (blame) or fell short. Each quote once.
- **Conduct signals**: a check for what the work must not do whose evidence quotes the work
  doing it (``confirms_absence``, or the kinds ``forbidden`` and ``blame``: asking for a
  card number, blaming the customer, a promise out of policy), whatever the type; and the
  flags HR should know of (an automatic fail, disclosed personal data, hidden text, a
  required file not sent, signs of tampering).
- **The kit**: the assignment's ``context`` (``next_steps``, ``timeline``,
  ``shareable_feedback``, ``do_not_disclose``) with what worksample always withholds, and
  the candidate-specific prompts: where the work fell short, the feedback the plugin marked
  safe to show the candidate (a criterion's ``feedback``), never a hidden test's name or a
  score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import zip_longest

from pydantic import BaseModel, Field

from worksample.models import AssignmentSpec, CandidateQuestion, Check, GradeResult
from worksample.reports.plain import check_label, did_not_finish, quotes_in
from worksample.reports.probes import ABSENCE_KINDS, check_group_key, part_name, void_parts

ALWAYS_UNDISCLOSED = [
    "the hidden tests and checks beyond what the feedback you may share says (it is what the "
    "candidate's own report says): their names, their content and their number per topic",
    "scores, levels and the pass mark (the feedback may say that a part scored nothing)",
    "other candidates: who applied, how they did, how many there are",
    "reviewers' ratings and notes, and the discussion guide",
]
_CONDUCT_FLAGS = {
    "automatic-fail": "a statement the assignment rules out (an automatic fail)",
    "discloses-personal-data": "discloses another person's personal data",
    "hidden-text": "text hidden from the reader in the document",
    "missing-file": "a file the instructions ask for was not sent",
    "forged-outcome": "the test results were forged",
    "framework-patched": "the test framework was changed at run time",
    "tampered": "the grading harness was tampered with",
    "modified": "the hidden tests were modified",
}
MAX_LINES = 3


class Line(BaseModel):
    """A line of the candidate's, with where it is and what it shows."""

    quote: str
    where: str = Field(description="The part it is from (one email's reply), or ''.")
    shows: str = Field(description="What it shows, in plain words.")


class ConductSignal(BaseModel):
    """Something HR should know of the candidate's conduct in the work, with its evidence."""

    signal: str
    evidence: str
    where: str = ""


class HrKit(BaseModel):
    """HR's part of the interview brief."""

    best_lines: list[Line]
    worst_lines: list[Line]
    conduct: list[ConductSignal]
    next_steps: str
    timeline: str
    shareable_feedback: list[str] = Field(
        description="What the interviewer may tell the candidate: the assignment's, then "
                    "this candidate's (the feedback the plugins mark safe to show).")
    do_not_disclose: list[str]
    prompts: list[CandidateQuestion] = Field(
        description="Questions this candidate may ask, with what the interviewer may answer.")


def hr_kit(spec: AssignmentSpec, result: GradeResult | None,
           flags: Iterable[tuple[str, str]], clean: Callable[[str], str]) -> HrKit:
    """HR's kit for one candidate's page; ``flags`` are the page's (kind, evidence) pairs and
    ``clean`` is applied to everything taken from the candidate's work."""
    context = spec.context
    hr_criteria = {c.id for c in spec.rubric if c.audience == "hr"}
    checks = result.checks if result is not None else []
    void = void_parts(result) if result is not None else set()
    # where no check of HR's criteria quotes the work (a reviewer rates the writing, a check
    # counts headings), the lines the other checks quote are still the candidate's own words
    quoting = hr_criteria if any(c.criterion in hr_criteria and c.message.startswith("\u201c")
                                 for c in checks) else {c.criterion for c in checks}
    best, worst = _lines([c for c in checks if check_group_key(c) not in void], quoting,
                         clean)
    own_feedback = _own_feedback(spec, result, flags) if result is not None else []
    return HrKit(
        best_lines=best, worst_lines=worst,
        conduct=_conduct(checks, flags, clean),
        next_steps=context.next_steps, timeline=context.timeline,
        shareable_feedback=list(context.shareable_feedback) + [clean(f) for f in own_feedback],
        do_not_disclose=ALWAYS_UNDISCLOSED + list(context.do_not_disclose),
        prompts=candidate_questions(spec, result, flags, clean),
    )


def _absence(check: Check) -> bool:
    return check.confirms_absence or check.kind in ABSENCE_KINDS


def _found(check: Check) -> bool:
    """A check for what the work must not do, whose evidence quotes the work doing it."""
    return (_absence(check) and check.outcome == "failed" and bool(quotes_in(check.message))
            and not check.message.startswith("not found"))


def _lines(checks: list[Check], hr_criteria: set[str],
           clean: Callable[[str], str]) -> tuple[list[Line], list[Line]]:
    """The best and the worst lines, taken in turn from each part (one email's reply)."""
    found: dict[str, dict[str, list[Line]]] = {"best": {}, "worst": {}}
    seen: set[str] = set()
    ordered = [c for c in checks if _found(c)] + [c for c in checks if not _found(c)]
    for check in ordered:
        if check.criterion not in hr_criteria or check.review:
            continue
        if check.outcome == "passed" and not _absence(check):
            side = "best"
        elif _found(check) or (check.outcome == "failed" and not _absence(check)):
            side = "worst"
        else:
            continue
        if not check.message.startswith("\u201c"):
            continue  # the evidence quotes the assignment's phrases, not the work
        quotes = quotes_in(check.message)
        for quote in quotes[:1] if side == "best" else quotes:
            if quote in seen or not _a_sentence(quote):
                continue
            seen.add(quote)
            found[side].setdefault(part_name(check), []).append(
                Line(quote=clean(quote), where=part_name(check), shows=check_label(check)))
    return _in_turn(found["best"]), _in_turn(found["worst"])


def _in_turn(by_part: dict[str, list[Line]]) -> list[Line]:
    """Up to MAX_LINES lines, the first of each part, then the second of each ..."""
    turns = [line for round_ in zip_longest(*by_part.values()) for line in round_ if line]
    return turns[:MAX_LINES]


def _a_sentence(quote: str) -> bool:
    """A line worth quoting: a sentence, not a heading or a greeting."""
    return quote.rstrip("…").rstrip()[-1:] in ".!?" and len(quote.split()) >= 4


def _conduct(checks: list[Check], flags: Iterable[tuple[str, str]],
             clean: Callable[[str], str]) -> list[ConductSignal]:
    # the check's label says what the work should do; the mark says it did not
    signals = [ConductSignal(signal=f"✗ {check_label(check)}", where=part_name(check),
                             evidence=clean("; ".join(f"“{q}”" for q in
                                                      quotes_in(check.message)[:2])))
               for check in checks if _found(check)]
    for kind, evidence in flags:
        if kind in _CONDUCT_FLAGS and not (kind == "automatic-fail" and signals):
            signals.append(ConductSignal(signal=_CONDUCT_FLAGS[kind], evidence=clean(evidence)))
    return signals


def _own_feedback(spec: AssignmentSpec, result: GradeResult,
                  flags: Iterable[tuple[str, str]]) -> list[str]:
    """This candidate's feedback that may be shared: the plugins' candidate-safe lines for
    each criterion that fell short, and what the page knows without naming a test."""
    lines = []
    for score in result.criteria:
        if score.level is not None and score.level <= 3:
            lines += score.feedback[:3]
    if any(did_not_finish(c) for c in result.checks):
        lines.append("Some of the hidden tests did not finish within their time limit.")
    for kind, evidence in flags:
        if kind == "missing-file":
            lines.append(evidence[0].upper() + evidence[1:] + ".")
    return list(dict.fromkeys(lines))


def candidate_questions(spec: AssignmentSpec, result: GradeResult | None = None,
                        flags: Iterable[tuple[str, str]] = (),
                        clean: Callable[[str], str] = str) -> list[CandidateQuestion]:
    """Questions the candidate may ask us: first those this candidate's result makes likely
    (why a part fell short), then standard ones answered from the assignment's metadata (role,
    team, tools, how it was assessed, next steps), then the assignment's own."""
    context = spec.context
    answers = _specific_questions(spec, result, flags, clean) if result is not None else []
    answers.append(CandidateQuestion(
        question="What would I work on?",
        answer=spec.role + (f". {context.team}" if context.team else "")))
    if context.tools:
        answers.append(CandidateQuestion(question="Which tools does the team use?",
                                         answer=", ".join(context.tools)))
    automatic = [c.title for c in spec.rubric if c.source == "auto"]
    by_people = [c.title for c in spec.rubric if c.source == "reviewer"]
    how = []
    if automatic:
        how.append(f"automatic checks look at {_listed(automatic)}")
    if by_people:
        how.append(f"reviewers rate {_listed(by_people)} on four described levels")
    if how:
        sentence = "; ".join(how)
        answers.append(CandidateQuestion(
            question="How was my assignment assessed?",
            answer=sentence[0].upper() + sentence[1:] + ". (Do not share scores, the pass "
                   "mark or the hidden checks.)"))
    if context.next_steps or context.timeline:
        answers.append(CandidateQuestion(
            question="What happens next, and when will I hear?",
            answer=" ".join(part for part in (context.next_steps, context.timeline) if part)))
    answers += [CandidateQuestion(question=q.question, answer=q.answer)
                for q in context.candidate_questions]
    return answers


def _specific_questions(spec: AssignmentSpec, result: GradeResult,
                        flags: Iterable[tuple[str, str]],
                        clean: Callable[[str], str]) -> list[CandidateQuestion]:
    """The questions this candidate's result makes likely, answered with what may be
    shared: each line of feedback once."""
    prompts, used = [], set()
    for criterion in spec.rubric:
        score = next((s for s in result.criteria if s.id == criterion.id), None)
        if score is None or score.level is None or score.level >= 4 or not score.feedback:
            continue
        lines = [clean(line) for line in score.feedback[:3] if line not in used]
        used.update(score.feedback[:3])
        if not lines:
            continue
        prompts.append(CandidateQuestion(
            question=f"How did my work do on “{criterion.title}”?",
            answer="The feedback you may share: " + " ".join(lines)))
    if any(did_not_finish(c) for c in result.checks):
        prompts.append(CandidateQuestion(
            question="My code worked when I tried it: why was it marked down?",
            answer="You may say that some hidden tests did not finish within their time "
                   "limit, which points at a loop or a wait that does not end; not which "
                   "tests."))
    for kind, evidence in flags:
        if kind == "missing-file":
            prompts.append(CandidateQuestion(
                question=f"Did it matter that I did not send {_file_named(evidence)}?",
                answer=f"You may say that {clean(evidence)}, and that reviewers read it for "
                       "their notes on trade-offs and communication."))
    return prompts


def _file_named(evidence: str) -> str:
    """The file a missing-file flag names ("the instructions ask for NOTES.md; ...")."""
    match = re.search(r"ask for (.+?);", evidence)
    return match.group(1) if match else "a file"


def _listed(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
