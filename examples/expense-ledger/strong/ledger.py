"""Shared expenses, kept in integer cents so that no rounding error can creep in."""

from dataclasses import dataclass


class LedgerError(Exception):
    pass


class DuplicateExpense(LedgerError):
    pass


class UnknownExpense(LedgerError):
    pass


@dataclass(frozen=True)
class Expense:
    payer: str
    cents: int
    shares: tuple  # sorted (name, weight) pairs

    def parts(self):
        """Each person's part in cents: floor of the proportional share, then the leftover
        cents to the largest remainders, ties by name."""
        total = sum(weight for _, weight in self.shares)
        exact = {name: divmod(self.cents * weight, total) for name, weight in self.shares}
        parts = {name: whole for name, (whole, _) in exact.items()}
        leftover = self.cents - sum(parts.values())
        ranked = sorted(exact, key=lambda name: (-exact[name][1], name))
        for name in ranked[:leftover]:
            parts[name] += 1
        return parts


def to_cents(amount):
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        raise ValueError(f"amount must be a number, not {amount!r}")
    cents = round(amount * 100)
    if cents <= 0:
        raise ValueError("amount must be positive")
    if abs(amount * 100 - cents) > 1e-6:
        raise ValueError("amount has more than two decimals")
    return cents


def checked_shares(shares):
    if not shares:
        raise ValueError("an expense needs at least one share")
    for name, weight in shares.items():
        if isinstance(weight, bool) or not isinstance(weight, int) or weight <= 0:
            raise ValueError(f"weight of {name!r} must be a positive integer")
    return tuple(sorted(shares.items()))


class Ledger:
    def __init__(self):
        self._expenses = {}

    def add(self, expense_id, payer, amount, shares):
        expense = Expense(payer, to_cents(amount), checked_shares(shares))
        known = self._expenses.get(expense_id)
        if known is None:
            self._expenses[expense_id] = expense
        elif known != expense:
            raise DuplicateExpense(f"{expense_id!r} is already recorded differently")

    def remove(self, expense_id):
        try:
            del self._expenses[expense_id]
        except KeyError:
            raise UnknownExpense(expense_id) from None

    def _cents_by_person(self):
        totals = {}
        for expense in self._expenses.values():
            totals[expense.payer] = totals.get(expense.payer, 0) + expense.cents
            for name, part in expense.parts().items():
                totals[name] = totals.get(name, 0) - part
        return totals

    def balances(self):
        return {name: cents / 100 for name, cents in self._cents_by_person().items()}

    def settle(self):
        left = self._cents_by_person()
        transfers = []
        while any(left.values()):
            debtor = min(left, key=lambda n: (left[n], n))
            creditor = min(left, key=lambda n: (-left[n], n))
            cents = min(-left[debtor], left[creditor])
            left[debtor] += cents
            left[creditor] -= cents
            transfers.append((debtor, creditor, cents / 100))
        return transfers

    def history(self, person):
        return [expense_id for expense_id, expense in self._expenses.items()
                if expense.payer == person or person in dict(expense.shares)]
