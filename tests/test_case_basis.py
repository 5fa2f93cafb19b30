"""What a recommendation rests on and where it is, and a change read as written: a choice with
no figure and no point behind it earns nothing, an option supposed with "would" is not
chosen, a section is the first part so named with its words, and a change in percentage
points called percent is a wrong figure. New texts, none from the samples; the held-out
pool's misreadings were of these classes."""

from __future__ import annotations

import pytest
from conftest_paths import OPTION_NAMES

SPLIT = f"option “{OPTION_NAMES['split-plans']}”"
REVERT = f"option “{OPTION_NAMES['back-to-39']}”"
ANALYSIS = ("## Analysis\n\nSolo churn climbed to 4.1% a month after the rise, while teams "
            "barely moved, and revenue per team account held up.\n\n")
DECISION = ("## Recommendation\n\nWe should put solo accounts on a $39 Solo plan and keep teams "
            "at $49, because churn and revenue point different ways by segment.\n")


def checks_of(grade_analysis, text: str) -> dict:
    return {check.id: check for check in grade_analysis(text).checks}


def test_a_choice_with_no_figure_and_no_point_behind_it_earns_nothing(grade_analysis):
    bare = checks_of(grade_analysis, "## Analysis\n\nPricing must balance the value proposition "
                                     "for each segment against retention and the customer "
                                     "journey.\n\n" + DECISION)
    check = bare["recommendation"]
    assert SPLIT in check.message and check.outcome == "failed"
    assert "states none of the case's figures" in check.message
    founded = checks_of(grade_analysis, ANALYSIS + DECISION)["recommendation"]
    assert founded.outcome == "passed", founded.message


def test_a_wrong_figure_is_still_a_basis_the_figures_judge(grade_analysis):
    wrong = checks_of(grade_analysis, "## Analysis\n\nSolo churn climbed to 6.5% a month after "
                                      "the rise.\n\n" + DECISION)
    assert wrong["numbers/solo-churn-after"].outcome == "failed"
    assert wrong["recommendation"].outcome == "passed", wrong["recommendation"].message


def test_an_option_supposed_with_would_is_not_chosen(grade_analysis):
    checks = checks_of(grade_analysis, ANALYSIS + (
        "## Recommendation\n\nMove solo accounts to a $39 Solo plan and keep teams at $49. "
        "Going back to $39 for everyone would hand back the team revenue for nothing.\n"))
    check = checks["recommendation"]
    assert check.outcome == "passed" and SPLIT in check.message, check.message


def test_would_with_a_recommendation_cue_still_chooses(grade_analysis):
    checks = checks_of(grade_analysis, ANALYSIS + (
        "## Recommendation\n\nI would recommend going back to $39 for everyone, at once.\n"))
    assert REVERT in checks["recommendation"].message


MADE_UP = ("## Analysis\n\nMonthly revenue rose 31% over the half year, and churn went "
           "from 1.4% to 2.2% a month. Lifetime value slipped from $2,650 to $2,380.\n\n")


def test_a_choice_on_figures_that_all_contradict_the_data_earns_nothing(grade_analysis):
    check = checks_of(grade_analysis, MADE_UP + DECISION)["recommendation"]
    assert SPLIT in check.message and check.outcome == "failed"
    assert "every figure of the case the analysis states contradicts the data" in check.message


def test_a_recommendation_of_no_option_on_such_figures_earns_nothing_either(grade_analysis):
    vague = ("## Recommendation\n\nWe should adopt a value-led pricing architecture across "
             "every persona.\n")
    founded = checks_of(grade_analysis, ANALYSIS + vague)["recommendation"]
    made_up = checks_of(grade_analysis, MADE_UP + vague)["recommendation"]
    assert "recommends, but none of the options" in founded.message
    assert "contradicts the data" not in founded.message
    assert "every figure of the case the analysis states contradicts the data" in made_up.message


