"""The interview brief on the sample assignments' real results, graded and reported through
the CLI: questions built from the evidence, no question whose premise the work contradicts,
no internal ids, one neutral question per unrated reviewer criterion, the timed agenda and
HR's kit. The same rules on hand-built results are in test_guide_rules.py."""

from __future__ import annotations

import json
import re

import pytest
from conftest_paths import (
    CASE_EXAMPLES,
    CASE_SAMPLE,
    EMAIL_EXAMPLES,
    EMAIL_SAMPLE,
    EXAMPLES,
    ROOT,
    SAMPLE,
    run_cli,
)

SAMPLES = ["strong", "partial", "hangs", "broken"]
OPTION_IDS = ["split-plans", "keep-49", "back-to-39"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory, docker_engine):
    """The candidate pages (JSON, HTML, Markdown) of the three kinds of sample, for the
    hiring manager and for HR: {(assignment, audience): {stem: {"json", "html", "md"}}}."""
    folder = tmp_path_factory.mktemp("guide")
    store = folder / "results.sqlite"
    ledger = ROOT / "examples" / "expense-ledger"
    graded = [(SAMPLE, [EXAMPLES / s for s in SAMPLES]),
              (ROOT / "assignments" / "expense-ledger", [ledger / "partial"]),
              (EMAIL_SAMPLE, sorted(EMAIL_EXAMPLES.iterdir())),
              (CASE_SAMPLE, sorted(CASE_EXAMPLES.iterdir()))]
    out = {}
    for assignment, submissions in graded:
        result = run_cli("grade", assignment, *submissions, "--store", store)
        assert result.exit_code == 0, result.output
        for audience in ("hiring-manager", "hr"):
            target = folder / f"{assignment.name}-{audience}"
            made = run_cli("report", assignment, "--store", store, "--out", target,
                           "--audience", audience)
            assert made.exit_code == 0, made.output
            out[(assignment.name, audience)] = {
                path.stem: {"json": json.loads(path.read_text())["candidate"],
                            "html": path.with_suffix(".html").read_text(),
                            "md": path.with_suffix(".md").read_text()}
                for path in (target / "candidates").glob("*.json")}
    return out


def questions(page: dict, part: str = "") -> list[dict]:
    guide = page["json"]["guide"]
    return guide[part] if part else guide["hiring_manager"] + guide["hr"]


def texts(page: dict, part: str = "") -> list[str]:
    return [q["text"] for q in questions(page, part)]


def test_a_hang_is_probed_first_naming_the_tests_and_the_code(pages):
    hangs = pages[("inventory-reservations", "hiring-manager")]["hangs"]
    manager = texts(hangs, "hiring_manager")
    assert manager[0] == (
        "Two of our hidden tests did not finish on your code within the time limit: "
        "confirm after expiry raises expired and confirm keeps stock sold. Talk us through "
        "what your function confirm (inventory.py, line 91) waits for.")
    # the confirmation of all-or-nothing (its test passed) comes after the hang, not alone
    all_or_nothing = "How did you make sure a reservation is all or nothing?"
    assert manager.index(all_or_nothing) > 0


def test_every_failed_test_group_is_probed_not_only_the_first_test(pages):
    partial = pages[("inventory-reservations", "hiring-manager")]["partial"]
    probes = [t for t in texts(partial, "hiring_manager") if " of our hidden tests on " in t]
    assert [p.split(" failed:")[0] for p in probes] == [
        "Six of our hidden tests on reservations", "Five of our hidden tests on expiry"]
    assert "returned 6 where 10 was expected" in probes[1]
    # a failed all-or-nothing test: the question presuming it works is not asked
    assert "How did you make sure a reservation is all or nothing?" not in texts(partial)


