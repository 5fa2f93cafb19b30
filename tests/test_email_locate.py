"""Finding the reply to each email when the files are not named after the emails: a lone
reply, headings by first name or underlined, and matching by what the reply says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest_paths import EMAIL_SAMPLE

from worksample.cli import cli

REPLY_TO_PRIYA = """Hi Priya,

Thanks for flagging this, and sorry for the worry. Only one payment of $29 has been taken:
the other line is a pending hold from your bank, and it clears on its own within 3-5
business days. You can download every invoice as a PDF under Settings → Billing → Invoices.

I'll check the card statement with you on Thursday if the hold is still there.

Best regards,
Tom
"""


def graded(assignment: Path, *submissions: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["grade", str(assignment), *map(str, submissions),
                                      "--json", "-j", "1"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def one_email_assignment(tmp_path: Path, keep: str = "double-charge") -> Path:
    """The sample assignment with only the email ``keep``."""
    folder = tmp_path / "one-email"
    shutil.copytree(EMAIL_SAMPLE, folder)
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["id"] = "one-email"
    spec["email"]["emails"] = [e for e in spec["email"]["emails"] if e["id"] == keep]
    for name in (folder / "reference").iterdir():
        if name.stem != keep:
            name.unlink()
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return folder


def test_the_only_file_for_the_only_email_is_its_reply_whatever_its_name(tmp_path):
    assignment = one_email_assignment(tmp_path)
    submission = tmp_path / "candidate"
    submission.mkdir()
    (submission / "Tom Baker.md").write_text(REPLY_TO_PRIYA)
    [result] = graded(assignment, submission)
    reply = result["details"]["replies"]["double-charge"]
    assert not reply["problem"] and reply["source"] == "Tom Baker.md"
    assert reply["matched_by"] == "the only reply file, for the only email"
    assert result["score"] > 80


def test_with_several_emails_a_file_is_matched_by_the_customer_it_names(tmp_path):
    submission = tmp_path / "candidate"
    submission.mkdir()
    (submission / "answer-3.txt").write_text(REPLY_TO_PRIYA)
    (submission / "notes.txt").write_text("Hello, this names nobody in particular at all.")
    [result] = graded(EMAIL_SAMPLE, submission)
    replies = result["details"]["replies"]
    assert replies["double-charge"]["source"] == "answer-3.txt"
    assert replies["double-charge"]["matched_by"] == "its text names Priya Raman"
    assert replies["late-refund"]["problem"].startswith("no reply found")
    assert "notes.txt" in result["details"]["ignored_files"]


def test_sections_may_be_headed_by_a_first_name_or_an_underlined_subject(tmp_path):
    by_first_name = tmp_path / "first-names.md"
    by_first_name.write_text(f"### Priya\n\n{REPLY_TO_PRIYA}")
    underlined = tmp_path / "underlined.txt"
    underlined.write_text(f"Charged twice??\n---------------\n\n{REPLY_TO_PRIYA}")
    for result in graded(EMAIL_SAMPLE, by_first_name, underlined):
        reply = result["details"]["replies"]["double-charge"]
        assert not reply["problem"], reply
        assert reply["matched_by"] == "a heading that names the email"
        assert "---" not in reply["source"]


def test_an_automatic_fail_is_a_flag_in_the_table_and_at_the_top_of_the_page(tmp_path,
                                                                              monkeypatch):
    asks, result = reply_to_priya_graded(tmp_path, monkeypatch, "asks",
                                         "Please send me your card number and the CVC so")
    flag, *missing = result["flags"]
    assert flag["kind"] == "automatic-fail" and flag["fails"]
    # the two emails it did not answer: flags for the reviewer that fail nothing
    assert [(f["kind"], f["fails"]) for f in missing] == [("empty", False)] * 2
    assert [f["evidence"].split(":")[0] for f in missing] == ["late-refund", "missing-invoices"]
    # two good replies of three would pass; an automatic fail fails the submission
    assert result["passed"] is False and result["score"] < 70
    assert flag["evidence"].startswith("double-charge: automatic fail: asks for a full card")
    assert_shown_in_the_table_and_atop_the_page(tmp_path, asks, "automatic-fail")


def reply_to_priya_graded(tmp_path, monkeypatch, name: str, before_check: str):
    """A submission ``name`` holding only the reply to Priya, with ``before_check`` written
    before its "I'll check", graded into a store of its own: its folder and its result."""
    monkeypatch.setenv("WORKSAMPLE_STORE", str(tmp_path / "store.sqlite"))
    submission = tmp_path / name
    submission.mkdir()
    (submission / "double-charge.md").write_text(REPLY_TO_PRIYA.replace(
        "I'll check", f"{before_check} I'll check"))
    [result] = graded(EMAIL_SAMPLE, submission)
    return submission, result


def assert_shown_in_the_table_and_atop_the_page(tmp_path, submission, flag: str) -> None:
    """``flag`` is in the results table of ``submission`` graded again, and in the flags at
    the top of its candidate page."""
    table = CliRunner().invoke(cli, ["grade", str(EMAIL_SAMPLE), str(submission), "--regrade"])
    assert flag in table.output
    out = tmp_path / "report"
    assert CliRunner().invoke(cli, ["report", str(EMAIL_SAMPLE), "--out", str(out)]).exit_code == 0
    page = (out / "candidates" / f"{submission.name}.html").read_text()
    page = page[page.index("<body>"):]  # not the style sheet's class names
    flags = page.index('<section id="flags">')
    assert flag in page[flags:page.index("</section>", flags)]
    summary = page.index('<section id="summary">')  # and the summary above says it first
    assert summary < page.index("automatic-fail") < flags
    assert "suspected tampering" not in page
    assert "automatic-fail" in (out / "index.html").read_text()


def test_a_reply_about_another_customer_answers_nothing_and_says_why(tmp_path):
    pasted = tmp_path / "pasted"
    pasted.mkdir()
    (pasted / "double-charge.md").write_text(REPLY_TO_PRIYA)
    (pasted / "late-refund.md").write_text(REPLY_TO_PRIYA)
    [result] = graded(EMAIL_SAMPLE, pasted)
    evidence = "\n".join(next(c for c in result["criteria"] if c["id"] == "resolution")
                         ["evidence"])
    # naming another customer is a disclosure of their data (round 3): 0, and a failing flag
    assert ("late-refund · ✗ scores 0: it discloses another customer's personal data: the "
            "name of Priya Raman, the customer of double-charge (“Priya”)") in evidence
    assert "double-charge · ✗ scores 0" not in evidence
    flag, missing = result["flags"]
    assert flag["kind"] == "discloses-personal-data" and flag["fails"]
    assert missing["kind"] == "empty" and not missing["fails"]
    assert missing["evidence"].startswith("missing-invoices: no reply found for this email")
    assert result["passed"] is False and result["score"] < 70


def test_a_reply_giving_another_order_number_is_about_someone_else(tmp_path):
    assignment = one_email_assignment(tmp_path)
    email = assignment / "emails" / "double-charge.eml"
    email.write_text(email.read_text().replace(
        "Charged twice??", "Charged twice?? order 55120", 1) + "\nMy order 55120.\n")
    right, wrong = tmp_path / "right.md", tmp_path / "wrong.md"
    right.write_text(REPLY_TO_PRIYA.replace("Only one", "For order 55120, only one"))
    wrong.write_text(REPLY_TO_PRIYA.replace("Only one", "For order 55210, only one"))
    scores = {r["submission_id"]: r for r in graded(assignment, right, wrong)}
    assert scores["right.md"]["score"] > 80
    assert scores["wrong.md"]["score"] == 0
    evidence = "\n".join(scores["wrong.md"]["criteria"][0]["evidence"])
    assert "it gives order 55210; this customer's email says order 55120" in evidence
    # a flag for the reviewer, which fails nothing more than the 0 does
    assert scores["right.md"]["flags"] == []
    [flag] = scores["wrong.md"]["flags"]
    assert flag["kind"] == "off-topic" and not flag["fails"]
    assert flag["evidence"].startswith("double-charge: the reply is about another customer: "
                                       "it gives order 55210")


def test_text_pasted_from_the_policy_counts_neither_way(tmp_path):
    pasted = tmp_path / "pasted"
    pasted.mkdir()
    (pasted / "missing-invoices.txt").write_text(
        "Hi Dmitri,\n\nSorry about this scare, I know the deadline is close.\n\n"
        "Deleted invoices, bills and contacts stay in Trash for 30 days and can be restored "
        "by the customer from Settings → Trash.\n\nI'll look at your account by noon.\n\n"
        "Best regards,\nAnn\n")
    [result] = graded(EMAIL_SAMPLE, pasted)
    trash = next(c for c in result["checks"] if c["id"] == "missing-invoices/facts/trash")
    assert trash["outcome"] == "skipped"
    assert "found only in a passage pasted from the policy" in trash["review"]


def test_a_request_the_reading_cannot_decide_is_a_high_flag_that_fails_nothing(tmp_path,
                                                                              monkeypatch):
    maybe, result = reply_to_priya_graded(tmp_path, monkeypatch, "maybe",
                                          "Let me know your password now works, and")
    flag = next(f for f in result["flags"] if f["kind"] == "possible-automatic-fail")
    assert not flag["fails"] and "automatic-fail" not in [f["kind"] for f in result["flags"]]
    assert flag["evidence"].startswith("double-charge: may make the statement “asks for a "
                                       "password")
    assert "Let me know your password now works" in flag["evidence"]
    assert_shown_in_the_table_and_atop_the_page(tmp_path, maybe, "possible-automatic-fail")


def test_a_plain_mention_raises_no_possible_automatic_fail(tmp_path, monkeypatch):
    _, result = reply_to_priya_graded(tmp_path, monkeypatch, "mention",
                                      "Your bank may ask you to confirm the card number, and")
    assert "possible-automatic-fail" not in [f["kind"] for f in result["flags"]]


def test_long_drafts_beside_the_replies_do_not_hide_them(tmp_path):
    # files named after no email are read to match them up to a budget, the smallest first: a
    # folder of long notes sorted before the replies used to take the whole budget (a red
    # team's honest submission), and each email came out as "no reply found"
    submission = tmp_path / "candidate"
    (submission / "a-notes").mkdir(parents=True)
    (submission / "replies").mkdir()
    for number in range(4):
        (submission / "a-notes" / f"draft{number}.txt").write_text(
            "Some notes about the plans and what to say. " * 1_300)
    (submission / "replies" / "to the first customer.txt").write_text(REPLY_TO_PRIYA)
    [result] = graded(EMAIL_SAMPLE, submission)
    reply = result["details"]["replies"]["double-charge"]
    assert reply["matched_by"] == "its text names Priya Raman", reply
    assert any("not read: " in name for name in result["details"]["ignored_files"])


def test_files_named_after_no_email_are_read_for_their_headers_within_a_budget(
        tmp_path, monkeypatch):
    # every .eml file's headers were parsed: 2,000 files of broken headers took 45 s of CPU
    from worksample_email import replies
    from worksample_email.grader import prepare

    from worksample.assignments import load
    from worksample.plugins import load_registry

    assignment = load(EMAIL_SAMPLE, load_registry())
    emails = prepare(assignment).emails
    parsed = []
    monkeypatch.setattr(replies, "eml_headers", lambda raw: parsed.append(raw) or
                        {"Subject": "", "In-Reply-To": "", "References": ""})
    submission = tmp_path / "candidate"
    submission.mkdir()
    for number in range(200):
        (submission / f"m{number:03}.eml").write_bytes(b":\n" * 100)
    located = replies.locate(submission, assignment.section, emails)
    assert len(parsed) == replies.MATCHED_FILES_MOST
    assert sum("not read: " in name for name in located.ignored) > 150
