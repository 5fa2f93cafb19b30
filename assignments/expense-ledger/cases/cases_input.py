"""Hidden cases: bad input is refused with the right exception, and changes nothing."""

from ledger import DuplicateExpense, Ledger, LedgerError, UnknownExpense
from worksample_cases import case


def _ledger():
    ledger = Ledger()
    ledger.add("e1", payer="ana", amount=12, shares={"ana": 1, "ben": 1})
    return ledger


@case(weight=2, criterion="robustness")
def bad_amounts_are_refused(record):
    ledger = _ledger()
    for amount in (0, -5, 1.234, "12", True, None):
        record(f"amount {amount!r}", lambda amount=amount: ledger.add(
            "x", payer="ana", amount=amount, shares={"ben": 1}), raised_as="ValueError")
    record("balances", ledger.balances, abs_tol=0.001)


@case(weight=2, criterion="robustness")
def bad_shares_are_refused(record):
    ledger = _ledger()
    for shares in ({}, {"ben": 0}, {"ben": -1}, {"ben": 1.5}, {"ben": True}):
        record(f"shares {shares!r}", lambda shares=shares: ledger.add(
            "x", payer="ana", amount=10, shares=shares), raised_as="ValueError")
    record("history", lambda: ledger.history("ben"))


@case(weight=2, criterion="robustness")
def same_id_other_details_is_a_conflict(record):
    ledger = _ledger()
    error = record("other amount", lambda: ledger.add("e1", payer="ana", amount=13,
                                                      shares={"ana": 1, "ben": 1}))
    record("is a ledger error", lambda: isinstance(error, DuplicateExpense)
           and isinstance(error, LedgerError))
    record("other payer", lambda: ledger.add("e1", payer="ben", amount=12,
                                             shares={"ana": 1, "ben": 1}))
    record("balances", ledger.balances, abs_tol=0.001)


@case(criterion="robustness")
def unknown_expense(record):
    ledger = _ledger()
    error = record("remove", lambda: ledger.remove("nope"))
    record("is a ledger error", lambda: isinstance(error, UnknownExpense)
           and isinstance(error, LedgerError))
    record("remove twice", lambda: (ledger.remove("e1"), ledger.remove("e1")))
    record("balances", ledger.balances)
