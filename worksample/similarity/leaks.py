"""Known public solutions of an assignment (``worksample leaks add ASSIGNMENT FOLDER``): each
entry of the folder (a folder, an archive or a single file) is one solution, named by its
name, read the way a submission is: taken in by intake (hostile input: its size, file count
and archive checks; in a limited worker) and kept by ``work.py`` within the same caps. Every
submission of the assignment, earlier and later, is compared with them.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from worksample.errors import SubmissionRejected, WorksampleError
from worksample.intake import SKIPPED_NAMES, extracted, submission_id_for
from worksample.models import Assignment
from worksample.similarity import sources
from worksample.work import kept_work


@dataclass
class Added:
    """What ``add`` did: the solutions kept, by name, and those refused, with why."""

    names: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def add(assignment: Assignment, store, folder: Path, workers=None) -> Added:
    """Keep each entry of ``folder`` as a known solution of ``assignment`` (one of the same
    name is replaced), and make its fingerprints."""
    if not folder.is_dir():
        raise WorksampleError("is not a folder: give a folder holding one known solution per "
                              "entry (a folder, an archive or a file each)", path=folder)
    entries = [entry for entry in sorted(folder.iterdir()) if entry.name not in SKIPPED_NAMES]
    if not entries:
        raise WorksampleError("holds no solution (it is empty)", path=folder)
    added = Added()
    names = [submission_id_for(entry) for entry in entries]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise WorksampleError(f"two entries would have the same name ({', '.join(repeated)}); "
                              "rename one", path=folder)
    with tempfile.TemporaryDirectory(prefix="worksample-leaks-") as workdir:
        for entry, name in zip(entries, names, strict=True):
            try:
                with extracted(entry, Path(workdir), workers=workers) as solution:
                    work = kept_work(solution.root)
            except SubmissionRejected as error:
                added.refused.append(str(error))
                continue
            store.add_leak(assignment.id, name, str(entry.resolve()), work)
            added.names.append(name)
    sources.update(assignment, store, workers)
    return added
