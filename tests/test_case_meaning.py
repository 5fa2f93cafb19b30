"""What case analyses mean, not only the words they use (issue 20): tables read as statements,
numbers counted only about their quantity, conditions and hedges kept as what they are,
contradictions weighing more than omissions. Every sentence here is new, written for these
tests; each rule has a case that must trigger it and one that must not."""

from __future__ import annotations

import pytest
from conftest_paths import OPTION_NAMES

from worksample.prose.clauses import clauses
from worksample.prose.stance import Stance
from worksample.prose.tables import table_lines
from worksample.prose.text import sentences


@pytest.fixture
def graded(grade_analysis):
    """Grade ``text`` as a candidate's analysis.md; return (result, {check id: check})."""
    def run(text: str):
        result = grade_analysis(text)
        return result, {check.id: check for check in result.checks}
    return run


def _points(result, criterion: str) -> float:
    return next(c.points for c in result.criteria if c.id == criterion)


def _clauses(text: str):
    [sentence] = sentences(text)
    return clauses(sentence)


# --- 1. Tables ------------------------------------------------------------------------------

TABLE = """## Analysis

| Measure | Sep-Feb | Mar-Aug |
|:--|--:|--:|
| Cancellations per 100 solo accounts a month | 2.0 | 4.10% |
| Lifetime value of a customer | $2,091 | $1,448 |
"""


def test_a_figure_in_a_table_row_counts_with_its_label_and_header(graded):
    _, checks = graded(TABLE)
    check = checks["numbers/solo-churn-after"]
    assert check.outcome == "passed", check.message
    assert "Lifetime" not in check.message and "4.10%" in check.message
    assert "table row, read as “Measure, Cancellations per 100 solo accounts a month, " \
           "Mar-Aug: 4.10%”" in check.message
    assert checks["numbers/ltv-after"].outcome == "passed"



@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1e",
                                       "\r"])
def test_line_separators_before_a_table_do_not_move_its_rows(separator):
    """A table is where the Markdown parser puts it, however the lines before it are broken:
    the prose before it is read as prose and each row once."""
    from worksample_case.structure import parse

    from worksample.prose.matching import PhraseSet

    text = (f"Intro.{separator}Note one.{separator}We recommend the split for teams.\n\n"
            + TABLE.split("\n", 2)[2])
    read = parse(text, PhraseSet(["analysis"]))
    said = [s.text for s in read.sentences]
    assert "We recommend the split for teams." in said
    assert sum("Cancellations per 100" in line for line in said) == 1, said

def test_a_transposed_table_reads_its_headers_as_the_quantities():
    rows = table_lines("| Period | Solo churn | LTV |\n|---|---|---|\n| after | 4.1% | $1,448 |\n")
    assert rows[2].statements == ("Period, after, Solo churn: 4.1%", "Period, after, LTV: $1,448")
    assert rows[0] is None and rows[1] is None


def test_bars_without_a_delimiter_row_are_no_table_and_state_nothing(graded):
    _, checks = graded("| solo churn after | 4.1% |\n| team churn after | 1.6% |\n")
    assert checks["numbers/solo-churn-after"].outcome == "skipped"


def test_a_key_point_only_in_a_table_is_still_for_the_reviewer(graded):
    _, checks = graded("| Finding | Note |\n|---|---|\n| churn rose sharply | 2x |\n")
    assert checks["key_points/churn-up"].outcome != "passed"


# --- 3. Numbers in context ----------------------------------------------------------------

def test_a_neighbouring_figure_in_another_clause_is_not_the_quantity(graded):
    # 0.92 is a retention factor and $49 a price: neither is a lifetime value
    _, checks = graded("Retention held at 0.92 of the base, while each account's lifetime "
                       "value came to $1,448 after the change.")
    assert checks["numbers/ltv-after"].outcome == "passed"
    _, checks = graded("Lifetime value is the price over churn, but at $3,100 the figure is "
                       "far too high while the price is $49.")
    assert "says $3,100;" in checks["numbers/ltv-after"].message
    # a figure said to be a part's is no wrong figure of the whole
    _, checks = graded("Lifetime value is the price over churn, but at $3,100 the figure is "
                       "for teams only while the price is $49.")
    assert checks["numbers/ltv-after"].message.startswith("not stated")


@pytest.mark.parametrize("text, check", [
    # a figure after a comma belongs to the quantity before it
    ("The lifetime value of a customer dropped by a third, from $2,091 to $1,448 a head.",
     "numbers/ltv-after"),
    # a relative clause keeps its antecedent
    ("The losses sit with the solo accounts, where churn reached 4.1% in the second half.",
     "numbers/solo-churn-after"),
    # an aside is about the clause it stands after, not the one after it
    ("New customers went from 740 to 531 (28.2% fewer), mostly on the solo plan.",
     "numbers/signups-change"),
    # a negation in a condition does not flip the main claim
    ("If nothing is done about pricing, churn will have doubled by winter as it already has "
     "since March.", "key_points/churn-up"),
])
def test_a_clause_carries_what_it_is_about(graded, text, check):
    _, checks = graded(text)
    assert checks[check].outcome == "passed", checks[check].message


