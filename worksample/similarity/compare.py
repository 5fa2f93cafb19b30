"""Every pair of a set of documents, scored by how much of one is found in the other.

A pair's **share** is the larger of two readings, each the share of one document found in
the other (so the smaller of two documents, which has the larger share, decides: padding a
copy with a large file of one's own does not dilute it):

- **runs**: the winnowed runs of tokens the two have in common, over the fingerprints of the
  one with fewer (``fingerprints.py``);
- **lines**: the share of one document's lines of code that stand in a run of three
  consecutive lines the other holds in the same order, with up to ``SPAN - 3`` other lines
  between them (a junk statement slipped in after every copied line, or two); whichever
  document has more of its lines found. Counting lines rather than runs, a copy whose
  functions were put in another order loses nothing where one function ends and the next
  begins.

Material every candidate was given (``Shared``: the starter, the instructions, the customer's
email, the policy, the brief) is taken out of both first: a run or a line of it counts for
nobody. Documents too small to say anything (fewer than ``MIN_RUNS`` fingerprints, or
``MIN_LINES`` lines of code, once the shared material is out) are not scored by that reading.

Comparing every pair in turn is quadratic: 499,500 pairs in a cohort of 1,000, each two set
intersections and a walk over lines. Instead an inverted index maps each fingerprint (each
run of three lines) to the documents that hold it, as a bit set with a bit per document.
For each document, adding up the bit sets of its fingerprints, bit plane by bit plane (a
counter per document, all counted at once in a few whole-number operations), gives how many
each other document shares with it; the documents that share enough to reach the threshold
(``_reaching``) are the only ones then scored exactly. This costs the same whether a
fingerprint is held by two documents or by six hundred (where a count pair by pair grows
with the square), so a cohort of copies costs no more than one of independent work.
Documents with the very same fingerprints (the same work sent twice) are compared once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, combinations, repeat
from operator import add, mul
from typing import Literal, NamedTuple

from worksample.similarity.fingerprints import Fingerprints

SPAN = 6  # lines of the other document a run of three may spread over
MIN_RUNS = 20
MIN_LINES = 10
_TRIPLE_SALT = 4

Source = Literal["submission", "leak", "reference"]


@dataclass(frozen=True)
class Document:
    """One piece of work compared: a stored submission, a known leak, or the reference."""

    source: Source
    name: str  # the submission's id, the leak's name, or "reference"
    key: str = ""  # a submission's key
    fingerprints: Fingerprints = field(default=Fingerprints(frozenset(), ()), compare=False)
    digest: str = field(default="", compare=False)  # of its text (sources.digest)
    unread: str = field(default="", compare=False)  # what the measure could not read of it


@dataclass(frozen=True)
class Shared:
    """What every candidate was given: its runs of tokens (all of them, not winnowed) and its
    lines of code."""

    kgrams: frozenset[int] = frozenset()
    lines: frozenset[int] = frozenset()


class Pair(NamedTuple):
    """Two documents (their positions in the list compared) and how much of one is found in
    the other: ``share``, the larger of the two readings (None: that reading did not apply,
    as lines to prose)."""

    first: int
    second: int
    share: float
    runs: float | None
    lines: float | None


def comparable(first: Document, second: Document) -> bool:
    """Whether a pair is compared: a submission with anything; known leaks and the reference
    only with submissions. Two submissions of the same name are compared too: they may be a
    candidate's work sent again, or two candidates' ``solution.zip`` graded in two batches
    (which it is, the reports say, not the measure)."""
    return first.source == "submission" or second.source == "submission"


def pairs(documents: Sequence[Document], shared: Shared, at_least: float) -> list[Pair]:
    """Every comparable pair of ``documents`` whose share is at least ``at_least``, the
    largest first."""
    return Comparison(documents, shared, at_least).pairs()


class Comparison:
    """``documents`` compared, the pairs at or above ``at_least`` kept: documents with the
    same fingerprints are one group, compared once, and a pair of groups stands for every
    pair of their members until asked for them (a cohort of copies has hundreds of
    thousands)."""

    def __init__(self, documents: Sequence[Document], shared: Shared, at_least: float):
        self.documents = documents
        grouped: dict[Fingerprints, list[int]] = {}
        for position, document in enumerate(documents):
            grouped.setdefault(document.fingerprints, []).append(position)
        self.members = list(grouped.values())
        self.group_of = {position: group for group, members in enumerate(self.members)
                         for position in members}
        ready = [_Prepared.of(fingerprints, shared) for fingerprints in grouped]
        # (group, other group, share, by runs, by lines); a group with itself: all found
        self.found = [(group, group, 1.0, 1.0 if document.big_runs() else None,
                       1.0 if document.big_lines() else None)
                      for group, document in enumerate(ready)
                      if document.scored() and len(self.members[group]) > 1]
        runs, lines = _run_counts(ready), _line_counts(ready)
        reach = {pair for first, document in enumerate(ready) if document.big_runs()
                 for pair in _reaching(first, runs[first], _needed(
                     at_least, len(document.runs)), ready, by_size=True)}
        reach.update(pair for first, document in enumerate(ready) if document.big_lines()
                     for pair in _reaching(first, lines[first], _needed(
                         at_least, len(document.lines)), ready, by_size=False))
        runs, lines = _Counters(runs, len(ready)), _Counters(lines, len(ready))
        for first, second in sorted(reach):
            one, other = ready[first], ready[second]
            by_runs = (runs.of(first, second) / min(len(one.runs), len(other.runs))
                       if one.big_runs() and other.big_runs() else None)
            found_lines = [lines.of(a, b) / len(ready[a].lines)
                           for a, b in ((first, second), (second, first))
                           if ready[a].big_lines()]
            by_lines = max(found_lines) if found_lines else None
            share = max(by_runs or 0.0, by_lines or 0.0)
            if share >= at_least:
                self.found.append((first, second, round(share, 4), _rounded(by_runs),
                                   _rounded(by_lines)))
        self.found.sort(key=lambda found: -found[2])
        self._of_group: dict[int, list[tuple]] = {}
        for found in self.found:
            self._of_group.setdefault(found[0], []).append(found)
            if found[1] != found[0]:
                self._of_group.setdefault(found[1], []).append(found)

    def pairs(self) -> list[Pair]:
        """Every comparable pair, the largest share first."""
        made = []
        for first, second, share, by_runs, by_lines in self.found:
            pairs = (combinations(self.members[first], 2) if first == second else
                     ((a, b) for a in self.members[first] for b in self.members[second]))
            made += [Pair(min(a, b), max(a, b), share, by_runs, by_lines) for a, b in pairs
                     if comparable(self.documents[a], self.documents[b])]
        return sorted(made, key=lambda pair: (-pair.share, pair.first, pair.second))

    def of(self, position: int, most: int,
           excluding: frozenset[int] = frozenset()) -> tuple[list[tuple[int, Pair]], int]:
        """The first ``most`` documents paired with the one at ``position`` (each with their
        pair), the largest share first, and how many there are in all, those at the
        positions ``excluding`` left out."""
        listed: list[tuple[int, Pair]] = []
        count = 0
        document = self.documents[position]
        for first, second, share, by_runs, by_lines in self._of_group.get(
                self.group_of[position], []):
            other_group = second if self.group_of[position] == first else first
            members = self.members[other_group]
            if document.source == "submission" and len(listed) >= most:
                # a submission is compared with every other: count them, read none
                count += len(members) - sum(1 for other in members if other == position
                                            or other in excluding)
                continue
            for other in members:
                if other == position or other in excluding or not comparable(
                        document, self.documents[other]):
                    continue
                count += 1
                if len(listed) < most:
                    listed.append((other, Pair(min(position, other), max(position, other),
                                               share, by_runs, by_lines)))
        return listed, count


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True)
class _Prepared:
    """A document's fingerprints with the shared material taken out."""

    runs: frozenset[int]
    lines: tuple[int, ...]
    at: tuple[int, ...]  # the run of three consecutive lines starting at each line
    triples: frozenset[int]  # the same, once each
    spread: frozenset[int]  # runs of three lines within SPAN lines, others between

    @classmethod
    def of(cls, fingerprints: Fingerprints, shared: Shared) -> _Prepared:
        lines = tuple(line for line in fingerprints.lines if line not in shared.lines)
        at = tuple(hash((_TRIPLE_SALT, *run))
                   for run in zip(lines, lines[1:], lines[2:], strict=False))
        return cls(runs=fingerprints.kgrams - shared.kgrams, lines=lines, at=at,
                   triples=frozenset(at), spread=_spread(lines))

    def big_runs(self) -> bool:
        return len(self.runs) >= MIN_RUNS

    def big_lines(self) -> bool:
        return len(self.lines) >= MIN_LINES

    def covered_by(self, other: _Prepared) -> float:
        """The share of this document's lines in a run of three that ``other`` holds in
        order (spread or not)."""
        covered: set[int] = set()
        for start, value in enumerate(self.at):
            if value in other.spread:
                covered.update((start, start + 1, start + 2))
        return len(covered) / len(self.lines)

    def scored(self) -> bool:
        return self.big_runs() or self.big_lines()


