"""Whether an element's style may put its text outside the box an ancestor paints: a box of
no height, text moved, floated or set on one long line. Where it may, the background that
ancestor paints is not the only one the text may be on (``page_text`` doubts it).

A style keeps its text in its ancestors' boxes when each of its declarations is one of
``_IN_FLOW`` (colours, fonts, borders, padding, alignment, a mail client's own properties),
or sets a box's size, margin, line height or display to what keeps text in flow (``_kept_in``);
anything else (a position, a transform, a float, a negative margin, a height on a box that
is no table's, a property not known here) may move it. Table cells, rows and tables grow to
hold their text: a height on them moves nothing.
"""

from __future__ import annotations

import re

_IN_FLOW = re.compile(
    r"(?:color|background(?:-[a-z-]+)?|font(?:-[a-z-]+)?|text-(?:align|decoration[a-z-]*|"
    r"transform|rendering|size-adjust|underline-offset)|padding(?:-[a-z]+)?|border(?:-[a-z-]+)?|"
    r"outline(?:-[a-z]+)?|letter-spacing|word-spacing|word-break|word-wrap|overflow-wrap|"
    r"hyphens|direction|unicode-bidi|vertical-align|list-style(?:-[a-z]+)?|cursor|box-sizing|"
    r"table-layout|caption-side|empty-cells|opacity|visibility|box-shadow|border-radius|"
    r"-webkit-text-size-adjust|-ms-text-size-adjust|-webkit-font-smoothing|"
    r"-moz-osx-font-smoothing|-ms-interpolation-mode|mso-[a-z-]+|-webkit-tap-highlight-color|"
    r"-webkit-text-fill-color|text-shadow|content|quotes|overflow(?:-[xy])?|min-height|"
    r"min-width|object-fit|image-rendering|user-select|-webkit-user-select|pointer-events|"
    r"appearance|-webkit-appearance|accent-color|caret-color|color-scheme|speak|"
    r"text-overflow|tab-size|transition(?:-[a-z-]+)?|clear|will-change)")
_CELLS = frozenset({"td", "th", "tr", "table", "tbody", "thead", "tfoot"})
_FLOW_DISPLAYS = frozenset({"block", "inline", "inline-block", "list-item", "flow-root",
                            "table", "inline-table", "table-row", "table-cell",
                            "table-row-group", "table-header-group", "table-footer-group",
                            "table-caption", "flex", "inline-flex", "grid", "inline-grid",
                            "none", "initial", "inherit", "unset", "revert"})
_KEYWORDS = frozenset({"auto", "initial", "inherit", "unset", "revert", "normal", "none",
                       "0", "fit-content", "max-content", "min-content"})
_LENGTH = re.compile(r"^(\d*\.?\d+)(px|pt|em|rem|%|)$")
_ZERO = re.compile(r"^[+-]?0*\.?0+[a-z%]*$")
# the properties by which ``drawn_over_text`` may lay a box over text (a style that names none
# of them is not read for it: most set a colour or a font)
MAY_BE_LAID_OVER = re.compile(
    r"(?:^|[;{\s])(?:position|transform[\w-]*|translate|rotate|scale|zoom|offset[\w-]*|"
    r"grid-[\w-]+|inset[\w-]*|top|left|right|bottom)\s*:|"
    r"(?:^|[;{\s])margin[\w-]*\s*:[^;]*[-(]",  # a margin only where it may be negative
    re.IGNORECASE)
_SIGNED_LENGTH = re.compile(r"^([+-]?\d*\.?\d+)([a-z%]*)$")
_DEGREES = re.compile(r"^([+-]?\d*\.?\d+)deg$")
_FUNCTION = re.compile(r"([a-z][a-z0-9-]*)\(([^()]*)\)")
_COMPUTED = re.compile(r"(?:var|env|attr|calc|min|max|clamp|round|mod|rem|abs|sign|sin|cos|tan|"
                       r"asin|acos|atan|atan2|pow|sqrt|hypot|log|exp|if)\(")
SMALL_TURN_DEG = 5  # a card turned this far moves its corners a few pixels
ORIGIN_FAR_PX = 90  # turned about a point this far away, a small turn moves the box a line
_STILL = frozenset({"none", "0", "1", "normal", "initial", "unset", "auto", "0deg", "100%"})
# what places a box elsewhere than the flow puts it (the individual transforms, a motion path)
_PLACING = frozenset({"translate", "rotate", "scale", "zoom", "offset", "offset-path",
                      "offset-distance", "offset-position", "offset-anchor"})
