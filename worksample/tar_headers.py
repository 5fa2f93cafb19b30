"""A bounded pre-scan of a tar archive's headers, before ``tarfile`` reads any of it.

CPython's ``tarfile`` trusts header fields that a hostile archive controls: in Python 3.11.7 a
negative base-256 size loops for ever (CVE-2025-8194), a pax header of millions of digits is
parsed in quadratic time (CVE-2024-6232), and a pax or GNU long-name header is read into
memory whole, whatever size it declares. And a member intake skips (``__MACOSX/``) is still
decompressed in full. So every archive is first read here, block by block, with a fixed memory
footprint, and refused when:

- a size is negative, malformed, or larger than the budget;
- an extended header (pax ``x``/``g``, GNU ``L``/``K``) is larger than ``MAX_EXTENDED_HEADER``
  or malformed;
- the members, every one counted whether intake would skip it or not, pass the budgets of
  files and bytes;
- a header's checksum is wrong, or the archive ends inside a member;
- one member has two extended headers of the same kind (``tarfile`` takes the first pax
  ``size``, a naive reader the last: the same bytes would read as two archives).

Only an archive that passes reaches ``tarfile``, and intake then checks that ``tarfile`` saw
the very members this scan saw, with the same sizes (``check_headers`` returns them): an
archive that two readers read differently is refused, whatever the trick. The worker
process's limits are the last line of defence.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from pathlib import Path
from typing import BinaryIO

from worksample.errors import SubmissionRejected

BLOCK = 512
MAX_EXTENDED_HEADER = 8 * 1024  # a long path plus attributes fits many times over
EXTENDED_TYPES = {b"x": "pax", b"g": "global pax", b"L": "GNU long-name", b"K": "GNU long-link"}
_SKIP_CHUNK = 1 << 16


def check_headers(source: Path, max_entries: int, max_bytes: int) -> list[int]:
    """Read every header of the tar (or .tar.gz/.bz2/.xz) ``source``; SubmissionRejected
    naming the member and the cause when one is unsafe or the budgets are passed. Returns each
    member's size, in order, as ``tarfile`` must see them."""
    try:
        with _decompressed(source) as stream:
            scan = _Scan(source, stream, max_entries, max_bytes)
            scan.run()
            return scan.sizes
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as error:
        raise SubmissionRejected(f"corrupt or unreadable tar: {error}", path=source) from None


class _Scan:
    """One pass over the headers; member data is skipped, never kept."""

    def __init__(self, source: Path, stream: BinaryIO, max_entries: int, max_bytes: int):
        self.source, self.stream = source, stream
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries = self.data_bytes = 0
        self.next_size: int | None = None  # from a pax header: the next member's size
        self.extended: set[bytes] = set()  # the kinds of extended header the next member has
        self.sizes: list[int] = []  # each member's size

    def run(self) -> None:
        while True:
            header = self.stream.read(BLOCK)
            if not header.strip(b"\0"):
                return  # end of archive (or nothing at all: tarfile says what is wrong)
            if len(header) < BLOCK:
                raise self.refuse("the archive ends inside a header")
            self.entries += 1
            if self.entries > self.max_entries:  # directories and headers count too
                raise self.refuse(f"more than {self.max_entries} entries")
            self._member(header)

    def _member(self, header: bytes) -> None:
        _verify_checksum(header, self)
        kind = header[156:157]
        size = _number(header[124:136], self)
        if kind in EXTENDED_TYPES:
            if kind in self.extended:
                raise self.refuse(f"two {EXTENDED_TYPES[kind]} headers for one member (tar "
                                   "readers disagree on which one counts)")
            self.extended.add(kind)
            if size > MAX_EXTENDED_HEADER:
                raise self.refuse(f"a {EXTENDED_TYPES[kind]} header of {size:,} bytes (the "
                                   f"limit is {MAX_EXTENDED_HEADER:,})")
            data = self._read(size)
            if kind in (b"x", b"g"):
                pax_size = _pax_size(data, self)
                if pax_size is not None and kind == b"g":
                    raise self.refuse("a global pax header sets a size for every member")
                self.next_size = pax_size
            return
        if kind == b"S":
            raise self.refuse("a sparse file; sparse files are not accepted")
        if self.next_size is not None:
            size, self.next_size = self.next_size, None
        self.extended.clear()
        self.sizes.append(size)
        self.data_bytes += size
        if self.data_bytes > self.max_bytes:
            raise self.refuse(f"more than {self.max_bytes // 2**20} MiB once extracted (every "
                               "member counts, including those intake skips)")
        self._skip(size if _has_data(kind, header[:100]) else 0)

    def _read(self, size: int) -> bytes:
        data = self.stream.read(_padded(size))
        if len(data) < _padded(size):
            raise self.refuse("the archive ends inside a member")
        return data[:size]

    def _skip(self, size: int) -> None:
        left = _padded(size)
        while left:
            chunk = self.stream.read(min(left, _SKIP_CHUNK))
            if not chunk:
                raise self.refuse("the archive ends inside a member")
            left -= len(chunk)

    def refuse(self, reason: str) -> SubmissionRejected:
        return SubmissionRejected(f"tar entry {self.entries}: {reason}", path=self.source)


