import pytest

from inventory import Inventory, OutOfStock, ReservationConflict, ReservationExpired


def test_a_reservation_holds_stock_until_released():
    inventory = Inventory({"mug": 3})
    inventory.reserve("o1", {"mug": 2}, now=0)
    assert inventory.available("mug", now=1) == 1
    assert inventory.release("o1", now=2)
    assert inventory.available("mug", now=3) == 3


def test_a_reservation_is_all_or_nothing():
    inventory = Inventory({"mug": 1, "pen": 5})
    with pytest.raises(OutOfStock):
        inventory.reserve("o1", {"pen": 2, "mug": 2}, now=0)
    assert inventory.available("pen", now=0) == 5


def test_the_same_order_twice_is_one_hold_and_another_is_a_conflict():
    inventory = Inventory({"mug": 5})
    inventory.reserve("o1", {"mug": 2}, now=0)
    inventory.reserve("o1", {"mug": 2}, now=1)
    assert inventory.available("mug", now=1) == 3
    with pytest.raises(ReservationConflict):
        inventory.reserve("o1", {"mug": 3}, now=2)


def test_a_hold_expires_at_its_deadline():
    inventory = Inventory({"mug": 1}, hold_seconds=10)
    inventory.reserve("o1", {"mug": 1}, now=0)
    assert inventory.expire(now=10) == ["o1"]
    with pytest.raises(ReservationExpired):
        inventory.confirm("o1", now=11)