def _spread(lines: tuple[int, ...]) -> frozenset[int]:
    """Every run of three of ``lines`` in order within ``SPAN`` consecutive lines."""
    made: set[int] = set()
    for second, third in combinations(range(1, SPAN), 2):  # how far after the first
        made.update(map(hash, zip(repeat(_TRIPLE_SALT), lines, lines[second:],
                                  lines[third:], strict=False)))
    return frozenset(made)


def _holders(families) -> dict[int, int]:
    """For each value of ``families`` (one set of values per document), the bit set of the
    documents that hold it."""
    holders: dict[int, int] = {}
    for position, values in enumerate(families):
        bit = 1 << position
        for value in values:
            holders[value] = holders.get(value, 0) | bit
    return holders


def _run_counts(ready: list[_Prepared]) -> list[list[int]]:
    """For each document, how many fingerprints every document shares with it, as the bit
    planes of a counter per document (``_planes``)."""
    holders = _holders(document.runs if document.big_runs() else () for document in ready)
    return [_planes(map(holders.__getitem__, document.runs)) if document.big_runs() else []
            for document in ready]


def _line_counts(ready: list[_Prepared]) -> list[list[int]]:
    """For each document, how many of its lines every other document holds in a run of
    three (spread or not), as bit planes: a line is found where a run of three starting at
    it, or at one of the two lines before it, is found."""
    wanted = set().union(*(document.triples for document in ready if document.big_lines()))
    holders = _holders(document.spread & wanted for document in ready)
    made = []
    for document in ready:
        if not document.big_lines():
            made.append([])
            continue
        found = [holders.get(value, 0) for value in document.at] + [0, 0]
        made.append(_planes(found[line] | found[line - 1] | found[line - 2]
                            for line in range(len(document.lines))))
    return made


