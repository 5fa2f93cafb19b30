"""A timed agenda for a 45-minute second-round interview: a part for the hiring manager, one
for HR and one for the candidate's questions, each with its minutes and the questions that
fit in them, most important first.

The split (``PARTS``) gives the hiring manager the largest share; a part whose questions take
less than its minutes gives the rest to the candidate's questions, keeping at least
``MIN_PART_MINUTES``. A question takes its
``minutes``; the questions that do not fit are counted, and stay in the full guide below the
agenda.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from worksample.models import CandidateQuestion
from worksample.reports.guide import Guide, Question

SLOT_MINUTES = 45
MIN_PART_MINUTES = 5
# (key, title, minutes): welcome and close are fixed; the three middle parts share the rest
PARTS = (
    ("welcome", "Welcome: who is in the room, how the next 45 minutes go", 2),
    ("hiring-manager", "Hiring manager: the work", 20),
    ("hr", "HR: communication, conduct, values", 11),
    ("candidate", "The candidate's questions", 10),
    ("close", "Close: next steps and timeline", 2),
)


class AgendaPart(BaseModel):
    """One part of the interview."""

    key: str
    title: str
    minutes: int
    questions: list[Question] = Field(default_factory=list,
                                      description="The questions that fit, in order.")
    prompts: list[CandidateQuestion] = Field(
        default_factory=list, description="For the candidate's part: what they may ask.")
    left_out: int = Field(default=0, description="Questions of this part that do not fit.")
    note: str = Field(default="", description="What to say in it (the close: next steps and "
                                              "when the candidate hears back).")


class Agenda(BaseModel):
    """The timed agenda of the interview."""

    minutes: int = SLOT_MINUTES
    parts: list[AgendaPart]


def agenda(guide: Guide, prompts: list[CandidateQuestion] | None = None,
           close: str = "") -> Agenda:
    """The agenda for ``guide``'s questions; ``prompts`` are what the candidate may ask (the
    candidate-specific ones first), ``close`` what to tell them at the end."""
    parts = {key: AgendaPart(key=key, title=title, minutes=minutes)
             for key, title, minutes in PARTS}
    spare = 0
    for key, questions in (("hiring-manager", guide.hiring_manager), ("hr", guide.hr)):
        part = parts[key]
        used = 0
        for question in questions:
            if used + question.minutes <= part.minutes:
                part.questions.append(question)
                used += question.minutes
            else:
                part.left_out += 1
        # a part never vanishes: without questions HR still has the conduct signals to raise
        keep = max(used, min(part.minutes, MIN_PART_MINUTES))
        if not part.left_out and keep < part.minutes:
            spare += part.minutes - keep
            part.minutes = keep
    parts["candidate"].minutes += spare
    parts["candidate"].prompts = list(prompts or [])
    parts["close"].note = close
    return Agenda(minutes=sum(part.minutes for part in parts.values()),
                  parts=list(parts.values()))
