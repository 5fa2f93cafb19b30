"""``worksample rate``, ``decide`` and ``ratings import|export|show|log``: reviewers' half.

The rules (what a rating is of, supersession, the full score, who sees what) live in
``worksample/ratings.py``; the store keeps ratings, decisions and the audit log.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from worksample.cli.blind import BlindView, blind_views
from worksample.cli.common import assignment_id, export_options, open_store, store_option
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


def record_shown(store, viewer: str, results: list, made: list,
                 names: list[str] | None = None) -> None:
    """Log in the audit log each candidate whose other reviewers' ratings ``viewer`` is shown
    (``made``: the ``ratings.Review`` of each of ``results``, for that viewer; ``names``: in a
    blind review, the alias each was shown under)."""
    from worksample.ratings import submission_of

    for result, review, alias in zip(results, made, names or [""] * len(results), strict=True):
        others = sorted({r.reviewer for r in review.ratings} - {viewer})
        if others:
            store.record_shown_others(viewer, submission_of(result), others, alias)


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
@click.pass_context
def rate(ctx: click.Context, assignment: str, submission: str, levels: tuple[str, ...],
         reviewer: str, notes: tuple[str, ...], overrides: tuple[str, ...], reason: str,
         blind: bool, store_path: Path) -> None:
    """Rate SUBMISSION's reviewer criteria on the anchored levels 1-4 as REVIEWER.

    ASSIGNMENT is the assignment's id or folder, SUBMISSION the submission's id (as `results
    list` shows them), or with --blind its alias in the blind report. A later rating of a
    criterion by the same reviewer supersedes theirs, note included (a rating is replaced
    whole); every change, with the earlier level and note, is kept in the audit log.
    """
    from worksample import reviewing
    from worksample.ratings import latest_results, rated_result
    from worksample.ratings_csv import parsed_level

    given = {criterion: parsed_level(level)
             for criterion, level in _pairs(levels, "rating").items()}
    overridden = {criterion: parsed_level(level)
                  for criterion, level in _pairs(overrides, "--override").items()}
    noted = _pairs(notes, "--note")
    assignment = assignment_id(ctx, assignment)
    store = open_store(store_path)
    latest = latest_results(store.results(assignment))
    alias = ""
    if blind:
        alias, result = BlindView(store, assignment).result(latest, submission)
        submission = alias
    else:
        result = rated_result(latest, assignment, submission)
    rated = reviewing.rate(store, result, reviewer=reviewer, levels=given, overrides=overridden,
                           notes=noted, reason=reason, alias=alias)
    click.echo(visible(f"{len(rated.recorded)} rating(s) of {assignment}/{submission} by "
                       f"{reviewer} recorded ({rated.unchanged} unchanged)"))
    if rated.notes_dropped:  # a rating is replaced whole: say so, as a reviewer may expect it kept
        click.echo(f"the earlier note on {', '.join(rated.notes_dropped)} is not part of the new "
                   "rating (`ratings log` keeps it; give --note again to keep it)")


@click.command()
@click.argument("assignment")
@click.argument("submission")
@click.argument("decision", type=click.Choice(["advance", "hold", "reject"]))
@click.option("--by", "by", required=True, help="Who decides.")
@click.option("--reason", required=True, help="Why: kept in the audit log and the export.")
@store_option
@click.pass_context
def decide(ctx: click.Context, assignment: str, submission: str, decision: str, by: str,
           reason: str, store_path: Path) -> None:
    """Record the hiring decision on SUBMISSION: advance, hold or reject.

    ASSIGNMENT is the assignment's id or folder; a later decision supersedes the earlier one,
    which stays in the audit log.
    """
    from worksample import reviewing
    from worksample.ratings import latest_results, rated_result

    assignment = assignment_id(ctx, assignment)
    store = open_store(store_path)
    result = rated_result(latest_results(store.results(assignment), graded_only=False),
                          assignment, submission)
    reviewing.decide(store, result, decision=decision, by=by, reason=reason)
    click.echo(visible(f"{assignment}/{submission}: {decision} (by {by.strip()})"))


@click.group()
def ratings() -> None:
    """Reviewers' ratings: import from a spreadsheet, export, show, and the audit log."""


