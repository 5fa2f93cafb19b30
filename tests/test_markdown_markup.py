"""Markdown is read as it is rendered (prose/markdown_markup.py): a tag written in a code span
or a code block hides nothing, nor does a "<" that opens no markup by CommonMark's rules, and
markup outside them is still read as HTML. Every instance here was rendered by markdown-it and
drawn by Chromium, and the grader reads what it draws. The rendering keeps the marks of a
text's shape the readers after it need."""

from __future__ import annotations

import time

import pytest

from worksample.prose.markdown_markup import rendered
from worksample.prose.markup import UnreadableMessage, from_markdown
from worksample.prose.tables import table_lines
from worksample.prose.text import without_quoted

WORDS = "the refund is credited within 30 days"
# an image of one pixel that loads anywhere: its alt text is never drawn
_PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="


@pytest.mark.parametrize("code", [
    "Put the rules in a `<style>` block.",
    "Write ``<style>p{color:#fff}</style>`` once.",
    "The `<title>` and the `<!--` of a page",
    "- a list item with `<textarea>` in it",
    "> a quote with `<xmp>` in it",
    "| tag | use |\n|---|---|\n| `<style>` | `&lt;` |",
    "```html\n<style>p{display:none}</style>\n```",
    "~~~\n<title>x\n~~~",
    "    <style>p{display:none}</style>",
    # (a red team's, on ab8bba2) code indented in a quote or a list, lines a NEL does not end
    ">     <title>in a quote",
    "1.\t\t<title>in a list",
    "one\x85two\n\n    <title>",
    "![a chart `<title>`](c.png) of the churn",
    "| a |\n|---|\n| `<title>` | <i> |",
], ids=["span", "double-backticks", "title-and-comment", "list", "quote", "table", "fence",
        "tildes", "indented", "indented-in-a-quote", "indented-in-a-list", "next-line",
        "alt-text", "extra-cells"])
def test_a_tag_in_markdown_code_hides_nothing(code):
    visible = from_markdown(f"Hello Margaret,\n\n{code}\n\nAnd {WORDS}.\n")
    assert WORDS in visible.text and not visible.hidden


@pytest.mark.parametrize("markdown", [
    "A backtick escaped \\`<span hidden>SECRET words that are hidden here</span>` then.",
    "Runs of two `` and one ` open nothing <span hidden>SECRET words hidden here</span> ok",
    "`code` then <span hidden>SECRET words that are hidden here</span> and `more`",
    "<style>body{display:none}</style>\n\nSECRET in a paragraph with `code` in it",
    # lines counted as markdown-it counts them: a U+2028 ends none, so the
    # paragraph after an HTML block is not taken for it
    "a\u2028b\n\n<pre>`<span hidden>SECRET words here</span>`</pre>\nnext `c`",
    # (a red team's, on ab8bba2) what CommonMark reads before a code span takes its backticks:
    # a tag's attribute, a comment, an autolink, a link's title, a backslash escaped itself;
    # and a table's cells, each read apart
    '<i class="a`b">x</i> <span hidden>SECRET words hidden</span> <i class="c`d">y</i>',
    "See <!-- a ` --> <span hidden>SECRET words hidden</span> <!-- b ` -->",
    "<https://a.test/`x> <span hidden>SECRET words hidden</span> <https://b.test/`y>",
    '[x](https://a.test "t`") <span hidden>SECRET words hidden</span> [y](https://b.test "u`")',
    "Path C:\\\\`a` and <span hidden>SECRET words hidden</span> `b` end.",
    "| a | b | c |\n|---|---|---|\n| `p | <span hidden>SECRET words hidden</span> | q` |",
    # (a third red team's, on f9e9de2) code in an image's alt text, in one inside another's;
    # a table row with more cells than its header
    "<span hidden>![outer ![`</span>`](in.png)](out.png) SECRET words hidden</span>",
    "| h |\n|---|\n| <span hidden>`</span>` SECRET words hidden</span> | x | <b> |",
], ids=["escaped-backtick", "unmatched-runs", "between-spans", "html-block", "line-ends",
        "attributes", "comments", "autolinks", "link-titles", "escaped-backslash",
        "table-cells", "alt-texts", "extra-cells"])