@pytest.mark.parametrize("text, check, starts", [
    # the evidence quotes the sentence holding the figure, not the one naming the quantity
    ("Churn got worse after March. It reached 5.2% a month by August.", "numbers/churn-after",
     "“It reached 5.2% a month by August.”: says 5.2%"),
    # a key point stated with a wrong figure is a contradiction, not credit
    ("Churn went up from 1.2% to 2.6% a month once the new price applied.",
     "key_points/churn-up", "states it with a wrong figure"),
    # in any sentence holding the wrong figure, not only the first the number check quotes
    ("Customer lifetime value is now $1,650, down from $2,400. Across the base, lifetime "
     "value fell from $2,400 to $1,650 after the price rise.",
     "key_points/ltv-down", "states it with a wrong figure"),
])
def test_a_wrong_figure_fails_where_it_is_stated(graded, text, check, starts):
    _, checks = graded(text)
    assert checks[check].outcome == "failed" and checks[check].message.startswith(starts)


def test_a_figure_the_brief_gives_is_never_a_wrong_figure(graded):
    _, checks = graded("The lifetime value question matters, and we should return to $39.")
    assert checks["numbers/ltv-after"].message.startswith("not stated")


def test_a_key_point_with_the_right_figure_is_credited(graded):
    _, checks = graded("Churn went up from 1.87% to 3.38% a month once the new price applied.")
    assert checks["key_points/churn-up"].outcome == "passed"


# --- 4. Contradictions weigh more than omissions -------------------------------------------

BASE = ("MRR grew 19% over the six months. Solo churn went to 4.1% while team churn barely "
        "moved. Sign ups fell 28.2% and fewer new customers arrived. ")


@pytest.mark.parametrize("stated, check, note, costs_more", [
    ("Lifetime value after the rise is $1,900 per customer.", "ltv-after",
     "a contradiction of the data", True),
    # right to its (too rough) precision: it fails, but contradicts nothing
    ("Before the rise lifetime value was roughly $2k a customer.", "ltv-before",
     "too rough to count", False),
])
def test_a_wrong_figure_costs_more_than_leaving_it_out(graded, stated, check, note,
                                                        costs_more):
    silent, _ = graded(BASE)
    said, checks = graded(BASE + stated)
    assert note in checks[f"numbers/{check}"].message
    assert (_points(said, "numbers") < _points(silent, "numbers")) is costs_more


def test_saying_the_opposite_costs_more_than_not_saying_it(graded):
    silent, _ = graded(BASE)
    opposite, checks = graded(BASE + "A customer's lifetime value rose over the period.")
    assert "weighs double" in checks["key_points/ltv-down"].message
    assert _points(opposite, "insight") < _points(silent, "insight")


@pytest.mark.parametrize("before, after, opposite", [
    # a pronoun opening the sentence says more of the part the sentence before named
    ("Agency customers shrugged the rise off.",
     "Their churn stayed flat and they kept paying.", False),
    ("- **Teams:** hold them at $49.",
     "- Their churn was flat at around 1.5%: they took the new price.", False),
    # with no part named before it, the same words are about everyone
    ("Look at what happened next.", "Their churn stayed flat and they kept paying.",
     True),
])
def test_a_pronoun_after_a_part_says_more_of_that_part(graded, before, after, opposite):
    _, checks = graded("Churn went up sharply after the rise in March, for solo accounts above "
                       f"all.\n\n{before} {after}")
    said = checks["key_points/churn-up"]
    assert ("also says the opposite" in said.review) is opposite, (said.message, said.review)


# --- 5. Conditions ---------------------------------------------------------------------------

def test_a_condition_is_not_a_claim_either_way(graded):
    _, checks = graded("MRR grew by a fifth. The gain lasts only if churn falls back to where "
                       "it was, and we should watch it monthly.")
    assert not checks["key_points/churn-up"].message.startswith("says the opposite")
    _, checks = graded("Unless churn rose, the gain would hold; we saw nothing of the kind.")
    assert checks["key_points/churn-up"].outcome == "failed"


@pytest.mark.parametrize("text, conditions", [
    ("The increase stops earning money once retention slips below 96%.", [False, True]),
    ("Provided that agencies stay, the higher price is fine.", [True, False]),
    ("We asked whether to hold $49, cut to $39 or split the plan.", [False, True]),
    ("Revenue rose as churn rose.", [False]),  # "as" is not a condition
])
def test_conditions_are_found_by_the_word_that_opens_them(text, conditions):
    assert [c.condition for c in _clauses(text)] == conditions