@pytest.mark.parametrize("added", [
    # one figure stated right beside the wrong ones: a slip, not figures from nowhere
    "Solo churn reached 4.1% a month after the rise.",
])
def test_a_choice_with_a_right_figure_among_wrong_ones_keeps_its_credit(grade_analysis, added):
    text = f"{MADE_UP.rstrip()} {added}\n\n"
    check = checks_of(grade_analysis, text + DECISION)["recommendation"]
    assert SPLIT in check.message and check.outcome == "passed", check.message


def test_one_wrong_move_alone_leaves_the_choice_founded(grade_analysis):
    text = "## Analysis\n\nSince the rise, churn has gone from 1.4% to 2.2% a month.\n\n"
    check = checks_of(grade_analysis, text + DECISION)["recommendation"]
    assert "contradicts the data" not in check.message


def test_the_section_is_the_longest_part_its_heading_names(grade_analysis):
    text = ("## Summary\n\n- Solo churn: 4.1% a month after the rise.\n"
            "- Recommendation: a Solo plan.\n\n" + ANALYSIS
            + "## Recommendation\n\nWe should put solo accounts on a $39 Solo plan and keep "
              "teams at $49. The solo segment is where churn doubled and sign-ups fell, while "
              "team accounts kept paying the new price with churn almost unchanged, so one "
              "price for both groups leaves money or customers on the table.\n")
    checks = checks_of(grade_analysis, text)
    section = checks["sections/recommendation"]
    assert section.outcome == "passed", section.message
    assert "Recommendation" in section.message and "- Recommendation" not in section.message
    assert checks["recommendation"].outcome == "passed", checks["recommendation"].message


def test_wouldnt_supposes_too_and_a_first_person_would_chooses(grade_analysis):
    checks = checks_of(grade_analysis, ANALYSIS + (
        "## Recommendation\n\nSplit the plan: solo accounts on a $39 Solo plan, teams at $49. "
        "Going back to $39 for everyone wouldn't help the teams at all.\n"))
    assert SPLIT in checks["recommendation"].message, checks["recommendation"].message
    mine = checks_of(grade_analysis, ANALYSIS + (
        "## Recommendation\n\nMy choice would be going back to $39 for everyone, this month.\n"))
    assert REVERT in mine["recommendation"].message, mine["recommendation"].message


def test_points_made_in_words_are_a_basis_without_figures(grade_analysis):
    checks = checks_of(grade_analysis, "## Analysis\n\nSince the rise, churn has doubled for "
                                       "solo accounts and revenue went up overall.\n\n" + DECISION)
    check = checks["recommendation"]
    assert "states none of the case's figures" not in check.message, check.message


def test_a_short_section_first_and_a_longer_one_later_keeps_the_first(grade_analysis):
    text = (ANALYSIS + "## Recommendation\n\nWe should put solo accounts on a $39 Solo plan and "
            "keep teams at $49, because churn doubled in the solo segment while team accounts "
            "kept paying and their churn barely moved after the rise.\n\n"
            "## Next steps\n\n" + "Run the Solo plan for a quarter and watch churn monthly. " * 6)
    checks = checks_of(grade_analysis, text)
    assert "Recommendation" in checks["sections/recommendation"].message
    assert checks["recommendation"].outcome == "passed", checks["recommendation"].message


FIGURES_STATED = "## Analysis\n\nMonthly churn was 1.87% before the rise and 3.38% after it. "


def test_a_change_in_points_called_percent_is_a_wrong_figure_for_its_point(grade_analysis):
    checks = checks_of(grade_analysis, FIGURES_STATED + "So churn increased by 1.5%.\n")
    point = checks["key_points/churn-up"]
    assert point.outcome == "failed", point.message
    assert "1.5% for a change of 1.51 percentage points, 81% of 1.87%" in point.message
    assert checks["numbers/churn-after"].outcome == "passed"