def test_markup_outside_markdown_code_is_still_read_as_html(markdown):
    assert "SECRET" not in from_markdown(f"Hello Margaret,\n\n{markdown}\n").text


# a "<" that opens no tag, comment or declaration by CommonMark's rules is text, in every kind
# of block; an autolink shows its address
@pytest.mark.parametrize("markdown", [
    "Charges <USD 5 SECRET apply>.",
    "We check a<b SECRET, c>d here.",
    "See <https://help.example/SECRET> for it.",
    "Write to <SECRET@example.com> today.",
    "Type \\<b SECRET> to bold it.",
    "- <b>one</b>\n- cost <USD 9 SECRET per seat>",
    "| a | b |\n|---|---|\n| <USD 5 SECRET> | x |",
    "# Price <EUR 5 SECRET>",
    "> a <X SECRET!> b",
    "[see <Y SECRET!>](https://x.test) now",
    "*a <Z SECRET!> b* and c",
    "Then <p 1 SECRET> ok",
], ids=["currency", "less-than", "autolink", "mail-autolink", "escaped", "list", "table",
        "heading", "quote", "link-text", "emphasis", "attribute-of-a-digit"])
def test_a_less_than_sign_that_opens_no_markup_is_text(markdown):
    visible = from_markdown(f"Hello <i>Margaret</i>,\n\n{markdown}\n")
    assert "SECRET" in visible.text and not visible.hidden


# and the markup after it is still markup: the browser's reading would have taken it into the
# "tag" the "<" began, or read everything after a tag never ended as text
@pytest.mark.parametrize("markdown", [
    'Hi <b class="x\n\n<span hidden>SECRET</span> and more.',
    "So a<b then <span hidden>SECRET</span> c.",
    "\\<i> and <span hidden>SECRET</span> too.",
    "See <https://x.test/<span hidden>SECRET</span> ok.",
    "| a | b |\n|---|---|\n| <P1 | <span hidden>SECRET</span> |",
    "Hi <!-- x <span hidden>SECRET</span> y.",
    "Price <EUR 5 <span hidden>SECRET</span> ok>.",
    "- <a href='x\n- <span style=\"display:none\">SECRET</span>",
    '# Title <b id="t\n\n<span hidden>SECRET</span>',
    "*a <i b='c* <span hidden>SECRET</span>",
    # (a red team's, on caf2dee, a known miss until now)
    'Your refund is on its way <i title="x <span hidden>SECRET refund</span>',
    'See you soon <i title="a <!-- SECRET refund -->',
], ids=["tag-never-ended", "less-than", "escaped", "autolink-never-ended", "table-cell",
        "comment-never-ended", "currency", "list", "heading", "emphasis", "title-never-ended",
        "comment-in-a-title-never-ended"])
def test_markup_after_a_less_than_sign_that_opens_none_is_read_as_html(markdown):
    assert "SECRET" not in from_markdown(f"Hello Margaret.\n\n{markdown}\n").text


