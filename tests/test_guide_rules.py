"""The interview brief's rules on hand-built results: probes from the evidence, premises,
rating-dependent questions, the agenda and HR's kit (the same on real results:
test_guide.py)."""

from __future__ import annotations

import pytest
from conftest_paths import CASE_SAMPLE, EMAIL_SAMPLE

from worksample.models import (
    BankQuestion,
    Check,
    CriterionScore,
    DiscussionQuestions,
    GradeResult,
    IntegrityFlag,
    Status,
)
from worksample.prose.scoring import ZERO_KIND
from worksample.reports import build_report
from worksample.reports.agenda import SLOT_MINUTES, agenda
from worksample.reports.guide import Guide, Question, discussion_guide
from worksample.reports.hr_kit import ALWAYS_UNDISCLOSED, candidate_questions, hr_kit
from worksample.reports.probes import void_parts

HANG = ('../tests/test_expiry.py:19: in test_confirm_after_expiry_raises_expired\n'
        '    inventory.confirm("o1", now=900.0)\ninventory.py:91: in confirm\n'
        '    while self.holds:\nE   TestTimedOut: the test took longer than 2.0s (per-test '
        'limit)')


def graded(assignment, checks, levels, specifics=None, flags=()) -> GradeResult:
    """A graded result of ``assignment`` with ``checks`` and a level per criterion id."""
    criteria = [CriterionScore(id=c.id, title=c.title, source=c.source, max_points=c.weight,
                               points=None if levels.get(c.id) is None else 1.0,
                               level=levels.get(c.id),
                               specifics=(specifics or {}).get(c.id, {}))
                for c in assignment.spec.rubric]
    return GradeResult(worksample_version="test", submission_id="cand",
                       submission_source="/s/cand", assignment_id=assignment.id,
                       assignment_version=assignment.version,
                       assignment_type=assignment.type, status=Status.GRADED, score=50,
                       passed=False, criteria=criteria, checks=checks,
                       flags=[IntegrityFlag(kind=k, evidence=e) for k, e in flags])


def guide_of(assignment, result, flags=()) -> Guide:
    return discussion_guide(assignment.spec, result.criteria, str, result, flags)


def all_texts(guide: Guide) -> list[str]:
    return [q.text for q in guide.hiring_manager + guide.hr]


def hidden_test(id_, outcome="failed", message="", weight=1.0, criterion="correctness") -> Check:
    return Check(id=id_, kind="test", outcome=outcome, message=message, weight=weight,
                 criterion=criterion)


@pytest.fixture
def email(registry):
    from worksample.assignments import load

    return load(EMAIL_SAMPLE, registry)


@pytest.fixture
def case(registry):
    from worksample.assignments import load

    return load(CASE_SAMPLE, registry)


def test_each_failed_group_is_a_probe_whatever_the_level(sample):
    checks = [hidden_test("test_a.py::test_one"), hidden_test("test_b.py::test_two", weight=3),
              hidden_test("test_b.py::test_three", outcome="passed")]
    guide = guide_of(sample, graded(sample, checks, {"correctness": 4}))
    probes = [q.text for q in guide.hiring_manager if q.kind == "probe"]
    assert probes == [
        "One of our hidden tests on b failed: two. Walk us through how your code handles b.",
        "One of our hidden tests on a failed: one. Walk us through how your code handles a."]


def test_recorded_cases_are_probed_like_tests(sample):
    checks = [Check(id="cases_settle.py::two_people", kind="case", outcome="failed",
                    criterion="correctness",
                    message="at 'settle' (1 of 1): returned []; the reference returned "
                            "[('ben', 'ana', 25.0)]")]
    guide = guide_of(sample, graded(sample, checks, {"correctness": 2}))
    assert guide.hiring_manager[0].text == (
        "One of our hidden tests on settle failed: two people (returned [] where [('ben', 'ana', "
        "25.0)] was expected (at step 'settle')). Walk us through how your code handles "
        "settle.")
    # the bank question naming the failed case gives way to the probe
    assert not any("{" in t or "cases_settle" in t for t in all_texts(guide))


def test_a_hang_comes_first_and_names_the_candidates_function(sample):
    checks = [hidden_test("test_expiry.py::test_confirm_after_expiry_raises_expired", message=HANG),
              hidden_test("test_reservations.py::test_reserve_is_all_or_nothing", outcome="passed")]
    guide = guide_of(sample, graded(sample, checks, {"correctness": 4}))
    assert guide.hiring_manager[0].text == (
        "One of our hidden tests did not finish on your code within the time limit: "
        "confirm after expiry raises expired. Talk us through what your function confirm "
        "(inventory.py, line 91) waits for.")
    assert guide.hiring_manager[0].priority == 0


