"""The host-compared verdict: a run's records against the reference solution's.

A runner for this design records, per case, what the code under test returned: a ``test``
record with ``value`` (any JSON) or with ``error`` (text: it raised, or could not run). Run on
the reference solution, it gives the expected values, which stay on the host: they never enter
the candidate's container. A case passes when the candidate's run recorded exactly the
reference's value: the same JSON, types included (``1``, ``1.0``, ``true`` and ``"1"`` all
differ), lists in the same order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from worksample.errors import WorksampleError
from worksample.models import Check
from worksample.sandbox.records import RunRecords

SHOWN_CHARS = 300  # of a value or an error, in a check's message


def is_compared_record(record: dict) -> bool:
    """Whether a ``test`` record holds what such a runner writes: a value or an error text
    (pass it to ``read_records`` as ``valid``)."""
    return ("value" in record) != isinstance(record.get("error"), str)


def expected_values(records: RunRecords, where: Path) -> dict[str, Any]:
    """The reference solution's value per case, in order. Any error, gap or broken protocol
    in the reference's run is a ``WorksampleError`` naming ``where`` (the assignment file)."""
    problems = [f"{path}: {message}" for path, message in records.collect_errors.items()]
    problems += records.violations
    for case in records.collected or []:
        record = records.results.get(case)
        if record is None or "error" in record:
            problems.append(f"{case}: {record['error'] if record else 'no result'}")
    if records.finished is None or not records.collected or problems:
        raise WorksampleError("the reference solution's run did not give a value for every "
                              f"case: {'; '.join(problems) or 'no cases or no end'}", path=where)
    return {case: records.results[case]["value"] for case in records.collected}


def compare(expected: Mapping[str, Any], records: RunRecords, *, not_run: str,
            kind: str = "case") -> list[Check]:
    """One check per expected case: passed when ``records`` hold exactly the expected value;
    failed with what was returned instead, the error, or ``not_run`` (why there is no
    result)."""
    checks = []
    for case, value in expected.items():
        record = records.results.get(case)
        if record is None:
            outcome, message = "failed", not_run
        elif "error" in record:
            outcome, message = "failed", f"error: {_shown(record['error'])}"
        elif _same(record["value"], value):
            outcome, message = "passed", ""
        else:
            outcome = "failed"
            message = f"returned {_shown(record['value'])}; expected {_shown(value)}"
        checks.append(Check(id=case, kind=kind, outcome=outcome, message=message))
    return checks


def _same(got: Any, wanted: Any) -> bool:
    return json.dumps(got, sort_keys=True) == json.dumps(wanted, sort_keys=True)


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."
