"""The verdict on a coding submission, computed on the host from what the harness reported.

Rules, in the order they apply:
- Only the expected test ids count (collected from the reference solution, never from the
  submission), and only results that follow the runners' protocol
  (``worksample/sandbox/records.py``), which the pytest runner also ends with the canary's
  result (canary.py).
- An expected test with no result failed, with the reason: its file did not import, the run hit
  the wall clock or the memory limit, or the test process died.
- Signs of forgery: the result channel broke the runner's protocol; the canary (a hidden test
  built to fail) passed, or the runner saw a test fail that pytest reported as passed
  (``forged-outcome``); hidden test files changed on disk; or the runner found pytest, itself
  or the hidden tests' code changed at run time, or refused such a change
  (``framework-patched``). Then the outcomes cannot be trusted: the tests criterion gets
  nothing, and the result carries the flag with its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from worksample.models import Check, IntegrityFlag
from worksample.sandbox import RunOutcome
from worksample.sandbox.framing import HarnessReport
from worksample.sandbox.records import RunRecords, read_records
from worksample.sandbox.verdict import (
    MODIFIED,
    TAMPERED,
    how_it_ended,
    modified_flag,
    not_run_reason,
    tampered_flag,
)

OUTCOMES = ("passed", "failed", "skipped")
FORGERY_FLAGS = {TAMPERED, "forged-outcome", MODIFIED, "framework-patched"}
NORMAL_EXITS = {0, 1}  # pytest: all passed / some failed


@dataclass
class Verdict:
    """Per-test checks, integrity flags and the share of the tests criterion earned."""

    checks: list[Check]
    flags: list[IntegrityFlag]
    fraction: float
    ended: str
    evidence: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    specifics: dict[str, str] = field(default_factory=dict)


def judge(
    report: HarnessReport,
    outcome: RunOutcome,
    *,
    expected: list[str],
    weights: dict[str, float],
    canary_id: str,
    wall_seconds: float,
    memory_mb: int,
) -> Verdict:
    """Score the expected tests from ``report``; see the module docstring for the rules."""
    run = read_pytest_records(report, canary_id)
    results, collect_errors = run.results, run.collect_errors
    ended = how_it_ended(outcome, report, run, NORMAL_EXITS)
    checks = []
    for test_id in expected:
        weight = weight_of(test_id, weights)
        record = results.get(test_id)
        if record is None:
            reason = _missing_reason(test_id, collect_errors, ended, report, wall_seconds,
                                     memory_mb)
            checks.append(Check(id=test_id, kind="test", outcome="failed", weight=weight,
                                message=reason))
            continue
        checks.append(Check(
            id=test_id, kind="test", outcome=record["outcome"], weight=weight,
            message=str(record.get("message", "")), duration_s=record.get("duration"),
        ))
    flags = _integrity_flags(report, run, canary_id, expected, ended)
    total = sum(c.weight for c in checks)
    earned = sum(c.weight for c in checks if c.outcome == "passed")
    fraction = earned / total if total else 0.0
    passed = sum(1 for c in checks if c.outcome == "passed")
    evidence = [f"{passed} of {len(checks)} hidden tests passed ({earned:g} of {total:g} points)"]
    evidence += _failure_evidence(checks, collect_errors)
    forged = [f for f in flags if f.kind in FORGERY_FLAGS]
    if forged:
        fraction = 0.0
        evidence.insert(0, "no points: the test outcomes cannot be trusted ("
                        + ", ".join(sorted({f.kind for f in forged})) + ")")
    feedback = _candidate_feedback(passed, len(checks), ended, wall_seconds, memory_mb,
                                   bool(collect_errors), bool(forged))
    return Verdict(checks=checks, flags=flags, fraction=fraction, ended=ended, evidence=evidence,
                   feedback=feedback, specifics=_specifics(checks, passed))


def _candidate_feedback(passed: int, total: int, ended: str, wall_seconds: float,
                        memory_mb: int, import_failed: bool, forged: bool) -> list[str]:
    """What the candidate may read: counts and causes, never a hidden test's name or code."""
    lines = [f"{passed} of {total} hidden tests passed."]
    if ended == "timeout":
        lines.append(f"The run was stopped at its time limit of {wall_seconds:g} seconds; "
                     "tests that had not run yet count as failed.")
    elif ended == "memory":
        lines.append(f"The run went over its memory limit of {memory_mb} MB; tests that had "
                     "not run yet count as failed.")
    if import_failed:
        lines.append("Part of the code could not be imported, so the tests that need it "
                     "could not run.")
    if forged:
        lines.append("The test results could not be trusted, so this criterion got no points.")
    return lines


def _specifics(checks: list[Check], passed: int) -> dict[str, str]:
    """Values for discussion questions: the heaviest failed test that ran, and the counts."""
    specifics = {"passed_tests": str(passed), "total_tests": str(len(checks))}
    failed = [c for c in checks if c.outcome != "passed"]
    ran = [c for c in failed if not c.message.startswith("not run: ")]
    if failed:
        worst = max(ran or failed, key=lambda c: c.weight)  # max keeps the first of equals
        specifics["failed_test"] = worst.id
        specifics["failed_test_message"] = summary_line(worst.message) or worst.message[:200]
    return specifics


def weight_of(test_id: str, weights: dict[str, float]) -> float:
    """A test's weight: its exact id, else its id without [parameters], else 1."""
    if test_id in weights:
        return weights[test_id]
    return weights.get(test_id.split("[", 1)[0], 1.0)


def is_canary(test_id: str, canary_id: str) -> bool:
    """Whether ``test_id`` is the canary, or one of its instances when a fixture it uses is
    parametrized."""
    return test_id == canary_id or test_id.startswith(canary_id + "[")


