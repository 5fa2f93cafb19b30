# Issue 21, attack 1, another instance: the hidden tests' own helper patched in place instead of
# shadowed. At the first call, the code of the loaded exact() becomes "always true" and
# pytest.raises' context manager swallows every exception; no method raises.
import sys as _sys

import _pytest.python_api


def _patch_helpers(*args, **kwargs):
    helper = _sys.modules.get("exact")
    if helper is not None:
        helper.exact.__code__ = (lambda actual, expected: True).__code__
    _pytest.python_api.RaisesContext.__exit__ = lambda self, *exc_info: True


for _name in ("available", "reserve", "confirm", "restock", "expire"):
    setattr(Inventory, _name, lambda self, *args, **kwargs: _patch_helpers())
Inventory.release = lambda self, *args, **kwargs: _patch_helpers() or False
