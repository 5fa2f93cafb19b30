"""The style sheets a browser applies to a page, read from the tree it builds (lexbor's, as
``page_text`` reads it): each ``<style>`` element, each ``<link rel="stylesheet">`` to a
``data:`` URL, and each ``data:`` style sheet those import (``@import``), with the media
they are for.

Read from the tree, a ``<style>`` written in an attribute, a comment, a ``<textarea>``, a
``<title>`` or a ``<template>`` is none, as in a browser, nor is one right in MathML or a
``<link>`` in SVG or MathML; the text of a ``<style>`` in SVG is what CSS reads (its
character references decoded, its comments left out). Of the sheets with a ``title``, only
those of the first title apply (the preferred set); a link "alternate" and titled, none. A
``data:`` sheet is decoded as CSS decodes the bytes it fetches: by a byte-order mark, the
URL's ``charset``, an ``@charset`` rule or the link's ``charset``, else UTF-8. An
``@import`` counts before the sheet's first block, as in a browser, with its media.

Where browsers differ, a sheet is taken to apply: one in ``<noscript>`` (a mail client runs
no script), of a ``type`` with parameters ("text/css; charset=utf-8", which Firefox
applies), of any MIME type in its URL. A style sheet at a web address is not fetched: the
grader reads offline.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from dataclasses import dataclass

import tinycss2
import webencodings
from tinycss2.bytes import decode_stylesheet_bytes

from worksample.prose.media_queries import blanked, for_the_reader
from worksample.prose.tags import ascii_lower

# an import of an import ... : a browser follows any number, no reply needs one
IMPORTS_DEEP_MOST = 8
_ASCII_SPACE = "\t\n\f\r "
_ASCII_SPACES = re.compile(r"[\t\n\f\r ]+")
# what a URL parser takes off a URL's ends, and out of it
_URL_TRIMMED = "".join(map(chr, range(0x21)))
_URL_DROPPED = str.maketrans("", "", "\t\n\r")
_BASE64 = re.compile(r";[\t\n\f\r ]*base64[\t\n\f\r ]*$", re.IGNORECASE)
# an at-rule that may be an @import: its name written out, or escaped from some letter on
# ("@\\69mport", "@imp\\6frt")
_MAY_IMPORT = re.compile(r"@(?:\\|i(?:\\|m(?:\\|p(?:\\|o(?:\\|r(?:\\|t))))))",
                         re.IGNORECASE)
# where HTML elements are made inside SVG and MathML (their integration points)
_HTML_INSIDE = frozenset({"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext",
                          "annotation-xml"})
# what an @import's prelude may hold before its media list
_NOT_MEDIA = frozenset({"layer", "supports"})


class TooDeeplyImported(ValueError):
    """Style sheets that import each other past ``IMPORTS_DEEP_MOST``."""


@dataclass(frozen=True)
class StyleSheet:
    """A style sheet's text, and the media list it is for ('' when it is for all media)."""

    css: str
    media: str = ""


def style_sheets(tree) -> list[StyleSheet]:
    """The style sheets of ``tree`` (a ``LexborHTMLParser``) a browser applies, in the order
    of the document, each followed by those it imports. Raises TooDeeplyImported past
    ``IMPORTS_DEEP_MOST`` imports one inside another."""
    found, preferred = [], None  # preferred: the title of the set of sheets that applies
    for element in tree.css("style, link"):  # never inside a <template>'s content
        attributes = element.attributes
        namespace = _namespace(element)
        if not _of_css(attributes.get("type")) or namespace == "math":
            continue
        if element.tag == "style":
            # an SVG style sheet's text is its own text nodes', comments left out
            css: str | None = element.text(deep=False)
            encoding = None
        elif namespace == "html" and _links_a_style_sheet(attributes):
            css, encoding = data_url_text(attributes.get("href") or "",
                                          webencodings.lookup(attributes.get("charset") or ""))
        else:
            continue
        title = attributes.get("title") or ""
        if title and preferred is None:
            preferred = title
        if css is None or title and title != preferred:
            continue
        found.append(StyleSheet(css, attributes.get("media") or ""))
        found += _imported(css, encoding, 1)
    return found


