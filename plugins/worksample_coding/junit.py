"""The coding type's junit mode: the team's own test suite, its JUnit XML read on the host.

A team that has tests for any runner that writes JUnit XML (``node --test``, Jest, Vitest,
``go test`` through a converter, Maven, Gradle, pytest) names the command in ``coding.junit``
(``config.py``). The runner in the container (``junit_runner/runner.py``, trusted, never
running candidate code in its own process) runs it once, or once per test file, then sends
each report's bytes over the harness's result channel; the host reads them
(``junit_report.py``: defusedxml, then junitparser) and decides. The rules:

- The expected test ids are the ones the reference solution's run reports (collected at
  validate or at the first grade of an assignment version, then kept). The reference's run must
  give a readable report for every run, with at least one test and no id twice.
- Each expected id is accounted for: its result in the submission's report, or failed with
  why it has none (its run timed out, wrote no report, wrote one that cannot be read, or the
  whole run was stopped). An id reported twice fails: the report cannot say which is the test's.
- Ids the reference's run did not report are ignored (``unexpected-tests``): candidate code can
  add tests to the suite, never points.
- No points for the tests criterion (a forgery flag) when the result channel broke the
  protocol (``result-channel-tampered``), the hidden tests changed on disk
  (``hidden-tests-modified``), a report held a DTD or entities (``forged-report``: an XML
  bomb or an external entity, which no test runner writes), or a test of
  ``coding.junit.must_fail`` (a canary the team built to fail) was reported passed
  (``forged-outcome``: assertions patched, or a report of passes written by the code).

Trust: ``Trust.RUNNER_OUTCOMES``. The test runner decides pass or fail in a process the
candidate's code shares, so a determined candidate can write a report of passes; the result
and ``worksample validate`` say so.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from worksample.errors import InfrastructureError, WorksampleError
from worksample.models import Assignment, Check, CriterionOutcome, Grade, IntegrityFlag, Submission
from worksample.sandbox import harness
from worksample.sandbox.cache import LearnedValues
from worksample.sandbox.harness import HarnessResult, HarnessRun, Runner, Trust
from worksample.sandbox.records import RunRecords, read_records
from worksample.sandbox.verdict import (
    how_it_ended,
    modified_flag,
    not_run_reason,
    sandbox_run,
    tampered_flag,
)

from .config import REFERENCE_SLACK, CodingSection
from .junit_report import ReportRefused, TestOutcome, read_report
from .verdict import _candidate_feedback, _specifics, weight_of

RUNNER = Runner.from_folder(resources.files("worksample_coding") / "junit_runner",
                            python="runner.py", trust=Trust.RUNNER_OUTCOMES)
SUITE = "(suite)"  # the one run when the command runs the whole suite
FORGED_REPORT = "forged-report"
FORGERY = {FORGED_REPORT, "forged-outcome", "result-channel-tampered", "hidden-tests-modified"}
JUNIT_RISK = (
    "grading mode: junit (the team's test runner decides pass or fail in the container, in "
    "the process the candidate's code shares, and writes the JUnit XML the host reads). A "
    "determined candidate can write that report; mode: recorded decides on the host "
    "(docs/security.md)")
_expected = LearnedValues()  # test ids per assignment version, image and runner


@dataclass
class Reading:
    """What a run's reports say: the results by test id, and why a run has none."""

    results: dict[str, list[TestOutcome]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # run -> why its tests have no result
    forged: list[str] = field(default_factory=list)
    said: dict[str, str] = field(default_factory=dict)  # run -> the line of its output that
    # says what went wrong, e.g. a syntax error (the runner prints it, not the report)


def expected_ids(assignment: Assignment[CodingSection], image: str, image_id: str) -> list[str]:
    """The test ids the reference solution's run reports, kept per assignment version, image
    and runner (``worksample/sandbox/cache.py``)."""
    key = f"junit-{RUNNER.digest}-{assignment.version}-{image_id.split(':')[-1][:16]}"
    return _expected.get(key, lambda: _collect(assignment, image))


def grade_junit(assignment: Assignment[CodingSection], submission: Submission, image: str,
                expected: list[str]) -> Grade:
    """Run the team's tests against ``submission`` and account for every expected test id."""
    section = assignment.section
    result = _run(assignment, image, submission.root)
    result.require_summary(f"the JUnit runner did not finish in image {image!r}")
    records = read_records(result.report, valid=_is_run_record)
    reading = read_reports(records, section)
    ended = how_it_ended(result.outcome, result.report, records)
    checks = [_check(test_id, reading, records, ended, result, section) for test_id in expected]
    flags = _flags(records, result, reading, expected, section.junit.must_fail)
    forged = any(flag.kind in FORGERY for flag in flags)
    for check in checks:
        check.criterion = section.tests_criterion
    summary = result.summary
    return Grade(
        criteria={section.tests_criterion: _outcome(checks, reading, ended, section, forged)},
        checks=checks, flags=flags, run=sandbox_run(image, result, ended),
        details={"trust": Trust.RUNNER_OUTCOMES.value, "mode": "junit",
                 "language": section.language,
                 "output_head": summary.get("output_head", ""),
                 "output_tail": summary.get("output_tail", ""),
                 "output_bytes": summary.get("output_bytes", 0)})


def read_reports(records: RunRecords, section: CodingSection) -> Reading:
    """Parse every report of every run; a test's id starts with its file's name when the
    command ran once per file."""
    assert section.junit is not None
    reading = Reading()
    for run, record in records.results.items():
        if record.get("problem"):
            reading.problems[run] = _run_problem(record)
        said = _error_line(str(record.get("output") or ""))
        if said:
            reading.said[run] = said
        for report in record["reports"]:
            try:
                data = base64.b64decode(report["xml"], validate=True)
                outcomes = read_report(data, max_bytes=section.junit.max_report_kb * 1024,
                                       message_chars=section.limits.message_chars)
            except (binascii.Error, ValueError):
                records.violations.append("a report that is not base64")
                continue
            except ReportRefused as refused:
                reading.problems[run] = f"its JUnit report {report['name']!r} was refused: " \
                                        f"{refused.reason}"
                if refused.forged:
                    reading.forged.append(f"{run}: {report['name']}: {refused.reason}")
                continue
            for outcome in outcomes:
                test_id = outcome.id if run == SUITE else f"{run}::{outcome.id}"
                reading.results.setdefault(test_id, []).append(outcome)
    return reading


def _is_run_record(record: dict) -> bool:
    """What the runner always writes in a run's record."""
    reports = record.get("reports")
    return (isinstance(reports, list)
            and all(isinstance(r, dict) and isinstance(r.get("name"), str)
                    and isinstance(r.get("xml"), str) for r in reports)
            and isinstance(record.get("timed_out"), bool)
            and (record.get("problem") is None or isinstance(record["problem"], str))
            and (record.get("exit") is None or type(record["exit"]) is int))


# javac's "File.java:LINE: error: message" is read by ": error", and Maven's compiler plugin
# says "[ERROR] /path/File.java:[LINE,COLUMN] message"; a compiler's "file:line:column:
# message" (Go's type errors, gcc) counts as well: a test framework's own lines (Go's
# "x_test.go:15: got 2") give no column, and javac's warnings say "warning"
ERROR_LINE = re.compile(r"^[\w.]*(Error|Exception)\b|: (syntax )?error\b|\berror( TS\d+)?:"
                        r"|^[\w./-]+\.\w+:\d+:\d+: |^\[ERROR\] \S+\.java:\[\d+,\d+\] ")


PYTEST_MARK = re.compile(r"^E {2,}")  # pytest's mark on the lines of an error it prints


def _error_line(output: str) -> str:
    """The first line of ``output`` that names an error (``SyntaxError: ...``, Go's
    ``./x.go:4:9: cannot use 0 ...``, tsc's ``error TS2322:``, javac's ``./A.java:3: error:
    ';' expected``, pytest's ``E   SyntaxError: ...`` without its mark); a line that ends
    with a colon goes on with the next line that is not empty (Vite's ``Error: Transform
    failed with 1 error:`` then the file, line and message). At most 200 characters."""
    lines = [PYTEST_MARK.sub("", line.strip()) for line in output.splitlines()]
    for number, line in enumerate(lines):
        if ERROR_LINE.search(line):
            following = next((later for later in lines[number + 1:] if later), "")
            if line.endswith(":") and following:
                line = f"{line} {following}"
            return line[:200]
    return ""


def _run_problem(record: dict) -> str:
    problem = str(record["problem"])
    if record.get("exit") is not None and "no JUnit report" in problem:
        return f"{problem} (exit code {record['exit']})"
    return problem


def _run_of(test_id: str, records: RunRecords) -> str:
    first = test_id.split("::", 1)[0]
    return first if first in (records.collected or ()) else SUITE


def _check(test_id: str, reading: Reading, records: RunRecords, ended: str,
           result: HarnessResult, section: CodingSection) -> Check:
    weight = weight_of(test_id, section.weights)
    found = reading.results.get(test_id, [])
    if len(found) == 1:
        outcome = found[0]
        return Check(id=test_id, kind="test", outcome=outcome.outcome, weight=weight,
                     message=outcome.message, duration_s=outcome.seconds)
    if found:
        message = (f"reported {len(found)} times in the JUnit report; a test runner reports a "
                   "test once, so none of them is believed")
    else:
        message = _why_not_run(_run_of(test_id, records), reading, records, ended, result,
                               section)
    return Check(id=test_id, kind="test", outcome="failed", weight=weight, message=message)


def _why_not_run(run: str, reading: Reading, records: RunRecords, ended: str,
                 result: HarnessResult, section: CodingSection) -> str:
    record = records.results.get(run)
    limits = section.limits
    if record is None:
        return not_run_reason(ended, result.report, limits.wall_seconds, limits.memory_mb)
    where = "" if run == SUITE else f" for {run}"
    said = f"; its output says: {reading.said[run]}" if run in reading.said else ""
    if record["timed_out"]:
        seconds = _run_seconds(section, run != SUITE)
        return f"not run: the test command{where} was stopped at its time limit of " \
               f"{seconds:g}s, before its report gave this test's result"
    if run in reading.problems:
        return f"not run: {reading.problems[run]}{said}"
    return f"not run: the JUnit report{where} has no result for this test{said}"


def _flags(records: RunRecords, result: HarnessResult, reading: Reading,
           expected: list[str], must_fail: list[str]) -> list[IntegrityFlag]:
    flags = [flag for flag in (tampered_flag(records), modified_flag(result.report)) if flag]
    if reading.forged:
        flags.append(IntegrityFlag(kind=FORGED_REPORT, evidence=(
            f"a JUnit report held what no test runner writes: {reading.forged[0]}")))
    passed = [test_id for test_id in must_fail
              if any(o.outcome == "passed" for o in reading.results.get(test_id, []))]
    if passed:
        flags.append(IntegrityFlag(kind="forged-outcome", evidence=(
            f"a hidden test built to fail ({passed[0]}) was reported as passed: something in "
            "the submission changed the assertions or wrote the report")))
    unreported = _unreported_canary(records, reading, expected, must_fail)
    if unreported:
        flags.append(IntegrityFlag(kind="tests-not-run", evidence=(
            f"the hidden test built to fail ({unreported}) was never reported, though other "
            "tests of its run passed and the run ended normally: the tests stopped early (a "
            "crash), or the code under test wrote the report; the reviewer should look")))
    known = set(expected) | set(must_fail)
    unexpected = [test_id for test_id in reading.results if test_id not in known]
    if unexpected:
        flags.append(IntegrityFlag(kind="unexpected-tests", evidence=(
            f"{len(unexpected)} reported test(s) are not hidden tests, e.g. "
            f"{unexpected[0]!r}; ignored")))
    twice = [test_id for test_id in expected if len(reading.results.get(test_id, [])) > 1]
    if twice:
        flags.append(IntegrityFlag(kind="duplicate-tests", evidence=(
            f"{len(twice)} hidden test(s) reported more than once, e.g. {twice[0]!r}: "
            "candidate code added tests of the same name? They count as failed")))
    return flags


def _unreported_canary(records: RunRecords, reading: Reading, expected: list[str],
                       must_fail: list[str]) -> str:
    """A test built to fail that its run never reported although the run ended normally (not
    stopped at its time limit, no problem with its report) and reported other tests passed:
    a runner that ran the suite would have reported it. '' when there is none."""
    for canary in must_fail:
        run = _run_of(canary, records)
        record = records.results.get(run)
        if (canary in reading.results or record is None or record["timed_out"]
                or run in reading.problems):
            continue
        if any(_run_of(t, records) == run and any(o.outcome == "passed" for o in found)
               for t, found in reading.results.items() if t in expected):
            return canary
    return ""


def _outcome(checks: list[Check], reading: Reading, ended: str, section: CodingSection,
             forged: bool) -> CriterionOutcome:
    total = sum(check.weight for check in checks)
    earned = sum(check.weight for check in checks if check.outcome == "passed")
    passed = sum(check.outcome == "passed" for check in checks)
    evidence = [f"{passed} of {len(checks)} hidden tests passed in the team's test runner "
                f"({earned:g} of {total:g} points; JUnit XML, written in the container)"]
    if forged:
        evidence.insert(0, "no points: the test outcomes cannot be trusted (the result "
                           "channel, the hidden tests or a report was tampered with)")
    evidence += [f"{run}: {problem}" for run, problem in reading.problems.items()]
    not_run: dict[str, int] = {}
    for check in checks:
        if check.outcome == "passed":
            continue
        if check.message.startswith("not run: "):
            not_run[check.message] = not_run.get(check.message, 0) + 1
        else:
            first = next((line.strip() for line in check.message.splitlines() if line.strip()),
                         "")
            evidence.append(f"{check.outcome}: {check.id}: {first[:200]}")
    evidence += [f"{count} test(s) {reason}" for reason, count in not_run.items()]
    limits = section.limits
    return CriterionOutcome(
        fraction=0.0 if forged or not total else earned / total, evidence=evidence,
        feedback=_candidate_feedback(passed, len(checks), ended, limits.wall_seconds,
                                     limits.memory_mb, False, forged),
        specifics=_specifics(checks, passed))


def _collect(assignment: Assignment[CodingSection], image: str) -> list[str]:
    """Run the tests against the reference solution; its report's ids, in order."""
    section = assignment.section
    where = assignment.root / "assignment.yaml"
    result = _run(assignment, image, assignment.root / section.reference, reference=True)
    result.require_summary(f"running the hidden tests against the reference solution failed "
                           f"in image {image!r}")
    records = read_records(result.report, valid=_is_run_record)
    if records.violations or records.finished is None:
        raise InfrastructureError(
            "the JUnit runner broke its protocol or did not finish on the reference solution "
            f"({'; '.join(records.violations) or 'no end record'}; the run ended with exit "
            f"code {result.summary.get('exit')}): {result.stderr_tail()}")
    if not records.collected:
        raise WorksampleError(f"field 'coding.junit.per_file': no file of {section.tests!r} "
                              f"matches {section.junit.per_file!r}", path=where)
    reading = read_reports(records, section)
    slow = next((run for run, record in records.results.items() if record["timed_out"]), None)
    if slow is not None:
        where_run = "" if slow == SUITE else f" of {slow}"
        raise WorksampleError(
            f"the hidden tests' run{where_run} against the reference solution was stopped at "
            f"its time limit of {_run_seconds(section, slow != SUITE, reference=True):g}s "
            f"(the reference is given {REFERENCE_SLACK} times coding.limits.per_test_seconds): "
            "raise the limit, or grade on a machine less loaded", path=where)
    if reading.problems:
        run, problem = next(iter(reading.problems.items()))
        raise WorksampleError(
            f"the hidden tests' run ({run}) against the reference solution gave no readable "
            f"JUnit report: {problem}; check coding.junit.command and report "
            f"(output: {result.summary.get('output_tail', '')[-600:]!r})", path=where)
    twice = [test_id for test_id, found in reading.results.items() if len(found) > 1]
    if twice:
        raise WorksampleError(
            f"the reference solution's report names the test {twice[0]!r} "
            f"{len(reading.results[twice[0]])} times: give the hidden tests unique names, so "
            "that each can be accounted for", path=where)
    for canary in section.junit.must_fail:
        found = reading.results.get(canary)
        if not found or found[0].outcome != "failed":
            raise WorksampleError(
                f"field 'coding.junit.must_fail': the reference solution's run "
                f"{'reports ' + found[0].outcome if found else 'has no test'} {canary!r}; a "
                "test built to fail must be reported failed", path=where)
    expected = [test_id for test_id in reading.results
                if test_id not in section.junit.must_fail]
    if not expected:
        raise WorksampleError("the reference solution's JUnit report lists no tests",
                              path=where)
    return expected


def _run(assignment: Assignment[CodingSection], image: str, work: Path,
         reference: bool = False) -> HarnessResult:
    """One run of the JUnit runner on ``work``: the reference solution's (``reference``) or a
    submission's."""
    section = assignment.section
    junit, limits = section.junit, section.limits
    assert junit is not None
    max_bytes = junit.max_report_kb * 1024
    line = max_bytes * 4 // 3 + 8192  # a run's record: its reports in base64, and the rest
    return harness.run(HarnessRun(
        runner=RUNNER, image=image, work=work,
        trees={"tests": assignment.root / section.tests},
        config={"command": junit.command, "report": junit.report, "per_file": junit.per_file,
                "max_report_bytes": max_bytes,
                "run_seconds": _run_seconds(section, junit.per_file is not None, reference)},
        limits=limits.sandbox_limits(), result_bytes=_runs(assignment) * line + 16 * 1024,
        max_line=line, localhost_name=section.localhost_name))


def _run_seconds(section: CodingSection, per_file: bool, reference: bool = False) -> float:
    """A run's time limit: per test file, or the whole suite's (inside the wall clock, so
    that the runner still sends what the command wrote); the reference solution's file has
    more (``CodingLimits.reference_test_seconds``)."""
    limits = section.limits
    if not per_file:
        return max(limits.wall_seconds - 3, 1)
    return limits.reference_test_seconds() if reference else limits.per_test_seconds


def _runs(assignment: Assignment[CodingSection]) -> int:
    """How many runs the command makes: one, or one per matching test file."""
    import fnmatch

    section = assignment.section
    pattern = section.junit.per_file if section.junit else None
    if not pattern:
        return 1
    folder = assignment.root / section.tests
    return max(1, sum(1 for path in folder.iterdir()
                      if path.is_file() and fnmatch.fnmatch(path.name, pattern)))
