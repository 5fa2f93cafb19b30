"""The largest an element's text may be, and its lines, where a box that clips holds it.

The hiding rules read a length at the least it may be: text too small to read is hidden.
A box that clips needs the other bound: text larger than read takes more lines than counted,
and a browser cuts the last ones off (``clipped_text``). So here each unit of a text's size
and of its line's height is read at its most:

- a font's units (``ex``, ``ch``, ``cap``, ``ic`` and the root's) at an em: no font a reader
  has draws its "x", its "0" or its capitals larger than its em, and a CJK font's "水" is an
  em (the hiding rules read ``ch`` as half of one, its least);
- ``lh`` and ``rlh`` as the height of the parent's line and of the root's;
- a root's em as the largest size any style may give the root;
- ``font-size-adjust`` (which its descendants inherit) as enlarging the letters by its
  number over the least that font metric is in the fonts a reader has (an x-height of 0.4
  em, Garamond's; Times' is 0.45): Chromium 156 scaled DejaVu Serif by the number over 0.52;
- ``font-size: math`` as any size: ``math-depth`` may enlarge it without bound. A box that
  clips such text is not measured, and all it holds is hidden.

A length of the screen (``vw``) or worked out (``calc()``) is read where the boxes are
(``clipped_text.screen_sized``): such a box is not measured either.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from worksample.prose.clipped_text import NORMAL_LINE, line_px
from worksample.prose.css_units import (
    EM_PER_UNIT,
    INHERITING,
    KEYWORD_PX,
    PX_PER_UNIT,
    ROOT_UNITS,
    finite,
    font_size_word,
)

_AMOUNT = re.compile(r"([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)")
_SIZES = frozenset({"font", "font-size"})
# a font's line height: what follows the "/" after its size
_FONT_LINE = re.compile(r"/\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?[a-z%]*|[a-z-]+)",
                        re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
# Chromium's own keyword past "xxx-large"
_KEYWORD_PX = {**KEYWORD_PX, "-webkit-xxx-large": 48.0}
_SCALED_UP = 1.2  # "larger"
# the least each font metric ``font-size-adjust`` may name is in a reader's fonts, in ems
_LEAST_METRIC = {"ex-height": 0.4, "cap-height": 0.6, "ch-width": 0.45, "ic-width": 0.9,
                 "ic-height": 0.9}
UNBOUNDED = "font-size: math"


class Largest(NamedTuple):
    """The largest an element's text may be, as any style that may win the cascade sets it
    on the element or its ancestors."""

    font_px: float  # its size, as its descendants' ems take it
    line: tuple[str, float]  # the height of its lines (``clipped_text.line_height``)
    adjust: float  # how much a ``font-size-adjust`` may enlarge its letters (1: none)
    unbounded: str  # why it may be any size ('' where it may not)

    @property
    def drawn_px(self) -> float:
        """The size its letters may be drawn at: its size, adjusted."""
        return self.font_px * self.adjust

    @property
    def line_px(self) -> float:
        """The height of its lines in px."""
        return line_px(self.line, self.drawn_px)


PAGE = Largest(16.0, NORMAL_LINE, 1.0, "")


def largest_size(styles: list[dict[str, str]], parent: Largest, root: Largest) -> float:
    """The largest size, in px, any of ``styles`` (declarations, each of which may win) gives
    an element's text inside ``parent``, where the root's is ``root``; the parent's where
    none sets one; ``math.inf`` for ``font-size: math``."""
    sizes = [_size(own, parent, root) for own in styles if not _SIZES.isdisjoint(own)]
    return max(sizes, default=parent.font_px)


def _size(declarations: dict[str, str], parent: Largest, root: Largest) -> float:
    """The size one style's declarations give a text, at its most (a font's units in the
    parent's font)."""
    important = getattr(declarations, "important", frozenset())
    sizes = [(name, _uncommented(value)) for name, value in declarations.items()
             if name in _SIZES]
    name, value = ([size for size in sizes if size[0] in important] or sizes)[-1]
    if name == "font":
        value = font_size_word(value)
    if value == "math":
        return math.inf
    if value in _KEYWORD_PX:
        return _KEYWORD_PX[value]
    if value == "larger":
        return parent.font_px * _SCALED_UP
    if value == "smaller":
        return parent.font_px
    if value.endswith("%") and (amount := _amount(value)) is not None:
        return max(amount[0], 0.0) * parent.font_px / 100
    px = most_px(value, parent, parent.line_px, root)
    return parent.font_px if px is None else px