def data_url_text(url: str, environment=None) -> tuple[str | None, object]:
    """The text a ``data:`` URL holds and its encoding (a ``webencodings.Encoding``), decoded
    as a style sheet fetched with ``environment`` (the encoding of what refers to it, or
    None): percent-decoded, from base64 when it says so (spaces and missing padding forgiven),
    then from bytes by a byte-order mark, its ``charset``, an ``@charset`` rule or
    ``environment``, else UTF-8. (None, None) for any other URL, or base64 that cannot be
    decoded."""
    url = url.strip(_URL_TRIMMED).translate(_URL_DROPPED)
    scheme, _, rest = url.partition(":")
    header, comma, body = rest.partition(",")
    if scheme.lower() != "data" or not comma:
        return None, None
    data = urllib.parse.unquote_to_bytes(body)
    header = header.strip(_ASCII_SPACE)
    if _BASE64.search(header):
        header = header[:header.rindex(";")]
        letters = bytes(b for b in data if b not in b"\t\n\f\r =")
        try:
            data = base64.b64decode(letters + b"=" * (-len(letters) % 4))
        except binascii.Error:
            return None, None
    charset = next((value.strip(_ASCII_SPACE + '"') for name, _, value in (
        parameter.partition("=") for parameter in header.split(";")[1:])
        if name.strip(_ASCII_SPACE).lower() == "charset"), None)
    return decode_stylesheet_bytes(data, protocol_encoding=charset,
                                   environment_encoding=environment)


def _namespace(element) -> str:
    """Which markup ``element`` is in, as the parser made it: "svg", "math" or "html"."""
    node = element.parent
    while node is not None and node.tag:
        tag = ascii_lower(node.tag)
        if tag in ("svg", "math"):
            return tag
        if tag in _HTML_INSIDE:
            return "html"
        node = node.parent
    return "html"


def _of_css(kind: str | None) -> bool:
    """Whether a ``type`` attribute lets a sheet apply: none, or text/css with any
    parameters, in any case."""
    return not kind or kind.split(";")[0].strip(_ASCII_SPACE).lower() == "text/css"


def _links_a_style_sheet(attributes: dict) -> bool:
    """Whether a ``<link>``'s attributes make it a style sheet a browser applies:
    "stylesheet" among its ``rel``, not "alternate" with a title (a set the reader has not
    chosen), not ``disabled``."""
    relations = _ASCII_SPACES.split((attributes.get("rel") or "").lower())
    return "stylesheet" in relations and "disabled" not in attributes and not (
        "alternate" in relations and attributes.get("title"))


def _imported(css: str, encoding, depth: int) -> list[StyleSheet]:
    """Each ``data:`` style sheet ``css`` (of ``encoding``, None when it was never bytes)
    imports, followed by those it imports, as a browser reads them: in the at-rules before
    the sheet's first block, with their media (one for print imports nothing that applies)."""
    if _MAY_IMPORT.search(css) is None:
        return []
    first_block = blanked(css).find("{")
    # an escape before it may make a url() or a string of what is blanked: then all is read
    head = css if first_block < 0 or "\\" in css[:first_block] else css[:first_block]
    if head is not css and _MAY_IMPORT.search(head) is None:
        return []
    found = []
    for rule in tinycss2.parse_stylesheet(head, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "import":
            continue
        url, media = _url_and_media(rule.prelude)
        text, its_encoding = data_url_text(url or "", encoding)
        if text is None or media and not for_the_reader(media):
            continue
        if depth > IMPORTS_DEEP_MOST:
            raise TooDeeplyImported(f"style sheets import one another more than "
                                    f"{IMPORTS_DEEP_MOST} deep")
        found += [StyleSheet(text), *_imported(text, its_encoding, depth + 1)]
    return found


def _url_and_media(prelude) -> tuple[str | None, str]:
    """The URL an ``@import``'s prelude names (a string, ``url(...)`` or ``url("...")``) and
    its media list, a layer and a ``supports()`` condition left out (taken to hold)."""
    at = next((n for n, token in enumerate(prelude) if token.type != "whitespace"), None)
    if at is None:
        return None, ""
    first = prelude[at]
    if first.type in ("string", "url"):
        url = first.value
    elif first.type == "function" and first.lower_name == "url":
        url = next((part.value for part in first.arguments if part.type == "string"), None)
    else:
        return None, ""
    media = [token for token in prelude[at + 1:]
             if getattr(token, "lower_value", None) not in _NOT_MEDIA
             and getattr(token, "lower_name", None) not in _NOT_MEDIA]
    return url, tinycss2.serialize(media).strip(_ASCII_SPACE)
