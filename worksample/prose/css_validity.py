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

from worksample.prose.css_types import (
    ANGLE,
    ANGLE_UNITS,
    LENGTH,
    LENGTH_PERCENTAGE,
    LENGTH_UNITS,
    MATHS,
    NUMBER,
    PERCENTAGE,
    UNKNOWN,
    type_of,
)

CSS_WIDE = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})
# the names Chromium reads as another property's
ALIASES = {"-webkit-transform": "transform", "-webkit-filter": "filter",
           "-webkit-clip-path": "clip-path", "-webkit-perspective": "perspective",
           "-webkit-opacity": "opacity", "-webkit-backface-visibility": "backface-visibility",
           "-webkit-mask": "mask", "-webkit-mask-image": "mask-image",
           "-webkit-margin-start": "margin-inline-start",
           "-webkit-margin-end": "margin-inline-end",
           "-webkit-margin-before": "margin-block-start",
           "-webkit-margin-after": "margin-block-end",
           **{f"-webkit-{bound}logical-{side}": f"{bound}{axis}-size"
              for bound in ("", "min-", "max-")
              for side, axis in (("width", "inline"), ("height", "block"))}}
_DEGREES = {"deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}
# kept until the value is computed: substituted, or the page's own function ("--f()")
_SUBSTITUTED = frozenset({"var", "env", "attr", "if"})
_SHARES = (LENGTH, PERCENTAGE, LENGTH_PERCENTAGE)  # a length-percentage's types
_INSETS = frozenset({"top", "right", "bottom", "left", "inset", "inset-inline",
                     "inset-block", "inset-inline-start", "inset-inline-end",
                     "inset-block-start", "inset-block-end"})
_MARGINS = frozenset({"margin", "margin-inline", "margin-block", "margin-top", "margin-right",
                      "margin-bottom", "margin-left", "margin-inline-start", "margin-inline-end",
                      "margin-block-start", "margin-block-end"})
_FONT_SIZE = frozenset({"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large",
                        "xxx-large", "larger", "smaller", "math", "-webkit-xxx-large"})
_INTRINSIC = frozenset({"min-content", "max-content", "fit-content", "stretch",
                        "-webkit-fill-available", "-webkit-fit-content", "-webkit-min-content",
                        "-webkit-max-content"})
_SIZE_KEYWORDS = {
    **dict.fromkeys(("width", "height", "inline-size", "block-size", "min-width", "min-height",
                     "min-inline-size", "min-block-size"), frozenset({"auto", *_INTRINSIC})),
    **dict.fromkeys(("max-width", "max-height", "max-inline-size", "max-block-size"),
                    frozenset({"none", *_INTRINSIC})),
}
# the functions only some properties take
_ONLY_IN = {"anchor": _INSETS, "anchor-size": _INSETS | _MARGINS | set(_SIZE_KEYWORDS),
            "calc-size": frozenset(_SIZE_KEYWORDS)}
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
_FAMILY_NOT = CSS_WIDE | {"default"}  # no family's name, unquoted
_FILTERS = frozenset({"blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate",
                      "invert", "opacity", "saturate", "sepia"})
_FONT_METRICS = frozenset({"ex-height", "cap-height", "ch-width", "ic-width", "ic-height"})
_CLOSED_AT_THE_END = frozenset({"eof-in-string", "eof-in-url"})  # what a browser closes


def kept(name: str, value: list) -> bool:
    """Whether a browser keeps a declaration of the property ``name`` (lower case, an alias's
    standard name) whose value is ``value`` (tinycss2's component values): False only where
    it surely is invalid."""
    if name.startswith("--") or _substituted(value):
        return True
    parts = [part for part in value if part.type not in ("whitespace", "comment") and not (
        part.type == "error" and part.kind in _CLOSED_AT_THE_END)]
    if not parts or any(part.type == "literal" and part.value == "!" or
                        part.type == "{} block" for part in parts):
        return False  # nothing, or a "!" that is not "!important": no property's grammar
    if len(parts) == 1 and parts[0].type == "ident" and parts[0].lower_value in CSS_WIDE:
        return True
    if _misplaced(name, parts):
        return False
    grammar = _GRAMMARS.get(name)
    return grammar is None or grammar(parts)


def _substituted(value: list) -> bool:
    """Whether ``value`` holds, at any depth, a function a page substitutes."""
    for part in value:
        if part.type == "function" and (part.lower_name in _SUBSTITUTED or part.lower_name
                                        .startswith("--") or _substituted(part.arguments)) or \
                part.type in ("() block", "[] block", "{} block") and _substituted(part.content):
            return True
    return False


def _misplaced(name: str, value: list) -> bool:
    """Whether ``value`` holds, at any depth, a function of positioning (``anchor()``) or of
    sizing (``anchor-size()``, ``calc-size()``) where the property ``name`` takes none."""
    for part in value:
        if part.type == "function" and (name not in _ONLY_IN.get(part.lower_name, (name,))
                                        or _misplaced(name, part.arguments)) or \
                part.type == "() block" and _misplaced(name, part.content):
            return True
    return False


def _maths(part, types: tuple[str, ...]) -> bool:
    """A maths function of one of ``types`` (or whose type is not worked out)."""
    return part.type == "function" and part.lower_name in MATHS and type_of(part) in (
        *types, UNKNOWN)


def _keyword(part, keywords) -> bool:
    return part.type == "ident" and part.lower_value in keywords


def _length_or_share(part) -> bool:
    """A length or a percentage that is not negative, a zero, or a maths function of them."""
    return _maths(part, _SHARES) or part.type == "dimension" and part.value >= 0 and (
        part.lower_unit in LENGTH_UNITS) or part.type == "percentage" and part.value >= 0 or (
        part.type == "number" and part.value == 0)


def _offset(part) -> bool:
    """A length or a percentage of either sign, a zero, or a maths function of them."""
    return _maths(part, _SHARES) or part.type == "dimension" and part.lower_unit in (
        LENGTH_UNITS) or part.type == "percentage" or part.type == "number" and part.value == 0


def _length(part, least: float = -math.inf) -> bool:
    """A length (of at least ``least``), a zero, or a maths function of a length."""
    return _maths(part, (LENGTH,)) or part.type == "dimension" and part.lower_unit in (
        LENGTH_UNITS) and part.value >= least or part.type == "number" and part.value == 0


def _angle(part) -> bool:
    return _maths(part, (ANGLE,)) or part.type == "dimension" and part.lower_unit in (
        ANGLE_UNITS) or part.type == "number" and part.value == 0


def _number(part, least: float = -math.inf) -> bool:
    return _maths(part, (NUMBER,)) or part.type == "number" and part.value >= least


def _font_size(part) -> bool:
    return _keyword(part, _FONT_SIZE) or _length_or_share(part)


def _line_height(part) -> bool:
    return _keyword(part, {"normal"}) or _length_or_share(part) or _number(part, 0)


def _size(part, keywords: frozenset[str]) -> bool:
    return _keyword(part, keywords) or _length_or_share(part)


def _overflow(part) -> bool:
    return _keyword(part, _OVERFLOW)


def _opacity(part, least: float = -math.inf) -> bool:
    """A number or a percentage (of at least ``least``), or a maths function of one."""
    return _maths(part, (NUMBER, PERCENTAGE)) or part.type in ("number", "percentage") and (
        part.value >= least)


def _side(part) -> bool:
    return _keyword(part, {"auto"}) or _offset(part)


def _font(parts: list) -> bool:
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


def _before_size(part, after) -> str | None:
    """What a word before a font's size sets ('' for "normal"), or None where it is none (a
    weight in a maths function only where a size follows it)."""
    if part.type == "ident":
        return _BEFORE_SIZE.get(part.lower_value)
    if part.type == "number" and 1 <= part.value <= 1000 or part.type == "function" and (
            part.lower_name in MATHS) and (type_of(part) == NUMBER or type_of(part) == UNKNOWN
                                           and after is not None and _font_size(after)):
        return "weight"
    return None


def _slant(part) -> bool:
    """An oblique's angle: at most 90 degrees either way."""
    return _maths(part, (ANGLE,)) or part.type == "dimension" and part.lower_unit in (
        _DEGREES) and abs(part.value * _DEGREES[part.lower_unit]) <= 90


def _family_after_size(parts: list) -> bool:
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


def _text_indent(parts: list) -> bool:
    words = [part.lower_value for part in parts if _keyword(part, {"hanging", "each-line"})]
    lengths = [part for part in parts if not _keyword(part, {"hanging", "each-line"})]
    return len(lengths) == 1 and _offset(lengths[0]) and len(set(words)) == len(words)


def _transform(parts: list) -> bool:
    return _none(parts) or all(_transform_function(part) for part in parts)


def _transform_function(part) -> bool:
    """A transform function Chromium knows, with the arguments it takes."""
    if part.type != "function" or part.lower_name not in _TRANSFORMS:
        return False
    arguments = _arguments(part)
    if part.lower_name == "perspective" and len(arguments) == 1 and _none(arguments[0]):
        return True
    kinds = _TRANSFORMS[part.lower_name]
    return len(arguments) in kinds and all(
        len(argument) == 1 and check(argument[0]) for argument, check in zip(
            arguments, kinds[len(arguments)], strict=True))


def _arguments(function) -> list[list]:
    """A function's arguments, split at its commas, white space and comments left out."""
    arguments: list[list] = [[]]
    for part in function.arguments:
        if part.type == "literal" and part.value == ",":
            arguments.append([])
        elif part.type not in ("whitespace", "comment"):
            arguments[-1].append(part)
    return [] if arguments == [[]] else arguments


def _translate(parts: list) -> bool:
    return _none(parts) or len(parts) <= 3 and all(map(_offset, parts[:2])) and all(
        map(_length, parts[2:]))


def _scale(parts: list) -> bool:
    return _none(parts) or len(parts) <= 3 and all(map(_opacity, parts))


def _zoom(part) -> bool:
    return _keyword(part, {"normal"}) or _opacity(part, 0)


def _filter(parts: list) -> bool:
    return _none(parts) or all(part.type == "url" or _filter_function(part) for part in parts)


def _filter_function(part) -> bool:
    """A filter function Chromium knows, with the argument it takes (or none: its default);
    "url()" where the URL is quoted."""
    if part.type != "function" or part.lower_name not in (*_FILTERS, "url"):
        return False
    if part.lower_name == "url":
        return True
    if part.lower_name == "drop-shadow":
        return _shadow(_arguments(part))
    arguments = _arguments(part)
    check = {"blur": _depth, "hue-rotate": _angle}.get(
        part.lower_name, lambda one: _opacity(one, 0))
    return not arguments or len(arguments) == 1 and len(arguments[0]) == 1 and check(
        arguments[0][0])


def _shadow(arguments: list[list]) -> bool:
    """A drop shadow: two or three lengths, and a colour or none, in one argument."""
    if len(arguments) != 1:
        return False
    lengths = [part for part in arguments[0] if _length(part)]
    others = [part for part in arguments[0] if not _length(part)]
    return 2 <= len(lengths) <= 3 and len(others) <= 1 and not any(
        part.type in ("number", "percentage", "dimension") for part in others)


def _font_size_adjust(parts: list) -> bool:
    if len(parts) == 2 and _keyword(parts[0], _FONT_METRICS):
        parts = parts[1:]
        return _keyword(parts[0], {"from-font"}) or _number(parts[0], 0)
    return len(parts) == 1 and (_keyword(parts[0], {"none", "from-font", *_FONT_METRICS})
                                or _number(parts[0], 0))


def _clip(parts: list) -> bool:
    return len(parts) == 1 and (_keyword(parts[0], {"auto"}) or parts[0].type == "function"
                                and parts[0].lower_name == "rect")


def _depth(part) -> bool:
    return _length(part, 0)


def _none(parts: list) -> bool:
    return len(parts) == 1 and _keyword(parts[0], {"none"})


def _one(check):
    """A grammar of one component that ``check`` reads."""
    return lambda parts: len(parts) == 1 and check(parts[0])


def _up_to(most: int, check):
    """A grammar of one to ``most`` components, each of which ``check`` reads."""
    return lambda parts: len(parts) <= most and all(map(check, parts))


# each transform function: for each number of arguments it may take, what each must be
_TRANSFORMS = {
    "translate": {1: (_offset,), 2: (_offset, _offset)}, "translatex": {1: (_offset,)},
    "translatey": {1: (_offset,)}, "translatez": {1: (_length,)},
    "translate3d": {3: (_offset, _offset, _length)},
    "scale": {1: (_opacity,), 2: (_opacity, _opacity)}, "scalex": {1: (_opacity,)},
    "scaley": {1: (_opacity,)}, "scalez": {1: (_opacity,)},
    "scale3d": {3: (_opacity, _opacity, _opacity)},
    "rotate": {1: (_angle,)}, "rotatex": {1: (_angle,)}, "rotatey": {1: (_angle,)},
    "rotatez": {1: (_angle,)}, "rotate3d": {4: (_number, _number, _number, _angle)},
    "skew": {1: (_angle,), 2: (_angle, _angle)}, "skewx": {1: (_angle,)},
    "skewy": {1: (_angle,)}, "matrix": {6: (_number,) * 6}, "matrix3d": {16: (_number,) * 16},
    "perspective": {1: (_depth,)},
}
_SIDES = (_MARGINS | _INSETS) - {"margin", "inset", "margin-inline", "margin-block",
                                 "inset-inline", "inset-block"}
_GRAMMARS = {
    "font": _font,
    "font-size": _one(_font_size),
    "font-size-adjust": _font_size_adjust,
    "line-height": _one(_line_height),
    **{name: _one(functools.partial(_size, keywords=keywords))
       for name, keywords in _SIZE_KEYWORDS.items()},
    "overflow": _up_to(2, _overflow),
    **dict.fromkeys(_OVERFLOW_AXES, _one(_overflow)),
    "opacity": _one(_opacity),
    **dict.fromkeys(_SIDES, _one(_side)),
    **dict.fromkeys(("margin-inline", "margin-block", "inset-inline", "inset-block"),
                    _up_to(2, _side)),
    **dict.fromkeys(("margin", "inset"), _up_to(4, _side)),
    "text-indent": _text_indent,
    "transform": _transform,
    "translate": _translate,
    "scale": _scale,
    "zoom": _one(_zoom),
    "filter": _filter,
    "clip": _clip,
}
