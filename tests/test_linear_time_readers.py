"""Reading hostile text takes time linear in its size.

Each input below is built against one reader: a regular expression that backtracks (nested or
adjacent quantifiers over the same characters, a lazy ``.*?`` before an optional run and an
anchor) or a loop that rescans what it has read. Each is large enough that the code before
the fix took well over a minute on it (the measured growth is noted); the time limit is a
complexity guard, not a benchmark. Alongside, ordinary inputs must read as they always did.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import random
import re
import time
from types import SimpleNamespace

import pytest
from conftest_paths import CASE_SAMPLE, EMAIL_SAMPLE

from worksample.assignments import load
from worksample.errors import SubmissionRejected
from worksample.prose.markup import UnreadableMessage, from_eml, from_html, from_markdown
from worksample.prose.matching import PhraseSet
from worksample.prose.measures import numbers_in
from worksample.prose.style_rules import hides
from worksample.prose.text import eml_headers, sentences, without_quoted

LIMIT = 5.0  # seconds; the same inputs took minutes to hours before


def timed(read, *args, **kwargs):
    """``read(*args, **kwargs)``, failing when it takes more than LIMIT of this process's CPU.
    CPU, not the wall clock: under another process's load one guard's wall clock read 12.6 s
    for 0.8 s of work, while the slow readers these guard against burn CPU for minutes."""
    with heap_frozen():  # late in a whole suite: 5.6 s of CPU for a read of 3 s alone
        start = time.process_time()
        result = read(*args, **kwargs)
        elapsed = time.process_time() - start
    assert elapsed < LIMIT, f"took {elapsed:.1f}s of CPU: super-linear?"
    return result


def least_cpu_seconds(work, runs: int = 2) -> float:
    """The least CPU time of this process that ``work()`` took in ``runs`` calls. The growth
    guards compare CPU time, not the wall clock: another process on the machine slows the wall
    clock of one run and not the other's, and a guard that read it failed once for that."""
    with heap_frozen():
        best = float("inf")
        for _ in range(runs):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
        return best


