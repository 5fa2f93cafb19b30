"""Hidden cases: splitting, balances and history. Each records what the code returns; the
values it must return come from the reference solution, on the grader's host."""

from ledger import Ledger
from worksample_cases import case

EUROS = {"abs_tol": 0.001}  # a float in euros may differ in the tenth of a cent


@case(weight=2)
def equal_split(record):
    ledger = Ledger()
    record("add", lambda: ledger.add("e1", payer="ana", amount=90.0,
                                     shares={"ana": 1, "ben": 1, "caro": 1}))
    record("balances", ledger.balances, **EUROS)


@case(weight=2)
def weighted_split(record):
    ledger = Ledger()
    ledger.add("e1", payer="ben", amount=60, shares={"ana": 2, "ben": 1})
    record("balances", ledger.balances, **EUROS)


@case(weight=3)
def leftover_cents_go_to_largest_remainders(record):
    ledger = Ledger()
    ledger.add("e1", payer="dan", amount=10.0, shares={"ana": 1, "ben": 1, "caro": 1})
    record("three ways", ledger.balances, **EUROS)
    ledger.add("e2", payer="dan", amount=0.05, shares={"caro": 1, "ana": 1, "ben": 2})
    record("weighted cents", ledger.balances, **EUROS)


@case(weight=2)
def payer_outside_the_shares(record):
    ledger = Ledger()
    ledger.add("taxi", payer="eve", amount=25.5, shares={"ana": 1, "ben": 1})
    record("balances", ledger.balances, **EUROS)


@case
def balances_list_everyone_even_at_zero(record):
    ledger = Ledger()
    ledger.add("e1", payer="ana", amount=20, shares={"ana": 1, "ben": 1})
    ledger.add("e2", payer="ben", amount=20, shares={"ana": 1, "ben": 1})
    record("balances", ledger.balances, **EUROS)


@case(weight=2)
def same_expense_again_is_a_no_op(record):
    ledger = Ledger()
    ledger.add("e1", payer="ana", amount=30, shares={"ana": 1, "ben": 1})
    record("retry", lambda: ledger.add("e1", payer="ana", amount=30,
                                       shares={"ana": 1, "ben": 1}))
    record("balances", ledger.balances, **EUROS)
    record("history", lambda: ledger.history("ben"))


@case
def history_in_the_order_added(record):
    ledger = Ledger()
    ledger.add("z", payer="ana", amount=5, shares={"ben": 1})
    ledger.add("a", payer="ben", amount=5, shares={"caro": 1})
    ledger.add("m", payer="caro", amount=5, shares={"ana": 1, "ben": 1})
    for person in ("ana", "ben", "caro", "dan"):
        record(f"history of {person}", lambda person=person: ledger.history(person))


@case(weight=2)
def remove_takes_an_expense_back(record):
    ledger = Ledger()
    ledger.add("e1", payer="ana", amount=40, shares={"ana": 1, "ben": 1})
    ledger.add("e2", payer="ben", amount=10, shares={"ana": 1})
    record("remove", lambda: ledger.remove("e1"))
    record("balances", ledger.balances, **EUROS)
    record("history", lambda: ledger.history("ana"))
