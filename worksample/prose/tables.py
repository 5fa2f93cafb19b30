"""Markdown tables read as statements: each figure in a body row is stated about its row's
label and its column's header, as a sentence would state it.

| Metric        | Before | After |
|---------------|--------|-------|
| Monthly churn | 1.87%  | 3.38% |

states "Monthly churn, Before: 1.87%" and "Monthly churn, After: 3.38%" (a label or a header
names a figure by its first ``NAME_WORDS`` words, ``NAME_CHARS`` characters at most). The
tables are found by markdown-it-py (GitHub's table syntax: a header row, then a delimiter
row), loaded on first use: ``worksample --help`` does not import it. markdown-it makes every
row of a table as wide as its header, so a few bytes can ask for many cells: a text whose
tables hold more than ``CELLS_MOST``, or whose figures make more than
``STATEMENT_WORDS_MOST`` words of statements, is refused (``CrowdedTables``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
# the words of a label or a header a statement names a figure by: each is written into every
# statement of its row or column, so a long one made a small table read as a huge text (a
# 28 KB analysis whose header was 1,200 words over 1,200 rows took 69 s of CPU)
NAME_WORDS = 20
NAME_CHARS = 200  # twenty long words
# cells in all the tables of a text, each row counted as wide as its table's header. Each costs
# markdown-it about 1 KB and 20 us: a 25 KB analysis of tables 255 cells wide over rows of one
# took 18 s and 1 GB. A report's tables hold a few hundred
CELLS_MOST = 50_000
# words in all the statements a text's tables make: each is read as a clause, about 80 us a
# word, and each repeats its label and header (3,000 cells of 60-word statements: 10 s). An
# exhibit of 25 rows and 8 columns makes about 2,000
STATEMENT_WORDS_MOST = 50_000


class CrowdedTables(ValueError):
    """A text whose tables hold more cells than ``CELLS_MOST``: not read."""


@dataclass(frozen=True)
class TableRow:
    """A body row of a table: its cells as written, and a statement per cell holding a
    figure ("label, header: value")."""

    cells: tuple[str, ...]
    statements: tuple[str, ...]

    @property
    def text(self) -> str:
        """The row as a reader sees it: its cells between bars."""
        return " | ".join(self.cells)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return with_cells_counted(MarkdownIt("commonmark").enable("table"))


def with_cells_counted(parser):
    """markdown-it's ``parser``, its tables' cells counted as each table is made: past
    ``CELLS_MOST`` the parse stops with ``CrowdedTables``. Call ``check_bars`` on a text
    first: one table of too many cells costs much before it is counted."""
    rule = next(rule for rule in parser.block.ruler.__rules__ if rule.name == "table")
    read_table = rule.fn

    def counted(state, start: int, end: int, silent: bool) -> bool:
        made = len(state.tokens)
        found = read_table(state, start, end, silent)
        if found and not silent:
            state.env["cells"] = state.env.get("cells", 0) + sum(
                token.type == "inline" for token in state.tokens[made:])
            if state.env["cells"] > CELLS_MOST:
                raise CrowdedTables(f"tables of more than {CELLS_MOST:,} cells, each row "
                                    "counted as wide as its table's header")
        return found

    parser.block.ruler.at("table", counted, {"alt": list(rule.alt)})
    return parser


def check_bars(text: str) -> int:
    """How many table bars (|) ``text`` holds; ``CrowdedTables`` when more than
    ``CELLS_MOST``: the cells a row writes, before one table of them is made."""
    bars = text.count("|")
    if bars > CELLS_MOST:
        raise CrowdedTables(f"{bars:,} table bars (|), more than the {CELLS_MOST:,} cells "
                            "its tables may hold")
    return bars


def table_lines(text: str) -> dict[int, TableRow | None]:
    """The lines of ``text`` (0-based) that belong to Markdown tables: a body row maps to its
    ``TableRow``; a header or delimiter row maps to None (it states nothing by itself).
    ``CrowdedTables`` when its tables hold more than ``CELLS_MOST`` cells."""
    if not check_bars(text):
        return {}
    lines: dict[int, TableRow | None] = {}
    header: list[str] = []
    row: list[str] | None = None
    row_line, in_head, words = 0, False, 0
    for token in _parser().parse(text, {}):
        if token.type == "table_open" and token.map:
            lines.update(dict.fromkeys(range(*token.map)))
            header = []
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row, row_line = [], token.map[0] if token.map else -1
        elif token.type == "inline" and row is not None:
            row.append(token.content.strip())
        elif token.type == "tr_close" and row is not None:
            if in_head:
                header = row
            elif row_line >= 0:
                statements = _statements(header, row)
                words += sum(len(statement.split()) for statement in statements)
                if words > STATEMENT_WORDS_MOST:
                    raise CrowdedTables(f"tables whose figures make more than "
                                        f"{STATEMENT_WORDS_MOST:,} words of statements, each "
                                        "naming its row and column")
                lines[row_line] = TableRow(tuple(row), statements)
            row = None
    return lines


def _statements(header: list[str], cells: list[str]) -> tuple[str, ...]:
    """"label, header: value" for each cell after the first that holds a figure; the label is
    the row's first cell when it has a letter, after that column's header ("New customers,
    Solo, Before: 94")."""
    label = _name(cells[0]) if cells and _LETTER.search(cells[0]) else ""
    first = 1 if label else 0
    if label and _cell(header, 0):
        label = f"{_name(_cell(header, 0))}, {label}"
    statements = []
    for column in range(first, len(cells)):
        value = cells[column]
        if not _DIGIT.search(value):
            continue
        named = ", ".join(part for part in (label, _name(_cell(header, column))) if part)
        statements.append(f"{named}: {value}" if named else value)
    return tuple(statements)


def _name(cell: str) -> str:
    """A label or a header as a statement names a figure by: its first ``NAME_WORDS`` words,
    and of those its first ``NAME_CHARS`` characters (a "word" can be 24 KB long)."""
    words = cell.split()
    name = cell if len(words) <= NAME_WORDS else " ".join(words[:NAME_WORDS])
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS]


def _cell(cells: list[str], column: int) -> str:
    return cells[column] if column < len(cells) else ""