@contextlib.contextmanager
def heap_frozen():
    """What the test process already holds, frozen out of the garbage collector's passes while
    a guard measures: late in the whole suite, a full pass over its heap during the larger
    call alone made a guard read 2.09 s against 0.25 s (8.4x for 4x the text; 3.3-4.2x when
    run alone)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# --- HTML: <style> blocks and their CSS rules ---------------------------------------------

@pytest.mark.parametrize("html", [
    # <style> with no end, repeated: was 0.9 s at 32 KB, x4 per doubling
    "<style>" * 85_000,
    # selectors and no brace at all: was 4.4 s at 32 KB, quadratic
    "<style>" + ".a .b " * 70_000 + "</style><p>seen</p>",
    # a "{" never closed: was 5.4 s at 32 KB, quadratic
    "<style>p{" + "color:red;" * 40_000 + "</style><p>seen</p>",
    # many "{", no "}", then a long run: quadratic in the run
    "<style>" + "x{" * 50_000 + "y" * 300_000 + "</style><p>seen</p>",
    # "<style" tags that never end: each scanned to the end; 19 s at 600 KB, quadratic
    "<style>" + "<style" * 250_000,
], ids=["style-repeated", "css-no-brace", "css-open-brace", "css-many-open-braces",
        "style-tags-never-ending"])
def test_style_blocks_and_css_rules_are_read_in_linear_time(html):
    visible = timed(from_html, html)
    assert "seen" in visible.text or "seen" not in html


# Growth guards by CPU time, not a wall-clock limit: at their first sizes (60,000 units) two
# of them took 3.5 of a 5 s limit alone and failed past it in a whole suite's run (2026-12-07)
@pytest.mark.parametrize("build", [
    # at-rules left open, a rule inside each: each at-rule is read once, not for each rule
    lambda n: "@media screen{.k{display:none}" * n,
    # one media query list of n conditions, after a print block
    lambda n: "@media print and " + "(color) and " * n + "x{.a{color:red}} .k{display:none}",
    # strings that never end, escapes and unquoted urls: read once each
    lambda n: '.a{content:"x\n' * n + "\\{" * n + "url(" * n + "} .k{display:none}",
    # a quote and an escape, again and again: the string ended by its last escape, not looked
    # for again from each quote (46 s at 64 KB for a first form)
    lambda n: '"\\' * (3 * n),
], ids=["at-rules-left-open", "a-long-query", "strings-escapes-urls", "quotes-and-escapes"])
def test_style_sheets_are_read_for_their_media_in_linear_time(build):
    def page(n):
        return f"<style>{build(n)}</style><p class=k>hidden</p><p>seen</p>"

    assert "seen" in from_html(page(15_000)).text
    small = least_cpu_seconds(lambda: from_html(page(15_000)))
    large = least_cpu_seconds(lambda: from_html(page(60_000)))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def _imported_deep(depth: int, css: str) -> str:
    """``css`` in a ``data:`` style sheet imported ``depth`` deep."""
    for _ in range(depth):
        css = '@import "data:text/css,' + css.replace("%", "%25").replace('"', "%22") + '";'
    return css


@pytest.mark.parametrize("css", [
    # (style_sheets.py) imports of data: style sheets, side by side and one inside another
    '@import "data:text/css,.k{display:none}";' * 15_000,
    _imported_deep(8, ".k{display:none}") * 2_000,
    # at-rules that may be imports, an import never ended, one of a URL never ended
    "@\\69 x;" * 30_000 + ".k{display:none}",
    '@import "data:text/css,.k{display:none}' + "x;" * 150_000,
    "@import url(data:text/css,.k%7Bdisplay:none%7D" + "x" * 300_000,
    # (a red team's, on f080cf5) an import, then what is all read for more: before the first
    # block, brackets never closed or statements of nothing; after it, blocks or rules
    '@import "data:text/css,.k{display:none}";' + "(" * 300_000,
    '@import "data:text/css,.k{display:none}";' + ";" * 300_000,
    '@import "data:text/css,.k{display:none}";' + ".a{color:red}" * 25_000,
], ids=["many-imports", "deep-imports-again-and-again", "escaped-at-rules", "import-never-ended",
        "import-url-never-ended", "brackets-after-an-import", "statements-after-an-import",
        "rules-after-an-import"])
def test_imported_style_sheets_are_read_in_linear_time(css):
    visible = timed(from_html, f"<style>{css}</style><p class=k>hidden</p><p>seen</p>")
    assert "seen" in visible.text and "hidden" not in visible.text


def test_a_style_sheet_linked_in_base64_is_read_in_linear_time():
    import base64

    sheet = base64.b64encode(b".a{color:red}" * 40_000 + b".k{display:none}").decode()
    visible = timed(from_html, f'<link rel=stylesheet href="data:text/css;base64,{sheet}">'
                               "<p class=k>hidden</p><p>seen</p>")
    assert "seen" in visible.text and "hidden" not in visible.text


def test_style_sheets_imported_more_than_eight_deep_are_refused():
    """A browser follows any number: a sheet nine deep is refused, not left unread."""
    assert "hidden" not in from_html(f"<style>{_imported_deep(8, '.k{display:none}')}</style>"
                                     "<p class=k>hidden</p><p>seen</p>").text
    with pytest.raises(UnreadableMessage, match="import one another more than 8 deep"):
        timed(from_html, f"<style>{_imported_deep(9, '.k{display:none}')}</style><p>seen</p>")


def test_css_selectors_that_hide_text_are_still_found():
    html = ("<style>.preheader{display:none} p.tiny{font-size:0px} #gone{opacity:0} "
            "div > .x, .y{visibility:hidden} .a.b{color:transparent} .ok{color:red} "
            ".preheader{opacity:0}</style>"
            "<p class='preheader'>preheader words</p><p class='tiny'>tiny words</p>"
            "<span id='gone'>gone words</span><p><i class='x'>x words</i> "
            "<i class='y'>y words</i></p><b class='a b'>both classes</b> "
            "<b class='a'>one class</b> <p class='ok tiny'>red but tiny</p>"
            "<p class='ok'>red text</p>")
    visible = from_html(html)
    assert visible.text == "\n \n one class \nred text\n"
    assert visible.hidden == ("preheader words tiny words gone words x words y words both "
                              "classes red but tiny")
    # (the opacity rules are read in the cascade: the preheader's "opacity: 0" is found first)
    assert visible.hidden_by == ("color: transparent, font-size:0px, opacity: 0, "
                                 "visibility:hidden")


# selectors read for their subjects, and rules nested in rules (selectors.py): each prelude is
# read once, and nested selector lists that name the rule around them do not multiply
SELECTOR_SHEETS = {
    "nested-selector-lists": lambda n: "a,b{" + "&.x,&.y{color:#fff;" * n + "}" * n + "}",
    "long-subjects": lambda n: "p" + ":not(.a)[t]#i.c" * n + "{display:none}",
    "rules-nested-deep": lambda n: ".a{color:#fff;" * n,
    "many-rules": lambda n: "".join(f".c{k} i:is(.x, .y)::first-line{{display:none}}"
                                    for k in range(n)),
    # (a second red team's: 12 s at 99 KB) many "&" rules inside one of 256 selectors
    "a long list named by many nested rules": lambda n: ",".join(
        f".s{k}" for k in range(256)) + "{" + "&.t{display:none}" * n + "}",
    # a name of another part for each rule: each looked for on the page, up to a number
    "many names of other parts": lambda n: "".join(f".a{k} .t{{display:none}}" for k in range(n)),
    # (a fourth red team's: 6.7 s at 100 KB) long names of other parts, each looked for
    "long names of other parts": lambda n: f".{'a' * n}b .t{{display:none}} .{'a' * n}c .t"
                                           "{display:none}",
    # in a sheet not plain, the blocks read twice
    "braces in strings, in a sheet not plain": lambda n: '@font-face{font-family:"{"}'
                                                         '.x{display:none}' * n,
}


@pytest.mark.parametrize("build", SELECTOR_SHEETS.values(), ids=SELECTOR_SHEETS.keys())
def test_style_rules_are_read_for_their_subjects_in_linear_time(build):
    def check(n):
        return lambda: from_html(f"<style type=text/css>{build(n)}</style><p class=b>seen</p>")

    assert "seen" in from_html(f"<style>{build(3_000)}</style><p class=b>seen</p>").text
    small, large = least_cpu_seconds(check(3_000)), least_cpu_seconds(check(12_000))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


# style rules' colours matched by their whole selectors (sheet_colours.py): each step counted,
# past a budget the rest of the page hidden. Rules built to walk the tree for every element
COLOUR_RULE_PAGES = {
    # a descendant looked for under each element of deep nests (14 s at 200 KB uncounted)
    "has-in-deep-nests": lambda n: (
        "".join(f"div:has(.k{k}){{background:#111}}" for k in range(400)),
        ("<div>" * 100 + "x" + "</div>" * 100) * (n // 100)),
    # earlier siblings walked for each element of a wide list
    "siblings-of-a-wide-list": lambda n: (
        "".join(f"p ~ p ~ .q{k}{{color:#111}}" for k in range(400)), "<p class=q1>x</p>" * n),
    # ancestors walked for every rule and element
    "ancestors-for-every-rule": lambda n: (
        "".join(f"* * * .c{k}{{color:#0{k % 10}0}}" for k in range(400)),
        "<div>" * 150 + "<p>x</p>" * n + "</div>" * 150),
    # (a second red team's: 36 s at 51 KB) colour rules under a condition, doubted on every
    # element of a nest
    "doubted-rules-on-a-nest": lambda n: (
        "".join(f"@media screen{{div{{color:#{k:06x}}}}}" for k in range(1_500)),
        "<div>" * 150 + "<p>x</p>" * n + "</div>" * 150),
    # a selector's position counted among the siblings that match another
    "nth-child-of-a-selector": lambda n: (
        "".join(f"p:nth-child(2n+1 of .a, .b{k}){{color:#222}}" for k in range(400)),
        "<p class=a>x</p>" * n),
}


@pytest.mark.parametrize("build", COLOUR_RULE_PAGES.values(), ids=COLOUR_RULE_PAGES.keys())
def test_colour_rules_built_to_be_slow_to_match_hide_the_rest(build):
    def page(n):
        css, body = build(n)
        return f"<!doctype html><style>{css}</style><p>seen</p>{body}"

    visible = timed(from_html, page(8_000))
    assert "seen" in visible.text and "too many style rules to check" in visible.hidden_by
    small, large = least_cpu_seconds(lambda: from_html(page(2_000))), \
        least_cpu_seconds(lambda: from_html(page(8_000)))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def test_gradients_of_many_stops_each_their_own_are_read_in_linear_time():
    """Each gradient's colours are worked out once (``background_images``, at most 16 stops
    and 8 layers read), and each text colour is tried against them: a page of elements each
    with a gradient of its own grows with its length."""
    def page(n):
        return "<!doctype html><p>seen</p>" + "".join(
            f'<p style="color:#{k:06x};background:#000 linear-gradient('
            + ",".join(f"#{(k * 7919 + stop * 104729) % 2 ** 24:06x}" for stop in range(16))
            + f'),radial-gradient(#{k:06x}00,#fff0)">w</p>' for k in range(n))

    assert "seen" in timed(from_html, page(2_000)).text
    small, large = least_cpu_seconds(lambda: from_html(page(500))), \
        least_cpu_seconds(lambda: from_html(page(2_000)))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def test_boxes_that_clip_their_text_are_measured_in_linear_time():
    """A box that clips its text is measured at its end, from the text read inside it
    (``clipped_text``): boxes nested in boxes are measured each, at most
    ``page_text.CLIPPING_MOST`` open at once (deeper ones cut their text off unmeasured), so
    a page of such nests, or one nest round a long text, grows with its length."""
    box = '<div style="max-height:99999px;overflow:hidden">'

    def page(n):  # nests deeper than are measured
        return "<p>seen</p>" + "".join(f"{box * 40}w{k}<br>x" + "</div>" * 40 for k in range(n))

    def long_text(n):  # each box of the nest measured, round all of the text
        return "<p>seen</p>" + box * 30 + ("word " * 50 + "<br>") * (n // 50) + "</div>" * 30

    # (20,000 nested boxes, page(500), took 4.4-5.2 s of CPU alone and 6.5 s late in a
    # suite: too near LIMIT for a guard against minutes; 10,000 are measured here, and the
    # growth from 5,000 to 20,000 below)
    assert "seen" in timed(from_html, page(250)).text
    assert "seen" in timed(from_html, long_text(200_000)).text
    for build, size in ((page, 125), (long_text, 50_000)):
        small, large = (least_cpu_seconds(functools.partial(from_html, build(n)))
                        for n in (size, 4 * size))
        assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def test_many_rules_that_clip_or_size_against_many_elements_are_read_in_linear_time():
    """Each element is compared with the rules filed under its names only (``HidingRules``),
    past a budget taken as matched."""
    def page(n):
        rules = "".join(f".c{k}{{overflow:hidden}} .c{k} .d{{max-height:{k}px}}" for k in range(n))
        return f"<style>{rules}</style><p>seen</p>" + "".join(
            f'<div class="c{k} d">w<br>x</div>' for k in range(n))

    assert "seen" in timed(from_html, page(4_000)).text
    small, large = least_cpu_seconds(lambda: from_html(page(1_000))), \
        least_cpu_seconds(lambda: from_html(page(4_000)))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


@pytest.mark.parametrize("css", [
    "@keyframes a{" * 60_000,  # never closed, each one's block to the end
    "@keyframes a{to{opacity:1}" + "x{}" * 100_000 + "}" * 5,  # one of many frames
    "".join(f"@keyframes k{n}{{to{{color:#fff}}}}" for n in range(150)) + "{" * 100_000,
    # (our own check's) a frame looked for again from each character of a long run
    "@keyframes a{" + "a" * 100_000 + "{" + "b" * 100_000 + "{",
    "@keyframes a{" * 199 + "x{opacity:0}" * 30_000,  # each frame in 199 sets never closed
], ids=["keyframes-never-closed", "many-frames", "keyframes-then-open-braces", "long-runs",
        "frames-in-sets-never-closed"])
def test_key_frames_are_read_in_linear_time(css):
    visible = timed(from_html, f'<style>{css}</style><p>seen</p><p style="animation:a 1s">x</p>')
    assert "seen" in visible.text


def test_a_page_nested_past_what_colour_rules_are_matched_in_is_read():
    """A tree deeper than ``sheet_colours.DEEPEST`` is not matched (cssselect2 recurses up
    it): its colour rules are judged alone, as before."""
    deep = "<div>" * 300 + "<span class=w>words</span>" + "</div>" * 300
    visible = timed(from_html, "<!doctype html><style>.w{color:#fff} .d{color:#333}</style>"
                    + deep + "<p class=d>seen</p>")
    assert "seen" in visible.text and "words" in visible.hidden


def test_names_of_other_parts_found_after_dots_again_and_again_in_linear_time():
    # (a fifth red team's: 2.9 s at 94 KB) a name found right after a "." each time
    def check(n):
        return lambda: from_html("<style>." + "a\\." * n + "a .x{display:none}</style><p>."
                                 + "a." * (4 * n) + "</p>")

    small, large = least_cpu_seconds(check(2_000)), least_cpu_seconds(check(8_000))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def test_class_names_are_decoded_as_a_browser_does_in_linear_time():
    def check(n):
        return lambda: from_html('<p class="' + "&ampx" * n + '">seen</p>')

    small, large = least_cpu_seconds(check(20_000)), least_cpu_seconds(check(80_000))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


@pytest.mark.parametrize("repeated", ["<body>", "<html>", "<body><body style>"])
def test_body_and_html_tags_written_again_and_again_are_read_in_linear_time(repeated):
    # (a sixth red team's: 12 s at 96 KB) each one looked at every element open before it
    def check(n):
        return lambda: from_html(repeated * n + "<p>seen</p>")

    assert "seen" in from_html(repeated * 10 + "<p>seen</p>").text
    small, large = least_cpu_seconds(check(2_000)), least_cpu_seconds(check(8_000))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


@pytest.mark.parametrize("build", [
    lambda n: "<p " + 'a="b>" ' * n + ">seen",  # a start tag's attributes read to its ">"
    lambda n: "<p>seen</p " + "a='b>' " * n + ">",  # an end tag's, the same way
    lambda n: '<a x="' * n + "<p>seen",  # quotes that end in the next tag, then one left open
    lambda n: "</ " * n + "><p>seen",  # comments "</" opens, each to the next ">"
], ids=["start-tag-attributes", "end-tag-attributes", "quotes", "bogus-comments"])
def test_tags_are_read_as_a_browser_reads_them_in_linear_time(build):
    def check(n):
        return lambda: from_html(build(n))

    small, large = least_cpu_seconds(check(5_000)), least_cpu_seconds(check(20_000))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


# --- HTML: hiding declarations, nesting, rules against elements ----------------------------

@pytest.mark.parametrize("html", [
    # zeros then a stray character: was 4.0 s at 16 KB, quadratic
    '<p style="opacity:' + "0" * 300_000 + 'x">seen</p>',
    "<style>.a{font-size:" + "0" * 300_000 + "#}</style><p class=a>seen</p>",
    '<p style="font-size:' + "0" * 300_000 + '.5em">seen</p>',
], ids=["opacity", "font-size-rule", "font-size-inline"])
def test_runs_of_zeros_in_a_style_are_read_in_linear_time(html):
    assert "seen" in timed(from_html, html).text


@pytest.mark.parametrize("declaration, hiding", [
    ("opacity: 0", "opacity: 0"), ("opacity:0.0 !important", "opacity:0.0"),
    ("opacity:.0;", "opacity:.0"), ("opacity:00", "opacity:00"), ("opacity:0.5", ""),
    ("opacity:0.", ""), ("font-size:0px;", "font-size:0px"), ("font-size: 1px", "font-size: 1px"),
    ("font-size:00.00em", "font-size:00.00em"), ("font-size:3px", ""), ("font-size:0.", ""),
])
def test_zero_opacity_and_tiny_fonts_still_hide(declaration, hiding):
    assert hides(declaration) == hiding


@pytest.mark.parametrize("html", [
    # a browser's tree builder looks through the open elements at each end tag that ends none
    # of them (5.9 s for 40,000 <i> and as many </b>; 3.4 s for 4,999 <i> and 200,000 </x>)
    # and at each block's start tag for a paragraph (21 s for 100,000 <div>): refused before
    # it is built
    "<div hidden>" + "<i>" * 100_000 + "</b>" * 100_000 + "</div><p>seen</p>",
    "<div hidden>" + "<i>" * 280_000 + "</i>" * 280_000 + "</div><p>seen</p>",
    "<p>seen</p>" + "<div>" * 100_000,
    "<p>seen</p>" + "<section><x-y>" * 50_000 + "</z>" * 100_000,
    "<p>seen</p>" + "<i>" * 4_999 + "</x>" * 200_000,
    "<p>seen</p>" + "<span>" * 4_999 + "<div></div>" * 100_000,
    # (a red team's, on caf2dee) elements that close one of their kind, alternated; raw text
    # and plain text that SVG does not hold
    "<p>seen</p>" + "<dd><li>" * 60_000,
    "<p>seen</p><svg><plaintext></plaintext></svg>" + "<div>" * 60_000,
    "<p>seen</p><svg><style></svg>" + "<div>" * 60_000 + "</style>",
    # (a second red team's, on dd8da9e) void names that SVG leaves open; end tags the
    # adoption agency leaves everything open under, or that a barrier keeps out of scope
    "<p>seen</p><svg>" + "<link>" * 20_000 + "</x>" * 20_000,
    "<p>seen</p>" + ("<b><div>" + "<q>" * 300 + "</b>") * 300 + "</p>" * 100_000,
    "<p>seen</p>" + ("<div><object>" + "<q>" * 300 + "</div>") * 300 + "</p>" * 100_000,
    # (a third red team's, on 1a513af) an end tag that a special element opened inside its
    # element makes end nothing, the two left open: 22 s at 940 KB
    "<p>seen</p>" + "<x><div></x>" * 20_000 + "</li>" * 140_000,
    "<p>seen</p>" + "<span><div></span>" * 15_000 + "</li>" * 140_000,
    "<span><div></span>" * 30_000,
], ids=["unmatched-end-tags", "matched-end-tags", "blocks", "custom-elements",
        "end-tags-under-a-deep-tree", "blocks-under-a-deep-tree", "alternated-items",
        "plaintext-in-svg", "style-in-svg", "void-names-in-svg", "adoption-agency",
        "out-of-scope", "ended-over-a-block", "span-ended-over-a-block", "blocks-in-spans"])
def test_elements_left_open_too_deep_are_refused_in_linear_time(html):
    with pytest.raises(UnreadableMessage, match="elements open one inside another"):
        timed(from_html, html)


@pytest.mark.parametrize("html", [
    # (a second red team's) what a browser makes more of than no reply needs: elements side
    # by side, and formatting elements made again in every paragraph
    "<p>seen</p>" + "<br>" * 249_999,
    "<p>seen</p><p>" + "<b><i><u><s>" * 3 + "<p>x" * 20_000,
], ids=["line-breaks", "formatting-made-again"])
def test_html_of_too_many_elements_is_refused_in_time(html):
    with pytest.raises(UnreadableMessage, match="more than 50,000 elements"):
        timed(from_html, html)


@pytest.mark.parametrize("html", [
    "<div hidden>" + "<i>" * 4_900 + "</b>" * 4_900 + "</div><p>seen</p>",
    "<div hidden>" + "<div>" * 4_900 + "</div>" * 4_901 + "<p>seen</p>",
    # what no element is left open by: closed as written, or by the next of its kind
    "<div hidden>x</div>" + "<div>x</div>" * 20_000 + "<p>seen</p>",
    "<ul>" + "<li>x" * 20_000 + "</ul><p>seen</p>",
    # (a red team's) a cell's end tag closing what is left open in it
    "<table>" + "<tr><td><span>row text</td></tr>" * 12_000 + "</table><p>seen</p>",
    # tags inside an attribute's value, a comment or a style sheet are no elements
    '<p title="' + "<div>" * 20_000 + '">seen</p>',
    "<!--" + "<div>" * 20_000 + "--><p>seen</p>",
    "<style>" + "<div>" * 20_000 + "</style><p>seen</p>",
], ids=["under-the-limit", "blocks-under-the-limit", "closed", "list-items", "cells",
        "attribute", "comment", "style-sheet"])
def test_elements_open_under_the_limit_are_read_in_time(html):
    assert timed(from_html, html).text.split()[-1] == "seen"


def test_an_end_tag_still_closes_every_hidden_element_inside_it():
    visible = from_html("<div hidden><p>inside<span>still inside</div>after "
                        "<i hidden>a<b>b</i>c</b>")
    assert (visible.text, visible.hidden) == ("after c", "inside still inside a b")


# Two guards below grew by CPU time, not against a wall-clock limit: at their first sizes they
# took 4.6-5.6 s of a 5 s limit on a machine with nothing else to do (2026-12-06)

def _many_rules(n: int) -> str:
    rules = "".join(f".c{i}{{display:none}}" for i in range(n))
    return f"<style>{rules}</style><p class=c{n - 1}>hidden</p>" + "<p>x</p>" * (2 * n)


def test_many_style_rules_against_many_elements_are_read_in_linear_time():
    # every element compared with every rule: was 1.4 s at 128 KB, x3 per doubling
    visible = from_html(_many_rules(2_000))
    assert visible.text.count("x") == 4_000
    assert visible.hidden == "hidden"
    small = least_cpu_seconds(lambda: from_html(_many_rules(4_000)))
    large = least_cpu_seconds(lambda: from_html(_many_rules(16_000)))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def _rules_under_one_class(n: int) -> str:
    rules = "".join(f".a.b{i}{{display:none}}" for i in range(n))
    return f"<style>{rules}</style>" + "<p class=a>x</p>" * (2 * n)


def test_rules_built_to_be_slow_to_check_hide_more_never_less():
    # every rule filed under class "a" and none applying: each element checks them all (was
    # 37 s at 20,000 rules and 40,000 elements)
    visible = from_html(_rules_under_one_class(20_000))
    assert "too many style rules to check" in visible.hidden_by
    assert visible.text.count("x") + visible.hidden.count("x") == 40_000
    small = least_cpu_seconds(lambda: from_html(_rules_under_one_class(5_000)))
    large = least_cpu_seconds(lambda: from_html(_rules_under_one_class(20_000)))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


@pytest.mark.parametrize("html", [
    # Python's HTMLParser (3.11.7) reads what follows a tag that never ends from every "<" in
    # it to the end of the text
    "<p>seen</p>" + "<a b='" * 200_000,  # 7.8 s at 64 KB, quadratic
    "<p>seen</p>" + "<!--" * 250_000,  # 1.6 s at 64 KB
    "<p>seen</p>" + "</" * 700_000,  # 65 s at 1 MB
    # (a ninth red team's) under the first bound on that work, 1.3 s for 12 KB: twenty such
    # files named after no email took 27 s
    "<p>seen</p>" + "<a " * 4_000,
], ids=["attribute-value", "comment", "end-tag", "under-the-first-bound"])
def test_tags_that_never_end_are_read_in_linear_time(html):
    visible = timed(from_html, html)
    assert visible.text.strip() == "seen"
    assert visible.hidden_by == "after a tag that does not end"


def test_markdown_full_of_less_than_signs_is_read_in_linear_time():
    # read as HTML, each "<b" a start tag that never ends: 16.7 s at 64 KB, quadratic. A
    # Markdown reader shows them as text
    visible = timed(from_markdown, "Churn<budget " * 80_000)
    assert visible.text.startswith("Churn<budget Churn<budget") and not visible.hidden


@pytest.mark.parametrize("text, shown, hidden", [
    ("Revenue rose when price<cost for the solo plan",
     "Revenue rose when price<cost for the solo plan", ""),
    ("<p>Hello there.</p><!-- a note that never ends <p>more", "Hello there.",
     "<!-- a note that never ends <p>more"),
])
def test_a_short_text_after_a_tag_that_never_ends_is_still_read_in_markdown(text, shown,
                                                                            hidden):
    """A Markdown reader shows "price<cost" as text; a comment the file ends in, no one."""
    assert (from_markdown(text).text, from_markdown(text).hidden) == (shown, hidden)


@pytest.mark.parametrize("text, shown, hidden", [
    ("Revenue rose when price<cost for the solo plan", "Revenue rose when price",
     "<cost for the solo plan"),
    ("<p>Hello there.</p><!-- a note that never ends <p>more", "\nHello there.\n",
     "<!-- a note that never ends <p>more"),
])
def test_a_tag_html_never_ends_shows_nothing(text, shown, hidden):
    """(a sixth red team's: "<p title='x>SECRET" at the end) a browser drops it."""
    assert (from_html(text).text, from_html(text).hidden) == (shown, hidden)


@pytest.mark.parametrize("unit", [
    "x <![CDATA[ ", "- <i a='\n", "a <b\n\n", "x <!-- ", "a<b ", "</x ", "<i x=y></i> ",
], ids=["cdata-opened", "attributes-never-ended", "tags-a-paragraph", "comments-opened",
        "less-than", "end-tags-opened", "tags"])
def test_which_less_than_signs_open_markdown_markup_is_found_in_linear_time(unit):
    # markdown-it's inline HTML rule looks for the end of each form of markup it may open
    def check(n):
        return lambda: from_markdown(unit * n)

    small, large = least_cpu_seconds(check(2_000)), least_cpu_seconds(check(8_000))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


# --- Markdown links and images -------------------------------------------------------------

@pytest.mark.parametrize("unit, tail", [
    ("[", ""),  # read by patterns, was 4.5 s at 32 KB, quadratic
    ("![", ""),  # was 3.0 s at 32 KB, quadratic
    ("[](", ""),  # was 1.8 s at 128 KB, x3.4 per doubling
    ("![](", ""),  # was 1.0 s at 64 KB, quadratic
    ("[", "]["),  # a reference never closed, after every "["
    ("](", ""),
], ids=["brackets", "images", "links", "images-with-targets", "reference", "closings"])
def test_markdown_brackets_that_never_close_are_read_in_linear_time(unit, tail):
    # markdown-it's inline rules try each "[" for a link: some 13-50 us each, in linear time
    def check(n):
        return lambda: from_markdown(unit * n + tail + "x" * n)

    small, large = least_cpu_seconds(check(2_500)), least_cpu_seconds(check(10_000))
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"
    markdown = unit * 5_000 + tail
    assert from_markdown(markdown).text == markdown


@pytest.mark.parametrize("unit", ["[", "![", "[](", "![]("])
def test_markdown_of_more_link_openers_than_a_document_needs_is_not_rendered(unit):
    # (in 600 KB, 200,000 "[](" took 4 s to render, each tried for a link)
    with pytest.raises(UnreadableMessage, match="20,001 \"\\[\", each tried as a link"):
        from_markdown("Thanks for the report. " + unit * 20_001)
    assert from_markdown("See " + unit * 20_000).text.startswith("See ")


def test_markdown_links_keep_their_text_and_images_show_none():
    # (a red team's, on 770b039) an image's alt text is not drawn once it loads: a one-pixel
    # data: image hid any words that were read. A reference to no definition is text
    markdown = ("See [the refund page](https://x.test/r) and ![a chart](c.png), or [the "
                "policy][1]. [not a link] stays; so does ![alt] alone and [a [nested](u) one]; "
                "![no words](data:image/gif;base64,R0lGODlhAQABAIAAAP8AAAAAACwAAAAAAQABAAACAA==)"
                " and ![nor these][2].\n\n[2]: c.png")
    assert from_markdown(markdown).text == (
        "See the refund page and , or [the policy][1]. [not a link] stays; so does ![alt] "
        "alone and [a nested one];  and .")


# --- Case analyses: headings ---------------------------------------------------------------

def _headings(text: str) -> list[str]:
    from worksample_case.structure import parse

    return [part.heading for part in parse(text, PhraseSet(["summary"])).parts[1:]]


@pytest.mark.parametrize("heading, read_as", [
    # a lazy (.*?) before [\s#]*$: was 4.0 s at 32 KB of spaces, quadratic: hours at 2 MB
    ("# a" + " " * 2_000_000 + "b", "a" + " " * 2_000_000 + "b"),
    ("## a" + "\t#" * 500_000 + "b", "a" + "\t#" * 500_000 + "b"),
    ("# Summary" + " #" * 700_000 + " x", "Summary" + " #" * 700_000 + " x"),
], ids=["spaces", "tabs-and-hashes", "hashes"])
def test_a_heading_with_long_runs_of_spaces_is_read_in_linear_time(heading, read_as):
    assert timed(_headings, heading + "\nThe text under it.") == [read_as]


@pytest.mark.parametrize("line, heading", [
    ("## 3. Recommendation ##", "3. Recommendation"),
    ("#\tExecutive summary\t#\t", "Executive summary"),
    ("# C# and F#", "C# and F"), ("#   ", ""), ("# #", ""),
    ("   ### Risks and next steps  ###   ", "Risks and next steps"),
])
def test_headings_keep_their_text(line, heading):
    assert _headings(line + "\nThe text under it.") == [heading]


# --- Numbers followed by a unit ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "5" + "$" * 100_000,  # currency signs were split every way: 54 s for 200 of them
    "1$" * 100_000,  # was 2.2 s at 1 KB
    "5 " * 150_000,  # a number every other character; each sliced the rest of the text
    "24 invoices " + "€ " * 300_000 + "nights",
])
def test_numbers_followed_by_a_unit_are_found_in_linear_time(text):
    timed(numbers_in, text, "business days")