def test_an_aside_is_taken_out_of_its_clause():
    found = _clauses("Customer value (price over churn) slid from $2,091 to $1,448.")
    assert [(c.text, c.aside) for c in found] == [
        ("Customer value slid from $2,091 to $1,448", False), ("price over churn", True)]


# --- 6. Hedging and the basis of a recommendation --------------------------------------------

@pytest.mark.parametrize("text", [
    "## Recommendation\n\nThe leadership team might consider a separate plan for solo users.",
    "## Recommendation\n\nWhether to hold $49 is a judgement the founders should weigh up.",
    "## Recommendation\n\nWe could go back to $39, depending on appetite for risk.",
])
def test_a_hedge_earns_no_recommendation_credit(graded, text):
    _, checks = graded(text)
    assert checks["recommendation"].outcome == "failed"
    assert "option “" not in checks["recommendation"].message


def test_a_section_that_lists_options_one_by_one_does_not_choose(graded):
    _, checks = graded("## Recommendation\n\n- Hold the price at $49 for all accounts.\n"
                       "- Return to $39 across the board.\n")
    assert checks["recommendation"].message.startswith("lists options without choosing")


FIGURES = "## Analysis\n\nSolo churn reached 4.1% a month after the rise.\n\n"


def test_a_decisive_recommendation_with_a_side_remark_still_decides(graded):
    _, checks = graded(FIGURES + "## Recommendation\n\nWe should keep $49 for teams and put solo "
                       "accounts on a Solo plan at $39, which could annoy a few agencies, "
                       "because churn and lifetime value both moved against the solo base.")
    check = checks["recommendation"]
    assert check.outcome == "passed"
    assert f"option “{OPTION_NAMES['split-plans']}”" in check.message


def test_a_recommendation_weighing_one_measure_earns_half(graded):
    _, checks = graded(FIGURES + "## Recommendation\n\nI recommend we keep the price at $49 "
                       "for everyone, because MRR is what the board looks at.")
    check = checks["recommendation"]
    assert "weighs only mrr of the case's measures" in check.message
    _, checks = graded(FIGURES + "## Recommendation\n\nI recommend we keep the price at $49 "
                       "for everyone: MRR held up, and churn will settle once the change is old "
                       "news.")
    assert "half credit" not in checks["recommendation"].message


@pytest.mark.parametrize("text, hedge", [
    ("The board may wish to discuss the options.", "may wish"),
    ("It depends on how much risk we accept.", "it depends"),
    ("Move solo customers to $39 next month.", ""),
    ("Keep $49 for agencies.", ""),
])
def test_stance_finds_hedges_and_lets_decisions_stand(text, hedge):
    assert Stance().hedge(_clauses(text)) == hedge


# --- 7. A verb's "-ing" form right after a recommendation cue -------------------------------

@pytest.mark.parametrize("text, option", [
    ("I'd suggest maintaining Pro at $49 across the board, churn and all.", "keep-49"),
    ("We recommend reversing the price rise for every account from next month.", "back-to-39"),
    ("I would recommend holding the price where it is for solo and team accounts.", "keep-49"),
])
def test_a_gerund_after_a_cue_chooses_like_the_verb(graded, text, option):
    _, checks = graded(FIGURES + "## Recommendation\n\n" + text)
    assert f"option “{OPTION_NAMES[option]}”" in checks["recommendation"].message


def test_a_gerund_away_from_a_cue_describes_and_chooses_nothing(graded):
    _, checks = graded(FIGURES + "## Recommendation\n\nHolding the price at $49 has cost us "
                       "solo accounts, so we should open a solo plan at $39.")
    assert f"option “{OPTION_NAMES['split-plans']}”" in checks["recommendation"].message


def test_a_noun_of_the_phrases_is_not_read_as_a_verb(graded):
    # "plan" stands inside `solo plan`: "planning for solo" is not `plan for solo`
    _, checks = graded(FIGURES + "## Recommendation\n\nI recommend planning for solo "
                       "accounts separately once churn data for the summer is in.")
    assert "option “" not in checks["recommendation"].message


def test_only_leading_verbs_of_the_phrases_are_read_and_only_after_a_cue():
    from worksample.prose.cue_verbs import CueVerbs
    from worksample.prose.matching import PhraseSet

    reading = CueVerbs(PhraseSet(["we should", "recommend*"]),
                         ["keep ... 49", "go back to", "split pro", "solo plan", "plan for solo"])
    assert reading.corrections == {"keep", "go", "split"}
    [sentence] = sentences("We should splitting pro, and I recommend going back to it.")
    assert reading.corrected(sentence) == (
        "we should split pro and i recommend go back to it",
        (("splitting", "split"), ("going", "go")))
    [sentence] = sentences("Keeping 49 was right, and we should planning for solo.")
    assert reading.corrected(sentence) == (sentence.normal, ())


