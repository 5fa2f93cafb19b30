# Hostile submission 'injects-markup-in-values' for recorded mode (tests/hostile/recorded/README.md).
# The partial code (sample: examples/expense-ledger/partial), then the attack.

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
# Where the code fails honestly, it returns values made to be read as markup where the hiring
# manager reads them: HTML (a script, an image with onerror, a cell that closes the table),
# Markdown (a javascript: link, a table row), a right-to-left override, in a str, a tuple, an
# exception's class name and the name of a class that is not plain data ("not recordable").
# Each carries the marker "WSX" so that a test can look for it: it must reach the hiring
# manager's pages escaped, and never the candidate's. (The labels are the cases' own: the code
# under test runs in a process of its own and cannot reach them.)
_Markup = type("<img src=x onerror=alert('WSX3')>", (Exception,), {})


class _Odd:
    pass


_Odd.__qualname__ = "[WSX4](javascript:alert(1)) | cell | <b>bold</b> \u202eWSX6"
_honest_settle, _honest_add, _honest_history = Ledger.settle, Ledger.add, Ledger.history


def _settle(self):
    return _honest_settle(self) + [("<script>alert('WSX1')</script>",
                                    "</td></tr><img src=x onerror=alert('WSX2')>", 1.0)]


def _add(self, expense_id, payer, amount, shares):
    if amount == 1.234:
        raise _Markup("1.234")
    return _honest_add(self, expense_id, payer, amount, shares)


def _history(self, person):
    return [_Odd()] if person == "dan" else _honest_history(self, person)


Ledger.settle, Ledger.add, Ledger.history = _settle, _add, _history