def test_recorded_cases_are_probed_by_group_in_plain_words(pages):
    partial = pages[("expense-ledger", "hiring-manager")]["partial"]
    probes = [t for t in texts(partial, "hiring_manager") if " of our hidden tests on " in t]
    assert [p.split(" failed:")[0] for p in probes] == [
        "Two of our hidden tests on balances", "Two of our hidden tests on settle",
        "Two of our hidden tests on input"]
    assert ("bad amounts are refused (returned nothing where the error ValueError was "
            "expected (at step 'amount 1.234'))") in probes[2]


def test_code_that_does_not_load_is_one_probe_and_no_test_is_asked_about(pages):
    broken = pages[("inventory-reservations", "hiring-manager")]["broken"]
    correctness = [q for q in questions(broken) if q["criterion_id"] == "correctness"]
    assert [q["text"] for q in correctness] == [
        "None of the 31 hidden tests could run: your code did not load (SyntaxError: expected "
        "':'). How did you check the code before sending it?"]


def test_a_missing_required_file_is_a_probe_and_a_conduct_signal(pages):
    hangs = pages[("inventory-reservations", "hr")]["hangs"]["json"]
    assert ("The instructions ask for NOTES.md, and your submission has none. What would you "
            "have written in it?") in [q["text"] for q in hangs["guide"]["hiring_manager"]]
    assert "NOTES.md" in " ".join(s["evidence"] for s in hangs["hr_kit"]["conduct"])
    # the neutral question about the notes presumes notes: not asked without them
    assert not any("Your notes" in q["text"] for q in hangs["guide"]["hiring_manager"])


def test_an_empty_reply_is_asked_what_happened_not_about_a_reply(pages):
    empty = pages[("support-replies", "hiring-manager")]["empty.txt"]
    asked = texts(empty)
    assert asked[0] == ("Your submission reached us empty. What happened, and what would you "
                        "have sent?")
    assert not any("did not land" in t or "Your reply" in t for t in asked)
    # no question of the automatic criteria presumes a reply
    assert {q["criterion_id"] for q in questions(empty)} <= {"", "judgement"}


def test_a_level_3_criterion_still_gets_probes_for_its_gaps(pages):
    adequate = pages[("support-replies", "hiring-manager")]["adequate.md"]
    resolution = [q for q in questions(adequate) if q["criterion_id"] == "resolution"]
    assert adequate["json"]["criteria"][0]["level"] == 3
    unanswered = [q["text"] for q in resolution if "unanswered" in q["text"]]
    assert len(unanswered) == 2  # late refund and double charge: both missed questions
    assert any("late refund" in t for t in unanswered)
    assert any("double charge" in t for t in unanswered)


def test_statements_the_policy_rules_out_are_probed_and_gathered_for_hr(pages):
    page = pages[("support-replies", "hr")]["off-policy"]
    first = texts(page, "hiring_manager")[:2]
    assert all(t.startswith("In your reply on ") and "you wrote “" in t for t in first)
    assert any("full card number" in t for t in first)
    conduct = page["json"]["hr_kit"]["conduct"]
    assert any("full card number" in signal["evidence"] for signal in conduct)
    assert any("issued a full refund" in signal["evidence"] for signal in conduct)
    # HR's page carries HR's kit before the discussion guide
    html = page["html"]
    assert html.index('id="hr-kit"') < html.index('id="discussion-guide"')
    assert 'id="conduct-signals"' in html and 'id="reverse-interview"' in html


def test_blaming_lines_are_hrs_worst_lines_and_probed_by_hr(pages):
    rude = pages[("support-replies", "hr")]["rude"]["json"]
    worst = [line["quote"] for line in rude["hr_kit"]["worst_lines"]]
    assert worst == [  # one from each reply in turn
        "As clearly stated in our terms, annual plans are only refunded within 30 days of "
        "purchase.", "You must have deleted them yourself.",
        "The pending line is just an authorisation from your bank and it drops off within 3-5 "
        "business days, as I already said to another customer today."]
    assert any("You must have deleted them yourself." in q["text"] for q in rude["guide"]["hr"])
    # a reply that blames no one raises no conduct signal of blame
    adequate = pages[("support-replies", "hr")]["adequate.md"]["json"]
    assert adequate["hr_kit"]["conduct"] == []


