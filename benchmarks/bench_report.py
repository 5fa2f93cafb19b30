"""Rendering the review report for a cohort of 1,000 candidates (issue 5; target <= 5 s).

The four sample submissions are graded for real in the sandbox, once. Their stored results are
then copied under 1,000 candidate names and content hashes, so every page carries what a real
page carries (31 checks, failure messages, four criteria, the discussion guide). What is timed
is the command a user runs, in a new process: `worksample report` writing the cohort index
and 1,000 candidate pages as HTML, Markdown and JSON. With --baseline COMMIT, each variant
is timed for that commit too, in turn with this tree's (see ``figures.side_by_side``).

    .venv/bin/python benchmarks/bench_report.py --runs 5 --candidates 1000 --baseline main
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from figures import (
    cohort_options,
    copied_cohort,
    publish,
    side_by_side,
    trees,
    work_folder,
    worksample_of,
)

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


def stored_for(label: str, store: Path) -> Path:
    """A copy of ``store`` for the tree ``label``: the baseline's as the store format it
    reads. Format 7 (issue 25) only added the similarity measure's tables, so a format-6
    baseline's copy is the same file without them."""
    copy = store.with_name(f"results-{label}.sqlite")
    with sqlite3.connect(store) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        if label == "baseline":
            target.executescript("DROP TABLE IF EXISTS fingerprints; "
                                 "DROP TABLE IF EXISTS leaks; PRAGMA user_version = 6;")
    source.close()
    target.close()
    return copy


def main() -> None:
    args = cohort_options(__doc__.splitlines()[0])
    with work_folder() as (work, env), trees(args.baseline, work) as timed_trees:
        store = work / "results.sqlite"
        graded_cohort(store, args.candidates, env)
        stores = {label: stored_for(label, store) for label in timed_trees}

        def report(variant: str, *options: str):
            return lambda label, tree: worksample_of(
                tree, env, work, "report", str(SAMPLE), "--store", str(stores[label]),
                "--out", str(work / f"out-{variant}-{label}"), *options)

        figures = {}
        for variant, options in [("hiring-manager, html+md+json", ()),
                                 ("hr, blind, html+md+json", ("--audience", "hr", "--blind")),
                                 ("hiring-manager, html only", ("--format", "html"))]:
            figures[variant] = side_by_side(timed_trees, args.runs,
                                            report(str(len(figures)), *options))
            figures[variant]["this / target"] = round(
                figures[variant]["this"]["median_s"] / TARGET_S, 3)
        files = sum(1 for _ in (work / "out-2-this").rglob("*"))
    publish("report", {
        "candidates": args.candidates, "runs": args.runs, "target_s": TARGET_S,
        "baseline": args.baseline, "figures": figures, "files_in_html_only_report": files,
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
    })


if __name__ == "__main__":
    main()