def test_a_bank_question_is_not_asked_when_a_check_it_presumes_failed(sample):
    confirm = "How did you make sure a reservation is all or nothing?"
    passed = graded(sample, [hidden_test("test_reservations.py::test_reserve_is_all_or_nothing",
                                  outcome="passed")], {"correctness": 3})
    failed = graded(sample, [hidden_test("test_reservations.py::test_reserve_is_all_or_nothing")],
                    {"correctness": 3})
    assert confirm in all_texts(guide_of(sample, passed))
    assert confirm not in all_texts(guide_of(sample, failed))
    # nor when the check is missing from the result
    assert confirm not in all_texts(guide_of(sample, graded(sample, [], {"correctness": 3})))


def test_a_flag_that_contradicts_a_question_leaves_it_out(sample):
    result = graded(sample, [], {"correctness": 4})
    notes = "Your notes name trade-offs. Which one would you revisit first, and why?"
    assert notes in all_texts(guide_of(sample, result))
    flagged = all_texts(guide_of(sample, result, [("missing-file", "the instructions ask for "
                                                   "NOTES.md; the submission has no such file")]))
    assert notes not in flagged
    assert ("The instructions ask for NOTES.md, and your submission has none. What would you "
            "have written in it?") in flagged


def test_the_recommendation_questions_follow_what_was_recommended(case):
    board = "The board wants one price for everyone. How do you argue your case?"
    levels = {"insight": 4, "numbers": 4, "recommendation": 4, "structure": 4}

    def asked(option_id, title):
        specifics = {"recommendation": {"recommended_option": title,
                                        "recommended_option_id": option_id}}
        return all_texts(guide_of(case, graded(case, [], levels, specifics)))

    assert board in asked("split-plans", "a separate solo plan at $39")
    assert board not in asked("keep-49", "keeping $49 for everyone")
    assert ("You recommend keeping $49 for everyone. What result after three months would "
            "make you reverse it?") in asked("keep-49", "keeping $49 for everyone")


def test_a_void_part_is_asked_about_once_and_no_bank_question_presumes_it(email):
    parts = ["late-refund", "missing-invoices", "double-charge"]
    zero = [Check(id=f"{part}/{ZERO_KIND}", kind=ZERO_KIND, outcome="failed", group=part,
                  message="the file is empty") for part in parts]
    result = graded(email, zero, {"resolution": 1, "tone": 1, "writing": 1},
                    {"resolution": {"weakest_email": "late-refund"}})
    guide = guide_of(email, result)
    assert all_texts(guide)[0] == ("Your submission reached us empty. What happened, and "
                                   "what would you have sent?")
    assert not any("did not land" in t for t in all_texts(guide))
    assert {q.criterion_id for q in guide.hiring_manager + guide.hr} <= {"", "judgement"}


def test_a_part_failed_by_what_it_says_is_not_void(email):
    """A reply that scores 0 for an automatic fail was written: it is asked about through
    its flag, and the bank's questions on the other replies stand."""
    zero = Check(id=f"double-charge/{ZERO_KIND}", kind=ZERO_KIND, outcome="failed",
                 group="double-charge", message="automatic fail: asks for the card number")
    empty = Check(id=f"late-refund/{ZERO_KIND}", kind=ZERO_KIND, outcome="failed",
                  group="late-refund", message="the file is empty")
    result = graded(email, [zero, empty], {"resolution": 2, "tone": 3, "writing": 3})
    assert void_parts(result) == {"late-refund"}


def test_a_flag_for_an_empty_submission_is_asked_about_when_no_evidence_says_it(sample):
    result = graded(sample, [], {"correctness": 1})
    guide = guide_of(sample, result, [("empty", "the submission holds no file")])
    assert all_texts(guide)[0] == ("Your submission reached us empty. What happened, and what "
                                   "would you have sent?")
    assert not any(q.criterion_id == "correctness" for q in guide.hiring_manager)


def test_a_generated_probe_replaces_the_bank_question_on_the_same_evidence(email):
    checks = [Check(id="late-refund/questions/no-renewal", kind="questions", outcome="failed",
                    message="not found", criterion="resolution",
                    label="answers “Please make sure I'm not charged again next year.”")]
    result = graded(email, checks, {"resolution": 2, "tone": 4, "writing": 4},
                    {"resolution": {"missed_question": "“Please make sure …”"}})
    texts = all_texts(guide_of(email, result))
    assert ("In your reply on late refund, you left the customer's question unanswered: "
            "“Please make sure I'm not charged again next year.”. How would you answer it "
            "now?") in texts
    assert not any(t.startswith("The customer asked") for t in texts)


def test_rating_dependent_questions_appear_once_rated(sample):
    result = graded(sample, [], {"correctness": 4})
    unrated = [q for q in guide_of(sample, result).hiring_manager if q.criterion_id == "design"]
    assert [q.kind for q in unrated] == ["neutral"]
    rated = result.model_copy(deep=True)
    design = next(s for s in rated.criteria if s.id == "design")
    for level, kind in ((1, "probe"), (4, "confirm")):
        design.level = level
        asked = [q for q in guide_of(sample, rated).hiring_manager if q.criterion_id == "design"]
        assert [q.kind for q in asked] == [kind]


