"""Grade one coding submission: image, expected tests, sandbox run, verdict.

The first user of the core's sandbox harness (``worksample/sandbox/harness.py``). In classic
mode it supplies the pytest runner (``protocol.py``) and the verdict is ``verdict.py``'s; in
recorded mode both are ``recorded.py``'s; in junit mode, ``junit.py``'s. In every mode, tests
stopped at the per-test time limit raise ``timed-out`` (``timeouts.py``).
"""

from __future__ import annotations

from pathlib import Path

from worksample.errors import InfrastructureError, WorksampleError
from worksample.models import Assignment, CriterionOutcome, Grade, Submission
from worksample.sandbox import harness
from worksample.sandbox.cache import LearnedValues
from worksample.sandbox.harness import HarnessResult
from worksample.sandbox.verdict import sandbox_run
from worksample.workers import LimitedWorkers

from .config import CodingSection
from .junit import JUNIT_RISK, expected_ids, grade_junit
from .protocol import RUNNER, Canary, pytest_run
from .recorded import check_determinism, grade_recorded
from .timeouts import timed_out_flag
from .verdict import judge

COLLECT_BUDGET_TESTS = 20_000  # collection runs the trusted reference: budget for a huge suite
_expected = LearnedValues()  # test ids per assignment version, image and runner


def grade(assignment: Assignment[CodingSection], submission: Submission,
          workers: LimitedWorkers | None = None) -> Grade:
    """Run the hidden tests against ``submission`` in the sandbox and judge the outcome; with
    a ``coding.quality`` section, gather its code-quality signals meanwhile (the static
    analysis in one of ``workers``) into ``details["quality"]``."""
    _place_single_file(submission, assignment.section)
    if assignment.section.quality is None:
        made = _graded(assignment, submission)
    else:
        from .quality.gather import Gathering

        with Gathering(assignment, submission, _image(assignment), workers) as gathering:
            made = _graded(assignment, submission)
        made.details["quality"] = gathering.signals()
    flag = timed_out_flag(made.checks, assignment.section.limits.per_test_seconds)
    if flag is not None:
        made.flags.append(flag)
    return made


def _graded(assignment: Assignment[CodingSection], submission: Submission) -> Grade:
    """The grade of ``submission`` in the assignment's mode."""
    from worksample.sandbox import docker as sandbox  # the docker SDK loads only when grading

    section = assignment.section
    _check_tests_criterion(assignment)
    image = image_for(assignment)
    image_id = sandbox.ensure_image(image)
    if section.mode == "recorded":
        return grade_recorded(assignment, submission, image, image_id)
    if section.mode == "junit":
        expected = expected_ids(assignment, image, image_id)
        _check_weights(assignment, expected)
        return grade_junit(assignment, submission, image, expected)
    expected = expected_tests(assignment, image, image_id)
    canary = Canary.new()
    result = _run_harness(assignment, image, "run", submission.root, len(expected), canary)
    result.require_summary(f"the test harness did not finish in image {image!r}")
    verdict = judge(
        result.report, result.outcome, expected=expected, weights=section.weights,
        canary_id=canary.test_id, wall_seconds=section.limits.wall_seconds,
        memory_mb=section.limits.memory_mb,
    )
    for check in verdict.checks:
        check.criterion = section.tests_criterion
    supervisor = result.summary
    return Grade(
        criteria={section.tests_criterion: CriterionOutcome(
            fraction=verdict.fraction, evidence=verdict.evidence, feedback=verdict.feedback,
            specifics=verdict.specifics)},
        checks=verdict.checks,
        flags=verdict.flags,
        run=sandbox_run(image, result, verdict.ended),
        details={
            "trust": RUNNER.trust.value,
            "mode": "classic",
            "output_head": supervisor.get("output_head", ""),
            "output_tail": supervisor.get("output_tail", ""),
            "output_bytes": supervisor.get("output_bytes", 0),
        },
    )


CLASSIC_RISK = (
    "grading mode: classic (pytest decides pass or fail in the container, in the process the "
    "candidate's code shares). It is hardened and checked, but a determined candidate who "
    "reads worksample's code can forge it; mode: recorded decides on the host "
    "(docs/security.md)")


def assignment_checks(assignment: Assignment[CodingSection]) -> list[str]:
    """What ``worksample validate`` says of the mode; recorded mode also runs the reference
    twice, which must record the same values."""
    if assignment.section.mode == "classic":
        return [CLASSIC_RISK]
    from worksample.sandbox import docker as sandbox

    _check_tests_criterion(assignment)
    image = image_for(assignment)
    image_id = sandbox.ensure_image(image)
    if assignment.section.mode == "junit":
        expected = expected_ids(assignment, image, image_id)
        _check_weights(assignment, expected)
        return [JUNIT_RISK, f"the reference solution's run reported {len(expected)} tests; "
                "each must be accounted for in a submission's report (e.g. "
                f"{expected[0]!r})"]
    cases = check_determinism(assignment, image)
    return ["grading mode: recorded (the hidden cases record what the code returns; the host "
            "compares it with the reference solution's recording, which never enters the "
            "candidate's container)",
            f"the reference solution recorded the same values in two runs ({len(cases)} cases)"]


