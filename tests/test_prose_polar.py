"""A yes-no question answered by "yes" or "no" and its own verb (worksample/prose/polar.py)."""

from __future__ import annotations

import pytest
from reply_corpora import customer_said
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
    ("missing-invoices", "get-back", "Yes, we can get the March invoices back today."),
])
def test_yes_or_no_and_the_questions_verb_answer_it(email_sample, email, question, line):
    check = findings(email_sample, email, f"Hi there. {line}",
                     customer_said=customer_said(email_sample, email))[f"questions/{question}"]
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
    # the verb in a later clause, or with another thing; "back to you"
    ("missing-invoices", "stop-using", "No, nothing is broken, and you can stop worrying."),
    ("missing-invoices", "stop-using", "Yes, you can stop the sync job if it is running."),
    ("missing-invoices", "get-back", "Yes, we'll get back to you by noon."),
    # not the writer's own answer: a choice, a condition, a hedge
    ("missing-invoices", "lost-everything", "Yes or no: did you lose April too?"),
    ("missing-invoices", "get-back", "If last night's copy is empty, then no, we can't get the "
                                     "March invoices back."),
    ("missing-invoices", "get-back", "Yes, we might be able to get the March invoices back."),
])
def test_yes_or_no_with_the_verb_of_something_else_answers_nothing(email_sample, email, question,
                                                                   line):
    check = findings(email_sample, email, f"Hi there. {line}",
                     customer_said=customer_said(email_sample, email))[f"questions/{question}"]
    assert check.fraction == 0, check.evidence
