"""What a browser shows of an HTML document, read from the tree a browser would build: the
text a reader sees, one block per line, and apart from it the text a reader would not see.

The tree is built by lexbor (through selectolax), a parser that follows HTML's standard as
browsers do: the elements a browser closes, moves or leaves out, end tags it ignores, a
``<body>`` written late, raw text, comments, SVG and MathML ended by an HTML element. Nothing
of that is modelled here; what is, is what the browser then draws:

- not drawn at all: scripts, styles, the head, templates, frames, quoted blocks, lists of
  options (``SKIPPED``);
- drawn, but not where a reader sees it, and so kept apart as hidden text: an element hidden by
  an attribute, its inline style or a style sheet's rule (``style_rules``), text the colour of
  what is under it (``css_hiding``), too small to read, folded away in a closed ``<details>``,
  or inside SVG or MathML.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from worksample.prose.animations import animated_away
from worksample.prose.clipped_text import (
    DESKTOP_PX,
    HEIGHTS_INSIDE,
    MAY_CUT_OFF,
    NARROWEST_PX,
    NORMAL_LINE,
    Inside,
    PseudoBox,
    boxed,
    clips,
    cut_off,
    height_of,
    held,
    keeps_newlines,
    line_height,
    line_px,
    not_measured,
    read_text,
    resolved,
    room_of,
    screen_sized,
    scrolls_across,
    sets_width,
    sized,
    unwrapped_tag,
    unwraps,
    wraps,
)
from worksample.prose.covering_boxes import REPLACED, Covers
from worksample.prose.css_hiding import (
    CURRENT,
    FAINT,
    TINY_PX,
    colours_of,
    declared,
    declared_with_importance,
    drawn_under,
    fill_of,
    filtered_away,
    filters_of,
    font_px_of,
    font_size_px,
    images_under,
    may_size_text,
    opacity_of,
    painted_by,
    paints_an_image,
    perspective_of,
    same_as_under,
    scales,
    scales_of,
    stroke_of,
    text_colour_hiding,
    tiny_text,
)
from worksample.prose.css_maths import worked_out
from worksample.prose.largest_text import (
    PAGE,
    UNBOUNDED,
    Largest,
    largest_line,
    largest_size,
    size_adjust,
)
from worksample.prose.selectors import folded
from worksample.prose.sheet_colours import ColourRules, TooCostly
from worksample.prose.style_rules import HidingRules, hides
from worksample.prose.tags import BLOCKS, ascii_lower
from worksample.prose.text_boxes import moves_text

UNDER_ITS_COLOUR = "text the colour of the background under it"
ON_ITS_IMAGE = "text the colour of a gradient or an image under it"
# where a style rule whose condition or match is not worked out would make it so, an image or
# a gradient an ancestor paints, or a box that may not be under the text
MAY_BE_UNDER_ITS_COLOUR = "text that may be drawn on a background of its colour"
DOUBTS_MOST = 16  # ways an element's colours may be, kept as inherited
CUT_OFF = "text a box cuts off"
CLIPPING_MOST = 32  # boxes that clip their text open one inside another, measured at once
# elements of a set height inside boxes that clip whose text is looked for, at most
TEXTS_MEASURED_MOST = 500
TOO_COSTLY = "too many style rules to check"
CLOSED_DETAILS = "a <details> no one opened"
# SVG and MathML draw text only where their own markup places it, sized and filled by their
# own attributes (clipped by a box of no size, in <defs>, a losing <switch> branch, a
# <mphantom>, filled white): none of it is read, HTML inside a <foreignObject> included
FOREIGN = ("svg", "math")
IN_FOREIGN = "text inside SVG or MathML"
CELLS = frozenset({"td", "th"})  # apart as a browser's innerText sets them, by a tab
# what a browser does not show, or a mail client (which runs no script) shows no browser's
# frames of: their text is dropped
SKIPPED = frozenset({
    "script", "style", "head", "title", "blockquote", "template", "iframe", "noembed",
    "noframes", "datalist", "rp", "object", "video", "audio", "canvas",
    # a list of options shows one (the first, or the one chosen, by its label if it has one);
    # a bar or a gauge shows none of its fallback text
    "select", "progress", "meter"})
_SKIPPED_SELECTOR = ", ".join(sorted(SKIPPED))
# elements with no content: a line break is one end of a line, not two
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
_TEXT = "-text"
# why an element is hidden, where its box is not drawn either (a style rule's, or its own)
_UNDRAWN = re.compile(r"display|visibility|content-visibility|the hidden attribute|a dialog|"
                      r"a popover|opacity|" + re.escape(CLOSED_DETAILS))
# what a colour of "revert" rolls back to where the browser's own style sets none: an inherited
# property's parent's value, else its initial one
_REVERTED = {"color": ("color", "inherit"),
             "-webkit-text-fill-color": ("-webkit-text-fill-color", "inherit"),
             "background-color": ("background-color", "transparent"),
             "background": ("background-color", "transparent"),
             "background-image": ("background-image", "none")}
_ASCII_SPACE = re.compile(r"[\t\n\f\r ]+")  # what splits a class attribute (not NBSP)
_TABLE_PARTS = ("tr", "td", "th", "tbody", "thead", "tfoot", "caption", "col", "colgroup")
# the colour attributes a browser draws by, on the elements it reads them on (a "bgcolor" on
# a <div> or a "text" on a <td> paints nothing)
_BGCOLOR = ("bgcolor", "background-color")
_COLOUR_ATTRIBUTES = {"font": (("color", "color"),), "body": (("text", "color"), _BGCOLOR),
                      **dict.fromkeys(("table", *_TABLE_PARTS[:6], "marquee"), (_BGCOLOR,))}
# a browser's own colours for what it paints: a link, a marked word, a button
_DEFAULT_STYLE = {"a": "color: #0000ee", "mark": "color: black; background-color: yellow",
                  "button": "color: black; background-color: #efefef",
                  # (a red team's) boxes a browser paints white under black text; an open
                  # dialog is laid out of the flow, over the text
                  "textarea": "color: black; background-color: white",
                  "dialog": "color: black; background-color: white; position: absolute"}
# the sizes a browser's own style gives text (Chromium's html.css), under every style rule:
# text inside a box that clips is measured at them, and one nested in another may shrink out
# of sight
_DEFAULT_SIZE = {"h1": "2em", "h2": "1.5em", "h3": "1.17em", "h5": "0.83em", "h6": "0.67em",
                 "small": "smaller", "big": "larger", "sub": "smaller", "sup": "smaller"}
# <font size="1"> to "7", as HTML's rules for a legacy font size read them
_LEGACY_SIZES = ("x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large")
_INT_MOST = 2**31 - 1


def shadow_root(document) -> bool:
    """Whether ``document`` (a selectolax parser) attaches a declarative shadow root to an
    element (``<template shadowrootmode="open">`` or ``"closed"``): a browser then shows its
    text in place of its host's, as its slots say, which this reading does not follow."""
    modes = (template.attributes.get("shadowrootmode") or ""
             for template in document.css("template[shadowrootmode]"))
    return any(ascii_lower(mode) in ("open", "closed") for mode in modes)


