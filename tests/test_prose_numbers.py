"""Numbers as written in prose: signs, currency, scales, percentages and their precision."""

import pytest

from worksample.prose.measures import (
    measures_in,
    numbers_in,
    shown_share,
    spans_in,
    stated_numbers,
)


@pytest.mark.parametrize("text, value, percent, step", [
    ("Margin falls to 17.4% of revenue.", 17.4, True, 0.1),
    ("margin of 17.4 percent", 17.4, True, 0.1),
    ("a drop of 3.2 percentage points", 3.2, True, 0.1),
    ("we lose $9,840 a month", 9840, False, 1),
    ("about $9.8k a month", 9800, False, 100),
    ("1.2m users", 1_200_000, False, 100_000),
    ("EUR 2.5 million", 2_500_000, False, 100_000),
    ("a share of 0.174", 0.174, False, 0.001),
    ("it fell −4% on the year", -4, True, 1),
])
def test_one_number_read_with_its_scale_and_precision(text, value, percent, step):
    [number] = stated_numbers(text)
    assert number.value == pytest.approx(value)
    assert number.percent is percent
    assert number.step == pytest.approx(step)


def test_a_range_is_two_positive_numbers_and_words_still_count_for_durations():
    assert [n.value for n in stated_numbers("in 3-5 days")] == [3, 5]
    assert numbers_in("thirty days, not 30 min", unit="days") == [30]
    assert numbers_in("restore 24 invoices within 1 business day", unit="business day") == [1]


def test_a_percentage_reads_as_a_fraction_when_compared():
    [number] = stated_numbers("17.4%")
    assert number.fraction_value == pytest.approx(0.174)
    assert number.significant_digits == 3


@pytest.mark.parametrize("text, value, percent", [
    ("gross margin reached $61.2k in May", 61_200, False),
    ("gross margin reached 61.2 thousand dollars", 61_200, False),
    ("the backlog is worth $3.4M", 3_400_000, False),
    ("a refund rate of 6.5 per cent", 6.5, True),
    ("a refund rate of 6.5 per-cent", 6.5, True),
    ("roughly twelve percent of orders", 12, True),
    ("six point five per cent of orders", 6.5, True),
    ("thirty-five thousand invoices", 35_000, False),
])
def test_every_usual_way_of_writing_a_figure_is_read_as_that_figure(text, value, percent):
    [number] = measures_in(text)
    assert number.value == pytest.approx(value)
    assert number.percent is percent


@pytest.mark.parametrize("text", [
    "We kept one plan for two segments.",  # number words with no unit are not figures
    "Three of the four regions grew.",
    "Seventeenth of March.",
])
def test_number_words_without_a_unit_are_not_figures(text):
    assert measures_in(text) == []


def test_figures_in_words_and_digits_come_in_the_order_written():
    assert [n.value for n in measures_in("from nine percent to 12.5%")] == [9, 12.5]


@pytest.mark.parametrize("share, shown", [(0.005, "0.5%"), (0.02, "2%"), (0.0125, "1.25%"),
                                          (0.1, "10%")])
def test_a_relative_tolerance_is_shown_with_the_digits_it_needs(share, shown):
    assert shown_share(share) == shown


@pytest.mark.parametrize("text, unit, period", [
    ("Every account gets a nightly backup.", "hours", 24),
    ("We copy your data once a day.", "hours", 24),
    ("Snapshots are taken each week.", "days", 7),
    ("An hourly snapshot is kept.", "hours", 1),
    ("Backups run daily.", "day", 1),
])
def test_a_word_of_frequency_states_its_period_in_a_unit_of_time(text, unit, period):
    assert numbers_in(text, unit) == [period]


@pytest.mark.parametrize("text, unit", [
    ("We reply twice a day.", "hours"),  # a rate, not a period
    ("It should be sorted in a day or two.", "hours"),  # a duration, loosely
    ("Daily totals are on the dashboard.", "dollars"),  # not a unit of time
])
def test_what_is_not_a_period(text, unit):
    assert numbers_in(text, unit) == []


@pytest.mark.parametrize("text, unit, spans", [
    ("It clears in 2-4 working days.", "working days", [(2, 4)]),
    ("Expect 6 to 8 hours, sometimes 12 hours.", "hours", [(6, 8), (12, 12)]),
    ("Allow 10\u201314 days.", "days", [(10, 14)]),
    ("Within 2 days.", "days", [(2, 2)]),
])
def test_a_range_is_read_as_one_span(text, unit, spans):
    assert spans_in(text, unit) == spans


# Letters that equal an ASCII letter only when case is ignored ("İ" and "ı" are "i", "ſ" is
# "s" to a case-blind pattern) lowered to no word of the tables numbers are read with: "FİVE
# business days" made the email plugin crash (KeyError 'fi̇ve'), the result an `error`. Such a
# spelling is not read as the word.
@pytest.mark.parametrize("text, unit", [
    ("a refund within FİVE business days", "business days"),
    ("a refund within fıve business days", "business days"),
    ("a restore takes ſix days", "days"),
    ("backups run daİly", "hours"),
    ("backups run once every nıght", "hours"),
])
def test_letters_equal_only_without_case_are_not_number_words(text, unit):
    assert numbers_in(text, unit) == []
    assert spans_in(text, unit) == []


@pytest.mark.parametrize("text", ["churn of fİve percent", "two point nıne percent",
                                  "forty thouſand", "ſeventeen per cent"])
def test_figures_in_words_with_such_letters_are_not_read(text):
    assert measures_in(text) == []


def test_the_same_figures_in_plain_letters_are_read():
    assert [n.value for n in measures_in("churn of five percent, two point nine percent, "
                                          "forty thousand")] == [5, 2.9, 40_000]
    assert numbers_in("a refund within five business days", "business days") == [5]
    assert numbers_in("backups run daily", "hours") == [24]
    assert numbers_in("backups run once every night", "hours") == [24]
