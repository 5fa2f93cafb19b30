"""A file as the similarity measure reads it: a stream of tokens, each with its line.

**Code** (the languages worksample grades, by the file's name: ``CODE_LEXERS``) is lexed by
Pygments and reduced to its shape: comments, docstrings and layout are dropped; every name
(a variable, an attribute, ``self``, a function, a class, a type) becomes one symbol, every
string literal another, every number a third; keywords, operators and punctuation stay as
they are. Renaming identifiers, rewriting strings and comments, or re-indenting changes
nothing. A name the lexer breaks in two (an invisible character inside it) is read as one.

**Prose** (an email reply, an analysis, a NOTES.md: ``PROSE_SUFFIXES``, and every text a
text plugin read) is its words, read as ``prose/words.py`` reads them: look-alike
letters, zero-width characters and combining marks folded away, case folded.

Both keep the line each token starts on, so that a match can be shown where it is. A file of
neither kind (data, lock files, images) is not compared.
"""

from __future__ import annotations

import zlib
from functools import cache, lru_cache
from typing import NamedTuple

from pygments.token import Comment, Error, Keyword, Name, Number, String, Text

from worksample.prose.words import unmarked, words

CODE_LEXERS = {".py": "python", ".pyi": "python", ".js": "javascript", ".mjs": "javascript",
               ".cjs": "javascript", ".jsx": "jsx", ".ts": "typescript", ".mts": "typescript",
               ".cts": "typescript", ".tsx": "tsx", ".go": "go"}
PROSE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".rst", ".eml", ".html", ".htm",
                            ".csv", ".yaml", ".yml"})
CODE, PROSE = "code", "prose"
NAME, STRING, NUMBER, TYPE, FUNCTION, CLASS, DECORATOR = "V", "S", "N", "T", "F", "C", "@"


class FileTokens(NamedTuple):
    """One file's tokens: a stable id per token, and the line (from 1) it starts on."""

    path: str
    kind: str  # CODE or PROSE
    ids: list[int]
    lines: list[int]


def kind_of(path: str) -> str | None:
    """CODE, PROSE or None (not compared), by the file's name."""
    suffix = path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    suffix = "." + suffix if suffix else ""
    if suffix in CODE_LEXERS:
        return CODE
    return PROSE if suffix in PROSE_SUFFIXES else None


def file_tokens(path: str, text: str, kind: str | None = None) -> FileTokens | None:
    """The tokens of the file ``path`` holding ``text``, read as ``kind`` (by default, as its
    name says); None for a file not compared."""
    kind = kind or kind_of(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == CODE:
        return _code(path, text)
    if kind == PROSE:
        return _prose(path, text)
    return None


def _prose(path: str, text: str) -> FileTokens:
    ids, lines = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        for word in words(line):
            ids.append(_word_id(word))
            lines.append(number)
    return FileTokens(path, PROSE, ids, lines)


def _code(path: str, text: str) -> FileTokens:
    suffix = "." + path.rsplit(".", 1)[-1].lower()
    ids, lines = [], []
    line, previous = 1, ""  # previous: the symbol just read, "" after layout
    for ttype, value in _lexer(CODE_LEXERS[suffix]).get_tokens(unmarked(text)):
        symbol = _category(ttype)
        if symbol is _AS_WRITTEN:
            symbol = value.strip() or None
        elif symbol is _LAYOUT:
            symbol = NAME if value.strip() else None
        if symbol is None:
            previous = ""
        elif not (symbol == previous and symbol in (NAME, STRING)):
            # a name broken by a character the lexer did not expect, or a string made of
            # several literals, is one token
            ids.append(_symbol_id(symbol))
            lines.append(line)
            previous = symbol
        if "\n" in value:
            line += value.count("\n")
    return FileTokens(path, CODE, ids, lines)


_AS_WRITTEN, _LAYOUT = object(), object()  # keywords, operators ...; white space


@cache
def _category(ttype):
    """What a lexer's token type stands for in the code's shape: a symbol, None for what is
    dropped, ``_AS_WRITTEN`` for a token that stands for itself, ``_LAYOUT`` for white
    space (text a lexer leaves unclassified counts as a name)."""
    if ttype in Comment or ttype in String.Doc:
        return None
    if ttype in Text:
        return _LAYOUT
    for family, symbol in ((String, STRING), (Number, NUMBER), (Name.Function, FUNCTION),
                           (Name.Class, CLASS), (Name.Decorator, DECORATOR), (Name, NAME),
                           (Error, NAME), (Keyword.Type, TYPE)):
        if ttype in family:
            return symbol
    return _AS_WRITTEN


@cache
def _lexer(name: str):
    from pygments.lexers import get_lexer_by_name

    # stripnl off: a file's leading blank lines would otherwise move every line number
    return get_lexer_by_name(name, stripnl=False, ensurenl=False)


@lru_cache(maxsize=4096)
def _symbol_id(symbol: str) -> int:
    return zlib.crc32(b"code\0" + symbol.encode())


def _word_id(word: str) -> int:
    return zlib.crc32(word.encode())  # as reports/similar.py hashes a word
