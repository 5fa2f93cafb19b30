"""Issue 21's benchmark: the grading cost of recorded mode against classic mode, same task.

The task is the sample `expense-ledger`, graded two ways: as shipped (recorded mode: 16 cases,
the host compares with the reference's recording) and as a classic twin whose pytest tests
make the same calls with the reference's values written in
(benchmarks/fixtures/expense-ledger-classic/). Each run grades 100 distinct submissions
(the strong, partial and broken samples in turn, each with its own first line) with
`worksample grade -j 2` into a fresh store, both modes side by side in the same run, their
order alternating. The reference's recording and the classic tests' collection are made once
before timing (the cache a real grader keeps). Target: recorded within 1.15x of classic, per
submission.

Run: .venv/bin/python benchmarks/bench_recorded_mode.py [--runs 5] [--submissions 100]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import yaml
from figures import WORKSAMPLE, publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "assignments" / "expense-ledger"
CLASSIC_TESTS = Path(__file__).resolve().parent / "fixtures" / "expense-ledger-classic"
SAMPLES = [ROOT / "examples" / "expense-ledger" / name / "ledger.py"
           for name in ("strong", "partial", "broken")]


def classic_twin(work: Path) -> Path:
    """expense-ledger with its cases replaced by the classic tests (classic mode scores one
    automatic criterion, so robustness becomes a reviewer's)."""
    folder = shutil.copytree(RECORDED, work / "expense-ledger-classic")
    shutil.rmtree(folder / "cases")
    shutil.copytree(CLASSIC_TESTS, folder / "tests")
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["coding"].update(mode="classic", tests="tests")
    for criterion in spec["rubric"]:
        if criterion["id"] == "robustness":
            criterion["source"] = "reviewer"
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return folder


def submissions(work: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        folder = work / "submissions" / f"candidate-{number:03d}"
        folder.mkdir(parents=True)
        source = SAMPLES[number % len(SAMPLES)].read_text()
        (folder / "ledger.py").write_text(f"# candidate {number}\n{source}")
        paths.append(str(folder))
    return paths


def grade(assignment: Path, paths: list[str], store: Path, environment: dict) -> float:
    started = time.perf_counter()
    subprocess.run([str(WORKSAMPLE), "grade", str(assignment), *paths, "-j", "2",
                    "--store", str(store)], check=True, env=environment,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--submissions", type=int, default=100)
    options = parser.parse_args()
    with work_folder() as (work, environment):
        modes = {"classic": classic_twin(work), "recorded": RECORDED}
        paths = submissions(work, options.submissions)
        for name, assignment in modes.items():  # warm: the reference's run, the image
            grade(assignment, paths[:3], work / f"warm-{name}.sqlite", environment)
        seconds = {name: [] for name in modes}
        for run in range(options.runs):
            order = list(modes) if run % 2 == 0 else list(reversed(modes))
            for name in order:
                store = work / f"{name}-{run}.sqlite"
                seconds[name].append(grade(modes[name], paths, store, environment))
    per_submission = {name: statistics.median(values) / options.submissions
                      for name, values in seconds.items()}
    publish("recorded-mode", {
        "what": f"worksample grade -j 2, {options.submissions} expense-ledger submissions "
                "(strong, partial, broken in turn), fresh store, warm cache",
        "machine": f"{platform.machine()}, {platform.python_version()}, "
                   f"{len(__import__('os').sched_getaffinity(0))} cores",
        "runs": options.runs,
        "batch_seconds": {name: [round(s, 2) for s in values] for name, values in seconds.items()},
        "median_ms_per_submission": {name: round(1000 * value, 1)
                                     for name, value in per_submission.items()},
        "ratio_recorded_to_classic": round(per_submission["recorded"] / per_submission["classic"],
                                           3),
        "target": "<= 1.15",
    })


if __name__ == "__main__":
    main()
