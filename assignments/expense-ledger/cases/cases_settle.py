"""Hidden cases: settling up. The transfers are compared as a set (their order does not
matter), each amount to the tenth of a cent."""

from ledger import Ledger
from worksample_cases import case

TRANSFERS = {"unordered": True, "abs_tol": 0.001}


@case(weight=2)
def two_people(record):
    ledger = Ledger()
    ledger.add("e1", payer="ana", amount=50, shares={"ana": 1, "ben": 1})
    record("settle", ledger.settle, **TRANSFERS)


@case(weight=3)
def largest_debtor_pays_largest_creditor(record):
    ledger = Ledger()
    ledger.add("e1", payer="ana", amount=120, shares={"ana": 1, "ben": 1, "caro": 1, "dan": 1})
    ledger.add("e2", payer="ben", amount=30, shares={"caro": 1, "dan": 2})
    ledger.add("e3", payer="caro", amount=12.34, shares={"ana": 1, "dan": 1})
    record("settle", ledger.settle, **TRANSFERS)
    record("balances after", ledger.balances, abs_tol=0.001)


@case
def nothing_to_settle(record):
    ledger = Ledger()
    record("empty ledger", ledger.settle)
    ledger.add("e1", payer="ana", amount=10, shares={"ana": 1})
    record("only herself", ledger.settle)


@case(weight=2)
def settle_does_not_change_the_ledger(record):
    ledger = Ledger()
    ledger.add("e1", payer="ana", amount=9.99, shares={"ben": 1, "caro": 1})
    record("first", ledger.settle, **TRANSFERS)
    record("second", ledger.settle, **TRANSFERS)
    record("balances", ledger.balances, abs_tol=0.001)
