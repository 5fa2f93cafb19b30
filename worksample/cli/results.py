"""``worksample results list|show|export``: reading the results store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from worksample.cli.common import export_options, open_store, score_text, store_option
from worksample.errors import WorksampleError
from worksample.safe_text import visible


@click.group()
def results() -> None:
    """Read the results store: list, show, export for an applicant-tracking system."""


@results.command("list")
@click.option("--assignment", "assignment_id", help="Only this assignment id.")
@store_option
def results_list(assignment_id: str | None, store_path: Path) -> None:
    """One line per stored result: ids, status, automatic score, full score, decision."""
    store = open_store(store_path)
    stored = list(store.results(assignment_id))
    for r, review in zip(stored, store.reviews(stored), strict=True):
        decision = review.decision.decision if review.decision else "-"
        click.echo(visible(
            f"{r.assignment_id}\t{r.assignment_version}\t{r.submission_id}\t"
            f"{r.status.value}\t{score_text(r)}\t{review.score.text()}\t{decision}\t"
            f"{r.graded_at:%Y-%m-%d %H:%M}"))


@results.command("show")
@click.argument("submission")
@click.option("--assignment", "assignment_id", help="Only this assignment id.")
@store_option
def results_show(submission: str, assignment_id: str | None, store_path: Path) -> None:
    """The stored results (JSON) for SUBMISSION: its id or the start of its content hash."""
    found = [r.model_dump(mode="json") for r in open_store(store_path).results(assignment_id)
             if r.submission_id == submission
             or (r.submission_hash or "").startswith(submission) and len(submission) >= 8]
    if not found:
        raise WorksampleError(f"no stored result for {submission!r} in {store_path}")
    click.echo(json.dumps(found, indent=2))


@results.command("export")
@export_options
def results_export(assignment_id: str | None, fmt: str, output, store_path: Path) -> None:
    """Every stored result as CSV (one row per result) or JSON, for other systems: the
    automatic score, and the full score with reviewers' ratings and the decision."""
    from worksample.export import write_csv

    store = open_store(store_path)
    stored = list(store.results(assignment_id))
    reviews = store.reviews(stored)
    if fmt == "json":
        json.dump([r.model_dump(mode="json") | {"review": review.exported()}
                   for r, review in zip(stored, reviews, strict=True)], output, indent=2)
        output.write("\n")
    else:
        write_csv(stored, output, reviews)
