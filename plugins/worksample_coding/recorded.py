"""The coding type's recorded mode: hidden cases record what the code returns, the host compares.

The cases (a folder of modules in the task's language, written with that language's
recorder helper, see docs/assignments.md and ``languages.py``) run in the sandbox twice
over: once against the reference solution, in a trusted run whose recording is kept on the
host (``Trust.HOST_COMPARED``), and once per submission. A case passes when the
submission's recording matches the reference's (``worksample/sandbox/observations.py``): no
amount of patching in the container produces a pass without producing the reference's
outputs, because those never enter it.

The reference's run may also leave artifacts: tools its runner made before any code under
test ran (the TypeScript compiler's V8 code cache, the Go recorder's stub generator), kept
with its recording and sent to each submission's run in ``/sandbox/artifacts/`` (sealed), so
that those runs do not make them again. They are the runner's own tools, never anything of
the reference's solution or its values.
"""

from __future__ import annotations

import json
from pathlib import Path

from worksample.models import Assignment, Check, CriterionOutcome, Grade, Submission
from worksample.sandbox import harness
from worksample.sandbox.cache import LearnedValues
from worksample.sandbox.harness import HarnessResult, HarnessRun, Trust
from worksample.sandbox.observations import (
    ReferenceCase,
    is_observation_record,
    mismatch,
    nondeterminism,
    reference_cases,
    rules_digest,
)
from worksample.sandbox.records import RunRecords, read_records
from worksample.sandbox.verdict import (
    how_it_ended,
    modified_flag,
    not_run_reason,
    sandbox_run,
    tampered_flag,
)

from .artifacts import artifact_files, take_artifacts
from .config import CodingSection
from .languages import LANGUAGES
from .verdict import _candidate_feedback, _specifics, summary_line

MAX_LINE = 1024 * 1024  # one case's recording, at most
REFERENCE_BYTES = 64 * 1024 * 1024  # all of the reference's recording
RULES = rules_digest()
_reference = LearnedValues()  # the reference's recording per assignment version, image, runner


def grade_recorded(assignment: Assignment[CodingSection], submission: Submission, image: str,
                   image_id: str) -> Grade:
    """Run the hidden cases against ``submission`` and compare with the reference's recording."""
    section = assignment.section
    learned = _learned(assignment, image, image_id)
    cases = [ReferenceCase.from_json(case) for case in learned["cases"]]
    line = line_limit(cases, section.limits.message_chars)
    result = _run(assignment, image, submission.root, max_line=line,
                  result_bytes=(len(cases) + 8) * line + 512 * len(cases),
                  artifacts=learned["artifacts"])
    result.require_summary(f"the recorder did not finish in image {image!r}")
    records = read_records(result.report, valid=is_observation_record)
    _refuse_strange_collect_errors(records, assignment.root / section.tests,
                                   LANGUAGES[section.language])
    ended = how_it_ended(result.outcome, result.report, records)
    limits = section.limits
    not_run = not_run_reason(ended, result.report, limits.wall_seconds, limits.memory_mb)
    checks = [_check(case, records, not_run, section) for case in cases]
    flags = [flag for flag in (tampered_flag(records), modified_flag(result.report)) if flag]
    criteria = {}
    for criterion in dict.fromkeys(check.criterion for check in checks):
        own = [check for check in checks if check.criterion == criterion]
        criteria[criterion] = _outcome(own, records, ended, limits, bool(flags))
    return Grade(criteria=criteria, checks=checks, flags=flags,
                 run=sandbox_run(image, result, ended),
                 details={"trust": Trust.HOST_COMPARED.value, "mode": "recorded",
                          "language": section.language,
                          **_output(result)})


