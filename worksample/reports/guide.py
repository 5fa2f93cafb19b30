"""The second-round discussion guide, and answers for the questions candidates ask us.

Questions come from the assignment's question bank and depend only on each criterion's result
band, so two candidates with the same result are asked the same things; the candidate's
specifics (the test that failed, the question they missed) fill the {placeholders}.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from worksample.models import (
    AssignmentSpec,
    CandidateQuestion,
    Criterion,
    CriterionScore,
    DiscussionQuestions,
)

QuestionKind = Literal["probe", "confirm", "what-if", "if rated 1-2", "if rated 3-4"]


class Question(BaseModel):
    """One question for the interview, and the criterion and result it comes from."""

    criterion_id: str
    criterion_title: str
    kind: QuestionKind
    text: str


class Guide(BaseModel):
    """The questions, split by who asks them."""

    hiring_manager: list[Question]
    hr: list[Question]


def band(level: int | None) -> Literal["weak", "strong", "unrated"]:
    """The result band a level falls in: 1-2 weak, 3-4 strong, None not rated yet."""
    if level is None:
        return "unrated"
    return "weak" if level <= 2 else "strong"


def discussion_guide(spec: AssignmentSpec, scores: list[CriterionScore],
                     clean: Callable[[str], str]) -> Guide:
    """The guide for one graded candidate; ``clean`` is applied to the candidate's specifics."""
    by_id = {score.id: score for score in scores}
    guide = Guide(hiring_manager=[], hr=[])
    for criterion in spec.rubric:
        score = by_id.get(criterion.id)
        if score is None:
            continue
        bank = spec.discussion.get(criterion.id) or DiscussionQuestions()
        specifics = {name: clean(value) for name, value in score.specifics.items()}
        questions = [
            Question(criterion_id=criterion.id, criterion_title=criterion.title, kind=kind,
                     text=text)
            for kind, template in _templates(criterion, score, bank)
            if (text := _filled(template, specifics)) is not None
        ]
        target = guide.hr if criterion.audience == "hr" else guide.hiring_manager
        target.extend(questions)
    return guide


def _templates(criterion: Criterion, score: CriterionScore, bank: DiscussionQuestions):
    """(kind, question) pairs for the criterion's band; generic ones where the bank is empty."""
    result_band = band(score.level)
    weak = bank.weak or [f"What would you change in '{criterion.title}' with another day?"]
    strong = bank.strong or [f"Walk us through one decision behind '{criterion.title}'."]
    if result_band == "weak":
        pairs = [("probe", q) for q in weak]
    elif result_band == "strong":
        pairs = [("confirm", q) for q in strong]
    else:
        pairs = [("if rated 1-2", q) for q in weak] + [("if rated 3-4", q) for q in strong]
    return pairs + [("what-if", q) for q in bank.extension]


def _filled(template: str, specifics: dict[str, str]) -> str | None:
    """The question with its placeholders filled; None when a value is missing."""
    try:
        return template.format_map(specifics)
    except (KeyError, IndexError, ValueError):
        return None


def candidate_questions(spec: AssignmentSpec) -> list[CandidateQuestion]:
    """Questions the candidate may ask us: standard ones answered from the assignment's
    metadata (role, team, tools, rubric), then the assignment's own."""
    context = spec.context
    answers = [CandidateQuestion(
        question="What would I work on?",
        answer=spec.role + (f". {context.team}" if context.team else ""),
    )]
    if context.tools:
        answers.append(CandidateQuestion(question="Which tools does the team use?",
                                         answer=", ".join(context.tools)))
    automatic = [c.title for c in spec.rubric if c.source == "auto"]
    by_people = [c.title for c in spec.rubric if c.source == "reviewer"]
    how = []
    if automatic:
        how.append(f"automatic checks for {_listed(automatic)} give the score, with a pass "
                   f"mark of {spec.pass_score:g} of 100")
    if by_people:
        how.append(f"reviewers rate {_listed(by_people)} on four described levels")
    if how:
        sentence = "; ".join(how)
        answers.append(CandidateQuestion(question="How was my assignment assessed?",
                                         answer=sentence[0].upper() + sentence[1:] + "."))
    answers += [CandidateQuestion(question=q.question, answer=q.answer)
                for q in context.candidate_questions]
    return answers


def _listed(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