def _has_data(kind: bytes, name: bytes) -> bool:
    """Whether data blocks follow this header, by tarfile's rule: for regular files and types
    it does not know; not for links, directories and devices. An old-style regular file whose
    name ends in "/" is a directory to tarfile."""
    if kind == b"\0" and name.rstrip(b"\0").endswith(b"/"):
        return False
    return kind not in (b"1", b"2", b"3", b"4", b"5", b"6")


def _padded(size: int) -> int:
    return -(-size // BLOCK) * BLOCK


def _number(field: bytes, scan: _Scan) -> int:
    """A numeric header field: octal text, or GNU base-256 (first byte 0x80 or 0xff)."""
    if field[:1] in (b"\x80", b"\xff"):
        value = int.from_bytes(field[1:], "big")
        if field[0] == 0xFF:
            raise scan.refuse("a negative size")
        return value
    text = field.rstrip(b"\0 ").lstrip(b" ")
    if not text:
        return 0
    if not all(48 <= byte <= 55 for byte in text):
        raise scan.refuse(f"a malformed size field {field!r}")
    return int(text, 8)


def _verify_checksum(header: bytes, scan: _Scan) -> None:
    stored = header[148:156].rstrip(b"\0 ").lstrip(b" ")
    if not stored or not all(48 <= byte <= 55 for byte in stored):
        raise scan.refuse("not a tar header (no checksum)")
    unsigned = sum(header[:148]) + 8 * 32 + sum(header[156:])
    signed = sum(b - 256 if b > 127 else b for b in header[:148] + header[156:]) + 8 * 32
    if int(stored, 8) not in (unsigned, signed):
        raise scan.refuse("a header with a wrong checksum (a corrupt or forged archive)")


def _pax_size(data: bytes, scan: _Scan) -> int | None:
    """The ``size`` record of a pax header, if any; refuses a malformed header."""
    size, position = None, 0
    while position < len(data) and data[position:].strip(b"\0"):
        space = data.find(b" ", position, position + 8)
        length_text = data[position:space] if space > 0 else b""
        if not length_text.isdigit() or int(length_text) <= len(length_text) + 1:
            raise scan.refuse("a malformed pax header")
        record = data[space + 1:position + int(length_text)]
        if not record.endswith(b"\n") or b"=" not in record:
            raise scan.refuse("a malformed pax header")
        key, value = record[:-1].split(b"=", 1)
        if key == b"size":
            if not value.isdigit():
                raise scan.refuse(f"a pax size that is not a whole number: {value[:20]!r}")
            size = int(value)
        position += int(length_text)
    return size


def _decompressed(source: Path) -> BinaryIO:
    """``source`` opened for reading, through the decompressor its first bytes name."""
    with open(source, "rb") as raw:
        magic = raw.read(6)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.open(source, "rb")
    if magic.startswith(b"BZh"):
        return bz2.open(source, "rb")
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.open(source, "rb")
    return open(source, "rb")
