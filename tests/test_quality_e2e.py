"""Code-quality signals end to end, through the CLI on the real Docker engine: the samples'
signals, their pages, and the hostile submissions of tests/hostile/quality.py."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest_paths import ROOT
from conftest_paths import graded_by_id as graded
from conftest_paths import run_cli as run
from hostile.quality import ATTACKS, STRONG

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

LEDGER = ROOT / "assignments" / "expense-ledger"
INVENTORY = ROOT / "assignments" / "inventory-reservations"
SIGNALS = ["lint", "function_length", "complexity", "own_tests", "coverage"]


def said(result: dict) -> dict[str, str]:
    return {signal["signal"]: signal["said"] for signal in result["details"]["quality"]}


def test_the_samples_signals_are_graded_shown_next_to_design_and_change_no_score(tmp_path):
    results = graded(LEDGER, *(ROOT / "examples" / "expense-ledger" / name
                               for name in ("strong", "partial", "broken")))
    assert {name: r["score"] for name, r in results.items()} == {
        "strong": 100, "partial": 53.37, "broken": 0}
    strong = results["strong"]
    assert [s["signal"] for s in strong["details"]["quality"]] == SIGNALS
    assert all(s["criteria"] == ["design"] and s["measured"]
               for s in strong["details"]["quality"])
    words = said(strong)
    assert words["own_tests"] == "10 own tests, all pass"
    assert words["coverage"].startswith("96% of the lines of their code run by their own tests")
    assert words["lint"].startswith("no lint findings (ruff")
    assert words["function_length"].startswith("no function over 50 lines of code (10 functions)")
    coverage = next(s for s in strong["details"]["quality"] if s["signal"] == "coverage")
    assert coverage["figures"]["files"] == {"ledger.py": [74, 71]}  # the tests are not code
    assert said(results["partial"])["own_tests"] == "no tests of their own"
    assert run("report", LEDGER, "--out", tmp_path / "report").exit_code == 0
    page = (tmp_path / "report" / "candidates" / "strong.md").read_text()
    rubric, to_rate = page.split("## For the reviewer to rate")
    for part in (rubric.split("### Design and readability")[1], to_rate):
        assert "Code-quality signals (evidence for the reviewer's rating; never scored)" in part
        assert "- Own tests: 10 own tests, all pass" in part
    html = (tmp_path / "report" / "candidates" / "strong.html").read_text()
    assert html.count('<div class="signals">') == 2
    assert run("report", LEDGER, "--audience", "candidate", "--out",
               tmp_path / "candidate").exit_code == 0
    assert "own tests" not in (tmp_path / "candidate" / "candidates" / "strong.html").read_text()


def test_classic_mode_gathers_them_too():
    results = graded(INVENTORY, ROOT / "examples" / "inventory-reservations" / "strong")
    strong = results["strong"]
    assert strong["score"] == 100
    assert said(strong)["own_tests"] == "4 own tests, all pass"
    assert "1 function with a cyclomatic complexity over 10" in said(strong)["complexity"]


def test_an_assignment_without_the_section_gathers_nothing(tmp_path):
    folder = tmp_path / "expense-ledger"
    shutil.copytree(LEDGER, folder)
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    del spec["coding"]["quality"]
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec))
    result = graded(folder, STRONG)["strong"]
    assert result["score"] == 100 and "quality" not in result["details"]


def test_only_the_mapped_signals_are_gathered_and_shown_where_mapped(tmp_path):
    folder = tmp_path / "expense-ledger"
    shutil.copytree(LEDGER, folder)
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["coding"]["quality"] = {"criteria": {"design": ["complexity"],
                                              "communication": ["own_tests"]},
                                 "complex_function": 5}
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec))
    result = graded(folder, STRONG)["strong"]
    assert [(s["signal"], s["criteria"]) for s in result["details"]["quality"]] == [
        ("complexity", ["design"]), ("own_tests", ["communication"])]
    assert said(result)["complexity"].startswith(
        "1 function with a cyclomatic complexity over 5 (of 10)")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Every attack graded in one batch, with the seconds the batch took."""
    root = tmp_path_factory.mktemp("quality-attacks")
    folders = [attack.build(root / "submissions") for attack in ATTACKS]
    started = time.monotonic()
    results = graded(LEDGER, *folders, "--store", root / "results.sqlite")
    return results, time.monotonic() - started


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.name)
def test_a_hostile_submission_neither_hangs_crashes_nor_fools_the_grader(hostile, attack):
    results, _ = hostile
    result = results[attack.name]
    assert result["status"] == attack.status, result["message"]
    if attack.status != "graded":
        return
    assert result["score"] == 100 and result["flags"] == []
    assert result["durations"]["grade_s"] < 30 + 10  # the wall clock, and the start-up
    words = said(result)
    assert list(words) == SIGNALS
    for signal, part in attack.says.items():
        assert part in words[signal], words[signal]