def drawn_text(element) -> str:
    """The text of ``element`` and all it holds, but for what is never drawn (``SKIPPED``: a
    style sheet's or a script's text, in SVG too)."""
    if element.css_first(_SKIPPED_SELECTOR) is not None:
        element = element.clone()  # the tree is still to be read
        element.strip_tags(list(SKIPPED))
    return element.text(deep=True, separator=" ")


class _Open(NamedTuple):
    """An open element shown, as its text is drawn (inherited where it sets none)."""

    tag: str
    colour: object  # of its text (None: the page's, black)
    under: object  # the colour under its text (None: the page's)
    why: str  # why its own text cannot be read ('' when it can)
    tiny: str  # why its size is too small to read, as inherited
    doubts: tuple  # the other (text, under) colours style rules not worked out may give it
    opacity: float  # its ancestors' opacity times its own
    fill: object  # what its letters are filled with where not its colour (None: its colour)
    scale: tuple[float, float]  # how much it and its ancestors scale it, across and down
    font_px: float  # the size of its text
    line: tuple[str, float]  # the height of its lines, as inherited (``clipped_text``)
    display: str  # as its own style and the style rules that may match it set it ('' for none)
    height: tuple[bool, float | None]  # whether its height is set, and in px where it is read
    perspective: float  # the perspective it gives what it holds, in px (0: none)
    filtered: tuple[float, float]  # its ancestors' filters and its own: contrast, brightness
    stroke: tuple[object, float]  # the colour (None: its own) and width of its letters' stroke
    # the width it leaves what it holds, in px (None: not known), on a phone and on a desktop
    room: tuple[float | None, float | None]
    # how far it and the elements around it inside a box that clips set its text in from the
    # sides, in px (0 outside any)
    set_in: float
    # why its text, and its lines, may grow with the screen ('' where not: ``screen_sized``)
    screen: tuple[str, str]
    # the largest its text and its lines may be, as any style that may win the cascade sets
    # them on it or its ancestors (``PageText._largest_text``)
    largest: Largest
    unwrapped: bool  # its lines do not wrap, as its style or an ancestor's sets


_SIZES = frozenset({"font", "font-size"})
_LINE_SETTERS = frozenset({"font", "line-height"})
_ADJUSTS = frozenset({"font-size-adjust"})
_PAGE = _Open("", None, None, "", "", (), 1.0, None, (1.0, 1.0), 16.0, NORMAL_LINE, "",
              (False, None), 0.0, (1.0, 1.0), (None, 0.0), (NARROWEST_PX, DESKTOP_PX), 0.0,
              ("", ""), PAGE, False)
STROKE_EM = 0.1  # a stroke this wide (of the text's size) covers its letters' fill


