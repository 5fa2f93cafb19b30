"""What the images of a background paint under text, where a mail client draws them whether or
not it loads images: a gradient (drawn from the style itself) and an image that needs no
request (a ``data:`` URL, ``element()``, ``paint()``, ``cross-fade()``, ``image()``).

- A gradient paints the colours of its stops and every colour between two neighbours
  (``Gradient``): a red-to-blue gradient whose stops lie far outside its box shows only
  purple. A stop that is not opaque is drawn over the colour under it.
- Any other image drawn with no request paints colours not read here (``ANY_COLOUR``): white
  text on a white one-pixel ``data:`` image is as hidden as on a white gradient.
- An image from elsewhere (``http:``, ``cid:``) paints nothing here: a client that blocks
  remote images shows the colour beside it, which is what the text is judged against.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from worksample.prose.background_values import comma_layers
from worksample.prose.contrast import WHITE, alike_by_luminance, luminance

ANY_COLOUR = "an image's colours, not read"  # what an image drawn with no request may paint
LAYERS_MOST = 8  # a background's gradients kept: past them, its colours are any
STOPS_MOST = 16  # a gradient's stops read: past them, its colours are any
STEPS = 16  # the colours tried between two stops, evenly apart (a step is under 16 of 255)
_DRAWN_HERE = frozenset({"element", "paint", "cross-fade", "-webkit-cross-fade", "image"})
_SETS = frozenset({"image-set", "-webkit-image-set"})
_POLAR = frozenset({"hsl", "hwb", "lch", "oklch"})  # spaces a gradient may go round a hue in


@dataclass(frozen=True)
class Gradient:
    """The colours a gradient paints: its stops' sRGB channels and alpha (0 to 1), in order,
    and all between two neighbours."""

    stops: tuple[tuple[float, float, float, float], ...]
    whole: bool = True  # it covers its box (a shadow inside it may cover an edge only)

    @property
    def solid(self) -> bool:
        """Whether it paints one colour (every stop the same, alpha too) over its whole box."""
        return self.whole and len(set(self.stops)) == 1

    def over(self, under: tuple[float, ...] | None) -> Gradient:
        """The gradient drawn over ``under`` (sRGB channels; None: the white page): each stop
        as the opaque colour it shows there."""
        base = WHITE if under is None else under
        return Gradient(tuple(blended(stop, base) for stop in self.stops), self.whole)

    def holds(self, colour: tuple[float, ...]) -> bool:
        """Whether text of ``colour`` (sRGB channels) cannot be told from some colour the
        gradient paints: a stop, or one between two neighbours (interpolated in sRGB, tried
        ``STEPS`` times between them)."""
        its_luminance = luminance(colour)
        return any(alike_by_luminance(colour, its_luminance, point, point_luminance)
                   for point, point_luminance in self._painted)

    @cached_property
    def _painted(self) -> tuple[tuple[tuple[float, ...], float], ...]:
        """The colours tried, each with its luminance, worked out once per gradient."""
        points = [stop[:3] for stop in self.stops]
        tried = [*points, *(tuple(one + (other - one) * step / STEPS
                                  for one, other in zip(first, second, strict=True))
                            for first, second in pairwise(points) for step in range(1, STEPS))]
        return tuple((point, luminance(point)) for point in dict.fromkeys(tried))


def blended(stop: tuple[float, ...], under: tuple[float, ...]) -> tuple[float, ...]:
    """A stop of some alpha drawn over an opaque ``under``: the opaque colour it shows."""
    alpha = stop[3]
    return (*(alpha * channel + (1 - alpha) * below
              for channel, below in zip(stop[:3], under, strict=True)), 1.0)


def images_paint(tokens: list, colour_of, to_srgb) -> tuple:
    """What the image layers of a ``background`` or ``background-image`` value (``tokens``:
    tinycss2's component values) paint where no image is loaded from elsewhere: a
    ``Gradient`` for each gradient, ``ANY_COLOUR`` for an image whose colours are not read
    (and a gradient of "currentcolor" or of too many stops); () when they paint none.
    ``colour_of(text)`` reads a colour (a string for "currentcolor"), ``to_srgb(colour)`` its
    sRGB channels (None where it cannot)."""
    found: list = []
    for token in tokens:
        _layer(token, colour_of, to_srgb, found)
    # every layer kept, the same one again too: faint layers add up (``drawn_under``)
    return (ANY_COLOUR,) if len(found) > LAYERS_MOST else tuple(found)


def _layer(token, colour_of, to_srgb, found: list) -> None:
    """Add to ``found`` what one token of a background value paints, if it is an image."""
    if token.type == "url":
        if _needs_no_request(token.value):
            found.append(ANY_COLOUR)
    elif token.type == "function":
        name = token.lower_name
        if name.endswith("gradient"):
            found.append(_gradient(token.arguments, colour_of, to_srgb))
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
                    _layer(argument, colour_of, to_srgb, found)


def _gradient(arguments: list, colour_of, to_srgb) -> Gradient | str:
    """The ``Gradient`` a gradient function's ``arguments`` paint; ``ANY_COLOUR`` where one
    of its stops is "currentcolor" or not read in sRGB, or past ``STOPS_MOST`` of them."""
    words = [token.lower_value for token in arguments if token.type == "ident"]
    if "in" in words and _POLAR.intersection(words):
        return ANY_COLOUR  # (a red team's) its hues go round the wheel, not straight across
    colours: list = []
    _stops(arguments, colour_of, colours)
    stops = []
    for colour in colours[:STOPS_MOST + 1]:
        channels = None if isinstance(colour, str) else to_srgb(colour)
        if channels is None:
            return ANY_COLOUR
        stops.append((*channels, min(max(colour.alpha, 0.0), 1.0)))
    return Gradient(tuple(stops)) if 0 < len(stops) <= STOPS_MOST else ANY_COLOUR


def _stops(tokens: list, colour_of, found: list) -> None:
    """Add to ``found`` the colours among a gradient's arguments in order, at any depth (the
    old ``-webkit-gradient(linear, ..., from(#fff), color-stop(.5, red))`` nests them)."""
    import tinycss2

    for token in tokens:
        if token.type not in ("hash", "ident", "function"):
            continue
        colour = colour_of(tinycss2.serialize([token]).strip().lower())
        if colour is not None:
            found.append(colour)
        elif token.type == "function":
            _stops(token.arguments, colour_of, found)


def _needs_no_request(address: str) -> bool:
    """Whether an image's address is drawn from the page itself (a ``data:`` URL)."""
    return address.strip().lower().startswith("data:")


def inset_shadows(tokens: list, colour_of, to_srgb) -> tuple:
    """The colours the shadows of a ``box-shadow`` value (``tokens``) cast inside its box,
    under its text: each a ``Gradient`` of one colour that may cover only part of the box
    (an edge, or all of it with a spread as wide), ``ANY_COLOUR`` for the text's own colour
    (a shadow with no colour is "currentcolor"). Those outside the box are none."""
    import tinycss2

    found: list = []
    for shadow in comma_layers(tokens):
        if not any(token.type == "ident" and token.lower_value == "inset" for token in shadow):
            continue
        colours = [colour_of(tinycss2.serialize([token]).strip().lower()) for token in shadow
                   if token.type in ("hash", "ident", "function")]
        colour = next((colour for colour in colours if colour is not None), "currentcolor")
        channels = None if isinstance(colour, str) else to_srgb(colour)
        found.append(ANY_COLOUR if channels is None else Gradient(
            ((*channels, min(max(colour.alpha, 0.0), 1.0)),), whole=False))
    return (ANY_COLOUR,) if len(found) > LAYERS_MOST else tuple(found)
