"""The core's sandbox harness on its own: the interface, the host's checks, and a runner that
is not Python (a bash script started by command) run on the real Docker engine."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from worksample.errors import WorksampleError
from worksample.sandbox import Limits, RunOutcome, harness
from worksample.sandbox.cache import LearnedValues
from worksample.sandbox.compare import compare, expected_values, is_compared_record
from worksample.sandbox.framing import HarnessReport, supervisor_source
from worksample.sandbox.harness import HarnessRun, Runner, Trust
from worksample.sandbox.records import read_records
from worksample.sandbox.verdict import how_it_ended, modified_flag, tampered_flag

IMAGE = "worksample/python-pytest:bookworm"
RUNNER_SH = b"""\
# Runs work/add.sh on the numbers in /sandbox/cases/sum.in and records what it printed.
results=$1
record() { printf '%s\\n' "$1" >&"$results"; }
record '{"event": "collected", "ids": ["sum", "arguments"]}'
echo "the runner's own output"
out=$(bash /sandbox/work/add.sh $(cat /sandbox/cases/sum.in) {results}>&-)
if [[ $out =~ ^-?[0-9]+$ ]]; then
  record "{\\"event\\": \\"test\\", \\"id\\": \\"sum\\", \\"value\\": $out}"
else
  record '{"event": "test", "id": "sum", "error": "add.sh did not print a number"}'
