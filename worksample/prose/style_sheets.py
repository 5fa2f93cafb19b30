"""The style sheets a browser applies to a page, read from the tree it builds (lexbor's, as
``page_text`` reads it): each ``<style>`` element, each ``<link rel="stylesheet">`` to a
``data:`` URL, and each ``data:`` style sheet those import (``@import``), with the media
they are for.

Read from the tree, a ``<style>`` written in an attribute, a comment, a ``<textarea>``, a
``<title>`` or a ``<template>`` is none, as in a browser, nor is one right in MathML or a
``<link>`` in SVG or MathML (where HTML elements are made inside them is worked out from the
root down); the text of a ``<style>`` in SVG is what CSS reads (its character references
decoded, its comments left out). Of the sheets with a ``title``, only the preferred set
applies (the one ``<meta http-equiv="default-style">`` names, else the first title); an
"alternate" link with a title, none. A ``data:`` sheet is decoded as a browser decodes it:
its fragment left out, base64 as the Fetch standard forgives it, then by a byte-order mark,
the URL's ``charset``, an ``@charset`` rule or the link's ``charset``, else UTF-8; with a
doctype it counts only of the type text/css. An ``@import`` counts among the sheet's first
rules (before any but ``@charset`` and ``@layer``), with its media.

Where browsers differ, a sheet is taken to apply: one in ``<noscript>`` (a mail client runs
no script), of a ``type`` with parameters ("text/css; charset=utf-8", which Firefox
applies), an "alternate" link with no title. A style sheet at a web address is not fetched:
the grader reads offline.
"""

from __future__ import annotations

import base64
import re
import urllib.parse
from dataclasses import dataclass

import tinycss2
import webencodings
from tinycss2.bytes import decode_stylesheet_bytes

from worksample.prose.media_queries import blanked, for_the_reader
from worksample.prose.tags import MATHML_TEXT, SVG_HOLDING_HTML, ascii_lower

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
_HTML_ENCODINGS = frozenset({"text/html", "application/xhtml+xml"})
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
# what an @import's prelude may hold before its media list
_NOT_MEDIA = frozenset({"layer", "supports"})


class TooDeeplyImported(ValueError):
    """Style sheets that import each other past ``IMPORTS_DEEP_MOST``."""


@dataclass(frozen=True)
class StyleSheet:
    """A style sheet's text, the media list it is for ('' when it is for all media), and
    whether every browser applies it, in its place (``sure``): a ``<style>`` of no media and
    no title, of the type text/css or none, outside ``<noscript>``. A linked or imported sheet
    (an import's rules come before its importer's), one for some media, a titled set or a
    sheet taken to apply where browsers differ is not."""

    css: str
    media: str = ""
    sure: bool = False


def style_sheets(tree, standards: bool) -> list[StyleSheet]:
    """The style sheets of ``tree`` (a ``LexborHTMLParser``) a browser applies, in the order
    of the document, each followed by those it imports; in ``standards`` mode (set by the
    doctype) a linked or imported sheet only of the type text/css. Raises TooDeeplyImported
    past ``IMPORTS_DEEP_MOST`` imports one inside another."""
    found = []
    preferred = _default_style(tree)  # the title of the set of sheets that applies
    for element in tree.css("style, link"):  # never inside a <template>'s content
        attributes = element.attributes
        namespace = _namespace(element)
        if not _of_css(attributes.get("type")) or namespace == "math":
            continue
        if element.tag == "style":
            # an SVG style sheet's text is its own text nodes', comments left out
            sheet: SheetText | None = SheetText(element.text(deep=False), None, True)
        elif namespace == "html" and _links_a_style_sheet(attributes):
            sheet = data_sheet(attributes.get("href") or "",
                               webencodings.lookup(attributes.get("charset") or ""))
        else:
            continue
        title = attributes.get("title") or ""
        if title and preferred is None:
            preferred = title
        if sheet is None or title and title != preferred or standards and not sheet.of_css:
            continue
        # (its type is text/css or none: ``_of_css``; with parameters, Firefox alone applies it)
        sure = element.tag == "style" and not attributes.get("media") and not title and \
            ";" not in (attributes.get("type") or "") and not _in_noscript(element)
        found.append(StyleSheet(sheet.text, attributes.get("media") or "", sure))
        found += _imported(sheet, standards, 1)
    return found


@dataclass(frozen=True)
class SheetText:
    """A style sheet's text as read (a ``<style>``'s, or what a ``data:`` URL holds), the
    encoding it was decoded from, and whether its MIME type is text/css."""

    text: str
    encoding: object  # a webencodings.Encoding; None for a sheet never in bytes
    of_css: bool


