"""An assignment's similarity, measured once for a command: every stored submission compared
with every other, with the known leaks and with the reference solution (``sources.py``),
the shared material left out, and the pairs at or above the assignment's threshold kept;
the matching fragments of a pair found when asked for (``fragments.py``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

from worksample.models import Assignment
from worksample.similarity import compare, sources
from worksample.similarity.compare import Document, Pair
from worksample.similarity.fragments import Fragment, Side, fragments
from worksample.work import KeptWork


@dataclass(frozen=True)
class Match:
    """Another piece of work found in a submission, or it in that one: ``share`` of one is
    found in the other (``compare.py``)."""

    other: Document
    share: float
    runs: float
    lines: float


class Similarity:
    """The pairs of an assignment's work at or above ``threshold`` (by default the
    assignment's ``similarity_threshold``); safe to use from several threads."""

    def __init__(self, assignment: Assignment, store, threshold: float | None = None,
                 workers=None, say=lambda line: None):
        self.assignment, self.store = assignment, store
        self.threshold = (assignment.spec.similarity_threshold if threshold is None
                          else threshold)
        self.documents = sources.documents(assignment, store, workers, say)
        self.shared = sources.shared_material(assignment)
        self.comparison = compare.Comparison(self.documents, self.shared, self.threshold)
        self._positions = {(d.name, d.key): n for n, d in enumerate(self.documents)
                           if d.source == "submission"}
        self._sides: dict[int, Side | None] = {}
        self._same_work: dict[str, Side | None] = {}  # by the digest of the work's text
        self._fragments: dict[tuple[int, int], list[Fragment]] = {}
        self._lock = threading.Lock()

    def unread(self, submission_id: str, key: str) -> str:
        """What the measure could not read of this submission's work, in words; '' when
        it read all of it."""
        position = self._positions.get((submission_id, key))
        if position is None:
            return "Not compared: the store kept none of this work."
        return self.documents[position].unread

    @cached_property
    def pairs(self) -> list[Pair]:
        """Every pair at or above the threshold, the most similar first."""
        return self.comparison.pairs()

    def matches(self, submission_id: str, key: str, most: int = 10,
                excluding: set[tuple[str, str]] = frozenset()) -> tuple[list[Match], int]:
        """The first ``most`` pieces of work found similar to this submission's, the most
        similar first, and how many there are in all, the submissions ``excluding`` (by id
        and key) left out."""
        position = self._positions.get((submission_id, key))
        if position is None:
            return [], 0
        listed, count = self.comparison.of(position, most, frozenset(
            self._positions[other] for other in excluding if other in self._positions))
        return [Match(self.documents[other], pair.share, pair.runs, pair.lines)
                for other, pair in listed], count

    def fragments(self, submission_id: str, key: str, other: Document) -> list[Fragment]:
        """The fragments of this submission found in ``other``, the largest first."""
        this = self._side(self._positions[(submission_id, key)])
        theirs = self._side(self.documents.index(other))
        if this is None or theirs is None:
            return []
        both = (id(this), id(theirs))
        if both not in self._fragments:  # copies of one work are matched once
            self._fragments[both] = fragments(this, theirs, self.shared)
        return self._fragments[both]

    def _side(self, position: int) -> Side | None:
        with self._lock:
            if position not in self._sides:
                document = self.documents[position]
                if document.digest not in self._same_work:  # copies are read once
                    work = self._work(document)
                    self._same_work[document.digest] = None if work is None else Side.of(work)
                self._sides[position] = self._same_work[document.digest]
            return self._sides[position]

    def _work(self, document: Document) -> KeptWork | None:
        if document.source == "submission":
            return self.store.work(self.assignment.id, document.name, document.key)
        if document.source == "leak":
            return next((leak["work"] for leak in self.store.leaks(self.assignment.id)
                         if leak["name"] == document.name), None)
        return sources.reference_work(self.assignment)
