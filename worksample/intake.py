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
import lzma
import os
import re
import shutil
import stat
import tarfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

from worksample.errors import InfrastructureError, SubmissionRejected
from worksample.git_history import HistoryLimits, Read, final_files, read_history
from worksample.git_objects import Unreadable
from worksample.intake_times import HistoryFound, TimesSeen, archive_time, history_at
from worksample.models import GitHistory, Submission
from worksample.safe_text import visible
from worksample.tar_headers import check_headers
from worksample.working_time import Found, chosen, unix_time

if TYPE_CHECKING:
    from worksample.workers import LimitedWorkers

SKIPPED_NAMES = {"__MACOSX", ".git", "__pycache__", ".DS_Store", ".pytest_cache"}
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
BUNDLE_SUFFIX = ".bundle"
COPY_CHUNK = 1 << 16
MAX_NAME_SHOWN = 200


# what the archive modules raise on what they cannot read (an encrypted zip entry, an unknown
# compression method, a corrupt stream): the archive's doing
_UNREADABLE = (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, ValueError, RuntimeError,
               NotImplementedError, zlib.error, lzma.LZMAError)


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
class _Entry:
    """One file to write: where it goes and how to read it."""

    relative: PurePosixPath
    size: int


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
    return Path(os.path.realpath(workdir)) / f"{submission_id_for(source)}-{os.urandom(4).hex()}"


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
        except _UNREADABLE as error:
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
    """A stable, file-name-safe id for a submission, from its file or folder name."""
    name = source.name
    for suffix in (*TAR_SUFFIXES, ".zip", BUNDLE_SUFFIX):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return safe or "submission"


def _extractor_for(source: Path):
    name = source.name.lower()
    if source.is_dir():
        return "folder", _copy_folder
    if name.endswith(".zip"):
        return "zip", _extract_zip
    if name.endswith(TAR_SUFFIXES):
        return "tar", _extract_tar
    if name.endswith(BUNDLE_SUFFIX) and source.is_file():
        return "bundle", _extract_bundle  # or, when it is no bundle, the file it is
    return "file", _copy_file


# --- checks shared by every kind ----------------------------------------------------------------


def _entry(name: str | PurePosixPath) -> str:
    """An entry's name for a message: quoted, escaped, and cut short (a name can be 64 KB)."""
    shown = repr(str(name))
    return f"entry {shown[:MAX_NAME_SHOWN] + '…' if len(shown) > MAX_NAME_SHOWN else shown}"


def _checked_path(name: str, source: Path, limits: IntakeLimits) -> PurePosixPath | None:
    """The safe relative path for an entry name, None to skip it, or SubmissionRejected."""
    def refuse(reason: str) -> SubmissionRejected:
        return SubmissionRejected(f"{_entry(name)}: {reason}", path=source)

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
    return PurePosixPath(*parts)


class _Budget:
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
            raise SubmissionRejected(f"{_entry(relative)} appears twice", path=self.source)
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


def _write(destination: Path, entry: _Entry, stream: BinaryIO, source: Path) -> None:
    """Copy at most ``entry.size`` bytes: an archive may lie about a member's size."""
    target = destination.joinpath(*entry.relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    remaining = entry.size
    with open(target, "xb") as out:
        while chunk := stream.read(min(COPY_CHUNK, remaining + 1)):
            remaining -= len(chunk)
            if remaining < 0:
                raise SubmissionRejected(
                    f"{_entry(entry.relative)} is larger than its header says", path=source
                )
            out.write(chunk)


# --- the kinds --------------------------------------------------------------------------------


def _copy_folder(source: Path, destination: Path, limits: IntakeLimits,
                 seen: TimesSeen) -> None:
    budget = _Budget(source, limits)
    entries = []
    for path in _walk(source):
        relative = _checked_path(path.relative_to(source).as_posix(), source, limits)
        if relative is None:
            continue
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise SubmissionRejected(
                f"{_entry(relative)}: links are not accepted", path=source
            )
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            raise SubmissionRejected(f"{_entry(relative)}: not a regular file", path=source)
        size = path.lstat().st_size
        budget.add(relative, size)
        entries.append((_Entry(relative, size), path))
    destination.mkdir(parents=True)
    for entry, path in entries:
        with open(path, "rb") as stream:
            _write(destination, entry, stream, source)


def _walk(folder: Path) -> Iterator[Path]:
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if d not in SKIPPED_NAMES]
        for name in sorted(dirs) + sorted(files):
            yield Path(current) / name


def _copy_file(source: Path, destination: Path, limits: IntakeLimits,
               seen: TimesSeen) -> None:
    budget = _Budget(source, limits)
    relative = _checked_path(source.name, source, limits) or PurePosixPath("submission")
    if not source.is_file():
        raise SubmissionRejected("not a regular file", path=source)
    budget.add(relative, source.stat().st_size)
    destination.mkdir(parents=True)
    with open(source, "rb") as stream:
        _write(destination, _Entry(relative, source.stat().st_size), stream, source)


