"""Making candidate text safe to show: control characters, and for blind reviews, identities.

Blind review replaces each candidate by a stable alias and redacts what identifies people in
everything the candidate wrote or caused (evidence, messages, flags): e-mail addresses, phone
numbers, links, and the name the submission was filed under. Names that appear nowhere but
inside the work itself cannot be recognised without guessing; docs/reports.md says so.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"')\]]+", re.IGNORECASE)
# Phone-shaped: an optional +country code, then groups of 2-4 and two groups of 3-4 digits.
# Dates (2026-11-22) and plain amounts do not have that shape, so numbers in evidence survive.
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}"
                   r"(?![\w.])")
_THREE_DIGITS = re.compile(r"\d{3}")  # what every PHONE match holds (its \d{3,4} groups)


def alias_for(assignment_id: str, submission_key: str) -> str:
    """A stable alias: the same submission of the same assignment always gets the same one."""
    digest = hashlib.sha256(f"{assignment_id}\0{submission_key}".encode()).digest()
    return "Candidate " + base64.b32encode(digest).decode()[:5]


def blind_aliases(assignment_id: str, submissions: Sequence[tuple[str, str]]) -> list[str]:
    """The alias of each of ``submissions`` (submission id, submission key), in order: drawn
    from its content, and from its name too when several of them sent the same files, so
    that each keeps an alias of their own."""
    sent_by = Counter(key for _, key in submissions)
    return [alias_for(assignment_id, key if sent_by[key] == 1 else f"{key}\0{submission_id}")
            for submission_id, key in submissions]


def name_tokens(submission_id: str) -> list[str]:
    """The words of the name a submission was filed under ("jane-doe.zip" -> jane, doe)."""
    stem = re.sub(r"(\.(zip|tar|tgz|gz|bz2|xz|py|md|txt|eml|pdf|docx))+$", "", submission_id,
                  flags=re.IGNORECASE)
    return [token for token in re.split(r"[\W_]+", stem)
            if len(token) >= 2 and not token.isdigit()]


def filed_under(submission_id: str, source: str) -> list[str]:
    """The words of the names a submission was filed under: its id, and the name of the file
    or folder it came from as it was (the id is a cleaned-up copy: "José García.md" becomes
    "Jos-Garc-a.md", whose words are in no text)."""
    return name_tokens(submission_id) + name_tokens(PurePath(source).name)


class Redactor:
    """Replaces paths, e-mail addresses, links, phone numbers and the given names in a text."""

    def __init__(self, names: list[str], paths: Sequence[str] = ()):
        """``names``: words to redact wherever they stand as words; ``paths``: strings to
        redact wherever they stand (where a submission came from: its folders may name
        the candidate)."""
        self._paths = sorted({p for p in paths if p}, key=len, reverse=True)
        words = sorted({n for n in names if n}, key=len, reverse=True)
        # Letters and digits bound a name, underscores do not: "test_by_jane" holds "jane".
        self._names = (re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words))
                                  + r")(?![^\W_])", re.IGNORECASE) if words else None)
        # Ignoring case, a text of ASCII letters can hold an ASCII name only as its lower-case
        # letters; elsewhere "ı", "ſ" or the Kelvin sign may stand for "i", "s" or "k".
        self._ascii_words = ([word.lower() for word in words]
                             if all(word.isascii() for word in words) else None)

    def __call__(self, text: str) -> str:
        # A pattern runs only on a text holding what it cannot match without: most evidence
        # has no "@", link or run of three digits, and searching it cost more than the rest
        # of a blind report's page (issue 22).
        for path in self._paths:
            if path in text:
                text = text.replace(path, "[path]")
        if "@" in text:
            text = EMAIL.sub("[email]", text)
        if "://" in text or "www." in text.lower():
            text = LINK.sub("[link]", text)
        if _THREE_DIGITS.search(text):
            text = PHONE.sub("[phone]", text)
        if self._names is not None and self._may_name(text):
            text = self._names.sub("[name]", text)
        return text

    def _may_name(self, text: str) -> bool:
        if self._ascii_words is None or not text.isascii():
            return True
        lowered = text.lower()
        return any(word in lowered for word in self._ascii_words)
