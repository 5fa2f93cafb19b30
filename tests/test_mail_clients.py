"""Honest replies as real mail clients write them are read whole: the hidden-text reading
must not set apart a word of a reply written in Outlook (desktop and web), Gmail, Apple Mail
or Thunderbird, and the customer's email they quote is left out as quoted. Their messages
(.eml) too: the text part's quoted lines and its placeholders for images and links are no
words "only in the text part", and a charset mail clients name is decoded.

The files in tests/fixtures/mail-clients/ are written in each client's markup (Word's
``MsoNormal`` paragraphs and conditional comments, Outlook on the web's ``divRplyFwdMsg``,
``gmail_quote``, ``blockquote type="cite"``, ``moz-cite-prefix``). Each was opened in Chromium
(2026-12-06): every word the grader reads is in its ``innerText``, and the words it shows that
the grader does not read are the quoted email's and, in the help-desk template, what the
template hides on purpose (below).
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest_paths import EMAIL_SAMPLE, ROOT

from worksample.cli import cli
from worksample.prose.markup import from_eml, from_html
from worksample.prose.text import without_quoted

CLIENTS = ROOT / "tests" / "fixtures" / "mail-clients"
WRITTEN_BY_CLIENTS = ("outlook-desktop", "outlook-web", "gmail", "apple-mail", "thunderbird")
HELP_DESK = "help-desk-template"
# the reply's own words, in every file; and the customer's, which only the quote holds
REPLY_WORDS = ("Hi Margaret", "within 30 days of purchase", "account credit", "not renew",
               "team lead", "Alex Morgan", "Ledgerly Support")
QUOTED_WORDS = "it isn't working for my studio"
LATE_REFUND_CHECKS = ("questions/money-back", "questions/alternative", "questions/no-renewal",
                      "facts/refund-window", "facts/credit", "forbidden/promises-refund")


def _read(name: str) -> str:
    return (CLIENTS / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("client", WRITTEN_BY_CLIENTS)
def test_a_reply_a_mail_client_wrote_has_no_hidden_words(client):
    visible = from_html(_read(client))
    assert visible.hidden == "" and visible.hidden_by == ""
    own = " ".join(without_quoted(visible.text).split()).replace("\u2019", "'")
    for words in REPLY_WORDS:
        assert words in own
    assert QUOTED_WORDS not in own


@pytest.mark.parametrize("message", ["gmail-reply", "thunderbird-reply", "outlook-signature",
                                     "outlook-thai-charset"])
def test_a_message_a_mail_client_wrote_has_no_words_only_in_its_text_part(message):
    """The text part quotes the customer's email in ">" lines (the HTML part in a
    <blockquote>), writes "[cid:image001.png@...]<https://...>" for a signature's images and
    links and a straight "I'm" for the HTML's "I&#8217;m"; the last is in "windows-874", a
    charset Python knows as "cp874"."""
    visible = from_eml((CLIENTS / f"{message}.eml").read_bytes())
    assert visible.hidden == "" and visible.hidden_by == ""
    own = " ".join(without_quoted(visible.text).split()).replace("\u2019", "'")
    assert "within 30 days of purchase" in own and "won't be charged again next year" in own


@pytest.mark.parametrize("message", ["links-as-footnotes", "links-in-brackets"])
def test_a_text_parts_link_addresses_are_no_words_only_in_it(message):
    """(a second hunt for honest replies read wrong) "[1] https://..." notes and "(https://...)"
    after a link's words."""
    visible = from_eml((CLIENTS / f"{message}.eml").read_bytes())
    assert visible.hidden == "" and "reaches your card within" in " ".join(visible.text.split())


def test_words_only_in_a_text_part_are_still_set_apart():
    """What the comparison leaves out is what a client writes in place of markup; a
    candidate's own words there are still hidden text."""
    html = (CLIENTS / "gmail-reply.eml").read_bytes()
    keywords = (b"refund credit restore trash backup authorisation pending invoice billing "
                b"settings download goodwill exception renewal cancel safe recover business "
                b"lead approval apologise sorry understand frustrating concrete")
    stuffed = html.replace(b"Kind regards,\nSam\n", b"Kind regards,\nSam\n\n" + keywords + b"\n",
                           1)
    assert stuffed != html
    visible = from_eml(stuffed)
    assert "authorisation" in visible.hidden and "authorisation" not in visible.text
    assert visible.hidden_by == "only in the text/plain part"


@pytest.mark.parametrize("template", ["mjml-template", "cerberus-columns", "maizzle-darkmode",
                                      "juice-darkmode", "tailwind-darkmode"])
def test_templates_are_read_whole(template):
    """MJML and Cerberus set ``font-size: 0`` on a column's wrapper (to close the gaps between
    columns) and the text's own size inside it; Maizzle's ``<style embed>``, Juice's
    ``data-embed`` and Tailwind's escaped class names hold dark-mode rules. A browser in
    light mode shows all of the reply."""
    visible = from_html(_read(template))
    assert visible.hidden == ""
    assert "30 days of purchase" in " ".join(visible.text.split())


def test_a_help_desk_template_sets_apart_only_what_it_hides():
    """A preheader (``display: none``), a ticket token in white and a footer hidden on narrow
    screens (``@media (max-width: 620px)``: the grader reads for a screen of any width) are
    set apart; the reply, its grey "reply above this line" and its dark-mode rules are not."""
    visible = from_html(_read(HELP_DESK))
    assert visible.hidden.split() == (
        "Ticket 48213: an update on your refund request. You are receiving this because you "
        "wrote to Ledgerly Support. Ledgerly Ltd, 12 Harbour Street, Leeds. [K7Q2P1-R9X3]"
    ).split()
    # (the preheader's rule is read in the cascade now that it sets an opacity: its first value
    # that hides is "opacity: 0")
    assert visible.hidden_by == "color: #ffffff, display: none, opacity: 0"
    assert "Please type your reply above this line" in visible.text
    for words in REPLY_WORDS:
        assert words in " ".join(visible.text.split())


def test_replies_from_every_client_are_graded_as_their_words_say(tmp_path):
    """Through the CLI, each client's reply to the late-refund email answers its questions and
    states its facts, with no flag but the one for the two emails left unanswered."""
    submissions = []
    for name in (*WRITTEN_BY_CLIENTS, HELP_DESK):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(CLIENTS / f"{name}.html", folder / "late-refund.html")
        submissions.append(folder)
    result = CliRunner().invoke(cli, ["grade", str(EMAIL_SAMPLE), *map(str, submissions),
                                      "--json", "-j", "1", "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)
    assert len(results) == len(submissions)
    for graded in results:
        outcomes = {check["id"].removeprefix("late-refund/"): check["outcome"]
                    for check in graded["checks"] if check["id"].startswith("late-refund/")}
        assert {check: outcomes[check] for check in LATE_REFUND_CHECKS} == dict.fromkeys(
            LATE_REFUND_CHECKS, "passed"), graded["submission_id"]
        hidden = [flag for flag in graded["flags"] if flag["kind"] == "hidden-text"]
        # the template's set-apart words are 22, a flag for the reviewer to read; none else
        assert len(hidden) == (graded["submission_id"] == HELP_DESK), graded["flags"]
