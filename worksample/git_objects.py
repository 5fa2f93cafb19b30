"""A candidate's git history read as hostile data: objects, packs, refs and bundles.

Nothing here runs git, reads a git config, or follows a link. What is read, and only that:

- a ``.git`` folder: loose objects (``objects/xx/...``), packs (``objects/pack/*.pack``; their
  ``.idx`` files are not trusted, each pack is read from its start), ``refs/`` (without
  ``refs/replace/``), ``packed-refs`` and ``HEAD``. The config, hooks, ``info/grafts``,
  ``objects/info/alternates`` and ``commondir`` are never opened. Only regular files count:
  links, fifos and devices are skipped (a fifo is never opened).
- a git bundle (``# v2 git bundle`` or ``# v3 git bundle``): its header, read by dulwich's
  ``read_bundle``, and the pack after it.

dulwich does the decoding (a pack entry's inflation, deltas, commit and tree parsing, ref
names), always under budgets checked *before* the work they bound: a pack entry or loose
object declaring more than ``max_object_bytes`` is set aside before a byte is inflated (a
zlib bomb); inflation never goes past the declared size; all objects together stay under
``max_inflated_bytes``; delta chains are resolved without recursion, at most
``max_delta_depth`` deep; a pack may announce at most ``max_objects``; and every loop checks
the deadline. A loose object whose content does not hash to its name is set aside, so the
commit graph read is the one the hashes prove (no cycles, no grafts). What a budget refuses
raises ``Unreadable`` with the words for the reviewer's note; an object that does not decode
is set aside and counted. Run in a limited worker (``workers.py``), as intake does: the
budgets give a readable note, the worker's limits remain the last line.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

BUNDLE_SIGNATURES = (b"# v2 git bundle\n", b"# v3 git bundle\n")
COMMIT, TREE, BLOB, TAG = 1, 2, 3, 4
OFS_DELTA, REF_DELTA = 6, 7
_TYPE_NAMES = {b"commit": COMMIT, b"tree": TREE, b"blob": BLOB, b"tag": TAG}
_HEX = re.compile(rb"^[0-9a-f]{40}$")
_REF_BYTES = 4096  # a loose ref or HEAD holds one line
_REF_NAME_BYTES = 1024
_EMPTY_PACK = b"PACK" + (2).to_bytes(4, "big") + bytes(4) + bytes(20)


@dataclass(frozen=True)
class HistoryLimits:
    """How much of a git history is read: on disk (files, bytes), in objects once inflated,
    and in commits and time."""

    max_files: int = 20_000
    max_bytes: int = 200 * 1024 * 1024
    max_commits: int = 5_000
    max_objects: int = 200_000
    max_object_bytes: int = 50 * 1024 * 1024
    max_inflated_bytes: int = 256 * 1024 * 1024
    max_delta_depth: int = 1_000
    max_tree_depth: int = 64
    max_tree_entries: int = 50_000  # of one tree, counted (its NUL bytes) before parsing
    max_parents: int = 100  # of one commit, counted before parsing
    max_refs: int = 20_000
    max_lines: int = 1_000_000  # distinct lines of text counted, all files together
    timeout_s: float = 20.0


class Unreadable(Exception):  # noqa: N818 (a note, not a failure of ours)
    """The history cannot be read within the budgets or at all; the message says why, in
    the reviewer's words."""


@dataclass
class Clock:
    """The deadline of one reading."""

    limits: HistoryLimits
    started: float = field(default_factory=time.monotonic)

    def check(self) -> None:
        """Unreadable once the reading has taken longer than its ``timeout_s``."""
        if time.monotonic() - self.started > self.limits.timeout_s:
            raise Unreadable(f"reading the git history took more than "
                             f"{self.limits.timeout_s:g} s; not read")


