# Issue 21, attack 4, another instance: the hidden test module's own names, swapped for the
# duration of each test. The fixture's Inventory() finds the test's module through pytest's
# request and rebinds its `exact` (always true) and `pytest` (a raises() that swallows
# everything); they are put back when the fixture lets the inventory go at teardown.
import sys as _sys
import types as _types
import weakref as _weakref

import pytest as _pytest


class _Swallow:
    value = OutOfStock("fig")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return True


_fake_pytest = _types.SimpleNamespace(raises=lambda *args, **kwargs: _Swallow())


def _swap_names():
    frame = _sys._getframe()
    while frame is not None:
        request = frame.f_locals.get("request")
        node = getattr(request, "node", None)
        if getattr(node, "module", None) is not None:
            names = vars(node.module)
            saved = {name: names[name] for name in ("exact", "pytest") if name in names}
            names.update(exact=lambda actual, expected: True, pytest=_fake_pytest)
            return saved, names
        frame = frame.f_back
    return {}, {}


_init = Inventory.__init__


def _swapping_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    saved, names = _swap_names()
    _weakref.finalize(self, names.update, saved)


Inventory.__init__ = _swapping_init
for _name in ("available", "reserve", "confirm", "restock", "expire"):
    setattr(Inventory, _name, lambda self, *args, **kwargs: None)
Inventory.release = lambda self, *args, **kwargs: False
