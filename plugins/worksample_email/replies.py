"""Find the candidate's reply to each customer email in a submission, and read it as text.

A submission may be:
- a folder with one file per email, named after the email's id (``late-refund.md``,
  ``02-late-refund.txt``);
- .eml files, matched by name, or by In-Reply-To / References / Subject;
- one file with a section per email, each under a heading that names the email: its id,
  its subject, the customer's name (whole, or a first or last name no other customer has), or
  its number ("## Email 2"); a heading may be a line underlined with ``===`` or ``---``;
- a file named otherwise: the only reply of a one-email assignment is its reply; with several
  emails, a file is matched by what it says (it names one customer and no other, or quotes
  one email's subject).

Each reply says which rule matched it (``matched_by``).

Replies may be plain text, Markdown, HTML or .eml. Every problem with a reply (missing,
empty, not UTF-8, binary, too large) is kept as the reason it scores 0; nothing raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from worksample.prose.hidden import without_stray_hidden
from worksample.prose.markup import (
    UnreadableMessage,
    Visible,
    from_eml,
    from_html,
    from_markdown,
    looks_like_html,
)
from worksample.prose.own_text import source_sentences
from worksample.prose.text import decode_text, eml_headers, normalise, without_quoted

from .config import CustomerEmail, EmailSection
from .identity import identifiers, names_of

TEXT_SUFFIXES = {"", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".eml"}
HEADING_MAX_CHARS = 120
_HEADING = re.compile(r"^\s*(#{1,6}\s|subject:|re:|reply|email|to:|={3,}|-{3,}|\*\*)",
                      re.IGNORECASE)
_NUMBERED = re.compile(r"\b(?:email|reply|message)\s*#?\s*(\d{1,2})\b", re.IGNORECASE)
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fwd?|aw|sv)\s*:\s*)+", re.IGNORECASE)
_UNDERLINE = re.compile(r"^\s*(={3,}|-{3,})\s*$")
MATCHED_FILES_MOST = 20  # files named after no email read to match them, by headers or text


@dataclass
class Reply:
    """The candidate's reply to one email: its text, or why there is none to grade."""

    email_id: str
    source: str = ""
    text: str = ""
    problem: str = ""
    hidden: str = ""  # words the customer would not see; not graded
    hidden_by: str = ""
    matched_by: str = ""  # the rule that matched the file to the email


@dataclass
class Original:
    """A customer email: what identifies it (subject, message id), and its sentences,
    normalised, to recognise them when a reply copies them."""

    email: CustomerEmail
    subject: str
    message_id: str
    sentences: frozenset[str] = frozenset()
    identifiers: dict[str, str] = field(default_factory=dict)  # number -> the word before it


@dataclass
class Located:
    """The replies found in a submission, and the files that matched no email."""

    replies: dict[str, Reply]
    ignored: list[str] = field(default_factory=list)


def originals(section: EmailSection, root: Path) -> list[Original]:
    """Subject and Message-ID of each customer email of the assignment."""
    found = []
    for customer_email in section.emails:
        raw = (root / customer_email.file).read_bytes()
        headers = eml_headers(raw)
        body = from_eml(raw).text
        said = source_sentences(body)
        found.append(Original(email=customer_email, subject=_subject(headers["Subject"]),
                              message_id=headers["Message-ID"].strip(), sentences=said,
                              identifiers=identifiers(normalise(body))))
    return found


