"""A team's own test suite in junit mode, on the real engine, for the runners the images
carry besides node:test (tests/test_junit_e2e.py): `go test` through gotestsum, Jest with
jest-junit, Vitest, and pytest's --junitxml. Each fixture in tests/fixtures has strong, partial
and broken work and attacks by a candidate who read the docs: what the code under test does to
the run or its report costs the candidate, and never makes the verdict say more than the tests
showed."""

from __future__ import annotations

import pytest
from conftest_paths import ROOT
from conftest_paths import graded_by_id as graded
from conftest_paths import run_cli as run

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

FIXTURES = ROOT / "tests" / "fixtures"
GO = FIXTURES / "go-junit"
JEST = FIXTURES / "jest-junit"
VITEST = FIXTURES / "vitest-junit"
PYTEST = FIXTURES / "pytest-junit"


def every_sample(assignment) -> dict[str, dict]:
    return graded(assignment, *sorted((assignment / "work").iterdir()))


@pytest.fixture(scope="module")
def go_results(tmp_path_factory, monkeypatch_module) -> dict[str, dict]:
    monkeypatch_module.setenv("WORKSAMPLE_STORE", str(tmp_path_factory.mktemp("go") / "r.db"))
    return every_sample(GO)


@pytest.fixture(scope="module")
def jest_results(tmp_path_factory, monkeypatch_module) -> dict[str, dict]:
    monkeypatch_module.setenv("WORKSAMPLE_STORE", str(tmp_path_factory.mktemp("jest") / "r.db"))
    return every_sample(JEST)


@pytest.fixture(scope="module")
def vitest_results(tmp_path_factory, monkeypatch_module) -> dict[str, dict]:
    monkeypatch_module.setenv("WORKSAMPLE_STORE",
                              str(tmp_path_factory.mktemp("vitest") / "r.db"))
    return every_sample(VITEST)


@pytest.fixture(scope="module")
def pytest_results(tmp_path_factory, monkeypatch_module) -> dict[str, dict]:
    monkeypatch_module.setenv("WORKSAMPLE_STORE",
                              str(tmp_path_factory.mktemp("pytest") / "r.db"))
    return every_sample(PYTEST)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def failed_ids(result: dict) -> set[str]:
    return {check["id"] for check in result["checks"] if check["outcome"] == "failed"}


@pytest.mark.parametrize("assignment", [GO, JEST], ids=["go", "jest"])
def test_the_reference_passes_every_test_and_its_canary_fails(assignment):
    done = run("validate", assignment)
    assert done.exit_code == 0, done.output
    assert "reported 8 tests" in done.output  # the canary is expected to fail, not counted
    assert "ok   reference solution: graded, score 100" in done.output


# --- go test, through gotestsum


def test_go_test_results_score_the_candidates_code(go_results):
    assert go_results["strong"]["score"] == 100
    partial = go_results["partial"]
    assert partial["score"] == 75  # no case folding: 2 of 8 fail
    assert failed_ids(partial) == {"example.com/wordcount::TestCase",
                                   "example.com/wordcount::TestUnicode"}
    assert all(r["details"]["trust"] == "runner-outcomes" for r in go_results.values())


def test_go_code_that_does_not_compile_scores_0_with_the_compilers_message(go_results):
    broken = go_results["broken"]
    assert broken["status"] == "graded" and broken["score"] == 0
    assert any("its output says: ./wordcount.go:4:9: cannot use 0" in line
               for line in broken["criteria"][0]["evidence"])


def test_go_forged_lines_and_an_own_testmain_are_not_believed(go_results):
    forger = go_results["forges-the-report"]
    # its own TestMain (which would report passes and run nothing) is removed by the command;
    # the passes it prints from init() make those tests appear twice: none of them believed
    assert forger["score"] < go_results["partial"]["score"]
    assert "duplicate-tests" in {flag["kind"] for flag in forger["flags"]}
    duplicated = {c["id"] for c in forger["checks"] if "reported 2 times" in c["message"]}
    assert duplicated == {"example.com/wordcount::TestOneWord",
                          "example.com/wordcount::TestCase",
                          "example.com/wordcount::TestPunctuation"}


