import pytest
from exact import exact
from inventory import (
    Inventory,
    InventoryError,
    OutOfStock,
    ReservationConflict,
    UnknownReservation,
    UnknownSku,
)


def test_available_reports_initial_stock(inventory):
    assert exact(inventory.available("apple", now=0.0), 10)
    assert exact(inventory.available("fig", now=0.0), 0)


def test_available_unknown_sku_raises(inventory):
    with pytest.raises(UnknownSku):
        inventory.available("kiwi", now=0.0)


def test_reserve_reduces_available(inventory):
    inventory.reserve("o1", {"apple": 4}, now=0.0)
    assert exact(inventory.available("apple", now=1.0), 6)


def test_reserve_several_skus_in_one_order(inventory):
    inventory.reserve("o1", {"apple": 2, "pear": 3}, now=0.0)
    assert exact(inventory.available("apple", now=0.0), 8)
    assert exact(inventory.available("pear", now=0.0), 0)


def test_reserve_is_all_or_nothing(inventory):
    with pytest.raises(OutOfStock):
        inventory.reserve("o1", {"apple": 2, "pear": 4}, now=0.0)
    assert exact(inventory.available("apple", now=0.0), 10)
    assert exact(inventory.available("pear", now=0.0), 3)


def test_out_of_stock_names_first_short_sku(inventory):
    with pytest.raises(OutOfStock) as raised:
        inventory.reserve("o1", {"apple": 1, "fig": 1, "pear": 9}, now=0.0)
    assert exact(raised.value.sku, "fig")


@pytest.mark.parametrize("quantity", [0, -1, 1.5, "2"])
def test_reserve_rejects_bad_quantity(inventory, quantity):
    with pytest.raises(ValueError):
        inventory.reserve("o1", {"apple": quantity}, now=0.0)
    assert exact(inventory.available("apple", now=0.0), 10)


def test_reserve_rejects_empty_order(inventory):
    with pytest.raises(ValueError):
        inventory.reserve("o1", {}, now=0.0)


def test_reserve_unknown_sku_reserves_nothing(inventory):
    with pytest.raises(UnknownSku):
        inventory.reserve("o1", {"apple": 1, "kiwi": 1}, now=0.0)
    assert exact(inventory.available("apple", now=0.0), 10)


def test_same_order_same_items_is_idempotent(inventory):
    inventory.reserve("o1", {"apple": 3}, now=0.0)
    inventory.reserve("o1", {"apple": 3}, now=5.0)
    assert exact(inventory.available("apple", now=6.0), 7)


def test_same_order_different_items_conflicts(inventory):
    inventory.reserve("o1", {"apple": 3}, now=0.0)
    with pytest.raises(ReservationConflict):
        inventory.reserve("o1", {"apple": 4}, now=1.0)
    assert exact(inventory.available("apple", now=1.0), 7)


def test_release_gives_stock_back(inventory):
    inventory.reserve("o1", {"apple": 3, "pear": 1}, now=0.0)
    assert inventory.release("o1", now=1.0) is True
    assert exact(inventory.available("apple", now=1.0), 10)
    assert exact(inventory.available("pear", now=1.0), 3)


def test_release_twice_or_unknown_returns_false(inventory):
    inventory.reserve("o1", {"apple": 3}, now=0.0)
    inventory.release("o1", now=1.0)
    assert inventory.release("o1", now=2.0) is False
    assert inventory.release("nope", now=2.0) is False
    assert exact(inventory.available("apple", now=2.0), 10)


def test_released_order_id_can_reserve_again(inventory):
    inventory.reserve("o1", {"apple": 3}, now=0.0)
    inventory.release("o1", now=1.0)
    inventory.reserve("o1", {"apple": 5}, now=2.0)
    assert exact(inventory.available("apple", now=2.0), 5)


def test_confirm_keeps_stock_sold(inventory):
    inventory.reserve("o1", {"apple": 3}, now=0.0)
    inventory.confirm("o1", now=10.0)
    assert exact(inventory.available("apple", now=5000.0), 7)
    assert inventory.release("o1", now=5000.0) is False


def test_confirm_unknown_order_raises(inventory):
    with pytest.raises(UnknownReservation):
        inventory.confirm("nope", now=0.0)


def test_restock_adds_units_and_new_skus(inventory):
    inventory.restock("apple", 5)
    inventory.restock("kiwi", 2)
    assert exact(inventory.available("apple", now=0.0), 15)
    assert exact(inventory.available("kiwi", now=0.0), 2)


@pytest.mark.parametrize("quantity", [0, -3])
def test_restock_rejects_non_positive(inventory, quantity):
    with pytest.raises(ValueError):
        inventory.restock("apple", quantity)


def test_errors_share_a_base_class():
    for error in (OutOfStock("x"), UnknownSku("x"), ReservationConflict("x")):
        assert isinstance(error, InventoryError)


def test_large_quantities_are_exact():
    inventory = Inventory({"bolt": 10**12}, hold_seconds=60)
    inventory.reserve("o1", {"bolt": 10**12 - 1}, now=0.0)
    assert exact(inventory.available("bolt", now=0.0), 1)
