"""The top of a candidate page (issue 28): the summary, level wording that cannot contradict the
evidence, and the evidence in plain words. Hand-built results for the rules; the email
samples graded for real for the same rules on real evidence (the coding samples' pages are
checked in test_report_cli.py, which grades them in the sandbox)."""

from __future__ import annotations

import pytest
from conftest_paths import EMAIL_EXAMPLES, EMAIL_SAMPLE, graded_by_id, run_cli

from worksample.models import Check, CriterionScore, GradeResult, IntegrityFlag, SandboxRun, Status
from worksample.reports import build_report
from worksample.reports.evidence import plain_evidence
from worksample.safe_text import visible

TIMED_OUT = ("../tests/test_expiry.py:19: in test_confirm\n  inventory.confirm('o1')\n"
             "harness/runner.py:116: in on_alarm\nTestTimedOut: the test took longer than "
             "2.0s (per-test limit)")


def coding_result(assignment, name: str, *, passed: int, failed: list[str], score: float,
                  flags=(), ended="completed", checks=None) -> GradeResult:
    """A coding result by hand: ``passed`` tests of test_reservations.py that passed, and the
    ``failed`` ones (test_expiry.py ids), each stopped at the per-test time limit."""
    correctness = assignment.criterion("correctness")
    if checks is None:
        checks = [Check(id=f"test_reservations.py::test_ok_{i}", kind="test", outcome="passed",
                        criterion="correctness") for i in range(passed)]
        checks += [Check(id=f"test_expiry.py::{test}", kind="test", outcome="failed",
                         message=TIMED_OUT, criterion="correctness") for test in failed]
    fraction = score / 100
    level = 1 if fraction < .4 else 2 if fraction < .7 else 3 if fraction < .9 else 4
    criteria = [CriterionScore(id="correctness", title=correctness.title, source="auto",
                               max_points=60, points=round(60 * fraction, 2), level=level,
                               evidence=[f"{passed} of {passed + len(failed)} hidden tests "
                                         "passed"])]
    criteria += [CriterionScore(id=c.id, title=c.title, source="reviewer", max_points=c.weight,
                                points=None) for c in assignment.spec.rubric
                 if c.source == "reviewer"]
    return GradeResult(
        worksample_version="test", submission_id=name, submission_source=f"/in/{name}",
        submission_hash=f"hash-{name}", assignment_id=assignment.id,
        assignment_version=assignment.version, assignment_type="coding", status=Status.GRADED,
        score=score, passed=score >= assignment.spec.pass_score and not any(
            f.fails for f in flags),
        criteria=criteria, checks=checks, flags=list(flags),
        run=SandboxRun(image="img", image_id="sha256:1", ended=ended, exit_code=0, seconds=3))


def page_of(assignment, result, audience="hiring-manager"):
    return build_report(assignment, [result], audience=audience).pages[0]


# --- level wording ----------------------------------------------------------------------------

def test_an_automatic_level_is_said_by_what_the_checks_found_not_by_its_anchor(sample):
    anchor = sample.criterion("correctness").anchors[4]
    page = page_of(sample, coding_result(sample, "hangs", passed=29,
                                         failed=["test_a", "test_b"], score=94.3))
    correctness = page.criteria[0]
    assert correctness.level == 4
    assert anchor not in correctness.level_meaning
    assert correctness.level_meaning == ("29 of 31 hidden tests passed; 2 did not finish in "
                                         "time.")


def test_a_run_stopped_before_any_result_is_named_as_such(sample):
    page = page_of(sample, coding_result(sample, "loops", passed=0, failed=[], score=0,
                                         ended="timeout", checks=[]))
    correctness = page.criteria[0]
    assert correctness.level == 1
    assert correctness.level_meaning == ("Scores 0: stopped at the wall-clock limit before any "
                                         "test gave a result")
    assert sample.criterion("correctness").anchors[1] not in correctness.level_meaning


def test_a_reviewers_level_keeps_its_anchor(sample):
    from worksample.ratings import Rating, reviews

    result = coding_result(sample, "rated", passed=3, failed=[], score=100)
    rating = Rating(assignment_id=sample.id, submission_id="rated", submission_key="hash-rated",
                    criterion="design", level=2, reviewer="Ana")
    page = build_report(sample, [result], reviews=reviews([result], [rating], [])).pages[0]
    design = next(c for c in page.criteria if c.id == "design")
    assert design.level == 2
    assert design.level_meaning == sample.criterion("design").anchors[2]


# --- the summary ------------------------------------------------------------------------------

