"""Whether CSS declarations make text unreadable, judged by the values they set, not by how
they are spelt: a candidate who has read the list of spellings writes ``#fefefe``,
``hsl(0,0%,100%)``, ``opacity: .02`` or ``font-size: .1em`` instead.

tinycss2 reads the declarations and every CSS colour form (hex, rgb, hsl, hwb, lab, lch,
oklab, oklch, ``color()``, with commas or spaces, percentages, named colours). Text counts
as hidden when it is:

- the colour of what is under it: nearly white (each channel at least ``NEAR_WHITE``) on the
  page, or as near the background its element or an ancestor paints (each channel within
  ``1 - NEAR_WHITE`` of it; its lightness, for colour spaces not converted to sRGB); or
  nearly transparent (alpha at most ``FAINT``). A background is the colour it paints when its
  images do not load, as many mail clients show it: an image or a gradient alone paints
  nothing here;
- at an opacity of at most ``FAINT``;
- smaller than a reader can see: under ``TINY_PX`` px or pt, at most ``TINY_EM`` em, rem,
  ex or ch, or ``TINY_PERCENT`` percent;
- scaled to at most ``FAINT`` by a transform, or clipped to nothing (``clip: rect(0 0 0 0)``,
  ``clip-path: inset(50%)`` or more, ``circle(0)``);
- in a box of zero width or height whose overflow is hidden.

A value such a property takes from a CSS function whose result is computed (a custom property,
``var(--x, #fff)``; maths, ``calc(0)``, ``clamp()``, ``sin()``; a mix, ``color-mix()``; a
colour made from another, ``rgb(from white r g b)``) hides its text too: it is not worked out
here, and a reader who did not count it would let any hiding through. An email client
supports few of these, and a reviewer sees the value that hid the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

NEAR_WHITE = 240 / 255  # #f0f0f0 and lighter: invisible on the white page a reviewer reads
FAINT = 0.1
TINY_PX = 3.0
TINY_EM = 0.2
TINY_PERCENT = 20.0
LENGTH_UNITS = frozenset({"", "px", "pt", "pc", "em", "rem", "ex", "ch", "%", "cm", "mm", "in",
                          "q", "vw", "vh", "vmin", "vmax"})
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d+)?|\.\d+))([a-z%]*)$")  # "0." is no number
_LONG_DIGITS = re.compile(r"\d{21,}")
_SCALE = re.compile(r"scale[xyz3d]*\(\s*([+-]?(?:\d+\.?\d*|\.\d+))")
_INSET = re.compile(r"inset\(\s*([\d.]+)%")
# CSS's functions whose value is computed, and relative colours ("rgb(from white r g b)")
_COMPUTED = re.compile(
    r"(?<![\w-])(?:var|env|attr|calc|min|max|clamp|round|mod|rem|abs|sign|sin|cos|tan|asin|"
    r"acos|atan|atan2|pow|sqrt|hypot|log|exp|if|[\w-]*-mix|light-dark|contrast-color)\(|"
    r"\(\s*from\s", re.IGNORECASE)
# the properties a value can hide text by, and those that hide it only with overflow hidden
_HIDING = frozenset({"color", "opacity", "font-size", "transform", "clip", "clip-path"})
_BOX = frozenset({"width", "height", "max-width", "max-height"})
BRACKETS_MOST = 32  # "rgb(calc(var(--x)))" nests three
_BRACKET = re.compile(r"[()\[\]{}]")
_CLOSES = {"(": ")", "[": "]", "{": "}"}


def hiding_value(style: str) -> str:
    """The declaration of ``style`` (an inline style or a rule's body) whose value hides text,
    as "name: value"; '' when none does; a colour is judged against the background the style
    paints, else the page (``colours_of`` and ``same_as_under`` judge it against what an
    element's ancestors paint). A style nesting brackets deeper than
    ``BRACKETS_MOST`` hides its text too: no stylesheet does, and tinycss2 reads each level
    with a call of its own (a 540-byte style ran out of Python's stack). Brackets escaped or
    in a string or a comment, which the count takes for closing ones, still run tinycss2 out
    of stack: that too is a style too deeply nested to read."""
    if sum(map(style.count, "([{")) > BRACKETS_MOST:  # else they cannot nest deeper
        depth = _bracket_depth(style)
        if depth > BRACKETS_MOST:
            return f"brackets nested {depth} deep"
    try:
        declarations = _declarations(style)
    except RecursionError:  # unwound by now, with nothing of the grader's half done
        return "brackets nested too deep to read"
    painted = _painted(declarations)
    for name, value in declarations.items():
        if _hides(name, value, declarations, painted):
            return f"{name}: {value}"
    return ""


def colours_of(style: str, colour: object = None, under: object = None) -> tuple[object, object]:
    """The colour of the text of an element of ``style`` and the colour under it, inside an
    element whose text is of ``colour`` over ``under`` (None: the page's, black over white):
    what its own declarations set, else what it inherits."""
    try:
        own, painted = _own_colours(style)
    except RecursionError:
        return colour, under
    return colour if own is None else own, under if painted is None else painted


@lru_cache(maxsize=256)
def _own_colours(style: str) -> tuple[object, object]:
    """The colour ``style`` sets its text in and the one it paints under it; None for each it
    does not set."""
    import tinycss2.color4

    declarations = _declarations(style)
    own = tinycss2.color4.parse_color(declarations.get("color", ""))
    return None if own is None or isinstance(own, str) else own, _painted(declarations)


def same_as_under(colour: object, under: object) -> bool:
    """Whether text of ``colour`` cannot be told from the ``under`` it is on (None: the page's,
    black over white)."""
    if colour is None and under is None:
        return False
    import tinycss2.color4

    return _indistinct(colour or tinycss2.color4.parse_color("black"), under)


@lru_cache(maxsize=256)
def _declarations(style: str) -> dict[str, str]:
    """Each declaration of ``style``, its name and value lowered, the last of a name kept.
    Cached: an element's style is read for what hides it and for its colours, and a
    document repeats its styles. Not to be changed by its callers."""
    import tinycss2

    declarations = {}
    style = _LONG_DIGITS.sub(_shortened, style)  # tinycss2 refuses integers of 4,300 digits
    for item in tinycss2.parse_declaration_list(style, skip_comments=True,
                                                 skip_whitespace=True):
        if item.type == "declaration":
            declarations[item.lower_name] = tinycss2.serialize(item.value).strip().lower()
    return declarations


def _painted(declarations: dict[str, str]) -> object:
    """The colour a style's own background paints when its images do not load (the colour of
    a ``background-color``, or the one a ``background`` names beside its image or gradient);
    None when it paints none, or a transparent one."""
    import tinycss2
    import tinycss2.color4

    found = None
    for name in ("background", "background-color"):  # the longhand over the shorthand
        if name not in declarations:
            continue
        found = None
        for token in tinycss2.parse_component_value_list(declarations[name]):
            colour = tinycss2.color4.parse_color(token)
            if colour is not None and not isinstance(colour, str):
                found = None if colour.alpha <= FAINT else colour
                break
    return found


def _bracket_depth(style: str) -> int:
    """How deep ``style``'s brackets nest, as CSS reads them: a bracket closes only the last
    one opened of its kind ("(]" leaves the "(" open)."""
    open_ones: list[str] = []
    deepest = 0
    for bracket in _BRACKET.findall(style):
        if bracket in _CLOSES:
            open_ones.append(_CLOSES[bracket])
            deepest = max(deepest, len(open_ones))
        elif open_ones and open_ones[-1] == bracket:
            open_ones.pop()
    return deepest


def _hides(name: str, value: str, declarations: dict[str, str], under: object) -> bool:
    if name in _BOX and declarations.get("overflow", declarations.get("overflow-x", "")) not in (
            "hidden", "clip"):
        return False
    if (name in _HIDING or name in _BOX) and _COMPUTED.search(value):
        return True
    if name == "color":
        return _unreadable_colour(value, under)
    if name == "opacity":
        amount = _amount(value)  # a number or a percentage; anything else a browser ignores
        return amount is not None and amount[1] in ("", "%") and \
            amount[0] / (100 if amount[1] == "%" else 1) <= FAINT
    if name == "font-size":
        return _tiny(value)
    if name == "transform":
        return any(abs(float(scale)) <= FAINT for scale in _SCALE.findall(value))
    if name == "clip":
        return value.startswith("rect(") and len(set(re.findall(r"[\d.]+", value))) <= 1
    if name == "clip-path":
        inset = _INSET.search(value)
        return bool(inset and float(inset.group(1)) >= 50) or value.startswith("circle(0")
    if name in _BOX:  # its overflow hidden
        amount = _amount(value)
        return amount is not None and amount[0] == 0
    return False


def _unreadable_colour(value: str, under: object) -> bool:
    """Whether text of colour ``value`` cannot be told from ``under`` (None: the page)."""
    import tinycss2.color4

    colour = tinycss2.color4.parse_color(value)
    if colour is None or isinstance(colour, str):  # unknown, or currentcolor
        return False
    return colour.alpha <= FAINT or _indistinct(colour, under)


def _indistinct(colour, under) -> bool:
    """Whether ``colour`` is as near ``under`` (None: the page) as ``NEAR_WHITE`` is to white."""
    if under is None:
        return _lightness(colour) >= NEAR_WHITE
    try:
        return max(abs(mine - theirs) for mine, theirs in zip(
            colour.to("srgb").coordinates, under.to("srgb").coordinates, strict=True)
        ) <= 1 - NEAR_WHITE
    except NotImplementedError:  # a space tinycss2 does not convert: judged by lightness
        return abs(_lightness(colour) - _lightness(under)) <= 1 - NEAR_WHITE


def _lightness(colour) -> float:
    """How close to white, 0 to 1: the darkest sRGB channel, or the lightness of a
    perceptual space (lab, lch, oklab, oklch), whose first coordinate is it."""
    if colour.space in ("lab", "lch"):
        return colour.coordinates[0] / 100
    if colour.space in ("oklab", "oklch"):
        return colour.coordinates[0]
    try:
        return min(colour.to("srgb").coordinates)
    except NotImplementedError:  # a space tinycss2 does not convert: judge its channels
        return min(colour.coordinates)


def _tiny(value: str) -> bool:
    amount = _amount(value)
    if amount is None:
        return False
    number, unit = amount
    if unit not in LENGTH_UNITS:  # "0x" is no size: a browser ignores it
        return False
    if number <= 0:
        return True
    if unit in ("px", "pt"):
        return number < TINY_PX
    if unit in ("em", "rem", "ex", "ch"):
        return number <= TINY_EM
    if unit == "%":
        return number <= TINY_PERCENT
    return False


def _amount(value: str) -> tuple[float, str] | None:
    found = _NUMBER.match(value.replace("!important", "").strip())
    return (float(found.group(1)), found.group(2)) if found else None


def _shortened(digits: re.Match) -> str:
    """A run of digits no real style has, as a number of the same size class: its leading
    zeros dropped, and what still has more than 20 digits made 20 nines (huge is huge)."""
    significant = digits.group(0).lstrip("0") or "0"
    return significant if len(significant) <= 20 else "9" * 20
