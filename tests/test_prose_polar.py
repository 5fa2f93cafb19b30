"""A yes-no question answered by "yes" or "no" and its own verb (worksample/prose/polar.py)."""

from __future__ import annotations

import pytest
from test_email_checks import findings

from worksample.prose.polar import PolarQuestion, polar_question


@pytest.mark.parametrize(("asks", "expected"), [
    ("Should I stop using Ledgerly until this is fixed?", PolarQuestion("i", "stop", None)),
    ("Can you get them back?", PolarQuestion("you", "get", "back")),
    ("Did I really lose everything?", PolarQuestion("i", "lose", None)),
    ("Where do I find a proper invoice?", None),  # not a yes-no question
    ("Is the charge going away?", None),  # its subject is no person
    ("Please make sure I'm not charged again next year.", None),
])
def test_a_yes_no_question_is_read_as_its_subject_verb_and_particle(asks, expected):
    assert polar_question(asks) == expected


@pytest.mark.parametrize(("email", "question", "line"), [
    ("missing-invoices", "stop-using", "So yes, please stop until the restore is finished."),
    ("missing-invoices", "stop-using", "To your last question: no, you won't have to stop."),
    ("missing-invoices", "lost-everything", "No, you almost certainly didn't lose them."),
    ("missing-invoices", "get-back", "Yes, we can get every one of them back today."),
])
def test_yes_or_no_and_the_questions_verb_answer_it(email_sample, email, question, line):
    check = findings(email_sample, email, f"Hi there. {line}")[f"questions/{question}"]
    assert check.fraction == 1, check.evidence


@pytest.mark.parametrize(("email", "question", "line"), [
    # the verb's subject is not the one the question asks about
    ("missing-invoices", "stop-using", "Yes, I'll stop the renewal on your plan too."),
    ("missing-invoices", "lost-everything", "Yes, customers lose invoices all the time."),
    # "no" that is no answer; the particle missing
    ("missing-invoices", "stop-using", "No worries, you can stop by the help centre."),
    ("missing-invoices", "get-back", "Yes, you'll get an email from me later."),
    # the answers' other readings still apply: the writer does not know
    ("missing-invoices", "stop-using", "No, I can't say yet whether you should stop."),
])
def test_yes_or_no_with_the_verb_of_something_else_answers_nothing(email_sample, email, question,
                                                                   line):
    check = findings(email_sample, email, f"Hi there. {line}")[f"questions/{question}"]
    assert check.fraction == 0, check.evidence