def locate(submission_root: Path, section: EmailSection, emails: list[Original]) -> Located:
    """The reply to every email in ``submission_root``; missing ones say so."""
    limit = section.max_reply_kb * 1024
    files = sorted(p for p in submission_root.rglob("*") if p.is_file())
    texts = [p for p in files if p.suffix.lower() in TEXT_SUFFIXES]
    ignored = [_relative(p, submission_root) for p in files
               if p.suffix.lower() not in TEXT_SUFFIXES]
    matched: dict[str, tuple[Path, str]] = {}
    by_headers = _Budget(limit, len(emails))
    for path in texts:
        original, rule = _by_name(path, emails), "the file's name"
        if original is None and path.suffix.lower() == ".eml" and by_headers.spend(path):
            original, rule = _by_headers(path, emails, limit)
        if original is None:
            continue
        if original.email.id in matched:
            ignored.append(f"{_relative(path, submission_root)} (a second reply to "
                           f"{original.email.id}; {matched[original.email.id][0].name} was "
                           "graded)")
            continue
        matched[original.email.id] = (path, rule)
    unmatched = [p for p in texts if p not in {path for path, _ in matched.values()}]
    replies = {eid: _read(path, submission_root, limit, eid, rule)
               for eid, (path, rule) in matched.items()}
    if not matched and len(unmatched) == 1:
        replies = _sections(unmatched[0], submission_root, emails, limit)
        if not replies and len(emails) == 1:
            replies = {emails[0].email.id: _read(
                unmatched[0], submission_root, limit, emails[0].email.id,
                "the only reply file, for the only email")}
        unmatched = [] if replies else unmatched
    # the smallest first: a reply is short, a draft or notes beside it may be long
    by_content, not_read = _Budget(limit, len(emails)), set()
    for path in sorted(unmatched, key=lambda path: (path.stat().st_size, path)):
        left = [o for o in emails if o.email.id not in replies]
        if not left:
            break
        if not by_content.spend(path):
            not_read.add(path)
            continue
        reply = _by_content(path, submission_root, limit, left)
        if reply is not None:
            replies[reply.email_id] = reply
            unmatched.remove(path)
    ignored += [_relative(p, submission_root) + (by_content.why_not if p in not_read else "")
                for p in unmatched
                if not any(r.source == _relative(p, submission_root) for r in replies.values())]
    for original in emails:
        replies.setdefault(original.email.id, Reply(
            original.email.id, problem="no reply found for this email (name the file after "
                                       f"it, e.g. {original.email.id}.md)"))
    return Located(replies=replies, ignored=ignored)


class _Budget:
    """What reading files named after no email may cost, to match them by their headers or
    by what they say: as many bytes as a reply to each email may have, and at most
    ``MATCHED_FILES_MOST`` files (each costs up to a reply's reading, and a submission may
    hold thousands: 2,000 .eml files of broken headers took 45 s of CPU)."""

    def __init__(self, limit: int, emails: int):
        self.limit, self.bytes_left, self.files_left = limit, limit * emails, MATCHED_FILES_MOST
        self.why_not = (f" (not read: files named after no email are read up to "
                        f"{MATCHED_FILES_MOST} files and {limit * emails // 1024} KB)")

    def spend(self, path: Path) -> bool:
        """Whether ``path`` may be read, counting it if so; one over the reply limit is
        refused by the reader at no cost."""
        size = path.stat().st_size
        if size > self.limit:
            return True
        if self.files_left <= 0 or size > self.bytes_left:
            return False
        self.files_left -= 1
        self.bytes_left -= size
        return True


def _by_name(path: Path, emails: list[Original]) -> Original | None:
    stem = "-" + re.sub(r"[^a-z0-9]+", "-", path.stem.lower()) + "-"
    named = [o for o in emails if f"-{o.email.id}-" in stem]
    return max(named, key=lambda o: len(o.email.id)) if named else None


def _by_headers(path: Path, emails: list[Original], limit: int) -> tuple[Original | None, str]:
    if path.suffix.lower() != ".eml" or path.stat().st_size > limit:
        return None, ""
    headers = eml_headers(path.read_bytes())
    threads = headers["In-Reply-To"] + " " + headers["References"]
    subject = _subject(headers["Subject"])
    for original in emails:
        if original.message_id and original.message_id in threads:
            return original, "In-Reply-To or References"
    found = next((o for o in emails if o.subject and o.subject == subject), None)
    return found, "the message's Subject"


def _by_content(path: Path, root: Path, limit: int, emails: list[Original]) -> Reply | None:
    """The reply in ``path`` to the one email of ``emails`` its text names (the customer's
    name, and no other customer's; else the email's subject), or None."""
    if not emails:
        return None
    reply = _read(path, root, limit, "")
    if reply.problem:
        return None
    words = f" {normalise(reply.text)} "
    named = [o for o in emails if any(f" {name} " in words for name in names_of(o, emails))]
    if len(named) == 1:
        return replace(reply, email_id=named[0].email.id,
                       matched_by=f"its text names {named[0].email.customer}")
    subjects = [o for o in emails if o.subject and f" {o.subject} " in words]
    if len(subjects) == 1:
        return replace(reply, email_id=subjects[0].email.id,
                       matched_by=f"its text quotes the subject “{subjects[0].subject}”")
    return None


