class Ledger:
    def __init__(self):
        self.items = []

    def add_expense(self, expense_id, payer, amount, shares):
        self.items.append((expense_id, payer, amount, shares))

    def balances(self):
        out = {}
        for _, payer, amount, shares in self.items:
            out[payer] = out.get(payer, 0) + amount
            for name in shares:
                out[name] = out.get(name, 0) - amount / len(shares)
        return out