def _planes(bit_sets) -> list[int]:
    """``bit_sets`` added up, bit by bit: a counter per document (one per bit), held as bit
    planes (plane k holds bit k of every counter). Adding a bit set is a carry through the
    planes: a few whole-number operations, however many documents it holds."""
    planes: list[int] = []
    for carry in bit_sets:
        plane = 0
        while carry:
            if plane == len(planes):
                planes.append(carry)
                break
            planes[plane], carry = planes[plane] ^ carry, planes[plane] & carry
            plane += 1
    return planes


def _needed(at_least: float, size: int) -> int:
    """The count a share of at least ``at_least`` of ``size`` needs."""
    return max(1, math.ceil(at_least * size - 1e-9))


def _reaching(first: int, planes: list[int], need: int, ready: list[_Prepared],
              by_size: bool):
    """The pairs of ``first`` and each other document whose counter in ``planes`` is at
    least ``need``, as (lower position, higher); with ``by_size``, only the others with as
    many fingerprints or more (the one with fewer decides the share; each pair is met
    once)."""
    if need >> len(planes):
        return  # more than any counter can reach
    above, equal = 0, -1  # counters already above need; equal to it so far
    for plane in reversed(range(len(planes))):
        if need >> plane & 1:
            equal &= planes[plane]
        else:
            above |= equal & planes[plane]
            equal &= ~planes[plane]
    found = (above | equal) & ~(1 << first)
    size = len(ready[first].runs)
    while found:
        lowest = found & -found
        other = lowest.bit_length() - 1
        found ^= lowest
        if not by_size or (len(ready[other].runs), other) > (size, first):
            yield min(first, other), max(first, other)


class _Counters:
    """Each document's counters (``_planes``), read out into a list the first time one of
    them is asked for (a counter read bit by bit from the planes cost as much as all the
    counting)."""

    def __init__(self, planes: list[list[int]], documents: int):
        self._planes, self._documents = planes, documents
        self._read: dict[int, list[int]] = {}

    def of(self, document: int, position: int) -> int:
        """The counter of the document at ``position`` in ``document``'s planes."""
        if document not in self._read:
            counts = [0] * self._documents
            size = (self._documents + 7) // 8
            for place, plane in enumerate(self._planes[document]):
                bits = chain.from_iterable(map(_BITS.__getitem__,
                                               plane.to_bytes(size, "little")))
                counts = list(map(add, counts, map(mul, bits, repeat(1 << place))))
            self._read[document] = counts
        return self._read[document][position]


_BITS = [tuple((byte >> bit) & 1 for bit in range(8)) for byte in range(256)]
