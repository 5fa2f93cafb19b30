"""The folder a report is written to: refused if it holds anything but a worksample report,
and an earlier report in it replaced so that nothing of it is left behind.

A report written again to the same folder (the default folder is per assignment and audience)
rewrites its files in place and removes only the files the new report does not write: a
candidate no longer in the report, a name that a blind review now shows as an alias, a
format not asked for. Removing 3,000 files and creating them again, or truncating each to
nothing first, is what took the time on ext4 (issue 22, benchmarks/README.md): a new file
searches past the inodes freed a moment ago, and a file truncated to nothing is written to
disk when it is closed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Collection, Iterable
from pathlib import Path

from worksample.errors import WorksampleError

CANDIDATES_FOLDER = "candidates"
RESULTS_FOLDER = "results"
MARKER = ".worksample-report"


def prepare_folder(out: Path, keep: Collection[Path] = ()) -> None:
    """Make ``out`` ready for a report: new, empty, or holding an earlier worksample report.

    An earlier report's files are removed first, except those in ``keep``: the files the new
    report writes, which are then rewritten in place. So no page of a candidate who is no
    longer in the report (or, after a blind review, under a real name) is left behind. A
    folder with other files is refused rather than mixed with.
    """
    if out.exists() and not out.is_dir():
        raise WorksampleError("the report folder is a file; choose a folder", path=out)
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise WorksampleError(
                "the folder is not empty and holds no worksample report; choose a new or "
                "empty folder for the report", path=out)
        _remove_all_but(out, set(keep))
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("A folder written by worksample; its reports are replaced on "
                              "each run.\n", encoding="utf-8")


def _remove_all_but(out: Path, keep: set[Path]) -> None:
    """Remove the earlier report's files (its folders and index files) not in ``keep``."""
    for folder in (out / CANDIDATES_FOLDER, out / RESULTS_FOLDER):
        if folder.is_symlink():  # written through, it would put the pages elsewhere
            folder.unlink()
        if not any(path.parent == folder for path in keep):
            shutil.rmtree(folder, ignore_errors=True)
            continue
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry not in keep or not _rewritable(entry):
                _remove(entry)
    for old in out.glob("index.*"):
        if old not in keep or not _rewritable(old):
            _remove(old)


def _rewritable(path: Path) -> bool:
    """Whether writing over ``path`` changes that file alone: a regular file, not a link to
    another (a symbolic link, or a second name for a file elsewhere)."""
    status = path.stat(follow_symlinks=False)
    return stat.S_ISREG(status.st_mode) and status.st_nlink == 1


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, as ``Path.write_text`` does, but rewriting an
    existing file in place: written over, then cut where the new text ends."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with open(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
        file.truncate()


def remove_files(paths: Iterable[Path]) -> None:
    """Remove ``paths`` that exist, quietly: what a report that failed half-way wrote."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
