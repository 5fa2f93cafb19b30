# Hostile submission 'long-changed-paths' for recorded mode (tests/hostile/recorded/README.md).
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
# The supervisor's summary names at most 50 paths that changed in the sealed folders, but
# not how long they are. At import, this makes, inside the hidden cases' folder, 14 nested
# folders and 40 files, each named with 250 bytes that are not UTF-8 (so that each becomes
# a six-byte escape, "\udcff", in the summary's JSON): the 50 paths the summary lists come
# to some 950 KB, past all that the host keeps of the container's output. The summary is
# lost, and with it the flag (hidden-tests-modified) it would have raised: the host calls a
# run with no summary a failure of the machinery.
import os

_NAME = b"\xff" * 250
_folder = b"/sandbox/tests"
for _ in range(14):
    _folder = os.path.join(_folder, _NAME)
    os.mkdir(_folder)
for _number in range(40):
    with open(os.path.join(_folder, _NAME[:-3] + b"%03d" % _number), "w") as _file:
        _file.write("x")
