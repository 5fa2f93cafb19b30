"""Checks in plain words (worksample/reports/plain.py), on messages the sample assignments'
examples really produce (copied from the demo's reports) and on the plugins' own labels."""

from __future__ import annotations

import pytest

from worksample.models import Check
from worksample.reports.plain import check_group, check_label, plain_failure

PYTEST_HANG = (
    '../tests/test_expiry.py:19: in test_confirm_after_expiry_raises_expired\n'
    '    inventory.confirm("o1", now=900.0)\ninventory.py:91: in confirm\n'
    '    while self.holds:  # waits for a payment callback that never comes\n'
    '../harness/runner.py:116: in on_alarm\n'
    '    raise TestTimedOut("the test took longer than %ss (per-test limit)" % limit)\n'
    'E   TestTimedOut: the test took longer than 2.0s (per-test limit)')
PYTEST_EXACT = (
    '../tests/test_expiry.py:13: in test_hold_expired_at_deadline\n'
    '    assert exact(inventory.available("apple", now=1000.0), 10)\n'
    'E   AssertionError: assert False\nE    +  where False = exact(6, 10)\n'
    'E    +    where 6 = <bound method Inventory.available of <inventory.Inventory object at '
    '0x7f7f64ad8d10>>(\'apple\', now=1000.0)')
PYTEST_LISTS = (
    '../tests/test_expiry.py:33: in test_expire_returns_sorted_order_ids\n'
    '    assert exact(inventory.expire(now=950.0), ["alpha", "zeta"])\n'
    "E   AssertionError: assert False\nE    +  where False = exact(['zeta', 'alpha'], "
    "['alpha', 'zeta'])\nE    +    where ['zeta', 'alpha'] = <bound method I")
PYTEST_NO_RAISE = (
    "../tests/test_expiry.py:18: in test_confirm_after_expiry_raises_expired\n"
    "    with pytest.raises(ReservationExpired):\n"
    "E   Failed: DID NOT RAISE <class 'inventory.ReservationExpired'>")
PYTEST_RAISED = (
    '../tests/test_expiry.py:39: in test_expired_stock_can_be_reserved_by_others\n'
    '    inventory.reserve("o2", {"pear": 3}, now=900.0)\ninventory.py:49: in reserve\n'
    '    raise OutOfStock(sku)\nE   inventory.OutOfStock: pear')
NODE_NO_THROW = (
    "Missing expected exception (CsvError).\n\n[Error [ERR_TEST_FAILURE]: Missing expected "
    "exception (CsvError).] {\n  failureType: 'testCodeFailure',\n  cause: AssertionError "
    "[ERR_ASSERTION]: Missing expected exception (CsvError).\n      at TestContext.<anonymous> "
    "(/sandbox/tests/header.test.js:17:10)")
NODE_DIFF = (
    "Expected values to be strictly equal:+ actual - expected+ 'a;b;c,d\\n'- "
    "'&quot;a;b&quot;;c,d\\n'\n\n[Error [ERR_TEST_FAILURE]: Expected values to be strictly "
    "equal:\n+ actual - expected\n\n+ 'a;b;c,d\\n'\n- '\"a;b\";c,d\\n'] {")

