"""What trusted runs taught, kept so that each is run once: the hidden test ids collected
against the reference solution, the reference's records.

A value is computed once per key (make the key name the assignment version, the image id and
the runner's digest: whatever could change it) and kept in memory and as a JSON file in the
cache folder (``WORKSAMPLE_CACHE_DIR``, else ``$XDG_CACHE_HOME/worksample`` or
``~/.cache/worksample``), which later graders read.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "WORKSAMPLE_CACHE_DIR"


def cache_dir() -> Path:
    """The folder of cached values."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "worksample"


class LearnedValues:
    """Values learned from trusted runs, by key. Safe to use from several threads: parallel
    graders compute a key once, the others wait for it."""

    def __init__(self) -> None:
        self._memory: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        """The value for ``key``: kept in memory, or in the cache folder, or ``compute()``d
        (JSON-serialisable) and kept in both."""
        with self._lock:
            if key in self._memory:
                return self._memory[key]
            cache_file = cache_dir() / f"{key}.json"
            if cache_file.is_file():
                value = json.loads(cache_file.read_text())
            else:
                value = compute()
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_text(json.dumps(value))
                temporary.replace(cache_file)
            self._memory[key] = value
            return value
