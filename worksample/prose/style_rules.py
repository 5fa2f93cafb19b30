"""Which elements a page's style rules hide: the style sheets a browser applies
(``style_sheets``), their blocks read as CSS reads them (CSS nesting, braces inside brackets,
a block left open at the end), the rules whose declarations hide text, and what an element
needs for one of them to match it (``selectors``). A rule is taken to hide more than a
browser would, never less.

Rules for a print or a dark mode are left out of a plain style sheet (``media_queries``); a
sheet that is not plain is read two ways, and the rules of both count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from worksample.prose.animations import animated_away
from worksample.prose.clipped_text import PseudoBox, RuleDeclarations, first_not_painting
from worksample.prose.css_hiding import (
    BRACKETS_MOST,
    declared,
    declared_with_importance,
    hiding_value,
    paints,
)
from worksample.prose.css_maths import worked_out
from worksample.prose.custom_properties import (
    USES_CUSTOM,
    CustomProperties,
    custom_properties_of,
    whole_page,
)
from worksample.prose.media_queries import (
    at_rule_for_the_reader,
    blanked,
    for_the_reader,
    plain_structure,
)
from worksample.prose.selectors import (
    ANY_ELEMENT,
    NamesOnPage,
    Subject,
    at_rule,
    holds_style_rules,
    names_filed,
    nested_selector_list,
    selector_list,
    subjects,
)
from worksample.prose.sheet_colours import COLOUR_NAMES, SELECTOR_LIST_CHARS_MOST, ColourRules
from worksample.prose.style_sheets import StyleSheet
from worksample.prose.text_boxes import (
    MAY_BE_LAID_OVER,
    drawn_over_text,
    moves_text,
    paints_edges,
)

_BRACE = re.compile(r"[{}]")
_BRACKET = re.compile(r"[][(){}]")
_OPENING = {")": "(", "]": "[", "}": "{"}
_TRANSPARENT_TEXT = re.compile(r"(^|;|\s)color\s*:\s*transparent")
# declarations that hide, as written (``hiding_value`` reads the rest by value)
_HIDING = (
    # the names whole: "backface-visibility: hidden" (a common flicker fix) hides nothing, nor
    # does an SVG "fill-opacity: 0" on HTML text (a red team's)
    re.compile(r"(?<![\w-])display\s*:\s*none|(?<![\w-])(?:content-)?visibility\s*:\s*"
               r"(hidden|collapse)"),
    # a zero is 0*(?:0|\.0+), not 0*\.?0+: that splits a run of zeros every way, in turn
    re.compile(r"(?<![\w-])opacity\s*:\s*0*(?:0|\.0+)\s*(;|!|$)"),
    re.compile(r"(^|;|\s)(left|top|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}"),
    _TRANSPARENT_TEXT,
)
_TINY_TEXT = re.compile(r"font-size\s*:\s*(0*(?:0|\.0+)[a-z%]*|[0-2](\.\d+)?(px|pt))\s*(;|!|$)")
_HIDING_WITH_SIZES = (*_HIDING[:2], _TINY_TEXT, *_HIDING[2:])
_WHITE_TEXT = re.compile(r"(^|;|\s)color\s*:\s*(#fff\b|#ffffff\b|white\b|rgb\(\s*255\s*,\s*255\s*,"
                         r"\s*255\s*\))")
_ZERO_HEIGHT = re.compile(r"(^|;|\s)(max-)?height\s*:\s*0+[a-z%]*\s*(;|!|$)")


def hides(style: str, sizes: bool = True, colour: bool = True, page: object = None) -> str:
    """The CSS declaration in ``style`` that hides its text from a reader; '' when none does.
    Without ``sizes``, a font size hides nothing here: the caller reads it as inherited, for
    a descendant to set again (``css_hiding.tiny_text``). Without ``colour``, nor does the
    colour of its text, but for a computed one (a rule whose colours are applied in the
    cascade, ``sheet_colours``). A colour is judged against the background the style paints,
    else the ``page`` (the colour the root paints under all of it; None: white)."""
    declarations = style.lower()
    for pattern in _HIDING_WITH_SIZES if sizes else _HIDING:
        found = pattern.search(declarations)
        if found and (colour or pattern is not _TRANSPARENT_TEXT):
            return found.group(0).strip(" ;!")
    if colour and page is None and _WHITE_TEXT.search(declarations) and \
            "background" not in declarations:
        return "white text"
    if _ZERO_HEIGHT.search(declarations) and "overflow" in declarations:
        return "zero height"
    return hiding_value(style, sizes, colour, page)  # the same, and more, by value: #fefefe


def hidden_selectors(html: str, sheets: list[StyleSheet], colours: ColourRules | None = None,
                     moving: list | None = None, covering: tuple[list, list] | None = None,
                     keyframes: dict | None = None, clipping: list | None = None,
                     styles: Iterable[str] = ()) -> list[tuple[Subject, str]]:
    """(subject, why) for each selector a rule of ``sheets`` (``style_sheets``: those a
    browser applies to the page) hides: what an element needs for the selector to match it
    (``selectors.subjects``: its last part, read so that a rule hides more than a browser
    would, never less), unless its other parts need a name written nowhere in ``html``
    (``selectors.NamesOnPage``; the page's markup, or where it writes names,
    ``selectors.names_written``); rules for a print or a dark mode are left out
    (``media_queries``: not the reader a reply is graded for). A rule ``colours`` takes
    (``sheet_colours``: its selectors matched exactly, its colours in the cascade) hides
    nothing here by its colour; one it cannot take (in an at-rule, whose condition is not
    worked out; in a sheet not every browser applies in its place; matched otherwise than
    exactly) is judged alone, and its colours are doubted where it may apply. A rule that
    may move its text out of the boxes around it (``text_boxes``) adds (subject, why) to
    ``moving``; one that may draw a box over other text (``text_boxes.drawn_over_text``) adds
    them to the first of ``covering`` where it paints that box itself (a ``::before`` or
    ``::after`` too, filed under its element), else to the second. A rule that does more
    than paint (``clipped_text.first_not_painting``: it may clip a box, size it or what it
    holds, or scale it) adds (subject, its declarations, ``declared``) to ``clipping``, its
    ``::before`` and ``::after`` filed under their element. A
    rule that runs an animation whose ``keyframes`` leave its text hidden (``animations``)
    hides it too. A rule that uses the page's custom properties (``var()``: declared in its
    sheets and its elements' ``styles``) is judged once per reading of their values
    (``custom_properties``)."""
    selectors: list[tuple[Subject, str]] = []
    page = NamesOnPage(html)
    read = [(sheet, structure, list(_css_rules(sheet.css, structure)))
            for sheet in sheets if not sheet.media or for_the_reader(sheet.media)
            for structure in (plain_structure(sheet.css),)]
    custom = _custom_properties(html, read, styles) if any(
        USES_CUSTOM.search(sheet.css) for sheet, _, _ in read) else None
    for sheet, structure, rules in read:
        for rule, block, applies, unconditional in rules:
            if not applies:
                continue
            readings = [worked_out(reading)
                        for reading in (custom.variants(block) if custom else [block])]
            for declarations in readings:
                _judge(rule, declarations, page, colours, moving, covering, keyframes, clipping,
                       selectors, exact=sheet.sure and structure is not None and unconditional
                       and len(readings) == 1)
    return selectors


def _custom_properties(html: str, read: list, styles: Iterable[str]) -> CustomProperties:
    """The page's custom properties (``custom_properties``), from its sheets' rules (``read``:
    each sheet, its plain structure or None, its rules) that apply and may match an element
    of the page (a dark theme's "[data-theme=dark]" matches none where no element has the
    attribute), and from its elements' ``styles``."""
    names = NamesOnPage(html)
    rules = [(block, sheet.sure and structure is not None and unconditional
              and whole_page(rule.selector_list))
             for sheet, structure, blocks in read
             for rule, block, applies, unconditional in blocks
             if applies and "--" in block and any(names.may_have(
                 subject.context | subject.classes | subject.ids | subject.attributes)
                 for subject in rule.subjects)]
    return custom_properties_of([sheet for sheet, _, _ in read], rules, styles)


