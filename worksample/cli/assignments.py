"""``worksample assignments list|show`` and ``worksample schema``: reading assignment files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from worksample.cli.common import load_assignment, registry
from worksample.errors import WorksampleError


@click.group()
def assignments() -> None:
    """Browse assignments."""


@assignments.command("list")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def assignments_list(ctx: click.Context, directory: Path | None) -> None:
    """List the assignments in DIRECTORY (default: the assignments folder)."""
    from worksample import assignments as loader

    directory = directory or ctx.obj["assignments_dir"]
    plugin_registry = registry()
    for folder in loader.discover(directory):
        try:
            assignment = loader.load(folder, plugin_registry)
        except WorksampleError as error:
            click.echo(f"{folder.name}\tINVALID\t{error}")
            continue
        spec = assignment.spec
        click.echo(f"{spec.id}\t{spec.type}\t{spec.time_budget_minutes} min\t{spec.title}")


@assignments.command("show")
@click.argument("assignment")
@click.pass_context
def assignments_show(ctx: click.Context, assignment: str) -> None:
    """Show one assignment: its settings, rubric and type section."""
    loaded = load_assignment(ctx, assignment)
    spec = loaded.spec
    click.echo(f"{spec.title}  ({spec.id}, type {spec.type}, version {loaded.version})")
    click.echo(f"role: {spec.role}; time budget: {spec.time_budget_minutes} min; "
               f"pass score: {spec.pass_score:g}")
    click.echo(f"folder: {loaded.root}")
    click.echo("rubric:")
    for criterion in spec.rubric:
        click.echo(f"  {criterion.id} ({criterion.source}, weight {criterion.weight:g}): "
                   f"{criterion.title}")
    click.echo(f"{spec.type}:")
    for line in json.dumps(loaded.section.model_dump(mode="json"), indent=2).splitlines():
        click.echo(f"  {line}")


@click.command()
def schema() -> None:
    """Print the JSON Schema of assignment.yaml (for editors)."""
    from worksample.assignments import json_schema

    click.echo(json.dumps(json_schema(registry()), indent=2))
