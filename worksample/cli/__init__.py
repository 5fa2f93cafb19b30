"""The command line: parse options, call the core, print. No grading logic lives here.

One module per command group, each named for its job and registered at the end of this file:
``plugins``, ``assignments`` (and ``schema``), ``grading`` (``validate``, ``grade``),
``results``, ``ratings`` (``rate``, ``ratings``, ``decide``), ``agreement``,
``reports`` and ``review`` (``review``, ``reviewers``), ``similarity`` (``similarity``,
``leaks``); ``common`` holds what several of them share. A new group is a new module and one
``cli.add_command`` line. ``cluster`` holds ``worker`` and the options with which ``grade``
uses a Dask cluster.

Plugins load lazily, when a command needs them, and ``worksample --help`` imports neither the
docker SDK nor pydantic nor any plugin: a command module imports the core inside its commands.
"""

from __future__ import annotations

from pathlib import Path

import click

from worksample import __version__
from worksample.cli import (
    agreement,
    assignments,
    cluster,
    grading,
    plugins,
    ratings,
    reports,
    results,
    review,
    similarity,
)
from worksample.errors import WorksampleError
from worksample.safe_text import visible

ASSIGNMENTS_ENV = "WORKSAMPLE_ASSIGNMENTS"


class WorksampleGroup(click.Group):
    """Turns a WorksampleError into one clean line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorksampleError as error:  # it may name a candidate's file: shown, not obeyed
            click.echo(visible(f"worksample: error: {error}"), err=True)
            ctx.exit(2)


@click.group(cls=WorksampleGroup)
@click.version_option(__version__, prog_name="worksample")
@click.option(
    "--assignments-dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("assignments"), show_default=True, envvar=ASSIGNMENTS_ENV,
    help="Where assignment ids are looked up.",
)
@click.pass_context
def cli(ctx: click.Context, assignments_dir: Path) -> None:
    """Grade hiring take-homes and work samples, and keep every result."""
    ctx.obj = {"assignments_dir": assignments_dir}


cli.add_command(plugins.plugins)
cli.add_command(assignments.assignments)
cli.add_command(assignments.schema)
cli.add_command(grading.validate)
cli.add_command(grading.grade)
cli.add_command(results.results)
cli.add_command(ratings.rate)
cli.add_command(ratings.ratings)
cli.add_command(ratings.decide)
cli.add_command(agreement.agreement)
cli.add_command(reports.report)
cli.add_command(review.review)
cli.add_command(review.reviewers)
cli.add_command(similarity.similarity)
cli.add_command(similarity.leaks)
cli.add_command(cluster.worker)


def main() -> None:
    """Entry point of the ``worksample`` console script."""
    cli()
