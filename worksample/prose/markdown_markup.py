"""Markdown rendered as a reader's viewer renders it, for ``markup.from_markdown`` to read as
a browser reads the rendering: CommonMark (markdown-it-py, HTML on, GitHub's tables).

Reading the rendering, not the text as written, is what makes the reading agree with what a
reader sees: what CommonMark shows as text is escaped by it ("Charges <USD 5", a tag never
ended, code, a "&" that begins no character reference), an element is closed where its
paragraph, list item or link ends, a table's cells past its header's are dropped, a quote's
">" inside a tag is taken off, and links, images and emphasis are read by its rules, not by
patterns. A link definition renders as nothing; its title, the only text in it, is returned
apart (``Rendering.definitions``).

The marks that give a Markdown text its shape are kept in the rendering as text, so that the
readers after it find what they find in a plain text: a heading's "#", a list item's marker, a
quote's ">" on each of its lines (one, however deep), and a table's bars, with a delimiter row
after its header (``tables.table_lines`` reads its figures from those lines). They are added
inside the elements CommonMark makes, which are left as it makes them (a quote is a
``<blockquote>``, a cell keeps its alignment), for a style sheet or an end tag in the text
to find them as a browser does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from worksample.prose.tables import check_bars, with_cells_counted

_QUOTED = "quoted"  # the env's count of the block quotes open where the renderer is
_MARKER = "marker"  # the env's list marker not yet written: its item's first block writes it
_LINE_STARTS = re.compile(r"^(?=.)", re.MULTILINE)
# where a block begins in the text as written: its line's number between two characters of
# Unicode's private use, set at the block's start in the rendering, read by ``at_its_lines``
_LINE, _LINE_END = "\ue000", "\ue001"
_LINE_MARK = re.compile(f"{_LINE}(\\d+){_LINE_END}")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
# "[" in a text: markdown-it tries each for a link or an image, 13 to 50 us each ("[](" after
# "[](": 600 KB took 4 s). A report's links and images need a few hundred
LINK_OPENERS_MOST = 20_000


_FRAMESET = re.compile(r"<frameset", re.IGNORECASE)


class NotRendered(ValueError):
    """A Markdown text that is not rendered: more "[" than ``LINK_OPENERS_MOST``, or a
    ``<frameset>``."""


@dataclass(frozen=True)
class Rendering:
    """A Markdown text rendered: the HTML, and its link definitions' titles (shown nowhere)."""

    html: str
    definitions: str


def rendered(markdown: str) -> Rendering:
    """``markdown`` rendered as HTML, its marks of shape kept as text (this module's
    docstring). ``CrowdedTables`` when its tables hold too many cells
    (``tables.with_cells_counted``), ``NotRendered`` when it holds too many "[" or a
    ``<frameset>``."""
    check_bars(markdown)
    openers = markdown.count("[")
    if openers > LINK_OPENERS_MOST:
        raise NotRendered(f"{openers:,} \"[\", each tried as a link or an image: more than "
                          f"the {LINK_OPENERS_MOST:,} a document's links need")
    env: dict = {}
    # a line mark is the renderer's alone: the writer's own such characters are none
    markdown = markdown.replace(_LINE, "\ufffd").replace(_LINE_END, "\ufffd")
    html = _parser().render(markdown, env)
    if _FRAMESET.search(html):  # (code's is escaped) the marks, text, would let it show none
        raise NotRendered("a <frameset>, which a browser may show in place of all the text; no "
                          "reply or analysis has one")
    titles = (reference["title"] for reference in env.get("references", {}).values())
    return Rendering(html, " ".join(filter(None, titles)))


def at_its_lines(text: str) -> str:
    """``text``, read from a rendering, with each block back on its line in the text as
    written (its blank lines those of the text, not the rendering's), its line marks taken
    out. A block the rendering makes longer than the text (a table's delimiter row, a list
    item after a paragraph) moves what follows it down, up to the next block's mark."""
    text = _BLANK_LINES.sub("\n", text).lstrip("\n")
    pieces, line, done, ended = [], 0, 0, True  # ended: whether what is read ends a line
    for mark in _LINE_MARK.finditer(text):
        before = text[done:mark.start()]
        pieces.append(before)
        line += before.count("\n")
        ended = before.endswith("\n") if before else ended
        done = mark.end()
        if ended:  # the line break the reading set after the mark, at its block's start
            while text.startswith("\n", done):
                done += 1
        wanted = int(mark.group(1))
        if wanted > line:
            pieces.append("\n" * (wanted - line))
            line, ended = wanted, True
    pieces.append(text[done:])
    return "".join(pieces)