def _judge(rule: _StyleRule, declarations: str, page: NamesOnPage, colours: ColourRules | None,
           moving: list | None, covering: tuple[list, list] | None, keyframes: dict | None,
           clipping: list | None, selectors: list, exact: bool) -> None:
    """File what one reading of a rule's declarations does (``hidden_selectors``); ``exact``:
    its colours may be taken into the cascade (``sheet_colours``)."""
    taken = False
    if colours is not None and not COLOUR_NAMES.isdisjoint(declared(declarations)):
        taken = exact and rule.selector_list != "" and colours.take(
            rule.selector_list, declarations)
        if not taken:  # its colours may still be an element's: where they would hide
            colours.doubt(lambda rule=rule: [subject for subject in rule.subjects
                                             if page.may_have(subject.context)],
                          declarations)
    # (a rule's subjects are read only where it may do something: most rules do not)
    if moving is not None and moves_text(declared(declarations), ""):
        for subject in rule.subjects:
            why = moves_text(declared(declarations), subject.tag)
            if why and page.may_have(subject.context):
                moving.append((subject, why))
    if covering is not None:
        _covers(rule, declarations, page, covering)
    if clipping is not None and first_not_painting(declared(declarations)):
        own, important = declared_with_importance(declarations)
        clipping += [(subject, (PseudoBox if subject.pseudo else RuleDeclarations)(
            own, frozenset(own) if subject.over_own else important))
            for subject in rule.box_subjects if page.may_have(subject.context)]
    why = hides(declarations, colour=not taken) or animated_away(declarations, keyframes)
    if why:
        selectors += [(subject, why) for subject in rule.subjects
                      if page.may_have(subject.context)]


