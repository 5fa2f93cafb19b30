"""Read a runner's records against the order every runner follows.

A runner writes, and only ever writes, one JSON object per line on its results pipe:
``collect_error`` records (``path``, ``message``: a part of the tests that could not be
loaded), then exactly one ``collected`` record (``ids``: every case it will run, in order),
then one ``test`` record per case in that order (``id`` and what the runner reports of it),
then exactly one ``finished`` record. Candidate code may run in the runner's process, or be
able to write to the same pipe. Anything else on it (a result before collection, out of order
or twice, an unknown or malformed line, more than the budget, a collection or finish reported
twice) can only be candidate code writing to the result channel: a violation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from worksample.sandbox.framing import HarnessReport

EVENTS = ("collect_error", "collected", "test", "finished")


@dataclass
class RunRecords:
    """What the runner reported, and every way the stream broke the runners' protocol."""

    collected: list[str] | None = None
    results: dict[str, dict] = field(default_factory=dict)
    collect_errors: dict[str, str] = field(default_factory=dict)
    finished: dict | None = None
    violations: list[str] = field(default_factory=list)


def read_records(report: HarnessReport,
                 valid: Callable[[dict], bool] = lambda record: True) -> RunRecords:
    """Walk the records in order, keeping the results that follow the protocol.

    ``valid`` says whether a ``test`` record holds what this runner always writes in one
    (such as a known outcome); one that does not is a violation.
    """
    run = RunRecords()
    position: dict[str, int] = {}
    next_allowed = 0
    for record in report.records:
        event = record.get("event")
        if event == "collect_error" and run.collected is None:
            run.collect_errors[str(record.get("path", ""))] = str(record.get("message", ""))
        elif event == "collected" and run.collected is None:
            ids = record.get("ids")
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                run.violations.append("a 'collected' record whose ids are not a list of names")
                ids = []
            run.collected = ids
            position = {test_id: index for index, test_id in enumerate(run.collected)}
        elif event == "test" and run.collected is not None and run.finished is None:
            test_id = record.get("id")
            index = position.get(test_id, -1) if isinstance(test_id, str) else -1
            if not valid(record) or index < next_allowed:
                run.violations.append("a test result out of order, repeated, or for a test "
                                      "that was not collected")
                continue
            run.results[test_id] = record
            next_allowed = index + 1
        elif event == "finished" and run.finished is None and run.collected is not None:
            run.finished = record
        else:
            run.violations.append(_misplaced(event, run))
    if report.malformed_lines or report.unframed_lines:
        run.violations.append(f"{report.malformed_lines} malformed and {report.unframed_lines} "
                              "unframed line(s)")
    dropped = (report.supervisor or {}).get("dropped_lines") or 0
    if dropped:
        run.violations.append(f"{dropped} line(s) beyond the result budget (a flood)")
    return run


def _misplaced(event, run: RunRecords) -> str:
    """Why a record that is not a result in its place breaks the protocol."""
    if event not in EVENTS:
        return f"an unknown record {str(event)[:40]!r}"
    if run.collected is None:
        return f"a {event!r} record before collection finished"
    if run.finished is not None:
        return f"a {event!r} record after the session finished"
    return f"a second {event!r} record"
