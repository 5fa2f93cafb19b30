"""An analysis as parts under headings, each part's prose split into sentences.

A heading is a Markdown or Word heading (``#``), a line underlined with ``===`` or ``---``,
or a short line that names one of the assignment's sections ("3. Recommendation",
"EXECUTIVE SUMMARY:", a bold line in Markdown): PDFs and plain text have no other mark. A
``#`` heading and an underlined one have a level (``#`` 1, ``##`` 2 ...; ``===`` 1, ``---``
2); a section takes in the headings of a deeper level that follow it ("## Analysis", then
"### MRR" and "### Churn") up to one that is not deeper or that names another section. A
line "Recommendation: we should ..." (or "Recommendation. We should ...", a run-in label
that is a section's heading and nothing more) is a heading followed by its text. Markdown
tables (found by ``prose.tables``) are kept as sentences of their own, one per body row,
marked: the row's figures are stated as "label, header: value" clauses that the number
checks read; a row is not prose for anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from worksample.prose.matching import PhraseSet
from worksample.prose.tables import TableRow, table_lines
from worksample.prose.text import WORD, Sentence, lowered, normalise, sentences

HEADING_MAX_WORDS = 8
# the text ends at its last character that is not a space or a closing "#": found greedily, as
# a lazy (.*?) would try every end and scan the spaces after each to the end of the line
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*[^\s#])?[\s#]*$")
_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_NUMBERING = re.compile(r"^\s*(?:(?:section|part)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[ivx]{1,4}|[a-h])"
                        r"[.):]\s+", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:\-+]*$")
_RUN_IN = re.compile(r"^(?P<label>[^.:!?]{1,80})\.\s+(?P<rest>\S.*)$")


@dataclass
class Part:
    """The text under one heading (the first part may have none)."""

    heading: str  # as written, '' before the first heading
    line: int  # 1-based line of the heading in the document's text
    sentences: list[Sentence] = field(default_factory=list)
    level: int | None = None  # 1 for ``#`` and ``===`` ...; None for a heading with no mark
    run_in: bool = False  # the heading is a label before the part's first line ("Risks: ...")

    @property
    def words(self) -> int:
        return sum(len(sentence.words) for sentence in self.sentences)


@dataclass
class Analysis:
    """The parts of an analysis and all its sentences, numbered in document order."""

    parts: list[Part]
    sentences: list[Sentence]
    table_rows: set[int]
    part_of: dict[int, int]  # sentence index -> part index

    def section(self, index: int, ends: Callable[[Part], bool]) -> Part:
        """The part at ``index`` with the parts nested under it: those that follow with
        headings of a deeper level, up to one that is not deeper or for which ``ends`` is
        true (it names another section)."""
        part = self.parts[index]
        nested = []
        if part.level is not None:
            # by index, not a copy of the rest: asked of every part naming a section, and an
            # analysis may hold thousands of headings
            for at in range(index + 1, len(self.parts)):
                following = self.parts[at]
                if following.level is None or following.level <= part.level or ends(following):
                    break
                nested.append(following)
        if not nested:
            return part
        return replace(part, sentences=[s for p in (part, *nested) for s in p.sentences])

    def next_in_part(self, sentence: Sentence) -> Sentence | None:
        """The sentence after ``sentence`` under the same heading, if any."""
        following = sentence.index + 1
        if following < len(self.sentences) and \
                self.part_of[following] == self.part_of[sentence.index]:
            return self.sentences[following]
        return None


_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # as str.splitlines


def parse(text: str, section_headings: PhraseSet) -> Analysis:
    """Split ``text`` into parts at its headings; ``section_headings`` holds the headings of
    the assignment's sections, which mark a heading even on a plain line."""
    parts: list[Part] = [Part("", 0)]
    bodies: list[list[str | TableRow | None]] = [[]]
    # one count of lines for both readings: str.splitlines also breaks at U+2028, a form feed
    # and more, which the Markdown parser does not, and every table would be read lines early
    text = _LINE_BREAKS.sub("\n", text)
    lines = text.splitlines()
    tables = table_lines(text)
    for number, line in enumerate(lines, start=1):
        if number - 1 in tables:
            bodies[-1].append(tables[number - 1])
            continue
        if _TABLE_ROW.match(line):  # bars that make no table (no delimiter row): no statements
            cells = tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
            bodies[-1].append(None if _TABLE_RULE.match(line) else TableRow(cells, ()))
            continue
        heading, rest, level = _heading(line, lines[number] if number < len(lines) else "",
                                        section_headings)
        if heading is not None:
            parts.append(Part(heading, number, level=level, run_in=bool(rest)))
            bodies.append([rest] if rest else [])
        elif not _UNDERLINE.match(line) or not _is_underlined_heading(lines, number - 2):
            bodies[-1].append(line)
    return _numbered(parts, bodies)