def test_the_hostile_batch_ends_in_its_limits(hostile):
    _, seconds = hostile
    assert seconds < 120


def test_the_static_analysis_past_its_host_limit_is_stopped_and_said(tmp_path):
    folder = tmp_path / "expense-ledger"
    shutil.copytree(LEDGER, folder)
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["host_limits"] = {"wall_seconds": 1}
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec))
    submission = tmp_path / "heavy"
    shutil.copytree(STRONG, submission)
    from hostile.quality import LONG_FUNCTION

    for index in range(8):  # about 4 s of ruff and lizard, each file under the size cap
        (submission / f"generated_{index}.py").write_text(LONG_FUNCTION)
    result = graded(folder, submission)["heavy"]
    assert result["status"] == "graded" and result["score"] == 100
    quality = {s["signal"]: s for s in result["details"]["quality"]}
    for signal in ("lint", "function_length", "complexity"):
        assert not quality[signal]["measured"]
        assert quality[signal]["said"].startswith(
            "not measured: the analysis of its code was stopped: the submission took more "
            "than 1 s to analyse its code; it was stopped (the assignment's "
            "host_limits.wall_seconds)")
    assert quality["own_tests"]["said"] == "10 own tests, all pass"
    assert not [cmdline for cmdline in _command_lines() if str(submission) in cmdline]


def _command_lines() -> list[str]:
    """Every process's command line: a ruff stopped with its worker must not live on."""
    import os

    lines = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                lines.append(cmdline.read().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            pass
    return lines


def with_quality(tmp_path, name: str) -> Path:
    """A copy of the sample assignment ``name`` that maps every signal to design."""
    folder = tmp_path / name
    shutil.copytree(ROOT / "assignments" / name, folder)
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["coding"]["quality"] = {"criteria": {"design": SIGNALS}}
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec))
    return folder


def test_javascript_own_tests_run_with_nodes_coverage(tmp_path):
    submission = shutil.copytree(ROOT / "examples" / "csv-reader" / "strong", tmp_path / "js")
    (submission / "csv.test.js").write_text(
        'const test = require("node:test");\nconst assert = require("node:assert");\n'
        'const csv = require("./csv.js");\n'
        'test("loads", () => { assert.ok(csv); });\n'
        'test("fails on purpose", () => { assert.strictEqual(1, 2); });\n'
        'test.describe("quotes", () => { test.it("keeps commas", () => {}); '
        'test.it.skip("later", () => {}); });\n')
    (submission / "test").mkdir()
    (submission / "test" / "broken.js").write_text('throw new Error("boom");\n')
    result = graded(with_quality(tmp_path, "csv-reader"), submission)["js"]
    assert result["score"] == 100
    words = said(result)
    assert words["own_tests"] == (
        "4 own tests: 2 pass, 1 fail (`csv.test.js::fails on purpose`), 1 skipped; 1 test "
        "file could not be loaded (test/broken.js)")
    assert " of the lines of their code run by their own tests (" in words["coverage"]
    assert words["lint"] == ("not measured: worksample has no linter for javascript (the "
                             "sandbox image has none; ruff reads Python only)")
    assert "the longest, `records` (csv.js:" in words["function_length"]


def test_go_own_tests_run_with_go_test_cover_and_go_vet_lints(tmp_path):
    submission = shutil.copytree(ROOT / "examples" / "api-rate-limiter" / "strong",
                                 tmp_path / "go")
    (submission / "ratelimit_test.go").write_text(
        'package ratelimit\n\nimport (\n\t"fmt"\n\t"testing"\n)\n\n'
        "func TestNewRefusesBadConfig(t *testing.T) {\n"
        '\tif _, err := New(0, 0); err == nil {\n\t\tt.Fatal("expected an error")\n\t}\n}\n\n'
        'func TestFails(t *testing.T) { t.Fatal("on purpose") }\n\n'
        "func TestTable(t *testing.T) {\n\tfor _, n := range []int{1, 2} {\n"
        "\t\tt.Run(fmt.Sprint(n), func(t *testing.T) {})\n\t}\n}\n\n"
        'func wrongFormat() { fmt.Printf("%d", "x") }\n')
    result = graded(with_quality(tmp_path, "api-rate-limiter"), submission)["go"]
    assert result["score"] == 100
    words = said(result)
    assert words["own_tests"] == "4 own tests: 3 pass, 1 fail (`TestFails`)"
    assert words["lint"].startswith("1 lint finding (go vet); the first, ./ratelimit_test.go:")
    assert " of the statements of their code run by their own tests (" in words["coverage"]


