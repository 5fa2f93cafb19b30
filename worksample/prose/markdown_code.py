"""Markdown's code shown as text: what a Markdown reader shows of a code span or a code block
is its characters as written, never markup. Before Markdown's inline HTML is read as HTML
(``markup.from_markdown``), the ``<`` and ``&`` in its code are escaped, so that a `<style>`
or a `<title>` written in backticks hides nothing.

The blocks (fenced, indented, HTML, paragraphs) are found by markdown-it, as CommonMark reads
them; code spans in each block that holds inline text by their backticks: a run of them opens
a span that the next run of as many closes, else it is text, and a backslash before the
first backtick takes it out of the run.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

_BACKTICKS = re.compile(r"`+")
_ESCAPED = str.maketrans({"<": "&lt;", "&": "&amp;"})
# the lines as markdown-it counts them: ended by a line feed, a carriage return or both (not
# by the other ends Python's splitlines knows: a form feed, U+2028 ...)
_LINES = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")
# what a Markdown text needs for code to be in it: a backtick, a fence of tildes, a line
# indented four spaces or a tab
_MAY_HOLD_CODE = re.compile(r"`|~~~|^(?: {4}|\t)", re.MULTILINE)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    parser.core.ruler.disable(["inline", "text_join"])  # the blocks are enough
    return parser


def code_as_text(markdown: str) -> str:
    """``markdown`` with the ``<`` and ``&`` of its code spans and code blocks escaped as
    HTML character references, its lines as they were."""
    if _MAY_HOLD_CODE.search(markdown) is None:
        return markdown
    lines = _LINES.findall(markdown)
    read: set[tuple[int, int]] = set()  # the lines already escaped (a table row's cells)
    for token in _parser().parse(markdown):
        if token.type not in ("fence", "code_block", "inline") or token.map is None or tuple(
                token.map) in read:
            continue
        start, end = token.map
        read.add((start, end))
        if token.type != "inline":
            lines[start:end] = [line.translate(_ESCAPED) for line in lines[start:end]]
        elif token.type == "inline":
            lines[start:end] = _LINES.findall(_spans_escaped("".join(lines[start:end])))
    return "".join(lines)


def _spans_escaped(text: str) -> str:
    """``text`` (a block's inline text) with what its code spans hold escaped."""
    runs = [(run.start(), run.end()) for run in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: dict[int, list[int]] = {}  # each length of run: the indexes of those runs
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    pieces, done, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        if start and text[start - 1] == "\\":  # "\`": that backtick is text
            start += 1
        same = by_length.get(end - start, [])
        after = bisect_right(same, index)
        if end == start or after == len(same):
            index += 1  # no run of as many closes it: its backticks are text
            continue
        closing = same[after]
        pieces += [text[done:end], text[end:runs[closing][0]].translate(_ESCAPED)]
        done = runs[closing][0]
        index = closing + 1
    return "".join([*pieces, text[done:]])
