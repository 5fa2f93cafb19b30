"""A shared-expense ledger. See instructions.md."""


class LedgerError(Exception):
    """Base of the ledger's errors."""


class DuplicateExpense(LedgerError):
    """The expense id is already recorded with different details."""


class UnknownExpense(LedgerError):
    """No expense has that id."""


class Ledger:
    def __init__(self):
        self._expenses = {}

    def add(self, expense_id, payer, amount, shares):
        raise NotImplementedError

    def remove(self, expense_id):
        raise NotImplementedError

    def balances(self):
        return {}

    def settle(self):
        return []

    def history(self, person):
        return []
