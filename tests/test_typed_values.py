"""The host's comparison of recorded values (worksample/sandbox/typed.py, observations.py):
strict types, declared tolerances, and records a hostile run may have written."""

import json
from pathlib import Path

import pytest

from worksample.errors import WorksampleError
from worksample.sandbox.observations import (
    ReferenceCase,
    mismatch,
    nondeterminism,
    reference_cases,
)
from worksample.sandbox.records import RunRecords
from worksample.sandbox.typed import Tolerance, difference, problem, shown


def test_types_are_strict_all_the_way_down():
    assert difference({"int": 1}, {"int": 1}) is None
    assert difference({"bool": True}, {"int": 1}) == "a bool where the reference has an int"
    assert difference({"int": 1}, {"float": 1.0}) is not None
    assert difference({"list": [{"int": 1}]}, {"tuple": [{"int": 1}]}) is not None
    assert difference({"str": "1"}, {"int": 1}) is not None
    assert difference({"list": [{"tuple": [{"int": 1}, {"bool": False}]}]},
                      {"list": [{"tuple": [{"int": 1}, {"int": 0}]}]}) == (
        "item 0: item 1: a bool where the reference has an int")


def test_big_ints_and_special_floats_compare_by_value():
    assert difference({"int": "9007199254740993"}, {"int": 9007199254740993}) is None
    assert difference({"float": "nan"}, {"float": "nan"}) is None
    assert difference({"float": "inf"}, {"float": "-inf"}) is not None
    assert difference({"int": 10**400}, {"float": 1.0}, Tolerance(abs_tol=1)) is not None


def test_float_tolerance_is_declared_not_assumed():
    assert difference({"float": 0.30000000000000004}, {"float": 0.3}) is not None
    assert difference({"float": 0.30000000000000004}, {"float": 0.3},
                      Tolerance(rel_tol=1e-9)) is None
    # with a tolerance, a number is compared by value: 10 for 10.0; a bool never
    assert difference({"int": 10}, {"float": 10.0}, Tolerance(abs_tol=0.001)) is None
    assert difference({"bool": True}, {"float": 1.0}, Tolerance(abs_tol=0.001)) is not None
    assert "tolerance" in difference({"float": 1.1}, {"float": 1.0}, Tolerance(abs_tol=0.01))


def test_order_matters_unless_declared_and_never_for_sets_and_dicts():
    got, wanted = {"list": [{"int": 2}, {"int": 1}]}, {"list": [{"int": 1}, {"int": 2}]}
    assert difference(got, wanted) is not None
    assert difference(got, wanted, Tolerance(unordered=True)) is None
    assert difference({"set": [{"int": 2}, {"int": 1}]}, {"set": [{"int": 1}, {"int": 2}]}) is None
    assert difference({"dict": [[{"str": "b"}, {"int": 2}], [{"str": "a"}, {"int": 1}]]},
                      {"dict": [[{"str": "a"}, {"int": 1}], [{"str": "b"}, {"int": 2}]]}) is None
    # a multiset: the same items, not the same set of items
    assert difference({"list": [{"int": 1}, {"int": 1}, {"int": 2}]},
                      {"list": [{"int": 1}, {"int": 2}, {"int": 2}]},
                      Tolerance(unordered=True)) is not None


def test_unordered_floats_pair_up_within_tolerance():
    got = {"list": [{"tuple": [{"str": "b"}, {"float": 2.0004}]},
                    {"tuple": [{"str": "a"}, {"float": 0.9996}]}]}
    wanted = {"list": [{"tuple": [{"str": "a"}, {"float": 1.0}]},
                       {"tuple": [{"str": "b"}, {"float": 2.0}]}]}
    assert difference(got, wanted, Tolerance(unordered=True, abs_tol=0.001)) is None


def test_exceptions_match_by_name_or_by_a_declared_base():
    value_error = {"raised": {"name": "ValueError", "bases": ["Exception", "BaseException"]}}
    own = {"raised": {"name": "BadAmount", "bases": ["ValueError", "Exception"]}}
    assert difference(own, value_error) is not None
    assert difference(own, value_error, Tolerance(raised_as="ValueError")) is None
    assert difference({"null": None}, value_error, Tolerance(raised_as="ValueError")) is not None


