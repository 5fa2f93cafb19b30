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
plain data (None, bool, int, float, str, bytes, list, tuple, set, dict, and their subclasses,
recorded as the plain data they hold) is recorded as not recordable, which never matches.
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


class TooLarge(Exception):
    """A value over the recording's budget: it is recorded whole as not recordable."""


class Recorder:
    """What a case calls to record; the runner reads ``observations``. ``max_bytes`` bounds a
    case's whole recording, roughly as JSON."""

    def __init__(self, max_bytes=1 << 20):
        self.observations = []
        self._items = 0
        self._bytes_left = max_bytes

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
        self._add(label, self._recorded(value), tolerance)
        return value

    def value(self, label, value, **tolerance):
        """Record ``value``; give it back."""
        self._add(label, self._recorded(value), tolerance)
        return value

    def _add(self, label, typed_value, tolerance):
        if type(label) is not str:
            raise TypeError("a label is a str")
        observation = {"label": label, "value": typed_value}
        if tolerance:
            observation["options"] = tolerance
        self.observations.append(observation)

    def _recorded(self, value):
        try:
            return self._typed(value, 0)
        except TooLarge as too_large:
            return {"unrecorded": str(too_large)}

    def _spend(self, size):
        self._items += 1
        self._bytes_left -= size
        if self._items > MAX_ITEMS:
            raise TooLarge("more than %d values in one case" % MAX_ITEMS)
        if self._bytes_left < 0:
            raise TooLarge("the case's values take more room than a recording has")

    def not_plain(self, value):
        """What is recorded of a value that is not plain data: never equal to anything."""
        explained = getattr(type(value), "__worksample_unrecorded__", None)  # a proxy's own
        if explained is not None:
            return {"unrecorded": str(explained(value))[:1000]}
        return {"unrecorded": "a %s object is not plain data" % _class_name(value)}

    def _typed(self, value, depth):
        if depth > MAX_DEPTH:
            raise TooLarge("nested more than %d levels deep" % MAX_DEPTH)
        kind = type(value)
        if value is None or kind is bool:
            self._spend(8)
            return {"bool": value} if kind is bool else {"null": None}
        # A subclass of a plain type (a namedtuple, a defaultdict, an IntEnum) is recorded by
        # the data it holds, read through the plain type's own methods, which it cannot
        # override: what it claims about itself (__eq__, __iter__, items) is never asked.
        plain = next((base for base in PLAIN if issubclass(kind, base)), None)
        if plain is None:
            self._spend(64)
            return self.not_plain(value)
        if plain is int:
            number = int.__int__(value)
            self._spend(24)
            return {"int": number if abs(number) <= 2**53 else str(number)}
        if plain is float:
            number = float.__float__(value)
            self._spend(24)
            return {"float": number if math.isfinite(number) else str(number)}
        if plain is str:
            text = str.__str__(value)
            self._spend(16 + len(text))
            return {"str": text}
        if plain is bytes:
            data = bytes.__getitem__(value, slice(None))  # bytes.__bytes__ is 3.11+
            self._spend(16 + 2 * len(data))
            return {"bytes": base64.b64encode(data).decode()}
        self._spend(16)
        if plain is dict:
            return {"dict": [[self._typed(key, depth + 1), self._typed(item, depth + 1)]
                             for key, item in dict.items(value)]}
        items = [self._typed(item, depth + 1) for item in plain.__iter__(value)]
        return {"set" if plain in (set, frozenset) else plain.__name__: items}


PLAIN = (int, float, str, bytes, list, tuple, dict, set, frozenset)  # bool: above, exactly


def plain(typed, other):
    """The builtin values a typed value stands for; ``other(tag, payload)`` gives what is not
    plain data (a handle, say)."""
    (tag, payload), = typed.items()
    if tag in ("null", "bool", "str"):
        return payload
    if tag == "int":
        return int(payload)
    if tag == "float":
        return float(payload)
    if tag == "bytes":
        return base64.b64decode(payload)
    if tag == "dict":
        return {plain(key, other): plain(item, other) for key, item in payload}
    if tag in ("list", "tuple", "set"):
        return {"list": list, "tuple": tuple, "set": set}[tag](
            [plain(item, other) for item in payload])
    return other(tag, payload)


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
