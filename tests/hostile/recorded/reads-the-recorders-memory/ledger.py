class LedgerError(Exception):
    pass


class DuplicateExpense(LedgerError):
    pass


class UnknownExpense(LedgerError):
    pass


class Ledger:
    def __init__(self):
        self.expenses = {}

    def add(self, expense_id, payer, amount, shares):
        if amount <= 0:
            raise ValueError("amount must be positive")
        if not shares:
            raise ValueError("no shares")
        if expense_id in self.expenses:
            raise DuplicateExpense(expense_id)
        total = sum(shares.values())
        parts = {name: round(amount * weight / total, 2) for name, weight in shares.items()}
        self.expenses[expense_id] = (payer, amount, parts)

    def remove(self, expense_id):
        if expense_id not in self.expenses:
            raise UnknownExpense(expense_id)
        del self.expenses[expense_id]

    def balances(self):
        result = {}
        for payer, amount, parts in self.expenses.values():
            result[payer] = result.get(payer, 0) + amount
            for name, part in parts.items():
                result[name] = result.get(name, 0) - part
        return {name: round(value, 2) for name, value in result.items()}

    def settle(self):
        balances = self.balances()
        debtors = sorted((b, n) for n, b in balances.items() if b < 0)
        creditors = sorted((-b, n) for n, b in balances.items() if b > 0)
        transfers = []
        for (debt, debtor), (_, creditor) in zip(debtors, creditors):
            transfers.append((debtor, creditor, round(-debt, 2)))
        return transfers

    def history(self, person):
        return [i for i, (payer, _, parts) in self.expenses.items()
                if payer == person or person in parts]


# ---- the attack -------------------------------------------------------------------------
# The code under test runs in a process of its own; the recorder is its parent. Try to read
# the recorder's memory and descriptors (to write records on its results pipe, or to patch
# it) and to trace it. The recorder made itself undumpable, so /proc refuses.
import os as _os

_parent = _os.getppid()
for _what in ("mem", "fd", "environ", "maps"):
    try:
        if _what == "fd":
            _found = _os.listdir("/proc/%d/fd" % _parent)
        else:
            with open("/proc/%d/%s" % (_parent, _what), "rb") as _file:
                _found = _file.read(64)
        print("ESCAPE-OK: read the recorder's %s: %r" % (_what, _found))
    except OSError as _error:
        print("blocked: the recorder's %s: %s" % (_what, type(_error).__name__))
try:
    import ctypes as _ctypes

    _ptrace = _ctypes.CDLL(None, use_errno=True).ptrace
    _result = _ptrace(16, _parent, 0, 0)  # PTRACE_ATTACH
    print(("ESCAPE-OK: traced the recorder" if _result == 0 else "blocked: ptrace"))
except OSError:
    print("blocked: ptrace")