class PageText:
    """The text of a document's tree (``read``): ``parts`` shown, ``hidden`` words and why
    they are hidden (``hidden_by``). ``standards``: whether the document's doctype puts a
    browser in standards mode (in quirks mode a table sets its text in the browser's own
    size). ``markdown``: the document is a Markdown text's rendering (``markdown_markup``), whose
    line breaks are its own. ``quotes``: a ``<blockquote>`` is read, not dropped as the quoted
    original of a message. ``colours``: the colours the page's style rules give its elements
    (``sheet_colours``), under each element's own style. ``moving``: the style rules that may
    move an element's text out of the boxes around it (``text_boxes``). ``covers``: the boxes
    that may be laid over the page's text (``covering_boxes``): where one is, none of its
    text is read. ``keyframes``: the page's key frames that hide text (``animations``).
    ``clipping``: the style rules that do more than paint (that may clip a box, size it or
    what it holds, or scale it: ``clipped_text``), each filed with its declarations
    (``declared``), each taken to apply where it may; ``fonts``: whether the page makes a
    font of its own, of any size (no box that clips is then measured)."""

    def __init__(self, rules: HidingRules, standards: bool, markdown: bool = False,
                 quotes: bool = False, colours: ColourRules | None = None,
                 moving: HidingRules | None = None, covers: Covers | None = None,
                 keyframes: dict | None = None, clipping: HidingRules | None = None,
                 fonts: bool = False) -> None:
        self.rules = rules
        self.clipping = clipping
        self.fonts = fonts
        self.texts_measured = 0
        self.root_px = 16.0  # the least size of the root's text, which a "rem" is
        self.root_largest = PAGE  # the largest it and its lines may be
        self.root_screen = ""  # why it may grow with the screen ('' where it may not)
        # a "rem" in px where lengths in it are read: the root's size where every style that
        # may apply gives it a browser's own, else 0 (not read)
        self.rem_px = 16.0
        # the open boxes that clip their text: where among ``painted`` each is, where its
        # text begins among ``parts``, the declarations that may apply to it, what it holds
        self.clipped: list[tuple[int, int, list[dict[str, str]], Inside]] = []
        # how far the element being opened sets its text in, with those around it inside a
        # box that clips (``_Open.set_in``)
        self.opening_set_in = 0.0
        self.floated = False  # whether a float has been read: what follows may be beside it
        self.keyframes = keyframes
        self.colours = colours
        self.moving = moving
        self.covers = covers or Covers()
        self.markdown = markdown
        self.quotes = quotes
        self.standards = standards
        self.parts: list[str] = []
        self.hidden: list[str] = []
        self.hidden_by: set[str] = set()
        self.painted: list[_Open] = []  # the open elements shown, the last innermost
        self.summarised: set[int] = set()  # where among ``painted`` a details has its summary
        self.opened: dict[int, bool] = {}  # whether each <details> shows what it holds
        self.canvas: object = None  # the colour the page's root paints (None: white)
        self.body_colour: object = None  # the colour of the <body>'s text (None: black)
        self.link = ""  # the colour a <body link> gives links ('' for a browser's own)

    def read(self, document, most_elements: int) -> bool:
        """Read the tree of ``document`` (a selectolax parser), element by element in the
        order written, no recursion however deep the tree; False, with the reading left
        unfinished, when it holds more than ``most_elements`` elements to read. Where a box
        that paints may be drawn over the page's text, all of it is hidden: which text it
        covers is not worked out."""
        finished = self._read(document, most_elements)
        if self.covers.why:
            self.hidden += self.parts
            self.parts = []
            self.hidden_by.add(f"text a box may be drawn over ({self.covers.why})")
        return finished

    def _read(self, document, most_elements: int) -> bool:
        """``read``, but for the boxes drawn over the text."""
        self.opened = _details_opened(document)
        html = document.root
        if html is None:
            return True
        body = document.body
        if body is not None and body.attributes.get("link"):
            self.link = legacy_colour(body.attributes.get("link") or "")
        self.canvas = self._canvas(html, body)
        why = self._hidden_by(html)
        if not why and body is not None:
            why = self._hidden_by(body)
        if why:  # the page itself is hidden: every word of it is
            self.hidden_by.add(why)
            self.hidden.append(drawn_text(html))
            return True
        node, after = html, []  # after: each open element's next sibling, to go on with
        elements = 0
        while True:
            while node is None:
                if not after:
                    return True
                node = after.pop()
                self._closed()
            tag = node.tag
            if tag == _TEXT:
                self._text(node.text_content or "")
            elif node.is_element_node:
                elements += 1
                if elements > most_elements:
                    return False
                if self._opens(node, ascii_lower(tag)):
                    after.append(node.next)
                    node = node.child
                    continue
            node = node.next

    def _opens(self, element, tag: str) -> bool:
        """Read an element's start: whether its content is to be read (it is shown, and holds
        some). What it hides is kept apart whole; what is not drawn is left out."""
        skipped = tag in SKIPPED and not (tag == "blockquote" and self.quotes)
        if skipped and tag not in REPLACED:
            return False
        names = _names(element)
        try:
            sheet, why = self.colours.declared(element) if self.colours else "", ""
        except TooCostly:
            sheet, why = "", TOO_COSTLY
        style = _style_of(tag, element.attributes, sheet, self.link)
        rules = self.clipping.all_applying(*names) if self.clipping else []
        rules, pseudo = _own_and_pseudo(rules) if rules is not None else (None, [])
        # a float (an image too) narrows what follows it, where it may: past one, the room
        # boxes leave is not known
        self.floated = self.floated or _floats(
            tag, element.attributes, [declared(style) if style else {}, *(rules or []), *pseudo])
        if not skipped and not why:
            why = self._folded_away(tag) or self._hidden_by(element, sheet, names, style)
        # a box whose text is not read may still be drawn, and laid over the text: an empty
        # one, an image, a frame, one whose own text is white or moved away
        if not _UNDRAWN.match(why):
            self.covers.look_at(tag, element.attributes, names, style)
        largest = None  # the largest its text may be (``_largest_text``), worked out once
        if self.clipped and not _UNDRAWN.match(why):  # (drawn, its text read or not)
            largest = self._largest_text(tag, element.attributes, style, rules or [],
                                         self.painted[-1].largest)
            self._held(tag, element, style, rules, pseudo, largest)
        if skipped:
            return False
        if why:
            words = drawn_text(element)
            if words.strip():  # (an image hidden hides no words)
                self.hidden.append(words)
                self.hidden_by.add(why)
            return False
        self._separate(tag)
        if element.child is None:
            if tag not in VOID:
                self._separate(tag)  # its end
            return False
        if largest is None:
            largest = self._largest_text(tag, element.attributes, style, rules or [],
                                         (self.painted[-1] if self.painted else _PAGE).largest)
        self._paint(tag, element, style, names, rules or [], largest)
        self._clips(tag, style, rules, pseudo)
        return True

    def _clips(self, tag: str, style: str, rules: list | None, pseudo: list) -> None:
        """Keep the element just opened among the boxes that clip their text, where its style
        or a style rule that may match it (``rules``: their declarations; None past the
        budget) clips it: its text is measured at its end (``clipped_text``), or, where it
        cannot be, hidden. A table's cell and an inline box clip nothing: they grow with their
        text, or do not hold it in a box of their own."""
        if rules is None:
            self._cut_off(len(self.parts), TOO_COSTLY)
            return
        if not rules and not (style and MAY_CUT_OFF.search(style)):
            return
        styles = ([declared(style)] if style else []) + rules
        if not any(clips(declarations) for declarations in styles) or \
                not boxed(tag, self.painted[-1].display):
            return
        around = self.painted[-2] if len(self.painted) > 1 else _PAGE
        box = self.painted[-1]
        room = None if self.floated else around.room[scrolls_across(styles)]
        styles = resolved(styles, around.height, room)
        # a line that does not wrap, inherited, is cut off where the box's width is set, or
        # the room round it (in a table's cell, a float, the box grows with it)
        unwrapped = box.unwrapped and (room is not None or sets_width(styles))
        smaller = sized(styles, around.display, around.height) or (
            "across" if unwrapped else "")
        line = line_px(box.line, box.font_px)
        grows = next((why for why in box.screen if why), "")
        why = (not_measured(styles, around.display, self.rem_px) if smaller else "") or (
            f"text sized by the screen ({grows})" if smaller and grows else "") or (
            f"text of any size ({box.largest.unbounded})" if smaller and box.largest.unbounded
            else "") or (
            "a width round it not read" if smaller == "down" and room is None else "") or (
            "a font the page makes (@font-face)" if self.fonts else "") or (
            f"a line {line:.0f} px high" if line < 0.8 * box.font_px else "")
        if why:
            self._cut_off(len(self.parts), f"not measured: {why}")
        elif len(self.clipped) >= CLIPPING_MOST:
            self._cut_off(len(self.parts), "boxes that clip their text nested too deep")
        else:  # one that grows with its text cuts off what may be set out of it
            # its own text measured at the largest any style that may win gives it
            inside = Inside(keeps_newlines=keeps_newlines(tag, styles), grows=smaller != "down",
                            font_px=box.largest.drawn_px, em_px=box.largest.font_px,
                            line_px=box.largest.line_px,
                            set_in=self.painted[-1].set_in, room=room,
                            unwrapped=unwrapped)
            _held_pseudo([inside], pseudo, box.largest, self.root_largest)
            self.clipped.append((len(self.painted) - 1, len(self.parts), styles, inside))

    def _held(self, tag: str, element, style: str, rules: list | None, pseudo: list,
              largest: Largest) -> None:
        """Count what a shown element (and each style rule that may match it, ``rules``; its
        pseudo-elements' boxes, ``pseudo``; the largest its text may be, ``largest``) adds to
        the size of the text of the boxes that clip around it (``clipped_text.held``)."""
        parent = self.painted[-1]
        styles = [declared(style) if style else {}, *(rules or [])]
        font_px, line = largest.drawn_px, largest.line_px
        holds_text = any(name in HEIGHTS_INSIDE for declarations in styles
                         for name in declarations) and self._holds_text(element)
        insides = [inside for *_, inside in self.clipped]
        # nested boxes set text in by what they all set; side by side, by the most of one
        across = sum(held(insides, tag, declarations, element.attributes, font_px, line,
                          holds_text) for declarations in styles)
        _held_pseudo(insides, pseudo, largest, self.root_largest)
        self.opening_set_in = parent.set_in + across
        for inside in insides:
            inside.across = max(inside.across, self.opening_set_in - inside.set_in)
        unsure = TOO_COSTLY if rules is None else \
            f"text of any size ({largest.unbounded})" if largest.unbounded else ""
        for inside in insides:
            inside.unsure = inside.unsure or unsure

    def _largest_text(self, tag: str, attrs: dict, style: str, rules: list,
                      parent: Largest) -> Largest:
        """The largest the text of an element ``tag`` and its lines may be
        (``largest_text``), inside ``parent``: as its style or any style rule that may match
        it (``rules``: their declarations) sets them, whichever may win the cascade (a
        selector's weight, a layer, a media query), else a browser's own size. What its own
        style sets wins over all but a rule's ``!important`` one (``_may_win``)."""
        own, important = declared_with_importance(style) if style else ({}, frozenset())
        # "revert" gives back a browser's own size, "revert-layer" the rules' (in a style
        # attribute): neither overrules them
        kept = {name: value for name, value in own.items()
                if value not in ("revert", "revert-layer")}
        winning = _may_win(rules, kept, important, _SIZES)
        # "revert" gives back a browser's own size, where a style that may win says it
        reverts = any(declarations.get(name) in ("revert", "revert-layer")
                      for declarations in [own, *winning] for name in _SIZES)
        browser = _browser_size(tag, attrs) if _SIZES.isdisjoint(kept) or reverts else {}
        sizing = [browser, *winning, kept]
        font_px = largest_size(sizing, parent, self.root_largest)
        if len(kept) < len(own):  # (a browser's own size may be none: the parent's)
            font_px = max(font_px, parent.font_px)
        unbounded = parent.unbounded or (UNBOUNDED if math.isinf(font_px) else "")
        if unbounded:
            font_px = parent.font_px
        adjust = size_adjust([kept, *_may_win(rules, kept, important, _ADJUSTS)],
                             parent.adjust)
        font = Largest(font_px, parent.line, adjust, unbounded)
        lines = [largest_line(declarations, font, parent, self.root_largest)
                 for declarations in [kept, *_may_win(rules, kept, important, _LINE_SETTERS)]]
        return font._replace(line=max(lines, key=lambda line: line_px(line, font.drawn_px)))

    def _holds_text(self, element) -> bool:
        """Whether an element holds text that is drawn; past ``TEXTS_MEASURED_MOST`` elements
        asked, taken to."""
        self.texts_measured += 1
        return self.texts_measured > TEXTS_MEASURED_MOST or bool(drawn_text(element).strip())

    def _cut_off(self, start: int, why: str) -> None:
        """Hide the text read from ``parts[start]`` on, for ``why``: so until the element last
        opened ends."""
        self.hidden_by.add(f"{CUT_OFF} ({why})")
        self.painted[-1] = self.painted[-1]._replace(why=f"{CUT_OFF} ({why})")
        self.hidden += self.parts[start:]
        del self.parts[start:]

    def _closed(self) -> None:
        """Read the end of the element last opened."""
        if self.clipped and self.clipped[-1][0] == len(self.painted) - 1:
            _, start, styles, inside = self.clipped.pop()
            inside.lines = [" ".join(line.split())
                            for line in "".join(self.parts[start:]).split("\n")]
            box = self.painted[-1]
            why = cut_off(styles, box.font_px, line_px(box.line, box.font_px), inside)
            if why:
                self._cut_off(start, why)
        tag = self.painted.pop()[0]
        self.covers.close()
        self.summarised.discard(len(self.painted))
        self._separate(tag)

    def _text(self, data: str) -> None:
        """A text node: shown, or hidden by the colour or the size it is drawn in."""
        why = self.painted[-1].why if self.painted else ""
        if self.clipped:
            read_text([inside for *_, inside in self.clipped], data)
        if why:
            self.hidden.append(data)
            self.hidden_by.add(why)
        else:
            self.parts.append(data if self.markdown else re.sub(r"\s+", " ", data))

    def _separate(self, tag: str) -> None:
        """End the line at a block's start or end, and set a cell's text apart from its
        neighbours' ("window</td><td>30 days" is not "window30")."""
        if tag in BLOCKS:
            self.parts.append("\n")
        elif tag in CELLS:
            self.parts.append("\t")

    def _paint(self, tag: str, element, style: str, names: tuple, rules: list,
               largest: Largest) -> None:
        """Open a shown element (its ``names``, as ``_names`` reads them): the colours of its
        text and under it (``style``: what it is drawn in, ``_style_of``), whether they are
        the same, and whether its text is too small to read (``rules``: the declarations of
        the style rules that may size it, each taken to apply; not a pseudo-element's)."""
        parent = self.painted[-1] if self.painted else _PAGE
        colour, under, tiny, doubts = parent.colour, parent.under, parent.tiny, parent.doubts
        if tag == "table" and not self.standards:
            # a page in quirks mode sets a table's text in the browser's own size, and in the
            # <body>'s colour, not its parent's (Chromium 156)
            tiny, colour = "", self.body_colour
            doubts = tuple((colour, doubt_under) for _, doubt_under in doubts)
        try:
            doubts = self._doubts(names, style, colour, under, doubts)
        except (TooCostly, TooManyDoubts):
            doubts, tiny = (), TOO_COSTLY  # and so for all it holds
        outside = under
        colour, under = colours_of(style, colour, under) if style else (colour, under)
        under, images = drawn_under(images_under(style), under) if style else (under, ())
        if images:  # drawn over its background's colour: its text may be on any of them
            doubts = tuple(dict.fromkeys((*doubts, *(
                (text, image) for text, _ in ((colour, under), *doubts) for image in images))))
        if self._moves(tag, names, style):  # its text may be off what its box paints
            doubts = tuple(dict.fromkeys((*doubts, (colour, outside), (colour, self.canvas))))
        if len(doubts) > DOUBTS_MOST:
            doubts, tiny = (), TOO_COSTLY
        # the page's own size hides all of it or nothing (``_hidden_by``)
        if style and tag not in ("html", "body"):
            tiny = tiny_text(style, tiny)
        opacity = parent.opacity * (opacity_of(style) if style else 1.0)
        quirks_table = tag == "table" and not self.standards
        font_px = 16.0 if quirks_table else parent.font_px
        font_px = _sized_text(style, rules, font_px, self.root_px,
                              _browser_size(tag, element.attributes))
        if quirks_table:  # (its text does not inherit its parent's size)
            largest = self._largest_text(tag, element.attributes, style, rules,
                                         parent.largest._replace(font_px=16.0))
        across, down = scales_of(style, parent.perspective) if style else (1.0, 1.0)
        for rule in rules:  # (a red team's: ".s{transform:scale(.25)}" on nested boxes)
            rule_across, rule_down = scales(rule, parent.perspective)
            across, down = across * rule_across, down * rule_down
        scale = (parent.scale[0] * across, parent.scale[1] * down)
        contrast, brightness = filters_of(style) if style else (1.0, 1.0)
        filtered = (parent.filtered[0] * contrast, parent.filtered[1] * brightness)
        stroke = stroke_of(style, parent.stroke, font_px) if style else parent.stroke
        # the letters are drawn in their fill where one is set or inherited, not their colour,
        # and in their stroke where it is wide enough to cover them
        fill = fill_of(style, parent.fill) if style else parent.fill
        drawn = colour if fill is None else fill
        if stroke[1] >= STROKE_EM * font_px and stroke[0] is not None:
            drawn = stroke[0]
        judged = doubts if drawn is colour else tuple((drawn, doubt) for _, doubt in doubts)
        same = f"an opacity of {opacity:.2g} along its ancestors" if opacity <= FAINT else \
            UNDER_ITS_COLOUR if same_as_under(drawn, under) else \
            ON_ITS_IMAGE if any(same_as_under(drawn, image) for image in images) else \
            MAY_BE_UNDER_ITS_COLOUR if any(same_as_under(*doubt) for doubt in judged) else \
            tiny or _too_small(font_px, scale) or _filtered_too_far(filtered)
        if tag == "body":
            self.body_colour = colour
        if tag == "details" and not self.opened.get(element.mem_id, False):
            same = CLOSED_DETAILS  # its own text, outside its summary, is folded away too
        if parent.why.startswith(CUT_OFF):  # all a box cuts off is cut off
            same = parent.why
        declarations = declared(style) if style else {}
        styles = [*rules, declarations]
        display = next((own["display"] for own in reversed(styles) if "display" in own), "")
        if any(own.get("flex-direction", "").startswith("column") or own.get(
                "-webkit-box-orient") == "vertical" for own in styles):
            display += " column"  # its items' flex sizes their heights
        screen = screen_sized(styles, parent.screen, self.root_screen)
        if tag == "html":  # as small as any style may make it; its ems read where all agree
            given = _sizes(style, rules, parent.font_px, self.root_px) or [font_px]
            self.root_px, self.root_screen = min(given), screen[0]
            self.root_largest = largest
            self.rem_px = 16.0 if set(given) == {16.0} and not screen[0] else 0.0
        line = next((line_height(own, font_px, parent.line) for own in reversed(styles)
                     if "line-height" in own or "font" in own), parent.line)
        set_in, self.opening_set_in = (self.opening_set_in if self.clipped else 0.0), 0.0
        sizes = resolved(styles, parent.height, parent.room[0])
        room = (None, None) if self.floated else room_of(styles, tag, parent.room,
                                                         parent.display, font_px, self.rem_px)
        self.painted.append(_Open(tag, colour, under, same, tiny, doubts, opacity, fill, scale,
                                  font_px, line, display, height_of(sizes, font_px),
                                  perspective_of(style) if style else 0.0, filtered, stroke,
                                  room, set_in, screen, largest,
                                  unwraps(styles) or unwrapped_tag(tag, element.attributes)
                                  or parent.unwrapped and not wraps(declarations)))
        self.covers.open(style)

    def _moves(self, tag: str, names: tuple, style: str) -> str:
        """Why the element's text may be outside the boxes its ancestors and itself paint (its
        own style, or a style rule that may match it); '' when it stays in them."""
        return (moves_text(declared(style), tag) if style else "") or (
            self.moving.hiding(*names) if self.moving else "")

    def _doubts(self, names: tuple, style: str, colour: object, under: object,
                doubts: tuple) -> tuple:
        """The other (text, under) colours an element may be drawn in: those its parent's may
        be (``doubts``) with its own style over them, and its parent's (``colour``, ``under``)
        with the colours of a style rule not worked out over its style (``sheet_colours``:
        each as if it won). Raises TooManyDoubts past ``DOUBTS_MOST`` of them."""
        if not self.colours:
            return tuple(dict.fromkeys(colours_of(style, *doubt) for doubt in doubts)) \
                if style else doubts
        rules = self.colours.doubted(*names, most=DOUBTS_MOST)
        if not doubts and not rules:
            return ()
        if len(rules) > DOUBTS_MOST:
            raise TooManyDoubts
        # each colour worked out (a style read, some 20 steps of matching) counts against the
        # page's budget (TooCostly past it)
        self.colours.spend(20 * (len(doubts) + len(rules) * (1 + len(doubts))))
        found = [colours_of(style, *doubt) for doubt in doubts] if style else list(doubts)
        for rule in rules:
            fill = fill_of(rule)  # its letters' fill, where the rule sets one, over their colour
            found += [(text if fill is None else fill, doubt_under)
                      for text, doubt_under in (colours_of(f"{style}; {rule}", *doubt)
                                                for doubt in ((colour, under), *doubts))]
        found = list(dict.fromkeys(found))
        if len(found) > DOUBTS_MOST:
            raise TooManyDoubts
        return tuple(found)

    def _canvas(self, html, body) -> object:
        """The colour the page's root paints under all of it: the ``<html>`` element's
        background, else the ``<body>``'s (CSS draws it over the whole window); None when
        neither paints one (white)."""
        for element in (html, body):
            if element is None:
                continue
            try:
                sheet = self.colours.declared(element) if self.colours else ""
            except TooCostly:
                return None
            style = _style_of(ascii_lower(element.tag), element.attributes, sheet)
            painted = painted_by(style)
            if painted is not None or element is html and paints_an_image(style):
                return None if painted is CURRENT else painted  # an image: as the page
        return None

    def _folded_away(self, tag: str) -> str:
        """Why an element right inside a closed ``<details>`` is not shown: all but its first
        ``<summary>`` is folded away until the reader opens it; '' elsewhere."""
        if not self.painted or self.painted[-1].why != CLOSED_DETAILS:
            return ""
        details = len(self.painted) - 1
        if tag == "summary" and details not in self.summarised:
            self.summarised.add(details)
            return ""
        return CLOSED_DETAILS

    def _hidden_by(self, element, sheet: str = "", names: tuple | None = None,
                   style: str | None = None) -> str:
        """Why the element is hidden with all it holds; '' when it is not. ``sheet``: the
        colours the page's style rules give it; ``names``: its names (``_names``); ``style``:
        what it is drawn in (``_style_of``), where it is worked out already."""
        tag, attrs = ascii_lower(element.tag), element.attributes
        if tag in FOREIGN:
            return IN_FOREIGN
        if "hidden" in attrs:
            return "the hidden attribute"
        if "popover" in attrs or tag == "dialog" and "open" not in attrs:
            return f"{'a popover' if 'popover' in attrs else 'a dialog'} no one opened"
        # its inline style and colour attributes (<font color="#fff">, the style of old mail;
        # a cell's bgcolor under its own text) and the colours style rules give it
        # (``sheet``, read by value where the cascade puts them: a later declaration may set
        # another). A colour is judged on the background the element paints, else on what
        # its parent's text is on, else the page's (``canvas``); where the boxes around may
        # not be under its text (no height, the text moved), ``_paint`` doubts them. A size
        # is inherited, and set again by a descendant (``_paint``), but on the page
        page = tag in ("html", "body")
        if page:
            style = attrs.get("style") or ""
        elif style is None:
            style = _style_of(tag, attrs, sheet, self.link)
        under = self.painted[-1].under if self.painted and not page else self.canvas
        drawn = hides(style, sizes=page, colour=not sheet, page=under) or (
            text_colour_hiding(style, under) if sheet and not page else "") or animated_away(
            style, self.keyframes)
        if drawn:
            return drawn
        return self.rules.hiding(*(names or _names(element)))


