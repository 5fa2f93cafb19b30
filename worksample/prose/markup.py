"""What a reader would see of an HTML, Markdown or email text (a reply, an analysis), and what
they would not.

Only visible text is graded. Text a reader would never see (hidden by markup, or present only
in the plain-text part of a message whose HTML part is what mail clients show) is kept apart,
so that a reply cannot earn points with words the customer never reads, and the reviewer is
told about it.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from worksample.prose.text import WORD

HIDDEN_MIN_WORDS = 8  # fewer hidden words are noise (a stray label), not an attempt to score
_PLAIN_ONLY_SHARE = 0.2  # a plain part may differ a little from its HTML part (link targets)
_LINK_DEFINITION = re.compile(  # [label]: target "title": the title is the only text in it
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:\"([^\"\n]*)\"|'([^'\n]*)'|\(([^)\n]*)\)))?[ \t]*$",
    re.MULTILINE)
_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMPOUND = re.compile(r"^([a-z0-9*]*)((?:[.#][\w-]+)*)$", re.IGNORECASE)
_HIDING = (
    re.compile(r"display\s*:\s*none|visibility\s*:\s*(hidden|collapse)|mso-hide\s*:\s*all"),
    re.compile(r"opacity\s*:\s*0*\.?0+\s*(;|!|$)"),
    re.compile(r"font-size\s*:\s*(0*\.?0+[a-z%]*|[0-2](\.\d+)?(px|pt))\s*(;|!|$)"),
    re.compile(r"(^|;|\s)(left|top|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}"),
    re.compile(r"(^|;|\s)color\s*:\s*transparent"),
)
_WHITE_TEXT = re.compile(r"(^|;|\s)color\s*:\s*(#fff\b|#ffffff\b|white\b|rgb\(\s*255\s*,\s*255\s*,"
                         r"\s*255\s*\))")
_ZERO_HEIGHT = re.compile(r"(^|;|\s)(max-)?height\s*:\s*0+[a-z%]*\s*(;|!|$)")


class UnreadableMessage(ValueError):
    """An email message whose text cannot be decoded (an unknown character set)."""


@dataclass(frozen=True)
class Visible:
    """A reply's visible text, and the words in it that a reader would not see."""

    text: str
    hidden: str = ""
    hidden_by: str = ""


