"""What one level of Word formatting sets that can hide text: the hidden format, the text's
colour and size (``w:rPr``), and the colour it lays under text (``w:shd``, a highlight).

Colours are read as Word paints them: a theme colour as the document's theme part defines it
(``Palette``: by default the page white and the text black), darkened by a shade and
lightened by a tint ("White, Background 1, Darker 50%" is grey); one the theme lacks by the
value written with it. Some values say something without
being a colour: ``AUTO`` (a text colour Word picks itself, black or white, whichever shows:
never hidden), ``NO_FILL`` (a shading set to none, which uncovers what is below it) and
``UNREAD`` (a shading whose colour cannot be read, a theme colour with no value: nothing is
judged on it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from worksample.prose import contrast

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)
AUTO: Colour = (-2, -2, -2)
NO_FILL: Colour = (-3, -3, -3)
UNREAD: Colour = (-1, -1, -1)
SAYS_NOTHING = frozenset({AUTO, NO_FILL, UNREAD})  # no colour to judge text by
# a theme's page colours are white and its text colours black, in any usual theme
_THEME = {"background1": WHITE, "light1": WHITE, "text1": BLACK, "dark1": BLACK}
# a theme part's slots, and the names runs and shadings give them
_THEME_NAMES = {"dk1": ("dark1", "text1"), "lt1": ("light1", "background1"),
                "dk2": ("dark2", "text2"), "lt2": ("light2", "background2"),
                "hlink": ("hyperlink",), "folHlink": ("followedHyperlink",)}
_THEME_SLOTS = 12  # dk1, lt1, dk2, lt2, six accents, two link colours
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_HIGHLIGHTS = {"black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00",
               "magenta": "FF00FF", "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF",
               "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
               "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
               "darkGray": "808080", "lightGray": "C0C0C0"}
OFF = frozenset({"0", "false", "off"})  # an on-off property set off


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


class Palette:
    """The colours of one document's theme, by the names runs and shadings use ("text1",
    "accent2" ...), and the readers of formatting that need them. A theme part that is
    missing or cannot be read gives the usual one: the page white, the text black, other
    theme colours read by the value written with them."""

    def __init__(self, themes: dict[str, Colour] | None = None):
        self.themes = _THEME | (themes or {})

    @classmethod
    def of(cls, document) -> Palette:
        """The palette of ``document``'s theme part (``a:clrScheme``)."""
        try:
            theme = parse_xml(document.part.part_related_by(RT.THEME).blob)
        except Exception:  # no theme part, or one that is not XML: the usual colours
            return cls()
        scheme = theme.find(f".//{{{_DRAWING}}}clrScheme")
        found: dict[str, Colour] = {}
        for slot in [] if scheme is None else list(scheme)[:_THEME_SLOTS]:
            name = etree.QName(slot).localname if isinstance(slot.tag, str) else ""
            value = next((child.get("lastClr") or child.get("val") or "" for child in slot), "")
            if (colour := rgb(value)) is not None:
                for alias in _THEME_NAMES.get(name, (name,)):
                    found[alias] = colour
        return cls(found)

    def set_by(self, properties) -> Settings:
        """What run properties (``w:rPr``, a run's, a style's or the defaults') set."""
        if properties is None:
            return Settings()
        vanish, colour, size, highlight = (properties.find(qn(f"w:{name}")) for name in
                                           ("vanish", "color", "sz", "highlight"))
        half_points = None if size is None else whole_number(size.get(qn("w:val"), ""))
        under = self.shading(properties)
        if under is NO_FILL:  # a run with no shading of its own shows its paragraph's
            under = None
        if highlight is not None and (marked := _HIGHLIGHTS.get(highlight.get(qn("w:val"), ""))):
            under = rgb(marked)
        return Settings(
            hidden=None if vanish is None else vanish.get(qn("w:val"), "on") not in OFF,
            colour=self.text_colour(colour),
            points=None if half_points is None else half_points / 2, under=under)

    def text_colour(self, colour) -> Colour | None:
        """The colour a ``w:color`` sets: None when none, ``AUTO`` for Word's own choice."""
        if colour is None:
            return None
        value = colour.get(qn("w:val"), "")
        return self.themed(colour.get(qn("w:themeColor"), ""),
                           colour.get(qn("w:themeShade"), ""),
                           colour.get(qn("w:themeTint"), "")) or rgb(value) or (
            AUTO if value == "auto" else None)

    def shading(self, properties) -> Colour | None:
        """The colour ``w:shd`` in run, paragraph, cell or table ``properties`` lays under
        what they hold: its fill, or a pattern's colour over it in the pattern's share (an
        automatic pattern colour is black); None when there is no ``w:shd``, ``NO_FILL`` when
        it fills nothing, ``UNREAD`` when its colour cannot be read."""
        found = None if properties is None else properties.find(qn("w:shd"))
        if found is None:
            return None
        kind, written = found.get(qn("w:val"), "clear"), found.get(qn("w:fill"), "auto")
        theme = found.get(qn("w:themeFill"), "")
        fill = self.themed(theme, found.get(qn("w:themeFillShade"), ""),
                           found.get(qn("w:themeFillTint"), "")) or rgb(written)
        if fill is None and (written != "auto" or theme):
            return UNREAD
        if kind == "nil" or kind == "clear" and fill is None:
            return NO_FILL
        if kind == "clear":
            return fill
        pattern = rgb(found.get(qn("w:color"), "")) or BLACK
        share = 1.0 if kind == "solid" else (
            int(kind[3:]) / 100 if re.fullmatch(r"pct\d{1,2}", kind) else 0.5)
        base = fill or WHITE
        return tuple(round(p * share + b * (1 - share))
                     for p, b in zip(pattern, base, strict=True))  # type: ignore[return-value]

    def themed(self, theme: str, shade_byte: str, tint_byte: str) -> Colour | None:
        """A theme colour, darkened by its shade and lightened by its tint; None for one the
        palette lacks (read by the value written with it)."""
        base = self.themes.get(theme)
        if base is None:
            return None
        shade, tint = _fraction(shade_byte), _fraction(tint_byte)
        return tuple(round(_tinted(channel * (1 if shade is None else shade), tint))
                     for channel in base)  # type: ignore[return-value]


def alike(colour: Colour, under: Colour) -> bool:
    """Whether a reader cannot tell ``colour`` from ``under`` (``contrast.alike``: channels
    nearly the same, or too little contrast)."""
    return contrast.alike(tuple(channel / 255 for channel in colour),
                          tuple(channel / 255 for channel in under))


def rgb(hex_colour: str) -> Colour | None:
    """A hex colour ("1F3864") as channels; None for "auto" or anything else."""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", hex_colour):
        return None
    return tuple(int(hex_colour[at:at + 2], 16) for at in (0, 2, 4))  # type: ignore[return-value]


def whole_number(text: str) -> int | None:
    """An attribute's whole number, in ASCII digits ("²" is a digit to ``str.isdigit`` but
    not to ``int``), or None."""
    return int(text) if re.fullmatch(r"-?[0-9]{1,9}", text) else None


def _tinted(channel: float, tint: float | None) -> float:
    return channel if tint is None else channel * tint + 255 * (1 - tint)


def _fraction(byte: str) -> float | None:
    """A theme shade's or tint's hex byte ("80") as a fraction of 255, or None."""
    return int(byte, 16) / 255 if re.fullmatch(r"[0-9A-Fa-f]{2}", byte) else None
