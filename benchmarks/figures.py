"""Where benchmark figures go (printed, and saved under benchmarks/results/, not committed),
and what several benchmarks share: a cohort of copied results, and timing this tree's
commands side by side with a baseline commit's."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
# the command as a user runs it: installed beside the interpreter that runs the benchmark
WORKSAMPLE = Path(sys.executable).parent / "worksample"


def publish(name: str, report: dict) -> None:
    """Print ``report`` and save it as results/<name>-<timestamp>.json."""
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(
        json.dumps(report, indent=2))


def compiled(tree: Path) -> None:
    """Compile ``tree``'s Python files (the core and the built-in plugins), as installing a
    package does. The sessions that run these benchmarks set PYTHONDONTWRITEBYTECODE=1, so a
    fresh checkout has no compiled files and every process compiles what it imports, at
    every start: a cost a user's installation does not pay, and that a tree with worker
    processes pays once per worker, a tree without them once."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "worksample"),
                    str(tree / "plugins")], env=env, check=True, stdout=subprocess.DEVNULL)


def copied_cohort(store: Path, candidates: int, suffix: str) -> None:
    """Fill ``store`` up to ``candidates`` results with copies of the results it holds, each
    under its own name (``candidate-0001`` + ``suffix``) and content hash, with the work kept
    of the one it copies."""
    from worksample.store import ResultStore, submission_key

    results = ResultStore(store)
    real = list(results.results())
    kept = [results.work(r.assignment_id, r.submission_id, submission_key(r)) for r in real]
    for number in range(candidates - len(real)):
        copy = real[number % len(real)].model_copy(deep=True)
        copy.work = kept[number % len(real)]  # each page shows the work, as a real one does
        copy.submission_id = f"candidate-{number:04d}"
        copy.submission_source = f"/inbox/candidate-{number:04d}{suffix}"
        copy.submission_hash = hashlib.sha256(copy.submission_id.encode()).hexdigest()
        results.save(copy)
    results.close()


def cohort_options(description: str) -> argparse.Namespace:
    """``--runs``, ``--candidates`` and ``--baseline``, as the cohort benchmarks take them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--baseline", help="a commit to time side by side with this tree "
                                           "(e.g. main), run by the same interpreter")
    return parser.parse_args()


@contextmanager
def trees(baseline: str | None, work: Path) -> Iterator[dict[str, Path]]:
    """The source trees to time: "this" one and, given a ``baseline`` commit, a git worktree
    of it in ``work`` (removed afterwards)."""
    if baseline is None:
        yield {"this": ROOT}
        return
    folder = work / "baseline"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(folder),
                    baseline], check=True)
    try:
        yield {"this": ROOT, "baseline": folder}
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
                       check=True)


class Timing(NamedTuple):
    """One run: wall time, and the CPU time of the process and every process it waited for
    (user + system; what another process on the machine slows down least)."""

    wall_s: float
    cpu_s: float


def worksample_of(tree: Path, env: dict, work: Path, *arguments: str) -> Timing:
    """Run ``tree``'s worksample (its core and its plugins) with ``arguments`` in a new
    process from ``work``, output discarded. Not from a tree's folder: ``python -m`` puts the
    current folder first on the path."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "worksample", *arguments], check=True, cwd=work,
                   env={**env, "PYTHONPATH": f"{tree}:{tree / 'plugins'}"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Timing(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def side_by_side(trees: dict[str, Path], runs: int,
                 timed: Callable[[str, Path], Timing]) -> dict[str, dict]:
    """``timed(label, tree)`` for each tree in turn, ``runs`` rounds after one warm-up each
    (the file cache, the report folder), so that the machine's drift hits every tree alike:
    per tree the median, min and max wall time and the median CPU time, and this tree's
    median wall time over the baseline's."""
    for label, tree in trees.items():
        timed(label, tree)
    times: dict[str, list[Timing]] = {label: [] for label in trees}
    for _ in range(runs):
        for label, tree in trees.items():
            times[label].append(timed(label, tree))
    figures: dict[str, dict] = {}
    for label, each in times.items():
        walls = [t.wall_s for t in each]
        figures[label] = {
            "median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3),
            "max_s": round(max(walls), 3), "runs_s": [round(t, 3) for t in walls],
            "cpu_median_s": round(statistics.median(t.cpu_s for t in each), 3)}
    if "baseline" in figures:
        figures["this / baseline"] = round(
            figures["this"]["median_s"] / figures["baseline"]["median_s"], 2)
    return figures


@contextmanager
def work_folder() -> Iterator[tuple[Path, dict]]:
    """A temporary folder, and the environment that keeps worksample's cache in it."""
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)
        yield work, {**os.environ, "WORKSAMPLE_CACHE_DIR": str(work / "cache")}


def before_the_split(seconds: list[float], submissions: int) -> dict:
    """A third series of a batch benchmark (another tree's grader, before a change): each
    batch's seconds and the median per submission."""
    return {"batch_seconds": [round(s, 2) for s in seconds],
            "median_ms_per_submission": round(1000 * statistics.median(seconds) / submissions,
                                              1)}


def against_naive(what: str, seconds: dict[str, list[float]], submissions: int,
                  runs: int) -> dict:
    """The figures of a batch benchmark against the naive loop (issue 24's): each batch's
    seconds for "worksample" and "naive", the median per submission, and the throughput
    ratio against the 1.5x target."""
    per_submission = {name: statistics.median(values) / submissions
                      for name, values in seconds.items()}
    return {
        "what": what,
        "machine": f"{platform.machine()}, Python {platform.python_version()}, "
                   f"{len(os.sched_getaffinity(0))} cores",
        "runs": runs,
        "batch_seconds": {name: [round(s, 2) for s in values] for name, values in seconds.items()},
        "median_ms_per_submission": {name: round(1000 * value, 1)
                                     for name, value in per_submission.items()},
        "throughput_ratio_worksample_to_naive": round(
            per_submission["naive"] / per_submission["worksample"], 2),
        "target": ">= 1.5",
    }
