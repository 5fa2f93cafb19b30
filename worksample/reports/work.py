"""The candidate's work on their page (``WorkView``), built from what the store kept
(``worksample.work``): each file highlighted by Pygments, a unified diff against the
assignment's starter, each failed check linked to its evidence and to the lines it names, and
the texts a plugin read with the sentences its evidence quotes marked as earning or losing
points.

Everything shown goes through the page's ``clean`` (``safe_text.visible``, and the blind
review's redaction), paths included; the page escapes it (the HTML's only markup not escaped
by Jinja is Pygments' own output, which escapes the text it is given). Candidates see their
own files and the diff against the starter they were given, but nothing of the checks.

The starter: an assignment type whose section has a ``starter`` field naming a folder of the
assignment (the coding type's does) gets the diff; docs/plugins.md says so.
"""

from __future__ import annotations

import difflib
import re
import time
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from itertools import pairwise
from pathlib import Path

from markupsafe import escape

# Imported with this module, not where they are used: pygments.formatters replaces itself in
# sys.modules as it loads, and a second thread importing it meanwhile (the review server's
# pages are made in several) got "cannot import name 'HtmlFormatter'".
from pygments import format as tokens_as
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_for_filename
from pygments.util import ClassNotFound

from worksample.models import Assignment, Check, GradeResult, Status
from worksample.reports.plain import check_label, plain_failure
from worksample.reports.view import (
    Audience,
    CheckLink,
    CodeFile,
    CodeLine,
    DiffLine,
    FileDiff,
    Highlight,
    ReadText,
    Segment,
    WorkView,
)
from worksample.work import (
    MAX_FILE_BYTES,
    MAX_FILE_LINES,
    MAX_FILES_LISTED,
    MAX_SUBMISSION_BYTES,
    KeptWork,
    WorkFile,
)

MAX_LINE_CHARS = 2_000  # a longer line is cut on the page, saying how much
HIGHLIGHT_SECONDS = 3.0  # of highlighting for one page's files; the rest are shown plain
NOT_HIGHLIGHTED = "Text (not highlighted: the page's time for highlighting ran out)"
HIGHLIGHTS_KEPT = 256  # finished highlights remembered; past it, all are forgotten
# The only lexers used (Pygments' first alias), chosen by the file's name; any other file is
# plain text. Some of Pygments' lexers take seconds inside one regular expression, where no
# check of the time can stop them, on text a candidate writes: exponential in a few dozen
# characters (Maple's strings, Smithy, Rita, Fancy), or quadratic in a run of blank lines
# or spaces (C and C++: 3 s for 4,000). These were run over such text (46 openings, each
# before 15 runs of spaces, tabs, blank lines ...: benchmarks/scan_lexers.py) and took no token
# longer than 0.25 s, lines being cut at MAX_LINE_CHARS.
HIGHLIGHTED_LANGUAGES = frozenset({
    "python", "javascript", "typescript", "jsx", "tsx", "go", "java", "json", "yaml", "toml",
    "ini", "html", "css", "xml", "bash", "sql", "diff", "docker", "make", "markdown",
    "restructuredtext", "text"})
_HIGHLIGHTED: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
MAX_DIFF_LINES = 2_000  # per file
MAX_CHECK_CHARS = 1_500
PYGMENTS_STYLE = "default"
CAPS = (f"The store keeps the names and sizes of up to {MAX_FILES_LISTED:,} files of a "
        f"submission, and the text of each text file up to {MAX_FILE_LINES:,} lines or "
        f"{MAX_FILE_BYTES // 1024:,} KB, {MAX_SUBMISSION_BYTES // (1024 * 1024)} MB of text in "
        f"all; lines longer than {MAX_LINE_CHARS:,} characters are cut on the page.")
NOT_KEPT = ("The work was not kept: this result was graded before worksample kept "
            "submissions' files. Grading it again with `worksample grade ... --regrade` keeps it.")
