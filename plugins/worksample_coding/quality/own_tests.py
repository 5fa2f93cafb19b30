"""The candidate's own tests, run in the sandbox under the task's limits, with line coverage.

A run of its own, in a fresh hardened container like the hidden tests' (the same image, the
same ``coding.limits``), never in the grader's process: the candidate's tests are candidate
code. Python's runner (``own_tests_python/``) runs them with pytest under coverage.py
(Debian's python3-coverage, in the Python image: scripts/ensure-docker.sh); JavaScript's
(``own_tests_node/``) with Node's test runner and its coverage; TypeScript's with the same
runner, after the image's esbuild has transpiled the .ts files into JavaScript in the sandbox
(coverage counted on the .ts lines that became JavaScript: "executable lines"). What comes back
is untrusted data, read within fixed sizes: a candidate can fake their own tests' outcomes
or their coverage, and the reports say these are evidence for the reviewer, not a verdict.

Test files byte-identical to one of the starter's are not run: they are the team's, not the
candidate's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from worksample.sandbox import harness
from worksample.sandbox.harness import HarnessRun, Runner, Trust
from worksample.sandbox.records import read_records
from worksample.sandbox.verdict import how_it_ended

from .sources import SourceFiles
from .vet_facts import vet_facts

MOST_TESTS = 2000  # tests past these are not run
ID_CHARS = 200  # as the runner cuts them
MOST_FAILED_NAMED = 5
MESSAGE_CHARS = 500  # of a test file's load error (TypeScript's: the compiler's)


def _runner(folder: str, *beside: str, **environment: str) -> Runner:
    """The runner in ``folder`` (under quality/), with the files ``beside`` it (paths in the
    plugin's package) sent in the same folder."""
    package = resources.files("worksample_coding")
    files = {path.name: path.read_bytes() for path in (package / "quality" / folder).iterdir()
             if path.is_file()}
    files.update({path.rsplit("/", 1)[-1]: (package / path).read_bytes() for path in beside})
    return Runner(files=files, python="runner.py", trust=Trust.RUNNER_OUTCOMES,
                  environment=environment)


BOUNDED = "quality/own_tests_shared/bounded.py"  # a command run until a deadline, bounded
# junit mode's launcher: runs each test binary Go builds on the noexec mounts from a memfd
FROM_MEMORY = "junit_runner/from_memory.py"


# a language -> its runner of the candidate's own tests: pytest under coverage.py; Node's test
# runner with its coverage (TypeScript transpiled to JavaScript first, by the same runner)
RUNNERS = {
    "python": lambda: _runner("own_tests_python", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1"),
    "javascript": lambda: _runner("own_tests_node", BOUNDED),
    "typescript": lambda: _runner("own_tests_node", BOUNDED, OWN_TESTS_LANGUAGE="typescript"),
    "go": lambda: _runner("own_tests_go", BOUNDED, FROM_MEMORY),
}
# what coverage counts, where not "lines": Go's statements; the .ts lines that became
# JavaScript (a type, an interface or a blank line is not counted)
UNITS = {"go": "statements", "typescript": "executable lines"}
# languages whose own-tests run also runs the language's linter (go vet), when lint is wanted;
# it starts from the standard library's facts, made once per image (vet_facts.py)
VETTED = {"go"}


@dataclass
class OwnTests:
    """How the candidate's own tests went, as far as the run could tell."""

    files: int = 0  # test files found
    tests: int = 0  # tests collected
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    not_run: int = 0  # collected, no outcome (the run was stopped)
    failed_ids: list[str] = field(default_factory=list)
    unloadable: list[str] = field(default_factory=list)  # test files that could not load
    why_unloadable: dict[str, str] = field(default_factory=dict)  # path -> the error
    ended: str = ""  # completed, timeout, memory, crashed; "" when nothing ran
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (lines, run)
    trouble: str = ""  # why the figures may be incomplete, in plain words
    vet: list[str] = field(default_factory=list)  # the linter's first findings (Go: go vet)
    vet_count: int | None = None  # how many; None when no linter ran in the sandbox
    unit: str = "lines"  # what coverage counts: lines, or one of UNITS
    forged: bool = False  # something wrote to the result channel outside the runner's records

    @property
    def lines(self) -> int:
        """Lines (statements) of the candidate's code that coverage counted."""
        return sum(total for total, _ in self.coverage.values())

    @property
    def lines_run(self) -> int:
        """Of ``lines``, those the candidate's own tests ran."""
        return sum(run for _, run in self.coverage.values())


def supported(language: str) -> bool:
    """Whether the candidate's own tests can be run for tasks in ``language``."""
    return language in RUNNERS


def starter_tests(starter: Path, submission: Path, tests: list[str]) -> list[str]:
    """Of ``tests`` (paths in ``submission``), those byte-identical to the starter's file at
    the same path: the team's tests, handed out, not the candidate's."""
    same = []
    for path in tests:
        given = starter / path
        if given.is_file() and not given.is_symlink() and _digest(given) == _digest(
                submission / path):
            same.append(path)
    return same


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_own_tests(*, image: str, work: Path, language: str, sources: SourceFiles,
                  starter: Path, limits, per_test_seconds: float,
                  localhost_name: bool = False, lint: bool = False,
                  tests: bool = True) -> OwnTests:
    """Run the candidate's own tests found in ``sources`` against ``work`` in ``image``;
    with ``lint``, the language's linter too where the run has one (Go's go vet). Without
    ``tests``, where the run has a linter, that alone (no test runs, none is counted)."""
    handed_out = starter_tests(starter, work, sources.tests)
    own = [path for path in sources.tests if path not in handed_out]
    found = OwnTests(files=sum(1 for path in own if _is_test_module(path)),
                     unit=UNITS.get(language, "lines"))
    vetting = lint and language in VETTED
    if not vetting and not (tests and found.files):
        return found
    record = 64 + 2 * ID_CHARS
    result_bytes = (MOST_TESTS + 16) * record * 2 + 600 * len(sources.all) + 64 * 1024
    runner = RUNNERS[language]()
    result = harness.run(HarnessRun(
        runner=runner, image=image, work=work,
        files=vet_facts(image, runner) if vetting else {},
        config={"per_test_seconds": per_test_seconds, "most_tests": MOST_TESTS, "lint": vetting,
                "run_tests": tests or not vetting,
                "deadline_seconds": max(limits.wall_seconds - 3, limits.wall_seconds / 2),
                "code": sources.code, "tests": sources.tests, "ignore": handed_out},
        limits=limits, result_bytes=result_bytes,
        max_line=max(MOST_TESTS * (ID_CHARS + 8) + 1024, 600 * len(sources.all) + 4096),
        localhost_name=localhost_name))
    return read_own_tests(result, found, sources, limits.wall_seconds, limits.memory_mb)


def _is_test_module(path: str) -> bool:
    return not path.endswith("conftest.py")


def read_own_tests(result, found: OwnTests, sources: SourceFiles, wall_seconds: float,
                   memory_mb: int) -> OwnTests:
    """``found`` completed from a run's records: a record out of the protocol's order is
    dropped, and numbers are checked for their type and range."""
    records = read_records(result.report, valid=lambda record: record.get("outcome") in (
        "passed", "failed", "skipped"))
    found.ended = how_it_ended(result.outcome, result.report, records, normal_exits=(0,))
    found.tests = len(records.collected or [])
    for test_id in records.collected or []:
        outcome = (records.results.get(test_id) or {}).get("outcome")
        if outcome is None:
            found.not_run += 1
        else:
            setattr(found, outcome, getattr(found, outcome) + 1)
            if outcome == "failed" and len(found.failed_ids) < MOST_FAILED_NAMED:
                found.failed_ids.append(test_id)
    found.unloadable = sorted(records.collect_errors)[:MOST_FAILED_NAMED]
    found.why_unloadable = {path: records.collect_errors[path][:MESSAGE_CHARS]
                            for path in found.unloadable}
    finished = records.finished or {}
    files = finished.get("files")
    if isinstance(files, dict):
        for path in sources.code:
            counts = files.get(path)
            if (isinstance(counts, list) and len(counts) == 2
                    and all(type(n) is int for n in counts) and 0 <= counts[1] <= counts[0]):
                found.coverage[path] = (counts[0], counts[0] - counts[1])
    vet = finished.get("vet")
    if isinstance(vet, list) and type(finished.get("vet_count")) is int:
        found.vet = [str(line)[:300] for line in vet[:20]]
        found.vet_count = max(finished["vet_count"], len(found.vet))
    found.trouble = _trouble(result, records, found.ended, wall_seconds, memory_mb)
    found.forged = bool(records.violations)
    return found


def _trouble(result, records, ended: str, wall_seconds: float, memory_mb: int) -> str:
    """Why a run's figures may be incomplete, in plain words; "" when they are whole."""
    if ended == "timeout":
        return f"the run was stopped at the wall-clock limit of {wall_seconds:g} s"
    if ended == "memory":
        return f"the run went over the memory limit of {memory_mb} MB"
    if records.finished is None:
        exit_code = (result.report.supervisor or {}).get("exit")
        return f"the test process ended (exit code {exit_code}) before reporting all"
    if records.finished.get("stopped") is True:
        return ("the run was stopped at its time limit "
                f"({max(wall_seconds - 3, wall_seconds / 2):g} s)")
    return ""
