"""A Word document's styles, each read once, looked up by id.

python-docx finds a style by searching every style of the document, and the default style of
a type by reading the type of every style, each time it is asked: a document of thousands of
styles, each paragraph in a style of its own, took time growing with the square of its size
(35 s of CPU for a 55 KB file). Here the styles are read in one pass and looked up in a
dictionary, by python-docx's rules: a style id that names no style, or a style of another
type, stands for the type's default style (the last one marked default); the first of two
styles with one id wins. A style that says no type is a paragraph style, as the standard
says; a style of a type python-docx does not know is never found (python-docx refused the
whole document for it, and for a style id holding a quotation mark).
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.styles import BabelFish

STYLE_DEPTH = 32  # styles based on styles: a longer chain (or a loop) is read this far
_ON = frozenset({"1", "true", "on"})


class WordStyles:
    """The styles of one document, by id, and each type's default."""

    def __init__(self, document):
        self._by_id: dict[str, object] = {}
        self._defaults: dict[str, object] = {}
        # each style's type, read once: lxml copies an attribute out each time it is read, and
        # a type 400,000 letters long read for each paragraph took 6.6 s for 8 KB
        self._kinds: dict[object, str] = {}
        # by style element: lxml looks for a child among all of a style's children, and a
        # style of 40,000 children looked at for each paragraph took 6.9 s for 25 KB
        self._names: dict[object, str] = {}
        self._chains: dict[object, tuple] = {}
        self._bases: dict[object, object] = {}
        for style in document.styles.element.iterchildren(qn("w:style")):
            self._by_id.setdefault(style.get(qn("w:styleId"), ""), style)
            self._kinds[style] = style.get(qn("w:type")) or "paragraph"
            if style.get(qn("w:default"), "") in _ON:
                self._defaults[self._kinds[style]] = style

    def get(self, style_id: str | None, kind: str):
        """The style element of type ``kind`` ("paragraph", "character", "table") that
        ``style_id`` names, else the type's default; None when there is neither."""
        style = self._by_id.get(style_id) if style_id else None
        if style is None or self._kinds[style] != kind:
            return self._defaults.get(kind)
        return style

    def chain(self, style) -> tuple:
        """The elements of ``style`` and of the styles it is based on, the nearest first (a
        loop or a chain longer than ``STYLE_DEPTH`` read that far)."""
        if style is None:
            return ()
        if style not in self._chains:
            found, seen, at = [], set(), style
            while at is not None and id(at) not in seen and len(seen) < STYLE_DEPTH:
                seen.add(id(at))
                found.append(at)
                at = self._based_on(at)
            self._chains[style] = tuple(found)
        return self._chains[style]

    def _based_on(self, style):
        """The style element ``style`` is based on, or None; looked for once for each style
        (thousands of styles based on one of thousands of children walked it for each)."""
        if style not in self._bases:
            based = style.find(qn("w:basedOn"))
            self._bases[style] = (None if based is None
                                  else self._by_id.get(based.get(qn("w:val"), "")))
        return self._bases[style]

    def name(self, style) -> str:
        """``style_name`` of ``style``, read once for each style."""
        if style is None:
            return ""
        if style not in self._names:
            self._names[style] = style_name(style)
        return self._names[style]


def style_name(style) -> str:
    """The name a reader sees for a style element ("Heading 1"); '' for None or no name."""
    if style is None:
        return ""
    named = style.find(qn("w:name"))
    name = None if named is None else named.get(qn("w:val"))
    return BabelFish.internal2ui(name) if name else ""