REFUSED = "Nothing of the work was kept: the submission was refused before it was read."
_PLACE = re.compile(r"(?P<path>[\w./\\-]*\w\.\w+)(?:\", line |:)(?P<line>\d+)")
# what evidence.quoted() writes: “the sentence”, then nothing, " (how a typo was read)" or
# ": what the check concluded"
_QUOTED = re.compile("\u201c(.*?)\u201d(?:$| \\(|: )", re.DOTALL)
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_APOSTROPHE_ANY = "['\u2019\u2018\u02bc]"

WorkLookup = Callable[[GradeResult], KeptWork | None]


def stored_work(store) -> WorkLookup:
    """The look-up of each result's kept work in ``store`` (a ``ResultStore``), for
    ``build_report(..., work=)`` and ``ReportPlan(..., work=)``."""
    from worksample.store import submission_key

    return lambda result: store.work(result.assignment_id, result.submission_id,
                                     submission_key(result))


def work_view(assignment: Assignment, result: GradeResult, work: KeptWork | None,
              audience: Audience, clean: Callable[[str], str]) -> WorkView:
    """The work of ``result`` as ``audience`` sees it, every text through ``clean``; a view
    that says why there is none when ``work`` is None (not kept)."""
    if work is None:
        return WorkView(kept=False, note=REFUSED if result.status == Status.REJECTED
                        else NOT_KEPT)
    for_candidate = audience == "candidate"
    files = [f for f in work.files if f.kind != "read"]
    read = [f for f in work.files if f.kind == "read"]
    # a text's failed checks are its marked sentences and its criteria's evidence already
    checks = [] if for_candidate or read else [c for c in result.checks
                                               if c.outcome == "failed" and not c.review]
    anchors = {f.path: f"file-{n}" for n, f in enumerate(files, start=1)}
    links = [_check_link(n, check, anchors, files, clean)
             for n, check in enumerate(checks, start=1)]
    named: dict[str, list[str]] = {}
    for link in links:
        for line_anchor, _ in link.places:
            named.setdefault(line_anchor, []).append(link.anchor)
    starter = assignment.starter_folder
    until = time.monotonic() + HIGHLIGHT_SECONDS
    return WorkView(
        kept=True, caps=CAPS,
        files=[_code_file(f, anchors[f.path], clean, named, until) for f in files],
        files_not_listed=work.files_not_listed,
        starter=starter is not None,
        diff=[] if starter is None else _diff(starter, files, clean),
        failed_checks=links,
        texts=[_read_text(n, f, [] if for_candidate else _checks_of(f.path, read, result),
                          clean)
               for n, f in enumerate(read, start=1)],
    )


@cache
def code_css() -> str:
    """Pygments' CSS for the style the files are highlighted in, scoped to ``.code``."""
    rules = HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".code").splitlines()
    return "\n".join(rule for rule in rules if rule.startswith(".code"))


def not_kept(work_file: WorkFile) -> str:
    """What the caps left out of a file, in words: "… 1,234 more lines (56 KB) not kept"."""
    if work_file.kind == "not-kept":
        return "its text was not kept: the submission's text had reached the cap"
    if not work_file.more_bytes:
        return ""
    lines = f"{work_file.more_lines:,} more lines" if work_file.more_lines else "the rest"
    return f"… {lines} ({_size(work_file.more_bytes)}) not kept"


def _size(count: int) -> str:
    return f"{count:,} bytes" if count < 10 * 1024 else f"{count // 1024:,} KB"


def _shown_lines(text: str, clean: Callable[[str], str]) -> list[tuple[str, int]]:
    """Each line of ``text`` made safe to show, cut at MAX_LINE_CHARS, with what was cut."""
    return [(line[:MAX_LINE_CHARS], max(0, len(line) - MAX_LINE_CHARS))
            for line in clean(text).split("\n")]


def _code_file(work_file: WorkFile, anchor: str, clean: Callable[[str], str],
               named: dict[str, list[str]], until: float) -> CodeFile:
    path = clean(work_file.path)
    if work_file.kind != "text":
        return CodeFile(path=path, anchor=anchor, size=work_file.size, kind=work_file.kind,
                        not_kept=not_kept(work_file))
    shown = _shown_lines(work_file.text.removesuffix("\n"), clean)
    language, html = _highlighted(work_file.path, "\n".join(text for text, _ in shown), until)
    return CodeFile(
        path=path, anchor=anchor, size=work_file.size, kind="text", language=language,
        not_kept=not_kept(work_file),
        lines=[CodeLine(number=n, text=text, html=line_html, cut=cut,
                        checks=named.get(f"{anchor}-L{n}", []))
               for n, ((text, cut), line_html) in enumerate(zip(shown, html, strict=True),
                                                            start=1)])