def test_a_cue_in_the_past_reports_and_reads_no_gerund():
    from worksample.prose.cue_verbs import CueVerbs
    from worksample.prose.matching import PhraseSet

    reading = CueVerbs(PhraseSet(["recommend*"]), ["hold ... 49"])
    [sentence] = sentences("In May we recommended holding at $49, and I recommend holding at $49.")
    assert reading.corrected(sentence)[1] == (("holding", "hold"),)


# --- 8. Options the analysis names by labels of its own --------------------------------------

LABELLED = ("## Analysis\n\nSolo churn reached 4.1% a month after the rise. I looked at three "
            "courses. Option A holds Pro at $49 for every account. Option B, returning to $39 "
            "for all, wins back freelancers. Option C adds a Solo plan at $39 beside Pro at "
            "$49 for teams.\n\n## Recommendation\n\n")


@pytest.mark.parametrize("text, option", [
    ("We should go ahead with Option C: solo churn and lifetime value both point there.",
     "split-plans"),
    ("I recommend option B rather than option A, because new sign-ups fell 28.2%.",
     "back-to-39"),
    ("My advice is Option A; MRR is up 19% and teams stayed.", "keep-49"),
])
def test_a_label_the_analysis_defines_stands_for_its_option(graded, text, option):
    _, checks = graded(LABELLED + text)
    message = checks["recommendation"].message
    assert f"option “{OPTION_NAMES[option]}”" in message
    assert "stands for it in “" in message


# A label matches with small words between its two ("option the C"), as any phrase does; the
# label was kept as matched, three words where two were read, and the check crashed
# (ValueError), the result an `error`. Found by a red team.
@pytest.mark.parametrize("definition, recommendation, option", [
    ("Option the C is a solo plan at $39 for freelancers.", "I recommend option the C.",
     "split-plans"),
    ("Option to a is to keep the price at $49 for everyone.",
     "I recommend that we go with option to a.", "keep-49"),
    ("Alternative the 2 goes back to $39 for everyone.", "I recommend alternative 2.",
     "back-to-39"),
    # "a" is a small word and a label's letter: the match takes "option a a", and the label
    # kept as matched was never found again (no crash: the option was not read). Found by a
    # helper comparing the trees before and after on 14,000 generated texts.
    ("Option A: a solo plan at $39 for freelancers.", "I recommend option A.", "split-plans"),
    ("Option A (a solo plan at $39) is best.", "We should go with option A.", "split-plans"),
])
def test_a_label_written_with_small_words_between_stands_for_its_option(
        graded, definition, recommendation, option):
    _, checks = graded(f"## Analysis\n\nSolo churn reached 4.1% a month. {definition}\n\n"
                       f"## Recommendation\n\n{recommendation}")
    assert f"option “{OPTION_NAMES[option]}”" in checks["recommendation"].message


@pytest.mark.parametrize("text", [
    "I recommend Option D, a pilot with ten freelancers.",  # never defined as an option
    "Our finance lead recommends Option A.",  # someone else's
    "I recommend neither Option A nor Option B.",
    "I recommend Option A, B or C, whichever the board prefers.",  # side by side
    "Option C is what the sales team will ask about first.",  # no cue: a mention
])
def test_a_label_names_no_option_it_does_not_stand_for(graded, text):
    _, checks = graded(LABELLED + text)
    assert "option “" not in checks["recommendation"].message


def test_labels_are_defined_by_the_first_sentence_that_names_one_option(registry):
    from conftest_paths import CASE_SAMPLE
    from worksample_case.checks import CompiledCase
    from worksample_case.labels import option_labels

    from worksample.assignments import load

    case_section = load(CASE_SAMPLE, registry).section
    compiled = CompiledCase.of(case_section)
    text = ("Alternative 2 is the one the board asked about. Alternative 2 keeps the price at "
            "$49 for everyone. Alternative 3 (a solo plan at $39) and alternative 1 compared. "
            "Alternative 3 keeps teams at $49. Option A is to keep $49, go back to $39 or add a "
            "solo plan. Option B is not to keep $49. Option C keeps Pro at $49. Option C goes "
            "back to $39. Scenario 1 keeps the price at $49.")
    labels = option_labels(sentences(text), case_section.recommendation, compiled.options,
                           compiled.label_verbs, compiled.negation)
    # the first two sentences define it, the third names a part of it; the rest define nothing:
    # options side by side, a negation, two courses, a forecast
    assert labels.labels == {"keep-49": ["alternative 2"], "split-plans": ["alternative 3"]}


