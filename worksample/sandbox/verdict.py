"""What the host concludes from any harness run, whatever the runner.

- How the run ended: ``memory`` or ``timeout`` when a limit ended it, ``completed`` when the
  runner reported its end and exited normally, ``crashed`` otherwise. Exit codes alone are
  never believed.
- Why a case has no result, in the words a reviewer reads (``not run: ...``).
- The integrity flags every runner shares: ``result-channel-tampered`` (the records broke the
  protocol, ``records.py``) and ``hidden-tests-modified`` (a sealed folder changed on disk).
  Either means the run's results cannot be trusted: the criterion they score gets nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from worksample.models import IntegrityFlag, SandboxRun
from worksample.sandbox import RunOutcome
from worksample.sandbox.framing import HarnessReport
from worksample.sandbox.harness import HarnessResult
from worksample.sandbox.records import RunRecords

TAMPERED, MODIFIED = "result-channel-tampered", "hidden-tests-modified"


def how_it_ended(outcome: RunOutcome, report: HarnessReport, records: RunRecords,
                 normal_exits: Collection[int] = (0,)) -> str:
    """``memory``, ``timeout``, ``completed`` (finished, and an exit in ``normal_exits``) or
    ``crashed``."""
    if outcome.oom_killed:
        return "memory"
    if outcome.timed_out:
        return "timeout"
    exit_code = (report.supervisor or {}).get("exit")
    return "completed" if records.finished is not None and exit_code in normal_exits else "crashed"


def not_run_reason(ended: str, report: HarnessReport, wall_seconds: float,
                   memory_mb: int) -> str:
    """Why a case of a run that ended as ``ended`` has no result."""
    if ended == "timeout":
        return f"not run: the whole run was stopped at the wall-clock limit of {wall_seconds:g}s"
    if ended == "memory":
        return f"not run: the run exceeded the memory limit of {memory_mb} MB"
    if ended == "crashed":
        exit_code = (report.supervisor or {}).get("exit")
        return f"not run: the test process ended (exit code {exit_code}) before reporting it"
    return "not run: no result was reported for this test"


def tampered_flag(records: RunRecords) -> IntegrityFlag | None:
    """``result-channel-tampered``, with every violation counted, or None."""
    if not records.violations:
        return None
    counted = Counter(records.violations)
    shown = "; ".join(f"{what} ({n} times)" if n > 1 else what for what, n in counted.items())
    return IntegrityFlag(kind=TAMPERED, evidence=(
        f"the result channel breaks the test runner's protocol (something else wrote to it, "
        f"or kept the runner from writing): {shown}"))


def modified_flag(report: HarnessReport) -> IntegrityFlag | None:
    """``hidden-tests-modified``, naming the first files that changed, or None."""
    supervisor = report.supervisor or {}
    changed = supervisor.get("changed") or []
    if not changed:
        return None
    count = supervisor.get("changed_count", len(changed))
    return IntegrityFlag(kind=MODIFIED, evidence=(
        f"{count} file(s) of the hidden tests or the harness changed during the run: "
        f"{', '.join(changed[:10])}"))


def sandbox_run(image: str, result: HarnessResult, ended: str) -> SandboxRun:
    """The result's record of the run: image, how it ended, exit code, seconds."""
    return SandboxRun(image=image, image_id=result.outcome.image_id, ended=ended,
                      exit_code=result.summary.get("exit"),
                      seconds=round(result.outcome.seconds, 3))
