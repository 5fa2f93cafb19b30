"""The values a page's custom properties (``--name: value``) may take, so that a style rule
that uses them (``color: var(--fg)``) is judged by those values instead of being taken as
hiding its text. Exported documents set all their colours and sizes this way (Jupyter's
HTML, Bootstrap, Tailwind, GitHub's Markdown styles).

A ``var()`` is read as every value the page could give it, each taken in turn: every
declaration of its name in a style rule for the reader that may match an element of the
page (``style_rules``: a dark mode's media, or a "[data-theme=dark]" no element has, left
out), in the page's ``style`` attributes, an ``@property``'s initial value, what
``@keyframes`` animate it to, and, unless the name is declared for the whole page (an
unconditional ``:root``, ``html`` or ``*`` rule of a plain sheet every browser applies) or
by the rule that uses it, its fallback or, with none, the property unset (what CSS does
with a ``var()`` of no value). A value a browser drops (``_valid``: a stray bracket or "!",
a bad string or URL) or one that comes to a CSS-wide keyword gives the name no value. A
rule then hides its text when any of its readings does: a reading per combination of its
declarations' values (``variants``). Names are read by a CSS tokenizer (tinycss2), escapes
and comments included.

What is not worked out stays as before, taken as hiding: a name with more than
``VALUES_MOST`` values, a rule with more than ``READINGS_MOST`` readings, names more than
``DEPTH_MOST`` deep, a value past ``SUBSTITUTED_MOST`` characters, a name ``@property``
gives a syntax (a browser converts its values: "<integer>" rounds 0.4 to 0), a ``var()``
in a ``style`` attribute, an escape or a comment inside a ``var()``, a value that refers to
itself, and a page whose style nests brackets too deep to read.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from worksample.prose.media_queries import blanked

VALUES_MOST = 8  # of one name: a theme sets a handful
READINGS_MOST = 64  # of one rule: the combinations of its declarations' values
DEPTH_MOST = 8  # names whose values refer to names

_VAR = re.compile(r"(?<![\w-])var\(", re.IGNORECASE)
USES_CUSTOM = _VAR  # whether CSS text uses a custom property
_NAME = re.compile(r"[\t\n\f\r ]*(--[\w-]+)[\t\n\f\r ]*([,)])")
_WHOLE_PAGE = frozenset({":root", "html", "*"})
_UNSET = "unset"
_SPACES = "\t\n\f\r "
SUBSTITUTED_MOST = 1_000_000  # characters of a value worked out: a browser gives up at about 2 MB
_IMPORTANT = re.compile(r"![\t\n\f\r ]*important[\t\n\f\r ]*$", re.IGNORECASE)
_KEYWORDS = frozenset({"initial", "inherit", "unset", "revert", "revert-layer"})


@dataclass
class CustomProperties:
    """The values each custom property is declared with on a page (``values``), and the
    names every element has declared (``everywhere``)."""

    values: dict[str, set[str]] = field(default_factory=dict)
    everywhere: set[str] = field(default_factory=set)
    # names an element may still have no value of (registered by @property, or set to a
    # CSS-wide keyword such as "initial") although declared for the whole page
    fallback_too: set[str] = field(default_factory=set)
    typed: set[str] = field(default_factory=set)  # registered with a syntax: not worked out
    refused: bool = False  # the page's custom properties could not be read: none worked out
    # each name's values once worked out: names that refer to names each through several
    # values of their own would otherwise be worked out again for each (8 deep: 8**8 times)
    _known: dict[str, tuple[frozenset[str | None], bool]] = field(default_factory=dict,
                                                                  repr=False)

    def __bool__(self) -> bool:
        return not self.refused

    def variants(self, declarations: str) -> list[str]:
        """``declarations`` (a rule's block) read once per combination of the values its
        declarations' ``var()``s may take; ``[declarations]`` as it is when it uses none, or
        when they are not worked out (module docstring)."""
        if not self or not _VAR.search(declarations):
            return [declarations]
        pieces = _split(declarations)
        if pieces is None:
            return [declarations]
        # what the rule declares itself, every element it applies to has
        own = frozenset(piece.split(":", 1)[0].strip(_SPACES) for piece in pieces
                        if piece.lstrip(_SPACES).startswith("--") and ":" in piece)
        options = []
        for piece in pieces:
            if not _VAR.search(piece) or ":" not in piece or \
                    piece.lstrip(_SPACES).startswith("--"):
                options.append([piece])
                continue
            name, value = piece.split(":", 1)
            important = _IMPORTANT.search(value)
            values = self._possible(value[:important.start()] if important else value, own, ())
            if values is None:
                return [declarations]
            options.append(sorted({
                f"{name}: {' '.join((given or '').split()) or _UNSET}"
                f"{important.group() if important else ''}" for given in values}))
        if math.prod(map(len, options)) > READINGS_MOST:
            return [declarations]
        return [";".join(chosen) for chosen in itertools.product(*options)]

    def _possible(self, text: str, own: frozenset[str], seen: tuple[str, ...]
                  ) -> set[str | None] | None:
        """Every text ``text`` may be with its ``var()``s given their values (``own``: names
        declared where it is used); None in it for no value (a ``var()`` of no value and no
        fallback: what uses it is unset); None in place of the set when not worked out."""
        if _names_used(text) is None:
            return None
        spans = _var_spans(text)
        if not spans:
            return {text}
        each = []
        for _, _, name, fallback in spans:
            worked = self._values_of(name, seen)
            if worked is None:
                return None
            values, undeclared = worked
            # an element a rule that declares the name applies to has it declared
            if undeclared and (name not in own or name in self.fallback_too or not values):
                values.add(None)
            if None in values and fallback is not None:
                given = self._possible(fallback, own, seen)
                if given is None:
                    return None
                values = (values - {None}) | given
            each.append(sorted(values, key=lambda value: (value is None, value or "")))
        if math.prod(map(len, each)) > VALUES_MOST * VALUES_MOST:
            return None
        found: set[str | None] = set()
        for chosen in itertools.product(*each):
            if None in chosen:
                found.add(None)
                continue
            out, at = [], 0
            for (start, end, _, _), given in zip(spans, chosen, strict=True):
                out += [text[at:start], given]
                at = end
            given = "".join(out) + text[at:]
            if len(given) > SUBSTITUTED_MOST:
                return None
            found.add(given)
        return found if len(found) <= VALUES_MOST else None

    def _values_of(self, name: str, seen: tuple[str, ...]
                   ) -> tuple[set[str | None], bool] | None:
        """Every value ``name`` may have, its own ``var()``s worked out, None among them for
        one that comes to none (a ``var()`` of none with no fallback, a CSS-wide keyword:
        what uses it takes its fallback, or is unset); and whether an element may not
        declare it at all. None when not worked out (a value that refers to itself, too
        many)."""
        if name in self._known:
            values, undeclared = self._known[name]
            return set(values), undeclared
        if name in seen or len(seen) >= DEPTH_MOST or name in self.typed:
            return None
        found: set[str | None] = set()
        for value in self.values.get(name, ()):
            given = self._possible(value, frozenset(), (*seen, name))
            if given is None:
                return None
            found |= {None if value is None or value.strip(_SPACES).lower() in _KEYWORDS
                      else value for value in given}
            if len(found) > VALUES_MOST:
                return None
        undeclared = name not in self.everywhere or name in self.fallback_too
        self._known[name] = (frozenset(found), undeclared)
        return found, undeclared


def custom_properties_of(sheets: Iterable, rules: Iterable[tuple[str, bool]],
                         styles: Iterable[str]) -> CustomProperties:
    """The custom properties of a page: those its style ``rules`` declare (each rule that
    applies to the reader and may match an element of the page: its declarations, and
    whether every element has them, ``whole_page``); what the ``@property`` and
    ``@keyframes`` blocks of its ``sheets`` (``style_sheets.StyleSheet``, those for the reader)
    give them; and those of its elements' ``style`` attributes (``styles``)."""
    import tinycss2

    found = CustomProperties()
    try:
        for declarations, everywhere in rules:
            names = _declared_in(tinycss2.parse_component_value_list(declarations,
                                                                     skip_comments=True), found)
            if everywhere:
                found.everywhere.update(names)
        for sheet in sheets:
            if "@" in sheet.css and "--" in sheet.css:
                _at_rules(tinycss2.parse_component_value_list(sheet.css, skip_comments=True),
                          found)
        for style in styles:
            if "--" in style:
                _declared_in(tinycss2.parse_component_value_list(style, skip_comments=True),
                             found)
    except RecursionError:
        found.refused = True
    return found


def whole_page(selector_list: str) -> bool:
    """Whether a rule's selector list matches the root element, or every element, so that
    what it declares every element has, unless one declares it again."""
    return any(selector.strip("\t\n\f\r ").lower() in _WHOLE_PAGE
               for selector in selector_list.split(","))


def _at_rules(tokens: list, found: CustomProperties) -> None:
    """Gather what ``@property`` registers and what ``@keyframes`` animates a custom property
    to, at any depth of ``tokens``."""
    at, prelude = None, []
    for token in tokens:
        if token.type == "at-keyword":
            at, prelude = token, []
        elif token.type == "{} block":
            name = at.lower_value if at is not None else ""
            if name == "property":
                _registered(prelude, token.content, found)
            elif name.endswith("keyframes"):
                for frame in (t for t in token.content if t.type == "{} block"):
                    _declared_in(frame.content, found)
            else:
                _at_rules(token.content, found)
            at, prelude = None, []
        elif token.type == "literal" and token.value == ";":
            at, prelude = None, []
        else:
            prelude.append(token)


def _declarations_of(tokens: list):
    """(name, value) of each ``--name: value`` among ``tokens`` (a block's content, or a
    ``style`` attribute's), the value up to its ``;`` or the block's end, ``!important``
    left off; None for a value a browser drops, which gives the name none (``_valid``)."""
    import tinycss2

    for declaration in tinycss2.parse_blocks_contents(tokens):
        if declaration.type == "declaration" and declaration.name.startswith("--"):
            yield declaration.name, (tinycss2.serialize(declaration.value).strip(_SPACES)
                                     if _valid(declaration.value) else None)


def _valid(tokens: list) -> bool:
    """Whether a custom property's value is one a browser keeps: no bad string or URL, no
    bracket closed that was never opened (tinycss2's errors), and no "!" but that of
    "!important" outside brackets."""
    stack = [iter(tokens)]
    top = True
    while stack:
        token = next(stack[-1], None)
        if token is None:
            stack.pop()
            top = len(stack) == 1
            continue
        if token.type == "error" or top and token.type == "literal" and token.value == "!":
            return False
        inner = getattr(token, "content", None) or getattr(token, "arguments", None)
        if inner:
            stack.append(iter(inner))
            top = False
    return True


def _declared_in(tokens: list, found: CustomProperties) -> list[str]:
    """Add the custom properties declared among ``tokens``, and name them; a CSS-wide
    keyword ("initial", "inherit") or a value a browser drops gives the name no value of its
    own (its fallback, or the property unset)."""
    names = []
    for name, value in _declarations_of(tokens):
        names.append(name)
        if value is None or value.lower() in _KEYWORDS:
            found.fallback_too.add(name)
        else:
            found.values.setdefault(name, set()).add(value)
    return names


def _registered(prelude: list, block: list, found: CustomProperties) -> None:
    """An ``@property --name { initial-value: ... }``: its initial value is one of the name's
    values, and it is what an element with no declaration of its own has."""
    import tinycss2

    name = next((t.value for t in prelude if t.type == "ident" and t.value.startswith("--")),
                None)
    if name is None:
        return
    found.fallback_too.add(name)
    for declaration in tinycss2.parse_declaration_list(block):
        if declaration.type != "declaration":
            continue
        value = tinycss2.serialize(declaration.value).strip(_SPACES)
        if declaration.lower_name == "initial-value":
            found.values.setdefault(name, set()).add(value)
        elif declaration.lower_name == "syntax" and value.strip("\"'") != "*":
            found.typed.add(name)  # its values are converted: "<integer>" rounds 0.4 to 0


def _split(declarations: str) -> list[str] | None:
    """``declarations`` split at each ``;`` outside brackets, strings and comments (read where
    ``media_queries.blanked`` blanks them); None where an escape outside them may spell a
    name or a bracket."""
    shape = blanked(declarations)
    if "\\" in shape:
        return None
    pieces, depth, start = [], 0, 0
    for at, char in enumerate(shape):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            pieces.append(declarations[start:at])
            start = at + 1
    pieces.append(declarations[start:])
    return pieces


def _names_used(text: str) -> list[str] | None:
    """The custom property names ``text``'s ``var()``s use, in order; None when one is not
    a plain name (an escape, a comment, nothing)."""
    names = []
    for var in _VAR.finditer(text):
        name = _NAME.match(text, var.end())
        if name is None:
            return None
        if name.group(1) not in names:
            names.append(name.group(1))
    return names


def _var_spans(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, name, fallback or None) of each outermost ``var()`` of ``text``."""
    spans, at = [], 0
    while True:
        var = _VAR.search(text, at)
        if var is None:
            return spans
        name = _NAME.match(text, var.end())
        assert name is not None  # _names_used read it first
        depth, end = 1, name.end()
        if name.group(2) == ")":
            spans.append((var.start(), end, name.group(1), None))
            at = end
            continue
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        spans.append((var.start(), end, name.group(1), text[name.end():end - 1]))
        at = end
