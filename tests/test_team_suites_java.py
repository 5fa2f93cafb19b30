"""A team's own JUnit 5 suite in junit mode, on the real engine: javac and the JUnit console
launcher in worksample/java:bookworm (tests/fixtures/java-junit). Strong, partial, broken
and uncompilable work, and the attacks a candidate who read the fixture's command would try:
what the code under test does to the run or its report costs the candidate, or, where the
mode's trust level says it cannot be stopped (a shutdown hook rewriting the report), is shown
as such."""

from __future__ import annotations

import pytest
from conftest_paths import ROOT, require_image
from conftest_paths import graded_by_id as graded
from conftest_paths import run_cli as run

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

JAVA = ROOT / "tests" / "fixtures" / "java-junit"
IMAGE = "worksample/java:bookworm"
TEST_CLASS = "JUnit Jupiter::com.example.wrap.TextWrapTest"
SPLITTING = {f"{TEST_CLASS}::aWordLongerThanTheWidthIsSplit()",
             f"{TEST_CLASS}::wordsFollowTheLastPieceOfASplitWord()",
             f"{TEST_CLASS}::widthOneGivesOneCharacterPerLine()"}


@pytest.fixture(scope="module")
def results(docker_engine, tmp_path_factory) -> dict[str, dict]:
    require_image(docker_engine, IMAGE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKSAMPLE_STORE", str(tmp_path_factory.mktemp("java") / "r.db"))
        return graded(JAVA, *sorted((JAVA / "work").iterdir()))


def failed_ids(result: dict) -> set[str]:
    return {check["id"] for check in result["checks"] if check["outcome"] == "failed"}


def kinds(result: dict) -> set[str]:
    return {flag["kind"] for flag in result["flags"]}


def test_the_reference_passes_every_test_and_its_canary_fails(docker_engine):
    require_image(docker_engine, IMAGE)
    done = run("validate", JAVA)
    assert done.exit_code == 0, done.output
    assert "reported 8 tests" in done.output  # the canary is expected to fail, not counted
    assert f"e.g. '{TEST_CLASS}::wrapsAtTheWidth()'" in done.output
    assert "ok   reference solution: graded, score 100" in done.output
    assert "ok   starter: graded, score 0" in done.output


def test_junit_results_score_the_candidates_code(results):
    # strong: a Maven layout whose own tests need AssertJ, which the image lacks; they are
    # left out of the compilation, so they cannot fail it
    assert results["strong"]["score"] == 100 and not results["strong"]["flags"]
    partial = results["partial"]
    assert partial["score"] == 62.5 and failed_ids(partial) == SPLITTING
    assert not partial["flags"]
    broken = results["broken"]
    assert broken["status"] == "graded" and broken["score"] == 0
    assert all(r["details"]["trust"] == "runner-outcomes" for r in results.values())
    assert {r["details"]["language"] for r in results.values()} == {"java"}


def test_code_that_does_not_compile_scores_0_with_javacs_message(results):
    uncompiled = results["does-not-compile"]
    assert uncompiled["status"] == "graded" and uncompiled["score"] == 0
    said = ("its output says: ./TextWrap.java:18: error: incompatible types: int cannot be "
            "converted to List<String>")
    assert any(said in line for line in uncompiled["criteria"][0]["evidence"])
    assert all(said in check["message"] for check in uncompiled["checks"])


def test_system_exit_in_a_static_initializer_passes_nothing(results):
    quitter = results["exits-in-static-init"]
    assert quitter["status"] == "graded" and quitter["score"] == 0
    assert all(c["outcome"] == "failed" for c in quitter["checks"])
    assert any("wrote no JUnit report (exit code 0)" in line
               for line in quitter["criteria"][0]["evidence"])


def test_a_report_of_passes_written_into_the_reports_folder_voids_the_criterion(results):
    # it names every test it reads in /sandbox/tests, the canary among them, then halts the
    # JVM before the launcher writes its own report
    forger = results["forges-the-report"]
    assert forger["score"] == 0
    assert "forged-outcome" in kinds(forger)


def test_junit_config_and_an_extension_in_the_submission_change_nothing(results):
    # junit-platform.properties turning on extension autodetection, and a service file naming
    # an extension that swallows every failure: javac copies no resources, so neither is on
    # the class path the launcher reads
    shipped = results["ships-junit-config"]
    assert shipped["score"] == results["partial"]["score"]
    assert failed_ids(shipped) == SPLITTING and not shipped["flags"]


def test_a_submission_shadowing_junits_assertions_changes_nothing(results):
    # its org.junit.jupiter.api.Assertions passes whatever it is given; the launcher's jar is
    # the JVM's class path and the submission's classes load in a child loader, parent first
    shadow = results["shadows-junit"]
    assert shadow["score"] == results["partial"]["score"]
    assert failed_ids(shadow) == SPLITTING and not shadow["flags"]


def test_a_submission_class_named_as_the_hidden_test_class_is_never_loaded(results):
    # its own com.example.wrap.TextWrapTest, whose tests all pass (and whose canary fails):
    # the hidden classes come first on the class path
    shadow = results["ships-the-hidden-test-class"]
    assert shadow["score"] == results["partial"]["score"]
    assert failed_ids(shadow) == SPLITTING and not shadow["flags"]


def test_a_shutdown_hook_rewriting_the_report_is_what_the_trust_level_warns_of(results):
    # runner-outcomes: the code under test runs in the launcher's JVM, and a shutdown hook
    # runs after the launcher wrote its report. It keeps the canary's failure and deletes the
    # others: the partial code scores 100 and nothing flags it. Use recorded mode where that
    # matters (Java has no recorder yet).
    rewriter = results["rewrites-the-report-at-exit"]
    assert rewriter["score"] == 100 and not rewriter["flags"]
    assert rewriter["details"]["trust"] == "runner-outcomes"


def test_the_docs_show_the_fixtures_command_whole():
    import yaml

    docs = (ROOT / "docs" / "assignments.md").read_text()
    java = docs[docs.index("### Java (JUnit 5) in junit mode"):]
    shown = yaml.safe_load(java[java.index("```yaml\n") + 8:java.index("```\n", 8)])
    fixture = yaml.safe_load((JAVA / "assignment.yaml").read_text())
    assert shown["coding"]["junit"] == fixture["coding"]["junit"]


def test_a_test_that_never_returns_fails_alone_at_its_timeout(results):
    # it loops forever at width 1: JUnit's default timeout, in a separate thread, fails that
    # test after 5 s and runs the others
    hangs = results["hangs"]
    assert hangs["score"] == results["partial"]["score"] and failed_ids(hangs) == SPLITTING
    stuck = next(c for c in hangs["checks"]
                 if c["id"] == f"{TEST_CLASS}::widthOneGivesOneCharacterPerLine()")
    assert "timed out after 5 seconds" in stuck["message"]
