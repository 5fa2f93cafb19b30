"""Candidate text made safe to store and to show: valid UTF-8, no control characters obeyed,
no spreadsheet formulas.

Anything a candidate controls (file names, exception messages from their code, the text of
their documents) reaches results, terminals, HTML and CSV. Each destination gets the one
function it needs here, so every door uses the same rule.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode's format characters (category Cf: zero-width spaces, direction marks and overrides,
# the soft hyphen, the byte-order mark, tags; a test holds this list to the Unicode database):
# a reader sees none of them, so they can reorder or disguise text (Trojan Source)
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f")
# Shown as U+FFFD instead of obeyed or hidden: C0 and C1 controls other than tab and newline
# (ESC starts terminal sequences; U+009B is a one-character CSI some terminals obey); the
# format characters and the rest of Unicode's default-ignorable ones (the combining grapheme
# joiner, variation selectors, the blank Hangul fillers, the unassigned tag plane), which can
# carry a message no reader sees, but the two joiners that shape Arabic, Indic scripts and
# emoji (U+200C, U+200D) and the two selectors that pick an emoji's style (U+FE0E, U+FE0F);
# the line and paragraph separators; the blank braille pattern, a letter drawn as nothing.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f"
                     + FORMAT_CHARACTERS.replace("\u200b-\u200f", "\u200b\u200e\u200f")
                     + "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0d"
                       "\uffa0\ufff0-\ufff8\U000e0000-\U000e0fff\u2028\u2029\u2800]")
LINE_BREAK = "\u23ce"  # ⏎: a line break shown inside a line
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


def cut(text: str, limit: int) -> str:
    """``text``, or when longer than ``limit`` characters its start and "…", ``limit`` in all."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def one_line(text: str) -> str:
    """``visible(text)`` on one line: a line break is shown as ⏎, so that a candidate's text
    cannot print a line of its own under the grader's (a forged "bob [hidden-text]: ...")."""
    return visible(text).replace("\n", LINE_BREAK)


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, on one line (``one_line``): one that would
    start a formula (=, +, -, @, tab, carriage return; also after spaces, and in full-width
    forms such as ＝, which some spreadsheets read alike) gets a leading apostrophe, as
    OWASP's CSV-injection advice says."""
    if text.startswith(FORMULA_STARTS):
        return "'" + one_line(text)
    text = one_line(text)
    first = unicodedata.normalize("NFKC", text.lstrip()[:1])
    return "'" + text if first.startswith(FORMULA_STARTS) else text
