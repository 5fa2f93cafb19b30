"""A reply as text: HTML, Markdown and .eml reduced to plain text, split into sentences.

Quoted text (``>`` lines, "On ... wrote:", a forwarded original, HTML blockquotes) is cut
off: the customer's own words must never count as the candidate's.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from html.parser import HTMLParser

WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_QUOTE_HEADER = re.compile(
    r"^(on .{0,200} wrote:|-+ ?original message ?-+|-+ ?forwarded message ?-+|"
    r"from: .+|sent from my \w+)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,2}[.)])\s+")
_LINE_BREAK_ENDINGS = tuple(".!?:;,")
SHORT_LINE = 40  # a shorter line ends its sentence (a greeting, a sign-off, a signature)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a reply: as written (for quoting) and normalised (for matching)."""

    text: str
    normal: str
    words: tuple[str, ...]
    starts_line: bool
    index: int = 0


def from_html(html: str) -> str:
    """The visible text of an HTML reply, one block per line; quoted blocks are dropped."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def from_markdown(markdown: str) -> str:
    """Plain text of a Markdown reply: markup and link targets dropped, words kept."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|~~|`+)", "", text)
    return re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)


def from_eml(raw: bytes) -> str:
    """The body of an email message: its text/plain part, else its text/html reduced."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    return from_html(content) if body.get_content_subtype() == "html" else content


def eml_headers(raw: bytes) -> dict[str, str]:
    """Subject, In-Reply-To and References of an email message, for matching replies."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    return {name: str(message.get(name, "")) for name in ("Subject", "In-Reply-To",
                                                          "References", "Message-ID")}


def without_quoted(text: str) -> str:
    """The text above any quoted original: ``>`` lines dropped, cut at "On ... wrote:"."""
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if _QUOTE_HEADER.match(stripped) and any(k.strip() for k in kept):
            break
        if not stripped.startswith(">"):
            kept.append(line)
    return "\n".join(kept)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces: the form phrases are matched in."""
    return " ".join(WORD.findall(text.translate(_APOSTROPHES).lower()))


def sentences(text: str) -> list[Sentence]:
    """Split plain text into sentences, keeping greetings, list items and sign-offs apart."""
    result = []
    for chunk, starts_line in _chunks(text.translate(_APOSTROPHES)):
        for piece in _SENTENCE_END.split(chunk):
            piece = piece.strip()
            words = tuple(WORD.findall(piece))
            if words:
                result.append(Sentence(text=piece, normal=" ".join(words).lower(), words=words,
                                       starts_line=starts_line, index=len(result)))
            starts_line = False
    return result


def _chunks(text: str):
    """Runs of text that no sentence crosses: paragraphs, list items, short lines."""
    current: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or _LIST_ITEM.match(line):
            if current:
                yield " ".join(current), True
            current = [_LIST_ITEM.sub("", line)] if line else []
            continue
        current.append(line)
        if line.endswith(_LINE_BREAK_ENDINGS) and len(line) < SHORT_LINE or len(line) < 25:
            yield " ".join(current), True
            current = []
    if current:
        yield " ".join(current), True


class _TextParser(HTMLParser):
    """Collects visible text; block elements end a line; script, style and quotes vanish."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
              "table", "hr", "section", "article", "header", "footer"}
    HIDDEN = {"script", "style", "head", "title", "blockquote", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(re.sub(r"\s+", " ", data))
