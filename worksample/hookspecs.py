"""The plugin contract: every hook worksample calls, and the markers plugins use.

Hooks are called by keyword. An implementation may accept any subset of a hook's arguments, so
adding an argument never breaks an old plugin; arguments are never renamed or removed.

A plugin writes::

    from worksample import hookimpl

    @hookimpl
    def worksample_register_assignment_types(register):
        register(AssignmentType(name="sql", section_model=SqlSection))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable

    from worksample.models import Assignment, AssignmentType, Grade, SelfTestCase, Submission

hookspec = pluggy.HookspecMarker("worksample")
hookimpl = pluggy.HookimplMarker("worksample")


@hookspec
def worksample_register_assignment_types(register: Callable[[AssignmentType], None]) -> None:
    """Register the assignment types this plugin grades.

    Fires whenever worksample needs the type registry (loading an assignment, ``plugins``,
    ``schema``). Call ``register(AssignmentType(...))`` once per type; every plugin is asked.
    When two plugins register the same type name, the one registered later wins, so a
    third-party plugin can replace a built-in type. Returns nothing.
    """


@hookspec(firstresult=True)
def worksample_grade(assignment: Assignment, submission: Submission) -> Grade | None:
    """Grade one submission of an assignment of a type this plugin registered.

    Fires once per submission after intake has extracted it safely. Return ``None`` when
    ``assignment.type`` is not yours; otherwise return a ``Grade`` with an outcome for every
    ``auto`` criterion of the rubric. Stops at the first non-None answer (plugins registered
    later are asked first). Raise ``worksample.errors.InfrastructureError`` when the grading
    machinery fails (engine down, image missing): the result becomes ``error``, never a score.
    Raise ``worksample.errors.SubmissionRejected`` when the submission cannot be read as work of
    this type (an encrypted PDF, a scan with no text): the result becomes ``rejected``, with
    the message, and no score.
    """


@hookspec
def worksample_self_test_cases(assignment: Assignment) -> list[SelfTestCase] | None:
    """Submissions that prove an assignment of your type works, for ``worksample validate``.

    Fires once per ``validate``. Return ``None`` when ``assignment.type`` is not yours;
    otherwise a list of cases, e.g. the reference solution (must score 100) and the starter
    (must score below the pass score). Every plugin is asked; the answers are joined.
    """


def hook_names() -> list[str]:
    """Names of every hook in this contract, in definition order."""
    return [name for name, value in globals().items() if _is_hookspec(name, value)]


def _is_hookspec(name: str, value: Any) -> bool:
    return name.startswith("worksample_") and callable(value)
