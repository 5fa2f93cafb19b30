"""Where benchmark figures go (printed, and saved under benchmarks/results/, not committed),
and what several benchmarks share: a cohort of copied results."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def publish(name: str, report: dict) -> None:
    """Print ``report`` and save it as results/<name>-<timestamp>.json."""
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(
        json.dumps(report, indent=2))


def copied_cohort(store: Path, candidates: int, suffix: str) -> None:
    """Fill ``store`` up to ``candidates`` results with copies of the results it holds, each
    under its own name (``candidate-0001`` + ``suffix``) and content hash."""
    from worksample.store import ResultStore

    results = ResultStore(store)
    real = list(results.results())
    for number in range(candidates - len(real)):
        copy = real[number % len(real)].model_copy(deep=True)
        copy.submission_id = f"candidate-{number:04d}"
        copy.submission_source = f"/inbox/candidate-{number:04d}{suffix}"
        copy.submission_hash = hashlib.sha256(copy.submission_id.encode()).hexdigest()
        results.save(copy)
    results.close()


def cohort_options(description: str) -> argparse.Namespace:
    """``--runs`` and ``--candidates``, as the cohort benchmarks take them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--candidates", type=int, default=1000)
    return parser.parse_args()


@contextmanager
def work_folder() -> Iterator[tuple[Path, dict]]:
    """A temporary folder, and the environment that keeps worksample's cache in it."""
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)
        yield work, {**os.environ, "WORKSAMPLE_CACHE_DIR": str(work / "cache")}
