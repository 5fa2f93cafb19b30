"""An attribute's value decoded as a browser decodes it, where Python's ``html.unescape``
decodes it otherwise: the HTML standard leaves a named character reference without its ";"
as written when a letter, a digit or "=" follows it in an attribute value
(``class="x&ampy"`` is the class ``x&ampy``).
"""

from __future__ import annotations

import html
import re
from html.entities import html5

_REFERENCE = re.compile(r"&(#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_LONGEST_NAME = max(map(len, html5))


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