def _sized_text(style: str, rules: list, inherited: float, root_px: float,
                browser: dict | None = None) -> float:
    """The size of an element's text, inside one whose text is ``inherited`` px (and the
    root's ``root_px``): as its style sets it, else as the last style rule that may match it
    and sets one (``rules``: their declarations), else as a browser's own style does
    (``browser``, ``_browser_size``), else inherited."""
    sizes = _sizes(style, rules, inherited, root_px, browser)
    return sizes[-1] if sizes else inherited


def _sizes(style: str, rules: list, inherited: float, root_px: float,
           browser: dict | None = None) -> list[float]:
    """Each size an element's text may be given, in the order they apply (``_sized_text``)."""
    sizes = [font_size_px(own, inherited, getattr(own, "important", frozenset()), root_px)
             for own in [browser or {}, *rules] if not _SIZES.isdisjoint(own)]
    if style and may_size_text(style):
        sizes.append(font_px_of(style, inherited, root_px))
    return sizes


def _filtered_too_far(filtered: tuple[float, float]) -> str:
    """Why text filtered to ``filtered`` (contrast, brightness: its ancestors' filters and its
    own, multiplied) cannot be read; '' when it can."""
    contrast, brightness = filtered
    if filtered_away(contrast, brightness):
        return f"filtered to a contrast of {contrast:.2g} and a brightness of " \
               f"{brightness:.2g} along its ancestors"
    return ""


