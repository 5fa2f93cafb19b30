"""Issue 25's benchmark: what the code-quality signals add to grading one coding submission.

The task is the sample `expense-ledger` (recorded mode), graded three ways side by side in
the same run, their order rotating from one round to the next:

- "none": without a `coding.quality` section (grading as before the signals);
- "static": the signals read on the host only (lint, function length, complexity: ruff and
  lizard in a limited worker);
- "all": the sample's own mapping, which also runs the candidate's own tests with coverage
  in a container of their own.

Two measurements:

1. In a running grader (the cost per submission of a batch, where start-up is paid once):
   `grade_submission()` of the strong sample (10 own tests) in this process, with the
   limited workers started as the CLI starts them; median of --runs rounds.
2. A batch through the CLI: `worksample grade -j 2` of --submissions distinct copies of the
   strong sample into a fresh store; the median batch time over the runs, per submission.

Target (issue 25): <= 0.3 s added per coding submission. The reference's recording is made
once before timing (the cache a real grader keeps).

With --task csv-reader (JavaScript), url-router (TypeScript) or api-rate-limiter (Go), the
same for that sample task: its strong sample with a small test file of its own added
(`OWN_TESTS`), "all" mapping the five signals to design.

Run: .venv/bin/python benchmarks/bench_quality.py [--runs 15] [--batch-runs 3]
     [--submissions 40] [--task expense-ledger]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import yaml
from figures import WORKSAMPLE, publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
SIGNALS = ["lint", "function_length", "complexity", "own_tests", "coverage"]
VARIANTS = {
    "none": None,
    "static": {"criteria": {"design": ["function_length", "complexity", "lint"]}},
    "all": {"criteria": {"design": SIGNALS}},  # what the Python samples ship
}
MAIN_FILES = {"expense-ledger": ("ledger.py", "#"), "csv-reader": ("csv.js", "//"),
              "api-rate-limiter": ("ratelimit.go", "//"), "url-router": ("router.ts", "//")}
OWN_TESTS = {  # a test file of the candidate's own, for the tasks whose samples have none
    "csv-reader": ("csv.test.js", 'const test = require("node:test");\n'
                   'const assert = require("node:assert");\nconst csv = require("./csv.js");\n'
                   'test("loads", () => { assert.ok(csv); });\n'),
    "api-rate-limiter": ("ratelimit_test.go", 'package ratelimit\n\nimport "testing"\n\n'
                         "func TestNewRefusesBadConfig(t *testing.T) {\n"
                         '\tif _, err := New(0, 0); err == nil {\n\t\tt.Fatal("no error")\n'
                         "\t}\n}\n"),
    "url-router": ("router.test.ts", 'import test from "node:test";\n'
                   'import assert from "node:assert";\nimport { NotFound } from "./router";\n\n'
                   'test("loads", () => { assert.ok(new NotFound() instanceof Error); });\n'),
}


def variant(work: Path, task: str, name: str) -> Path:
    """The sample ``task`` with the quality section of ``name``."""
    folder = shutil.copytree(ROOT / "assignments" / task, work / f"{task}-{name}")
    spec = yaml.safe_load((folder / "assignment.yaml").read_text())
    spec["coding"].pop("quality", None)
    if VARIANTS[name] is not None:
        spec["coding"]["quality"] = VARIANTS[name]
    (folder / "assignment.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return folder


def submissions(work: Path, task: str, count: int) -> list[str]:
    """``count`` distinct copies of the task's strong sample, with tests of its own."""
    main, comment = MAIN_FILES[task]
    paths = []
    for number in range(count):
        folder = shutil.copytree(ROOT / "examples" / task / "strong",
                                 work / "submissions" / f"candidate-{number:03d}")
        source = (folder / main).read_text()
        (folder / main).write_text(f"{comment} candidate {number}\n{source}")
        if task in OWN_TESTS:
            name, text = OWN_TESTS[task]
            (folder / name).write_text(text)
        paths.append(str(folder))
    return paths


def in_process(work: Path, assignments: dict[str, Path], submission: Path,
               runs: int) -> dict[str, list[float]]:
    from worksample.assignments import load
    from worksample.grading import grade_submission
    from worksample.plugins import get_registry
    from worksample.workers import LimitedWorkers

    registry = get_registry()
    loaded = {name: load(folder, registry) for name, folder in assignments.items()}
    seconds = {name: [] for name in loaded}
    with LimitedWorkers(1).start() as workers:
        for round_number in range(runs + 1):  # the first round warms up
            names = list(loaded)
            names = names[round_number % 3:] + names[:round_number % 3]
            for name in names:
                started = time.perf_counter()
                result = grade_submission(loaded[name], submission, work / "intake",
                                          registry, workers=workers)
                spent = time.perf_counter() - started
                assert result.score == 100, result.message
                assert (name == "none") == ("quality" not in result.details)
                if round_number:
                    seconds[name].append(spent)
    return seconds


def batch(assignment: Path, paths: list[str], store: Path, environment: dict) -> float:
    started = time.perf_counter()
    subprocess.run([str(WORKSAMPLE), "grade", str(assignment), *paths, "-j", "2",
                    "--store", str(store)], check=True, env=environment,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--task", choices=sorted(MAIN_FILES), default="expense-ledger")
    options = parser.parse_args()
    load_before = os.getloadavg()
    with work_folder() as (work, environment):
        os.environ.update(environment)
        assignments = {name: variant(work, options.task, name) for name in VARIANTS}
        paths = submissions(work, options.task, options.submissions)
        for name, assignment in assignments.items():  # warm: the reference's run, the image
            batch(assignment, paths[:2], work / f"warm-{name}.sqlite", environment)
        single = in_process(work, assignments, Path(paths[0]), options.runs)
        batches = {name: [] for name in assignments}
        for run in range(options.batch_runs):
            names = list(assignments)
            for name in names[run % 3:] + names[:run % 3]:
                store = work / f"{name}-{run}.sqlite"
                batches[name].append(batch(assignments[name], paths, store, environment))
    median = {name: statistics.median(values) for name, values in single.items()}
    per_submission = {name: statistics.median(values) / options.submissions
                      for name, values in batches.items()}
    publish("quality-signals", {
        "what": f"{options.task}, the strong sample with tests of its own: without a quality "
                "section (none), host-side signals only (static), all five signals (all)",
        "machine": f"{platform.machine()}, Python {platform.python_version()}, "
                   f"{len(os.sched_getaffinity(0))} cores",
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
        "in_process": {
            "runs": options.runs,
            "median_s": {name: round(value, 3) for name, value in median.items()},
            "min_s": {name: round(min(values), 3) for name, values in single.items()},
            "max_s": {name: round(max(values), 3) for name, values in single.items()},
            "added_s": {name: round(median[name] - median["none"], 3)
                        for name in ("static", "all")},
            "ratio_to_none": {name: round(median[name] / median["none"], 2)
                              for name in ("static", "all")},
        },
        "batch_j2": {
            "runs": options.batch_runs, "submissions": options.submissions,
            "batch_seconds": {name: [round(s, 2) for s in values]
                              for name, values in batches.items()},
            "median_s_per_submission": {name: round(value, 3)
                                        for name, value in per_submission.items()},
            "added_s_per_submission": {name: round(per_submission[name]
                                                   - per_submission["none"], 3)
                                       for name in ("static", "all")},
            "ratio_to_none": {name: round(per_submission[name] / per_submission["none"], 2)
                              for name in ("static", "all")},
        },
        "target": "<= 0.3 s added per coding submission",
    })


if __name__ == "__main__":
    main()