@pytest.mark.parametrize("change", ["by 1.5 percentage points", "by 1.5 pp", "by 81%",
                                    "by about 80%"])
def test_a_change_in_points_or_in_percent_written_right_makes_the_point(grade_analysis, change):
    checks = checks_of(grade_analysis, FIGURES_STATED + f"So churn increased {change}.\n")
    point = checks["key_points/churn-up"]
    assert point.outcome == "passed", point.message


@pytest.mark.parametrize("analysis, said", [
    # a move the analysis states itself, about a quantity no expected pair covers
    ("## Analysis\n\nAgency churn went from 1.40% to 3.90% a month. Churn rose by 2.5% "
     "for agencies.\n", "2.5% for a change of 2.50 percentage points, 179% of 1.4%"),
    ("## Analysis\n\nMonthly churn rose by only 1.5% after the rise, from 1.87% to 3.38%.\n",
     "1.5% for a change of 1.51 percentage points, 81% of 1.87%"),
])
def test_points_called_percent_of_a_move_the_analysis_states_are_wrong(grade_analysis,
                                                                       analysis, said):
    point = checks_of(grade_analysis, analysis)["key_points/churn-up"]
    assert point.outcome == "failed", point.message
    assert said in point.message


@pytest.mark.parametrize("change", ["Monthly churn went up 1.5% after the rise.",
                                    "That is a 1.5% increase in churn.",
                                    "Churn is now 1.5% higher than before the rise.",
                                    "Monthly churn went up a modest 1.5% after the rise."])
def test_points_called_percent_without_by_are_wrong(grade_analysis, change):
    point = checks_of(grade_analysis, FIGURES_STATED + change + "\n")["key_points/churn-up"]
    assert point.outcome == "failed", point.message
    assert "1.5% for a change of 1.51 percentage points" in point.message


@pytest.mark.parametrize("said", [
    "Churn rose by 1.51pp after the rise.",
    "Churn rose by 1.51% points after the rise.",
    "Churn rose by 1.5 pct pts after the rise.",
    "Overall churn rose with team churn of 1.51% before the rise.",  # a level, not a change
    "Churn rose as lifetime value went down by 1.5% a month.",  # another quantity's figure
    "Churn rose after the rise, and by 2% in the worst month.",  # a whole number: too rough
])
def test_points_spelt_oddly_a_level_or_another_quantity_are_not_points_called_percent(
        grade_analysis, said):
    point = checks_of(grade_analysis, FIGURES_STATED + said + "\n")["key_points/churn-up"]
    assert point.outcome == "passed", point.message


def test_points_called_percent_cost_numbers_points_even_where_the_point_is_made_right(
        grade_analysis):
    right = ("## Analysis\n\nChurn went from 1.87% a month before the rise to 3.38% after "
             "it, nearly doubling. ")
    slipped = grade_analysis(right + "Put simply, churn is up 1.5% on the year.\n")
    honest = grade_analysis(right + "Put simply, churn is up 1.5 points on the year.\n")
    checks = {check.id: check for check in slipped.checks}
    assert checks["key_points/churn-up"].outcome == "passed"
    wrong = checks["numbers/points-called-percent"]
    assert wrong.outcome == "failed" and "1.51 percentage points" in wrong.message
    assert "numbers/points-called-percent" not in {check.id for check in honest.checks}
    slipped_points, honest_points = (next(c.points for c in r.criteria if c.id == "numbers")
                                     for r in (slipped, honest))
    assert slipped_points < honest_points


def test_a_move_stated_with_its_change_in_percent_makes_the_point(grade_analysis):
    checks = checks_of(grade_analysis, "## Analysis\n\nAgency churn went from 1.40% to 3.90% "
                                       "a month. Churn rose by 179% for agencies.\n")
    assert checks["key_points/churn-up"].outcome == "passed", checks["key_points/churn-up"].message