def _extract_bundle(source: Path, destination: Path, limits: IntakeLimits,
                    seen: TimesSeen) -> None:
    """The files of a bundle's last commit, each checked as an archive's entry is; a bundle
    that cannot be read (``git_objects`` says why) is graded as the file it is."""
    try:
        files, _ = final_files(source)
    except (MemoryError, RecursionError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # Unreadable, a decoder's error or panic on hostile bytes
        said = str(error) if isinstance(error, Unreadable) else type(error).__name__
        seen.bundle_note = visible(f"{source.name[:100]} cannot be read as a git bundle "
                                   f"({said}); it was graded as the file it is")
        _copy_file(source, destination, limits, seen)
        return
    budget = _Budget(source, limits)
    entries = []
    for path, mode, data in files:
        relative = _checked_path(path, source, limits)
        if relative is None or mode == 0o160000:  # skipped names; a submodule is no file
            continue
        if mode == 0o120000:
            raise SubmissionRejected(f"{_entry(relative)}: links are not accepted", path=source)
        budget.add(relative, len(data))
        entries.append((_Entry(relative, len(data)), data))
    destination.mkdir(parents=True)
    for entry, data in entries:
        _write(destination, entry, BytesIO(data), source)


def _extract_zip(source: Path, destination: Path, limits: IntakeLimits,
                 seen: TimesSeen) -> None:
    budget = _Budget(source, limits)
    entries, history = [], []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            name = _zip_name(info, source)
            relative = _checked_path(name, source, limits)
            if relative is None or info.is_dir():
                budget.add_skipped(info.file_size)
                kept = None if info.is_dir() or stat.S_IFMT(info.external_attr >> 16) \
                    not in (0, stat.S_IFREG) else seen.keeps(name)
                if kept is not None:
                    history.append((_Entry(kept, info.file_size), info))
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise SubmissionRejected(
                    f"{_entry(info.filename)}: links are not accepted", path=source
                )
            # many zip tools store permission bits only; refuse a type only when one is given
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                raise SubmissionRejected(
                    f"{_entry(info.filename)}: not a regular file", path=source
                )
            budget.add(relative, info.file_size)
            entries.append((_Entry(relative, info.file_size), info))
            seen.times.append((info.date_time, info.extra))
        budget.check_ratio(source.stat().st_size)
        destination.mkdir(parents=True)
        for entry, info in entries:
            with archive.open(info) as stream:
                _write(destination, entry, stream, source)
        _write_history(seen, history, archive.open, source)


def _zip_name(info: zipfile.ZipInfo, source: Path) -> str:
    """The entry's name as UTF-8; zip names without the UTF-8 flag are decoded as cp437."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        raise SubmissionRejected(
            f"{_entry(info.filename)}: name is not valid UTF-8", path=source
        ) from None


def _extract_tar(source: Path, destination: Path, limits: IntakeLimits,
                 seen: TimesSeen) -> None:
    expected = check_headers(source, limits.max_entries, limits.max_bytes)  # before tarfile
    budget = _Budget(source, limits)
    entries, sizes, history = [], [], []
    with tarfile.open(source, mode="r:*", errorlevel=2) as archive:
        # Iterate rather than getmembers(): a bomb is refused as soon as its headers say so.
        for member in archive:
            sizes.append(member.size)
            if sizes != expected[:len(sizes)]:
                raise SubmissionRejected(
                    f"{_entry(member.name)}: tarfile reads this archive differently from the "
                    "header check (a member hidden inside another?)", path=source)
            relative = _checked_path(member.name, source, limits)
            if relative is None or member.isdir():
                budget.add_skipped(member.size)
                kept = seen.keeps(member.name) if member.isfile() else None
                if kept is not None:
                    history.append((_Entry(kept, member.size), member))
                continue
            if member.issym() or member.islnk():
                raise SubmissionRejected(
                    f"{_entry(member.name)}: links are not accepted", path=source
                )
            if not member.isfile():
                raise SubmissionRejected(
                    f"{_entry(member.name)}: not a regular file (device, fifo ...)", path=source
                )
            budget.add(relative, member.size)
            entries.append((_Entry(relative, member.size), member))
            seen.times.append(unix_time(member.mtime))
        if sizes != expected:
            raise SubmissionRejected("tarfile reads this archive differently from the header "
                                     "check (members missing)", path=source)
        budget.check_ratio(source.stat().st_size)
        destination.mkdir(parents=True)
        for entry, member in entries:
            stream = archive.extractfile(member)
            if stream is None:
                raise SubmissionRejected(f"{_entry(member.name)} cannot be read", path=source)
            with stream:
                _write(destination, entry, stream, source)
        _write_history(seen, history, archive.extractfile, source)


def _write_history(seen: TimesSeen, history: list, opened, source: Path) -> None:
    """Write an archive's ``.git`` objects and refs beside the submission, for its time only.
    One that cannot be written out (a corrupt member, a file and a folder of one name) is
    left unread, with a note: never a rejection, as before intake read histories."""
    try:
        for entry, member in history:
            stream = opened(member)
            if stream is None:
                raise OSError(f"{_entry(entry.relative)} cannot be read")
            with stream:
                _write(seen.history, entry, stream, source)
    except (SubmissionRejected, *_UNREADABLE) as error:
        seen.unwritten = (f"the archive's .git could not be written out "
                          f"({type(error).__name__}); not read")


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
