"""The colours a page's style rules give its elements, in the cascade a browser applies: a
rule's ``color`` and ``background`` are the element's only where its whole selector matches
the element (cssselect2, on a mirror of the tree lexbor built), and of the rules that match,
the one of the highest specificity wins, then the last written; an ``!important`` one beats
all but an important inline style.

Read so, text is hidden where a rule's colour is that of a background another rule, the
element's own style or an ancestor paints ("span.x { color: #222 }" inside
"div.y { background: #222 }"), and a rule's colour reaches only the elements it matches:
".footer a { color: #fff }" is no colour of a link outside the footer. (The footer's own
links are judged on their own background, else the page: ``page_text`` trusts the box an
ancestor paints only under the text's own colour, as text may be moved out of it.)

A rule is taken only where its selectors are matched here as Chromium matches them, and its
place in the cascade is sure: a rule of a ``<style>`` every browser applies
(``style_sheets.StyleSheet.sure``), outside every at-rule (whose condition, but for the
reader's media, is not worked out), in a sheet whose blocks are plain
(``media_queries.plain_structure``), on a page with no cascade layers, its pseudo-classes
among ``_EXACT_PSEUDO_CLASSES``, nothing in it ``_NOT_EXACT``. A rule nested in another (CSS
nesting) is matched with the selectors around it in ``:is()``. Any other rule that sets a
colour is judged alone, as before (``style_rules``: a colour that hides on its own
background, or on the page, hides what the rule may match), and its colours are doubted
(``doubt``): on each element its last compound may match, the text is hidden where, were the
rule to win, it would be the colour of what is under it.

Matching costs time in the tree's depth and width; a tree nested deeper than ``DEEPEST``
(no mail client nests past a few dozen) leaves every rule to be judged alone, and past
``CHECKS_MOST`` steps of matching the rest of the page is taken as hidden, as a document built
to be slow to check hides more text than a browser would, never less.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from webencodings import ascii_lower

from worksample.prose.css_hiding import declared_with_importance
from worksample.prose.selectors import names_filed

DEEPEST = 200  # each ancestor walked costs a step: no mail client nests past a few dozen
SELECTORS_MOST = 500
SELECTOR_LIST_CHARS_MOST = 2_000  # cssselect2 compiles a selector into Python: a long one is slow
# a step is a selector tried on an element, or an element walked to (an ancestor, a sibling, a
# descendant for :has()): some 5 us each; a template of 50 colour rules and 500 elements takes
# 25,000
CHECKS_MOST = 300_000
# what a rule sets that the cascade here reads: the text's colour and the fill of its letters,
# what is painted under it, and how opaque it is drawn (multiplied along the ancestors)
COLOUR_NAMES = frozenset({"color", "background", "background-color", "background-image",
                          "background-blend-mode", "box-shadow", "border-image",
                          "-webkit-border-image", "border-image-source", "border-image-slice",
                          "opacity", "filter", "-webkit-text-fill-color",
                          "-webkit-text-stroke", "-webkit-text-stroke-color",
                          "-webkit-text-stroke-width"})
# the pseudo-classes cssselect2 matches as Chromium does, at rest (a pointer's states held by
# none). Not ``:has()`` (cssselect2 matches its relative selectors against the whole tree, and
# takes a nested or empty one Chromium drops), ``:visited`` (a link to the page itself is
# visited in Chromium, never in cssselect2), those a page may open in (``:focus``,
# ``:target``: never held in cssselect2), a
# type's position (cssselect2 slices the siblings for each element, time in the square of a
# wide tree), a form's states (``:enabled`` on a link, a fieldset's), a language (read from a
# ``<meta>`` cssselect2 looks for in another namespace), nor one Chromium does not know, for
# which it drops the whole rule
_EXACT_PSEUDO_CLASSES = frozenset({"root", "first-child", "last-child", "only-child",
                                   "nth-child", "nth-last-child", "empty", "not", "is",
                                   "where", "link", "any-link", "hover", "active"})
_PSEUDO_CLASS = re.compile(r"(?<!:):([A-Za-z-]+)")
# what else is not matched exactly here: a pseudo-element; an escape, which may spell
# anything; a namespace ("|span" is in none, HTML's are in one); an attribute's case flag; the
# specificity of ":nth-child(... of S)", which cssselect2 leaves out; a value of an attribute
# HTML compares without case (``align``, ``dir``, ``lang``, ``type`` ...)
_NOT_EXACT = re.compile(
    r"::|\\|\|(?!=)|\s[iIsS]\s*\]|nth-(?:last-)?child\([^)]*\bof\b|\[\s*(?:accept|"
    r"accept-charset|align|alink|axis|bgcolor|charset|checked|clear|codetype|color|compact|"
    r"declare|defer|dir|direction|disabled|enctype|face|frame|hreflang|http-equiv|lang|"
    r"language|link|media|method|multiple|nohref|noresize|noshade|nowrap|readonly|rel|rev|"
    r"rules|scope|scrolling|selected|shape|target|text|type|valign|valuetype|vlink)\s*"
    r"[~|^$*]?=", re.IGNORECASE)


# the at-rules whose blocks leave the cascade as it is: each rule in them is weighed by its
# specificity and place; any other (``@layer``, which puts its rules under the unlayered ones;
# ``@scope``; one escaped or not known) leaves the page's rules to be judged alone
_PLAIN_AT_RULES = frozenset({"media", "supports", "import", "charset", "font-face", "page",
                             "list", "keyframes", "-webkit-keyframes", "namespace",
                             "font-feature-values", "counter-style", "property"})
_AT_RULE = re.compile(r"@([A-Za-z-]*)(\\?)")


def in_plain_cascade(sheets: list) -> bool:
    """Whether the style sheets (``style_sheets.StyleSheet``) hold only at-rules that leave
    the cascade as specificity and order make it (``_PLAIN_AT_RULES``), and no layer."""
    for sheet in sheets:
        if "layer" in sheet.css.lower():
            return False
        for name, escaped in _AT_RULE.findall(sheet.css):
            if escaped or name.lower() not in _PLAIN_AT_RULES:
                return False
    return True


class TooCostly(RuntimeError):
    """Matching the page's colour rules took more than ``CHECKS_MOST`` steps."""