def _read(path: Path, root: Path, limit: int, email_id: str, matched_by: str = "") -> Reply:
    reply = Reply(email_id, source=_relative(path, root), matched_by=matched_by)
    raw, reply.problem = _raw_text(path, limit)
    if reply.problem:
        return reply
    try:
        _take(reply, _reduced(raw, path.suffix.lower()))
    except UnreadableMessage as error:
        reply.problem = str(error)
        return reply
    if not reply.text.strip():
        reply.problem = "the reply is empty"
    return reply


def _take(reply: Reply, visible: Visible) -> None:
    """Keep the visible text for grading; hidden words only when there are enough to matter."""
    visible = without_stray_hidden(visible)
    reply.text, reply.hidden, reply.hidden_by = visible.text, visible.hidden, visible.hidden_by


def _raw_text(path: Path, limit: int) -> tuple[bytes | str, str]:
    """The file's text (bytes for .eml), or '' and the reason it cannot be read."""
    size = path.stat().st_size
    if size > limit:
        return "", f"the file is {size / 1024:.0f} KB; replies over {limit // 1024} KB are not read"
    data = path.read_bytes()
    if not data.strip():
        return "", "the file is empty"
    if path.suffix.lower() == ".eml":
        return data, ""
    try:
        return decode_text(data), ""
    except ValueError as error:
        return "", str(error)


def _reduced(raw: bytes | str, suffix: str) -> Visible:
    markdown = suffix in (".md", ".markdown")  # (bytes are an .eml's alone)
    if isinstance(raw, bytes):
        visible = from_eml(raw)
    elif suffix in (".html", ".htm") or (suffix in ("", ".txt") and looks_like_html(raw)):
        visible = from_html(raw)
    elif markdown:
        visible = from_markdown(raw, keep_quotes=False)  # a quote is the email answered
    else:
        visible = Visible(raw)
    return replace(visible, text=without_quoted(visible.text, marked=not markdown))


def _sections(path: Path, root: Path, emails: list[Original], limit: int) -> dict[str, Reply]:
    """Split one file into a reply per email, at headings that name an email."""
    raw, problem = _raw_text(path, limit)
    source = _relative(path, root)
    if problem or isinstance(raw, bytes):
        why = problem or "one .eml file cannot hold several replies"
        return {o.email.id: Reply(o.email.id, source=source, problem=why) for o in emails}
    bodies: dict[str, list[str]] = {}
    current: list[str] | None = None
    lines = raw.splitlines()
    for index, line in enumerate(lines):
        underlined = index + 1 < len(lines) and bool(_UNDERLINE.match(lines[index + 1]))
        original = _heading_names(line, emails, underlined)
        if original is not None and original.email.id not in bodies:
            current = bodies[original.email.id] = []
        elif current is not None and not (_UNDERLINE.match(line) and index
                                          and _heading_names(lines[index - 1], emails, True)):
            current.append(line)
    suffix = path.suffix.lower()
    replies = {}
    for email_id, lines in bodies.items():
        reply = replies[email_id] = Reply(email_id, source=f"{source} (section {email_id})",
                                          matched_by="a heading that names the email")
        try:
            _take(reply, _reduced("\n".join(lines), ".md" if suffix in ("", ".txt") else suffix))
        except UnreadableMessage as error:
            reply.problem = str(error)
            continue
        if not reply.text.strip():
            reply.problem = "the section is empty"
    return replies


def _heading_names(line: str, emails: list[Original], underlined: bool = False) -> Original | None:
    """The email a heading line names, or None when the line is not such a heading. A line
    underlined with ``===`` or ``---`` (``underlined``) is a heading too."""
    if len(line) > HEADING_MAX_CHARS or not (underlined or _HEADING.match(line)):
        return None
    words = " " + normalise(line.replace("-", " ")) + " "
    for original in emails:
        names = (original.email.id.replace("-", " "), original.subject,
                 *names_of(original, emails))
        if any(name and f" {normalise(name)} " in words for name in names):
            return original
    numbered = _NUMBERED.search(line)
    if numbered and 1 <= int(numbered.group(1)) <= len(emails):
        return emails[int(numbered.group(1)) - 1]
    return None


def _subject(subject: str) -> str:
    return normalise(_SUBJECT_PREFIX.sub("", subject))


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
