"""Strict comparison for hidden tests: the type must match exactly, not just ==.

A submission can return an object whose __eq__ always says True; `assert result == 5` would
pass. `assert exact(result, 5)` does not.
"""


def exact(actual, expected):
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(map(exact, actual, expected))
    if isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            exact(actual[k], expected[k]) for k in expected
        )
    return actual == expected
