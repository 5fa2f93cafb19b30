"""Markdown's code shown as text: what a Markdown reader shows of a code span or a code block
is its characters as written, never markup. Before Markdown's inline HTML is read as HTML
(``markup.from_markdown``), the ``<`` and ``&`` in its code are escaped, so that a `<style>`
or a `<title>` written in backticks hides nothing.

Where the code is, markdown-it says, as CommonMark reads it: the code blocks (fenced or
indented) by their lines, and the code spans as its inline parser finds them, after what
comes first and takes the backticks in it (a tag, a comment, an autolink, a link's target or
title, a backslash escape), in each table cell apart, in an image's alt text too. A span is
found in the text of its block, which markdown-it takes off the lines (their indent, a
quote's ">", a table's bars); its ``<`` and ``&`` are found again on the lines, in the same
order, as none of what is taken off holds one (a table's cells past its header's, dropped,
come last on their line).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

_ESCAPED = str.maketrans({"<": "&lt;", "&": "&amp;"})
_MARKUP = re.compile(r"[<&]")
# the lines as markdown-it counts them: ended by a line feed, a carriage return or both (not
# by the other ends Python's splitlines knows: a form feed, U+2028 ...)
_LINES = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")
# what a Markdown text needs for code to be in it: a backtick, a fence of tildes, an indent
# of four spaces or a tab (after a quote's ">" or a list's marker too)
_MAY_HOLD_CODE = re.compile(r"`|~~~| {4}|\t")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline.backticks import backtick
    from markdown_it.rules_inline.image import image

    def recorded(state, silent: bool) -> bool:
        # each code span where the inline parser makes one: its block's text, and where it
        # is in it (an image's alt text is parsed apart: its place in the text around it)
        start, made = state.pos, len(state.tokens)
        found = backtick(state, silent)
        if found and len(state.tokens) > made and state.tokens[-1].type == "code_inline":
            text, end = state.src, state.pos
            for around, offset in reversed(state.env["alt_texts"]):
                if text is around:
                    break
                text, start, end = around, offset + start, offset + end
            state.env["spans"].append((text, start, end))
        return found

    def image_noted(state, silent: bool) -> bool:
        state.env["alt_texts"].append((state.src, state.pos + 2))  # after its "!["
        try:
            return image(state, silent)
        finally:
            state.env["alt_texts"].pop()

    parser = MarkdownIt("commonmark").enable("table")
    parser.inline.ruler.at("backticks", recorded)
    parser.inline.ruler.at("image", image_noted)
    return parser


def code_as_text(markdown: str) -> str:
    """``markdown`` with the ``<`` and ``&`` of its code spans and code blocks escaped as
    HTML character references, its lines as they were."""
    if _MAY_HOLD_CODE.search(markdown) is None:
        return markdown
    env: dict = {"spans": [], "alt_texts": []}
    tokens = _parser().parse(markdown, env)
    lines = _LINES.findall(markdown)
    blocks: dict[tuple[int, int], list] = {}  # a block's lines: its texts in order (cells)
    rows = set()  # the blocks that are a table's rows
    for token in tokens:
        if token.map is None:
            continue
        start, end = token.map
        if token.type in ("fence", "code_block"):
            lines[start:end] = [line.translate(_ESCAPED) for line in lines[start:end]]
        elif token.type == "inline":
            blocks.setdefault((start, end), []).append(token.content)
        elif token.type == "tr_open":
            rows.add((start, end))
    spans: dict[int, list[tuple[int, int]]] = {}  # a text's id: where its spans are
    for text, start, end in env["spans"]:
        spans.setdefault(id(text), []).append((start, end))
    for (start, end), texts in blocks.items():
        in_code, marks = _in_code(texts, spans)
        if in_code:
            lines[start:end] = _LINES.findall(_escaped("".join(lines[start:end]), in_code,
                                                       marks, (start, end) in rows))
    return "".join(lines)


def _in_code(texts: list[str], spans: dict[int, list[tuple[int, int]]]) -> tuple[set[int], int]:
    """Which of the ``<`` and ``&`` of ``texts`` (a block's, in order) are in a code span,
    counted from the first, and how many there are."""
    in_code, counted = set(), 0
    for text in texts:
        marks = [mark.start() for mark in _MARKUP.finditer(text)]
        for start, end in spans.get(id(text), ()):
            in_code.update(range(counted + bisect_left(marks, start),
                                 counted + bisect_left(marks, end)))
        counted += len(marks)
    return in_code, counted


def _escaped(text: str, in_code: set[int], marks: int, row: bool) -> str:
    """``text`` (a block's lines) with the ``<`` and ``&`` whose places are ``in_code``
    escaped; as it is when it holds another number of them than ``marks`` (its block's
    texts), but in a table's ``row``, whose cells past its header's are dropped (theirs are
    the last)."""
    found = list(_MARKUP.finditer(text))
    if len(found) != marks and not (row and len(found) > marks):
        return text
    pieces, done = [], 0
    for n, mark in enumerate(found):
        if n in in_code:
            pieces += [text[done:mark.start()], mark.group().translate(_ESCAPED)]
            done = mark.end()
    return "".join([*pieces, text[done:]])
