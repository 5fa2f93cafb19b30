"""A worker's memory while it grades many reply submissions of long sentences, in each tree
(issue 27).

A worker process grades submission after submission; what the text readers keep of each (a
sentence's clauses, its asides ...) must not pile up until the worker's memory limit rejects
whoever comes next. Each tree grades ``--submissions`` submissions in one process of its own,
as a worker does (``grading.grade_taken_in``, no limit): three replies of 25 sentences of 400
words each, different in each submission. The process's resident memory is printed after
every ``--every`` submissions, with the CPU seconds of the last one.

    .venv/bin/python benchmarks/bench_worker_memory.py --trees /tmp/before . --submissions 40
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import ROOT, publish

REPLIES = {"double-charge.md": "Hi Priya,", "late-refund.md": "Hi Margaret,",
           "missing-invoices.md": "Hi Dmitri,"}
WORDS = "we will refund you in full for the pending charge and your order today if".split()


def _resident_mb() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") \
        // 2**20


def measure(tree: Path, submissions: int, every: int) -> list[tuple[int, int, float]]:
    """In this process (``tree`` first on the path): (submissions graded, resident MB, CPU
    seconds of the last) after every ``every`` submissions."""
    from worksample.assignments import load
    from worksample.grading import grade_taken_in
    from worksample.intake import open_submission
    from worksample.plugins import load_registry

    registry = load_registry()
    assignment = load(tree / "assignments" / "support-replies", registry)
    figures = []
    for number in range(1, submissions + 1):
        chooser = random.Random(number)
        with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
            source = Path(folder) / "candidate"
            source.mkdir()
            for name, hello in REPLIES.items():
                body = " ".join(" ".join(chooser.choice(WORDS) for _ in range(400)) + "."
                                for _ in range(25))
                (source / name).write_text(f"{hello}\n\n{body}\n\nBest wishes,\nSam\n")
            submission = open_submission(source, Path(folder) / "opened")
            started = time.process_time()
            grade_taken_in(assignment, submission, registry)
            spent = time.process_time() - started
        if number == 1 or number % every == 0:
            figures.append((number, _resident_mb(), round(spent, 3)))
    return figures


def main() -> None:
    """Every tree in a new process; the figures printed and saved."""
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=Path, nargs="+", default=[ROOT])
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--every", type=int, default=10)
    args = parser.parse_args()
    report: dict = {"load_before": os.getloadavg(), "resident_mb": {}}
    for tree in (tree.resolve() for tree in args.trees):
        env = {**os.environ, "PYTHONPATH": f"{tree}:{tree / 'plugins'}"}
        done = subprocess.run([sys.executable, __file__, "--measure", str(tree),
                               str(args.submissions), str(args.every)], env=env, check=True,
                              capture_output=True, text=True)
        report["resident_mb"][str(tree)] = json.loads(done.stdout.splitlines()[-1])
    report["load_after"] = os.getloadavg()
    publish("worker_memory", report)


if __name__ == "__main__":
    main()