# a link definition shows nothing and is no markup, on one line or several, in a quote or a
# list too; an image's alt text is an attribute's value, so a tag in it is no markup either;
# what only looks like a definition is text (from a red team on 1ba433b, and new instances)
@pytest.mark.parametrize("markdown, shown", [
    ('Hi Ann,\n\n<div hidden>\n\n[//]: # "</div>"\n\nSECRET refund approved.\n\n</div>', False),
    ("<section hidden>\n\n[note]: <https://x.test> '</section>'\n\nSECRET words\n\n"
     "</section>", False),
    ("<div hidden>\n\n[</div>]: /u\n\nSECRET words\n\n</div>", False),
    ('Hi Ann [p].\n\n[p]: /refunds "<x title=\'"\n\nOk <span hidden>SECRET</span> bye.', False),
    ("> [p]: /refunds \"SECRET\"\n\nHi <b>Ann</b>.", False),
    ("Hi <b>Ann</b>, see [p].\n\n[p]: /refunds\n  \"SECRET\"", False),
    ("Hi <b>Ann</b>, see [p\nq].\n\n[p\nq]: /refunds \"SECRET\"", False),
    ("- Hi <b>Ann</b>\n- [p]: /refunds \"SECRET\"", False),
    ("1. Hi Ann\n2. [terms]:\n   /terms\n   'SECRET refund'", False),
    ("Hi Ann, <span hidden>![</span>](logo.png) SECRET refund</span> thanks.", False),
    ("<div hidden>\n\n![</div>](logo.png) SECRET refund\n\n</div>", False),
    ("<em hidden>Note ![chart </em> of churn](c.png) SECRET words</em>", False),
    ('Hi <b>Ann</b>, see [the policy][p].\n\n[p]: <span hidden>\n\nSECRET we refund today.', True),
    ('Hi <b>Ann</b>, see [the policy][p].\n\n[p]: /refunds "<span hidden>"\n\nSECRET today.', True),
    ('Hi <b>Ann</b>, see [the policy][p].\n\n[p]: /refunds "<!--"\n\nSECRET today. -->', True),
    ("Hi <b>Ann</b>, thanks for writing.\n[SECRET]: /refunds", True),
    ("Hi <b>Ann</b>:\n\n```\n[SECRET]: /refunds\n```", True),
    ("Thanks for writing.\n[SECRET]: /refunds is the page", True),
    ("Hi Ann, ![<span hidden>](logo.png) SECRET we will refund you.", True),
    ("Hi Ann, ![a <div style='display:none'> chart](c.png) SECRET it is.", True),
], ids=["comment-idiom-closes-a-block", "title-closes-a-section", "label-closes-a-block",
        "title-opens-an-attribute", "in-a-quote", "title-on-its-own-line", "label-on-two-lines",
        "in-a-list", "in-an-ordered-list-on-three-lines", "alt-text-closes-a-span",
        "alt-text-closes-a-block", "alt-text-closes-an-emphasis", "destination-a-tag",
        "title-a-tag", "title-a-comment", "in-a-paragraph", "in-a-fence",
        "in-a-paragraph-without-a-tag", "alt-text-opens-a-span", "alt-text-opens-a-block"])
def test_link_definitions_and_alt_texts_show_what_a_reader_sees(markdown, shown):
    assert ("SECRET" in from_markdown(f"{markdown}\n").text) == shown


