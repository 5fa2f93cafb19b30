"""Recorded mode end to end through the CLI, on the expense-ledger sample, with real
containers: the cases record, the host compares, and what reaches whom."""

import shutil

import pytest
import yaml
from conftest_paths import ROOT
from conftest_paths import graded_by_id as graded
from conftest_paths import run_cli as run

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

LEDGER = ROOT / "assignments" / "expense-ledger"
SAMPLES = ROOT / "examples" / "expense-ledger"


def test_validate_says_the_mode_and_checks_the_reference_twice():
    ranking = ROOT / "examples" / "expense-ledger.ranking.yaml"
    result = run("validate", LEDGER, "--ranking", ranking)
    assert result.exit_code == 0, result.output
    assert "ok   grading mode: recorded" in result.output
    assert "recorded the same values in two runs (16 cases)" in result.output
    assert "ok   reference solution: graded, score 100" in result.output
    assert "ok   starter: graded, score 0 " in result.output
    assert "tau between the order and the scores: 1.00" in result.output


def test_samples_are_scored_case_by_case_with_the_reason_per_failure():
    results = graded(LEDGER, *(SAMPLES / name for name in ("strong", "partial", "broken")))
    strong, partial, broken = (results[name] for name in ("strong", "partial", "broken"))
    assert strong["score"] == 100 and strong["flags"] == []
    assert strong["details"]["trust"] == "host-compared"
    assert [c["id"] for c in strong["criteria"] if c["source"] == "auto"] == [
        "correctness", "robustness"]
    assert 0 < partial["score"] < 70 and broken["score"] == 0
    checks = {c["id"]: c for c in partial["checks"]}
    assert len(checks) == 16 and {c["kind"] for c in checks.values()} == {"case"}
    retry = checks["cases_balances.py::same_expense_again_is_a_no_op"]
    assert retry["outcome"] == "failed" and retry["message"] == (
        "at 'retry' (1 of 3): raised DuplicateExpense; the reference returned None")
    rounding = checks["cases_balances.py::leftover_cents_go_to_largest_remainders"]
    assert "'ana': -3.33" in rounding["message"] and "'ana': -3.34" in rounding["message"]
    assert checks["cases_input.py::bad_amounts_are_refused"]["criterion"] == "robustness"
    # an int balance where the reference has a float passes: the case declares a tolerance
    assert checks["cases_balances.py::equal_split"]["outcome"] == "passed"
    assert {c["outcome"] for c in broken["checks"]} == {"failed"}
    assert all("could not be imported" in c["message"] or "AttributeError" in c["message"]
               for c in broken["checks"])


def test_the_reference_values_reach_the_hiring_manager_never_the_candidate(tmp_path):
    graded(LEDGER, SAMPLES / "partial")
    for audience in ("hiring-manager", "candidate"):
        result = run("report", LEDGER, "--audience", audience, "--out", tmp_path / audience)
        assert result.exit_code == 0, result.output
    manager = (tmp_path / "hiring-manager" / "candidates" / "partial.html").read_text()
    candidate = (tmp_path / "candidate" / "candidates" / "partial.html").read_text()
    assert "the reference returned" in manager and "-3.34" in manager
    assert "verdict decided on the grader" in manager and "never entered the container" in manager
    assert "reference" not in candidate.lower() and "-3.34" not in candidate
    assert "hidden tests passed" in candidate


def _copy(tmp_path):
    folder = shutil.copytree(LEDGER, tmp_path / "ledger-copy")
    return folder


def test_a_reference_that_records_different_values_twice_fails_validate(tmp_path):
    folder = _copy(tmp_path)
    reference = folder / "reference" / "ledger.py"
    reference.write_text(reference.read_text().replace(
        "        return {name: cents / 100 for name, cents in self._balances_in_cents().items()}",
        "        import os\n        return {name: cents / 100 + os.urandom(1)[0] "
        "for name, cents in self._balances_in_cents().items()}"))
    result = run("validate", folder)
    assert result.exit_code != 0
    assert "recorded different values in two runs" in result.output
    assert "cases_balances.py::equal_split: at 'balances'" in result.output


def test_a_case_that_scores_no_automatic_criterion_is_named(tmp_path):
    folder = _copy(tmp_path)
    cases = folder / "cases" / "cases_input.py"
    cases.write_text(cases.read_text().replace('criterion="robustness"', 'criterion="design"'))
    result = run("validate", folder)
    assert result.exit_code != 0
    assert "cases score ['design'], which are not automatic criteria" in result.output


def test_weights_belong_to_the_cases_in_recorded_mode(tmp_path):
    folder = _copy(tmp_path)
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["coding"]["weights"] = {"cases_settle.py::two_people": 3}
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec))
    result = run("validate", folder)
    assert result.exit_code != 0 and "@case(weight=3)" in result.output


def test_a_case_module_that_cannot_import_the_submission_fails_only_its_cases(tmp_path):
    submission = tmp_path / "no-conflict-class"
    shutil.copytree(SAMPLES / "strong", submission)
    code = submission / "ledger.py"
    code.write_text(code.read_text().replace("class UnknownExpense(LedgerError)",
                                             "class MissingExpense(LedgerError)")
                    .replace("UnknownExpense(", "MissingExpense("))
    checks = {c["id"]: c for c in graded(LEDGER, submission)["no-conflict-class"]["checks"]}
    failed = {case for case, check in checks.items() if check["outcome"] == "failed"}
    assert failed == {case for case in checks if case.startswith("cases_input.py::")}
    message = checks["cases_input.py::unknown_expense"]["message"]
    assert message.startswith("not run: cases_input.py could not be imported (")
    assert "'UnknownExpense'" in message


def test_a_call_that_hangs_fails_its_case_and_the_next_cases_get_a_new_process(tmp_path):
    submission = tmp_path / "hangs"
    shutil.copytree(SAMPLES / "strong", submission)
    code = submission / "ledger.py"
    code.write_text(code.read_text().replace(
        "    def settle(self):\n",
        "    def settle(self):\n        if len(self._expenses) == 3:\n            while True:\n"
        "                pass\n"))
    checks = {c["id"]: c for c in graded(LEDGER, submission)["hangs"]["checks"]}
    failed = {case for case, check in checks.items() if check["outcome"] == "failed"}
    assert failed == {"cases_settle.py::largest_debtor_pays_largest_creditor"}
    assert "the case took longer than 2s" in checks[
        "cases_settle.py::largest_debtor_pays_largest_creditor"]["message"]