def colour_declarations(declarations: str) -> str:
    """The declarations of a rule's body that set a colour the cascade reads (``COLOUR_NAMES``)
    and win there, as CSS, each with its ``!important``; '' when it sets none."""
    winning, important = declared_with_importance(declarations)
    return "; ".join(f"{name}: {value}" + (" !important" if name in important else "")
                     for name, value in winning.items() if name in COLOUR_NAMES)


class ColourRules:
    """The style rules whose colours are applied in the cascade (``take``), and the colour
    declarations each element of a page gets from them (``declared``)."""

    def __init__(self, quirks: bool) -> None:
        import cssselect2

        self.quirks = quirks
        self._matcher = cssselect2.Matcher()
        self._selectors = 0
        self._mirror: dict[int, object] | None = None
        self._spent = [0]
        self._doubted: dict[str, list[tuple[object, str]]] = {}

    def take(self, selectors: str, declarations: str) -> bool:
        """Take a style rule (its selector list, the text of its block) into the cascade:
        whether it was taken. It is not when it sets no colour, when cssselect2 cannot match
        its selectors exactly, when they are longer than ``SELECTOR_LIST_CHARS_MOST``, or past
        ``SELECTORS_MOST`` selectors in all."""
        colours = colour_declarations(declarations)  # none where brackets nest too deep
        if not colours or _NOT_EXACT.search(selectors) or \
                len(selectors) > SELECTOR_LIST_CHARS_MOST or \
                self._selectors + selectors.count(",") >= SELECTORS_MOST or \
                any(name.lower() not in _EXACT_PSEUDO_CLASSES
                    for name in _PSEUDO_CLASS.findall(selectors)):
            return False
        if self.quirks and re.search(r"\[\s*(?:class|id)\b", selectors, re.IGNORECASE):
            return False  # the mirror's classes and ids are lowered: their values, as written
        if self.quirks:  # a class or an id compared without case, as the mirror's are
            selectors = _names_lowered(selectors)
        compiled = _compiled(selectors)
        if not compiled:
            return False
        for selector in compiled:
            self._matcher.add_selector(selector, colours)
        self._selectors += len(compiled)
        return True

    def doubt(self, subjects, declarations: str) -> None:
        """Keep the colours of a rule not taken (an at-rule's condition, a sheet not every
        browser applies, a selector not matched exactly) for each element the rule may match
        (``subjects()``: its ``selectors.Subject``, read only where it sets a colour): they
        are doubted there, as colours that may win."""
        colours = colour_declarations(declarations)
        for subject in subjects() if colours else ():
            self._doubted.setdefault(subject.filed_under, []).append((subject, colours))

    def doubted(self, tag: str, classes: frozenset[str], ids: frozenset[str],
                attributes: frozenset[str], most: int) -> list[str]:
        """The colours of the rules not taken that may apply to an element (its names as
        ``selectors.Subject.matches`` takes them), as CSS, each once; no more than ``most``
        and one (the caller needs no more to know there are too many). Raises TooCostly past
        ``CHECKS_MOST`` steps of matching on the page."""
        found: dict[str, None] = {}
        if not self._doubted:
            return []
        for key in names_filed(tag, classes, ids, attributes):
            for subject, colours in self._doubted.get(key, ()):
                self.spend(1)
                if subject.matches(tag, classes, ids, attributes):
                    found[colours] = None
                    if len(found) > most:
                        return list(found)
        return list(found)

    @property
    def matching(self) -> bool:
        """Whether any rule was taken: the page's tree is to be mirrored (``mirror``)."""
        return self._selectors > 0

    def __bool__(self) -> bool:
        return self._selectors > 0 or bool(self._doubted)

    def mirror(self, tree) -> bool:
        """Mirror ``tree`` (a ``LexborHTMLParser``) for matching; False, with nothing to match,
        when it nests deeper than ``DEEPEST``."""
        mirrored = _mirrored(tree, self.quirks)
        if mirrored is None:
            return False
        self._mirror = _wrapped(mirrored, self._spent)
        return True

    def declared(self, element) -> str:
        """The colour declarations the rules give ``element`` (a lexbor node of the mirrored
        tree), lowest in the cascade first, as CSS ('' for none). Raises TooCostly past
        ``CHECKS_MOST`` steps of matching on the page."""
        if self._mirror is None:
            return ""
        wrapper = self._mirror.get(element.mem_id)
        if wrapper is None:
            return ""
        self.spend(self._selectors)
        return "; ".join(payload for *_, payload in self._matcher.match(wrapper))

    def spend(self, steps: int) -> None:
        """Count ``steps`` of work against the page's budget (``CHECKS_MOST``): raises
        TooCostly past it."""
        self._spent[0] += steps
        if self._spent[0] > CHECKS_MOST:
            raise TooCostly(f"more than {CHECKS_MOST:,} steps")


