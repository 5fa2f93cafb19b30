"""What an assignment's work is compared with, and what is left out of it.

- **Every stored submission of the assignment**, of every version and every batch graded
  into the store: a new cohort is compared with each earlier one. Their fingerprints are
  made from the work the store kept (``work.py``) the first time they are needed, and kept
  (``ResultStore.keep_fingerprints``); a submission whose work was not kept (refused before
  it was read, or graded before worksample kept work) is not compared.
- **Known public solutions** added with ``worksample leaks add`` (``leaks.py``).
- **The assignment's reference solution**: its type's section names it (``reference``, a
  file or a folder of the assignment, as the built-in types' sections do).

**Shared material** is every other file of the assignment's folder: the starter code, the
instructions, the customer's emails, the policy, the brief, the exhibits, the hidden tests
(which candidates never see, so they hold nothing a candidate wrote) and assignment.yaml
itself (whose phrase lists are what good answers say). Every run of it and every line of its
code is left out of every comparison (``compare.Shared``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from worksample.models import Assignment
from worksample.similarity import fingerprints
from worksample.similarity.compare import Document, Shared
from worksample.similarity.fingerprints import SCHEME, Fingerprints
from worksample.similarity.tokens import CODE, file_tokens, kind_of
from worksample.work import KeptWork, WorkFile, kept_work

MAX_SHARED_FILE_BYTES = 1024 * 1024  # larger files of the assignment are data, not material
# Code to lex before worker processes are worth their start (about a second of a worker's
# time, booting included; lexing code costs some 2 ms per KB, reading prose a tenth of that)
PARALLEL_FROM_BYTES = 512 * 1024
_CHUNK = 25  # submissions per call to a worker
NOTHING = Fingerprints(frozenset(), ())
LIMIT_HIT = ("Not compared: reading this work for the measure passed the assignment's "
             "host_limits (a file built to make the reader work hard shows here).")

Progress = Callable[[str], None]


def documents(assignment: Assignment, store, workers=None,
              say: Progress = lambda line: None) -> list[Document]:
    """Every stored submission of ``assignment`` whose work was kept, then its known leaks,
    then its reference solution (when it names one), each with its fingerprints: those the
    store lacks are made from the kept work (in ``workers``, a ``LimitedWorkers``, when there
    are many; in a pool made for the purpose if none is given) and kept."""
    update(assignment, store, workers, say)
    kept = store.fingerprints(assignment.id)
    made = [Document(source, name, key, Fingerprints.unpacked(kgrams, lines), digest, unread)
            for (source, name, key), (_, kgrams, lines, digest, unread)
            in sorted(kept.items(), key=_submissions_first)]
    reference = reference_fingerprints(assignment)
    if reference is not None:
        made.append(Document("reference", "reference", "", reference,
                             digest(reference_work(assignment))))
    return made


def update(assignment: Assignment, store, workers=None,
           say: Progress = lambda line: None) -> int:
    """Make and keep the fingerprints the store lacks (or holds under an older scheme) of
    the assignment's stored submissions and known leaks; how many were made."""
    kept = store.fingerprints(assignment.id)
    current = {source for source, row in kept.items() if row[0] == SCHEME}
    wanted: list[tuple[tuple[str, str, str], KeptWork]] = []
    for name, key in store.submissions(assignment.id):
        if ("submission", name, key) not in current:
            work = store.work(assignment.id, name, key)
            if work is not None:
                wanted.append((("submission", name, key), work))
    wanted += [(("leak", leak["name"], ""), leak["work"]) for leak in store.leaks(assignment.id)
               if ("leak", leak["name"], "") not in current]
    if not wanted:
        return 0
    digests = [digest(work) for _, work in wanted]
    distinct = dict(zip(digests, (work for _, work in wanted), strict=True))  # read once
    if _code_bytes(distinct.values()) >= PARALLEL_FROM_BYTES:
        say(f"fingerprinting {len(wanted)} submission(s) for the similarity measure")
    made = dict(zip(distinct, _made(list(distinct.values()), assignment, workers),
                    strict=True))
    store.keep_fingerprints(assignment.id, [
        (*source, SCHEME, *(made[text] or NOTHING).packed(), text,
         LIMIT_HIT if made[text] is None else unread(work))
        for (source, work), text in zip(wanted, digests, strict=True)])
    return len(wanted)


def keep(assignment: Assignment, store, result) -> bool:
    """Make and keep the fingerprints of ``result``, just saved with its work, here and now
    (while a batch's other submissions run in their containers); whether it did. Work with
    much code is left to ``update``, which reads it in the limited workers. A result that
    carries its fingerprints (``GradeResult.fingerprints``, made by the worker that graded
    it) was saved with them (``batch.saved``): nothing is done again."""
    if result.fingerprints is not None:
        return False
    row = made(result.work)
    if row is None:
        return False
    from worksample.store import submission_key

    store.keep_fingerprints(assignment.id, [
        ("submission", result.submission_id, submission_key(result), *row)])
    return True


def made(work: KeptWork | None) -> tuple | None:
    """What the store keeps of ``work``'s fingerprints when a result is saved: (scheme, runs,
    lines, digest, unread), the runs and lines packed; None when there is no work, or it
    holds enough code to be left to ``update``. The same here and in a worker process."""
    if work is None or _code_bytes([work]) >= PARALLEL_FROM_BYTES // 2:
        return None
    return (SCHEME, *fingerprints.of_work(work).packed(), digest(work), unread(work))


