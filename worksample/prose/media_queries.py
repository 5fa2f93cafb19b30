"""Whether a style sheet's rules apply to the reader the grader models: a mail client on a
screen, in light mode (a white page), at any width.

Rules are left out only where the grader reads a style sheet's blocks as a browser does
(``plain_structure``): the sheet with its comments, strings, unquoted ``url()``s and
``<!--``/``-->`` blanked out, so that a brace in any of them opens or closes nothing, and no
escape left outside them (an escaped name can be a ``url(``; an escaped ":" or "/", as
Tailwind writes its class names, spells none). In any other style sheet every rule counts: a
second red team found 16 evasions of a first form that split at every brace (a print block
left open by a ``{`` in a comment). Which sheets a page has, and their ``media`` attributes,
are read from the tree a browser builds (``style_sheets``).

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
# an escape of a character that spells no name, string, bracket or end of a declaration
_HARMLESS_ESCAPE = re.compile(r"\\[:/.\[\]%#!,+~>=*&?|^$@`]")

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
    queries = [query.strip("\t\n\f\r ") for query in query_list.split(",")]
    # an empty query in a list matches nothing ("print," is for print); an empty list, all
    return not any(queries) or not all(not query or _NOT_FOR_THE_READER.fullmatch(query)
                                       for query in queries)


def at_rule_for_the_reader(prelude: str) -> bool:
    """Whether rules inside the at-rule ``prelude`` ("@media print", "@supports (display:
    grid)") apply to the reader: any at-rule but an ``@media`` that cannot match does. A
    prelude is what follows the last ";" before its brace: "@charset ...; @media print"
    opens a print block."""
    at_rule = prelude.rsplit(";", 1)[-1].strip("\t\n\f\r ")
    return not at_rule.lower().startswith("@media") or for_the_reader(at_rule[len("@media"):])


def plain_structure(css: str) -> str | None:
    """``css`` with what holds no block blanked out to spaces (``_NO_BLOCKS``), as long as
    ``css``, so that its braces and the at-rules before them are read where a browser reads
    them; None when an escape or a NUL in it could make the grader read it otherwise."""
    if "\x00" in css:
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
