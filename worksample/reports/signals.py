"""The code-quality signals a result carries (``details["quality"]``, a list of
``QualitySignal``), as each reviewer criterion shows them: evidence for the person who rates
it, never a score.

What a signal says names the candidate's functions and files: it goes through the page's
cleaner like any candidate text (made visible; redacted in a blind review). An entry that
does not read as a signal (a result from another version, a plugin's bug) is left out.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ValidationError

from worksample.models import GradeResult, QualitySignal

NAMES = {
    "lint": "Lint",
    "function_length": "Function length",
    "complexity": "Complexity",
    "own_tests": "Own tests",
    "coverage": "Coverage",
}


class SignalView(BaseModel):
    """One signal next to a criterion."""

    signal: str
    name: str
    said: str
    measured: bool


def signals_of(result: GradeResult, criterion_id: str,
               clean: Callable[[str], str]) -> list[SignalView]:
    """The signals ``result`` shows next to the criterion ``criterion_id``, in its order."""
    stored = result.details.get("quality")
    if not isinstance(stored, list):
        return []
    shown = []
    for entry in stored:
        try:
            signal = QualitySignal.model_validate(entry)
        except ValidationError:
            continue
        if criterion_id in signal.criteria:
            shown.append(SignalView(
                signal=signal.signal, measured=signal.measured, said=clean(signal.said),
                name=NAMES.get(signal.signal, signal.signal.replace("_", " ").capitalize())))
    return shown