@pytest.mark.parametrize("forged", [
    {"int": 1, "float": 1.0}, {"weird": 1}, {"list": "not a list"}, [1], {"bool": 1},
    {"int": 1.5}, {"int": "12a"}, {"raised": "ValueError"}, {"dict": [[{"int": 1}]]},
    {"unrecorded": "an object"}, {"list": [{"list": []}] * 3},
])
def test_anything_a_hostile_run_writes_is_a_mismatch_never_a_crash(forged):
    wanted = {"list": [{"list": []}, {"list": []}]}
    assert difference(forged, wanted) is not None


def test_a_record_nested_beyond_the_limit_is_refused_without_recursing_for_ever():
    deep = {"int": 1}
    for _ in range(5000):
        deep = {"list": [deep]}
    assert problem(deep) == "nested too deeply"
    assert difference(deep, {"int": 1}).startswith("the recorded value is")


def test_values_are_shown_in_pythons_notation():
    assert shown({"tuple": [{"str": "ana"}, {"float": 2.5}]}) == "('ana', 2.5)"
    assert shown({"dict": [[{"str": "a"}, {"null": None}]]}) == "{'a': None}"
    assert shown({"raised": {"name": "KeyError", "bases": []}}) == "raised KeyError"
    assert len(shown({"str": "x" * 10_000})) < 300


def _case(observations, weight=1.0, criterion=None):
    return ReferenceCase(id="c.py::one", weight=weight, criterion=criterion,
                         observations=observations)


def test_a_case_passes_only_with_every_observation_in_order():
    reference = _case([{"label": "a", "value": {"int": 1}},
                       {"label": "b", "value": {"float": 2.0}, "options": {"abs_tol": 0.1}}])
    candidate = {"observations": [{"label": "a", "value": {"int": 1}},
                                  {"label": "b", "value": {"float": 2.05}}]}
    assert mismatch(reference, candidate, "not run") is None
    assert mismatch(reference, None, "not run: why") == "not run: why"
    short = {"observations": candidate["observations"][:1]}
    assert "nothing was recorded" in mismatch(reference, short, "")
    longer = {"observations": candidate["observations"] * 2}
    assert "recorded more than the reference" in mismatch(reference, longer, "")
    renamed = {"observations": [{"label": "b", "value": {"int": 1}}]}
    assert "instead" in mismatch(reference, renamed, "")


def test_the_candidates_own_tolerance_is_never_read():
    reference = _case([{"label": "x", "value": {"float": 1.0}}])
    candidate = {"observations": [{"label": "x", "value": {"float": 5.0},
                                   "options": {"abs_tol": 100}}]}
    assert "the reference returned 1.0" in mismatch(reference, candidate, "")


def _records(*results, finished=True, collect_errors=None):
    ids = [result["id"] for result in results]
    return RunRecords(collected=ids, results={r["id"]: r for r in results},
                      collect_errors=collect_errors or {},
                      finished={} if finished else None)


def test_the_reference_recording_must_be_clean_plain_data():
    where = Path("assignment.yaml")
    good = {"id": "c.py::a", "weight": 2, "criterion": None,
            "observations": [{"label": "x", "value": {"int": 1}}]}
    assert reference_cases(_records(good), where)[0].weight == 2.0
    for trouble in (
        {**good, "observations": [{"label": "x", "value": {"list": [{"unrecorded": "obj"}]}}]},
        {**good, "observations": [{"label": "(the case)", "value": {"null": None}}]},
        {**good, "observations": [{"label": "x", "value": {"int": 1},
                                   "options": {"abs_tol": -1}}]},
        {**good, "weight": 0},
    ):
        with pytest.raises(WorksampleError, match="did not record every case cleanly"):
            reference_cases(_records(trouble), where)
    with pytest.raises(WorksampleError):
        reference_cases(_records(good, finished=False), where)


def test_two_reference_runs_that_differ_are_named():
    first = [_case([{"label": "x", "value": {"float": 1.0}}])]
    again = [_case([{"label": "x", "value": {"float": 1.5}}])]
    assert nondeterminism(first, first) == []
    assert nondeterminism(first, again)[0].startswith("c.py::one: at 'x'")
    reordered = [_case([{"label": "x", "value": {"set": [{"int": 2}, {"int": 1}]}}])]
    assert nondeterminism(reordered, [_case([{"label": "x", "value": {
        "set": [{"int": 1}, {"int": 2}]}}])]) == []


