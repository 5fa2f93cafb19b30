"""An example sandboxed assignment type: SQL queries, graded against a hidden SQLite database.

Each `.sql` file of the reference solution is a question; a submission answers with files of
the same names. In the sandbox, runner/run_queries.py runs each query and records the rows it
returns; the reference's rows, recorded the same way once per assignment version, stay on the
host, which compares (the host-compared design: expected rows never enter the container).
"""

from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from worksample import hookimpl
from worksample.models import AssignmentType, CriterionOutcome, Grade, in_assignment_folder
from worksample.sandbox import Limits, harness
from worksample.sandbox.cache import LearnedValues
from worksample.sandbox.compare import compare, expected_values, is_compared_record
from worksample.sandbox.harness import HarnessRun, Runner, Trust
from worksample.sandbox.records import read_records
from worksample.sandbox.verdict import (
    how_it_ended,
    modified_flag,
    not_run_reason,
    sandbox_run,
    tampered_flag,
)

RUNNER = Runner.from_folder(Path(__file__).parent / "runner", trust=Trust.HOST_COMPARED,
                            command=("python3", "-I", "-B", "/sandbox/harness/run_queries.py"))
REFERENCE_ROWS = LearnedValues()  # per assignment version, image and runner
MAX_LINE = 256 * 1024


class SqlQuerySection(BaseModel):
    """The `sqlquery:` section of assignment.yaml."""

    image: str = Field("worksample/python-pytest:bookworm", description="Any image with python3.")
    database: str = Field(description="SQL that builds the hidden database the queries run on.")
    reference: str = "reference"
    starter: str = "starter"
    criterion: str = "queries"
    wall_seconds: float = Field(30, gt=0, le=600)
    per_query_seconds: float = Field(5, gt=0, le=600)
    memory_mb: int = Field(256, ge=64, le=4096)

    @field_validator("database", "reference", "starter")
    @classmethod
    def _exists(cls, value, info):
        return in_assignment_folder(value, info)


def grade(assignment, submission):
    """Run each query of the submission in the sandbox and compare its rows with the
    reference's, on the host."""
    section = assignment.section
    expected = _reference_rows(assignment)
    result = _run(assignment, submission.root)
    records = read_records(result.report, valid=is_compared_record)
    ended = how_it_ended(result.outcome, result.report, records)
    not_run = not_run_reason(ended, result.report, section.wall_seconds, section.memory_mb)
    checks = compare(expected, records, not_run=not_run, kind="query")
    for check in checks:
        check.criterion = section.criterion
    flags = [flag for flag in (tampered_flag(records), modified_flag(result.report)) if flag]
    passed = sum(check.outcome == "passed" for check in checks)
    said = f"{passed} of {len(checks)} queries returned the expected rows"
    evidence = [said] + [f"{check.id}: {check.message}" for check in checks if check.message]
    return Grade(
        criteria={section.criterion: CriterionOutcome(
            fraction=0.0 if flags else passed / len(checks), evidence=evidence,
            feedback=[said + "."])},
        checks=checks, flags=flags, run=sandbox_run(section.image, result, ended),
        details={"trust": RUNNER.trust.value})


def self_test_cases(assignment):
    """The reference must score 100; the starter must score below the pass score."""
    section = assignment.section
    return harness.reference_and_starter(assignment, section.reference, section.starter)


@hookimpl
def worksample_register_assignment_types(register):
    """Provide the `sqlquery` assignment type."""
    register(AssignmentType(
        name="sqlquery", section_model=SqlQuerySection, grade=grade,
        self_test_cases=self_test_cases,
        description="SQL queries run in a sandbox; their rows are compared with the reference's."))


def _reference_rows(assignment):
    """The reference's rows per query, run once per assignment version, image and runner."""
    from worksample.sandbox import docker

    image_id = docker.ensure_image(assignment.section.image)
    key = f"sqlquery-{RUNNER.digest}-{assignment.version}-{image_id[-16:]}"
    return REFERENCE_ROWS.get(key, lambda: expected_values(
        read_records(_run(assignment, assignment.root / assignment.section.reference).report,
                     valid=is_compared_record),
        assignment.root / "assignment.yaml"))


def _run(assignment, work):
    section = assignment.section
    queries = sorted(path.name for path in (assignment.root / section.reference).glob("*.sql"))
    result = harness.run(HarnessRun(
        runner=RUNNER, image=section.image, work=work,
        files={"hidden/database.sql": (assignment.root / section.database).read_bytes()},
        config={"queries": queries, "per_query_seconds": section.per_query_seconds,
                "max_rows": 1000, "max_line": MAX_LINE},
        limits=Limits(wall_seconds=section.wall_seconds, memory_mb=section.memory_mb),
        result_bytes=(len(queries) + 2) * MAX_LINE, max_line=MAX_LINE))
    result.require_summary("the SQL runner did not finish")
    return result