fi
arguments="[$#, $2, \\"$PWD\\", \\"$WHO\\"]"
record "{\\"event\\": \\"test\\", \\"id\\": \\"arguments\\", \\"value\\": $arguments}"
record '{"event": "finished"}'
"""
BASH_RUNNER = Runner(files={"runner.sh": RUNNER_SH}, command=("bash", "/sandbox/harness/runner.sh"),
                     environment={"WHO": "the runner"}, trust=Trust.HOST_COMPARED)


def blocks(stdin: bytes) -> list[bytes]:
    """The length-prefixed blocks the supervisor reads."""
    found = []
    while stdin:
        size = int.from_bytes(stdin[:8], "big")
        found.append(stdin[8:8 + size])
        stdin = stdin[8 + size:]
    return found


def records_of(*records, supervisor=None) -> HarnessReport:
    return HarnessReport(records=list(records), supervisor=supervisor or {"exit": 0})


def test_a_runner_is_a_command_or_a_python_file_of_its_own():
    with pytest.raises(ValueError, match="either a command or a python file"):
        Runner(files={"r.py": b""}, trust=Trust.HOST_COMPARED)
    with pytest.raises(ValueError, match="either a command or a python file"):
        Runner(files={"r.py": b""}, command=("x",), python="r.py", trust=Trust.HOST_COMPARED)
    with pytest.raises(ValueError, match="not in its files"):
        Runner(files={}, python="r.py", trust=Trust.HOST_COMPARED)
    with pytest.raises(ValueError, match="plain file names"):
        Runner(files={"sub/r.py": b""}, python="sub/r.py", trust=Trust.HOST_COMPARED)


def test_a_run_sends_the_supervisor_its_header_the_files_and_the_nonce_last(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "sum.in").write_text("2 3")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "add.sh").write_text("echo 5")
    run = HarnessRun(runner=BASH_RUNNER, image=IMAGE, work=tmp_path / "work",
                     trees={"cases": tmp_path / "cases"}, files={"extra/x.txt": b"x"},
                     config={"greeting": "hi"}, limits=Limits(wall_seconds=7),
                     result_bytes=1000, max_line=100)
    source, header, files, nonce = blocks(run.stdin("n0nce"))
    assert source == supervisor_source() and nonce == b"n0nce"
    assert json.loads(header) == {
        "deadline_seconds": 12, "relay_bytes": 1000, "max_line": 100,
        "sealed": ["cases", "extra", "harness"],
        "runner": {"command": ["bash", "/sandbox/harness/runner.sh"]},
        "environment": {"WHO": "the runner"}, "config": '{"greeting": "hi"}',
    }
    with tarfile.open(fileobj=io.BytesIO(files)) as tar:
        assert sorted(tar.getnames()) == ["cases", "cases/sum.in", "extra/x.txt",
                                          "harness/runner.sh", "work", "work/add.sh"]


def test_the_harness_and_work_folders_are_the_cores():
    for trees, files in [({"work": Path()}, {}), ({"harness": Path()}, {}),
                         ({}, {"harness/x": b""}), ({}, {"top-level": b""})]:
        with pytest.raises(ValueError, match="cannot send"):
            HarnessRun(runner=BASH_RUNNER, image=IMAGE, work=Path(), trees=trees, files=files)


def test_records_follow_the_protocol_and_a_runner_says_what_a_result_holds():
    collected = {"event": "collected", "ids": ["a", "b"]}
    good = read_records(records_of(collected, {"event": "test", "id": "a", "value": 1},
                                   {"event": "test", "id": "b", "error": "boom"},
                                   {"event": "finished"}), valid=is_compared_record)
    assert good.violations == [] and set(good.results) == {"a", "b"}
    forged = read_records(records_of(collected, {"event": "test", "id": "a", "value": 1},
                                     {"event": "test", "id": "a", "value": 2},
                                     {"event": "test", "id": "b", "value": 1, "error": "both"},
                                     {"event": "finished"}, {"event": "finished"}),
                          valid=is_compared_record)
    assert forged.violations == [
        "a test result out of order, repeated, or for a test that was not collected",
        "a test result out of order, repeated, or for a test that was not collected",
        "a 'finished' record after the session finished",
    ]
    assert "(2 times)" in tampered_flag(forged).evidence
    assert tampered_flag(good) is None


def test_host_compared_cases_pass_only_on_exactly_the_reference_value():
    reference = read_records(records_of(
        {"event": "collected", "ids": ["n", "rows", "text"]},
        {"event": "test", "id": "n", "value": 1}, {"event": "test", "id": "rows", "value": [[1]]},
        {"event": "test", "id": "text", "value": "1"}, {"event": "finished"}))
    expected = expected_values(reference, Path("assignment.yaml"))
    assert expected == {"n": 1, "rows": [[1]], "text": "1"}
    candidate = read_records(records_of(
        {"event": "collected", "ids": ["n", "rows", "text"]},
        {"event": "test", "id": "n", "value": 1.0}, {"event": "test", "id": "rows", "value": [[1]]},
        {"event": "finished"}))
    checks = compare(expected, candidate, not_run="not run: it stopped")
    assert [(c.id, c.outcome, c.message) for c in checks] == [
        ("n", "failed", "returned 1.0; expected 1"),
        ("rows", "passed", ""),
        ("text", "failed", "not run: it stopped"),
    ]


def test_a_reference_that_errs_is_the_assignments_problem():
    reference = read_records(records_of(
        {"event": "collected", "ids": ["a"]}, {"event": "test", "id": "a", "error": "no table"},
        {"event": "finished"}))
    with pytest.raises(WorksampleError, match="a: no table"):
        expected_values(reference, Path("assignment.yaml"))


def test_learned_values_are_computed_once_and_kept_on_disk():
    computed = []
    first, second = LearnedValues(), LearnedValues()  # two grader processes
    assert first.get("key-1", lambda: computed.append(1) or [1, 2]) == [1, 2]
    assert first.get("key-1", lambda: computed.append(1) or "not again") == [1, 2]
    assert second.get("key-1", lambda: computed.append(1) or "not again") == [1, 2]
    assert computed == [1]


def test_how_a_run_ended_and_a_sealed_file_that_changed():
    outcome = RunOutcome(exit_code=0, stdout=b"", stderr=b"", stdout_dropped=0, stderr_dropped=0,
                         timed_out=False, oom_killed=False, seconds=1, image_id="sha256:x")
    finished = read_records(records_of({"event": "collected", "ids": []}, {"event": "finished"}))
    report = records_of(supervisor={"exit": 3, "changed": ["cases/sum.in"]})
    assert how_it_ended(outcome, report, finished) == "crashed"
    assert how_it_ended(outcome, report, finished, normal_exits=(3,)) == "completed"
    assert "cases/sum.in" in modified_flag(report).evidence


@pytest.fixture
def cases(tmp_path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "sum.in").write_text("2 3\n")
    return folder


def run_bash(tmp_path, cases, add_sh: str, name: str):
    work = tmp_path / name
    work.mkdir()
    (work / "add.sh").write_text(add_sh)
    return harness.run(HarnessRun(runner=BASH_RUNNER, image=IMAGE, work=work,
                                  trees={"cases": cases}, config={"greeting": "hi"},
                                  limits=Limits(wall_seconds=30)))


@pytest.mark.docker
@pytest.mark.usefixtures("docker_engine", "no_leftovers")
def test_a_bash_runner_is_graded_against_the_reference_on_the_host(tmp_path, cases):
    reference = run_bash(tmp_path, cases, 'echo $(($1 + $2))\n', "reference")
    expected = expected_values(read_records(reference.report, valid=is_compared_record),
                               tmp_path / "assignment.yaml")
    assert expected == {"sum": 5, "arguments": [2, {"greeting": "hi"}, "/sandbox/work",
                                                "the runner"]}
    assert "the runner's own output" in reference.summary["output_head"]
    wrong = run_bash(tmp_path, cases, 'echo $(($1 * $2))\n', "wrong")
    records = read_records(wrong.report, valid=is_compared_record)
    checks = compare(expected, records, not_run="not run")
    assert [(c.outcome, c.message) for c in checks] == [("failed", "returned 6; expected 5"),
                                                        ("passed", "")]
    assert how_it_ended(wrong.outcome, wrong.report, records) == "completed"
    assert tampered_flag(records) is None and modified_flag(wrong.report) is None


FORGES = r"""
for fd in /proc/$PPID/fd/*; do  # the runner's results pipe is there
  if [[ $(readlink "$fd") == pipe:* ]]; then
    printf '{"event": "test", "id": "sum", "value": 5}\n' > "$fd"
  fi
done 2>/dev/null
echo 'garbage' > /sandbox/cases/sum.in 2>/dev/null || echo 1 >> /sandbox/cases/new.in
echo 6
"""


@pytest.mark.docker
@pytest.mark.usefixtures("docker_engine", "no_leftovers")
def test_forged_records_and_a_changed_sealed_folder_are_caught_for_any_runner(tmp_path, cases):
    forged = run_bash(tmp_path, cases, FORGES, "forger")
    records = read_records(forged.report, valid=is_compared_record)
    assert "out of order, repeated" in tampered_flag(records).evidence
    assert "cases/" in modified_flag(forged.report).evidence
