"""Whether a ``background`` shorthand is one a browser reads: a browser drops a declaration
it cannot read whole and keeps the one before, so "background: #000 nonsense" after
"background: #fff" paints white (a red team's: read as black, white text on it was counted).

A value is read when each of its comma-separated layers holds only images, positions (two
lengths, or up to four with a keyword), sizes after a "/" (at most two), repeat, attachment
and box keywords, and a colour in the last layer only; a global keyword is read (a value
computed, ``var()`` or ``light-dark()``, is the caller's to take as read). A
``background-image`` is read when each layer is one image or "none" (``read_as_images``).
"""

from __future__ import annotations

_GLOBAL = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})
_POSITIONS = frozenset({"left", "right", "top", "bottom", "center"})
_SIZES = frozenset({"auto", "cover", "contain"})
_KEYWORDS = frozenset({"none", "repeat", "repeat-x", "repeat-y", "no-repeat", "space", "round",
                       "scroll", "fixed", "local", "border-box", "padding-box", "content-box",
                       "text", "border-area"})
_IMAGES = frozenset({"url", "image", "image-set", "-webkit-image-set", "cross-fade", "element",
                     "paint"})


def read_as_background(tokens: list, is_colour) -> bool:
    """Whether ``tokens`` (tinycss2's component values of a ``background`` declaration) make
    a value a browser reads; ``is_colour(text)`` says whether a token names a colour."""
    import tinycss2

    layers = comma_layers(tokens)
    if _global(layers):
        return True
    for number, layer in enumerate(layers):
        colours = positions = sizes = 0
        sized = named = False  # named: a position keyword, with which 3 or 4 values may be
        for token in layer:
            if token.type == "literal" and token.value == "/" and not sized:
                sized = True
            elif token.type in ("dimension", "percentage") or token.type == "number" and \
                    token.value == 0:
                sizes, positions = (sizes + 1, positions) if sized else (sizes, positions + 1)
            elif token.type == "ident" and (token.lower_value in _POSITIONS and not sized
                                            or token.lower_value in _SIZES and sized):
                sizes, positions = (sizes + 1, positions) if sized else (sizes, positions + 1)
                named = named or not sized
            elif token.type == "ident" and token.lower_value in _KEYWORDS or _is_image(token):
                continue
            elif token.type in ("ident", "hash", "function") and is_colour(
                    tinycss2.serialize([token]).lower()):
                colours += 1
            else:
                return False
        if not layer or colours > (number == len(layers) - 1) or sizes > 2 or \
                positions > (4 if named else 2):
            return False
    return True


def read_as_images(tokens: list) -> bool:
    """Whether ``tokens`` (tinycss2's component values of a ``background-image`` declaration)
    make a value a browser reads: a global keyword, or layers each of one image or "none"
    (a red team's: a later "linear-gradient(white, white) bogus" is dropped)."""
    layers = comma_layers(tokens)
    return _global(layers) or all(
        len(layer) == 1 and (_is_image(layer[0]) or layer[0].type == "ident"
                             and layer[0].lower_value == "none") for layer in layers)


def comma_layers(tokens: list) -> list[list]:
    """tinycss2's component values of a value, split at its commas (a background's layers,
    a shadow's), without white space or comments."""
    layers: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            layers.append([])
        elif token.type not in ("whitespace", "comment"):
            layers[-1].append(token)
    return layers


def _global(layers: list[list]) -> bool:
    """Whether a value's ``layers`` are one global keyword ("inherit", "revert" ...)."""
    return len(layers) == 1 and len(layers[0]) == 1 and layers[0][0].type == "ident" and \
        layers[0][0].lower_value in _GLOBAL


def _is_image(token) -> bool:
    """Whether a token is an image: a URL, a gradient, an image function."""
    return token.type == "url" or token.type == "function" and (
        token.lower_name in _IMAGES or token.lower_name.endswith("gradient"))
