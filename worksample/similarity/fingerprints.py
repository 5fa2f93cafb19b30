"""Fingerprints of a piece of work: what the store keeps of it for the similarity measure.

Two kinds, each robust to what the other is not:

- **Runs of tokens, winnowed** (Schleimer, Wilkerson and Aiken, "Winnowing: local
  algorithms for document fingerprinting", SIGMOD 2003; the method of MOSS). Every run of
  ``K[kind]`` consecutive tokens of a file (12 tokens of code, 5 words of prose) is hashed;
  of each window of ``W[kind]`` consecutive hashes the least is kept. Two files that share a
  run of at least ``K + W - 1`` tokens share at least one kept hash, whatever surrounds it;
  runs shorter than ``K`` are never matched. A set: the order of functions or paragraphs does
  not matter, and a piece repeated counts once. Layout does not matter either (a formatter
  that joins or splits lines changes no token).
- **Lines of code**, in order: each line's tokens hashed, for lines of at least
  ``MIN_LINE_TOKENS`` tokens (``}`` or ``return x`` say nothing). ``compare.py`` matches runs
  of three such lines allowing other lines between them, which finds a copy with a junk
  statement slipped in after every line, where every run of 12 tokens was broken.

A hash is Python's hash of a tuple of small whole numbers, the same in every process and on
every machine of the same word size (strings' hashes are salted; numbers' and tuples' are
not). ``SCHEME`` names this recipe: fingerprints stored under another scheme are made anew.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from worksample.similarity.tokens import CODE, PROSE, FileTokens, file_tokens
from worksample.work import KeptWork

SCHEME = 1  # bump when tokens, K, W, MIN_LINE_TOKENS or a hash change
K = {CODE: 12, PROSE: 5}
W = {CODE: 6, PROSE: 4}
MIN_LINE_TOKENS = 3
_SALT = {CODE: 1, PROSE: 2}  # a run of code and a run of words never hash alike
_LINE_SALT = 3


@dataclass(frozen=True)
class Fingerprints:
    """One piece of work's fingerprints: winnowed runs of tokens, and its lines of code."""

    kgrams: frozenset[int]
    lines: tuple[int, ...]

    def packed(self) -> tuple[bytes, bytes]:
        """As the store keeps them: sorted runs, then the lines in order, as 64-bit
        integers."""
        return (array("q", sorted(self.kgrams)).tobytes(), array("q", self.lines).tobytes())

    @classmethod
    def unpacked(cls, kgrams: bytes, lines: bytes) -> Fingerprints:
        """The fingerprints ``packed`` gave."""
        return cls(frozenset(_integers(kgrams)), tuple(_integers(lines)))


def of_files(files: Iterable[FileTokens]) -> Fingerprints:
    """The fingerprints of a piece of work made of ``files``."""
    kept: set[int] = set()
    lines: list[int] = []
    for tokens in files:
        kept.update(winnowed(kgrams(tokens), W[tokens.kind]))
        if tokens.kind == CODE:
            lines += line_hashes(tokens)
    return Fingerprints(frozenset(kept), tuple(lines))


def of_work(work: KeptWork) -> Fingerprints:
    """The fingerprints of the work the store kept of a submission (``compared_files``)."""
    return of_files(compared_files(work))


def compared_files(work: KeptWork) -> list[FileTokens]:
    """What is compared of a submission's kept work: the texts its plugin read (an email
    reply, a decoded PDF) when it read some, else its code and prose files (a file cut by the
    store's caps, by the part kept)."""
    read = [f for f in work.files if f.kind == "read"]
    if read:
        return [file_tokens(f.path, f.text, PROSE) for f in read]
    return [tokens for f in work.files if f.kind == "text"
            and (tokens := file_tokens(f.path, f.text)) is not None]


def kgrams(tokens: FileTokens) -> list[int]:
    """The hash of every run of ``K`` tokens of ``tokens``, in order (the run at ``i``
    starts at token ``i``); none for a file shorter than one run."""
    k, salt, ids = K[tokens.kind], _SALT[tokens.kind], tokens.ids
    runs = zip(*(ids[start:] for start in range(k)), strict=False)  # up to the last whole one
    return [hash((salt, *run)) for run in runs]


def winnowed(hashes: list[int], window: int) -> Iterator[int]:
    """The least hash of each window of ``window`` consecutive ``hashes`` (the least of all,
    for fewer)."""
    if len(hashes) <= window:
        if hashes:
            yield min(hashes)
        return
    yield from map(min, zip(*(hashes[start:] for start in range(window)), strict=False))


def line_hashes(tokens: FileTokens) -> list[int]:
    """The hash of each line of code with at least ``MIN_LINE_TOKENS`` tokens, in order."""
    return [value for value, _ in numbered_lines(tokens)]


def numbered_lines(tokens: FileTokens) -> list[tuple[int, int]]:
    """(hash, line number) of each line of code with at least ``MIN_LINE_TOKENS`` tokens."""
    return [(value, number) for value, count, number in _lines(tokens)
            if count >= MIN_LINE_TOKENS]


def every_line(tokens: FileTokens) -> list[tuple[int, int]]:
    """(hash, line number) of every line of code, however short (for material left out)."""
    return [(value, number) for value, _, number in _lines(tokens)]


def _lines(tokens: FileTokens) -> Iterator[tuple[int, int, int]]:
    """(hash, number of tokens, line number) of each line of ``tokens`` that has any."""
    start = 0
    ids, lines = tokens.ids, tokens.lines
    for end in range(1, len(ids) + 1):
        if end == len(ids) or lines[end] != lines[start]:
            yield hash((_LINE_SALT, *ids[start:end])), end - start, lines[start]
            start = end


def _integers(data: bytes) -> array:
    values = array("q")
    values.frombytes(data)
    return values
