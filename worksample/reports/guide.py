"""The second-round discussion guide: questions built from the candidate's evidence first,
then the assignment's question bank.

The rules, in the order they apply:

1. **Evidence first.** ``probes.py`` turns every flag of weight, failed test group, missed
   question, wrong number and statement the work must not make into a probe naming the
   candidate's work in plain words, and ``history.py`` adds what the git history raises
   (most of the code in one commit, commits far beyond the time budget). A criterion's level
   does not switch them off.
2. **The bank by level.** Each criterion's bank gives its ``weak`` questions at level 1-2
   and its ``strong`` ones at 3-4, ``extension`` questions whatever the level. A reviewer
   criterion not rated yet gets one ``neutral`` question (the bank's first, or a standard
   one); once the page's review rates it, its level picks weak or strong.
3. **No question whose premise the work contradicts.** A bank question is left out when a
   value it needs is missing (a {placeholder} or a ``presumes`` specific), when a check it
   ``presumes_passed`` failed, when the page has a flag of a kind in its ``unless_flags``,
   when a probe already asks about the same evidence (the specifics named in its
   placeholders), and, for the automatic criteria, when the whole submission is void
   (empty, off topic, code that does not load).
4. **Most important first**: flags of weight, failed groups and conduct, what is missing,
   the bank's probes, neutral questions, confirmations, what-ifs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fnmatch import fnmatchcase
from typing import Literal

from pydantic import BaseModel, Field

from worksample.models import (
    AssignmentSpec,
    BankQuestion,
    Criterion,
    CriterionScore,
    DiscussionQuestions,
    GradeResult,
    placeholders,
)
from worksample.reports.history import history_probes
from worksample.reports.probes import Evidence, evidence_probes

QuestionKind = Literal["probe", "confirm", "what-if", "neutral"]
BANK_PROBE, NEUTRAL, CONFIRM, WHAT_IF = 3, 4, 5, 6  # priorities after the evidence's 0-2
_MINUTES = {0: 5, 1: 5, 2: 4, BANK_PROBE: 4, NEUTRAL: 4, CONFIRM: 3, WHAT_IF: 3}


class Question(BaseModel):
    """One question for the interview, and the criterion and result it comes from."""

    criterion_id: str = Field(description="'' for a question about the whole submission.")
    criterion_title: str
    kind: QuestionKind
    text: str
    priority: int = Field(default=BANK_PROBE,
                          description="Lower is asked first: 0 flags of weight, 1 failed "
                                      "groups and conduct, 2 what is missing, 3 the bank's "
                                      "probes, 4 neutral, 5 confirm, 6 what-if.")
    minutes: int = Field(default=4, description="A fair share of the interview for it.")


class Guide(BaseModel):
    """The questions, split by who asks them, most important first."""

    hiring_manager: list[Question]
    hr: list[Question]


def band(level: int | None) -> Literal["weak", "strong", "unrated"]:
    """The result band a level falls in: 1-2 weak, 3-4 strong, None not rated yet."""
    if level is None:
        return "unrated"
    return "weak" if level <= 2 else "strong"


def discussion_guide(spec: AssignmentSpec, scores: list[CriterionScore],
                     clean: Callable[[str], str], result: GradeResult | None = None,
                     flags: Iterable[tuple[str, str]] = ()) -> Guide:
    """The guide for one graded candidate: ``scores`` are the levels in force (reviewers'
    where they have rated), ``result`` the evidence and ``flags`` the page's (kind,
    evidence) pairs; ``clean`` is applied to everything taken from the candidate's work."""
    flags = list(flags)
    flag_kinds = {kind for kind, _ in flags}
    evidence = (evidence_probes(result, flags, clean) if result is not None
                else Evidence(probes=[], void_parts=set(), void=False))
    if result is not None:  # how the work was done, as its git history shows it
        for probe in history_probes(result, spec.time_budget_minutes):
            probe.text = clean(probe.text)
            evidence.probes.append(probe)
    titles = {c.id: c for c in spec.rubric}
    questions: list[tuple[Question, float]] = []
    for probe in evidence.probes:
        criterion = titles.get(probe.criterion_id)
        questions.append((Question(
            criterion_id=criterion.id if criterion else "",
            criterion_title=criterion.title if criterion else "The whole submission",
            kind="probe", text=probe.text, priority=probe.priority,
            minutes=_MINUTES[probe.priority]), probe.weight))
    passed = {c.id for c in result.checks if c.outcome == "passed"} if result else set()
    whole = set().union(*(p.covers for p in evidence.probes if not p.criterion_id))
    by_id = {score.id: score for score in scores}
    for criterion in spec.rubric:
        score = by_id.get(criterion.id)
        if score is None:
            continue
        covered = whole.union(*(p.covers for p in evidence.probes
                                if p.criterion_id == criterion.id))
        specifics = {name: clean(value) for name, value in score.specifics.items()}
        void = evidence.void and criterion.source == "auto"
        neutral_asked = False
        for kind, priority, asked in _bank(criterion, score, spec.discussion.get(criterion.id)):
            if (void or flag_kinds & set(asked.unless_flags) or (kind == "neutral" and
                                                                  neutral_asked)
                    or not _premise_holds(asked, specifics, passed, covered)):
                continue
            text = _filled(asked.ask, specifics)
            if text is not None:
                neutral_asked = neutral_asked or kind == "neutral"
                questions.append((Question(criterion_id=criterion.id,
                                           criterion_title=criterion.title, kind=kind,
                                           text=text, priority=priority,
                                           minutes=_MINUTES[priority]), 0.0))
    return _split(questions, titles)


