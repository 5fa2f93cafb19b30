"""Instructions one email submission costs the email plugin's ``grade``, counted by cachegrind
for each tree: a figure that does not move with the machine's load (issue 27).

CPU time on this machine moves by half between two runs of the same code, so small savings
cannot be seen in it. Valgrind's cachegrind counts the instructions a process executes; with
the same hash seed (``PYTHONHASHSEED=0``) two runs of one tree agree to a few in a million.
Each tree grades ``--small`` and ``--large`` submissions of ``bench_email.make_batch`` in a
process of its own, after one warm-up submission; the difference divided by the difference in
submissions is the cost of one, without start-up and imports.

The batch copies six samples, so the same sentences come back every six submissions, where a
real batch's sentences are new. The caches keyed by a sentence (its clauses, its asides, the
positions of its words) are therefore emptied before each submission: only what one
submission reads twice is found again, as in a real batch.

    apt-get install valgrind
    .venv/bin/python benchmarks/bench_reply_instructions.py --trees /tmp/before .
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_email import make_batch

ROOT = Path(__file__).resolve().parent.parent
EMAIL = Path("assignments") / "support-replies"


def empty_sentence_caches() -> None:
    """Forget every sentence read so far, as the grader does after each submission (or, in a
    tree from before ``forget_submission``, empty the caches that exist in it)."""
    import importlib

    try:
        from worksample.prose.cache import forget_submission
    except ImportError:
        forget_submission = None
    if forget_submission is not None:
        forget_submission()
        return
    for module, name in (("asides", "asides"), ("negation", "clauses"),
                         ("matching", "word_positions"), ("questions", "question_start")):
        try:
            cached = getattr(importlib.import_module(f"worksample.prose.{module}"), name, None)
        except ImportError:  # a tree from before the module
            continue
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def grade_some(tree: Path, folder: Path, count: int) -> None:
    """In the measured process: grade ``count`` submissions of ``folder`` after a warm-up."""
    from worksample_email.grader import grade

    from worksample.assignments import load
    from worksample.intake import open_submission
    from worksample.plugins import load_registry

    assignment = load(tree / EMAIL, load_registry())
    batch = sorted(folder.iterdir())
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as work:
        opened = [open_submission(path, Path(work) / f"open-{n}")
                  for n, path in enumerate(batch[:count + 1])]
        grade(assignment, opened[-1])
        for submission in opened[:count]:
            empty_sentence_caches()
            grade(assignment, submission)


def instructions(tree: Path, folder: Path, count: int) -> int:
    """Instructions of a process of ``tree`` that grades ``count`` submissions."""
    env = {**os.environ, "PYTHONPATH": f"{tree}:{tree / 'plugins'}", "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, __file__, "--grade", str(tree), str(folder), str(count)],
        env=env, cwd=tree, capture_output=True, text=True, check=True)
    counted = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if counted is None:
        raise SystemExit(f"no instruction count from valgrind:\n{done.stderr[-2000:]}")
    return int(counted.group(1).replace(",", ""))


def main() -> None:
    """Every tree measured at both sizes; millions of instructions per submission."""
    if len(sys.argv) > 1 and sys.argv[1] == "--grade":
        grade_some(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=Path, nargs="+", default=[ROOT])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=60)
    args = parser.parse_args()
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        make_batch(Path(folder), args.large + 1)
        for tree in (tree.resolve() for tree in args.trees):
            small = instructions(tree, Path(folder), args.small)
            large = instructions(tree, Path(folder), args.large)
            report[str(tree)] = {
                "million_instructions_per_submission":
                    round((large - small) / (args.large - args.small) / 1e6, 3),
                "instructions": {args.small: small, args.large: large}}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