@dataclass
class History:
    """What was read: the objects (hex sha -> (type number, bytes)), the refs (name -> hex
    sha), where HEAD points, a bundle's prerequisites, counts of what was set aside, and the
    trees parsed so far."""

    kind: str  # "git folder" or "bundle"
    limits: HistoryLimits
    objects: dict[bytes, tuple[int, bytes]] = field(default_factory=dict)
    refs: dict[str, bytes] = field(default_factory=dict)
    head: bytes | None = None
    prerequisites: list[bytes] = field(default_factory=list)
    set_aside: dict[str, int] = field(default_factory=dict)
    inflated: int = 0
    # trees parsed (hex sha -> {name: (mode, hex sha)}), kept while they hold at most
    # ``max_objects`` entries in all: a tree is parsed once however many commits share it
    trees: dict[bytes, dict[str, tuple[int, bytes]]] = field(default_factory=dict)
    trees_kept: int = 0

    def aside(self, why: str, count: int = 1) -> None:
        """Count something set aside, by why."""
        self.set_aside[why] = self.set_aside.get(why, 0) + count

    def add(self, type_num: int, data: bytes) -> bytes:
        """Keep an object; its hex sha (the hash of its header and content)."""
        limits = self.limits
        self.inflated += len(data)
        if self.inflated > limits.max_inflated_bytes:
            raise Unreadable(f"the git history holds more than "
                             f"{limits.max_inflated_bytes // 2**20} MiB once inflated; not read")
        if len(self.objects) >= limits.max_objects:
            raise Unreadable(f"the git history holds more than {limits.max_objects:,} "
                             "objects; not read")
        sha = object_sha(type_num, data)
        self.objects[sha] = (type_num, data)
        return sha


def object_sha(type_num: int, data: bytes) -> bytes:
    """The hex sha git gives an object of this type and content."""
    name = next(name for name, number in _TYPE_NAMES.items() if number == type_num)
    return hashlib.sha1(name + b" %d\0" % len(data) + data).hexdigest().encode()


def is_bundle(path: Path) -> bool:
    """Whether ``path`` is a regular file that starts as a git bundle does."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        with open(path, "rb") as stream:
            return stream.read(16) in BUNDLE_SIGNATURES
    except OSError:
        return False


# --- a .git folder ---------------------------------------------------------------------------


def read_git_folder(git_dir: Path, limits: HistoryLimits, clock: Clock) -> History:
    """The objects and refs of the ``.git`` folder ``git_dir``, within ``limits``."""
    history = History("git folder", limits)
    files = _regular_files(git_dir, history, limits, clock)
    for relative, path in files:
        clock.check()
        parts = relative.split("/")
        if parts[0] == "objects" and len(parts) == 3 and parts[1] == "pack" \
                and parts[2].endswith(".pack"):
            _read_pack(_read_file(path), history, limits, clock)
        elif parts[0] == "objects" and len(parts) == 3 and re.fullmatch(r"[0-9a-f]{2}",
                                                                        parts[1]):
            _read_loose(parts[1] + parts[2], _read_file(path), history, limits)
        elif parts[0] == "refs" and not relative.startswith("refs/replace/"):
            _keep_ref(history, relative, _read_file(path)[:_REF_BYTES])
        elif relative == "packed-refs":
            for number, line in enumerate(_read_file(path).splitlines()):
                if number % 1000 == 0:
                    clock.check()
                if line[:1] not in (b"#", b"^") and b" " in line:
                    sha, name = line.split(b" ", 1)
                    _keep_ref(history, name.decode("utf-8", "replace"), sha)
        elif relative == "HEAD":
            history.head = _ref_value(_read_file(path)[:_REF_BYTES], history)
    return history


def _regular_files(git_dir: Path, history: History, limits: HistoryLimits,
                   clock: Clock) -> list[tuple[str, Path]]:
    """(path relative to ``git_dir``, path) of each regular file of the history, within the
    budgets; links and other kinds are counted as set aside, never followed or opened."""
    found = []
    sources = [git_dir / name for name in ("packed-refs", "HEAD")]
    for name in ("objects", "refs"):
        top = git_dir / name
        if top.is_symlink():
            history.aside("links in the .git, not followed")
            continue
        for current, folders, names in os.walk(top, followlinks=False):
            clock.check()
            if Path(current) == git_dir / "objects":
                folders[:] = [f for f in folders if f != "info"]  # alternates, commit-graph
            links = [f for f in folders if (Path(current) / f).is_symlink()]
            if links:
                history.aside("links in the .git, not followed", len(links))
            sources += [Path(current) / n for n in names]
    size = 0
    for source in sources:
        try:
            mode = source.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(mode.st_mode):
            history.aside("links in the .git, not followed" if stat.S_ISLNK(mode.st_mode)
                          else "special files in the .git (fifos, devices), not opened")
            continue
        size += mode.st_size
        if len(found) >= limits.max_files or size > limits.max_bytes:
            raise Unreadable(f"the git history holds more than {limits.max_files:,} files or "
                             f"{limits.max_bytes // 2**20} MiB; not read")
        found.append((source.relative_to(git_dir).as_posix(), source))
    return found


def _read_file(path: Path) -> bytes:
    """A regular file's bytes, opened without following a link or blocking on a fifo put
    in its place since it was listed; at most the size it had then."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            return b""
        return stream.read(status.st_size)


