"""Customer-email replies graded per second, on a batch of 1,050 replies (issue 3; target 200/s).

The batch is 350 submissions of three replies each, copied from the bundled samples (excellent,
adequate, rude, off-policy, keyword-stuffed and the reference, in turn) so that every kind of
finding occurs: quotes, typos read as phrase words, wrong numbers, automatic fails, keyword
lists. Each copy is made unique by a reference number in its sign-off.

Two figures, each the median of several runs:
- end to end: the command a user runs, `worksample grade support-replies <350 folders>`, in a
  new process with a new store: start-up, intake, grading and storing every result;
- the plugin alone: `worksample_email.grader.grade` over the already extracted submissions,
  in this process, after one warm-up submission.

    .venv/bin/python benchmarks/bench_email.py --runs 5 --submissions 350
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import publish

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assignments" / "support-replies"
EXAMPLES = ROOT / "examples" / "support-replies"
SOURCES = [EXAMPLES / "excellent", EXAMPLES / "adequate.md", EXAMPLES / "rude",
           EXAMPLES / "off-policy", EXAMPLES / "keyword-stuffed.txt", SAMPLE / "reference"]
REPLIES_PER_SUBMISSION = 3
TARGET_PER_S = 200


def make_batch(folder: Path, submissions: int) -> list[Path]:
    """``submissions`` unique submission folders, three replies each."""
    made = []
    for number in range(submissions):
        source = SOURCES[number % len(SOURCES)]
        target = folder / f"candidate-{number:04d}"
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.mkdir()
            shutil.copy(source, target / source.name)
        for reply in target.iterdir():
            with reply.open("a", encoding="utf-8") as out:
                out.write(f"\nRef {number:04d}\n")
        made.append(target)
    return made


def end_to_end(batch: list[Path], store: Path, env: dict) -> float:
    store.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "worksample", "grade", str(SAMPLE), *map(str, batch),
                    "--store", str(store)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def plugin_alone(batch: list[Path]) -> float:
    from worksample_email.grader import grade

    from worksample.assignments import load
    from worksample.intake import open_submission
    from worksample.plugins import load_registry

    assignment = load(SAMPLE, load_registry())
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as work:
        submissions = [open_submission(path, Path(work)) for path in batch]
        grade(assignment, submissions[0])  # loads the dictionary, compiles the phrases
        started = time.perf_counter()
        for submission in submissions:
            grade(assignment, submission)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--submissions", type=int, default=350)
    args = parser.parse_args()
    replies = args.submissions * REPLIES_PER_SUBMISSION
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)
        batch = make_batch(work / "batch", args.submissions)
        env = {**os.environ, "WORKSAMPLE_CACHE_DIR": str(work / "cache")}
        end_to_end(batch, work / "warm-up.sqlite", env)
        whole = [end_to_end(batch, work / "results.sqlite", env) for _ in range(args.runs)]
        alone = [plugin_alone(batch) for _ in range(args.runs)]
    median_whole, median_alone = statistics.median(whole), statistics.median(alone)
    publish("email", {
        "replies": replies, "submissions": args.submissions, "runs": args.runs,
        "target_replies_per_s": TARGET_PER_S,
        "end_to_end": {"median_s": round(median_whole, 3), "min_s": round(min(whole), 3),
                       "max_s": round(max(whole), 3),
                       "replies_per_s": round(replies / median_whole, 1)},
        "plugin_alone": {"median_s": round(median_alone, 3),
                         "replies_per_s": round(replies / median_alone, 1)},
        "ratio_to_target": round(replies / median_whole / TARGET_PER_S, 2),
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
    })


if __name__ == "__main__":
    main()
