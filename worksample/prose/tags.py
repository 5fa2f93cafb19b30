"""Tags read as the HTML standard's tokenizer reads them, where Python's parser (3.11) reads
them otherwise: a tag's name ends only at white space, "/" or ">" and is lowered in ASCII
alone; white space is HTML's five characters, not Unicode's; a ">" inside a quoted
attribute value ends no tag, an end tag's included; an attribute written twice keeps its
first value. Python's parser took "</ div>", "</div\\x0b>" and "</mar\\u212a>" (a Kelvin sign,
lowered to "k") for end tags a browser ignores, and split an attribute's name at a
no-break space: each closed a hidden element early, or named an element otherwise.
"""

from __future__ import annotations

import re

from worksample.prose.attribute_values import decoded

START_TAG_NAME = re.compile(r"<([a-zA-Z][^\t\n\f\r />]*)")
END_TAG_NAME = re.compile(r"</([a-zA-Z][^\t\n\f\r />]*)")
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
