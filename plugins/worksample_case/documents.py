"""Find the candidate's analysis in a submission and read it as text: Markdown, plain text,
HTML, PDF (pypdf) or DOCX (python-docx opens the package; ``word_text`` reads what it shows
and ``word_format`` what its formatting hides, with ``word_tables`` for what a table does
to its cells and ``word_colours`` for the values).

The text keeps what the structure checks need: a heading is a line starting with ``#`` (from
Markdown, or a Word heading style), a table row is a line starting with ``|``. Words a reader
would not see (hidden HTML, hidden or white Word runs) are kept apart and never graded.

A document that cannot be read (encrypted, corrupt, a zip that is not a Word file, a scan
with no text) raises ``SubmissionRejected`` naming the file and the problem: the result is
``rejected``, not a score.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from worksample.errors import SubmissionRejected
from worksample.prose.hidden import without_stray_hidden
from worksample.prose.markup import (
    UnreadableMessage,
    Visible,
    from_html,
    from_markdown,
    looks_like_html,
)
from worksample.prose.text import WORD, decode_text
from worksample.safe_text import cut

FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
           ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
NOT_SUPPORTED = {".doc": "an old Word .doc file", ".odt": "an OpenDocument text file",
                 ".pages": "an Apple Pages file", ".rtf": "an RTF file"}
ASKED_FOR = "the instructions ask for PDF, DOCX, Markdown or plain text"
NOT_GRADED_LISTED = 20  # other documents named in the result, of up to 2,000 files
NAME_SHOWN = 80  # characters of a name inside a package, in a message: a name can be 64 KB
# parts and relationships of a Word package: python-docx walks every relationship looking
# for its part in a list of the parts seen, so empty parts and links to them cost their
# product (a 727 KB file of 4,000 parts and 100,000 links took 8 s of CPU, 3.6 MB 11 s); a
# document with hundreds of pictures has hundreds of each
WORD_PACKAGE_MOST = 2_000
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship[\s/>]")


@dataclass
class Document:
    """The analysis as text, and what else the submission held."""

    source: str
    format: str
    text: str
    hidden: str = ""
    hidden_by: str = ""
    pages: int | None = None
    not_graded: list[str] = field(default_factory=list)


def find_document(root: Path, max_bytes: int, max_pages: int) -> Document:
    """The analysis in a submission folder. With several documents, the one with the most
    words is graded and the others are named in ``not_graded``."""
    files = sorted(p for p in root.rglob("*") if p.is_file())
    documents = [p for p in files if p.suffix.lower() in FORMATS]
    if not documents:
        unsupported = next((p for p in files if p.suffix.lower() in NOT_SUPPORTED), None)
        if unsupported is not None:
            raise SubmissionRejected(
                f"is {NOT_SUPPORTED[unsupported.suffix.lower()]}; {ASKED_FOR}",
                path=_relative(unsupported, root))
        raise SubmissionRejected(f"no analysis found: no .md, .txt, .html, .pdf or .docx file "
                                 f"among {len(files)} file(s); {ASKED_FOR}")
    read, problems = [], []
    for path in documents:
        try:
            read.append(read_document(path, root, max_bytes, max_pages))
        except SubmissionRejected as problem:
            problems.append(problem)
    if not read:
        raise problems[0]
    chosen = max(read, key=lambda d: len(WORD.findall(d.text)))  # a tie: the first by name
    others = [d.source for d in read if d is not chosen] + [str(p) for p in problems]
    chosen.not_graded = others[:NOT_GRADED_LISTED] + (
        [f"… and {len(others) - NOT_GRADED_LISTED} more"] if len(others) > NOT_GRADED_LISTED
        else [])
    return chosen


def read_document(path: Path, root: Path, max_bytes: int, max_pages: int) -> Document:
    """One document as text; SubmissionRejected naming the file when it cannot be read."""
    name = _relative(path, root)
    size = path.stat().st_size
    if size > max_bytes:
        raise SubmissionRejected(f"the file is {size / 1024:.0f} KB; documents over "
                                 f"{max_bytes // 1024} KB are not read", path=name)
    kind = FORMATS[path.suffix.lower()]
    if kind == "pdf":
        text, pages = _pdf_text(path, name, max_pages, max_bytes)
        return Document(name, kind, text, pages=pages)
    if kind == "docx":
        visible = _docx_text(path, name, max_bytes)
    else:
        try:
            raw = decode_text(path.read_bytes())
        except ValueError as error:
            raise SubmissionRejected(str(error), path=name) from None
        try:
            visible = (from_markdown(raw, keep_headings=True) if kind == "markdown"
                       else from_html(raw) if kind == "html" or looks_like_html(raw)
                       else Visible(raw))
        except UnreadableMessage as error:
            raise SubmissionRejected(str(error), path=name) from None
    visible = without_stray_hidden(visible)
    return Document(name, kind, visible.text, hidden=visible.hidden, hidden_by=visible.hidden_by)


def _pdf_text(path: Path, name: str, max_pages: int, max_bytes: int) -> tuple[str, int]:
    from pypdf import PdfReader

    # pypdf's messages are about the file, for pypdf's developers, not for the person grading
    # (a file it cannot read is rejected with the reason)
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise SubmissionRejected("the PDF is encrypted and needs a password to open; ask "
                                     "the candidate for a copy without a password", path=name)
        pages = len(reader.pages)
        if pages > max_pages:
            raise SubmissionRejected(f"the PDF has {pages} pages; documents over {max_pages} "
                                     "pages are not read", path=name)
        text = _pages_text(reader, name, max_bytes)
    except (SubmissionRejected, MemoryError, RecursionError):  # the limits' to name
        raise
    except Exception as error:  # a hostile or broken file may trip any part of the parser
        raise SubmissionRejected(f"the PDF is corrupt or unreadable ({type(error).__name__}: "
                                 f"{error})", path=name) from None
    if not WORD.search(text):
        raise SubmissionRejected(
            f"the PDF has {pages} page(s) but no text in it: a scan or images. A reviewer "
            "must read it, or ask the candidate for a PDF exported from their editor",
            path=name)
    return text, pages


def _pages_text(reader, name: str, max_bytes: int) -> str:
    """The text of every page, stopping as soon as it passes the document limit: a small PDF
    can hold far more text than its size suggests (compressed streams)."""
    texts, size = [], 0
    for number, page in enumerate(reader.pages, start=1):
        texts.append(page.extract_text() or "")
        size += len(texts[-1])
        if size > max_bytes:
            raise SubmissionRejected(f"the PDF holds more than {max_bytes // 1024} KB of text "
                                     f"by page {number}; documents over that are not read",
                                     path=name)
    return "\n\n".join(texts)


def _opens_without_password(reader) -> bool:
    """Many PDFs are encrypted only against editing and open with an empty password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unsupported cipher: it does not open
        return False


