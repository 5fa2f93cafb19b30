"""``worksample rate``, ``decide`` and ``ratings import|export|show|log``: reviewers' half.

The rules (what a rating is of, supersession, the full score, who sees what) live in
``worksample/ratings.py``; the store keeps ratings, decisions and the audit log.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from worksample.cli.common import blind_names, export_options, open_store, store_option
from worksample.errors import WorksampleError
from worksample.safe_text import visible


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    """``criterion=value`` arguments as a dict; a WorksampleError for one without ``=``."""
    pairs = {}
    for value in values:
        criterion, equals, text = value.partition("=")
        if not equals or not criterion.strip():
            raise WorksampleError(f"{option} {value!r}: write CRITERION=VALUE, e.g. design=3")
        pairs[criterion.strip()] = text
    return pairs


def record_shown(store, viewer: str, results: list, made: list) -> None:
    """Log in the audit log each candidate whose other reviewers' ratings ``viewer`` is shown
    (``made``: the ``ratings.Review`` of each of ``results``, for that viewer)."""
    from worksample.ratings import submission_of

    for result, review in zip(results, made, strict=True):
        others = sorted({r.reviewer for r in review.ratings} - {viewer})
        if others:
            store.record_shown_others(viewer, submission_of(result), others)


@click.command()
@click.argument("assignment")
@click.argument("submission")
@click.argument("levels", nargs=-1, metavar="CRITERION=LEVEL...")
@click.option("--reviewer", required=True, help="Who rates.")
@click.option("--note", "notes", multiple=True, metavar="CRITERION=TEXT",
              help="A note on one criterion rated here; repeat for others.")
@click.option("--override", "overrides", multiple=True, metavar="CRITERION=LEVEL",
              help="Replace an automatic criterion's level in the full score (needs --reason).")
@click.option("--reason", default="", help="Why the automatic level is overridden.")
@click.option("--blind", is_flag=True,
              help="SUBMISSION is the alias a blind report shows (e.g. \"Candidate K3F9Q\" or "
                   "K3F9Q); the candidate's name is never printed.")
@store_option
def rate(assignment: str, submission: str, levels: tuple[str, ...], reviewer: str,
         notes: tuple[str, ...], overrides: tuple[str, ...], reason: str, blind: bool,
         store_path: Path) -> None:
    """Rate SUBMISSION's reviewer criteria on the anchored levels 1-4 as REVIEWER.

    ASSIGNMENT is the assignment's id, SUBMISSION the submission's id (as `results list`
    shows them), or with --blind its alias in the blind report. A later rating of a criterion
    by the same reviewer supersedes theirs; every change is kept in the audit log.
    """
    from worksample.ratings import checked_rating, latest_results, rated_result
    from worksample.ratings_csv import parsed_level

    given = _pairs(levels, "rating")
    overridden = _pairs(overrides, "--override")
    noted = _pairs(notes, "--note")
    if not given and not overridden:
        raise WorksampleError("nothing to rate: give CRITERION=LEVEL (or --override)")
    if reason and not overridden:
        raise WorksampleError("--reason goes with --override CRITERION=LEVEL")
    stray = sorted(set(noted) - set(given) - set(overridden))
    if stray:
        raise WorksampleError(f"--note for {', '.join(stray)}, which this command does not rate")
    store = open_store(store_path)
    latest = latest_results(store.results(assignment))
    if blind:
        submission, result = _aliased(store, latest, assignment, submission)
    else:
        result = rated_result(latest, assignment, submission)
    ratings = [checked_rating(result, criterion=criterion, level=parsed_level(level),
                              reviewer=reviewer, note=noted.get(criterion, ""),
                              override=criterion in overridden, reason=reason,
                              shown_as=submission)
               for table in (given, overridden) for criterion, level in table.items()]
    recorded = store.add_ratings(ratings)
    click.echo(visible(f"{len(recorded)} rating(s) of {assignment}/{submission} by {reviewer} "
                       f"recorded ({len(ratings) - len(recorded)} unchanged)"))


def _aliased(store, latest: dict, assignment: str, alias: str) -> tuple:
    """(The alias as blind reports write it, the latest graded result of the submission it
    names), or a WorksampleError that names no candidate. "Candidate K3F9Q", "K3F9Q" and the
    page's file name "candidate-k3f9q" are the same alias."""
    from worksample.store import submission_key

    def code(text: str) -> str:
        return text.strip().upper().removeprefix("CANDIDATE").strip(" -_")

    named = [(submission, shown) for submission, shown in blind_names(store, assignment).items()
             if code(shown) == code(alias)]
    if not named:
        raise WorksampleError(f"no candidate of {assignment!r} has the alias {alias!r}; copy "
                              "it from the blind report")
    (submission_id, key), shown = named[0]
    result = latest.get((assignment, submission_id))
    if result is None or submission_key(result) != key:
        raise WorksampleError(f"{shown} of {assignment!r} has no graded result to rate (or "
                              "sent other work since the blind report was written)")
    return shown, result


