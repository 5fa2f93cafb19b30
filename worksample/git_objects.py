"""A candidate's git history read as hostile data: the objects, loose or in packs, decoded
under budgets, and what was read of them (``History``). Where they are read from, a ``.git``
folder or a bundle, is ``git_sources.py``'s.

Nothing here or there runs git, reads a git config, or follows a link. What is read, and only
that:

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
import re
import time
from dataclasses import dataclass, field

COMMIT, TREE, BLOB, TAG = 1, 2, 3, 4
OFS_DELTA, REF_DELTA = 6, 7
TYPE_NAMES = {b"commit": COMMIT, b"tree": TREE, b"blob": BLOB, b"tag": TAG}
HEX = re.compile(rb"^[0-9a-f]{40}$")


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
    name = next(name for name, number in TYPE_NAMES.items() if number == type_num)
    return hashlib.sha1(name + b" %d\0" % len(data) + data).hexdigest().encode()


# --- packs -----------------------------------------------------------------------------------


def read_pack(pack: bytes, history: History, limits: HistoryLimits, clock: Clock) -> None:
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
