"""Whether CSS declarations make text unreadable, judged by the values they set, not by how
they are spelt: a candidate who has read the list of spellings writes ``#fefefe``,
``hsl(0,0%,100%)``, ``opacity: .02`` or ``font-size: .1em`` instead.

tinycss2 reads the declarations and every CSS colour form (hex, rgb, hsl, hwb, lab, lch,
oklab, oklch, ``color()``, with commas or spaces, percentages, named colours). Text counts
as hidden when it is:

- the colour of what is under it, the page's white or the background its element or an
  ancestor paints, as ``contrast.alike`` judges it (each channel within ``1 - NEAR_WHITE``
  of it, or too little contrast: yellow on white; its lightness, for colour spaces not
  converted to sRGB); or
  nearly transparent (alpha at most ``FAINT``). A background is the colour it paints when its
  images do not load, as many mail clients show it: an image or a gradient alone paints
  nothing here (what a gradient or an image drawn with no request paints over that colour is
  ``images_under``'s, which ``page_text`` judges the text against too);
- at an opacity of at most ``FAINT``;
- smaller than a reader can see: under ``TINY_PX`` px or pt, at most ``TINY_EM`` em, rem,
  ex or ch, or ``TINY_PERCENT`` percent;
- scaled to at most ``FAINT`` by a transform, or clipped to nothing (``clip: rect(0 0 0 0)``,
  ``clip-path: inset(50%)`` or more, ``circle(0)``);
- in a box of zero width or height whose overflow is hidden.

A value such a property takes from a CSS function whose result is computed (a custom property,
``var(--x, #fff)``; maths, ``calc(0)``, ``clamp()``, ``sin()``; a mix, ``color-mix()``; a
colour made from another, ``rgb(from white r g b)``) hides its text too: it is not worked out
here, and a reader who did not count it would let any hiding through. An email client
supports few of these, and a reviewer sees the value that hid the text.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from worksample.prose.background_images import (
    ANY_COLOUR,
    Gradient,
    blended,
    images_paint,
    inset_shadows,
)
from worksample.prose.background_values import comma_layers, read_as_background, read_as_images
from worksample.prose.contrast import NEAR_WHITE, WHITE, alike
from worksample.prose.css_maths import least_px
from worksample.prose.css_types import MATHS
from worksample.prose.css_units import (
    DEGREES_PER_UNIT,
    KEYWORD_PX,
    LENGTH_UNITS,
    LINE_UNITS,
    font_size_word,
)
from worksample.prose.css_units import EM_PER_UNIT as _EM_PER_UNIT
from worksample.prose.css_units import PX_PER_UNIT as _PX_PER_UNIT
from worksample.prose.css_units import ROOT_UNITS as _ROOT_UNITS
from worksample.prose.css_validity import ALIASES, SUBSTITUTED, kept
from worksample.prose.text_boxes import far

FAINT = 0.1
TINY_PX = 3.0
TINY_EM = 0.2
TINY_PERCENT = 20.0
# text around so large that a size worked out of its ems and readable there is one of its ems,
# whatever else it adds ("calc(1em - 2px)"; "min(1em, 1px)" is tiny in any)
_LARGE_TEXT_PX = 1000.0
# the units a text size may be in: a length's, a percentage, none (a zero)
_UNITS_OF_A_SIZE = frozenset({"", "%", *LENGTH_UNITS})
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)$")  # "0." is none
_NUMBERS = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")
_LONG_DIGITS = re.compile(r"\d{21,}")
_SCALE = re.compile(r"(?<![\w-])scale[xyz3d]*\(([^()]*)\)")
_SCALES = re.compile(r"(?<![\w-])scale(x|y|z|3d)?\(([^()]*)\)")
_MATRIX = re.compile(r"(?<![\w-])matrix(?:3d)?\(([^()]*)\)")
_TRANSLATE = re.compile(r"(?<![\w-])translate[xyz3d]*\(([^()]*)\)")
_OPACITY_FILTER = re.compile(r"(?<![\w-])opacity\(\s*([^()\s]*)\s*\)")
_IMAGE = re.compile(r"(?<![\w-])(?:url|image|image-set|-webkit-image-set|cross-fade|element|"
                    r"paint|[\w-]*gradient)\(", re.IGNORECASE)
_UNREADABLE_FILTER = re.compile(r"(?<![\w-])(invert|blur|brightness|contrast)\(\s*([^()\s]*)\s*\)",
                                re.IGNORECASE)
OFF_PAGE_PX = 999.0  # an offset this far moves text off any page: "text-indent: -9999px"
OFF_PAGE_EM = 50.0
OFF_PAGE_LEFT_PX, OFF_PAGE_LEFT_EM = 320.0, 20.0  # leftward: the width of a phone's screen
_LEFTWARD = frozenset({"text-indent", "margin-left", "left", "margin-inline-start",
                       "inset-inline-start", "margin", "margin-inline", "inset", "inset-inline"})
# what CSS's keywords and system colours paint (a dark mode aside): text of "initial" is black
_KEYWORD_COLOURS = {"initial": "black", "canvastext": "black", "fieldtext": "black",
                    "buttontext": "black", "canvas": "white", "field": "white",
                    "buttonface": "#efefef", "buttonborder": "#767676", "graytext": "#808080",
                    "linktext": "#0000ee", "visitedtext": "#551a8b", "activetext": "#ff0000",
                    "mark": "yellow", "marktext": "black", "highlight": "#3390ff",
                    "highlighttext": "white", "selecteditem": "#3390ff",
                    "selecteditemtext": "white", "accentcolor": "#3390ff",
                    "accentcolortext": "white",
                    # the deprecated system colours, which tinycss2 does not read, as
                    # Chromium 156 paints them (a sixth red team's: "color: Window" is white)
                    **dict.fromkeys(("activecaption", "appworkspace", "background",
                                     "inactivecaption", "infobackground", "menu", "scrollbar",
                                     "window"), "white"),
                    **dict.fromkeys(("buttonhighlight", "buttonshadow", "threedface"),
                                    "#efefef"),
                    "inactivecaptiontext": "#808080",
                    # (a red team's) Chromium's own keywords for a link's colour
                    "-webkit-link": "#0000ee", "-webkit-activelink": "#ff0000",
                    **dict.fromkeys(("activeborder", "captiontext", "inactiveborder",
                                     "infotext", "menutext", "threeddarkshadow",
                                     "threedhighlight", "threedlightshadow", "threedshadow",
                                     "windowframe", "windowtext"), "black")}
CURRENT = "the text's own colour"  # what a background of "currentcolor" paints
_INSET = re.compile(r"inset\(([^()]*)\)")
_CIRCLE = re.compile(r"(?:circle|ellipse)\(\s*([^()\s]*)")
_TURN = re.compile(r"(?<![\w-])rotate[xy]\(\s*([^()\s]*)\s*\)")
_ANGLE_TURNS = {unit: degrees / 360 for unit, degrees in DEGREES_PER_UNIT.items()}
# what moves text by an offset (either way: off the page's left or top, or past its width or
# height, which a reader does not scroll to)
_OFFSETS = frozenset({"text-indent", "margin", "margin-left", "margin-top", "left", "top",
                      "right", "bottom", "translate", "margin-inline-start", "margin-block-start",
                      "margin-inline", "margin-block", "inset", "inset-inline", "inset-block",
                      "inset-inline-start", "inset-inline-end", "inset-block-start",
                      "inset-block-end"})
# CSS's functions whose value is computed, and relative colours ("rgb(from white r g b)")
_COMPUTED = re.compile(
    r"(?<![\w-])(?:-webkit-)?(?:" + "|".join(map(re.escape, sorted(MATHS | SUBSTITUTED)))
    + r"|[\w-]*-mix|light-dark|contrast-color|"
    r"--[\w-]+)\(|"  # (the last: a function the page defines, @function --f())
    r"\(\s*from\s", re.IGNORECASE)
# the properties a value can hide text by, and those that hide it only with overflow hidden
# (a computed offset or margin is common in layouts, and read as none)
_HIDING = frozenset({"color", "opacity", "font-size", "transform", "clip", "clip-path",
                     "background", "background-color", "-webkit-text-fill-color", "filter",
                     "zoom", "scale", "font-size-adjust", "-webkit-text-security", "content"})
_BOX = frozenset({"width", "height", "max-width", "max-height", "line-height"})
# a border image paints the middle of its box where its slice says "fill" (the prefixed
# shorthand always)
_BORDER_IMAGES = frozenset({"border-image", "-webkit-border-image", "border-image-source"})
# a mask shows the text only where its image is opaque: none is read, so any mask hides
# (-webkit-mask and -webkit-mask-image are read as mask and mask-image, css_validity.ALIASES)
_MASKS = frozenset({"mask", "mask-image", "-webkit-mask-box-image", "mask-border",
                    "mask-border-source"})
_SIZES = ("font", "font-size")  # the declarations of a text's size
_SCALED = re.compile(r"scale|zoom|matrix|perspective|translate|rotate", re.IGNORECASE)
_PERSPECTIVE = re.compile(r"(?<![\w-])perspective\(\s*([^()\s]*)\s*\)")
# functions that may turn a length negative, which a red team used to move text off the page
_SIGN_TURNED = re.compile(r"(?<![\w-])(?:cos|sin|tan|sign|mod|rem|round|atan2?|asin|acos)\(",
                          re.IGNORECASE)
_ROTATIONS = re.compile(r"(?<![\w-])rotate(x|y|3d)\(([^()]*)\)")
_STROKE_WIDTHS = {"thin": 1.0, "medium": 3.0, "thick": 5.0}
_WORDS = re.compile(r"[\w.#%+-]+\([^()]*(?:\([^()]*\)[^()]*)*\)|[^\s()]+")
_TRANSLATE_Z = re.compile(r"(?<![\w-])translatez\(\s*([^()\s]*)\s*\)|(?<![\w-])translate3d\("
                          r"[^(),]*,[^(),]*,\s*([^()\s]*)\s*\)")
_SIZE_KEYWORDS = frozenset({*KEYWORD_PX, "larger", "smaller"})
_COLOURS = frozenset({"color", "background-color", "-webkit-text-fill-color"})
BRACKETS_MOST = 32  # "rgb(calc(var(--x)))" nests three
_BRACKET = re.compile(r"[()\[\]{}]")
_CLOSES = {"(": ")", "[": "]", "{": "}"}


def hiding_value(style: str, sizes: bool = True, colour: bool = True,
                 page: object = None) -> str:
    """The declaration of ``style`` (an inline style or a rule's body) whose value hides text,
    as "name: value"; '' when none does; a colour is judged against the background the style
    paints, else the ``page`` (None: white; ``colours_of`` and ``same_as_under`` judge it
    against what an element's ancestors paint); without ``colour``, the colour of the text is
    not judged, unless it is computed. A style nesting brackets deeper than
    ``BRACKETS_MOST`` hides its text too: no stylesheet does, and tinycss2 reads each level
    with a call of its own (a 540-byte style ran out of Python's stack). Brackets escaped or
    in a string or a comment, which the count takes for closing ones, still run tinycss2 out
    of stack: that too is a style too deeply nested to read."""
    if sum(map(style.count, "([{")) > BRACKETS_MOST:  # else they cannot nest deeper
        depth = bracket_depth(style)
        if depth > BRACKETS_MOST:
            return f"brackets nested {depth} deep"
    try:
        declarations, important = _declarations(style)
    except RecursionError:  # unwound by now, with nothing of the grader's half done
        return "brackets nested too deep to read"
    painted = _painted(declarations, important)
    painted = page if painted is None else _over(painted, page)
    for name, value in declarations.items():
        if not sizes and name in _SIZES or not colour and name == "color" and not \
                _COMPUTED.search(value):
            continue  # read as inherited by the caller (``tiny_text``), or in the cascade
        if _hides(name, value, declarations, painted):
            return f"{name}: {value}"
    return ""


def text_colour_hiding(style: str, page: object = None) -> str:
    """The ``color`` of ``style`` that wins, as "color: value", when it cannot be told from
    the background the style paints, else the ``page`` (None: white); '' when it can, or is
    not set."""
    try:
        declarations, important = _declarations(style)
    except RecursionError:
        return "brackets nested too deep to read"
    value = declarations.get("color", "")
    painted = _painted(declarations, important)
    if value and _unreadable_colour(value, page if painted is None else _over(painted, page)):
        return f"color: {value}"
    return ""


def colours_of(style: str, colour: object = None, under: object = None) -> tuple[object, object]:
    """The colour of the text of an element of ``style`` and the colour under it, inside an
    element whose text is of ``colour`` over ``under`` (None: the page's, black over white):
    what its own declarations set, else what it inherits."""
    try:
        own, painted = _own_colours(style)
    except RecursionError:
        return colour, under
    colour = colour if own is None else own
    return colour, (_black() if colour is None else colour) if painted is CURRENT else (
        under if painted is None else _over(painted, under))


def _over(painted: object, under: object) -> object:
    """What a background of colour ``painted`` shows drawn over ``under`` (None: the white
    page): itself where it is opaque, else the two blended, so that boxes nested each a
    faint tint add up as a browser draws them; any colour over what is not one colour (an
    image's, a gradient's)."""
    if painted is CURRENT or painted.alpha >= 1:
        return painted
    top = _srgb(painted)
    if top is None:  # a space tinycss2 does not convert: as if opaque
        return painted
    if isinstance(under, str | Gradient):
        return ANY_COLOUR
    below = WHITE if under is None else _srgb(under)
    if below is None:
        return painted
    import tinycss2.color4

    return tinycss2.color4.Color("srgb", blended((*top, painted.alpha), below)[:3], 1.0)


@lru_cache(maxsize=256)
def _own_colours(style: str) -> tuple[object, object]:
    """The colour ``style`` sets its text in and the one it paints under it; None for each it
    does not set."""
    declarations, important = _declarations(style)
    own = _colour(declarations.get("color", ""))
    return (None if own is CURRENT else own), _painted(declarations, important)


def declared(style: str) -> dict[str, str]:
    """The declarations of ``style`` that win, each name with its value in lower case ({} for
    a style nested too deep to read)."""
    return declared_with_importance(style)[0]


def declared_with_importance(style: str) -> tuple[dict[str, str], frozenset[str]]:
    """``declared``, and the names of those that are ``!important`` (none for a style nesting
    brackets deeper than ``BRACKETS_MOST``, which tinycss2 would recurse into)."""
    if sum(map(style.count, "([{")) > BRACKETS_MOST and bracket_depth(style) > BRACKETS_MOST:
        return {}, frozenset()
    try:
        return _declarations(style)
    except RecursionError:
        return {}, frozenset()


def paints_an_image(style: str) -> bool:
    """Whether ``style``'s background holds an image or a gradient (which leaves a
    ``<body>``'s background where it is: not under the whole page)."""
    try:
        declarations, _ = _declarations(style)
    except RecursionError:
        return False
    return any(_IMAGE.search(declarations.get(name, ""))
               for name in ("background", "background-image"))


@lru_cache(maxsize=256)
def images_under(style: str) -> tuple:
    """What ``style`` paints over its background's colour, under its text, where a mail client
    draws it whether or not it loads images (``background_images``), the top first: the
    middle of a border image that fills it, shadows inside the box, the background's images.
    A ``Gradient`` for each gradient or shadow, or ``ANY_COLOUR`` for an image whose colours
    are not read (and for a gradient of "currentcolor": the colour of whichever text is on
    it); () when it paints none. Each is drawn over the colour under it (``drawn_under``)."""
    import tinycss2

    try:
        declarations, important = _declarations(style)
    except RecursionError:
        return ()
    named = [name for name in declarations if name in ("background", "background-image")]
    images = images_paint(tinycss2.parse_component_value_list(
        declarations[_winner(named, important)]), _colour, _srgb) if named else ()
    if images and declarations.get("background-blend-mode", "normal") not in ("normal", ""):
        images = (ANY_COLOUR,)  # (a red team's) blended with its colour: not worked out
    # (a red team's) drawn over those: shadows inside the box, and a border image's middle
    shadows = inset_shadows(tinycss2.parse_component_value_list(
        declarations["box-shadow"]), _colour, _srgb) if "box-shadow" in declarations else ()
    return (*_border_image_middle(declarations, important), *shadows, *images)


def _border_image_middle(declarations: dict[str, str], important: frozenset[str]) -> tuple:
    """What a border image paints in the middle of its box, under the text: its image where
    its slice says "fill" (``images_paint``); () where it does not."""
    import tinycss2

    named = [name for name in declarations if name in _BORDER_IMAGES]
    if not named:
        return ()
    winner = _winner(named, important)
    slice_ = declarations.get("border-image-slice", "") if winner == "border-image-source" \
        else declarations[winner]
    if not re.search(r"(?<![\w-])fill(?![\w-])", slice_) and winner != "-webkit-border-image":
        return ()
    source = declarations[winner]
    return images_paint(tinycss2.parse_component_value_list(source), _colour, _srgb)


def _winner(named: list[str], important: frozenset[str]) -> str:
    """Of declarations ``named`` in the order they win, the one that wins."""
    return ([name for name in named if name in important] or named)[-1]


def drawn_under(images: tuple, under: object) -> tuple[object, tuple]:
    """The colour under text once ``images`` (``images_under``'s, the top one first) are drawn
    over ``under`` (None: the white page), and what they leave to doubt: gradients each of one
    colour are blended in as a background's colour is (so many faint layers, or boxes
    nested each with one, add up), leaving nothing; else ``under``, and each image as
    ``drawn_over`` shows it."""
    import tinycss2.color4

    if not all(isinstance(image, Gradient) and image.solid for image in images):
        return under, tuple(drawn_over(image, under) for image in images)
    for image in reversed(images):
        *channels, alpha = image.stops[0]
        under = _over(tinycss2.color4.Color("srgb", tuple(channels), alpha), under)
    return under, ()


def drawn_over(image: object, under: object) -> object:
    """What an image of ``images_under`` shows over ``under`` (None: the white page): a
    gradient's stops that are not opaque blended with it; any colour over what is not one
    colour (an image's, a gradient's)."""
    if not isinstance(image, Gradient) or all(stop[3] >= 1 for stop in image.stops):
        return image
    if under is None or not isinstance(under, str | Gradient):
        channels = None if under is None else _srgb(under)
        if under is None or channels is not None:
            return image.over(channels)
    return ANY_COLOUR


def opacity_of(style: str) -> float:
    """How opaque ``style`` draws its element, 0 to 1: its ``opacity`` times the ``opacity()``
    of its ``filter`` (1 where it sets neither, or a value a browser ignores)."""
    if "opacity" not in style.lower():
        return 1.0
    try:
        declarations, _ = _declarations(style)
    except RecursionError:
        return 1.0
    own = _amount(declarations.get("opacity", "1"))
    opacity = 1.0 if own is None or own[1] not in ("", "%") else min(max(
        own[0] / (100 if own[1] == "%" else 1), 0.0), 1.0)
    return opacity * math.prod(_fraction(found) for found in _OPACITY_FILTER.findall(
        declarations.get("filter", "")))


def reaches_out(style: str) -> str:
    """Why what ``style`` paints may reach past its box, over text beside it, as "name: value":
    an outline or a line under its text ``THIN_PX`` or wider, or a shadow outside it set off
    or spread that far, at least half opaque (a soft card shadow reaches nowhere); '' when
    nothing does."""
    import tinycss2

    try:
        declarations, _ = _declarations(style)
    except RecursionError:
        return ""
    for name in ("outline", "outline-width", "outline-offset", "border-image-outset",
                 "text-decoration-thickness", "text-decoration"):
        if name in declarations and any(far(part) for part in declarations[name].split()):
            return f"{name}: {declarations[name]}"
    for layer in comma_layers(tinycss2.parse_component_value_list(
            declarations.get("box-shadow", ""))):
        texts = [tinycss2.serialize([token]).strip().lower() for token in layer]
        if "inset" in texts:
            continue
        lengths = [text for text in texts if _amount(text) is not None or _COMPUTED.search(
            text)]
        colour = next((found for found in map(_colour, texts) if found is not None), CURRENT)
        opaque = colour is CURRENT or colour.alpha >= 0.5
        # offsets, then a blur (soft: it reaches nothing) and a spread
        if opaque and any(far(length) for length in lengths[:2] + lengths[3:4]):
            return f"box-shadow: {declarations['box-shadow']}"
    return ""


def paints(style: str) -> bool:
    """Whether ``style`` paints anything a reader sees under or over text in its box: a
    background's colour, however faint, a gradient, an image drawn with no
    request, a shadow inside it, a border image's middle."""
    try:
        declarations, important = _declarations(style)
    except RecursionError:
        return False
    painted = _painted(declarations, important)
    # (a red team's) a faint one too: many laid over one another add up
    return painted is CURRENT or painted is not None and painted.alpha > 0 or \
        bool(images_under(style)) or any(  # a background computed: its colour not worked out
            _COMPUTED.search(declarations.get(name, "")) for name in (
                "background", "background-color", "background-image"))


def painted_by(style: str) -> object:
    """The colour ``style`` paints under its text, over the white page (``CURRENT``: the
    text's own colour); None when it paints none."""
    try:
        painted = _own_colours(style)[1]
    except RecursionError:
        return None
    return None if painted is None else _over(painted, None)


def same_as_under(colour: object, under: object) -> bool:
    """Whether text of ``colour`` cannot be told from the ``under`` it is on (None: the page's,
    black over white; ``ANY_COLOUR``: an image's, which may be any)."""
    if under is ANY_COLOUR:
        return True
    if isinstance(under, Gradient):
        return _on_gradient(colour or _black(), under)
    if colour is None and under is None:
        return False
    return _indistinct(colour or _black(), under)


@lru_cache(maxsize=256)
def _on_gradient(colour, gradient: Gradient) -> bool:
    """Whether text of ``colour`` cannot be told from a colour ``gradient`` paints (a colour
    not read in sRGB: taken as one it may be)."""
    channels = _srgb(colour)
    return channels is None or gradient.holds(channels)


@lru_cache(maxsize=1)
def _black():
    import tinycss2.color4

    return tinycss2.color4.parse_color("black")


@lru_cache(maxsize=256)
def _colour(value: str) -> object:
    """The colour a CSS value names: a colour form, a keyword or a system colour; ``CURRENT``
    for "currentcolor"; None when it names none."""
    import tinycss2.color4

    colour = tinycss2.color4.parse_color(_KEYWORD_COLOURS.get(value, value))
    if isinstance(colour, str):
        return CURRENT
    return colour


@lru_cache(maxsize=256)
def _declarations(style: str) -> tuple[dict[str, str], frozenset[str]]:
    """The declarations of ``style`` that win, as a browser reads them: each name with its value
    lowered, in the order of the one that wins (the last, unless an earlier one is
    ``!important``; one a browser drops as invalid is dropped: a colour no colour reader
    reads, a value ``css_validity`` does not keep), an alias under its property's name
    (``-webkit-transform``'s as ``transform``'s), and the names that are ``!important``.
    Cached: an element's style is read for what hides it and for its colours, and a document
    repeats its styles. Not to be changed by its callers."""
    import tinycss2

    declarations: dict[str, str] = {}
    important: set[str] = set()
    style = _LONG_DIGITS.sub(_shortened, style)  # tinycss2 refuses integers of 4,300 digits
    for item in tinycss2.parse_declaration_list(style, skip_comments=True,
                                                 skip_whitespace=True):
        if item.type != "declaration":
            continue
        name = ALIASES.get(item.lower_name, item.lower_name)
        if (name in important or "all" in important and _reset_by_all(name)) and \
                not item.important:
            continue
        value = tinycss2.serialize(item.value).strip().lower()
        if name in _COLOURS and _colour(value) is None and not _COMPUTED.search(
                value) and value not in ("inherit", "unset", "revert", "transparent") or \
                name == "background" and not _COMPUTED.search(value) and \
                not read_as_background(item.value, lambda text: _colour(text) is not None) or \
                name == "background-image" and not _COMPUTED.search(value) and \
                not read_as_images(item.value) or not kept(name, item.value):
            continue  # a browser drops what it cannot read and keeps the one before
        if name == "all":
            _reset_all(declarations, important, value, item.important)
            continue
        declarations.pop(name, None)
        declarations[name] = value
        if item.important:
            important.add(name)
    return declarations, frozenset(important)


def _reset_all(declarations: dict[str, str], important: set[str], keyword: str,
               is_important: bool) -> None:
    """Read ``all: keyword``: it sets every property but a custom one, ``direction`` and
    ``unicode-bidi`` to ``keyword``, so the declarations before it give way (an
    ``!important`` one only to an ``!important`` ``all``). Of what the hiding rules read,
    "initial" gives the text its size, its line's height and its colour at their initial
    values; "inherit", "unset" and "revert" leave them inherited (the size and the line set
    so, to win over what a weaker style sets: an ``!important`` rule's ``all: inherit``), and
    the rest unset."""
    for name in [name for name in declarations if _reset_by_all(name)]:
        if is_important or name not in important:
            del declarations[name]
            important.discard(name)
    given = {"initial": "initial", "unset": "inherit"}.get(keyword, keyword)
    names = ("font-size", "line-height", "color") if keyword == "initial" else \
        ("font-size", "line-height") if keyword in ("inherit", "unset", "revert",
                                                    "revert-layer") else ()
    for name in names:
        if is_important or name not in important:  # (an !important one stays)
            declarations[name] = given
        if is_important:
            important.add(name)
    if is_important:
        important.add("all")


def _reset_by_all(name: str) -> bool:
    return not name.startswith("--") and name not in ("direction", "unicode-bidi")


def _painted(declarations: dict[str, str], important: frozenset[str] = frozenset()) -> object:
    """The colour a style's own background paints when its images do not load (the colour of
    a ``background-color``, or the one a ``background`` names beside its image or gradient;
    of the two, the one that wins, with its alpha: ``_over`` draws it); ``CURRENT`` for the
    text's own colour; None when it paints none, or a transparent one."""
    import tinycss2

    named = [name for name in declarations if name in ("background", "background-color")]
    if not named:
        return None
    for token in tinycss2.parse_component_value_list(declarations[_winner(named, important)]):
        colour = _colour(tinycss2.serialize([token]).strip())
        if colour is CURRENT:
            return CURRENT
        if colour is not None:
            return None if colour.alpha <= 0 else colour
    return None


def bracket_depth(style: str) -> int:
    """How deep ``style``'s brackets nest, as CSS reads them: a bracket closes only the last
    one opened of its kind ("(]" leaves the "(" open)."""
    open_ones: list[str] = []
    deepest = 0
    for bracket in _BRACKET.findall(style):
        if bracket in _CLOSES:
            open_ones.append(_CLOSES[bracket])
            deepest = max(deepest, len(open_ones))
        elif open_ones and open_ones[-1] == bracket:
            open_ones.pop()
    return deepest


def _hides(name: str, value: str, declarations: dict[str, str], under: object) -> bool:
    if name in _BOX and declarations.get("overflow", declarations.get("overflow-x", "")) not in (
            "hidden", "clip"):
        return False
    if (name in _HIDING or name in _BOX) and _COMPUTED.search(value):
        return not (name == "font-size" and _readable_at_least(value))
    # not "mso-hide: all": only Outlook hides by it, the rest show what it is on (a button
    # for every client but Outlook, which gets its own in an "<!--[if mso]>" comment)
    if name in _MASKS:  # (a red team's) a mask of a see-through gradient, or of no size
        return value not in ("none", "")
    if name == "backface-visibility":
        # its back turned to the reader (a turn past a quarter about x or y) is not drawn
        return value == "hidden" and any(
            math.cos(2 * math.pi * _turns(turn)) < 0
            for turn in _TURN.findall(declarations.get("transform", "")))
    if name == "mix-blend-mode":  # drawn blended with what is under it: not worked out
        return value not in ("normal", "")
    if name in ("display", "visibility", "content-visibility"):
        return value in {"display": ("none", "table-column", "table-column-group"),
                         "visibility": ("hidden", "collapse"),
                         "content-visibility": ("hidden",)}[name]
    if name in ("color", "-webkit-text-fill-color"):
        # a fill of "initial" is the text's colour, judged as its colour
        return not (name != "color" and value == "initial") and _unreadable_colour(value, under)
    if name == "filter":
        # an SVG filter is not worked out; the functions of one list act one after another, so
        # their amounts multiply (a red team's: "opacity(.2) opacity(.2)")
        return "url(" in value or math.prod(_fraction(found) for found in _OPACITY_FILTER.findall(
            value)) <= FAINT or _filtered_away(_UNREADABLE_FILTER.findall(value))
    # discs drawn for the letters; an image drawn for the element's content; glyphs scaled by
    # their aspect ("font-size-adjust: 0.01")
    if name == "-webkit-text-security":
        return value not in ("none", "")
    if name == "content":  # an image only: Chromium keeps the text of "content: 'x'"
        return _IMAGE.search(value) is not None
    if name == "font-size-adjust":  # its number is last ("ex-height 0.01", a red team's)
        amount = _amount(value.split()[-1]) if value.split() else None
        return amount is not None and amount[1] == "" and amount[0] <= FAINT
    if name in ("transform", "scale", "zoom", "rotate") and _scaled_away(declarations):
        return True
    if name in ("zoom", "scale"):
        return any(_fraction(found) <= FAINT for found in value.split())
    if name == "font":  # its size is the first length
        return next((_tiny(word) for word in re.split(r"[\s/]+", value)
                     if _amount(word) is not None), False)
    if name in _OFFSETS:  # (a red team's: a length turned negative by "cos(180deg)")
        return any(_off_page(word, name) for word in value.split()) or bool(
            _SIGN_TURNED.search(value))
    if name in ("offset", "offset-path"):  # moved along a path, anywhere
        return value not in ("none", "auto", "")
    if name == "opacity":
        amount = _amount(value)  # a number or a percentage; anything else a browser ignores
        return amount is not None and amount[1] in ("", "%") and \
            amount[0] / (100 if amount[1] == "%" else 1) <= FAINT
    if name == "font-size":
        return _tiny(value)
    if name == "transform":
        return (any(abs(float(number)) <= FAINT for scale in _SCALE.findall(value)
                    for number in _NUMBERS.findall(scale))
                or any(_collapses(matrix) for matrix in _MATRIX.findall(value))
                or any(abs(math.cos(2 * math.pi * _turns(turn))) <= FAINT
                       for turn in _TURN.findall(value))  # seen edge on: a line
                or any(_off_page(word.strip(), "translate")
                       for moved in _TRANSLATE.findall(value) for word in moved.split(",")))
    if name == "clip":  # a rectangle too small to read in (the values are its edges)
        edges = [_px(part) for part in re.split(r"[\s,]+", value[5:-1].strip())] \
            if value.startswith("rect(") and value.endswith(")") else []
        return len(edges) == 4 and None not in edges and (
            edges[2] - edges[0] < TINY_PX or edges[1] - edges[3] < TINY_PX)
    if name == "clip-path":
        return _clipped_away(value)
    if name in _BOX:  # its overflow hidden
        amount = _amount(value)
        return amount is not None and (amount[0] <= 0 or amount[1] in ("px", "pt")
                                       and amount[0] < TINY_PX)
    return False


def _scaled_away(declarations: dict[str, str]) -> bool:
    """Whether a style's scales, multiplied, shrink its text to ``FAINT`` or less one way or
    the other (a red team's "scale(.3) scale(.3)")."""
    return min(scales(declarations)) <= FAINT


def scales_of(style: str, perspective: float = 0.0) -> tuple[float, float]:
    """How much ``style`` scales its element across and down (``scales``), inside one whose
    ``perspective`` is so many px (0: none)."""
    if not _SCALED.search(style):
        return 1.0, 1.0
    try:
        return scales(_declarations(style)[0], perspective)
    except RecursionError:
        return 1.0, 1.0


def scales(declarations: dict[str, str], perspective: float = 0.0) -> tuple[float, float]:
    """How much an element of ``declarations`` is scaled across and down: each ``scale()`` and
    ``matrix()`` of its transform, its ``scale`` and its ``zoom`` multiplied, and a move away
    from the reader seen in a perspective (its own ``perspective()``, else its parent's
    ``perspective``, so many px); (1, 1) where it sets none."""
    across, down = _scales(declarations)
    transform = declarations.get("transform", "")
    for matrix in _MATRIX.findall(transform):
        numbers = [float(number) for number in _NUMBERS.findall(matrix)]
        if len(numbers) in (6, 16):  # its x and y columns
            first, second = (numbers[0:2], numbers[2:4]) if len(numbers) == 6 else (
                numbers[0:2], numbers[4:6])
            across, down = across * math.hypot(*first), down * math.hypot(*second)
    # a turn about x or y flattens it that way (its projection on the page), as does the
    # "rotate" property's
    turns = [(axis, arguments.split(",")) for axis, arguments in _ROTATIONS.findall(transform)]
    rotate = declarations.get("rotate", "").split()
    if len(rotate) == 2 and rotate[0] in ("x", "y"):
        turns.append((rotate[0], [rotate[1]]))
    elif len(rotate) == 4:
        turns.append(("3d", rotate))
    for axis, arguments in turns:
        if axis == "3d" and len(arguments) == 4:
            vector = [abs(_fraction_or_zero(part)) for part in arguments[:3]]
            axis = "x" if vector[0] >= max(vector[1:]) else "y" if vector[1] >= vector[2] else ""
        if axis in ("x", "y") and arguments:
            flat = abs(math.cos(2 * math.pi * _turns(arguments[-1].strip())))
            across, down = (across * flat, down) if axis == "y" else (across, down * flat)
    seen_from = next((length_px(found) for found in _PERSPECTIVE.findall(transform)),
                     None) or perspective
    away = sum(length_px(alone or in_three) or 0.0
               for alone, in_three in _TRANSLATE_Z.findall(transform))
    if seen_from and seen_from > 0 and away < 0:
        across, down = across * seen_from / (seen_from - away), down * seen_from / (
            seen_from - away)
    return across, down


def perspective_of(style: str) -> float:
    """The ``perspective`` an element of ``style`` gives what it holds, in px (0 for none)."""
    if "perspective" not in style.lower():
        return 0.0
    try:
        return max(length_px(_declarations(style)[0].get("perspective", "")) or 0.0, 0.0)
    except RecursionError:
        return 0.0


def filters_of(style: str) -> tuple[float, float]:
    """The contrast and the brightness an element of ``style`` is filtered to, its ``filter``'s
    ``contrast()`` and ``brightness()`` each multiplied ((1, 1) where it sets none)."""
    if "filter" not in style.lower():
        return 1.0, 1.0
    try:
        return _contrast_and_brightness(
            _UNREADABLE_FILTER.findall(_declarations(style)[0].get("filter", "")))
    except RecursionError:
        return 1.0, 1.0


def _contrast_and_brightness(functions: list[tuple[str, str]]) -> tuple[float, float]:
    """A filter's ``functions`` (name, argument): its ``contrast()`` and its ``brightness()``,
    each multiplied (one a browser ignores counts as 1)."""
    contrast = brightness = 1.0
    for function, argument in functions:
        amount = _amount(argument) if argument else (1.0, "")
        if amount is None or amount[1] not in ("", "%"):
            continue
        share = max(amount[0], 0.0) / (100 if amount[1] == "%" else 1)
        contrast *= share if function.lower() == "contrast" else 1.0
        brightness *= share if function.lower() == "brightness" else 1.0
    return contrast, brightness


def filtered_away(contrast: float, brightness: float) -> bool:
    """Whether text filtered to ``contrast`` and ``brightness`` cannot be read: every colour
    one grey (``FAINT`` or less), or a grey lifted to white (2 or more)."""
    return contrast <= FAINT or brightness >= 2


def stroke_of(style: str, inherited: tuple[object, float], font_px: float
              ) -> tuple[object, float]:
    """The colour and the width in px of the stroke drawn round an element's letters
    (``-webkit-text-stroke``, inherited); ``inherited`` where it sets none. A colour of None
    is the text's own."""
    if "stroke" not in style.lower():
        return inherited
    try:
        declarations = _declarations(style)[0]
    except RecursionError:
        return inherited
    colour, width = inherited
    for word in _WORDS.findall(declarations.get("-webkit-text-stroke", "")):
        px = _stroke_px(word, font_px)
        if px is not None:
            width = px
        elif _colour(word) is not None:
            colour = None if _colour(word) is CURRENT else _colour(word)
    if "-webkit-text-stroke-width" in declarations:
        width = _stroke_px(declarations["-webkit-text-stroke-width"], font_px) or 0.0
    if "-webkit-text-stroke-color" in declarations:
        found = _colour(declarations["-webkit-text-stroke-color"])
        colour = None if found is None or found is CURRENT else found
    return colour, width


def _stroke_px(word: str, font_px: float) -> float | None:
    """A stroke's width in px: a length, a keyword; one worked out (``calc()``) as wide as any
    (its colour then covers the letters); None for what is no width."""
    if word in _STROKE_WIDTHS:
        return _STROKE_WIDTHS[word]
    if _COMPUTED.search(word):
        return math.inf
    return length_px(word, font_px)


def _fraction_or_zero(value: str) -> float:
    amount = _amount(value.strip())
    return amount[0] if amount is not None and amount[1] == "" else 0.0


def _scales(declarations: dict[str, str]) -> tuple[float, float]:
    across = down = _fraction(declarations.get("zoom", "1"))
    for axis, arguments in _SCALES.findall(declarations.get("transform", "")):
        factors = [_fraction(part) for part in re.split(r"[\s,]+", arguments.strip()) if part]
        if not factors:
            continue
        if axis in ("", "3d"):
            across *= factors[0]
            down *= factors[1] if len(factors) > 1 else factors[0] if axis == "" else 1.0
        elif axis == "x":
            across *= factors[0]
        elif axis == "y":
            down *= factors[0]
    own = [_fraction(part) for part in declarations.get("scale", "").split()]
    if own:
        across *= own[0]
        down *= own[1] if len(own) > 1 else own[0]
    return abs(across), abs(down)


def _fraction(value: str) -> float:
    """A number or a percentage as a fraction (1 for anything else: it hides nothing)."""
    amount = _amount(value)
    if amount is None or amount[1] not in ("", "%"):
        return 1.0
    return abs(amount[0]) / (100 if amount[1] == "%" else 1)


def _off_page(value: str, name: str) -> bool:
    """Whether a length moves text of a declaration ``name`` off the page: ``OFF_PAGE_PX`` or
    ``OFF_PAGE_EM`` either way (in any absolute unit, or the viewport's), or a percentage of
    100 or more (a ``translate``'s of its own box, the rest of the box they are in)."""
    amount = _amount(value)
    if amount is None:
        return False
    number, unit = amount
    if unit == "%":
        return abs(number) >= 100 and name != "text-indent" or number <= -100
    # (a red team's) text moved left past a phone's width has left the page, however long
    # its line: "text-indent: -30em"
    leftward = number < 0 and name in _LEFTWARD
    if unit in _PX_PER_UNIT and _PX_PER_UNIT[unit]:
        return abs(number) * _PX_PER_UNIT[unit] >= (OFF_PAGE_LEFT_PX if leftward else OFF_PAGE_PX)
    return unit in _EM_PER_UNIT and abs(number) >= (OFF_PAGE_LEFT_EM if leftward else OFF_PAGE_EM)


def _px(value: str) -> float | None:
    """A length in pixels (an em as 16), or None where it is none or relative to a box."""
    return length_px(value)


def length_px(value: str, font_px: float = 16.0) -> float | None:
    """A length in the pixels it is at least (``_PX_PER_UNIT``), an em as ``font_px`` (a root
    em as 16); None where it is none, worked out, or relative to a box."""
    amount = _amount(value)
    if amount is None:
        return None
    number, unit = amount
    if unit in _PX_PER_UNIT:
        return number * _PX_PER_UNIT[unit]
    if unit in _EM_PER_UNIT:
        return number * _EM_PER_UNIT[unit] * (16.0 if unit in _ROOT_UNITS else font_px)
    return 0.0 if unit == "" and number == 0 else None


def font_px_of(style: str, inherited: float = 16.0, root_px: float = 16.0) -> float:
    """The size in pixels of the text of an element of ``style`` inside one whose text is
    ``inherited`` px: its ``font-size`` (or the size of its ``font``) in absolute terms, or
    relative to the inherited size or the root's (``root_px``); the least one worked out may
    be (``css_maths.least_px``); ``inherited`` where it sets none, or one not worked out."""
    if not may_size_text(style):
        return inherited
    try:
        declarations, important = _declarations(style)
    except RecursionError:
        return inherited
    return font_size_px(declarations, inherited, important, root_px)


def may_size_text(style: str) -> bool:
    """Whether a style may set its text's size: it names a font or ``all``, or escapes a
    letter of a name (a red team's "f\\6fnt-size: 40px")."""
    lowered = style.lower()
    return "font" in lowered or "all" in lowered or "\\" in style


def font_size_px(declarations: dict[str, str], inherited: float = 16.0,
                 important: frozenset[str] = frozenset(), root_px: float = 16.0) -> float:
    """``font_px_of``, of a style's declarations (``declared``; ``important``: the names of
    those that are ``!important``)."""
    sizes = [(name, value) for name, value in declarations.items() if name in _SIZES]
    if not sizes:
        return inherited
    name, value = ([size for size in sizes if size[0] in important] or sizes)[-1]
    if name == "font":
        value = font_size_word(value)
    if value in KEYWORD_PX:
        return KEYWORD_PX[value]
    if value == "larger":
        return inherited * 1.2
    if value == "smaller":
        return inherited / 1.2
    amount = _amount(value)
    if amount is not None and amount[1] == "%":
        return max(amount[0], 0.0) * inherited / 100
    if amount is not None and amount[1] in _ROOT_UNITS:  # the root's size, as the page sets it
        return max(amount[0], 0.0) * _EM_PER_UNIT[amount[1]] * root_px
    size = length_px(value, inherited)
    if size is None and _COMPUTED.search(value):
        size = least_px(value, root_px, inherited)
    return inherited if size is None else max(size, 0.0)


def fill_of(style: str, inherited: object = None) -> object:
    """The colour the letters of an element of ``style`` are filled with where it is not
    their ``color``: its ``-webkit-text-fill-color``, which its descendants inherit over
    their own ``color``; ``inherited`` where it sets none; None for "currentcolor" (its
    ``color``, as where none is set)."""
    if "fill-color" not in style.lower():
        return inherited
    try:
        value = _declarations(style)[0].get("-webkit-text-fill-color")
    except RecursionError:
        return inherited
    if value is None or value in ("inherit", "unset") or _COMPUTED.search(value):
        return inherited  # (a fill worked out hides its own element: ``_hides``)
    colour = _colour(value)
    return None if colour is None or colour is CURRENT else colour


def _turns(angle: str) -> float:
    """An angle in turns (0 where it is none)."""
    found = re.fullmatch(r"([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(deg|grad|rad|turn)", angle)
    return float(found.group(1)) * _ANGLE_TURNS[found.group(2)] if found else 0.0


def _clipped_away(value: str) -> bool:
    """Whether a ``clip-path`` leaves too little to read: an inset that takes half or more
    each way, or top and bottom (left and right) together all; a circle or an ellipse under
    ``TINY_PX`` or 1%."""
    inset = _INSET.search(value)
    if inset:
        parts = [_amount(part) for part in inset.group(1).split(" round ")[0].split()]
        if parts and all(part is not None and (part[1] == "%" or part[0] == 0)
                         for part in parts):
            # one value for all four sides, two for top-bottom and left-right, three for top,
            # left-right and bottom
            top, right, bottom, left = (parts * 4 if len(parts) == 1 else parts * 2 if len(
                parts) == 2 else [*parts, parts[1]] if len(parts) == 3 else parts[:4])
            if top[0] + bottom[0] >= 100 or left[0] + right[0] >= 100:
                return True
    circle = _CIRCLE.search(value)
    if circle:
        radius = _amount(circle.group(1))
        return radius is not None and (radius[1] == "%" and radius[0] <= 1 or (
            _px(circle.group(1)) is not None and _px(circle.group(1)) < TINY_PX))
    return False


def _collapses(matrix: str) -> bool:
    """Whether a ``matrix()``'s numbers flatten what it transforms to a line or a point."""
    numbers = [abs(float(number)) for number in _NUMBERS.findall(matrix)]
    if len(numbers) == 16:  # matrix3d(): its x and y columns are the first two of four
        numbers = [numbers[0], numbers[1], numbers[4], numbers[5]]
    elif len(numbers) != 6:
        return False
    return max(numbers[0], numbers[1]) <= FAINT or max(numbers[2], numbers[3]) <= FAINT


def _unreadable_colour(value: str, under: object) -> bool:
    """Whether text of colour ``value`` cannot be told from ``under`` (None: the page)."""
    colour = _colour(value)
    if colour is None:  # unknown
        return False
    if colour is CURRENT:  # the colour it would have anyway
        return False
    return colour.alpha <= FAINT or under is CURRENT or _indistinct(colour, under)


@lru_cache(maxsize=256)
def _indistinct(colour, under) -> bool:
    """Whether a reader cannot tell ``colour`` from ``under`` (None: the page, white), as
    ``contrast.alike`` judges them."""
    mine, theirs = _srgb(colour), WHITE if under is None else _srgb(under)
    if mine is None or theirs is None:  # a space tinycss2 does not convert: by lightness
        return abs(_lightness(colour) - (1.0 if under is None else _lightness(under))) \
            <= 1 - NEAR_WHITE
    return alike(mine, theirs)


def _srgb(colour) -> tuple[float, ...] | None:
    """The colour's sRGB channels, 0 to 1 (a channel written "none" as 0); None for a space
    tinycss2 does not convert."""
    try:
        # a channel out of range is clamped, as a browser draws it ("rgb(1e3 1e3 1e3)")
        return tuple(min(max(channel or 0.0, 0.0), 1.0)
                     for channel in colour.to("srgb").coordinates)
    except (NotImplementedError, TypeError):
        return None


def _lightness(colour) -> float:
    """How close to white, 0 to 1: the darkest sRGB channel, or the lightness of a
    perceptual space (lab, lch, oklab, oklch), whose first coordinate is it."""
    if colour.space in ("lab", "lch"):
        return (colour.coordinates[0] or 0.0) / 100
    if colour.space in ("oklab", "oklch"):
        return colour.coordinates[0] or 0.0
    channels = _srgb(colour)  # else, a space tinycss2 does not convert: judge its channels
    return min(channels if channels is not None
               else (channel or 0.0 for channel in colour.coordinates))


def tiny_text(style: str, inherited: str = "") -> str:
    """Why the text of an element of ``style`` is too small to read, inside an element whose
    text is for ``inherited`` ('' when it is not): a ``font-size`` set in absolute terms
    (px, pt, rem, a keyword, ``initial``) decides; one relative to the size inherited (em, %,
    ``larger``, ``inherit``), a ``font`` shorthand (only when its size is tiny) or none keeps
    ``inherited``, as a browser computes it. So ``font-size: 0`` on
    a wrapper hides none of a child's text set at 15px (templates set it to close the gaps
    between columns), and all of a child's at 1em."""
    try:
        declarations, important = _declarations(style)
    except RecursionError:
        return "brackets nested too deep to read"
    sizes = [(name, value) for name, value in declarations.items() if name in _SIZES]
    if not sizes:
        return inherited
    # of "font" and "font-size", the one that wins: an important one, else the last
    name, value = ([size for size in sizes if size[0] in important] or sizes)[-1]
    if _COMPUTED.search(value):
        if name == "font-size" and _readable_at_least(value):
            return ""
        # a size of the text around it (calc(1em - 2px)): read in px where it is drawn
        return inherited if name == "font-size" and _readable_at_least(value, _LARGE_TEXT_PX) \
            else f"{name}: {value}"
    if name == "font":
        # its size, when tiny, hides; it sets none again: a browser drops a shorthand that is
        # not valid whole ("font: 15px", "font: 15px serif,"), which is not read here
        size = next((word for word in re.split(r"[\s/]+", value) if _amount(word) is not None),
                    None)
        return f"{name}: {value}" if size is not None and _tiny(size) else inherited
    size = value
    if _tiny(size):
        return f"{name}: {value}"
    amount = _amount(size)
    absolute = size in _SIZE_KEYWORDS - {"larger", "smaller"} or amount is not None and (
        amount[1] in _PX_PER_UNIT or amount[1] in _ROOT_UNITS) and amount[0] > 0
    return "" if absolute else inherited


def _readable_at_least(size: str, em_px: float = 0.0) -> bool:
    """Whether a text size worked out (``calc()``...) is readable at the least it may be on any
    screen (Bootstrap's headings, "calc(1.375rem + 1.5vw)"), inside text of at least ``em_px``
    (0: any size)."""
    least = least_px(size, em_px=em_px)
    return least is not None and least >= TINY_PX


def _filtered_away(functions: list[tuple[str, str]]) -> bool:
    """Whether a ``filter``'s ``functions`` (name, argument) leave text unreadable: an
    inversion of half or more (black on white becomes white on black, or one grey), a blur of
    2 px or more, brightness of 2 or more in all (a grey lifted to white), contrast of
    ``FAINT`` or less in all (every colour one grey)."""
    for function, argument in functions:
        function = function.lower()
        if function == "blur":
            amount = _amount(argument)
            if amount is not None and amount[1] in _PX_PER_UNIT and \
                    amount[0] * _PX_PER_UNIT[amount[1]] >= 2:
                return True
            continue
        amount = _amount(argument) if argument else (1.0, "")  # "invert()" is "invert(1)"
        if amount is not None and amount[1] in ("", "%") and function == "invert" and \
                amount[0] / (100 if amount[1] == "%" else 1) >= 0.4:
            return True
    return filtered_away(*_contrast_and_brightness(functions))


def _tiny(value: str) -> bool:
    amount = _amount(value)
    if amount is None:
        return False
    number, unit = amount
    if unit not in _UNITS_OF_A_SIZE:  # "0x" is no size: a browser ignores it
        return False
    if number <= 0 or unit in LINE_UNITS:  # a line's height may be none: not worked out
        return True
    if unit in ("px", "pt"):  # under 3 of either, as documented (3 pt is 4 px)
        return number < TINY_PX
    if unit in _PX_PER_UNIT:
        return number * _PX_PER_UNIT[unit] < TINY_PX
    if unit in _EM_PER_UNIT:
        return number * _EM_PER_UNIT[unit] <= TINY_EM
    if unit == "%":
        return number <= TINY_PERCENT
    return False


def _amount(value: str) -> tuple[float, str] | None:
    found = _NUMBER.match(value.replace("!important", "").strip())
    return (float(found.group(1)), found.group(2)) if found else None


def _shortened(digits: re.Match) -> str:
    """A run of digits no real style has, as a number of the same size class: its leading
    zeros dropped, and what still has more than 20 digits made 20 nines (huge is huge)."""
    significant = digits.group(0).lstrip("0") or "0"
    return significant if len(significant) <= 20 else "9" * 20
