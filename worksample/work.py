"""The candidate's work as the store keeps it: the submission's files, and the text a plugin
read from them, so that a report can show the work after the extracted folder is gone.

Read at grade time, while intake's folder still exists (``grading.grade_submission``), and
saved with the result (``store.ResultStore.save``). Every file is listed with its relative
path and size, up to ``MAX_FILES_LISTED``; the text of a file is kept when it is valid UTF-8
(after the project's repair, ``safe_text.valid_utf8``), within the caps below; a binary file
is listed by name and size only. What a cap leaves out is counted, so a page can say
"… 1,234 more lines not kept".

The caps bound what one submission adds to the store and to a page (about 2 MB), whatever
the candidate sends: 10,000 files, a 1 MB line, a 50 MB log. The submission's text budget
goes to its smallest files first: a large file sent beside the work (a log, a file of
padding named to sort first) cannot crowd the work out of the store, and so out of the
similarity measure, which reads what is kept.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field

from worksample.models import ResultModel
from worksample.safe_text import valid_utf8

MAX_FILES_LISTED = 1_000  # files beyond it are counted, not named
MAX_FILE_BYTES = 256 * 1024  # text kept of one file (and of one text a plugin read)
MAX_FILE_LINES = 5_000  # lines kept of one file
MAX_SUBMISSION_BYTES = 2 * 1024 * 1024  # text kept of all the files of a submission
_SNIFF_BYTES = 8 * 1024  # a NUL in the first 8 KB: binary, as git decides


class WorkFile(ResultModel):
    """One file of a submission (or one text a plugin read), as the store keeps it."""

    path: str = Field(description="Relative path in the submission, '/'-separated; for a "
                                  "text a plugin read, the name of the part it graded.")
    size: int = Field(description="Size of the file in bytes (of the text, for a read text).")
    kind: Literal["text", "binary", "not-kept", "read"] = Field(
        description="'text': its text is kept (maybe cut); 'binary': listed only; "
                    "'not-kept': text, but past the submission's cap; 'read': the text a "
                    "plugin read (an email reply, a decoded PDF), which evidence quotes.")
    text: str = ""
    more_lines: int = Field(default=0, description="Lines of the file not kept.")
    more_bytes: int = Field(default=0, description="Bytes of the file not kept.")


class KeptWork(ResultModel):
    """What the store keeps of one submission's work."""

    files: list[WorkFile] = Field(default_factory=list)
    files_not_listed: int = Field(default=0, description="Files past MAX_FILES_LISTED.")


def read_texts(texts: dict[str, str]) -> KeptWork:
    """The texts a plugin read (``Grade.texts``, by part name), each within the caps."""
    return KeptWork(files=[_kept_text(name, text, kind="read") for name, text in texts.items()])


def kept_work(root: Path, read: KeptWork | None = None) -> KeptWork:
    """The work in the submission folder ``root``, within the caps, followed by what the
    plugin ``read`` (``read_texts``)."""
    paths = sorted(_files(root), key=lambda path: path.relative_to(root).as_posix())
    listed = paths[:MAX_FILES_LISTED]
    budget = MAX_SUBMISSION_BYTES
    kept = {}
    for path in sorted(listed, key=lambda path: path.stat().st_size):
        kept[path] = _kept_file(path, root, budget)
        budget -= len(kept[path].text.encode())
    files = [kept[path] for path in listed] + (read.files if read is not None else [])
    return KeptWork(files=files, files_not_listed=max(0, len(paths) - MAX_FILES_LISTED))


def _files(root: Path):
    """Every regular file under ``root`` (intake leaves no link, but never follow one)."""
    for folder, _, names in os.walk(root, followlinks=False):
        for name in names:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                yield path


def _kept_file(path: Path, root: Path, budget: int) -> WorkFile:
    relative = path.relative_to(root).as_posix()
    size = path.stat().st_size
    with open(path, "rb") as stream:
        head = stream.read(min(MAX_FILE_BYTES, max(budget, 0)) or _SNIFF_BYTES)
    if b"\0" in head[:_SNIFF_BYTES]:
        return WorkFile(path=relative, size=size, kind="binary")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a file cut by the cap may end inside a character: that is still text
        if error.start < len(head) - 3 or size <= len(head):
            return WorkFile(path=relative, size=size, kind="binary")
    if budget <= 0:
        return WorkFile(path=relative, size=size, kind="not-kept")
    text = valid_utf8(head.decode("utf-8", "ignore")).removeprefix("\ufeff")
    kept = _kept_text(relative, text, kind="text")
    rest = size - len(head)
    if rest > 0:  # what the byte cap left unread: count its lines without keeping them
        lines = head.count(b"\n") + _lines_in(path, len(head))
        kept = kept.model_copy(update={"more_bytes": kept.more_bytes + rest,
                                       "more_lines": lines - kept.text.count("\n")})
    return kept.model_copy(update={"size": size})


def _kept_text(name: str, text: str, kind: str) -> WorkFile:
    """``text`` cut to MAX_FILE_LINES lines and MAX_FILE_BYTES bytes, saying what was cut."""
    encoded = text.encode()
    lines = text.splitlines(keepends=True)
    kept = "".join(lines[:MAX_FILE_LINES])
    if len(kept.encode()) > MAX_FILE_BYTES:
        kept = kept.encode()[:MAX_FILE_BYTES].decode("utf-8", "ignore")
    more_lines = len(lines) - len(kept.splitlines())
    return WorkFile(path=name, size=len(encoded), kind=kind, text=kept, more_lines=more_lines,
                    more_bytes=len(encoded) - len(kept.encode()))


def _lines_in(path: Path, offset: int) -> int:
    """Line breaks in the file after ``offset``, read in chunks (a 50 MB log stays unread)."""
    count = 0
    with open(path, "rb") as stream:
        stream.seek(offset)
        while chunk := stream.read(1 << 20):
            count += chunk.count(b"\n")
    return count
