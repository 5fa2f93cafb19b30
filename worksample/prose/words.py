"""Words as worksample compares them: what a reader sees of a text, letter for letter.

``words`` of the ``folded`` text: look-alike Cyrillic and Greek letters, zero-width
characters and combining marks read as the words they show, case folded. The near-identical
texts of a cohort (``reports/similar.py``) and the similarity measure
(``worksample.similarity``) both read words here, so that a copy dressed in look-alike
letters reads the same to each; grading imports it without the reports.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")

# Invisible characters a reader does not see inside a word: soft hyphens, zero-width spaces
# and joiners, direction marks, tags (Unicode's "format" characters, every one of them: a
# test holds this list to the Unicode database), and combining marks (an accent, or a mark
# drawn on nothing) left once NFKD has taken letters apart.
_UNSEEN = re.compile(
    "[\u00ad\u0300-\u036f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001-\U000e007f\U000e0100-\U000e01ef]")
# Cyrillic and Greek letters drawn like Latin ones: capitals before case folding (a Greek
# capital Nu is an N, its small letter a v), small letters after.
_LOOKALIKE_CAPITALS = str.maketrans(
    "АВЕЅІЈКМНОРСТХУҮԜΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABESIJKMHOPCTXYYWABEZHIKMNOPTYX")
_LOOKALIKE_SMALL = str.maketrans("аеоросухѕіјԁԛԝһӏҽɡαονρικυχτ", "aeopocyxsijdqwhlegaovpikuxt")


def unmarked(text: str) -> str:
    """``text`` in compatibility form (NFKD: full-width letters, ligatures and accented
    letters taken apart) without the characters a reader does not see (``_UNSEEN``); lines
    stay where they were."""
    if text.isascii():
        return text
    return _UNSEEN.sub("", unicodedata.normalize("NFKD", text))


def folded(text: str) -> str:
    """``text`` as its words are compared: ``unmarked``, look-alike Cyrillic and Greek
    letters read as the Latin ones they show, case folded."""
    if text.isascii():
        return text.casefold()
    return unmarked(text).translate(_LOOKALIKE_CAPITALS).casefold().translate(
        _LOOKALIKE_SMALL)


def words(text: str) -> list[str]:
    """The words of ``text`` as they are compared: ``folded``, punctuation, markup and
    layout gone."""
    return _WORD.findall(folded(text))
