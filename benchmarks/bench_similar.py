"""Finding near-identical texts in a cohort of 1,000 distinct texts (issue 28).

The copied cohorts of bench_report.py and bench_agreement.py repeat their samples' texts word
for word, which near_identical reads once each: their reports time the rest of the work. Here
every text differs. The 15 pricing-review pool submissions are graded for real (a text type:
no Docker); their read texts (about 470 words each) are copied --candidates times, each with a
line of its own, so there are 15 groups of nearly the same text and no two texts the same.
Timed in this process: ``reports.similar.near_identical`` over them, median of --runs after a
warm-up; counted: the exact comparisons made, against the pairs there are.

    .venv/bin/python benchmarks/bench_similar.py --runs 5 --candidates 1000
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from figures import cohort_options, publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assignments" / "pricing-review"
POOL = ROOT / "examples" / "pricing-review-pool"


def pool_texts(store: Path, env: dict) -> list[str]:
    """The texts the plugin read of each pool submission, graded for real into ``store``."""
    from worksample.store import ResultStore

    subprocess.run([sys.executable, "-m", "worksample", "grade", str(SAMPLE),
                    *map(str, sorted(POOL.iterdir())), "--store", str(store)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return list(ResultStore(store).read_texts("pricing-review").values())


def main() -> None:
    from worksample.reports import similar

    args = cohort_options(__doc__.splitlines()[0])
    with work_folder() as (work, env):
        texts = pool_texts(work / "results.sqlite", env)
    cohort = [f"{texts[n % len(texts)]}\n\nSigned, candidate {n:04d}."
              for n in range(args.candidates)]
    compared = [0]
    jaccard = similar._jaccard

    def counting(first, second):
        compared[0] += 1
        return jaccard(first, second)

    similar._jaccard = counting
    groups = similar.near_identical(cohort)  # the warm-up, and the comparisons counted
    seconds = []
    for _ in range(args.runs):
        started = time.perf_counter()
        similar.near_identical(cohort)
        seconds.append(time.perf_counter() - started)
    publish("similar", {
        "candidates": args.candidates, "runs": args.runs, "distinct_texts": len(set(cohort)),
        "mean_words": round(sum(len(t.split()) for t in cohort) / len(cohort)),
        "groups": len({min([n, *group]) for n, group in enumerate(groups)}),
        "median_s": round(statistics.median(seconds), 3), "min_s": round(min(seconds), 3),
        "max_s": round(max(seconds), 3), "exact_comparisons": compared[0],
        "pairs": args.candidates * (args.candidates - 1) // 2,
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
    })


if __name__ == "__main__":
    main()
