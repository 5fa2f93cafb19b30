import pytest

from ledger import DuplicateExpense, Ledger, UnknownExpense


def test_ten_euros_split_three_ways_loses_no_cent():
    ledger = Ledger()
    ledger.add("dinner", "ana", 10, {"ana": 1, "ben": 1, "cy": 1})
    assert sum(ledger.balances().values()) == pytest.approx(0)
    assert ledger.balances()["ana"] == pytest.approx(6.66)


def test_a_retry_of_the_same_expense_is_harmless():
    ledger = Ledger()
    ledger.add("taxi", "ben", 12.5, {"ana": 1, "ben": 1})
    ledger.add("taxi", "ben", 12.5, {"ana": 1, "ben": 1})
    assert ledger.balances() == {"ben": 6.25, "ana": -6.25}


def test_the_same_id_with_another_amount_is_refused():
    ledger = Ledger()
    ledger.add("taxi", "ben", 12.5, {"ana": 1, "ben": 1})
    with pytest.raises(DuplicateExpense):
        ledger.add("taxi", "ben", 13, {"ana": 1, "ben": 1})


@pytest.mark.parametrize("amount", [0, -5, 10.005, "10", True])
def test_bad_amounts_are_refused(amount):
    with pytest.raises(ValueError):
        Ledger().add("x", "ana", amount, {"ana": 1})


def test_removing_an_unknown_expense_says_so():
    with pytest.raises(UnknownExpense):
        Ledger().remove("nothing")


def test_settling_pays_everyone_back():
    ledger = Ledger()
    ledger.add("hotel", "ana", 90, {"ana": 1, "ben": 1, "cy": 1})
    assert ledger.settle() == [("ben", "ana", 30.0), ("cy", "ana", 30.0)]