def _covers(rule: _StyleRule, declarations: str, page: NamesOnPage,
            covering: tuple[list, list]) -> None:
    """Add (subject, why) to the first of ``covering`` where ``rule`` draws a box over other
    text and paints it, to the second where it only places it so."""
    if not MAY_BE_LAID_OVER.search(declarations):  # most rules: a colour, a font
        return
    over = drawn_over_text(declared(declarations))
    if not over:
        return
    painted, placed = covering
    if paints(declarations) or paints_edges(declared(declarations)):
        painted += [(subject, over) for subject in rule.box_subjects
                    if page.may_have(subject.context)]
    else:
        placed += [(subject, over) for subject in rule.subjects
                   if page.may_have(subject.context)]


class _StyleRule:
    """A style rule's prelude, read for its subjects (``selectors.subjects``) only when one of
    its declarations hides: most rules hide nothing."""

    def __init__(self, prelude: str | None, around: _StyleRule | None = None):
        self.prelude, self.around = prelude, around
        self.depth = around.depth + 1 if around else 0

    @functools.cached_property
    def selector_list(self) -> str:
        """The rule's selector list written out whole, the rules around it in it (CSS
        nesting); '' where it is not known: in ``@scope`` (its scoping root), nested past
        ``BRACKETS_MOST`` rules, its brackets nested too deep, or written out longer than
        ``SELECTOR_LIST_CHARS_MOST``."""
        if self.prelude is None or self.depth > BRACKETS_MOST:
            return ""
        own = selector_list(self.prelude)
        if self.around is None or not own:
            return own
        around = self.around.selector_list
        # each "&" writes the list around out again: past a length, it is not matched here
        if not around or len(own) + (own.count("&") + 1) * (len(around) + 6) > \
                SELECTOR_LIST_CHARS_MOST:
            return ""
        return nested_selector_list(own, around)

    @functools.cached_property
    def subjects(self) -> list[Subject]:
        """What an element needs for one of the rule's selectors to match it."""
        if self.prelude is None:  # declarations right inside @scope apply to its root
            return [ANY_ELEMENT]
        # past any style sheet's depth, "&" is not read for the rules around (each would read
        # the one around it): the rule's own selectors need less, and so match more
        around = self.around if self.depth <= BRACKETS_MOST else None
        return subjects(self.prelude, around.subjects if around else None)

    @functools.cached_property
    def box_subjects(self) -> list[Subject]:
        """``subjects``, with a ``::before``, ``::after`` or ``::marker`` read as the element
        it is in."""
        if self.prelude is None:
            return [ANY_ELEMENT]
        around = self.around if self.depth <= BRACKETS_MOST else None
        return subjects(self.prelude, around.box_subjects if around else None, boxes=True)


