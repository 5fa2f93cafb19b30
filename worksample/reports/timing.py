"""The candidate's own time on their page, against the assignment's time budget.

One line in the page's header, for the team (never on the candidate's own report: the times
an archive or a git history carries are inferences the candidate may not know we read, and
"over budget" there would read as a verdict on work that is judged by the rubric). It says
the figure, whether it is within the budget or over it and by how much, and what it rests
on: the team's record, or a span of times the candidate can set, breaks included. When the
submission's times gave none, it says why; when nothing was there to read, nothing is said.
"""

from __future__ import annotations

from collections.abc import Callable

from worksample.models import GradeResult


def working_time_line(result: GradeResult, budget_minutes: int,
                      clean: Callable[[str], str]) -> str | None:
    """"Candidate's time: 2 h 18 min, within the budget of 2 h 30 min. First to last
    commit ...", or why it is not known, or None; ``clean`` makes the evidence safe to
    show (it may quote git's words)."""
    time = result.working_time
    budget = duration(budget_minutes)
    if time is None:
        note = str(result.details.get("working_time_note", ""))
        return (f"Candidate's time: not known ({clean(note)}); the budget is {budget}."
                if note else None)
    if round(time.minutes) <= budget_minutes:
        verdict = f"within the budget of {budget}"
    else:
        verdict = (f"over the budget of {budget} by "
                   f"{duration(time.minutes - budget_minutes)}")
    caveat = "" if time.source == "recorded" else "; a span, breaks included"
    evidence = clean(time.evidence)
    return (f"Candidate's time: {duration(time.minutes)}, {verdict}. "
            f"{evidence[:1].upper()}{evidence[1:]}{caveat}.")


def duration(minutes: float) -> str:
    """"45 min", "2 h 18 min", "2 h", "3 d 4 h": whole minutes, days past a day."""
    whole = round(minutes)
    days, rest = divmod(whole, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"
