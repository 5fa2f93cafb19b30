# Honest submission 'honest-namedtuple-and-defaultdict' for recorded mode
# (tests/hostile/recorded/README.md). Not an attack: the reference solution's logic, with
# two choices the instructions allow. balances() returns a collections.defaultdict, which
# is a dict[str, float]; settle() returns Transfer namedtuples, which are tuple[str, str,
# float]. Every value is the reference's, and the instructions promise nothing stricter.

"""A shared-expense ledger kept in whole cents."""

from collections import defaultdict, namedtuple

Transfer = namedtuple("Transfer", "payer payee euros")


class LedgerError(Exception):
    """Base of the ledger's errors."""


class DuplicateExpense(LedgerError):
    """The expense id is already recorded with different details."""


class UnknownExpense(LedgerError):
    """No expense has that id."""


def _cents(amount):
    if type(amount) not in (int, float):
        raise ValueError("the amount must be a number")
    cents = round(amount * 100)
    if cents <= 0 or abs(cents - amount * 100) > 1e-6:
        raise ValueError("the amount must be positive, with at most two decimals")
    return cents


def _split(cents, shares):
    if not shares or any(type(w) is not int or w <= 0 for w in shares.values()):
        raise ValueError("shares must map people to positive integer weights")
    total = sum(shares.values())
    parts = {name: cents * weight // total for name, weight in shares.items()}
    left = cents - sum(parts.values())
    by_remainder = sorted(shares, key=lambda name: (-(cents * shares[name] % total), name))
    for name in by_remainder[:left]:
        parts[name] += 1
    return parts


class Ledger:
    def __init__(self):
        self._expenses = {}  # id -> (payer, cents, shares, parts), in the order added

    def add(self, expense_id, payer, amount, shares):
        cents = _cents(amount)
        parts = _split(cents, shares)
        details = (payer, cents, dict(shares), parts)
        if expense_id in self._expenses:
            if self._expenses[expense_id][:3] != details[:3]:
                raise DuplicateExpense(expense_id)
            return
        self._expenses[expense_id] = details

    def remove(self, expense_id):
        if expense_id not in self._expenses:
            raise UnknownExpense(expense_id)
        del self._expenses[expense_id]

    def _balances_in_cents(self):
        balances = {}
        for payer, cents, _, parts in self._expenses.values():
            balances[payer] = balances.get(payer, 0) + cents
            for name, part in parts.items():
                balances[name] = balances.get(name, 0) - part
        return balances

    def balances(self):
        balances = defaultdict(float)
        for name, cents in self._balances_in_cents().items():
            balances[name] = cents / 100
        return balances

    def settle(self):
        balances = self._balances_in_cents()
        transfers = []
        while True:
            owing = [n for n in balances if balances[n] < 0]
            owed = [n for n in balances if balances[n] > 0]
            if not owing:
                return transfers
            debtor = min(owing, key=lambda n: (balances[n], n))
            creditor = min(owed, key=lambda n: (-balances[n], n))
            cents = min(-balances[debtor], balances[creditor])
            balances[debtor] += cents
            balances[creditor] -= cents
            transfers.append(Transfer(debtor, creditor, cents / 100))

    def history(self, person):
        return [expense_id for expense_id, (payer, _, _, parts) in self._expenses.items()
                if payer == person or person in parts]
