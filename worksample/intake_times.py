"""What intake reads of the candidate's time while it takes a submission in.

While an archive is extracted, each file written gives its modification time, and the objects
and refs of a ``.git`` history (which intake never writes into the submission) are written to
a folder of their own. Once the submission's root is known, ``working_time`` reads the git
history of the ``.git`` at its top (``git_history.py``), else the archive's file times
(``working_time.py``, which holds the rules). A folder's file times are those of the copy on
this machine (unzipping, cloning, copying), not the candidate's: they are not read; a
folder's git history is. A single file has neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from worksample.git_history import KEPT_FILES, KEPT_FOLDERS, read_history
from worksample.working_time import Found, chosen, from_file_times, zip_times

MAX_HISTORY_DEPTH = 32


@dataclass
class TimesSeen:
    """What extraction saw of the candidate's time: each written file's modification time
    (None when it has none), and the folder the archive's ``.git`` history is written to."""

    history: Path
    # a tar's times, or a zip's (DOS date_time, extra field) pairs: zip_times reads them
    times: list = field(default_factory=list)
    history_names: set[PurePosixPath] = field(default_factory=set)
    unwritten: str = ""  # why the history could not be written out, when it could not

    def keeps(self, name: str) -> PurePosixPath | None:
        """Where under ``history`` to write the entry ``name``, which intake skips, when it
        is part of a ``.git`` history (its objects, refs, packed-refs or shallow); else None.
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


def working_time(kind: str, seen: TimesSeen, base: Path, root: PurePosixPath,
                 scratch: Path) -> Found:
    """The candidate's time for a submission of ``kind``: the git history of the deepest
    ``.git`` between the top of the submission (``base``: the source folder, or for an
    archive the history folder) and its unwrapped ``root`` (relative), else an archive's file
    times; or none, with the note saying why. ``scratch`` is where git may work."""
    git = Found(None, seen.unwritten)
    if kind != "file" and not seen.unwritten:
        for folder in (root, *root.parents):
            git_dir = base.joinpath(*folder.parts, ".git")
            if git_dir.exists() or git_dir.is_symlink():
                git = read_history(git_dir, scratch)
                break
    times = zip_times(seen.times) if kind == "zip" else seen.times
    archive = from_file_times(times, kind) if kind in ("zip", "tar") else Found(None)
    return chosen(git, archive)
