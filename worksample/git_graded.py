"""Whether a git history's last commit holds the files graded, and how lines are counted.

A history sent with a submission is the candidate's to make: it may be of another repository
altogether, or leave the work out. Before its largest commit's share and its starter verdict
are given, the files of its last commit (under the graded folder) are compared with the files
graded, as git would hash them (the same bytes, or the same once CRLF is read as LF):

- a file of the last commit that is not graded, or graded with other content, **differs**
  (names intake skips, ``__pycache__``, ``.DS_Store`` ..., and submodules are left out);
- a file graded that the last commit lacks (a ``NOTES.md`` written after the last commit, an
  ignored file) is **extra**: a few extras are said and tolerated while their lines are at
  most ``EXTRA_SHARE`` of the lines of all the files graded; past that, each differs (work
  kept out of the history).

The rules are pure functions of what they are given; ``git_history.py`` reads the history.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from worksample.git_objects import BLOB, object_sha

TEXT_PROBE = 8000
TEXT_BYTES = 1024 * 1024  # a larger file is data, not the candidate's lines
EXTRA_SHARE = 0.10


def text_lines(data: bytes) -> Counter:
    """The non-blank lines of a text file, white space trimmed, as a multiset; none for a
    file over ``TEXT_BYTES`` or with a NUL byte in its first ``TEXT_PROBE``."""
    if len(data) > TEXT_BYTES or b"\0" in data[:TEXT_PROBE]:
        return Counter()
    return Counter(line for line in (raw.strip() for raw in
                                     data.decode("utf-8", "replace").splitlines()) if line)


def blob_ids(content: bytes) -> tuple[bytes, bytes]:
    """The blob ids a file's content may have in git: as it is, and with CRLF as LF."""
    return object_sha(BLOB, content), object_sha(BLOB, content.replace(b"\r\n", b"\n"))


def graded_files(root: Path) -> dict[str, bytes]:
    """The files graded (intake's extracted folder, checked: regular files only): relative
    posix path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@dataclass(frozen=True)
class Comparison:
    """The last commit's files against the files graded."""

    differ: list[str]
    extra: list[str]  # tolerated: graded, not in the last commit, few lines
    total: int

    @property
    def holds(self) -> bool:
        """Whether the last commit holds the files graded (tolerated extras aside)."""
        return not self.differ

    def said(self) -> str:
        """The comparison in the reviewer's words ('' when they are the same files)."""
        if self.differ:
            return (f"the last commit does not hold the files graded: {len(self.differ)} of "
                    f"{self.total} differ ({named(self.differ)}); the largest commit's share "
                    "and the starter are not given")
        if self.extra:
            return (f"{len(self.extra)} file(s) graded that the last commit lacks "
                    f"({named(self.extra)}): a few lines, not measured")
        return ""


def compare(commit_files: dict[str, tuple[int, bytes]], graded: dict[str, bytes],
            skipped: frozenset[str] = frozenset()) -> Comparison:
    """``commit_files`` (path -> (mode, blob id), under the graded folder) against
    ``graded`` (path -> bytes); ``skipped`` are the names intake leaves out."""
    files = {path: sha for path, (mode, sha) in commit_files.items()
             if mode & 0o170000 != 0o160000 and not skipped.intersection(
                 PurePosixPath(path).parts)}
    differ = sorted(path for path, sha in files.items()
                    if path not in graded or sha not in blob_ids(graded[path]))
    extra = sorted(path for path in graded if path not in files)
    lines = {path: sum(text_lines(content).values()) for path, content in graded.items()}
    if sum(lines[p] for p in extra) > EXTRA_SHARE * sum(lines.values()):
        differ, extra = sorted(differ + extra), []
    return Comparison(differ, extra, len(set(files) | set(graded)))


def named(paths: list[str]) -> str:
    """Up to three paths, shown safely, and how many more."""
    from worksample.safe_text import visible

    shown = ", ".join(visible(p)[:100] for p in paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