TS_TESTS = """\
import { describe, it, test } from "node:test";
import assert from "node:assert";
import { Router, RouteError } from "./router";
import { parseQuery } from "./query";

function app(): Router {
  const router = new Router();
  router.add("home", "/");
  router.add("user", "/users/:id");
  return router;
}

test("matches a parameter", () => {
  assert.deepStrictEqual(app().match("/users/7")?.params, { id: "7" });
});

test("refuses a duplicate", () => {
  assert.throws(() => app().add("home", "/again"), RouteError);
});

describe("queries", () => {
  it("reads repeated keys", () => {
    assert.deepStrictEqual({ ...parseQuery("a=1&a=2") }, { a: ["1", "2"] });
  });
  it("is wrong on purpose", () => {
    assert.strictEqual(app().match("/nowhere"), "something");
  });
});
"""
TS_PASSES = 'import { test } from "node:test";\nimport { Router } from "./router";\n\n' \
    'test("builds", () => { new Router(); });\n'
# 10 lines: 6 that become JavaScript (5 to 10), of which its test runs 4: Node counts the
# if's block, lines 7 and 8, as not run
TS_SHAPE = """\
export interface Shape {
  sides: number;
}

export function kind(shape: Shape): string {
  if (shape.sides === 3) {
    return "triangle";
  }
  return "other";
}
"""
TS_SHAPE_TEST = ('import { test } from "node:test";\nimport { kind } from "./shape";\n\n'
                 'test("a square", () => { kind({ sides: 4 }); });\n')
TS_STRAY = 'const test = require("node:test");\ntest("stray", () => {});\n'
# what the runner's records and its reporter's lines look like, written where a test can
TS_FORGES = TS_PASSES + (
    'const forged = [{ event: "finished", exit: 0, files: { "router.ts": [200, 0] } },\n'
    '  { type: "coverage", files: [["router.js", 9, 9, []], ["/tmp/router.js", 9, 9, []]] },\n'
    '  { type: "pass", name: "forged", nesting: 0, file: "router.test.js" }];\n'
    'for (const line of forged) {\n'
    '  console.log(JSON.stringify(line));\n'
    '  process.stderr.write(JSON.stringify(line) + "\\n");\n'
    '}\n')

# writes a forged "finished" record on every descriptor it may hold (Node's own among them)
TS_FORGES_FDS = TS_PASSES + (
    'import * as fs from "fs";\n'
    'const finished = JSON.stringify({ event: "finished", exit: 0, '
    'files: { "router.ts": [200, 0] } }) + "\\n";\n'
    'for (let fd = 3; fd < 40; fd++) { try { fs.writeSync(fd, finished); } catch {} }\n')


@pytest.fixture(scope="module")
def typescript(tmp_path_factory):
    """url-router's strong sample graded with own tests of each kind laid over it."""
    root = tmp_path_factory.mktemp("typescript")
    strong = ROOT / "examples" / "url-router" / "strong"
    samples = {"ts-strong": {"router.test.ts": TS_TESTS, "shape.ts": TS_SHAPE,
                             "shape.test.ts": TS_SHAPE_TEST},
               "ts-untranspilable": {"test/good.ts": TS_PASSES.replace("./router", "../router"),
                                     "bad.test.ts": "const = ;\n"},
               # a JavaScript test is not the task's language: never run, even with no other
               "ts-only-untranspilable": {"bad.test.ts": "const = ;\n",
                                          "stray.test.js": TS_STRAY},
               "ts-none": {},
               # a file named like an option of the transpiler is still a file
               "ts-option-named": {"--outdir=.test.ts": TS_PASSES},
               "ts-forges": {"forge.test.ts": TS_FORGES},
               "ts-forges-fds": {"forge.test.ts": TS_FORGES_FDS}}
    folders = []
    for name, files in samples.items():
        folder = shutil.copytree(strong, root / name)
        for path, text in files.items():
            (folder / path).parent.mkdir(exist_ok=True)
            (folder / path).write_text(text)
        folders.append(folder)
    return graded(with_quality(root, "url-router"), *folders, "--store", root / "results.sqlite")