def unread(work: KeptWork) -> str:
    """What the measure cannot read of ``work``, in words: what the store's caps left out;
    '' when it reads all of it."""
    cut = sum(1 for f in work.files if f.kind == "not-kept" or f.more_bytes)
    missing = work.files_not_listed
    if not cut and not missing:
        return ""
    said = [f"{cut} file(s) cut or not kept" if cut else "",
            f"{missing} file(s) not listed" if missing else ""]
    return (f"Compared by the part the store kept: {' and '.join(filter(None, said))} under "
            "its caps (a submission padded with large or many files shows here).")


def digest(work: KeptWork) -> str:
    """What identifies a piece of work's text: its files' names, kinds and texts."""
    return hashlib.sha256("\0".join(f"{f.path}\0{f.kind}\0{f.text}"
                                     for f in work.files).encode()).hexdigest()


def _submissions_first(item) -> tuple:
    (source, name, key), _ = item
    return source != "submission", name, key


def of_works(works: list[KeptWork]) -> list[Fingerprints]:
    """The fingerprints of each of ``works`` (what a worker process is given to do)."""
    return [fingerprints.of_work(work) for work in works]


def _code_bytes(works) -> int:
    """How much code ``works`` hold (``PARALLEL_FROM_BYTES``)."""
    return sum(len(f.text) for work in works for f in work.files
               if f.kind == "text" and kind_of(f.path) == CODE)


def _made(works: list[KeptWork], assignment: Assignment,
          workers) -> list[Fingerprints | None]:
    """The fingerprints of ``works``: here when they hold little code, else in limited
    worker processes, a chunk per call. A chunk that hits a limit is made again one by one;
    a work that hits one alone gets None (it is kept saying so, ``LIMIT_HIT``, and is not
    compared)."""
    if _code_bytes(works) < PARALLEL_FROM_BYTES:
        return of_works(works)
    from worksample.errors import SubmissionRejected
    from worksample.workers import LimitedWorkers

    def in_worker(pool, chunk: list[KeptWork]) -> list[Fingerprints | None]:
        try:
            return pool.run("to read for the similarity measure", of_works, chunk)
        except SubmissionRejected:
            if len(chunk) == 1:
                return [None]
            return [made for work in chunk for made in in_worker(pool, [work])]

    chunks = [works[start:start + _CHUNK] for start in range(0, len(works), _CHUNK)]
    own = workers is None
    pool = LimitedWorkers(os.cpu_count() or 1, assignment.spec.host_limits) if own else workers
    try:
        with ThreadPoolExecutor(max_workers=pool.workers) as threads:
            return [made for chunk in threads.map(lambda chunk: in_worker(pool, chunk), chunks)
                    for made in chunk]
    finally:
        if own:
            pool.close()


def shared_material(assignment: Assignment) -> Shared:
    """Every run of tokens and every line of code of the files of the assignment's folder,
    its reference solution excepted."""
    return _shared(assignment.root, assignment.version, _reference_path(assignment))


def reference_fingerprints(assignment: Assignment) -> Fingerprints | None:
    """The fingerprints of the assignment's reference solution; None when its type's section
    names none."""
    path = _reference_path(assignment)
    return None if path is None else _reference(path, assignment.version)


def reference_work(assignment: Assignment) -> KeptWork | None:
    """The reference solution as the store would keep a submission's work (a file of it is
    read as a submission of that one file)."""
    path = _reference_path(assignment)
    return None if path is None else _kept(path)


@lru_cache(maxsize=8)
def _reference(path: Path, version: str) -> Fingerprints:
    return fingerprints.of_work(_kept(path))


def _kept(path: Path) -> KeptWork:
    """A folder or a single file as the store keeps a submission's work."""
    if path.is_dir():
        return kept_work(path)
    text = _text(path)
    return KeptWork(files=[WorkFile(path=path.name, size=path.stat().st_size,
                                    kind="binary" if text is None else "text",
                                    text=text or "")])


@lru_cache(maxsize=8)
def _shared(root: Path, version: str, reference: Path | None) -> Shared:
    runs: set[int] = set()
    lines: set[int] = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink() or (reference is not None and (
                path == reference or reference in path.parents)):
            continue
        text = _text(path)
        tokens = None if text is None else file_tokens(path.relative_to(root).as_posix(), text)
        if tokens is None:
            continue
        runs.update(fingerprints.kgrams(tokens))
        if tokens.kind == CODE:
            lines.update(value for value, _ in fingerprints.every_line(tokens))
    return Shared(frozenset(runs), frozenset(lines))


def _reference_path(assignment: Assignment) -> Path | None:
    """The reference solution the type's section names, if it names one that exists."""
    name = getattr(assignment.section, "reference", None)
    path = assignment.root / name if isinstance(name, str) and name else None
    return path if path is not None and path.exists() else None


def _text(path: Path) -> str | None:
    """The text of a file of the assignment; None for a binary or very large one."""
    if path.stat().st_size > MAX_SHARED_FILE_BYTES:
        return None
    data = path.read_bytes()
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", "replace")
