"""The type of a component of a CSS value, as CSS Values 4 types it: a number, a length, a
percentage, an angle..., and a maths function's worked out from its arguments:
``calc(16px * 2)`` is a length, ``calc(16)`` and ``sibling-index()`` are numbers, and
``calc(1px + 1)`` has none (a browser drops a declaration of it).

What is not read is ``UNKNOWN``, which its callers keep: a function a page substitutes, a
product or a quotient of two values that both have units (typed arithmetic), ``random()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from worksample.prose.css_units import DEGREES_PER_UNIT, LENGTH_UNITS

if TYPE_CHECKING:
    from tinycss2.ast import Node

NUMBER, LENGTH, PERCENTAGE, ANGLE = "number", "length", "percentage", "angle"
LENGTH_PERCENTAGE = "length-percentage"  # a length and a percentage added
UNKNOWN = "?"  # not worked out
NONE = ""  # a keyword, a string, a value of no type a maths function could use
_UNITS = {**dict.fromkeys(LENGTH_UNITS, LENGTH), **dict.fromkeys(DEGREES_PER_UNIT, ANGLE),
          **dict.fromkeys(("s", "ms"), "time"), **dict.fromkeys(("hz", "khz"), "frequency"),
          **dict.fromkeys(("dpi", "dpcm", "dppx", "x"), "resolution"), "fr": "flex"}
_CONSTANTS = frozenset({"pi", "e", "infinity", "-infinity", "nan"})
_SUMS = frozenset({"calc", "-webkit-calc", "min", "max", "clamp", "hypot", "round", "mod",
                   "rem", "abs"})  # of arguments of one type, that type
_NUMBERS = frozenset({"pow", "sqrt", "log", "exp"})  # of numbers, a number
# a number, of arguments of any type, or of none
_ANY_TO_NUMBER = frozenset({"sign", "progress", "media-progress", "container-progress"})
_COUNTS = frozenset({"sibling-index", "sibling-count"})
_TRIGONOMETRY = frozenset({"sin", "cos", "tan"})  # of a number or an angle, a number
_INVERSE = frozenset({"asin", "acos", "atan", "atan2"})  # of numbers (atan2: any), an angle
_LENGTHS = frozenset({"anchor", "anchor-size", "calc-size"})
_ROUNDING = frozenset({"nearest", "up", "down", "to-zero"})
_DEPTH_MOST = 32
MATHS = _SUMS | _NUMBERS | _ANY_TO_NUMBER | _COUNTS | _TRIGONOMETRY | _INVERSE | _LENGTHS | {
    "random"}


def type_of(part: Node, depth: int = 0) -> str:
    """The type of one component (tinycss2's): ``NONE`` for one that has none or is not
    valid, ``UNKNOWN`` for one not worked out."""
    if depth > _DEPTH_MOST:
        return UNKNOWN
    if part.type == "number":
        return NUMBER
    if part.type == "percentage":
        return PERCENTAGE
    if part.type == "dimension":
        return _UNITS.get(part.lower_unit, NONE)
    if part.type == "ident" and depth:  # inside a maths function: a constant, or clamp()'s
        return NUMBER if part.lower_value in _CONSTANTS else UNKNOWN  # "none"
    if part.type == "() block" and depth:
        return _sum(part.content, depth + 1)
    if part.type == "function" and part.lower_name in MATHS:
        return _function(part, depth + 1)
    return NONE


def _function(function: Node, depth: int) -> str:
    name = function.lower_name
    if name == "random" or name in _LENGTHS:
        return UNKNOWN if name == "random" else LENGTH
    written = arguments_of(function)
    if name in _COUNTS:
        return NONE if written else NUMBER
    if name in _ANY_TO_NUMBER:  # (a media feature's or a container's name first: not typed)
        return NUMBER if written else NONE
    if name == "round" and written and _word_alone(written[0], _ROUNDING):
        written = written[1:]
    arguments = [_sum(argument, depth) for argument in written]
    if not arguments or NONE in arguments:
        return NONE
    if UNKNOWN in arguments:
        return UNKNOWN
    if name in _NUMBERS:
        return NUMBER if set(arguments) == {NUMBER} else NONE
    if name in _TRIGONOMETRY:
        return NUMBER if len(arguments) == 1 and arguments[0] in (NUMBER, ANGLE) else NONE
    if name in _INVERSE:
        return ANGLE if set(arguments) == {NUMBER} or name == "atan2" and len(
            set(arguments)) == 1 else NONE
    kind = arguments[0]
    for other in arguments[1:]:
        kind = _added(kind, other)
    return kind


def _word_alone(argument: list, words: frozenset[str]) -> bool:
    argument = without_space(argument)
    return len(argument) == 1 and argument[0].type == "ident" and argument[0].lower_value in words


def arguments_of(function: Node) -> list[list]:
    """A function's arguments, split at its commas, each with its white space (a sum's "+"
    and "-" need it); none where it has nothing but white space."""
    arguments: list[list] = [[]]
    for part in function.arguments:
        if part.type == "literal" and part.value == ",":
            arguments.append([])
        else:
            arguments[-1].append(part)
    return [] if [without_space(argument) for argument in arguments] == [[]] else arguments


def without_space(parts: list) -> list:
    """``parts`` without their white space and comments."""
    return [part for part in parts if part.type not in ("whitespace", "comment")]


def _sum(parts: list, depth: int) -> str:
    """The type of a sum of products."""
    split = terms_of(parts)
    if split is None:
        return NONE
    kinds = [_product(term, depth) for term in split[0]]
    kind = kinds[0]
    for other in kinds[1:]:
        kind = _added(kind, other)
    return kind


def terms_of(parts: list) -> tuple[list[list], list[str]] | None:
    """A maths sum's terms (each without its white space and comments) and the "+" and "-"
    between them; None where one is not between white space, or a term is empty (a browser
    drops the declaration)."""
    terms: list[list] = [[]]
    operators: list[str] = []
    for at, part in enumerate(parts):
        if part.type == "literal" and part.value in "+-":
            spaced = 0 < at < len(parts) - 1 and parts[at - 1].type == "whitespace" and \
                parts[at + 1].type == "whitespace"
            if not spaced or not terms[-1]:
                return None
            terms.append([])
            operators.append(part.value)
        elif part.type not in ("whitespace", "comment"):
            terms[-1].append(part)
    return (terms, operators) if terms[-1] else None


def _product(parts: list, depth: int) -> str:
    if not parts or len(parts) % 2 == 0:
        return NONE
    kind = type_of(parts[0], depth)
    for operator, part in zip(parts[1::2], parts[2::2], strict=True):
        if operator.type != "literal" or operator.value not in "*/":
            return NONE  # two values side by side
        other = type_of(part, depth)
        if NONE in (kind, other):
            return NONE
        if UNKNOWN in (kind, other):
            kind = UNKNOWN
        elif other == NUMBER:
            continue
        elif kind == NUMBER and operator.value == "*":
            kind = other
        else:
            kind = UNKNOWN  # typed arithmetic: not worked out
    return kind


def _added(one: str, other: str) -> str:
    if NONE in (one, other):
        return NONE
    if UNKNOWN in (one, other):
        return UNKNOWN
    if one == other:
        return one
    if {one, other} <= {LENGTH, PERCENTAGE, LENGTH_PERCENTAGE}:
        return LENGTH_PERCENTAGE
    return NONE
