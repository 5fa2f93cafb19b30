"""``worksample plugins``: which plugins are loaded, what they provide, and which failed."""

from __future__ import annotations

import json

import click

from worksample.cli.common import registry


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def plugins(as_json: bool) -> None:
    """List plugins: version, assignment types and hooks (and load failures)."""
    plugin_registry = registry()
    described = plugin_registry.describe()
    if as_json:
        click.echo(json.dumps(described, indent=2))
        return
    types = plugin_registry.assignment_types()
    for plugin in described:
        if "error" in plugin:
            click.echo(f"{plugin['name']}: FAILED TO LOAD: {plugin['error']}")
            continue
        click.echo(f"{plugin['name']} {plugin['version']}")
        click.echo(f"  assignment types:{'' if plugin['assignment_types'] else ' -'}")
        for name in plugin["assignment_types"]:
            description = types[name].description
            click.echo(f"    {name}: {description}" if description else f"    {name}")
        click.echo(f"  hooks: {', '.join(plugin['hooks'])}")