def line_limit(cases: list[ReferenceCase], message_chars: int) -> int:
    """The longest record a candidate's run may write: room for eight times the reference's
    longest (a right float may take 8 times the reference's characters, "0.30000000000000004"
    for "0.3"), so that an answer is recorded whole, but not unbounded; a longer one the
    recorder turns into "not recordable", a mismatch. What the host holds of a run is bounded
    by the reference's size, not by the candidate's. Room too for the list of cases, and for a
    collection error's message (12 bytes a character as JSON at worst)."""
    longest = max((len(json.dumps(case.to_json())) for case in cases), default=0)
    collected = len(json.dumps([case.id for case in cases]))  # the "collected" record
    return max(min(MAX_LINE, 8 * longest + 16 * 1024), 2 * collected + 4096,
               12 * message_chars + 4096)


def recorded_reference(assignment: Assignment[CodingSection], image: str,
                       image_id: str) -> list[ReferenceCase]:
    """The reference solution's recording: run once per assignment version, image and runner,
    then kept (``worksample/sandbox/cache.py``)."""
    return [ReferenceCase.from_json(case)
            for case in _learned(assignment, image, image_id)["cases"]]


def _learned(assignment: Assignment[CodingSection], image: str, image_id: str) -> dict:
    """What the reference's run taught: its recording ("cases"), and the artifacts its runner
    left for the candidates' runs ("artifacts": name -> base64, a tool made in a trusted run
    before any code under test ran, such as a compiler's code cache)."""
    recorder = LANGUAGES[assignment.section.language].recorder
    # the host's rules too: a recording checked by older rules is checked again
    key = (f"recorded-{recorder.digest}-{RULES}-{assignment.version}-"
           f"{image_id.split(':')[-1][:16]}")

    def learn() -> dict:
        cases, artifacts = _recording(assignment, image, artifacts=True)
        return {"cases": [case.to_json() for case in cases], "artifacts": artifacts}

    learned = _reference.get(key, learn)
    # kept before there were artifacts: the recording alone
    return {"cases": learned, "artifacts": {}} if isinstance(learned, list) else learned


def check_determinism(assignment: Assignment[CodingSection], image: str) -> list[ReferenceCase]:
    """Record the reference twice, afresh; a difference is a ``WorksampleError`` naming the
    cases: an assignment whose reference is not deterministic cannot grade fairly."""
    from worksample.errors import WorksampleError

    first, second = _record_reference(assignment, image), _record_reference(assignment, image)
    differences = nondeterminism(first, second)
    if differences:
        raise WorksampleError(
            "the reference solution recorded different values in two runs, so candidates "
            f"would be graded by chance: {'; '.join(differences[:3])}",
            path=assignment.root / "assignment.yaml")
    return first


def _record_reference(assignment: Assignment[CodingSection], image: str) -> list[ReferenceCase]:
    return _recording(assignment, image)[0]


def _recording(assignment: Assignment[CodingSection], image: str,
               artifacts: bool = False) -> tuple[list[ReferenceCase], dict[str, str]]:
    """The reference's cases, and with ``artifacts`` what its runner left for later runs."""
    section = assignment.section
    result = _run(assignment, image, assignment.root / section.reference, max_line=MAX_LINE,
                  result_bytes=REFERENCE_BYTES, make_artifacts=artifacts, reference=True)
    result.require_summary(f"recording the reference solution failed in image {image!r} "
                           "(does the image have python3?)")
    left = take_artifacts(result)
    where = assignment.root / "assignment.yaml"
    cases = reference_cases(read_records(result.report, valid=is_observation_record), where)
    _check_criteria(assignment, cases, where)
    return cases, left


def _check_criteria(assignment: Assignment[CodingSection], cases: list[ReferenceCase],
                    where: Path) -> None:
    from worksample.errors import WorksampleError

    automatic = {c.id for c in assignment.spec.rubric if c.source == "auto"}
    named = {case.criterion or assignment.section.tests_criterion for case in cases}
    if named - automatic:
        raise WorksampleError(
            f"cases score {sorted(named - automatic)}, which are not automatic criteria of the "
            "rubric (source: auto)", path=where)
    if automatic - named:
        raise WorksampleError(
            f"no case scores the automatic criteria {sorted(automatic - named)}: give some "
            "cases criterion=... or make those criteria reviewer criteria", path=where)