def test_the_summary_says_the_standing_and_what_the_score_covers(sample):
    page = page_of(sample, coding_result(sample, "hangs", passed=29,
                                         failed=["test_a", "test_b"], score=94.3))
    summary = page.summary
    assert summary.standing == "passes"
    assert summary.verdict == "Passes: 94.3 against a pass mark of 70."
    rubric = sum(c.weight for c in sample.spec.rubric)
    automatic = sum(c.weight for c in sample.spec.rubric if c.source == "auto")
    share = round(100 * automatic / rubric)
    assert summary.covers.startswith(
        f"The score covers the automatic part: {automatic:g} of the rubric's {rubric:g} points "
        f"({share}%), of which the work earned 56.6, scaled to 100. The other {100 - share}% "
        "awaits reviewers: ")
    # each concern names the test in words and says what went wrong without the tool's jargon
    assert [(c.where, c.text, c.proof) for c in summary.concerns] == [
        ("expiry", "a", "did not finish within the 2-second limit per test"),
        ("expiry", "b", "did not finish within the 2-second limit per test")]
    assert not any("TestTimedOut" in c.proof for c in summary.concerns)
    assert summary.strengths[0].text == "all 29 test(s) passed"
    assert summary.strengths[0].where == "reservations"


@pytest.mark.parametrize(("score", "band", "standing"), [
    (70, 5, "borderline above"), (74.9, 5, "borderline above"), (75, 5, "passes"),
    (67.5, 5, "borderline below"), (65, 5, "borderline below"), (64.9, 5, "below"),
    (67.5, 1, "below"), (69.5, 0, "below"), (70, 0, "passes")])
def test_the_borderline_band_is_the_assignments(sample, score, band, standing):
    spec = sample.spec.model_copy(update={"borderline_points": band})
    assignment = sample.model_copy(update={"spec": spec})
    page = page_of(assignment, coding_result(assignment, "c", passed=3, failed=[], score=score))
    assert page.summary.standing == standing


def test_an_automatic_fail_does_not_pass_whatever_the_score(sample):
    flag = IntegrityFlag(kind="automatic-fail", evidence="asks for the card number", fails=True)
    page = page_of(sample, coding_result(sample, "c", passed=3, failed=[], score=90,
                                         flags=[flag]))
    assert page.summary.standing == "automatic fail"
    assert page.summary.verdict == ("Does not pass, whatever the score (90): an automatic fail "
                                    "(automatic-fail; see the flags).")
    assert page.flags[0].evidence == "asks for the card number"
    assert "does not pass" in page.summary.next_step


def test_the_candidate_gets_no_summary(sample):
    page = page_of(sample, coding_result(sample, "c", passed=3, failed=[], score=100),
                   audience="candidate")
    assert page.summary is None


def test_strengths_and_concerns_are_at_most_three_and_spread_over_the_criteria():
    from worksample.reports.summary import Point, _chosen

    points = [Point(text=f"a{i}", criterion="A", weight=10 - i) for i in range(5)]
    points += [Point(text="b", criterion="B", weight=1), Point(text="c", criterion="C",
                                                                 weight=0.5)]
    assert [p.text for p in _chosen(points)] == ["a0", "b", "c"]
    assert [p.text for p in _chosen(points[:5])] == ["a0", "a1", "a2"]


# --- the evidence in plain words --------------------------------------------------------------

def test_absences_are_kept_apart_and_a_quote_is_shown_once_per_part():
    quote = "“We can refund you within 30 days.”"
    checks = [
        Check(id="e1/questions/q1", kind="questions", outcome="passed", message=quote,
              label="answers “Can I get my money back?”", group="e1"),
        Check(id="e1/facts/f1", kind="facts", outcome="passed", message=quote,
              label="states: refunds within 30 days", group="e1"),
        Check(id="e2/facts/f1", kind="facts", outcome="passed", message=quote,
              label="states: refunds within 30 days", group="e2"),
        Check(id="e1/forbidden/card", kind="forbidden", outcome="passed", message="not found",
              label="does not make the statement: asks for a card number", group="e1",
              confirms_absence=True),
        Check(id="e1/questions/q2", kind="questions", outcome="failed", message="not found",
              label="answers “Will I be charged again?”", group="e1"),
    ]
    evidence = plain_evidence(checks, visible)
    assert [(line.group, line.mark, line.detail, line.same) for line in evidence.lines] == [
        ("e1", "met", quote, False), ("e1", "met", quote, True), ("e2", "met", quote, False),
        ("e1", "missed", "", False)]
    assert [line.text for line in evidence.absences] == [
        "does not make the statement: asks for a card number"]


def test_tests_are_counted_per_group_and_failures_said_plainly():
    checks = [Check(id=f"test_api.py::test_{i}", kind="test", outcome="passed")
              for i in range(4)]
    checks += [Check(id="test_core.py::test_ok", kind="test", outcome="passed"),
               Check(id="test_core.py::test_sums_the_lines", kind="test", outcome="failed",
                     message="assert 6 == 10\n +  where 6 = total([1, 5])")]
    lines = plain_evidence(checks, visible).lines
    assert [(line.group, line.mark, line.text) for line in lines] == [
        ("api", "met", "all 4 test(s) passed"), ("core", "missed", "sums the lines")]
    assert "where 6" not in lines[1].detail and lines[1].detail