@pytest.mark.parametrize("analysis, point", [
    ("Churn stood at 1.87% a month before the rise and at 3.38% a month after it.", "churn-up"),
    ("Measured by price over churn, a customer's worth went from $2,091 in the autumn to "
     "$1,448 in the spring.", "ltv-down"),
    ("Overall churn: before the rise 1.87% a month, after it 3.38%, mostly in solo accounts.",
     "churn-up"),
    # each time word on its figure's side of the break, however many words stand before it
    ("Across all accounts, churn: 1.87% of customers a month before; 3.38% after.", "churn-up"),
    ("Churn ran 1.87% a month before and 3.38% after the rise.", "churn-up"),
    # the time opens the first figure's clause, its subject and verb between
    ("Taken together, prior to the change churn sat at 1.87% a month, and after it "
     "at 3.38%.", "churn-up"),
    ("For all accounts: before the new price our churn was about 1.87% a month, after it "
     "3.38%.", "churn-up"),
])
def test_a_point_is_made_by_its_figures_stated_right_in_one_sentence(grade_analysis, analysis,
                                                                     point):
    found = checks_of(grade_analysis, f"## Analysis\n\n{analysis}\n")[f"key_points/{point}"]
    assert found.outcome == "passed", found.message
    assert "its figures say it" in found.message


@pytest.mark.parametrize("analysis", [
    "Churn stood at 3.38% a month before the rise and at 1.87% a month after it.",  # swapped
    "If churn moves from 1.87% to 3.38% again, the board will ask why.",
    "Churn did not go from 1.87% to 3.38% in the team segment.",
    "The sales team claims churn went from 1.87% to 3.38%.",
    "Churn could go from 1.87% to 3.38% if the rise is repeated.",
    "Churn was 1.87% before the rise. After it, churn was 3.38%.",  # two sentences
    "Churn was 1.87% after the rise and 3.38% before it.",  # the right values, said falling
    "Churn was 1.87% of customers a month after, and 3.38% before.",  # so, across a break
    # a clause opened by the time after holds the first figure: the values said falling
    "Since the change our blended churn has been 1.87%, against 3.38% before it.",
    "After March the churn we measured was 1.87% a month, and before March 3.38%.",
    "Healthy churn for a product like ours lies between 1.87% and 3.38% a month.",
    "At 1.87% and 3.38% monthly churn, the payback on acquisition is 12 and 22 months.",
    "At Ledgerbox, a rival that raised prices in 2024, churn went from 1.87% to 3.38%.",
    "In the agency segment alone churn went from 1.87% to 3.38%.",
    "Did churn really go from 1.87% to 3.38% because of the price?",
    "Our target is to take churn from 3.38% back to 1.87% by December.",
    "At 1.87% of revenue support is cheap, and churn went from 3.38% to 1.87% in a year.",
])
def test_figures_that_are_no_finding_of_one_sentence_in_order_make_no_point(grade_analysis,
                                                                            analysis):
    found = checks_of(grade_analysis, f"## Analysis\n\n{analysis}\n")["key_points/churn-up"]
    assert found.outcome != "passed", found.message


@pytest.mark.parametrize("analysis", [
    "A freelancer customer was worth $1,953 before the rise and $1,194 after it.",
    "Solo LTV went from $1,953 to $1,194.",
])
def test_a_part_s_figures_are_no_wrong_figures_of_the_whole(grade_analysis, analysis):
    checks = checks_of(grade_analysis, f"## Analysis\n\n{analysis}\n")
    for number in ("numbers/ltv-before", "numbers/ltv-after"):
        assert "contradiction" not in checks[number].message, checks[number].message


def test_the_whole_s_wrong_figure_is_still_wrong(grade_analysis):
    checks = checks_of(grade_analysis, "## Analysis\n\nA customer was worth $1,953 before the "
                                       "rise and $1,194 after it.\n")
    assert "a contradiction of the data" in checks["numbers/ltv-before"].message