def _read_loose(name: str, raw: bytes, history: History, limits: HistoryLimits) -> None:
    """A loose object: its header read first, its size checked, then inflated up to that
    size; kept only if its content hashes to its ``name``."""
    if len(name) != 40:
        return
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(raw, 64)
        nul = out.find(b"\0")
        kind, _, size_text = out[:max(nul, 0)].partition(b" ")
        if nul < 0 or kind not in _TYPE_NAMES or not size_text.isdigit() or len(size_text) > 12:
            history.aside("objects that do not decode")
            return
        size = int(size_text)
        if size > limits.max_object_bytes:
            history.aside(f"objects larger than {limits.max_object_bytes // 2**20} MiB")
            return
        want = nul + 1 + size
        while not inflater.eof and len(out) <= want:
            more = inflater.decompress(inflater.unconsumed_tail, want + 1 - len(out))
            if not more and not inflater.unconsumed_tail:
                break
            out += more
    except zlib.error:
        history.aside("objects that do not decode")
        return
    if len(out) != want:
        history.aside("objects that do not decode")
        return
    data = out[nul + 1:]
    if object_sha(_TYPE_NAMES[kind], data) != name.encode():
        history.aside("objects whose content does not match their name")
        return
    history.add(_TYPE_NAMES[kind], data)


# --- refs ------------------------------------------------------------------------------------


def _keep_ref(history: History, name: str, value: bytes) -> None:
    from dulwich.refs import check_ref_format

    if len(history.refs) >= history.limits.max_refs:
        raise Unreadable(f"the git history has more than {history.limits.max_refs:,} refs; "
                         "not read")
    encoded = name.encode("utf-8", "replace")
    if (not name.startswith("refs/") or len(encoded) > _REF_NAME_BYTES
            or not check_ref_format(encoded)):
        history.aside("refs with a name git would not accept (pointing outside?)")
        return
    target = _ref_value(value, history)
    if target is not None:
        history.refs[name] = target


def _ref_value(value: bytes, history: History) -> bytes | None:
    """A ref's value: a hex sha, or ``ref:`` and a name (kept as ``b"ref:NAME"``, resolved
    later through the refs read, never as a path)."""
    value = value.strip()
    if value.startswith(b"ref:"):
        from dulwich.refs import check_ref_format

        name = value[4:].strip()
        if name.startswith(b"refs/") and len(name) <= _REF_NAME_BYTES \
                and check_ref_format(name):
            return b"ref:" + name
        history.aside("refs with a name git would not accept (pointing outside?)")
        return None
    if _HEX.match(value):
        return value
    history.aside("refs that do not hold a commit id")
    return None


