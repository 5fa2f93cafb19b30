"""CSS's units of length: the pixels each is at least, and which grow with the screen; the
px of a text size's keywords, and the degrees of each unit of angle.

A length of the screen (vw, vh, vmin...) is at least what the smallest screen a reply is read
on makes it (320 by 480 px), and may be any size above: what must not be larger than a box
cannot be measured in it. A container's (cqw...) is at least 0, on a container of no size.
"""

from __future__ import annotations

import math
import re

# (the inline and block axes, vi and vb, may be either way: written vertically, vb is across)
_WIDE = ("vw", "vmin", "svw", "lvw", "dvw", "svmin", "lvmin", "dvmin", "vi", "svi", "lvi", "dvi",
         "vb", "svb", "lvb", "dvb")
_HIGH = ("vh", "vmax", "svh", "lvh", "dvh", "svmax", "lvmax", "dvmax")
_CONTAINER = ("cqw", "cqh", "cqi", "cqb", "cqmin", "cqmax")
# the units whose length does not depend on the screen or a font, in px
ABSOLUTE_PX_PER_UNIT = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54,
                        "mm": 9.6 / 2.54, "q": 2.4 / 2.54}
# each unit not of the font in the pixels it is at least
PX_PER_UNIT = {**ABSOLUTE_PX_PER_UNIT, **dict.fromkeys(_WIDE, 3.2), **dict.fromkeys(_HIGH, 4.8),
               **dict.fromkeys(_CONTAINER, 0.0)}
# the units that grow with the screen or a container, without bound
SCREEN_UNITS = frozenset({*_WIDE, *_HIGH, *_CONTAINER})
# those of the font, in ems; of them, the root's
EM_PER_UNIT = {"em": 1.0, "rem": 1.0, "ic": 1.0, "ric": 1.0, "ex": 0.5, "rex": 0.5, "ch": 0.5,
               "rch": 0.5, "cap": 0.7, "rcap": 0.7}
ROOT_UNITS = frozenset({"rem", "rex", "rch", "rcap", "ric"})
ROOT_PX = 16.0  # a root's em, as the hiding rules take it: a browser's own
LINE_UNITS = frozenset({"lh", "rlh"})  # a line's height
LENGTH_UNITS = frozenset({*PX_PER_UNIT, *EM_PER_UNIT, *LINE_UNITS})
# a text size's keywords (a browser's own sizes), and "initial", the size a browser starts at
KEYWORD_PX = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
              "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0, "initial": 16.0}
# the keywords that leave a property as its parent has it, on the boxes read ("revert" and
# "revert-layer" give back a browser's own style and the rules', which set no size, line or
# wrapping on them)
INHERITING = frozenset({"inherit", "unset", "revert", "revert-layer"})
LARGEST_NUMBER = 1e12  # a number past a float's range is read as this, not as infinite


def finite(number: float) -> float:
    """``number``, or, past ``LARGEST_NUMBER`` either way ("1e400"), that with its sign."""
    return max(-LARGEST_NUMBER, min(LARGEST_NUMBER, number))


# a font shorthand's words: its family's quotes may touch its size ('16px"Arial"')
_FONT_WORDS = re.compile(r"[\s/\"']+")
_UNIT = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?([a-z%]+)")
_SIZE_WORDS = frozenset({*KEYWORD_PX, "-webkit-xxx-large", "larger", "smaller", "math"})


def font_size_word(font: str) -> str:
    """The size a ``font`` shorthand sets: its first length, percentage or size keyword
    (not a weight, "700", nor an oblique's angle, "10deg"); "inherit" where it names none."""
    for word in _FONT_WORDS.split(font):
        unit = _UNIT.fullmatch(word)
        if word in _SIZE_WORDS or unit and (unit.group(1) in LENGTH_UNITS
                                            or unit.group(1) == "%"):
            return word
    return "inherit"


DEGREES_PER_UNIT = {"deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}
