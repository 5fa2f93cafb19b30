"""What a text plugin builds from an assignment (compiled phrase lists, the sentences of what
the candidate was given), built once per assignment version in each process.

A plugin that grades in worker processes (``grades_in_worker``) has each worker build it on
its first submission of that version. The cache is a closure, so the decorated function is
still a plain module-level function: importable, and picklable by reference.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from worksample.models import Assignment

Built = TypeVar("Built")


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
