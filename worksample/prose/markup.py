"""What a reader would see of an HTML, Markdown or email text (a reply, an analysis), and what
they would not.

Only visible text is graded. Text a reader would never see (hidden by markup, or present only
in the plain-text part of a message whose HTML part is what mail clients show) is kept apart,
so that a reply cannot earn points with words the customer never reads, and the reviewer is
told about it.
"""

from __future__ import annotations

import email
import email.headerregistry
import email.policy
import functools
import re
from dataclasses import dataclass, replace

from worksample.prose.animations import hiding_keyframes
from worksample.prose.covering_boxes import Covers
from worksample.prose.custom_properties import USES_CUSTOM
from worksample.prose.markdown_markup import (
    NotRendered,
    at_its_lines,
    rendered,
    without_line_marks,
)
from worksample.prose.media_queries import for_the_reader
from worksample.prose.own_fonts import makes_a_font
from worksample.prose.page_text import PageText, shadow_root
from worksample.prose.selectors import names_written
from worksample.prose.sheet_colours import ColourRules, in_plain_cascade
from worksample.prose.style_rules import HidingRules, hidden_selectors, hides
from worksample.prose.style_sheets import TooDeeplyImported, style_sheets
from worksample.prose.tables import CrowdedTables
from worksample.prose.tags import SHOWN_RAW_TEXT, Scan, scan
from worksample.prose.text import normalise, without_quoted
from worksample.safe_text import cut

# what Markdown needs to hold HTML, a character reference, a link, an image, emphasis, code, a
# table or a quote: without them a reader of it as written and of its rendering see alike
_MAY_BE_MARKUP = re.compile(r"[<&\[*_`~|>]")
HIDDEN_MIN_WORDS = 8  # fewer hidden words are noise (a stray label), not an attempt to score
_PLAIN_ONLY_SHARE = 0.2  # a plain part may differ a little from its HTML part (link targets)
_RULE_CHECKS = 100_000  # plus one per character of the document: far more than any real one needs
MIME_HEADER_MAX_CHARS = 4096  # email's parser takes time quadratic in a header's length
# multipart and message/ parts: the parser recurses into each and checks each line against
# every boundary open (1,000 nested in 50 KB ran out of Python's stack); a forwarded message
# with its attachments has a handful. A Content-Type counts when it names either, or when it
# holds an encoded word ("=?utf-8?q?multipart/a?="), which the parser decodes and no mail
# client writes there
MIME_CONTAINERS_MOST = 50
_CONTAINER = re.compile(rb"content-type[ \t]*:[^\n]*?(?:multipart|message|=\?)",
                        re.IGNORECASE)
_MIME_HEADER = re.compile(  # a MIME header that parsing a message reads, with its folded lines
    rb"^content-(?:type|disposition|transfer-encoding)[ \t]*:(?:[^\n]*\n[ \t])*[^\n]*",
    re.IGNORECASE | re.MULTILINE)


# what a message's text part writes in place of the markup of its HTML part: an image
# ("[cid:image001.png@01DB...]", "[image: logo]"), a link's target ("<https://...>", in
# brackets or bare, or as a numbered note: "[1]")
_PLAIN_PLACEHOLDERS = re.compile(r"\[(?:cid|image):[^\]\n]{0,500}\]|\[\d{1,3}\]"
                                 r"|(?:https?:|mailto:|tel:|cid:|www\.)[^\s<>()\[\]]{0,2000}",
                                 re.IGNORECASE)


class UnreadableMessage(ValueError):
    """A candidate's text that cannot be read: an email message with an unknown character set
    or a MIME header too long to parse, or markup its parser fails on."""