def resolved(history: History, value: bytes | None) -> bytes | None:
    """The sha a ref value comes to, following symbolic refs through the refs read (a few
    steps at most: a loop of symbolic refs comes to nothing)."""
    for _ in range(5):
        if value is None or not value.startswith(b"ref:"):
            return value
        value = history.refs.get(value[4:].decode("utf-8", "replace"))
    return None


# --- a bundle --------------------------------------------------------------------------------


def read_bundle_file(path: Path, limits: HistoryLimits, clock: Clock) -> History:
    """The objects, refs and prerequisites of the git bundle at ``path``."""
    from dulwich.bundle import read_bundle

    size = path.lstat().st_size
    if size > limits.max_bytes:
        raise Unreadable(f"the bundle is larger than {limits.max_bytes // 2**20} MiB; not read")
    data = _read_file(path)
    if data[:16] not in BUNDLE_SIGNATURES:
        raise Unreadable("it is not a git bundle (it does not start with '# v2 git bundle' "
                         "or '# v3 git bundle')")
    end = data.find(b"\n\n")
    if end < 0 or data[end + 2:end + 6] != b"PACK":
        raise Unreadable("the bundle's header has no end, or no pack follows it")
    history = History("bundle", limits)
    try:
        # the header alone, with an empty pack: the pack itself is read below, within budgets
        bundle = read_bundle(BytesIO(data[:end + 2] + _EMPTY_PACK))
    except Exception as error:  # dulwich's words for a malformed header
        raise Unreadable(f"the bundle's header does not read ({type(error).__name__})") \
            from None
    try:
        fmt = (bundle.capabilities or {}).get("object-format")
        if fmt not in (None, "sha1"):
            raise Unreadable(f"the bundle uses the {fmt} object format; only sha1 is read")
        for sha, _comment in bundle.prerequisites:
            if _HEX.match(bytes(sha)):
                history.prerequisites.append(bytes(sha))
        for name, sha in bundle.references.items():
            decoded = bytes(name).decode("utf-8", "replace")
            if decoded == "HEAD":
                history.head = _ref_value(bytes(sha), history)
            else:
                _keep_ref(history, decoded, bytes(sha))
    finally:
        bundle.close()
    _read_pack(data[end + 2:], history, limits, clock)
    return history


# --- packs -----------------------------------------------------------------------------------


def _read_pack(pack: bytes, history: History, limits: HistoryLimits, clock: Clock) -> None:
    """Every object of ``pack``, read from its start; deltas resolved against the objects of
    this pack and those read before it."""
    from dulwich.pack import unpack_object_at

    if len(pack) < 32 or pack[:4] != b"PACK" or int.from_bytes(pack[4:8], "big") not in (2, 3):
        history.aside("packs that do not decode")
        return
    count = int.from_bytes(pack[8:12], "big")
    if count > limits.max_objects:
        raise Unreadable(f"a pack announces {count:,} objects, more than "
                         f"{limits.max_objects:,}; not read")
    at_offset: dict[int, tuple[int, bytes]] = {}
    deltas: list[tuple[int, int | bytes, bytes]] = []  # (offset, base, delta)
    offset = 12
    try:
        for _ in range(count):
            clock.check()
            type_num, size, _ = _entry_header(pack, offset)
            if size > limits.max_object_bytes:
                raise Unreadable(f"a pack entry declares {size:,} bytes, more than "
                                 f"{limits.max_object_bytes // 2**20} MiB (a zlib bomb?); "
                                 "not read")
            unpacked, end = unpack_object_at(pack, offset, hashlib.sha1)
            data = b"".join(unpacked.decomp_chunks)
            if type_num in (OFS_DELTA, REF_DELTA):
                base = unpacked.delta_base
                deltas.append((offset, offset - base if type_num == OFS_DELTA else
                               bytes(base).hex().encode(), data))
                history.inflated += len(data)
            elif type_num in (COMMIT, TREE, BLOB, TAG):
                at_offset[offset] = (type_num, data)
                history.add(type_num, data)
            else:
                raise ValueError(f"unknown object type {type_num}")
            offset = end
    except Unreadable:
        raise
    except Exception:  # dulwich's and zlib's errors on a corrupt pack: what came before stays
        history.aside("packs that do not decode")
    _resolve(at_offset, deltas, history, limits, clock)


