"""Submissions and assignments as content-addressed bytes, for workers that share no disk.

A ``Parcel`` is what the command sends: the bytes of a submission as the command finds it,
named by their sha256. On the worker, ``placed`` writes it back as what it was, and intake
then reads it there under the same rules and limits as a local batch:

- a file (an archive or a single file) travels as its own bytes, under its own name;
- a folder travels as an uncompressed tar of its entries as they are: a link stays a link
  and a fifo a fifo (never followed, never read), so that intake refuses them on the worker
  as it refuses them here. Intake reads it as a tar (the same checks a folder gets: names,
  links, special files, depth, counts, bytes);
- a path that is a symbolic link travels as a link to nowhere, which intake refuses;
- a folder's git history (a ``.git`` where intake looks for one: at the top, or in the
  folders intake unwraps) travels in the same tar, only the parts intake reads of an
  archive's (objects, refs, ``HEAD``, ``packed-refs``), regular files only. The worker's
  intake counts them against the archive's budgets (entries and bytes), as it counts a zip's
  ``.git``; a history that would pass them is left out instead, and the parcel's ``note``
  says so (the work is graded, as locally; a history is evidence, never the grade).

Packing reads a folder's names and bytes but parses nothing. It stops early where intake
would refuse anyway (past the file count or the nesting depth, keeping the entry that
passes the limit so that intake says so itself), and nothing over ``max_send_bytes`` is sent:
the command rejects such a submission itself, saying so.

An assignment travels the same way, as a tar of the files its content version counts
(``assignments.content_version``); a worker unpacks it once per digest (``unpacked``).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import tarfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from worksample.errors import SubmissionRejected, WorksampleError
from worksample.intake import SKIPPED_NAMES, IntakeLimits
from worksample.intake_times import KEPT_FILES, KEPT_FOLDERS

FOLDER_SUFFIX = ".tar"
_NOWHERE = "/nonexistent/worksample-link"


@dataclass(frozen=True)
class Parcel:
    """A submission or an assignment as bytes: ``name`` as the command found it, what it was
    (``kind``), the bytes and their sha256."""

    name: str
    kind: Literal["file", "folder", "link"]
    data: bytes
    digest: str
    note: str = ""  # why the folder's git history was left out, when it was

    @classmethod
    def of(cls, name: str, kind: Literal["file", "folder", "link"], data: bytes,
           note: str = "") -> Parcel:
        """A parcel of ``data``, its digest computed."""
        return cls(name, kind, data, hashlib.sha256(data).hexdigest(), note)


def max_send_bytes(limits: IntakeLimits) -> int:
    """The most a submission may weigh to be sent: twice what intake accepts once extracted
    (an archive holds less than it extracts to, plus its own headers), and 1 MiB more."""
    return 2 * limits.max_bytes + 2**20


def submission_parcel(source: Path, limits: IntakeLimits | None = None) -> Parcel:
    """``source`` as a Parcel; SubmissionRejected (naming it) when it is too large to send."""
    limits = limits or IntakeLimits()
    if source.is_symlink():
        return Parcel.of(source.name, "link", b"")
    if source.is_dir():
        return Parcel.of(source.name, "folder", *_folder_tar(source, limits))
    size = source.stat().st_size
    if size > max_send_bytes(limits):
        raise _too_large(source, size, limits)
    return Parcel.of(source.name, "file", source.read_bytes())


def placed(parcel: Parcel, folder: Path) -> Path:
    """Write ``parcel`` into ``folder`` (which must exist) as what it was; its path there,
    for intake to read."""
    if parcel.kind == "link":
        path = folder / parcel.name
        os.symlink(_NOWHERE, path)
        return path
    path = folder / (parcel.name + (FOLDER_SUFFIX if parcel.kind == "folder" else ""))
    path.write_bytes(parcel.data)
    return path


def _folder_tar(source: Path, limits: IntakeLimits) -> tuple[bytes, str]:
    """The folder's entries in an uncompressed tar, in intake's order, links kept as links,
    then its git history (``_history_files``); and why that history was left out, if it was.
    Stops past what intake accepts: one file more, or one level deeper, than the limits.
    Folders are left out, as intake leaves them (it writes files), unless too deep."""
    buffer, sent, entries = io.BytesIO(), 0, 0
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for current, dirs, files in os.walk(source, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_NAMES)
            depth = len(Path(current).relative_to(source).parts)
            names = dirs + sorted(files)
            if depth >= limits.max_depth:
                dirs[:] = []  # its entries, one level too deep, are in: intake refuses them
            for name in names:
                path = Path(current) / name
                mode = path.lstat().st_mode
                if stat.S_ISDIR(mode) and depth < limits.max_depth:
                    continue  # intake writes files, and their folders with them
                if stat.S_ISREG(mode):
                    sent += path.lstat().st_size
                    if sent > max_send_bytes(limits):
                        raise _too_large(source, sent, limits)
                _add(archive, path, path.relative_to(source).as_posix(), mode)
                entries += 1
                if entries > limits.max_files:
                    return _closed(archive, buffer), ""
        history = _history_files(source, limits.max_entries + 1)
        note = _history_left_out(history, entries, sent, limits)
        for path in [] if note else history:
            _add(archive, path, path.relative_to(source).as_posix(), path.lstat().st_mode)
    return buffer.getvalue(), note


def _closed(archive: tarfile.TarFile, buffer: io.BytesIO) -> bytes:
    archive.close()
    return buffer.getvalue()


def _history_files(source: Path, most: int) -> list[Path]:
    """The files of the folder's ``.git`` that intake reads of an archive's (objects,
    refs, HEAD, packed-refs), regular files only, never followed through a link: the
    ``.git`` at the top, or in the single folders intake unwraps, the first found. The walk
    stops at ``most`` files (more cannot be sent), however many the folder holds."""
    folder = source
    while True:
        git = folder / ".git"
        if git.is_dir() and not git.is_symlink():
            break
        children = [c for c in folder.iterdir() if c.name not in SKIPPED_NAMES]
        if len(children) != 1 or not children[0].is_dir() or children[0].is_symlink():
            return []
        folder = children[0]
    files = [git / name for name in KEPT_FILES]
    for kept in KEPT_FOLDERS:
        if (git / kept).is_symlink():  # os.walk would follow a link given as its top
            continue
        for current, dirs, names in os.walk(git / kept, followlinks=False):
            dirs.sort()
            files += [Path(current) / name for name in sorted(names)]
            if len(files) >= most:
                break  # past the budgets: the caller leaves it out
    return [f for f in files[:most] if f.is_file() and not f.is_symlink()]


def _history_left_out(history: list[Path], entries: int, sent: int,
                      limits: IntakeLimits) -> str:
    """Why the history cannot travel with the files: past the entries or bytes intake
    accepts of an archive, the files' own included; "" when it can."""
    size = sum(path.lstat().st_size for path in history)
    if entries + len(history) > limits.max_entries or sent + size > limits.max_bytes:
        files = (f"more than {limits.max_entries:,}" if len(history) > limits.max_entries
                 else f"{len(history):,}")
        return (f"the .git ({files} files, {size // 2**20} MiB) was not sent to the "
                f"cluster's worker: with the work it passes intake's budgets for an archive "
                f"({limits.max_entries:,} entries, {limits.max_bytes // 2**20} MiB); send "
                f"the history as a git bundle, or grade without --cluster")
    return ""


