"""``worksample plugins``: which plugins are loaded, what they provide, and which failed."""

from __future__ import annotations

import json

import click

from worksample.cli.common import registry
from worksample.safe_text import visible


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def plugins(as_json: bool) -> None:
    """List plugins: version, assignment types and hooks (and plugins left out, with why)."""
    plugin_registry = registry()
    described = plugin_registry.describe()
    if as_json:
        click.echo(json.dumps(described, indent=2))
        return
    answering = {name: t.plugin for name, t in plugin_registry.assignment_types().items()}
    for plugin in described:
        if "error" in plugin:
            click.echo(visible(f"{plugin['name']}: LEFT OUT: {plugin['error']}"))
            continue
        click.echo(f"{plugin['name']} {plugin['version']}")
        click.echo(f"  assignment types:{'' if plugin['assignment_types'] else ' -'}")
        for name in plugin["assignment_types"]:
            description = plugin["descriptions"][name]
            line = f"    {name}: {description}" if description else f"    {name}"
            if answering.get(name) != plugin["name"]:
                line += f" (replaced by plugin {answering.get(name)!r})"
            click.echo(line)
        click.echo(f"  hooks: {', '.join(plugin['hooks'])}")
