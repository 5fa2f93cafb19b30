"""Whether a style sheet's rules apply to the reader the grader models: a mail client on a
screen, in light mode (a white page), at any width.

Rules are left out only where the grader reads a style sheet's blocks as a browser does
(``plain_structure``): the sheet with its comments, strings, unquoted ``url()``s and
``<!--``/``-->`` blanked out, so that a brace in any of them opens or closes nothing; no escape
left outside them (an escaped name can be a ``url(``; an escaped ":" or "/", as Tailwind
writes its class names, spells none); and no ``<`` left, so that the text is one style sheet
and not a tag in a comment or a title that swallowed the next one. The ``<style>`` tag's
attributes are read as a browser reads them (``tags``): its ``media`` wherever it is written,
by reference too, beside any other attribute ("embed", "data-embed"), as long as no ">" in a
quoted value makes the tag end elsewhere and its ``type`` is none or "text/css". In any other
style sheet every rule counts, as before: a second red team found 16 evasions of a first form
that split at every brace and searched the tag for ``media`` (a print block left open by a
``{`` in a comment, ``<style title="x media=print">``).

A rule inside ``@media`` (or in a ``<style media="...">``) applies unless every query of its
list is plainly for print or speech, or for the dark colour scheme: "print", "only print and
(orientation: landscape)", "(prefers-color-scheme: dark)", "screen and (prefers-color-scheme:
dark) and (max-width: 600px)". Anything else applies, read the safe way: a width or a device
(a reader on a phone sees it), an unknown media type, ``not``, ``or``, a nested bracket, an
escape or a comment. So a rule hides text for more readers than a browser would, never for
fewer; what it leaves out are the templates' dark-mode and print rules, which turned the
white text of a dark mode, or text left off a printout, into hidden text on the white page.
"""

from __future__ import annotations

import re

from worksample.prose.tags import ascii_lower, read_tag

# what a browser's CSS tokenizer reads as one token in which a brace is no block: a comment
# (an unended one runs to the end), a string (it ends at its quote or a line's end: a line
# feed, a carriage return or a form feed; an escape at the very end ends it too, so that no
# string is looked for twice), an unquoted url() that starts a token (after a name's letter, a
# "#", "@" or "-" it is part of a name; after a "<!--" it starts one) and holds no escape, and
# the <!-- and --> a style sheet may be wrapped in. An escape outside them is left, and makes
# the sheet not plain: "u\72l(" is a url() too
_NO_BLOCKS = re.compile(r"""/\*[\s\S]*?(?:\*/|\Z)"""
                        r"""|"(?:[^"\\\n\r\f]|\\(?:\r\n|[\s\S]|\Z))*(?:"|(?=[\n\r\f])|\Z)"""
                        r"""|'(?:[^'\\\n\r\f]|\\(?:\r\n|[\s\S]|\Z))*(?:'|(?=[\n\r\f])|\Z)"""
                        r"""|(?:(?<=<!--)|(?<![\w#@\-\u0080-\U0010ffff]))"""
                        r"""url\((?![\t\n\f\r ]*["'])[^)\\]*\)?"""
                        r"""|<!--|-->""", re.IGNORECASE)
_NO_BLOCKS_OR_ESCAPES = re.compile(_NO_BLOCKS.pattern + r"|\\[\s\S]", re.IGNORECASE)
_STYLE_NAME = re.compile(r"<style[\t\n\f\r />]", re.IGNORECASE | re.ASCII)
# an escape of a character that spells no name, string, bracket or end of a declaration
_HARMLESS_ESCAPE = re.compile(r"\\[:/.\[\]%#!,+~>=*&?|^$@`]")
# a style sheet inside <svg> or <math> is foreign content: its entities are decoded and its
# comments taken out before CSS reads it
_FOREIGN = re.compile(r"<(?:svg|math)", re.IGNORECASE)

