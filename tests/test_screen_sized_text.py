"""Text sized by the screen, read at every size a screen may give it.

- A text size worked out (``calc()``, ``min()``, ``max()``, ``clamp()``, as Bootstrap's
  headings and fluid type set it) is readable where the least it may be on any screen is.
- A box that clips is not measured where its text, its lines or what pushes its text may grow
  with the screen (vw, vh...): they have no largest size, and the box's own does not grow.
- A size in the root's ems is the root's size as the page sets it, not a browser's own.

Every case was rendered by headless Chromium at 800 x 600 and at 1600 x 1200: each readable
one drawn at both, each hidden one drawn at neither, or at the first only (it hides on a
larger screen). Seven of the hidden ones were read as visible before (2026-12-07). A red
team's pages (tests/corpora/screen_sized_red_team.yaml, rendered at four sizes) are read too,
with the evasions of older classes it found kept as known.
"""

from __future__ import annotations

import pytest
import yaml
from conftest_paths import ROOT

from worksample.prose.css_maths import least_px
from worksample.prose.markup import from_html

WORDS = "refund credit restore trash"
_THREE_LINES = ("<p style='margin:0'>Hello.</p><p style='margin:0'>Thanks.</p>"
                "<p style='margin:0'>{}</p>")

READABLE = {
    "Bootstrap's heading size": "<style>h1.v{font-size:calc(1.375rem + 1.5vw)}</style>"
                                "<h1 class=v>{}</h1>",
    "Bootstrap's smallest heading size": "<h4 style='font-size:calc(1.275rem + .3vw)'>{}</h4>",
    "fluid type by clamp()": "<style>p.v{font-size:clamp(1rem, 0.8rem + 1vw, 1.5rem)}</style>"
                             "<p class=v>{}</p>",
    "fluid type by max()": "<p style='font-size:max(14px, 1.2vw)'>{}</p>",
    "a percentage and px": "<p style='font-size:calc(80% + 4px)'>{}</p>",
    "a size in ems and the screen's": "<p style='font-size:calc(1em + 0.5vw)'>{}</p>",
    "the root at 62.5%, the text in rems": "<style>html{font-size:62.5%} p.v{font-size:1.6rem}"
                                           "</style><p class=v>{}</p>",
    "a box of a height in the screen's units, its text in px": "<div style='overflow:hidden;"
                                                               "height:20vh;font-size:14px'>"
                                                               "<p style='margin:0'>{}</p></div>",
}
# readable, but read as hidden: what is not worked out (docs/email-assignments.md)
STILL_HIDDEN = {
    # a style rule's size may apply to text inside text of any size: its ems are read as none
    "a size in ems and the screen's, in a style rule": "<style>p.v{font-size:calc(1em + "
                                                       "0.5vw)}</style><p class=v>{}</p>",
    "a heading sized by the screen in a box that clips and grows": (
        "<div style='overflow:hidden'><h2 style='font-size:calc(1.3rem + .6vw)'>{}</h2></div>"),
}
HIDDEN = {
    "a px and a tenth of the screen's width": "<p style='font-size:calc(0.1px + 0.1vw)'>{}</p>",
    "the screen's width taken away": "<p style='font-size:calc(30px - 2.9vw)'>{}</p>",
    "the least of a size and nothing": "<p style='font-size:min(2vw, 1px)'>{}</p>",
    "a clamp whose least is tiny": "<style>p.v{font-size:clamp(1px, 0.1vw, 40px)}</style>"
                                   "<p class=v>{}</p>",
    "a size of the screen round a box of px height": "<div style='font-size:2vw'><div style="
                                                     "'overflow:hidden;height:40px'>"
                                                     + _THREE_LINES + "</div></div>",
    "a box of px height, its own size of the screen": "<div style='font-size:2vw;overflow:"
                                                      "hidden;height:40px'>" + _THREE_LINES
                                                      + "</div>",
    "a size worked out with the screen round a box of px height": (
        "<div style='font-size:calc(4px + 1.5vw)'><div style='overflow:hidden;height:40px'>"
        + _THREE_LINES + "</div></div>"),
    "the root sized by the screen, the box's text in rems": (
        "<style>html{font-size:2vw} .b{overflow:hidden;height:40px;font-size:1rem}</style>"
        "<div class=b>" + _THREE_LINES + "</div>"),
    "lines of the screen's height": "<div style='line-height:3vh;overflow:hidden;height:40px'>"
                                    + _THREE_LINES + "</div>",
    "lines in ems of a size of the screen, the text set back": (
        "<div style='font-size:2vw;line-height:1.2em'><div style='overflow:hidden;height:40px;"
        "font-size:12px'>" + _THREE_LINES + "</div></div>"),
    "a margin of the screen's height inside": "<div style='overflow:hidden;height:60px'><p "
                                              "style='margin:0'>Hello.</p><p style='margin:0 0 "
                                              "8vh'>Thanks.</p><p style='margin:0'>{}</p></div>",
    "a padding of the screen's width round a box": "<div style='width:300px;padding-left:25vw;"
                                                   "box-sizing:border-box'><div style='overflow:"
                                                   "hidden;height:60px'><p style='margin:0'>{}"
                                                   "</p></div></div>",
    "a box's own padding of the screen's height": "<div style='overflow:hidden;height:60px;"
                                                  "padding-top:6vh;box-sizing:border-box'><p "
                                                  "style='margin:0'>Hello.</p><p style='margin:"
                                                  "0'>{}</p></div>",
    "a nudge of the screen's width": "<div style='overflow:hidden;height:60px'><p style='margin:"
                                     "0;position:relative;top:4vw'>Hello {}</p></div>",
    "the root at 3px, text in half a rem": "<style>html{font-size:3px} p.v{font-size:.5rem}"
                                           "</style><p class=v>{}</p>",
    "the root at 4px in its style, text in tenths of a rem": "<html style='font-size:4px'><p "
                                                             "style='font-size:.6rem'>{}</p>"
                                                             "</html>",
    "the root at 3px, a size worked out of rems": "<style>html{font-size:3px}</style><p style="
                                                  "'font-size:calc(.5rem + 0vw)'>{}</p>",
}


