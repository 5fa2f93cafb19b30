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
    fixed position), or moved from its place (an offset, a transform, a negative margin)
    while drawn above the flow (positioned, or a layer of its own: a transform, an opacity
    under 1, a filter). '' when it may not: it is not, it is drawn under the flow (a negative
    z-index), or it is too thin to cover a line (under ``THIN_PX``)."""
    if declarations.get("z-index", "").startswith("-") or any(
            _thin(declarations.get(name, "")) for name in ("width", "height", "max-width",
                                                            "max-height")):
        return ""
    position = declarations.get("position", "static")
    if position in ("absolute", "fixed"):
        return f"position: {position}"
    layered = position in ("relative", "sticky") or any(
        declarations.get(name, "none") not in ("none", "1", "100%", "initial", "unset")
        for name in ("transform", "translate", "opacity", "filter"))
    moved = next((f"{name}: {value}" for name, value in declarations.items()
                  if name in _OFFSETS and value not in _KEYWORDS and not _ZERO.match(value)
                  or name in ("transform", "translate") and value != "none"
                  or name.startswith("margin") and "-" in value), "")
    return moved if layered else ""


def _thin(value: str) -> bool:
    """Whether a length is fixed and under ``THIN_PX``."""
    found = _LENGTH.match(value.replace("!important", "").strip())
    return bool(found) and found.group(2) in ("px", "pt") and float(found.group(1)) < THIN_PX


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
