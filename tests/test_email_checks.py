"""The email checks on hand-written replies: typos, negation, numbers, stuffing, spelling."""

from __future__ import annotations

import pytest


def findings(email_sample, email_id: str, reply: str, customer: str = "",
             customer_said: frozenset[str] | None = None) -> dict[str, object]:
    """Every finding of ``reply`` to the email, keyed 'kind' or 'kind/item'; ``customer`` is
    what the customer wrote, when it matters (or ``customer_said``, its sentences as the
    grader keeps them)."""
    from worksample_email.checks import ReplyText, check_reply
    from worksample_email.grader import prepare

    from worksample.prose.text import sentences

    section = email_sample.section
    phrases = prepare(email_sample).phrases
    email = next(e for e in section.emails if e.id == email_id)
    said = customer_said if customer_said is not None else frozenset(
        s.normal for s in sentences(customer))
    text = ReplyText(sentences(reply), section.clarity, phrases.vocabulary, customer_said=said)
    return {f.kind if f.item == f.kind else f"{f.kind}/{f.item}": f
            for f in check_reply(text, email, section, phrases)}


def test_a_misspelt_phrase_word_still_answers_and_says_how_it_was_read(email_sample):
    found = findings(email_sample, "late-refund",
                     "Hi Margaret, a refnud is not something I can give.")
    answer = found["questions/money-back"]
    assert answer.fraction == 1
    assert "“refnud” read as “refund”" in answer.evidence


def test_real_words_are_never_read_as_other_words(email_sample):
    found = findings(email_sample, "double-charge", "Hi Priya, your plan was changed once.")
    assert found["questions/why-twice"].fraction == 0  # "changed" is not read as "charged"


def test_the_customers_name_is_tolerant_of_one_typo_and_asks_about_two(email_sample):
    one = findings(email_sample, "late-refund", "Hi Margret, thanks for writing.")["name"]
    assert one.fraction == 1 and "spelt “Margret”" in one.evidence
    two = findings(email_sample, "late-refund", "Hi Margrit, thanks for writing.")["name"]
    assert two.fraction == 0 and "may be the name Margaret" in two.review
    none = findings(email_sample, "late-refund", "Hello there, thanks for writing.")["name"]
    assert none.fraction == 0 and none.evidence == "not found" and not none.review


def test_a_negated_forbidden_phrase_is_left_to_a_reviewer_not_penalised(email_sample):
    found = findings(email_sample, "missing-invoices",
                     "Hi Dmitri. We will never ask for your password in an email.")
    statement = found["forbidden/asks-password"]
    assert statement.fraction == 1 and not statement.automatic_fail
    assert "in a sentence that denies it (“never” before it)" in statement.review
    assert statement.outcome == "skipped"


def test_forbidden_and_blaming_words_of_the_customer_are_not_the_candidates(email_sample):
    customer = "You should have warned me. Do you need my card number again?"
    reply = ("Hi Priya, thanks for your patience. You wrote:\n\n"
             "You should have warned me. Do you need my card number again?\n\n"
             "You are right, and we never need it. Best regards, Sam")
    found = findings(email_sample, "double-charge", reply, customer)
    card = found["forbidden/asks-card-number"]
    assert card.fraction == 1 and not card.automatic_fail
    assert "in the customer's own words" in card.review
    assert found["blame"].fraction == 1


def test_an_allowed_context_makes_a_forbidden_phrase_acceptable(email_sample):
    found = findings(email_sample, "double-charge",
                     "Please reply with the last 4 digits of your card number.")
    assert found["forbidden/asks-card-number"].evidence == "not found"
    asked = findings(email_sample, "double-charge", "Please reply with your card number and CVC.")
    assert asked["forbidden/asks-card-number"].automatic_fail


def test_numbers_must_be_right_within_tolerance_and_in_the_facts_unit(email_sample):
    right = findings(email_sample, "double-charge",
                     "The pending charge drops off in 3 business days.")
    assert right["facts/pending-clears"].fraction == 1  # 4 +- 1
    wrong = findings(email_sample, "double-charge",
                     "The pending charge drops off in 10 business days.")
    assert wrong["facts/pending-clears"].fraction == 0
    assert wrong["facts/pending-clears"].specifics == {
        "wrong_number": "10 instead of 3-5 business days"}  # the range, not 4
    other_unit = findings(email_sample, "missing-invoices",
                          "We restore from a backup within 1 business day.")
    assert "mentioned without the number (24 hours)" in \
        other_unit["facts/backup-frequency"].evidence


def test_a_number_may_follow_in_the_next_sentence(email_sample):
    found = findings(email_sample, "missing-invoices",
                     "Please look in Trash first. Deleted invoices stay there for thirty days.")
    assert found["facts/trash"].fraction == 1


