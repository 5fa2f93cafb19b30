"""What the images of a background paint under text, where a mail client draws them whether or
not it loads images: a gradient (drawn from the style itself) and an image that needs no
request (a ``data:`` URL, ``element()``, ``paint()``, ``cross-fade()``).

- A gradient paints the colours of its stops; a stop at most ``FAINT`` opaque paints none
  (what is under it shows).
- Any other image drawn with no request paints colours not read here (``ANY_COLOUR``): white
  text on a white one-pixel ``data:`` image is as hidden as on a white gradient.
- An image from elsewhere (``http:``, ``cid:``) paints nothing here: a client that blocks
  remote images shows the colour beside it, which is what the text is judged against.
"""

from __future__ import annotations

ANY_COLOUR = "an image's colours, not read"  # what an image drawn with no request may paint
STOPS_MOST = 8  # a gradient's distinct colours kept: past them, its colours are any
_DRAWN_HERE = frozenset({"element", "paint", "cross-fade", "-webkit-cross-fade"})
_SETS = frozenset({"image-set", "-webkit-image-set", "image"})


def images_paint(tokens: list, colour_of, faint: float) -> tuple:
    """The colours the image layers of a ``background`` or ``background-image`` value
    (``tokens``: tinycss2's component values) paint where no image is loaded from elsewhere:
    each a colour ``colour_of(text)`` reads (or what it returns for "currentcolor"), or
    ``ANY_COLOUR``; a stop at most ``faint`` opaque is left out. () when they paint none."""
    found: list = []
    for token in tokens:
        _layer(token, colour_of, faint, found)
    colours = tuple(dict.fromkeys(found))
    return (ANY_COLOUR,) if len(colours) > STOPS_MOST else colours


def _layer(token, colour_of, faint: float, found: list) -> None:
    """Add to ``found`` what one token of a background value paints, if it is an image."""
    if token.type == "url":
        if _needs_no_request(token.value):
            found.append(ANY_COLOUR)
    elif token.type == "function":
        name = token.lower_name
        if name.endswith("gradient"):
            _stops(token.arguments, colour_of, faint, found)
        elif name in _DRAWN_HERE:
            found.append(ANY_COLOUR)
        elif name == "url":  # url("data:...")
            if any(argument.type == "string" and _needs_no_request(argument.value)
                   for argument in token.arguments):
                found.append(ANY_COLOUR)
        elif name in _SETS:  # its choices: urls, strings of urls, gradients
            for argument in token.arguments:
                if argument.type == "string":
                    if _needs_no_request(argument.value):
                        found.append(ANY_COLOUR)
                else:
                    _layer(argument, colour_of, faint, found)


def _stops(tokens: list, colour_of, faint: float, found: list) -> None:
    """Add to ``found`` the colours among a gradient's arguments, at any depth (the old
    ``-webkit-gradient(linear, ..., from(#fff), color-stop(.5, red))`` nests them)."""
    import tinycss2

    for token in tokens:
        if token.type not in ("hash", "ident", "function"):
            continue
        colour = colour_of(tinycss2.serialize([token]).strip().lower())
        if colour is None:
            if token.type == "function":
                _stops(token.arguments, colour_of, faint, found)
        elif isinstance(colour, str) or colour.alpha > faint:
            found.append(colour)


def _needs_no_request(address: str) -> bool:
    """Whether an image's address is drawn from the page itself (a ``data:`` URL)."""
    return address.strip().lower().startswith("data:")
