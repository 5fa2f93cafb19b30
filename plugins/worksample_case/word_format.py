"""Whether a Word run shows on the page, by the formatting Word applies to it.

A run's font is what it sets itself, else what its character style sets, else what its
paragraph's style sets (each style through the styles it is based on), else the document's
defaults. Reading only what the run sets itself let text hidden by a style (white, hidden,
1 point) or coloured with the theme's page colour be graded as if a reader saw it.

Text is hidden when a reader cannot tell its colour from the colour under it: no channel
more than ``1 - css_hiding.NEAR_WHITE`` apart (on the white page, each channel at least 240
of 255, the bound HTML's white text is held to). Under it is the nearest of: the run's
highlight or shading, its paragraph's shading (set on them or by their styles), its table
cell's shading, what the table's style shades it with, the page colour, else the white page.
A colour Word picks itself ("auto") is black or white, whichever shows.

A table's style (``TableStyles``) formats a cell by the parts of it that apply there, layered
as Word layers them: the whole table, the column bands, the row bands, the first and last
column, the first and last row, the corner cells; which of them apply is set by the table's
``w:tblLook``. Its font comes below the paragraph's style and above the document's defaults.
A shading whose colour cannot be read (a theme colour without its value) leaves the colour
of the text in that cell unjudged.
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
_STYLE_DEPTH = 32  # styles based on styles: a longer chain (or a loop) is read this far
Colour = tuple[int, int, int]


UNREAD: Colour = (-1, -1, -1)  # a shading whose colour cannot be read: nothing is judged on it


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
        self._styled: dict[tuple[str | None, str | None, Settings], Settings] = {}
        self._tables = TableStyles(self._part)

    def why_hidden(self, run, paragraph, cell=None) -> str:
        """Why ``run`` of ``paragraph`` (in table ``cell``, if it is in one) is invisible on
        the page; '' when it is visible."""
        table_font, table_under = self._tables.formatting(cell)
        font = _set_by(run._r.rPr).over(Settings(under=_shading(paragraph._p.pPr))) \
            .over(self._by_styles(run._r.style, paragraph._p.style, table_font))
        if font.hidden:
            return "Word's hidden-text format"
        under = font.under or _cell_colour(cell) or table_under or self._page
        if font.colour is not None and under is not UNREAD and _alike(font.colour, under):
            return "white text" if _alike(under, WHITE) else "text the colour of what is under it"
        if font.points is not None and font.points < TINY_PX:
            return f"text under {TINY_PX:g} points"
        return ""

    def _by_styles(self, character: str | None, paragraph: str | None,
                   table: Settings) -> Settings:
        key = (character, paragraph, table)
        if key not in self._styled:
            self._styled[key] = _chain(self._part.get_style(character, WD_STYLE_TYPE.CHARACTER)) \
                .over(_chain(self._part.get_style(paragraph, WD_STYLE_TYPE.PARAGRAPH))) \
                .over(table).over(self._defaults)
        return self._styled[key]


class TableStyles:
    """The font and the shading a table's style gives each of its cells (see the module
    docstring). Each table is looked at once, and each set of a style's parts composed once:
    a table of thousands of cells costs little more than one without a style."""

    def __init__(self, part):
        self._part = part
        self._tables: dict[object, _Table | None] = {}
        self._composed: dict[tuple[str, tuple[str, ...]], tuple[Settings, Colour | None]] = {}

    def formatting(self, cell) -> tuple[Settings, Colour | None]:
        """The font the style of ``cell``'s table sets there, and the colour it lays under it
        (``Settings()`` and None outside a table, or in a table of no style)."""
        if cell is None:
            return Settings(), None
        table_element = cell._tc.getparent().getparent()  # w:tc in w:tr in w:tbl
        if table_element not in self._tables:
            self._tables[table_element] = self._table(table_element)
        table = self._tables[table_element]
        if table is None:
            return Settings(), None
        parts = _parts_applying(table.look, table.places.get(cell._tc), table.bands)
        key = (table.style, tuple(parts))
        if key not in self._composed:
            self._composed[key] = _composed(table.chain, parts)
        return self._composed[key]

    def _table(self, table) -> _Table | None:
        """What a table's cells need of it: its style, which parts it shows, where each cell
        is (its row, the last row, its column, the last column of its row; a cell in a content
        control has no place). None for a table of no style."""
        named = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        if table.tag != qn("w:tbl") or named is None:
            return None
        style_id = named.get(qn("w:val"), "")
        chain = _based_on(self._part.get_style(style_id, WD_STYLE_TYPE.TABLE))[::-1]
        rows = table.findall(qn("w:tr"))
        places = {tc: (at_row, len(rows) - 1, at_column, len(cells) - 1)
                  for at_row, row in enumerate(rows) for cells in [row.findall(qn("w:tc"))]
                  for at_column, tc in enumerate(cells)}
        return _Table(style_id, chain, _look(table), _band_sizes(chain), places)


@dataclass(frozen=True)
class _Table:
    style: str
    chain: list  # the style's elements, the style it is based on first: the style itself wins
    look: dict[str, bool]
    bands: tuple[int, int]
    places: dict[object, tuple[int, int, int, int]]


def _composed(chain: list, parts: list[str]) -> tuple[Settings, Colour | None]:
    """The font and the cell shading the ``parts`` of a style (its ``chain``) set together,
    each part over the ones before it."""
    font, under = Settings(), None
    for part in parts:
        for element in chain:
            formats = element if part == "wholeTable" else element.find(
                f"{qn('w:tblStylePr')}[@{qn('w:type')}='{part}']")
            if formats is None:
                continue
            font = _set_by(formats.find(qn("w:rPr"))).over(
                Settings(under=_shading(formats.find(qn("w:pPr"))))).over(font)
            under = _shading(formats.find(qn("w:tcPr"))) or under
    return font, under


def _based_on(style) -> list:
    """The elements of ``style`` and of the styles it is based on, the nearest first."""
    found, seen = [], set()
    while style is not None and style.style_id not in seen and len(seen) < _STYLE_DEPTH:
        seen.add(style.style_id)
        found.append(style.element)
        style = style.base_style
    return found


def _band_sizes(chain: list) -> tuple[int, int]:
    """How many rows and columns make one band of the style (1 unless it says)."""
    sizes = []
    for name in ("w:tblStyleRowBandSize", "w:tblStyleColBandSize"):
        values = [e.find(f"{qn('w:tblPr')}/{qn(name)}") for e in chain]
        value = next((v.get(qn("w:val"), "") for v in reversed(values) if v is not None), "")
        sizes.append(int(value) if value.isdigit() and 0 < int(value) < 1000 else 1)
    return sizes[0], sizes[1]


def _parts_applying(look: dict[str, bool], place: tuple[int, int, int, int] | None,
                    bands: tuple[int, int]) -> list[str]:
    """The parts of a table style (``w:tblStylePr`` types) that format the cell at ``place``
    (see ``TableStyles._place``), in the order Word layers them, the last on top."""
    if place is None:
        return ["wholeTable"]
    at_row, last_row, at_column, last_column = place
    first, last = look["firstRow"] and at_row == 0, look["lastRow"] and at_row == last_row
    left = look["firstColumn"] and at_column == 0
    right = look["lastColumn"] and at_column == last_column
    parts = ["wholeTable"]
    if not look["noVBand"] and not (left or right):
        parts.append(f"band{(at_column - look['firstColumn']) // bands[1] % 2 + 1}Vert")
    if not look["noHBand"] and not (first or last):
        parts.append(f"band{(at_row - look['firstRow']) // bands[0] % 2 + 1}Horz")
    parts += [name for name, applies in (("firstCol", left), ("lastCol", right),
                                         ("firstRow", first), ("lastRow", last)) if applies]
    corners = {"nwCell": first and left, "neCell": first and right, "swCell": last and left,
               "seCell": last and right}
    return parts + [name for name, applies in corners.items() if applies]


_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100,
              "noHBand": 0x200, "noVBand": 0x400}


def _look(table) -> dict[str, bool]:
    """Which parts of its style a table shows (``w:tblLook``: attributes, or the older hex
    mask); none of the conditional ones when it does not say."""
    look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
    if look is None:
        return dict.fromkeys(_LOOK_BITS, False)
    mask = look.get(qn("w:val"), "")
    bits = int(mask, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,4}", mask) else 0
    return {name: (look.get(qn(f"w:{name}")) or ("1" if bits & bit else "0")) not in _OFF
            for name, bit in _LOOK_BITS.items()}


def _chain(style) -> Settings:
    """What ``style`` and the styles it is based on set, the nearest first."""
    found = Settings()
    for element in _based_on(style):
        found = found.over(_set_by(element.rPr).over(Settings(under=_shading(element.pPr))))
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
    return _themed(colour.get(qn("w:themeColor"), ""), colour.get(qn("w:themeShade"), ""),
                   colour.get(qn("w:themeTint"), "")) or _rgb(colour.get(qn("w:val"), ""))


def _themed(theme: str, shade_byte: str, tint_byte: str) -> Colour | None:
    """A theme's page or text colour, darkened by its shade and lightened by its tint; None
    for another theme colour (read by the value written with it)."""
    base = _THEME.get(theme)
    if base is None:
        return None
    shade, tint = _fraction(shade_byte), _fraction(tint_byte)
    return tuple(round(_tinted(channel * (1 if shade is None else shade), tint))
                 for channel in base)  # type: ignore[return-value]


def _tinted(channel: float, tint: float | None) -> float:
    return channel if tint is None else channel * tint + 255 * (1 - tint)


def _shading(properties) -> Colour | None:
    """The colour ``w:shd`` in run, paragraph or cell ``properties`` lays under what they
    hold (None when none, UNREAD when it cannot be read): its fill, or a pattern's colour over
    it in the pattern's share. A theme's page or text colour as a fill is read with its shade
    and tint, as a text colour is."""
    shading = None if properties is None else properties.find(qn("w:shd"))
    if shading is None:
        return None
    fill = _themed(shading.get(qn("w:themeFill"), ""), shading.get(qn("w:themeFillShade"), ""),
                   shading.get(qn("w:themeFillTint"), "")) or _rgb(shading.get(qn("w:fill"), ""))
    if fill is None and shading.get(qn("w:fill"), "auto") != "auto":
        return UNREAD
    pattern = _rgb(shading.get(qn("w:color"), ""))
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