@pytest.mark.parametrize("text", [
    "Should we add a $39 solo plan beside Pro at $49? It turns on June's team churn.",
    "Why not hold the price at $49 for everyone? Because the solo base keeps shrinking.",
    'The board will ask: "Should we add a $39 solo plan beside Pro at $49?" June will tell.',
    "Should we add a $39 solo plan beside Pro at $49?! June's team churn will tell.",
])
def test_a_question_recommends_nothing(graded, text):
    _, checks = graded(FIGURES + "## Recommendation\n\n" + text)
    assert "option “" not in checks["recommendation"].message


@pytest.mark.parametrize("text, option", [
    # a test before the course in its clause: tested, not chosen
    ("We should trial a $39 solo plan with new sign-ups for a quarter, then decide.", ""),
    # a test further back is about something else
    ("The experiment our sales team ran in March tells me we should hold the price at $49 for "
     "all accounts.", "keep-49"),
    # a test after the course: it decides, and checks itself later
    ("We should add a solo plan at $39 beside Pro at $49 and test its price again in autumn.",
     "split-plans"),
])
def test_a_test_that_leads_to_a_course_puts_the_decision_off(graded, text, option):
    _, checks = graded(FIGURES + "## Recommendation\n\n" + text)
    message = checks["recommendation"].message
    if option:
        assert f"option “{OPTION_NAMES[option]}”" in message
    else:
        assert "option “" not in message


# --- 8. A recommendation found only where no check counts: for the reviewer -----------------

@pytest.mark.parametrize("text, option, reason", [
    # a short line may be an order, or one line of a list: the reviewer reads it
    ("Hold at $49. Solo churn is the cost, and MRR pays for it.", "keep-49",
     "a 3-word fragment"),
    # a table row in the recommendation's section
    ("| Course | Verdict |\n|---|---|\n| Return to $39 for all accounts | go |\n",
     "back-to-39", "a table row"),
])
def test_a_recommendation_only_where_no_check_counts_goes_to_the_reviewer(graded, text, option,
                                                                          reason):
    result, checks = graded(FIGURES + "## Recommendation\n\n" + text)
    check = checks["recommendation"]
    assert check.outcome == "skipped"
    assert f"names {OPTION_NAMES[option]}" in check.message
    assert check.review.startswith(f"found only in {reason}")
    assert "option “" not in check.message  # not read as a choice: it earns nothing
    assert _points(result, "recommendation") == 0
    # the guide asks about the line, not what a candidate who may have decided would decide
    criterion = next(c for c in result.criteria if c.id == "recommendation")
    assert "missing_recommendation" not in criterion.specifics
    assert criterion.specifics["unread_recommendation"] in check.message


def test_short_lines_naming_different_options_are_all_shown(graded):
    _, checks = graded(FIGURES + "## Recommendation\n\nKeep $49.\nRevert.\nSolo plan.\n")
    check = checks["recommendation"]
    assert check.outcome == "skipped"
    assert check.message.count(" names ") == 3
    assert "naming different options" in check.review


@pytest.mark.parametrize("text", [
    # a cue outside the recommendation's section
    "## Analysis\n\nSolo churn reached 4.1% a month after the rise. I recommend: revert.\n\n"
    "## Risks\n\nChurn could keep rising.",
    # no recommendation section at all
    "Solo churn reached 4.1% a month after the rise. We should: revert.",
])
def test_a_short_line_with_a_cue_goes_to_the_reviewer_anywhere(graded, text):
    _, checks = graded(text)
    check = checks["recommendation"]
    assert check.outcome == "skipped"
    assert f"names {OPTION_NAMES['back-to-39']}" in check.message


def test_a_short_line_does_not_make_an_essay_about_something_else_discuss_the_case(graded):
    result, checks = graded("# Onboarding review\n\n## Summary\n\nOur onboarding emails are "
                            "too long, and new users do not read them past the first week.\n\n"
                            "## Recommendation\n\nLower the price.\n")
    assert checks["recommendation"].outcome == "skipped"  # shown to the reviewer
    assert result.score == 0
    assert "does not discuss this case" in checks["scores-0"].message


@pytest.mark.parametrize("text", [
    "Keep $49? MRR is up, but solo churn reached 4.1% and lifetime value fell.",  # a question
    "Perhaps revert. Solo churn reached 4.1% and lifetime value fell to $1,448.",  # a hedge
])
def test_a_short_line_that_asks_or_hedges_is_still_no_recommendation(graded, text):
    _, checks = graded(FIGURES + "## Recommendation\n\n" + text)
    check = checks["recommendation"]
    assert (check.outcome, check.message) == ("failed", "no recommendation found")


def test_a_short_line_outside_the_recommendation_with_no_cue_is_not_read(graded):
    _, checks = graded("## Analysis\n\nRevert to $39. Solo churn reached 4.1% a month.\n\n"
                       "## Recommendation\n\nThe figures are set out above for the board.")
    check = checks["recommendation"]
    assert (check.outcome, check.message) == ("failed", "no recommendation found")