_GRID_PLACES = frozenset({"grid-area", "grid-row", "grid-column", "grid-row-start",
                          "grid-row-end", "grid-column-start", "grid-column-end"})
# what a box thinner than a line may set and stay so
_THIN_SAFE = frozenset({"width", "height", "max-width", "max-height", "position", "top", "left",
                        "right", "bottom", "inset", "background", "background-color", "color",
                        "display", "content", "border-radius", "z-index", "vertical-align",
                        "float", "clear"})
_NO_WIDTH = frozenset({"border-radius", "border-collapse", "border-spacing", "border-color",
                       "border-style", "outline-color", "outline-style", "text-decoration-color",
                       "text-decoration-line", "text-decoration-style", "border-image-source",
                       "border-image-slice", "border-image-repeat"})
WIDE_PX = 200  # a box at least this wide holds a line of text that wraps
THIN_PX = 8  # a box thinner than this covers no line of text (a rule, a bullet, a bar)
_OFFSETS = frozenset({"top", "left", "right", "bottom", "inset", "inset-block", "inset-inline",
                      "inset-block-start", "inset-block-end", "inset-inline-start",
                      "inset-inline-end"})


def moves_text(declarations: dict[str, str], tag: str) -> str:
    """The first of ``declarations`` (name: value, lower case, the ones that win) that may put
    the text of a ``tag`` element outside the box an ancestor paints, as "name: value"; ''
    when none may."""
    for name, value in declarations.items():
        if not (_IN_FLOW.fullmatch(name) or _kept_in(name, value.replace("!important", "")
                                                      .strip(), tag)):
            return f"{name}: {value}"
    return ""


def drawn_over_text(declarations: dict[str, str]) -> str:
    """Why a box of ``declarations`` (name: value, lower case, the ones that win) may be drawn
    over the text of other boxes, as "name: value": taken out of the flow (an absolute or
    fixed position, or one computed), or set off its place: offsets on a positioned box, a
    negative margin (floats, inline boxes and flex items then overlap, and text over text is
    read as neither), a transform, a grid's placement. '' when it may not: it is not, it is
    not drawn (no display, invisible), its moves are too small to cover a line (under
    ``THIN_PX``, a turn of ``SMALL_TURN_DEG``), or the box is too thin to (sized under
    ``THIN_PX`` and nothing more). Whether it paints is
    the caller's (``paints_edges`` here for borders, outlines and shadows)."""
    if _thin_box(declarations) or declarations.get("display") == "none" or declarations.get(
            "visibility") in ("hidden", "collapse"):
        return ""
    position = declarations.get("position", "static")
    if position in ("absolute", "fixed") or _COMPUTED.search(position):
        return f"position: {position}"
    for name, value in declarations.items():
        value = value.replace("!important", "").strip()
        if name in _OFFSETS and position in ("relative", "sticky") and far(value) \
                or name.startswith("margin") and _negative(value) \
                or name == "transform" and not _small_transform(value) \
                or name == "transform-origin" and declarations.get("transform", "none") \
                not in _STILL and any(abs(_px_of(part) or 0) >= ORIGIN_FAR_PX
                                      for part in value.split()) \
                or name in _PLACING and value not in _STILL \
                or name in _GRID_PLACES and value not in ("auto", "initial", "unset"):
            return f"{name}: {value}"
    return ""


def paints_edges(declarations: dict[str, str]) -> bool:
    """Whether a box of ``declarations`` paints borders, outlines, shadows or a border image
    ``THIN_PX`` wide in all (each side's and each shadow's widths added: a red team's 7 px
    border, 7 px shadow and 7 px border below), or a backdrop filter over what is behind it:
    enough to cover a line of text beside it."""
    if declarations.get("backdrop-filter", "none") not in _STILL:
        return True
    widths = [part for name, value in declarations.items()
              if name.startswith(("border", "outline", "box-shadow", "text-decoration"))
              and name not in _NO_WIDTH for part in re.split(r"[\s,/]+", value)]
    return any(_COMPUTED.search(part) for part in widths) or sum(
        abs(length) for length in map(_px_of, widths) if length is not None) >= THIN_PX


def _thin_box(declarations: dict[str, str]) -> bool:
    """Whether a box is sized under ``THIN_PX`` one way and set nothing that grows it."""
    return set(declarations) <= _THIN_SAFE and any(
        _thin(declarations.get(name, "")) for name in ("width", "height", "max-width",
                                                         "max-height"))


def _thin(value: str) -> bool:
    """Whether a length is fixed and under ``THIN_PX``."""
    found = _LENGTH.match(value.replace("!important", "").strip())
    return bool(found) and found.group(2) in ("px", "pt") and float(found.group(1)) < THIN_PX