def from_html(html: str, keep_lines: bool = False) -> Visible:
    """The visible text of HTML, one block per line. Quoted blocks, scripts and styles are
    dropped; text hidden by markup (the ``hidden`` attribute, ``display: none``, zero size,
    white or transparent text, off-screen) is returned apart. ``keep_lines`` keeps the line
    breaks of the source (HTML inside Markdown)."""
    parser = _VisibleText(_hidden_selectors(html), keep_lines)
    parser.feed(html)
    parser.close()
    hidden = " ".join(" ".join(parser.hidden).split())
    return Visible("".join(parser.parts), hidden, ", ".join(sorted(parser.hidden_by)))


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
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", visible.text)
    text = re.sub(r"\[([^\]]*)\](\([^)]*\)|\[[^\]]*\])", r"\1", text)
    if not keep_headings:
        text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|~~|`+)", "", text)
    text = re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)
    return replace(visible, text=text)


def looks_like_html(text: str) -> bool:
    """Whether text that is not named .html starts like an HTML document."""
    return bool(re.match(r"\s*<(!doctype|html|body|p|div)\b", text, re.IGNORECASE))


def from_eml(raw: bytes) -> Visible:
    """The body of an email message as mail clients show it: the HTML part when there is one,
    else the text part. Words found only in the text part of a message with both are hidden
    text: most customers would never see them."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    html_part = message.get_body(preferencelist=("html",))
    plain_part = message.get_body(preferencelist=("plain",))
    if html_part is None:
        return Visible(_content(plain_part) if plain_part is not None else "")
    shown = from_html(_content(html_part))
    if plain_part is None:
        return shown
    plain_words = WORD.findall(_content(plain_part).lower())
    seen = set(WORD.findall(shown.text.lower()))
    only_plain = [word for word in plain_words if word not in seen]
    if len(set(only_plain)) < HIDDEN_MIN_WORDS or \
            len(only_plain) < _PLAIN_ONLY_SHARE * len(plain_words):
        return shown
    return _with_hidden(shown, " ".join(only_plain), "only in the text/plain part")


def _with_hidden(visible: Visible, words: str, hidden_by: str) -> Visible:
    """``visible`` with more hidden ``words``, hidden by ``hidden_by``."""
    return replace(visible, hidden=" ".join(filter(None, [visible.hidden, words])),
                   hidden_by=", ".join(filter(None, [visible.hidden_by, hidden_by])))


def _content(part: email.message.EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError) as error:
        raise UnreadableMessage(f"the message's text cannot be decoded ({error})") from error


def hides(style: str) -> str:
    """The CSS declaration in ``style`` that hides its text from a reader; '' when none does."""
    declarations = style.lower()
    for pattern in _HIDING:
        found = pattern.search(declarations)
        if found:
            return found.group(0).strip(" ;!")
    if _WHITE_TEXT.search(declarations) and "background" not in declarations:
        return "white text"
    if _ZERO_HEIGHT.search(declarations) and "overflow" in declarations:
        return "zero height"
    return ""


def _hidden_selectors(html: str) -> list[tuple[str, set[str], str, str]]:
    """(tag, classes, id, why) for each selector a ``<style>`` rule hides. Only the last part
    of a selector is kept ("div > .x" hides every ".x"), so a rule can hide more than a
    browser would, never less; state selectors (":hover") are left out."""
    selectors = []
    for css in _STYLE_BLOCK.findall(html):
        for group, declarations in _CSS_RULE.findall(css):
            why = hides(declarations)
            if not why:
                continue
            for selector in group.split(","):
                last = re.split(r"[\s>+~]+", selector.strip())[-1]
                compound = _COMPOUND.match(last)
                if compound is None or ":" in last:
                    continue
                tag, rest = compound.group(1).lower(), compound.group(2)
                classes = set(re.findall(r"\.([\w-]+)", rest))
                ids = re.findall(r"#([\w-]+)", rest)
                selectors.append((tag if tag != "*" else "", classes, ids[0] if ids else "", why))
    return selectors


class _VisibleText(HTMLParser):
    """Collects visible text; block elements end a line. Scripts, styles and quoted blocks
    vanish; text hidden by markup goes to ``hidden``."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
              "table", "hr", "section", "article", "header", "footer"}
    SKIPPED = {"script", "style", "head", "title", "blockquote", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self, hidden_selectors, keep_lines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.selectors = hidden_selectors
        self.keep_lines = keep_lines
        self.parts: list[str] = []
        self.hidden: list[str] = []
        self.hidden_by: set[str] = set()
        self.unseen: list[str] = []  # open tags of the skipped or hidden element, outermost first
        self.unseen_is_hidden = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.VOID:
            if tag in self.BLOCKS and not self.unseen:
                self.parts.append("\n")
            return
        if self.unseen:
            self.unseen.append(tag)
            return
        why = "" if tag in self.SKIPPED else self._hidden_by(tag, dict(attrs))
        if tag in self.SKIPPED or why:
            self.unseen, self.unseen_is_hidden = [tag], bool(why)
            self.hidden_by.update([why] if why else [])
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.unseen:
            if tag in self.unseen:  # an end tag closes every element left open inside it
                del self.unseen[len(self.unseen) - 1 - self.unseen[::-1].index(tag):]
            if not self.unseen:
                self.hidden.append(" ")
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.unseen:
            if self.unseen_is_hidden:
                self.hidden.append(data)
        else:
            self.parts.append(data if self.keep_lines else re.sub(r"\s+", " ", data))

    def _hidden_by(self, tag: str, attrs: dict[str, str | None]) -> str:
        if "hidden" in attrs:
            return "the hidden attribute"
        inline = hides(attrs.get("style") or "")
        if inline:
            return inline
        classes = set((attrs.get("class") or "").split())
        element_id = attrs.get("id") or ""
        for selector_tag, selector_classes, selector_id, why in self.selectors:
            if (selector_tag in ("", tag) and selector_classes <= classes
                    and (not selector_id or selector_id == element_id)
                    and (selector_tag or selector_classes or selector_id)):
                return why
        return ""