# (from a second red team, on fc7d948, and new instances) a processing instruction is markup
# too; a character reference is one only as CommonMark reads it (its ";", at most 7 digits),
# with or without a tag in the text; a style sheet's rules select what the rendering makes
@pytest.mark.parametrize("markdown, shown", [
    ("Hi Ann, thanks. <?SECRET refund empathy?> We will refund you.", False),
    ("Hi Ann.\n\n<?note\nSECRET refund empathy\n?>\n\nWe will refund you.", False),
    ("Hi Ann, the &#83;ECRET plan is yours.", True),
    ("Hi Ann, the &#x53;ECRET plan, see [p].\n\n[p]: /u", True),
    ("Hi Ann, the &quot;SECRET&quot; plan.", True),
    ("Hi <b>Ann</b>, the &#83ECRET plan.", False),
    ("Hi <b>Ann</b>, the &#00000083;ECRET plan.", False),
    ("Hi <i>Ann</i>, &#x53ECRET and &#x0000053;ECRET.", False),
    ("<style>em{display:none}</style>\n\nHi Ann, *SECRET refund empathy* we help.", False),
    ("<style>p+p{display:none}</style>\n\nHi Ann\n\nSECRET refund empathy", False),
    ("<STYLE>li, blockquote{visibility:hidden}</STYLE>\n\nHi Ann\n\n- SECRET refund", False),
    ("<style>h2{display:none}</style>\n\nHi Ann\n\nSECRET refund\n---", False),
    ("<style>td:first-child{visibility:hidden}</style>\n\n| the plan's name | b |\n|---|---|\n"
     "| SECRET | x |", False),
    ("<style>strong{font-size:0}</style>\n\nHi Ann, **SECRET refund** ok", False),
    ("<style>em{color:#333}</style>\n\nHi Ann, *SECRET refund* ok", True),
    # (a third red team's, on 770b039, and new instances) an image's alt text is not drawn; a
    # sheet only the rendering makes real; a rendered text is not read as Markdown again
    (f"Hi Ann, thanks.\n\n![SECRET refund empathy]({_PIXEL})\n\nWe will refund you.", False),
    (f"Hi Ann, [![SECRET refund empathy]({_PIXEL})](https://example.com) thanks.", False),
    (f"Thanks.\n\n![refund SECRET policy][chart]\n\n[chart]: {_PIXEL}", False),
    ("<div\n\nHi Ann, thanks.\n\n<style>p{display:none}</style>\n\nSECRET refund empathy", False),
    ("<section\n\nHi Ann\n\n<style>em{display:none}</style>\n\nWe will *SECRET refund* you.",
     False),
    ("<p\n\nHi\n\n<style>li{display:none}</style>\n\n- SECRET refund", False),
    ("<style>h6{color:red}</style>\n\nSee [note]\\(SECRET refund empathy) please.", True),
    ("<style>h6{color:red}</style>\n\nSee [note]&#40;SECRET refund empathy) please.", True),
    ("<style>b{color:red}</style>\n\nSee \\*SECRET\\* please, SEC**RET too.", True),
], ids=["instruction", "instruction-block", "decimal", "hexadecimal-with-a-definition",
        "named", "decimal-without-its-semicolon", "eight-digits", "hexadecimal-without",
        "emphasis", "paragraph-after-a-paragraph", "list-item", "setext-heading", "cell",
        "strong", "a-colour-that-shows", "loaded-image", "loaded-image-in-a-link",
        "loaded-image-by-reference", "sheet-after-a-tag-never-ended", "sheet-after-a-section",
        "sheet-after-a-paragraph-tag", "escaped-bracket-rendered", "referenced-bracket-rendered",
        "escaped-emphasis-rendered"])
def test_markup_and_character_references_are_read_as_commonmark_renders_them(markdown, shown):
    assert ("SECRET" in from_markdown(f"{markdown}\n").text) == shown


def test_code_keeps_its_characters_and_the_text_its_lines():
    markdown = "a `<b> & c` d\n\n```\nx < y & z\n```\n"
    assert from_markdown(markdown).text.splitlines() == ["a <b> & c d", "", "", "x < y & z"]


def test_a_link_definition_shows_nothing_and_its_title_is_set_apart():
    markdown = "Hi.\n\n> [p]: /u\n>   'a <i>'\n\nSee [p], a < b.\n"
    visible = from_markdown(markdown)
    assert visible.text.splitlines() == ["Hi.", "", "", "", "", "See p, a < b."]
    assert visible.hidden == "a <i>" and visible.hidden_by == "a Markdown link definition"


@pytest.mark.parametrize("markdown", [
    "`<b>" * 150_000,
    "".join("`" * n + "<b>" for n in range(1, 800)),
    "``<i>`" * 100_000,
    "    <b>\n" * 100_000,
], ids=["open-spans", "runs-of-every-length", "uneven-runs", "indented-lines"])
def test_markdown_code_is_found_in_linear_time(markdown):
    start = time.process_time()  # CPU: the wall clock also counts other processes' load
    rendered(markdown)
    assert time.process_time() - start < 5.0


