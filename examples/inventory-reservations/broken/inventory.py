class InventoryError(Exception):
    pass


class Inventory:
    def __init__(self, stock, hold_seconds=900)
        self.stock = stock
