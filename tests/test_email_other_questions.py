"""A reply that states, with their numbers, the policy facts that answer other customers'
emails recites the policy instead of answering its customer: it scores 0, flagged off-topic.
Three such facts, or two of two emails, are a recital; one, or two of one email, an aside;
facts without a number, or with a wrong one, are not the policy's statement. New replies,
none from the samples; those of two red teams are in /tmp only, and this file holds new
instances of each class they found."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest
from click.testing import CliRunner
from conftest_paths import EMAIL_SAMPLE
from worksample_email.checks import ReplyText
from worksample_email.grader import prepare
from worksample_email.other_questions import answers_others, facts_of_others

from worksample.cli import cli
from worksample.prose.text import sentences

REFERENCE = EMAIL_SAMPLE / "reference"
PADDING = ("While I have you: every account is backed up every 24 hours, anything you "
           "delete sits in Trash for 30 days, and a restore from backup takes up to 1 "
           "business day.")


def others(email_sample, email_id: str, reply: str, emails=None) -> str:
    prepared = prepare(email_sample)
    emails = emails or prepared.emails
    original = next(o for o in emails if o.email.id == email_id)
    text = ReplyText(sentences(reply), email_sample.section.clarity, prepared.phrases.vocabulary,
                     customer_said=original.sentences, policy_said=prepared.policy)
    return answers_others(text, original, facts_of_others(emails)[email_id], prepared.phrases)


def reference(email_id: str) -> str:
    return (REFERENCE / f"{email_id}.md").read_text()


def with_padding(reply: str, padding: str) -> str:
    """``padding`` as a paragraph before the reply's last (the sign-off)."""
    body, _, closing = reply.rstrip().rpartition("\n\n")
    return f"{body}\n\n{padding}\n\n{closing}\n"


def test_a_reply_padded_with_other_customers_answers_scores_0_and_the_batch_goes_on(tmp_path):
    padded, honest = tmp_path / "padded", tmp_path / "honest"
    shutil.copytree(REFERENCE, honest)
    shutil.copytree(REFERENCE, padded)
    (padded / "double-charge.md").write_text(with_padding(reference("double-charge"), PADDING))
    run = CliRunner().invoke(cli, ["grade", str(EMAIL_SAMPLE), str(padded), str(honest),
                                   "--json", "-j", "1"])
    assert run.exit_code == 0, run.output
    results = {r["submission_id"]: r for r in json.loads(run.stdout)}
    checks = {c["id"]: c for c in results["padded"]["checks"]}
    assert checks["double-charge/scores-0"]["outcome"] == "failed"
    assert "recites the policy" in checks["double-charge/scores-0"]["message"]
    assert "Trash for 30 days" in checks["double-charge/scores-0"]["message"]
    flags = [f for f in results["padded"]["flags"] if f["kind"] == "off-topic"]
    assert [f["evidence"].split(":")[0] for f in flags] == ["double-charge"]
    # the other replies are graded as they are: only the padded reply lost its points
    assert checks["late-refund/questions/money-back"]["outcome"] == "passed"
    assert 0 < results["padded"]["score"] < results["honest"]["score"]
    assert not [f for f in results["honest"]["flags"] if f["kind"] == "off-topic"]


@pytest.mark.parametrize("email_id, padding", [
    # the facts of two other emails, pasted from the policy word for word
    ("missing-invoices", "For reference: an annual plan can be refunded in full within 30 "
                         "days of purchase. When a card is charged, the bank may first show a "
                         "pending authorisation. It drops off within 3-5 business days."),
    # three facts of one other email, told in the writer's words and spelt out
    ("late-refund", "Good to know: we keep a backup of your books every twenty-four hours, "
                    "deleted invoices wait in Trash for thirty days, and a restore from "
                    "backup takes up to one business day."),
    # a fact's number in the next sentence; a fact of each other email
    ("double-charge", "Ledgerly makes a backup of every account itself. It does so every 24 "
                      "hours. Annual plans can be returned within 30 days of purchase."),
    # packed into one sentence with a word that answers this customer ("refund")
    ("double-charge", "For the record, our refund and data rules: Trash keeps things 30 days, "
                      "backups run every 24 hours, a restore takes up to 1 business day."),
])
def test_facts_answering_other_emails_make_a_recital(email_sample, email_id, padding):
    found = others(email_sample, email_id, with_padding(reference(email_id), padding))
    assert " facts for other customers' questions" in found, found


@pytest.mark.parametrize("email_id, padding", [
    # one fact of another email is an aside
    ("double-charge", "If you ever delete an invoice by mistake, it stays in Trash for 30 "
                      "days."),
    # another email's facts without their numbers
    ("late-refund", "Your invoices are always under Settings → Billing → Invoices, and we back "
                    "up every account daily."),
    # numbers that are not the policy's for those facts
    ("double-charge", "We back up every account every 12 hours, and a restore from backup "
                      "takes up to 3 business days."),
    # an aside, and the writer's own commitment whose time holds only a fact's unit
    ("late-refund", "Your books stay safe meanwhile: every account is backed up every 24 "
                    "hours. I will confirm the credit by email within 1 business day."),
    # another email's fact in words that answer this customer (whether she gets $29 back)
    ("double-charge", "Refunds are for annual plans within 30 days of purchase, and none is "
                      "needed here; deleted invoices also stay in Trash for 30 days."),
    # two facts of one other email: a reassurance
    ("late-refund", "Whatever you decide, your records are safe: Ledgerly takes a backup of "
                    "every account every 24 hours, and anything deleted stays in Trash for 30 "
                    "days."),
    # a time that holds only a fact's unit, and an aside
    ("double-charge", "Our billing team answers such questions within 1 business day. If you "
                      "ever delete an invoice, it stays in Trash for 30 days."),
])
def test_an_aside_or_another_emails_words_without_their_numbers_are_no_recital(
        email_sample, email_id, padding):
    assert others(email_sample, email_id, with_padding(reference(email_id), padding)) == ""


def test_the_reference_replies_recite_nothing(email_sample):
    for email_id in ("late-refund", "missing-invoices", "double-charge"):
        assert others(email_sample, email_id, reference(email_id)) == ""


def test_a_fact_this_email_shares_with_another_is_its_own(email_sample):
    prepared = prepare(email_sample)
    by_id = {o.email.id: o for o in prepared.emails}
    trash = next(f for f in by_id["missing-invoices"].email.facts if f.id == "trash")
    sharing = replace(by_id["double-charge"], email=by_id["double-charge"].email.model_copy(
        update={"facts": [*by_id["double-charge"].email.facts, trash]}))
    emails = [sharing if o.email.id == "double-charge" else o for o in prepared.emails]
    padded = with_padding(reference("double-charge"), PADDING)
    assert others(email_sample, "double-charge", padded).startswith("3 facts")
    assert others(email_sample, "double-charge", padded, emails) == ""
