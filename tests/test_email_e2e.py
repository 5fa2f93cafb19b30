"""The email plugin end to end: the bundled sample through the CLI, every accepted form of
submission, and bad input that must get a clear outcome without stopping the batch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_paths import EMAIL_EXAMPLES, EMAIL_SAMPLE, ROOT, SAMPLE

from worksample.cli import cli

EMAIL_IDS = ("late-refund", "missing-invoices", "double-charge")
SUBJECTS = {"late-refund": "Refund for annual plan",
            "missing-invoices": "URGENT all my March invoices are gone",
            "double-charge": "Charged twice??"}


def grade(*submissions: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["grade", str(EMAIL_SAMPLE), *map(str, submissions),
                                      "--json", "-j", "1"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def reference_text(email_id: str) -> str:
    return (EMAIL_SAMPLE / "reference" / f"{email_id}.md").read_text()


def by_id(results: list[dict]) -> dict[str, dict]:
    return {r["submission_id"]: r for r in results}


def criterion(result: dict, criterion_id: str) -> dict:
    return next(c for c in result["criteria"] if c["id"] == criterion_id)


def test_validate_checks_reference_empty_and_the_support_leads_ranking():
    result = CliRunner().invoke(cli, [
        "validate", str(EMAIL_SAMPLE), "--ranking",
        str(ROOT / "examples" / "support-replies.ranking.yaml")])
    assert result.exit_code == 0, result.output
    assert "ok   reference replies: graded, score 100" in result.output
    assert "ok   empty submission: graded, score 0" in result.output
    assert "ok   the scores come out in this order" in result.output


def test_validate_fails_when_the_scores_disagree_with_the_ranking(tmp_path):
    ranking = tmp_path / "ranking.yaml"
    ranking.write_text(f"ranking: [{EMAIL_EXAMPLES / 'rude'}, {EMAIL_EXAMPLES / 'excellent'}]\n")
    result = CliRunner().invoke(cli, ["validate", str(EMAIL_SAMPLE), "--ranking", str(ranking)])
    assert result.exit_code == 1
    assert "FAIL ranking:" in result.output and "should score above" in result.output


def test_a_bad_ranking_file_is_one_clear_error(tmp_path):
    ranking = tmp_path / "ranking.yaml"
    ranking.write_text("ranking: [nowhere, also-nowhere]\n")
    result = CliRunner().invoke(cli, ["validate", str(EMAIL_SAMPLE), "--ranking", str(ranking)])
    assert result.exit_code == 2
    assert str(ranking) in result.output and "no such files or folders" in result.output
    assert "Traceback" not in result.output


def test_samples_get_the_evidence_a_support_lead_would_point_at():
    results = by_id(grade(*sorted(p for p in EMAIL_EXAMPLES.iterdir())))
    assert results["excellent"]["score"] >= 90
    # the quoted customer text under "On ... wrote:" and in <blockquote> never counts
    assert results["excellent"]["details"]["replies"]["late-refund"]["source"] == "re-refund.eml"
    off_policy = "\n".join(criterion(results["off-policy"], "resolution")["evidence"])
    assert "automatic fail" in off_policy and "issued a full refund of $290" in off_policy
    assert "full card number" in off_policy
    rude = criterion(results["rude"], "tone")
    assert "You must have deleted them yourself." in "\n".join(rude["evidence"])
    assert rude["level"] == 1 and "blame_quote" in rude["specifics"]
    stuffed = results["keyword-stuffed.txt"]
    assert stuffed["score"] < 15
    # a reply that scores 0 for saying nothing is a flag for the reviewer, failing nothing
    kinds = {name: [(f["kind"], f["fails"]) for f in r["flags"]] for name, r in results.items()}
    assert kinds["empty.txt"] == [("empty", False)] * 3
    assert kinds["keyword-stuffed.txt"] == [("empty", False)] * 2
    assert kinds["off-policy"] == [("automatic-fail", True)] * 2
    assert kinds["excellent"] == kinds["rude"] == kinds["adequate.md"] == []
    assert any(c["outcome"] == "skipped" and "list of keywords" in c["review"]
               for c in stuffed["checks"])
    adequate = criterion(results["adequate.md"], "resolution")
    missed = adequate["specifics"]["missed_question"]
    assert missed == "“Please make sure I'm not charged again next year.”"
    assert "mentioned without the number (24 hours)" in "\n".join(adequate["evidence"])
    assert results["empty.txt"]["score"] == 0


def _forms(tmp_path: Path) -> dict[str, Path]:
    forms = {}
    folder = forms["folder"] = tmp_path / "folder"
    folder.mkdir()
    for number, email_id in enumerate(EMAIL_IDS, start=1):
        (folder / f"{number:02d}-{email_id}.txt").write_text(reference_text(email_id))
    html = forms["html"] = tmp_path / "html"
    html.mkdir()
    for email_id in EMAIL_IDS:
        paragraphs = reference_text(email_id).split("\n\n")
        body = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
        (html / f"{email_id}.html").write_text(
            f"<html><head><style>p {{color: red}}</style><script>var refund = 1;</script>"
            f"</head><body>{body}</body></html>")
    eml = forms["eml"] = tmp_path / "eml"
    eml.mkdir()
    for number, email_id in enumerate(EMAIL_IDS):
        (eml / f"reply{number}.eml").write_text(
            f"From: agent@ledgerly.example\nSubject: RE: {SUBJECTS[email_id]}\n"
            f"Content-Type: text/plain; charset=utf-8\n\n{reference_text(email_id)}")
    by_subject = forms["sections-by-subject"] = tmp_path / "by-subject.md"
    by_subject.write_text("".join(f"## Re: {SUBJECTS[e]}\n\n{reference_text(e)}\n"
                                  for e in EMAIL_IDS))
    by_number = forms["sections-by-number"] = tmp_path / "by-number.txt"
    by_number.write_text("".join(f"Email {n}\n\n{reference_text(e)}\n"
                                 for n, e in enumerate(EMAIL_IDS, start=1)))
    return forms


def test_every_form_of_submission_grades_the_same_replies_the_same(tmp_path):
    forms = _forms(tmp_path)
    results = grade(*forms.values())
    assert [r["status"] for r in results] == ["graded"] * len(forms)
    scores = {r["submission_id"]: r["score"] for r in results}
    assert set(scores.values()) == {100.0}, scores
    for result in results:
        replies = result["details"]["replies"]
        assert all(not reply["problem"] for reply in replies.values()), replies


def test_bad_replies_get_a_reason_and_the_batch_goes_on(tmp_path):
    cases = {}
    for name, (file_name, content) in {
        "missing-one": ("late-refund.txt", None),
        "latin1": ("late-refund.txt", "Hi Margaret, d\xe9sol\xe9.".encode("latin-1")),
        "blank": ("late-refund.txt", b"  \n\n  "),
        "huge": ("late-refund.txt", b"Hi Margaret, sorry. " * 5000),
        "binary": ("late-refund.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "broken-utf16": ("late-refund.txt", b"\xff\xfe\x00\xd8Hi"),
        "unknown-charset": ("late-refund.eml", b"Subject: Re: Refund for annual plan\n"
                            b"Content-Type: text/plain; charset=x-unknown\n\nHi Margaret"),
    }.items():
        folder = cases[name] = tmp_path / name
        folder.mkdir()
        for email_id in EMAIL_IDS[1:]:
            (folder / f"{email_id}.md").write_text(reference_text(email_id))
        if content is not None:
            (folder / file_name).write_bytes(content)
    results = by_id(grade(*cases.values()))
    reasons = {
        "missing-one": "no reply found for this email",
        "latin1": "not UTF-8 text (byte 0xe9 at position 14)",
        "blank": "the file is empty",
        "huge": "replies over 64 KB are not read",
        "binary": "the file is binary, not text",
        "broken-utf16": "the file is not UTF-16 text",
        "unknown-charset": "the message's text cannot be decoded (unknown encoding: x-unknown)",
    }
    for name, reason in reasons.items():
        result = results[name]
        assert result["status"] == "graded", result
        assert reason in result["details"]["replies"]["late-refund"]["problem"]
        evidence = criterion(result, "resolution")["evidence"]
        assert "late-refund · ✗ scores 0: " in evidence[0] and reason in evidence[0]
        [flag] = result["flags"]
        assert (flag["kind"], flag["fails"]) == ("empty", False), name
        assert flag["evidence"].startswith("late-refund: ") and reason in flag["evidence"]
        # the other two replies are the reference: two thirds of the score remain
        assert result["score"] == pytest.approx(66.67, abs=0.01), name


def test_a_reply_that_says_nothing_earns_nothing_for_what_it_did_not_say(tmp_path):
    """Without a sentence, a reply must not earn "no blame" or "nothing forbidden"."""
    cases = {}
    for name, reply in {"one-word": "Noted.", "fragments": "Hi. Thanks. Bye.",
                        "one-long-token": "x" * 20_000}.items():
        folder = cases[name] = tmp_path / name
        folder.mkdir()
        for email_id in EMAIL_IDS[1:]:
            (folder / f"{email_id}.md").write_text(reference_text(email_id))
        (folder / "late-refund.txt").write_text(reply)
    for name, result in by_id(grade(*cases.values())).items():
        evidence = criterion(result, "tone")["evidence"]
        assert evidence[0].startswith("late-refund · ✗ scores 0: the reply has no sentence"), name
        assert [(f["kind"], f["evidence"][:35]) for f in result["flags"]] == [
            ("empty", "late-refund: the reply has no sente")], name
        assert result["score"] == pytest.approx(66.67, abs=0.01), name


def graded_with_a_sentence_more(tmp_path: Path, added: dict[str, str]) -> dict[str, dict]:
    """Each submission named in ``added``: the sample's reference replies, with its sentence
    put into the reply to Margaret; their results by submission id, graded by the command."""
    folders = []
    for name, sentence in added.items():
        folder = tmp_path / name
        folder.mkdir()
        for email_id in EMAIL_IDS[1:]:
            (folder / f"{email_id}.md").write_text(reference_text(email_id))
        reply = reference_text("late-refund").replace("Annual plans can", f"{sentence} Annual "
                                                      "plans can", 1)
        (folder / "late-refund.md").write_text(reply)
        folders.append(folder)
    return by_id(grade(*folders))


def test_a_refund_told_as_done_fails_and_an_escalation_about_it_does_not(tmp_path):
    """Through the command: the sample's good reply to Margaret with one sentence more. A
    refund told as done is the forbidden promise (an automatic fail, a flag); passing her
    refund request to the team lead is not."""
    results = graded_with_a_sentence_more(tmp_path, {
        "told": "Update: your annual fee has been refunded to the card you paid with.",
        "escalated": "I promise to pass your refund request to my team lead today."})
    told, escalated = results["told"], results["escalated"]
    assert [(f["kind"], f["fails"]) for f in told["flags"]] == [("automatic-fail", True)]
    assert "(tells it as done: “been refunded” with “refunded”)" in told["flags"][0]["evidence"]
    assert told["passed"] is False
    assert escalated["flags"] == [] and escalated["passed"] is True


def test_a_refund_granted_fails_and_one_under_the_team_leads_condition_does_not(tmp_path):
    """Through the command: the sample's good reply to Margaret with one sentence more. A
    refund said to be approved is the forbidden promise; one the team lead's agreement would
    bring, said as such, is not (on 498f7e5 it was an automatic fail: "I'll issue a refund")."""
    results = graded_with_a_sentence_more(tmp_path, {
        "granted": "Good news: your refund for the annual plan has been approved.",
        "conditional": "If my team lead agrees to an exception, I'll issue a refund, and I'll "
                       "write to you either way by Thursday."})
    granted, conditional = results["granted"], results["conditional"]
    assert [(f["kind"], f["fails"]) for f in granted["flags"]] == [("automatic-fail", True)]
    assert "(tells it as done: “been approved” with “refund”)" in granted["flags"][0]["evidence"]
    assert granted["passed"] is False
    assert conditional["flags"] == [] and conditional["passed"] is True


def customer_text(email_id: str) -> str:
    from worksample.prose.markup import from_eml

    return from_eml((EMAIL_SAMPLE / "emails" / f"{email_id}.eml").read_bytes()).text


def test_text_hidden_from_the_customer_earns_nothing_and_is_flagged(tmp_path):
    visible, hidden = tmp_path / "visible", tmp_path / "hidden"
    for folder in (visible, hidden):
        folder.mkdir()
    for email_id in EMAIL_IDS:
        shown = "<p>Hi, thanks for writing. We are looking into it.</p><p>Best regards, Sam</p>"
        (visible / f"{email_id}.html").write_text(shown)
        (hidden / f"{email_id}.html").write_text(
            f'<div style="display: none">{reference_text(email_id)}</div>{shown}')
    results = by_id(grade(visible, hidden))
    assert results["hidden"]["score"] == results["visible"]["score"] < 50
    assert results["visible"]["flags"] == []
    flags = results["hidden"]["flags"]
    assert [f["kind"] for f in flags] == ["hidden-text"] * 3
    assert flags[0]["evidence"].startswith("late-refund (late-refund.html): ")
    assert "words the customer would not see (display: none); not graded" in flags[0]["evidence"]


def test_the_customers_own_words_pasted_into_a_reply_count_neither_way(tmp_path):
    own = "Hi Margaret, thanks for writing. I will look into this today.\n\nBest regards,\nSam"
    alone, pasted = tmp_path / "alone", tmp_path / "pasted"
    for folder, extra in ((alone, ""), (pasted, "\n\n" + customer_text("late-refund"))):
        folder.mkdir()
        for email_id in EMAIL_IDS[1:]:
            (folder / f"{email_id}.md").write_text(reference_text(email_id))
        (folder / "late-refund.txt").write_text(own + extra)
    results = by_id(grade(alone, pasted))
    assert results["pasted"]["score"] == results["alone"]["score"]
    money_back = next(c for c in results["pasted"]["checks"]
                      if c["id"] == "late-refund/questions/money-back")
    assert money_back["outcome"] == "skipped"
    assert money_back["message"] == "“Can I get my money back?”"
    assert "repeats the customer's email" in money_back["review"]


def test_a_corrupt_archive_is_rejected_and_the_stored_results_stay(tmp_path, monkeypatch):
    store = tmp_path / "results.sqlite"
    monkeypatch.setenv("WORKSAMPLE_STORE", str(store))
    first = grade(EMAIL_SAMPLE / "reference")
    assert first[0]["score"] == 100
    broken = tmp_path / "replies.zip"
    broken.write_bytes(b"PK\x03\x04 this is not a zip")
    result = CliRunner().invoke(cli, ["grade", str(EMAIL_SAMPLE), str(broken),
                                      str(EMAIL_EXAMPLES / "rude"), "--json"])
    assert result.exit_code == 0, result.output
    statuses = {r["submission_id"]: r["status"] for r in json.loads(result.stdout)}
    assert statuses == {"replies": "rejected", "rude": "graded"}
    listed = CliRunner().invoke(cli, ["results", "list"])
    assert "reference" in listed.output and "rude" in listed.output


def test_the_candidate_report_shows_feedback_but_no_phrase_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSAMPLE_STORE", str(tmp_path / "store.sqlite"))
    grade(EMAIL_EXAMPLES / "adequate.md", EMAIL_EXAMPLES / "keyword-stuffed.txt")
    out = tmp_path / "candidate"
    result = CliRunner().invoke(cli, ["report", str(EMAIL_SAMPLE), "--audience", "candidate",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = "\n".join(p.read_text() for p in out.rglob("*.md"))
    assert "Reply to Margaret Okafor: did not fully meet" in pages  # the customer, not an id
    for hidden in ("not eligible", "for the reviewer", "answered_by", "gone forever"):
        assert hidden not in pages
    reviewer = tmp_path / "reviewer"
    CliRunner().invoke(cli, ["report", str(EMAIL_SAMPLE), "--out", str(reviewer)])
    stuffed = (reviewer / "candidates" / "keyword-stuffed.txt.html").read_text()
    assert "For you to check" in stuffed and "review" in stuffed


def test_the_email_plugin_is_registered_like_any_other():
    result = CliRunner().invoke(cli, ["plugins", "--json"])
    described = {p["name"]: p for p in json.loads(result.output)}
    assert described["email"]["assignment_types"] == ["email"]
    assert described["email"]["hooks"] == ["worksample_register_assignment_types"]


TEXT_DEPENDENCIES = ("rapidfuzz", "spellchecker", "symspellpy", "pyphen", "pypdf", "docx")


def text_dependencies_imported_by(statements: str) -> list[str]:
    """Which text dependencies a new interpreter has imported after running ``statements``."""
    import subprocess
    import sys

    code = (f"import json, sys\n{statements}\n"
            f"print(json.dumps(sorted(m for m in {TEXT_DEPENDENCIES!r} if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_help_imports_no_email_dependencies():
    assert text_dependencies_imported_by(
        "import worksample.cli as c; from click.testing import CliRunner; "
        "CliRunner().invoke(c.cli, ['--help'])") == []


def test_loading_plugins_and_a_coding_assignment_imports_no_text_dependencies():
    """What every `worksample grade` does first: the text plugins' heavy parts load only
    when a text submission is graded (pyphen's dictionary alone took 35 ms)."""
    assert text_dependencies_imported_by(
        "from pathlib import Path; from worksample.plugins import load_registry; "
        "from worksample.assignments import load; "
        f"load(Path({str(SAMPLE)!r}), load_registry())") == []


def test_customer_emails_may_be_text_with_headers_and_the_samples_still_rank(tmp_path):
    copy = tmp_path / "support-replies"
    shutil.copytree(EMAIL_SAMPLE, copy)
    spec = copy / "assignment.yaml"
    for message in sorted((copy / "emails").glob("*.eml")):
        lines = message.read_text().splitlines(keepends=True)
        message.with_suffix(".txt").write_text(
            "".join(line for line in lines if not line.startswith("Content-Type:")))
        message.unlink()
        spec.write_text(spec.read_text().replace(f"emails/{message.name}",
                                                 f"emails/{message.stem}.txt"))
    result = CliRunner().invoke(cli, ["validate", str(copy), "--ranking",
                                      str(ROOT / "examples" / "support-replies.ranking.yaml")])
    assert result.exit_code == 0, result.output
    assert "ok   the scores come out in this order" in result.output


@pytest.mark.parametrize("edit, message", [
    (lambda y: y.replace("writing: {clarity: 3, spelling: 1}",
                         "judgement: {clarity: 3, spelling: 1}"),
     "field 'email.scoring': Value error, give weights for exactly the rubric's automatic "
     "criteria ['resolution', 'tone', 'writing']"),
    (lambda y: y.replace("file: emails/late-refund.eml", "file: emails/late.eml"),
     "field 'email.emails.0.file': Value error, 'emails/late.eml' does not exist"),
    (lambda y: y.replace("tone: {greeting: 1,", "tone: {questions: 1, greeting: 1,"),
     "each check kind counts for one criterion; repeated: ['questions']"),
    (lambda y: y.replace("    - id: missing-invoices", "    - id: late-refund"),
     "email ids must be unique; repeated: ['late-refund']"),
])
def test_a_broken_email_section_is_one_error_naming_file_and_field(tmp_path, edit, message):
    copy = tmp_path / "support-replies"
    shutil.copytree(EMAIL_SAMPLE, copy)
    spec = copy / "assignment.yaml"
    spec.write_text(edit(spec.read_text()))
    result = CliRunner().invoke(cli, ["validate", str(copy)])
    assert result.exit_code == 2, result.output
    assert str(spec) in result.output and message in result.output
    assert "Traceback" not in result.output