_SCOPE_ROOT = _StyleRule(None)
_NO_RULES = _StyleRule(None)  # the blocks of an at-rule that holds no style rules


def _css_rules(css: str, structure: str | None = None):
    r"""(style rule, declarations, whether they apply to the reader) for the text of each block
    of ``css`` that a style rule holds: a rule's own ``{...}``, and, where rules nest (CSS
    nesting), each stretch of the rule's block between the blocks nested in it (the whole of
    such a stretch is read as declarations: a nested rule's selector among them hides
    nothing), and the blocks of at-rules inside it ("@media screen { color: #fff }" sets the
    rule's colour). A brace inside brackets ("(" or "[") is no block's, as CSS reads it
    (``:is(.x, }.z)`` is one selector). With ``structure`` (``css`` as long, what holds no
    block blanked: ``media_queries.plain_structure``) the braces and the at-rules are read from
    it, the selectors and declarations from ``css``, and a block inside an at-rule not for the
    reader (``media_queries.at_rule_for_the_reader``) does not apply. Without, where the blocks
    are is unsure, so the rules of two readings count, and all of them apply: every brace a
    block's, and the braces outside brackets once comments, strings and escapes are blanked. A block
    left open at the end of the sheet ends there, as in a browser."""
    if structure is not None:
        yield from _rules_read(css, structure, _block_braces(structure), plain=True)
        return
    yield from _rules_read(css, css, [(b.start(), b.group()) for b in _BRACE.finditer(css)],
                           every_block=True)
    shape = blanked(css, escapes=True)
    yield from _rules_read(css, shape, _block_braces(shape))


def _block_braces(shape: str) -> list[tuple[int, str]]:
    """Where each brace of ``shape`` that opens or closes a block is, and which it is: not
    one inside a "(" or a "[" left open (a closing bracket closes only the last one opened of
    its kind, and a "}" with none open is kept, as before)."""
    marks, open_ones = [], []
    inside = 0  # how many of those open are "(" or "["
    for bracket in _BRACKET.finditer(shape):
        mark = bracket.group()
        if mark in "([{":
            if mark == "{" and not inside:
                marks.append((bracket.start(), mark))
            open_ones.append(mark)
            inside += mark != "{"
        elif open_ones and open_ones[-1] == _OPENING[mark]:
            open_ones.pop()
            inside -= mark != "}"
            if mark == "}" and not inside:
                marks.append((bracket.start(), mark))
        elif mark == "}" and not open_ones:
            marks.append((bracket.start(), mark))
    return marks


