"""Whether a reader can tell a text's colour from the colour under it, for HTML and Word alike.

Either of two tests calls them alike:

- no sRGB channel further apart than white is from ``NEAR_WHITE`` (``#f0f0f0`` on white,
  ``#0f0f0f`` on black, navy on a navy just lighter);
- a contrast ratio (WCAG 2's, from the colours' relative luminance) under
  ``LEAST_CONTRAST``: colours whose channels are far apart but whose lightness is the same,
  which a reader sees as little as grey on grey. Yellow (``#ffff00``) on white is 1.07:1,
  red on a green of its luminance 1.06:1. The bound is where the first test puts grey on
  white (``#f0f0f0``: 1.14:1); ``#ccc``, faint but read, is 1.6:1.
"""

from __future__ import annotations

NEAR_WHITE = 240 / 255  # #f0f0f0 and lighter: invisible on the white page a reviewer reads
LEAST_CONTRAST = 1.15
WHITE = (1.0, 1.0, 1.0)


def alike(colour: tuple[float, ...], under: tuple[float, ...]) -> bool:
    """Whether a reader cannot tell ``colour`` from ``under`` (sRGB channels, 0 to 1)."""
    return near(colour, under) or contrast_ratio(colour, under) < LEAST_CONTRAST


def alike_by_luminance(colour: tuple[float, ...], its_luminance: float,
                       under: tuple[float, ...], under_luminance: float) -> bool:
    """``alike``, for colours whose ``luminance`` is worked out already (a gradient's many)."""
    lighter, darker = max(its_luminance, under_luminance), min(its_luminance, under_luminance)
    return (lighter + 0.05) < LEAST_CONTRAST * (darker + 0.05) or near(colour, under)


def near(colour: tuple[float, ...], under: tuple[float, ...]) -> bool:
    """Whether no channel of the two is further apart than white is from ``NEAR_WHITE``."""
    return max(abs(one - other) for one, other in zip(colour, under, strict=True)) \
        <= 1 - NEAR_WHITE


def contrast_ratio(colour: tuple[float, ...], under: tuple[float, ...]) -> float:
    """WCAG 2's contrast ratio of two sRGB colours: 1 for the same, 21 for black on white."""
    lighter, darker = sorted((luminance(colour), luminance(under)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def luminance(colour: tuple[float, ...]) -> float:
    """An sRGB colour's relative luminance (WCAG 2)."""
    red, green, blue = (channel / 12.92 if channel <= 0.04045
                        else ((channel + 0.055) / 1.055) ** 2.4 for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
