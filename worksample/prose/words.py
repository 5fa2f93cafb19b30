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

from worksample.safe_text import FORMAT_CHARACTERS

_WORD = re.compile(r"\w+")

# Invisible characters a reader does not see inside a word: Unicode's format characters
# (``safe_text.FORMAT_CHARACTERS``: soft hyphens, zero-width spaces and joiners, direction
# marks, tags) and combining marks (an accent, or a mark drawn on nothing) left once NFKD has
# taken letters apart.
_UNSEEN = re.compile("[" + FORMAT_CHARACTERS + "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff"
                     "\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\U000e0100-\U000e01ef]")
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
