"""Whether an animation leaves an element's text hidden: the key frames a page's style sheets
define (``@keyframes``), read for what hides text (``style_rules.hides``), and the animations
an element runs.

An animation hides its element's text where its last frame hides it and it stays there
(``animation-fill-mode: forwards`` or ``both``), or where a frame hides it and it runs for
ever (``infinite``: hidden part of the time). A fade-in, which starts hidden and ends seen,
hides nothing once it has run.
"""

from __future__ import annotations

import re

from worksample.prose.css_hiding import declared
from worksample.prose.media_queries import blanked

_KEYFRAMES = re.compile(r"@(?:-webkit-)?keyframes\s+([^\s{;]+)\s*\{", re.IGNORECASE)
_BRACE = re.compile(r"[{}]")
_END = frozenset({"to", "100%"})
_NAMES = ("animation", "-webkit-animation", "animation-name", "-webkit-animation-name")
_STAYS = frozenset({"forwards", "both"})
KEYFRAMES_MOST = 200  # no style sheet needs more
# what an animation's declarations hold that names no key frames
_NOT_NAMES = frozenset({"none", ",", "initial", "inherit", "unset", "revert", "forwards",
                        "backwards", "both", "infinite", "normal", "reverse", "alternate",
                        "alternate-reverse", "running", "paused", "ease", "linear", "ease-in",
                        "ease-out", "ease-in-out", "step-start", "step-end"})


def hiding_keyframes(sheets: list[str], hides) -> dict[str, tuple[str, bool]]:
    """For each ``@keyframes`` of the style sheets' text ``sheets`` with a frame that hides
    text (``hides(declarations)``, the reason), its name (folded to lower case, as the
    page's animations are read): the reason, and whether its last frame hides. Comments,
    strings and escapes are read as a browser reads them (``media_queries.blanked``); each
    sheet is read in one pass over its braces. Past ``KEYFRAMES_MOST`` sets, "*": every
    animation is taken to hide."""
    found: dict[str, tuple[str, bool]] = {}
    for css in sheets:
        shape = blanked(css, escapes=True)
        names = {start.end(): css[start.start(1):start.end(1)].lower()
                 for start in _KEYFRAMES.finditer(shape)}
        if len(names) > KEYFRAMES_MOST:
            return {"*": (f"more than {KEYFRAMES_MOST} sets of key frames", True)}
        if names:
            _read_frames(css, shape, names, hides, found)
    return found


def _read_frames(css: str, shape: str, names: dict[int, str], hides, found: dict) -> None:
    """Add to ``found`` what the frames of each set of key frames of ``css`` hide: a frame is
    a block that holds none, read for the innermost set open around it. ``names``: each
    set's name by where its block starts."""
    opened: list[tuple[int, int]] = []  # each open block: where it starts, the brace before
    sets: list[str] = []  # the names of the sets of key frames open
    before = 0  # just after the brace before
    last_opened = -1
    for brace in _BRACE.finditer(shape):
        if brace.group() == "{":
            opened.append((brace.end(), before))
            if brace.end() in names:
                sets.append(names[brace.end()])
            last_opened = brace.end()
        elif opened:
            start, selectors_from = opened.pop()
            if start == last_opened and sets and start not in names:  # a frame
                _read_frame(sets[-1], shape[selectors_from:start - 1], css[start:brace.start()],
                            hides, found)
            elif start in names and sets:
                sets.pop()
            last_opened = -1
        before = brace.end()


def _read_frame(name: str, selectors: str, declarations: str, hides, found: dict) -> None:
    """Add what one frame of the key frames ``name`` hides to ``found``."""
    hiding = hides(declarations)
    if not hiding:
        return
    why, end_hides = found.get(name, (hiding, False))
    found[name] = (why, end_hides or bool(_END.intersection(
        part.strip().lower() for part in selectors.split(","))))


def animated_away(style: str, keyframes: dict[str, tuple[str, bool]]) -> str:
    """Why the animations ``style`` runs leave its text hidden (``hiding_keyframes``), as "an
    animation: ..."; '' when none does."""
    if not keyframes:
        return ""
    declarations = declared(style)
    words = {word.strip(",").lower()
             for name in (*_NAMES, "animation-fill-mode", "-webkit-animation-fill-mode",
                          "animation-iteration-count", "-webkit-animation-iteration-count")
             for word in declarations.get(name, "").replace(",", " , ").split()}
    stays, forever = bool(_STAYS & words), "infinite" in words
    if "*" in keyframes and words - _NOT_NAMES:
        return f"an animation ({keyframes['*'][0]})"
    for name in words & keyframes.keys():
        why, end_hides = keyframes[name]
        if forever or end_hides and stays:
            return f"an animation ({name}: {why})"
    return ""