def test_blame_is_quoted_and_a_negated_blame_is_kindness(email_sample):
    blame = findings(email_sample, "missing-invoices",
                     "You must have deleted them yourself.")["blame"]
    assert blame.fraction == 0.5 and "You must have deleted them yourself." in blame.evidence
    kind = findings(email_sample, "missing-invoices", "This is not your fault at all.")["blame"]
    assert kind.fraction == 1


def test_a_keyword_list_counts_nothing_and_marks_every_match_for_review(email_sample):
    stuffed = findings(email_sample, "late-refund",
                       "refund credit 30 days purchase unused months renewal cancel policy "
                       "goodwill account credit sorry understand next step team lead "
                       "Settings Billing")
    assert stuffed["questions/money-back"].fraction == 0
    assert "list of keywords" in stuffed["questions/money-back"].review
    assert stuffed["clarity"].fraction == 0


def test_a_run_on_sentence_is_left_to_a_reviewer(email_sample):
    run_on = ("Hi Margaret I am sorry and I understand and the refund is only possible in the "
              "first days and we can give you credit and we can stop the renewal and you can "
              "use the credit for any plan and I will add it today if you reply to me soon.")
    found = findings(email_sample, "late-refund", run_on)
    assert "run-on sentence" in found["questions/alternative"].review


def test_spelling_accepts_british_forms_names_and_the_allow_list(email_sample):
    found = findings(email_sample, "double-charge",
                     "Hi Priya, the authorisation in Ledgerly is cancelled, I apologise. "
                     "Visit the help centre. You will recieve it.")
    assert found["spelling"].evidence == "1 misspelt: “recieve”"


def test_words_of_today_are_spelt_right_and_misspellings_still_are_not(email_sample):
    # pyspellchecker's list lacks these; SymSpell's English list knows them
    found = findings(email_sample, "double-charge",
                     "Hi Priya, the banking apps show a hold; take a screenshot, check your "
                     "inbox on your smartphone, and tick the checkbox in our workflow. "
                     "It will dissapear seperately.")
    assert found["spelling"].evidence == "2 misspelt: “dissapear”, “seperately”"


def test_a_known_word_with_a_contracted_verb_is_spelt_right(email_sample):
    found = findings(email_sample, "double-charge",
                     "Hi Priya, there'll be one charge; what\u2019ll show is the $29 you "
                     "could've seen yesterday, and that'd be all, so thre'll be no recieve.")
    assert found["spelling"].evidence == "2 misspelt: “thre'll”, “recieve”"


def test_clarity_reports_grade_sentence_length_and_words(email_sample):
    clarity = findings(email_sample, "late-refund", "Hi Margaret. We are sorry. Thanks.")["clarity"]
    assert "words (asked 60-220)" in clarity.evidence and "reading grade" in clarity.evidence
    assert clarity.fraction < 1


def test_html_and_markdown_are_reduced_to_the_words_a_customer_reads():
    from worksample.prose.markup import from_html, from_markdown
    from worksample.prose.text import without_quoted

    html = ("<html><head><style>p{}</style><script>alert(1)</script></head><body>"
            "<p>Hi <b>Priya</b>,</p><p>Only one charge&nbsp;&amp; no more.</p>"
            "<blockquote>Why was I charged twice?</blockquote></body></html>")
    text = from_html(html).text
    assert "alert" not in text and "charged twice" not in text
    assert "Hi Priya ," in text.replace("  ", " ") or "Hi Priya," in text
    assert "Only one charge & no more." in text
    assert from_markdown("## Hi **Priya**, see [Billing](https://x.example)").text.strip() == \
        "Hi Priya, see Billing"
    assert without_quoted("Thanks!\n\nOn Mon, Priya wrote:\n> charged twice") == "Thanks!\n"


@pytest.mark.parametrize("text, kept", [
    # a client's attribution, wrapped onto a second line: cut with what follows
    ("Thanks!\n\nOn Mon, 16 Nov 2026 at 08:12, Priya Raman <priya@x.example>\nwrote:\nHello",
     "Thanks!\n"),
    ("Thanks!\nOn 10/11/2026 09:14, Priya Raman wrote:\nHello", "Thanks!"),
    # (a second hunt for honest replies read wrong) the reply's own sentence: kept
    ("Hi Priya,\nOn your question, here is what our billing\nteam wrote:\n\"It is pending.\"",
     "Hi Priya,\nOn your question, here is what our billing\nteam wrote:\n\"It is pending.\""),
    ("Hi Priya,\nOn Monday our billing team wrote: it is pending.\nBest", "Hi Priya,\nOn Monday "
     "our billing team wrote: it is pending.\nBest"),
])
def test_a_quoted_original_is_cut_at_a_clients_attribution_only(text, kept):
    from worksample.prose.text import without_quoted

    assert without_quoted(text) == kept


