"""Written work as plain text: split into sentences for matching; in a reply, quoted text cut
off.

Quoted text (``>`` lines, "On ... wrote:", a forwarded original) is cut off: the customer's
own words must never count as the candidate's. HTML, Markdown and .eml are reduced to text
in ``markup``.
"""

from __future__ import annotations

import email
import email.parser
import email.policy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # letters of any script: "Zoë", "Müller"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_QUOTE_HEADER = re.compile(
    r"^(-+ ?original message ?-+|-+ ?forwarded message ?-+|from: .+|sent from my \w+)\s*$",
    re.IGNORECASE)
_ATTRIBUTION = re.compile(r"on .{0,200} wrote:$", re.IGNORECASE)
# what a mail client's "On ... wrote:" holds and a sentence of the reply seldom does: the
# sender's address, the time of the message
_ATTRIBUTED = re.compile(r"@|\d:\d\d")
# a title's full stop ends no sentence: "Dear Ms. Raman," "Dr. Lee will call you"
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b(?:Mr|Ms|Mx|Dr)\.)(?<!\bMrs\.)(?<!\bProf\.)"
                           r"[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,2}[.)])\s+")
_LINE_BREAK_ENDINGS = tuple(".!?:;,")
SHORT_LINE = 40  # a shorter line ends its sentence (a greeting, a sign-off, a signature)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a reply: as written (for quoting) and normalised (for matching).
    ``clauses`` are given when the sentence is made, not written: a table row's statements
    ("label, header: value"), read by ``prose.clauses``."""

    text: str
    normal: str
    words: tuple[str, ...]
    index: int = 0
    clauses: tuple[str, ...] = ()

    # the words of ``normal`` as ``WORD`` reads them: a phrase can match only a sentence that
    # holds each of its whole words (``PhraseSet.may_match``); made once, not compared
    tokens: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", frozenset(WORD.findall(self.normal)))

    def __hash__(self) -> int:
        # not of every field: a tuple's hash is not kept, and one of a long sentence's words,
        # asked for each of its clauses and matches, made its checks quadratic
        return hash((self.index, self.normal))

    @cached_property
    def normal_words(self) -> tuple[str, ...]:
        """``normal`` split into its words, once: every reading of the sentence asks."""
        return tuple(self.normal.split())

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where each word ``WORD`` finds in ``text`` starts and ends."""
        return tuple(match.span() for match in WORD.finditer(self.text))

    @cached_property
    def gaps(self) -> tuple[str, ...]:
        """What ``text`` has between each word ``WORD`` finds in it and the word before ('' for
        the first): punctuation, spaces, a dash."""
        spans = self.spans
        return ("", *(self.text[before[1]:after[0]] for before, after in pairwise(spans))
                ) if spans else ()

    @classmethod
    def of_words(cls, words: list[str] | tuple[str, ...]) -> Sentence:
        """A sentence made of normalised words, to match phrases against part of another."""
        text = " ".join(words)
        return cls(text=text, normal=text, words=tuple(words))


def eml_headers(raw: bytes) -> dict[str, str]:
    """Subject, In-Reply-To and References of an email message, for matching replies."""
    # the headers alone: parsing the body reads its MIME headers, in time quadratic in their length
    message = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
    return {name: str(message.get(name, "")) for name in ("Subject", "In-Reply-To",
                                                          "References", "Message-ID")}


def decode_text(data: bytes) -> str:
    """Bytes of a text file as text: UTF-8 (a byte-order mark allowed), or UTF-16 when a
    byte-order mark says so. A ValueError says why it is not text, naming the first bad byte."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\0" in data and not utf16:
        raise ValueError("the file is binary, not text")
    try:
        return data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"the file is not {'UTF-16' if utf16 else 'UTF-8'} text (byte "
            f"0x{error.object[error.start]:02x} at position {error.start}); the instructions "
            "ask for UTF-8") from None


def without_quoted(text: str, marked: bool = True) -> str:
    """The text above any quoted original: ``>`` lines dropped, cut at "On ... wrote:" (on
    one line, or wrapped onto the next as mail clients wrap a long one). Not ``marked``: the
    quotes are already left out (a Markdown reply's reading), and a ">" at a line's start is
    the writer's own."""
    kept = []
    written = False  # whether a line kept holds any text yet
    lines = text.splitlines()
    for at, line in enumerate(lines):
        stripped = line.strip()
        if written and (_QUOTE_HEADER.match(stripped) or _attribution(lines, at, stripped)):
            break
        if not (marked and stripped.startswith(">")):
            kept.append(line)
            written = written or bool(stripped)
    return "\n".join(kept)


def _attribution(lines: list[str], at: int, stripped: str) -> bool:
    """Whether line ``at`` (``stripped``) opens a mail client's "On ... wrote:", on it or
    wrapped onto the next line, that holds an address or a time, or that a quoted (">")
    line follows; not a sentence of the reply ("On your question, here is what billing
    wrote:")."""
    if stripped[:3].lower() != "on ":
        return False
    for used in (1, 2):
        said = " ".join(line.strip() for line in lines[at:at + used])
        if _ATTRIBUTION.match(said):
            after = next((line.strip() for line in lines[at + used:at + used + 3]
                          if line.strip()), "")
            return bool(_ATTRIBUTED.search(said)) or after.startswith(">")
    return False


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces: the form phrases are matched in."""
    return lowered(WORD.findall(text.translate(_APOSTROPHES)))


def lowered(words: Iterable[str]) -> str:
    """Words as phrases are matched in them: joined by single spaces, in lower case, each
    still one word. "İ" lowers to "i" and a combining dot, which is no word character: kept,
    the dot would split the word for a pattern's word boundaries but not for ``str.split``,
    and word positions counted one way would index the other."""
    return " ".join(words).lower().replace("\u0307", "")


def sentences(text: str) -> list[Sentence]:
    """Split plain text into sentences, keeping greetings, list items and sign-offs apart."""
    result = []
    for chunk in _chunks(text.translate(_APOSTROPHES)):
        for piece in _SENTENCE_END.split(chunk):
            piece = piece.strip()
            words = tuple(WORD.findall(piece))
            if words:
                result.append(Sentence(text=piece, normal=lowered(words), words=words,
                                       index=len(result)))
    return result


def _chunks(text: str):
    """Runs of text that no sentence crosses: paragraphs, list items, short lines."""
    current: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or _LIST_ITEM.match(line):
            if current:
                yield " ".join(current)
            current = [_LIST_ITEM.sub("", line)] if line else []
            continue
        current.append(line)
        if line.endswith(_LINE_BREAK_ENDINGS) and len(line) < SHORT_LINE or len(line) < 25:
            yield " ".join(current)
            current = []
    if current:
        yield " ".join(current)
