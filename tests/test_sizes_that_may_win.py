"""A box that clips its text measures it at the largest size any style that may win gives it.

The size and the line height of a box's text decide how many lines it needs, and so whether a
browser cuts some off. They were read from the last declaration written, so a style rule that
wins the cascade another way (``!important``, a selector's weight, a layer, a media query, an
ancestor's rule the box inherits from) made the text larger than it was read: its last lines
were cut off by the browser and counted by the grader (a red team's, 2026-12-07). The text is
now measured at the largest size and line any of them gives it (``PageText._largest_text``);
an element's own style wins over all but a rule's ``!important`` one. A browser's own sizes
(headings, ``<small>``, ``<big>``, ``<sub>``, ``<sup>``, ``<font size>``) are read, under
every style rule. Each unit is read at its most (``largest_text``): a font's units at an
em, ``lh`` and ``rlh`` as the lines they name, a root two rules size at the larger,
``font-size-adjust`` over the least x-height a reader's fonts have, ``font-size: math`` as
any size. The box a ``::before``, an ``::after`` or a ``::marker`` makes is counted in the
element (its letters, size and pushes), and sets nothing of the element's own: a
clearfix's ``font-size: 0`` hid all the honest text of its element.

The pages in tests/corpora/sizes_that_may_win.yaml were rendered by headless Chromium 156 at
four screen sizes; their kinds are as for tests/corpora/screen_sized_red_team.yaml.
"""

from __future__ import annotations

import math

import pytest
import yaml
from conftest_paths import ROOT as REPOSITORY

from worksample.prose.clipped_text import NORMAL_LINE, content_text
from worksample.prose.largest_text import Largest, largest_line, largest_size, size_adjust
from worksample.prose.markup import from_html
from worksample.prose.page_text import legacy_font_size

WORDS = "SECRET refund words"
CORPUS = yaml.safe_load((REPOSITORY / "tests" / "corpora" / "sizes_that_may_win.yaml")
                        .read_text(encoding="utf-8"))


def _read(markup: str):
    return from_html("<!doctype html><p>Hello Margaret.</p>" + markup.replace("{}", WORDS))


def _pages(kind: str) -> dict[str, str]:
    return {name: case["html"] for name, case in (CORPUS.get(kind) or {}).items()}


@pytest.mark.parametrize("markup", _pages("hidden").values(), ids=_pages("hidden").keys())
def test_text_a_winning_size_cuts_off_or_shrinks_is_hidden(markup):
    visible = _read(markup)
    assert "refund" not in visible.text and WORDS in visible.hidden
    assert visible.hidden_by


@pytest.mark.parametrize("markup", _pages("readable").values(), ids=_pages("readable").keys())
def test_text_every_size_leaves_room_for_is_read(markup):
    visible = _read(markup)
    assert WORDS in visible.text and not visible.hidden_by


@pytest.mark.parametrize("markup", _pages("still_hidden").values(),
                         ids=_pages("still_hidden").keys())
@pytest.mark.xfail(strict=True, reason="drawn, but measured at a size that does not win")
def test_text_measured_at_a_size_that_does_not_win_stays_hidden(markup):
    assert WORDS in _read(markup).text


@pytest.mark.parametrize("markup", _pages("known_evasions").values(),
                         ids=_pages("known_evasions").keys())
@pytest.mark.xfail(strict=True, reason="hidden by a browser, not yet read as hidden")
def test_known_evasions(markup):
    assert "refund" not in _read(markup).text


def test_every_page_was_drawn_or_hidden_as_its_kind_says():
    for kind, cases in CORPUS.items():
        for name, case in (cases or {}).items():
            sizes = case["chromium"].split()
            assert len(sizes) == 4, name
            assert ("hidden" in sizes) == (kind in ("hidden", "known_evasions")), name


