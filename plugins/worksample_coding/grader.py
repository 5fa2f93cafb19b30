"""Grade one coding submission: image, expected tests, sandbox run, verdict."""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import threading
from pathlib import Path

from worksample.errors import InfrastructureError, WorksampleError
from worksample.models import Assignment, CriterionOutcome, Grade, SandboxRun, Submission
from worksample.sandbox import RunRequest

from .config import CodingSection
from .protocol import (
    COMMAND,
    SUMMARY_RESERVE,
    Canary,
    HarnessReport,
    build_stdin,
    harness_digest,
    parse_stdout,
    result_budget,
)
from .verdict import judge

CACHE_ENV = "WORKSAMPLE_CACHE_DIR"
DEADLINE_MARGIN_S = 5  # the container ends itself this long after the wall clock
COLLECT_BUDGET_TESTS = 20_000  # collection runs the trusted reference: budget for a huge suite
_expected_cache: dict[tuple[str, str], list[str]] = {}
_expected_lock = threading.Lock()  # parallel graders collect an assignment's tests once


def grade(assignment: Assignment, submission: Submission) -> Grade:
    """Run the hidden tests against ``submission`` in the sandbox and judge the outcome."""
    from worksample.sandbox import docker as sandbox  # the docker SDK loads only when grading

    section: CodingSection = assignment.section
    _check_tests_criterion(assignment)
    image = image_for(assignment)
    image_id = sandbox.ensure_image(image)
    expected = expected_tests(assignment, image, image_id)
    _place_single_file(submission, section)
    canary = Canary.new()
    outcome, report = _run_harness(assignment, image, "run", submission.root, len(expected),
                                   canary)
    if report.supervisor is None and not (outcome.timed_out or outcome.oom_killed):
        raise InfrastructureError(
            f"the test harness did not finish in image {image!r} (exit code {outcome.exit_code})"
            f": {outcome.stderr.decode('utf-8', 'replace')[-1500:]}"
        )
    verdict = judge(
        report, outcome, expected=expected, weights=section.weights, canary_id=canary.test_id,
        wall_seconds=section.limits.wall_seconds, memory_mb=section.limits.memory_mb,
    )
    for check in verdict.checks:
        check.criterion = section.tests_criterion
    supervisor = report.supervisor or {}
    return Grade(
        criteria={section.tests_criterion: CriterionOutcome(
            fraction=verdict.fraction, evidence=verdict.evidence, feedback=verdict.feedback,
            specifics=verdict.specifics)},
        checks=verdict.checks,
        flags=verdict.flags,
        run=SandboxRun(image=image, image_id=outcome.image_id, ended=verdict.ended,
                       exit_code=supervisor.get("exit"), seconds=round(outcome.seconds, 3)),
        details={
            "output_head": supervisor.get("output_head", ""),
            "output_tail": supervisor.get("output_tail", ""),
            "output_bytes": supervisor.get("output_bytes", 0),
        },
    )


def image_for(assignment: Assignment) -> str:
    """The image to run in: the named one, or the assignment's Dockerfile built once."""
    section: CodingSection = assignment.section
    if section.image is not None:
        return section.image
    from worksample.sandbox import docker as sandbox

    tag = f"worksample-assignment/{assignment.id}:{assignment.version}"
    sandbox.build_image(str(assignment.root), section.dockerfile, tag)
    return tag


def expected_tests(assignment: Assignment, image: str, image_id: str) -> list[str]:
    """The hidden test ids, collected against the reference solution (never the submission).

    Cached per assignment version, image and harness, in memory and under the cache folder.
    """
    with _expected_lock:
        return _expected_tests(assignment, image, image_id)


def _expected_tests(assignment: Assignment, image: str, image_id: str) -> list[str]:
    key = (assignment.version, image_id)
    if key in _expected_cache:
        return _expected_cache[key]
    short_id = image_id.split(":")[-1][:16]
    # the harness too: a changed one may collect differently
    cache_file = (_cache_dir()
                  / f"tests-{harness_digest()}-{assignment.version}-{short_id}.json")
    if cache_file.is_file():
        expected = json.loads(cache_file.read_text())
    else:
        expected = _collect(assignment, image)
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(expected))
        temporary.replace(cache_file)
    _check_weights(assignment, expected)
    _expected_cache[key] = expected
    return expected


def _collect(assignment: Assignment, image: str) -> list[str]:

    section: CodingSection = assignment.section
    outcome, report = _run_harness(assignment, image, "collect",
                                   assignment.root / section.reference, COLLECT_BUDGET_TESTS)
    problems = [f"{r.get('path')}: {r.get('message')}" for r in report.records
                if r.get("event") == "collect_error"]
    collected = next((r["ids"] for r in report.records if r.get("event") == "collected"), None)
    where = assignment.root / "assignment.yaml"
    if report.supervisor is None or collected is None:
        raise InfrastructureError(
            f"collecting the hidden tests failed in image {image!r} (exit code "
            f"{outcome.exit_code}; does the image have python3 and pytest?): "
            f"{outcome.stderr.decode('utf-8', 'replace')[-1500:]}"
        )
    if problems:
        raise WorksampleError(
            "the hidden tests do not import against the reference solution: " + "; ".join(problems),
            path=where,
        )
    if not collected:
        raise WorksampleError(f"no hidden tests found in {section.tests!r}", path=where)
    return collected


def _run_harness(assignment: Assignment, image: str, mode: str, work: Path, tests: int,
                 canary: Canary | None = None):
    """One sandbox run of the harness; the output kept is sized for ``tests`` results."""
    from worksample.sandbox import docker as sandbox

    section: CodingSection = assignment.section
    nonce = secrets.token_hex(16)
    budget = result_budget(tests, section.limits.message_chars)
    stdin = build_stdin(
        nonce=nonce, mode=mode, tests=assignment.root / section.tests, work=work,
        per_test_seconds=section.limits.per_test_seconds,
        message_chars=section.limits.message_chars, relay_bytes=budget,
        deadline_seconds=section.limits.wall_seconds + DEADLINE_MARGIN_S, canary=canary,
    )
    limits = section.limits.sandbox_limits()
    limits = dataclasses.replace(
        limits, output_bytes=max(limits.output_bytes, budget + SUMMARY_RESERVE))
    outcome = sandbox.run(RunRequest(image=image, command=COMMAND, stdin=stdin, limits=limits,
                                     localhost_name=section.localhost_name))
    report: HarnessReport = parse_stdout(outcome.stdout, nonce)
    interfaces = (report.supervisor or {}).get("network_interfaces")
    if interfaces:
        raise InfrastructureError(
            f"the sandbox had network interfaces {interfaces}, not only loopback: this Docker "
            "engine does not isolate a container with networking disabled, so no candidate "
            "code was run")
    return outcome, report


def _check_tests_criterion(assignment: Assignment) -> None:
    section: CodingSection = assignment.section
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
    if others:
        raise WorksampleError(
            f"field 'rubric': the coding type scores only {criterion.id!r} automatically; make "
            f"{others} reviewer criteria", path=where)


def _check_weights(assignment: Assignment, expected: list[str]) -> None:
    section: CodingSection = assignment.section
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


def _cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "worksample"
