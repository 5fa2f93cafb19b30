"""The checks every entry of a submission passes before intake writes it, whatever its kind
(folder, file, zip, tar, git bundle): a safe relative path, the budgets of files, bytes and
entries (skipped entries count too), and a copy that never writes more than the entry said.
A refusal raises ``SubmissionRejected`` naming the entry and the reason."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from worksample.errors import SubmissionRejected

SKIPPED_NAMES = {"__MACOSX", ".git", "__pycache__", ".DS_Store", ".pytest_cache"}
COPY_CHUNK = 1 << 16
MAX_NAME_SHOWN = 200
NAME_PART_BYTES = 255  # a file or folder name on every common file system
PATH_BYTES = 1024  # a whole relative path: far past any project's, well within PATH_MAX


@dataclass(frozen=True)
class IntakeLimits:
    """How much a submission may hold once extracted."""

    max_files: int = 2_000
    max_bytes: int = 50 * 1024 * 1024
    max_ratio: float = 200.0  # extracted bytes per archive byte
    max_depth: int = 32

    @property
    def max_entries(self) -> int:
        """Entries of any kind (folders, skipped ``__MACOSX/`` twins): four per file."""
        return 4 * self.max_files


@dataclass(frozen=True)
class Entry:
    """One file to write: where it goes and how to read it."""

    relative: PurePosixPath
    size: int



def entry_name(name: str | PurePosixPath) -> str:
    """An entry's name for a message: quoted, escaped, and cut short (a name can be 64 KB)."""
    shown = repr(str(name))
    return f"entry {shown[:MAX_NAME_SHOWN] + '…' if len(shown) > MAX_NAME_SHOWN else shown}"


def checked_path(name: str, source: Path, limits: IntakeLimits) -> PurePosixPath | None:
    """The safe relative path for an entry name, None to skip it, or SubmissionRejected."""
    def refuse(reason: str) -> SubmissionRejected:
        return SubmissionRejected(f"{entry_name(name)}: {reason}", path=source)

    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in name):
        raise refuse("name is not valid UTF-8")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise refuse("name contains control characters")
    if "\\" in name:
        raise refuse("name contains a backslash")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise refuse("absolute path")
    path = PurePosixPath(name)
    if ".." in path.parts:
        raise refuse("path escapes the submission folder ('..')")
    parts = [part for part in path.parts if part not in ("", ".")]
    if not parts:
        return None
    if SKIPPED_NAMES.intersection(parts):
        return None
    if len(parts) > limits.max_depth:
        raise refuse(f"nested deeper than {limits.max_depth} folders")
    if any(len(part.encode()) > NAME_PART_BYTES for part in parts):
        raise refuse(f"a file or folder name longer than {NAME_PART_BYTES} bytes, which no "
                     "common file system keeps")
    if len("/".join(parts).encode()) > PATH_BYTES:
        raise refuse(f"a path longer than {PATH_BYTES:,} bytes")
    return PurePosixPath(*parts)


class Budget:
    """Counts entries, files and bytes against the limits while entries are listed. Entries
    intake skips (``__MACOSX/``, directories) count too: their bytes are still in the archive,
    and a million of them still take a million steps."""

    def __init__(self, source: Path, limits: IntakeLimits):
        self.source, self.limits = source, limits
        self.entries = self.files = self.bytes = 0
        self.seen: set[PurePosixPath] = set()

    def add(self, relative: PurePosixPath, size: int) -> None:
        """Count a file intake writes."""
        if relative in self.seen:
            raise SubmissionRejected(f"{entry_name(relative)} appears twice", path=self.source)
        self.seen.add(relative)
        self.files += 1
        if self.files > self.limits.max_files:
            raise SubmissionRejected(f"more than {self.limits.max_files} files", path=self.source)
        self.add_skipped(size)

    def add_skipped(self, size: int) -> None:
        """Count an entry (every one does, written or skipped) and its bytes."""
        if size < 0:  # a parser's misreading must never give budget back
            raise SubmissionRejected(f"an entry declares a negative size ({size})",
                                     path=self.source)
        self.entries += 1
        self.bytes += size
        if self.entries > self.limits.max_entries:
            raise SubmissionRejected(f"more than {self.limits.max_entries} entries (every "
                                     "entry counts, including those intake skips)",
                                     path=self.source)
        if self.bytes > self.limits.max_bytes:
            raise SubmissionRejected(
                f"more than {self.limits.max_bytes // (1024 * 1024)} MiB once extracted",
                path=self.source,
            )

    def check_ratio(self, archive_size: int) -> None:
        ratio = self.bytes / max(archive_size, 1)
        if self.bytes > 1024 * 1024 and ratio > self.limits.max_ratio:
            raise SubmissionRejected(
                f"suspicious compression ratio {ratio:.0f}:1 (limit {self.limits.max_ratio:.0f}:1)",
                path=self.source,
            )


def write_entry(destination: Path, entry: Entry, stream: BinaryIO, source: Path) -> None:
    """Copy at most ``entry.size`` bytes: an archive may lie about a member's size."""
    target = destination.joinpath(*entry.relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    remaining = entry.size
    with open(target, "xb") as out:
        while chunk := stream.read(min(COPY_CHUNK, remaining + 1)):
            remaining -= len(chunk)
            if remaining < 0:
                raise SubmissionRejected(
                    f"{entry_name(entry.relative)} is larger than its header says", path=source
                )
            out.write(chunk)