def _entry_header(pack: bytes, offset: int) -> tuple[int, int, int]:
    """(type, declared size, offset after the size) of the pack entry at ``offset``: read
    before anything is inflated."""
    if offset >= len(pack):
        raise ValueError("the pack ends early")
    byte = pack[offset]
    type_num, size, shift, offset = (byte >> 4) & 7, byte & 15, 4, offset + 1
    while byte & 0x80:
        if offset >= len(pack) or shift > 63:
            raise ValueError("a pack entry's size does not end")
        byte = pack[offset]
        size |= (byte & 0x7F) << shift
        shift, offset = shift + 7, offset + 1
    return type_num, size, offset


def _resolve(at_offset: dict[int, tuple[int, bytes]], deltas: list, history: History,
             limits: HistoryLimits, clock: Clock) -> None:
    """Apply the deltas whose bases are known, from the whole objects outwards (a stack, no
    recursion), each at most ``max_delta_depth`` from one; a delta whose base never comes is
    set aside (a cycle of deltas never has one)."""
    from dulwich.pack import apply_delta

    waiting: dict[int | bytes, list[tuple[int, bytes]]] = {}
    for offset, base, delta in deltas:
        waiting.setdefault(base, []).append((offset, delta))
    ready = [(key, 0) for key in list(at_offset)] + [(sha, 0) for sha in list(history.objects)
                                                     if sha in waiting]
    while ready and waiting:
        key, depth = ready.pop()
        children = waiting.pop(key, [])
        if not children:
            continue
        base = at_offset.get(key) if isinstance(key, int) else history.objects.get(key)
        if depth >= limits.max_delta_depth:
            raise Unreadable(f"a pack's delta chain is deeper than {limits.max_delta_depth:,}; "
                             "not read")
        for offset, delta in children:
            clock.check()
            sizes = _delta_sizes(delta)
            if sizes is None or sizes[0] != len(base[1]):
                history.aside("deltas whose sizes do not read or do not match their base")
                continue
            if sizes[1] > limits.max_object_bytes:
                raise Unreadable(f"a delta declares more than "
                                 f"{limits.max_object_bytes // 2**20} MiB (a bomb?); not read")
            if history.inflated + sizes[1] > limits.max_inflated_bytes:
                raise Unreadable(f"the git history holds more than "
                                 f"{limits.max_inflated_bytes // 2**20} MiB once inflated; "
                                 "not read")
            try:
                data = b"".join(apply_delta(base[1], delta))
            except Exception:
                history.aside("objects that do not decode")
                continue
            at_offset[offset] = (base[0], data)
            sha = history.add(base[0], data)
            ready += [(offset, depth + 1), (sha, depth + 1)]
    unresolved = sum(len(children) for children in waiting.values())
    if unresolved:
        history.aside("deltas whose base the history does not hold", unresolved)


def _delta_sizes(delta: bytes) -> tuple[int, int] | None:
    """(source size, result size) that a delta's header declares, read as git reads them
    (each number goes on while a byte's high bit is set); None when either does not end,
    or takes more than the ten bytes a 64-bit number needs (an over-long number is read
    differently by different readers: a budget must never see a smaller one than the
    decoder)."""
    sizes, position = [], 0
    for _ in range(2):
        size, shift = 0, 0
        while True:
            if position >= len(delta) or shift > 63:
                return None
            byte = delta[position]
            position += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if size >= 1 << 64:
            return None
        sizes.append(size)
    return sizes[0], sizes[1]
