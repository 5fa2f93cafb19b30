"""The parts two pieces of work have in common, found again in full for a pair the measure
flagged, to be shown side by side.

Every run of tokens the two share (``fingerprints.kgrams``, not winnowed, the shared material
left out) and every line of code they share (``fingerprints.line_hashes``), each found once
in each side (a line written in every method says nothing of where it was taken from), is a
point: these lines of one file match those lines of a file of the other. Points are joined
into a fragment while each next point starts after the last one and at most ``GAP`` lines
after the fragment so far, in both files: a copy with a junk line slipped in here and there,
or a comment changed, is one fragment, shown with what was slipped in. The fragments
covering the most lines come first, none overlapping a larger one; one line in common alone
is no fragment.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from worksample.similarity import fingerprints
from worksample.similarity.compare import Shared
from worksample.similarity.tokens import CODE, FileTokens
from worksample.work import KeptWork

GAP = 3  # lines of either file between two points of one fragment
MIN_LINES = 2  # lines of the first file a fragment must cover
MAX_FRAGMENTS = 5
MAX_LINES_SHOWN = 40  # of each side of a fragment


@dataclass(frozen=True)
class Excerpt:
    """Lines ``first`` to ``last`` (from 1) of a file, as written, at most ``MAX_LINES_SHOWN``
    of them (``more`` of the range not shown), and the numbers of those in common with the
    other side (the others were written in between)."""

    path: str
    first: int
    last: int
    lines: tuple[str, ...]
    more: int = 0
    common: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Fragment:
    """One stretch of work found in both: this side's lines, the other's, and how many lines
    of this side matched (the rest were slipped in between)."""

    this: Excerpt
    other: Excerpt
    matched: int


@dataclass
class Side:
    """One piece of work ready to be matched: its compared files' tokens, their lines as
    written, and the runs and lines of each file."""

    files: list[FileTokens]
    texts: dict[str, list[str]]
    runs: list[list[int]] = field(default_factory=list)
    lines: list[list[tuple[int, int]]] = field(default_factory=list)  # (hash, line number)
    every_line: list[list[tuple[int, int]]] = field(default_factory=list)  # short ones too

    @classmethod
    def of(cls, work: KeptWork) -> Side:
        """``work`` (as the store kept it) ready to be matched."""
        files = fingerprints.compared_files(work)
        texts = {f.path: f.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                 for f in work.files}
        side = cls(files, texts)
        for tokens in files:
            side.runs.append(fingerprints.kgrams(tokens))
            side.lines.append(fingerprints.numbered_lines(tokens) if tokens.kind == CODE
                              else [])
            side.every_line.append(fingerprints.every_line(tokens) if tokens.kind == CODE
                                   else [])
        return side


def fragments(this: Side, other: Side, shared: Shared) -> list[Fragment]:
    """The fragments of ``this`` found in ``other``, the largest first (at most
    ``MAX_FRAGMENTS``, none overlapping a larger one on either side)."""
    chains: list[_Chain] = []
    for point in sorted(_points(this, other, shared), key=lambda point: point[:6]):
        joined = next((chain for chain in reversed(chains) if chain.takes(point)), None)
        if joined is None:
            chains.append(_Chain(point))
        else:
            joined.add(point)
    for chain in chains:
        chain.common = _common(this, chain.file, chain.first, chain.last, chain.covered,
                               shared)
        chain.other_common = _common(other, chain.other_file, chain.other_first,
                                     chain.other_last, chain.other_covered, shared)
    chains.sort(key=lambda chain: (-len(chain.common), chain.file, chain.first))
    kept: list[_Chain] = []
    for chain in chains:
        if len(chain.common) >= MIN_LINES and not any(chain.overlaps(k) for k in kept):
            kept.append(chain)
    return [_fragment(chain, this, other) for chain in kept[:MAX_FRAGMENTS]]


class _Chain:
    """Points joined into one fragment: where it starts and ends on each side (in lines),
    where its last point starts, and the tokens its points cover on each side."""

    def __init__(self, point: tuple):
        self.file, self.first, self.last, self.other_file, self.other_first, \
            self.other_last, tokens, other_tokens = point
        self.at = (self.first, self.other_first)
        self.covered, self.other_covered = set(tokens), set(other_tokens)
        self.common: set[int] = set()  # lines of this side in common, once all are joined
        self.other_common: set[int] = set()

    def takes(self, point: tuple) -> bool:
        file, first, _, other_file, other_first = point[:5]
        return (file == self.file and other_file == self.other_file
                and self.at[0] <= first <= self.last + GAP
                and self.at[1] <= other_first <= self.other_last + GAP)

    def add(self, point: tuple) -> None:
        _, first, last, _, other_first, other_last, tokens, other_tokens = point
        self.last = max(self.last, last)
        self.other_last = max(self.other_last, other_last)
        self.at = (first, other_first)
        self.covered.update(tokens)
        self.other_covered.update(other_tokens)

    def overlaps(self, other: _Chain) -> bool:
        return ((self.file == other.file and self.first <= other.last
                 and other.first <= self.last)
                or (self.other_file == other.other_file and self.other_first <= other.other_last
                    and other.other_first <= self.other_last))


def _common(side: Side, number: int, first: int, last: int, covered: set[int],
            shared: Shared) -> set[int]:
    """The lines ``first`` to ``last`` of a side's file whose every token is ``covered``,
    but for the lines of code the shared material holds (every candidate was given them)."""
    tokens = side.files[number]
    span = range(bisect_left(tokens.lines, first), bisect_right(tokens.lines, last))
    partly = {tokens.lines[place] for place in span if place not in covered}
    common = {tokens.lines[place] for place in span} - partly
    if tokens.kind == CODE:
        common -= {line for value, line in side.every_line[number]
                   if value in shared.lines and line in common}
    return common


def _points(this: Side, other: Side, shared: Shared):
    """(file, first line, last line, other file, its first line, its last line, the tokens
    on this side, the tokens on the other) for each run and each line of code found once in
    ``this`` and once in ``other``."""
    theirs = _once(_run_places(other))
    for value, (number, start) in _once(_run_places(this)).items():
        if value in theirs and value not in shared.kgrams:
            other_number, other_start = theirs[value]
            here, there = _run(this, number, start), _run(other, other_number, other_start)
            yield (number, *_lines_of(this, number, here), other_number,
                   *_lines_of(other, other_number, there), here, there)
    theirs = _once(_line_places(other))
    for value, (number, line) in _once(_line_places(this)).items():
        if value in theirs and value not in shared.lines:
            other_number, other_line = theirs[value]
            yield (number, line, line, other_number, other_line, other_line,
                   _line_tokens(this, number, line), _line_tokens(other, other_number,
                                                                  other_line))


def _run_places(side: Side):
    for number, hashes in enumerate(side.runs):
        for start, value in enumerate(hashes):
            yield value, (number, start)


def _line_places(side: Side):
    for number, numbered in enumerate(side.lines):
        for value, line in numbered:
            yield value, (number, line)


def _once(places) -> dict[int, tuple[int, int]]:
    """Each value found at exactly one place, and where."""
    found: dict[int, tuple[int, int] | None] = {}
    for value, place in places:
        found[value] = None if value in found else place
    return {value: place for value, place in found.items() if place is not None}


def _run(side: Side, number: int, start: int) -> range:
    """The tokens of the run starting at ``start``."""
    return range(start, start + fingerprints.K[side.files[number].kind])


def _lines_of(side: Side, number: int, tokens: range) -> tuple[int, int]:
    lines = side.files[number].lines
    return lines[tokens[0]], lines[tokens[-1]]


def _line_tokens(side: Side, number: int, line: int) -> range:
    """The tokens of a line of a side's file."""
    lines = side.files[number].lines
    start = bisect_left(lines, line)
    return range(start, bisect_right(lines, line))


def _fragment(chain: _Chain, this: Side, other: Side) -> Fragment:
    return Fragment(this=_excerpt(this, chain.file, chain.first, chain.last, chain.common),
                    other=_excerpt(other, chain.other_file, chain.other_first,
                                   chain.other_last, chain.other_common),
                    matched=len(chain.common))


def _excerpt(side: Side, number: int, first: int, last: int, common: set[int]) -> Excerpt:
    path = side.files[number].path
    lines = side.texts.get(path, [])[first - 1:last]
    shown = tuple(lines[:MAX_LINES_SHOWN])
    return Excerpt(path=path, first=first, last=last, lines=shown,
                   more=len(lines) - len(shown), common=frozenset(common))