def test_a_reference_case_survives_the_cache():
    case = _case([{"label": "x", "value": {"int": 1}}], weight=3, criterion="robustness")
    assert ReferenceCase.from_json(json.loads(json.dumps(case.to_json()))) == case


def test_unordered_is_said_of_the_outermost_sequence_only():
    transfer = {"tuple": [{"str": "ben"}, {"str": "ana"}, {"float": 25.0}]}
    reversed_transfer = {"tuple": [{"str": "ana"}, {"str": "ben"}, {"float": 25.0}]}
    assert difference({"list": [reversed_transfer]}, {"list": [transfer]},
                      Tolerance(unordered=True)) is not None
    assert difference({"list": [{"int": 2}, transfer]}, {"list": [transfer, {"int": 2}]},
                      Tolerance(unordered=True)) is None


def test_sets_compare_by_content_whatever_order_they_were_recorded_in():
    a_b = {"set": [{"str": "a"}, {"str": "b"}]}
    b_a = {"set": [{"str": "b"}, {"str": "a"}]}
    assert difference({"set": [a_b, {"str": "c"}]}, {"set": [{"str": "c"}, b_a]}) is None
    assert difference({"dict": [[a_b, {"int": 1}]]}, {"dict": [[b_a, {"int": 1}]]}) is None


def test_keys_that_all_hash_alike_compare_like_any_others():
    # paired by sorting, never in a hash table (tests/hostile/recorded/collides-dict-keys)
    keys = [{"int": n * (2**61 - 1)} for n in range(1, 2001)]
    got = {"dict": [[key, {"int": 0}] for key in keys]}
    assert difference(got, {"dict": [[key, {"int": 0}] for key in reversed(keys)]}) is None
    assert difference(got, {"dict": [[{"int": 1}, {"int": 0}]]}) is not None


def test_dict_keys_missing_extra_or_twice_are_named():
    one = [{"str": "a"}, {"int": 1}]
    two = [{"str": "b"}, {"int": 2}]
    assert difference({"dict": [one, one]}, {"dict": [one, two]}) == "the same key twice"
    assert difference({"dict": [one, [{"str": "c"}, {"int": 2}]]},
                      {"dict": [one, two]}) == "no key 'b'"
    assert difference({"dict": [one]}, {"dict": [one, two]}) == (
        "1 key(s) where the reference has 2")


def test_raised_as_must_describe_what_the_reference_raised():
    where = Path("assignment.yaml")
    record = {"id": "c.py::a", "weight": 1, "criterion": None, "observations": [
        {"label": "x", "value": {"null": None}, "options": {"raised_as": "ValueError"}}]}
    with pytest.raises(WorksampleError, match="the reference did not raise"):
        reference_cases(_records(record), where)


# The second round of attacks (tests/hostile/recorded/README.md): pure-function repros of
# what the corpus found.

@pytest.mark.parametrize("where", ["shown", "set item", "dict key"])
def test_a_float_too_big_for_a_float_is_a_mismatch_never_a_crash(where):
    huge = {"float": 10**400}
    if where == "shown":
        assert shown(huge)
    elif where == "set item":
        assert difference({"set": [huge]}, {"set": [{"float": 1.0}]}) is not None
    else:
        assert difference({"dict": [[huge, {"null": None}]]},
                          {"dict": [[{"float": 1.0}, {"null": None}]]}) is not None


def test_a_hostile_runs_reason_is_capped_in_the_message():
    reference = _case([{"label": "x", "value": {"int": 1}}])
    candidate = {"observations": [{"label": "x", "value": {"unrecorded": "y" * 20_000}}]}
    assert len(mismatch(reference, candidate, "")) < 1000


def test_unordered_items_within_tolerance_match_whatever_they_sort_by():
    def item(amount, name):
        return {"tuple": [{"float": amount}, {"str": name}]}

    got = {"list": [item(1.0004, "b"), item(1.0001, "a")]}
    wanted = {"list": [item(1.0, "b"), item(1.0005, "a")]}
    assert difference(got, wanted, Tolerance(unordered=True, abs_tol=0.001)) is None


def test_an_int_is_never_infinite():
    assert difference({"int": 10**400}, {"float": "inf"}, Tolerance(abs_tol=0.001)) is not None
