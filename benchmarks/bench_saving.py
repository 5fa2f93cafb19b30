"""The grader's own CPU per text submission once graded, in process (issue 27): saving the
result and then making and keeping its fingerprints in a second transaction (``keep``, as
before the worker made them), against saving the result with the fingerprints its worker
made in one transaction; and what making them costs (now a worker's CPU).

The replies are those of ``bench_email.make_batch``, graded once at ``-j 2`` in the limited
workers; each way then saves all of them into a fresh store, ``--runs`` times, alternating.

    .venv/bin/python benchmarks/bench_saving.py --runs 5 --submissions 350
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench_email import make_batch

from worksample.assignments import load
from worksample.batch import BatchOptions, grade_batch
from worksample.plugins import get_registry
from worksample.similarity.sources import keep, made
from worksample.store import ResultStore
from worksample.workers import LimitedWorkers

EMAIL = Path(__file__).resolve().parent.parent / "assignments" / "support-replies"


def cpu_ms_each(work, results) -> float:
    """CPU milliseconds per result of ``work`` done on each of ``results``."""
    started = time.process_time()
    for result in results:
        work(result)
    return 1000 * (time.process_time() - started) / len(results)


def main() -> None:
    """Grade the replies once, then time each way of saving them; print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--submissions", type=int, default=350)
    args = parser.parse_args()
    registry = get_registry()
    assignment = load(EMAIL, registry)
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder, \
            LimitedWorkers(2, assignment.spec.host_limits) as workers:
        work = Path(folder)
        (work / "unpacked").mkdir()
        items = grade_batch(assignment, make_batch(work / "replies", args.submissions),
                            work / "unpacked", registry, ResultStore(work / "graded.sqlite"),
                            BatchOptions(jobs=2), workers=workers)
        results = [item.result for item in items]
        assert all(result.fingerprints is not None for result in results)
        bare = [result.model_copy(update={"fingerprints": None}) for result in results]
        figures: dict[str, list[float]] = {"save, then keep (made in the grader)": [],
                                           "save with the worker's, one transaction": [],
                                           "made(): what the worker now spends": []}
        for run in range(args.runs):
            before = ResultStore(work / f"before-{run}.sqlite")
            figures["save, then keep (made in the grader)"].append(cpu_ms_each(
                lambda r, store=before: (store.save(r), keep(assignment, store, r)), bare))
            after = ResultStore(work / f"after-{run}.sqlite")
            figures["save with the worker's, one transaction"].append(cpu_ms_each(
                lambda r, store=after: (store.save(r, fingerprints=r.fingerprints),
                                        keep(assignment, store, r)), results))
            assert before.fingerprints(assignment.id) == after.fingerprints(assignment.id)
            before.close()
            after.close()
            figures["made(): what the worker now spends"].append(
                cpu_ms_each(lambda r: made(r.work), results))
    for name, ms in figures.items():
        print(f"{name}: median {statistics.median(ms):.3f} ms of CPU per submission "
              f"(min {min(ms):.3f}, max {max(ms):.3f}; {len(results)} results, {args.runs} runs)")


if __name__ == "__main__":
    main()
