"""Typed values: how a recorder writes what code returned, and how the host compares two.

Language-neutral. A recorder, in any language, writes each value as a JSON object with one
key, the value's type:

- ``{"null": null}``: None, null, nil;
- ``{"bool": true}``: a boolean (never equal to an int);
- ``{"int": 5}``: an integer; beyond 2**53 as a decimal string, ``{"int": "9007199254740993"}``;
- ``{"float": 1.5}``: a float; ``"nan"``, ``"inf"`` and ``"-inf"`` as strings;
- ``{"str": "text"}``; ``{"bytes": "aGk="}`` (base64);
- ``{"list": [...]}`` in order; ``{"tuple": [...]}`` (never equal to a list); ``{"set": [...]}``,
  whose order never matters;
- ``{"dict": [[key, value], ...]}``: a mapping, keys typed too; order never matters;
- ``{"raised": {"name": "KeyError", "bases": ["LookupError", "Exception"]}}``: the call raised,
  the class and its bases by name;
- ``{"unrecorded": "why"}``: what the recorder could not write as plain data, never equal to
  anything.

The host compares strictly: the same types all the way down, unless the reference's run
declared a ``Tolerance`` for the value (the candidate's declarations are never read).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

SCALARS = ("null", "bool", "int", "float", "str", "bytes")
SEQUENCES = ("list", "tuple", "set")
MAX_FLOAT = 1.7976931348623157e308
MAX_DEPTH = 64  # a recorder stops long before; deeper is a forged or broken record
SHOWN_CHARS = 200


@dataclass(frozen=True)
class Tolerance:
    """How a recorded value may differ from the reference's and still match.

    ``rel_tol`` and ``abs_tol`` apply to every float inside the value (as ``math.isclose``),
    and an int then matches a float of close value (never a bool). ``unordered`` compares the
    value itself, when it is a list or a tuple, as a multiset; the items inside keep their
    order (a transfer ``(from, to, amount)`` is not ``(to, from, amount)``). ``raised_as``
    accepts any exception whose class or one of whose bases has that name (the reference's
    own exception must be one too).
    """

    rel_tol: float = 0.0
    abs_tol: float = 0.0
    unordered: bool = False
    raised_as: str | None = None

    @classmethod
    def from_options(cls, options: Any) -> Tolerance:
        """The tolerance a record's ``options`` declare; a ValueError says what is wrong."""
        if not options:
            return cls()
        if not isinstance(options, Mapping):
            raise ValueError("options must be an object")
        unknown = sorted(set(options) - {"rel_tol", "abs_tol", "unordered", "raised_as"})
        if unknown:
            raise ValueError(f"unknown option(s) {unknown}")
        tolerance = cls(**options)
        for name in ("rel_tol", "abs_tol"):
            value = getattr(tolerance, name)
            if type(value) not in (int, float) or not 0 <= value < math.inf:
                raise ValueError(f"{name} must be a number >= 0")
        if type(tolerance.unordered) is not bool:
            raise ValueError("unordered must be true or false")
        if tolerance.raised_as is not None and type(tolerance.raised_as) is not str:
            raise ValueError("raised_as must be a class name")
        return tolerance


def problem(value: Any, depth: int = 0) -> str | None:
    """Why ``value`` is not a well-formed typed value, or None when it is (``unrecorded``
    included: it is well-formed, and never equal to anything)."""
    if depth > MAX_DEPTH:
        return "nested too deeply"
    if not isinstance(value, dict) or len(value) != 1:
        return "not an object with one key"
    (tag, payload), = value.items()
    if tag in SCALARS:
        return None if _scalar_ok(tag, payload) else f"a malformed {tag!r} value"
    if tag in SEQUENCES:
        if not isinstance(payload, list):
            return f"a {tag!r} that is not an array"
        return next(filter(None, (problem(item, depth + 1) for item in payload)), None)
    if tag == "dict":
        if not isinstance(payload, list) or not all(
                isinstance(pair, list) and len(pair) == 2 for pair in payload):
            return "a 'dict' that is not an array of [key, value] pairs"
        return next(filter(None, (problem(part, depth + 1) for pair in payload
                                  for part in pair)), None)
    if tag == "raised":
        ok = (isinstance(payload, dict) and isinstance(payload.get("name"), str)
              and isinstance(payload.get("bases", []), list)
              and all(isinstance(base, str) for base in payload.get("bases", [])))
        return None if ok else "a malformed 'raised' value"
    if tag == "unrecorded":
        return None if isinstance(payload, str) else "a malformed 'unrecorded' value"
    return f"an unknown type {str(tag)[:40]!r}"


