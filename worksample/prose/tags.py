"""Tags read as the HTML standard's tokenizer reads them, for what the tree a browser builds
(``page_text``) does not tell: how far a text's tags go (``scan``), to a tag, a comment or raw
text the text never ends, which a browser drops, and how many elements they leave open one
inside another.

A tag's name ends only at white space, "/" or ">" and is lowered in ASCII alone; white space
is HTML's five characters, not Unicode's; a ">" inside a quoted attribute value ends no tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = re.compile(r"[\t\n\f\r ]*")
_SPACES_AND_SLASHES = re.compile(r"[\t\n\f\r /]*")
_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")  # a first "=" is part of the name
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(name: str) -> str:
    """``name`` lowered as HTML lowers a tag's or an attribute's name: A-Z only."""
    return name.translate(_ASCII_LOWER)


def tag_end(text: str, at: int) -> int:
    """Where the tag whose name ends at ``at`` in ``text`` ends, past its ">" (its attributes
    read by the standard's states from "before attribute name" on); -1 when the text ends
    first (a browser drops a tag the file ends in)."""
    end = len(text)
    while True:
        at = _SPACES_AND_SLASHES.match(text, at).end()
        if at >= end:
            return -1
        if text[at] == ">":
            return at + 1
        at = _SPACES.match(text, _NAME.match(text, at).end()).end()
        if at < end and text[at] == "=":
            at = _SPACES.match(text, at + 1).end()
            if at >= end:
                return -1
            if text[at] in "\"'":
                close = text.find(text[at], at + 1)
                if close < 0:
                    return -1
                at = close + 1
            elif text[at] != ">":  # "a=>": a value left out is empty
                at = _UNQUOTED.match(text, at).end()


_ANY_TAG = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")
_COMMENT_END = re.compile(r"--!?>")
# what a start tag leaves nothing open for: an element with no content, and one a browser
# makes once whatever is written
_NOTHING_OPEN = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr", "html", "head", "body"})
# an element that the next of its kind (or of these) closes when it is the one opened last
_CLOSED_BY_NEXT = {"p": ("p",), "li": ("li",), "dd": ("dd", "dt"), "dt": ("dd", "dt"),
                   "option": ("option",), "td": ("td", "th"), "th": ("td", "th"),
                   "tr": ("td", "th", "tr")}
_FOREIGN = ("svg", "math")  # where no element holds raw text, and none is void
# where HTML elements are made inside SVG and MathML (their integration points; MathML's
# annotation-xml too, when it says it holds HTML)
SVG_HOLDING_HTML = ("foreignobject", "desc", "title")
MATHML_TEXT = ("mi", "mo", "mn", "ms", "mtext")
# what an end tag does not reach past: its element is then not "in scope", and the end tag
# ends nothing (a paragraph's also stops at a button, a list item's at a list)
_SCOPE_BARRIERS = ("applet", "caption", "html", "table", "td", "th", "marquee", "object",
                   "template", "svg", "math", "foreignobject", "desc", *MATHML_TEXT,
                   "annotation-xml")
_MORE_BARRIERS = {"p": ("button",), "li": ("ol", "ul")}
# a table's end tags reach past everything but a table (the innermost one is theirs)
_TABLE_SCOPE = ("html", "table", "template")
_TABLE_PARTS = frozenset({"table", "caption", "tbody", "thead", "tfoot", "tr", "td", "th"})
# an end tag for one of these that is not the last opened is the adoption agency's: it may
# leave every element opened inside open, moved under a copy of it
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small",
                         "strike", "strong", "tt", "u"})
# elements read as raw text to their end tag; a browser shows none of the first six
_RAW_TEXT_ENDS = {name: re.compile(f"</{name}[\\t\\n\\f\\r />]", re.IGNORECASE)
                  for name in ("script", "style", "iframe", "noembed", "noframes", "title",
                               "textarea", "xmp")}
SHOWN_RAW_TEXT = ("textarea", "xmp")


@dataclass(frozen=True)
class Scan:
    """What reading a text's tags as written finds (``scan``)."""

    tail_at: int = -1  # where a tag, a comment or raw text starts that the text never ends
    tail_in: str = ""  # 'tag', 'comment', or the raw text's element
    looks: int = 0  # the open elements a browser's tree builder would look through, at most
    doctype_end: int = -1  # where the first doctype ends


# elements a browser lays out one under another, each on lines of its own
BLOCKS = frozenset({
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
    "hr", "section", "article", "header", "footer", "dl", "dt", "dd", "figure", "figcaption",
    "center", "pre", "address", "main", "nav", "aside", "details", "summary", "caption",
    "fieldset", "legend"})
# HTML's "special" elements: an end tag for any other element (not a formatting one) ends
# nothing when one of these was opened inside its element
_SPECIAL = frozenset({
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
    "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
    "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p",
    "param", "plaintext", "pre", "script", "search", "section", "select", "source", "style",
    "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title",
    "tr", "track", "ul", "wbr", "xmp", *MATHML_TEXT, "annotation-xml",
    "foreignobject", "desc"})


class _OpenElements:
    """The elements a text's tags leave open, as ``scan`` keeps them: never fewer than a
    browser's parser keeps (where unsure, more)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.at: dict[str, list[int]] = {}  # where each name is among them
        self.special: list[int] = []  # where the special elements are among them

    def open(self, name: str) -> None:
        """Open ``name``, first closing the one of its kind it closes, if opened last."""
        while self.names and self.names[-1] in _CLOSED_BY_NEXT.get(name, ()):
            self._close_last()
        if name in _SPECIAL:
            self.special.append(len(self.names))
        self.at.setdefault(name, []).append(len(self.names))
        self.names.append(name)

    def end(self, name: str) -> None:
        """An end tag: close ``name`` and every element opened inside it, unless it is not in
        scope (a barrier opened inside it), it is a formatting element not opened last, or it
        is neither and a special element was opened inside it (a third red team's: "<x><div>
        </x>" leaves both open)."""
        places = self.at.get(name)
        if not places:
            return
        last = places[-1]
        if name in _FORMATTING and last != len(self.names) - 1:
            return
        if name not in _FORMATTING and name not in _SPECIAL and self.special and \
                self.special[-1] > last:
            return
        barriers = _TABLE_SCOPE if name in _TABLE_PARTS else (
            *_SCOPE_BARRIERS, *_MORE_BARRIERS.get(name, ()))
        if any(self.at.get(barrier) and self.at[barrier][-1] > last for barrier in barriers):
            return
        while len(self.names) > last:
            self._close_last()

    def in_foreign(self) -> bool:
        """Whether an SVG or a MathML element is open (never false inside one)."""
        return any(self.at.get(name) for name in _FOREIGN)

    def _close_last(self) -> None:
        self.at[self.names.pop()].pop()
        if self.special and self.special[-1] == len(self.names):
            self.special.pop()


def scan(html: str, most_looks: int) -> Scan:
    """Read the tags of ``html`` as a browser's tokenizer finds them (not inside another tag,
    a comment or raw text), keeping the elements they leave open one inside another
    (``_OpenElements``). At each tag a browser's tree builder may look through all the
    elements open (an end tag for its element, a block's start tag for a paragraph): their
    count, added up, is ``Scan.looks``, a bound on its work. A text is read no further than a
    tag, a comment or raw text it never ends (``Scan.tail_at``), or than ``most_looks``."""
    opened = _OpenElements()
    looks, at, doctype_end = 0, 0, -1
    while (start := html.find("<", at)) >= 0:
        if html.startswith("<!--", start):
            ended = _COMMENT_END.search(html, start + 2)  # "<!-->" is a comment
            if ended is None:
                return Scan(start, "comment", looks, doctype_end)
            at = ended.end()
            continue
        named = _ANY_TAG.match(html, start)
        if named is None:
            if html.startswith(("<!", "<?", "</"), start) and not html.startswith("</>", start):
                at = html.find(">", start) + 1  # a comment (or a doctype) to the next ">"
                if at == 0:
                    return Scan(start, "comment", looks, doctype_end)
                if doctype_end < 0 and ascii_lower(html[start + 2:start + 9]) == "doctype":
                    doctype_end = at
            else:
                at = start + 1
            continue
        at = tag_end(html, named.end())
        if at < 0:
            return Scan(start, "tag", looks, doctype_end)
        looks += len(opened.names)
        if looks > most_looks:
            return Scan(looks=looks, doctype_end=doctype_end)
        name = ascii_lower(named.group(2))
        if named.group(1):
            opened.end(name)
            continue
        foreign = opened.in_foreign()
        if name == "plaintext" and not foreign:
            return Scan(looks=looks, doctype_end=doctype_end)  # the rest is its text
        if name in _RAW_TEXT_ENDS and not foreign:
            ended = _RAW_TEXT_ENDS[name].search(html, at)
            if ended is None:
                return Scan(at, name, looks, doctype_end)
            at = ended.start()
        elif (html[at - 2] != "/") if foreign else (name not in _NOTHING_OPEN):
            opened.open(name)  # (in SVG or MathML, a void HTML name is an element left open)
    return Scan(looks=looks, doctype_end=doctype_end)
