"""The red teams' corpora of single sentences in a reply (tests/corpora/blame.yaml,
empathy.yaml, answers.yaml), and whether the grader reads one as the red team does: each
sentence is graded as a line of a reply to the bundled email sample's customer it names, who
wrote that email."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_email_checks import findings

CORPORA = Path(__file__).resolve().parent / "corpora"
NAMES = ("blame", "empathy", "answers")
OPENINGS = {"late-refund": "Hi Margaret, thanks for writing. ",
            "missing-invoices": "Hi Dmitri, thanks for writing. ",
            "double-charge": "Hi Priya, thanks for writing. "}


def corpus(name: str) -> dict:
    """One corpus: {'sentences': [{email, [question], says, text}], 'known_misses': [text]}."""
    return yaml.safe_load((CORPORA / f"{name}.yaml").read_text(encoding="utf-8"))


def customer_said(sample, email_id: str) -> frozenset[str]:
    """What the customer wrote: the email's sentences, as the grader keeps them."""
    from worksample_email.grader import prepare

    return next(o.sentences for o in prepare(sample).emails if o.email.id == email_id)


def read_right(sample, name: str, item: dict) -> bool:
    """Whether the grader reads the sentence as the red team does (``item['says']``):
    - blame: a sentence that blames is counted or left to the reviewer; one that does not is
      neither;
    - empathy: an acknowledgement is credited or left to the reviewer; a sentence that
      acknowledges nothing is not credited;
    - answers: an answer to ``item['question']`` is credited; a sentence that does not answer
      it is not."""
    says = item["says"]
    found = findings(sample, item["email"], OPENINGS[item["email"]] + item["text"],
                     customer_said=customer_said(sample, item["email"]))
    if name == "blame":
        check = found["blame"]
        return (check.fraction < 1 or bool(check.review)) == says
    if name == "empathy":
        check = found["empathy"]
        return check.outcome == "skipped" or (check.fraction == 1) == says
    check = found[f"questions/{item['question']}"]
    return (check.fraction == 1) == says