def _rules_read(css: str, shape: str, marks: list[tuple[int, str]], plain: bool = False,
                every_block: bool = False):
    """``_css_rules`` for the blocks whose braces are ``marks``, read in ``shape``; with
    ``every_block``, a block in an at-rule that holds no style rules (@keyframes) is read as
    one too (where its braces are unsure, a brace escaped or in a string opens it)."""
    bounds = [-1, *(at for at, _ in marks), len(css)]

    def text(index: int, source: str) -> str:  # between the brace before ``index`` and it
        return source[bounds[index] + 1:bounds[index + 1]]

    # the blocks open, the innermost last: whether what is in them applies to the reader, the
    # style rule whose declarations they hold (None: none; _NO_RULES: not even the blocks in
    # them, as in @keyframes), and whether they are outside every at-rule (whose condition,
    # but for the reader's media, is not worked out)
    open_blocks: list[tuple[bool, _StyleRule | None, bool]] = [(True, None, True)]
    for index, (_, brace) in enumerate(marks):
        applies, rule, unconditional = open_blocks[-1]
        if rule is not None and rule is not _NO_RULES and text(index, css).strip("\t\n\f\r "):
            yield rule, text(index, css), applies, unconditional
        if brace == "}":
            if len(open_blocks) > 1:
                open_blocks.pop()
            continue
        name = "" if rule is _NO_RULES else at_rule(text(index, css))
        if not every_block and (rule is _NO_RULES or name and not holds_style_rules(name)):
            open_blocks.append((applies, _NO_RULES, False))
        elif not name:
            open_blocks.append((applies, _StyleRule(text(index, css), rule), unconditional))
        else:
            for_the_reader = not plain or at_rule_for_the_reader(text(index, shape))
            scope = name == "scope"  # its declarations are its root's, nested or not
            open_blocks.append((applies and for_the_reader, _SCOPE_ROOT if scope else rule,
                                False))
    # the end of the sheet closes every block left open: what the last one holds counts
    applies, rule, unconditional = open_blocks[-1]
    if rule is not None and rule is not _NO_RULES and text(len(marks), css).strip("\t\n\f\r "):
        yield rule, text(len(marks), css), applies, unconditional


class HidingRules:
    """The ``<style>`` rules that hide text, filed under the id, a class, an attribute or the
    tag each needs (or under "*", for those that need none), so that an element is compared
    with the few rules that could apply to it, not with all.

    The first rule that applies gives the reason, as in the order of the style sheet. Rules
    that need several classes can still make one element meet many of them; past ``budget``
    comparisons, an element that any rule might hide is taken as hidden: a document built to
    be slow to check hides more text than a browser would, never less."""

    def __init__(self, selectors: list[tuple[Subject, str]], budget: int, every: bool = False):
        """``every``: keep each rule, for ``all_applying``, not only the first of equal ones."""
        self._filed: dict[str, list[tuple[int, Subject, str]]] = {}
        seen = set()
        for order, (subject, why) in enumerate(selectors):
            if subject in seen and not every:
                continue  # an earlier equal rule always applies first
            seen.add(subject)
            self._filed.setdefault(subject.filed_under, []).append((order, subject, why))
        self._budget = budget

    def __bool__(self) -> bool:
        return bool(self._filed)

    def hiding(self, tag: str, classes: frozenset[str], ids: frozenset[str],
               attributes: frozenset[str]) -> str:
        """Why the first rule that applies to the element hides it; '' when none does. Its
        names are ``selectors.folded``; ``ids`` are its id as read every way."""
        first: tuple[int, str] | None = None
        for key in names_filed(tag, classes, ids, attributes):
            for order, subject, why in self._filed.get(key, ()):
                self._budget -= 1 + len(subject.classes) + len(subject.attributes)
                if self._budget < 0:
                    return "too many style rules to check"
                if (subject.matches(tag, classes, ids, attributes)
                        and (first is None or order < first[0])):
                    first = (order, why)
        return first[1] if first else ""

    def all_applying(self, tag: str, classes: frozenset[str], ids: frozenset[str],
                     attributes: frozenset[str], most: int = 64) -> list | None:
        """What each rule that applies to the element is filed with, in the order of the
        style sheet (``hiding``'s names); None past the budget, or past ``most`` rules (what
        each is filed with is worked through for each element)."""
        found = []
        for key in names_filed(tag, classes, ids, attributes):
            for order, subject, what in self._filed.get(key, ()):
                self._budget -= 1 + len(subject.classes) + len(subject.attributes)
                if self._budget < 0:
                    return None
                if subject.matches(tag, classes, ids, attributes):
                    found.append((order, what))
                    if len(found) > most:
                        return None
        return [what for _, what in sorted(found, key=lambda found: found[0])]
