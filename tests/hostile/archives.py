"""Hostile and malformed archives, built on demand, each with the refusal it must get.

Built in code rather than committed as binaries so that each one is readable. Every case
maps a name to (builder, words the rejection must contain). A builder writes the archive
into the given folder and returns its path.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path


def _tar(folder: Path, name: str, members, mode: str = "w") -> Path:
    path = folder / name
    with tarfile.open(path, mode) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def _file(name: str, data: bytes = b"x = 1\n"):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _special(name: str, kind: bytes, target: str = ""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info, None


def _zip(folder: Path, name: str, entries) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            archive.writestr(entry, data)
    return path


def zip_traversal(folder):
    return _zip(folder, "traversal.zip", [("ok.py", "x = 1"), ("../../evil.py", "x = 2")])


def zip_absolute(folder):
    info = zipfile.ZipInfo("/etc/evil.py")
    return _zip(folder, "absolute.zip", [(info, "x = 1")])


def zip_symlink(folder):
    info = zipfile.ZipInfo("link.py")
    info.external_attr = (0o120777 << 16)
    return _zip(folder, "symlink.zip", [(info, "/etc/passwd")])


def zip_bomb(folder):
    return _zip(folder, "bomb.zip", [("zeros.txt", b"\0" * (40 * 1024 * 1024))])


def zip_too_many_files(folder):
    return _zip(folder, "many.zip", [(f"f{i}.py", "") for i in range(2_100)])


def zip_corrupt(folder):
    path = folder / "corrupt.zip"
    path.write_bytes(b"PK\x03\x04" + b"\xff" * 200)
    return path


def zip_non_utf8_name(folder):
    path = _zip(folder, "latin1.zip", [("placeholder.py", "x = 1")])
    # same length, so every offset in the archive stays right
    raw = path.read_bytes().replace(b"placeholder.py", b"caf\xe9-nnnnnn.py")
    path.write_bytes(raw)
    return path


def tar_traversal(folder):
    return _tar(folder, "tar-traversal.tar", [_file("ok.py"), _file("../evil.py")])


def tar_absolute(folder):
    return _tar(folder, "tar-absolute.tar.gz", [_file("/tmp/evil.py")], mode="w:gz")


def tar_symlink(folder):
    return _tar(folder, "tar-symlink.tar", [_special("passwd", tarfile.SYMTYPE, "/etc/passwd")])


def tar_hardlink(folder):
    return _tar(folder, "hardlink.tar", [_special("passwd", tarfile.LNKTYPE, "/etc/passwd")])


def tar_device(folder):
    return _tar(folder, "device.tar", [_special("null", tarfile.CHRTYPE)])


def tar_fifo(folder):
    return _tar(folder, "fifo.tar", [_special("pipe", tarfile.FIFOTYPE)])


def tar_too_big(folder):
    return _tar(folder, "big.tar.gz", [_file("big.bin", b"\0" * (51 * 1024 * 1024))], mode="w:gz")


def tar_truncated(folder):
    whole = _tar(folder, "whole.tar.gz", [_file("a.py", bytes(range(256)) * 4000)], mode="w:gz")
    path = folder / "truncated.tar.gz"
    path.write_bytes(whole.read_bytes()[:2000])
    whole.unlink()
    return path


def tar_non_utf8_name(folder):
    # surrogateescape writes the raw byte 0xe9 (Latin-1 "é") into the header, checksum and all
    info = tarfile.TarInfo("caf\udce9.py")
    path = folder / "tar-latin1.tar"
    with tarfile.open(path, "w", encoding="utf-8", errors="surrogateescape") as tar:
        tar.addfile(info, io.BytesIO(b""))
    return path


def tar_long_name_part(folder):
    # 128 two-byte letters: 256 bytes, one past what a file system keeps in one name
    return _tar(folder, "long-name.tar", [_file("src/" + "é" * 128 + ".py")])


def zip_long_path(folder):
    # twelve folders of ninety letters: each name fine, the whole path 1,104 bytes
    return _zip(folder, "long-path.zip", [("/".join(["d" * 90] * 12) + "/a.py", "x = 1")])


CASES = {
    "zip with ../ path": (zip_traversal, "escapes the submission folder"),
    "zip with absolute path": (zip_absolute, "absolute path"),
    "zip with a symlink": (zip_symlink, "links are not accepted"),
    "zip bomb (40 MiB of zeros)": (zip_bomb, "suspicious compression ratio"),
    "zip with 2,100 files": (zip_too_many_files, "more than 2000 files"),
    "corrupt zip": (zip_corrupt, "corrupt or unreadable zip"),
    "zip with a non-UTF-8 name": (zip_non_utf8_name, "not valid UTF-8"),
    "tar with ../ path": (tar_traversal, "escapes the submission folder"),
    "tar.gz with absolute path": (tar_absolute, "absolute path"),
    "tar with a symlink to /etc/passwd": (tar_symlink, "links are not accepted"),
    "tar with a hard link": (tar_hardlink, "links are not accepted"),
    "tar with a device": (tar_device, "not a regular file"),
    "tar with a fifo": (tar_fifo, "not a regular file"),
    "tar.gz of 51 MiB": (tar_too_big, "more than 50 MiB"),
    "truncated tar.gz": (tar_truncated, "corrupt or unreadable tar"),
    "tar with a non-UTF-8 name": (tar_non_utf8_name, "not valid UTF-8"),
    "tar with a name of 256 bytes": (tar_long_name_part, "a file or folder name longer than "
                                                        "255 bytes"),
    "zip with a path of 1,104 bytes": (zip_long_path, "a path longer than 1,024 bytes"),
}