@functools.lru_cache(maxsize=256)
def _compiled(selectors: str) -> tuple:
    """cssselect2's compiled selectors of a selector list (cached: mail from one client repeats
    its style sheet); () when it cannot read them exactly, or one is of a pseudo-element."""
    import cssselect2

    try:
        compiled = tuple(cssselect2.compile_selector_list(selectors))
    except Exception:  # noqa: BLE001 (SelectorError, NotImplementedError for "[*|x]", ...)
        return ()
    return () if any(selector.pseudo_element for selector in compiled) else compiled


def _names_lowered(selectors: str) -> str:
    """``selectors`` with the classes and ids they name in ASCII lower case (a page in quirks
    mode compares them without case), in functions too (``:is(.A)``); an attribute's value
    as written."""
    import tinycss2
    from tinycss2.serializer import serialize_identifier

    def lowered(tokens: list) -> str:
        out = []
        for index, token in enumerate(tokens):
            before = tokens[index - 1] if index else None
            if token.type == "hash":
                out.append("#" + serialize_identifier(ascii_lower(token.value)))
            elif token.type == "ident" and before is not None and before.type == "literal" \
                    and before.value == ".":
                out.append(serialize_identifier(token.lower_value))
            elif token.type == "function":
                out.append(f"{serialize_identifier(token.name)}({lowered(token.arguments)})")
            else:
                out.append(tinycss2.serialize([token]))
        return "".join(out)

    return lowered(tinycss2.parse_component_value_list(selectors))