def _highlighted(path: str, text: str, until: float) -> tuple[str, tuple[str, ...]]:
    """The lexer's name and each line of ``text`` as Pygments' HTML (escaped by Pygments);
    the lexer is chosen by the file's name, plain text when none matches, and when lexing
    goes on past ``until`` (a time.monotonic()). Highlights that were finished are kept for
    the files asked for again (the review server shows a page each time it is opened)."""
    found = _HIGHLIGHTED.get((path, text))
    if found is None:
        found = _lexed(path, text, until)
        if found is None:
            return NOT_HIGHLIGHTED, tuple(str(escape(line)) for line in text.split("\n"))
        if len(_HIGHLIGHTED) >= HIGHLIGHTS_KEPT:
            _HIGHLIGHTED.clear()
        _HIGHLIGHTED[(path, text)] = found
    return found


def _lexed(path: str, text: str, until: float) -> tuple[str, tuple[str, ...]] | None:
    """``_highlighted``'s work; None past ``until``. Some of Pygments' lexers take time
    quadratic in a file's length on text a candidate can write (5,000 blank lines in a file
    named .nc, .m or .md: seconds), so the time is checked between tokens."""
    options = dict(stripnl=False, stripall=False, ensurenl=True)
    try:
        lexer = get_lexer_for_filename(path.rsplit("/", 1)[-1], **options)
    except ClassNotFound:
        lexer = TextLexer(**options)
    if lexer.aliases[0] not in HIGHLIGHTED_LANGUAGES:
        lexer = TextLexer(**options)
    tokens = []
    for token in lexer.get_tokens(text):
        tokens.append(token)
        if time.monotonic() > until:
            return None
    lines = tuple(tokens_as(tokens, HtmlFormatter(nowrap=True)).split("\n")[:-1])
    if len(lines) != text.count("\n") + 1:  # never expected: then show it unhighlighted
        return "Text only", tuple(str(escape(line)) for line in text.split("\n"))
    return lexer.name, lines


def _diff(starter: Path, files: list[WorkFile], clean: Callable[[str], str]) -> list[FileDiff]:
    """The unified diff of each file added, removed or changed against ``starter``; a lone
    file against a lone starter file, whatever their names (a single-file submission)."""
    given = {p.relative_to(starter).as_posix(): p for p in sorted(starter.rglob("*"))
             if p.is_file()}
    sent = {f.path: f for f in files}
    pairs = [(path, path) for path in sorted(set(given) | set(sent))]
    if len(given) == 1 and len(sent) == 1 and set(given) != set(sent):
        pairs = [(next(iter(given)), next(iter(sent)))]
    diffs = []
    for before, after in pairs:
        work_file = sent.get(after)
        path = clean(after if work_file else before)
        if work_file is None:
            diffs.append(FileDiff(path=path, status="removed"))
            continue
        if work_file.kind != "text":
            status = "changed" if before in given else "added"
            diffs.append(FileDiff(path=path, status=status, note="not shown: not text, or not "
                                                                 "kept"))
            continue
        old = _starter_text(given[before]) if before in given else ""
        if old == work_file.text:
            continue
        lines = list(difflib.unified_diff(old.splitlines(), work_file.text.splitlines(),
                                          lineterm="", n=3))[2:]
        diffs.append(FileDiff(
            path=path, status="changed" if before in given else "added",
            lines=[DiffLine(kind=line[:1] if line[:1] in "+-@" else " ",
                            text=_shown_lines(line[1:], clean)[0][0])
                   for line in lines[:MAX_DIFF_LINES]],
            note=" ".join(filter(None, [
                f"{len(lines) - MAX_DIFF_LINES:,} more lines of the diff not shown"
                if len(lines) > MAX_DIFF_LINES else "",
                "the file was cut by the store's caps: the diff covers the part kept"
                if work_file.more_bytes else ""]))))
    return diffs


