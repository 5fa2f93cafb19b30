"""What a Markdown reader shows as text is text (prose/markdown_markup.py): a tag written in a
code span or a code block hides nothing, nor does a "<" that opens no markup by CommonMark's
rules, and markup outside them is still read as HTML. Every instance here was rendered by
markdown-it and drawn by Chromium, and the grader reads what it draws."""

from __future__ import annotations

import time

import pytest

from worksample.prose.markdown_markup import text_escaped
from worksample.prose.markup import from_markdown

WORDS = "the refund is credited within 30 days"


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


def test_code_keeps_its_characters_and_the_text_its_lines():
    markdown = "a `<b> & c` d\n\n```\nx < y & z\n```\n"
    assert text_escaped(markdown) == "a `&lt;b> &amp; c` d\n\n```\nx &lt; y &amp; z\n```\n"
    assert from_markdown(markdown).text.splitlines()[0] == "a <b> & c d"


@pytest.mark.parametrize("markdown", [
    "`<b>" * 150_000,
    "".join("`" * n + "<b>" for n in range(1, 800)),
    "``<i>`" * 100_000,
    "    <b>\n" * 100_000,
], ids=["open-spans", "runs-of-every-length", "uneven-runs", "indented-lines"])
def test_markdown_code_is_found_in_linear_time(markdown):
    start = time.perf_counter()
    text_escaped(markdown)
    assert time.perf_counter() - start < 5.0
