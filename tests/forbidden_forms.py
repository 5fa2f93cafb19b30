"""The red teams' corpus of forbidden statements (tests/corpora/forbidden_forms.yaml), and how
one of its sentences is judged: as a line of a reply to the bundled email sample."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_email_checks import findings

CORPUS = Path(__file__).resolve().parent / "corpora" / "forbidden_forms.yaml"
# kind -> (the email, the reply's first line, the labels whose sentences make the statement)
SETTINGS = {
    "requests": ("double-charge", "Hi Priya, the pending line is a hold from your bank and "
                                  "drops off in 3-5 business days. ", {"asks"}),
    "promises": ("late-refund", "Hi Margaret, thanks for writing. ", {"promises"}),
    "pending": ("double-charge", "Hi Priya, the pending line is a hold from your bank and "
                                 "drops off in 3-5 business days. ", {"promises"}),
    "claims": ("missing-invoices", "Hi Dmitri, I'm sorry your March invoices are missing. ",
               {"declares"}),
}
# the statement a kind's sentences make or not, other than a request
STATEMENT = {"promises": "promises-refund", "pending": "promises-refund-of-pending",
             "claims": "declares-data-lost"}


def corpus() -> dict:
    """The corpus: {kind: {label: [{round, text}]}, 'known_misses': [text]}."""
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def cases() -> list[tuple[str, str, int, str]]:
    """Every sentence as (kind, label, round, text)."""
    loaded = corpus()
    return [(kind, label, item["round"], item["text"]) for kind in SETTINGS
            for label, items in loaded[kind].items() for item in items]


def made(sample, kind: str, text: str) -> bool:
    """Whether the grader finds the statement made (asked for, promised, a refund of the
    pending charge, data declared lost) in ``text``."""
    email_id, opening, _ = SETTINGS[kind]
    found = findings(sample, email_id, opening + text)
    if kind == "requests":
        return any(key.startswith("forbidden/asks") and finding.fraction == 0
                   for key, finding in found.items())
    return found[f"forbidden/{STATEMENT[kind]}"].fraction == 0


def makes_it(kind: str, label: str) -> bool:
    """Whether a sentence of ``label`` makes the statement, in the red team's reading."""
    return label in SETTINGS[kind][2]
