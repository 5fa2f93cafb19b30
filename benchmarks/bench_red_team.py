"""How much of the red teams' corpora each tree reads as the red team does (issue 20):
forbidden statements (tests/corpora/forbidden_forms.yaml: requests asked or only mentioned,
refunds promised or not), blame, empathy and answers (blame.yaml, empathy.yaml, answers.yaml:
counted, left to the reviewer or not), the case's key points (key_points.yaml) and
recommendation sections (recommendations.yaml: the one option recommended, or none). Each
tree is judged in a process of its own, with the corpora of this tree; a baseline is a
worktree of an earlier commit.

    .venv/bin/python benchmarks/bench_red_team.py
    .venv/bin/python benchmarks/bench_red_team.py --trees . /tmp/before
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from figures import publish

ROOT = Path(__file__).resolve().parent.parent


def judged(tree: Path) -> dict[str, list[int]]:
    """In this process, with ``tree`` first on the path: for every (corpus, label, round),
    how many items are read as the red team reads them, and how many there are."""
    sys.path[:0] = [str(tree), str(tree / "plugins"), str(tree / "tests"), str(ROOT / "tests")]
    from conftest_paths import CASE_SAMPLE, EMAIL_SAMPLE
    from forbidden_forms import cases, made, makes_it
    from point_corpus import corpus as point_corpus
    from point_corpus import read_right as read_point
    from recommendation_corpus import corpus, read_option
    from reply_corpora import NAMES, read_right
    from reply_corpora import corpus as reply_corpus

    import worksample
    from worksample.assignments import load
    from worksample.grading import grade_submission
    from worksample.plugins import load_registry

    if not Path(worksample.__file__).resolve().is_relative_to(tree):
        raise SystemExit(f"{tree}: worksample was imported from {worksample.__file__}")

    import forbidden_forms

    # the sentences of this tree's corpus, judged by the other tree's code
    forbidden_forms.CORPUS = ROOT / "tests" / "corpora" / "forbidden_forms.yaml"
    registry = load_registry()
    right, total = Counter(), Counter()
    email = load(EMAIL_SAMPLE, registry)
    for kind, label, round_, text in cases():
        key = f"{kind} / {label} / round {round_}"
        total[key] += 1
        right[key] += made(email, kind, text) == makes_it(kind, label)
    labels = {"blame": ("blames", "does not blame"), "empathy": ("acknowledges", "does not"),
              "answers": ("answers", "does not answer")}
    for name in NAMES:
        for item in reply_corpus(name)["sentences"]:
            key = f"{name} / {labels[name][0] if item['says'] else labels[name][1]}"
            total[key] += 1
            right[key] += read_right(email, name, item)
    case = load(CASE_SAMPLE, registry)
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)

        def grade(text: str):
            submission = work / f"analysis-{sum(total.values())}"
            submission.mkdir()
            (submission / "analysis.md").write_text(text)
            return grade_submission(case, submission, work / "work", registry)

        for item in point_corpus()["sentences"]:
            key = "key points / " + ("makes it" if item["says"] else "does not")
            total[key] += 1
            right[key] += read_point(grade, item)
        for item in corpus()["sections"]:
            key = "recommendations / " + ("none" if item["option"] == "none" else "one option")
            total[key] += 1
            right[key] += read_option(grade, item["text"], item.get("analysis", "")) \
                == item["option"]
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
        child = subprocess.run([sys.executable, __file__, "--one", str(tree)],
                               capture_output=True, text=True, cwd=ROOT)
        if child.returncode:
            raise SystemExit(child.stderr.strip().splitlines()[-1])
        report[str(tree)] = json.loads(child.stdout.splitlines()[-1])
    publish("red-team", report)
    print()
    for tree, rows in report.items():
        print(tree)
        for key, (right, total) in rows.items():
            print(f"  {key:40} {right:>3} / {total:<3} read as the red team reads them")


if __name__ == "__main__":
    main()
