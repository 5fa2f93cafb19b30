"""Text grading in limited workers (issue 27): both cores, the cost of isolation, and a hostile
batch's memory and worst time.

Three figures:

1. Email replies graded per second, 1,050 replies (350 submissions of three, as in
   bench_email.py), at ``-j 1`` and ``-j 2``, for this tree and for a baseline tree (a git
   worktree of ``--baseline``, by default the main before the workers), side by side: every
   run grades all four variants in turn, so drift of the machine hits them all. Targets:
   ``-j 2`` at least 1.7x ``-j 1``, and at least 1.5x the baseline's ``-j 2``.
2. Case analyses per second (Markdown, text, PDF and DOCX, copied from the samples), the same
   four variants: the cost of isolation.
3. A hostile batch: every file of ``tests/hostile/files.py``, graded by this tree with the
   default host limits; the grader process's own peak memory (target: at most 300 MB), the
   peak of the grader and its workers together, and the worst time of any one submission.

Two rates for each batch: end to end (the command a user runs, in a new process with a new
store: start-up and the results table included) and while grading (from the first stored
result to the last, from the results' own timestamps: what more cores can change).
Both trees are compiled first, as an installation is (``figures.compiled`` says why;
``--as-checked-out`` leaves them as they are).

    .venv/bin/python benchmarks/bench_isolation.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench_email import make_batch
from figures import compiled, publish

ROOT = Path(__file__).resolve().parent.parent
EMAIL = ROOT / "assignments" / "support-replies"
CASE = ROOT / "assignments" / "pricing-review"
CASE_SAMPLES = sorted((ROOT / "examples" / "pricing-review").iterdir())
TARGET_SCALING, TARGET_VS_BASELINE, TARGET_GRADER_MB = 1.7, 1.5, 300


def case_batch(folder: Path, submissions: int) -> list[Path]:
    """``submissions`` folders, each one sample analysis (every format, in turn)."""
    made = []
    for number in range(submissions):
        sample = CASE_SAMPLES[number % len(CASE_SAMPLES)]
        target = folder / f"analyst-{number:04d}"
        target.mkdir(parents=True)
        shutil.copy(sample, target / sample.name)
        made.append(target)
    return made


def grade(tree: Path, assignment: Path, batch: list[Path], jobs: int, work: Path) -> dict:
    """One batch by ``tree``'s code in a new process; wall time and the grading span. Each
    tree grades against its own copy of ``assignment`` (the sample as that commit has it):
    a newer assignment.yaml may hold fields an older grader refuses."""
    assignment = tree / assignment.relative_to(ROOT)
    store = work / "store.sqlite"
    store.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": f"{tree}:{tree / 'plugins'}",
           "WORKSAMPLE_CACHE_DIR": str(work / "cache")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "worksample", "grade", str(assignment),
                           *map(str, batch), "--store", str(store), "-j", str(jobs)],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          cwd=work)  # `-m` puts the current folder first: never a tree
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: a result is `error`, which the assert below shows
        raise SystemExit(f"{tree}: exit {done.returncode}: {done.stderr[-2000:]}")
    with sqlite3.connect(store) as db:
        times = sorted(datetime.fromisoformat(t) for (t,) in db.execute(
            "SELECT graded_at FROM results"))
    assert len(times) == len(batch), f"{len(times)} results for {len(batch)} submissions"
    return {"wall_s": wall, "grading_s": (times[-1] - times[0]).total_seconds()}


def compare(trees: dict[str, Path], assignment: Path, batch: list[Path], units: int,
            runs: int, work: Path) -> dict:
    """Every tree at -j 1 and -j 2, in turn within each run; medians and rates."""
    variants = [(name, jobs) for name in trees for jobs in (1, 2)]
    timings: dict[str, list[dict]] = {f"{name} -j {jobs}": [] for name, jobs in variants}
    for name, jobs in variants:  # warm-up: caches, the page cache
        grade(trees[name], assignment, batch[:12], jobs, work)
    for _ in range(runs):
        for name, jobs in variants:
            timings[f"{name} -j {jobs}"].append(grade(trees[name], assignment, batch, jobs,
                                                      work))
    figures = {}
    for label, measured in timings.items():
        wall = statistics.median(m["wall_s"] for m in measured)
        span = statistics.median(m["grading_s"] for m in measured)
        figures[label] = {
            "wall_s": round(wall, 3), "per_s_end_to_end": round(units / wall, 1),
            "grading_s": round(span, 3),
            "per_s_while_grading": round(units * (len(batch) - 1) / len(batch) / span, 1),
            "walls_s": [round(m["wall_s"], 3) for m in measured],
        }
    return figures


def ratios(figures: dict, key: str) -> dict:
    """-j 2 against -j 1 (this tree), and against the baseline's -j 2, for rate ``key``."""
    return {
        "this -j 2 / this -j 1": round(figures["this -j 2"][key] / figures["this -j 1"][key], 2),
        "this -j 2 / baseline -j 2": round(
            figures["this -j 2"][key] / figures["baseline -j 2"][key], 2),
        "baseline -j 2 / baseline -j 1": round(
            figures["baseline -j 2"][key] / figures["baseline -j 1"][key], 2),
        "this -j 1 / baseline -j 1": round(
            figures["this -j 1"][key] / figures["baseline -j 1"][key], 2),
    }