# Known misses of the reading as written (a red team's, on 1ba433b, and two more), which the
# reading of the rendering ends: each is the Markdown, and whether Chromium draws SECRET in
# markdown-it's rendering of it.
DIFFERENT_ONCE_RENDERED = {
    # a quote's ">" on the lines a tag runs over, which markdown-it takes off
    'quote-htmlblock-split': ('> <div\n> hidden>SECRET</div>\n', False),
    'quote-style-split':
        ('> Hi Ann, <span style="display:\n> none">SECRET</span> thanks.\n', False),
    'quote-tag-split': ('> Hi Ann, <span\n> hidden>SECRET</span> thanks.\n', False),
    # a table's cells: one past the header's, dropped; a "|" in an attribute; an element its
    # cell closes
    'extra-cell-closes-div':
        ('<div hidden>\n\n| a | b |\n|---|---|\n| x | y | </div> |\n\nSECRET words\n\n'
         '</div>\n', False),
    'extra-cell-opens-span':
        ('Hi <b>Ann</b>\n\n| a | b |\n|---|---|\n| x | y | <span hidden> |\n\nSECRET words\n',
         True),
    'extra-cell-plain':
        ('Hi <b>Ann</b>\n\n| Plan | Price |\n|---|---|\n| Basic | $5 | SECRET refund empathy '
         '|\n', False),
    'pipe-in-attr':
        ('| Item | Note |\n|---|---|\n| Refund | <span title="|" hidden>SECRET</span> |\n', False),
    'span-across-cells': ('| Item | Note |\n|---|---|\n| <span hidden>x | SECRET</span> |\n', True),
    # an HTML block whose attribute never ends, before the HTML Markdown renders
    'htmlblock-attr-closed-by-link': ('<div title="x\n\n[a](/u) SECRET words "ok">\n', True),
    'htmlblock-attr-span':
        ('Hi <b>Ann</b>\n\n<p title="note\n\n<span hidden>SECRET</span>\n', False),
    'htmlblock-unended-attr':
        ('Hi <b>Ann</b>.\n\n<div title="note\n\nSECRET words after it.\n', False),
    'htmlblock-unended-attr-link':
        ('Hi <b>Ann</b>.\n\n<div title="note\n\nSECRET words and [a](/u) more.\n', False),
    # an element that Markdown's own end tag closes (a paragraph's, an item's, a link's)
    'span-closed-by-a': ('Hi [<span hidden>x](/u) SECRET we will refund you.\n', True),
    'span-closed-by-em': ('Hi *<span hidden>x* SECRET we will refund you.\n', True),
    'span-closed-by-h1': ('# <span hidden>Reply\nSECRET we will refund you.\n', True),
    'span-closed-by-li': ('- <span hidden>a\n- SECRET we will refund you.\n', True),
    'span-closed-by-p': ('Hi Ann, <span hidden>note\n\nSECRET we will refund you.\n', True),
    'span-closed-by-td': ('| a | b |\n|---|---|\n| <span hidden>x | y |\n\nSECRET z\n', True),
    # links and emphasis, still read by patterns, not by CommonMark's rules
    'code-link': ('Hi <b>Ann</b>, type `[x](SECRET)` there.\n', True),
    'nested-bracket-title': ('Hi <b>Ann</b>, see [the [new] policy](/u "SECRET").\n', False),
    'not-a-link': ('Hi <b>Ann</b>, see [the policy](SECRET plan b).\n', True),
    'stars': ('Hi <b>Ann</b>, SEC**RET here.\n', False),
    'title-paren': ('Hi <b>Ann</b>, see [the policy](/u "a) SECRET").\n', False),
    'unresolved-ref': ('Hi <b>Ann</b>, see [the policy][SECRET].\n', True),
    # (a second red team's, on fc7d948) a "]" in an alt text's tag, which is text, or its code
    'alt-tag-bracket-title':
        ('Hi <b>Ann</b> ![logo <x title="]">](logo.png "SECRET refund") thanks\n', False),
    'alt-tag-bracket-nested-link':
        ('Hi <b>Ann</b> [![logo <x title="]">](logo.png)](/SECRET) thanks\n', False),
    'alt-tag-bracket-ref':
        ('Hi <b>Ann</b> ![logo <x title="]">][SECRET] thanks\n\n[SECRET]: /logo.png\n', False),
    'alt-code-bracket-title':
        ('Hi <b>Ann</b> ![logo `]`](logo.png "SECRET refund") thanks\n', False),
    # (a third red team's, on 770b039) brackets in a link's text, parentheses in its target
    'link-nested-brackets':
        ("Hi Ann, see [the [refund] policy](https://example.com/SECRET-refund-empathy).\n", False),
    'link-paren-dest': ("Hi Ann, see [the policy](/u(b)SECRET-refund-empathy).\n", False),
    'link-escaped-bracket': ("Hi Ann, see [the \\] policy](/SECRET-refund-empathy).\n", False),
    'alt-tag-quote-swallow':
        ("Hi <b>Ann</b> ![<x title='](y.png) SECRET refund <span hidden>z</span>'>](data:image/"
         "gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==) thanks\n",
         False),
}


