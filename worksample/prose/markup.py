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
from bisect import bisect_left
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from worksample.prose.attribute_values import class_and_id
from worksample.prose.css_hiding import colours_of, same_as_under, tiny_text
from worksample.prose.selectors import folded
from worksample.prose.style_rules import HidingRules, hidden_selectors, hides
from worksample.prose.tags import END_TAG_NAME, START_TAG_NAME, ascii_lower, read_tag, tag_end
from worksample.prose.text import normalise, without_quoted
from worksample.safe_text import cut

HIDDEN_MIN_WORDS = 8  # fewer hidden words are noise (a stray label), not an attempt to score
_PLAIN_ONLY_SHARE = 0.2  # a plain part may differ a little from its HTML part (link targets)
_LINK_DEFINITION = re.compile(  # [label]: target "title": the title is the only text in it
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:\"([^\"\n]*)\"|'([^'\n]*)'|\(([^)\n]*)\)))?[ \t]*$",
    re.MULTILINE)
_ASCII_SPACE = re.compile(r"[\t\n\f\r ]+")  # what splits a class attribute (not NBSP)
_COMMENT_END = re.compile(r"--!?>")
# a doctype a browser reads as standards (or limited quirks) mode; any other is quirks mode, or
# is taken for it (a browser would set a table's text in its own size: text is read, not hidden)
_STANDARDS_DOCTYPE = re.compile(
    r"""doctype[\t\n\f\r ]+html(?:[\t\n\f\r ]+system[\t\n\f\r ]+["']about:legacy-compat["']"""
    r"""|[\t\n\f\r ]+public[\t\n\f\r ]+["']-//w3c//dtd (?:xhtml 1\.[01]|html 4\.01)[^"']*["']"""
    r"""[\t\n\f\r ]+["'][^"']*["'])?[\t\n\f\r ]*""", re.IGNORECASE | re.ASCII)
