"""The code-quality signals without Docker: the assignment's mapping, which files are code
and which are tests, reading ruff's and the own-tests runner's output, the plain words, and
the reports' view of them. Hostile files are in tests/hostile/quality.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import ValidationError
from worksample_coding.quality import words
from worksample_coding.quality.own_tests import OwnTests, read_own_tests, starter_tests
from worksample_coding.quality.sources import SourceFiles, is_test_file, source_files
from worksample_coding.quality.spec import QualitySection
from worksample_coding.quality.static import Function, Lint, analyse, read_ruff

from worksample.models import Criterion, CriterionScore, GradeResult, QualitySignal, Status
from worksample.reports.signals import signals_of
from worksample.sandbox import RunOutcome
from worksample.sandbox.framing import HarnessReport
from worksample.sandbox.harness import HarnessResult

ANCHORS = {1: "a", 2: "b", 3: "c", 4: "d"}
RUBRIC = [Criterion(id="correctness", title="C", weight=1, source="auto", anchors=ANCHORS),
          Criterion(id="design", title="D", weight=1, source="reviewer", anchors=ANCHORS),
          Criterion(id="testing", title="T", weight=1, source="reviewer", anchors=ANCHORS)]


def section(criteria) -> QualitySection:
    return QualitySection.model_validate({"criteria": criteria}, context={"rubric": RUBRIC})


# --- the mapping ----------------------------------------------------------------------------


def test_the_mapping_names_reviewer_criteria_and_known_signals():
    quality = section({"design": ["complexity", "lint"], "testing": ["own_tests", "coverage"]})
    assert quality.wanted() == {"complexity", "lint", "own_tests", "coverage"}
    assert quality.criteria_of("lint") == ["design"]


@pytest.mark.parametrize("criteria, said", [
    ({"style": ["lint"]}, "are not rubric criteria"),
    ({"correctness": ["lint"]}, "scored automatically"),
    ({"design": []}, "lists no signal"),
    ({"design": ["lint", "lint"]}, "twice"),
    ({"design": ["beauty"]}, "Input should be"),
    ({}, "at least 1"),
])
def test_a_wrong_mapping_is_refused_saying_why(criteria, said):
    with pytest.raises(ValidationError, match=said):
        section(criteria)


def test_a_wrong_mapping_is_an_error_of_assignment_yaml_naming_the_field(tmp_path, registry):
    import shutil

    import yaml

    from worksample.assignments import load
    from worksample.errors import WorksampleError

    folder = tmp_path / "expense-ledger"
    shutil.copytree(Path(__file__).parent.parent / "assignments" / "expense-ledger", folder)
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["coding"]["quality"] = {"criteria": {"correctness": ["lint"]}}
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec))
    with pytest.raises(WorksampleError, match=r"coding\.quality\.criteria.*scored automatically"):
        load(folder, registry)


# --- which files ----------------------------------------------------------------------------


@pytest.mark.parametrize("path, language, test", [
    ("test_ledger.py", "python", True), ("ledger_test.py", "python", True),
    ("tests/conftest.py", "python", True), ("ledger.py", "python", False),
    ("testing.py", "python", False),
    ("csv.test.js", "javascript", True), ("test/csv.js", "javascript", True),
    ("test-csv.js", "javascript", True), ("csv.js", "javascript", False),
    ("router.spec.ts", "typescript", True), ("router.ts", "typescript", False),
    ("ratelimit_test.go", "go", True), ("ratelimit.go", "go", False),
])
def test_own_tests_are_found_by_the_names_each_runner_looks_for(path, language, test):
    assert is_test_file(path, language) is test


def test_links_large_files_and_other_tools_folders_are_left_out(tmp_path):
    (tmp_path / "app.py").write_text("x = 1\n")
    (tmp_path / "test_app.py").write_text("def test(): pass\n")
    (tmp_path / "big.py").write_bytes(b"x = 1\n" * 60_000)
    (tmp_path / "link.py").symlink_to("/etc/passwd")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "dep.py").write_text("x = 1\n")
    (tmp_path / "--config=ruff.toml.py").write_text("import os\n")
    found = source_files(tmp_path, "python")
    assert found.code == ["--config=ruff.toml.py", "app.py"]
    assert found.tests == ["test_app.py"]
    assert found.left_out == {"big.py": "larger than 256 KB",
                              "link.py": "not a regular file (a link or a device)"}


def test_the_walk_stops_at_its_counts(tmp_path):
    for index in range(310):
        (tmp_path / f"m{index:03d}.py").write_text("x = 1\n")
    found = source_files(tmp_path, "python")
    assert len(found.code) == 300 and found.left_out_count == 10
    assert len(found.left_out) == 10 and "past the first 300 files" in found.left_out.values()


def test_test_files_the_starter_handed_out_are_not_the_candidates(tmp_path):
    starter, work = tmp_path / "starter", tmp_path / "work"
    for folder in (starter, work):
        folder.mkdir()
        (folder / "test_given.py").write_text("def test(): pass\n")
    (work / "test_mine.py").write_text("def test(): pass\n")
    (starter / "test_mine.py").write_text("def test(): assert False\n")
    assert starter_tests(starter, work, ["test_given.py", "test_mine.py"]) == ["test_given.py"]


# --- ruff -----------------------------------------------------------------------------------


def finding(code, path, row, name="rule", message="said"):
    return json.dumps({"code": code, "filename": path, "location": {"row": row, "column": 1},
                       "name": name, "message": message}).encode()


def test_ruffs_findings_are_counted_by_rule_with_the_first_ones_place():
    output = b"\n".join([
        finding("F401", "/work/s/app.py", 1, "unused-import", "`os` imported but unused"),
        finding("F401", "/work/s/pkg/util.py", 3, "unused-import"),
        finding("B006", "/work/s/app.py", 9, "mutable-argument-default"),
        b"not json at all", b'{"code": "F8',  # a line that is no finding, and a cut one
    ])
    lint = read_ruff(output, Path("/work/s"), Lint(tool="ruff", files=3))
    assert lint.findings == 3 and lint.by_code == {"F401": 2, "B006": 1}
    assert lint.files_with_findings == 2 and not lint.counted_all
    assert [(f.path, f.line) for f in lint.examples] == [("app.py", 1), ("pkg/util.py", 3),
                                                         ("app.py", 9)]
    assert words.lint(lint, SourceFiles()) == (
        "at least 3 lint findings (ruff) in 2 of 3 files: 2 F401 unused-import, 1 B006 "
        "mutable-argument-default; the first, app.py:1: `os` imported but unused")


def test_a_syntax_error_is_a_finding_that_says_so(tmp_path):
    (tmp_path / "broken.py").write_text("def f(:\n    pass\n")
    figures = analyse(str(tmp_path), "python", lint=True, measure=True)
    assert figures.lint.findings >= 1
    assert "broken.py:1" in words.lint(figures.lint, figures.sources)


UNUSED = "import os\nimport sys\n\n\ndef f(l=[]):\n    return undefined_name\n"


@pytest.mark.parametrize("planted", [
    {"pyproject.toml": "[tool.ruff]\nexclude = ['*.py']\n[tool.ruff.lint]\nignore = ['F', 'B']\n"},
    {"pyproject.toml": "[tool.ruff]\nextend = '/etc/nothing.toml'\n"},
    {"ruff.toml": "[lint]\nselect = ['E501']\n"},
    {".ruff.toml": "exclude = ['app.py']\n"},
    {".gitignore": "*.py\n", ".ignore": "*.py\n"},
    {"setup.cfg": "[flake8]\nignore = F\n"},
])
def test_the_candidates_configuration_silences_nothing(tmp_path, planted):
    (tmp_path / "app.py").write_text(UNUSED)
    for name, text in planted.items():
        (tmp_path / name).write_text(text)
    lint = analyse(str(tmp_path), "python", lint=True, measure=False).lint
    assert lint.failed == ""
    assert lint.by_code == {"F401": 2, "B006": 1, "F821": 1, "E741": 1}
    assert not (tmp_path / ".ruff_cache").exists()


def test_noqa_comments_silence_nothing(tmp_path):
    (tmp_path / "app.py").write_text("# ruff: noqa\n# flake8: noqa\nimport os  # noqa\n"
                                     "import sys  # noqa: F401\n")
    lint = analyse(str(tmp_path), "python", lint=True, measure=False).lint
    assert lint.by_code == {"F401": 2}


def test_a_file_named_like_an_option_is_checked_as_a_file(tmp_path):
    (tmp_path / "--config=ruff.toml.py").write_text("import os\n")
    (tmp_path / "--isolated.py").write_text("import sys\n")
    (tmp_path / "-.py").write_text("import re\n")
    (tmp_path / "ruff.toml.py").write_text("[lint]\nignore = ['F']\n")  # a syntax error
    lint = analyse(str(tmp_path), "python", lint=True, measure=False).lint
    assert lint.failed == ""
    assert {example.path for example in lint.examples} >= {"--config=ruff.toml.py",
                                                           "--isolated.py", "-.py"}


def test_ruff_that_cannot_run_is_a_reason_not_a_crash(tmp_path, monkeypatch):
    from worksample_coding.quality import static

    (tmp_path / "app.py").write_text("import os\n")
    monkeypatch.setattr(static, "ruff_command",
                        lambda paths: ["/bin/sh", "-c", "echo boom >&2; exit 2"])
    assert static.ruff(tmp_path, ["app.py"]).failed == (
        "ruff could not check the files (it ended with code 2: boom)")
    monkeypatch.setattr(static, "ruff_command", lambda paths: ["/nonexistent/ruff"])
    assert "could not be started" in static.ruff(tmp_path, ["app.py"]).failed


# --- lizard and the words -------------------------------------------------------------------


def test_function_length_and_complexity_are_measured_on_code_not_tests(tmp_path):
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(12))
    (tmp_path / "app.py").write_text("def small(x):\n    return x\n\n\n"
                                     f"def parse(x):\n{branches}    return -1\n")
    (tmp_path / "test_app.py").write_text("def test_x():\n" + "    assert 1\n" * 80)
    figures = analyse(str(tmp_path), "python", lint=False, measure=True)
    assert [(f.name, f.lines, f.complexity) for f in figures.functions] == [
        ("small", 2, 1), ("parse", 26, 13)]
    assert figures.lint is None
    assert words.function_length(figures.functions, 2, 20, figures.sources) == (
        "1 function over 20 lines of code (of 2); the longest, `parse` (app.py:5), has 26")
    assert words.complexity(figures.functions, 2, 10, figures.sources) == (
        "1 function with a cyclomatic complexity over 10 (of 2); the most complex, `parse` "
        "(app.py:5), is at 13")


def test_typescript_and_go_functions_are_measured_too():
    root = Path(__file__).parent.parent / "examples"
    ts = analyse(str(root / "url-router" / "strong"), "typescript", lint=True, measure=True)
    go = analyse(str(root / "api-rate-limiter" / "strong"), "go", lint=True, measure=True)
    assert ts.functions and go.functions and ts.lint is None and go.lint is None
    assert {f.path for f in ts.functions} == {"router.ts", "query.ts"}


def test_the_words_follow_the_briefs_examples():
    functions = [Function("parse", "app.py", 12, 120, 4), Function("load", "app.py", 200, 60, 3),
                 Function("save", "io.py", 1, 55, 2), Function("tiny", "io.py", 70, 3, 1)]
    assert words.function_length(functions, 4, 50, SourceFiles()) == (
        "3 functions over 50 lines of code (of 4); the longest, `parse` (app.py:12), has 120")
    assert words.function_length(functions[3:], 1, 50, SourceFiles()) == (
        "no function over 50 lines of code (1 function); the longest, `tiny` (io.py:70), "
        "has 3")
    assert words.function_length([], 0, 50, SourceFiles()) == (
        "no function found in the candidate's code")
    own = OwnTests(files=2, tests=12, passed=12, coverage={"a.py": (80, 70), "b.py": (20, 14)})
    assert words.own_tests(own) == "12 own tests, all pass"
    assert words.coverage(own) == ("84% of the lines of their code run by their own tests "
                                   "(84 of 100 lines; least covered: b.py, 70%)")
    failing = OwnTests(files=1, tests=9, passed=6, failed=2, not_run=1,
                       failed_ids=["t.py::test_a", "t.py::test_b"],
                       trouble="the run was stopped at the wall-clock limit of 30 s")
    assert words.own_tests(failing) == (
        "9 own tests: 6 pass, 2 fail (`t.py::test_a`, `t.py::test_b`), 1 did not run (the run "
        "was stopped at the wall-clock limit of 30 s)")
    assert words.own_tests(OwnTests()) == "no tests of their own"
    assert words.coverage(OwnTests()) == "no coverage to measure: no tests of their own"


def test_files_left_out_are_said():
    sources = SourceFiles()
    sources.leave_out("big.py", "larger than 256 KB")
    said = words.function_length([Function("f", "a.py", 1, 3, 1)], 1, 50, sources)
    assert said.endswith("; 1 file not read (larger than 256 KB: big.py)")


# --- the own tests' records -----------------------------------------------------------------


def run_result(records: list[dict], *, exit_code=0, timed_out=False, unframed=0) -> HarnessResult:
    outcome = RunOutcome(exit_code=exit_code, stdout=b"", stderr=b"", stdout_dropped=0,
                         stderr_dropped=0, timed_out=timed_out, oom_killed=False, seconds=1.0,
                         image_id="sha256:x")
    report = HarnessReport(records=records, unframed_lines=unframed,
                           supervisor=None if timed_out else {"exit": exit_code})
    return HarnessResult(outcome=outcome, report=report, nonce="n")


def code_sources() -> SourceFiles:
    return SourceFiles(code=["ledger.py", "util.py"], tests=["test_ledger.py"])


def test_the_own_tests_records_are_read_into_counts_and_coverage():
    records = [
        {"event": "collect_error", "path": "test_broken.py", "message": "ImportError"},
        {"event": "collected", "ids": ["t.py::a", "t.py::b", "t.py::c"]},
        {"event": "test", "id": "t.py::a", "outcome": "passed"},
        {"event": "test", "id": "t.py::b", "outcome": "failed"},
        {"event": "test", "id": "t.py::c", "outcome": "skipped"},
        {"event": "finished", "exit": 1,
         "files": {"ledger.py": [50, 10], "util.py": [10, 0], "elsewhere.py": [1000, 0]}},
    ]
    found = read_own_tests(run_result(records), OwnTests(files=2), code_sources(), 30, 256)
    assert (found.tests, found.passed, found.failed, found.skipped) == (3, 1, 1, 1)
    assert found.failed_ids == ["t.py::b"] and found.unloadable == ["test_broken.py"]
    assert found.coverage == {"ledger.py": (50, 40), "util.py": (10, 10)}
    assert found.ended == "completed" and found.trouble == ""


@pytest.mark.parametrize("files", [
    {"ledger.py": [10, 20]}, {"ledger.py": [-1, 0]}, {"ledger.py": ["10", "0"]},
    {"ledger.py": [10.5, 0]}, {"ledger.py": [True, False]}, {"ledger.py": [1, 2, 3]},
    "everything", [["ledger.py", 10, 0]],
])
def test_coverage_figures_that_cannot_be_true_are_not_taken(files):
    records = [{"event": "collected", "ids": []}, {"event": "finished", "exit": 5,
                                                   "files": files}]
    found = read_own_tests(run_result(records), OwnTests(files=1), code_sources(), 30, 256)
    assert found.coverage == {}


def test_a_run_stopped_at_the_wall_clock_says_so_and_keeps_what_it_had():
    records = [{"event": "collected", "ids": ["t.py::a", "t.py::b"]},
               {"event": "test", "id": "t.py::a", "outcome": "passed"}]
    found = read_own_tests(run_result(records, timed_out=True), OwnTests(files=1),
                           code_sources(), 30, 256)
    assert (found.passed, found.not_run) == (1, 1)
    assert found.trouble == "the run was stopped at the wall-clock limit of 30 s"
    assert words.own_tests(found) == ("2 own tests: 1 pass, 1 did not run (the run was "
                                      "stopped at the wall-clock limit of 30 s)")


def test_records_out_of_order_or_forged_are_not_counted():
    records = [{"event": "test", "id": "t.py::a", "outcome": "passed"},  # before collection
               {"event": "collected", "ids": ["t.py::a"]},
               {"event": "test", "id": "t.py::zzz", "outcome": "passed"},  # never collected
               {"event": "test", "id": "t.py::a", "outcome": "great"},  # no such outcome
               {"event": "finished", "exit": 0, "files": {}}]
    found = read_own_tests(run_result(records, unframed=3), OwnTests(files=1), code_sources(),
                           30, 256)
    assert (found.tests, found.passed, found.not_run) == (1, 0, 1)
    assert found.forged and words.own_tests(found) == words.coverage(found) == words.FORGED


# --- the reports ----------------------------------------------------------------------------


def result_with(quality, rubric=()) -> GradeResult:
    criteria = [CriterionScore(id=c.id, title=c.title, source=c.source, max_points=c.weight,
                               points=c.weight if c.source == "auto" else None,
                               level=4 if c.source == "auto" else None) for c in rubric]
    return GradeResult(worksample_version="x", submission_id="ann", submission_source="ann",
                       assignment_id="a", assignment_version="v", assignment_type="coding",
                       status=Status.GRADED, details={"quality": quality}, criteria=criteria,
                       score=100, passed=True)


def test_a_criterion_shows_its_signals_made_visible_and_nothing_that_is_not_one():
    stored = [QualitySignal(signal="lint", criteria=["design"],
                            said="1 finding\x1b[31m").model_dump(),
              {"signal": "complexity"},  # not a signal: left out
              "garbage",
              QualitySignal(signal="coverage", criteria=["testing"], said="84%").model_dump()]
    shown = signals_of(result_with(stored), "design", lambda text: text.replace("\x1b", "?"))
    assert [(s.name, s.said) for s in shown] == [("Lint", "1 finding?[31m")]
    assert signals_of(result_with("not a list"), "design", str) == []


def test_the_sample_pages_show_the_signals_next_to_design_for_reviewers_only(tmp_path):
    from worksample.assignments import load
    from worksample.plugins import load_registry
    from worksample.reports.build import build_report

    registry = load_registry()
    assignment = load(Path(__file__).parent.parent / "assignments" / "expense-ledger", registry)
    said = "3 functions over 50 lines of code; the longest, `parse` (ann_smith.py:1), has 120"
    result = result_with([QualitySignal(signal="function_length", criteria=["design"],
                                        said=said).model_dump()], assignment.spec.rubric)
    result = result.model_copy(update={"submission_id": "ann_smith",
                                       "submission_source": "/subs/ann_smith"})
    for audience, blind, shown in (("hiring-manager", False, said),
                                   ("hiring-manager", True, None), ("candidate", False, None)):
        report = build_report(assignment, [result], audience=audience, blind=blind)
        design = next(c for c in report.pages[0].criteria if c.id == "design")
        if audience == "candidate":
            assert design.signals == []
        elif blind:
            assert "ann_smith" not in design.signals[0].said
        else:
            assert design.signals[0].said == shown


def test_no_signal_imports_weigh_on_the_help():
    import subprocess
    import sys

    code = ("import sys, worksample.cli, worksample_coding; "
            "print(sorted(m for m in ('lizard', 'ruff', 'worksample_coding.quality.static') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ})
    assert out.stdout.strip() == "[]"