def test_the_briefs_own_list_of_options_copied_into_the_recommendation_is_not_read(graded):
    _, checks = graded(FIGURES + "## Recommendation\n\nWhat should Tallyfox do now? Keep $49 for "
                       "everyone, go back to $39, or another course the data supports.")
    check = checks["recommendation"]
    assert (check.outcome, check.message) == ("failed", "no recommendation found")


def test_the_guide_asks_about_the_short_line_instead_of_a_missing_recommendation(graded,
                                                                                  registry):
    from conftest_paths import CASE_SAMPLE

    from worksample.assignments import load
    from worksample.reports.guide import discussion_guide

    result, _ = graded(FIGURES + "## Recommendation\n\nKeep $49. Solo churn is the cost of it.")
    guide = discussion_guide(load(CASE_SAMPLE, registry).spec, result.criteria, str, result)
    asked = [q.text for q in guide.hiring_manager + guide.hr]
    assert ("Your recommendation section says only “Keep $49.”: what would you tell Ines to do, "
            "and why?") \
        in asked
    assert not any("If Ines had to decide today" in text for text in asked)


def test_an_unread_line_is_quoted_after_a_cue_that_names_no_option(graded):
    result, checks = graded(FIGURES + "## Recommendation\n\nKeep $49. I would not introduce a "
                            "second plan yet, because it adds complexity for a small team.")
    check = checks["recommendation"]
    # the cue's own finding stands, points and questions alike; the line follows it, quoted
    assert check.outcome == "failed"
    assert "recommends, but none of the options" in check.message
    assert check.message.endswith("; “Keep $49.” names keeping $49 for everyone (found only in "
                                  "a 2-word fragment, not a sentence; not counted)")
    assert _points(result, "recommendation") == 0.25 * 30  # a cue naming no option, as before
    criterion = next(c for c in result.criteria if c.id == "recommendation")
    assert "unread_recommendation" not in criterion.specifics


@pytest.mark.parametrize("text", [
    # a red team's texts against a rule that let pronouns carry a measure on (reverted)
    "MRR grew after the price rise. It came entirely from teams paying more. Our customer "
    "survey found that 12% of customers would pay even more.",
    "Revenue is higher than it was in February. It is driven by the team accounts. This year "
    "7% of accounts moved to annual billing.",
])
def test_a_figure_two_sentences_past_the_measure_is_not_about_it(graded, text):
    _, checks = graded(text)
    assert checks["numbers/mrr-change"].message.startswith("not stated")


@pytest.mark.parametrize("text, check", [
    ("Churn rose after the price rise, and it kept rising through the summer. By August the "
     "monthly rate was 3.38%.", "numbers/churn-after"),
    ("New customers fell after March, and they kept falling. The drop over the period was "
     "28.2%.", "numbers/signups-change"),
])
def test_a_pronoun_after_the_measure_keeps_it_for_the_next_sentence(graded, text, check):
    _, checks = graded(text)
    assert checks[check].outcome == "passed", checks[check].message


# --- 9. A key point told through "it" --------------------------------------------------------

@pytest.mark.parametrize(("text", "point"), [
    ("Cancellations per month climbed from 1.87% to 3.38% across Pro, so churn is the story. "
     "Among solo accounts it more than doubled, to 4.1%.", "solo-churn"),
    ("By August MRR stood at $169,589 against $142,506 in February, so it grew by 19%.",
     "revenue-up"),
    ("Take lifetime value next. Across all accounts it fell from $2,091 to $1,448.",
     "ltv-down"),
    # "it" stands for a thing, never for the verb a cue also holds ("rose")
    ("Churn rose overall, but in solo it doubled, to 4.1%.", "solo-churn"),
])
def test_a_point_told_through_it_is_credited_and_says_so(graded, text, point):
    _, checks = graded(f"## Analysis\n\n{text}")
    said = checks[f"key_points/{point}"]
    assert said.outcome == "passed", (said.message, said.review)
    assert "(“it” read as" in said.message


@pytest.mark.parametrize("text", [
    # the group "it" would stand for is named under another heading
    "## Churn\n\nChurn went from 1.87% to 3.38%.\n\n## Segments\n\nIn solo it doubled.",
    # another group the point could mean was named after it
    "Churn went from 1.87% to 3.38% while lifetime value fell. In solo it doubled.",
    # "it" far from the cue's other words
    "Churn went from 1.87% to 3.38%. It is, to my mind, worth a look in solo.",
    # a measure named as a topic, and no figure where "it" stands or where it was named
    "Churn is the measure to watch. In solo it is hard to say anything yet.",
    # under a condition
    "Churn went from 1.87% to 3.38%. If in solo it doubled, we would see it in August.",
])
def test_it_is_not_read_where_its_referent_is_not_plain(graded, text):
    _, checks = graded(f"## Analysis\n\n{text}" if not text.startswith("##") else text)
    said = checks["key_points/solo-churn"]
    assert said.outcome != "passed", said.message


