"""Near-identical submissions: the same words sent as other files. One analysis sent as .md,
.txt and .docx has three content hashes (so no "same files" flag) and one text.

What is compared is the text each plugin read and the store keeps (``Grade.texts``: an email
reply, a decoded document; store format 5), all of a submission's texts as one. A text is
reduced to its words (case folded; punctuation, markup and layout gone), and to the set of
its runs of ``SHINGLE_WORDS`` words. Two texts are nearly the same when those sets overlap by
``SIMILAR`` or more (Jaccard: shared runs over all runs).

Comparing every pair is quadratic: 500,000 pairs in a cohort of 1,000. Instead each text gets
a sketch of ``BINS`` values in one pass over its runs (one-permutation MinHash: each run's
hash falls in one of the bins, which keeps the least), and texts are put in buckets by
``BANDS`` slices of their sketch (locality-sensitive hashing). Two texts with a Jaccard of
0.8 share a bucket with a probability of 0.985; texts with little in common almost never do.
Only texts sharing a bucket are compared exactly, each with the bucket's first text, so the
work grows with the cohort, not with its square. A chain A~B~C makes one group.

Texts shorter than ``MIN_RUNS`` runs are not compared (an empty reply is flagged as empty,
not as a copy of another empty reply); a text longer than ``MAX_WORDS`` words is compared by
its first ``MAX_WORDS``.

Words are read the same way here and by ``worksample.similarity`` (every pair of a cohort's
texts and code, against earlier cohorts, known leaks and the reference, shared material left
out): ``words`` of the ``folded`` text (``prose/words.py``), so that a copy dressed in
look-alike letters, zero-width characters or combining marks reads as the words it shows.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

from worksample.models import GradeResult
from worksample.prose.words import words

SHINGLE_WORDS = 5
SIMILAR = 0.8
BINS, BANDS = 32, 8
MIN_RUNS = 30
MAX_WORDS = 5_000
_EMPTY_BIN = 1 << 64  # above any hash
_ROWS = BINS // BANDS

ReadTexts = Callable[[GradeResult], str]

def near_identical(texts: Sequence[str]) -> list[list[int]]:
    """For each of ``texts``, the positions of the others nearly the same (in order)."""
    first_of: dict[str, int] = {}  # the same text twice (one file in a zip and a folder)
    runs = [_runs(text) if first_of.setdefault(text, position) == position else set()
            for position, text in enumerate(texts)]
    parent = [first_of[text] if len(runs[first_of[text]]) >= MIN_RUNS else position
              for position, text in enumerate(texts)]

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    buckets: dict[tuple, int] = {}
    for position, own in enumerate(runs):
        if len(own) < MIN_RUNS:
            continue
        sketch = _sketch(own)
        for band in range(BANDS):
            key = (band, *sketch[band * _ROWS:(band + 1) * _ROWS])
            first = buckets.setdefault(key, position)
            if first != position and root(first) != root(position) \
                    and _jaccard(runs[first], own) >= SIMILAR:
                parent[root(position)] = root(first)
    groups: dict[int, list[int]] = {}
    for position in range(len(texts)):
        groups.setdefault(root(position), []).append(position)
    return [[other for other in groups[root(position)] if other != position]
            for position in range(len(texts))]


def stored_texts(store, assignment_id: str) -> ReadTexts:
    """The look-up of each result's read texts in ``store`` (a ``ResultStore``), all read in
    one query: '' for a result with none."""
    from worksample.store import submission_key

    texts = store.read_texts(assignment_id)
    return lambda result: texts.get((result.submission_id, submission_key(result)), "")


def _runs(text: str) -> set[int]:
    """The hashes of the runs of ``SHINGLE_WORDS`` words of ``text``, words case folded."""
    hashes = [zlib.crc32(word.encode()) for word in words(text)[:MAX_WORDS]]
    # a tuple of ints hashes the same in every process (str hashes are salted); the shorter
    # slices end the runs where the last whole run of words ends
    runs = zip(*(hashes[start:] for start in range(SHINGLE_WORDS)), strict=False)
    return set(map(hash, runs))


def _sketch(runs: set[int]) -> list[int]:
    """The least hash of ``runs`` falling in each of ``BINS`` bins (one-permutation MinHash);
    an empty bin holds a value no hash takes. In ascending order, the first hash of a bin is
    its least: the walk stops once every bin has one (after about 130 of 500)."""
    least, empty = [_EMPTY_BIN] * BINS, BINS
    for value in sorted(runs):
        place = value % BINS
        if least[place] == _EMPTY_BIN:
            least[place] = value
            empty -= 1
            if not empty:
                break
    return least


def _jaccard(first: set[int], second: set[int]) -> float:
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)
