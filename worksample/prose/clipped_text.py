"""Text a box cuts off: a box that clips what overflows it (``overflow`` hidden, clip, auto or
scroll on either axis, ``contain: paint``) and is set smaller than the text it holds needs: a
height (or a most height) under its lines, a number of lines (``line-clamp``) under them, or,
where its text does not wrap, a width under its longest line.

No layout is worked out. The text's lines are counted from its forced breaks (a block, a
``<br>``) and its letters, at measures a little generous (``CHAR_EM``, ``LINE_EM``) and in the
narrowest box it may be read in (its own width, else ``NARROWEST_PX``), so that a box is taken
to cut off more than a browser would, never less. Where it does, all of its text is hidden,
the first lines a reader sees with the rest: which words are cut off is not worked out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from worksample.prose.css_hiding import length_px

CHAR_EM = 0.6  # a letter's width, with its space, in ems: wide for a proportional face
LINE_EM = 1.2  # a line's height, in ems, where none is set ("normal")
NARROWEST_PX = 320.0  # the smallest screen a reply is read on
_CLIPS = frozenset({"hidden", "clip", "auto", "scroll"})
# an overflow that is not visible on one axis makes the other scroll: either clips both
_OVERFLOWS = ("overflow", "overflow-x", "overflow-y", "overflow-block", "overflow-inline")
_HEIGHTS = ("height", "max-height", "block-size", "max-block-size")
_WIDTHS = ("width", "max-width", "inline-size", "max-inline-size")
_CLAMPS = ("-webkit-line-clamp", "line-clamp")
_TALL = ("height", "min-height", "block-size", "min-block-size")
_ABOVE_AND_BELOW = ("top", "bottom", "block-start", "block-end")
# the blocks a browser sets apart by margins of its own, above and below: at least 0.67 em
_SPACED = frozenset({"p", "ul", "ol", "dl", "pre", "figure", "menu", "h1", "h2", "h3", "h4", "h5",
                     "h6", "address", "fieldset"})
_SPACED_EM = 0.67
_NO_WRAP = {"white-space": ("nowrap", "pre"), "text-wrap": ("nowrap",),
            "text-wrap-mode": ("nowrap",)}
# what a style (or a style rule) names for it to clip a box or to size one so
MAY_CUT_OFF = re.compile(r"overflow|contain|line-clamp|white-space|text-wrap|height|width|"
                         r"-size", re.IGNORECASE)
NAMES = frozenset({*_OVERFLOWS, "contain", *_HEIGHTS, *_WIDTHS, *_CLAMPS, *_NO_WRAP,
                   "line-height"})
_COMPUTED_LENGTH = re.compile(r"[a-z-]+\(", re.IGNORECASE)


def clips(declarations: dict[str, str]) -> bool:
    """Whether a box of ``declarations`` clips what overflows it."""
    return any(word in _CLIPS for name in _OVERFLOWS
               for word in declarations.get(name, "").split()) or any(
        word in ("paint", "strict", "content") for word in declarations.get("contain", "").split())


@dataclass
class Inside:
    """What a box that clips holds, as it is read: the letters of each line its forced breaks
    make, its ``<br>``s, the tallest line of the text in it, and how far the boxes in it push
    their text down (``pushes``)."""

    lines: list[int] = field(default_factory=list)
    breaks: int = 0
    line_px: float = 0.0
    pushed: float = 0.0


def pushes(tag: str, declarations: dict[str, str], attributes: dict, font_px: float) -> float:
    """How far down an element ``tag`` of ``declarations`` (and ``attributes``) pushes what
    follows it, at least, in px: its height (set, or its least: ``min-height``, an image's
    ``height`` attribute), its margins (a browser's own, where it sets none) and paddings
    above and below, an offset down."""
    heights = [length_px(declarations.get(name, ""), font_px) for name in _TALL]
    heights.append(length_px(str(attributes.get("height") or "").strip() + "px", font_px))
    pushed = max((height for height in heights if height is not None), default=0.0)
    if tag in _SPACED and not any(name.startswith("margin") for name in declarations):
        pushed += 2 * _SPACED_EM * font_px
    for name in ("margin", "padding"):
        sides = declarations.get(name, "").split()
        values = [sides[0], sides[2 if len(sides) > 2 else 0]] if sides else []
        values += [declarations.get(f"{name}-{side}", "") for side in _ABOVE_AND_BELOW]
        pushed += sum(max(length_px(value, font_px) or 0.0, 0.0) for value in values)
    return pushed + max(length_px(declarations.get("top", ""), font_px) or 0.0, 0.0)


def line_px(declarations: dict[str, str], font_px: float) -> float:
    """The height of a line of an element's text: its ``line-height``, else ``LINE_EM``."""
    return _line_px([declarations], font_px)


def cut_off(styles: Iterable[dict[str, str]], font_px: float, inside: Inside) -> str:
    """Why a box cuts off its text, as "name: value"; '' when its text fits. ``styles``: the
    declarations that may apply to the box (its own and those of the style rules that may
    match it: it is taken to clip where any does, and to be as small as any sets it);
    ``font_px``: the size of its text; ``inside``: what it holds."""
    styles = list(styles)
    lines = inside.lines
    if not lines or not any(clips(declarations) for declarations in styles):
        return ""
    wide = _least(styles, _WIDTHS, font_px)
    width = NARROWEST_PX if wide is None else wide[1]
    unwrapped = any(word in values for declarations in styles
                    for name, values in _NO_WRAP.items()
                    for word in declarations.get(name, "").split())
    if unwrapped and wide is not None and max(lines) * CHAR_EM * font_px > width:
        return f"{wide[0]} for a line that does not wrap"
    needed = max(inside.breaks + 1, len(lines) if unwrapped else sum(
        max(1, math.ceil(letters * CHAR_EM * font_px / max(width, 1.0))) for letters in lines))
    clamp = _least_count(styles, _CLAMPS)
    if clamp is not None and needed > clamp[1]:
        return f"{clamp[0]} for about {needed} lines"
    high = _least(styles, _HEIGHTS, font_px)
    tall = needed * max(_line_px(styles, font_px), inside.line_px) + inside.pushed
    if high is not None and tall > high[1] + 0.5:
        return f"{high[0]} for about {needed} lines" + (
            f" and {inside.pushed:.0f} px of boxes" if inside.pushed else "")
    return ""


def _least(styles: list[dict[str, str]], names: tuple[str, ...],
           font_px: float) -> tuple[str, float] | None:
    """The least of the lengths ``names`` set in ``styles``, as ("name: value", px); a length
    worked out (``calc()``) is none; None where none is set in pixels."""
    least = None
    for declarations in styles:
        for name in names:
            value = declarations.get(name, "")
            if _COMPUTED_LENGTH.search(value):
                return f"{name}: {value}", 0.0
            px = length_px(value, font_px)
            if px is not None and (least is None or px < least[1]):
                least = f"{name}: {value}", px
    return least


def _least_count(styles: list[dict[str, str]], names: tuple[str, ...]) -> tuple[str, int] | None:
    least = None
    for declarations in styles:
        for name in names:
            value = declarations.get(name, "")
            if value.isdigit() and int(value) > 0 and (least is None or int(value) < least[1]):
                least = f"{name}: {value}", int(value)
    return least


def _line_px(styles: list[dict[str, str]], font_px: float) -> float:
    """A line's height in the box: the largest its ``line-height`` may be, else ``LINE_EM``
    ems (an inherited one is not followed)."""
    heights = []
    for declarations in styles:
        value = declarations.get("line-height", "")
        if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", value):
            heights.append(float(value) * font_px)
        elif value.endswith("%") and re.fullmatch(r"\d+(?:\.\d+)?%", value):
            heights.append(float(value[:-1]) * font_px / 100)
        elif (px := length_px(value, font_px)) is not None:
            heights.append(px)
    return max(heights, default=LINE_EM * font_px)
