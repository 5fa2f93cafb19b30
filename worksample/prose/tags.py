"""Tags read as the HTML standard's tokenizer reads them, for what the tree a browser builds
(``page_text``) does not tell: a ``<style>`` tag's attributes as written (``media_queries``),
and how far a text's tags go (``scan``): to a tag, a comment or raw text the text never ends,
which a browser drops, and how many elements they leave open one inside another.

A tag's name ends only at white space, "/" or ">" and is lowered in ASCII alone; white space
is HTML's five characters, not Unicode's; a ">" inside a quoted attribute value ends no tag;
an attribute written twice keeps its first value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from worksample.prose.attribute_values import decoded

_SPACES = re.compile(r"[\t\n\f\r ]*")
_SPACES_AND_SLASHES = re.compile(r"[\t\n\f\r /]*")
_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")  # a first "=" is part of the name
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(name: str) -> str:
    """``name`` lowered as HTML lowers a tag's or an attribute's name: A-Z only."""
    return name.translate(_ASCII_LOWER)


def tag_end(text: str, at: int) -> int:
    """Where the tag whose name ends at ``at`` in ``text`` ends, past its ">"; -1 when the text
    ends first (a browser drops a tag the file ends in)."""
    return _read(text, at, None)


def read_tag(text: str, at: int) -> tuple[int, list[tuple[str, str | None]]]:
    """Where the tag whose name ends at ``at`` in ``text`` ends (``tag_end``), and its
    attributes as a browser reads them: names lowered in ASCII, values decoded as attribute
    values are (``attribute_values.decoded``), the first of a name written twice; a value
    left out is None."""
    found: list[tuple[str, str | None]] = []
    end = _read(text, at, found)
    if len(found) < 2:
        return end, found
    seen: set[str] = set()
    kept = []
    for name, value in found:
        if name not in seen:
            seen.add(name)
            kept.append((name, value))
    return end, kept


def _read(text: str, at: int, found: list | None) -> int:
    """Read a tag's attributes from ``at`` to its ">" (the standard's states from "before
    attribute name" on), adding each to ``found`` when it is a list; where the tag ends."""
    end = len(text)
    while True:
        at = _SPACES_AND_SLASHES.match(text, at).end()
        if at >= end:
            return -1
        if text[at] == ">":
            return at + 1
        name = _NAME.match(text, at)
        at = _SPACES.match(text, name.end()).end()
        value: str | None = None
        if at < end and text[at] == "=":
            at = _SPACES.match(text, at + 1).end()
            if at >= end:
                return -1
            if text[at] in "\"'":
                close = text.find(text[at], at + 1)
                if close < 0:
                    return -1
                value, at = text[at + 1:close], close + 1
            elif text[at] == ">":  # "a=>": a value left out is empty
                value = ""
            else:
                unquoted = _UNQUOTED.match(text, at)
                value, at = unquoted.group(), unquoted.end()
        if found is not None:
            found.append((ascii_lower(name.group()), value if not value or "&" not in value
                          else decoded(value)))


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
_FOREIGN = ("svg", "math")  # where no element holds raw text
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


def scan(html: str, most_looks: int) -> Scan:
    """Read the tags of ``html`` as a browser's tokenizer finds them (not inside another tag,
    a comment or raw text), keeping the elements they leave open one inside another: start
    tags, less those an end tag or the next of their kind closes (an end tag that ends nothing
    ends nothing here either). At each tag a browser's tree builder may look through all the
    elements open (an end tag for its element, a block's start tag for a paragraph): their
    count, added up, is ``Scan.looks``, a bound on its work. A text is read no further than a
    tag, a comment or raw text it never ends (``Scan.tail_at``), or than ``most_looks``."""
    opened: list[str] = []
    counts: dict[str, int] = {}
    looks, at = 0, 0
    while (start := html.find("<", at)) >= 0:
        if html.startswith("<!--", start):
            ended = _COMMENT_END.search(html, start + 2)  # "<!-->" is a comment
            if ended is None:
                return Scan(start, "comment", looks)
            at = ended.end()
            continue
        named = _ANY_TAG.match(html, start)
        if named is None:
            if html.startswith(("<!", "<?", "</"), start) and not html.startswith("</>", start):
                at = html.find(">", start) + 1  # a comment to the next ">"
                if at == 0:
                    return Scan(start, "comment", looks)
            else:
                at = start + 1
            continue
        at = tag_end(html, named.end())
        if at < 0:
            return Scan(start, "tag", looks)
        looks += len(opened)
        if looks > most_looks:
            return Scan(looks=looks)
        name = ascii_lower(named.group(2))
        if named.group(1):
            while counts.get(name):  # to the last one opened, and all opened inside it
                closed = opened.pop()
                counts[closed] -= 1
                if closed == name:
                    break
            continue
        foreign = any(counts.get(element) for element in _FOREIGN)  # (never less than it is)
        if name == "plaintext" and not foreign:
            return Scan(looks=looks)  # the rest is its text
        if name in _RAW_TEXT_ENDS and not foreign:
            ended = _RAW_TEXT_ENDS[name].search(html, at)
            if ended is None:
                return Scan(at, name, looks)
            at = ended.start()
        elif name not in _NOTHING_OPEN:
            while opened and opened[-1] in _CLOSED_BY_NEXT.get(name, ()):
                counts[opened.pop()] -= 1
            opened.append(name)
            counts[name] = counts.get(name, 0) + 1
    return Scan(looks=looks)