RED_TEAM = yaml.safe_load((ROOT / "tests" / "corpora" / "screen_sized_red_team.yaml")
                          .read_text(encoding="utf-8"))


def _read(markup: str):
    return from_html("<p>Hello Margaret.</p>" + markup.replace("{}", WORDS))


def _pages(kind: str) -> dict[str, str]:
    return {name: case["html"] for name, case in RED_TEAM[kind].items()}


@pytest.mark.parametrize("markup", [*READABLE.values(), *_pages("readable").values()],
                         ids=[*READABLE, *_pages("readable")])
def test_text_sized_by_the_screen_at_a_readable_least_is_read(markup):
    visible = _read(markup)
    assert WORDS in visible.text and not visible.hidden_by


@pytest.mark.parametrize("markup", [*STILL_HIDDEN.values(), *_pages("still_hidden").values()],
                         ids=[*STILL_HIDDEN, *_pages("still_hidden")])
@pytest.mark.xfail(strict=True, reason="readable, but not worked out: read as hidden")
def test_what_is_not_worked_out_stays_hidden(markup):
    assert WORDS in _read(markup).text


@pytest.mark.parametrize("markup", [*HIDDEN.values(), *_pages("hidden").values()],
                         ids=[*HIDDEN, *_pages("hidden")])
def test_text_a_screen_may_make_unreadable_is_hidden(markup):
    visible = _read(markup)
    assert "refund" not in visible.text and WORDS in visible.hidden
    assert visible.hidden_by


@pytest.mark.parametrize(("size", "least"), [
    ("calc(1.375rem + 1.5vw)", 22 + 1.5 * 3.2),  # a 320 px screen's
    ("clamp(1.5rem, 2vw + 1rem, 3rem)", 24.0),
    ("max(1vw, 2px)", 3.2),
    ("min(1vw, 2px)", 2.0),
    ("calc(-1 * (2px - 1vw))", 1.2),
    ("calc(100% / 2)", 0.0),  # of a size around it that may be none
    ("calc(13px * 1.4)", 18.2),
])
def test_the_least_a_size_may_be(size, least):
    assert least_px(size) == pytest.approx(least)


@pytest.mark.parametrize("size", [
    "calc(30px - 2vw)",  # the screen may be as wide as any
    "calc(2 * -1vw + 40px)",
    "calc(var(--x) + 1px)",
    "calc(1px+1vw)",  # no white space round "+": dropped by a browser
    "calc(1vw * 1vw)",
])
def test_a_size_with_no_least_is_none(size):
    assert least_px(size) is None


@pytest.mark.parametrize("markup", _pages("known_evasions").values(),
                         ids=_pages("known_evasions").keys())
@pytest.mark.xfail(strict=True, reason="an evasion of an older class, not yet read")
def test_known_evasions_of_older_classes(markup):
    assert "refund" not in _read(markup).text


def test_every_red_team_page_was_drawn_or_hidden_as_its_kind_says():
    for kind, cases in RED_TEAM.items():
        for name, case in cases.items():
            sizes = case["chromium"].split()
            assert len(sizes) == 4, name
            assert ("hidden" in sizes) == (kind in ("hidden", "known_evasions")), name


def test_the_least_takes_the_root_as_the_page_sets_it():
    assert least_px("calc(.5rem + 0vw)", root_px=3.0) == pytest.approx(1.5)