def far(value: str) -> bool:
    """Whether a length may move a box, or reach, as far as a line of text: ``THIN_PX`` or more,
    half an em or more, any percentage but 0, or a value computed."""
    if _COMPUTED.search(value):
        return True
    found = _SIGNED_LENGTH.match(value)
    if not found:
        return False
    number, unit = abs(float(found.group(1))), found.group(2)
    return number >= THIN_PX if unit in ("px", "pt", "") else \
        number >= 0.5 if unit in ("em", "rem", "ex", "ch", "lh") else number > 0


def _px_of(value: str) -> float | None:
    """A length in pixels (an em as 16); None where it is relative to a box or computed."""
    found = _SIGNED_LENGTH.match(value)
    if not found or found.group(2) not in ("px", "pt", "em", "rem", ""):
        return None
    return float(found.group(1)) * (16 if found.group(2) in ("em", "rem") else 1)


def _negative(value: str) -> bool:
    """Whether a margin pulls its box back far enough to lay it over a line: a part of it
    negative and ``_far``, or computed (a sign not worked out)."""
    return bool(_COMPUTED.search(value)) or any(
        part.startswith("-") and far(part) for part in value.split())


def _small_transform(value: str) -> bool:
    """Whether a transform moves its box too little to cover a line: none, or only turns and
    skews of at most ``SMALL_TURN_DEG``, moves not ``_far`` and scales from 0.9 to 1.1."""
    if value in _STILL:
        return True
    functions = _FUNCTION.findall(value)
    if not functions or _FUNCTION.sub("", value).strip():
        return False
    moved = 0.0  # (a red team's) moves that are small one by one add up
    for name, arguments in functions:
        parts = [part for part in re.split(r"[\s,]+", arguments.strip()) if part]
        if name in ("rotate", "rotatez"):  # a skew moves a wide box's far edge a long way
            small = all(_DEGREES.match(part) and abs(float(_DEGREES.match(part).group(1)))
                        <= SMALL_TURN_DEG for part in parts)
        elif name.startswith("translate"):
            lengths = [_px_of(part) for part in parts]
            moved += sum(abs(length) for length in lengths if length is not None)
            small = None not in lengths and moved < THIN_PX
        elif name.startswith("scale"):
            small = all(_SIGNED_LENGTH.match(part) and _SIGNED_LENGTH.match(part).group(2) == ""
                        and 0.9 <= float(_SIGNED_LENGTH.match(part).group(1)) <= 1.1
                        for part in parts)
        else:
            small = False
        if not small:
            return False
    return True


def _kept_in(name: str, value: str, tag: str) -> bool:
    """Whether a box-size, margin, line-height, display or position declaration keeps the
    element's text where its ancestors' boxes are."""
    if name in ("height", "max-height") and tag in _CELLS:
        return True
    if name in ("height", "max-height"):
        return value in ("auto", "none", "initial", "inherit", "unset", "revert", "100%")
    if name in ("width", "max-width"):
        return value in _KEYWORDS - {"0"} or _at_least(value, WIDE_PX) or tag in _CELLS
    if name.startswith("margin"):  # never negative: a negative margin pulls text out
        return all(part in _KEYWORDS or _LENGTH.match(part) for part in value.split())
    if name == "line-height":
        return value in _KEYWORDS - {"0"} or _at_least(value, 1.0, unitless=True)
    if name == "display":
        return value in _FLOW_DISPLAYS
    if name == "position":
        return value in ("static", "relative", "initial", "inherit", "unset", "revert")
    if name == "float":
        return value in ("none", "initial", "inherit", "unset", "revert")
    if name == "white-space":  # one long line runs out of a box
        return value in ("normal", "pre-wrap", "pre-line", "break-spaces", "initial",
                         "inherit", "unset", "revert")
    return False


def _at_least(value: str, least: float, unitless: bool = False) -> bool:
    """Whether a length is at least ``least`` px (a percentage of at least 50, an em or rem
    of at least ``least`` / 16 count too); with ``unitless``, a bare number at least
    ``least``, a length of at least 10 px or a percentage of at least 100."""
    found = _LENGTH.match(value)
    if not found:
        return False
    number, unit = float(found.group(1)), found.group(2)
    if unitless:
        return (unit == "" and number >= least or unit in ("px", "pt") and number >= 10
                or unit in ("em", "rem") and number >= 1 or unit == "%" and number >= 100)
    return (unit in ("px", "pt") and number >= least or unit == "%" and number >= 50
            or unit in ("em", "rem") and number * 16 >= least)