def test_a_candidate_who_recommends_one_price_is_not_asked_to_defend_one_price(pages):
    case = pages[("pricing-review", "hiring-manager")]
    board = "The board wants one price for everyone. How do you argue your case?"
    assert board not in texts(case["wrong-numbers.txt"])  # recommends $49 for everyone
    assert board in texts(case["strong.md"])  # recommends separate plans
    assert ("You recommend keeping $49 for everyone. What in the segment figures made you "
            "choose it over the other options?") in texts(case["wrong-numbers.txt"])


def test_no_question_uses_an_internal_id(pages):
    for (assignment, _), by_stem in pages.items():
        for stem, page in by_stem.items():
            asked = " ".join(texts(page)) if page["json"]["guide"] else ""
            for option in OPTION_IDS:
                assert option not in asked, (assignment, stem)
            assert "::" not in asked and not re.search(r"\btest_\w+", asked), (assignment, stem)
            assert "late-refund" not in asked and "key_points" not in asked, (assignment, stem)
            for criterion in page["json"]["criteria"]:  # no rubric name quoted as a topic
                assert f"“{criterion['title']}”" not in asked
                assert f"'{criterion['title']}'" not in asked


def test_unrated_reviewer_criteria_get_one_neutral_question_not_both_bands(pages):
    for (assignment, _), by_stem in pages.items():
        for page in by_stem.values():
            if not page["json"]["guide"]:
                continue
            kinds = {q["kind"] for q in questions(page)}
            assert not kinds & {"if rated 1-2", "if rated 3-4"}
            for criterion in page["json"]["criteria"]:
                if criterion["source"] == "reviewer" and criterion["level"] is None:
                    own = [q for q in questions(page) if q["criterion_id"] == criterion["id"]
                           and q["kind"] != "what-if"]
                    assert [q["kind"] for q in own] in ([], ["neutral"]), assignment


def test_every_page_has_a_45_minute_agenda_with_the_three_parts(pages):
    for (assignment, _), by_stem in pages.items():
        for page in by_stem.values():
            agenda = page["json"]["agenda"]
            parts = {part["key"]: part for part in agenda["parts"]}
            assert agenda["minutes"] == 45 == sum(p["minutes"] for p in agenda["parts"])
            assert {"hiring-manager", "hr", "candidate"} <= set(parts), assignment
            for key, guide_part in (("hiring-manager", "hiring_manager"), ("hr", "hr")):
                fitted = [q["text"] for q in parts[key]["questions"]]
                assert fitted == texts(page, guide_part)[:len(fitted)]  # most important first
                assert sum(q["minutes"] for q in parts[key]["questions"]) <= parts[key]["minutes"]
            assert 'id="interview-agenda"' in page["html"] and "## Agenda: 45 minutes" in page["md"]
            assert parts["close"]["note"].startswith("If we go ahead")  # next steps, timeline


def test_the_reverse_interview_kit_is_specific_to_the_candidate(pages):
    replies = pages[("support-replies", "hr")]
    excellent, adequate = (replies[s]["json"] for s in ("excellent", "adequate.md"))
    asked = [qa["question"] for qa in adequate["candidate_questions"]]
    assert asked != [qa["question"] for qa in excellent["candidate_questions"]]
    assert "How did my work do on “Resolves the customer's problem within policy”?" in asked
    kit = adequate["hr_kit"]
    assert kit["next_steps"].startswith("If we go ahead")
    assert "three working days" in kit["timeline"]
    assert any("pass mark" in line for line in kit["do_not_disclose"])
    assert any("hidden tests" in line for line in kit["do_not_disclose"])
    assert "the list of phrases the automatic checks look for" in kit["do_not_disclose"]
    for qa in adequate["candidate_questions"]:
        assert "70" not in qa["answer"] and "71.3" not in qa["answer"]
