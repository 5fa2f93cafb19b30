"""What the grader process does for each email submission of a batch, step by step (issue 27).

A batch's text submission comes back from a worker as a pickled result; the grader rebuilds
it, stores it (``batch.saved``: the result, its kept work and its fingerprints in one
transaction), looks up the keys the store holds for the next one, and advances the progress
bar. Each step is timed here in one process (CPU time, ``time.process_time``), on results
made by the worker's own function (``grading._taken_in_and_graded``) for the submissions of
``bench_email.make_batch``, together with that function itself and the pickling a worker
does. No pool and no threads: what these steps cost, not what a batch adds around them
(``bench_grader_cpu.py`` measures the real command). The minimum of ``--runs`` passes;
printed and saved under results/.

    .venv/bin/python benchmarks/profile_grader_parts.py [--submissions 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

from bench_email import make_batch
from figures import publish

ROOT = Path(__file__).resolve().parent.parent


def per_item(step, items: list, runs: int) -> float:
    """The least ms of CPU per item that ``step`` took over ``runs`` passes."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        for item in items:
            step(item)
        best = min(best, (time.process_time() - started) / len(items))
    return round(1000 * best, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from worksample.assignments import load
    from worksample.batch import BatchItem, saved
    from worksample.console import BatchProgress
    from worksample.grading import RetryPolicy, _taken_in_and_graded
    from worksample.intake import IntakeLimits
    from worksample.plugins import get_registry
    from worksample.store import ResultStore
    from worksample.workers import _Outcome

    assignment = load(ROOT / "assignments" / "support-replies", get_registry())
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)
        batch = make_batch(work / "replies", args.submissions)
        calls = itertools.count()

        def worker_call(source: Path):
            return _taken_in_and_graded(assignment, source, work / f"call-{next(calls)}",
                                        IntakeLimits(), RetryPolicy(), time.time(), None,
                                        frozenset())

        worker_call(batch[0])  # the dictionary, the compiled phrases
        results = [worker_call(source) for source in batch]
        outcomes = [_Outcome.of(result) for result in results]
        rebuilt = [outcome.value() for outcome in outcomes]
        store = ResultStore(work / "store.sqlite")

        def save(result) -> None:
            saved(BatchItem(Path(result.submission_id), result, from_store=False), store)

        figures = {
            "submissions": args.submissions,
            "result_pickled_bytes": round(sum(len(o.data) for o in outcomes) / len(outcomes)),
            "worker: the whole call (unpack, grade, work, fingerprints)":
                per_item(worker_call, batch, args.runs),
            "worker: pickling the result": per_item(_Outcome.of, results, args.runs),
            "grader: rebuilding the result": per_item(_Outcome.value, outcomes, args.runs),
            # once: a second pass would replace rows, which costs what a regrade does
            "grader: storing it (batch.saved)": per_item(save, rebuilt, 1),
            "grader: the store's keys for a name": per_item(
                lambda r: store.keys(assignment.version, r.submission_id), rebuilt, args.runs),
        }
        with BatchProgress(len(rebuilt) * args.runs) as progress:
            figures["grader: the progress bar"] = per_item(
                lambda r: progress.advance(BatchItem(Path("x"), r, from_store=False)), rebuilt,
                args.runs)
    publish("grader-parts", figures)


if __name__ == "__main__":
    main()