def read_pytest_records(report: HarnessReport, canary_id: str) -> RunRecords:
    """The records, read against the runners' protocol; the pytest runner always reports a
    known outcome, and a session that finished has the canary's result unless the hidden test
    file that holds it could not be imported, or the session broke off before the canary's
    place (``_broke_off_before``)."""
    run = read_records(report, valid=lambda record: record.get("outcome") in OUTCOMES)
    canary_file = canary_id.split("::", 1)[0]
    if (run.finished is not None and canary_file not in run.collect_errors
            and not any(is_canary(t, canary_id) for t in run.results)
            and not _broke_off_before(run, report, canary_id)):
        run.violations.append("the session finished without the canary test's result")
    return run


def _broke_off_before(run: RunRecords, report: HarnessReport, canary_id: str) -> bool:
    """Whether the test process ended abnormally before it reached the canary: an exit pytest
    gives no session it completed (an internal error still reports the session finished),
    with the canary collected and no test from its place on reported. Those tests fail as
    not run. A missing canary that this excuses costs what a hard exit before the finish
    record costs, which the canary never checked: every test from its place on."""
    if (report.supervisor or {}).get("exit") in NORMAL_EXITS:
        return False
    collected = run.collected or []
    place = next((i for i, test_id in enumerate(collected) if is_canary(test_id, canary_id)),
                 None)
    return place is not None and not any(t in run.results for t in collected[place:])


def _missing_reason(test_id, collect_errors, ended, report, wall_seconds, memory_mb) -> str:
    test_file = test_id.split("::", 1)[0]
    for source in (test_file, "conftest.py"):
        if source in collect_errors:
            cause = summary_line(collect_errors[source], last=True)
            return f"not run: {source} could not be imported ({cause})"
    return not_run_reason(ended, report, wall_seconds, memory_mb)


def _integrity_flags(report, run: RunRecords, canary_id, expected, ended) -> list[IntegrityFlag]:
    flags = [tampered_flag(run), _forged_flag(run, canary_id), modified_flag(report)]
    flags = [flag for flag in flags if flag is not None]
    patched = runner_findings(run, "patched")
    if patched:
        flags.append(IntegrityFlag(kind="framework-patched", evidence=(
            "pytest, the harness or the hidden tests' code was changed at run time: "
            + _listed(patched))))
    unexpected = [t for t in run.collected or []
                  if t not in expected and not is_canary(t, canary_id)]
    if unexpected:
        flags.append(IntegrityFlag(kind="unexpected-tests", evidence=(
            f"{len(unexpected)} collected test(s) are not hidden tests, e.g. "
            f"{unexpected[0]!r}; ignored")))
    missing = [t for t in expected if t not in run.results]
    if ended == "completed" and missing and not run.collect_errors:
        flags.append(IntegrityFlag(kind="tests-not-run", evidence=(
            f"{len(missing)} hidden test(s) never reported although the run ended normally, "
            f"e.g. {missing[0]!r} (deselected or skipped from inside the submission?)")))
    return flags


def _forged_flag(run: RunRecords, canary_id: str) -> IntegrityFlag | None:
    """``forged-outcome``: the canary passed (skipped is no sign: a hidden conftest may skip
    tests), or the runner saw a test's body fail (or not run) that pytest reported as passed."""
    reasons = []
    if any(is_canary(t, canary_id) and r["outcome"] == "passed" for t, r in run.results.items()):
        reasons.append(f"a hidden test built to fail ({canary_id}) was reported as passed")
    forged = runner_findings(run, "forged")
    if forged:
        reasons.append(f"pytest reported {len(forged)} test(s) as passed that the runner saw "
                       f"fail or not run, e.g. {forged[0]}")
    if not reasons:
        return None
    return IntegrityFlag(kind="forged-outcome", evidence=(
        "; ".join(reasons) + ": something in the submission rewrote test outcomes"))


def runner_findings(run: RunRecords, kind: str) -> list[str]:
    """What the runner reported of ``kind`` ("patched", "forged") with its test results and
    at the end, each once, in order."""
    found: list[str] = []
    for record in [*run.results.values(), run.finished or {}]:
        items = record.get(kind)
        for item in items if isinstance(items, list) else []:
            if str(item) not in found:
                found.append(str(item))
    return found


def _listed(items: list[str], shown: int = 10) -> str:
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def _failure_evidence(checks: list[Check], collect_errors: dict[str, str]) -> list[str]:
    """One line per import error, per reason for tests that never ran, per test that failed."""
    lines = [f"could not import {path}: {summary_line(message, last=True)}"
             for path, message in collect_errors.items()]
    not_run: dict[str, int] = {}
    for check in checks:
        if check.outcome == "passed":
            continue
        if check.message.startswith("not run: "):
            not_run[check.message] = not_run.get(check.message, 0) + 1
        else:
            lines.append(f"{check.outcome}: {check.id}: {summary_line(check.message)}")
    lines += [f"{count} test(s) {reason}" for reason, count in not_run.items()]
    return lines


def summary_line(message: str, last: bool = False) -> str:
    """The line of a pytest traceback that says what went wrong, without pytest's "E".

    For a failed assert the first "E" line is the clearest; for an import error, the last.
    """
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    errors = [line[1:].strip() for line in lines if line.startswith("E ")] or lines[-1:]
    if not errors:
        return ""
    if last:
        return errors[-1][:200]
    summary = errors[0]
    if len(errors) > 1 and errors[1].startswith("+  where"):  # "assert False" says nothing alone
        summary += f" ({errors[1].removeprefix('+').strip()})"
    return summary[:200]
