"""Text a box cuts off: a box that clips what overflows it (``overflow`` other than visible on
either axis, ``contain`` of paint or size, ``content-visibility: auto``, ``clip-path``,
``clip``) and may be smaller than the text it holds.

A box that clips but sets no size (no height, number of lines or unwrapped width, and none
it may take from around it) grows with its text and cuts nothing off. One that does is
measured only where what decides its text's size is read here, and hides its text
otherwise ("not measured"): its size in units read here (not a percentage, ``lh``, ``rem``:
its size may come from around it, as it does from a flex or grid container, an
``aspect-ratio``, insets, size containment), nothing else but paint in its style and its
style rules, no style rule of the page that sets any other property, and, in what it holds,
nothing that moves or sizes text beyond margins, paddings, borders, heights, text sizes and
line heights (``pushes``). Where it is measured, no layout is worked out: the text's lines
are counted from its forced breaks (a block, a ``<br>``, a kept newline) and its letters, at
measures a little generous (``CHAR_EM``, ``WIDE_EM``, ``LINE_EM``) and in the narrowest box
it may be read in (its own width, else ``NARROWEST_PX``), with what pushes it down, so that
a box is taken to cut off more than a browser would, never less. Where it does, or where it
is not measured, all of its text is hidden, the first lines a reader sees with the rest:
which words are cut off is not worked out.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from worksample.prose.css_hiding import KEYWORD_PX, length_px
from worksample.prose.css_units import (
    ABSOLUTE_PX_PER_UNIT,
    EM_PER_UNIT,
    INHERITING,
    ROOT_UNITS,
    SCREEN_UNITS,
    finite,
)
from worksample.prose.tags import BLOCKS

CHAR_EM = 0.6  # a letter's width, with its space, in ems: wide for a proportional face
WIDE_EM = 1.0  # a wide letter's ("m", "W", a CJK character, a fullwidth form)
LINE_EM = 1.2  # a line's height, in ems, where none is set ("normal")
NARROWEST_PX = 320.0  # the smallest screen a reply is read on
# the screen a reviewer reads it on: what a box that scrolls sideways holds is read there (a
# table that scrolls on a phone is no hidden text; one that scrolls on a desktop may be)
DESKTOP_PX = 800.0
_CLIPS = frozenset({"hidden", "clip", "auto", "scroll", "overlay"})
_OVERFLOWS = ("overflow", "overflow-x", "overflow-y", "overflow-block", "overflow-inline")
_HEIGHTS = ("height", "max-height", "block-size", "max-block-size")
_WIDTHS = ("width", "max-width", "inline-size", "max-inline-size")
_CLAMPS = ("-webkit-line-clamp", "line-clamp")
_NO_WRAP = {"white-space": ("nowrap", "pre"), "text-wrap": ("nowrap",),
            "text-wrap-mode": ("nowrap",)}
_KEEPS_NEWLINES = ("pre", "pre-wrap", "pre-line", "break-spaces")
_TALL = ("height", "min-height", "block-size", "min-block-size")
_ABOVE_AND_BELOW = ("top", "bottom", "block-start", "block-end", "block")
_BESIDE = ("left", "right", "inline-start", "inline-end", "inline")
_FOUR = ("top", "right", "bottom", "left")
_OFFSETS = frozenset({"top", "right", "bottom", "left", "inset", "inset-block", "inset-inline",
                      "inset-block-start", "inset-block-end", "inset-inline-start",
                      "inset-inline-end"})
NUDGE_PX = 16.0  # a move inside a box that clips this small is read as none (a row's gutter)
# elements whose lines do not wrap
_UNWRAPPED_TAGS = frozenset({"pre", "listing", "xmp", "plaintext", "nobr", "marquee"})
# the blocks a browser sets apart by margins of its own, above and below: at least 0.67 em
_SPACED = frozenset({"p", "ul", "ol", "dl", "pre", "figure", "menu", "h1", "h2", "h3", "h4", "h5",
                     "h6", "address", "fieldset", "blockquote", "dir", "form", "hr"})
_SPACED_EM = 0.67
# elements that begin a line, beyond those the reader sets apart as blocks
LINE_TAGS = frozenset({"form", "dir", "menu", "hgroup", "search", "listing", "xmp",
                       "plaintext", "optgroup", "option", "legend", "frameset"})
# elements drawn at a size of their own: measured by their height attribute, else not at all
SIZED_TAGS = frozenset({"img", "svg", "canvas", "video", "audio", "iframe", "object", "embed",
                        "textarea", "select", "input", "button", "meter", "progress", "math",
                        "picture", "frame", "marquee"})
# what paints or chooses a face and nothing more: a box that clips is measured with these set
# in it or on what it holds (a face is taken to be no wider than ``CHAR_EM``)
PAINT = frozenset({
    "color", "background", "background-color", "background-image", "background-position",
    "background-repeat", "background-size", "background-clip", "background-origin",
    "border-color", "border-style", "border-radius", "border-top-left-radius",
    "border-top-right-radius", "border-bottom-left-radius", "border-bottom-right-radius",
    "font-weight", "font-style", "font-family", "font-variant", "font-kerning", "font-synthesis",
    "text-decoration", "text-decoration-line", "text-decoration-color",
    "text-decoration-style", "text-decoration-thickness", "text-underline-offset",
    "text-align", "cursor", "box-shadow", "outline", "outline-color", "outline-style",
    "outline-width", "outline-offset", "opacity", "word-break", "overflow-wrap", "word-wrap",
    "hyphens", "-webkit-text-size-adjust", "-ms-text-size-adjust", "text-size-adjust",
    "list-style", "list-style-type", "list-style-position", "list-style-image",
    "border-collapse", "empty-cells", "-webkit-font-smoothing", "-moz-osx-font-smoothing",
    "text-rendering", "text-overflow", "-webkit-text-fill-color", "mix-blend-mode", "filter",
    # the faces' own figures and ligatures, and a shadow (exported documents set them)
    "font-variant-numeric", "font-variant-ligatures", "font-variant-position",
    "font-variant-east-asian", "font-variant-alternates", "font-optical-sizing", "text-shadow",
    "caret-color", "accent-color", "user-select", "pointer-events", "print-color-adjust",
    "color-adjust", "forced-color-adjust"})
# a browser's own name for a property (-moz-user-select): read as the property, where that
# only paints, or sizes its box as the measure takes it to ("box-sizing": paddings are taken
# off a box's width whatever it says)
_VENDOR = re.compile(r"^-(?:webkit|moz|ms|o)-")
_PAINT_OR_SIZING = PAINT | {"box-sizing"}
_SPACINGS = frozenset({"border-spacing", "letter-spacing", "word-spacing"})
# what a browser's own style sets a box in from its sides (padding or margin, in px), where
# the page sets none of that kind
_OWN_INSETS = {"ul": (("padding", 40.0),), "ol": (("padding", 40.0),),
               "menu": (("padding", 40.0),), "dir": (("padding", 40.0),),
               "dd": (("margin", 40.0),), "blockquote": (("margin", 80.0),),
               "figure": (("margin", 80.0),), "body": (("margin", 16.0),),
               "fieldset": (("margin", 4.0), ("padding", 24.0), ("border", 4.0))}
# what a browser stacks one under another, by its tag (unless a display says otherwise) or
# its display; any other box sits beside the one before on its line
_STACKED_TAGS = (BLOCKS - {"br"}) | LINE_TAGS | {
    "thead", "tbody", "tfoot", "blockquote", "body", "html"}
_STACKED_DISPLAYS = frozenset({"block", "list-item", "flow-root", "table", "table-row",
                               "table-row-group", "table-header-group", "table-footer-group",
                               "table-caption"})
_SIZES_OF_TEXT = frozenset({"font-size", "line-height", "font"})  # a percentage: of the font's
_PERCENT = re.compile(r"^[\d.]+%$")
_NO_SPACE = re.compile(r"(?:normal|(?:[+-]?0*(?:\.0+)?(?:px|em|rem|pt)?)(?:\s+[+-]?0*(?:\.0+)?"
                       r"(?:px|em|rem|pt)?)?)")
# what the measure reads: of a box that clips, its clipping, its sizes and its text's; of what
# it holds, how it pushes its text (``pushes``) and the sizes of its text
_READ_OF_BOX = frozenset({
    *_OVERFLOWS, "contain", *_HEIGHTS, *_WIDTHS, *_CLAMPS, *_NO_WRAP, "-webkit-box-orient",
    "display", "box-sizing", "font-size", "font", "line-height", "min-height", "min-width",
    "margin", "margin-top", "margin-bottom", "margin-left", "margin-right", "padding",
    "padding-top", "padding-bottom", "padding-left", "padding-right", "border", "border-top",
    "border-bottom", "border-left", "border-right", "border-width", "overflow-clip-margin",
    "position", "float", "clear", "vertical-align", "z-index", "flex", "flex-basis",
    "flex-grow", "flex-shrink", "order", "align-self", "justify-self", "flex-direction"})
_READ_INSIDE = frozenset({
    "font-size", "font", "line-height", "display", "clear", "float", *_TALL, "max-height",
    "max-block-size", "width", "max-width", "inline-size", "max-inline-size", "min-width",
    "position", "top", "right", "bottom", "left", "inset", "inset-block", "inset-inline",
    "inset-block-start", "inset-block-end", "inset-inline-start", "inset-inline-end",
    *(f"{name}{side}" for name in ("margin", "padding", "border") for side in (
        "", *(f"-{side}" for side in (*_ABOVE_AND_BELOW, *_BESIDE)))),
    "border-width", "border-top-width", "border-bottom-width", "border-left-width",
    "border-right-width", "vertical-align"})
_DISPLAYS_READ = {"block": 1, "list-item": 1, "flow-root": 1, "table": 1, "inline": 0,
                  "inline-block": 0, "contents": 0, "inline-table": 0}
_BOX_DISPLAYS = frozenset({"block", "inline-block", "flow-root", "list-item", "-webkit-box",
                           "table-cell", "inline"})
_ITEMS = re.compile(r"flex|grid|box")  # a container whose items take their size from it
_VERTICAL_KEYWORDS = frozenset({"baseline", "top", "middle", "bottom", "text-top",
                                "text-bottom", "sub", "super"})
# what a style (or a style rule) names for it to clip a box or to size one so
MAY_CUT_OFF = re.compile(r"overflow|contain|content-visibility|clip|line-clamp|white-space|"
                         r"text-wrap|height|width|-size|transform|scale|zoom", re.IGNORECASE)
_NO_SIZE = frozenset({"", "auto", "none", "initial", "unset", "normal", "inherit"})
_SIZED_DOWN = (*_HEIGHTS, *_CLAMPS, "aspect-ratio", "contain", "container-type", "clip",
               "content-visibility", "inset", "grid-area", "grid-row")
_FLEX = ("flex", "flex-basis", "flex-grow", "flex-shrink")  # a flex item's size along its line
# a clip-path that cuts nothing off its box: none, or an inset of nothing (rounded corners)
_ROUNDED = re.compile(r"none|inset\(\s*0(?:px|%)?(?:\s+0(?:px|%)?){0,3}\s*(?:round\s[^()]*)?\)")
_ROWS = ("grid-template-rows", "grid-auto-rows")
_CELLS = frozenset({"td", "th"})
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn",
                          "em", "font", "i", "kbd", "label", "mark", "q", "s", "samp", "small",
                          "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var"})
# what an element inside a box that clips sets, for its text to be looked for (a box of text
# of a set height may be smaller than it)
HEIGHTS_INSIDE = frozenset({"height", "min-height", "block-size", "min-block-size", "max-height",
                            "max-block-size"})
# where a line may break: a space but a no-break one, a zero-width space, a hyphen
_UNBROKEN = re.compile(r"(?:[^\S\xa0\u2007\u202f]|[\u200b-])+")
_LENGTHS_OF_BOX = frozenset({*_HEIGHTS, *_WIDTHS, "margin", "margin-top", "margin-bottom",
                             "padding", "padding-top", "padding-bottom", "padding-left",
                             "padding-right", "border", "border-top", "border-bottom",
                             "border-width", "line-height", "font-size", "font"})
_IDENTITY = re.compile(r"none|(?:\s*(?:rotate|translate|skew)[xyz3d]*\(\s*[0.]+[a-z%]*(?:\s*,"
                       r"\s*[0.]+[a-z%]*)*\s*\)|\s*scale[xyz3d]*\(\s*1(?:\s*,\s*1)*\s*\))+\s*")
_COMPUTED_LENGTH = re.compile(r"[a-z-]+\(", re.IGNORECASE)
_PUSH_UNITS = re.compile(r"^[\d.]+(?:e[+-]?\d+)?(?:px|pt|pc|in|cm|mm|q|em|ex|ch|cap|ic)?$")
_READ_UNITS = re.compile(r"^-?[\d.]+(?:e[+-]?\d+)?(?:px|pt|pc|in|cm|mm|q|em|ex|ch|cap|ic|v[whib]|"
                         r"vmin|vmax|[sld]v[whib]|[sld]vmin|[sld]vmax)?$")
# a length in the screen's units or a container's: at least what the smallest screen makes it,
# and as large as any screen may (``css_units``)
def _length_in(units: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\d(?:" + "|".join(sorted(units, key=len, reverse=True)) + r")(?![\w-])",
                      re.IGNORECASE)


_SCREEN_LENGTH = _length_in(SCREEN_UNITS)
_ROOT_LENGTH = _length_in(ROOT_UNITS)
_UNIT = re.compile(r"[\d.]+([a-z%]*)")  # a length's unit, as _bound reads it
_NUMBER = re.compile(r"\+?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")  # as CSS writes one (1e1)
_STRING = re.compile(r'"([^"\\\n]*)"|\'([^\'\\\n]*)\'')
_STRINGS = re.compile(r'\s*(?:(?:"[^"\\\n]*"|\'[^\'\\\n]*\')\s*)+')


@dataclass
class Inside:
    """What a box that clips holds, as it is read: the letters of each line its forced breaks
    make, its other line breaks, the widest letter size and the tallest line of the text in
    it, how far what it holds pushes its text down and narrows it (``pushes``), and why it
    cannot be measured ('' where it can)."""

    keeps_newlines: bool = False
    grows: bool = False  # it sets no size: only what moves out of it is looked for
    lines: list[str] = field(default_factory=list)
    breaks: int = 0
    # kept spaces the reading collapses (no-break ones, and in a <pre>), and a pseudo-element's
    # letters, as so many spaces
    spaces: float = 0
    longest_word: str = ""  # the longest run of letters no line may break (no-break spaces in it)
    font_px: float = 0.0  # the letters' size (a font-size-adjust's too)
    em_px: float = 0.0  # the size its ems are (a font-size-adjust's not)
    line_px: float = 0.0
    pushed: float = 0.0
    across: float = 0.0  # the most the boxes stacked in it set a line of text in from its sides
    set_in: float = 0.0  # how far the box itself is set in (``page_text``): across from it
    on_line: float = 0.0  # what the boxes side by side on the line read last set it in
    line_most: float = 0.0  # the most they set one line in
    # the width its parent leaves it (``room_of``; None: not known, read as NARROWEST_PX)
    room: float | None = NARROWEST_PX
    unsure: str = ""
    unwrapped: bool = False  # its lines do not wrap, as an ancestor sets (``white-space``)


def clips(declarations: dict[str, str]) -> bool:
    """Whether a box of ``declarations`` clips what overflows it (an overflow not visible on
    one axis makes the other scroll: either clips both)."""
    return any(word in _CLIPS for name in _OVERFLOWS
               for word in declarations.get(name, "").split()) or any(
        word in ("paint", "strict", "content", "size")
        for word in declarations.get("contain", "").split()) or declarations.get(
        "content-visibility") == "auto" or declarations.get("container-type", "normal") not in (
        "normal", "inline-size") or declarations.get("clip-path", "none") != "none" or \
        declarations.get("clip", "auto").startswith("rect(")


def boxed(tag: str, display: str) -> bool:
    """Whether an element ``tag`` shown as ``display`` (its own, '' for its tag's) is a box
    that can clip: not a table's cell, which grows with its text, nor an inline box."""
    if display:
        return display not in ("inline", "table-cell", "contents", "none")
    return tag not in _CELLS and tag not in _INLINE_TAGS


def resolved(styles: list[dict[str, str]], parent: tuple[bool, float | None],
             room: float | None = NARROWEST_PX) -> list[dict[str, str]]:
    """``styles`` with each height in percent worked out against the ``parent``'s (whether it
    sets one, and in px where it is read): in px where it is read, left as written (not read)
    where it is set but not read, and dropped where it is not set (the height is then as if
    none were set: a percentage of a box that grows with its text). A width of at most 100%
    is that share of the ``room`` around it (``room_of``; left as written where that is not
    known): pandoc's and GitHub's tables scroll sideways at "width: 100%"."""
    definite, parent_px = parent
    changed = []
    for declarations in styles:
        across = {} if room is None else {
            name: f"{float(value[:-1]) * room / 100}px" for name, value in declarations.items()
            if name in _WIDTHS and re.fullmatch(r"(?:100|\d{1,2})(?:\.\d+)?%", value)}
        percent = {name: value for name, value in declarations.items()
                   if name in _SIZED_DOWN[:4] and re.fullmatch(r"\d+(?:\.\d+)?%", value)}
        if not percent or definite and parent_px is None:
            changed.append({**declarations, **across})
            continue
        changed.append({**declarations, **across, **{
            name: f"{float(value[:-1]) * parent_px / 100}px" if definite else "auto"
            for name, value in percent.items()}})
    return changed


def scrolls_across(styles: list[dict[str, str]]) -> bool:
    """Whether a box that clips scrolls sideways (its overflow across is auto or scroll, by
    every style that sets it), so that what it cuts off across is there to scroll to."""
    across = [own.get(name, "").split()[:1] for own in styles for name in (
        "overflow-x", "overflow-inline")] + [own.get("overflow", "").split()[:1] for own in styles]
    said = [words[0] for words in across if words]
    return bool(said) and all(word in ("auto", "scroll", "overlay") for word in said)


def _unread_inset(declarations: dict[str, str], font_px: float, rem_px: float) -> bool:
    """Whether a margin, a padding or a border's width across is set in units not read (a
    percentage of the room around, a function, the screen's, a root's em where ``rem_px``
    is 0)."""
    for name, value in declarations.items():
        if not name.startswith(("margin", "padding", "border")) or name.startswith(
                ("border-top", "border-bottom", "border-block", "margin-top", "margin-bottom",
                 "margin-block", "padding-top", "padding-bottom", "padding-block")) or \
                "color" in name or "style" in name or "radius" in name or "collapse" in name \
                or "spacing" in name or "image" in name:
            continue
        for word in value.split():
            if (word[:1].isdigit() or word[:1] in "-+.") and length_px(word, font_px) is None \
                    or _COMPUTED_LENGTH.search(word) or _SCREEN_LENGTH.search(word) \
                    or rem_px != 16.0 and _ROOT_LENGTH.search(word):
                return True
    return False


class RuleDeclarations(dict):
    """The declarations of a style rule that may match an element, and the names of those
    that are ``!important`` (``important``): only those win over the element's own style."""

    def __init__(self, declarations: dict[str, str], important: frozenset[str] = frozenset()):
        super().__init__(declarations)
        self.important = important


class PseudoBox(RuleDeclarations):
    """The declarations of a style rule for an element's ``::before``, ``::after`` or
    ``::marker``: filed under the element, as a box in it (what it holds pushes the element's
    text), but no display, width or text size of the element's own (GitHub's
    ".markdown-body::before {display: table}", a clearfix's "font-size: 0")."""


def room_of(styles: list[dict[str, str]], tag: str, around: tuple[float | None, ...],
            around_display: str, font_px: float,
            rem_px: float = 16.0) -> tuple[float | None, ...]:
    """The width in px an element of ``styles`` leaves what it holds inside each of
    ``around`` (the room its parent leaves, on each screen read; None: not known), at least:
    its width (in px, em, or a share of the room around) less its paddings, borders and
    margins. An inline box leaves its parent's; one sized by what it holds (a cell, an inline
    block, a float, a box out of the flow, a flex or grid item) leaves a width not known
    unless it sets one; so does a width in units not read (a root's em where ``rem_px``, the
    root's size where lengths in its ems are read, is 0)."""
    styles = [own for own in styles if own and not isinstance(own, PseudoBox)]
    displays = [own["display"] for own in styles if "display" in own]
    if all(display == "inline" for display in displays) and (
            displays or tag not in _STACKED_TAGS and tag not in ("td", "th")):
        return around
    shrinks = any(display.startswith("inline-") or display in ("table-cell", "table")
                  for display in displays) or (not displays and tag in ("td", "th", "table")) \
        or _ITEMS.search(around_display) is not None or any(
        own.get("float", "none") != "none" or own.get("position") in ("absolute", "fixed")
        for own in styles)
    widths: list[tuple[float, bool]] = []  # each in px, or as a share of the room around
    for own in styles:
        for name in _WIDTHS:
            value = own.get(name, "")
            if value in _NO_SIZE:
                continue
            share = re.fullmatch(r"(\d+(?:\.\d+)?)%", value)
            px = float(share.group(1)) / 100 if share else length_px(value, font_px)
            if px is None or rem_px != 16.0 and _ROOT_LENGTH.search(value):
                return (None,) * len(around)
            widths.append((px, share is not None))
    if shrinks and not widths or any(_unread_inset(own, font_px, rem_px) for own in styles) \
            or any(
            own.get(name, "auto") not in ("auto", "1", "normal", "none", "initial", "unset")
            for own in styles for name in ("columns", "column-count", "column-width")):
        return (None,) * len(around)
    inset = max((pushes(tag, own, {}, font_px)[1] for own in styles if any(
        name.startswith(("margin", "padding", "border")) for name in own)), default=0.0)
    inset += sum(px for family, px in _OWN_INSETS.get(tag, ()) if not any(
        name.startswith(family) for own in styles for name in own))
    rooms = []
    for room in around:
        if room is None and any(share for _, share in widths) or room is None and not widths:
            rooms.append(None)
            continue
        candidates = [px * room if share else px for px, share in widths if room or not share]
        least = min(candidates + ([room] if room is not None else []))
        rooms.append(max(least - inset, 0.0))
    return tuple(rooms)


def height_of(styles: list[dict[str, str]], font_px: float) -> tuple[bool, float | None]:
    """Whether an element of ``styles`` (``resolved``) sets its height (or rows of a set
    height, for a grid), and the least it sets in px where that is read."""
    set_ = [value for declarations in styles for name in (*_HEIGHTS, *_ROWS)
            if (value := declarations.get(name, "")) not in _NO_SIZE]
    if not set_:
        return False, None
    px = [length_px(value, font_px) for value in set_]
    return True, None if None in px else min(px)


def sized(styles: list[dict[str, str]], parent_display: str,
          parent_height: tuple[bool, float | None]) -> str:
    """How a box that clips, of ``styles`` (``resolved``), may be smaller than what it holds:
    "down" where it sets a height or a number of lines, or takes its height from around it
    (a flex or grid container of a set height, ``parent_display`` and ``parent_height``),
    "across" where it sets only a width or its text does not wrap (its text wraps in it, but
    may be pushed out of it, or not wrap); '' where it sets neither and grows with its
    text."""
    column = "column" in parent_display  # its flex sizes its height
    if _ITEMS.search(parent_display) and parent_height[0] or any(
            declarations.get(name, "") not in _NO_SIZE for declarations in styles
            for name in (*_SIZED_DOWN, *(_FLEX if column else ()))) or any(
            not _ROUNDED.fullmatch(declarations.get("clip-path", "none"))
            or declarations.get("position") in ("absolute", "fixed")  # sized by its insets
            for declarations in styles):
        return "down"
    # one that does not wrap is as wide as what is around it, at least a phone's screen
    return "across" if sets_width(styles) or unwraps(styles) else ""


def sets_width(styles: list[dict[str, str]]) -> bool:
    """Whether a box of ``styles`` sets its width (or its most)."""
    return any(declarations.get(name, "") not in _NO_SIZE for declarations in styles
               for name in _WIDTHS)


def unwraps(styles: list[dict[str, str]]) -> bool:
    """Whether a box of ``styles`` sets its text in lines that do not wrap."""
    return any(word in values for declarations in styles for name, values in _NO_WRAP.items()
               for word in declarations.get(name, "").split())


def wraps(declarations: dict[str, str]) -> bool:
    """Whether a style sets its text in lines that wrap again, inside one whose lines do not
    (``white-space: normal``: what does not wrap is inherited)."""
    return any(name in declarations and not unwraps([{name: declarations[name]}])
               and declarations[name] not in INHERITING for name in _NO_WRAP)


def unwrapped_tag(tag: str, attributes: dict) -> bool:
    """Whether an element's tag or attributes set its lines not to wrap (``<pre>``,
    ``<nobr>``, ``<td nowrap>``)."""
    return tag in _UNWRAPPED_TAGS or "nowrap" in attributes


def paints_only(name: str, value: str = "") -> bool:
    """Whether a declaration only paints or chooses a face (``PAINT``), is read by Outlook
    alone (``mso-``), is a custom property, which does nothing itself (what uses it is read
    as its values, ``custom_properties``), or spaces nothing (``border-spacing: 0``)."""
    return name in PAINT or name.startswith(("mso-", "--")) or \
        _VENDOR.sub("", name) in _PAINT_OR_SIZING or \
        name in _SPACINGS and _NO_SPACE.fullmatch(value) is not None


def first_not_painting(declarations: dict[str, str]) -> str:
    """The first of ``declarations`` that does more than paint, as "name: value"; '' for
    none."""
    return next((f"{name}: {value}" for name, value in declarations.items()
                 if not paints_only(name, value)), "")


def not_measured(styles: list[dict[str, str]], parent_display: str,
                 rem_px: float = 16.0) -> str:
    """Why a box that clips and may be smaller than what it holds is not measured, as "name:
    value"; '' where it is: a property of its own that is not paint nor read here, a size in
    units not read (a percentage of what is around it, a line's or the root's), a size taken
    from a flex or grid container around it (``sized``: of a set height). ``rem_px``: the
    root's size where lengths in its ems are read, else 0."""
    if _ITEMS.search(parent_display):
        return f"inside display: {parent_display} of a set height"
    for declarations in styles:
        for name, value in declarations.items():
            if not paints_only(name, value) and name not in _READ_OF_BOX or name == "display" and \
                    value not in _BOX_DISPLAYS or name == "contain" and value != "paint" or \
                    name == "position" and value not in ("static", "relative") or \
                    name == "float" and value != "none":
                return f"{name}: {value}"
            if name in _LENGTHS_OF_BOX and any(
                    not _read_length(word, rem_px) for word in value.split()
                    if word[:1].isdigit() or word[:1] in "-+.") or name not in _HEIGHTS and \
                    name not in _WIDTHS and _SCREEN_LENGTH.search(value):
                return f"{name}: {value}"  # (its text, lines or insets may grow with the screen)
    return ""


def _read_length(word: str, rem_px: float) -> bool:
    """Whether a length is in units read here (a root's em only where the root's size is a
    browser's own)."""
    return bool(_READ_UNITS.match(word)) or rem_px == 16.0 and bool(
        re.fullmatch(r"[\d.]+rem", word))


def held(insides: list[Inside], tag: str, declarations: dict[str, str], attributes: dict,
         font_px: float, line: float, holds_text: bool) -> float:
    """Count in each of ``insides`` (the boxes that clip round it) what an element they hold
    (``tag``, ``declarations``, its text ``font_px`` high in lines ``line`` px high;
    ``holds_text``: whether it holds any) adds to their text's size, or why that cannot be
    measured: what may set its text out of its own box or of the box that clips (a height on
    a box of text, a width, a line that does not wrap, a move), or what is not read here.
    Small moves (``NUDGE_PX``) are read as none. How far it sets its text in from the sides is
    returned, for the caller to add along the boxes nested round the text (``Inside.across``)."""
    if line < 0.8 * font_px:  # (a red team's: "line-height: 0" stacks every line in none)
        unsure = f"a line {line:.0f} px high inside"
    elif unwrapped_tag(tag, attributes):
        unsure = f"<{tag}> of lines that do not wrap inside"
    elif tag in SIZED_TAGS and length_px(str(attributes.get("height") or "").strip() + "px",
                                         font_px) is None and "height" not in declarations:
        unsure = f"a <{tag}> of no height set inside"
    elif not _narrow_enough(str(attributes.get("width") or "")):
        unsure = f'a <{tag} width="{attributes.get("width")}"> inside'
    else:
        # (a pseudo-element's box takes its room hidden or not: its letters are counted)
        shown_or_not = isinstance(declarations, PseudoBox)
        unsure = next((f"{name}: {value} inside" for name, value in declarations.items()
                       if not (shown_or_not and name == "visibility")
                       and _moves_or_unread(name, value, declarations, font_px, holds_text)), "")
    # a line of its own: a block, a float, a box set in the line at a width of its own
    breaks = tag == "br" or tag in LINE_TAGS or _DISPLAYS_READ.get(
        declarations.get("display", ""), 0) or declarations.get("float", "none") != "none" or (
        declarations.get("display", "").startswith("inline-") and any(
            name in declarations for name in _WIDTHS))
    down, across = (0.0, 0.0) if unsure else pushes(tag, declarations, attributes, font_px)
    # a box stacked under the one before sets its text in along the boxes nested round it
    # (the caller adds that up); others sit side by side on a line (a cell, an inline box, a
    # float), and theirs add up along the line, to the next box stacked or line broken
    display = declarations.get("display", "")
    stacked = (display in _STACKED_DISPLAYS or not display and tag in _STACKED_TAGS) and \
        declarations.get("float", "none") == "none"
    # a pseudo-element's letters, counted as kept spaces as wide as they are
    content = _width_em(content_text(declarations.get("content", "")) or "") / CHAR_EM
    for inside in insides:
        inside.unsure = inside.unsure or unsure
        inside.spaces += content
        inside.breaks += breaks
        inside.font_px = max(inside.font_px, font_px)
        inside.line_px = max(inside.line_px, line)
        inside.pushed += down
        if stacked or tag == "br":
            inside.on_line = 0.0
        else:
            inside.on_line += across
            inside.line_most = max(inside.line_most, inside.on_line)
    return across if stacked else 0.0


def content_text(value: str) -> str | None:
    """The letters a ``content`` of ``value`` draws in its box (a clearfix's "."); None where
    it is not only strings (an ``attr()``, a counter, an image)."""
    if value in ("", "none", "normal"):
        return ""
    if not _STRINGS.fullmatch(value):
        return None
    return "".join(double + single for double, single in _STRING.findall(value))


def _moves_or_unread(name: str, value: str, declarations: dict[str, str], font_px: float,
                     holds_text: bool) -> bool:
    """Whether a declaration of an element inside a box that clips may set its text out of
    the box, or is not read here."""
    if name == "content":  # its letters are counted (``held``)
        return content_text(value) is None
    if paints_only(name, value):
        return name.startswith("list-style") and ("url(" in value or '"' in value or "'" in value)
    if name == "transform" and _IDENTITY.fullmatch(value):
        return False  # (a layer's hint, "translateZ(0)"; an icon's "rotate(0deg)")
    if _SCREEN_LENGTH.search(value):
        return True  # it may set its text out as far as the screen is large
    if name not in _READ_INSIDE or _COMPUTED_LENGTH.search(value):
        return True
    if name == "display":
        return value not in _DISPLAYS_READ
    if name in _WIDTHS or name == "min-width":
        return not _narrow_enough(value)
    if name in _TALL or name in ("max-height", "max-block-size"):
        # its text may overflow it; an empty one pushes as far as it is high, read at least
        return value not in _NO_SIZE and (holds_text or not _PUSH_UNITS.match(value))
    if name == "position":
        return value not in ("static", "relative")
    if name in _OFFSETS:
        return declarations.get("position", "static") != "static" and not _small(value, font_px)
    if name == "vertical-align":
        return value not in _VERTICAL_KEYWORDS and not _small(value, font_px)
    words = value.split()
    if any(not _READ_UNITS.match(word) and not (name in _SIZES_OF_TEXT and _PERCENT.match(word))
           for word in words if word[:1].isdigit() or word[:1] in "-+."):
        return True  # a length in units not read (a percentage of a box, lh, vw, cq...)
    return name.startswith("margin") and any(
        (length_px(word, font_px) or 0.0) < -NUDGE_PX for word in words)


def _small(value: str, font_px: float) -> bool:
    """Whether a length moves text ``NUDGE_PX`` or less either way."""
    px = length_px(value, font_px)
    return value in ("auto", "0") or px is not None and abs(px) <= NUDGE_PX


def _narrow_enough(width: str) -> bool:
    """Whether a width set inside a box that clips (none, or a share of the box's) cannot make
    it wider than the box."""
    width = width.strip()
    if width in _NO_SIZE or width in ("fit-content", "100%"):
        return True
    found = re.fullmatch(r"(\d+(?:\.\d+)?)%", width)
    return found is not None and float(found.group(1)) <= 100


def pushes(tag: str, declarations: dict[str, str], attributes: dict,
           font_px: float) -> tuple[float, float]:
    """How far down an element ``tag`` of ``declarations`` (and ``attributes``) pushes what
    follows it, at least, and how far in from the sides it sets its text, in px: its height
    (set, or its least: ``min-height``, a ``height`` attribute), its margins (a browser's own,
    where it sets none), paddings and borders."""
    heights = [length_px(declarations.get(name, ""), font_px) for name in _TALL]
    heights.append(length_px(str(attributes.get("height") or "").strip() + "px", font_px))
    down = max((height for height in heights if height is not None), default=0.0)
    if tag in _SPACED and not any(name.startswith("margin") for name in declarations):
        down += 2 * _SPACED_EM * font_px
    across = 0.0
    for name in ("margin", "padding", "border"):
        for side, value in _sides(name, declarations).items():
            px = max((length_px(word, font_px) or 0.0 for word in value.split()), default=0.0)
            if side in ("top", "bottom"):
                down += max(px, 0.0)
            else:
                across += max(px, 0.0)
    return down, across


def _sides(name: str, declarations: dict[str, str]) -> dict[str, str]:
    """What ``name`` (margin, padding, border) sets on each side, by its shorthands and its
    longhands (a logical side as its physical one, left to right and top to bottom)."""
    if name == "border":
        sides = dict.fromkeys(_FOUR, declarations["border"]) if "border" in declarations else {}
        sides.update(_four(declarations.get("border-width", "")))
    else:
        sides = _four(declarations.get(name, ""))
    for logical, physical in (("block", ("top", "bottom")), ("inline", ("left", "right"))):
        value = declarations.get(f"{name}-{logical}", "")
        if value and name == "border":  # a whole border, on both sides
            sides.update(dict.fromkeys(physical, value))
        elif value:
            sides.update(zip(physical, (value.split()[0], value.split()[-1]), strict=True))
    for side, physical in (("top", "top"), ("bottom", "bottom"), ("left", "left"),
                           ("right", "right"), ("block-start", "top"), ("block-end", "bottom"),
                           ("inline-start", "left"), ("inline-end", "right")):
        for suffix in ("", "-width") if name == "border" else ("",):
            value = declarations.get(f"{name}-{side}{suffix}")
            if value is not None:
                sides[physical] = value
    return sides


def _four(value: str) -> dict[str, str]:
    """A shorthand's one to four values, each on the side it sets."""
    parts = value.split()
    if not parts:
        return {}
    top = parts[0]
    right = parts[1] if len(parts) > 1 else top
    bottom = parts[2] if len(parts) > 2 else top
    return dict(zip(_FOUR, (top, right, bottom, parts[3] if len(parts) > 3 else right),
                    strict=True))


NORMAL_LINE = ("factor", LINE_EM)


def line_height(declarations: dict[str, str], font_px: float,
                inherited: tuple[str, float]) -> tuple[str, float]:
    """An element's ``line-height`` (or the one its ``font`` sets) as it is inherited: a
    number as a factor of each descendant's size, any other as the pixels it is here;
    ``inherited`` where it sets none."""
    value = declarations.get("line-height", "")
    font = declarations.get("font", "")
    if not value and font:  # a "font" sets its line height, to normal where it names none
        value = next(iter(font.split("/", 1)[1].split()), "") if "/" in font else \
            font if font in ("inherit", "unset") else "normal"
    if not value or value in INHERITING:
        return inherited
    if value in ("normal", "initial"):
        return NORMAL_LINE
    if _NUMBER.fullmatch(value):
        return "factor", finite(float(value))
    if value.endswith("%") and _NUMBER.fullmatch(value[:-1]):
        return "px", finite(float(value[:-1])) * font_px / 100
    px = length_px(value, font_px)
    return NORMAL_LINE if px is None else ("px", max(px, 0.0))


def line_px(line: tuple[str, float], font_px: float) -> float:
    """The height in px of a line of text ``font_px`` high, of ``line`` (``line_height``)."""
    kind, amount = line
    return amount * font_px if kind == "factor" else amount


def screen_sized(styles: list[dict[str, str]], inherited: tuple[str, str],
                 root: str) -> tuple[str, str]:
    """Why an element's text, and its lines, may be as large as the screen makes them, without
    bound, as the declaration that makes them so ('' where they may not): a size or a line
    height in the screen's units or worked out, set on it (``styles``: its own and its style
    rules', any of which may apply) or ``inherited`` (text, lines); a size in the root's ems
    takes the root's (``root``), one in ems or a percentage its parent's, one of its own in
    px or a keyword none. A box measured with either cannot be: it is measured at the least
    they may be."""
    text, lines = inherited
    sizes = [(name, value) for own in styles for name in ("font-size", "font")
             if (value := own.get(name, ""))]
    text = _bound(sizes, text, root, text)
    heights = [("line-height", own["line-height"]) for own in styles if "line-height" in own]
    heights += [("font", value.split("/", 1)[1]) for name, value in sizes
                if name == "font" and "/" in value]
    return text, _bound(heights, lines, root, text)


def _bound(declared: list[tuple[str, str]], inherited: str, root: str, font: str) -> str:
    """Why lengths ``declared`` (name, value) may grow with the screen, or keep ``inherited``,
    take the root's or the ``font``'s (a length in ems or a percentage of it)."""
    for name, value in declared:
        if _SCREEN_LENGTH.search(value) or _COMPUTED_LENGTH.search(value):
            return f"{name}: {value}"
    if not declared:
        return inherited
    words = [value.split()[0] if name != "font" else next(
        (word for word in value.replace("/", " ").split() if word[:1].isdigit()
         or word in KEYWORD_PX), "") for name, value in declared]
    units = [found.group(1) if (found := _UNIT.fullmatch(word)) else None for word in words]
    if all(word in KEYWORD_PX or word == "normal" or unit == "" or unit in ABSOLUTE_PX_PER_UNIT
           for word, unit in zip(words, units, strict=True)):
        return ""  # in absolute units, or a factor of the text's own size
    if any(unit in ROOT_UNITS for unit in units):
        return root or inherited
    if any(unit == "%" or unit in EM_PER_UNIT for unit in units):
        return font or inherited
    return inherited


def cut_off(styles: Iterable[dict[str, str]], font_px: float, line: float,
            inside: Inside) -> str:
    """Why a box that clips cuts off its text, as "name: value"; '' when its text fits.
    ``styles``: the declarations that may apply to the box (its own and those of the style
    rules that may match it: it is taken to be as small as any sets it); ``font_px`` and
    ``line``: the size of its text and of its lines; ``inside``: what it holds, and the room
    its parent leaves it."""
    styles = list(styles)
    if inside.unsure:
        return f"not measured: {inside.unsure}"
    lines = [text for text in inside.lines if text.strip()]
    if not lines:
        return ""
    em_px, font_px = max(font_px, inside.em_px), max(font_px, inside.font_px)
    own_down, own_across = (0.0, 0.0)
    for declarations in styles:
        down, across = pushes("", {name: value for name, value in declarations.items()
                                   if name.startswith(("padding", "border"))}, {}, em_px)
        own_down, own_across = max(own_down, down), max(own_across, across)
    wide = _least(styles, _WIDTHS, em_px)
    room = NARROWEST_PX if inside.room is None else inside.room
    width = (room if wide is None else wide[1]) - own_across - inside.across - inside.line_most
    unwrapped = inside.unwrapped or unwraps(styles)
    if width < 1.0:
        return f"{wide[0] if wide else 'a phone'} for text set {inside.across:.0f} px in"
    spaces = inside.spaces * CHAR_EM
    if unwrapped and (max(_width_em(text) for text in lines) + spaces) * font_px > width:
        return f"{wide[0] if wide else 'a phone'} for a line that does not wrap"
    if _width_em(inside.longest_word) * font_px > width:
        return f"{wide[0] if wide else 'a phone'} for a word that does not break"
    needed = max(inside.breaks + 1, len(lines) if unwrapped else math.ceil(
        spaces * font_px / max(width, 1.0)) + sum(
        max(1, math.ceil(_width_em(text) * font_px / max(width, 1.0))) for text in lines))
    clamp = _least_count(styles, _CLAMPS)
    if clamp is not None and needed > clamp[1]:
        return f"{clamp[0]} for about {needed} lines"
    high = None if inside.grows else _least(styles, _HEIGHTS, em_px)
    tall = needed * max(line, inside.line_px) + inside.pushed + own_down
    if high is not None and tall > high[1] + 0.5:
        return f"{high[0]} for about {needed} lines" + (
            f" and {inside.pushed + own_down:.0f} px of boxes" if inside.pushed + own_down else "")
    return ""


def _width_em(text: str) -> float:
    """The width of a line of ``text`` in ems, at least: ``CHAR_EM`` a letter, ``WIDE_EM`` a
    wide one."""
    return sum(WIDE_EM if char in "mwMW@%" or unicodedata.east_asian_width(char) in "WF"
               else CHAR_EM for char in text)


def _least(styles: list[dict[str, str]], names: tuple[str, ...],
           font_px: float) -> tuple[str, float] | None:
    """The least of the lengths ``names`` set in ``styles``, as ("name: value", px); a length
    worked out (``calc()``) is none; None where none is set in pixels."""
    least = None
    for declarations in styles:
        for name in names:
            value = declarations.get(name, "")
            if _COMPUTED_LENGTH.search(value):
                return f"{name}: {value}", 0.0
            px = length_px(value, font_px)
            if px is not None and (least is None or px < least[1]):
                least = f"{name}: {value}", px
    return least


def _least_count(styles: list[dict[str, str]], names: tuple[str, ...]) -> tuple[str, int] | None:
    least = None
    for declarations in styles:
        for name in names:
            value = declarations.get(name, "")
            if value.isdigit() and int(value) > 0 and (least is None or int(value) < least[1]):
                least = f"{name}: {value}", int(value)
    return least


def read_text(insides: list[Inside], data: str) -> None:
    """Count in each of ``insides`` what the reading's collapsed spaces leave out of a text
    they hold: the newlines and spaces it keeps, no-break spaces, the longest word no line
    may break."""
    newlines, kept = data.count("\n"), data.count(" ") + 8 * data.count("\t")
    no_break = data.count("\xa0")
    longest = max(_UNBROKEN.split(data), key=len)
    for inside in insides:
        if inside.keeps_newlines:
            inside.breaks += newlines
            inside.spaces += kept
        inside.spaces += no_break
        if len(longest) > len(inside.longest_word):
            inside.longest_word = longest


def keeps_newlines(tag: str, styles: list[dict[str, str]]) -> bool:
    """Whether a box's own newlines begin lines (a ``<pre>``, a ``white-space`` that keeps
    them)."""
    return tag in ("pre", "listing", "xmp", "textarea", "plaintext") or any(
        word in _KEEPS_NEWLINES for declarations in styles
        for word in declarations.get("white-space", "").split())
