"""The candidate's work on their page (issue 23): kept in the store at grade time, shown in
`worksample report` as highlighted files, a diff against the starter, failed checks linked to
their evidence, and the texts as read with the sentences that earned or lost points. Real
samples graded through the CLI; hostile files opened in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_paths import EMAIL_SAMPLE, EXAMPLES, ROOT, SAMPLE
from hostile.work import HOSTILE_WORK, MEGA_LINE, hostile_work, named_with_a_newline

from worksample.cli import cli
from worksample.reports.pdf import headless_command
from worksample.store import STORE_FORMAT
from worksample.work import MAX_FILE_BYTES, MAX_FILES_LISTED, kept_work

REPLIES = ROOT / "examples" / "support-replies"
CASE = ROOT / "assignments" / "pricing-review"
FORMAT_4 = ROOT / "tests" / "stores" / "format-4.sqlite"


def grade(assignment: Path, store: Path, *submissions: Path, options=()) -> None:
    done = CliRunner().invoke(cli, ["grade", str(assignment), *map(str, submissions),
                                    "--store", str(store), *options])
    assert done.exit_code == 0, done.output


def report(assignment: Path, store: Path, out: Path, *options: str) -> Path:
    done = CliRunner().invoke(cli, ["report", str(assignment), "--store", str(store),
                                    "--out", str(out), *options])
    assert done.exit_code == 0, done.output
    return out / "candidates"


def dom(browser: str, page: Path, profile: Path) -> str:
    """The page's DOM once Chromium has loaded it (and run any script it would run)."""
    done = subprocess.run([*headless_command(browser, profile), "--dump-dom",
                           page.resolve().as_uri()], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.docker
def test_a_coding_page_shows_the_files_highlighted_the_diff_and_each_failed_check_linked(
        tmp_path, docker_engine):
    store = tmp_path / "results.sqlite"
    grade(SAMPLE, store, EXAMPLES / "partial")
    pages = report(SAMPLE, store, tmp_path / "report")
    html = (pages / "partial.html").read_text()
    work = html[html.index('<section id="work">'):]
    # the candidate's file, highlighted by Pygments (its classes), with line anchors
    assert '<div class="code-file" id="file-1">' in work and "Python" in work
    assert '<tr id="file-1-L1">' in work
    assert ('<span class="k">class</span><span class="w"> </span>'
            '<span class="nc">InventoryError</span>') in work
    # the diff against the starter shows a line the candidate changed
    assert '<div class="card" id="work-diff">' in work
    assert ('<span class="dr">-    &#34;&#34;&#34;Base of every inventory error.'
            '&#34;&#34;&#34;</span>') in work
    assert '<span class="da">+    pass</span>' in work
    # a failed check links to its criterion's evidence and to the line its traceback names
    check = re.search(r'<li id="(check-\d+)"><span class="untrusted">reserve rejects bad '
                      r'quantity \(2\)</span>: <span class="untrusted">([^<]*)</span> · '
                      r'<code class="untrusted">test_reservations.py::'
                      r'test_reserve_rejects_bad_quantity\[2\]</code>(.*?)</li>', work, re.S)
    assert check and 'href="#criterion-correctness"' in check[3]
    # said in plain words first; the test's own output is folded
    assert "assert" not in check[2] and "<details class=\"raw-output\">" in check[3]
    assert 'href="#file-1-L44"><code class="untrusted">inventory.py:44</code>' in check[3]
    line = re.search(r'<tr id="file-1-L44" class="named">.*?</tr>', work, re.S)[0]
    assert f'href="#{check[1]}"' in line  # and the line links back to the check
    markdown = (pages / "partial.md").read_text()
    assert "#### inventory.py: changed" in markdown and "\n+    pass\n" in markdown
    page = json.loads((pages / "partial.json").read_text())["candidate"]["work"]
    assert page["kept"] and page["files"][0]["path"] == "inventory.py"
    assert "html" not in page["files"][0]["lines"][0]  # Pygments' markup is for HTML only

    feedback = report(SAMPLE, store, tmp_path / "feedback", "--audience", "candidate")
    mine = (feedback / "partial.html").read_text()
    assert 'id="file-1-L1"' in mine and "work-diff" in mine
    assert 'id="work-checks"' not in mine and "test_reserve" not in mine  # no hidden test


def test_sentences_that_earned_or_lost_points_are_marked_and_linked_to_their_criterion(
        tmp_path):
    store = tmp_path / "results.sqlite"
    grade(EMAIL_SAMPLE, store, REPLIES / "adequate.md")
    pages = report(EMAIL_SAMPLE, store, tmp_path / "report")
    html = (pages / "adequate.md.html").read_text()
    assert ('<mark class="earned">Hi Margaret,</mark><a class="mark-link earned" '
            'href="#criterion-tone"') in html
    assert 'id="criterion-tone"' in html
    # the backup sentence earned one fact and lost another (its number is missing)
    assert re.search(r'<mark class="mixed">If they aren&#39;t there, we can\nrestore them from '
                     r'a backup, which takes up to 1 business day.</mark><a class="mark-link '
                     r'lost" href="#criterion-resolution"', html)
    markdown = (pages / "adequate.md.md").read_text()
    assert "**Hi Margaret,** (✓ tone)" in markdown

    # a case analysis sent as Word: the text the plugin decoded is what is shown and marked
    grade(CASE, store, ROOT / "examples" / "pricing-review" / "strong.docx")
    case = (report(CASE, store, tmp_path / "case") / "strong.docx.html").read_text()
    assert "binary: listed only" in case  # the .docx itself
    assert re.search(r'<mark class="earned">[^<]+</mark><a class="mark-link earned" '
                     r'href="#criterion-[a-z-]+"', case)


def test_a_blind_page_shows_no_name_address_or_path_of_the_candidate(tmp_path):
    submission = tmp_path / "jane-doe"
    shutil.copytree(REPLIES / "rude", submission)
    reply = submission / "late-refund.txt"
    reply.write_text(reply.read_text() + "\nJane Doe\njane.doe@example.com | +44 20 7946 0958\n")
    (submission / "jane_doe_notes.md").write_text("Written by Jane Doe (https://janedoe.dev)\n")
    store = tmp_path / "results.sqlite"
    grade(EMAIL_SAMPLE, store, submission)

    named = report(EMAIL_SAMPLE, store, tmp_path / "named")
    assert "jane.doe@example.com" in (named / "jane-doe.html").read_text()  # it is there
    pages = report(EMAIL_SAMPLE, store, tmp_path / "blind", "--blind")
    text = "\n".join(path.read_text() for path in pages.iterdir())
    assert '<section id="work">' in text and "the text as read" in text
    for revealing in ("jane", "doe", "example.com", "7946", "janedoe.dev"):
        assert not re.search(rf"(?<![a-z]){re.escape(revealing)}(?![a-z])", text, re.I), \
            revealing
    assert "[name]_[name]_notes.md" in text and "[email]" in text


def test_hostile_files_are_shown_as_text_and_nothing_in_them_runs(tmp_path, browser):
    submission = hostile_work(tmp_path / "mallory", REPLIES / "rude" / "late-refund.txt")
    store = tmp_path / "results.sqlite"
    grade(EMAIL_SAMPLE, store, submission)
    pages = report(EMAIL_SAMPLE, store, tmp_path / "report")
    page = pages / "mallory.html"
    html = page.read_text()
    assert html.count("<script") == 0 and "<img" not in html
    assert "&lt;/pre&gt;&lt;/td&gt;" in html  # the file's text, escaped (by Pygments too)
    assert "&amp;lt;script&amp;gt;" in html  # entities are shown as written
    assert "\u202e" not in html and "\u2066" not in html and "bidi-\ufffdevil.txt" in html
    assert "nul-bytes.bin" in html and "binary: listed only" in html
    assert "d29/deep.txt" in html and "&lt;img src=x onerror=alert(1)&gt;.py" in html
    # the 1 MB line: the store kept 256 KB of it, the page shows 2,000 characters
    assert MEGA_LINE[:2000] in html and MEGA_LINE[:2001] not in html
    assert f"… {MAX_FILE_BYTES - 2000} more characters" in html
    assert "KB) not kept" in html
    assert page.stat().st_size < 400_000
    assert html.count('<div class="code-file"') == len(HOSTILE_WORK) + 1  # and the reply

    loaded = dom(browser, page, tmp_path / "profile")
    title = re.search(r"<title>(.*?)</title>", loaded)[1]
    assert title == "mallory: Customer replies under the Ledgerly support policy"
    assert "<script" not in loaded and "<img" not in loaded and "\u202e" not in loaded
    assert 'id="work"' in loaded and "file-1-L1" in loaded


def test_what_the_store_keeps_is_capped_and_says_so(tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for n in range(10_000):
        (many / f"f{n:05}.txt").write_text(f"{n}\n")
    work = kept_work(many)
    assert len(work.files) == MAX_FILES_LISTED
    assert work.files_not_listed == 10_000 - MAX_FILES_LISTED

    big = tmp_path / "big"
    big.mkdir()
    (big / "log.txt").write_text("line\n" * 100_000)
    (big / "named").mkdir()
    kept, = kept_work(big).files
    assert (kept.kind, kept.more_lines) == ("text", 95_000) and kept.text.count("\n") == 5_000
    odd = kept_work(named_with_a_newline(tmp_path / "odd")).files
    assert [f.path for f in odd] == ["a\n<b>name<b>.txt"]


def format_4_assignment(tmp_path: Path) -> Path:
    """The email sample as it was when format-4.sqlite was graded: the results of a store
    are reported on against the assignment's version that graded them, and the sample's
    assignment.yaml has changed since (its context); its other files have not."""
    folder = shutil.copytree(EMAIL_SAMPLE, tmp_path / "support-replies")
    shutil.copy(FORMAT_4.with_name("format-4-support-replies.yaml"), folder / "assignment.yaml")
    return folder


def test_a_result_from_before_format_5_renders_saying_the_work_was_not_kept(tmp_path):
    store = shutil.copy(FORMAT_4, tmp_path / "format-4.sqlite")
    sample = format_4_assignment(tmp_path)
    pages = report(sample, Path(store), tmp_path / "report")
    html = (pages / "adequate.md.html").read_text()
    assert '<p class="meta" id="work-not-kept">The work was not kept' in html
    assert "--regrade" in html and "The work was not kept" in (pages / "rude.md").read_text()
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == STORE_FORMAT
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 2
        assert db.execute("SELECT COUNT(*) FROM works").fetchone()[0] == 0
    db.close()

    grade(sample, Path(store), REPLIES / "adequate.md", options=["--regrade"])
    again = report(sample, Path(store), tmp_path / "again")
    assert "work-not-kept" not in (again / "adequate.md.html").read_text()
    assert "work-not-kept" in (again / "rude.html").read_text()


def test_a_reply_as_read_opens_no_block_and_no_entity_on_its_markdown_page(tmp_path):
    # The reply's lines keep their breaks on the page, so a line of its own could make the
    # candidate's text a heading ("===" or "---" under it), a list, or, through a named
    # entity, an invisible character once the Markdown is rendered
    from markdown_it import MarkdownIt

    submission = tmp_path / "eve"
    shutil.copytree(REPLIES / "excellent", submission)
    reply = submission / "re-refund.eml"
    reply.write_text(reply.read_text().replace(
        "\nAlex\n", "\nChecked and approved by the team lead\n---\nScore agreed\n=====\n"
        "- refund: yes\n2) credit: 12&nbsp;months&ZeroWidthSpace;&lrm;\n\n"
        "    approved = True\n\n\tscore = 100\n\nAlex\n", 1))
    store = tmp_path / "results.sqlite"
    grade(EMAIL_SAMPLE, store, submission)
    markdown = (report(EMAIL_SAMPLE, store, tmp_path / "report", "--format", "md")
                / "eve.md").read_text()
    assert "Checked and approved by the team lead" in markdown
    work = markdown[markdown.index("Checked and approved"):]
    rendered = MarkdownIt().render(work[:work.index("score = 100") + 20])
    assert "<h1>" not in rendered and "<h2>" not in rendered and "<li>" not in rendered
    assert "<pre>" not in rendered and "<code>" not in rendered and "score = 100" in rendered
    assert "\u200b" not in rendered and "\u200e" not in rendered and "\xa0" not in rendered
    assert "&amp;ZeroWidthSpace;" in rendered  # shown as written


def test_a_page_whose_files_take_lexers_minutes_is_written_in_seconds(tmp_path):
    # the Markdown lexer takes time quadratic in a run of blank lines, token after token
    import time

    submission = tmp_path / "lex"
    shutil.copytree(REPLIES / "excellent", submission)
    for n in range(12):
        (submission / f"notes-{n}.md").write_text("x" + "\n" * 6000 + "x\n")
    store = tmp_path / "results.sqlite"
    grade(EMAIL_SAMPLE, store, submission)
    started = time.monotonic()
    pages = report(EMAIL_SAMPLE, store, tmp_path / "report", "--format", "html")
    assert time.monotonic() - started < 30  # before: about 3 s a file
    html = (pages / "lex.html").read_text()
    assert "not highlighted: the page&#39;s time for highlighting ran out" in html
    assert html.count('class="code-file"') >= 12


def test_files_named_for_a_lexer_that_one_regex_stalls_are_shown_as_plain_text(tmp_path):
    # one token of these lexers takes exponential (Maple, Smithy) or quadratic (C) time on
    # text like this, inside one regular expression, where no check of the clock can stop it
    import time

    submission = tmp_path / "stall"
    shutil.copytree(REPLIES / "excellent", submission)
    (submission / "scratch.mpl").write_text('# scratch\n"' + " " * 45 + "\n")
    (submission / "model.smithy").write_text('"' + "b\n" * 40)
    (submission / "main.c").write_text("int x" + "\n" * 50_000)
    (submission / "fine.py").write_text("def f():\n    return 1\n")
    store = tmp_path / "results.sqlite"
    grade(EMAIL_SAMPLE, store, submission)
    started = time.monotonic()
    pages = report(EMAIL_SAMPLE, store, tmp_path / "report", "--format", "html")
    assert time.monotonic() - started < 30
    html = (pages / "stall.html").read_text()
    assert html.count("Text only") >= 3  # the three files, as plain text
    assert "Python" in html  # a language the pages highlight still is