def largest_line(declarations: dict[str, str], font: Largest, parent: Largest,
                 root: Largest) -> tuple[str, float]:
    """The height an element's ``line-height`` or its ``font`` gives its lines, at its most
    (the larger, where it sets both), as ``clipped_text.line_height`` reads it: a number as a
    factor of each descendant's size, any other as the pixels it is here (its text as large
    as ``font``); the parent's where it sets neither."""
    values = [_uncommented(declarations[name]) for name in ("line-height", "font")
              if name in declarations]
    if "font" in declarations:  # it sets its line height, to normal where it names none
        found = _FONT_LINE.search(values[-1])
        values[-1] = found.group(1) if found else values[-1] if values[-1] in INHERITING \
            else "normal"
    lines = [_line(value, font, parent, root) for value in values]
    return max(lines, key=lambda line: line_px(line, font.drawn_px), default=parent.line)


def _line(value: str, font: Largest, parent: Largest, root: Largest) -> tuple[str, float]:
    """The height one value of ``line-height`` gives lines, at its most (``largest_line``)."""
    if value in INHERITING:
        return parent.line
    if value in ("normal", "initial"):
        return NORMAL_LINE
    amount = _amount(value)
    if amount is not None and amount[1] == "":
        return "factor", max(amount[0], 0.0)
    if amount is not None and amount[1] == "%":
        return "px", max(amount[0], 0.0) * font.drawn_px / 100
    px = most_px(value, font, parent.line_px, root)
    return NORMAL_LINE if px is None else ("px", px)


def most_px(value: str, font: Largest, parent_line_px: float, root: Largest) -> float | None:
    """A length at the most it may be, in px (at least 0), in the units of the text ``font``
    (an ``ex`` of its font as adjusted), of the parent's line ``parent_line_px`` high and of
    the root's text ``root``; None where it is not a length read here."""
    amount = _amount(value)
    if amount is None:
        return None
    number, unit = amount
    if unit in ROOT_UNITS:
        px = root.font_px if unit == "rem" else root.drawn_px
    elif unit in EM_PER_UNIT:
        px = font.font_px if unit == "em" else font.drawn_px
    elif unit == "lh":
        px = parent_line_px
    elif unit == "rlh":
        px = root.line_px
    elif unit in PX_PER_UNIT:  # (of the screen: at its least, ``clipped_text.screen_sized``)
        px = PX_PER_UNIT[unit]
    else:
        return 0.0 if unit == "" and number == 0 else None
    return max(number * px, 0.0)


def size_adjust(styles: list[dict[str, str]], inherited: float) -> float:
    """How much the ``font-size-adjust`` any of ``styles`` sets may enlarge an element's
    letters, at its most; ``inherited`` where none sets one."""
    factors = [_adjusted(own["font-size-adjust"], inherited) for own in styles
               if "font-size-adjust" in own]
    return max(factors, default=inherited)


def _adjusted(value: str, inherited: float) -> float:
    """How much one value of ``font-size-adjust`` may enlarge letters (``size_adjust``)."""
    words = _uncommented(value).split()
    if len(words) == 1 and words[0] in INHERITING:
        return inherited
    metric = words[0] if len(words) == 2 and words[0] in _LEAST_METRIC else "ex-height"
    amount = _amount(words[-1]) if words else None
    if amount is None or amount[1] != "":  # none, from-font, initial
        return 1.0
    return max(amount[0], 0.0) / _LEAST_METRIC[metric]


def _uncommented(value: str) -> str:
    """A value with its comments taken out (a declaration keeps them: "16px/90px/**/serif")."""
    return _COMMENT.sub(" ", value).strip() if "/*" in value else value


def _amount(value: str) -> tuple[float, str] | None:
    """A value's number and unit ("" for none); None where it is not one number."""
    found = _AMOUNT.fullmatch(value.replace("!important", "").strip())
    return (finite(float(found.group(1))), found.group(2)) if found else None

