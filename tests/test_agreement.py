"""Agreement between reviewers: Krippendorff's alpha checked against values computed by hand
and against Krippendorff's published worked example; two-level disagreements; reviewer means;
the ``worksample agreement`` command, blind included."""

import json

import pytest

from worksample.agreement import agreement, alpha
from worksample.ratings import Rating

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
# Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43), section C,
# "nominal data, any number of observers, missing data": 4 observers x 12 units, values 1-5,
# None where an observer gave no value. Unit 12 has one value only and pairs with nothing.
PUBLISHED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],   # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],         # observer B
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],      # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],         # observer D
]
# The alphas the paper gives for these data, to three decimals.
PUBLISHED_ALPHAS = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849}


def units_of(observers):
    return [[value for value in unit if value is not None] for unit in zip(*observers, strict=True)]


@pytest.mark.parametrize("metric, published", PUBLISHED_ALPHAS.items())
def test_alpha_matches_krippendorffs_published_example(metric, published):
    assert round(alpha(units_of(PUBLISHED), metric), 3) == published


def test_alpha_computed_by_hand():
    # Two raters, three units: (1, 2), (3, 3), (2, 4). Each pair weighs 1/(m-1) = 1, so
    # o_12 = o_21 = o_24 = o_42 = 1, o_33 = 2; n_1 = 1, n_2 = 2, n_3 = 2, n_4 = 1, n = 6.
    # Ordinal d_ck = (n_c/2 + values between + n_k/2)^2: d_12 = 1.5^2 = 2.25,
    # d_13 = 3.5^2 = 12.25, d_14 = 5^2 = 25, d_23 = 2^2 = 4, d_24 = 3.5^2 = 12.25,
    # d_34 = 1.5^2 = 2.25. Observed: 2 * 2.25 + 2 * 12.25 = 29. Expected (both orders):
    # 2 * (2*2.25 + 2*12.25 + 1*25 + 4*4 + 2*12.25 + 2*2.25) = 198.
    # alpha = 1 - (n - 1) * 29 / 198 = 53/198.
    units = [[1, 2], [3, 3], [2, 4]]
    assert alpha(units) == pytest.approx(53 / 198)
    # Nominal: observed = 4 mismatched pairs; expected = n^2 - sum(n_c^2) = 36 - 10 = 26.
    assert alpha(units, "nominal") == pytest.approx(1 - 5 * 4 / 26)
    # Interval: observed 2*1 + 2*4 = 10; expected sum n_c n_k (c-k)^2 = 2 * (2*1 + 2*4 + 1*9
    # + 4*1 + 2*4 + 2*1) = 66.
    assert alpha(units, "interval") == pytest.approx(1 - 5 * 10 / 66)


def test_alpha_with_three_raters_and_a_missing_rating_by_hand():
    # Units (1, 1, 2) and (3, 4): unit 1 weighs its 6 ordered pairs 1/2 each: o_11 = 1,
    # o_12 = o_21 = 1; unit 2: o_34 = o_43 = 1. n_1 = 2, n_2 = 1, n_3 = 1, n_4 = 1, n = 5.
    # Nominal: observed 4, expected 25 - (4 + 1 + 1 + 1) = 18: alpha = 1 - 4 * 4 / 18.
    assert alpha([[1, 1, 2], [3, 4]], "nominal") == pytest.approx(1 / 9)


@pytest.mark.parametrize("units", [[], [[3]], [[2], [4]], [[3, 3], [3, 3, 3]]])
def test_alpha_is_undefined_without_pairs_or_without_variation(units):
    assert alpha(units) is None


def test_perfect_agreement_is_1():
    assert alpha([[1, 1], [2, 2, 2], [4, 4]]) == pytest.approx(1.0)


def rating(candidate, reviewer, level, criterion="design", override=False):
    return Rating(assignment_id="count", submission_id=candidate, submission_key="k" + candidate,
                  criterion=criterion, reviewer=reviewer, level=level, override=override,
                  reason="r" if override else "")


def test_agreement_uses_ratings_in_force_lists_two_level_gaps_and_reviewer_means():
    ratings = [
        rating("a", "ann", 4),  # superseded by ann's later 1
        rating("a", "ann", 1), rating("a", "bo", 3), rating("a", "cy", 2),
        rating("b", "ann", 2), rating("b", "bo", 4),
        rating("c", "ann", 3),  # one reviewer: no pair
        rating("a", "ann", 2, "accuracy", override=True),  # an override by one reviewer only
    ]
    made = agreement("count", ratings)
    (design,) = made.criteria
    assert (design.criterion, design.candidates, design.ratings, design.reviewers) == \
        ("design", 2, 5, 3)
    assert design.alpha == round(alpha([[1, 3, 2], [2, 4]]), 3)
    assert [(d.candidate, d.levels, d.spread) for d in made.disagreements] == [
        ("a", {"ann": 1, "bo": 3, "cy": 2}, 2), ("b", {"ann": 2, "bo": 4}, 2)]
    leans = {lean.reviewer: lean for lean in made.reviewers}
    # ann: 1 on a (others 3, 2: mean 2.5), 2 on b (others 4): mean 1.5 against 3.25
    assert (leans["ann"].mean, leans["ann"].others, leans["ann"].difference) == (1.5, 3.25, -1.75)
    # bo: 3 on a (others 1, 2: 1.5), 4 on b (others 2): 3.5 against 1.75
    assert (leans["bo"].mean, leans["bo"].others) == (3.5, 1.75)
    assert (leans["cy"].ratings, leans["cy"].mean, leans["cy"].others) == (1, 2.0, 2.0)
    assert made.enough


def test_overrides_by_several_reviewers_are_a_variable_of_their_own():
    made = agreement("count", [rating("a", "ann", 2, "accuracy", True),
                               rating("a", "bo", 4, "accuracy", True),
                               rating("a", "ann", 2), rating("a", "bo", 2)])
    assert [(c.criterion, c.override) for c in made.criteria] == [("accuracy", True),
                                                                  ("design", False)]
    assert [(d.criterion, d.override) for d in made.disagreements] == [("accuracy", True)]


def test_too_few_ratings_say_so():
    made = agreement("count", [rating("a", "ann", 2), rating("b", "bo", 3)])
    assert not made.enough
    assert made.criteria[0].alpha is None and "too few" in made.criteria[0].why
    assert made.disagreements == [] and made.reviewers == []
    assert agreement("count", []).criteria == []
    assert json.loads(agreement("count", []).model_dump_json())["enough"] is False