@pytest.mark.parametrize("markdown, drawn", DIFFERENT_ONCE_RENDERED.values(),
                         ids=DIFFERENT_ONCE_RENDERED.keys())
def test_markdown_is_read_as_it_is_rendered(markdown, drawn):
    assert ("SECRET" in from_markdown(markdown).text) == drawn


def test_the_rendering_keeps_the_marks_of_its_shape_as_text():
    markdown = ("Summary\n=======\n\nIntro with <b>a tag</b>, a [link](/u) and\na second line."
                "\n\n- one\n- *two*\n\n3) three\n4) four\n\n> quoted\n> again\n>\n>     code\n\n"
                "| Metric | Before | After |\n|:---|---:|---|\n"
                "| Monthly churn | 1.87% | **3.38%** |\n")
    text = from_markdown(markdown, keep_headings=True).text
    # each block on its line in the text as written (the underline's too, left empty)
    assert text.splitlines() == [
        "# Summary", "", "", "Intro with a tag, a link and", "a second line.", "", "- one",
        "- two", "", "3) three", "4) four", "", "> quoted", "> again", "", "> code", " ",
        "| Metric  | Before  | After | ", " |---|---|---| ",
        " | Monthly churn  | 1.87%  | 3.38% |"]
    rows = [row for row in table_lines(text).values() if row]
    assert [row.statements for row in rows] == [
        ("Metric, Monthly churn, Before: 1.87%", "Metric, Monthly churn, After: 3.38%")]


# (a red team's, on 35fe8d2, in new instances, each drawn by Chromium) the marks of shape are
# added inside the elements CommonMark makes, left as it makes them: a quote is a blockquote a
# rule or an end tag may find, a cell keeps its alignment; and a text is read as written only
# when it holds no emphasis, code or table either (a fence's info string, a cell past the
# header's, "__" inside a word, "*" emphasis inside one)
AS_COMMONMARK_MAKES_THEM = {
    'bq-rule-on-its-paragraph':
        ('<style>blockquote p{visibility:hidden}</style>\n\nHi Ann, thanks.\n\n> SECRET\n', False),
    'bq-rule-on-a-div-only':
        ('<style>div{color:#fff}</style>\n\nHi Ann, thanks.\n\n> SECRET\n', True),
    'bq-ended-then-section-hidden':
        ('> Thanks for writing </blockquote><section hidden>\n\nWe will refund you.\n\n'
         'SECRET\n', False),
    'bq-ended-then-details':
        ('> Noted </blockquote><details>\n\nWe refund you today.\n\nSECRET\n', False),
    'section-ended-in-a-quote':
        ('<section style="display:none">\n\n> Note </section>\n\nSECRET\n', True),
    'cell-centred-hidden':
        ('<style>td[style*=center]{font-size:0}</style>\n\n| a | b |\n|---|:-:|\n'
         '| x | SECRET |\n', False),
    'header-left-white':
        ('<style>[style~="text-align:left"]{color:#fff}</style>\n\n| a | SECRET |\n|---|:--|\n'
         '| x | y |\n', False),
    'plain-tilde-info': ('Hi Ann.\n\n~~~~ SECRET\ncode\n~~~~\n', False),
    'plain-backtick-info-words': ('Hi Ann.\n\n````text SECRET\nok\n````\n', False),
    'plain-extra-cell': ('Plan | Price\n--- | ---\nBasic | $5 | SECRET\n', False),
    'plain-double-underscore-in-word': ('Hi Ann, SEC__RET here.\n', False),
    'plain-strike-in-word': ('Hi Ann, SEC~~RET here.\n', False),
    'plain-star-emphasis-end': ('Hi Ann, SEC*RET*\n', True),
    'plain-star-emphasis-inside': ('Hi Ann, S*ECRE*T\n', True),
    'deep-quote-marks': ('>>>>>> SECRET\n', True),
}


