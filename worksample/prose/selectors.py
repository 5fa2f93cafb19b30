"""Which elements a style rule's selectors can match, read so that a rule is taken to match
every element a browser would match, and more where reading it exactly would take a browser.

Each selector of a list is read for its subject (the compound after its last combinator).
From the subject, an element must have:
its tag (any namespace), every class and id it names (compared without case, as a page with no
doctype does) and the name of every attribute it tests (not the value). Everything else in it
is taken to match: ``:not()``, ``:is()``, ``:nth-child()``, ``:first-child``, ``:has()``, a
pseudo-class no one knows, and a state the page can open in (``:focus``, ``:target``: an element
with ``autofocus`` has the focus as the page opens). A rule is left out where its subject is
under the pointer (``:hover``, ``:active``: a button's colour while it is pointed at), or is a
pseudo-element that holds none of the element's own text (``::before``, ``::marker``,
``::selection``); any other (``::first-line``, one no one knows) matches the element.
Blocks inside ``@keyframes``, ``@font-face``, ``@page`` and the like select no element.

A subject holding a token no selector holds there (a "@" after an escaped name) needs nothing.
What the selector's other parts say of ancestors and siblings is checked only for the names
they need: a class, an id or an attribute name that is written nowhere on the page is on no
element, and a selector that needs it hides nothing (``[data-ogsc] .title``, Outlook's dark mode,
in a reply Outlook has not rendered) (``NamesOnPage``).
Inside a style rule (CSS nesting), ``&`` stands for each selector of the rule around it (for
what all of them need, past ``FAN_OUT_MOST`` selectors; for any element, in a rule nested in
more than ``BRACKETS_MOST`` others). A subject that
names only an element the HTML parser adds where markup leaves it out matches what it holds:
``body`` and ``html`` every element, ``tbody`` and ``tr`` a table's rows and cells. A selector
that cannot be read
(brackets nested deeper than any style sheet nests them) matches every element.

Before this, the subject was read with a pattern for a tag, classes and ids alone: a rule whose
subject held anything else (``p:not(.x)``, ``p[title]``, ``.a:first-child``, ``:is(p)``) hid
nothing, and a candidate could hide words with it that the grading still read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from worksample.prose.attribute_values import decoded
from worksample.prose.css_hiding import BRACKETS_MOST, bracket_depth

# pseudo-elements that hold none of the element's own text: what they hide is not the text
# read (any other, and one not known, is taken to hold it all)
NO_TEXT_PSEUDO_ELEMENTS = frozenset({
    "before", "after", "marker", "placeholder", "selection", "backdrop",
    "file-selector-button", "cue", "cue-region", "spelling-error", "grammar-error",
    "target-text", "highlight", "view-transition", "view-transition-group",
    "view-transition-image-pair", "view-transition-old", "view-transition-new",
    # a form control's parts and a scroll bar's, as browsers name them (GitHub's Markdown
    # styles set a date input's icon to "filter: invert(50%)"): no element's own text
    "-webkit-calendar-picker-indicator", "-webkit-inner-spin-button",
    "-webkit-outer-spin-button", "-webkit-search-cancel-button", "-webkit-search-decoration",
    "-webkit-search-results-button", "-webkit-search-results-decoration",
    "-webkit-file-upload-button", "-webkit-input-placeholder", "-moz-placeholder",
    "-ms-input-placeholder", "-moz-focus-inner", "-moz-focus-outer", "-ms-clear", "-ms-reveal",
    "-ms-expand", "-moz-selection", "-webkit-details-marker", "-webkit-color-swatch",
    "-webkit-color-swatch-wrapper", "-webkit-slider-thumb", "-webkit-slider-runnable-track",
    "-moz-range-thumb", "-moz-range-track", "-moz-range-progress", "-webkit-progress-bar",
    "-webkit-progress-value", "-moz-progress-bar", "-webkit-meter-bar",
    "-webkit-meter-optimum-value", "-webkit-meter-suboptimum-value",
    "-webkit-meter-even-less-good-value", "-webkit-scrollbar", "-webkit-scrollbar-button",
    "-webkit-scrollbar-thumb", "-webkit-scrollbar-track", "-webkit-scrollbar-track-piece",
    "-webkit-scrollbar-corner", "-webkit-resizer"})
# states only a pointer on the element gives (a button's colour under it): at rest, with the
# reader's pointer elsewhere, they do not hold
POINTER = frozenset({"hover", "active"})
# the two of them CSS 2 wrote with one colon, as a pseudo-class is written
LEGACY_NO_TEXT_PSEUDO_ELEMENTS = frozenset({"before", "after"})
# those that make a box of their own in the element's, beside its text: what they hold and
# how large it is may push the text out of a box that clips (a ::marker's size)
BOX_PSEUDO_ELEMENTS = frozenset({*LEGACY_NO_TEXT_PSEUDO_ELEMENTS, "marker"})
# pseudo-elements of the element's own text CSS 2 wrote with one colon
_LEGACY_TEXT_PSEUDO_ELEMENTS = frozenset({"first-line", "first-letter"})
COMBINATORS = frozenset({">", "+", "~", "||"})
_COMMENT = re.compile(r"<!--[\s\S]*?(?:-->|\Z)")  # (Outlook reads what its own hold)
# pseudo-classes that match what one of the selectors of their list matches
MATCHES_ANY = frozenset({"is", "where", "matches", "-webkit-any", "-moz-any"})
NARROWED_MOST = 8  # subjects one selector may be read as, through its ":is()" lists
STATEMENT_ENDS = frozenset({";", "<!--", "-->"})  # what a prelude's selectors come after
# "&" inside a rule of more selectors than this stands for what all of them need: one subject
# for each would multiply down a nest of such rules
FAN_OUT_MOST = 4
# at-rules whose blocks hold no style rules: a keyframe's "0%" or "to" selects no element
NO_STYLE_RULES = frozenset({"font-face", "page", "counter-style", "property",
                            "font-feature-values", "font-palette-values", "color-profile",
                            "position-try", "view-transition"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_AT_RULE = re.compile(r"[\t\n\f\r ]*@([a-zA-Z][a-zA-Z0-9-]*)[^;()\[\]\"'/\\<>{}&@-]*")


@dataclass(frozen=True)
class Subject:
    """What an element needs for a selector to match it, as far as it is checked: its tag
    ("" for any), classes and ids (case-folded), and attribute names (lower case)."""

    tag: str = ""
    classes: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)
    attributes: frozenset[str] = field(default_factory=frozenset)
    # the classes, ids and attribute names the selector's other parts need some element of
    # the page to have ("[data-ogsc] .title": data-ogsc); where none is written, it is inert
    context: frozenset[str] = field(default_factory=frozenset)
    # read for its boxes: the box is its ``::before``, ``::after`` or ``::marker``, not the
    # element's own
    pseudo: bool = False
    # of a pseudo-element of the element's own text (``::first-line``, ``::first-letter``):
    # the element's own style does not reach it, so the rule's declarations win over it
    over_own: bool = False

    def with_needs_of(self, other: Subject) -> Subject:
        """This subject needing what ``other`` needs too (``&.b`` inside ``.a``)."""
        return Subject(self.tag or other.tag, self.classes | other.classes,
                       self.ids | other.ids, self.attributes | other.attributes,
                       self.context | other.context, self.pseudo or other.pseudo,
                       self.over_own or other.over_own)

    def matches(self, tag: str, classes: frozenset[str], ids: frozenset[str],
                attributes: frozenset[str]) -> bool:
        """Whether an element (its tag, classes, id as read every way and attribute names,
        each ``folded``) has everything the subject needs."""
        return (self.tag in ("", tag) and self.classes <= classes and self.ids <= ids
                and self.attributes <= attributes)


    @property
    def filed_under(self) -> str:
        """The one name an element needs, to file the subject under (an id, a class, an
        attribute, the tag; "*" for none): an element is compared only with the subjects
        filed under its names (``names_filed``)."""
        return (f"#{min(self.ids)}" if self.ids else f".{min(self.classes)}" if self.classes
                else f"[{min(self.attributes)}" if self.attributes else self.tag or "*")


def names_filed(tag: str, classes: frozenset[str], ids: frozenset[str],
                attributes: frozenset[str]) -> list[str]:
    """What the subjects an element may meet are filed under (``Subject.filed_under``)."""
    return [tag, "*", *(f".{name}" for name in classes), *(f"#{name}" for name in ids),
            *(f"[{name}" for name in attributes)]


ANY_ELEMENT = Subject()


def subjects(prelude: str, around: list[Subject] | None = None,
             boxes: bool = False) -> list[Subject]:
    """The subject of each selector in a style rule's ``prelude`` (the text before its
    brace; what follows its last ";" is read), or of each selector of the rule ``around`` it,
    where it is nested and names it with ``&``. Selectors that hide none of an element's text
    (a pseudo-element of none) are left out; with ``boxes``, a ``::before``, an ``::after``
    or a ``::marker`` is read as the element it makes a box in (what that box may be drawn
    over, or push out of a box that clips)."""
    tokens = _last_statement(prelude)
    if tokens is None:
        return [ANY_ELEMENT]
    found: list[Subject] = []
    for selector in _split(tokens, ","):
        compound, before = _subject_compound(selector)
        read = _read(compound, boxes)
        if read is None:
            continue
        subject, names_around = read
        subject = replace(subject, context=_context(before))
        outers = ([] if not names_around or not around else
                  around if len(around) <= FAN_OUT_MOST else [_shared_needs(around)])
        for outer in outers or [Subject()]:
            for narrowed in _narrowed(compound, subject):
                found += _with_implied(narrowed.with_needs_of(outer), boxes)
    return found


def _narrowed(compound: list, subject: Subject) -> list[Subject]:
    """``subject`` (what ``compound`` needs) with what its ``:is()`` and ``:where()`` need: one
    subject for each selector of their lists (``p:is(.a, .b)`` is a ``p.a`` or a ``p.b``), so
    that ``.prose :where(p)`` needs a ``p``, as Tailwind writes it. Left as it is where a list
    names the rule around it (``&``), none of its selectors may match at rest, or it would
    make more than ``NARROWED_MOST`` subjects."""
    found = [subject]
    for index, token in enumerate(compound):
        if token.type != "function" or token.lower_name not in MATCHES_ANY or index == 0 or \
                not _is_literal(compound[index - 1], ":") or \
                index > 1 and _is_literal(compound[index - 2], ":"):
            continue
        alternatives: list[Subject] = []
        for selector in _split(token.arguments, ","):
            inner, _ = _subject_compound(selector)
            read = _read(inner)
            if read is None:
                continue
            if read[1]:  # "&": what the rule around needs is read where it nests
                return [subject]
            alternatives += _narrowed(inner, read[0])
        if alternatives and len(found) * len(alternatives) <= NARROWED_MOST:
            found = [have.with_needs_of(needed) for have in found for needed in alternatives]
    return found


def _shared_needs(subjects_: list[Subject]) -> Subject:
    """What every one of ``subjects_`` needs: "&" inside a long list needs what all of its
    selectors need (one subject for the list, where one for each of its selectors would
    multiply down a nest)."""
    tags = {subject.tag for subject in subjects_}
    return Subject(tags.pop() if len(tags) == 1 else "",
                   frozenset.intersection(*(subject.classes for subject in subjects_)),
                   frozenset.intersection(*(subject.ids for subject in subjects_)),
                   frozenset.intersection(*(subject.attributes for subject in subjects_)))


def _with_implied(subject: Subject, boxes: bool = False) -> list[Subject]:
    """``subject``, and where it names only an element the HTML parser adds when the markup
    leaves it out (with no attribute, so none is needed), what that element holds: a
    ``body`` or ``html`` holds every element, a ``tbody`` a table's rows, a ``tr`` its cells.
    Read for its ``boxes`` (its size, what it clips, what its box is drawn over), a ``body``
    or ``html`` is that element alone: the tree read always has them, and what they hold
    inherits none of that (pandoc's "body { max-width: 36em }" sets no width of a table's)."""
    if subject.classes or subject.ids or subject.attributes:
        return [subject]
    if subject.tag in ("html", "body"):
        return [subject] if boxes else [ANY_ELEMENT]
    cells = [Subject("td"), Subject("th")]  # a cell written with no row around it has one
    return ([subject, Subject("tr"), *cells] if subject.tag == "tbody" else
            [subject, *cells] if subject.tag == "tr" else [subject])


def holds_style_rules(name: str) -> bool:
    """Whether the blocks inside an at-rule named ``name`` ("media", "keyframes") are style
    rules; an at-rule not known is taken to hold them."""
    return name not in NO_STYLE_RULES and not name.endswith("keyframes")


def at_rule(prelude: str) -> str:
    """The lower-case name of the at-rule a block's ``prelude`` opens ("media", "keyframes");
    '' for a style rule. Read as CSS reads it: a ";" or an "@" in brackets, a string or a
    comment opens no at-rule."""
    if "@" not in prelude:  # most: no need to read its tokens
        return ""
    plain = _PLAIN_AT_RULE.fullmatch(prelude)
    if plain:  # "@media screen": nothing in it that CSS reads otherwise
        return plain.group(1).lower()
    tokens = _last_statement(prelude) or []
    first = next((token for token in tokens if token.type != "whitespace"), None)
    return first.lower_value if first is not None and first.type == "at-keyword" else ""


def selector_list(prelude: str) -> str:
    """A style rule's selector list as CSS reads it: the text of ``prelude`` after its last
    ";" (or ``<!--``, ``-->``) outside brackets, comments left out; '' when its brackets nest
    too deep to read."""
    import tinycss2

    tokens = _last_statement(prelude)
    return tinycss2.serialize(tokens).strip("\t\n\f\r ") if tokens else ""


def nested_selector_list(selectors: str, around: str) -> str:
    """The selector list of a rule nested in a rule of selector list ``around`` (CSS
    nesting), written out whole: each of its selectors with every ``&`` as ``:is(around)``,
    or after ``:is(around)`` and a space where it names none ("> .b" is ":is(.a) > .b")."""
    import tinycss2

    outer = f":is({around})"
    written = []
    for selector in _split(tinycss2.parse_component_value_list(selectors), ","):
        if any(_is_literal(token, "&") for token in selector):
            written.append("".join(outer if _is_literal(token, "&") else
                                   tinycss2.serialize([token]) for token in selector))
        else:
            written.append(f"{outer} {tinycss2.serialize(selector).strip()}")
    return ", ".join(written)


def _last_statement(prelude: str) -> list | None:
    """The tokens of ``prelude`` after its last ";" (or ``<!--``, ``-->``) outside brackets;
    None when its brackets nest too deep to read."""
    import tinycss2

    if sum(map(prelude.count, "([{")) > BRACKETS_MOST and bracket_depth(prelude) > BRACKETS_MOST:
        return None
    try:
        tokens = tinycss2.parse_component_value_list(prelude, skip_comments=True)
    except RecursionError:  # unwound by now
        return None
    starts = [i + 1 for i, token in enumerate(tokens)
              if token.type == "literal" and token.value in STATEMENT_ENDS]
    return tokens[starts[-1] if starts else 0:]


def _split(tokens: list, separator: str) -> list[list]:
    """``tokens`` cut at each literal ``separator`` (blocks are single tokens: a comma inside
    ``:is(a, b)`` cuts nothing)."""
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _subject_compound(selector: list) -> tuple[list, list]:
    """The tokens after the last combinator (white space, ``>``, ``+``, ``~``, ``||``), and
    those before them."""
    while selector and selector[-1].type == "whitespace":
        selector = selector[:-1]
    for index in range(len(selector) - 1, -1, -1):
        if _combines(selector[index]):
            return selector[index + 1:], selector[:index]
    return selector, []


def _combines(token) -> bool:
    return token.type == "whitespace" or token.type == "literal" and token.value in COMBINATORS


def _context(tokens: list) -> frozenset[str]:
    """The classes, ids and attribute names the compounds of ``tokens`` need (the parts of a
    selector before its subject): each of them some element of the page must have."""
    names: set[str] = set()
    compound: list = []
    for token in [*tokens, None]:
        if token is not None and not _combines(token):
            compound.append(token)
            continue
        read = _read(compound) if compound else None
        if read is not None:
            names |= read[0].classes | read[0].ids | read[0].attributes
        compound = []
    return frozenset(names)


class NamesOnPage:
    """Whether a name a selector's other parts need (a class, an id, an attribute name) may
    be written anywhere in a page: in its text as written, with its character references
    decoded as in text or as in an attribute value (where "&ampc" stays), in any case, and
    not right after a ".", "#" or "[" (a selector's own writing of it, where no class, id or
    attribute name of markup starts). A name found nowhere is on no element, and a selector
    that needs it matches none. Past ``LOOKS_MOST`` names (more on a short page: as many as
    ``READ_MOST`` characters read allow), a name longer than ``NAME_MOST`` and past
    ``FINDS_MOST`` searches, a name is taken to be there (a page built to be slow to check
    hides more, never less). The page is where its markup writes names
    (``names_written``)."""

    LOOKS_MOST = 64  # names looked for, at least; more on a page shorter than
    READ_MOST = 32_000_000  # ... characters read in all, by ``looks_most`` searches
    FINDS_MOST = 20_000  # searches in all: each may read a name's length again
    NAME_MOST = 256  # a longer name is taken to be there

    def __init__(self, page: str):
        self.looks_most = max(self.LOOKS_MOST, self.READ_MOST // (len(page) + 1))
        page = _SURROGATE.sub("\ufffd", page)  # as ``folded`` reads names
        self._texts = (page.casefold(), html.unescape(page).casefold(),
                       decoded(page).casefold())
        self._known: dict[str, bool] = {}
        self._finds_left = self.FINDS_MOST

    def may_have(self, names: frozenset[str]) -> bool:
        """Whether each of ``names`` (``folded``) may be written on the page."""
        return all(self._may_have(name) for name in names)

    def _may_have(self, name: str) -> bool:
        if name not in self._known:
            if len(self._known) >= self.looks_most or len(name) > self.NAME_MOST:
                return True
            self._known[name] = any(self._written(name, text) for text in self._texts)
        return self._known[name]

    def _written(self, name: str, text: str) -> bool:
        """Whether ``name`` is in ``text`` somewhere not right after a ".", "#" or "[" (found
        with ``str.find``, again after each place it is right after one; past
        ``FINDS_MOST`` searches on the page, it is taken to be there)."""
        at = text.find(name)
        while at > 0 and text[at - 1] in ".#[":
            self._finds_left -= 1
            if self._finds_left < 0:
                return True
            at = text.find(name, at + 1)
        return at >= 0


def names_written(tree, html: str) -> str:
    """Where the names of a page's markup are written, for ``NamesOnPage`` to look for them:
    each element of the ``tree`` a browser builds from ``html`` (selectolax) with its
    attributes' names and values (a class, an id, the names an SVG animation sets), and the
    page's comments. Its style sheets are left out: a selector writes every name it needs in
    them (after a ".", where no name of markup starts, but a sheet the size of Jupyter's or
    Bootstrap's spent every look on finding so). The page as written where the tree cannot
    be walked, or where its parser may have dropped a character of a name (a lone surrogate,
    which a browser reads as U+FFFD; a NUL)."""
    if "\x00" in html or _SURROGATE.search(html):
        return html
    parts = []
    try:
        for node in tree.root.traverse(include_text=False) if tree.root is not None else ():
            parts.append(f"<{node.tag}")
            parts += [f' {name}="{value or ""}"' for name, value in node.attributes.items()]
            parts.append(">\n")
    except (RecursionError, ValueError):
        return html
    parts += [comment.group() for comment in _COMMENT.finditer(html)]
    return "".join(parts)


def _read(compound: list, boxes: bool = False) -> tuple[Subject, bool] | None:
    """The subject a compound's tokens need, and whether it names the rule around it (``&``);
    None when it hides none of an element's text (a pseudo-element of none, but for a
    ``::before`` or ``::after`` with ``boxes``) or is empty (no browser reads an empty
    selector)."""
    if not compound or all(token.type in ("percentage", "number") for token in compound):
        return None  # no selector; "0%" is a keyframe's, which selects no element
    tag, classes, ids, attributes, names_around, unread = "", set(), set(), set(), False, False
    pseudo = over_own = False
    index = 0
    while index < len(compound):
        token = compound[index]
        after = compound[index + 1] if index + 1 < len(compound) else None
        if token.type == "ident":
            if not _is_literal(after, "|"):  # else a namespace; the tag comes after the "|"
                tag = folded(token.value)
        elif token.type == "hash":
            ids.add(folded(token.value))
        elif token.type == "[] block":
            names = [t for t in token.content if t.type == "ident"]
            if names and not any(_is_literal(t, "|") for t in token.content):
                attributes.add(folded(names[0].value))
        elif _is_literal(token, "&"):
            names_around = True
        elif _is_literal(token, ".") and after is not None and after.type == "ident":
            classes.add(folded(after.value))
            index += 1
        elif _is_literal(token, ":") and after is not None:
            if _is_literal(after, ":"):  # a pseudo-element
                name = compound[index + 2] if index + 2 < len(compound) else None
                if name is not None and _name(name) in NO_TEXT_PSEUDO_ELEMENTS and not (
                        boxes and _name(name) in BOX_PSEUDO_ELEMENTS):
                    return None
                pseudo = pseudo or name is not None and _name(name) in BOX_PSEUDO_ELEMENTS
                over_own = over_own or name is None or _name(name) not in NO_TEXT_PSEUDO_ELEMENTS
                index += 2
            elif _name(after) in POINTER or _name(after) in LEGACY_NO_TEXT_PSEUDO_ELEMENTS \
                    and not boxes:
                return None
            else:
                pseudo = pseudo or _name(after) in LEGACY_NO_TEXT_PSEUDO_ELEMENTS
                over_own = over_own or _name(after) in _LEGACY_TEXT_PSEUDO_ELEMENTS
                index += 1  # any pseudo-class, or a function of one: taken to match
        elif not _is_literal(token, "*") and not _is_literal(token, "|"):
            unread = True  # a token no selector holds here ("\;@"): what it is part of is unsure
        index += 1
    if unread:
        return ANY_ELEMENT, names_around
    return Subject(tag, frozenset(classes), frozenset(ids), frozenset(attributes),
                   pseudo=pseudo, over_own=over_own), names_around


def folded(name: str) -> str:
    """A name as both sides are compared: case-folded (a browser compares some names in ASCII
    case only, some exactly: folding matches all those and more), a lone surrogate (from an
    escape) or a NUL as the U+FFFD a browser reads."""
    return _SURROGATE.sub("\ufffd", name.replace("\x00", "\ufffd")).casefold()


def _name(token) -> str:
    """The lower-case name of an ident or a function token; '' for any other."""
    return token.lower_value if token.type == "ident" else (
        token.lower_name if token.type == "function" else "")


def _is_literal(token, value: str) -> bool:
    return token is not None and token.type == "literal" and token.value == value
