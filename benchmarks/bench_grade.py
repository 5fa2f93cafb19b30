"""Grading one sample submission end to end vs plain pytest on the host.

Baseline (issue 2): the same hidden tests run with `python -m pytest` on the host against
the same submission, no sandbox. Target: less than 0.5 s of overhead per submission.

Measured, each as the median of --runs runs after one warm-up run:
- cli:       `worksample grade inventory-reservations examples/.../strong --json`, a new
             process each time, as a user runs it (includes Python start-up and imports);
- baseline:  `python -m pytest <hidden tests>` in a copy of the submission, a new process;
- in-process: grading.grade_submission() in this process (no start-up, no imports), to show
             where the time goes;
- container: one hardened container running `python3 -c pass` (the floor of any sandbox).

Run: .venv/bin/python benchmarks/bench_grade.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import WORKSAMPLE, publish

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = ROOT / "assignments" / "inventory-reservations"
SUBMISSION = ROOT / "examples" / "inventory-reservations" / "strong"


def timed(action, runs: int) -> list[float]:
    action()  # warm-up: image lookup, expected-test cache, page cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def run_cli(store: Path) -> None:
    # --regrade: without it, every run after the first would be answered from the store
    done = subprocess.run([str(WORKSAMPLE), "grade", str(ASSIGNMENT), str(SUBMISSION), "--json",
                           "--store", str(store), "--regrade"],
                          capture_output=True, text=True, cwd=ROOT)
    result = json.loads(done.stdout)[0]
    assert done.returncode == 0 and result["score"] == 100, done.stderr


def run_baseline(workdir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(ASSIGNMENT / "tests"), "-q", "-p",
         "no:cacheprovider", "--rootdir", str(ASSIGNMENT / "tests")],
        capture_output=True, text=True, cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(workdir), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0 and "31 passed" in done.stdout, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from worksample.assignments import load
    from worksample.grading import grade_submission
    from worksample.plugins import get_registry
    from worksample.sandbox import RunRequest
    from worksample.sandbox import docker as sandbox

    registry = get_registry()
    assignment = load(ASSIGNMENT, registry)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        baseline_dir = scratch / "baseline"
        shutil.copytree(SUBMISSION, baseline_dir)
        intake_dir = scratch / "intake"
        intake_dir.mkdir()

        def in_process() -> None:
            result = grade_submission(assignment, SUBMISSION, intake_dir, registry)
            assert result.score == 100, result.message

        def container() -> None:
            sandbox.run(RunRequest(assignment.section.image, ["python3", "-c", "pass"]))

        figures = {
            "cli": timed(lambda: run_cli(scratch / "results.sqlite"), args.runs),
            "baseline": timed(lambda: run_baseline(baseline_dir), args.runs),
            "in-process": timed(in_process, args.runs),
            "container": timed(container, args.runs),
        }

    medians = {name: statistics.median(samples) for name, samples in figures.items()}
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "runs": args.runs,
        "median_s": {k: round(v, 3) for k, v in medians.items()},
        "min_s": {k: round(min(v), 3) for k, v in figures.items()},
        "max_s": {k: round(max(v), 3) for k, v in figures.items()},
        "overhead_cli_vs_baseline_s": round(medians["cli"] - medians["baseline"], 3),
        "overhead_in_process_vs_baseline_s": round(medians["in-process"] - medians["baseline"], 3),
        "ratio_cli_vs_baseline": round(medians["cli"] / medians["baseline"], 2),
    }
    publish("grade", report)


if __name__ == "__main__":
    main()
