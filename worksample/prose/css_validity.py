"""Whether a browser keeps a declaration or drops it as invalid, so that the one before it
stands: after "font-size: 1px", a "font-size: 16 px" (two words), "font-size: 16" (no unit,
in standards mode), "font: 16px" (no family) or "font-size: 16px !importnt" leaves the text
1 px high.

Every property's value is dropped where it is empty, or holds a "!" that is not
"!important" or a block in braces (a string or a URL the style ends inside is kept, as a
browser closes it). The properties the hiding rules read are read by their
grammars (CSS Fonts 4, Box Sizing 3, Overflow 3, Box Model, Positioned Layout, Text 3,
Transforms 2, Filter Effects, Masking and the ``zoom`` property): a text's size, ``font``
and ``font-size-adjust``, ``line-height``, widths and heights, ``overflow``, ``opacity``,
the offsets (margins, insets, ``text-indent``), ``transform``, ``translate``, ``scale``,
``zoom``, ``filter`` and ``clip``.

Chromium's reading is the one followed (mail clients and browsers mostly draw with Blink or
WebKit): a vendor's name is kept where Chromium knows it (``-webkit-fill-available``), and
the names it reads as another property's are read as that one's (``-webkit-transform``).
A value that holds a function a page substitutes (``var()``, ``env()``, ``attr()``, ``if()``,
one the page defines) is kept, as a browser keeps it until it is computed; a maths function
(``calc()``, ``clamp()``...) is kept where a number or a length goes, without its type
checked. Colours and backgrounds are checked where they are read (``css_hiding``).

A unitless length is read as standards mode reads it (none); a page in quirks mode takes
"16" as 16 px, which the readers of lengths do not (docs/email-assignments.md, Limits).
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from worksample.prose.css_types import (
    ANGLE,
    LENGTH,
    LENGTH_PERCENTAGE,
    MATHS,
    NUMBER,
    PERCENTAGE,
    UNKNOWN,
    arguments_of,
    type_of,
    without_space,
)
from worksample.prose.css_units import DEGREES_PER_UNIT, KEYWORD_PX, LENGTH_UNITS

if TYPE_CHECKING:
    from collections.abc import Callable

    from tinycss2.ast import Node

_CSS_WIDE = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})
# the names Chromium reads as another property's
ALIASES = {"-webkit-transform": "transform", "-webkit-filter": "filter",
           "-webkit-clip-path": "clip-path", "-webkit-perspective": "perspective",
           "-webkit-opacity": "opacity", "-webkit-backface-visibility": "backface-visibility",
           "-webkit-mask": "mask", "-webkit-mask-image": "mask-image",
           "-webkit-box-shadow": "box-shadow",
           "-webkit-margin-start": "margin-inline-start",
           "-webkit-margin-end": "margin-inline-end",
           "-webkit-margin-before": "margin-block-start",
           "-webkit-margin-after": "margin-block-end",
           **{f"-webkit-{bound}logical-{side}": f"{bound}{axis}-size"
              for bound in ("", "min-", "max-")
              for side, axis in (("width", "inline"), ("height", "block"))}}
# kept until the value is computed: substituted, or the page's own function ("--f()")
SUBSTITUTED = frozenset({"var", "env", "attr", "if"})
_LENGTH_PERCENTAGE_TYPES = (LENGTH, PERCENTAGE, LENGTH_PERCENTAGE)
_INSETS = frozenset({"top", "right", "bottom", "left", "inset", "inset-inline",
                     "inset-block", "inset-inline-start", "inset-inline-end",
                     "inset-block-start", "inset-block-end"})
_MARGINS = frozenset({"margin", "margin-inline", "margin-block", "margin-top", "margin-right",
                      "margin-bottom", "margin-left", "margin-inline-start", "margin-inline-end",
                      "margin-block-start", "margin-block-end"})
_FONT_SIZE = frozenset({*KEYWORD_PX, "larger", "smaller", "math", "-webkit-xxx-large"}) - {
    "initial"}
_INTRINSIC = frozenset({"min-content", "max-content", "fit-content", "stretch",
                        "-webkit-fill-available", "-webkit-fit-content", "-webkit-min-content",
                        "-webkit-max-content"})
_BOX_SIZE_KEYWORDS = {
    **dict.fromkeys(("width", "height", "inline-size", "block-size", "min-width", "min-height",
                     "min-inline-size", "min-block-size"), frozenset({"auto", *_INTRINSIC})),
    **dict.fromkeys(("max-width", "max-height", "max-inline-size", "max-block-size"),
                    frozenset({"none", *_INTRINSIC})),
}
# the functions only some properties take
_ONLY_IN = {"anchor": _INSETS, "anchor-size": _INSETS | _MARGINS | set(_BOX_SIZE_KEYWORDS),
            "calc-size": frozenset(_BOX_SIZE_KEYWORDS)}
_OVERFLOW = frozenset({"visible", "hidden", "clip", "scroll", "auto", "overlay",
                       "-webkit-paged-x", "-webkit-paged-y"})
_OVERFLOW_AXES = frozenset({"overflow-x", "overflow-y", "overflow-inline", "overflow-block"})
# the font shorthand: what each word before its size sets ("normal" any one of them), and the
# system's fonts it may name alone
_FONT_WIDTHS = ("ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
                "semi-expanded", "expanded", "extra-expanded", "ultra-expanded")
_BEFORE_SIZE = {"normal": "", "italic": "style", "oblique": "style", "small-caps": "variant",
                "bold": "weight", "bolder": "weight", "lighter": "weight",
                **dict.fromkeys(_FONT_WIDTHS, "width")}
_SYSTEM_FONTS = frozenset({"caption", "icon", "menu", "message-box", "small-caption",
                           "status-bar", "-webkit-control", "-webkit-small-control",
                           "-webkit-mini-control"})
_GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "cursive", "fantasy", "monospace",
                               "system-ui", "emoji", "math", "fangsong", "ui-serif",
                               "ui-sans-serif", "ui-monospace", "ui-rounded"})
_FAMILY_NOT = _CSS_WIDE | {"default"}  # no family's name, unquoted
_FONT_METRICS = frozenset({"ex-height", "cap-height", "ch-width", "ic-width", "ic-height"})
_CLOSED_AT_THE_END = frozenset({"eof-in-string", "eof-in-url"})  # what a browser closes


def kept(name: str, value: list[Node]) -> bool:
    """Whether a browser keeps a declaration of the property ``name`` (lower case, an alias's
    standard name) whose value is ``value`` (tinycss2's component values): False only where
    it surely is invalid."""
    parts = [part for part in without_space(value) if not (
        part.type == "error" and part.kind in _CLOSED_AT_THE_END)]
    if not parts or any(part.type == "literal" and part.value == "!" for part in parts):
        return False  # nothing, or a "!" that is not "!important": no value's grammar
    if name.startswith("--") or _substituted(value):
        return True
    if any(part.type == "{} block" for part in parts):
        return False
    if len(parts) == 1 and _keyword(parts[0], _CSS_WIDE):
        return True
    if _misplaced(name, parts):
        return False
    grammar = _GRAMMARS.get(name)
    return grammar is None or grammar(parts)


def _substituted(value: list[Node]) -> bool:
    """Whether ``value`` holds, at any depth, a function a page substitutes."""
    return any(function.lower_name in SUBSTITUTED or function.lower_name.startswith("--")
               for function in _functions_in(value))


def _misplaced(name: str, value: list[Node]) -> bool:
    """Whether ``value`` holds, at any depth, a function of positioning (``anchor()``) or of
    sizing (``anchor-size()``, ``calc-size()``) where the property ``name`` takes none."""
    return any(name not in _ONLY_IN.get(function.lower_name, (name,))
               for function in _functions_in(value))


def _functions_in(value: list[Node]):
    """Every function in ``value``, at any depth (in a function's arguments, in brackets)."""
    for part in value:
        if part.type == "function":
            yield part
            yield from _functions_in(part.arguments)
        elif part.type in ("() block", "[] block", "{} block"):
            yield from _functions_in(part.content)


def _maths(part: Node, types: tuple[str, ...]) -> bool:
    """A maths function of one of ``types`` (or whose type is not worked out)."""
    return part.type == "function" and part.lower_name in MATHS and type_of(part) in (
        *types, UNKNOWN)


def _keyword(part: Node, keywords) -> bool:
    return part.type == "ident" and part.lower_value in keywords


def _length(part: Node, least: float = -math.inf, percentage: bool = False) -> bool:
    """A length of at least ``least`` (or, with ``percentage``, a percentage), a zero, or a
    maths function of one."""
    if part.type == "number":
        return part.value == 0
    if part.type == "dimension" or percentage and part.type == "percentage":
        return part.value >= least and (part.type == "percentage" or
                                        part.lower_unit in LENGTH_UNITS)
    return _maths(part, _LENGTH_PERCENTAGE_TYPES if percentage else (LENGTH,))


def _size(part: Node) -> bool:
    """A length or a percentage that is not negative."""
    return _length(part, 0, percentage=True)


def _offset(part: Node) -> bool:
    """A length or a percentage of either sign."""
    return _length(part, percentage=True)


def _non_negative_length(part: Node) -> bool:
    return _length(part, 0)


def _number(part: Node, least: float = -math.inf) -> bool:
    return _maths(part, (NUMBER,)) or part.type == "number" and part.value >= least


def _number_or_percentage(part: Node, least: float = -math.inf) -> bool:
    return _maths(part, (NUMBER, PERCENTAGE)) or part.type in ("number", "percentage") and (
        part.value >= least)


def _amount(part: Node) -> bool:
    """A filter's amount: a number or a percentage that is not negative."""
    return _number_or_percentage(part, 0)


def _angle(part: Node) -> bool:
    return _maths(part, (ANGLE,)) or part.type == "dimension" and part.lower_unit in (
        DEGREES_PER_UNIT) or part.type == "number" and part.value == 0


def _font_size(part: Node) -> bool:
    return _keyword(part, _FONT_SIZE) or _size(part)


def _line_height(part: Node) -> bool:
    return _keyword(part, {"normal"}) or _size(part) or _number(part, 0)


def _box_size(part: Node, keywords: frozenset[str]) -> bool:
    return _keyword(part, keywords) or _size(part)


def _overflow(part: Node) -> bool:
    return _keyword(part, _OVERFLOW)


def _side(part: Node) -> bool:
    return _keyword(part, {"auto"}) or _offset(part)


def _font(parts: list[Node]) -> bool:
    """The font shorthand: a system's font alone, or up to four words before a size (a style,
    an oblique's angle after it, a variant, a weight, a width: each once, "normal" any of
    them), the size, a line's height after "/", and one family or more, separated by
    commas."""
    if len(parts) == 1 and _keyword(parts[0], _SYSTEM_FONTS):
        return True
    at, set_before = 0, []
    while at < len(parts) and len(set_before) < 4:
        what = _before_size(parts[at], parts[at + 1] if at + 1 < len(parts) else None)
        if what is None:
            break
        set_before.append(what)
        at += 1
        if _keyword(parts[at - 1], {"oblique"}) and at < len(parts) and _slant(parts[at]):
            at += 1
    named = [what for what in set_before if what]
    return len(set(named)) == len(named) and at < len(parts) and _font_size(parts[at]) and \
        _family_after_size(parts[at + 1:])


def _before_size(part: Node, after: Node | None) -> str | None:
    """What a word before a font's size sets ('' for "normal"), or None where it is none (a
    maths function's weight is a number, or not worked out and followed by a size)."""
    if part.type == "ident":
        return _BEFORE_SIZE.get(part.lower_value)
    if part.type == "number":
        return "weight" if 1 <= part.value <= 1000 else None
    if part.type != "function" or part.lower_name not in MATHS:
        return None
    kind = type_of(part)
    return "weight" if kind == NUMBER or kind == UNKNOWN and after is not None and _font_size(
        after) else None


def _slant(part: Node) -> bool:
    """An oblique's angle: at most 90 degrees either way."""
    return _maths(part, (ANGLE,)) or part.type == "dimension" and part.lower_unit in (
        DEGREES_PER_UNIT) and abs(part.value * DEGREES_PER_UNIT[part.lower_unit]) <= 90


def _family_after_size(parts: list[Node]) -> bool:
    """After a font's size: an optional "/" and line height, then its families, each a string
    or names (the first not a generic family's)."""
    if parts and parts[0].type == "literal" and parts[0].value == "/":
        if len(parts) < 2 or not _line_height(parts[1]):
            return False
        parts = parts[2:]
    family: list = []
    for part in [*parts, None]:
        if part is not None and part.type in ("ident", "string"):
            family.append(part)
            continue
        if part is not None and not (part.type == "literal" and part.value == ","):
            return False
        if not family or len(family) > 1 and (any(item.type != "ident" for item in family)
                                              or family[0].lower_value in _GENERIC_FAMILIES):
            return False  # none, a quoted name beside others, or "serif Foo"
        if len(family) == 1 and _keyword(family[0], _FAMILY_NOT):
            return False
        family = []
    return True


def _text_indent(parts: list[Node]) -> bool:
    words = [part.lower_value for part in parts if _keyword(part, {"hanging", "each-line"})]
    lengths = [part for part in parts if not _keyword(part, {"hanging", "each-line"})]
    return len(lengths) == 1 and _offset(lengths[0]) and len(set(words)) == len(words)


def _transform(parts: list[Node]) -> bool:
    return _none(parts) or all(_transform_function(part) for part in parts)


def _transform_function(part: Node) -> bool:
    """A transform function Chromium knows, with the arguments it takes."""
    if part.type != "function" or part.lower_name not in _TRANSFORMS:
        return False
    arguments = [without_space(argument) for argument in arguments_of(part)]
    if part.lower_name == "perspective" and len(arguments) == 1 and _none(arguments[0]):
        return True
    kinds = _TRANSFORMS[part.lower_name]
    return len(arguments) in kinds and all(
        len(argument) == 1 and check(argument[0]) for argument, check in zip(
            arguments, kinds[len(arguments)], strict=True))


def _translate(parts: list[Node]) -> bool:
    return _none(parts) or len(parts) <= 3 and all(map(_offset, parts[:2])) and all(
        map(_length, parts[2:]))


def _scale(parts: list[Node]) -> bool:
    return _none(parts) or len(parts) <= 3 and all(map(_number_or_percentage, parts))


def _zoom(part: Node) -> bool:
    return _keyword(part, {"normal"}) or _number_or_percentage(part, 0)


def _filter(parts: list[Node]) -> bool:
    return _none(parts) or all(part.type == "url" or _filter_function(part) for part in parts)


def _filter_function(part: Node) -> bool:
    """A filter function Chromium knows, with the argument it takes (or none: its default);
    "url()" where the URL is quoted."""
    if part.type != "function" or part.lower_name not in _FILTERS:
        return False
    arguments = [without_space(argument) for argument in arguments_of(part)]
    if part.lower_name in ("url", "drop-shadow"):
        return part.lower_name == "url" or len(arguments) == 1 and _shadow(arguments[0])
    return not arguments or len(arguments) == 1 and len(arguments[0]) == 1 and _FILTERS[
        part.lower_name](arguments[0][0])


def _shadow(parts: list[Node]) -> bool:
    """A drop shadow: two or three lengths side by side (the third, a blur, not negative),
    and a colour before or after them, or none."""
    at = [index for index, part in enumerate(parts) if _length(part)]
    others = [part for index, part in enumerate(parts) if index not in at]
    return 2 <= len(at) <= 3 and at == list(range(at[0], at[0] + len(at))) and \
        len(others) <= 1 and (len(at) < 3 or _non_negative_length(parts[at[2]])) and \
        not any(part.type in ("number", "percentage", "dimension") for part in others)


def _font_size_adjust(parts: list[Node]) -> bool:
    if len(parts) == 2 and _keyword(parts[0], _FONT_METRICS):
        return _keyword(parts[1], {"from-font"}) or _number(parts[1], 0)
    return len(parts) == 1 and (_keyword(parts[0], {"none", "from-font"})
                                or _number(parts[0], 0))


def _clip(parts: list[Node]) -> bool:
    return len(parts) == 1 and (_keyword(parts[0], {"auto"}) or parts[0].type == "function"
                                and parts[0].lower_name == "rect")


def _all(parts: list[Node]) -> bool:
    return False  # a CSS-wide keyword alone, which ``kept`` keeps before any grammar


def _none(parts: list[Node]) -> bool:
    return len(parts) == 1 and _keyword(parts[0], {"none"})


def _alone(parts: list[Node], check: Callable[[Node], bool]) -> bool:
    """A grammar of one component that ``check`` reads."""
    return len(parts) == 1 and check(parts[0])


def _each(parts: list[Node], check: Callable[[Node], bool], most: int) -> bool:
    """A grammar of one to ``most`` components, each of which ``check`` reads."""
    return len(parts) <= most and all(map(check, parts))


# each filter function and what its argument must be; url() where its URL is quoted
_FILTERS = {"blur": _non_negative_length, "hue-rotate": _angle, "drop-shadow": _shadow,
            "url": None, **dict.fromkeys(("brightness", "contrast", "grayscale", "invert",
                                          "opacity", "saturate", "sepia"), _amount)}
# each transform function: for each number of arguments it may take, what each must be
_TRANSFORMS = {
    "translate": {1: (_offset,), 2: (_offset, _offset)}, "translatex": {1: (_offset,)},
    "translatey": {1: (_offset,)}, "translatez": {1: (_length,)},
    "translate3d": {3: (_offset, _offset, _length)},
    "scale": {1: (_number_or_percentage,), 2: (_number_or_percentage,) * 2},
    "scalex": {1: (_number_or_percentage,)}, "scaley": {1: (_number_or_percentage,)},
    "scalez": {1: (_number_or_percentage,)}, "scale3d": {3: (_number_or_percentage,) * 3},
    "rotate": {1: (_angle,)}, "rotatex": {1: (_angle,)}, "rotatey": {1: (_angle,)},
    "rotatez": {1: (_angle,)}, "rotate3d": {4: (_number, _number, _number, _angle)},
    "skew": {1: (_angle,), 2: (_angle, _angle)}, "skewx": {1: (_angle,)},
    "skewy": {1: (_angle,)}, "matrix": {6: (_number,) * 6}, "matrix3d": {16: (_number,) * 16},
    "perspective": {1: (_non_negative_length,)},
}
_SIDES = (_MARGINS | _INSETS) - {"margin", "inset", "margin-inline", "margin-block",
                                 "inset-inline", "inset-block"}
_GRAMMARS = {
    "all": _all,
    "font": _font,
    "font-size": functools.partial(_alone, check=_font_size),
    "font-size-adjust": _font_size_adjust,
    "line-height": functools.partial(_alone, check=_line_height),
    **{name: functools.partial(_alone, check=functools.partial(_box_size, keywords=keywords))
       for name, keywords in _BOX_SIZE_KEYWORDS.items()},
    "overflow": functools.partial(_each, check=_overflow, most=2),
    **dict.fromkeys(_OVERFLOW_AXES, functools.partial(_alone, check=_overflow)),
    "opacity": functools.partial(_alone, check=_number_or_percentage),
    **dict.fromkeys(_SIDES, functools.partial(_alone, check=_side)),
    **dict.fromkeys(("margin-inline", "margin-block", "inset-inline", "inset-block"),
                    functools.partial(_each, check=_side, most=2)),
    **dict.fromkeys(("margin", "inset"), functools.partial(_each, check=_side, most=4)),
    "text-indent": _text_indent,
    "transform": _transform,
    "translate": _translate,
    "scale": _scale,
    "zoom": functools.partial(_alone, check=_zoom),
    "filter": _filter,
    "clip": _clip,
}
