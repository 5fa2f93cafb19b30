"""Write hidden cases for worksample's recorded mode: call the candidate's code and record
what it returns. A case holds no expected values: worksample runs the same cases against the
reference solution and compares the two recordings on the host.

    from worksample_cases import case
    from inventory import Inventory

    @case(weight=2)
    def reserve_then_count(record):
        stock = Inventory({"apple": 10})
        record("reserve", lambda: stock.reserve("o1", {"apple": 4}, now=0.0))
        record("left", lambda: stock.available("apple", now=1.0))

``record(label, call, **tolerance)`` calls ``call()`` and records what it returned, or the
exception it raised, and gives that back. ``record.value(label, value, **tolerance)`` records
a value you already have. Tolerances, all optional: ``rel_tol`` and ``abs_tol`` for floats,
``unordered=True`` for a list whose order does not matter (the items inside it keep
theirs), ``raised_as="ValueError"`` to accept any exception of that class or a subclass.
Values are recorded strictly: ``True`` is not ``1``, a tuple is not a list, and anything but
plain data (None, bool, int, float, str, bytes, list, tuple, set, dict) is recorded as not
recordable, which never matches.
"""

import base64
import math

MAX_DEPTH = 32
MAX_ITEMS = 100_000  # values in one recording
CASE_ITSELF = "(the case)"  # the label of what stopped a case outside a record
CASES = []  # (module, name, function, weight, criterion), in definition order


class CaseTimedOut(BaseException):
    """Raised by the runner's timer; a BaseException, so `except Exception` lets it through."""


def case(function=None, *, weight=1, criterion=None):
    """Mark ``function(record)`` as a hidden case; ``weight`` and the rubric ``criterion`` it
    scores (default: the assignment's tests criterion) are read from the reference's run."""
    if type(weight) not in (int, float) or not weight > 0:
        raise ValueError("a case's weight must be a positive number")

    def register(function):
        CASES.append((function.__module__, function.__name__, function, weight, criterion))
        return function

    return register(function) if function is not None else register


class Recorder:
    """What a case calls to record; the runner reads ``observations``."""

    def __init__(self):
        self.observations = []
        self._items = 0

    def __call__(self, label, call, **tolerance):
        """Record what ``call()`` returns, or what it raises; give that back."""
        if not callable(call):
            raise TypeError("record(label, call): give a function, e.g. lambda: f(x); "
                            "use record.value(label, value) for a value")
        try:
            value = call()
        except CaseTimedOut:
            raise
        except BaseException as error:  # noqa: B036 (SystemExit from candidate code too)
            self._add(label, raised(error), tolerance)
            return error
        self._add(label, self._typed(value), tolerance)
        return value

    def value(self, label, value, **tolerance):
        """Record ``value``; give it back."""
        self._add(label, self._typed(value), tolerance)
        return value

    def _add(self, label, typed_value, tolerance):
        if type(label) is not str:
            raise TypeError("a label is a str")
        observation = {"label": label, "value": typed_value}
        if tolerance:
            observation["options"] = tolerance
        self.observations.append(observation)

    def _typed(self, value, depth=0):
        self._items += 1
        if self._items > MAX_ITEMS:
            return {"unrecorded": "more than %d values in one case" % MAX_ITEMS}
        if depth > MAX_DEPTH:
            return {"unrecorded": "nested more than %d levels deep" % MAX_DEPTH}
        kind = type(value)
        if value is None:
            return {"null": None}
        if kind is bool:
            return {"bool": value}
        if kind is int:
            return {"int": value if abs(value) <= 2**53 else str(value)}
        if kind is float:
            return {"float": value if math.isfinite(value) else str(value)}
        if kind is str:
            return {"str": value}
        if kind is bytes:
            return {"bytes": base64.b64encode(value).decode()}
        if kind is list or kind is tuple:  # identity: a metaclass can make == say anything
            tag = "list" if kind is list else "tuple"
            return {tag: [self._typed(item, depth + 1) for item in value]}
        if kind is set or kind is frozenset:
            return {"set": [self._typed(item, depth + 1) for item in value]}
        if kind is dict:
            return {"dict": [[self._typed(key, depth + 1), self._typed(item, depth + 1)]
                             for key, item in value.items()]}
        return {"unrecorded": "a %s object is not plain data" % _class_name(value)}


def raised(error):
    """An exception as a typed value: its class and its bases, by name (read through ``type``
    itself, so that a metaclass cannot rename them)."""
    mro = _TYPE_ATTRIBUTES["__mro__"].__get__(type(error))
    names = [_TYPE_ATTRIBUTES["__name__"].__get__(cls) for cls in mro if cls is not object]
    return {"raised": {"name": names[0], "bases": names[1:]}}


_TYPE_ATTRIBUTES = type.__dict__


def _class_name(value):
    try:
        return type(value).__qualname__
    except BaseException:  # noqa: B036 (a metaclass may do anything)
        return "unnamed"
