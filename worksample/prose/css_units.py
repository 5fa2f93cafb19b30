"""CSS's units of length: the pixels each is at least, and which grow with the screen.

A length of the screen (vw, vh, vmin...) is at least what the smallest screen a reply is read
on makes it (320 by 480 px), and may be any size above: what must not be larger than a box
cannot be measured in it. A container's (cqw...) is at least 0, on a container of no size.
"""

from __future__ import annotations

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
