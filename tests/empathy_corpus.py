"""The red team's corpus of empathy (tests/corpora/empathy.yaml), and how a sentence is read:
as a line of a reply to the bundled email sample's customer it names."""

from __future__ import annotations

from pathlib import Path

import yaml
from blame_corpus import OPENINGS
from test_email_checks import findings

CORPUS = Path(__file__).resolve().parent / "corpora" / "empathy.yaml"


def corpus() -> dict:
    """The corpus: {'sentences': [{email, acknowledges, text}], 'known_misses': [text]}."""
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def read_empathy(sample, email: str, text: str) -> str:
    """'credited', 'review' (left to the reviewer) or 'none'."""
    found = findings(sample, email, OPENINGS[email] + text)["empathy"]
    if found.outcome == "skipped":
        return "review"
    return "credited" if found.fraction == 1 else "none"