# --- 10. A negation inside a cue's gap --------------------------------------------------------

@pytest.mark.parametrize(("text", "point", "negation"), [
    ("Subscription MRR honestly never went up after the change; it sits near $142,500.",
     "revenue-up", "never"),
    ("Lifetime value per Pro account hasn't dropped, staying at about $2,091.", "ltv-down",
     "hasn't"),
    ("New customers at no point dropped below 120 a month after March.", "signups-down", "no"),
])
def test_a_negation_among_a_cues_gap_words_denies_it(graded, text, point, negation):
    _, checks = graded(f"## Analysis\n\n{text}")
    said = checks[f"key_points/{point}"]
    assert said.outcome != "passed", said.message
    assert said.review == f"found in a sentence that denies it (“{negation}” within it)"


@pytest.mark.parametrize(("text", "point"), [
    # the point made, then a counter-example's words with a negation among them
    ("Churn climbed from 1.87% to 3.38% a month. Churn has not once dropped back since.",
     "churn-up"),
    # "never" before a comparative: the highest yet
    ("MRR has never been higher: $169,589 in August, from $142,506.", "revenue-up"),
    # a negation that adds, or qualifies a noun, denies nothing
    ("Lifetime value not only fell, it fell by $643, from $2,091 to $1,448.", "ltv-down"),
    ("New customers not on a discount fell from 740 to 531.", "signups-down"),
    ("Revenue not surprisingly rose, to $169,589 from $142,506.", "revenue-up"),
])
def test_a_negation_in_a_gap_that_denies_something_else_does_not_deny_the_point(graded, text,
                                                                                 point):
    _, checks = graded(f"## Analysis\n\n{text}")
    said = checks[f"key_points/{point}"]
    assert said.outcome == "passed", (said.message, said.review)


# --- 11. A counter-example ending on a negation that adds --------------------------------------

def test_a_counter_example_whose_negation_adds_contradicts_nothing(graded):
    _, checks = graded("## Analysis\n\nChurn didn't simply go up, it close to doubled, from "
                       "1.87% to 3.38% a month.")
    said = checks["key_points/churn-up"]
    assert said.outcome == "passed", (said.message, said.review)


def test_a_counter_example_whose_negation_denies_still_contradicts(graded):
    _, checks = graded("## Analysis\n\nChurn went up from 1.87% to 3.38% a month. Overall churn "
                       "did not change after the summer.")
    assert checks["key_points/churn-up"].outcome != "passed"


# --- 12. A wrong figure costs the point about its own quantity --------------------------------

@pytest.mark.parametrize(("text", "point"), [
    ("Signups dropped after March and churn climbed to 2.6% a month.", "signups-down"),
    ("MRR went up by 19% and lifetime value slid to $1,700.", "revenue-up"),
])
def test_a_wrong_figure_about_another_quantity_leaves_the_point_made(graded, text, point):
    _, checks = graded(f"## Analysis\n\n{text}")
    said = checks[f"key_points/{point}"]
    assert said.outcome == "passed", (said.message, said.review)


def test_a_wrong_figure_about_the_cues_own_quantity_still_costs_it(graded):
    _, checks = graded("## Analysis\n\nMRR went up by 31% and lifetime value slid.")
    said = checks["key_points/revenue-up"]
    assert said.outcome == "failed" and "wrong figure" in said.message, said.message


@pytest.mark.parametrize(("text", "number"), [
    # the quantity named last before the figure
    ("Signups dropped after March and churn climbed to 2.6% a month.", "signups-change"),
    # the quantity the figure qualifies, named after it
    ("MRR grew and we saw a 2.7% rise in churn.", "mrr-change"),
    # the price's figure
    ("MRR rose after the 25% price increase.", "mrr-change"),
    # a quantity named to compare, or in a compound, is not what the figure is about
    ("Churn rose faster than MRR to reach 2.6%.", "mrr-change"),
])
def test_a_figure_about_another_quantity_is_no_wrong_figure_of_this_one(graded, text, number):
    _, checks = graded(f"## Analysis\n\n{text}")
    said = checks[f"numbers/{number}"]
    assert "contradiction" not in said.message and "says " not in said.message, said.message


def _point_in_analysis(graded, text: str, point: str):
    """The key point's check of an analysis whose Analysis section is ``text``."""
    _, checks = graded(f"## Analysis\n\n{text}")
    return checks[f"key_points/{point}"]


def _assert_made(check) -> None:
    assert check.outcome == "passed", (check.message, check.review)


