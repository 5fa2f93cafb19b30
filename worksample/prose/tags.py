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
# what a start tag leaves open none of: an element with no content, one the next of its kind
# closes, and one a browser makes once whatever is written
_LEAVES_NONE_OPEN = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "html", "head", "body"})
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
    too_deep: bool = False  # more elements left open one inside another than allowed


def scan(html: str, most_open: int) -> Scan:
    """Read the tags of ``html`` as a browser's tokenizer finds them (not inside another tag,
    a comment or raw text), as far as ``most_open`` elements left open one inside another:
    start tags, less the end tags of elements still counted open (an end tag that ends nothing
    ends nothing here either). A text is read no further than a tag, a comment or raw text it
    never ends (``Scan.tail_at``), or once ``most_open`` is passed (``Scan.too_deep``)."""
    open_now: dict[str, int] = {}
    depth, at = 0, 0
    while (start := html.find("<", at)) >= 0:
        if html.startswith("<!--", start):
            ended = _COMMENT_END.search(html, start + 2)  # "<!-->" is a comment
            if ended is None:
                return Scan(start, "comment")
            at = ended.end()
            continue
        named = _ANY_TAG.match(html, start)
        if named is None:
            if html.startswith(("<!", "<?", "</"), start) and not html.startswith("</>", start):
                at = html.find(">", start) + 1  # a comment to the next ">"
                if at == 0:
                    return Scan(start, "comment")
            else:
                at = start + 1
            continue
        at = tag_end(html, named.end())
        if at < 0:
            return Scan(start, "tag")
        name = ascii_lower(named.group(2))
        if named.group(1):
            if open_now.get(name):
                open_now[name] -= 1
                depth -= 1
        elif name == "plaintext":
            return Scan()  # the rest is its text
        elif name in _RAW_TEXT_ENDS:
            ended = _RAW_TEXT_ENDS[name].search(html, at)
            if ended is None:
                return Scan(at, name)
            at = ended.start()
        elif name not in _LEAVES_NONE_OPEN:
            open_now[name] = open_now.get(name, 0) + 1
            depth += 1
            if depth > most_open:
                return Scan(too_deep=True)
    return Scan()
