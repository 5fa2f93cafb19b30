"""The pluggy plugin manager and the registry of assignment types.

Every plugin, built-in or not, comes from one entry-point group. The built-in plugins (those
of the ``worksample`` distribution) are registered first, then third-party plugins in name
order; pluggy asks the most recently registered plugin first.

Why the core dispatches by type (contract version 2). Plugins register assignment types,
and a type carries its behaviour (``AssignmentType.grade``, ``.self_test_cases``). To grade,
the core looks the type up once and calls it::

    assignment_type = registry.assignment_type(assignment.type)
    grade = call_accepting(assignment_type.grade, assignment=..., submission=...)

as simonw/llm reads ``get_model(id)`` then ``model.execute()``. The first version asked every
plugin (a ``firstresult`` hook) and had each check ``assignment.type`` itself: the answering
plugin was invisible at the call site, and a plugin that replaced a type still had the
replaced type's self-test cases joined to its own. Now a later registration of a name
replaces the type whole, and a plugin never tests whose type it is. Hooks remain for what
is collected from every plugin (the types themselves, and later contributions); each is
called one plugin at a time, so that one plugin's failure costs only that plugin. Behaviour
is called by keyword with the arguments it names, the rule pluggy applies to hooks, so an
argument added later never breaks an old plugin.

A broken plugin never breaks the tool: a plugin that fails to load, implements a hook the
contract does not have, or whose hook raises, is reported on stderr and by ``worksample
plugins``, and left out; the rest carry on. A type whose behaviour raises while grading costs
that submission (``error``), never the batch.

Escape hatches:
- ``WORKSAMPLE_LOAD_PLUGINS=coding,email`` loads only the named entry points (empty: none).
- ``WORKSAMPLE_BLOCK_PLUGINS=case`` skips the named entry points.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, TypeVar

import pluggy

from worksample import hookspecs
from worksample.errors import WorksampleError
from worksample.models import AssignmentType
from worksample.safe_text import visible

ENTRY_POINT_GROUP = "worksample"
BUILTIN_DISTRIBUTION = "worksample"
LOAD_ENV = "WORKSAMPLE_LOAD_PLUGINS"
BLOCK_ENV = "WORKSAMPLE_BLOCK_PLUGINS"

T = TypeVar("T")


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
        """Every registered assignment type by name, each knowing the plugin that registered
        it. When two plugins register a name, the one registered later replaces the other's
        type whole."""
        types: dict[str, AssignmentType] = {}
        for assignment_type in (t for _, registered in self._registrations() for t in registered):
            types.setdefault(assignment_type.name, assignment_type)  # asked first wins
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
        """One entry per plugin: name, version, the assignment types it registers (with their
        descriptions) and its hooks; then each plugin left out, with the error."""
        registered = dict(self._registrations())
        described = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:  # blocked
                continue
            types = {t.name: t.description for t in registered.get(name, [])}
            described.append({
                "name": name,
                "version": self.versions.get(name, ""),
                "assignment_types": sorted(types),
                "descriptions": types,
                "hooks": sorted(c.name for c in self.manager.get_hookcallers(plugin) or []),
            })
        described.extend(
            {"name": f.name, "version": "", "assignment_types": [], "descriptions": {},
             "hooks": [], "error": f.error}
            for f in self.failures
        )
        return described

    def leave_out(self, name: str, error: str) -> None:
        """Report the plugin ``name`` on stderr and in ``worksample plugins``, and unregister
        it: the tool carries on without it."""
        self.failures.append(PluginFailure(name, error))
        print(f"worksample: plugin {name!r} was skipped: {visible(error)}", file=sys.stderr)
        if self.manager.get_plugin(name) is not None:
            self.manager.unregister(name=name)

    def _registrations(self) -> list[tuple[str, list[AssignmentType]]]:
        """What each plugin registers, the most recently registered plugin first (pluggy's
        order). Each plugin is asked on its own: one whose hook raises, or registers what is
        not an AssignmentType, is left out whole and the others still answer."""
        hook = self.manager.hook.worksample_register_assignment_types
        answers = []
        for implementation in reversed(hook.get_hookimpls()):
            plugin = implementation.plugin_name
            registered: list[AssignmentType] = []
            try:
                call_hook(implementation, register=_checked_into(registered))
            except Exception as error:  # third-party code: report it and carry on
                self.leave_out(plugin, f"its worksample_register_assignment_types hook "
                                       f"failed: {error!r}")
                continue
            answers.append((plugin, [t.model_copy(update={"plugin": plugin})
                                     for t in registered]))
        return answers


def type_named(assignment_type: AssignmentType) -> str:
    """"the 'email' type (plugin 'email')": whom to report a plugin's failure to."""
    return f"the {assignment_type.name!r} type (plugin {assignment_type.plugin!r})"


def call_hook(implementation: pluggy.HookImpl, **arguments) -> Any:
    """One plugin's implementation of a hook, called with the arguments it names (pluggy's
    rule for hooks)."""
    return implementation.function(*(arguments[name] for name in implementation.argnames))


def call_accepting(function: Callable[..., T], **arguments) -> T:
    """``function`` called with those of ``arguments`` it names (all of them if it takes
    ``**kwargs``): the rule for an assignment type's behaviour, as for hooks, so that an
    argument added later never breaks an old plugin."""
    parameters = inspect.signature(function).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
        arguments = {name: value for name, value in arguments.items() if name in parameters}
    return function(**arguments)


def _checked_into(registered: list[AssignmentType]) -> Callable[[AssignmentType], None]:
    def register(assignment_type: AssignmentType) -> None:
        if not isinstance(assignment_type, AssignmentType):
            raise TypeError(f"register() takes an AssignmentType, got {type(assignment_type)}")
        registered.append(assignment_type)

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
        registry.leave_out(entry_point.name, f"could not load: {error!r}")
        return
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        registry.leave_out(entry_point.name, f"implements an unknown hook: {error}")
        return
    if entry_point.dist is not None:
        registry.versions[entry_point.name] = entry_point.dist.version


