"""The ``coding:`` section of assignment.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from worksample.models import in_assignment_folder
from worksample.sandbox import Limits

from .quality.spec import QualitySection

REFERENCE_SLACK = 4  # the reference solution's time per test, in a submission's


class CodingLimits(BaseModel):
    """Limits for one grading run of the hidden tests."""

    model_config = ConfigDict(extra="forbid")

    wall_seconds: float = Field(60, gt=0, le=3600, description="The whole run is killed after.")
    per_test_seconds: float = Field(10, gt=0, le=3600, description="One test fails after.")
    memory_mb: int = Field(512, ge=32, le=65536, description="Memory, swap included.")
    cpus: float = Field(1.0, gt=0, le=64)
    pids: int = Field(128, ge=16, le=4096, description="Processes and threads at once.")
    tmpfs_mb: int = Field(64, ge=8, le=4096, description="Writable space in the container.")
    output_kb: int = Field(256, ge=16, le=65536, description="Output kept per stream.")
    message_chars: int = Field(1500, ge=100, le=20000, description="Kept of each failure.")

    def reference_test_seconds(self) -> float:
        """A test's (a case's, a test file's) time limit on the reference solution:
        ``REFERENCE_SLACK`` times a submission's, within the wall clock. The reference's run
        is trusted and learns what every submission is graded against, so a first start
        slowed by a busy machine must not stop the batch; a hung reference still ends. That
        the reference fits a submission's limit is ``worksample validate``'s to check."""
        whole = max(self.wall_seconds - 3, 1)
        return max(self.per_test_seconds, min(self.per_test_seconds * REFERENCE_SLACK, whole))

    def sandbox_limits(self) -> Limits:
        """These limits in the sandbox's terms."""
        return Limits(
            wall_seconds=self.wall_seconds,
            memory_mb=self.memory_mb,
            cpus=self.cpus,
            pids=self.pids,
            tmpfs_mb=self.tmpfs_mb,
            output_bytes=self.output_kb * 1024,
        )


class JUnitRun(BaseModel):
    """Mode junit: the team's own test command, and where it writes its JUnit XML."""

    model_config = ConfigDict(extra="forbid")

    command: list[str] = Field(
        min_length=1, description="The command that runs the hidden tests, word by word, in "
        "the code's folder (/sandbox/work); the hidden tests are in /sandbox/tests. In each "
        "word {report} becomes the path the report must be written to, {tests} the tests' "
        "folder, {file} the test file of this run (with per_file) and {from_memory} a "
        "launcher that runs a program built in the container (the writable mounts are "
        "noexec): `go test -exec 'python3 {from_memory}'`.")
    report: str = Field(
        "{report}", description="Where the command writes its JUnit XML: '{report}' (a fresh "
        "path the grader names, given to the command as {report}), or a file or a folder of "
        ".xml files, relative to the code's folder (e.g. target/surefire-reports).")
    per_file: str | None = Field(
        None, description="A glob of test file names in the tests folder, e.g. '*.test.js': "
        "the command runs once per file, each under limits.per_test_seconds, and a test's id "
        "starts with its file's name. Without it the command runs once, under the wall clock.")
    max_report_kb: int = Field(4096, ge=16, le=65536,
                               description="The largest report read; a larger one is refused.")
    must_fail: list[str] = Field(
        default_factory=list, description="Ids of hidden tests built to fail whatever the code "
        "(canaries, e.g. one asserting 1 == 2): they score nothing, the reference's run must "
        "fail them, and a run that reports one passed gets no points (forged-outcome): "
        "patched assertions and naive forged reports pass them.")

    @field_validator("report")
    @classmethod
    def _inside_the_code(cls, report: str) -> str:
        if report != "{report}" and (report.startswith("/") or ".." in report.split("/")):
            raise ValueError("'report' is '{report}' or a path inside the code's folder "
                             f"(no leading / or ..), not {report!r}")
        return report


