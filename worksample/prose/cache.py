"""Caches of the text readers: what a text plugin builds from an assignment (compiled phrase
lists, the sentences of what the candidate was given), built once per assignment version in
each process; and what is read from a submission's sentences, kept while it is graded.

A plugin that grades in worker processes (``grades_in_worker``) has each worker build the
first on its first submission of that version. The cache is a closure, so the decorated
function is still a plain module-level function: importable, and picklable by reference.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from worksample.models import Assignment

Built = TypeVar("Built")
Read = TypeVar("Read", bound=Callable)
_PER_SUBMISSION: list = []  # the caches ``forget_submission`` empties


def cached_per_version(build: Callable[[Assignment], Built]) -> Callable[[Assignment], Built]:
    """Decorator: ``build(assignment)`` runs once per assignment version (its folder and content
    hash); later calls return what it built. One lock guards the cache, held while building,
    so threads grading the same assignment build it once."""
    built: dict[tuple[str, str], Built] = {}
    lock = threading.Lock()

    @functools.wraps(build)
    def cached(assignment: Assignment) -> Built:
        key = (str(assignment.root), assignment.version)
        with lock:
            if key not in built:
                built[key] = build(assignment)
            return built[key]

    return cached


def per_submission(maxsize: int = 4096) -> Callable[[Read], Read]:
    """Decorator: ``functools.lru_cache(maxsize)`` for what is read from a submission's text (a
    sentence's clauses, asked for by every check), emptied by ``forget_submission`` once the
    submission is graded. Kept for good instead, they made a worker grading long sentences
    grow by 13 MB a submission, to 1.4 GB after 100 (each cache's bound of readings still
    far off), and every worker of a batch alike (benchmarks/bench_worker_memory.py)."""
    def decorate(read: Read) -> Read:
        cached = functools.lru_cache(maxsize=maxsize)(read)
        _PER_SUBMISSION.append(cached)
        return cached  # type: ignore[return-value]
    return decorate


def forget_submission() -> None:
    """Empty every ``per_submission`` cache: call it when a submission has been graded."""
    for cached in _PER_SUBMISSION:
        cached.cache_clear()


def entries_held() -> int:
    """How many readings the ``per_submission`` caches hold now."""
    return sum(cached.cache_info().currsize for cached in _PER_SUBMISSION)