def test_go_a_test_binary_that_exits_at_init_passes_nothing(go_results):
    quitter = go_results["exits-at-init"]
    assert quitter["status"] == "graded" and quitter["score"] == 0
    assert all(c["outcome"] == "failed" for c in quitter["checks"])


def test_go_passes_printed_for_guessed_names_are_flagged_by_the_missing_canary(go_results):
    guesser = go_results["prints-guessed-passes"]
    # go test believes the lines it reads, so the two guessed names pass (the mode's trust
    # level says so); the test built to fail was never reported although they were
    assert guesser["score"] == 25
    flags = {flag["kind"]: flag["evidence"] for flag in guesser["flags"]}
    assert "example.com/wordcount::TestCanary" in flags["tests-not-run"]
    assert "tests-not-run" not in {f["kind"] for f in go_results["partial"]["flags"]}


# --- Jest, through jest-junit


def test_jest_results_score_the_candidates_code(jest_results):
    assert jest_results["strong"]["score"] == 100
    partial = jest_results["partial"]
    assert partial["score"] == 87.5 and failed_ids(partial) == {"slug.test.js::accents"}
    assert all(r["details"]["trust"] == "runner-outcomes" for r in jest_results.values())


def test_jest_a_syntax_error_scores_0_with_nodes_message(jest_results):
    broken = jest_results["broken"]
    assert broken["status"] == "graded" and broken["score"] == 0
    assert any("its output says: SyntaxError: Unexpected token '.'" in line
               for line in broken["criteria"][0]["evidence"])


def test_jest_a_config_in_the_submission_changes_nothing(jest_results):
    # its jest.config.js and package.json would run no test; the command's --config wins
    shipped = jest_results["ships-a-jest-config"]
    assert shipped["score"] == jest_results["partial"]["score"]
    assert failed_ids(shipped) == failed_ids(jest_results["partial"])


def test_jest_patched_assertions_pass_the_canary_and_void_the_criterion(jest_results):
    forger = jest_results["forges-the-report"]
    assert forger["score"] == 0
    assert "forged-outcome" in {flag["kind"] for flag in forger["flags"]}


def test_jest_a_report_rewritten_at_exit_is_not_what_is_read(jest_results):
    # Jest's test environment gives the module a process object of its own: its exit handler
    # never runs on the real process, so the report read is the one jest-junit wrote
    rewriter = jest_results["rewrites-the-report-at-exit"]
    assert rewriter["score"] == 25 and not rewriter["flags"]
    assert len(failed_ids(rewriter)) == 6


# --- Vitest, its JUnit reporter


@pytest.mark.parametrize("assignment", [VITEST, PYTEST], ids=["vitest", "pytest"])
def test_the_reference_passes_every_test_in_vitest_and_pytest_and_the_canary_fails(assignment):
    done = run("validate", assignment)
    assert done.exit_code == 0, done.output
    assert "reported 8 tests" in done.output
    assert "ok   reference solution: graded, score 100" in done.output


def test_vitest_results_score_the_candidates_code(vitest_results):
    assert vitest_results["strong"]["score"] == 100
    partial = vitest_results["partial"]
    assert partial["score"] == 87.5 and not partial["flags"]
    assert failed_ids(partial) == {
        "duration.test.ts::parseDuration > milliseconds are not minutes"}
    assert all(r["details"]["trust"] == "runner-outcomes" for r in vitest_results.values())
    assert all(r["status"] == "graded" for r in vitest_results.values())


def test_vitest_a_syntax_error_scores_0_with_esbuilds_message(vitest_results):
    # esbuild, the native binary in the image, compiles the TypeScript: its message is the
    # evidence, with the file, line and column
    broken = vitest_results["broken"]
    assert broken["score"] == 0
    assert any('its output says: Error: Transform failed with 1 error: '
               '/sandbox/work/duration.ts:4:2: ERROR: Expected ")" but found "return"' in line
               for line in broken["criteria"][0]["evidence"])


def test_vitest_a_config_in_the_submission_changes_nothing(vitest_results):
    # its vitest.config.ts, vite.config.ts, vitest.workspace.ts and package.json would run no
    # test; the command's --config and --root win. Its node_modules/vitest (an expect that
    # never fails) is not what the hidden tests import: Vitest resolves "vitest" to itself
    shipped = vitest_results["ships-a-vitest-config"]
    assert shipped["score"] == vitest_results["partial"]["score"] and not shipped["flags"]
    assert failed_ids(shipped) == failed_ids(vitest_results["partial"])