@ratings.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--assignment", "assignment_id",
              help="The assignment id, for a file without an assignment column.")
@click.option("--blind", is_flag=True,
              help="FILE names candidates by the aliases blind reports show (a blind panel's "
                   "sheet, or `ratings export --blind`): the ratings are recorded against the "
                   "alias, as `rate --blind` records them; no candidate's name is printed.")
@store_option
def ratings_import(file: Path, assignment_id: str | None, blind: bool,
                   store_path: Path) -> None:
    """Import FILE.csv: a row per reviewer, candidate, criterion, level (and note, reason).

    Every row is checked first; one bad row and nothing is imported. With --blind, a note or
    reason that is what `ratings export --blind` made of the one in force (names redacted)
    keeps the one in force.
    """
    from worksample.ratings import current, latest_results, rated_result, slot
    from worksample.ratings_csv import read_ratings

    store = open_store(store_path)
    latest = latest_results(store.results())
    views = blind_views(store)

    def by_alias(assignment: str, candidate: str):
        alias, result = views(assignment).result(latest, candidate)
        return result, alias

    def by_name(assignment: str, candidate: str):
        try:
            return rated_result(latest, assignment, candidate), ""
        except WorksampleError as error:
            try:
                views(assignment).submission(candidate)
            except WorksampleError:
                raise error from None
            raise WorksampleError(f"{candidate!r} is an alias of a blind review: import a "
                                  "blind panel's sheet with --blind") from None

    with file.open(newline="", encoding="utf-8-sig") as opened:
        ratings_read = read_ratings(opened, str(file), by_alias if blind else by_name,
                                    assignment_id)
    if blind:
        in_force = {slot(r): r for r in current(store.ratings())}
        ratings_read = [views(r.assignment_id).unredacted(r, in_force.get(slot(r)))
                        for r in ratings_read]
    recorded = store.add_ratings(ratings_read)
    click.echo(f"{len(recorded)} rating(s) imported from {file} "
               f"({len(ratings_read) - len(recorded)} unchanged)")


BLIND_HELP = ("Name candidates only by the aliases blind reports show, and redact their "
              "names from notes and reasons.")


@ratings.command("export")
@export_options
@click.option("--blind", is_flag=True, help=BLIND_HELP + " For a blind panel's spreadsheet.")
def ratings_export(assignment_id: str | None, fmt: str, output, store_path: Path,
                   blind: bool) -> None:
    """The ratings in force as CSV (importable again), or JSON with the decisions."""
    from worksample.ratings import current, current_decisions
    from worksample.ratings_csv import write_ratings

    store = open_store(store_path)
    in_force = current(store.ratings(assignment_id))
    decisions = current_decisions(store.decisions(assignment_id))
    if blind:
        view = blind_views(store)
        in_force = [view(r.assignment_id).blinded(r) for r in in_force]
        decisions = [view(d.assignment_id).blinded(d) for d in decisions]
    if fmt == "csv":
        write_ratings(in_force, output)
        return
    json.dump({"ratings": [r.model_dump(mode="json") for r in in_force],
               "decisions": [d.model_dump(mode="json") for d in decisions]},
              output, indent=2)
    output.write("\n")


@ratings.command("show")
@click.argument("assignment")
@click.argument("submission", required=False)
@click.option("--reviewer", help="Show what this reviewer may see: others' ratings of a "
                                 "candidate only once they have rated it themselves.")
