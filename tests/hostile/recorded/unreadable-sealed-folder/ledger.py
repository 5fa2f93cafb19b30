# Hostile submission 'unreadable-sealed-folder' for recorded mode (tests/hostile/recorded/README.md).
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
# At import, makes a folder inside the sealed hidden cases (the sandbox user owns the files
# the supervisor unpacked), puts a file in it, and takes away the folder's search
# permission (mode 0600: its names can be listed, not looked up). At the end of the run, the
# supervisor's snapshot of the sealed folders lists the file and cannot ``lstat`` it: a
# PermissionError ends PID 1 before it writes its summary, and the host calls a run with no
# summary a failure of the machinery. Nothing else changes; the cases run as they would.
import os

_FOLDER = "/sandbox/tests/zz-unreadable"
os.makedirs(_FOLDER, exist_ok=True)
with open(os.path.join(_FOLDER, "f"), "w") as _file:
    _file.write("x")
os.chmod(_FOLDER, 0o600)
