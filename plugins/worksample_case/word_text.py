"""The text a Word document shows a reader, and the text it hides, in document order.

Read from the document's XML rather than python-docx's lists of paragraphs and runs, which
leave out what a reader sees inside wrappers: text typed with Track Changes on (``w:ins``),
content controls (``w:sdt``), fields' results, smart tags and custom XML. Left out, as a
reader's final view leaves them out: tracked deletions and moves away (``w:del``,
``w:moveFrom``), field instructions (between a field's begin and separate marks), the
fallback of alternate content. Text boxes are not read. A table is read row by row, each
cell once (python-docx's ``row.cells`` gives a cell once for every column it spans and a
merged cell below the text of the one above: a 38 KB file whose one cell spanned a million
columns read as 14 MB), a table inside a cell as part of the cell.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from worksample.errors import SubmissionRejected
from worksample.prose.markup import Visible

from .word_format import WordFormatting
from .word_styles import WordStyles

_COMPATIBILITY = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# what holds runs a reader of the final document does not see, or that are read elsewhere
_NOT_SHOWN = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"),
                        f"{_COMPATIBILITY}Fallback"})
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:customXml")})  # blocks whose content is read
# paragraphs, runs, tables, rows and cells: a report of sixty pages has a few tens of thousands
ELEMENTS_MOST = 100_000
_RUN_CONTENT = tuple(qn(f"w:{kind}") for kind in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def visible_text(document, name: str, max_bytes: int) -> Visible:
    """Paragraphs (headings as ``#`` lines, list items as ``-``) and table rows (``|``), in
    document order; hidden, white and tiny runs apart (``word_format``). Stops as soon as the
    text passes ``max_bytes``, as a PDF's reading does."""
    _refuse_a_crowded_body(document.element.body, name)
    styles = WordStyles(document)
    reader = _WordText(name, max_bytes, WordFormatting(document, styles))
    lines: list[str] = []
    # by style element, each style's name read once: a name of 40,000 spaces between
    # "Heading" and a letter, matched for each of 40,000 paragraphs, took 22 s for 2 KB
    marks: dict[object, str] = {}
    for block in _blocks(document.element.body, document._body):
        if isinstance(block, Table):
            for number, row in enumerate(block.rows):
                cells = reader.row_cells(row)
                lines.append("| " + " | ".join(cells) + " |")
                if number == 0:  # the delimiter row that makes the first row a header
                    lines.append("|" + " --- |" * len(cells))
            lines.append("")
            continue
        style = styles.get(block._p.style, "paragraph")
        if style not in marks:
            marks[style] = _line_mark(styles.name(style))
        lines += [marks[style] + reader.shown(block).strip(), ""]
    return Visible("\n".join(lines), " ".join(" ".join(reader.hidden).split()),
                   ", ".join(sorted(reader.reasons)))


def _line_mark(style: str) -> str:
    """What a paragraph's line starts with for the name of its style: ``#`` marks for a
    heading, ``- `` for a list item, else nothing."""
    level = re.match(r"(?:Heading\s*(\d)|Title)$", style)
    if level:
        return "#" * int(level.group(1) or 1) + " "
    return "- " if "List" in style else ""


def _refuse_a_crowded_body(body, name: str) -> None:
    """SubmissionRejected for a document of more than ``ELEMENTS_MOST`` paragraphs, runs,
    tables, rows and cells, counted before any is read: empty ones hold no text for the text
    limit to count, and each costs its reading (a 40 KB file of a million empty runs took 35 s
    of CPU, one of 1.6 million empty cells 1 GB of memory, and each empty row is a line the
    checks read: 200,000 took 20 s)."""
    counted = int(body.xpath("count(.//w:p) + count(.//w:r) + count(.//w:tbl) + "
                             "count(.//w:tr) + count(.//w:tc)"))
    if counted > ELEMENTS_MOST:
        raise SubmissionRejected(f"the Word document has {counted:,} paragraphs, runs and "
                                 f"tables, rows and cells; documents of more than "
                                 f"{ELEMENTS_MOST:,} are not read", path=name)


def _blocks(element, parent):
    """The paragraphs and tables of ``element`` (a body or a cell), content controls and
    custom XML opened."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag in _WRAPPERS:
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _blocks(content, parent)


class _WordText:
    """A Word document's text as read so far: what its runs show, what they hide and why,
    and how much there is, against the document limit."""

    def __init__(self, name: str, max_bytes: int, formatting: WordFormatting):
        self.name, self.max_bytes, self.formatting = name, max_bytes, formatting
        self.hidden: list[str] = []
        self.reasons: set[str] = set()
        self.size = 0

    def shown(self, paragraph, cell=None) -> str:
        """The paragraph's visible text (in table ``cell``, if it is in one); its hidden runs
        are kept apart."""
        shown = []
        for run in _runs(paragraph):
            text = run_text(run._r)
            if not text:  # nothing to show or hide: an empty run costs no formatting
                continue
            why = self.formatting.why_hidden(run, paragraph, cell)
            if why:
                self.hidden.append(text)
                self.reasons.add(why)
            else:
                shown.append(text)
            self.size += len(text)
        if self.size > self.max_bytes:
            raise SubmissionRejected(f"the Word document holds more than "
                                     f"{self.max_bytes // 1024} KB of text; documents over "
                                     "that are not read", path=self.name)
        return "".join(shown)

    def row_cells(self, row) -> list[str]:
        """The visible text of each cell of a table row, once, its white space made single
        spaces and its bars slashes."""
        return [self._cell_text(_Cell(tc, row)) for tc in row._tr.tc_lst]

    def _cell_text(self, cell) -> str:
        # each piece tidied once: a table's cells come tidied, and tidying the whole cell again
        # read a table's text once for every table it is nested in
        pieces = []
        for block in _blocks(cell._tc, cell):
            if isinstance(block, Table):  # a table in a cell: its cells' text, in order
                pieces += [text for row in block.rows for text in self.row_cells(row)]
            else:
                pieces.append(" ".join(self.shown(block, cell).split()).replace("|", "/"))
        return " ".join(piece for piece in pieces if piece)


def run_text(run) -> str:
    """The text of a ``w:r`` element as python-docx's ``Run.text`` gives it (text, tabs,
    breaks, non-breaking hyphens), read in one pass over its children: python-docx's XPath
    union of the six kinds took time growing with the square of their number (7 s for one
    run of 10,000 of three kinds in a 37 KB file)."""
    return "".join(str(child) for child in run.iterchildren(*_RUN_CONTENT))


def _runs(paragraph):
    """The runs of ``paragraph`` a reader of the final document sees the text of, wrappers
    (insertions, hyperlinks, content controls, fields, smart tags) opened, in order."""
    top = paragraph._p
    field: list[str] = []  # the open fields, innermost last: "code" until separated
    in_code = 0  # how many of them are "code": counted, not looked for at each run
    unseen = {top: False}  # each wrapper's answer, found once for all the runs inside it
    for element in top.iter(qn("w:r")):
        if _under(element, unseen):
            continue
        for mark in element.iterchildren(qn("w:fldChar")):
            kind = mark.get(qn("w:fldCharType"))
            if kind == "begin":
                field.append("code")
                in_code += 1
            elif kind == "separate" and field:
                in_code -= field[-1] == "code"
                field[-1] = "result"
            elif kind == "end" and field:
                in_code -= field.pop() == "code"
        if not in_code:
            yield Run(element, paragraph)


def _under(element, unseen: dict) -> bool:
    """Whether ``element`` is inside something whose runs are not shown, below the paragraph
    (``unseen``'s first key). ``unseen`` holds the answer for each wrapper already met: a run
    walked up through all its wrappers, and 190,000 runs under 250 of them took 18 s of CPU."""
    path, parent = [], element.getparent()
    while parent is not None and parent not in unseen:
        path.append(parent)
        parent = parent.getparent()
    hidden = parent is not None and unseen[parent]
    for wrapper in reversed(path):  # from the outermost down
        hidden = hidden or wrapper.tag in _NOT_SHOWN
        unseen[wrapper] = hidden
    return hidden