_TAIL_WORK = 5_000_000  # "<" in an unparsed tail times its length: a tenth of a second to close
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
    parser raises on hostile input (html.parser's AssertionError at "<![!", the email
    package's IndexError or TypeError on a broken Content-Type parameter): the file is the
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
def from_html(html: str, keep_lines: bool = False) -> Visible:
    """The visible text of HTML, one block per line. Quoted blocks, scripts and styles are
    dropped; text hidden by markup (the ``hidden`` attribute, ``display: none``, zero size,
    white or transparent text, off-screen) is returned apart. ``keep_lines`` keeps the line
    breaks of the source (HTML inside Markdown)."""
    # as a browser reads its input before it reads a tag: line breaks as line feeds, a NUL as
    # U+FFFD ("<p\0 class=x>" is a tag, "id='a\rb'" the id "a\nb")
    html = html.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    rules = HidingRules(hidden_selectors(html), budget=_RULE_CHECKS + len(html))
    parser = _VisibleText(rules, keep_lines)
    parser.feed(html)
    parser.close()
    hidden = " ".join(" ".join(parser.hidden).split())
    return Visible("".join(parser.parts), hidden, ", ".join(sorted(parser.hidden_by)))


@_parsed_as("Markdown")
def from_markdown(markdown: str, keep_headings: bool = False) -> Visible:
    """Plain text of Markdown: markup and link targets dropped, words kept; with
    ``keep_headings``, heading lines keep their leading ``#``. Inline HTML is read as HTML, so
    an HTML comment or a hidden block is not part of the text; nor is a link definition,
    which renders as nothing (``[//]: # (a "comment")``)."""
    visible = from_html(markdown, keep_lines=True) if re.search(r"<[a-z!/]", markdown, re.I) \
        else Visible(markdown)
    definitions = [" ".join(titles) for titles in _LINK_DEFINITION.findall(visible.text)]
    if definitions:
        visible = _with_hidden(replace(visible, text=_LINK_DEFINITION.sub("", visible.text)),
                               " ".join(definitions), "a Markdown link definition")
    text = _links_as_text(_links_as_text(visible.text, image=True), image=False)
    if not keep_headings:
        text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|~~|`+)", "", text)
    text = re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)
    return replace(visible, text=text)


def _links_as_text(text: str, image: bool) -> str:
    r"""Markdown images (``![alt](target)``) or links (``[text](target)``, ``[text][label]``)
    replaced by their text, as ``re.sub`` of ``!\[([^\]]*)\]\([^)]*\)`` or
    ``\[([^\]]*)\](\([^)]*\)|\[[^\]]*\])`` with ``\1`` would. Those patterns scan the rest of
    the text again from every unclosed ``[``; here the brackets are listed once, then found by
    bisection."""
    opener = "![" if image else "["
    closing = {char: [m.start() for m in re.finditer(re.escape(char), text)] for char in "])"}
    kept, done = [], 0
    start = text.find(opener)
    while start >= 0:
        label_end = _next(closing["]"], start + len(opener))
        if label_end < 0:
            break  # no "]" after this "[", so none after any later one
        follower = text[label_end + 1:label_end + 2]
        end = (_next(closing[")"], label_end + 2) if follower == "("
               else _next(closing["]"], label_end + 2) if follower == "[" and not image
               else -1)
        if end < 0:
            start = text.find(opener, start + 1)
            continue
        kept += [text[done:start], text[start + len(opener):label_end]]
        done = end + 1
        start = text.find(opener, done)
    return "".join([*kept, text[done:]])


def _next(positions: list[int], start: int) -> int:
    """The first of the sorted ``positions`` at or after ``start``; -1 when there is none."""
    index = bisect_left(positions, start)
    return positions[index] if index < len(positions) else -1


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


def legacy_colour(value: str) -> str:
    """The colour an HTML attribute (``bgcolor``, ``<font color>``, ``text``) names, as a browser
    reads it (HTML's rules for a legacy colour value: "ffffff" is white, "chucknorris" red), in
    CSS; the value itself when it is a colour name or "transparent"."""
    import tinycss2.color4

    value = value.strip()
    if not value or re.fullmatch(r"[a-z]+", value, re.IGNORECASE) and \
            tinycss2.color4.parse_color(value) is not None:
        return value
    if re.fullmatch(r"#[0-9a-f]{3}", value, re.IGNORECASE):
        return value
    value = "".join("00" if ord(char) > 0xFFFF else char for char in value)[:128]
    value = "".join(char if char in "0123456789abcdefABCDEF" else "0"
                    for char in value.removeprefix("#"))
    value += "0" * (-len(value) % 3 or (3 if not value else 0))
    size = len(value) // 3
    parts = [value[n * size:(n + 1) * size][-8:] for n in range(3)]
    while len(parts[0]) > 2 and all(part.startswith("0") for part in parts):
        parts = [part[1:] for part in parts]
    return "#" + "".join(f"{int(part[:2], 16):02x}" for part in parts)


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


UNDER_ITS_COLOUR = "text the colour of the background under it"
_TABLE_PARTS = ("tr", "td", "th", "tbody", "thead", "tfoot", "caption", "col", "colgroup")
# SVG and MathML draw text only where their own markup places it, sized and filled by their
# own attributes (clipped by a box of no size, in <defs>, a losing <switch> branch, a
# <mphantom>, filled white): none of it is read. An HTML element written in one ends it, as
# in a browser, unless inside a part that holds HTML
FOREIGN = ("svg", "math")
IN_FOREIGN = "text inside SVG or MathML"
_BREAKOUT = frozenset({
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
    "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
    "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike",
    "sub", "sup", "table", "tt", "u", "ul", "var"})
_HOLDS_HTML = ("foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext",
               "annotation-xml")
# elements an end tag for one outside them does not reach past (HTML's "scope")
_SCOPE_BARRIERS = ("applet", "caption", "html", "table", "td", "th", "marquee", "object",
                   "template", "svg", "math", "foreignobject", "desc", "title", "mi", "mo", "mn",
                   "ms", "mtext", "annotation-xml")
CLOSED_DETAILS = "a <details> no one opened"
# elements a browser closes when another opens, unless one of the barriers is open inside
# them: a paragraph by a block (a table only with a doctype), a list item by a list item, a
# term by a term, a cell by a cell, a row by a row (HTML's "in scope", in short)
_IN_PARAGRAPH = ("table", "td", "th", "caption", "object", "button", "marquee", "template")
_CLOSES_PARAGRAPH = ("p", "div", "ul", "ol", "dl", "dd", "dt", "li", "table", "h1", "h2", "h3",
                     "h4", "h5", "h6", "hr", "pre", "listing", "form", "fieldset", "figure",
                     "figcaption", "section", "article", "aside", "nav", "main", "header",
                     "footer", "address", "blockquote", "center", "details", "summary", "dialog",
                     "dir", "menu", "hgroup", "search", "xmp", "plaintext")
_CLOSED_BY: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    **{tag: (("p", _IN_PARAGRAPH),) for tag in _CLOSES_PARAGRAPH},
    "li": (("p", _IN_PARAGRAPH), ("li", ("ul", "ol", "details", "summary"))),
    "dd": (("p", _IN_PARAGRAPH), ("dd", ("dl", "details", "summary")),
           ("dt", ("dl", "details", "summary"))),
    "dt": (("p", _IN_PARAGRAPH), ("dd", ("dl", "details", "summary")),
           ("dt", ("dl", "details", "summary"))),
    "td": (("td", ("table",)), ("th", ("table",))), "th": (("td", ("table",)), ("th", ("table",))),
    "tr": (("td", ("table",)), ("th", ("table",)), ("tr", ("table",)))}
# the attributes that set colours, as CSS: <font color>, and elsewhere text and bgcolor
# the colour attributes a browser draws by, on the elements it reads them on (a "bgcolor" on
# a <div> or a "text" on a <td> paints nothing)
_BGCOLOR = ("bgcolor", "background-color")
_COLOUR_ATTRIBUTES = {"font": (("color", "color"),), "body": (("text", "color"), _BGCOLOR),
                      **dict.fromkeys(("table", "thead", "tbody", "tfoot", "tr", "td", "th",
                                       "marquee"), (_BGCOLOR,))}


def _close_from(opened: list, at: dict[str, list[int]], first: int, tag_of) -> None:
    """Close the open elements of ``opened`` from ``first`` on, and forget where each was
    (``at``: the places of each tag, by ``tag_of`` of an element)."""
    for closed in opened[first:]:
        at[tag_of(closed)].pop()
    del opened[first:]


# a browser's own colours for what it paints: a link, a marked word, a button
_DEFAULT_STYLE = {"a": "color: #0000ee", "mark": "color: black; background-color: yellow",
                  "button": "color: black; background-color: #efefef"}


def _style_of(tag: str, attrs: dict[str, str | None]) -> str:
    """The style an element is drawn in, as CSS: what a browser's own style and the markup's
    colour attributes set, under its inline style."""
    hints = [_DEFAULT_STYLE.get(tag, "") if tag != "a" or "href" in attrs else ""]
    for attribute, name in _COLOUR_ATTRIBUTES.get(tag, ()):
        if attrs.get(attribute):
            hints.append(f"{name}: {legacy_colour(attrs[attribute] or '')}")
    return "; ".join(filter(None, [*hints, attrs.get("style") or ""]))


class _VisibleText(HTMLParser):
    """Collects visible text; block elements end a line. Scripts, styles and quoted blocks
    vanish; text hidden by markup goes to ``hidden``."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
              "table", "hr", "section", "article", "header", "footer", "dl", "dt", "dd",
              "figure", "figcaption", "center", "pre", "address", "main", "nav", "aside",
              "details", "summary", "caption", "fieldset", "legend"}
    CELLS = {"td", "th"}  # apart as a browser's innerText sets them, by a tab: a row is a line
    # what a browser does not show, or a mail client (which runs no script) shows no
    # browser's frames of: their text is dropped
    SKIPPED = {"script", "style", "head", "title", "blockquote", "template", "iframe",
               "noembed", "noframes", "datalist", "rp", "object", "video", "audio", "canvas",
               "desc", "metadata", "annotation", "annotation-xml",  # these: SVG's, MathML's
               # a list of options shows one (the first, or the one chosen, by its label if
               # it has one); a bar or a gauge shows none of its fallback text
               "select", "progress", "meter"}
    # elements with no content, and tags a browser makes none of in a body ("<frame>")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr", "image", "param", "keygen", "basefont", "bgsound", "frame"}
    # raw text, its tags not read: a style sheet's, a script's, a frame's and a title's (not
    # shown), and <xmp>'s and <plaintext>'s (shown as written, the second to the end)
    CDATA_CONTENT_ELEMENTS = ("script", "style", "iframe", "noembed", "noframes", "title",
                              "xmp", "plaintext")
    # what a <head> holds; any other element, or text, ends it (its "</head>" may be left out)
    HEAD_CONTENT = {"base", "basefont", "bgsound", "link", "meta", "noframes", "noscript",
                    "script", "style", "template", "title", "head"}

    def __init__(self, rules: HidingRules, keep_lines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.keep_lines = keep_lines
        self.parts: list[str] = []
        self.hidden: list[str] = []
        self.hidden_by: set[str] = set()
        self.unseen: list[str] = []  # open tags of the skipped or hidden element, outermost first
        self.unseen_at: dict[str, list[int]] = {}  # where each tag is in ``unseen``
        self.unseen_is_hidden = False
        # the open elements shown, each with the colour of its text and the colour under it,
        # as inherited (None: the page's), why its own text cannot be read ('' when it can)
        # and why its size is too small to read, as inherited; where each tag is among them
        self.painted: list[tuple[str, object, object, str, str]] = []
        self.painted_at: dict[str, list[int]] = {}
        self.standards = False  # a doctype read
        self.summarised: set[int] = set()  # where among ``painted`` a details has its summary
        self.accordions_open: set[str] = set()  # names of the <details> groups one is open in
        self.page_hidden_by = ""  # why a <body> or an <html> hides all of the page, if one does
        self.details_open = False  # whether the last <details> opened shows what it holds
        self.read_any = False  # whether any text is shown yet (a <body> after it is late)

    def close(self) -> None:
        """Read what ``feed`` left. A tail that starts with "<" is a tag, a comment or a
        declaration the text ends in, and one after a ``<style>`` or ``<script>`` the raw text
        of one that never ends: a browser shows none of it, so it is kept apart, unread, as
        hidden text. In Markdown (``keep_lines``) a tag left unfinished is text, as a Markdown
        reader shows it, unless reading it would take more than a second (Python's parser
        before the fix for CVE-2025-6069 reads it again from every "<" in it)."""
        tail = self.rawdata
        raw = getattr(self, "cdata_elem", None)
        # in Markdown an unfinished tag is text ("price<cost"), unless slow to read as such;
        # a comment is none
        unfinished = tail.startswith("<") and raw is None and (
            not self.keep_lines or tail.startswith("<!--")
            or tail.count("<") * len(tail) > _TAIL_WORK)
        if raw == "plaintext":  # shown, to the end
            self.rawdata = ""
            self.handle_data(tail)
        elif unfinished or tail and raw is not None:
            self.rawdata = ""
            self.hidden.append(tail)
            self.hidden_by.add("after a tag that does not end" if raw is None else
                               f"in a <{raw}> that does not end")
        super().close()

    def parse_starttag(self, i: int) -> int:
        """A start tag read as a browser reads it (``tags``): where it ends (past a ">" in
        quotes), its name and its attributes. "<div/>" is "<div>" (only a void element ends
        where it starts, and it needs no end); a ``<style>`` or ``<script>`` written so holds
        raw text all the same."""
        rawdata = self.rawdata
        named = START_TAG_NAME.match(rawdata, i)  # called only at "<" and a letter
        end, attrs = read_tag(rawdata, named.end())
        if end < 0:
            return -1
        self._HTMLParser__starttag_text = rawdata[i:end]  # what get_starttag_text gives
        self.lasttag = tag = ascii_lower(named.group(1))
        self.handle_starttag(tag, attrs)
        if tag in self.CDATA_CONTENT_ELEMENTS:
            self.set_cdata_mode(tag)
        return end

    def parse_endtag(self, i: int) -> int:
        """An end tag read as a browser reads it (``tags``): "</" and a letter, its name to
        white space, "/" or ">", lowered in ASCII, the tag to a ">" outside quotes; "</>" is
        nothing and "</" before anything else a comment to the next ">". In a style sheet or
        a script, only an end tag of its own name ends it."""
        rawdata = self.rawdata
        named = END_TAG_NAME.match(rawdata, i)
        if named is None:
            return i + 3 if rawdata.startswith("</>", i) else self.parse_bogus_comment(i)
        end = tag_end(rawdata, named.end())
        if end < 0:
            return -1
        tag = ascii_lower(named.group(1))
        if self.cdata_elem is not None:
            if tag != self.cdata_elem:
                self.handle_data(rawdata[i:end])
                return end
            self.handle_endtag(tag)
            self.clear_cdata_mode()
            return end
        self.handle_endtag(tag)
        return end

    def parse_html_declaration(self, i: int) -> int:
        """"<![" opens a comment a browser ends at the first ">" (Python's parser runs a
        "<![CDATA[" or "<![if" section to "]]>" or "]>", past a tag a browser reads); in SVG or
        MathML a "<![CDATA[" section is text to "]]>", set apart with the rest of them."""
        rawdata = self.rawdata
        if rawdata.startswith("<![", i):
            if self._foreign_at() is not None and rawdata.startswith("<![CDATA[", i):
                end = rawdata.find("]]>", i + 9)
                if end < 0:
                    return -1
                self.handle_data(rawdata[i + 9:end])
                return end + 3
            return self.parse_bogus_comment(i)
        return super().parse_html_declaration(i)

    def parse_comment(self, i: int, report: bool = True) -> int:
        """A comment, read as a browser reads it: "<!-->" and "<!--->" are empty comments
        (Python's parser before 3.13 reads on to the next "-->", past markup a browser
        reads, a late <body hidden> among it); one ends at "-->" or "--!>", not "-- >"."""
        for empty in ("<!-->", "<!--->"):
            if self.rawdata.startswith(empty, i):
                return i + len(empty)
        end = _COMMENT_END.search(self.rawdata, i + 4)
        if end is None:
            return -1
        if report:
            self.handle_comment(self.rawdata[i + 4:end.start()])
        return end.end()

    def handle_decl(self, decl: str) -> None:
        # with a doctype that puts a browser in standards mode a table closes an open
        # paragraph and takes the size of its text from around it; in quirks mode it does not
        self.standards = self.standards or _STANDARDS_DOCTYPE.fullmatch(decl.strip()) is not None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("html", "body") and not self.page_hidden_by:
            self._hide_the_page(tag, dict(reversed(attrs)))
        if tag == "details":  # each, shown or not, so that an accordion keeps one open
            self.details_open = self._opened(dict(reversed(attrs)))
        if self.unseen == ["head"] and tag not in self.HEAD_CONTENT:
            self.unseen, self.unseen_at = [], {}  # a browser's head ends where its content does
        foreign = self._foreign_at()
        if foreign is not None and (tag in _BREAKOUT or tag == "font" and any(
                name in ("color", "face", "size") for name, _ in attrs)):
            _close_from(self.unseen, self.unseen_at, foreign, lambda t: t)  # as a browser does
            if not self.unseen:
                self.hidden.append(" ")
        if tag in self.VOID:
            if tag in self.BLOCKS and not self.unseen:
                self.parts.append("\n")
            return
        if self.unseen:
            self.unseen_at.setdefault(tag, []).append(len(self.unseen))
            self.unseen.append(tag)
            return
        attrs = dict(reversed(attrs))  # of an attribute written twice, a browser keeps the first
        why = "" if tag in self.SKIPPED else self._folded_away(tag) or self._hidden_by(tag, attrs)
        if tag in self.SKIPPED or why:
            self.unseen, self.unseen_at, self.unseen_is_hidden = [tag], {tag: [0]}, bool(why)
            self.hidden_by.update([why] if why else [])
            return
        self._separate(tag)
        self._paint(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or tag in ("body", "html"):
            return  # a browser reads what follows </body> into the body, as if inside it
        if self.unseen and tag == "details" and not self.unseen_at.get(tag) and (
                self.painted and self.painted[-1][3] == CLOSED_DETAILS) and not any(
                self.unseen_at.get(barrier) for barrier in _SCOPE_BARRIERS):
            self.unseen, self.unseen_at = [], {}  # what its folding hid, left open, ends with it
            self.hidden.append(" ")
        if self.unseen:
            if self.unseen_at.get(tag):  # an end tag closes every element left open inside it
                _close_from(self.unseen, self.unseen_at, self.unseen_at[tag][-1], lambda t: t)
            if not self.unseen:
                self.hidden.append(" ")
            return
        self._separate(tag)
        self._close_painted(tag)

    def _separate(self, tag: str) -> None:
        """End the line at a block's start or end, and set a cell's text apart from its
        neighbours' ("window</td><td>30 days" is not "window30")."""
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in self.CELLS:
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if self.unseen == ["head"] and not data.isspace():
            self.unseen, self.unseen_at = [], {}  # text after "<head>" is the body's
        if not self.unseen and not self.read_any:  # text shown (a BOM is none)
            self.read_any = not data.replace("\ufeff", " ").isspace()
        if self.page_hidden_by:
            self.hidden.append(data)
            return
        if self.unseen:
            if self.unseen_is_hidden:
                self.hidden.append(data)
        elif self.painted and self.painted[-1][3]:  # the colour of what is under it
            self.hidden.append(data)
            self.hidden_by.add(self.painted[-1][3])
        else:
            self.parts.append(data if self.keep_lines else re.sub(r"\s+", " ", data))

    def _paint(self, tag: str, attrs: dict[str, str | None]) -> None:
        """Open a shown element: the colours of its text and under it, and whether they are the
        same. Elements a browser closes by opening another (a paragraph by a block, a list item
        or a cell by another) are closed first."""
        for closed, barriers in _CLOSED_BY.get(tag, ()):
            if closed != "p" or tag != "table" or self.standards:
                self._close_painted(closed, barriers)
        _, colour, under, _, tiny = self.painted[-1] if self.painted else ("", None, None, "", "")
        style = _style_of(tag, attrs)
        colour, under = colours_of(style, colour, under) if style else (colour, under)
        if tag == "table" and not self.standards:
            tiny = ""  # a page in quirks mode sets a table's text in the browser's own size
        # a late <html> or <body> gives its attributes to the element a browser already made,
        # and a table's part with no table open is no element: neither sets a size
        ignored = tag in ("html", "body") or tag in _TABLE_PARTS and not self.painted_at.get(
            "table")
        tiny = tiny_text(style, tiny) if style and not ignored else tiny
        same = UNDER_ITS_COLOUR if same_as_under(colour, under) else tiny
        if tag == "details" and not self.details_open:
            same = CLOSED_DETAILS  # its own text, outside its summary, is folded away too
            self.summarised.discard(len(self.painted))
        self.painted_at.setdefault(tag, []).append(len(self.painted))
        self.painted.append((tag, colour, under, same, tiny))

    def _close_painted(self, tag: str, barriers: tuple[str, ...] = ()) -> None:
        """Close the last open shown element ``tag`` and every one opened inside it, unless one
        of ``barriers`` was opened inside it (a list or a table around a nested item or cell)."""
        if self.painted_at.get(tag):
            last = self.painted_at[tag][-1]
            if not any(self.painted_at.get(barrier) and self.painted_at[barrier][-1] > last
                       for barrier in barriers):
                _close_from(self.painted, self.painted_at, last, lambda element: element[0])

    def _hide_the_page(self, tag: str, attrs: dict[str, str | None]) -> None:
        """All of the page's text, read and to come, is hidden when a ``<body>`` or an
        ``<html>`` tag hides its element (or a ``<body>`` written after text sets its colour
        on the page's): a browser gives the attributes of one written late to the element it
        already made, so they hide the text before it too."""
        why = self._hidden_by(tag, attrs)
        # a colour alone hides the page only set late (after text shown, or inside another
        # element): set first, what paints under the text is read element by element
        nested = len(self.painted) > sum(len(self.painted_at.get(page_tag, ()))
                                         for page_tag in ("html", "head", "body"))
        if not why and tag == "body" and (self.read_any or nested):
            style = _style_of(tag, attrs)
            colour, under = colours_of(style) if style else (None, None)
            why = UNDER_ITS_COLOUR if same_as_under(colour, under) else ""
        if why:
            self.page_hidden_by = why
            self.hidden_by.add(why)
            self.hidden.extend(self.parts)
            self.parts.clear()

    def _opened(self, details: dict[str, str | None]) -> bool:
        """Whether a ``<details>`` shows what it holds: it is ``open``, and no earlier one of
        its ``name`` (its accordion) was, shown or not: a browser closes it. Asked once of
        each ``<details>``, in the order they open."""
        if "open" not in details:
            return False
        name = details.get("name") or ""
        if not name:
            return True
        opened = name not in self.accordions_open
        self.accordions_open.add(name)
        return opened

    def _folded_away(self, tag: str) -> str:
        """Why an element opened right inside a closed ``<details>`` is not shown: all but its
        first ``<summary>`` is folded away until the reader opens it; '' elsewhere."""
        if not self.painted or self.painted[-1][3] != CLOSED_DETAILS:
            return ""
        details = len(self.painted) - 1
        if tag == "summary" and details not in self.summarised:
            self.summarised.add(details)
            return ""
        return CLOSED_DETAILS

    def _foreign_at(self) -> int | None:
        """Where among ``unseen`` the SVG or MathML whose own markup is read now opened; None
        when HTML is read (outside them, or in a part of them that holds HTML)."""
        if not self.unseen or any(self.unseen_at.get(part) for part in _HOLDS_HTML):
            return None
        opened = [self.unseen_at[tag][0] for tag in FOREIGN if self.unseen_at.get(tag)]
        return min(opened, default=None)

    def set_cdata_mode(self, elem: str) -> None:
        """A ``<style>`` or ``<script>``'s raw text ends at "</" and its name (in ASCII
        letters of either case) before white space, "/" or ">", as in a browser ("</style
        >" ends it, "</ style>" and "</style\x0b>" do not). In SVG or MathML it is markup, not
        raw text (a comment in it hides what a browser hides)."""
        if self._foreign_at() is None:
            self.cdata_elem = elem
            self.interesting = re.compile(rf"</{re.escape(elem)}(?=[\t\n\f\r />])",
                                          re.IGNORECASE | re.ASCII) if elem != "plaintext" \
                else re.compile(r"(?!)")  # nothing ends it

    def _hidden_by(self, tag: str, attrs: dict[str, str | None]) -> str:
        if tag in FOREIGN:
            return IN_FOREIGN
        if "hidden" in attrs:
            return "the hidden attribute"
        if "popover" in attrs or tag == "dialog" and "open" not in attrs:
            return f"{'a popover' if 'popover' in attrs else 'a dialog'} no one opened"
        # its inline style and colour attributes (<font color="#fff">, the style of old mail;
        # a cell's bgcolor under its own text), a colour judged against the background the
        # element paints, else the page: what an outer box paints may not be under the text
        # (a box of no height, text moved or overflowing out of it). A <body>'s colours are
        # the page's (``_hide_the_page`` reads them)
        # a size is inherited, and set again by a descendant (``_paint``), but on the page
        drawn = hides(attrs.get("style") or "" if tag == "body" else _style_of(tag, attrs),
                      sizes=tag in ("html", "body"))
        if drawn:
            return drawn
        # compared without case: a page with no doctype does (a style rule hides more text
        # than a browser would, never less); also as a browser decodes them, where it differs
        written_classes, written_ids = class_and_id(self.get_starttag_text() or "")
        classes = frozenset(map(folded, _ASCII_SPACE.split(" ".join(
            [attrs.get("class") or "", *written_classes])))) - {""}
        ids = frozenset(map(folded, [attrs.get("id") or "", *written_ids])) - {""}
        return self.rules.hiding(folded(tag), classes, ids, frozenset(map(folded, attrs)))
