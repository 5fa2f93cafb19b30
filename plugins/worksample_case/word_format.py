"""Whether a Word run shows on the page, by the formatting Word applies to it.

A run's font is what it sets itself, else what its character style sets, else what its
paragraph's style sets (each style through the styles it is based on), else what its table's
style sets in its cell (``word_tables``), else the document's defaults. Reading only what the
run sets itself let text hidden by a style (white, hidden, 1 point) or coloured with the
theme's page colour be graded as if a reader saw it.

Text is hidden when a reader cannot tell its colour from the colour under it, by the bound
HTML's text is held to (``contrast.alike``): no channel more than ``1 - NEAR_WHITE`` apart
(on the white page, each channel at least 240 of 255), or too little contrast (yellow on
white). Under it is the nearest of: the run's
highlight or shading, its paragraph's shading (set on them or by their styles), what its
table puts under its cell (``word_tables``), the page colour, else the white page. A colour
Word picks itself ("auto") is black or white, whichever shows; a shading whose colour cannot
be read leaves the text on it unjudged (``word_colours``).
"""

from __future__ import annotations

from docx.oxml.ns import qn

from worksample.prose.css_hiding import TINY_PX

from .word_colours import NO_FILL, SAYS_NOTHING, WHITE, Palette, Settings, alike, rgb
from .word_styles import WordStyles
from .word_tables import TableStyles


class WordFormatting:
    """The formatting Word applies to the runs of one document."""

    def __init__(self, document, styles: WordStyles):
        self._styles = styles
        self._palette = palette = Palette.of(document)
        self._defaults = palette.set_by(document.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
        background = document.element.find(qn("w:background"))
        self._page = (rgb(background.get(qn("w:color"), "")) if background is not None
                      else None) or WHITE
        # by the style elements the ids name, not the ids: each run naming a style id of its
        # own that no style has (the default's) read the default's chain again
        self._styled: dict[tuple[object, object, Settings], Settings] = {}
        self._chains: dict[object, Settings] = {}
        self._owns: dict[object, Settings] = {}
        self._tables = TableStyles(styles, palette)
        self._paragraph: tuple[object, Settings, str | None] | None = None

    def why_hidden(self, run, paragraph, cell=None) -> str:
        """Why ``run`` of ``paragraph`` (in table ``cell``, if it is in one) is invisible on
        the page; '' when it is visible."""
        table_font, cell_under = self._tables.formatting(cell)
        shaded, style = self._own(paragraph)
        font = self._palette.set_by(run._r.rPr).over(shaded) \
            .over(self._by_styles(run._r.style, style, table_font))
        if font.hidden:
            return "Word's hidden-text format"
        under = next(colour for colour in (font.under, cell_under, self._page)
                     if colour not in (None, NO_FILL))
        if font.colour is not None and not {font.colour, under} & SAYS_NOTHING \
                and alike(font.colour, under):
            return "white text" if alike(under, WHITE) else "text the colour of what is under it"
        if font.points is not None and font.points < TINY_PX:
            return f"text under {TINY_PX:g} points"
        return ""

    def _own(self, paragraph) -> tuple[Settings, str | None]:
        """What ``paragraph`` sets itself: its shading and its style, read once for all its
        runs (lxml looks for a child among all of a paragraph's children: thousands of runs
        each looking made a 40 KB document cost 53 s of CPU)."""
        if self._paragraph is None or self._paragraph[0] is not paragraph._p:
            element = paragraph._p
            self._paragraph = (element, Settings(under=self._palette.shading(element.pPr)),
                               element.style)
        return self._paragraph[1], self._paragraph[2]

    def _by_styles(self, character: str | None, paragraph: str | None,
                   table: Settings) -> Settings:
        key = (self._styles.get(character, "character"), self._styles.get(paragraph, "paragraph"),
               table)
        if key not in self._styled:
            self._styled[key] = self._chain(key[0]).over(self._chain(key[1])) \
                .over(table).over(self._defaults)
        return self._styled[key]

    def _chain(self, style) -> Settings:
        """What ``style`` and the styles it is based on set, the nearest first; read once for
        each style."""
        if style not in self._chains:
            found = Settings()
            for element in self._styles.chain(style):
                found = found.over(self._own_settings(element))
            self._chains[style] = found
        return self._chains[style]

    def _own_settings(self, style) -> Settings:
        """What ``style`` sets itself, read once for each style (a style many others are
        based on was read again for each of them)."""
        if style not in self._owns:
            self._owns[style] = self._palette.set_by(style.rPr).over(
                Settings(under=self._palette.shading(style.pPr)))
        return self._owns[style]