def data_sheet(url: str, environment=None) -> SheetText | None:
    """What a ``data:`` URL holds, decoded as a style sheet fetched with ``environment`` (the
    encoding of what refers to it, or None) is: its fragment left out, percent-decoded, from
    base64 when its header ends so (as the Fetch standard forgives it), then from bytes by a
    byte-order mark, its ``charset``, an ``@charset`` rule or ``environment``, else UTF-8.
    None for any other URL, or base64 that cannot be decoded."""
    url = url.strip(_URL_TRIMMED).translate(_URL_DROPPED).split("#", 1)[0]
    scheme, _, rest = url.partition(":")
    header, comma, body = rest.partition(",")
    if ascii_lower(scheme) != "data" or not comma:
        return None
    data: bytes | None = urllib.parse.unquote_to_bytes(body)
    header = header.strip(_ASCII_SPACE)
    if _BASE64.search(header):
        header = header[:header.rindex(";")]
        data = _forgiving_base64(data)
        if data is None:
            return None
    kind, *parameters = header.split(";")
    charset = next((value.strip(_ASCII_SPACE).strip('"') for name, _, value in (
        parameter.partition("=") for parameter in parameters)
        if ascii_lower(name.lstrip(_ASCII_SPACE)) == "charset"), None)
    text, encoding = decode_stylesheet_bytes(data, protocol_encoding=charset,
                                             environment_encoding=environment)
    return SheetText(text, encoding, ascii_lower(kind.strip(_ASCII_SPACE)) == "text/css")


def _forgiving_base64(data: bytes) -> bytes | None:
    """``data`` decoded from base64 as the Fetch standard decodes a ``data:`` URL: white space
    left out, one or two "=" only at the end, no other letter; None when it cannot be."""
    letters = bytes(b for b in data if b not in b"\t\n\f\r ")
    if len(letters) % 4 == 0 and letters.endswith(b"="):
        letters = letters[:-2] if letters.endswith(b"==") else letters[:-1]
    if len(letters) % 4 == 1 or _NOT_BASE64.search(letters):
        return None
    return base64.b64decode(letters + b"=" * (-len(letters) % 4))


def _default_style(tree) -> str | None:
    """The set of titled sheets a page prefers by ``<meta http-equiv="default-style">`` (the
    last one written); None when it names none."""
    named = None
    for meta in tree.css("meta[http-equiv]"):
        attributes = meta.attributes
        if ascii_lower(attributes.get("http-equiv") or "") == "default-style" and \
                attributes.get("content"):
            named = attributes.get("content")
    return named


def _namespace(element) -> str:
    """Which markup ``element`` is in, as the parser made it: "svg", "math" or "html"; an
    HTML element is made inside SVG's ``foreignObject``, ``desc`` and ``title`` and MathML's
    text elements (and an ``annotation-xml`` of HTML)."""
    ancestors = []
    node = element.parent
    while node is not None and node.tag:
        ancestors.append(node)
        node = node.parent
    namespace = "html"
    for node in reversed(ancestors):
        tag = ascii_lower(node.tag)
        if namespace == "html" and tag in ("svg", "math"):
            namespace = tag
        elif namespace == "svg" and tag in SVG_HOLDING_HTML or namespace == "math" and (
                tag in MATHML_TEXT or tag == "annotation-xml" and ascii_lower(
                    node.attributes.get("encoding") or "") in _HTML_ENCODINGS):
            namespace = "html"
        elif namespace == "math" and tag == "svg":
            namespace = "svg"
    return namespace


def _in_noscript(element) -> bool:
    """Whether ``element`` is inside a ``<noscript>`` (which a browser that runs scripts does
    not read, and a mail client does)."""
    parent = element.parent
    while parent is not None:
        if parent.tag == "noscript":
            return True
        parent = parent.parent
    return False


def _of_css(kind: str | None) -> bool:
    """Whether a ``type`` attribute lets a sheet apply: none, or text/css with any
    parameters, in any case."""
    return not kind or ascii_lower(kind.split(";")[0].strip(_ASCII_SPACE)) == "text/css"


def _links_a_style_sheet(attributes: dict) -> bool:
    """Whether a ``<link>``'s attributes make it a style sheet a browser applies:
    "stylesheet" among its ``rel``, not "alternate" with a title (a set the reader has not
    chosen), not ``disabled``."""
    relations = _ASCII_SPACES.split(ascii_lower(attributes.get("rel") or ""))
    return "stylesheet" in relations and "disabled" not in attributes and not (
        "alternate" in relations and attributes.get("title"))


def _imported(sheet: SheetText, standards: bool, depth: int) -> list[StyleSheet]:
    """Each ``data:`` style sheet ``sheet`` imports, followed by those it imports, as a
    browser reads them: its first rules, those before any but ``@charset`` and ``@layer``,
    with their media (one for print imports nothing that applies)."""
    css = sheet.text
    if _MAY_IMPORT.search(css) is None:
        return []
    first_block = blanked(css).find("{")
    # an escape before it may make a url() or a string of what is blanked: then all is read
    head = css if first_block < 0 or "\\" in css[:first_block] else css[:first_block]
    if head is not css and _MAY_IMPORT.search(head) is None:
        return []
    found = []
    for rule in tinycss2.parse_stylesheet(head, skip_comments=True, skip_whitespace=True):
        keyword = rule.lower_at_keyword if rule.type == "at-rule" else None
        if keyword in ("charset", "layer") and rule.content is None:
            continue
        if keyword != "import":
            break  # an import after any other rule is not read
        url, media = _url_and_media(rule.prelude)
        imported = data_sheet(url or "", sheet.encoding)
        if imported is None or media and not for_the_reader(media) or (
                standards and not imported.of_css):
            continue
        if depth > IMPORTS_DEEP_MOST:
            raise TooDeeplyImported(f"style sheets import one another more than "
                                    f"{IMPORTS_DEEP_MOST} deep")
        found += [StyleSheet(imported.text), *_imported(imported, standards, depth + 1)]
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
