"""Inventory with expiring holds, kept as a ledger: stock minus active holds."""

from __future__ import annotations

from dataclasses import dataclass, field


class InventoryError(Exception):
    pass


class UnknownSku(InventoryError, KeyError):
    pass


class OutOfStock(InventoryError):
    def __init__(self, sku: str):
        super().__init__(sku)
        self.sku = sku


class UnknownReservation(InventoryError):
    pass


class ReservationExpired(InventoryError):
    pass


class ReservationConflict(InventoryError):
    pass


@dataclass
class Hold:
    lines: dict[str, int]
    deadline: float
    status: str = "held"


@dataclass
class Inventory:
    stock: dict[str, int]
    hold_seconds: float = 900
    holds: dict[str, Hold] = field(default_factory=dict)

    def _sweep(self, now: float) -> list[str]:
        gone = [oid for oid, h in self.holds.items() if h.status == "held" and now >= h.deadline]
        for oid in gone:
            self.holds[oid].status = "expired"
        return sorted(gone)

    def _held(self, sku: str) -> int:
        return sum(h.lines.get(sku, 0) for h in self.holds.values() if h.status == "held")

    def _sold(self, sku: str) -> int:
        return sum(h.lines.get(sku, 0) for h in self.holds.values() if h.status == "sold")

    def available(self, sku: str, now: float) -> int:
        self._sweep(now)
        if sku not in self.stock:
            raise UnknownSku(sku)
        return self.stock[sku] - self._held(sku) - self._sold(sku)

    def reserve(self, order_id: str, items: dict[str, int], now: float) -> None:
        self._sweep(now)
        if not items or any(type(q) is not int or q <= 0 for q in items.values()):
            raise ValueError("every line needs a positive whole quantity")
        current = self.holds.get(order_id)
        if current and current.status == "held":
            if current.lines == items:
                return
            raise ReservationConflict(order_id)
        unknown = [sku for sku in items if sku not in self.stock]
        if unknown:
            raise UnknownSku(unknown[0])
        for sku, quantity in items.items():
            if self.available(sku, now) < quantity:
                raise OutOfStock(sku)
        self.holds[order_id] = Hold(dict(items), now + self.hold_seconds)

    def release(self, order_id: str, now: float) -> bool:
        self._sweep(now)
        hold = self.holds.get(order_id)
        if hold is None or hold.status != "held":
            return False
        hold.status = "released"
        return True

    def confirm(self, order_id: str, now: float) -> None:
        self._sweep(now)
        hold = self.holds.get(order_id)
        if hold is None or hold.status == "released":
            raise UnknownReservation(order_id)
        if hold.status == "expired":
            raise ReservationExpired(order_id)
        hold.status = "sold"

    def restock(self, sku: str, quantity: int) -> None:
        if type(quantity) is not int or quantity <= 0:
            raise ValueError("restock needs a positive whole quantity")
        self.stock[sku] = self.stock.get(sku, 0) + quantity

    def expire(self, now: float) -> list[str]:
        return self._sweep(now)
