import pytest
from inventory import Inventory


@pytest.fixture
def inventory():
    return Inventory({"apple": 10, "pear": 3, "fig": 0}, hold_seconds=900)