@click.command()
@click.argument("assignment")
@click.argument("submission")
@click.argument("decision", type=click.Choice(["advance", "hold", "reject"]))
@click.option("--by", "by", required=True, help="Who decides.")
@click.option("--reason", required=True, help="Why: kept in the audit log and the export.")
@store_option
def decide(assignment: str, submission: str, decision: str, by: str, reason: str,
           store_path: Path) -> None:
    """Record the hiring decision on SUBMISSION: advance, hold or reject."""
    from worksample.ratings import Decision, latest_results, rated_result, submission_of

    if not by.strip() or not reason.strip():
        raise WorksampleError("a decision needs --by NAME and --reason \"...\"")
    store = open_store(store_path)
    result = rated_result(latest_results(store.results(assignment), graded_only=False),
                          assignment, submission)
    assignment_id, submission_id, key = submission_of(result)
    store.decide(Decision(assignment_id=assignment_id, submission_id=submission_id,
                          submission_key=key, decision=decision, by=by.strip(), reason=reason))
    click.echo(visible(f"{assignment}/{submission}: {decision} (by {by.strip()})"))


@click.group()
def ratings() -> None:
    """Reviewers' ratings: import from a spreadsheet, export, show, and the audit log."""


@ratings.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--assignment", "assignment_id",
              help="The assignment id, for a file without an assignment column.")
@store_option
def ratings_import(file: Path, assignment_id: str | None, store_path: Path) -> None:
    """Import FILE.csv: a row per reviewer, candidate, criterion, level (and note, reason).

    Every row is checked first; one bad row and nothing is imported.
    """
    from worksample.ratings import latest_results
    from worksample.ratings_csv import read_ratings

    store = open_store(store_path)
    with file.open(newline="", encoding="utf-8-sig") as opened:
        ratings_read = read_ratings(opened, str(file), latest_results(store.results()),
                                    assignment_id)
    recorded = store.add_ratings(ratings_read)
    click.echo(f"{len(recorded)} rating(s) imported from {file} "
               f"({len(ratings_read) - len(recorded)} unchanged)")


@ratings.command("export")
@export_options
def ratings_export(assignment_id: str | None, fmt: str, output, store_path: Path) -> None:
    """The ratings in force as CSV (importable again), or JSON with the decisions."""
    from worksample.ratings import current, current_decisions
    from worksample.ratings_csv import write_ratings

    store = open_store(store_path)
    in_force = current(store.ratings(assignment_id))
    if fmt == "csv":
        write_ratings(in_force, output)
        return
    json.dump({"ratings": [r.model_dump(mode="json") for r in in_force],
               "decisions": [d.model_dump(mode="json")
                             for d in current_decisions(store.decisions(assignment_id))]},
              output, indent=2)
    output.write("\n")


@ratings.command("show")
@click.argument("assignment")
@click.argument("submission", required=False)
@click.option("--reviewer", help="Show what this reviewer may see: others' ratings of a "
                                 "candidate only once they have rated it themselves.")
@store_option
def ratings_show(assignment: str, submission: str | None, reviewer: str | None,
                 store_path: Path) -> None:
    """The ratings, automatic and full score and decision of each candidate of ASSIGNMENT."""
    from worksample.ratings import latest_results, rated_result, reviews

    store = open_store(store_path)
    latest = latest_results(store.results(assignment))
    if submission is not None:
        rated_result(latest, assignment, submission)  # an error when there is none
    shown = [result for (_, candidate), result in sorted(latest.items())
             if submission is None or candidate == submission]
    made = reviews(shown, store.ratings(assignment), store.decisions(assignment), reviewer)
    if reviewer is not None:
        record_shown(store, reviewer, shown, made)
    for result, review in zip(shown, made, strict=True):
        lines = [f"{result.submission_id}: automatic {review.score.automatic:g}, "
                 f"full {review.score_text()}"]
        if review.decision:
            d = review.decision
            lines.append(f"  decision: {d.decision} by {d.by} ({d.reason})")
        for criterion in result.criteria:
            kind = (f"auto, level {criterion.level}" if criterion.source == "auto"
                    else "reviewer")
            levels = "; ".join(f"{r.reviewer}: {'override ' if r.override else ''}{r.level}"
                               + (f" ({r.reason or r.note})" if r.reason or r.note else "")
                               for r in review.ratings if r.criterion == criterion.id)
            lines.append(f"  {criterion.id} [{kind}]: {levels or '-'}")
        if review.hidden:
            lines.append(f"  (others' ratings are hidden until {reviewer} has rated each "
                         "reviewer criterion)")
        click.echo(visible("\n".join(lines)))


@ratings.command("log")
@click.argument("assignment")
@click.argument("submission", required=False)
@store_option
def ratings_log(assignment: str, submission: str | None, store_path: Path) -> None:
    """The audit log of ASSIGNMENT (one submission's, if given), oldest first."""
    for e in open_store(store_path).audit_log(assignment):
        if submission is None or e.submission_id == submission:
            seen = " [after seeing others' ratings]" if e.after_seeing_others else ""
            click.echo(visible(
                f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.who}\t{e.action}\t{e.submission_id}\t"
                f"{e.criterion}\t{e.old or '-'} -> {e.new}\t{e.why}{seen}"))