def _parsed_as(what: str):
    """A reader of candidate markup that raises UnreadableMessage for every exception its
    parser raises on hostile input (the email package's IndexError or TypeError on a broken
    Content-Type parameter, a parser's error on text it cannot encode): the file is the
    candidate's, not a failure of the grader. Running out of memory and nesting too deep go
    on: the grader says which limit was hit."""
    def reader_of(reader):
        @functools.wraps(reader)
        def read(*args, **kwargs):
            try:
                return reader(*args, **kwargs)
            except (UnreadableMessage, MemoryError, RecursionError):
                raise
            except Exception as error:
                raise UnreadableMessage(f"the {what} cannot be read: its parser failed on it "
                                        f"({type(error).__name__}: {cut(str(error), 200)})"
                                        ) from error
        return read
    return reader_of


@dataclass(frozen=True)
class Visible:
    """A reply's visible text, and the words in it that a reader would not see."""

    text: str
    hidden: str = ""
    hidden_by: str = ""


@_parsed_as("HTML")
def from_html(html: str, markdown: bool = False, quotes: bool = False) -> Visible:
    """The visible text of HTML, one block per line, as a browser builds its tree
    (``page_text``). Quoted blocks, scripts and styles are dropped; text hidden by markup (the
    ``hidden`` attribute, ``display: none``, zero size, white or transparent text, off-screen)
    is returned apart, and so is a tag the text ends in without ending it, which a browser
    drops. With ``markdown``, ``html`` is a Markdown text's rendering (``markdown_markup``):
    its line breaks are kept. With ``quotes``, a quoted block is read (an analysis's quote is
    the writer's to show; a reply's is the email it answers)."""
    from selectolax.lexbor import LexborHTMLParser

    found = scan(html, LOOKS_MOST)
    if found.looks > LOOKS_MOST:
        raise UnreadableMessage("the HTML leaves so many elements open one inside another, so "
                                "often, that a browser's parser would take seconds to build "
                                "it; no editor or mail client writes that")
    html, tail, why = _tail_apart(html, found)
    tree = LexborHTMLParser(html)
    if shadow_root(tree):
        raise UnreadableMessage("the HTML attaches a shadow root to an element (<template "
                                "shadowrootmode>), whose text is not read; no mail client "
                                "writes one")
    standards = _standards_mode(html, found.doctype_end)
    try:
        sheets = style_sheets(tree, standards)
    except TooDeeplyImported as error:
        raise UnreadableMessage(f"the HTML's {error}; no mail client writes that") from error
    colours = ColourRules(quirks=not standards) if sheets and in_plain_cascade(sheets) else None
    moving: list = []
    clipping: list = []
    covering: tuple[list, list] = ([], [])
    keyframes = hiding_keyframes([sheet.css for sheet in sheets
                                  if not sheet.media or for_the_reader(sheet.media)], hides)
    styles = [node.attributes.get("style") or "" for node in tree.css("[style]")] \
        if any(USES_CUSTOM.search(sheet.css) for sheet in sheets) else []
    written = names_written(tree, html) if sheets else html
    selectors = hidden_selectors(written, sheets, colours, moving, covering, keyframes,
                                 clipping, styles)
    if colours is not None and colours.matching and not colours.mirror(tree):  # too deep
        colours, moving, clipping, covering = None, [], [], ([], [])
        selectors = hidden_selectors(written, sheets, moving=moving, covering=covering,
                                     keyframes=keyframes, clipping=clipping, styles=styles)
    budget = _RULE_CHECKS + len(html)
    page = PageText(HidingRules(selectors, budget), standards, markdown=markdown, quotes=quotes,
                    colours=colours or None, moving=HidingRules(moving, budget),
                    covers=Covers(*(HidingRules(rules, budget) for rules in covering)),
                    keyframes=keyframes, clipping=HidingRules(clipping, 2 * budget, every=True),
                    fonts=any(makes_a_font(sheet.css) for sheet in sheets))
    if not page.read(tree, ELEMENTS_MOST):
        raise UnreadableMessage(f"the HTML makes more than {ELEMENTS_MOST:,} elements; no "
                                "reply or analysis has that many")
    if tail:
        page.hidden.append(tail)
        page.hidden_by.add(why)
    hidden = " ".join(" ".join(page.hidden).split())
    return Visible("".join(page.parts), hidden, ", ".join(sorted(page.hidden_by)))


