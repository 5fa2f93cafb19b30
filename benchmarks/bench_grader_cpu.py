"""Where the CPU of a text batch goes: the grader process's own and its workers', per
submission and fixed, at ``-j 1`` and ``-j 2`` (issue 27).

Wall-clock rates are noisy on a shared machine; CPU seconds much less so. Each measurement
runs ``worksample grade support-replies <N folders> -j J`` in a new process (the command a
user runs, called in process by a small driver so that the driver can read what it used):
the grader's own CPU (every thread of the process) and its workers' (children reaped when
the workers stop). Two batch sizes give the cost per submission (the difference divided by
the difference in submissions) and the fixed cost (what is left at zero submissions). Given
other trees (``--trees``: a checkout of another commit), each is measured in turn within
every run, so that the machine's drift hits them all.

Every tree is compiled first (``figures.compiled``; ``--as-checked-out`` leaves it as it is).

    .venv/bin/python benchmarks/bench_grader_cpu.py --runs 3 [--trees . /tmp/before]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench_email import make_batch

ROOT = Path(__file__).resolve().parent.parent
EMAIL = ROOT / "assignments" / "support-replies"


def drive(arguments: list[str]) -> None:
    """In the measured process: run the CLI, then print the CPU it and its workers used."""
    started = time.perf_counter()
    from worksample.cli import cli

    try:
        cli.main(arguments, standalone_mode=False)
    except SystemExit:
        pass
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall_s": time.perf_counter() - started,
                      "grader_cpu_s": own.ru_utime + own.ru_stime,
                      "workers_cpu_s": workers.ru_utime + workers.ru_stime}), file=sys.stderr)


def measure(tree: Path, batch: list[Path], jobs: int, work: Path) -> dict:
    """One batch graded by ``tree``'s code in a new process: its CPU, wall time and span of
    grading."""
    store = work / "store.sqlite"
    store.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": f"{tree}:{tree / 'plugins'}",
           "WORKSAMPLE_CACHE_DIR": str(work / "cache")}
    done = subprocess.run(
        [sys.executable, __file__, "--drive", "grade", str(EMAIL), *map(str, batch),
         "--store", str(store), "-j", str(jobs)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=work,
        check=True)
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    with sqlite3.connect(store) as db:
        times = sorted(datetime.fromisoformat(t) for (t,) in db.execute(
            "SELECT graded_at FROM results"))
    assert len(times) == len(batch), f"{len(times)} results for {len(batch)} submissions"
    figures["grading_s"] = (times[-1] - times[0]).total_seconds()
    return figures


def main() -> None:
    """Measure both batch sizes at ``-j 1`` and ``-j 2``; print medians and per-submission
    costs as JSON."""
    if len(sys.argv) > 1 and sys.argv[1] == "--drive":
        drive(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--submissions", type=int, default=350)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--trees", type=Path, nargs="+", default=[ROOT])
    parser.add_argument("--as-checked-out", action="store_true",
                        help="do not compile the trees first (figures.compiled says why they "
                             "are); a tree compiled by an earlier run stays compiled")
    args = parser.parse_args()
    report: dict = {"load_before": os.getloadavg(), "compiled": not args.as_checked_out}
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)
        batch = make_batch(work / "replies", args.submissions)
        trees = [tree.resolve() for tree in args.trees]
        if not args.as_checked_out:
            from figures import compiled  # here: the measured processes import this file

            for tree in trees:
                compiled(tree)
        for tree in trees:  # warm-up: the page cache, the compiled files
            measure(tree, batch[:12], 1, work)
        variants = [(tree, jobs, size) for jobs in args.jobs for tree in trees
                    for size in (args.small, args.submissions)]
        runs: dict[tuple, list[dict]] = {variant: [] for variant in variants}
        for _ in range(args.runs):
            for tree, jobs, size in variants:
                runs[tree, jobs, size].append(measure(tree, batch[:size], jobs, work))
        for tree in trees:
            for jobs in args.jobs:
                sizes = {size: {key: round(statistics.median(r[key] for r in measured), 3)
                                for key in measured[0]}
                         for (t, j, size), measured in runs.items() if (t, j) == (tree, jobs)}
                small, large = sizes[args.small], sizes[args.submissions]
                count = args.submissions - args.small
                per = {key: round(1000 * (large[key] - small[key]) / count, 3)
                       for key in ("grader_cpu_s", "workers_cpu_s", "wall_s")}
                report[f"{tree} -j {jobs}"] = {
                    "medians": sizes,
                    "ms_per_submission": per,
                    "fixed_s": {key: round(large[key] - per[key] * args.submissions / 1000, 3)
                                for key in per},
                    "replies_per_s_while_grading": round(
                        3 * (args.submissions - 1) / large["grading_s"], 1),
                }
    report["load_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