def _add(archive: tarfile.TarFile, path: Path, name: str, mode: int) -> None:
    """One entry as it is: a file's bytes, a folder, a link (not followed); anything else
    (a fifo, a device, a socket) as a fifo, which carries no bytes and which intake refuses
    as it refuses the original."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode):
        info = archive.gettarinfo(str(path), arcname=name)
        if stat.S_ISREG(mode):
            with open(path, "rb") as stream:
                archive.addfile(info, stream)
        else:
            archive.addfile(info)
        return
    info = tarfile.TarInfo(name)
    info.type = tarfile.FIFOTYPE
    archive.addfile(info)


def _too_large(source: Path, size: int, limits: IntakeLimits) -> SubmissionRejected:
    return SubmissionRejected(
        f"more than {max_send_bytes(limits) // 2**20} MiB ({size // 2**20} MiB read): too "
        f"large to send to the cluster's workers (intake accepts at most "
        f"{limits.max_bytes // 2**20} MiB once extracted)", path=source)


def assignment_parcel(folder: Path) -> Parcel:
    """The assignment folder as a Parcel: the files its content version counts, in order."""
    from worksample.assignments import IGNORED_NAMES

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_file() and not IGNORED_NAMES.intersection(relative.parts):
                info = tarfile.TarInfo(relative.as_posix())
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o755 if os.access(path, os.X_OK) else 0o644
                archive.addfile(info, io.BytesIO(data))
    return Parcel.of(folder.name, "folder", buffer.getvalue())


class UnpackedAssignments:
    """Assignment parcels unpacked under ``root``, once per digest, whichever thread asks
    first; the others wait for it."""

    def __init__(self, root: Path):
        self.root = root
        self._lock = threading.Lock()

    def folder(self, parcel: Parcel) -> Path:
        """The folder holding ``parcel``'s files, unpacked now if it was not yet."""
        target = self.root / parcel.digest[:32] / parcel.name
        with self._lock:
            if not target.is_dir():
                if hashlib.sha256(parcel.data).hexdigest() != parcel.digest:
                    raise WorksampleError("the assignment's bytes do not match their digest")
                partial = target.parent.with_name(target.parent.name + ".partial")
                shutil.rmtree(partial, ignore_errors=True)
                (partial / parcel.name).mkdir(parents=True)
                with tarfile.open(fileobj=io.BytesIO(parcel.data)) as archive:
                    archive.extractall(partial / parcel.name, filter="data")
                shutil.rmtree(target.parent, ignore_errors=True)
                partial.rename(target.parent)
        return target
