"""The store file's SQLite connections."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connected(path: Path) -> sqlite3.Connection:
    """A connection to the store file that threads share (each use is under a lock)."""
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA busy_timeout=10000")
    return connection