# --- the email samples, graded for real -------------------------------------------------------

@pytest.fixture(scope="module")
def email_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("email")
    store = folder / "results.sqlite"
    return store, graded_by_id(EMAIL_SAMPLE, *sorted(EMAIL_EXAMPLES.iterdir()),
                               "--store", store)


@pytest.fixture(scope="module")
def email_pages(email_results):
    store, _ = email_results
    folder = store.parent
    out = folder / "report"
    done = run_cli("report", EMAIL_SAMPLE, "--store", store, "--out", out)
    assert done.exit_code == 0, done.output
    return out / "candidates"


def page_json(pages, stem):
    import json

    return json.loads((pages / f"{stem}.json").read_text())["candidate"]


def test_an_empty_reply_is_named_empty_not_described_by_an_anchor(email_pages):
    import yaml

    spec = yaml.safe_load((EMAIL_SAMPLE / "assignment.yaml").read_text())
    anchors = [text for c in spec["rubric"]
               for text in c["anchors"].values()]
    page = page_json(email_pages, "empty.txt")
    for criterion in page["criteria"]:
        if criterion["source"] == "auto":
            assert criterion["level_meaning"].startswith("Scores 0: "), criterion
            assert "empty" in criterion["level_meaning"]
            assert criterion["level_meaning"] not in anchors
    assert page["summary"]["standing"] == "below"
    assert all("empty" in concern["text"] for concern in page["summary"]["concerns"])


def test_the_adequate_replys_unanswered_questions_reach_the_summary_and_the_cards(email_pages):
    page = page_json(email_pages, "adequate.md")
    resolves = page["criteria"][0]
    missed = [line["text"] for line in resolves["plain"]["lines"] if line["mark"] == "missed"]
    assert "answers “Please make sure I'm not charged again next year.”" in missed
    assert "answers “Will I get the second $29 back?”" in missed
    # the level is said by what was met, never by the anchor's "answers every question"
    assert "every question" not in resolves["level_meaning"]
    assert resolves["level_meaning"].endswith("things checked were met.")
    # no line that only confirms an absence is listed; they are kept apart
    assert not any(line["text"].startswith("does not make the statement")
                   for line in resolves["plain"]["lines"])
    assert resolves["plain"]["absences"]
    concerns = [c["text"] for c in page["summary"]["concerns"]]
    assert len(concerns) <= 3 and concerns
    assert page["summary"]["standing"] == "borderline above"


def test_a_check_met_in_full_whose_credit_was_cut_still_passed(email_results):
    """adequate.md leaves a question unanswered, so what its replies do not do (no forbidden
    statement, no blame) earns only part of its points; those checks were still met: the
    candidate is not told they fell short of 'does not ask for a card number'."""
    _, results = email_results
    adequate = results["adequate.md"]
    feedback = [line for c in adequate["criteria"] for line in c["feedback"]]
    assert feedback and not any("does not make the statement" in f or "avoids blaming" in f
                                for f in feedback)
    absences = [c for c in adequate["checks"] if c["confirms_absence"]]
    assert absences and all(c["outcome"] == "passed" for c in absences)
    # and the score is what it was: the credit is cut all the same
    assert adequate["score"] == pytest.approx(71.29, abs=0.01)


def test_a_reply_that_scored_0_is_named_beside_what_the_others_met(email_pages):
    page = page_json(email_pages, "off-policy")
    tone = next(c for c in page["criteria"] if c["id"] == "tone")
    assert "but part of the work scores 0: automatic fail" in tone["level_meaning"]
    assert ("An automatic fail then puts it under the pass mark: × 70/100 = 23.3."
            in page["summary"]["covers"])


def test_a_flag_of_high_severity_comes_before_inviting(sample):
    flag = IntegrityFlag(kind="forged-outcome", evidence="the runner's report was rewritten")
    page = page_of(sample, coding_result(sample, "c", passed=3, failed=[], score=100,
                                         flags=[flag]))
    assert page.summary.standing == "passes"
    assert page.summary.next_step.startswith("Resolve the flag(s) first (forged-outcome)")


def test_concerns_are_ordered_by_what_they_cost_in_the_rubric():
    """Each text check weighs its kind's share of its criterion (the section's scoring),
    divided among the kind's findings: the summary's order follows the points at stake."""
    from worksample.prose.evidence import Finding
    from worksample.prose.scoring import GradedPart, part_checks

    scoring = {"resolution": {"questions": 3.0, "facts": 1.0}}
    part = GradedPart([Finding("questions", "q1", "answers q1", 0.0, "not found"),
                       Finding("facts", "f1", "states f1", 0.0, "not found"),
                       Finding("facts", "f2", "states f2", 1.0, "“…”")], name="e1", weight=2)
    weights = {c.id: c.weight for c in part_checks(part, scoring)}
    assert weights == {"e1/questions/q1": 1.5, "e1/facts/f1": 0.25, "e1/facts/f2": 0.25}
