"""The plugin contract: every hook worksample calls, and the markers plugins use.

Version 2: an assignment type carries its behaviour (``AssignmentType.grade``,
``.self_test_cases``) and the core looks it up by name; hooks are for what every plugin
contributes. Hooks are called by keyword, one plugin at a time. An implementation may accept
any subset of a hook's arguments, so adding an argument never breaks an old plugin; arguments
are never renamed or removed.

A plugin writes::

    from worksample import hookimpl

    @hookimpl
    def worksample_register_assignment_types(register):
        register(AssignmentType(name="sql", section_model=SqlSection, grade=grade_sql))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable

    from worksample.models import AssignmentType

hookspec = pluggy.HookspecMarker("worksample")
hookimpl = pluggy.HookimplMarker("worksample")


@hookspec
def worksample_register_assignment_types(register: Callable[[AssignmentType], None]) -> None:
    """Register the assignment types this plugin grades, each with its behaviour.

    Fires whenever worksample needs the type registry (loading an assignment, grading,
    ``plugins``, ``schema``). Call ``register(AssignmentType(...))`` once per type; every
    plugin is asked. When two plugins register the same type name, the one registered later
    replaces the other's type whole, so a third-party plugin can replace a built-in type.
    Returns nothing. If it raises, or registers what is not an ``AssignmentType``, the plugin
    is reported and left out.
    """


def hook_names() -> list[str]:
    """Names of every hook in this contract, in definition order."""
    return [name for name, value in globals().items() if _is_hookspec(name, value)]


def _is_hookspec(name: str, value: Any) -> bool:
    return name.startswith("worksample_") and callable(value)
