"""How the work was done, on the candidate's page: what the git history sent with the
submission shows (``git_history.py``), the questions it raises for the interview, and the
line for the summary.

Evidence for the reviewer, never points, and never on the candidate's own page (as the
time note: an inference from data the candidate may not know we read). Every text taken from
the history (commit messages, file names, the notes that quote them) goes through the page's
``clean``; the templates escape it. Dates, messages and the order of commits are the
candidate's to write, and a history can be rewritten: each view says it is a conversation
starter, not proof.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from worksample.models import GitHistory, GradeResult, HistoryCommit
from worksample.reports.page_json import PAGE_JSON
from worksample.reports.probes import MISSING, Probe
from worksample.reports.timing import duration

CAVEAT = ("Dates, messages and the order of commits are the candidate's to write, and a "
          "history can be rewritten: a conversation starter, not proof.")
# most of the final code in one commit, when the final code is more than a few lines
MOST_IN_ONE, MIN_FINAL_LINES = 0.6, 20
OVER_BUDGET = 1.5  # a span this many times the budget is asked about


class CommitLine(BaseModel):
    """One commit as the page lists it."""

    sha: str
    at: str = Field(description="Its author date, 'YYYY-MM-DD HH:MM' UTC, or ''.")
    subject: str
    lines: str = Field(description="'+65 lines', 'merge', or '' when not counted.")


class HistoryView(BaseModel):
    """The git history on the page, near the time note."""

    model_config = PAGE_JSON

    source: str = Field(description="'a .git folder' or 'a git bundle'.")
    read: bool
    headline: str
    facts: list[str] = Field(default_factory=list)
    commits: list[CommitLine] = Field(default_factory=list)
    left_out: int = Field(default=0, description="Commits between the first and last 50, "
                                                 "not listed.")
    largest_share: float | None = None
    caveat: str = CAVEAT


def history_view(result: GradeResult, budget_minutes: int,
                 clean: Callable[[str], str]) -> HistoryView | None:
    """The history of ``result`` as the page shows it; None when none came with it."""
    history = result.git_history
    if history is None:
        return None
    source = "a git bundle" if history.source == "bundle" else "a .git folder"
    if not history.read:
        return HistoryView(source=source, read=False,
                           headline=f"Not read: {clean(history.note)}.", caveat="")
    facts = [f"First commit: {clean(history.starter_said)}."] if history.starter_said else []
    if history.largest is not None and history.largest_share is not None:
        facts.append(f"Largest commit: {_largest(history, clean)}.")
    if history.merges:
        facts.append(f"{history.merges} merge commit(s): a merge counts only the lines of "
                     "files it holds in a version none of its parents has.")
    if history.note:
        facts.append(f"Read in part: {clean(history.note)}.")
    return HistoryView(
        source=source, read=True, headline=_headline(history, budget_minutes, clean),
        facts=facts, commits=[_line(commit, clean) for commit in history.log],
        left_out=history.log_left_out, largest_share=history.largest_share)


def history_brief(result: GradeResult, budget_minutes: int) -> str:
    """One line for the summary: how many commits, over how long, and the largest
    commit's share; '' without a history that was read."""
    history = result.git_history
    if history is None or not history.read:
        return ""
    said = f"{history.commits} commit" + ("" if history.commits == 1 else "s")
    if history.span_minutes is not None:
        said += (f" over {duration(history.span_minutes)} (the budget is "
                 f"{duration(budget_minutes)})")
    if history.first_is_starter is not None:
        said += ", the first " + ("the starter" if history.first_is_starter
                                  else "not the starter alone")
    if history.largest_share is not None:
        said += (f"; the largest commit brought {history.largest_share:.0%} of the final "
                 "code")
    return f"How the work was done (git history): {said}. A conversation starter, not proof."


def history_probes(result: GradeResult, budget_minutes: int) -> list[Probe]:
    """Questions the history raises: most of the code in one commit, and commits spread far
    beyond the time budget. Asked about the whole submission, after flags and failures."""
    history = result.git_history
    if history is None or not history.read:
        return []
    probes = []
    share, largest = history.largest_share, history.largest
    if share is not None and largest is not None and share >= MOST_IN_ONE \
            and history.final_lines >= MIN_FINAL_LINES:
        single = history.commits == 1 or (history.commits == 2 and history.first_is_starter)
        where = ("Your history has a single commit of your own, holding all of the work"
                 if single else
                 f"Most of the work ({share:.0%} of its final lines) arrived in one commit, "
                 f"“{largest.subject}”")
        probes.append(Probe("", f"{where}: walk us through how you built it, in the order "
                                "you wrote it.", MISSING, weight=share))
    if history.span_minutes is not None and history.span_minutes > OVER_BUDGET * budget_minutes:
        probes.append(Probe("", f"Your commits span {duration(history.span_minutes)} against a "
                                f"time budget of {duration(budget_minutes)}: how did you "
                                "split your time on it?", MISSING, weight=0.5))
    return probes


def _headline(history: GitHistory, budget_minutes: int, clean: Callable[[str], str]) -> str:
    commits = f"{history.commits} commit" + ("" if history.commits == 1 else "s")
    budget = duration(budget_minutes)
    if history.span_minutes is None:
        why = clean(history.span_note.removeprefix("the git history: "))
        return f"{commits}; no span of time ({why}); the budget is {budget}."
    span = duration(history.span_minutes)
    verdict = ("within" if round(history.span_minutes) <= budget_minutes
               else "over")
    end = "%H:%M" if history.started.date() == history.finished.date() else "%Y-%m-%d %H:%M"
    return (f"{commits} from {history.started:%Y-%m-%d %H:%M} to "
            f"{history.finished.strftime(end)} UTC: {span}, {verdict} the budget of "
            f"{budget} (breaks included).")


def _largest(history: GitHistory, clean: Callable[[str], str]) -> str:
    largest = history.largest
    share = history.largest_share
    return (f"{largest.lines_added:,} lines added of the final code's "
            f"{history.final_lines:,} ({share:.0%}) in {largest.sha} "
            f"“{clean(largest.subject)}”" + (f" ({largest.authored:%Y-%m-%d %H:%M})"
                                             if largest.authored else ""))


def _line(commit: HistoryCommit, clean: Callable[[str], str]) -> CommitLine:
    lines = ("" if commit.lines_added is None
             else f"+{commit.lines_added:,} line" + ("" if commit.lines_added == 1 else "s"))
    lines = ("merge" + (f", {lines}" if lines else "")) if commit.merge else lines
    return CommitLine(sha=commit.sha, at=f"{commit.authored:%Y-%m-%d %H:%M}"
                      if commit.authored else "", subject=clean(commit.subject), lines=lines)
