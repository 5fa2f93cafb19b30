"""Where a candidate's git history is read from, as hostile data: a ``.git`` folder (its
loose objects, packs, refs, ``packed-refs`` and ``HEAD``) or a git bundle (its header and the
pack after it). ``git_objects.py`` decodes the objects under the budgets; what that module's
docstring says of what is never opened holds here: no config, hooks, grafts, alternates or
links are followed."""

from __future__ import annotations

import os
import re
import stat
import zlib
from io import BytesIO
from pathlib import Path

from worksample.git_objects import (
    HEX,
    TYPE_NAMES,
    Clock,
    History,
    HistoryLimits,
    Unreadable,
    object_sha,
    read_pack,
)

BUNDLE_SIGNATURES = (b"# v2 git bundle\n", b"# v3 git bundle\n")
_REF_BYTES = 4096  # a loose ref or HEAD holds one line
_REF_NAME_BYTES = 1024
_EMPTY_PACK = b"PACK" + (2).to_bytes(4, "big") + bytes(4) + bytes(20)


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
            read_pack(_read_file(path), history, limits, clock)
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
        if nul < 0 or kind not in TYPE_NAMES or not size_text.isdigit() or len(size_text) > 12:
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
    if object_sha(TYPE_NAMES[kind], data) != name.encode():
        history.aside("objects whose content does not match their name")
        return
    history.add(TYPE_NAMES[kind], data)


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
    if HEX.match(value):
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
            if HEX.match(bytes(sha)):
                history.prerequisites.append(bytes(sha))
        for name, sha in bundle.references.items():
            decoded = bytes(name).decode("utf-8", "replace")
            if decoded == "HEAD":
                history.head = _ref_value(bytes(sha), history)
            else:
                _keep_ref(history, decoded, bytes(sha))
    finally:
        bundle.close()
    read_pack(data[end + 2:], history, limits, clock)
    return history