def test_a_description_after_a_measure_does_not_take_its_figures(grade_analysis):
    checks = checks_of(grade_analysis, "## Analysis\n\nLifetime value, defined as monthly "
                                       "price over monthly churn, says the same. It went from "
                                       "$2,091 to $1,448.\n")
    assert checks["numbers/ltv-after"].outcome == "passed", checks["numbers/ltv-after"].message


def test_a_part_that_moves_against_another_does_not_tell_the_whole(grade_analysis):
    point = checks_of(grade_analysis, "## Analysis\n\nSolo MRR dropped by $9,000 while team "
                                      "MRR grew by $4,000.\n")["key_points/revenue-up"]
    assert point.outcome != "passed", point.message


@pytest.mark.parametrize("analysis", ["Team MRR grew by $4,000 and solo MRR grew by $9,000.",
                                      "Team MRR grew by $4,000 while solo MRR held level."])
def test_parts_that_move_together_or_alone_tell_the_whole(grade_analysis, analysis):
    point = checks_of(grade_analysis, f"## Analysis\n\n{analysis}\n")["key_points/revenue-up"]
    assert point.outcome == "passed", point.message


# --- an option ruled out, turned down, hanging on a condition, someone else's, or listed ------

KEEP = f"option “{OPTION_NAMES['keep-49']}”"


@pytest.mark.parametrize("section", [
    "Keeping $49 for everyone is ruled out by the churn we now see in solo accounts.",
    "Going back to $39 for everyone is not a sensible answer to a solo problem.",
    "The finance team recommends a solo plan at $39 for single-user accounts.",
    "Ines's preference is to keep the price at $49 until the year closes.",
    "We could keep the price at $49 for everyone only if solo churn fell back under 2%.",
    "The options are to keep $49 for everyone or to add a solo plan at $39 for freelancers.",
])
def test_an_option_ruled_out_conditional_someone_elses_or_listed_is_not_chosen(
        grade_analysis, section):
    check = checks_of(grade_analysis, ANALYSIS + f"## Recommendation\n\n{section}\n")[
        "recommendation"]
    assert check.outcome != "passed" and "→ option" not in check.message, check.message


def test_the_option_turned_down_with_rather_than_is_not_the_one_chosen(grade_analysis):
    check = checks_of(grade_analysis, ANALYSIS + (
        "## Recommendation\n\nWe recommend going back to $39 for everyone rather than a "
        "separate solo plan, since churn rose in both segments.\n"))["recommendation"]
    assert REVERT in check.message, check.message


def test_our_own_recommendation_stands_beside_what_others_propose(grade_analysis):
    check = checks_of(grade_analysis, ANALYSIS + (
        "## Recommendation\n\nSales would rather keep the price at $49 for everyone. We "
        "recommend a solo plan at $39 with teams kept at $49.\n"))["recommendation"]
    assert SPLIT in check.message and KEEP not in check.message, check.message


# --- a forecast, a hedge or someone else's claim is no finding -----------------------------

@pytest.mark.parametrize("point, sentence", [
    ("churn-up", "Churn may well creep higher over the winter months."),
    ("ltv-down", "Lifetime value would probably be lower if solo churn stays where it is."),
    ("signups-down", "New customers could be down again next quarter if the trial page is slow."),
    ("revenue-up", "The sales team claims MRR rose faster than any quarter before."),
])
def test_a_forecast_a_hedge_or_a_claim_is_no_finding(grade_analysis, point, sentence):
    check = checks_of(grade_analysis, f"## Analysis\n\n{sentence}\n\n" + DECISION)[
        f"key_points/{point}"]
    assert check.outcome == "skipped" and "not counted" in check.review, check


def test_a_forecast_of_the_opposite_is_no_contradiction(grade_analysis):
    check = checks_of(grade_analysis, "## Analysis\n\nRevenue could fall by spring if churn "
                                      "keeps rising.\n\n" + DECISION)["key_points/revenue-up"]
    assert "contradiction" not in check.message, check
