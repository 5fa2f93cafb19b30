"""The pluggy plugin manager: every plugin, built-in or not, comes from one entry-point group.

Order: the built-in plugins (those of the ``worksample`` distribution) are registered first,
then third-party plugins in name order. pluggy asks the most recently registered plugin first,
so a third-party plugin can answer a ``firstresult`` hook before a built-in and can replace a
built-in assignment type by registering the same name.

A broken plugin never breaks the tool: each entry point is loaded and checked on its own; a
failure is printed on stderr, listed by ``worksample plugins``, and the rest carry on.

Escape hatches:
- ``WORKSAMPLE_LOAD_PLUGINS=coding,sql`` loads only the named entry points (empty: none).
- ``WORKSAMPLE_BLOCK_PLUGINS=sql`` skips the named entry points.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import pluggy

from worksample import hookspecs
from worksample.errors import WorksampleError
from worksample.models import AssignmentType

ENTRY_POINT_GROUP = "worksample"
BUILTIN_DISTRIBUTION = "worksample"
LOAD_ENV = "WORKSAMPLE_LOAD_PLUGINS"
BLOCK_ENV = "WORKSAMPLE_BLOCK_PLUGINS"


@dataclass
class PluginFailure:
    """An entry point that could not be loaded or registered, and why."""

    name: str
    error: str


@dataclass
class PluginRegistry:
    """The plugin manager plus what loading it found out."""

    manager: pluggy.PluginManager
    versions: dict[str, str] = field(default_factory=dict)
    failures: list[PluginFailure] = field(default_factory=list)

    def assignment_types(self) -> dict[str, AssignmentType]:
        """Every registered assignment type by name (later registrations win)."""
        types: dict[str, AssignmentType] = {}
        self.manager.hook.worksample_register_assignment_types(register=_collect_into(types))
        return types

    def assignment_type(self, name: str) -> AssignmentType:
        """The assignment type called ``name``; a WorksampleError naming the known ones if none."""
        types = self.assignment_types()
        if name not in types:
            known = ", ".join(sorted(types)) or "none"
            raise WorksampleError(
                f"no plugin provides the assignment type {name!r} (known types: {known}); "
                "install the plugin that provides it, or check `worksample plugins`"
            )
        return types[name]

    def describe(self) -> list[dict[str, Any]]:
        """One entry per plugin: name, version, assignment types and implemented hooks."""
        described = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:  # blocked
                continue
            types: dict[str, AssignmentType] = {}
            others = [p for _, p in self.manager.list_name_plugin() if p is not plugin and p]
            only_this = self.manager.subset_hook_caller(
                "worksample_register_assignment_types", remove_plugins=others
            )
            only_this(register=_collect_into(types))
            described.append(
                {
                    "name": name,
                    "version": self.versions.get(name, ""),
                    "assignment_types": sorted(types),
                    "hooks": sorted(c.name for c in self.manager.get_hookcallers(plugin) or []),
                }
            )
        described.extend(
            {"name": f.name, "version": "", "assignment_types": [], "hooks": [], "error": f.error}
            for f in self.failures
        )
        return described


def _collect_into(types: dict[str, AssignmentType]):
    def register(assignment_type: AssignmentType) -> None:
        if not isinstance(assignment_type, AssignmentType):
            raise TypeError(f"register() takes an AssignmentType, got {type(assignment_type)}")
        # pluggy asks the most recently registered plugin first: its answer must win.
        types.setdefault(assignment_type.name, assignment_type)

    return register


_registry: PluginRegistry | None = None


def get_registry() -> PluginRegistry:
    """The process-wide registry, loading the plugins on first use (never at import)."""
    global _registry
    if _registry is None:
        _registry = load_registry()
    return _registry


def load_registry() -> PluginRegistry:
    """A new registry with every allowed entry point of the ``worksample`` group loaded."""
    manager = pluggy.PluginManager("worksample")
    manager.add_hookspecs(hookspecs)
    registry = PluginRegistry(manager)
    for entry_point in _allowed_entry_points():
        _load_one(registry, entry_point)
    return registry


def _allowed_entry_points() -> list[metadata.EntryPoint]:
    selected = metadata.entry_points(group=ENTRY_POINT_GROUP)
    only = _names_from_env(LOAD_ENV)
    blocked = _names_from_env(BLOCK_ENV) or set()
    chosen = [
        ep for ep in selected if (only is None or ep.name in only) and ep.name not in blocked
    ]

    def builtin_first(ep: metadata.EntryPoint) -> tuple[bool, str]:
        dist = ep.dist.name if ep.dist is not None else ""
        return (dist != BUILTIN_DISTRIBUTION, ep.name)

    return sorted(chosen, key=builtin_first)


def _names_from_env(variable: str) -> set[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _load_one(registry: PluginRegistry, entry_point: metadata.EntryPoint) -> None:
    manager = registry.manager
    try:
        plugin = entry_point.load()
        manager.register(plugin, name=entry_point.name)
    except Exception as error:  # any failure in third-party code: report and carry on
        _record_failure(registry, entry_point.name, f"could not load: {error!r}")
        return
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        manager.unregister(plugin)
        _record_failure(registry, entry_point.name, f"implements an unknown hook: {error}")
        return
    if entry_point.dist is not None:
        registry.versions[entry_point.name] = entry_point.dist.version


def _record_failure(registry: PluginRegistry, name: str, error: str) -> None:
    registry.failures.append(PluginFailure(name, error))
    print(f"worksample: plugin {name!r} was skipped: {error}", file=sys.stderr)
