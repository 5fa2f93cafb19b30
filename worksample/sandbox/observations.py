"""Recorded cases: a run's observations against the reference solution's, compared on the host.

A recorder (any language) runs hidden cases that call the code under test and writes, per
case, a ``test`` record: ``id``, ``observations`` (a list of ``{"label", "value", "options"}``:
a label, a typed value (``typed.py``), and optionally the ``Tolerance`` it is compared with),
and the case's ``weight`` and ``criterion``. The cases hold no expected values. Run on the
reference solution, in a trusted run, they give the expected observations, which stay on the
host; weights, criteria and tolerances are read from that run only. A candidate's case passes
when it recorded the same labels in the same order, each value matching the reference's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from worksample.errors import WorksampleError
from worksample.sandbox.records import RunRecords
from worksample.sandbox.typed import Tolerance, difference, problem, shown, unrecorded

CASE_ITSELF = "(the case)"  # the label a recorder gives what stopped a case outside a record


@dataclass(frozen=True)
class ReferenceCase:
    """One case as the reference solution recorded it: what a candidate's run must match."""

    id: str
    weight: float
    criterion: str | None
    observations: list[dict]

    def to_json(self) -> dict:
        """A form the cache keeps."""
        return {"id": self.id, "weight": self.weight, "criterion": self.criterion,
                "observations": self.observations}

    @classmethod
    def from_json(cls, data: dict) -> ReferenceCase:
        """Back from ``to_json``."""
        return cls(**data)


def rules_digest() -> str:
    """A short hash of the rules a reference's recording is checked and compared by (this
    module and ``typed.py``): make it part of the key a recording is kept under."""
    digest = hashlib.sha256()
    for module in ("observations.py", "typed.py"):
        digest.update((resources.files("worksample.sandbox") / module).read_bytes())
    return digest.hexdigest()[:12]


def is_observation_record(record: dict) -> bool:
    """Whether a ``test`` record has the shape a recorder writes (pass it to ``read_records``
    as ``valid``); its values are checked when compared."""
    return isinstance(record.get("observations"), list)


def reference_cases(records: RunRecords, where: Path) -> list[ReferenceCase]:
    """The reference solution's cases, in order. Anything that is not a clean recording (a
    case that could not load, a value the recorder could not write, a malformed record, a run
    that did not finish) is a ``WorksampleError`` naming ``where``, the assignment file."""
    problems = [f"{path}: {message}" for path, message in records.collect_errors.items()]
    problems += records.violations
    cases = []
    for case_id in records.collected or []:
        record = records.results.get(case_id)
        trouble = "no result" if record is None else _reference_problem(record)
        if trouble:
            problems.append(f"{case_id}: {trouble}")
            continue
        cases.append(ReferenceCase(id=case_id, weight=float(record["weight"]),
                                   criterion=record.get("criterion"),
                                   observations=record["observations"]))
    if records.finished is None or not records.collected or problems:
        raise WorksampleError(
            "the reference solution's run did not record every case cleanly: "
            f"{'; '.join(problems[:5]) or 'no cases, or the run did not finish'}", path=where)
    return cases


def mismatch(case: ReferenceCase, record: dict | None, not_run: str) -> str | None:
    """None when ``record`` (a candidate's, possibly forged) matches ``case``; otherwise why
    not: ``not_run`` when there is no record, else the first observation that differs."""
    if record is None:
        return not_run
    observations = record.get("observations")
    if not isinstance(observations, list):
        return "the case's record has no observations"
    wanted = case.observations
    for index, expected in enumerate(wanted):
        where = f"at {expected['label']!r} ({index + 1} of {len(wanted)})"
        if index >= len(observations):
            return (f"{where}: nothing was recorded (the case ended early); the reference "
                    f"{_outcome(expected['value'])}")
        got = observations[index]
        if isinstance(got, dict) and got.get("label") == CASE_ITSELF:
            return (f"{where}: the case stopped before it ({shown(got.get('value'))}); the "
                    f"reference {_outcome(expected['value'])}")
        if not isinstance(got, dict) or got.get("label") != expected["label"]:
            label = got.get("label") if isinstance(got, dict) else got
            return f"{where}: the case recorded {str(label)[:80]!r} instead"
        trouble = difference(got.get("value"), expected["value"],
                             Tolerance.from_options(expected.get("options")))
        if trouble is not None:
            detail = f" ({trouble})" if _worth_saying(trouble) else ""
            return (f"{where}: {_outcome(got.get('value'))}; the reference "
                    f"{_outcome(expected['value'])}{detail}")
    if len(observations) > len(wanted):
        extra = observations[len(wanted)]
        label = extra.get("label") if isinstance(extra, dict) else extra
        return f"recorded more than the reference did, from {str(label)[:80]!r} on"
    return None


def nondeterminism(first: list[ReferenceCase], second: list[ReferenceCase]) -> list[str]:
    """The cases two reference runs recorded differently (with their own tolerances): an
    assignment whose reference is not deterministic cannot grade fairly."""
    if [case.id for case in first] != [case.id for case in second]:
        return ["the two runs recorded different cases"]
    return [f"{case.id}: {trouble}" for case, again in zip(first, second, strict=True)
            if (trouble := mismatch(case, again.to_json(), "")) is not None]


def _outcome(value: Any) -> str:
    """``returned 5``, or ``raised KeyError``."""
    text = shown(value)
    return text if text.startswith("raised ") else f"returned {text}"


def _worth_saying(trouble: str) -> bool:
    """Whether ``difference``'s reason adds to the two values shown: where in a collection, or
    the tolerance, but not "a different int"."""
    return not trouble.startswith(("a ", "raised ")) or "tolerance" in trouble


def _reference_problem(record: dict) -> str | None:
    weight = record.get("weight")
    if type(weight) not in (int, float) or not weight > 0:
        return "the case has no positive weight"
    if record.get("criterion") is not None and not isinstance(record["criterion"], str):
        return "the case's criterion is not a name"
    for observation in record["observations"]:
        trouble = _observation_problem(observation)
        if trouble:
            return trouble
    return None


def _raised_as_problem(value: dict, tolerance: Tolerance) -> str | None:
    """``raised_as`` must describe what the reference itself raised."""
    if tolerance.raised_as is None:
        return None
    raised = value.get("raised")
    if raised is None:
        return f"raised_as={tolerance.raised_as!r}, but the reference did not raise"
    if tolerance.raised_as not in (raised["name"], *raised.get("bases", [])):
        return f"raised_as={tolerance.raised_as!r}, but the reference raised {raised['name']}"
    return None


def _observation_problem(observation: Any) -> str | None:
    if not isinstance(observation, dict) or not isinstance(observation.get("label"), str):
        return "an observation without a label"
    label, value = observation["label"], observation.get("value")
    trouble = problem(value)
    if trouble is None and unrecorded(value):
        trouble = f"not recordable: {unrecorded(value)}"
    if trouble is None and label == CASE_ITSELF:
        trouble = f"the case itself stopped ({shown(value)})"
    if trouble is None:
        try:
            tolerance = Tolerance.from_options(observation.get("options"))
        except (TypeError, ValueError) as error:
            trouble = f"bad tolerance: {error}"
        else:
            trouble = _raised_as_problem(value, tolerance)
    return f"at {label!r}: {trouble}" if trouble else None