def test_the_first_neutral_question_whose_premise_holds_is_asked(sample):
    sample.spec.discussion["design"] = DiscussionQuestions(neutral=[
        BankQuestion(ask="First?", presumes_passed=["nothing::passed"]),
        BankQuestion(ask="Second?"), BankQuestion(ask="Third?")])
    guide = guide_of(sample, graded(sample, [], {"correctness": 4}))
    assert [q.text for q in guide.hiring_manager if q.criterion_id == "design"] == ["Second?"]


def test_plain_strings_in_the_bank_stay_valid():
    bank = DiscussionQuestions(weak=["Why {failed_test}?"])
    assert bank.weak == [BankQuestion(ask="Why {failed_test}?")]
    items = DiscussionQuestions.model_json_schema()["properties"]["weak"]["items"]
    assert {"type": "string"} in items["anyOf"]  # editors accept the plain strings too
    with pytest.raises(ValueError, match="not a name"):
        DiscussionQuestions(strong=[{"ask": "Why {0}?"}])


def test_the_agenda_fits_the_most_important_questions_in_45_minutes():
    def question(n, priority, minutes):
        return Question(criterion_id="", criterion_title="", kind="probe", text=f"q{n}",
                        priority=priority, minutes=minutes)
    guide = Guide(hiring_manager=[question(n, 0, 5) for n in range(6)],
                  hr=[question(9, 1, 4)])
    made = agenda(guide)
    parts = {part.key: part for part in made.parts}
    assert made.minutes == SLOT_MINUTES == sum(part.minutes for part in made.parts)
    assert [q.text for q in parts["hiring-manager"].questions] == ["q0", "q1", "q2", "q3"]
    assert parts["hiring-manager"].left_out == 2
    assert [q.text for q in parts["hr"].questions] == ["q9"] and parts["hr"].minutes == 5
    assert parts["candidate"].minutes > 10  # HR's spare minutes go to the candidate


def test_hrs_kit_gathers_conduct_from_the_evidence_not_from_absences(email):
    checks = [
        Check(id="double-charge/forbidden/asks-card-number", kind="forbidden",
              outcome="failed", criterion="resolution",
              message="“Could you send me your full card number?” (automatic fail)"),
        Check(id="late-refund/forbidden/asks-password", kind="forbidden", outcome="failed",
              criterion="resolution", message="not found (earned in proportion to the "
                                              "questions the reply answers: 1 of 2)"),
        Check(id="late-refund/empathy", kind="empathy", outcome="passed", criterion="tone",
              message="“I'm so sorry the switch has not worked out for you.”"),
        Check(id="late-refund/blame", kind="blame", outcome="failed", criterion="tone",
              message="“You should have asked earlier.”")]
    result = graded(email, checks, {"resolution": 1, "tone": 2, "writing": 4})
    kit = hr_kit(email.spec, result, [], str)
    assert [(s.where, s.evidence) for s in kit.conduct] == [
        ("double charge", "“Could you send me your full card number?”"),
        ("late refund", "“You should have asked earlier.”")]
    assert [line.quote for line in kit.best_lines] == [
        "I'm so sorry the switch has not worked out for you."]
    assert [line.quote for line in kit.worst_lines] == ["You should have asked earlier."]
    assert kit.do_not_disclose[:len(ALWAYS_UNDISCLOSED)] == ALWAYS_UNDISCLOSED
    assert kit.do_not_disclose[len(ALWAYS_UNDISCLOSED):] == email.spec.context.do_not_disclose
    assert kit.next_steps == email.spec.context.next_steps


def test_the_candidates_questions_name_no_score_and_depend_on_the_result(sample):
    standard = candidate_questions(sample.spec)
    hung = graded(sample, [hidden_test("test_expiry.py::test_x", message=HANG)], {"correctness": 4})
    specific = candidate_questions(sample.spec, hung)
    assert specific[0].question == "My code worked when I tried it: why was it marked down?"
    assert "not which tests" in specific[0].answer
    assert [qa.question for qa in specific[1:]] == [qa.question for qa in standard]
    assessed = next(qa.answer for qa in standard if qa.question.startswith("How was my"))
    assert "70" not in assessed and "pass mark" in assessed  # says not to share it


def test_a_page_for_the_candidate_has_no_guide_agenda_or_kit(sample):
    hung = [hidden_test("test_expiry.py::test_x", message=HANG)]
    result = graded(sample, hung, {"correctness": 4})
    page = build_report(sample, [result], audience="candidate").pages[0]
    assert page.guide is None and page.agenda is None and page.hr_kit is None
    assert page.candidate_questions is None
