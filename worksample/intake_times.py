"""What intake reads of the candidate's time and history while it takes a submission in.

While an archive is extracted, each file written gives its modification time, and the objects
and refs of a ``.git`` history (which intake never writes into the submission) are written to
a folder of their own. Once the submission's root is known, ``history_at`` finds the history
sent with it, which ``intake.open_submission`` has read (``git_history.py``) in a step of its
own; ``archive_time`` gives the archive's file times (``working_time.py``, which holds the
rules), which a readable git history's dates win over. A folder's file times are those of the
copy on this machine (unzipping, cloning, copying), not the candidate's: they are not read; a
folder's git history is. A single file has neither, unless it is a git bundle.

Where a history is found, in this order:

1. a ``.git`` folder: the deepest between the top of the submission and its unwrapped root;
2. else one git bundle (a file named ``*.bundle`` that starts with a bundle's signature) at
   the unwrapped root, beside the files: it is taken out of the files graded (several: none
   is read, and they stay as files);
3. a submission that *is* a bundle (``intake_kinds.extract_bundle``).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from worksample.git_history import is_bundle
from worksample.models import GitHistory
from worksample.working_time import Found, from_file_times, zip_times

MAX_HISTORY_DEPTH = 32
KEPT_FILES = ("packed-refs", "HEAD")
KEPT_FOLDERS = ("objects", "refs")


@dataclass
class TimesSeen:
    """What extraction saw of the candidate's time: each written file's modification time
    (None when it has none), and the folder the archive's ``.git`` history is written to."""

    history: Path
    # a tar's times, or a zip's (DOS date_time, extra field) pairs: zip_times reads them
    times: list = field(default_factory=list)
    history_names: set[PurePosixPath] = field(default_factory=set)
    unwritten: str = ""  # why the history could not be written out, when it could not
    bundle_note: str = ""  # why a submission named *.bundle was graded as a file

    def keeps(self, name: str) -> PurePosixPath | None:
        """Where under ``history`` to write the entry ``name``, which intake skips, when it
        is part of a ``.git`` history (its objects, refs, packed-refs or HEAD); else None.
        ``name`` has passed intake's checks of a path (relative, no '..')."""
        path = PurePosixPath(name)
        parts = path.parts
        if ".git" not in parts or len(parts) > MAX_HISTORY_DEPTH or path in self.history_names:
            return None
        inside = parts[parts.index(".git") + 1:]
        if not (len(inside) > 1 and inside[0] in KEPT_FOLDERS
                or len(inside) == 1 and inside[0] in KEPT_FILES):
            return None
        self.history_names.add(path)
        return path


@dataclass(frozen=True)
class HistoryFound:
    """Where a submission's history is and where its graded folder is within it, or the
    report of why there is none to read."""

    path: Path | None = None
    prefix: str = ""
    report: GitHistory | None = None


def archive_time(kind: str, seen: TimesSeen) -> Found:
    """The archive's file times (a zip or a tar), else none."""
    times = zip_times(seen.times) if kind == "zip" else seen.times
    return from_file_times(times, kind) if kind in ("zip", "tar") else Found(None)


def history_at(kind: str, seen: TimesSeen, base: Path, root: PurePosixPath,
               destination: Path) -> HistoryFound:
    """The history of a submission of ``kind`` (see the module docstring): ``base`` is the
    top of the submission as sent (the source folder, or for an archive the history
    folder), ``root`` the unwrapped root relative to ``destination``, where it was
    extracted. A bundle beside the files is moved into ``seen.history``."""
    if seen.unwritten:
        return HistoryFound(report=GitHistory(source="git folder", read=False,
                                              note=seen.unwritten))
    if seen.bundle_note:
        return HistoryFound(report=GitHistory(source="bundle", read=False,
                                              note=seen.bundle_note))
    if kind in ("file", "bundle"):
        return HistoryFound()
    for folder in (root, *root.parents):
        git_dir = base.joinpath(*folder.parts, ".git")
        if git_dir.exists() or git_dir.is_symlink():
            return HistoryFound(git_dir, "" if folder == root
                                else root.relative_to(folder).as_posix())
    top = destination.joinpath(*root.parts)
    bundles = sorted(p for p in top.iterdir() if p.name.endswith(".bundle") and is_bundle(p))
    if len(bundles) > 1:
        return HistoryFound(report=GitHistory(
            source="bundle", read=False, note=f"{len(bundles)} git bundles at the top of the "
                                              "submission: none was read (send one)"))
    if bundles:
        seen.history.mkdir(parents=True, exist_ok=True)
        moved = seen.history / "history.bundle"
        shutil.move(bundles[0], moved)
        return HistoryFound(moved)
    return HistoryFound()