def unrecorded(value: Any) -> str | None:
    """The first reason a well-formed typed value holds something not recorded, or None."""
    (tag, payload), = value.items()
    if tag == "unrecorded":
        return payload
    if tag in SEQUENCES:
        return next(filter(None, map(unrecorded, payload)), None)
    if tag == "dict":
        return next(filter(None, (unrecorded(part) for pair in payload for part in pair)), None)
    return None


def difference(got: Any, wanted: Any, tolerance: Tolerance = Tolerance()) -> str | None:
    """None when ``got`` matches ``wanted`` (both typed values) under ``tolerance``; otherwise
    why not, in a reviewer's words. ``got`` may be anything a hostile run wrote."""
    trouble = problem(got)
    if trouble is not None:
        return f"the recorded value is {trouble}"
    return _difference(got, wanted, tolerance)


def shown(value: Any) -> str:
    """A typed value as a reader expects it (Python's notation), capped."""
    try:
        text = _shown(value) if problem(value) is None else repr(value)
    except RecursionError:
        text = "(nested too deeply to show)"
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."


def _scalar_ok(tag: str, payload: Any) -> bool:
    if tag == "null":
        return payload is None
    if tag == "bool":
        return type(payload) is bool
    if tag == "int":
        return type(payload) is int or (type(payload) is str and _is_decimal(payload))
    if tag == "float":
        if type(payload) is int:
            return abs(payload) <= MAX_FLOAT  # an integer written for a float must be one
        return type(payload) is float or payload in ("nan", "inf", "-inf")
    return type(payload) is str


def _is_decimal(text: str) -> bool:
    digits = text[1:] if text.startswith("-") else text
    return 0 < len(digits) <= 4300 and digits.isascii() and digits.isdigit()


def _number(tag: str, payload: Any) -> int | float:
    return int(payload) if tag == "int" else float(payload)


def _difference(got: dict, wanted: dict, tolerance: Tolerance) -> str | None:
    (got_tag, got_payload), = got.items()
    (tag, payload), = wanted.items()
    if tag == "raised" and got_tag == "raised":
        return _raised_difference(got_payload, payload, tolerance)
    if got_tag == "unrecorded":
        return f"the value could not be recorded: {_capped(got_payload)}"
    if tag == "float" and got_tag == "int" and (tolerance.rel_tol or tolerance.abs_tol):
        got_tag = "float"  # a declared tolerance compares numbers by value
    if got_tag != tag:
        return f"{_a(got_tag)} where the reference has {_a(tag)}"
    if tag == "float":
        got_number, number = _to_float(got_payload), _to_float(payload)
        if got_number is None or number is None:
            return "an int too large for a float"
        return _float_difference(got_number, number, tolerance)
    if tag == "int":
        return None if _number(tag, got_payload) == _number(tag, payload) else "a different int"
    if tag in SCALARS:
        return None if got_payload == payload else f"a different {tag}"
    inner = replace(tolerance, unordered=False)  # unordered is said of the outermost sequence
    if len(got_payload) != len(payload):
        what = "key(s)" if tag == "dict" else "items"
        return f"{len(got_payload)} {what} where the reference has {len(payload)}"
    if tag == "dict":
        return _dict_difference(got_payload, payload, inner)
    unordered = tag == "set" or tolerance.unordered
    if unordered:  # sorted, never hashed: a candidate's keys could all collide
        got_payload, payload = sorted(got_payload, key=_order), sorted(payload, key=_order)
        if _close_enough(inner):
            if _paired_difference(got_payload, payload, inner) is None:
                return None
            return _matching_difference(got_payload, payload, inner)
    for index, (item, wanted_item) in enumerate(zip(got_payload, payload, strict=True)):
        trouble = _difference(item, wanted_item, inner)
        if trouble is not None:
            return f"{'an item' if unordered else f'item {index}'}: {trouble}"
    return None


