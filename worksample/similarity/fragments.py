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
    of them; ``more`` lines of the range not shown."""

    path: str
    first: int
    last: int
    lines: tuple[str, ...]
    more: int = 0


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
        return side


def fragments(this: Side, other: Side, shared: Shared) -> list[Fragment]:
    """The fragments of ``this`` found in ``other``, the largest first (at most
    ``MAX_FRAGMENTS``, none overlapping a larger one on either side)."""
    chains: list[_Chain] = []
    for point in sorted(_points(this, other, shared)):
        joined = next((chain for chain in reversed(chains) if chain.takes(point)), None)
        if joined is None:
            chains.append(_Chain(point))
        else:
            joined.add(point)
    chains.sort(key=lambda chain: (-len(chain.matched), chain.file, chain.first))
    kept: list[_Chain] = []
    for chain in chains:
        if len(chain.matched) >= MIN_LINES and not any(chain.overlaps(k) for k in kept):
            kept.append(chain)
    return [_fragment(chain, this, other) for chain in kept[:MAX_FRAGMENTS]]


class _Chain:
    """Points joined into one fragment: where it starts and ends on each side, where its
    last point starts, and the lines of this side its points cover."""

    def __init__(self, point: tuple):
        self.file, self.first, self.last, self.other_file, self.other_first, \
            self.other_last = point
        self.at = (self.first, self.other_first)
        self.matched = set(range(self.first, self.last + 1))

    def takes(self, point: tuple) -> bool:
        file, first, _, other_file, other_first, _ = point
        return (file == self.file and other_file == self.other_file
                and self.at[0] <= first <= self.last + GAP
                and self.at[1] <= other_first <= self.other_last + GAP)

    def add(self, point: tuple) -> None:
        _, first, last, _, other_first, other_last = point
        self.last = max(self.last, last)
        self.other_last = max(self.other_last, other_last)
        self.at = (first, other_first)
        self.matched.update(range(first, last + 1))

    def overlaps(self, other: _Chain) -> bool:
        return ((self.file == other.file and self.first <= other.last
                 and other.first <= self.last)
                or (self.other_file == other.other_file and self.other_first <= other.other_last
                    and other.other_first <= self.other_last))


def _points(this: Side, other: Side, shared: Shared):
    """(file, first line, last line, other file, its first line, its last line) for each
    run and each line of code found once in ``this`` and once in ``other``."""
    theirs = _once(_run_places(other))
    for value, (number, start) in _once(_run_places(this)).items():
        if value in theirs and value not in shared.kgrams:
            other_number, other_start = theirs[value]
            yield (number, *_run_lines(this, number, start),
                   other_number, *_run_lines(other, other_number, other_start))
    theirs = _once(_line_places(other))
    for value, (number, line) in _once(_line_places(this)).items():
        if value in theirs and value not in shared.lines:
            other_number, other_line = theirs[value]
            yield number, line, line, other_number, other_line, other_line


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


def _run_lines(side: Side, number: int, start: int) -> tuple[int, int]:
    """The first and last line of the run of tokens starting at ``start``."""
    tokens = side.files[number]
    return tokens.lines[start], tokens.lines[start + fingerprints.K[tokens.kind] - 1]


def _fragment(chain: _Chain, this: Side, other: Side) -> Fragment:
    return Fragment(this=_excerpt(this, chain.file, chain.first, chain.last),
                    other=_excerpt(other, chain.other_file, chain.other_first,
                                   chain.other_last),
                    matched=len(chain.matched))


def _excerpt(side: Side, number: int, first: int, last: int) -> Excerpt:
    path = side.files[number].path
    lines = side.texts.get(path, [])[first - 1:last]
    shown = tuple(lines[:MAX_LINES_SHOWN])
    return Excerpt(path=path, first=first, last=last, lines=shown,
                   more=len(lines) - len(shown))
