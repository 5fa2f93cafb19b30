"""Reference solution: inventory with expiring holds."""

from __future__ import annotations

from dataclasses import dataclass


class InventoryError(Exception):
    """Base of every inventory error."""


class UnknownSku(InventoryError, KeyError):
    """The SKU is not in the inventory."""


class OutOfStock(InventoryError):
    """Not enough units of ``sku``."""

    def __init__(self, sku: str):
        super().__init__(f"not enough stock of {sku!r}")
        self.sku = sku


class UnknownReservation(InventoryError):
    """No hold exists for the order."""


class ReservationExpired(InventoryError):
    """The hold passed its deadline."""


class ReservationConflict(InventoryError):
    """The order id was reserved with other items."""


@dataclass
class _Hold:
    items: dict[str, int]
    expires_at: float
    state: str = "active"  # active | confirmed | released | expired


def _positive_int(value: object) -> bool:
    return type(value) is int and value > 0


class Inventory:
    def __init__(self, stock: dict[str, int], hold_seconds: float = 900):
        for sku, quantity in stock.items():
            if type(quantity) is not int or quantity < 0:
                raise ValueError(f"bad stock for {sku!r}: {quantity!r}")
        self._on_hand = dict(stock)  # units not sold and not held
        self._hold_seconds = hold_seconds
        self._holds: dict[str, _Hold] = {}

    def available(self, sku: str, now: float) -> int:
        self.expire(now)
        if sku not in self._on_hand:
            raise UnknownSku(sku)
        return self._on_hand[sku]

    def reserve(self, order_id: str, items: dict[str, int], now: float) -> None:
        self.expire(now)
        if not items:
            raise ValueError("an order needs at least one line")
        for sku, quantity in items.items():
            if not _positive_int(quantity):
                raise ValueError(f"quantity for {sku!r} must be a positive integer")
        existing = self._holds.get(order_id)
        if existing is not None and existing.state == "active":
            if existing.items == items:
                return
            raise ReservationConflict(order_id)
        for sku in items:
            if sku not in self._on_hand:
                raise UnknownSku(sku)
        for sku, quantity in items.items():
            if self._on_hand[sku] < quantity:
                raise OutOfStock(sku)
        for sku, quantity in items.items():
            self._on_hand[sku] -= quantity
        self._holds[order_id] = _Hold(dict(items), now + self._hold_seconds)

    def release(self, order_id: str, now: float) -> bool:
        self.expire(now)
        hold = self._holds.get(order_id)
        if hold is None or hold.state != "active":
            return False
        self._give_back(hold)
        hold.state = "released"
        return True

    def confirm(self, order_id: str, now: float) -> None:
        self.expire(now)
        hold = self._holds.get(order_id)
        if hold is None or hold.state in ("released",):
            raise UnknownReservation(order_id)
        if hold.state == "expired":
            raise ReservationExpired(order_id)
        hold.state = "confirmed"

    def restock(self, sku: str, quantity: int) -> None:
        if not _positive_int(quantity):
            raise ValueError("restock quantity must be a positive integer")
        self._on_hand[sku] = self._on_hand.get(sku, 0) + quantity

    def expire(self, now: float) -> list[str]:
        expired = []
        for order_id, hold in self._holds.items():
            if hold.state == "active" and now >= hold.expires_at:
                self._give_back(hold)
                hold.state = "expired"
                expired.append(order_id)
        return sorted(expired)

    def _give_back(self, hold: _Hold) -> None:
        for sku, quantity in hold.items.items():
            self._on_hand[sku] += quantity