def _too_small(font_px: float, scale: tuple[float, float]) -> str:
    """Why text of ``font_px`` drawn at ``scale`` (its ancestors' and its own, multiplied)
    cannot be read; '' when it can."""
    if min(scale) <= FAINT:
        return f"drawn at a scale of {min(scale):.2g} along its ancestors"
    if font_px * min(scale) < TINY_PX:
        return f"text {font_px * min(scale):.2g} px high along its ancestors' sizes and scales"
    return ""


class TooManyDoubts(Exception):
    """More ways an element's colours may be than ``DOUBTS_MOST``: what it holds is taken as
    hidden, as a page built to be slow to check hides more text than a browser would."""


def _names(element) -> tuple[str, frozenset[str], frozenset[str], frozenset[str]]:
    """An element's tag, classes, id and attribute names as style rules' subjects are compared
    with them (``selectors.Subject.matches``): without case, as a page with no doctype
    compares them (a style rule hides more text than a browser would, never less)."""
    attrs = element.attributes
    classes = frozenset(map(folded, _ASCII_SPACE.split(attrs.get("class") or ""))) - {""}
    ids = frozenset({folded(attrs.get("id") or "")}) - {""}
    return folded(ascii_lower(element.tag)), classes, ids, frozenset(map(folded, attrs))