def _run(assignment: Assignment[CodingSection], image: str, work: Path, *, max_line: int,
         result_bytes: int, make_artifacts: bool = False,
         artifacts: dict[str, str] | None = None, reference: bool = False) -> HarnessResult:
    """One run of the recorder. ``make_artifacts``: a trusted run, whose runner may leave
    artifacts (``artifacts.take_artifacts``); ``artifacts``: those, sent in at /sandbox/artifacts/
    (sealed), for the runner to use before any code under test runs; ``reference``: the
    reference solution's run, with its longer time per case."""
    section = assignment.section
    limits = section.limits
    per_case = limits.reference_test_seconds() if reference else limits.per_test_seconds
    return harness.run(HarnessRun(
        runner=LANGUAGES[section.language].recorder, image=image, work=work,
        trees={"tests": assignment.root / section.tests},
        files=artifact_files(artifacts),
        config={"per_case_seconds": per_case, "max_line": max_line,
                "message_chars": limits.message_chars, "make_artifacts": make_artifacts},
        limits=limits.sandbox_limits(), result_bytes=result_bytes, max_line=max_line + 4096,
        localhost_name=section.localhost_name))


def _refuse_strange_collect_errors(records: RunRecords, folder: Path, language) -> None:
    """A collection error can only be about a module of the hidden cases' folder (cases, or a
    helper they import); any other was written by the candidate's code (a flood of them would
    fill the result): a violation, not evidence."""
    modules = {path.name for path in folder.iterdir() if language.is_case_file(path.name)}
    strange = [path for path in records.collect_errors if path not in modules]
    for path in strange:
        del records.collect_errors[path]
    if strange:
        records.violations.append(f"{len(strange)} collection error(s) for files that are not "
                                  "hidden case modules")


def _check(case: ReferenceCase, records: RunRecords, not_run: str,
           section: CodingSection) -> Check:
    module = case.id.split("::", 1)[0]
    if case.id not in records.results and module in records.collect_errors:
        cause = summary_line(records.collect_errors[module], last=True)
        not_run = f"not run: {module} could not be imported ({cause})"
    try:
        message = mismatch(case, records.results.get(case.id), not_run)
    except Exception as error:  # a hole in the comparison costs this case, not the result
        message = f"the recording could not be compared ({type(error).__name__})"
    chars = section.limits.message_chars
    if message and len(message) > chars:
        message = message[:chars] + "..."
    return Check(id=case.id, kind="case", outcome="failed" if message else "passed",
                 weight=case.weight, message=message or "",
                 criterion=case.criterion or section.tests_criterion)


def _outcome(checks: list[Check], records: RunRecords, ended: str, limits,
             forged: bool) -> CriterionOutcome:
    total = sum(check.weight for check in checks)
    earned = sum(check.weight for check in checks if check.outcome == "passed")
    passed = sum(check.outcome == "passed" for check in checks)
    evidence = [f"{passed} of {len(checks)} hidden cases returned what the reference solution "
                f"returns ({earned:g} of {total:g} points)"]
    if forged:
        evidence.insert(0, "no points: something other than the recorder wrote to the result "
                           "channel, or the hidden cases changed on disk")
    evidence += [f"could not import {path}: {summary_line(message, last=True)}"
                 for path, message in records.collect_errors.items()]
    evidence += [f"failed: {check.id}: {check.message}" for check in checks
                 if check.outcome == "failed" and not check.message.startswith("not run: ")]
    not_run = [check for check in checks if check.message.startswith("not run: ")]
    if not_run:
        evidence.append(f"{len(not_run)} case(s) {not_run[0].message}")
    return CriterionOutcome(
        fraction=0.0 if forged or not total else earned / total, evidence=evidence,
        feedback=_candidate_feedback(passed, len(checks), ended, limits.wall_seconds,
                                     limits.memory_mb, bool(records.collect_errors), forged),
        specifics=_specifics(checks, passed))


def _output(result: HarnessResult) -> dict:
    summary = result.summary
    return {"output_head": summary.get("output_head", ""),
            "output_tail": summary.get("output_tail", ""),
            "output_bytes": summary.get("output_bytes", 0)}
