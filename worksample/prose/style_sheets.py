"""The style sheets a browser applies to a page, read from the tree it builds (lexbor's, as
``page_text`` reads it): each ``<style>`` element, each ``<link rel="stylesheet">`` to a
``data:`` URL, and each ``data:`` style sheet those import (``@import``), with the media
they are for.

Read from the tree, a ``<style>`` written in an attribute, a comment, a ``<textarea>``, a
``<title>`` or a ``<template>`` is none, as in a browser, and the text of one in SVG is what
CSS reads (its character references decoded, its comments left out). Where browsers differ,
a sheet is taken to apply: one in ``<noscript>`` (a mail client runs no script), of a
``type`` with parameters ("text/css; charset=utf-8", which Firefox applies), under an
``@import`` after a rule, or of any MIME type in its URL. A style sheet anywhere else (a web
address) is not fetched: the grader reads offline.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from dataclasses import dataclass

import tinycss2

# an import of an import ... : a browser follows any number, no reply needs one
IMPORTS_DEEP_MOST = 8
_ASCII_SPACE = "\t\n\f\r "
# what a URL parser takes off a URL's ends, and out of it
_URL_TRIMMED = "".join(map(chr, range(0x21)))
_URL_DROPPED = str.maketrans("", "", "\t\n\r")
# an at-rule that may be an @import: its name written out, or escaped from some letter on
# ("@\\69mport", "@imp\\6frt")
_MAY_IMPORT = re.compile(r"@(?:\\|i(?:\\|m(?:\\|p(?:\\|o(?:\\|r(?:\\|t))))))",
                         re.IGNORECASE)


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
    found = []
    for element in tree.css("style, link"):  # never inside a <template>'s content
        attributes = element.attributes
        if not _of_css(attributes.get("type")):
            continue
        if element.tag == "style":
            # an SVG style sheet's text is its own text nodes', comments left out
            css = element.text(deep=False)
        elif _links_a_style_sheet(attributes):
            css = data_url_text(attributes.get("href") or "")
            if css is None:
                continue
        else:
            continue
        found.append(StyleSheet(css, attributes.get("media") or ""))
        found += [StyleSheet(text) for text in _imported(css, 1)]
    return found


def data_url_text(url: str) -> str | None:
    """The text a ``data:`` URL holds, percent-decoded and, when it says ``;base64``, decoded
    from base64 as a browser forgives it (spaces and missing padding); None for any other
    URL, or base64 that cannot be decoded."""
    url = url.strip(_URL_TRIMMED).translate(_URL_DROPPED)
    scheme, _, rest = url.partition(":")
    header, comma, body = rest.partition(",")
    if scheme.lower() != "data" or not comma:
        return None
    data = urllib.parse.unquote_to_bytes(body)
    if header.rstrip(_ASCII_SPACE).lower().endswith(";base64"):
        letters = bytes(b for b in data if b not in b"\t\n\f\r =")
        try:
            data = base64.b64decode(letters + b"=" * (-len(letters) % 4))
        except binascii.Error:
            return None
    return data.decode("utf-8", "replace")


def _of_css(kind: str | None) -> bool:
    """Whether a ``type`` attribute lets a sheet apply: none, or text/css with any
    parameters, in any case."""
    return not kind or kind.split(";")[0].strip(_ASCII_SPACE).lower() == "text/css"


def _links_a_style_sheet(attributes: dict) -> bool:
    """Whether a ``<link>``'s attributes make it a style sheet a browser applies: "stylesheet"
    among its ``rel`` (an alternate one too, which a reader may choose), not ``disabled``."""
    relations = (attributes.get("rel") or "").lower().split()
    return "stylesheet" in relations and "disabled" not in attributes


def _imported(css: str, depth: int) -> list[str]:
    """The text of each ``data:`` style sheet ``css`` imports, and of those they import, in
    order; its media left out (a sheet for print is taken to apply)."""
    if _MAY_IMPORT.search(css) is None:
        return []
    texts = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "import":
            continue
        text = data_url_text(_url_of(rule.prelude) or "")
        if text is None:
            continue
        if depth > IMPORTS_DEEP_MOST:
            raise TooDeeplyImported(f"style sheets import one another more than "
                                    f"{IMPORTS_DEEP_MOST} deep")
        texts += [text, *_imported(text, depth + 1)]
    return texts


def _url_of(prelude) -> str | None:
    """The URL an ``@import``'s prelude names first: a string, ``url(...)`` or
    ``url("...")``."""
    for token in prelude:
        if token.type in ("string", "url"):
            return token.value
        if token.type == "function" and token.lower_name == "url":
            return next((part.value for part in token.arguments if part.type == "string"),
                        None)
        if token.type != "whitespace":
            return None
    return None