def heading_name(heading: str) -> str:
    """A heading without its numbering, colon and emphasis, normalised for matching."""
    return normalise(_NUMBERING.sub("", heading.strip().strip("*_").strip()))


def _heading(line: str, next_line: str,
             section_headings: PhraseSet) -> tuple[str | None, str, int | None]:
    """The heading on ``line`` (or None), the text that follows it on the line, its level."""
    atx = _ATX.match(line)
    if atx:
        return atx.group(2) or "", "", len(atx.group(1))
    stripped = line.strip()
    if not stripped or _TABLE_ROW.match(stripped):
        return None, "", None
    underline = _UNDERLINE.match(next_line)
    if underline and len(WORD.findall(stripped)) <= HEADING_MAX_WORDS:
        return stripped, "", 1 if underline.group(1).startswith("=") else 2
    label, colon, rest = stripped.partition(":")
    if colon and rest.strip() and _names_a_section(label, section_headings):
        return label.strip(), rest.strip(), None
    if _names_a_section(stripped, section_headings) and not stripped.endswith((".", "?", "!")):
        return stripped.rstrip(":").strip(), "", None
    run_in = _RUN_IN.match(stripped)
    if run_in and is_only_a_heading(run_in["label"], section_headings):
        return run_in["label"].strip(), run_in["rest"].strip(), None
    return None, "", None


def is_only_a_heading(label: str, section_headings: PhraseSet) -> bool:
    """A run-in label ("Summary." before its text) that is one of the sections' headings and
    nothing more: "Risks are high." is a sentence; "Recommendation rejected:" says more."""
    name = heading_name(label)
    found = section_headings.find([Sentence.of_words(name.split())], anchored=True)
    return found is not None and found.words == name


def _names_a_section(text: str, section_headings: PhraseSet) -> bool:
    """A short line that starts with one of the sections' headings."""
    name = heading_name(text.rstrip(":"))
    return (0 < len(name.split()) <= HEADING_MAX_WORDS
            and section_headings.find_in_words(name, anchored=True))


def _is_underlined_heading(lines: Sequence[str], index: int) -> bool:
    return index >= 0 and bool(lines[index].strip()) and not _TABLE_ROW.match(lines[index])


def _numbered(parts: list[Part], bodies: list[list[str | TableRow | None]]) -> Analysis:
    """Sentences of every part, numbered across the document; table rows marked."""
    all_sentences: list[Sentence] = []
    table_rows: set[int] = set()
    part_of: dict[int, int] = {}
    for part_index, (part, body) in enumerate(zip(parts, bodies, strict=True)):
        prose: list[str] = []
        pieces: list[tuple[bool, Sentence]] = []
        for line in [*body, ""]:
            if isinstance(line, str):
                prose.append(line)
                continue
            pieces += [(False, s) for s in sentences("\n".join(prose))]
            prose = []
            if line is not None:
                pieces.append((True, _table_row(line)))
        pieces += [(False, s) for s in sentences("\n".join(prose))]
        for is_table, sentence in pieces:
            index = len(all_sentences)
            numbered = replace(sentence, index=index)
            all_sentences.append(numbered)
            part.sentences.append(numbered)
            part_of[index] = part_index
            if is_table:
                table_rows.add(index)
    return Analysis(parts, all_sentences, table_rows, part_of)


def _table_row(row: TableRow) -> Sentence:
    """A table row as one sentence: quoted as its cells, matched in its statements."""
    words = tuple(WORD.findall(" ".join(row.cells)))
    return Sentence(text=row.text, normal=lowered(words), words=words,
                    clauses=row.statements)
