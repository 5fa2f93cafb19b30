"""The red team's corpus of key points (tests/corpora/key_points.yaml), and how a sentence is
read: as the Analysis section of an otherwise neutral analysis of the bundled pricing case."""

from __future__ import annotations

from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "corpora" / "key_points.yaml"
HEAD = ("# Pro price review\n\n## Summary\n\nThis memo reviews the March price rise.\n\n"
        "## Analysis\n\n")
TAIL = ("\n\n## Recommendation\n\nWe recommend a separate solo plan at $39 with teams kept at "
        "$49.\n\n## Risks\n\nA second price change may confuse customers.\n")


def corpus() -> dict:
    """The corpus: {'sentences': [{point, says, text}], 'known_misses': [text or {point,
    text}]}."""
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def known_miss_keys(known_misses: list) -> frozenset[tuple[str | None, str]]:
    """The known misses as (point, text): a bare text is a miss for every point it is
    listed with (point None); {point, text} for that point only, where the same sentence is
    read right for another."""
    return frozenset((None, miss) if isinstance(miss, str) else (miss["point"], miss["text"])
                     for miss in known_misses)


def is_known_miss(item: dict, keys: frozenset[tuple[str | None, str]]) -> bool:
    """Whether the corpus lists ``item`` among its known misses."""
    return (None, item["text"]) in keys or (item["point"], item["text"]) in keys


def read_right(grade_analysis, item: dict) -> bool:
    """Whether the key point ``item['point']`` is credited exactly when the sentence makes it
    (``item['says']``)."""
    result = grade_analysis(HEAD + item["text"] + TAIL)
    check = next(c for c in result.checks if c.id == f"key_points/{item['point']}")
    return (check.outcome == "passed") == item["says"]
