"""Markdown's HTML as CommonMark reads it: before Markdown's inline HTML is read as HTML
(``markup.from_markdown``), every ``<`` and ``&`` that a Markdown reader shows as text is
escaped, and only its markup is left to be read as markup.

Shown as text: all of a code span or a code block (a `<style>` in backticks hides nothing), and
outside code, a ``<`` that begins no HTML tag, comment or declaration by CommonMark's rules
("Charges <USD 5 apply", a tag never ended, a backslash-escaped one, an autolink, which shows
its address), and a ``&`` that begins no character reference by them. An HTML browser's reader
would take "<USD" for a tag and drop the text up to the next ">"; after a tag never ended it
would read no more markup, where a Markdown reader goes on reading it (a `<span hidden>` after
it hides its words); and it would read "&#83ECRET" as "SECRET".

Where markup and code are, markdown-it says: the code blocks (fenced or indented) and the HTML
blocks by their lines, and the code spans and inline HTML as its inline parser finds them (its
rules for both are wrapped to note where), after what comes first and takes their characters
(a tag's attribute, a comment, a link's target or title, a backslash escape), in each table cell
apart, in an image's alt text too (an attribute's value: a tag in it is text). A span is found
in the text of its block, which markdown-it takes off the lines (their indent, a quote's ">", a
table's bars); its ``<`` and ``&`` are found again on the lines, in the same order, as none of
what is taken off holds one (a table's cells past its header's, dropped, come last on their
line). The lines no block shows, but for a quote's or a list's marks, are link definitions:
they are taken out whole, so that nothing in them is read, as text or as markup.

The Markdown is still read as written, not as rendered, but for one whose rendering holds a
style sheet, whose rules may select what only the rendering makes (``rendered``): where the
rendering changes the markup (an element Markdown's own end tag closes, a quote's ">" inside a
tag) the reading differs (docs/email-assignments.md, Limits).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from worksample.prose.tables import check_bars, with_cells_counted

_ESCAPED = str.maketrans({"<": "&lt;", "&": "&amp;"})
_MARKUP = re.compile(r"[<&]")
# the lines as markdown-it counts them: ended by a line feed, a carriage return or both (not
# by the other ends Python's splitlines knows: a form feed, U+2028 ...)
_LINES = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")
CODE, HTML, ENTITY = "code", "html", "entity"  # what a span of a block's text is
# the blocks whose lines show something (a table's, its delimiter row too)
_SHOWN_BLOCKS = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "html_block",
                           "hr", "table_open"})
# what a line of a block quote or a list item begins with: its ">", its marker, their spaces
_CONTAINER_MARKS = re.compile(r"^(?:[ \t]*(?:>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)))*")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline.backticks import backtick
    from markdown_it.rules_inline.entity import entity
    from markdown_it.rules_inline.html_inline import html_inline
    from markdown_it.rules_inline.image import image

    def recording(rule, kind: str, token_type: str):
        def recorded(state, silent: bool) -> bool:
            # each span where the inline parser makes one: its block's text, and where it is
            # in it (an image's alt text is parsed apart: its place in the text around it)
            start, made = state.pos, len(state.tokens)
            found = rule(state, silent)
            if found and len(state.tokens) > made and state.tokens[-1].type == token_type:
                text, end, in_alt_text = state.src, state.pos, False
                for around, offset in reversed(state.env["alt_texts"]):
                    if text is around:
                        break
                    text, start, end = around, offset + start, offset + end
                    in_alt_text = True
                # an alt text is an attribute's value: a tag in it is text, never markup
                if kind != HTML or not in_alt_text:
                    state.env["spans"].append((text, start, end, kind))
            return found
        return recorded

    def image_noted(state, silent: bool) -> bool:
        state.env["alt_texts"].append((state.src, state.pos + 2))  # after its "!["
        try:
            return image(state, silent)
        finally:
            state.env["alt_texts"].pop()

    def heading_open(renderer, tokens, index, options, env) -> str:
        # rendered, a heading keeps its "#" marks, as the text read from the lines does
        tag = tokens[index].tag
        return f"<{tag}>{'#' * int(tag[1:])} "

    parser = with_cells_counted(MarkdownIt("commonmark", {"html": True}).enable("table"))
    parser.inline.ruler.at("backticks", recording(backtick, CODE, "code_inline"))
    parser.inline.ruler.at("html_inline", recording(html_inline, HTML, "html_inline"))
    parser.inline.ruler.at("entity", recording(entity, ENTITY, "text_special"))
    parser.inline.ruler.at("image", image_noted)
    parser.add_render_rule("heading_open", heading_open)
    return parser


def _env() -> dict:
    """What the parser's wrapped rules write down as they parse: the spans, the alt texts."""
    return {"spans": [], "alt_texts": []}