def hostile_batch(work: Path) -> dict:
    """Every hostile file, one batch per kind, graded by this tree with default limits."""
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile.files import ARCHIVE_CASES, CASE_CASES, TEXT_CASES

    figures = {}
    for kind, cases, assignment in (("email", TEXT_CASES, EMAIL), ("case", CASE_CASES, CASE),
                                    ("archives", ARCHIVE_CASES, EMAIL)):
        folder = work / f"hostile-{kind}"
        folder.mkdir()
        built = [builder(folder) for builder in cases.values()]
        store = work / f"hostile-{kind}.sqlite"
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "worksample", "grade", str(assignment), *map(str, built),
             "--store", str(store), "-j", "2", "--json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"})
        grader_kb = tree_kb = 0
        while process.poll() is None:
            grader_kb = max(grader_kb, _status_kb(process.pid, "VmHWM"))
            tree_kb = max(tree_kb, sum(_status_kb(pid, "VmRSS") for pid in _tree(process.pid)))
            time.sleep(0.02)
        wall = time.perf_counter() - started
        with sqlite3.connect(store) as db:
            results = [json.loads(text) for (text,) in db.execute("SELECT result FROM results")]
        worst = max(results, key=lambda r: r["durations"]["total_s"])
        figures[kind] = {
            "files": len(built), "wall_s": round(wall, 2),
            "statuses": {s: sum(r["status"] == s for r in results)
                         for s in ("graded", "rejected", "error")},
            "grader_peak_mb": grader_kb // 1024, "grader_and_workers_peak_mb": tree_kb // 1024,
            "worst_submission": {"id": worst["submission_id"],
                                 "total_s": worst["durations"]["total_s"]},
        }
    return figures


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    found, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += map(int, children)
        frontier += map(int, children)
    return found


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=350)
    parser.add_argument("--case-submissions", type=int, default=105)
    parser.add_argument("--baseline", default="133e88b",
                        help="the commit to compare with (default: main before the workers)")
    parser.add_argument("--as-checked-out", action="store_true",
                        help="do not compile the trees first (figures.compiled says why they "
                             "are); a tree compiled by an earlier run stays compiled")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="worksample-bench-") as folder:
        work = Path(folder)
        baseline = work / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(baseline), args.baseline], check=True)
        try:
            trees = {"this": ROOT, "baseline": baseline}
            if not args.as_checked_out:
                for tree in trees.values():
                    compiled(tree)
            replies = make_batch(work / "replies", args.submissions)
            analyses = case_batch(work / "analyses", args.case_submissions)
            email = compare(trees, EMAIL, replies, args.submissions * 3, args.runs, work)
            case = compare(trees, CASE, analyses, args.case_submissions, args.runs, work)
            hostile = hostile_batch(work)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(baseline)], check=True)
    publish("isolation", {
        "baseline": args.baseline, "runs": args.runs, "compiled": not args.as_checked_out,
        "email": {"replies": args.submissions * 3, "figures": email,
                  "ratios_end_to_end": ratios(email, "per_s_end_to_end"),
                  "ratios_while_grading": ratios(email, "per_s_while_grading")},
        "case": {"analyses": args.case_submissions, "figures": case,
                 "ratios_end_to_end": ratios(case, "per_s_end_to_end"),
                 "ratios_while_grading": ratios(case, "per_s_while_grading")},
        "hostile": hostile,
        "targets": {"scaling": TARGET_SCALING, "vs_baseline": TARGET_VS_BASELINE,
                    "grader_mb": TARGET_GRADER_MB},
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
        "machine": platform.machine(),
    })


if __name__ == "__main__":
    main()
