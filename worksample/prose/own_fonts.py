"""Whether a style sheet makes a font of its own, whose letters may be any size or draw
nothing: an ``@font-face`` whose ``src`` is a file in the page (``data:``), one attached to
the message (``cid:``) or a font on the reader's machine (``local()``), or that sets the
font's measures again (``ascent-override``, ``size-adjust``...). A box that clips text in
such a font cannot be measured (``page_text``).

The sheet is read by tinycss2, as a browser tokenises it, so neither a comment (``/*}*/``),
a string (``font-family: "a}"``) nor an escape (``@font-f\\61 ce``, ``l\\6f cal()``) hides
one, and an ``@font-face`` is found inside any block of at-rules (``@media``,
``@supports``, ``@layer``). A font at a web address is not fetched: the grader reads
offline, and a reader's mail client blocks it until they ask.
"""

from __future__ import annotations

import tinycss2

_DEPTH_MOST = 32  # blocks of at-rules inside one another, read; past them, taken to make one
_MEASURES = ("-override", "size-adjust")
_IN_PAGE = ("data:", "cid:")  # a file in the page, one attached to the message


def makes_a_font(css: str) -> bool:
    """Whether the style sheet ``css`` makes a font of its own (above)."""
    if "@" not in css:
        return False
    return _in_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                     0)


def _in_rules(rules: list, depth: int) -> bool:
    for rule in rules:
        if rule.type != "at-rule" or rule.content is None:
            continue
        if rule.lower_at_keyword == "font-face":
            if _its_own(rule.content):
                return True
        elif depth >= _DEPTH_MOST or _in_rules(tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True), depth + 1):
            return True
    return False


def _its_own(content: list) -> bool:
    """Whether the declarations of an ``@font-face`` make a font of the page's own."""
    for declaration in tinycss2.parse_blocks_contents(content, skip_comments=True,
                                                       skip_whitespace=True):
        if declaration.type != "declaration":
            continue
        if declaration.lower_name.endswith(_MEASURES) or (
                declaration.lower_name == "src" and _in_page_or_machine(declaration.value)):
            return True
    return False


def _in_page_or_machine(tokens: list) -> bool:
    """Whether a ``src`` names a font on the machine or a file in the page."""
    for token in tokens:
        if token.type == "url" and _in_page(token.value):
            return True
        if token.type == "function":
            if token.lower_name == "local" or token.lower_name in ("url", "src") and any(
                    part.type == "string" and _in_page(part.value) for part in token.arguments):
                return True
    return False


def _in_page(url: str) -> bool:
    """Whether a font's URL is a file in the page or one attached to the message."""
    return url.strip().lower().startswith(_IN_PAGE)