class CodingSection(BaseModel):
    """A coding task: hidden tests run against the submission in a Docker sandbox."""

    model_config = ConfigDict(extra="forbid")

    language: str = Field(
        "python", description="The language of the task; recorded mode has a recorder for "
        "each (plugins/worksample_coding/languages.py), classic mode is Python's only.")
    mode: Literal["classic", "recorded", "junit"] = Field(
        "classic", description="'recorded': hidden cases record what the code returns and "
        "the host compares it with the reference solution's recording; expected values never "
        "enter the container. 'classic': pytest tests decide pass or fail in the container, in "
        "the process candidate code shares, which a determined candidate can forge. 'junit': "
        "the team's own test runner (any that writes JUnit XML) decides in the container; "
        "forgeable likewise.",
    )
    junit: JUnitRun | None = Field(None, description="Mode junit's test command and report.")
    image: str | None = Field(
        None, description="Image with python3 (and pytest, or the language's tools). Pulled "
        "when not on the machine. Default: the language's image, if it has one "
        "(worksample/node:bookworm for javascript and typescript, worksample/java:bookworm "
        "for java)."
    )
    dockerfile: str | None = Field(
        None, description="Or a Dockerfile in the assignment folder, built once per version."
    )
    tests: str = Field("tests", description="Folder of hidden pytest tests (classic) or of "
                       "hidden cases (recorded) or of the team's tests (junit).")
    reference: str = Field("reference", description="Folder of the reference solution.")
    starter: str = Field("starter", description="Folder of the starter code candidates get.")
    main_file: str | None = Field(
        None, description="File name a single-file submission is graded as, e.g. solution.py."
    )
    tests_criterion: str = Field(description="The rubric criterion the hidden tests score.")
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Classic mode: test id (file.py::test_name, with or without [params]) -> "
        "weight; junit mode: test id as the result names it; tests not named weigh 1. "
        "Recorded cases give their own: @case(weight=...).",
    )
    limits: CodingLimits = Field(default_factory=CodingLimits)
    localhost_name: bool = Field(
        False, description="Tests resolve the name 'localhost' (127.0.0.1 always works). "
        "Costs about 85 ms more CPU per submission.",
    )
    quality: QualitySection | None = Field(
        None, description="Code-quality signals shown to the reviewers next to the criteria "
        "they inform (lint, function length, complexity, the candidate's own tests and their "
        "coverage), never scored; none are gathered without this section.")

    @model_validator(mode="after")
    def _one_image_source(self) -> CodingSection:
        if self.image is None and self.dockerfile is None:
            from .languages import LANGUAGES

            self.image = LANGUAGES[self.language].image
        if (self.image is None) == (self.dockerfile is None):
            raise ValueError("give exactly one of 'image' and 'dockerfile'")
        return self

    @field_validator("language")
    @classmethod
    def _known_language(cls, language: str) -> str:
        from .languages import LANGUAGES

        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; known: {sorted(LANGUAGES)}")
        return language

    @model_validator(mode="after")
    def _classic_mode_is_pytest(self) -> CodingSection:
        if self.mode == "classic" and self.language != "python":
            from .languages import LANGUAGES

            mode = "recorded" if LANGUAGES[self.language].recorder else "junit"
            raise ValueError(f"classic mode runs pytest, so it is for Python only; a "
                             f"{self.language} task uses mode: {mode}")
        return self

    @model_validator(mode="after")
    def _recorded_mode_has_a_recorder(self) -> CodingSection:
        from .languages import LANGUAGES

        if self.mode == "recorded" and LANGUAGES[self.language].recorder is None:
            raise ValueError(f"recorded mode has no recorder for {self.language} yet; a "
                             f"{self.language} task uses mode: junit (the team's own tests)")
        return self

    @model_validator(mode="after")
    def _junit_section_with_junit_mode(self) -> CodingSection:
        if (self.mode == "junit") != (self.junit is not None):
            raise ValueError("mode: junit needs a 'junit:' section (its command), and only "
                             "mode junit has one")
        return self

    @model_validator(mode="after")
    def _weights_in_classic_mode(self) -> CodingSection:
        if self.mode == "recorded" and self.weights:
            raise ValueError("'weights' is for classic mode; a recorded case gives its own "
                             "weight: @case(weight=3)")
        return self

    @field_validator("dockerfile", "tests", "reference", "starter")
    @classmethod
    def _exists_in_folder(cls, value: str | None, info: ValidationInfo) -> str | None:
        return in_assignment_folder(value, info)

    @field_validator("weights")
    @classmethod
    def _positive_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        bad = sorted(name for name, weight in weights.items() if weight <= 0)
        if bad:
            raise ValueError(f"weights must be positive: {bad}")
        return weights
