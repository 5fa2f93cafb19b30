# Hostile submission 'reverses-transfers' for recorded mode (tests/hostile/recorded/README.md).
# The partial code (sample: examples/expense-ledger/partial), then the attack.

# ---- the attack -------------------------------------------------------------------------
# Not a trick but a wrong answer: settle() uses the right algorithm and the right amounts,
# but every transfer goes the wrong way round, (to, from, euros) instead of (from, to,
# euros). The settle cases compare the list of transfers as a set (unordered=True); if that
# tolerance also reaches into each transfer tuple, the reversed transfers match.


def _settle(self):
    balances = {name: round(value * 100) for name, value in self.balances().items()}
    transfers = []
    while True:
        owing = [n for n in balances if balances[n] < 0]
        owed = [n for n in balances if balances[n] > 0]
        if not owing or not owed:
            return transfers
        debtor = min(owing, key=lambda n: (balances[n], n))
        creditor = min(owed, key=lambda n: (-balances[n], n))
        cents = min(-balances[debtor], balances[creditor])
        balances[debtor] += cents
        balances[creditor] -= cents
        transfers.append((creditor, debtor, cents / 100))  # the wrong way round


Ledger.settle = _settle