@pytest.mark.parametrize("text, unit, numbers", [
    ("restore 24 invoices within 1 business day", "business day", [1.0]),
    ("Refunds take 5 to 7 working days.", "days", [7.0]),
    ("We keep deleted invoices for 30 days.", "days", [30.0]),
    ("Pay $49 a month, 3 months.", "month", [49.0, 3.0]),
    ("Within 2$business days", "days", [2.0]),
    ("It took 12 — that is, twelve — DAYS", "days", [12]),
])
def test_a_number_counts_when_its_unit_follows_within_three_words(text, unit, numbers):
    assert numbers_in(text, unit) == numbers


def test_a_number_and_its_unit_are_found_as_the_old_pattern_found_them():
    from worksample.prose import measures

    def by_the_old_pattern(text: str, unit: str) -> list[float]:
        stem = unit.lower().split()[-1].rstrip("s")
        followed = re.compile(r"^\W*(?:[\w$€£]+\W+){0,2}?" + re.escape(stem), re.IGNORECASE)
        ends = [n.end for n in measures.stated_numbers(text)]
        ends += [m.end() for m in measures._NUMBER_WORDS.finditer(text)]
        every = numbers_in(text)
        return [value for value, end in zip(every, ends, strict=True)
                if followed.match(text[end:])]

    rng = random.Random(1)
    tokens = ["1", "24", "3.5", "$", "€", "£", " ", ",", ".", "day", "days", "Day", "a", "xday",
              "_", "é", "-", "%", "twenty", "five", "a$b", "$$", "\n"]
    for _ in range(5000):  # short texts: the old pattern's time grows as n**5 in the signs
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 9)))
        unit = rng.choice(["days", "business day", "%", "s", "$", "a"])
        assert numbers_in(text, unit) == by_the_old_pattern(text, unit), (text, unit)