def _capped(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."


def _close_enough(tolerance: Tolerance) -> bool:
    return bool(tolerance.rel_tol or tolerance.abs_tol)


def _paired_difference(got: list, wanted: list, tolerance: Tolerance) -> str | None:
    return next(filter(None, (_difference(item, wanted_item, tolerance)
                              for item, wanted_item in zip(got, wanted, strict=True))), None)


MATCHING_ITEMS = 2000  # pairs tried at most: items**2


def _matching_difference(got: list, wanted: list, tolerance: Tolerance) -> str | None:
    """Under a tolerance, sorting pairs items that differ by less than it in another order:
    match each of the reference's items to one of the candidate's instead (greedily, which is
    right when the tolerance is smaller than the gaps between the reference's own items)."""
    if len(wanted) > MATCHING_ITEMS:
        return _paired_difference(got, wanted, tolerance)
    left = list(got)
    for wanted_item in wanted:
        match = next((index for index, item in enumerate(left)
                      if _difference(item, wanted_item, tolerance) is None), None)
        if match is None:
            return f"an item: nothing matches {_shown(wanted_item)}"
        del left[match]
    return None


def _to_float(payload: Any) -> float | None:
    """A number as a float; None for an int too large to be one (it is never infinite)."""
    try:
        return float(payload)
    except OverflowError:
        return None


def _a(tag: str) -> str:
    return ("an " if tag[0] in "aeiou" else "a ") + tag


def _float_difference(got: float, wanted: float, tolerance: Tolerance) -> str | None:
    if math.isnan(got) and math.isnan(wanted):
        return None
    if got == wanted or math.isclose(got, wanted, rel_tol=tolerance.rel_tol,
                                     abs_tol=tolerance.abs_tol):
        return None
    return "a different float" + (
        f" (tolerance rel {tolerance.rel_tol:g}, abs {tolerance.abs_tol:g})"
        if tolerance.rel_tol or tolerance.abs_tol else "")


def _dict_difference(got: list, wanted: list, tolerance: Tolerance) -> str | None:
    """Two mappings of the same size, paired by key in sorted order (never hashed: a
    candidate's keys could all collide)."""
    got_pairs = sorted(((_order(key), value) for key, value in got), key=lambda p: p[0])
    wanted_pairs = sorted(((_order(key), key, value) for key, value in wanted),
                          key=lambda p: p[0])
    if any(a[0] == b[0] for a, b in zip(got_pairs, got_pairs[1:], strict=False)):
        return "the same key twice"
    for (got_key, got_value), (wanted_key, key, value) in zip(got_pairs, wanted_pairs,
                                                              strict=True):
        if got_key != wanted_key:
            return f"no key {_shown(key)}" if got_key > wanted_key else (
                "a key the reference does not have")
        trouble = _difference(got_value, value, tolerance)
        if trouble is not None:
            return f"at key {_shown(key)}: {trouble}"
    return None


def _raised_difference(got: dict, wanted: dict, tolerance: Tolerance) -> str | None:
    if tolerance.raised_as is not None:
        kinds = {got["name"], *got.get("bases", [])}
        return None if tolerance.raised_as in kinds else (
            f"raised {got['name']}, which is not a {tolerance.raised_as}")
    if got["name"] == wanted["name"]:
        return None
    return f"raised {got['name']} where the reference raised {wanted['name']}"


def _order(value: dict) -> tuple:
    """A sort key for typed values: numbers by value, the rest by type then content."""
    (tag, payload), = value.items()
    if tag in ("int", "float"):
        number = _number(tag, payload)
        return (0, 1, 0.0, tag) if number != number else (0, 0, number, tag)  # nan last
    if tag == "set":  # by content, whatever order the recorder iterated it in
        return (1, tag, tuple(sorted(_order(item) for item in payload)))
    if tag in SEQUENCES:
        return (1, tag, tuple(_order(item) for item in payload))
    if tag == "dict":
        return (1, tag, tuple(sorted((_order(k), _order(v)) for k, v in payload)))
    if tag == "raised":
        return (1, tag, payload["name"])
    return (1, tag, str(payload))


def _shown(value: dict) -> str:
    (tag, payload), = value.items()
    if tag == "null":
        return "None"
    if tag == "bool":
        return "True" if payload else "False"
    if tag in ("int", "float"):
        return repr(_number(tag, payload))
    if tag == "str":
        return repr(payload)
    if tag == "bytes":
        return f"bytes(base64 {payload[:40]!r})"
    if tag == "list":
        return "[" + ", ".join(map(_shown, payload)) + "]"
    if tag == "tuple":
        return "(" + ", ".join(map(_shown, payload)) + ("," if len(payload) == 1 else "") + ")"
    if tag == "set":
        return "{" + ", ".join(map(_shown, payload)) + "}" if payload else "set()"
    if tag == "dict":
        return "{" + ", ".join(f"{_shown(k)}: {_shown(v)}" for k, v in payload) + "}"
    if tag == "raised":
        return f"raised {payload['name']}"
    return f"(not recorded: {payload})"
