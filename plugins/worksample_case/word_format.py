"""Whether a Word run shows on the page, by the formatting Word applies to it.

A run's font is what it sets itself, else what its character style sets, else what its
paragraph's style sets (each style through the styles it is based on), else the document's
defaults. Reading only what the run sets itself let text hidden by a style (white, hidden,
1 point) or coloured with the theme's page colour be graded as if a reader saw it.

Text is hidden when a reader cannot tell its colour from the colour under it: no channel
more than ``1 - css_hiding.NEAR_WHITE`` apart (on the white page, each channel at least 240
of 255, the bound HTML's white text is held to). Under it is the nearest of: the run's
highlight or shading, its paragraph's shading (set on them or by their styles), its table
cell's shading, the page colour, else the white page. A table style may shade its rows in
ways not read here: text in a styled table is judged only against what its cell sets. A
colour Word picks itself ("auto") is black or white, whichever shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from worksample.prose.css_hiding import NEAR_WHITE, TINY_PX

WHITE = (255, 255, 255)
# a theme's page colours are white and its text colours black, in any usual theme
_THEME = {"background1": WHITE, "light1": WHITE, "text1": (0, 0, 0), "dark1": (0, 0, 0)}
_HIGHLIGHTS = {"black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00",
               "magenta": "FF00FF", "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF",
               "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
               "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
               "darkGray": "808080", "lightGray": "C0C0C0"}
_OFF = frozenset({"0", "false", "off"})  # an on-off property set off
_PLAIN_TABLES = frozenset({"", "TableNormal", "TableGrid"})  # table styles that shade nothing
_STYLE_DEPTH = 32  # styles based on styles: a longer chain (or a loop) is read this far
Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Settings:
    """What hides text, as set at one level (None: not set there): the hidden format, the
    text's colour, its size, and the colour under it."""

    hidden: bool | None = None
    colour: Colour | None = None
    points: float | None = None
    under: Colour | None = None

    def over(self, below: Settings) -> Settings:
        """This level's settings, and ``below``'s where this one sets nothing."""
        return Settings(*(mine if mine is not None else theirs for mine, theirs in
                          zip((self.hidden, self.colour, self.points, self.under),
                              (below.hidden, below.colour, below.points, below.under),
                              strict=True)))


class WordFormatting:
    """The formatting Word applies to the runs of one document."""

    def __init__(self, document):
        self._part = document.part
        self._defaults = _defaults(document.styles.element)
        background = document.element.find(qn("w:background"))
        self._page = (_rgb(background.get(qn("w:color"), "")) if background is not None
                      else None) or WHITE
        self._styled: dict[tuple[str | None, str | None], Settings] = {}

    def why_hidden(self, run, paragraph, cell=None) -> str:
        """Why ``run`` of ``paragraph`` (in table ``cell``, if it is in one) is invisible on
        the page; '' when it is visible."""
        font = _set_by(run._r.rPr).over(Settings(under=_shading(paragraph._p.pPr))) \
            .over(self._by_styles(run._r.style, paragraph._p.style))
        if font.hidden:
            return "Word's hidden-text format"
        under = font.under or _cell_colour(cell) or (None if _styled_table(cell)
                                                     else self._page)
        if font.colour is not None and under is not None and _alike(font.colour, under):
            return "white text" if _alike(under, WHITE) else "text the colour of what is under it"
        if font.points is not None and font.points < TINY_PX:
            return f"text under {TINY_PX:g} points"
        return ""

    def _by_styles(self, character: str | None, paragraph: str | None) -> Settings:
        key = (character, paragraph)
        if key not in self._styled:
            self._styled[key] = _chain(self._part.get_style(character, WD_STYLE_TYPE.CHARACTER)) \
                .over(_chain(self._part.get_style(paragraph, WD_STYLE_TYPE.PARAGRAPH))) \
                .over(self._defaults)
        return self._styled[key]


def _chain(style) -> Settings:
    """What ``style`` and the styles it is based on set, the nearest first."""
    found, seen = Settings(), set()
    while style is not None and style.style_id not in seen and len(seen) < _STYLE_DEPTH:
        seen.add(style.style_id)
        element = style.element
        found = found.over(_set_by(element.rPr).over(Settings(under=_shading(element.pPr))))
        style = style.base_style
    return found