@click.option("--blind", is_flag=True, help=BLIND_HELP + " SUBMISSION is then an alias.")
@store_option
@click.pass_context
def ratings_show(ctx: click.Context, assignment: str, submission: str | None,
                 reviewer: str | None, blind: bool, store_path: Path) -> None:
    """The ratings, automatic and full score and decision of each candidate of ASSIGNMENT.

    ASSIGNMENT is the assignment's id or folder.
    """
    from worksample.ratings import latest_results, rated_result, reviews
    from worksample.store import submission_key

    assignment = assignment_id(ctx, assignment)
    store = open_store(store_path)
    latest = latest_results(store.results(assignment))
    if blind:
        view = BlindView(store, assignment)
        named = ([view.result(latest, submission)] if submission is not None else sorted(
            ((view.name(r.submission_id, submission_key(r)), r) for r in latest.values()),
            key=lambda pair: pair[0]))  # by alias: the order gives no hint of the names
        clean = view.text
    else:
        if submission is not None:
            rated_result(latest, assignment, submission)  # an error when there is none
        named = [(candidate, result) for (_, candidate), result in sorted(latest.items())
                 if submission is None or candidate == submission]
        clean = str
    shown_as = [name for name, _ in named]
    shown = [result for _, result in named]
    made = reviews(shown, store.ratings(assignment), store.decisions(assignment), reviewer)
    if reviewer is not None:
        record_shown(store, reviewer, shown, made, shown_as if blind else None)
    for name, result, review in zip(shown_as, shown, made, strict=True):
        click.echo(visible("\n".join(_review_lines(name, result, review, reviewer, clean))))


def _review_lines(name: str, result, review, reviewer: str | None, clean) -> list[str]:
    """One candidate in ``ratings show``, named ``name``; notes and reasons through ``clean``."""
    lines = [f"{name}: automatic {review.score.automatic:g}, full {review.score_text()}"]
    if review.decision:
        d = review.decision
        lines.append(f"  decision: {d.decision} by {d.by} ({clean(d.reason)})")
    for criterion in result.criteria:
        kind = f"auto, level {criterion.level}" if criterion.source == "auto" else "reviewer"
        levels = "; ".join(f"{r.reviewer}: {'override ' if r.override else ''}{r.level}"
                           + (f" ({clean(r.reason or r.note)})" if r.reason or r.note else "")
                           for r in review.ratings if r.criterion == criterion.id)
        lines.append(f"  {criterion.id} [{kind}]: {levels or '-'}")
    if review.hidden:
        lines.append(f"  (others' ratings are hidden until {reviewer} has rated each "
                     "reviewer criterion)")
    return lines


@ratings.command("log")
@click.argument("assignment")
@click.argument("submission", required=False)
@click.option("--blind", is_flag=True, help=BLIND_HELP + " SUBMISSION is then an alias.")
@store_option
@click.pass_context
def ratings_log(ctx: click.Context, assignment: str, submission: str | None, blind: bool,
                store_path: Path) -> None:
    """The audit log of ASSIGNMENT (one submission's, if given), oldest first.

    ASSIGNMENT is the assignment's id or folder. An entry made in a blind review ends with the
    alias it was made under.
    """
    assignment = assignment_id(ctx, assignment)
    store = open_store(store_path)
    view = BlindView(store, assignment) if blind else None
    wanted = view.submission(submission)[0] if view and submission is not None else None
    for e in store.audit_log(assignment):
        if view is None:
            if submission is not None and e.submission_id != submission:
                continue
            name, old, new, why = e.submission_id, e.old, e.new, e.why
        else:
            if wanted is not None and wanted != (e.submission_id, e.submission_key):
                continue
            name = view.name(e.submission_id, e.submission_key, e.alias)
            old, new, why = view.text(e.old), view.text(e.new), view.text(e.why)
        seen = " [after seeing others' ratings]" if e.after_seeing_others else ""
        seen += f" [blind: {e.alias}]" if e.blind else ""
        click.echo(visible(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.who}\t{e.action}\t{name}\t"
                           f"{e.criterion}\t{old or '-'} -> {new}\t{why}{seen}"))