def _details_opened(document) -> dict[int, bool]:
    """Whether each ``<details>`` of the document (by its node's ``mem_id``) shows what it
    holds: it is ``open``, and no earlier one of its ``name`` (its accordion) is. A browser
    keeps open the one it made first, the first in the tree unless a table's content was
    moved out of it (foster parenting): in a document with a table, of an accordion with
    several open, none is taken for open (what they hold is hidden, as a reader may never
    see it)."""
    opened: dict[int, bool] = {}
    open_in: dict[str, list[int]] = {}
    for details in document.css("details"):
        attrs = details.attributes
        name = attrs.get("name") or ""
        opened[details.mem_id] = "open" in attrs
        if name and "open" in attrs:
            open_in.setdefault(name, []).append(details.mem_id)
    moved = document.css_first("table") is not None
    for members in open_in.values():
        for later in members[0 if moved and len(members) > 1 else 1:]:
            opened[later] = False
    return opened


def _floats(tag: str, attributes: dict, styles: list[dict[str, str]]) -> bool:
    """Whether an element floats: by a style (or a rule that may match it), or by an
    ``align`` of left or right on an image, a table or what embeds."""
    return any(own.get("float", "none") not in ("none", "") for own in styles) or (
        tag in _ALIGN_FLOATS and ascii_lower(str(attributes.get("align") or "")) in (
            "left", "right"))


