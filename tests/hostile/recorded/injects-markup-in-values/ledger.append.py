# Hostile submission 'injects-markup-in-values' for recorded mode (tests/hostile/recorded/README.md).
# The partial code (sample: examples/expense-ledger/partial), then the attack.

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