def _docx_text(path: Path, name: str, max_bytes: int) -> Visible:
    try:
        archive = zipfile.ZipFile(path)
    except (MemoryError, RecursionError):  # the limits' to name, not a broken file
        raise
    except Exception as error:  # a hostile package may trip any part of zipfile (a name
        # flagged UTF-8 that is not: UnicodeDecodeError)
        raise SubmissionRejected(f"is not a Word document: not a readable zip package "
                                 f"({type(error).__name__}: {error})", path=name) from None
    with archive:
        members = {info.filename: info for info in archive.infolist()}
        body = members.get("word/document.xml")
        if body is None:
            held = ", ".join(cut(name, NAME_SHOWN) for name in sorted(members)[:4]) or "nothing"
            raise SubmissionRejected(f"is not a Word document: a zip holding {held}, with no "
                                     "word/document.xml", path=name)
        unpacked = sum(info.file_size for info in members.values())  # python-docx loads each
        if unpacked > max_bytes:
            raise SubmissionRejected(f"its parts unpack to {unpacked / 2**20:.0f} MB; Word "
                                     f"documents over {max_bytes // 1024} KB unpacked are not "
                                     "read", path=name)
        _refuse_a_crowded_package(archive, members, name)
    try:
        import docx

        from .word_text import visible_text

        return visible_text(docx.Document(str(path)), name, max_bytes)
    except (MemoryError, RecursionError, SubmissionRejected):  # the limits' to name; its own
        raise
    except Exception as error:  # a broken package may trip any part of the parser
        if _out_of_memory(error):
            raise MemoryError("the XML parser ran out of memory") from error
        raise SubmissionRejected(f"the Word document is corrupt or unreadable "
                                 f"({type(error).__name__}: {error})", path=name) from None


def _refuse_a_crowded_package(archive: zipfile.ZipFile, members: dict, name: str) -> None:
    """Reject a Word package of more than ``WORD_PACKAGE_MOST`` parts or relationships (its
    ``.rels`` parts, whose unpacked size the document limit already bounds, are counted)."""
    said = f"Word documents of more than {WORD_PACKAGE_MOST:,} are not read"
    if len(members) > WORD_PACKAGE_MOST:
        raise SubmissionRejected(f"the Word document holds {len(members):,} parts; {said}",
                                 path=name)
    links = sum(len(_RELATIONSHIP.findall(archive.read(info)))
                for member, info in members.items() if member.endswith(".rels"))
    if links > WORD_PACKAGE_MOST:
        raise SubmissionRejected(f"the Word document holds {links:,} relationships between its "
                                 f"parts; {said}", path=name)


def _out_of_memory(error: Exception) -> bool:
    """Whether lxml's error is libxml2 running out of memory: it says so as a syntax error
    ("unknown error", code ERR_NO_MEMORY), not as MemoryError."""
    from lxml import etree

    return (isinstance(error, etree.XMLSyntaxError)
            and error.code == etree.ErrorTypes.ERR_NO_MEMORY)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name