def test_vitest_patched_assertions_pass_the_canary_and_void_the_criterion(vitest_results):
    forger = vitest_results["patches-expect"]
    assert forger["score"] == 0
    assert "forged-outcome" in {flag["kind"] for flag in forger["flags"]}


def test_vitest_a_patched_reporter_class_is_not_the_reporter_that_writes(vitest_results):
    # the tests run in Vitest's child process, the JUnit reporter in its main one: the class
    # the code under test patches writes nothing, and the score is what the code earns
    patcher = vitest_results["patches-the-reporter"]
    assert patcher["score"] == 12.5 and not patcher["flags"]
    assert len(failed_ids(patcher)) == 7
    assert "duration.test.ts::parseDuration > seconds" not in failed_ids(patcher)


def test_vitest_a_report_rewritten_at_exit_gives_itself_away_by_the_canary(vitest_results):
    # a process of the candidate's rewrites the report between Vitest writing it and Vitest's
    # exit (130 to 450 ms later, measured: a poll every millisecond does not miss it): the
    # runner reads the forgery (the mode's trust level), whose canary passed
    rewriter = vitest_results["rewrites-the-report-at-exit"]
    assert rewriter["score"] == 0
    assert "forged-outcome" in {flag["kind"] for flag in rewriter["flags"]}


def test_vitest_killed_at_import_passes_nothing(vitest_results):
    quitter = vitest_results["exits-at-import"]
    assert quitter["status"] == "graded" and quitter["score"] == 0
    assert all(c["outcome"] == "failed" and c["message"].startswith("not run: ")
               for c in quitter["checks"])


# --- pytest, its --junitxml


def test_pytest_results_score_the_candidates_code(pytest_results):
    assert pytest_results["strong"]["score"] == 100
    partial = pytest_results["partial"]
    assert partial["score"] == 87.5 and not partial["flags"]
    assert failed_ids(partial) == {"pytest::test_intervals::test_touching_intervals_merge"}
    assert all(r["details"]["trust"] == "runner-outcomes" for r in pytest_results.values())
    assert all(r["status"] == "graded" for r in pytest_results.values())


def test_pytest_a_syntax_error_scores_0_with_pythons_message(pytest_results):
    broken = pytest_results["broken"]
    assert broken["score"] == 0
    assert any("its output says: SyntaxError: invalid syntax" in line
               for line in broken["criteria"][0]["evidence"])


@pytest.mark.parametrize("sample", ["ships-a-conftest", "ships-a-pytest-config",
                                    "shadows-pytest"])
def test_pytest_a_conftest_config_or_pytest_py_in_the_submission_changes_nothing(
        pytest_results, sample):
    # each would report passes or run no test, were pytest to read or import it
    shipped = pytest_results[sample]
    assert shipped["score"] == pytest_results["partial"]["score"] and not shipped["flags"]
    assert failed_ids(shipped) == failed_ids(pytest_results["partial"])


def test_pytest_a_patched_test_report_passes_the_canary_and_voids_the_criterion(
        pytest_results):
    forger = pytest_results["patches-the-framework"]
    assert forger["score"] == 0
    assert "forged-outcome" in {flag["kind"] for flag in forger["flags"]}


def test_pytest_a_report_rewritten_at_exit_gives_itself_away_by_the_canary(pytest_results):
    # an atexit handler runs after pytest wrote the report: the runner reads the forgery (the
    # mode's trust level), whose canary passed
    rewriter = pytest_results["rewrites-the-report-at-exit"]
    assert rewriter["score"] == 0
    assert "forged-outcome" in {flag["kind"] for flag in rewriter["flags"]}


def test_pytest_an_exit_at_import_passes_nothing(pytest_results):
    quitter = pytest_results["exits-at-import"]
    assert quitter["status"] == "graded" and quitter["score"] == 0
    assert all(c["message"] == "not run: the test command wrote no JUnit report (exit code 0)"
               for c in quitter["checks"])