_SPACES = "[\t\n\f\r ]*"  # CSS's white space, not Python's "\s"
_AND = _SPACES + "and" + _SPACES
_CONDITION = _AND + r"\([^()]*\)"  # "and (max-width: 600px)": no "or", "not" or nesting
_ONLY = "(?:only[\t\n\f\r ]+)?"
_NOT_FOR_THE_READER = re.compile(
    _ONLY + r"(?:print|speech)(?:" + _CONDITION + r")*"
    r"|(?:" + _ONLY + r"(?:screen|all)" + _AND + r")?"
    r"\(" + _SPACES + "prefers-color-scheme" + _SPACES + ":" + _SPACES + "dark" + _SPACES
    + r"\)(?:" + _CONDITION + r")*", re.IGNORECASE | re.ASCII)


def for_the_reader(query_list: str) -> bool:
    """Whether a media query list (what follows ``@media``, or a ``media`` attribute) can
    match the reader the grader models."""
    if "\\" in query_list or "/*" in query_list:
        return True
    return not all(_NOT_FOR_THE_READER.fullmatch(query.strip("\t\n\f\r "))
                   for query in query_list.split(","))


def at_rule_for_the_reader(prelude: str) -> bool:
    """Whether rules inside the at-rule ``prelude`` ("@media print", "@supports (display:
    grid)") apply to the reader: any at-rule but an ``@media`` that cannot match does. A
    prelude is what follows the last ";" before its brace: "@charset ...; @media print"
    opens a print block."""
    at_rule = prelude.rsplit(";", 1)[-1].strip("\t\n\f\r ")
    return not at_rule.lower().startswith("@media") or for_the_reader(at_rule[len("@media"):])


def foreign_from(html: str) -> int:
    """Where the first ``<svg>`` or ``<math>`` of ``html`` opens (past its end when none
    does): a style sheet after it may be foreign content (``plain_structure``)."""
    foreign = _FOREIGN.search(html)
    return len(html) + 1 if foreign is None else foreign.start()


def plain_structure(tag: str, css: str, odd: bool) -> str | None:
    """``css`` with what holds no block blanked out to spaces (``_NO_BLOCKS``), as long as
    ``css``, so that its braces and the at-rules before them are read where a browser reads
    them; None when something in it, in ``tag`` (``_style_attributes``) or around it (``odd``:
    an ``<svg>`` or a ``<math>`` before it, an end tag HTML does not read as one,
    ``</style\\x0b>``, on it or before it) could make the grader read it otherwise."""
    # a "<" in the text as written, but the <!-- and --> it may be wrapped in, is markup a
    # comment or a string of the sheet would hide: a tag in an attribute or a comment that
    # was taken for a <style>, or an end a browser reads (</style/>) that was not
    if odd or _style_attributes(tag) is None or "\x00" in css or "<" in css.replace(
            "<!--", ""):
        return None
    # Tailwind's "dark\:text-white": an escape that spells no name, blanked before the rest,
    # so that a url() holding one is still read to its ")" as CSS reads it
    structure = blanked(_HARMLESS_ESCAPE.sub("  ", css) if "\\" in css else css)
    return None if "\\" in structure else structure


def blanked(css: str, escapes: bool = False) -> str:
    """``css`` with what holds no block (``_NO_BLOCKS``: comments, strings, unquoted
    ``url()``, ``<!--`` and ``-->``; with ``escapes``, an escaped character too: ``\\{``)
    blanked out to spaces of the same length."""
    pattern = _NO_BLOCKS_OR_ESCAPES if escapes else _NO_BLOCKS
    return pattern.sub(lambda token: " " * len(token.group(0)), css)


def style_for_the_reader(tag: str) -> bool:
    """Whether a plain ``<style>`` tag (``plain_structure``) applies to the reader: it has no
    ``media``, or one that can match (``for_the_reader``)."""
    media = (_style_attributes(tag) or {}).get("media")
    return not media or for_the_reader(media)


def _style_attributes(tag: str) -> dict[str, str | None] | None:
    """The attributes of a ``<style>`` tag, as a browser reads them (``tags``: "embed",
    "data-embed", a ``media`` written by reference), when it is a style sheet a browser
    applies to a screen, read whole: the tag named "style", its end where the naive reading
    put it (no ">" in a quoted value), and a ``type`` of none or "text/css". None otherwise:
    then every rule counts."""
    if _STYLE_NAME.match(tag) is None:
        return None
    end, written = read_tag(tag, len("<style"))
    if end != len(tag):
        return None
    read = dict(written)
    kind = read.get("type")
    return read if not kind or ascii_lower(kind) == "text/css" else None
