"""Candidate text made safe to store and to show: valid UTF-8, no control characters obeyed,
no spreadsheet formulas.

Anything a candidate controls (file names, exception messages from their code, the text of
their documents) reaches results, terminals, HTML and CSV. Each destination gets the one
function it needs here, so every door uses the same rule.
"""

from __future__ import annotations

import re

# C0 and C1 controls other than tab and newline (ESC starts terminal sequences; U+009B is a
# one-character CSI some terminals obey), and the characters that reorder or hide text
# (Trojan Source).
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def valid_utf8(text: str) -> str:
    """``text`` as valid Unicode: a lone surrogate (from a broken decoder, a PDF's ToUnicode
    map, an exception message) becomes U+FFFD; a surrogate pair becomes its character."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def visible(text: str) -> str:
    """``text`` with reordering and control characters shown as U+FFFD instead of obeyed."""
    return _HIDDEN.sub("\ufffd", text)


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula (=, +, -, @,
    tab, carriage return) gets a leading apostrophe, as OWASP's CSV-injection advice says."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
