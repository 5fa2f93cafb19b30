"""What a Word table lays under the text of each of its cells, and the font its style sets
there.

A table's style formats a cell by the parts of it that apply there, layered as Office
layers them: the whole table, the row bands, the column bands, the first and last column,
the first and last row (the rows marked to repeat as a header are first rows too), the
corner cells; the table's ``w:tblLook`` says which it shows, and the style (or the table)
how many rows and columns make a band. A style based on another overrides it part by part.
Its font comes below the paragraph's style and above the document's defaults.

Under a cell's paragraphs is the nearest of: the cell's own shading ("No Color" uncovers what
is below, not the style's), what the style's parts shade it with, its row's shading, the
table's (set on it or by its style), and, for a table inside a cell, what is under that cell;
else the page.

Not read: a row's height, and Word's quirk of letting a table style's font size override
the Normal style's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn

from .word_colours import NO_FILL, OFF, Colour, Palette, Settings, whole_number
from .word_styles import WordStyles

NESTING = 16  # tables in cells of tables: what is under a deeper one is read as the page
_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100,
              "noHBand": 0x200, "noVBand": 0x400}


@dataclass(frozen=True)
class _Place:
    """Where a cell is: its row and the last row, its column and the last column of its row,
    the shading its row sets, whether its row repeats as a header."""

    row: int
    last_row: int
    column: int
    last_column: int
    row_under: Colour | None


@dataclass(frozen=True)
class _Table:
    style: str
    chain: tuple  # the style's elements, the style it is based on first: the style itself wins
    look: dict[str, bool]
    bands: tuple[int, int]
    headers: int  # how many rows from the top repeat as a header (at least the first)
    under: Colour | None  # the table's own shading, else its style's
    places: dict[object, _Place]


class TableStyles:
    """What the tables of one document do to their cells (see the module docstring). Each
    table is looked at once, each set of a style's parts composed once: a table of thousands
    of cells costs little more than one without a style."""

    def __init__(self, styles: WordStyles, palette: Palette):
        self._styles, self._palette = styles, palette
        self._tables: dict[object, _Table] = {}
        self._composed: dict[tuple[tuple, tuple[str, ...]], tuple[Settings, Colour | None]] = {}
        # what one style element sets for one part, read once: thousands of styles based on one
        # style of thousands of parts, each composing it again, took 40 s of CPU for 14 KB.
        # By element, not by the chain's first elements: a chain is cut 32 styles from its top,
        # so no two chains of a long line of styles share them, and caching by them held
        # 1 GB for 86 KB of 10,000 tables in such a line
        self._layers: dict[tuple[object, str], tuple[Settings, Colour | None] | None] = {}
        # what one style element sets, read once: its parts by type, its band sizes and shading
        self._parts: dict[object, dict[str, list]] = {}
        self._said: dict[object, tuple[object, object, Colour | None]] = {}
        # each cell's, read once for all its runs: lxml looks for a cell's properties among
        # all its children, and a cell of thousands of paragraphs cost 55 s of CPU
        self._cells: dict[tuple[object, int], tuple[Settings, Colour | None]] = {}

    def formatting(self, cell) -> tuple[Settings, Colour | None]:
        """The font the style of ``cell``'s table sets in it, and the colour under its
        paragraphs (None: the page's); ``Settings()`` and None outside a table."""
        if cell is None:
            return Settings(), None
        return self._cell(cell._tc, 0)

    def _cell(self, cell, depth: int) -> tuple[Settings, Colour | None]:
        if (cell, depth) not in self._cells:
            self._cells[cell, depth] = self._read_cell(cell, depth)
        return self._cells[cell, depth]

    def _read_cell(self, cell, depth: int) -> tuple[Settings, Colour | None]:
        table_element = _table_of(cell)
        if table_element is None:
            return Settings(), None
        if table_element not in self._tables:
            self._tables[table_element] = self._table(table_element)
        table = self._tables[table_element]
        place = table.places.get(cell)
        font, style_under = Settings(), None
        if table.chain:
            parts = tuple(_parts_applying(table, place))
            # by the style's elements, not the id the table names: every id no style has
            # stands for the default style, which was composed again for each
            if (table.chain, parts) not in self._composed:
                self._composed[table.chain, parts] = self._composition(table.chain, parts)
            font, style_under = self._composed[table.chain, parts]
        own = self._palette.shading(cell.tcPr)
        under = next((colour for colour in (
            own, None if own is NO_FILL else style_under, place and place.row_under,
            table.under) if colour not in (None, NO_FILL)), None)
        outer = table_element.getparent()
        if under is None and outer is not None and outer.tag == qn("w:tc") and depth < NESTING:
            under = self._cell(outer, depth + 1)[1]
        return font, under

    def _table(self, table) -> _Table:
        """What the cells of ``table`` need of it."""
        named = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        style_id = "" if named is None else named.get(qn("w:val"), "")
        chain = () if named is None else tuple(reversed(self._styles.chain(
            self._styles.get(style_id, "table"))))
        rows = _rows(table)
        headers = next((n for n, row in enumerate(rows) if not _repeats(row)), len(rows))
        places = {}
        for at_row, row in enumerate(rows):
            cells = row.findall(qn("w:tc"))
            row_under = self._palette.shading(row.find(qn("w:tblPrEx")))
            for at_column, cell in enumerate(cells):
                places[cell] = _Place(at_row, len(rows) - 1, at_column, len(cells) - 1,
                                      row_under)
        # the first that says each, the table itself, then its style and the ones it is based on
        said = [_said_by(table, self._palette)] + [self._said_by(style) for style in chain[::-1]]
        bands = tuple(_band_size(next((one[n] for one in said if one[n] is not _UNSAID), None))
                      for n in (0, 1))
        under = next((one[2] for one in said if one[2] is not None), None)
        return _Table(style_id, chain, _look(table), bands, max(headers, 1), under, places)

    def _said_by(self, style) -> tuple[object, object, Colour | None]:
        """``_said_by`` of a style element, read once."""
        if style not in self._said:
            self._said[style] = _said_by(style, self._palette)
        return self._said[style]

    def _composition(self, chain: tuple, parts: tuple[str, ...]
                     ) -> tuple[Settings, Colour | None]:
        """The font and the cell shading the ``parts`` of a style (its ``chain``) set together,
        each part over the ones before it; a part that sets no fill uncovers none below it."""
        font, under = Settings(), None
        for part in parts:
            layer, shading = self._layer(chain, part)
            font = layer.over(font)
            under = shading if shading is not None else under
        return font, under

    def _layer(self, chain: tuple, part: str) -> tuple[Settings, Colour | None]:
        """What ``chain`` (a style's elements, the one it is based on first) sets for one
        part: each element over the ones before it; the shading is the last one set."""
        font, under = Settings(), None
        for style in chain:
            own = self._own_layer(style, part)
            if own is not None:  # most styles of a chain set nothing for most parts
                font, under = own[0].over(font), own[1] if own[1] is not None else under
        return font, under

    def _own_layer(self, style, part: str) -> tuple[Settings, Colour | None] | None:
        """What one style element sets for one part, its formats in order, and the shading it
        sets last; None when it sets nothing."""
        if (style, part) not in self._layers:
            font, under, formats = Settings(), None, self._formats(style, part)
            for each in formats:
                font = self._palette.set_by(each.find(qn("w:rPr"))).over(Settings(
                    under=self._palette.shading(each.find(qn("w:pPr"))))).over(font)
                found = self._palette.shading(each.find(qn("w:tcPr")))
                under = found if found is not None else under
            self._layers[style, part] = (None if font == Settings() and under is None
                                         else (font, under))
        return self._layers[style, part]

    def _formats(self, style, part: str) -> list:
        """What a style sets for one of its parts, in order (a part written twice: the second
        over the first): for the whole table, what it sets at its top and in a ``wholeTable``
        part. Its parts are sorted by type once."""
        if style not in self._parts:
            by_type: dict[str, list] = {}
            for conditional in style.iterchildren(qn("w:tblStylePr")):
                by_type.setdefault(conditional.get(qn("w:type"), ""), []).append(conditional)
            self._parts[style] = by_type
        return ([style] if part == "wholeTable" else []) + self._parts[style].get(part, [])


def _table_of(cell):
    """The ``w:tbl`` a ``w:tc`` is in (its row may be inside a content control), or None."""
    parent = cell.getparent()
    for _ in range(4):  # w:tr, then w:sdtContent and w:sdt around a row
        if parent is None or parent.tag == qn("w:tbl"):
            return parent
        parent = parent.getparent()
    return None


def _repeats(row) -> bool:
    """Whether ``row`` repeats as a header on each page (``w:tblHeader``)."""
    header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    return header is not None and header.get(qn("w:val"), "on") not in OFF


_UNSAID = object()  # no element of those asked sets a band size


def _said_by(element, palette: Palette) -> tuple[object, object, Colour | None]:
    """How many rows and how many columns make one band, as ``element`` (a table or a table
    style) says in its ``w:tblPr`` (a number, None for a value that is none, ``_UNSAID`` when it
    does not say), and the shading its first ``w:tblPr`` sets (None: none)."""
    sizes: list[object] = [_UNSAID, _UNSAID]
    for properties in element.iterchildren(qn("w:tblPr")):
        for n, name in enumerate(("w:tblStyleRowBandSize", "w:tblStyleColBandSize")):
            if sizes[n] is _UNSAID and (found := properties.find(qn(name))) is not None:
                sizes[n] = whole_number(found.get(qn("w:val"), ""))
    return sizes[0], sizes[1], palette.shading(element.find(qn("w:tblPr")))


def _band_size(said) -> int:
    """A band size as said, else 1."""
    return said if isinstance(said, int) and said > 0 else 1


def _rows(table) -> list:
    """The rows of ``table``, a row inside a content control too, in order (read in one pass:
    lxml's XPath union of the two took time growing with the square of the rows)."""
    rows = []
    for child in table.iterchildren(qn("w:tr"), qn("w:sdt")):
        if child.tag == qn("w:tr"):
            rows.append(child)
        else:
            content = child.find(qn("w:sdtContent"))
            rows += [] if content is None else content.findall(qn("w:tr"))
    return rows


def _parts_applying(table: _Table, place: _Place | None) -> list[str]:
    """The parts of the table's style (``w:tblStylePr`` types) that format the cell at
    ``place``, in the order Office layers them, the last on top; the whole table's only for a
    cell with no place (in a row Word would not lay out)."""
    if place is None:
        return ["wholeTable"]
    look, (row_band, column_band) = table.look, table.bands
    first = look["firstRow"] and place.row < table.headers
    last = look["lastRow"] and place.row == place.last_row
    left = look["firstColumn"] and place.column == 0
    right = look["lastColumn"] and place.column == place.last_column
    parts = ["wholeTable"]
    if not look["noHBand"] and not (first or last):
        body_row = place.row - (table.headers if look["firstRow"] else 0)
        parts.append(f"band{body_row // row_band % 2 + 1}Horz")
    if not look["noVBand"] and not (left or right):
        parts.append(f"band{(place.column - look['firstColumn']) // column_band % 2 + 1}Vert")
    parts += [name for name, applies in (("firstCol", left), ("lastCol", right),
                                         ("firstRow", first), ("lastRow", last)) if applies]
    corners = {"nwCell": first and left, "neCell": first and right, "swCell": last and left,
               "seCell": last and right}
    return parts + [name for name, applies in corners.items() if applies]


def _look(table) -> dict[str, bool]:
    """Which parts of its style a table shows (``w:tblLook``: attributes, or the older hex
    mask); none of the conditional ones when it does not say."""
    look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
    if look is None:
        return dict.fromkeys(_LOOK_BITS, False)
    mask = look.get(qn("w:val"), "")
    bits = int(mask, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,4}", mask) else 0
    return {name: (look.get(qn(f"w:{name}")) or ("1" if bits & bit else "0")) not in OFF
            for name, bit in _LOOK_BITS.items()}
