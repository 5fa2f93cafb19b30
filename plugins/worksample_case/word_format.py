"""Whether a Word run shows on the page, by the formatting Word applies to it.

A run's font is what it sets itself, else what its character style sets, else what its
paragraph's style sets (each style through the styles it is based on), else the document's
defaults. Reading only what the run sets itself let text hidden by a style (white, hidden,
1 point) or coloured with the theme's page colour be graded as if a reader saw it.

White text (or nearly white: each channel at least ``css_hiding.NEAR_WHITE``, as in HTML) is
hidden only where nothing under it is shaded: a highlight or a shading of the
run, of its paragraph (set on them or by their styles), or of its table cell, or a table
style (which may shade its rows). White on a dark header cell is how many tables look; an
HTML reply's white text with a background is read the same way (``prose.markup``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from worksample.prose.css_hiding import NEAR_WHITE, TINY_PX

# a theme's page colours are white and its text colours black, in any usual theme
_THEME_LIGHTNESS = {"background1": 1.0, "light1": 1.0, "text1": 0.0, "dark1": 0.0}
_OFF = frozenset({"0", "false", "off"})  # an on-off property set off
_UNHIGHLIGHTED = frozenset({"", "none", "white"})
_PLAIN_TABLES = frozenset({"", "TableNormal", "TableGrid"})  # table styles that shade nothing
_STYLE_DEPTH = 32  # styles based on styles: a longer chain (or a loop) is read this far


@dataclass(frozen=True)
class Settings:
    """What hides text, or shows white text, as set at one level (None: not set there)."""

    hidden: bool | None = None
    white: bool | None = None
    points: float | None = None
    shaded: bool | None = None

    def over(self, below: Settings) -> Settings:
        """This level's settings, and ``below``'s where this one sets nothing."""
        return Settings(*(mine if mine is not None else theirs for mine, theirs in
                          zip((self.hidden, self.white, self.points, self.shaded),
                              (below.hidden, below.white, below.points, below.shaded),
                              strict=True)))


class WordFormatting:
    """The formatting Word applies to the runs of one document."""

    def __init__(self, document):
        self._part = document.part
        self._defaults = _defaults(document.styles.element)
        self._styled: dict[tuple[str | None, str | None], Settings] = {}

    def why_hidden(self, run, paragraph, cell=None) -> str:
        """Why ``run`` of ``paragraph`` (in table ``cell``, if it is in one) is invisible on
        the page; '' when it is visible."""
        font = _set_by(run.font, run._r.rPr).over(Settings(shaded=_shades(paragraph._p.pPr))) \
            .over(self._by_styles(run._r.style, paragraph._p.style))
        if font.hidden:
            return "Word's hidden-text format"
        if font.white and not font.shaded and not _shaded_cell(cell):
            return "white text"
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
        found = found.over(_set_by(style.font, element.rPr)
                           .over(Settings(shaded=_shades(element.pPr))))
        style = style.base_style
    return found


def _set_by(font, properties) -> Settings:
    """What a python-docx ``Font`` (a run's or a style's) and its run properties set."""
    white = _white(None if properties is None else properties.find(qn("w:color")))
    highlight = None if properties is None else properties.find(qn("w:highlight"))
    shaded = _shades(properties)
    if highlight is not None:
        shaded = shaded or highlight.get(qn("w:val"), "").lower() not in _UNHIGHLIGHTED
    return Settings(hidden=font.hidden, white=white,
                    points=font.size.pt if font.size is not None else None, shaded=shaded)


def _shades(properties) -> bool | None:
    """Whether run, paragraph or cell ``properties`` shade what they hold (None: they set
    no shading)."""
    shading = None if properties is None else properties.find(qn("w:shd"))
    if shading is None:
        return None
    pattern = shading.get(qn("w:val"), "clear") not in ("clear", "nil")  # drawn in its colour
    return (_shading(shading.get(qn("w:fill"), ""))
            or pattern and _shading(shading.get(qn("w:color"), "")))


def _shading(fill: str) -> bool:
    """Whether a shading's colour makes the page under it other than white."""
    return fill.upper() not in ("", "AUTO") and not _near_white(fill)


def _shaded_cell(cell) -> bool:
    """Whether a table cell may be shaded: by its own shading, or by its table's style."""
    if cell is None:
        return False
    if _shades(cell._tc.tcPr):
        return True
    table = cell._tc.getparent().getparent()  # w:tc in w:tr in w:tbl
    style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    return style is not None and style.get(qn("w:val"), "") not in _PLAIN_TABLES


def _defaults(styles) -> Settings:
    """The document's default run formatting (``w:docDefaults``), read from its XML."""
    properties = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if properties is None:
        return Settings()
    vanish, colour, size = (properties.find(qn(f"w:{name}")) for name in ("vanish", "color", "sz"))
    hidden = None if vanish is None else vanish.get(qn("w:val"), "true") not in _OFF
    white = _white(colour)
    points = None
    if size is not None and (half_points := size.get(qn("w:val"), "")).isdigit():
        points = int(half_points) / 2
    return Settings(hidden, white, points, _shades(properties))


def _white(colour) -> bool | None:
    """Whether a ``w:color`` sets a colour a reader cannot tell from the white page (None when
    there is none). A theme's page colour is white and its text colour black, each as its
    shade darkens it or its tint lightens it ("White, Background 1, Darker 50%" is grey;
    "Text 1" with a tint of 5% is nearly white); another theme colour is read by its value."""
    if colour is None:
        return None
    lightness = _THEME_LIGHTNESS.get(colour.get(qn("w:themeColor"), ""))
    if lightness is None:
        return _near_white(colour.get(qn("w:val"), ""))
    shade, tint = (_fraction(colour.get(qn(name), "")) for name in ("w:themeShade", "w:themeTint"))
    if shade is not None:
        lightness *= shade
    if tint is not None:
        lightness = lightness * tint + 1 - tint
    return lightness >= NEAR_WHITE


def _fraction(byte: str) -> float | None:
    """A theme shade's or tint's hex byte ("80") as a fraction of 255, or None."""
    return int(byte, 16) / 255 if re.fullmatch(r"[0-9A-Fa-f]{2}", byte) else None


def _near_white(rgb: str) -> bool:
    """Whether a hex colour ("F8F8F8") is one a reader cannot tell from the white page: each
    channel at least ``NEAR_WHITE``, the bound HTML's colours are held to."""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
        return False  # "auto", or no colour at all
    return min(int(rgb[at:at + 2], 16) for at in (0, 2, 4)) >= NEAR_WHITE * 255