def test_typescript_own_tests_run_transpiled_with_coverage_on_the_ts_lines(typescript):
    result = typescript["ts-strong"]
    assert result["score"] == 100
    words = said(result)
    assert words["own_tests"] == (
        "5 own tests: 4 pass, 1 fail (`router.test.ts::queries > is wrong on purpose`)")
    figures = {s["signal"]: s["figures"] for s in result["details"]["quality"]}
    assert figures["coverage"]["files"]["shape.ts"] == [6, 4]  # the compiled file: [10, 8]
    share, lines_run, lines, least = re.fullmatch(
        r"(\d+)% of the executable lines of their code run by their own tests \((\d+) of "
        r"(\d+) executable lines; least covered: (\S+), \d+%\)", words["coverage"]).groups()
    # router.ts, query.ts and shape.ts have 290 lines; types and blank lines are not counted
    assert 150 < int(lines) < 290 and 0 < int(lines_run) < int(lines)
    assert 20 < int(share) < 100 and least == "router.ts"


def test_a_typescript_test_file_that_does_not_transpile_is_said_the_others_run(typescript):
    result = typescript["ts-untranspilable"]
    words = said(result)
    assert words["own_tests"] == (
        "1 own test, all pass; 1 test file could not be loaded (bad.test.ts)")
    figures = {s["signal"]: s["figures"] for s in result["details"]["quality"]}
    assert figures["own_tests"]["unloadable"] == {
        "bad.test.ts": 'bad.test.ts:1:7: Expected identifier but found "="'}
    assert " of the executable lines of their code run by their own tests (" in words["coverage"]

    words = said(typescript["ts-only-untranspilable"])
    assert words["own_tests"] == ("1 test file of their own, but no test ran; 1 test file "
                                  "could not be loaded (bad.test.ts)")


def test_a_typescript_test_file_named_like_an_option_is_run_as_a_file(typescript):
    assert said(typescript["ts-option-named"])["own_tests"] == "1 own test, all pass"


def test_typescript_without_own_tests_says_so(typescript):
    words = said(typescript["ts-none"])
    assert words["own_tests"] == "no tests of their own"
    assert words["coverage"] == "no coverage to measure: no tests of their own"


def test_a_typescript_test_forging_records_or_coverage_fools_no_one(typescript):
    result = typescript["ts-forges"]
    assert result["score"] == 100
    words = said(result)
    assert words["own_tests"] == "1 own test, all pass"
    # the same code run as by ts-untranspilable's one test: the forged lines changed nothing
    assert words["coverage"] == said(typescript["ts-untranspilable"])["coverage"]
    assert not words["coverage"].startswith("100%")


def test_a_typescript_test_writing_on_every_descriptor_gets_at_most_forged(typescript):
    result = typescript["ts-forges-fds"]
    assert result["score"] == 100
    words = said(result)
    if not words["own_tests"].startswith("not measured: something wrote"):
        # the runner's descriptor is not the test's to write on: it broke its own process
        assert words["own_tests"] == ("1 test file of their own, but no test ran; 1 test "
                                      "file could not be loaded (forge.test.ts)")
        assert not words["coverage"].startswith("100%"), words["coverage"]


def test_a_javascript_own_test_that_never_ends_is_stopped_before_the_wall_clock(tmp_path):
    folder = with_quality(tmp_path, "csv-reader")
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["coding"]["limits"]["wall_seconds"] = 12
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec))
    submission = shutil.copytree(ROOT / "examples" / "csv-reader" / "strong", tmp_path / "js")
    (submission / "a.test.js").write_text(
        'const test = require("node:test");\ntest("quick", () => {});\n')
    (submission / "b.test.js").write_text(
        'const test = require("node:test");\n'
        'test("never ends", () => new Promise(() => { setInterval(() => {}, 1000); }));\n')
    started = time.monotonic()
    result = graded(folder, submission)["js"]
    assert time.monotonic() - started < 12 + 8
    assert result["score"] == 100
    words = said(result)
    assert "(the run was stopped at its time limit (9 s)" in words["own_tests"], words


def test_the_review_servers_rating_form_shows_them_by_the_criterion_to_rate(tmp_path):
    from review_client import client_for, team

    from worksample.reviewers import Reviewer
    from worksample.store import ResultStore

    store_path = tmp_path / "results.sqlite"
    graded(LEDGER, STRONG, "--store", store_path)
    store = ResultStore(store_path)
    try:
        secrets = team(store, Reviewer(name="ann"))
        client = client_for(store, LEDGER)
        assert client.get(f"/login/{secrets['ann']}", follow_redirects=False).status_code == 303
        page = client.get("/candidates/strong.html").text
    finally:
        store.close()
    form = page.split('<fieldset class="card" id="rate-design">')[1].split("</fieldset>")[0]
    assert '<div class="signals">' in form and "10 own tests, all pass" in form
    communication = page.split('id="rate-communication">')[1].split("</fieldset>")[0]
    assert "signals" not in communication