def _starter_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""


def _check_link(number: int, check: Check, anchors: dict[str, str], files: list[WorkFile],
                clean: Callable[[str], str]) -> CheckLink:
    """A failed check, with a link to each line of a kept file its message names
    ("inventory.py:12", 'File "/work/inventory.py", line 12')."""
    kept = {f.path: f for f in files if f.kind == "text"}
    places = []
    for found in _PLACE.finditer(check.message[:20_000]):
        named, line = found["path"].replace("\\", "/"), int(found["line"])
        path = next((p for p in kept if named == p or named.endswith("/" + p)), None)
        if path is not None and 1 <= line <= kept[path].text.count("\n") + 1:
            place = (f"{anchors[path]}-L{line}", f"{clean(path)}:{line}")
            if place not in places:
                places.append(place)
    message = clean(check.message)
    if len(message) > MAX_CHECK_CHARS:
        message = message[:MAX_CHECK_CHARS] + " …"
    return CheckLink(anchor=f"check-{number}", id=clean(check.id), criterion=check.criterion,
                     label=clean(check_label(check)), plain=clean(plain_failure(check)),
                     message=message, places=places)


def _checks_of(name: str, read: list[WorkFile], result: GradeResult) -> list[Check]:
    """The checks that quote the text ``name``: those whose id starts with 'name/', or for
    the text of the whole submission (''), those of no other text."""
    others = {f.path for f in read} - {name}
    return [check for check in result.checks
            if (check.id.startswith(name + "/") if name
                else check.id.split("/", 1)[0] not in others)]


def _read_text(number: int, work_file: WorkFile, checks: list[Check],
               clean: Callable[[str], str]) -> ReadText:
    """The text as read, split where a sentence a check quotes begins and ends."""
    text = clean(work_file.text)
    spans = []
    places: dict[str, tuple[int, int] | None] = {}  # a sentence is often quoted by many checks
    for check in checks:
        quote = _quote(clean(check.message))
        if quote and quote not in places:
            places[quote] = _find(text, quote)
        found = places[quote] if quote else None
        if found is not None:
            kind = ("review" if check.review else "earned" if check.outcome == "passed"
                    else "lost")
            spans.append((*found, Highlight(kind=kind, criterion=check.criterion,
                                            check=clean(check.id))))
    return ReadText(name=clean(work_file.path), anchor=f"text-{number}",
                    segments=_segments(text, spans), not_kept=not_kept(work_file))


def _quote(message: str) -> str:
    """The sentence a check's evidence quotes: “…”, maybe cut to a window (“… words …”), and
    maybe followed by how a typo was read or what the check concluded."""
    found = _QUOTED.match(message)
    if found is None:
        return ""
    return found[1].removeprefix("… ").removesuffix(" …").strip()


def _find(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` first stands in ``text`` as sentences are quoted: any run of white
    space for a space, any apostrophe for an apostrophe (the text is searched as it is, so
    what is found is where it is)."""
    words = _SPACES.split(quote.translate(_APOSTROPHES).strip())
    if not any(words):
        return None
    pattern = r"\s+".join(_APOSTROPHE_ANY.join(map(re.escape, word.split("'")))
                           for word in words)
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


def _segments(text: str, spans: list[tuple[int, int, Highlight]]) -> list[Segment]:
    """``text`` cut at every span's start and end; each piece with the kinds of the spans
    that cover it, and the highlights of those that end with it."""
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = [Segment(text=text[start:end]) for start, end in pairwise(cuts)]
    for start, end, marked in spans:
        first, last = bisect_right(cuts, start) - 1, bisect_right(cuts, end - 1) - 1
        for segment in segments[first:last + 1]:
            if marked.kind not in segment.marks:
                segment.marks.append(marked.kind)
        if all((h.kind, h.criterion) != (marked.kind, marked.criterion)
               for h in segments[last].ends):
            segments[last].ends.append(marked)
    return segments or [Segment(text="")]