def without_line_marks(text: str) -> str:
    """``text`` (read as hidden from a rendering) without its line marks."""
    return _LINE_MARK.sub("", text)


def _line(token, after: int = 0) -> str:
    """The line mark of a block that begins with ``token`` (its text ``after`` lines on)."""
    return f"{_LINE}{token.map[0] + after}{_LINE_END}" if token.map else ""


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    parser = with_cells_counted(MarkdownIt("commonmark", {"html": True}).enable("table"))
    rules = {"heading_open": _heading_open, "paragraph_open": _paragraph_open,
             "list_item_open": _list_item_open, "blockquote_open": _blockquote_open,
             "blockquote_close": _blockquote_close, "softbreak": _softbreak,
             "hardbreak": _hardbreak, "th_open": _cell_open, "td_open": _cell_open,
             "th_close": _cell_close, "td_close": _cell_close, "thead_close": _thead_close}
    for name, rule in rules.items():
        parser.add_render_rule(name, rule)
    for name in ("fence", "code_block"):
        parser.add_render_rule(name, _quoted_code(parser.renderer.rules[name]))
    parser.add_render_rule("html_block", _html_block)
    return parser


def _quote_mark(env: dict) -> str:
    """A quote's ">" (one however many are open: a line's marks are never more than the text
    they mark), or '' outside quotes."""
    return "> " if env.get(_QUOTED) else ""


def _marks(env: dict) -> str:
    """What a line written now begins with: a quote's ">", then the marker of a list item
    whose first line it is."""
    return _quote_mark(env) + env.pop(_MARKER, "")


def _heading_open(renderer, tokens, index, options, env) -> str:
    tag = tokens[index].tag
    return f"<{tag}>{_line(tokens[index])}{_marks(env)}{'#' * int(tag[1:])} "


def _paragraph_open(renderer, tokens, index, options, env) -> str:
    # a tight list's paragraph is not rendered as one, but its line still begins with marks
    token = tokens[index]
    return f"{'' if token.hidden else '<p>'}{_line(token)}{_marks(env)}"


def _html_block(renderer, tokens, index, options, env) -> str:
    return _line(tokens[index]) + tokens[index].content


def _list_item_open(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    marker = f"{token.info}{token.markup} "  # "1. " (its number is its info) or "- "
    if index + 1 < len(tokens) and tokens[index + 1].type in ("paragraph_open", "heading_open"):
        env[_MARKER] = marker  # on the line of the item's first paragraph or heading
        return "<li>"
    return f"<li>{_line(token)}{_marks(env)}{marker}"


def _blockquote_open(renderer, tokens, index, options, env) -> str:
    env[_QUOTED] = env.get(_QUOTED, 0) + 1
    return "<blockquote>"


def _blockquote_close(renderer, tokens, index, options, env) -> str:
    env[_QUOTED] -= 1
    return "</blockquote>"


def _quoted_code(render):
    """``render`` (markdown-it's rule for a code block), a quote's ">" kept on each line of a
    code block in a quote."""
    def quoted_code(renderer, tokens, index, options, env) -> str:
        token = tokens[index]
        if env.get(_QUOTED):
            token.content = _LINE_STARTS.sub(_quote_mark(env), token.content)
        fenced = token.type == "fence"  # its code begins on the line after its fence
        return _line(token, after=fenced) + render(tokens, index, options, env)
    return quoted_code


def _softbreak(renderer, tokens, index, options, env) -> str:
    return "\n" + _quote_mark(env)


def _hardbreak(renderer, tokens, index, options, env) -> str:
    return "<br>\n" + _quote_mark(env)


def _cell_open(renderer, tokens, index, options, env) -> str:
    token = tokens[index]  # its alignment kept: a style sheet may select it
    row = tokens[index - 1] if tokens[index - 1].type == "tr_open" else None  # a first cell
    return f"<{token.tag}{renderer.renderAttrs(token)}>{_line(row) if row else ''}| "


def _cell_close(renderer, tokens, index, options, env) -> str:
    last = index + 1 < len(tokens) and tokens[index + 1].type == "tr_close"
    return f"{' |' if last else ''}</{tokens[index].tag}>"


def _thead_close(renderer, tokens, index, options, env) -> str:
    columns, before = 0, index - 1
    while before >= 0 and tokens[before].type != "thead_open":  # the header's cells only
        columns += tokens[before].type == "th_open"
        before -= 1
    return f"<tr><td>|{'---|' * columns}</td></tr></thead>"
