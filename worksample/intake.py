"""Turn what a candidate sent into a safe, extracted, size-checked folder.

Accepted: a folder, a .zip, a .tar (also .tar.gz/.tgz/.tar.bz2/.tar.xz), or any single file.
Every entry is checked before anything is written: paths that escape the folder, absolute
paths, links, devices, names that are not UTF-8, too many files, too many bytes, or a
compression ratio that suggests a bomb. A refused submission raises ``SubmissionRejected``
with the reason; the batch goes on.

Conveniences, applied the same way to every kind: ``__MACOSX``, ``.git``, ``__pycache__`` and
``.DS_Store`` entries are skipped, and a submission whose only content is one folder is
unwrapped, so ``alice/solution.py`` and ``solution.py`` grade the same.

The candidate's time (``working_time.py``) and how the work was done are read here too: a
zip's or tar's file times, and the git history sent with the submission (``intake_times.py``
says where it is looked for: a ``.git`` at the submission's top, or a git bundle). An
archive's ``.git`` objects and refs (within the archive's budgets) are written to a folder of
their own beside the submission, never into it. The history is read by ``git_history.py`` in
a step of its own after unpacking (in a limited worker of its own when the grader has them),
so that a history the limits stop is a note, and the submission is still graded; the folder
is then removed.

A submission that is a git bundle (a file named ``*.bundle`` that starts with a bundle's
signature) is graded on the files of its last commit, written out under the same checks and
budgets as an archive's entries; its history is read as above. One named ``*.bundle`` that
cannot be read as a bundle is graded as the file it is, with a note saying why.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from worksample.errors import InfrastructureError, SubmissionRejected
from worksample.git_history import HistoryLimits, Read, read_history
from worksample.intake_entries import COPY_CHUNK, SKIPPED_NAMES, IntakeLimits
from worksample.intake_kinds import (
    UNREADABLE,
    copy_file,
    copy_folder,
    extract_bundle,
    extract_tar,
    extract_zip,
)
from worksample.intake_times import HistoryFound, TimesSeen, archive_time, history_at
from worksample.models import GitHistory, Submission
from worksample.safe_text import visible
from worksample.working_time import Found, chosen

if TYPE_CHECKING:
    from worksample.workers import LimitedWorkers

__all__ = ["SKIPPED_NAMES", "IntakeLimits", "open_submission", "unpack", "extracted",
           "submission_id_for", "with_history", "discard", "discard_history"]

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
BUNDLE_SUFFIX = ".bundle"
FOLDER_NAME_CHARS = 100  # of the id, in the name of the folder a submission is unpacked into


def open_submission(source: Path, workdir: Path, limits: IntakeLimits | None = None,
                    workers: LimitedWorkers | None = None,
                    starter: Path | None = None) -> Submission:
    """Check and extract ``source`` into a new folder under ``workdir``, read the git
    history sent with it (compared with the ``starter`` folder, the assignment's, if any);
    return the Submission.

    With ``workers``, the archive is read in a limited worker process (``worksample.workers``),
    so that a parser bug costs this submission only, and its history in another call. Raises
    SubmissionRejected (naming the file and the reason) when the submission is unsafe,
    corrupt, too large or hits a worker limit while unpacking; nothing is left written in
    that case. A history that cannot be read is a note (``Submission.git_history``).
    """
    limits = limits or IntakeLimits()
    destination = destination_for(source, workdir)
    try:
        if workers is None:
            submission = unpack(source, destination, limits)
        else:
            submission = workers.run("to unpack", unpack, source, destination, limits)
        try:
            return with_history(submission, workers, starter)
        finally:
            shutil.rmtree(_history_folder(destination), ignore_errors=True)
    except SubmissionRejected as error:
        discard(destination)
        if error.path is None:  # a worker limit: say which submission hit it
            raise SubmissionRejected(str(error), path=source) from None
        raise
    except BaseException:
        discard(destination)
        raise


def destination_for(source: Path, workdir: Path) -> Path:
    """A new folder's path under ``workdir`` to extract ``source`` into, once ``source`` is
    there and is no symbolic link (SubmissionRejected otherwise)."""
    if not source.exists() and not source.is_symlink():
        raise SubmissionRejected("no such file or folder", path=source)
    if source.is_symlink():
        raise SubmissionRejected("is a symbolic link; pass the real file or folder", path=source)
    # the id cut short: a name near the file system's 255 bytes is legal, the suffixes are not
    named = submission_id_for(source)[:FOLDER_NAME_CHARS]
    return Path(os.path.realpath(workdir)) / f"{named}-{os.urandom(4).hex()}"


def with_history(submission: Submission, workers: LimitedWorkers | None = None,
                 starter: Path | None = None) -> Submission:
    """``submission`` with its git history read (``git_history.read_history``), and its
    working time from the history's dates where they give one (over the archive's file
    times). With ``workers``, read in a limited worker: a limit hit is a note, as is any
    history that cannot be read, and so is any failure while reading it: the work is still
    graded."""
    if submission.history is None:
        return submission
    arguments = (submission.history, HistoryLimits(), starter, submission.history_prefix,
                 submission.root, frozenset(SKIPPED_NAMES))
    kind = "git folder" if submission.history.name == ".git" else "bundle"
    try:
        read = (read_history(*arguments) if workers is None
                else workers.run("to read its git history", read_history, *arguments))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # a limit, a worker's failure, a decoder's panic: a note
        said = str(error) if isinstance(error, (SubmissionRejected, InfrastructureError)) \
            else f"the git history could not be read ({type(error).__name__})"
        note = visible(f"{said} (the git history only: the work is graded)")[:400]
        read = Read(Found(None, note), GitHistory(source=kind, read=False, note=note))
    found = chosen(read.found, Found(submission.working_time, submission.working_time_note))
    return submission.model_copy(update={
        "history": None, "git_history": read.report, "working_time": found.time,
        "working_time_note": found.note})


def discard_history(destination: Path) -> None:
    """Remove the folder an archive's git history was written to while it was read."""
    shutil.rmtree(_history_folder(destination), ignore_errors=True)


