"""Each kind of submission intake accepts, checked and written out: a folder, a single file,
a git bundle (the files of its last commit), a zip and a tar. Every entry passes
``intake_entries``' checks and budgets before anything is written; an archive's ``.git``
objects and refs are written beside the submission for its history (``intake_times.py``)."""

from __future__ import annotations

import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path, PurePosixPath

from worksample.errors import SubmissionRejected
from worksample.git_history import final_files
from worksample.git_objects import Unreadable
from worksample.intake_entries import (
    SKIPPED_NAMES,
    Budget,
    Entry,
    IntakeLimits,
    checked_path,
    entry_name,
    write_entry,
)
from worksample.intake_times import TimesSeen
from worksample.safe_text import visible
from worksample.tar_headers import check_headers
from worksample.working_time import unix_time

# what the archive modules raise on what they cannot read (an encrypted zip entry, an unknown
# compression method, a corrupt stream): the archive's doing
UNREADABLE = (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, ValueError, RuntimeError,
               NotImplementedError, zlib.error, lzma.LZMAError)


def copy_folder(source: Path, destination: Path, limits: IntakeLimits,
                 seen: TimesSeen) -> None:
    budget = Budget(source, limits)
    entries = []
    for path in _walk(source):
        relative = checked_path(path.relative_to(source).as_posix(), source, limits)
        if relative is None:
            continue
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise SubmissionRejected(
                f"{entry_name(relative)}: links are not accepted", path=source
            )
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            raise SubmissionRejected(f"{entry_name(relative)}: not a regular file", path=source)
        size = path.lstat().st_size
        budget.add(relative, size)
        entries.append((Entry(relative, size), path))
    destination.mkdir(parents=True)
    for entry, path in entries:
        with open(path, "rb") as stream:
            write_entry(destination, entry, stream, source)


def _walk(folder: Path) -> Iterator[Path]:
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if d not in SKIPPED_NAMES]
        for name in sorted(dirs) + sorted(files):
            yield Path(current) / name


def copy_file(source: Path, destination: Path, limits: IntakeLimits,
               seen: TimesSeen) -> None:
    budget = Budget(source, limits)
    relative = checked_path(source.name, source, limits) or PurePosixPath("submission")
    if not source.is_file():
        raise SubmissionRejected("not a regular file", path=source)
    budget.add(relative, source.stat().st_size)
    destination.mkdir(parents=True)
    with open(source, "rb") as stream:
        write_entry(destination, Entry(relative, source.stat().st_size), stream, source)


def extract_bundle(source: Path, destination: Path, limits: IntakeLimits,
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
        copy_file(source, destination, limits, seen)
        return
    budget = Budget(source, limits)
    entries = []
    for path, mode, data in files:
        relative = checked_path(path, source, limits)
        if relative is None or mode == 0o160000:  # skipped names; a submodule is no file
            continue
        if mode == 0o120000:
            raise SubmissionRejected(f"{entry_name(relative)}: links are not accepted", path=source)
        budget.add(relative, len(data))
        entries.append((Entry(relative, len(data)), data))
    destination.mkdir(parents=True)
    for entry, data in entries:
        write_entry(destination, entry, BytesIO(data), source)


def extract_zip(source: Path, destination: Path, limits: IntakeLimits,
                 seen: TimesSeen) -> None:
    budget = Budget(source, limits)
    entries, history = [], []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            name = _zip_name(info, source)
            relative = checked_path(name, source, limits)
            if relative is None or info.is_dir():
                budget.add_skipped(info.file_size)
                kept = None if info.is_dir() or stat.S_IFMT(info.external_attr >> 16) \
                    not in (0, stat.S_IFREG) else seen.keeps(name)
                if kept is not None:
                    history.append((Entry(kept, info.file_size), info))
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise SubmissionRejected(
                    f"{entry_name(info.filename)}: links are not accepted", path=source
                )
            # many zip tools store permission bits only; refuse a type only when one is given
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                raise SubmissionRejected(
                    f"{entry_name(info.filename)}: not a regular file", path=source
                )
            budget.add(relative, info.file_size)
            entries.append((Entry(relative, info.file_size), info))
            seen.times.append((info.date_time, info.extra))
        budget.check_ratio(source.stat().st_size)
        destination.mkdir(parents=True)
        for entry, info in entries:
            with archive.open(info) as stream:
                write_entry(destination, entry, stream, source)
        write_history(seen, history, archive.open, source)


def _zip_name(info: zipfile.ZipInfo, source: Path) -> str:
    """The entry's name as UTF-8; zip names without the UTF-8 flag are decoded as cp437."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        raise SubmissionRejected(
            f"{entry_name(info.filename)}: name is not valid UTF-8", path=source
        ) from None


def extract_tar(source: Path, destination: Path, limits: IntakeLimits,
                 seen: TimesSeen) -> None:
    expected = check_headers(source, limits.max_entries, limits.max_bytes)  # before tarfile
    budget = Budget(source, limits)
    entries, sizes, history = [], [], []
    with tarfile.open(source, mode="r:*", errorlevel=2) as archive:
        # Iterate rather than getmembers(): a bomb is refused as soon as its headers say so.
        for member in archive:
            sizes.append(member.size)
            if sizes != expected[:len(sizes)]:
                raise SubmissionRejected(
                    f"{entry_name(member.name)}: tarfile reads this archive differently from the "
                    "header check (a member hidden inside another?)", path=source)
            relative = checked_path(member.name, source, limits)
            if relative is None or member.isdir():
                budget.add_skipped(member.size)
                kept = seen.keeps(member.name) if member.isfile() else None
                if kept is not None:
                    history.append((Entry(kept, member.size), member))
                continue
            if member.issym() or member.islnk():
                raise SubmissionRejected(
                    f"{entry_name(member.name)}: links are not accepted", path=source
                )
            if not member.isfile():
                raise SubmissionRejected(
                    f"{entry_name(member.name)}: not a regular file (device, fifo ...)", path=source
                )
            budget.add(relative, member.size)
            entries.append((Entry(relative, member.size), member))
            seen.times.append(unix_time(member.mtime))
        if sizes != expected:
            raise SubmissionRejected("tarfile reads this archive differently from the header "
                                     "check (members missing)", path=source)
        budget.check_ratio(source.stat().st_size)
        destination.mkdir(parents=True)
        for entry, member in entries:
            stream = archive.extractfile(member)
            if stream is None:
                raise SubmissionRejected(f"{entry_name(member.name)} cannot be read", path=source)
            with stream:
                write_entry(destination, entry, stream, source)
        write_history(seen, history, archive.extractfile, source)


def write_history(seen: TimesSeen, history: list, opened, source: Path) -> None:
    """Write an archive's ``.git`` objects and refs beside the submission, for its time only.
    One that cannot be written out (a corrupt member, a file and a folder of one name) is
    left unread, with a note: never a rejection, as before intake read histories."""
    try:
        for entry, member in history:
            stream = opened(member)
            if stream is None:
                raise OSError(f"{entry_name(entry.relative)} cannot be read")
            with stream:
                write_entry(seen.history, entry, stream, source)
    except (SubmissionRejected, *UNREADABLE) as error:
        seen.unwritten = (f"the archive's .git could not be written out "
                          f"({type(error).__name__}); not read")

