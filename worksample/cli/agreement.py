"""``worksample agreement``: how far reviewers agree, from the ratings in force.

The figures (alpha, two-level disagreements, reviewer means) are computed in
``worksample/agreement.py``; this module reads the store and prints them.
"""

from __future__ import annotations

from pathlib import Path

import click

from worksample.cli.common import (
    assignment_id,
    blind_names,
    open_store,
    store_option,
    text_table,
)
from worksample.safe_text import visible


@click.command()
@click.argument("assignment")
@click.option("--json", "as_json", is_flag=True, help="The figures as JSON.")
@click.option("--blind", is_flag=True,
              help="Name candidates by the aliases blind reports show them under.")
@store_option
@click.pass_context
def agreement(ctx: click.Context, assignment: str, as_json: bool, blind: bool,
              store_path: Path) -> None:
    """How far reviewers agree on ASSIGNMENT's candidates, criterion by criterion.

    ASSIGNMENT is the assignment's id or folder.

    Krippendorff's alpha for ordinal data per reviewer criterion (and per overridden
    automatic criterion, once two reviewers overrode it on one candidate), the candidates
    whose reviewers differ by two levels or more, and each reviewer's mean level against the
    others' on the same candidates. Only each reviewer's latest rating counts.
    """
    from worksample.agreement import agreement as measured

    assignment = assignment_id(ctx, assignment)
    store = open_store(store_path)
    ratings = store.ratings(assignment)
    name = None
    if blind:
        aliases = blind_names(store, assignment)
        name = lambda r: aliases[(r.submission_id, r.submission_key)]  # noqa: E731
    made = measured(assignment, ratings, name, blind=blind)
    if as_json:
        click.echo(made.model_dump_json(indent=2))
        return
    click.echo(visible(text(made)))


def text(made) -> str:
    """The agreement as the terminal shows it: three short tables."""
    title = f"Agreement between reviewers of {made.assignment_id}"
    if not made.criteria:
        return f"{title}: no ratings yet."
    lines = [f"{title} (Krippendorff's alpha, ordinal; rely on >= 0.800, tentative >= 0.667)",
             ""]
    rows = [("criterion", "alpha", "candidates", "ratings", "reviewers", "reading")]
    rows += [(c.criterion + (" (override)" if c.override else ""),
              "-" if c.alpha is None else f"{c.alpha:.3f}", str(c.candidates), str(c.ratings),
              str(c.reviewers), c.why) for c in made.criteria]
    lines += text_table(rows)
    if not made.enough:
        lines += ["", "Too few ratings to measure agreement: no candidate has been rated by "
                      "two reviewers on the same criterion."]
        return "\n".join(lines)
    lines += ["", "Reviewers differ by two levels or more (for the calibration meeting):"]
    if made.disagreements:
        lines += text_table([("candidate", "criterion", "levels", "spread")] + [
            (d.candidate, d.criterion + (" (override)" if d.override else ""),
             ", ".join(f"{reviewer} {level}" for reviewer, level in d.levels.items()),
             str(d.spread)) for d in made.disagreements])
    else:
        lines.append("  none")
    lines += ["", "Each reviewer's mean level against the others' on the same candidates:"]
    lines += text_table([("reviewer", "ratings", "mean", "others", "difference")] + [
        (lean.reviewer, str(lean.ratings), f"{lean.mean:.2f}", f"{lean.others:.2f}",
         f"{lean.difference:+.2f}" + _lean(lean.difference)) for lean in made.reviewers])
    return "\n".join(lines)


def _lean(difference: float) -> str:
    if difference <= -0.5:
        return " harsher"
    return " more lenient" if difference >= 0.5 else ""
