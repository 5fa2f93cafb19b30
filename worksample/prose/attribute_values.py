"""A start tag's ``class`` and ``id`` as a browser reads them, where Python's HTML parser
reads them otherwise.

The HTML standard leaves a named character reference without its ";" as written when a letter,
a digit or "=" follows it in an attribute value (``class="x&ampy"`` is the class ``x&ampy``);
Python's parser decodes it (``x&y``). An unquoted value runs to white space or ">"
(``class==h`` is "=h", ``class=h\\x0bx`` one class); Python's parser reads both otherwise. A
style rule naming the class as a browser reads it then hid nothing. The values here are read
from the tag's text by a pattern that finds every ``class=`` and ``id=`` in it, even inside
another attribute's value: a value too many only lets a rule hide more.
"""

from __future__ import annotations

import html
import re
from html.entities import html5

_VALUE = re.compile(r"""(?:^|[\t\n\f\r /"'])(class|id)[\t\n\f\r ]*=[\t\n\f\r ]*"""
                    r"""(?:"([^"]*)"?|'([^']*)'?|([^\t\n\f\r >]*))""", re.IGNORECASE)
_REFERENCE = re.compile(r"&(#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_LONGEST_NAME = max(map(len, html5))


def class_and_id(tag_text: str) -> tuple[list[str], list[str]]:
    """The ``class`` and the ``id`` values written in ``tag_text`` (a start tag as written),
    each decoded as a browser decodes an attribute value."""
    classes, ids = [], []
    for found in _VALUE.finditer(tag_text):
        value = next((group for group in found.groups()[1:] if group is not None), "")
        (classes if found.group(1).lower() == "class" else ids).append(decoded(value))
    return classes, ids


def decoded(value: str) -> str:
    """``value`` with its character references decoded as in an attribute value."""
    def reference(found: re.Match) -> str:
        written = found.group(0)
        if written.startswith("&#") or written.endswith(";") and written[1:] in html5:
            return html.unescape(written)
        name = written[1:].rstrip(";")
        for length in range(min(len(name), _LONGEST_NAME), 0, -1):
            if name[:length] in html5:  # a legacy name, written without its ";"
                after = name[length:length + 1] or value[found.end():found.end() + 1]
                if after.isalnum() or after == "=":
                    return written
                return html5[name[:length]] + written[1 + length:]
        return written

    return _REFERENCE.sub(reference, value)