_ALIGN_FLOATS = frozenset({"img", "table", "iframe", "object", "embed", "applet", "image"})


def _style_of(tag: str, attrs: dict[str, str | None], sheet: str = "", link: str = "") -> str:
    """The style an element is drawn in, as CSS, in the cascade's order: what a browser's own
    style and the markup's colour attributes set (``link``: the colour of links a
    ``<body link>`` sets), under what the page's style rules give it (``sheet``), under its
    inline style."""
    hints = [_DEFAULT_STYLE.get(tag, "") if tag != "a" or "href" in attrs else ""]
    if link and tag == "a" and "href" in attrs:
        hints.append(f"color: {link}")
    for attribute, name in _COLOUR_ATTRIBUTES.get(tag, ()):
        if attrs.get(attribute):
            hints.append(f"{name}: {legacy_colour(attrs[attribute] or '')}")
    if tag == "body" and (attrs.get("background") or "").strip():
        # (a red team's) <body background> paints an image, over the whole page: as CSS
        address = (attrs.get("background") or "").strip()
        escaped = "".join(f"\\{ord(char):x} " if char in '"\\\n\r\f' else char
                          for char in address)
        hints.append(f'background-image: url("{escaped}")')
    style = worked_out("; ".join(filter(None, [*hints, sheet, attrs.get("style") or ""])))
    return _reverted(style, hints[0]) if "revert" in style.lower() else style