@pytest.mark.parametrize(("size", "keyword"), [
    ("7", "xxx-large"), ("1", "x-small"), ("+4", "xxx-large"), ("-1", "small"),
    (" 6 ", "xx-large"), ("\t+1", "large"), ("3px", "medium"), ("0", "x-small"),
    ("00000007", "xxx-large"), ("-99", "x-small"), ("2147483647", "xxx-large"),
    # past the largest int, Chromium reads 0 (a red team's)
    ("2147483648", "x-small"), ("-99999999999", "medium"), ("+99999999999", "medium"),
    ("x7", ""), ("+", ""), ("", ""), ("+ 2", ""),
])
def test_a_font_elements_size_is_read_as_html_reads_it(size, keyword):
    assert legacy_font_size(size) == keyword


@pytest.mark.parametrize(("content", "letters"), [
    ('""', ""), ('"."', "."), ('" "', " "), ("'xyz'", "xyz"), ('"ab" "cd"', "abcd"),
    ("none", ""), ("attr(title)", None), ('"a" counter(item)', None), ("url(icon.png)", None),
    ('"a\\"b"', None),  # an escaped quote: not read
])
def test_the_letters_a_pseudo_elements_content_draws(content, letters):
    assert content_text(content) == letters


PARENT = Largest(20.0, ("px", 30.0), 1.0, "")
ROOT = Largest(24.0, ("px", 40.0), 1.0, "")


@pytest.mark.parametrize(("size", "px"), [
    ("2ch", 40.0), ("2ex", 40.0), ("2cap", 40.0), ("2ic", 40.0),  # a font's units at an em
    ("2rem", 48.0), ("2rch", 48.0),  # the root's largest
    ("2lh", 60.0), ("2rlh", 80.0),  # the parent's line, the root's
    ("150%", 30.0), ("larger", 24.0), ("smaller", 20.0), ("-webkit-xxx-large", 48.0),
    ("10px", 10.0), ("-2em", 0.0), ("inherit", 20.0), ("math", math.inf),
])
def test_a_text_size_is_read_at_its_most(size, px):
    assert largest_size([{"font-size": size}], PARENT, ROOT) == pytest.approx(px)
    assert largest_size([{"font": f"bold {size}/1 serif"}], PARENT, ROOT) == pytest.approx(px)


def test_the_largest_of_the_sizes_that_may_win_is_read():
    assert largest_size([{"font-size": "8px"}, {}, {"font-size": "3ch"}], PARENT, ROOT) == 60.0
    assert largest_size([{}, {"color": "red"}], PARENT, ROOT) == 20.0


@pytest.mark.parametrize(("line", "read"), [
    ("2lh", ("px", 60.0)), ("1rlh", ("px", 40.0)), ("2ch", ("px", 20.0)),
    ("1.5", ("factor", 1.5)), ("200%", ("px", 30.0)), ("normal", NORMAL_LINE),
    ("inherit", ("px", 30.0)), ("5vw", ("px", 16.0)),
])
def test_a_lines_height_is_read_at_its_most(line, read):
    assert largest_line({"line-height": line}, 10.0, 1.5, PARENT, ROOT) == read


def test_a_font_shorthand_sets_a_normal_line_where_it_names_none():
    assert largest_line({"font": "12px serif"}, 12.0, 1.0, PARENT, ROOT) == NORMAL_LINE
    assert largest_line({"font": "12px/3lh serif"}, 12.0, 1.0, PARENT, ROOT) == ("px", 90.0)


@pytest.mark.parametrize(("adjust", "factor"), [
    ("0.8", 2.0), ("ex-height 0.8", 2.0), ("cap-height 1.2", 2.0), ("none", 1.0),
    ("from-font", 1.0), ("inherit", 3.0), ("-1", 0.0),
])
def test_a_font_size_adjust_enlarges_letters_at_most_over_the_least_metric(adjust, factor):
    assert size_adjust([{"font-size-adjust": adjust}], 3.0) == pytest.approx(factor)
    assert size_adjust([{}], 3.0) == 3.0