def _image(assignment: Assignment[CodingSection]) -> str:
    """The assignment's image, there to run in."""
    from worksample.sandbox import docker as sandbox

    image = image_for(assignment)
    sandbox.ensure_image(image)
    return image


def image_for(assignment: Assignment[CodingSection]) -> str:
    """The image to run in: the named one, or the assignment's Dockerfile built once."""
    section = assignment.section
    return harness.image_for(assignment, section.image, section.dockerfile)


def expected_tests(assignment: Assignment[CodingSection], image: str, image_id: str) -> list[str]:
    """The hidden test ids, collected against the reference solution (never the submission).

    Cached per assignment version, image and runner, in memory and under the cache folder.
    """
    short_id = image_id.split(":")[-1][:16]
    # the runner too: a changed one may collect differently
    key = f"tests-{RUNNER.digest}-{assignment.version}-{short_id}"
    expected = _expected.get(key, lambda: _collect(assignment, image))
    _check_weights(assignment, expected)
    return expected


def _collect(assignment: Assignment[CodingSection], image: str) -> list[str]:
    section = assignment.section
    result = _run_harness(assignment, image, "collect", assignment.root / section.reference,
                          COLLECT_BUDGET_TESTS)
    report = result.report
    problems = [f"{r.get('path')}: {r.get('message')}" for r in report.records
                if r.get("event") == "collect_error"]
    collected = next((r["ids"] for r in report.records if r.get("event") == "collected"), None)
    where = assignment.root / "assignment.yaml"
    if report.supervisor is None or collected is None:
        raise InfrastructureError(
            f"collecting the hidden tests failed in image {image!r} (exit code "
            f"{result.outcome.exit_code}; does the image have python3 and pytest?): "
            f"{result.stderr_tail()}"
        )
    if problems:
        raise WorksampleError(
            "the hidden tests do not import against the reference solution: " + "; ".join(problems),
            path=where,
        )
    if not collected:
        raise WorksampleError(f"no hidden tests found in {section.tests!r}", path=where)
    return collected


def _run_harness(assignment: Assignment[CodingSection], image: str, mode: str, work: Path,
                 tests: int, canary: Canary | None = None) -> HarnessResult:
    """One sandbox run of the pytest runner; the output kept is sized for ``tests`` results."""
    section = assignment.section
    return harness.run(pytest_run(
        image=image, mode=mode, tests=assignment.root / section.tests, work=work,
        expected_tests=tests, per_test_seconds=section.limits.per_test_seconds,
        message_chars=section.limits.message_chars, limits=section.limits.sandbox_limits(),
        canary=canary, localhost_name=section.localhost_name))


def _check_tests_criterion(assignment: Assignment[CodingSection]) -> None:
    section = assignment.section
    where = assignment.root / "assignment.yaml"
    try:
        criterion = assignment.criterion(section.tests_criterion)
    except KeyError:
        raise WorksampleError(
            f"field 'coding.tests_criterion': {section.tests_criterion!r} is not a rubric "
            "criterion", path=where) from None
    if criterion.source != "auto":
        raise WorksampleError(
            f"field 'coding.tests_criterion': criterion {criterion.id!r} must have source 'auto'",
            path=where)
    others = [c.id for c in assignment.spec.rubric if c.source == "auto" and c is not criterion]
    if others and section.mode in ("classic", "junit"):
        raise WorksampleError(
            f"field 'rubric': {section.mode} mode scores only {criterion.id!r} automatically; make "
            f"{others} reviewer criteria, or use recorded mode, whose cases name the criterion "
            "they score", path=where)


def _check_weights(assignment: Assignment[CodingSection], expected: list[str]) -> None:
    section = assignment.section
    known = set(expected) | {test_id.split("[", 1)[0] for test_id in expected}
    unknown = sorted(set(section.weights) - known)
    if unknown:
        raise WorksampleError(
            f"field 'coding.weights': no hidden test has the id {unknown[0]!r} "
            f"(ids look like {expected[0]!r})", path=assignment.root / "assignment.yaml")


def _place_single_file(submission: Submission, section: CodingSection) -> None:
    """A single-file submission is graded under the file name the assignment expects."""
    if submission.kind != "file" or section.main_file is None:
        return
    files = [p for p in submission.root.iterdir() if p.is_file()]
    if len(files) == 1 and files[0].name != section.main_file:
        files[0].rename(submission.root / section.main_file)