def _standards_mode(html: str, doctype_end: int) -> bool:
    """Whether a browser reads ``html`` in standards (or limited quirks) mode, as the doctype
    ending at ``doctype_end`` sets it (-1: none, quirks mode) with what comes before it (HTML's
    lists of public and system identifiers; comments of any form before it, text not): a
    browser's parser is asked, by reading them before a table in a paragraph, where only
    quirks mode leaves it."""
    from selectolax.lexbor import LexborHTMLParser

    if doctype_end < 0:
        return False
    # (a NUL before the doctype sets nothing in Chromium, which mail is mostly read in)
    probe = LexborHTMLParser(html[:doctype_end].replace("\x00", "") + "<p><table></table>"
                             ).css_first("table")
    return probe is not None and probe.parent is not None and probe.parent.tag != "p"


def _tail_apart(html: str, found: Scan) -> tuple[str, str, str]:
    """``html`` without the tag, comment or raw text it never ends (``found`` by
    ``tags.scan``), that tail and why it is not shown."""
    at, tail_in = found.tail_at, found.tail_in
    if at < 0 or tail_in in SHOWN_RAW_TEXT:
        return html, "", ""
    why = "after a tag that does not end" if tail_in in ("tag", "comment") else \
        f"in a <{tail_in}> that does not end"
    return html[:at], html[at:], why


# Building the tree, a browser looks through the elements open at each end tag (for the one it
# ends) and at each block's start tag (for a paragraph to close): its time grows with their
# number times the tags (40,000 <i> and as many </b>: 5.9 s; 4,999 <i> and 200,000 </x>:
# 3.4 s; 3.4 ns a look). A reply that keeps 30 open across 5,000 tags makes 150,000 looks
LOOKS_MOST = 100_000_000
# each element read costs some 20 us (its style, the rules that may hide it): no reply or
# analysis makes more than a few thousand
ELEMENTS_MOST = 50_000


@_parsed_as("Markdown")
def from_markdown(markdown: str, keep_headings: bool = False, keep_quotes: bool = True) -> Visible:
    """Plain text of Markdown as a reader sees it rendered (``markdown_markup``): markup and
    link targets dropped, words kept, an image's alt text not read (a loaded image does not
    draw it); with ``keep_headings``, heading lines keep their leading ``#``; without
    ``keep_quotes``, a quote (``>``, or an HTML ``<blockquote>``) is not read. Its HTML is read
    as HTML, so an HTML comment or a hidden block is not part of the text; nor is a link
    definition, which renders as nothing (``[//]: # (a "comment")``), whose title is returned
    as hidden. A text with none of ``<&[*_`~|>``, which can hold none of those, nor emphasis,
    code, a table or a quote, is read as written, its heading marks taken off."""
    if not _MAY_BE_MARKUP.search(markdown):
        return Visible(markdown if keep_headings else _without_heading_marks(markdown))
    try:
        rendering = rendered(markdown)
    except (CrowdedTables, NotRendered) as crowded:
        raise UnreadableMessage(f"the Markdown has {crowded}") from None
    visible = from_html(rendering.html, markdown=True, quotes=keep_quotes)
    text = at_its_lines(visible.text.replace("\t", " ")).rstrip()
    if not keep_headings:
        text = _without_heading_marks(text)
    visible = replace(visible, text=text, hidden=without_line_marks(visible.hidden))
    if rendering.definitions:
        visible = _with_hidden(visible, rendering.definitions, "a Markdown link definition")
    return visible


def _without_heading_marks(text: str) -> str:
    return re.sub(r"^[ \t]{0,3}#{1,6}[ \t]*", "", text, flags=re.MULTILINE)


def looks_like_html(text: str) -> bool:
    """Whether text that is not named .html starts like an HTML document."""
    return bool(re.match(r"\s*<(!doctype|html|body|p|div)\b", text, re.IGNORECASE))


