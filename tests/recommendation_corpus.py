"""The red team's corpus of recommendation sections (tests/corpora/recommendations.yaml), and
how one is read: as the whole Recommendation section of an otherwise neutral analysis of the
bundled pricing case."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest_paths import OPTION_NAMES

CORPUS = Path(__file__).resolve().parent / "corpora" / "recommendations.yaml"
HEAD = ("# Pro price review\n\n## Summary\n\nMRR rose 19% after the rise, from $142,506 to "
        "$169,589, while monthly churn went from 1.87% to 3.38% and new customers fell 28.2%. "
        "Solo churn reached 4.1%. Lifetime value fell from $2,091 to $1,448.\n\n## Analysis\n\n"
        "Churn rose mostly among solo accounts; teams barely moved. The revenue gain is real "
        "but shrinking as churn compounds, and fewer new customers arrive each month.\n\n"
        "## Recommendation\n\n")
TAIL = "\n\n## Risks\n\nChurn could keep rising, and a second price change may confuse customers.\n"
NONE = "none"


def corpus() -> dict:
    """The corpus: {'sections': [{option, text, analysis?}], 'known_misses': [text]}."""
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def read_option(grade_analysis, text: str, analysis: str = "") -> str:
    """The option id the grader reads as recommended in a section of ``text``, or 'none';
    ``analysis`` is a paragraph added at the end of the Analysis section before it."""
    head = HEAD.replace("\n\n## Recommendation", f"\n\n{analysis}\n\n## Recommendation") \
        if analysis else HEAD
    result = grade_analysis(head + text + TAIL)
    message = next(c.message for c in result.checks if c.id == "recommendation")
    return next((option for option, name in OPTION_NAMES.items()
                 if f"→ option “{name}”" in message), NONE)