REAL = [
    # (id, kind, message, label, group, plain failure)
    ("test_expiry.py::test_confirm_after_expiry_raises_expired", "test", PYTEST_HANG,
     "confirm after expiry raises expired", "expiry",
     "did not finish within the 2-second limit per test"),
    ("test_expiry.py::test_hold_expired_at_deadline", "test", PYTEST_EXACT,
     "hold expired at deadline", "expiry", "returned 6 where 10 was expected"),
    ("test_expiry.py::test_expire_returns_sorted_order_ids", "test", PYTEST_LISTS,
     "expire returns sorted order ids", "expiry",
     "returned ['zeta', 'alpha'] where ['alpha', 'zeta'] was expected"),
    ("test_expiry.py::test_confirm_after_expiry_raises_expired", "test", PYTEST_NO_RAISE,
     "confirm after expiry raises expired", "expiry",
     "did not report the error ReservationExpired where one was expected"),
    ("test_expiry.py::test_expired_stock_can_be_reserved_by_others", "test", PYTEST_RAISED,
     "expired stock can be reserved by others", "expiry",
     "stopped with an unexpected error, OutOfStock: pear"),
    ("test_reservations.py::test_reserve_rejects_bad_quantity[1.5]", "test",
     "not run: test_reservations.py could not be imported (SyntaxError: expected ':')",
     "reserve rejects bad quantity (1.5)", "reservations",
     "did not run: the submitted code does not compile or load"),
    ("header.test.js::test::header: a duplicate column name is an error", "test", NODE_NO_THROW,
     "header: a duplicate column name is an error", "header",
     "did not report the error CsvError where one was expected"),
    ("stringify.test.js::test::stringify: another delimiter", "test", NODE_DIFF,
     "stringify: another delimiter", "stringify",
     "returned a different value from the one expected (the difference is below)"),
    ("errors.test.js::test::text must be a string", "test",
     "not run: the test command for errors.test.js was stopped at its time limit of 5s, "
     "before its report gave this test's result", "text must be a string", "errors",
     "did not finish: the tests in this file were stopped at their 5-second limit before "
     "this one gave a result"),
    ("keys_cases.go::prune forgets idle keys", "test",
     "at 'pruned at 1.1 s' (1 of 5): the case stopped before it ((not recorded: the case took "
     "longer than 2s)); the reference returned 1", "prune forgets idle keys", "keys",
     "did not finish within the 2-second limit per case (at step 'pruned at 1.1 s')"),
    ("keys_cases.go::a key's own limit", "test",
     "at 'others keep the default' (3 of 3): raised panic; the reference raised "
     "*ratelimit.CostError", "a key's own limit", "keys",
     "crashed (a panic) where the error CostError was expected (at step 'others keep the "
     "default')"),
    ("cases_balances.py::same_expense_again_is_a_no_op", "test",
     "at 'retry' (1 of 3): raised DuplicateExpense; the reference returned None",
     "same expense again is a no op", "balances",
     "reported the error DuplicateExpense where nothing was expected (at step 'retry')"),
    ("cases_balances.py::weighted_split", "test",
     "at 'balances' (1 of 1): the case stopped before it (raised AttributeError); the "
     "reference returned {'ben': 40.0, 'ana': -40.0}", "weighted split", "balances",
     "did not get this far: an earlier step failed (with the error AttributeError) (at step "
     "'balances')"),
    ("cases_input.py::bad_amounts_are_refused", "test",
     "at 'amount 1.234' (3 of 7): returned None; the reference raised ValueError",
     "bad amounts are refused", "input",
     "returned nothing where the error ValueError was expected (at step 'amount 1.234')"),
    ("cases_match.ts::optional parameter", "test",
     "at 'absent' (1 of 4): returned None; the reference returned {'name': 'list', 'params': "
     "{}, 'query': {}}", "optional parameter", "match",
     "returned nothing where {'name': 'list', 'params': {}, 'query': {}} was expected (at "
     "step 'absent')"),
    ("cases_input.py::unknown_expense", "test",
     "not run: cases_input.py could not be imported (ImportError: cannot import name "
     "'DuplicateExpense' from 'ledger' (unknown location))", "unknown expense", "input",
     "did not run: the submitted code has no 'DuplicateExpense' for the tests to use"),
    ("late-refund/questions/no-renewal", "question", "not found", "no renewal", "late refund",
     "not found"),
    ("late-refund/clarity", "clarity",
     "✓ reading grade 8.1 (band 4-10); ✗ 46 words (asked 60-220) (earned in proportion to "
     "the questions the reply answers: 2 of 3)", "clarity", "late refund",
     "✓ reading grade 8.1 (band 4-10); ✗ 46 words (asked 60-220)"),
    ("numbers/mrr-change", "number", "not stated (expected 19% ± 0.5%)", "mrr change",
     "numbers", "not stated (expected 19% ± 0.5%)"),
]


@pytest.mark.parametrize(("check_id", "kind", "message", "label", "group", "failure"), REAL,
                         ids=[row[0] + "|" + row[2][:20] for row in REAL])
def test_real_messages_in_plain_words(check_id, kind, message, label, group, failure):
    check = Check(id=check_id, kind=kind, outcome="failed", message=message)
    assert check_label(check) == label
    assert check_group(check) == group
    assert plain_failure(check) == failure


@pytest.mark.parametrize("message", [PYTEST_HANG, PYTEST_EXACT, PYTEST_NO_RAISE, NODE_NO_THROW,
                                     NODE_DIFF])
def test_no_test_tool_jargon_reaches_the_sentence(message):
    sentence = plain_failure(Check(id="t.py::test_x", kind="test", outcome="failed",
                                   message=message))
    for jargon in ("assert False", "DID NOT RAISE", "TestTimedOut", "ERR_", "where False",
                   "<class", "E   ", "strictly"):
        assert jargon not in sentence


def test_the_plugins_label_and_group_win_over_the_id():
    check = Check(id="double-charge/questions/money-back", kind="question", outcome="failed",
                  label="answers 'Can I get my money back?'", group="the double-charge email")
    assert check_label(check) == "answers 'Can I get my money back?'"
    assert check_group(check) == "the double-charge email"


def test_an_unreadable_failure_is_a_short_neutral_sentence():
    check = Check(id="t.py::test_x", kind="test", outcome="failed",
                  message="Segmentation fault (core dumped) at 0xdeadbeef " * 20)
    assert plain_failure(check) == "failed; the test output is below"
    assert plain_failure(check.model_copy(update={"message": ""})) == "failed"
    assert plain_failure(check.model_copy(update={"outcome": "passed"})) == ""


@pytest.mark.parametrize(("check_id", "label", "group"), [
    ("TestRetryAfter/six_units", "six units", "retry after"),
    ("tests/test_cart.py::TestCart::test_addItem", "add item", "cart"),
    ("length", "length", ""),
])
def test_other_id_shapes(check_id, label, group):
    check = Check(id=check_id, kind="test", outcome="failed")
    assert check_label(check) == label
    assert check_group(check) == group
