"""Rendering the review report for a cohort of 1,000 candidates (issue 5; target <= 5 s).

The four sample submissions are graded for real in the sandbox, once. Their stored results are
then copied under 1,000 candidate names and content hashes, so every page carries what a real
page carries (31 checks, failure messages, four criteria, the discussion guide). What is timed
is the command a user runs, in a new process: `worksample report` writing the cohort index
and 1,000 candidate pages as HTML, Markdown and JSON.

    .venv/bin/python benchmarks/bench_report.py --runs 5 --candidates 1000
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from figures import cohort_options, copied_cohort, publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assignments" / "inventory-reservations"
EXAMPLES = ROOT / "examples" / "inventory-reservations"
WORKSAMPLE = [sys.executable, "-m", "worksample"]
TARGET_S = 5.0


def graded_cohort(store: Path, candidates: int, env: dict) -> None:
    """Grade the four samples for real, then store copies of them as ``candidates`` results."""
    samples = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_dir())
    subprocess.run([*WORKSAMPLE, "grade", str(SAMPLE), *samples, "--store", str(store)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    copied_cohort(store, candidates, ".zip")


def timed_report(store: Path, out: Path, env: dict, *options: str) -> float:
    started = time.perf_counter()
    subprocess.run([*WORKSAMPLE, "report", str(SAMPLE), "--store", str(store), "--out",
                    str(out), *options], check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    args = cohort_options(__doc__.splitlines()[0])
    with work_folder() as (work, env):
        store = work / "results.sqlite"
        graded_cohort(store, args.candidates, env)
        figures = {}
        for label, options in [("hiring-manager, html+md+json", ()),
                               ("hr, blind, html+md+json", ("--audience", "hr", "--blind")),
                               ("hiring-manager, html only", ("--format", "html"))]:
            timed_report(store, work / "warm-up", env, *options)
            times = [timed_report(store, work / "out", env, *options) for _ in range(args.runs)]
            figures[label] = {"median_s": round(statistics.median(times), 3),
                              "min_s": round(min(times), 3), "max_s": round(max(times), 3)}
        files = sum(1 for _ in (work / "out").rglob("*"))
    main_figure = figures["hiring-manager, html+md+json"]["median_s"]
    publish("report", {
        "candidates": args.candidates, "runs": args.runs, "target_s": TARGET_S,
        "figures": figures, "files_in_html_only_report": files,
        "share_of_target": round(main_figure / TARGET_S, 3),
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
    })


if __name__ == "__main__":
    main()
