"""CSS maths whose result is a constant, worked out: ``calc(13px * 1.4)`` is ``18.2px``, as
Jupyter's exported pages size their headings. Only lengths in absolute units (px, pt, pc,
in, cm, mm, Q) and plain numbers, added, subtracted, multiplied and divided, and ``min()``,
``max()`` and ``clamp()`` of them, are worked out, and only to a value of at least 0 (a
property that takes none less clamps a negative one to 0, which only its use knows); anything
relative (em, %, vw, a ``var()``) leaves the function as written, which the hiding rules
take as hiding.
"""

from __future__ import annotations

import re

from worksample.prose.css_hiding import ABSOLUTE_PX_PER_UNIT as _PX

_MATHS = re.compile(r"(?<![\w-])(?:calc|min|max|clamp)\(", re.IGNORECASE)
_FUNCTIONS_MOST = 64  # in one declaration block: past them, none is worked out
_DEPTH_MOST = 16

Value = tuple[str, float]  # ("px", a length) or ("", a number)


def worked_out(declarations: str) -> str:
    """``declarations`` with each constant ``calc()``, ``min()``, ``max()`` and ``clamp()``
    replaced by its value; the rest as written."""
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
        value = _constant(declarations[found.start():end])
        if value is None or value[1] < 0:  # (a negative one is clamped where it is used)
            continue
        unit, number = value
        out += [declarations[at:found.start()], f"{number:.6g}{unit}"]
        at = end
    out.append(declarations[at:])
    return "".join(out)


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


def _constant(function: str) -> Value | None:
    import tinycss2

    tokens = [t for t in tinycss2.parse_component_value_list(function, skip_comments=True)
              if t.type != "whitespace"]
    if len(tokens) != 1 or tokens[0].type != "function":
        return None
    return _function(tokens[0], 0)


def _function(token, depth: int) -> Value | None:
    if depth > _DEPTH_MOST:
        return None
    name = token.lower_name
    if name == "calc":
        return _sum(token.arguments, depth)
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
    values = [_sum(argument, depth) for argument in arguments]
    if any(value is None for value in values) or len({value[0] for value in values}) != 1 or \
            (name == "clamp" and len(values) != 3):
        return None
    unit = values[0][0]
    numbers = [value[1] for value in values]
    if name == "clamp":
        low, middle, high = numbers
        return unit, max(low, min(middle, high))
    return unit, (min if name == "min" else max)(numbers)


def _sum(tokens: list, depth: int) -> Value | None:
    """The value of a sum of products (``tokens``: a ``calc()``'s arguments)."""
    terms, operators, current = [], [], []
    for index, token in enumerate(tokens):
        if token.type == "literal" and token.value in "+-":
            # a "+" or "-" is one only between white space (a comment is none): without, the
            # declaration is dropped
            spaced = 0 < index < len(tokens) - 1 and tokens[index - 1].type == "whitespace" \
                and tokens[index + 1].type == "whitespace"
            if not spaced or not current:
                return None
            terms.append(current)
            operators.append(token.value)
            current = []
        elif token.type != "whitespace":
            current.append(token)
    terms.append(current)
    values = [_product(term, depth) for term in terms]
    if any(value is None for value in values) or len({value[0] for value in values}) != 1:
        return None
    total = values[0][1]
    for operator, (_, number) in zip(operators, values[1:], strict=True):
        total = total + number if operator == "+" else total - number
    return values[0][0], total


def _product(tokens: list, depth: int) -> Value | None:
    if not tokens or len(tokens) % 2 == 0:
        return None
    value = _factor(tokens[0], depth)
    for operator, token in zip(tokens[1::2], tokens[2::2], strict=True):
        other = _factor(token, depth)
        if value is None or other is None or operator.type != "literal":
            return None
        if operator.value == "*" and "" in (value[0], other[0]):
            value = (value[0] or other[0], value[1] * other[1])
        elif operator.value == "/" and other[0] == "" and other[1] != 0:
            value = (value[0], value[1] / other[1])
        else:
            return None
    return value


def _factor(token, depth: int) -> Value | None:
    if token.type == "number":
        return "", float(token.value)
    if token.type == "dimension" and token.lower_unit in _PX:
        return "px", float(token.value) * _PX[token.lower_unit]
    if token.type == "() block":
        return _sum(token.content, depth + 1)
    if token.type == "function":
        return _function(token, depth + 1)
    return None