# --- Email messages ------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    # email's header parser is quadratic in a header's length: 25 s at 128 KB, x5 per doubling
    b"Content-Type: text/plain\r\nContent-Transfer-Encoding: " + b"a=b;" * 250_000,
    b"Content-Type: text/plain; " + b"a=b; " * 200_000,  # 8.5 s at 128 KB
    # folded: 44 s at 200,000 lines, x3.6 per doubling
    b"Content-Type: text/plain\r\nContent-Disposition: inline;" + b"\r\n a=b;" * 400_000,
    # lines ended by a bare CR, which the parser takes as line ends too (an eighth red team's:
    # past the check, 1.3 s for a 48 KB reply, x15 for 4x)
    b"Subject: Re: your charge\rContent-Type: text/plain\rContent-Transfer-Encoding: "
    + b"a=b;" * 250_000,
    b"Subject: Re: your charge\rContent-Disposition: inline;" + b"\r a=b;" * 400_000,
], ids=["transfer-encoding", "type", "folded-disposition", "bare-cr-transfer-encoding",
        "bare-cr-folded-disposition"])
def test_a_message_with_a_huge_mime_header_is_refused_in_linear_time(headers):
    with pytest.raises(UnreadableMessage, match="header of"):
        timed(from_eml, headers + b"\r\n\r\nhello")
    bare = headers.replace(b"\r\n", b"\r")
    with pytest.raises(UnreadableMessage, match="header of"):
        timed(from_eml, bare + b"\r\rhello")



def test_a_message_nested_past_the_stack_is_that_replys_problem(monkeypatch):
    # nesting the count of parts does not see still runs the parser out of stack: the reply
    # is unreadable, with the reason, and the submission's other replies are graded
    import email

    def too_deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(email, "message_from_bytes", too_deep)
    with pytest.raises(UnreadableMessage, match="nests its parts too deeply to read"):
        from_eml(b"Subject: hi\r\n\r\nhello")

def test_the_headers_of_a_message_with_a_huge_mime_header_are_read_in_linear_time():
    # the whole message was parsed: 2.1 s at 64 KB, quadratic
    raw = (b"Subject: Re: refund\r\nContent-Type: multipart/mixed; a=\"" + b";" * 1_000_000
           + b"\r\n\r\nhello")
    assert timed(eml_headers, raw)["Subject"] == "Re: refund"