@_parsed_as("email message")
def from_eml(raw: bytes) -> Visible:
    """The body of an email message as mail clients show it: the HTML part when there is one,
    else the text part. Words found only in the text part of a message with both are hidden
    text: most customers would never see them. The text part's quoted original and what it
    writes for the HTML part's images and link targets are left out of that comparison, and
    apostrophes are compared straight. A message with a MIME header longer than
    ``MIME_HEADER_MAX_CHARS`` is not read (UnreadableMessage): parsing it would take
    minutes. The headers are looked for with every line end the parser takes (a bare "\r"
    too: a red team's message of lines ended so went past the check)."""
    containers = 0
    for header in _MIME_HEADER.finditer(raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")):
        if len(header.group()) > MIME_HEADER_MAX_CHARS:
            name = header.group().split(b":", 1)[0].strip().decode("ascii")
            raise UnreadableMessage(f"the message has a {name} header of "
                                    f"{len(header.group()):,} characters; no mail client "
                                    f"writes one over {MIME_HEADER_MAX_CHARS:,}")
        containers += bool(_CONTAINER.match(header.group()))
        if containers > MIME_CONTAINERS_MOST:
            raise UnreadableMessage(f"the message has more than {MIME_CONTAINERS_MOST} parts "
                                    "that hold other parts; mail clients write a few")
    try:
        message = email.message_from_bytes(
            raw, policy=email.policy.default.clone(header_factory=_HeadersReadOnce()))
    except RecursionError:  # nesting the count above did not see; unwound by now
        raise UnreadableMessage("the message nests its parts too deeply to read") from None
    html_part = message.get_body(preferencelist=("html",))
    plain_part = message.get_body(preferencelist=("plain",))
    if html_part is None:
        return Visible(_content(plain_part) if plain_part is not None else "")
    shown = from_html(_content(html_part))
    if plain_part is None:
        return shown
    plain_words = normalise(_PLAIN_PLACEHOLDERS.sub(" ", without_quoted(
        _content(plain_part)))).split()
    seen = set(normalise(shown.text).split())
    only_plain = [word for word in plain_words if word not in seen]
    if len(set(only_plain)) < HIDDEN_MIN_WORDS or \
            len(only_plain) < _PLAIN_ONLY_SHARE * len(plain_words):
        return shown
    return _with_hidden(shown, " ".join(only_plain), "only in the text/plain part")


class _HeadersReadOnce(email.headerregistry.HeaderRegistry):
    """The standard header registry, for one message: each header is parsed once, not at
    every question about it (finding the body asks each part's Content-Type many times, and
    each time the registry parses it and makes a class). A parsed header is a string that
    never changes, so sharing it changes nothing."""

    def __init__(self):
        super().__init__()
        self._parsed: dict[tuple[str, str], email.headerregistry.BaseHeader] = {}

    def __call__(self, name: str, value: str) -> email.headerregistry.BaseHeader:
        """The header ``name: value`` parsed, the first time it is asked for."""
        key = (name, value)
        if key not in self._parsed:
            self._parsed[key] = super().__call__(name, value)
        return self._parsed[key]


def _with_hidden(visible: Visible, words: str, hidden_by: str) -> Visible:
    """``visible`` with more hidden ``words``, hidden by ``hidden_by``."""
    return replace(visible, hidden=" ".join(filter(None, [visible.hidden, words])),
                   hidden_by=", ".join(filter(None, [visible.hidden_by, hidden_by])))


def _content(part: email.message.EmailMessage) -> str:
    """A text part's content, decoded by its charset: one Python does not know by that label
    is looked up by the labels browsers and mail clients know (``webencodings``, the WHATWG
    list: "windows-874", "x-mac-roman", "iso-8859-8-i")."""
    try:
        return part.get_content()
    except LookupError as error:
        import webencodings

        known = webencodings.lookup(part.get_content_charset() or "")
        if known is None:
            raise UnreadableMessage(f"the message's text cannot be decoded ({error})") from error
        payload = part.get_payload(decode=True) or b""
        return payload.decode(known.codec_info.name, errors="replace")
    except UnicodeError as error:
        raise UnreadableMessage(f"the message's text cannot be decoded ({error})") from error