def _set_by(properties) -> Settings:
    """What run properties (``w:rPr``, a run's, a style's or the defaults') set."""
    if properties is None:
        return Settings()
    vanish, colour, size, highlight = (properties.find(qn(f"w:{name}")) for name in
                                       ("vanish", "color", "sz", "highlight"))
    points = None
    if size is not None and (half_points := size.get(qn("w:val"), "")).lstrip("-").isdigit():
        points = int(half_points) / 2
    under = _shading(properties)
    if highlight is not None and (marked := _HIGHLIGHTS.get(highlight.get(qn("w:val"), ""))):
        under = _rgb(marked)
    return Settings(hidden=None if vanish is None else vanish.get(qn("w:val"), "on") not in _OFF,
                    colour=_text_colour(colour), points=points, under=under)


def _text_colour(colour) -> Colour | None:
    """The colour a ``w:color`` sets (None when none, or "auto"). A theme's page colour is
    white and its text colour black, each as its shade darkens it or its tint lightens it
    ("White, Background 1, Darker 50%" is grey; "Text 1" tinted 5% is nearly white); another
    theme colour is read by its value."""
    if colour is None:
        return None
    base = _THEME.get(colour.get(qn("w:themeColor"), ""))
    if base is None:
        return _rgb(colour.get(qn("w:val"), ""))
    shade, tint = (_fraction(colour.get(qn(name), "")) for name in ("w:themeShade", "w:themeTint"))
    return tuple(round(_tinted(channel * (1 if shade is None else shade), tint))
                 for channel in base)  # type: ignore[return-value]


def _tinted(channel: float, tint: float | None) -> float:
    return channel if tint is None else channel * tint + 255 * (1 - tint)


def _shading(properties) -> Colour | None:
    """The colour ``w:shd`` in run, paragraph or cell ``properties`` lays under what they
    hold (None when none): its fill, or a pattern's colour over it in the pattern's share."""
    shading = None if properties is None else properties.find(qn("w:shd"))
    if shading is None:
        return None
    fill, pattern = _rgb(shading.get(qn("w:fill"), "")), _rgb(shading.get(qn("w:color"), ""))
    kind = shading.get(qn("w:val"), "clear")
    if kind in ("clear", "nil") or pattern is None:
        return fill
    share = 1.0 if kind == "solid" else (int(kind[3:]) / 100 if re.fullmatch(r"pct\d{1,2}", kind)
                                         else 0.5)
    base = fill or WHITE
    return tuple(round(p * share + b * (1 - share))
                 for p, b in zip(pattern, base, strict=True))  # type: ignore[return-value]


def _cell_colour(cell) -> Colour | None:
    return None if cell is None else _shading(cell._tc.tcPr)


def _styled_table(cell) -> bool:
    """Whether a table cell's table has a style that may shade it."""
    if cell is None:
        return False
    table = cell._tc.getparent().getparent()  # w:tc in w:tr in w:tbl
    style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    return style is not None and style.get(qn("w:val"), "") not in _PLAIN_TABLES


def _defaults(styles) -> Settings:
    """The document's default run formatting (``w:docDefaults``)."""
    return _set_by(styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))


def _alike(colour: Colour, under: Colour) -> bool:
    """Whether a reader cannot tell ``colour`` from ``under``: no channel further apart than
    white is from the near-white bound."""
    return max(abs(a - b) for a, b in zip(colour, under, strict=True)) <= (1 - NEAR_WHITE) * 255


def _fraction(byte: str) -> float | None:
    """A theme shade's or tint's hex byte ("80") as a fraction of 255, or None."""
    return int(byte, 16) / 255 if re.fullmatch(r"[0-9A-Fa-f]{2}", byte) else None


def _rgb(hex_colour: str) -> Colour | None:
    """A hex colour ("1F3864") as channels; None for "auto" or anything else."""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", hex_colour):
        return None
    return tuple(int(hex_colour[at:at + 2], 16) for at in (0, 2, 4))  # type: ignore[return-value]