def test_a_message_with_ordinary_mime_headers_is_read():
    boundary = b"b" * 60
    raw = (b"Subject: hi\r\nContent-Type: multipart/alternative; boundary=\"" + boundary
           + b"\"\r\n\r\n--" + boundary + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"Hello Ana, your refund is on its way.\r\n--" + boundary
           + b"\r\nContent-Type: text/html; charset=utf-8\r\nContent-Disposition: inline;\r\n"
           b" filename=\"" + b"r" * 2000 + b".html\"\r\n\r\n<p>Hello Ana, your refund is on "
           b"its way.</p>\r\n--" + boundary + b"--\r\n")
    assert from_eml(raw).text.strip() == "Hello Ana, your refund is on its way."



def _nested_parts(depth: int, kind: bytes) -> bytes:
    """A message of ``depth`` parts of ``kind`` (a multipart's with a boundary, or a message
    inside a message), each inside the last, then a text part."""
    nested = b"".join(b"Content-Type: %s; boundary=b%d\r\n\r\n--b%d\r\n" % (kind, n, n)
                      if b"multipart" in kind.lower() else
                      b"Content-Type: %s\r\n\r\n" % kind for n in range(depth))
    return b"Subject: Re: refund\r\n" + nested + (b"Content-Type: text/plain\r\n\r\n"
                                                  b"Hello Ana, your refund is on its way.\r\n")


@pytest.mark.parametrize("kind", [
    b"multipart/mixed", b"Multipart/Alternative", b"message/rfc822",
    # (a twelfth red team's) encoded words the parser decodes, which the count did not read
    b"=?utf-8?q?multipart/a?=", b"=?x?q?message/rfc822?="])
def test_a_message_of_parts_nested_past_any_mail_client_is_refused_at_once(kind):
    # (a ninth red team's) the email package recurses into each part, and checks every line against
    # every boundary open: 1,000 nested in 50 KB ran out of Python's stack, and the whole submission
    # was rejected; 600, then 17,000 short lines, took 0.9 s a reply
    with pytest.raises(UnreadableMessage, match="more than 50 parts that hold other parts"):
        timed(from_eml, _nested_parts(1_000, kind))
    if kind.lower().startswith(b"multipart"):  # as mail clients write them
        assert from_eml(_nested_parts(8, kind)).text.strip() == (
            "Hello Ana, your refund is on its way.")

# --- Checks that looked back over everything found so far ----------------------------------

def test_an_analysis_mentioning_a_figure_in_every_sentence_is_checked_in_linear_time():
    from worksample_case.checks import AnalysisText, CompiledCase, check_analysis
    from worksample_case.structure import parse

    from worksample.plugins import load_registry

    # every mention was compared with every earlier one: 19 s at 256 KB, quadratic. The checks
    # now take about 0.3 ms a sentence, too much for the absolute LIMIT at 800 KB on a busy
    # machine, so this guard compares growth: four times the text must take about four times
    # as long (at most eight; a quadratic check takes sixteen). Least CPU time of two runs each.
    section = load(CASE_SAMPLE, load_registry()).section
    compiled = CompiledCase.of(section)

    def seconds(sentences):
        document = "Churn rose sharply to 3.38% in the month after the rise. " * sentences
        findings = []

        def check():
            findings[:] = check_analysis(AnalysisText(parse(document, compiled.headings),
                                                      section), section, compiled)

        best = least_cpu_seconds(check)
        churn = next(f for f in findings if f.item == "churn-after")
        assert churn.fraction == 1.0 and "3.38%" in churn.evidence
        return best

    small, large = seconds(1_750), seconds(7_000)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"



def test_one_sentence_repeating_what_the_checks_look_for_is_checked_in_linear_time():
    from worksample_case.checks import AnalysisText, CompiledCase, check_analysis
    from worksample_case.structure import parse

    from worksample.plugins import load_registry

    # every match split the sentence up to itself again: 1.25 s at 56 KB, 21.6 s at 280 KB
    # (a red team's). A growth guard, as above: four times the text, at most eight times as
    # long (a quadratic check takes sixteen). Least CPU time of two runs each.
    section = load(CASE_SAMPLE, load_registry()).section
    compiled = CompiledCase.of(section)

    def seconds(repeats):
        document = "# Summary\n\n" + "solo churn did not rise and teams stayed " * repeats
        return least_cpu_seconds(lambda: check_analysis(
            AnalysisText(parse(document, compiled.headings), section), section, compiled))

    small, large = seconds(1_500), seconds(6_000)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


@pytest.mark.parametrize("seed", range(5))
def test_a_match_is_placed_at_the_words_the_text_before_it_holds(seed):
    """``WordPositions`` finds by bisection what splitting the text before each match finds."""
    from worksample.prose.matching import WordPositions

    chooser = random.Random(seed)
    words = [chooser.choice(["churn", "rose", "not", "solo", "don't", "a", "teams"])
             for _ in range(400)]
    text = " ".join(words)
    positions = WordPositions(text)
    for match in re.finditer(r"(?<![\w'])(?:churn rose|not|solo (?:\w+ ){0,2}teams)(?![\w'])",
                             text):
        start = len(text[:match.start()].split())
        assert positions.span(match) == (start, start + len(match.group(0).split()))
        assert positions.words == text.split()

def test_many_distinct_misspellings_are_counted_in_linear_time():
    from worksample_email.writing import spelling

    from worksample.plugins import load_registry

    # each word was looked up in the list of those found so far: 7.2 s at 360 KB, quadratic
    section = load(EMAIL_SAMPLE, load_registry()).section
    rng = random.Random(1)
    words = list(dict.fromkeys("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))
                               for _ in range(170_000)))
    reply = SimpleNamespace(words=words + words, unknown_words=set(words))
    finding = timed(spelling, reply, section.emails[0], section)
    assert finding.evidence.startswith(f"{len(words)} misspelt: “{words[0]}”")



def _grading_seconds(plugin: str, files: dict[str, str | bytes], tmp_path) -> float:
    """The least CPU time of two in-process gradings of a submission of ``files`` (name -> text or
    bytes)."""
    from conftest_paths import CASE_SAMPLE as case
    from conftest_paths import EMAIL_SAMPLE as email

    from worksample.models import Submission
    from worksample.plugins import load_registry

    registry = load_registry()
    assignment = load({"case": case, "email": email}[plugin], registry)
    folder = tmp_path / f"submission-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    submission = Submission(id="x", source=folder, kind="folder", root=folder,
                            extracted_to=folder, content_hash="0", file_count=len(files),
                            total_bytes=sum(len(text) for text in files.values()))
    grade = registry.assignment_type(assignment.type).grade
    return least_cpu_seconds(lambda: grade(assignment=assignment, submission=submission))


