"""The files a harness run sends into the container, as one tar archive built in memory.

The root filesystem is read-only and nothing of the host is mounted, so files go in on stdin;
the supervisor extracts the archive into ``/sandbox``. Symbolic links and caches are left out.
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Mapping
from pathlib import Path

SKIPPED = {"__pycache__", ".pytest_cache"}


def archive(trees: Mapping[str, Path], files: Mapping[str, bytes]) -> bytes:
    """A tar holding each folder of ``trees`` under its name, then each of ``files`` (path in
    the archive -> content)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, folder in trees.items():
            _add_tree(tar, folder, name)
        for name, data in files.items():
            _add_bytes(tar, name, data)
    return buffer.getvalue()


def _add_tree(tar: tarfile.TarFile, folder: Path, prefix: str) -> None:
    _add_directory(tar, prefix)
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if SKIPPED.intersection(relative.parts) or path.is_symlink():
            continue
        name = f"{prefix}/{relative.as_posix()}"
        if path.is_dir():
            _add_directory(tar, name)
        elif path.is_file():
            _add_bytes(tar, name, path.read_bytes())


def _add_directory(tar: tarfile.TarFile, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.type, info.mode = tarfile.DIRTYPE, 0o755
    tar.addfile(info)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o644
    tar.addfile(info, io.BytesIO(data))
