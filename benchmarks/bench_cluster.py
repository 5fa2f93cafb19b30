"""Grading on a Dask cluster against the same batch graded locally (issue 26).

A scheduler and two one-thread workers (``worksample worker --nthreads 1``) on the loopback
interface of this machine, against ``worksample grade -j 2`` without a cluster: the same
two cores, so the ratio is the cluster's overhead (sending the bytes, Dask's scheduling,
results coming back), not a speed-up.

1. Coding: 100 distinct submissions of ``inventory-reservations`` (the strong solution, each
   with its own first line). Target: the cluster within 1.15x of ``-j 2``.
2. Text: 2,000 customer-email replies (667 submissions of three replies, as
   bench_email.py makes them), the cluster against the local run (``-j 2``).

Each run is a new ``worksample grade`` process with a new store; local and cluster runs
alternate, after one warm-up each (the workers' images, expected tests and plugins), so
the machine's drift hits both alike. Besides the wall time, the CPU time of the command
itself (user + system of the process and its children: on the cluster, the command alone)
is what bounds how many workers one command can feed.

Run: .venv/bin/python benchmarks/bench_cluster.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import ASSIGNMENT, make_submissions
from bench_email import SAMPLE as EMAIL_ASSIGNMENT
from bench_email import make_batch
from figures import WORKSAMPLE, publish

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from cluster_processes import LoopbackCluster  # noqa: E402 (the tests' loopback cluster)

TARGET = 1.15


def timed(assignment: Path, submissions: list[str], store: Path, *options: str) -> dict:
    """One ``worksample grade`` of the batch into a new store: wall and CPU seconds."""
    store.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([str(WORKSAMPLE), "grade", str(assignment), *submissions,
                           "--store", str(store), *options],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{len(submissions)} new result(s) ({len(submissions)} graded)" in done.stderr, \
        done.stderr[-2000:]
    return {"wall_s": wall, "cpu_s": after.ru_utime - before.ru_utime
            + after.ru_stime - before.ru_stime}


def side_by_side(assignment: Path, submissions: list[str], cluster: str, runs: int,
                 scratch: Path) -> dict:
    """Local ``-j 2`` and the cluster, alternating, ``runs`` each after a warm-up each."""
    variants = {"local_j2": ["-j", "2"], "cluster": ["--cluster", cluster]}
    for name, options in variants.items():
        timed(assignment, submissions[:4], scratch / f"warm-{name}.sqlite", *options)
    times: dict[str, list[dict]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, options in variants.items():
            times[name].append(timed(assignment, submissions, scratch / f"{name}.sqlite",
                                     *options))
    figures = {}
    for name, each in times.items():
        walls = [t["wall_s"] for t in each]
        figures[name] = {"wall_s": [round(w, 2) for w in walls],
                         "median_s": round(statistics.median(walls), 2),
                         "command_cpu_median_s": round(statistics.median(
                             t["cpu_s"] for t in each), 2),
                         "per_submission_ms": round(1000 * statistics.median(walls)
                                                    / len(submissions), 1)}
    figures["ratio_cluster_to_local"] = round(figures["cluster"]["median_s"]
                                              / figures["local_j2"]["median_s"], 3)
    figures["command_cpu_per_submission_ms"] = round(
        1000 * figures["cluster"]["command_cpu_median_s"] / len(submissions), 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--email-submissions", type=int, default=667)
    parser.add_argument("--part", choices=["coding", "email", "both"], default="both")
    args = parser.parse_args()
    coding = email = None
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        scratch = Path(folder)
        os.environ["WORKSAMPLE_CACHE_DIR"] = str(scratch / "cache")
        cluster = LoopbackCluster(scratch / "cluster")
        try:
            for name in ("one", "two"):
                cluster.add_worker(name)
            cluster.wait_for_workers(2)
            if args.part in ("coding", "both"):
                coding = side_by_side(ASSIGNMENT, make_submissions(scratch / "coding",
                                                                   args.submissions),
                                      cluster.address, args.runs, scratch)
            if args.part in ("email", "both"):
                replies = [str(p) for p in make_batch(scratch / "email",
                                                      args.email_submissions)]
                email = side_by_side(EMAIL_ASSIGNMENT, replies, cluster.address, args.runs,
                                     scratch)
        finally:
            cluster.stop()
    publish("cluster", {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": sys.version.split()[0],
        "runs": args.runs,
        "cluster": "loopback: a scheduler and two `worksample worker --nthreads 1`",
        "coding": coding and {"submissions": args.submissions, "target_ratio": TARGET,
                              **coding},
        "email": email and {"submissions": args.email_submissions,
                            "replies": 3 * args.email_submissions, **email},
    })


if __name__ == "__main__":
    main()
