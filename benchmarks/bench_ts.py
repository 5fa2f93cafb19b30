"""Issue 24's benchmark, TypeScript half: grading the TypeScript sample (recorded mode) in a
batch against the naive loop a team would script, a plain `docker run` of `tsc` and Node's
test runner per submission.

The task is the sample `url-router` (22 recorded cases; each submission is type-checked and
compiled with the cases in the sandbox, then the cases run in a process of their own that
calls the submission in another). Each run grades the same N distinct submissions (the
strong, partial and broken samples in turn, each with its own first line) two ways, side by
side, their order alternating:

- worksample: `worksample grade -j 2` into a fresh store, warm cache (the reference's
  recording made once before timing, as a grader keeps it);
- the naive baseline: for each submission in turn, `docker run --rm --network none` of the
  same image with the submission, the same case files and a shim of the helper that compares
  what each case records with golden files made from the reference in the same run
  (benchmarks/fixtures/url-router-nodetest/): `tsc`, then `node --test` (no limits, no
  hardening, the verdict decided in the candidate's process).

With --before WORKSAMPLE (another tree's `worksample` executable, e.g. the commit before the
Node recorder's split), a third series grades the same batch with it: the split's own cost.

Target: worksample's throughput at least 1.5x the naive loop's. The hangs sample is left out:
it costs the per-case limit twice in worksample and never ends in the naive loop.

Run: .venv/bin/python benchmarks/bench_ts.py [--runs 3] [--submissions 50] [--before EXE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from figures import WORKSAMPLE, against_naive, before_the_split, publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = ROOT / "assignments" / "url-router"
SAMPLES = [ROOT / "examples" / "url-router" / name for name in ("strong", "partial", "broken")]
NODE_TEST = Path(__file__).resolve().parent / "fixtures" / "url-router-nodetest"
IMAGE = "worksample/node:bookworm"


def submissions(work: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        folder = work / "submissions" / f"candidate-{number:03d}"
        shutil.copytree(SAMPLES[number % len(SAMPLES)], folder)
        code = folder / "router.ts"
        code.write_text(f"// candidate {number}\n{code.read_text()}")
        paths.append(folder)
    return paths


def grade(worksample: Path, paths: list[Path], store: Path, environment: dict) -> float:
    """Seconds for the batch; a submission that is not graded stops the benchmark, saying why."""
    started = time.perf_counter()
    done = subprocess.run([str(worksample), "grade", str(ASSIGNMENT), *map(str, paths), "-j",
                           "2", "--store", str(store), "--json"], env=environment,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    results = json.loads(done.stdout or "[]")
    failed = [f"{r['submission_id']}: {r['status']}: {r['message']}"
              for r in results if r["status"] != "graded"]
    if done.returncode != 0 or failed or len(results) != len(paths):
        sys.exit(f"{worksample} grade exited {done.returncode}: {failed or done.stderr[-2000:]}")
    return seconds


def naive_run(folder: Path, golden: Path, write: bool = False) -> int:
    return subprocess.run(
        ["docker", "run", "--rm", "--network", "none", "-v", f"{folder}:/work:ro",
         "-v", f"{ASSIGNMENT / 'cases'}:/cases:ro", "-v", f"{NODE_TEST}:/bench:ro",
         "-v", f"{golden}:/golden" + ("" if write else ":ro"),
         *(["-e", "GOLDEN_WRITE=1"] if write else []), IMAGE, "sh", "/bench/run.sh"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def naive_loop(paths: list[Path], golden: Path) -> tuple[float, list[int]]:
    started = time.perf_counter()
    codes = [naive_run(path, golden) for path in paths]
    return time.perf_counter() - started, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=50)
    parser.add_argument("--before", type=Path, help="another tree's worksample executable")
    parser.add_argument("--first-run", type=int, default=0,
                        help="the number of the first run (its parity sets the order)")
    options = parser.parse_args()
    graders = {"worksample": WORKSAMPLE}
    if options.before:
        graders["before the split"] = options.before
    with work_folder() as (work, environment):
        paths = submissions(work, options.submissions)
        golden = work / "golden"
        golden.mkdir()
        golden.chmod(0o777)  # the container's user writes it
        if naive_run(ASSIGNMENT / "reference", golden, write=True) != 0:
            sys.exit("the naive loop could not record the reference's golden files")
        for name, worksample in graders.items():  # the reference's recording, the image
            grade(worksample, paths[:3], work / f"warm-{len(name)}.sqlite", environment)
        _, codes = naive_loop(paths[:3], golden)
        assert codes[0] == 0 and 0 not in codes[1:], f"naive loop exit codes: {codes}"
        seconds: dict[str, list[float]] = {name: [] for name in [*graders, "naive"]}
        for run in range(options.first_run, options.first_run + options.runs):
            order = [*graders, "naive"]
            for name in order if run % 2 == 0 else order[::-1]:
                if name == "naive":
                    took, codes = naive_loop(paths, golden)
                    if set(codes) - {0, 1, 2}:  # 125 and up: docker itself failed
                        sys.exit(f"docker run failed in the loop: exit codes {sorted(set(codes))}")
                    seconds[name].append(took)
                else:
                    store = work / f"run-{run}-{len(name)}.sqlite"
                    seconds[name].append(grade(graders[name], paths, store, environment))
    figures = against_naive(
        f"{options.submissions} url-router submissions (strong, partial, broken in turn): "
        "worksample grade -j 2 (fresh store, warm cache) against a docker run + tsc + node "
        "--test loop", {name: seconds[name] for name in ("worksample", "naive")},
        options.submissions, options.runs)
    if options.before:
        figures["before_the_split"] = before_the_split(seconds["before the split"],
                                                       options.submissions)
    publish("ts", figures)


if __name__ == "__main__":
    main()