@pytest.mark.parametrize("markup, hidden_by", [
    ('<div hidden>{words}</div>', "the hidden attribute"),
    ('<span style="display: none">{words}</span>', "display: none"),
    ('<p style="visibility:hidden">{words}</p>', "visibility:hidden"),
    ('<div style="font-size:0px">{words}</div>', "font-size: 0px"),
    ('<div style="font-size: 1px;">{words}</div>', "font-size: 1px"),
    ('<div style="color:#ffffff">{words}</div>', "white text"),
    ('<div style="max-height:0;overflow:hidden">{words}</div>', "zero height"),
    ('<div style="position:absolute;left:-9999px">{words}</div>', "left:-9999"),
    ('<style>.note {{ display:none }}</style><div class="note x">{words}</div>', "display:none"),
    ('<style>div > #k {{ opacity: 0 }}</style><p id="k">{words}</p>', "opacity: 0"),
])
def test_text_hidden_by_markup_is_kept_apart_from_what_the_customer_sees(markup, hidden_by):
    from worksample.prose.markup import from_html, from_markdown

    words = "refund within 30 days of purchase <b>account credit</b> sorry I understand"
    html = f"<p>Hi Priya, thanks.</p>{markup.format(words=words)}<p>Best regards, Sam</p>"
    for visible in (from_html(html), from_markdown(f"Hi Priya, thanks.\n\n{html}")):
        assert "refund" not in visible.text and "credit" not in visible.text
        assert "Best regards, Sam" in visible.text  # what follows the hidden block is read
        assert visible.hidden.split() == ("refund within 30 days of purchase account credit "
                                          "sorry I understand").split()
        assert hidden_by in visible.hidden_by


def test_a_markdown_link_definition_renders_as_nothing_and_is_not_read():
    from worksample.prose.markup import from_markdown

    visible = from_markdown("Hi Priya,\n\n[//]: # (refund within 30 days account credit sorry)\n"
                            "See [Billing][b].\n\n[b]: https://ledgerly.example/billing\n")
    assert "refund" not in visible.text and "See Billing." in visible.text
    assert visible.hidden.split() == "refund within 30 days account credit sorry".split()
    assert visible.hidden_by == "a Markdown link definition"


def test_visible_text_styled_harmlessly_is_read():
    from worksample.prose.markup import from_html

    html = ('<style>a:hover { display:none } .big { font-size: 14px }</style>'
            '<p class="big" style="color:#fff;background:#036">Your refund is on its way.</p>'
            '<p style="opacity:0.9;font-size:12px">See <a href="#">Billing</a>.<br hidden>Sam</p>')
    visible = from_html(html)
    assert "Your refund is on its way." in visible.text and "Sam" in visible.text
    assert visible.hidden == ""


def _alternative(plain: str, html: str) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "Re: Charged twice??"
    message.set_content(plain)
    message.add_alternative(html, subtype="html")
    return message.as_bytes()


def test_an_eml_is_read_as_mail_clients_show_it_and_plain_only_words_are_hidden():
    from worksample.prose.markup import from_eml

    visible = from_eml(_alternative(
        "Hi Priya, you were only charged once; the pending line drops off within 3-5 business "
        "days and invoices are in Settings, Billing.",
        "<p>Hi Priya, we are looking into it.</p>"))
    assert visible.text.strip() == "Hi Priya, we are looking into it."
    assert "charged once" in visible.hidden and visible.hidden_by == "only in the text/plain part"
    same_reply = from_eml(_alternative(
        "Hi Priya, we are looking into it. https://ledgerly.example/help",
        "<p>Hi Priya, we are <b>looking</b> into it.</p>"))
    assert same_reply.hidden == ""


@pytest.mark.parametrize("title", ["Ms.", "Mrs.", "Mx.", "Dr.", "Prof."])
def test_a_title_with_a_full_stop_stays_in_its_sentence(email_sample, title):
    """A title's full stop ends no sentence: the greeting and the name are quoted whole, and
    a sentence that starts with a title keeps its subject."""
    from worksample.prose.text import sentences

    found = findings(email_sample, "late-refund",
                     f"Dear {title} Okafor,\n\nI am sorry. {title} Chen on our team will email "
                     "you today.\n\nKind regards,\nSam")
    assert found["greeting"].evidence == f"“Dear {title} Okafor,”"
    assert found["name"].evidence == f"“Dear {title} Okafor,”"
    said = [s.text for s in sentences(f"{title} Chen will call. Fine.")]
    assert said[0] == f"{title} Chen will call."