@pytest.mark.parametrize("plugin, name, build", [
    # each figure's "by" looked for in the whole clause before it: 18.3 s at 82 KB
    ("case", "analysis.md", lambda n: "Churn rose by " + "4.1% " * (8 * n) + ".\n"),
    # each word before a card number read its clause again: 13.6 s at 60 KB (a 64 KB reply)
    ("email", "double-charge.md",
     lambda n: "Hi Priya,\n\nPlease " + "check " * (2 * n) + "your card number.\n"),
    # each time read its clause and its denial again: 11 s at 60 KB
    ("email", "late-refund.md",
     lambda n: "Hi Margaret,\n\nI won't reply " + "by tomorrow " * n + ".\n"),
    # a clause break looked for at every place in a run of spaces: 55 s at 60 KB (a red team)
    ("case", "analysis.md", lambda n: "Churn rose" + " " * (25 * n) + "by a lot.\n"),
    # each move "from X% to Y%" compared with every clause, read again each time: 23.8 s
    # for 2,000 moves (74 KB); the same move stated many times, and many moves
    ("case", "analysis.md", lambda n: "Solo churn went from 2.00% to 4.10%.\n" * (n // 2)),
    ("case", "analysis.md", lambda n: "".join(
        f"Solo churn went from {2 + i / 1000:.3f}% to {4 + i / 1000:.3f}%, a rise of "
        f"{2 + i / 500:.3f}%.\n" for i in range(n // 4))),
    # leads before a request read again from each lead to the end (a red team: 10.6 s for a
    # 14 KB reply, past the CPU limit at 19 KB), before one verb and before many
    ("email", "double-charge.md",
     lambda n: "Hi Priya,\n\n" + "just " * (2 * n) + "forward your card number.\n"),
    ("email", "double-charge.md",
     lambda n: "Hi Priya,\n\n" + "kindly " * n + "share " * 30 + "the card number.\n"),
    # each "email it" after the thing read its clause again: 13.6 s at 64 KB
    ("email", "double-charge.md",
     lambda n: "Hi Priya,\n\nYour card number " + "we will email it " * n + "today.\n"),
    # each "it" looked for a figure in its whole sentence again, for every key point: 8.2 s
    # at 29 KB, 122 s at 115 KB; and the clauses before it copied for each clause
    ("case", "analysis.md", lambda n: "Churn rose, it doubled, " * (2 * n) + "and that's all.\n"),
    # each aside's place and each clause's start looked for in the whole sentence, and each
    # aside compared with every clause: 31 s at 370 KB (x10 for 4x the text)
    ("case", "analysis.md", lambda n: "MRR (up 19%) rose, " * (8 * n) + "and that's all.\n"),
    ("case", "analysis.md", lambda n: "revenue rose, " * (16 * n) + "and that's all.\n"),
    # (a red team's, after those) the quantities named in a row before a figure walked back
    # one by one, each step rescanning them all: 16.6 s for 19,200 names, 13.5x for 4x
    ("case", "analysis.md", lambda n: "Churn " * (8 * n) + "rose by 23%.\n"),
    # each change in percent read its whole clause again: 17.2 s at 18 KB, x16.8 for 4x
    ("case", "analysis.md", lambda n: "Churn rose by 23% " * (n // 2) + ".\n"),
    # both: 16.8 s at 11 KB
    ("case", "analysis.md", lambda n: "Churn " * (n // 4) + "rose by 23% " * (n // 4) + ".\n"),
    # (a fourth red team's, on replies) each "had you" looked for a "would have" to the end
    # of the sentence, seven times: 47.7 s for a 58 KB reply, x15 for 4x
    ("email", "double-charge.md", lambda n: "had you " * (3 * n) + "the pending charge."),
    # each "user" gathered its clause from the whole sentence: 14 s at 58 KB, x15
    ("email", "double-charge.md", lambda n: "user " * (5 * n) + "the pending charge."),
    # each clause opened by "if" gathered its condition from the whole sentence: 11.9 s at
    # 57 KB, x15
    ("email", "late-refund.md", lambda n: "if " * (8 * n) + "we will refund you in full."),
    # each topic opened ("sorry on") was walked to the end of its clause: 7.9 s at 57 KB, x15
    # (the topic must name what the customer asked about: "the pending charge")
    ("email", "double-charge.md",
     lambda n: "sorry on on on " * (3 * n // 2) + "the pending charge."),
    # each word of the condition said again read its clause from the whole sentence: 4 s at
    # 56 KB, x15
    ("email", "late-refund.md", lambda n: "If my team lead agrees, we will refund you in "
     "full, but " + "it lead " * (3 * n) + "may."),
    # each denial read found every aside of the sentence again: x12
    ("email", "double-charge.md", lambda n: "not i understand, " * (n // 2)
     + "can, a a a a a a a, " * (n // 2) + "the pending charge."),
    # each "anyone" looked for a "would" to the end of its clause: x12
    ("email", "double-charge.md", lambda n: "I know " + "anyone " * (3 * n) + "ok."),
    # (a fifth red team's) each "is fair" before "one" or "to" looked for "your" and a
    # reaction in the whole clause before it: x13
    ("email", "double-charge.md", lambda n: "It " + "is fair one " * (2 * n) + "ask."),
    # (a sixth red team's) a word of digits after "from" or "to" was split at each of its
    # digits in turn by the pattern of a move: 8.1 s for 80 KB, x12.6
    ("case", "analysis.md", lambda n: "Churn rises from " + "1" * (30 * n) + " x.\n"),
    ("case", "analysis.md", lambda n: "Churn rises to " + "1" * (30 * n) + " x.\n"),
], ids=["percentages-in-one-clause", "words-before-a-request", "times-in-one-sentence",
        "a-run-of-spaces", "one-move-stated-again", "many-moves", "leads-before-a-request",
        "leads-before-many-verbs", "handed-back-again", "it-in-every-clause",
        "an-aside-in-every-clause", "many-clauses", "names-in-a-row-before-a-figure",
        "changes-in-one-clause", "names-in-a-row-and-changes", "had-you-again",
        "readers-in-one-clause", "conditions-in-one-sentence", "topics-opened-again",
        "a-condition-said-again", "denials-among-asides", "anyone-without-would",
        "fair-said-again", "a-long-figure-after-from", "a-long-figure-after-to"])
def test_a_sentence_repeating_one_thing_is_graded_in_linear_time(tmp_path, plugin, name, build):
    # found by a fuzzing red team; a growth guard, as above: four times the text, at most
    # eight times as long (a quadratic check takes sixteen)
    small = _grading_seconds(plugin, {name: build(600)}, tmp_path)
    large = _grading_seconds(plugin, {name: build(2_400)}, tmp_path)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"



def test_a_reply_of_many_short_lines_is_looked_at_for_a_sign_off_in_linear_time():
    # (a ninth red team's) the sign-off check copied the rest of the reply for each of its
    # sentences: a reply of 32,000 one-letter lines (64 KB, each line a sentence) took 1.1 s in it
    # alone, x16 for 4x; the whole grading of three such replies 6.2 s. A growth guard, as above
    from worksample_email.courtesy import sign_off

    def seconds(lines: int) -> float:
        own = sentences("Hi Priya,\n\nThanks for writing.\n" + "a\n" * lines)
        found = []
        best = least_cpu_seconds(lambda: found.append(
            sign_off(own, PhraseSet(["best regards"]), frozenset({"a"}))), runs=1)
        assert found[0].fraction == 0.0  # one-letter lines, and "a" is no name here
        return best

    seconds(1_000)
    small, large = seconds(8_000), seconds(32_000)
    assert large < 8 * small, f"{large:.2f}s for 4x the lines of {small:.2f}s: super-linear?"

GREETED = {"double-charge.md": "Hi Priya,", "late-refund.md": "Hi Margaret,",
           "missing-invoices.md": "Hi Dmitri,"}


@pytest.mark.parametrize("words", [
    # each acknowledging verb rebuilt its clause's words from the whole sentence: 7.6 s for a
    # 60 KB reply, x16 for 4x (a red team's)
    "i see a ",
    "sorry I understand ",
    # each "clear" scanned the words before it and after it: 6.8 s for a 60 KB reply, x15
    "clear ",
    # each "clearly" gathered the words before it in its clause (a third red team's): 6.1 s
    # for three 60 KB replies, x15
    "clearly ",
], ids=["acknowledging-verbs", "apologies-and-understanding", "a-rule-called-clear",
        "a-rule-clearly-shown"])
def test_three_replies_repeating_one_thing_are_graded_in_linear_time(tmp_path, words):
    # a growth guard, as above, on three replies at once (up to 60 KB each: a larger one is
    # not read), so that even the smaller batch takes long enough to time
    def replies(size):
        body = words * (size // len(words))
        return {name: f"{hello}\n\n{body}.\n\nBest wishes,\nSam\n"
                for name, hello in GREETED.items()}

    small = _grading_seconds("email", replies(15_000), tmp_path)
    large = _grading_seconds("email", replies(60_000), tmp_path)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def test_many_headings_naming_a_section_are_read_in_linear_time(tmp_path):
    # each heading naming a section copied every part after it: 9 s for 490 KB of "# Risk",
    # x14 for 4x (a red team's); a growth guard, as above
    def headings(count):
        return {"analysis.md": "# Review\n\n" + "# Risk\n" * count}

    small = _grading_seconds("case", headings(18_000), tmp_path)
    large = _grading_seconds("case", headings(72_000), tmp_path)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"

@pytest.mark.parametrize("table", [
    lambda n: "| Metric | " + "churn " * n + "|\n|---|---|\n" + "".join(
        f"| churn | {row}% |\n" for row in range(n)),
    lambda n: "| Metric | " + " | ".join("c" * n) + " |\n|" + "---|" * (n + 1) + "\n| "
    + "churn " * n + "| " + " | ".join(["1.5%"] * n) + " |\n",
    # (an eleventh red team's) the same with one long word: the header's first 20 words were the
    # whole 24 KB header (10.9 s for 37 KB, x12 for 4x)
    lambda n: "| Metric | " + "y" * (20 * n) + " |\n|---|---|\n" + "".join(
        f"| churn | {row}% |\n" for row in range(n)),
], ids=["a-long-header-over-many-rows", "a-long-label-across-many-columns",
        "a-header-of-one-long-word"])
def test_a_table_with_a_long_header_or_label_is_read_in_linear_time(tmp_path, table):
    # (a fifth red team's) a header or a label was written into every statement of its column
    # or row: 68.6 s of CPU for a 28 KB analysis of 1,200 rows, x17 for 4x; a growth guard
    small = _grading_seconds("case", {"analysis.md": "# Analysis\n\n" + table(150)}, tmp_path)
    large = _grading_seconds("case", {"analysis.md": "# Analysis\n\n" + table(600)}, tmp_path)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


def _word_document(styles: int, kind: str) -> bytes:
    """A Word document of ``styles`` paragraphs, each in a paragraph or character style of its
    own (``kind``), or naming a paragraph style it does not define ("undefined"), beside as
    many styles. Written as XML: python-docx's ``add_style`` searches the styles too."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_heading("Summary", level=1)
    body, text = document.element.body, "Revenue rose by 19% after the price rise."
    for number in range(styles):
        own = "character" if kind == "character" else "paragraph"
        document.styles.element.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="{own}" w:styleId="Own{number}">'
            f'<w:name w:val="Own {number}"/></w:style>'))
        named = {"paragraph": f"Own{number}", "undefined": f"Undefined{number}"}.get(kind)
        paragraph_style = f'<w:pPr><w:pStyle w:val="{named}"/></w:pPr>' if named else ""
        run_style = "" if named else f'<w:rPr><w:rStyle w:val="Own{number}"/></w:rPr>'
        body.insert(len(body) - 1, parse_xml(
            f'<w:p {nsdecls("w")}>{paragraph_style}<w:r>{run_style}<w:t>{text}</w:t></w:r>'
            "</w:p>"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _word_body(block: str) -> bytes:
    """A Word document of a heading and ``block`` (WordprocessingML: a paragraph or a table)."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_heading("Summary", level=1)
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(block.replace(">", f" {nsdecls('w')}>", 1)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FIELD_NEVER_ENDING = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar '
                      'w:fldCharType="separate"/></w:r><w:r><w:t>x </w:t></w:r>')


@pytest.mark.parametrize("block, sizes", [
    # (a seventh red team's) each run looked for its paragraph's properties among all the
    # paragraph's children: 53 s of CPU for 60,000 runs (40 KB), x15 for 4x
    (lambda n: "<w:p><w:pPr/>" + "<w:r><w:t>x </w:t></w:r>" * n + "</w:p>", (7_500, 30_000)),
    # each run looked for an open field's code among all the fields begun and never ended:
    # 136 s for 20,000 (44 KB), x25
    (lambda n: "<w:p><w:pPr/>" + FIELD_NEVER_ENDING * n + "</w:p>", (1_500, 6_000)),
    # each run of a cell looked for the cell's properties among all its paragraphs: 55 s for
    # 80,000 paragraphs in one cell (46 KB), x14
    (lambda n: "<w:tbl><w:tr><w:tc>" + "<w:p><w:pPr/><w:r><w:t>x</w:t></w:r></w:p>" * n
     + "</w:tc></w:tr></w:tbl>", (10_000, 40_000)),
], ids=["many-runs-in-a-paragraph", "fields-that-never-end", "many-paragraphs-in-a-cell"])
def test_a_word_paragraph_or_cell_of_thousands_is_read_in_linear_time(tmp_path, block, sizes):
    small, large = (_grading_seconds("case", {"analysis.docx": _word_body(block(n))}, tmp_path)
                    for n in sizes)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"


@pytest.mark.parametrize("kind", ["paragraph", "character", "undefined"])
def test_a_word_document_with_a_style_for_each_paragraph_is_read_in_linear_time(tmp_path, kind):
    # python-docx looked each style up by searching every style, and each type's default by
    # reading every style's type: 16 s (paragraph styles) and 35 s (character styles) for 2,000
    # paragraphs in a 55 KB file, 10x and 13x for 4x; a growth guard, as above
    small = _grading_seconds("case", {"analysis.docx": _word_document(500, kind)}, tmp_path)
    large = _grading_seconds("case", {"analysis.docx": _word_document(2_000, kind)}, tmp_path)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"



def _word_read_seconds(block: str, style: str | None) -> float:
    """The least CPU time of two readings (``visible_text``) of a Word document of a heading and
    ``block``, with ``style`` (one ``w:style`` or more) among its styles."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from worksample_case.word_text import visible_text

    document = docx.Document(io.BytesIO(_word_body(block)))
    if style is not None:
        for element in list(parse_xml(f"<w:styles {nsdecls('w')}>{style}</w:styles>")):
            document.styles.element.append(element)
    return least_cpu_seconds(lambda: visible_text(document, "analysis.docx", 10 * 2**20))


@pytest.mark.parametrize("build, sizes", [
    # (an eleventh red team's) python-docx reads a run's text with an XPath union of six kinds,
    # which lxml merges in time growing with the square of the run's children: 7.6 s for one run of
    # 10,000 tabs, breaks and texts (37 KB), x16 for 4x
    (lambda n: ("<w:p><w:r>" + "<w:tab/><w:br/><w:cr/><w:t>a</w:t>" * n + "</w:r></w:p>",
                None), (2_000, 8_000)),
    # a style's name looked for among all its children for each paragraph in it: 7.9 s for
    # 40,000 paragraphs in a style of 40,000 children (25 KB), x10
    (lambda n: ("<w:sdt><w:sdtContent>" + "<w:p><w:pPr><w:pStyle w:val='Fat'/></w:pPr></w:p>" * n
                + "</w:sdtContent></w:sdt>",
                "<w:style w:type='paragraph' w:styleId='Fat'>" + "<w:b/>" * n
                + "<w:name w:val='Fat'/></w:style>"), (2_500, 10_000)),
    # each run naming a style no style has read the default style again, all its children:
    # 10.5 s for 20,000 runs (79 KB), x9
    (lambda n: ("<w:p>" + "".join(f"<w:r><w:rPr><w:rStyle w:val='m{k}'/></w:rPr><w:t>x</w:t>"
                                  "</w:r>" for k in range(n)) + "</w:p>",
                "<w:style w:type='character' w:default='1' w:styleId='Fat'><w:rPr>"
                + "<w:b/>" * n + "</w:rPr></w:style>"), (2_500, 10_000)),
    # each table read its style's children again: 11.2 s for 20,000 tables (30 KB), x7.5
    (lambda n: ("<w:sdt><w:sdtContent>" + "<w:tbl><w:tblPr><w:tblStyle w:val='T'/></w:tblPr>"
                "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" * n
                + "</w:sdtContent></w:sdt>",
                "<w:style w:type='table' w:styleId='T'>" + "<w:b/>" * n + "<w:tblPr/></w:style>"),
     (3_000, 12_000)),
    # each table naming a style id no style has composed the default style's parts again,
    # reading all its children: 28 s for 2,000 tables (43 KB), x17
    (lambda n: ("<w:sdt><w:sdtContent>" + "".join(
        f"<w:tbl><w:tblPr><w:tblStyle w:val='m{k}'/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>x"
        "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" for k in range(n)) + "</w:sdtContent></w:sdt>",
                "<w:style w:type='table' w:default='1' w:styleId='Fat'>"
                + "<w:tblStylePr w:type='x'/>" * (5 * n) + "</w:style>"), (500, 2_000)),
    # (a thirteenth red team's) the name of a paragraph's style matched against "Heading" for
    # each paragraph: a default style named "Heading", 40,000 spaces and a letter took 22 s for
    # 40,000 empty paragraphs (2 KB), x15
    (lambda n: ("<w:sdt><w:sdtContent>" + "<w:p/>" * n + "</w:sdtContent></w:sdt>",
                "<w:style w:type='paragraph' w:default='1' w:styleId='Long'><w:name w:val='Heading"
                + " " * n + "x'/></w:style>"), (5_000, 20_000)),
    # and a style's type copied out for each paragraph naming it: 6.6 s for 40,000 paragraphs
    # in a style whose type is 400,000 letters long (8 KB), x13
    (lambda n: ("<w:sdt><w:sdtContent>" + "<w:p><w:pPr><w:pStyle w:val='a'/></w:pPr></w:p>" * n
                + "</w:sdtContent></w:sdt>",
                f"<w:style w:type='{'p' * 10 * n}' w:styleId='a'><w:name w:val='a'/></w:style>"),
     (5_000, 20_000)),
    # and each table style based on one of many parts composed all its parts again: 9.6 s for
    # 1,000 tables in 1,000 styles based on one of 1,000 parts (8 KB), x15
    (lambda n: ("<w:sdt><w:sdtContent>" + "".join(
        f"<w:tbl><w:tblPr><w:tblStyle w:val='s{k}'/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>x"
        "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" for k in range(n)) + "</w:sdtContent></w:sdt>",
                "<w:style w:type='table' w:styleId='B'>" + "<w:tblStylePr w:type='wholeTable'/>" * n
                + "</w:style>" + "".join(f"<w:style w:type='table' w:styleId='s{k}'><w:basedOn "
                                         "w:val='B'/></w:style>" for k in range(n))),
     (250, 1_000)),
], ids=["kinds-of-text-in-one-run", "a-paragraph-style-of-many-children",
        "a-default-character-style-of-many-children", "a-table-style-of-many-children",
        "tables-naming-no-style", "a-style-name-of-many-spaces", "a-style-type-of-many-letters",
        "table-styles-based-on-one-of-many-parts"])
def test_a_word_run_or_style_of_thousands_of_children_is_read_in_linear_time(build, sizes):
    small, large = (_word_read_seconds(*build(n)) for n in sizes)
    assert large < 8 * small, f"{large:.2f}s for 4x the text of {small:.2f}s: super-linear?"



def test_word_runs_under_many_wrappers_cost_what_they_cost_under_one():
    # (a twelfth red team's) each run walked up through all its wrappers to the paragraph:
    # runs x wrappers, 18 s of CPU for 190,000 runs under 250 smart tags (47 KB)
    def runs_under(wrappers: int) -> str:
        return ("<w:p>" + "<w:smartTag>" * wrappers + "<w:r><w:t>x</w:t></w:r>" * 20_000
                + "</w:smartTag>" * wrappers + "</w:p>")

    under_one, under_many = _word_read_seconds(runs_under(1), None), \
        _word_read_seconds(runs_under(240), None)
    assert under_many < 2 * under_one, f"{under_many:.2f}s under 240, {under_one:.2f}s under 1"


def test_word_styles_based_on_one_of_many_children_cost_what_they_cost_on_one_of_few():
    # (a twelfth red team's) each style based on a shared one read the shared one again, all
    # its children: 20,000 styles based on one of 20,000 children took 7.1 s (144 KB)
    def styles_based_on(children: int) -> tuple[str, str]:
        runs = "".join(f"<w:r><w:rPr><w:rStyle w:val='c{k}'/></w:rPr><w:t>x</w:t></w:r>"
                       for k in range(4_000))
        styles = "".join(f"<w:style w:type='character' w:styleId='c{k}'><w:basedOn "
                         "w:val='Base'/></w:style>" for k in range(4_000))
        return f"<w:p>{runs}</w:p>", ("<w:style w:type='character' w:styleId='Base'>"
                                      + "<w:b/>" * children + f"</w:style>{styles}")

    on_few, on_many = (_word_read_seconds(*styles_based_on(n)) for n in (1, 16_000))
    assert on_many < 2 * on_few, f"{on_many:.2f}s on many children, {on_few:.2f}s on one"

def test_a_word_table_style_shown_every_way_reads_its_parts_once():
    # (a thirteenth red team's) each set of a style's parts that applies somewhere composed all
    # the style's parts again: 64 tables showing one style of 64,000 parts in every way its
    # tblLook allows took 14 s (9 KB), 25 times as long as 64 tables showing it one way
    import itertools

    def tables_showing(looks: list[tuple[str, ...]]) -> tuple[str, str]:
        cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
        flags = ("firstRow", "lastRow", "firstColumn", "lastColumn", "noHBand", "noVBand")
        tables = "".join(
            "<w:tbl><w:tblPr><w:tblStyle w:val='T'/><w:tblLook "
            + " ".join(f"w:{flag}='{bit}'" for flag, bit in zip(flags, bits, strict=True))
            + "/></w:tblPr>" + ("<w:tr>" + cell * 3 + "</w:tr>") * 3 + "</w:tbl>"
            for bits in looks)
        return (f"<w:sdt><w:sdtContent>{tables}</w:sdtContent></w:sdt>",
                "<w:style w:type='table' w:styleId='T'>"
                + "<w:tblStylePr w:type='wholeTable'/>" * 64_000 + "</w:style>")

    every_way = list(itertools.product("01", repeat=6))
    one_way, all_ways = (_word_read_seconds(*tables_showing(looks))
                         for looks in ([every_way[0]] * 64, every_way))
    assert all_ways < 3 * one_way, f"{all_ways:.2f}s shown every way, {one_way:.2f}s one way"


def test_a_word_tables_text_is_tidied_once_however_deep_it_is_nested():
    # (a thirteenth red team's) a cell's text was tidied again for every table it is nested in:
    # 2 MB of text 80 tables deep took 2.2 s, one table deep 0.1 s
    def nested(depth: int) -> str:
        text = "<w:p><w:r><w:t>" + "a " * 1_000_000 + "</w:t></w:r></w:p>"
        return "<w:tbl><w:tr><w:tc>" * depth + text + "</w:tc></w:tr></w:tbl>" * depth

    shallow, deep = (_word_read_seconds(nested(depth), None) for depth in (1, 80))
    assert deep < 0.2 + 3 * shallow, f"{deep:.2f}s 80 tables deep, {shallow:.2f}s one deep"


@pytest.mark.parametrize("tables", [
    # (a thirteenth red team's) markdown-it makes every row as wide as its header: 16 tables of
    # a header 255 cells wide over 255 rows of one (25 KB) took 18 s and 1 GB
    "|" + "a|" * 255 + "\n|" + "-|" * 255 + "\n" + "x\n" * 255 + "\n",
    # and a cell of every bar: 1,000 columns wide, rows of bars (804 KB): 15.9 s and 839 MB
    "|" + "a|" * 1_000 + "\n|" + "-|" * 1_000 + "\n" + ("|" * 1_001 + "\n") * 60,
    # (a fourteenth red team's) statements of 20-word labels and headers, each read as a
    # clause: 3,000 cells (43 KB) took 9.8 s to grade, 12,000 40 s
    "| " + " | ".join(f"churn and revenue of solo teams who rose in value column {k}"
                      for k in range(100)) + " |\n|" + "---|" * 100 + "\n"
    + ("| monthly churn of solo teams who rose in value over the year |" + " 1 |" * 99
       + "\n") * 3,
], ids=["rows-filled-out-to-the-header", "a-cell-for-every-bar", "statements-of-long-names"])
def test_markdown_tables_of_too_many_cells_are_refused(tables):
    from worksample.prose.tables import CrowdedTables, table_lines

    with pytest.raises(CrowdedTables, match="50,000"):
        timed(table_lines, "# Analysis\n\nChurn rose.\n\n" + tables * 16)
    # a table of 25 columns and 200 rows is read, every row
    wide = ("| Metric |" + " Q |" * 24 + "\n|" + "---|" * 25 + "\n"
            + ("| churn |" + " 1.5% |" * 24 + "\n") * 200)
    rows = timed(table_lines, wide)
    assert len([row for row in rows.values() if row is not None]) == 200


@pytest.mark.parametrize("tables", [
    "|" + "a|" * 255 + "\n|" + "-|" * 255 + "\n" + "x\n" * 255 + "\n",
    "|" + "a|" * 1_000 + "\n|" + "-|" * 1_000 + "\n" + ("|" * 1_001 + "\n") * 60,
], ids=["rows-filled-out-to-the-header", "a-cell-for-every-bar"])
@pytest.mark.parametrize("markup", ["<b>Hi</b>", "<style>p{color:red}</style>"])
def test_markdown_tables_of_too_many_cells_are_refused_where_its_html_is_read(tables, markup):
    # markdown-it reads a text that holds HTML for what is markup in it (markdown_markup): the
    # same cells counted, or 16 tables of 25 KB took 21 s and 1 GB
    with pytest.raises(UnreadableMessage, match="50,000"):
        timed(from_markdown, f"{markup}\n\n" + tables * 16)


def test_a_word_document_of_too_many_paragraphs_runs_and_cells_is_refused_at_once(tmp_path):
    # (an eleventh red team's) empty runs hold no text for the text limit to count: a million in a
    # 40 KB file took 35 s of CPU, 1.6 million empty cells 1 GB of memory
    from worksample_case.documents import read_document

    # (a twelfth red team's) and empty rows, each a line the checks read (200,000: 20 s), or
    # tables of one cell (64,000: 5 s)
    for name, block in (("runs.docx", "<w:p>" + "<w:r/>" * 250_000 + "</w:p>"),
                        ("cells.docx", "<w:tbl>" + ("<w:tr>" + "<w:tc/>" * 1_000 + "</w:tr>")
                         * 110 + "</w:tbl>"),
                        ("rows.docx", "<w:tbl>" + "<w:tr/>" * 110_000 + "</w:tbl>"),
                        ("tables.docx", "<w:sdt><w:sdtContent>"
                         + "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>" * 30_000
                         + "</w:sdtContent></w:sdt>")):
        (tmp_path / name).write_bytes(_word_body(block))
        with pytest.raises(SubmissionRejected, match="documents of more than 100,000 are not"):
            timed(read_document, tmp_path / name, tmp_path, 10 * 2**20, 60)


def test_a_word_tables_rows_are_read_in_order_inside_content_controls_too():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from worksample_case.word_tables import _rows

    table = parse_xml(f"<w:tbl {nsdecls('w')}><w:tr w:rsidR='1'/><w:sdt><w:sdtContent>"
                      "<w:tr w:rsidR='2'/><w:tr w:rsidR='3'/></w:sdtContent></w:sdt><w:tblPr/>"
                      "<w:tr w:rsidR='4'/></w:tbl>")
    assert _rows(table) == table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")
    assert len(_rows(table)) == 4

# --- Guards: readers that were already linear on these ---------------------------------------

@pytest.mark.parametrize("read, text", [
    (sentences, "a." + " " * 2_000_000 + "b"),
    (sentences, ". " * 1_000_000),
    (sentences, ("One." + '"' * 50 + " ") * 40_000),
    (without_quoted, "> a\n" * 500_000 + "hi"),
    (without_quoted, "hi\n" + "-" * 2_000_000 + "x"),
    (without_quoted, "\n" * 1_000_000 + "from: a\nfrom: b"),
    # (the wrapped "On ... wrote:" looked for) a text line, then lines each opening one
    (without_quoted, "hi\n" + "on a\n" * 500_000),
    (without_quoted, "hi\n" + "on " + "x" * 2_000_000 + "\n" + "y" * 2_000_000),
], ids=["sentence-spaces", "sentence-stops", "sentence-quotes", "quoted-lines", "dashes",
        "blank-lines-then-headers", "attributions-opened", "a long attribution"])
def test_long_lines_and_quoted_lines_are_read_in_linear_time(read, text):
    timed(read, text)


@pytest.mark.parametrize("build", [
    # each rule its own name, declared and used: one reading each
    lambda n: "".join(f".c{i}{{--v{i}:#111;color:var(--v{i})}}" for i in range(n)),
    # one name of many values, used by every rule: more than a name keeps, not worked out
    lambda n: "".join(f".c{i}{{--v:#{i % 4096:03x}}} .d{i}{{color:var(--v)}}" for i in range(n)),
    # names that refer to the one before, in a chain past the depth read
    lambda n: ":root{--v0:#111}" + "".join(f":root{{--v{i + 1}:var(--v{i})}}" for i in range(n))
    + f"p{{color:var(--v{n})}}",
    # constant maths, nested
    lambda n: "".join(f".m{i}{{font-size:calc((2px + 3px) * {i % 7 + 1} / 2)}}" for i in range(n)),
    # names that refer to the next through 8 values each, 7 deep: each name is worked out
    # once (before: 8**7 times, seconds; 8 deep, minutes)
    lambda n: "".join(f":root{{--n{k}: var(--n{k + 1}, {j}px)}}" for k in range(7)
                      for j in range(8)) + ":root{--n7: 16px}" + "".join(
        f".c{i}{{font-size: var(--n0)}}" for i in range(n // 8)),
], ids=["own names", "one name of many values", "a chain of names", "constant maths",
        "names through many values"])
def test_custom_properties_and_maths_are_worked_out_in_linear_time(build):
    def page(n):
        return f"<!doctype html><style>{build(n)}</style><p class='c1 d1 m1'>seen</p>"

    visible = timed(from_html, page(8_000))
    assert "seen" in visible.text + visible.hidden
    small, large = least_cpu_seconds(lambda: from_html(page(2_000))), \
        least_cpu_seconds(lambda: from_html(page(8_000)))
    assert large < 8 * small, f"{large:.2f}s for 4x the rules of {small:.2f}s: super-linear?"