def _mirrored(tree, quirks: bool):
    """An ElementTree of ``tree``'s elements, with their attributes and whether they hold
    text (for ``:empty``), and each lexbor node's ``mem_id`` beside its mirror; None when it
    nests deeper than ``DEEPEST``."""
    from xml.etree.ElementTree import Element

    root = tree.root
    if root is None:
        return None
    pairs = []
    stack = [(root, None, 0)]
    while stack:
        node, parent, depth = stack.pop()
        if depth > DEEPEST:
            return None
        attributes = {name: value or "" for name, value in node.attributes.items()}
        if quirks:
            for name in ("class", "id"):
                if name in attributes:
                    attributes[name] = ascii_lower(attributes[name])
        element = Element(node.tag, attributes)
        if parent is not None:
            parent.append(element)
        pairs.append((node.mem_id, element))
        children = []
        child = node.child
        while child is not None:
            if child.is_element_node:
                children.append((child, element, depth + 1))
            elif child.tag == "-text":
                element.text = "x"
            child = child.next
        stack.extend(reversed(children))
    return pairs


def _wrapped(pairs, spent: list[int]) -> dict[int, object]:
    """Each mirrored element's cssselect2 wrapper, by its lexbor node's ``mem_id``."""
    wrappers = {}
    by_element = {id(element): mem_id for mem_id, element in pairs}
    root = _counted_wrapper().from_html_root(pairs[0][1])
    root.spent = spent
    for wrapper in root.iter_subtree():
        wrappers[by_element[id(wrapper.etree_element)]] = wrapper
    return wrappers


@functools.lru_cache(maxsize=1)
def _counted_wrapper():
    """The wrapper class, made on first use: cssselect2 is imported only for a page with
    colour rules."""
    import cssselect2

    class CountedWrapper(cssselect2.ElementWrapper):
        """cssselect2's element, whose ancestors and earlier siblings are walked each time
        they are asked for, each step counted (cssselect2 keeps a tuple of them for every
        element: memory in the square of a deep or wide tree)."""

        spent: list[int]  # the page's count, shared by all its elements

        @property
        def ancestors(self) -> Iterator:  # noqa: D102 (cssselect2's)
            return _walked(self, "parent")

        @property
        def previous_siblings(self) -> Iterator:  # noqa: D102 (cssselect2's)
            return _walked(self, "previous")

        def iter_children(self) -> Iterator:  # noqa: D102 (cssselect2's)
            for child in super().iter_children():
                child.spent = self.spent
                _count(self.spent)
                yield child

    return CountedWrapper


def _walked(element, step: str) -> Iterator:
    """The elements reached from ``element`` by ``step`` ("parent", "previous") again and
    again, nearest first, each counted against the page's steps."""
    element = getattr(element, step)
    while element is not None:
        _count(element.spent)
        yield element
        element = getattr(element, step)


def _count(spent: list[int]) -> None:
    spent[0] += 1
    if spent[0] > CHECKS_MOST:
        raise TooCostly(f"more than {CHECKS_MOST:,} steps")


