"""``worksample similarity`` and ``worksample leaks``: copied and leaked work.

The measure is ``worksample/similarity/``; this module reads the store, names the pieces of
work as the reports do (aliases with ``--blind``) and prints the pairs.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from worksample.cli.common import (
    assignment_id,
    blind_names,
    collector_paused,
    load_assignment,
    open_store,
    store_option,
    text_table,
)
from worksample.safe_text import visible

SOURCES_SAID = {"submission": "submission", "leak": "known leak",
                "reference": "reference solution"}


@click.command()
@click.argument("assignment")
@click.option("--threshold", type=click.FloatRange(0.01, 1), metavar="SHARE",
              help="List pairs from this share (0-1) up [default: the assignment's "
                   "similarity_threshold, 0.5 unless it says].")
@click.option("--json", "as_json", is_flag=True, help="The pairs as JSON.")
@click.option("--blind", is_flag=True,
              help="Name candidates by the aliases blind reports show them under.")
@store_option
@click.pass_context
def similarity(ctx: click.Context, assignment: str, threshold: float | None, as_json: bool,
               blind: bool, store_path: Path) -> None:
    """The pairs of ASSIGNMENT's work at or above its similarity threshold.

    Every stored submission of the assignment (every cohort graded into the store) is
    compared with every other, with the known leaks (`worksample leaks add`) and with the
    reference solution; the starter and the other material every candidate was given are
    left out. SHARE is how much of one piece of work is found in the other: evidence to ask
    the candidates about, never a verdict (docs/similarity.md).
    """
    from worksample.similarity.measure import Similarity

    loaded = load_assignment(ctx, assignment)
    store = open_store(store_path)
    with collector_paused():
        measured = Similarity(loaded, store, threshold,
                              say=lambda line: click.echo(f"worksample: {line}", err=True))
    aliases = blind_names(store, loaded.id) if blind else {}

    def named(document) -> str:
        if document.source != "submission":
            return document.name
        return aliases.get((document.name, document.key), document.name) if blind \
            else document.name

    pairs = [{"submission": named(measured.documents[pair.first]),
              "other": named(measured.documents[pair.second]),
              "other_is": measured.documents[pair.second].source,
              "same_name": measured.documents[pair.first].name
              == measured.documents[pair.second].name,
              "share": pair.share, "runs": pair.runs, "lines": pair.lines}
             for pair in measured.pairs]
    if as_json:
        click.echo(json.dumps({"assignment": loaded.id, "threshold": measured.threshold,
                               "blind": blind, "pairs": pairs}, indent=2))
        return
    counts = {source: sum(d.source == source for d in measured.documents)
              for source in SOURCES_SAID}
    click.echo(f"Similar work in {loaded.id}: {len(pairs)} pair(s) with {measured.threshold:.0%} "
               f"or more of one found in the other.\nCompared: {counts['submission']} stored "
               f"submission(s), {counts['leak']} known leak(s)"
               f"{', the reference solution' if counts['reference'] else ''}; left out: the "
               "starter and the material every candidate was given.")
    if pairs:
        rows = [("share", "submission", "other", "the other is", "by runs", "by lines")]
        rows += [(f"{p['share']:.0%}", p["submission"], p["other"],
                  SOURCES_SAID[p["other_is"]] + (" of the same name" if p["same_name"] else ""),
                  _percent(p["runs"]), _percent(p["lines"])) for p in pairs]
        click.echo(visible("\n".join(text_table(rows))))
    click.echo("Evidence to ask the candidates about, never a verdict: `worksample report` "
               "shows the matching parts side by side.")


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


@click.group()
def leaks() -> None:
    """Known public solutions of an assignment, compared with every submission."""


@leaks.command("add")
@click.argument("assignment")
@click.argument("folder", type=click.Path(exists=True, path_type=Path))
@store_option
@click.pass_context
def leaks_add(ctx: click.Context, assignment: str, folder: Path, store_path: Path) -> None:
    """Add each entry of FOLDER (a folder, an archive or a file: one solution each, named by
    its name) as a known public solution of ASSIGNMENT; one of the same name is replaced."""
    from worksample.similarity import leaks as known
    from worksample.workers import LimitedWorkers

    loaded = load_assignment(ctx, assignment)
    store = open_store(store_path)
    with LimitedWorkers(1, loaded.spec.host_limits) as workers:
        added = known.add(loaded, store, folder, workers)
    for refused in added.refused:
        click.echo(visible(f"worksample: not added: {refused}"), err=True)
    click.echo(visible(f"{len(added.names)} known solution(s) of {loaded.id} kept: "
                       f"{', '.join(added.names) or 'none'}"))


@leaks.command("list")
@click.argument("assignment")
@click.option("--json", "as_json", is_flag=True, help="The list as JSON.")
@store_option
@click.pass_context
def leaks_list(ctx: click.Context, assignment: str, as_json: bool, store_path: Path) -> None:
    """The known public solutions of ASSIGNMENT: name, files, where and when added."""
    found = open_store(store_path).leaks(assignment_id(ctx, assignment))
    listed = [{"name": leak["name"], "files": len(leak["work"].files),
               "origin": leak["origin"], "added_at": leak["added_at"]} for leak in found]
    if as_json:
        click.echo(json.dumps(listed, indent=2))
    elif not listed:
        click.echo("No known solutions: `worksample leaks add ASSIGNMENT FOLDER` adds some.")
    else:
        rows = [("name", "files", "added", "from")] + [
            (leak["name"], str(leak["files"]), leak["added_at"][:16].replace("T", " "),
             leak["origin"]) for leak in listed]
        click.echo(visible("\n".join(text_table(rows))))


@leaks.command("remove")
@click.argument("assignment")
@click.argument("name")
@store_option
@click.pass_context
def leaks_remove(ctx: click.Context, assignment: str, name: str, store_path: Path) -> None:
    """Forget the known solution NAME of ASSIGNMENT."""
    from worksample.errors import WorksampleError

    if not open_store(store_path).remove_leak(assignment_id(ctx, assignment), name):
        raise WorksampleError(f"no known solution {name!r} of {assignment!r} in {store_path}; "
                              "`worksample leaks list` names them")
    click.echo(visible(f"removed {name}"))
