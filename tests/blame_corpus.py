"""The red team's corpus of blame (tests/corpora/blame.yaml), and how a sentence is read: as a
line of a reply to the bundled email sample's customer it names."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_email_checks import findings

CORPUS = Path(__file__).resolve().parent / "corpora" / "blame.yaml"
OPENINGS = {"late-refund": "Hi Margaret, thanks for writing. ",
            "missing-invoices": "Hi Dmitri, thanks for writing. ",
            "double-charge": "Hi Priya, thanks for writing. "}


def corpus() -> dict:
    """The corpus: {'sentences': [{email, blames, text}], 'known_misses': [text]}."""
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def read_blame(sample, email: str, text: str) -> str:
    """'blame' (counted against the reply), 'review' (left to the reviewer) or 'none'."""
    found = findings(sample, email, OPENINGS[email] + text)["blame"]
    if found.fraction < 1:
        return "blame"
    return "review" if found.review else "none"
