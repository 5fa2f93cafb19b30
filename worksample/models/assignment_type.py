"""``AssignmentType``: what a plugin registers for an assignment type."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
)

from worksample.models.assignment import Identifier, SelfTestCase
from worksample.models.results import Grade


class AssignmentType(BaseModel):
    """An assignment type, as a plugin registers it: its name, the model of its yaml section,
    and its behaviour. The core looks the type up by name and calls its behaviour; nothing
    else is asked. A plugin that registers a name again replaces the type whole.

    The behaviour is plain callables, called by keyword with only the arguments they name
    (like a hook): a future argument never breaks an old plugin.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    name: Identifier
    section_model: type[BaseModel] = Field(
        description="Validates the section of assignment.yaml named after the type.")
    grade: Callable[..., Grade] = Field(
        description="grade(assignment, submission) -> Grade: an outcome for every automatic "
                    "criterion of the rubric. It may also name ``workers``: the grader's "
                    "LimitedWorkers (or None), for parsing candidate files on the host. Raise "
                    "InfrastructureError when the machinery fails, SubmissionRejected when "
                    "the submission cannot be read as work of this type.")
    self_test_cases: Callable[..., list[SelfTestCase]] | None = Field(
        default=None,
        description="self_test_cases(assignment) -> the submissions `worksample validate` "
                    "grades to prove an assignment of this type works.")
    assignment_checks: Callable[..., list[str]] | None = Field(
        default=None,
        description="assignment_checks(assignment) -> lines `worksample validate` prints: how "
                    "far the type's verdicts can be trusted, and checks of the assignment that "
                    "need a run (a reference that must be deterministic). Raise "
                    "WorksampleError for a fault of the assignment.")
    description: str = Field(default="", description="One line for `worksample plugins`.")
    grades_in_worker: bool = Field(
        default=False,
        description="Grade in a worker process under the assignment's host_limits: for types "
                    "that parse the candidate's files on the host (documents, email). The "
                    "worker loads plugins from the entry-point group, so the type's plugin must "
                    "be installed, not registered by hand.")
    plugin: str = Field(default="", description="The plugin that registered it; set by the "
                                                "registry.")

