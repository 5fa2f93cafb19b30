"""How many sentences of the red teams' corpus (tests/corpora/forbidden_forms.yaml) each tree
judges as the red team reads them: requests asked or only mentioned, refunds promised or not
(issue 20). Each tree is judged in a process of its own, with the corpus of this tree; a
baseline is a worktree of an earlier commit.

    .venv/bin/python benchmarks/bench_forbidden_forms.py
    .venv/bin/python benchmarks/bench_forbidden_forms.py --trees . /tmp/before
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from figures import publish

ROOT = Path(__file__).resolve().parent.parent


def judged(tree: Path) -> dict[str, list[int]]:
    """In this process, with ``tree`` first on the path: for every (kind, label, round), how
    many sentences are read as the red team reads them, and how many there are."""
    sys.path[:0] = [str(tree), str(tree / "plugins"), str(tree / "tests"), str(ROOT / "tests")]
    from conftest_paths import EMAIL_SAMPLE
    from forbidden_forms import cases, made, makes_it

    from worksample.assignments import load
    from worksample.plugins import load_registry

    sample = load(EMAIL_SAMPLE, load_registry())
    right, total = Counter(), Counter()
    for kind, label, round_, text in cases():
        key = f"{kind} / {label} / round {round_}"
        total[key] += 1
        right[key] += made(sample, kind, text) == makes_it(kind, label)
    return {key: [right[key], total[key]] for key in total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", nargs="+", type=Path, default=[ROOT],
                        help="trees to judge the corpus with (default: this one)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a tree, in a child
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(judged(arguments.one.resolve())))
        return
    report = {}
    for tree in arguments.trees:
        child = subprocess.run([sys.executable, __file__, "--one", str(tree)], check=True,
                               capture_output=True, text=True, cwd=ROOT)
        report[str(tree)] = json.loads(child.stdout.splitlines()[-1])
    publish("forbidden-forms", report)
    print()
    for tree, rows in report.items():
        print(tree)
        for key, (right, total) in rows.items():
            print(f"  {key:40} {right:>3} / {total:<3} read as the red team reads them")


if __name__ == "__main__":
    main()
