"""Issue 24's benchmark, JavaScript half: grading the JavaScript sample in a batch against the
naive loop a team would script, a plain `docker run` of Node's test runner per submission.

The task is the sample `csv-reader` (junit mode: the hidden tests are node:test files, run by
`node --test` once per test file with the JUnit reporter). Each run grades the same N distinct
submissions (the strong, partial and broken samples in turn, each with its own first line)
two ways, side by side, their order alternating:

- worksample: `worksample grade -j 2` into a fresh store, warm cache (the test ids collected
  from the reference's run once before timing, as a grader keeps them);
- the naive baseline: for each submission in turn, `docker run --rm --network none` of the
  same image with the submission and the hidden tests mounted, and `node --test /tests/` (all
  files in one run, no limits, no hardening, no report read).

Target: worksample's throughput at least 1.5x the naive loop's. The hangs sample is left out:
it costs its file's 5 s limit in worksample and never ends in the naive loop.

Run: .venv/bin/python benchmarks/bench_js.py [--runs 3] [--submissions 50]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from figures import WORKSAMPLE, against_naive, publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = ROOT / "assignments" / "csv-reader"
SAMPLES = [ROOT / "examples" / "csv-reader" / name for name in ("strong", "partial", "broken")]
IMAGE = "worksample/node:bookworm"


def submissions(work: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        folder = work / "submissions" / f"candidate-{number:03d}"
        shutil.copytree(SAMPLES[number % len(SAMPLES)], folder)
        code = folder / "csv.js"
        code.write_text(f"// candidate {number}\n{code.read_text()}")
        paths.append(folder)
    return paths


def batch(paths: list[Path], store: Path, environment: dict) -> float:
    """Seconds for worksample's batch; a submission not graded stops the benchmark."""
    started = time.perf_counter()
    done = subprocess.run([str(WORKSAMPLE), "grade", str(ASSIGNMENT), *map(str, paths), "-j",
                           "2", "--store", str(store), "--json"], env=environment,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    results = json.loads(done.stdout or "[]")
    wrong = [f"{r['submission_id']}: {r['status']} {r['score']}" for r in results
             if r["status"] != "graded"]
    if done.returncode != 0 or wrong or len(results) != len(paths):
        sys.exit(f"worksample grade exited {done.returncode}: {wrong or done.stderr[-2000:]}")
    return seconds


def docker_loop(paths: list[Path]) -> tuple[float, list[int]]:
    started = time.perf_counter()
    codes = [subprocess.run(
        ["docker", "run", "--rm", "--network", "none", "-v", f"{path}:/work", "-v",
         f"{ASSIGNMENT / 'tests'}:/tests:ro", "-w", "/work", IMAGE, "node", "--test", "/tests/"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode for path in paths]
    return time.perf_counter() - started, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=50)
    options = parser.parse_args()
    seconds: dict[str, list[float]] = {"worksample": [], "naive": []}
    with work_folder() as (work, environment):
        paths = submissions(work, options.submissions)
        batch(paths[:3], work / "warm.sqlite", environment)  # the reference's test ids
        _, codes = docker_loop(paths[:3])
        assert codes == [1, 1, 1], f"node --test exit codes: {codes} (the canary fails)"
        for run in range(options.runs):
            for name in (["worksample", "naive"] if run % 2 == 0 else ["naive", "worksample"]):
                if name == "worksample":
                    seconds[name].append(batch(paths, work / f"run-{run}.sqlite", environment))
                    continue
                took, codes = docker_loop(paths)
                if set(codes) - {0, 1}:  # 125 and up: docker itself failed
                    sys.exit(f"docker run failed in the loop: exit codes {sorted(set(codes))}")
                seconds[name].append(took)
    publish("js", against_naive(
        f"{options.submissions} csv-reader submissions (strong, partial, broken in "
        "turn): worksample grade -j 2 (fresh store, warm cache) against a docker run "
                "+ node --test loop",
        seconds, options.submissions, options.runs))


if __name__ == "__main__":
    main()
