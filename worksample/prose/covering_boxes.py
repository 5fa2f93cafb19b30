"""Whether a page draws a box that may be laid over its text, which a reader then does not see
(an empty white box set over the keywords, a frame or an image placed on them).

A box may cover text when it is drawn and paints something (``css_hiding.paints``: a
background, an image, a gradient; ``text_boxes.paints_edges``: a border, an outline or a
shadow wide enough; or content of its own: an image, SVG, a frame, a form field), and it is
laid where other text is: taken out of the flow or set off its place
(``text_boxes.drawn_over_text``), inside an ancestor that is, or reaching out of its box
(``css_hiding.reaches_out``). Which text it covers is not worked out: the page's reader
(``page_text``) hides all of it.
"""

from __future__ import annotations

import re

from worksample.prose.css_hiding import FAINT, declared, opacity_of, paints, reaches_out
from worksample.prose.style_rules import HidingRules
from worksample.prose.text_boxes import MAY_BE_LAID_OVER, drawn_over_text, paints_edges

# what may paint past a box's edges (``css_hiding.reaches_out``)
_REACHING = re.compile(r"(?:^|[;{\s])(?:outline[\w-]*|box-shadow|text-decoration[\w-]*|"
                       r"border-image-outset)\s*:", re.IGNORECASE)
# elements that draw content of their own, which may be laid over text
REPLACED = frozenset({"img", "svg", "video", "iframe", "object", "embed", "canvas", "input",
                      "select", "textarea", "button", "hr", "meter", "progress", "picture",
                      "audio", "frame", "frameset", "applet"})


class Covers:
    """The boxes of one page that may be laid over its text, looked at element by element as
    the page is read; ``why`` is the first found ('' while none is). ``painting`` and
    ``placing``: the style rules that may lay a box (or its ``::before`` or ``::after``) over
    other text and paint it, or only lay it there (``style_rules.hidden_selectors``)."""

    def __init__(self, painting: HidingRules | None = None,
                 placing: HidingRules | None = None) -> None:
        self.painting, self.placing = painting, placing
        self.why = ""
        # for each open element, why it or an ancestor may be laid over other text ('' when
        # none may): a box it holds that paints is laid there too
        self._moved: list[str] = []

    def look_at(self, tag: str, attrs: dict, names: tuple, style: str) -> None:
        """Look at an element (its ``names`` as ``page_text`` reads them, ``style``: what it is
        drawn in), whether or not its text is read: an empty box, an image, a box whose own
        text is white or moved away may all be laid over the text."""
        if self.why:
            return
        why = self.painting.hiding(*names) if self.painting else ""
        if not why:
            moved = self._moved[-1] if self._moved else ""
            placed = self.placing.hiding(*names) if self.placing else ""
            if not (moved or placed or MAY_BE_LAID_OVER.search(style) or _REACHING.search(
                    style)):
                return  # nothing may lay it over other text (most boxes: checked first)
            if not (tag in REPLACED or style and (paints(style) or paints_edges(
                    declared(style)))):
                return  # it paints nothing
            why = reaches_out(style) or drawn_over_text(declared(style)) or moved or placed
        if why and _drawn(tag, attrs, style):
            self.why = why

    def open(self, style: str) -> None:
        """An element opened, its content to be read, drawn in ``style``."""
        self._moved.append((self._moved[-1] if self._moved else "") or (
            drawn_over_text(declared(style)) if MAY_BE_LAID_OVER.search(style) else ""))

    def close(self) -> None:
        """The element last opened ended."""
        self._moved.pop()


def _drawn(tag: str, attrs: dict, style: str) -> bool:
    """Whether an element's box is drawn at all: not hidden by an attribute, not an unopened
    dialog or popover, not set to no display, not invisible, not faint past ``FAINT``."""
    if "hidden" in attrs or "popover" in attrs or tag == "dialog" and "open" not in attrs:
        return False
    if not style:
        return True
    declarations = declared(style)
    return declarations.get("display") != "none" and declarations.get("visibility") not in (
        "hidden", "collapse") and declarations.get("content-visibility") != "hidden" and \
        opacity_of(style) > FAINT
