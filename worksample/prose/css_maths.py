"""CSS maths worked out: ``calc(13px * 1.4)`` is ``18.2px``, as Jupyter's exported pages size
their headings (``worked_out``), and the least a text size of ``calc(1.375rem + 1.5vw)`` may be
on any screen, as Bootstrap sizes its headings (``least_px``).

Only lengths and plain numbers, added, subtracted, multiplied and divided, and ``min()``,
``max()`` and ``clamp()`` of them, are read. Each value is read as the range it may take: a
length in absolute units (px, pt, pc, in, cm, mm, Q) is what it says; one of the screen (vw,
vh, vmin...) is at least what the smallest screen a reply is read on makes it, and may be any
size above; one of the font (em, ex, ch...) or a percentage is at least 0; a root's em is 16
px, as the hiding rules take it. Anything else (a ``var()``, another function) is not read.
``worked_out`` replaces only a constant of absolute units, and only by a value of at least 0 (a
property that takes none less clamps a negative one to 0, which only its use knows); the rest
is left as written, which the hiding rules take as hiding.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable

from worksample.prose.css_types import terms_of
from worksample.prose.css_units import (
    ABSOLUTE_PX_PER_UNIT,
    EM_PER_UNIT,
    PX_PER_UNIT,
    ROOT_PX,
    ROOT_UNITS,
)

_MATHS = re.compile(r"(?<![\w-])(?:-webkit-calc|calc|min|max|clamp)\(",
                    re.IGNORECASE)
_CALC = frozenset({"calc", "-webkit-calc"})  # Chromium's names for it
_FUNCTIONS_MOST = 64  # in one declaration block: past them, none is worked out
_DEPTH_MOST = 16
_ANY = math.inf

# ("px", least, most) for a length, ("", least, most) for a number
Value = tuple[str, float, float]
# the range one of a unit may be, by its name ('%' for a percentage); None where not read
Units = Callable[[str], "tuple[float, float] | None"]


def _exact(unit: str) -> tuple[float, float] | None:
    px = ABSOLUTE_PX_PER_UNIT.get(unit)
    return None if px is None else (px, px)


def _of_a_text_size(root_px: float, em_px: float) -> Units:
    """The ranges of units in a text size, where the root's text is ``root_px`` and the text
    around it at least ``em_px``."""
    def units(unit: str) -> tuple[float, float] | None:
        if unit in ROOT_UNITS:
            return EM_PER_UNIT[unit] * root_px, EM_PER_UNIT[unit] * root_px
        if unit == "%":
            return em_px / 100, _ANY
        if unit in EM_PER_UNIT:
            return EM_PER_UNIT[unit] * em_px, _ANY  # of the size around it, at least
        px = PX_PER_UNIT.get(unit)
        if px is None:
            return None
        return (px, px) if unit in ABSOLUTE_PX_PER_UNIT else (px, _ANY)
    return units


def worked_out(declarations: str) -> str:
    """``declarations`` with each constant ``calc()``, ``min()``, ``max()`` and ``clamp()``
    of at least 0 replaced by its value (but a number 0); the rest as written."""
    if not _MATHS.search(declarations):
        return declarations
    out, at, done = [], 0, 0
    for found in _MATHS.finditer(declarations):
        if found.start() < at:
            continue  # inside one already replaced
        done += 1
        if done > _FUNCTIONS_MOST:
            break
        end = _closing(declarations, found.end())
        if end is None:
            break
        value = _range(declarations[found.start():end], _exact)
        # (a negative one is clamped where it is used; a number 0 is not the "0" a length
        # may be written as: "translate(calc(0))" is dropped)
        if value is None or not 0 <= value[1] < _ANY or value == ("", 0.0, 0.0):
            continue
        unit, number, _ = value
        out += [declarations[at:found.start()], f"{number:.6g}{unit}"]
        at = end
    out.append(declarations[at:])
    return "".join(out)


def least_px(value: str, root_px: float = ROOT_PX, em_px: float = 0.0) -> float | None:
    """The least, in px, a text size of ``value`` (one ``calc()``, ``min()``, ``max()`` or
    ``clamp()``) may be on any screen, where the root's text is ``root_px`` and the text
    around it at least ``em_px`` (0: any size); None where it is not read or has no least."""
    found = _range(value.strip(), _of_a_text_size(root_px, em_px))
    if found is None or found[0] != "px" or found[1] == -_ANY:
        return None
    return found[1]


def _closing(text: str, start: int) -> int | None:
    """Where the bracket open before ``start`` closes (just after it); None when it does not,
    or a string or an escape makes where unsure."""
    depth = 1
    for at in range(start, len(text)):
        char = text[at]
        if char in "\"'\\":
            return None
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at + 1
    return None


def _range(function: str, units: Units) -> Value | None:
    """The range of values of one function of maths, its lengths read by ``units``."""
    import tinycss2

    tokens = [t for t in tinycss2.parse_component_value_list(function, skip_comments=True)
              if t.type != "whitespace"]
    if len(tokens) != 1 or tokens[0].type != "function":
        return None
    return _function(tokens[0], 0, units)


def _function(token, depth: int, units: Units) -> Value | None:
    if depth > _DEPTH_MOST:
        return None
    name = token.lower_name
    if name in _CALC:
        return _sum(token.arguments, depth, units)
    if name not in ("min", "max", "clamp"):
        return None
    arguments, current = [], []
    for item in token.arguments:
        if item.type == "literal" and item.value == ",":
            arguments.append(current)
            current = []
        else:
            current.append(item)
    arguments.append(current)
    values = [_sum(argument, depth, units) for argument in arguments]
    if any(value is None for value in values) or len({value[0] for value in values}) != 1 or \
            (name == "clamp" and len(values) != 3):
        return None
    if name == "clamp":  # the middle one, no less than the first, no more than the last
        low, middle, high = values
        values = [low, _least_of([middle, high])]
        name = "max"
    if name == "min":
        return _least_of(values)
    return values[0][0], max(value[1] for value in values), max(value[2] for value in values)


def _least_of(values: list) -> Value:
    return values[0][0], min(value[1] for value in values), min(value[2] for value in values)


def _sum(tokens: list, depth: int, units: Units) -> Value | None:
    """The range of a sum of products (``tokens``: a ``calc()``'s arguments)."""
    split = terms_of(tokens)
    if split is None:
        return None
    terms, operators = split
    values = [_product(term, depth, units) for term in terms]
    if any(value is None for value in values) or len({value[0] for value in values}) != 1:
        return None
    kind, least, most = values[0]
    for operator, (_, low, high) in zip(operators, values[1:], strict=True):
        least, most = (least + low, most + high) if operator == "+" else \
            (least - high, most - low)
    if math.isnan(least) or math.isnan(most):
        return None  # (a red team's: "1e308 * 10 - 1e308 * 10", which min() passes over)
    return kind, least, most


def _product(tokens: list, depth: int, units: Units) -> Value | None:
    if not tokens or len(tokens) % 2 == 0:
        return None
    value = _factor(tokens[0], depth, units)
    for operator, token in zip(tokens[1::2], tokens[2::2], strict=True):
        other = _factor(token, depth, units)
        if value is None or other is None or operator.type != "literal":
            return None
        if operator.value == "*" and "" in (value[0], other[0]):
            number, scaled = (value, other) if value[0] == "" else (other, value)
            value = _scaled(scaled, number[1])
        elif operator.value == "/" and other[0] == "" and other[1] != 0:
            value = _scaled(value, 1 / other[1])
        else:
            return None
        if value is None:
            return None
    return value


def _scaled(value: Value, by: float) -> Value | None:
    """A range multiplied by an exact number (a number is always exact here); None where
    that overflows to no number."""
    kind, least, most = value
    if by == 0:
        return kind, 0.0, 0.0
    scaled = (kind, least * by, most * by) if by > 0 else (kind, most * by, least * by)
    return None if math.isnan(scaled[1]) or math.isnan(scaled[2]) else scaled


def _factor(token, depth: int, units: Units) -> Value | None:
    if token.type in ("number", "dimension", "percentage") and not math.isfinite(token.value):
        return None  # (a red team's: "1e309px - 1e309px" is NaN)
    if token.type == "number":
        return "", float(token.value), float(token.value)
    if token.type in ("dimension", "percentage"):
        per_unit = units(token.lower_unit if token.type == "dimension" else "%")
        if per_unit is None:
            return None
        return _scaled(("px", *per_unit), float(token.value))
    if token.type == "() block":
        return _sum(token.content, depth + 1, units)
    if token.type == "function":
        return _function(token, depth + 1, units)
    return None
