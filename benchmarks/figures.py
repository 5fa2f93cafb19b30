"""Where benchmark figures go: printed, and saved under benchmarks/results/ (not committed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def publish(name: str, report: dict) -> None:
    """Print ``report`` and save it as results/<name>-<timestamp>.json."""
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(
        json.dumps(report, indent=2))
