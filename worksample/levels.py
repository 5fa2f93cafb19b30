"""The anchored levels 1-4 and the share of a criterion's points each stands for: one rule for
automatic criteria (``grading.py``) and reviewers' levels (``ratings.py``)."""

from __future__ import annotations

LEVEL_BANDS = ((0.9, 4), (0.7, 3), (0.4, 2), (0.0, 1))  # share of points -> level


def level_for(fraction: float) -> int:
    """The 1-4 level for a share of a criterion's points (>=90% 4, >=70% 3, >=40% 2, else 1)."""
    return next(level for floor, level in LEVEL_BANDS if fraction >= floor)