def _bank(criterion: Criterion, score: CriterionScore, bank: DiscussionQuestions | None):
    """(kind, priority, question) for the criterion's level; standard questions where the
    bank has none."""
    bank = bank or DiscussionQuestions()
    # standard questions name the topic in words, not the rubric's title in quotes
    topic = criterion.title[0].lower() + criterion.title[1:]
    result_band = band(score.level)
    if result_band == "weak":
        pairs = [("probe", BANK_PROBE, q) for q in bank.weak or [BankQuestion(
            ask=f"What would you change first about {topic} in this work, with another "
                "day, and why?")]]
    elif result_band == "strong":
        pairs = [("confirm", CONFIRM, q) for q in bank.strong or [BankQuestion(
            ask=f"Walk us through one decision about {topic} in this work that you would "
                "defend in a review.")]]
    else:
        neutral = bank.neutral or [BankQuestion(
            ask=f"On {topic}: which part of this work are you most pleased with, and what "
                "would you change with another day?")]
        pairs = [("neutral", NEUTRAL, q) for q in neutral]  # the first that holds is asked
    return pairs + [("what-if", WHAT_IF, q) for q in bank.extension]


def _premise_holds(question: BankQuestion, specifics: dict[str, str], passed: set[str],
                   covered: set[str]) -> bool:
    """Whether nothing in the result contradicts what ``question`` presumes, and no probe
    already asks about the evidence its placeholders name."""
    names = set(placeholders(question.ask))
    if names & covered:
        return False
    for name, allowed in question.presumes.items():
        if name not in specifics or (allowed and specifics[name] not in allowed):
            return False
    return all(any(fnmatchcase(check_id, pattern) for check_id in passed)
               for pattern in question.presumes_passed)


def _filled(template: str, specifics: dict[str, str]) -> str | None:
    """The question with its placeholders filled; None when a value is missing."""
    try:
        return template.format_map(specifics)
    except (KeyError, IndexError, ValueError):
        return None


def _split(questions: list[tuple[Question, float]], criteria: dict[str, Criterion]) -> Guide:
    """Each question to the audience of its criterion (the hiring manager for the whole
    submission), most important first, each text once."""
    order = sorted(enumerate(questions), key=lambda item: (item[1][0].priority, -item[1][1],
                                                           item[0]))
    guide, seen = Guide(hiring_manager=[], hr=[]), set()
    for _, (question, _) in order:
        if question.text in seen:
            continue
        seen.add(question.text)
        criterion = criteria.get(question.criterion_id)
        target = guide.hr if criterion and criterion.audience == "hr" else guide.hiring_manager
        target.append(question)
    return guide