def discard(destination: Path) -> None:
    """Remove what unpacking wrote, when a killed worker could not: the submission and its
    git history's folder."""
    shutil.rmtree(destination, ignore_errors=True)
    shutil.rmtree(_history_folder(destination), ignore_errors=True)


def _history_folder(destination: Path) -> Path:
    """Where an archive's ``.git`` history is written while it is read: beside the
    submission, never in it."""
    return destination.with_name(destination.name + "-history")


def unpack(source: Path, destination: Path, limits: IntakeLimits) -> Submission:
    """Extract ``source`` into ``destination`` (which must not exist) after checking every
    entry; the Submission. Runs in a limited worker when the grader has one."""
    kind, extract = _extractor_for(source)
    seen = TimesSeen(_history_folder(destination))
    try:
        try:
            extract(source, destination, limits, seen)
        except SubmissionRejected:
            raise
        except RecursionError:
            raise SubmissionRejected(f"the {kind} is nested too deeply to read",
                                     path=source) from None
        except UNREADABLE as error:
            raise SubmissionRejected(f"corrupt or unreadable {kind}: {type(error).__name__}: "
                                     f"{error}", path=source) from None
        root = _unwrap_single_folder(destination)
        relative = PurePosixPath(root.relative_to(destination).as_posix())
        history = history_at(kind, seen, source if kind == "folder" else seen.history,
                             relative, destination)
        if kind == "bundle" and not seen.bundle_note:  # the submission is the history
            history = HistoryFound(source, "" if root == destination else relative.as_posix())
    except BaseException:
        shutil.rmtree(seen.history, ignore_errors=True)
        raise
    found = chosen(Found(None, seen.unwritten), archive_time(kind, seen))
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return Submission(
        id=submission_id_for(source),
        source=source,
        kind=kind,
        root=root,
        extracted_to=destination,
        content_hash=_hash_tree(root, files),
        file_count=len(files),
        total_bytes=sum(p.stat().st_size for p in files),
        working_time=found.time,
        working_time_note=found.note,
        history=history.path,
        history_prefix=history.prefix,
        git_history=history.report,
    )


@contextmanager
def extracted(source: Path, workdir: Path, limits: IntakeLimits | None = None,
              workers: LimitedWorkers | None = None,
              starter: Path | None = None) -> Iterator[Submission]:
    """``open_submission``, removing the extracted copy when the block ends."""
    submission = open_submission(source, workdir, limits, workers, starter)
    try:
        yield submission
    finally:
        shutil.rmtree(submission.extracted_to, ignore_errors=True)


def submission_id_for(source: Path) -> str:
    """A stable, file-name-safe ASCII id for a submission, from its file or folder name.

    A name with characters outside ASCII keeps what ASCII can spell of it (accents dropped:
    ``Müller`` reads ``Muller``) and gains eight hex digits of the name's hash: without
    them, ``山田.md`` and ``田中.md`` would both be ``md``, and the batch refused as two
    submissions with one name."""
    name = source.name
    for suffix in (*TAR_SUFFIXES, ".zip", BUNDLE_SUFFIX):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    spelled = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", spelled).strip("-.")
    if name.isascii():
        return safe or "submission"
    whole = unicodedata.normalize("NFC", name).encode("utf-8", "surrogatepass")
    return "-".join(filter(None, (safe, hashlib.sha256(whole).hexdigest()[:8])))


def _extractor_for(source: Path):
    name = source.name.lower()
    if source.is_dir():
        return "folder", copy_folder
    if name.endswith(".zip"):
        return "zip", extract_zip
    if name.endswith(TAR_SUFFIXES):
        return "tar", extract_tar
    if name.endswith(BUNDLE_SUFFIX) and source.is_file():
        return "bundle", extract_bundle  # or, when it is no bundle, the file it is
    return "file", copy_file


# --- after extraction -------------------------------------------------------------------------


def _unwrap_single_folder(root: Path) -> Path:
    children = list(root.iterdir())
    if len(children) == 1 and children[0].is_dir():
        return _unwrap_single_folder(children[0])
    return root


def _hash_tree(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        with open(file, "rb") as stream:
            while chunk := stream.read(COPY_CHUNK):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()
