"""Agreement between reviewers for 1,000 candidates rated by three reviewers each (issue 22;
target <= 2 s each for `worksample agreement` and for the cohort report with ratings).

The 15 pricing-review pool submissions are graded for real (a text type: no Docker), once.
Their stored results are copied under 1,000 candidate names and content hashes through the
store API, and three reviewers rate each candidate's two reviewer criteria (6,000 ratings, one
transaction), with levels drawn from a fixed seed so that they mostly agree. A second rating
by one reviewer of every tenth candidate supersedes the first, so the ratings in force must be
picked out. What is timed is the command a user runs, in a new process: `worksample agreement`
(table and --json) and `worksample report` writing the cohort index and 1,000 candidate pages
as HTML, Markdown and JSON. Reported: the median of --runs runs after one warm-up run, and the
report before any rating in the same run. With --baseline COMMIT, every command is timed for
that commit too (a git worktree, its core and its plugins, the same interpreter, the same
store), in turn with this tree's, and the ratio of the medians is reported.

    .venv/bin/python benchmarks/bench_agreement.py --runs 5 --candidates 1000 --baseline main
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
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
SAMPLE = ROOT / "assignments" / "pricing-review"
POOL = ROOT / "examples" / "pricing-review-pool"
WORKSAMPLE = [sys.executable, "-m", "worksample"]
REVIEWERS = ("ann", "bo", "cy")
TARGET_S = 2.0


def graded_cohort(store: Path, candidates: int, env: dict) -> None:
    """Grade the pool for real, then store copies of it as ``candidates`` results."""
    subprocess.run([*WORKSAMPLE, "grade", str(SAMPLE), *map(str, sorted(POOL.iterdir())),
                    "--store", str(store)], check=True, env=env, stdout=subprocess.DEVNULL)
    copied_cohort(store, candidates, ".md")


def rated_cohort(store: Path) -> int:
    """Three reviewers' ratings of every candidate's reviewer criteria; returns how many."""
    from worksample.ratings import checked_rating, latest_results
    from worksample.store import ResultStore

    results = ResultStore(store)
    draw = random.Random(22)
    ratings = []
    for number, result in enumerate(latest_results(results.results()).values()):
        for criterion in (c.id for c in result.criteria if c.source == "reviewer"):
            true_level = draw.randint(1, 4)
            for reviewer in REVIEWERS:
                level = min(4, max(1, true_level + draw.choice((-1, 0, 0, 0, 1))))
                ratings.append(checked_rating(result, criterion=criterion, level=level,
                                              reviewer=reviewer))
            if number % 10 == 0:  # a later rating supersedes ann's
                ratings.append(checked_rating(result, criterion=criterion,
                                              level=true_level, reviewer="ann"))
    recorded = len(results.add_ratings(ratings))
    results.close()
    return recorded


def main() -> None:
    args = cohort_options(__doc__.splitlines()[0])
    with work_folder() as (work, env), trees(args.baseline, work) as timed_trees:
        store = work / "results.sqlite"
        graded_cohort(store, args.candidates, env)

        def command(*arguments: str):
            return lambda label, tree: worksample_of(tree, env, work, *arguments,
                                                     "--store", str(store))

        def report(*options: str):
            out = "-".join(("out", *(option.strip("-") for option in options)))
            return lambda label, tree: worksample_of(
                tree, env, work, "report", str(SAMPLE), "--store", str(store), "--out",
                str(work / f"{out}-{label}"), *options)

        figures = {"report, no ratings yet": side_by_side(timed_trees, args.runs, report())}
        started = time.perf_counter()
        ratings = rated_cohort(store)
        stored_in = time.perf_counter() - started
        agreement = ("agreement", "pricing-review")
        figures["agreement"] = side_by_side(timed_trees, args.runs, command(*agreement))
        figures["agreement --json"] = side_by_side(timed_trees, args.runs,
                                                   command(*agreement, "--json"))
        figures["agreement --blind"] = side_by_side(timed_trees, args.runs,
                                                    command(*agreement, "--blind"))
        figures["report with ratings"] = side_by_side(timed_trees, args.runs, report())
        figures["report with ratings, blind"] = side_by_side(timed_trees, args.runs,
                                                             report("--blind"))
        alpha = subprocess.run([*WORKSAMPLE, *agreement, "--store", str(store), "--json"],
                               check=True, env=env, capture_output=True, text=True).stdout
    for figure in figures.values():
        figure["this / target"] = round(figure["this"]["median_s"] / TARGET_S, 3)
    publish("agreement", {
        "candidates": args.candidates, "reviewers": len(REVIEWERS), "ratings": ratings,
        "ratings_stored_in_s": round(stored_in, 3), "runs": args.runs, "target_s": TARGET_S,
        "baseline": args.baseline, "figures": figures, "agreement_json_bytes": len(alpha),
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
    })


if __name__ == "__main__":
    main()
