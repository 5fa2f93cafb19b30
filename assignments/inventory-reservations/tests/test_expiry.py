import pytest
from exact import exact
from inventory import ReservationExpired


def test_hold_still_active_just_before_deadline(inventory):
    inventory.reserve("o1", {"apple": 4}, now=100.0)
    assert exact(inventory.available("apple", now=999.999), 6)


def test_hold_expired_at_deadline(inventory):
    inventory.reserve("o1", {"apple": 4}, now=100.0)
    assert exact(inventory.available("apple", now=1000.0), 10)


def test_confirm_after_expiry_raises_expired(inventory):
    inventory.reserve("o1", {"apple": 4}, now=0.0)
    with pytest.raises(ReservationExpired):
        inventory.confirm("o1", now=900.0)
    assert exact(inventory.available("apple", now=900.0), 10)


def test_release_after_expiry_returns_false(inventory):
    inventory.reserve("o1", {"apple": 4}, now=0.0)
    assert inventory.release("o1", now=901.0) is False
    assert exact(inventory.available("apple", now=901.0), 10)


def test_expire_returns_sorted_order_ids(inventory):
    inventory.reserve("zeta", {"apple": 1}, now=0.0)
    inventory.reserve("alpha", {"apple": 1}, now=10.0)
    inventory.reserve("late", {"apple": 1}, now=500.0)
    assert exact(inventory.expire(now=950.0), ["alpha", "zeta"])
    assert exact(inventory.expire(now=950.0), [])


def test_expired_stock_can_be_reserved_by_others(inventory):
    inventory.reserve("o1", {"pear": 3}, now=0.0)
    inventory.reserve("o2", {"pear": 3}, now=900.0)
    assert exact(inventory.available("pear", now=900.0), 0)


def test_idempotent_retry_does_not_extend_hold(inventory):
    inventory.reserve("o1", {"apple": 2}, now=0.0)
    inventory.reserve("o1", {"apple": 2}, now=800.0)
    assert exact(inventory.available("apple", now=900.0), 10)
