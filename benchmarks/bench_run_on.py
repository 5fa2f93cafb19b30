"""The CPU one text submission built to be slow costs to grade, by its length, in each tree
(issue 27).

A run-on "sentence" of thousands of clauses, a long run of names before one figure, thousands
of wrong figures or headings, three replies of one acknowledging verb: what a candidate who
read the checks would send to make one submission slow. Each shape below is one a red team
found (all but the wrong figures are held by the growth guards of
``tests/test_linear_time_readers.py``). Each tree grades each shape repeated ``--sizes``
times in a process of its own (its plugin's ``grade``, in process: no worker, no limit),
CPU time, the best of ``--runs``. Four times the repeats should cost about four times the
time; sixteen times is quadratic.

    .venv/bin/python benchmarks/bench_run_on.py --trees /tmp/before . --sizes 600 2400
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

from figures import publish

ROOT = Path(__file__).resolve().parent.parent
REPLIES = {"double-charge.md": "Hi Priya,", "late-refund.md": "Hi Margaret,",
           "missing-invoices.md": "Hi Dmitri,"}


def _analysis(text: str) -> tuple[str, dict[str, str]]:
    return "pricing-review", {"analysis.md": "# Summary\n\n" + text}


def _replies(text: str) -> tuple[str, dict[str, str]]:
    """Three replies of ``text`` (under the 64 KB a reply may have)."""
    return "support-replies", {name: f"{hello}\n\n{text}.\n\nBest wishes,\nSam\n"
                               for name, hello in REPLIES.items()}


SHAPES = {  # each built of ``n`` repeats of its part: the assignment and its files
    "it-in-every-clause": lambda n: _analysis("Churn rose, it doubled, " * n + "and so.\n"),
    "an-aside-in-every-clause": lambda n: _analysis("MRR (up 19%) rose, " * n + "and so.\n"),
    "many-clauses": lambda n: _analysis("revenue rose, " * n + "and that is all.\n"),
    "names-in-a-row-before-a-figure": lambda n: _analysis("Churn " * n + "rose by 23%.\n"),
    "changes-in-one-clause": lambda n: _analysis("Churn rose by 23% " * n + ".\n"),
    "a-wrong-figure-in-every-sentence": lambda n: _analysis(
        "Churn rose sharply to 2.9% in the month after the rise. " * n),
    "headings-naming-a-section": lambda n: _analysis("# Risk\n" * n),
    "acknowledging-verbs": lambda n: _replies("i see a " * n),
    "a-rule-called-clear": lambda n: _replies("clear " * n),
    "past-conditions": lambda n: _replies("had you " * n + "the pending charge"),
    "readers-in-one-clause": lambda n: _replies("user " * n + "the pending charge"),
    "conditions-before-a-promise": lambda n: _replies("if " * n + "we will refund you in full"),
    "topics-opened": lambda n: _replies("sorry on on on " * n + "the pending charge"),
    "fair-said-again": lambda n: _replies("It " + "is fair one " * n + "ask"),
    "a-long-header-over-many-rows": lambda n: _analysis(
        "| Metric | " + "churn " * n + "|\n|---|---|\n"
        + "".join(f"| churn | {row}% |\n" for row in range(n))),
    "one-letter-lines": lambda n: ("support-replies", {
        name: f"{hello}\n\n" + "a\n" * (5 * n) for name, hello in REPLIES.items()}),
    "a-header-of-one-long-word": lambda n: _analysis(
        "| Metric | " + "y" * (20 * n) + " |\n|---|---|\n"
        + "".join(f"| churn | {row}% |\n" for row in range(n))),
    "moves-and-changes": lambda n: _analysis("".join(
        f"Churn went from {1 + i / 10000:.4f}% to {3 + i / 10000:.4f}% and churn rose by "
        f"{2.5 + i / 10000:.4f}%.\n" for i in range(n))),
}


def measure(tree: Path, shape: str, repeats: int, runs: int) -> float:
    """In this process (``tree`` first on the path): the least CPU seconds of ``runs``
    gradings of a submission of ``shape`` built of ``repeats`` repeats, by its plugin's
    ``grade``."""
    from worksample.assignments import load
    from worksample.intake import open_submission
    from worksample.plugins import load_registry

    registry = load_registry()
    assignment_id, files = SHAPES[shape](repeats)
    assignment = load(tree / "assignments" / assignment_id, registry)
    grade = registry.assignment_type(assignment.type).grade
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        source = Path(folder) / "candidate"
        source.mkdir()
        for name, text in files.items():
            (source / name).write_text(text)
        submission = open_submission(source, Path(folder) / "opened")
        best = None
        for _ in range(runs):
            started = time.process_time()
            grade(assignment=assignment, submission=submission)
            spent = time.process_time() - started
            best = spent if best is None else min(best, spent)
    return best


def main() -> None:
    """Every tree, shape and size in a new process; the figures printed and saved."""
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        tree, shape, repeats, runs = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), \
            int(sys.argv[5])
        print(json.dumps(measure(tree, shape, repeats, runs)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=Path, nargs="+", default=[ROOT])
    parser.add_argument("--sizes", type=int, nargs="+", default=[600, 2400])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    report: dict = {"load_before": os.getloadavg(), "cpu_seconds": {}}
    for shape in args.shapes:
        for repeats in args.sizes:
            for tree in (tree.resolve() for tree in args.trees):
                env = {**os.environ, "PYTHONPATH": f"{tree}:{tree / 'plugins'}"}
                done = subprocess.run([sys.executable, __file__, "--measure", str(tree), shape,
                                       str(repeats), str(args.runs)], env=env, check=True,
                                      capture_output=True, text=True)
                seconds = round(json.loads(done.stdout.splitlines()[-1]), 3)
                report["cpu_seconds"].setdefault(shape, {}).setdefault(str(tree), {})[
                    repeats] = seconds
                print(f"{shape:26s} {repeats:6d} repeats {seconds:8.3f} s  {tree}",
                      file=sys.stderr, flush=True)
    report["load_after"] = os.getloadavg()
    publish("run_on", report)


if __name__ == "__main__":
    main()
