"""The CPU one email submission costs a worker, in one process: the email plugin's ``grade``
alone, and a worker's whole call (``grading._taken_in_and_graded``: unpack, grade, score,
read the work, make the fingerprints, remove the folder), for each tree in turn (issue 27).

No process starts, no pool, no store: only the per-submission work the workers do, on the
350 submissions of ``bench_email.make_batch``, after one warm-up submission (the dictionary,
the compiled phrases). CPU time of this process (``time.process_time``), per submission; the
minimum of ``--runs`` passes is the figure least disturbed by other load. The trees
alternate within every round, so the machine's drift hits them all. A tree from before the
workers (issue 27's baseline, 133e88b) has no worker's call: only its ``grade`` is measured.

    .venv/bin/python benchmarks/bench_reply_cpu.py --trees . /tmp/before --rounds 3 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_email import make_batch

ROOT = Path(__file__).resolve().parent.parent
EMAIL = Path("assignments") / "support-replies"


def measure(tree: Path, batch: list[Path], runs: int) -> dict:
    """In this process, with ``tree`` first on the path: ms of CPU per submission, each pass."""
    from worksample_email.grader import grade

    from worksample.assignments import load
    from worksample.intake import IntakeLimits, open_submission
    from worksample.plugins import load_registry

    try:
        from worksample.grading import RetryPolicy, _taken_in_and_graded
    except ImportError:  # a tree from before the workers (the baseline of issue 27): grade only
        _taken_in_and_graded = None

    assignment = load(tree / EMAIL, load_registry())
    graded, called = [], []
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)
        opened = [open_submission(path, work / f"open-{n}") for n, path in enumerate(batch)]
        grade(assignment, opened[0])
        for run in range(runs):
            started = time.process_time()
            for submission in opened:
                grade(assignment, submission)
            graded.append(1000 * (time.process_time() - started) / len(opened))
            if _taken_in_and_graded is None:
                continue
            started = time.process_time()
            for n, path in enumerate(batch):
                _taken_in_and_graded(assignment, path, work / f"call-{run}-{n}",
                                     IntakeLimits(), RetryPolicy(), time.time(), None,
                                     frozenset())
            called.append(1000 * (time.process_time() - started) / len(batch))
    return {"grade_ms": [round(x, 3) for x in graded],
            "worker_call_ms": [round(x, 3) for x in called]}


def main() -> None:
    """Every tree measured in a new process, in turn, ``--rounds`` times; the minimum of all
    passes per tree."""
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        tree, folder, runs = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
        print(json.dumps(measure(tree, sorted(folder.iterdir()), runs)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=Path, nargs="+", default=[ROOT])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=350)
    args = parser.parse_args()
    report: dict = {"load_before": os.getloadavg()}
    trees = [tree.resolve() for tree in args.trees]
    passes: dict[str, dict[str, list[float]]] = {
        str(tree): {"grade_ms": [], "worker_call_ms": []} for tree in trees}
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        batch = Path(folder) / "replies"
        make_batch(batch, args.submissions)
        for _ in range(args.rounds):
            for tree in trees:
                env = {**os.environ, "PYTHONPATH": f"{tree}:{tree / 'plugins'}"}
                done = subprocess.run([sys.executable, __file__, "--measure", str(tree),
                                       str(batch), str(args.runs)], env=env, cwd=folder,
                                      capture_output=True, text=True, check=True)
                for key, values in json.loads(done.stdout.splitlines()[-1]).items():
                    passes[str(tree)][key] += values
    for tree, measured in passes.items():
        report[tree] = {f"min_{key}": min(values) for key, values in measured.items()
                        if values}
        report[tree]["passes"] = measured
    report["load_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