def _assert_wrong_figure(check) -> None:
    assert check.outcome == "failed" and "wrong figure" in check.message, check.message


@pytest.mark.parametrize(("text", "point"), [
    # a quantity named as the cause, after the other's verb: the figure is still the other's
    ("Overall churn rose on solo cancellations to 2.9% a month.", "churn-up"),
    ("New customers fell after the churn spike by 45%.", "signups-down"),
    ("Lifetime value fell on solo churn to $1,900.", "ltv-down"),
    # after "due to" and the like, wherever it stands
    ("Churn due to solo cancellations jumped to 2.5% a month.", "churn-up"),
])
def test_a_wrong_figure_after_a_cause_named_costs_the_quantity_that_moved(graded, text, point):
    _assert_wrong_figure(_point_in_analysis(graded, text, point))


@pytest.mark.parametrize(("text", "point"), [
    ("Churn rose alongside revenue to 2.6% a month.", "churn-up"),
    # "in" leads a figure to a quantity only after a word of change
    ("Lifetime value dropped to $1,900 in the churn spike after March.", "ltv-down"),
    # a quantity or the price in a hyphenated compound is not the figure's
    ("We saw a 26% price-driven increase in MRR over the six months.", "revenue-up"),
    ("New customers fell by 35% in the churn-heavy months after March.", "signups-down"),
])
def test_a_wrong_figure_found_by_the_red_team_costs_its_point(graded, text, point):
    _assert_wrong_figure(_point_in_analysis(graded, text, point))


def test_a_part_named_before_the_verb_still_says_whose_figure_it_is(graded):
    # "among solo accounts" says whose churn: 5.5% is solo churn's, wrong, not overall churn's
    _, checks = graded("## Analysis\n\nChurn among solo accounts rose to 5.5% a month.")
    assert checks["numbers/solo-churn-after"].outcome == "failed"
    assert "says 5.5%" not in checks["numbers/churn-after"].message


@pytest.mark.parametrize(("text", "point"), [
    # the phrase after the preposition has its own figure or its own verb: the figure is its
    ("MRR grew with churn at 2.9% a month.", "revenue-up"),
    ("Revenue still rose despite churn rising to 3.1% a month.", "revenue-up"),
    ("MRR grew with new customers down by 35%.", "revenue-up"),
    ("Revenue went up after churn reached 2.9% a month.", "revenue-up"),
    ("New customers fell from 740 to 531 after churn hit 2.9%.", "signups-down"),
])
def test_a_phrase_after_a_preposition_with_its_own_figure_keeps_it(graded, text, point):
    _assert_made(_point_in_analysis(graded, text, point))


@pytest.mark.parametrize(("text", "point"), [
    ("Churn, not revenue, rose sharply after March.", "churn-up"),
    ("Revenue, if not profit, grew 19% after the rise.", "revenue-up"),
    ("Lifetime value, not MRR, fell after the rise.", "ltv-down"),
])
def test_a_contrast_between_the_noun_and_its_verb_keeps_the_point(graded, text, point):
    _assert_made(_point_in_analysis(graded, text, point))


@pytest.mark.parametrize(("text", "point"), [
    ("Churn (2.1% a month) rose after March.", "churn-up"),
    ("MRR, up 45% on February, grew strongly.", "revenue-up"),
    ("New customers, down 60%, fell off a cliff after the rise.", "signups-down"),
])
def test_a_wrong_figure_in_an_aside_costs_the_point_of_its_clause(graded, text, point):
    _assert_wrong_figure(_point_in_analysis(graded, text, point))


@pytest.mark.parametrize(("text", "point"), [
    ("New customers, down 28%, fell from 740 to 531 after the rise.", "signups-down"),
    ("Lifetime value, now $1,448, dropped by almost a third.", "ltv-down"),
    # an aside in another clause, about another quantity
    ("Churn rose after March, while MRR (up 45%) grew.", "churn-up"),
])
def test_a_figure_set_off_after_its_noun_keeps_the_point(graded, text, point):
    _assert_made(_point_in_analysis(graded, text, point))


@pytest.mark.parametrize("text", [
    "Churn rose by about 80% after March.",  # 1.87% to 3.38% is a rise of 80.7%
    "After the rise churn was 81% higher than before.",
])
def test_a_change_in_percent_told_right_is_no_wrong_level(graded, text):
    _assert_made(_point_in_analysis(graded, text, "churn-up"))


@pytest.mark.parametrize("text", [
    "Churn rose by 45% after March.",  # 44.7% is the change of the higher figure: a fall's
    "Churn rose by 1.5% after March.",  # the points called percent
    "Churn rose to 80% a month after March.",  # a level
])
def test_a_change_in_percent_told_wrong_still_costs_the_point(graded, text):
    assert _point_in_analysis(graded, text, "churn-up").outcome == "failed"