def rendered(markdown: str) -> str:
    """``markdown`` rendered as HTML, as CommonMark renders it (its headings' "#" kept): what a
    style sheet in it applies to, where its rules select elements only the rendering makes (a
    paragraph, an emphasis, a list item, a table's cell). ``CrowdedTables`` when its tables
    hold too many cells (``tables.with_cells_counted``)."""
    check_bars(markdown)
    return _parser().render(markdown, _env())


@dataclass(frozen=True)
class CommonMarkSource:
    """A Markdown text as CommonMark reads it: the text, and its link definitions."""

    text: str  # the lines as written, the link definitions' left empty
    definitions: str  # the link definitions' titles, the only text in them: no reader sees it


def commonmark_source(markdown: str, for_html: bool) -> CommonMarkSource:
    """``markdown`` with its link definitions taken out (their lines left empty), and, ``for_html``,
    every ``<`` and ``&`` a Markdown reader shows as text escaped as an HTML character reference
    (those of its code, a ``<`` that opens no markup, a ``&`` that begins no character
    reference), its lines as they were.
    ``CrowdedTables`` when its tables hold too many cells (``tables.with_cells_counted``)."""
    check_bars(markdown)
    env = _env()
    tokens = _parser().parse(markdown, env)
    lines = _LINES.findall(markdown)
    blocks: dict[tuple[int, int], list] = {}  # a block's lines: its texts in order (cells)
    rows = set()  # the blocks that are a table's rows
    read = [False] * len(lines)  # the lines a block that shows something is made of
    for token in tokens:
        if token.map is None:
            continue
        start, end = token.map
        if token.type in _SHOWN_BLOCKS:
            read[start:end] = [True] * (end - start)
        if token.type in ("fence", "code_block") and for_html:
            lines[start:end] = [line.translate(_ESCAPED) for line in lines[start:end]]
        elif token.type == "inline":
            blocks.setdefault((start, end), []).append(token.content)
        elif token.type == "tr_open":
            rows.add((start, end))
    if for_html:
        spans: dict[int, list[tuple[int, int, str]]] = {}  # a text's id: where its spans are
        for text, start, end, kind in env["spans"]:
            spans.setdefault(id(text), []).append((start, end, kind))
        for (start, end), texts in blocks.items():
            escaped, marks = _shown_as_text(texts, spans)
            if escaped:
                lines[start:end] = _LINES.findall(_escaped("".join(lines[start:end]), escaped,
                                                           marks, (start, end) in rows))
    # what no block shows, but for a container's marks, is a link definition (one line or
    # more, in a quote or a list too): a reader sees nothing of it
    for number, line in enumerate(lines):
        if not read[number] and _CONTAINER_MARKS.sub("", line).strip():
            lines[number] = line[len(line.rstrip("\r\n")):]
    titles = (reference["title"] for reference in env.get("references", {}).values())
    return CommonMarkSource("".join(lines), " ".join(filter(None, titles)))


def _shown_as_text(texts: list[str], spans: dict[int, list[tuple[int, int, str]]]
                   ) -> tuple[set[int], int]:
    """Which of the ``<`` and ``&`` of ``texts`` (a block's, in order) a Markdown reader shows
    as text, counted from the first, and how many there are: every one in a code span, a
    ``<`` in no inline HTML, and a ``&`` that begins no character reference (an HTML reader
    would read "&#83ECRET" as "SECRET"; CommonMark wants its ";" and at most 7 digits)."""
    shown, counted = set(), 0
    for text in texts:
        marks = [mark.start() for mark in _MARKUP.finditer(text)]
        kinds = [""] * len(marks)
        for start, end, kind in spans.get(id(text), ()):
            for n in range(bisect_left(marks, start), bisect_left(marks, end)):
                kinds[n] = kind
        shown.update(counted + n for n, (at, kind) in enumerate(zip(marks, kinds, strict=True))
                     if kind in (CODE, ""))
        counted += len(marks)
    return shown, counted


def _escaped(text: str, shown: set[int], marks: int, row: bool) -> str:
    """``text`` (a block's lines) with the ``<`` and ``&`` whose places are ``shown`` escaped;
    as it is when it holds another number of them than ``marks`` (its block's texts), but in
    a table's ``row``, whose cells past its header's are dropped (theirs are the last)."""
    found = list(_MARKUP.finditer(text))
    if len(found) != marks and not (row and len(found) > marks):
        return text
    pieces, done = [], 0
    for n, mark in enumerate(found):
        if n in shown:
            pieces += [text[done:mark.start()], mark.group().translate(_ESCAPED)]
            done = mark.end()
    return "".join([*pieces, text[done:]])
