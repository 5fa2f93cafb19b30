"""Batch grading: throughput, distance from the physical limit, and the grader's memory.

Issue 6's three figures, on 100 distinct coding submissions of the sample assignment (the
strong solution, each with its own first line, so none is skipped as already graded):

1. Throughput against the baseline a team would script by hand: a sequential shell loop of
   `docker run --rm` + pytest per submission (bind mounts, no hardening, no store).
   Target: worksample at least 1.8x faster on 2 cores.
2. Against the physical limit: the time the containers themselves need, measured as the sum of
   each container's run time in an uncontended sequential batch (-j 1), divided by the cores.
   Target: worksample's parallel batch within 1.3x of that.
3. Peak resident memory of a grader process on 2,000 text submissions, graded by the docs'
   example text plugin (docs/example_plugin). Target: at most 300 MB.

Run: .venv/bin/python benchmarks/bench_batch.py [--runs 3] [--submissions 100]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import WORKSAMPLE, publish

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = ROOT / "assignments" / "inventory-reservations"
STRONG = ROOT / "examples" / "inventory-reservations" / "strong" / "inventory.py"
IMAGE = "worksample/python-pytest:bookworm"
NAIVE_LOOP = """
for submission in "$@"; do
  docker run --rm --network none -v "$submission":/work:ro -v "$TESTS":/tests:ro -w /work \\
    -e PYTHONPATH=/work -e PYTHONDONTWRITEBYTECODE=1 "$IMAGE" \\
    python3 -m pytest /tests -q -p no:cacheprovider > /dev/null || true
done
"""


def make_submissions(folder: Path, count: int) -> list[str]:
    source = STRONG.read_text()
    paths = []
    for index in range(count):
        submission = folder / f"candidate-{index:04d}"
        submission.mkdir(parents=True)
        (submission / "inventory.py").write_text(f"# candidate {index}\n{source}")
        paths.append(str(submission))
    return paths


def naive_loop(submissions: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(["bash", "-c", NAIVE_LOOP, "loop", *submissions], check=True,
                   env={**os.environ, "TESTS": str(ASSIGNMENT / "tests"), "IMAGE": IMAGE})
    return time.perf_counter() - started


def worksample_batch(submissions: list[str], jobs: int, scratch: Path) -> tuple[float, list]:
    store = scratch / f"store-{time.monotonic_ns()}.sqlite"  # empty: nothing is skipped
    started = time.perf_counter()
    done = subprocess.run(
        [str(WORKSAMPLE), "grade", str(ASSIGNMENT), *submissions, "-j", str(jobs),
         "--store", str(store), "--json"], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    results = json.loads(done.stdout)
    assert done.returncode == 0 and all(r["score"] == 100 for r in results), done.stderr[-2000:]
    return elapsed, results


def memory_child(count: int) -> None:
    """In a fresh process: grade ``count`` text submissions, print the peak RSS in MB."""
    import importlib.util

    import yaml

    from worksample.assignments import load
    from worksample.batch import BatchOptions, grade_batch
    from worksample.plugins import load_registry
    from worksample.store import ResultStore

    registry = load_registry()
    path = ROOT / "docs" / "example_plugin" / "worksample_wordlimit.py"
    spec = importlib.util.spec_from_file_location("worksample_wordlimit", path)
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    registry.manager.register(plugin, name="wordlimit")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        folder = scratch / "summary"
        folder.mkdir()
        (folder / "brief.md").write_text("Summarise the incident in 150 words.")
        anchors = {1: "a", 2: "b", 3: "c", 4: "d"}
        (folder / "assignment.yaml").write_text(yaml.safe_dump({
            "id": "summary", "title": "Incident summary", "type": "wordlimit", "role": "SRE",
            "time_budget_minutes": 20, "instructions": "brief.md", "pass_score": 50,
            "rubric": [{"id": "brevity", "title": "Brevity", "weight": 1, "source": "auto",
                        "anchors": anchors}],
            "wordlimit": {"max_words": 150}}))
        assignment = load(folder, registry)
        sources = []
        for index in range(count):
            answer = scratch / "answers" / f"candidate-{index:05d}.md"
            answer.parent.mkdir(exist_ok=True)
            answer.write_text(f"Candidate {index}. " + "The outage began at 09:14. " * 40)
            sources.append(answer)
        work = scratch / "work"
        work.mkdir()
        store = ResultStore(scratch / "store.sqlite")
        started = time.perf_counter()
        items = grade_batch(assignment, sources, work, registry, store, BatchOptions(jobs=2))
        elapsed = time.perf_counter() - started
        assert len(items) == count and all(i.result.status == "graded" for i in items)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mb": round(peak_mb, 1), "seconds": round(elapsed, 2)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--text-submissions", type=int, default=2000)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submissions = make_submissions(scratch / "submissions", args.submissions)
        worksample_batch(submissions[:2], cores, scratch)  # warm-up: image, expected tests
        naive, parallel, sequential, floors = [], [], [], []
        for _ in range(args.runs):
            naive.append(naive_loop(submissions))
            parallel.append(worksample_batch(submissions, cores, scratch)[0])
            elapsed, results = worksample_batch(submissions, 1, scratch)
            sequential.append(elapsed)
            floors.append(sum(r["run"]["seconds"] for r in results) / cores)
    memory = json.loads(subprocess.run(
        [sys.executable, __file__, "--memory-child", str(args.text_submissions)],
        capture_output=True, text=True, check=True).stdout)

    median = statistics.median
    report = {
        "machine": f"{platform.machine()}, {cores} cores, {platform.platform()}",
        "submissions": args.submissions,
        "runs": args.runs,
        "naive_loop_s": [round(x, 2) for x in naive],
        "worksample_parallel_s": [round(x, 2) for x in parallel],
        "worksample_sequential_s": [round(x, 2) for x in sequential],
        "physical_limit_s": [round(x, 2) for x in floors],
        "speedup_vs_naive_loop": round(median(naive) / median(parallel), 2),
        "ratio_to_physical_limit": round(median(parallel) / median(floors), 2),
        "text_submissions": args.text_submissions,
        "text_batch": memory,
    }
    publish("batch", report)


if __name__ == "__main__":
    main()