@pytest.mark.parametrize("markdown, drawn", AS_COMMONMARK_MAKES_THEM.values(),
                         ids=AS_COMMONMARK_MAKES_THEM.keys())
def test_marks_of_shape_change_nothing_a_reader_sees(markdown, drawn):
    assert ("SECRET" in from_markdown(markdown).text) == drawn


def test_a_deep_quote_marks_each_line_once():
    # (the red team's: 19 quotes deep, each line of 62 KB read as 1.24 MB)
    markdown = ">" * 19 + " a\n" + "b\n" * 1_000 + "&"
    text = from_markdown(markdown).text
    assert text.splitlines()[:2] == ["> a", "> b"] and len(text) < 3 * len(markdown)


def test_each_block_is_read_on_its_line_in_the_text_as_written():
    # a heading's line is what a reviewer is told; the rendering's own blank lines (before a
    # list a paragraph runs into, around a fence's code) are not the text's
    markdown = ("\n# Plan *A*\n**1. Churn**\n- solo <b>up</b>\n- team flat\n\n```\nx\n```\n"
                "<div>\nnote\n</div>\n\n\n## Risks\n> from the brief\nwhich said so\n\n"
                "| a | b |\n|---|---|\n| 1 | 2 |\n\n## Next\n")
    lines = from_markdown(markdown, keep_headings=True).text.splitlines()
    written = markdown.splitlines()
    for heading in ("# Plan A", "## Risks", "## Next"):
        assert written[lines.index(heading)].replace("*", "") == heading
    assert lines[written.index("| 1 | 2 |")].strip() == "| 1  | 2 |"
    assert lines[3:5] == ["- solo up", "- team flat"]
    assert lines[written.index("which said so")] == "> which said so"


def test_the_writers_own_line_marks_are_no_marks():
    # the rendering marks where each block begins with two characters of Unicode's private use;
    # the same characters in the text are read as what they are not, a replacement character
    visible = from_markdown("Hi *Ann*,\n\ue00099\ue001 thanks\n\nSee you.\n")
    assert visible.text == "Hi Ann,\n\ufffd99\ufffd thanks\n\nSee you."


# (a second red team's, on 76c34a5, in new instances) a reply's quote is the email it answers,
# whatever it holds and however it is written; what is drawn outside one is the reply's own
@pytest.mark.parametrize("markdown, own", [
    ("Hi Ann,\n\n> | Plan | Note |\n> |---|---|\n> | Basic | SECRET |\n\nThanks", False),
    ("Hi Ann,\n\n<blockquote><p>SECRET words</p></blockquote>\n\nThanks", False),
    ("Hi Ann,\n\n> On Monday you wrote\nthat SECRET was late\n\nThanks", False),
    ("Hi Ann,\n\n1. > SECRET words\n\nThanks", False),
    ("Hi Ann,\n\n> Your order&#10;SECRET arrived\n\nThanks", False),
    ("> Your order </blockquote> and SECRET we refund\n", True),
    ("We *will* check it\n\\> SECRET today\n", True),
    ("Run this:\n\n    > SECRET\n", True),
], ids=["table", "html", "lazy-line", "in-a-list", "character-reference", "ended-early",
        "escaped-mark", "code"])
def test_a_markdown_replys_quotes_are_left_out_and_nothing_else(markdown, own):
    text = without_quoted(from_markdown(markdown, keep_quotes=False).text, marked=False)
    assert ("SECRET" in text) == own


def test_a_frameset_in_markdown_is_not_read():
    # (the second red team's) the marks of shape are text, before which a browser would still
    # let a <frameset> take the page's place; in code it is text
    with pytest.raises(UnreadableMessage, match="frameset"):
        from_markdown("##\n\n<FRAMESET cols='50%'>\n\nSECRET we refund you\n")
    assert "SECRET" in from_markdown("Use `<frameset>` and SECRET.\n").text