def _reverted(style: str, browsers: str) -> str:
    """``style`` with each colour that wins as "revert" (or "revert-layer", which outside a
    layer is the same) set to what the browser's own style (``browsers``) gives the element,
    else to what an unset one takes: a link's blue, a ``<mark>``'s yellow, an inherited
    colour, no background (a red team's: a link's "color: revert" on a box of white text was
    read as white)."""
    declarations, important = declared_with_importance(style)
    own = declared(browsers) if browsers else {}
    settled = [f"{name}: {own.get(browser_name, unset)}"
               f"{' !important' if name in important else ''}"
               for name, (browser_name, unset) in _REVERTED.items()
               if declarations.get(name) in ("revert", "revert-layer")]
    return "; ".join([style, *settled]) if settled else style


def _may_win(rules: list, own: dict[str, str], important: frozenset[str],
             names: frozenset[str]) -> list:
    """Of the declarations of the style rules that may match an element (``rules``), those
    whose ``names`` may win over its own style's (``own``; ``important``: the names it sets
    ``!important``): all where it sets none of them, none where it sets one ``!important``,
    else those a rule sets ``!important`` (all of a rule for its ``::first-line`` or
    ``::first-letter``, which its own style does not reach, and of one whose importance is
    not known)."""
    if names.isdisjoint(own):
        return rules
    if not names.isdisjoint(important):
        return []
    return [rule for rule in rules if not names.isdisjoint(getattr(rule, "important", names))]


def _held_pseudo(insides: list[Inside], boxes: list, largest: Largest,
                 root: Largest) -> None:
    """Count in each of ``insides`` (boxes that clip) what the boxes an element's
    pseudo-elements make (``boxes``: their declarations) add to its text, inside the
    element's text as large as ``largest`` (the root's ``root``): their own sizes, letters
    and pushes."""
    for box in boxes:
        size = largest_size([box], largest, root)
        if math.isinf(size):
            for inside in insides:
                inside.unsure = inside.unsure or f"text of any size ({UNBOUNDED})"
            continue
        font = largest._replace(font_px=size)
        line = largest_line(box, font, largest, root)
        held(insides, "", box, {}, font.drawn_px, line_px(line, font.drawn_px), False)


def _own_and_pseudo(rules: list) -> tuple[list, list]:
    """The declarations of the style rules that may match an element (``rules``) split in
    two: those for the element itself, and those for a box a pseudo-element of it makes
    (``clipped_text.PseudoBox``), which set nothing of the element's own."""
    own = [rule for rule in rules if not isinstance(rule, PseudoBox)]
    return (own, []) if len(own) == len(rules) else (
        own, [rule for rule in rules if isinstance(rule, PseudoBox)])


def _browser_size(tag: str, attrs: dict[str, str | None]) -> dict[str, str]:
    """The size a browser's own style gives the text of an element ``tag``, as its
    declarations ({} for none): a heading's, a ``<small>``'s, a ``<font size>``'s."""
    size = legacy_font_size(attrs.get("size") or "") if tag == "font" else _DEFAULT_SIZE.get(tag)
    return {"font-size": size} if size else {}


def legacy_font_size(value: str) -> str:
    """The size a ``<font size>`` of ``value`` gives its text, as a CSS keyword (HTML's rules
    for parsing a legacy font size: "+2" is two above the usual 3, and any number is held
    between 1 and 7); '' where it gives none (no digits: the attribute is ignored)."""
    found = re.match(r"[\t\n\f\r ]*([+-]?)([0-9]+)", value)
    if not found:
        return ""
    sign, digits = found.groups()
    number = int(digits.lstrip("0")[:11] or 0)
    number = 0 if number > _INT_MOST else number  # (Chromium reads a number past it as 0)
    number = 3 + number if sign == "+" else 3 - number if sign == "-" else number
    return _LEGACY_SIZES[min(max(number, 1), 7) - 1]


def legacy_colour(value: str) -> str:
    """The colour an HTML attribute (``bgcolor``, ``<font color>``, ``text``) names, as a browser
    reads it (HTML's rules for a legacy colour value: "ffffff" is white, "chucknorris" red), in
    CSS; the value itself when it is a colour name; '' (no colour: the attribute is ignored)
    for "transparent". CSS's keywords are no names here: "currentcolor" is read as the
    letters it holds, as any other word (a red team's: #c0e000)."""
    import tinycss2.color4

    value = value.strip()
    if ascii_lower(value) == "transparent":
        return ""
    if not value or re.fullmatch(r"[a-z]+", value, re.IGNORECASE) and isinstance(
            tinycss2.color4.parse_color(value), tinycss2.color4.Color):
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
