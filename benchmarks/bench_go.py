"""Issue 24's benchmark, Go half: grading the Go sample in a batch against the naive loop a
team would script, a plain `docker run` of `go test` per submission.

The task is the sample `api-rate-limiter` (18 recorded cases; each submission is built with
the cases in the sandbox). Each run grades the same N distinct submissions (the strong,
partial and broken samples in turn, each with its own first line) two ways, side by side,
their order alternating:

- worksample: `worksample grade -j 2` into a fresh store, warm cache (the reference's
  recording made once before timing, as a grader keeps it);
- the naive baseline: for each submission in turn, `docker run --rm --network none` of the
  same image with the submission, the same cases as `_test.go` files under a small shim and
  golden files made from the reference (benchmarks/fixtures/api-rate-limiter-gotest/), and
  `go test -count=1 ./...` (no limits, no hardening, the verdict decided in the candidate's
  process).

With --before WORKSAMPLE (another tree's `worksample` executable, e.g. the commit before the
Go recorder's split into two programs), a third series grades the same batch with it: the
split's own cost.

Target: worksample's throughput at least 1.5x the naive loop's. The hangs sample is left out:
it costs the per-case limit in worksample and `go test`'s -timeout (10 minutes by default)
in the naive loop.

Run: .venv/bin/python benchmarks/bench_go.py [--runs 3] [--submissions 50] [--before EXE]
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
ASSIGNMENT = ROOT / "assignments" / "api-rate-limiter"
SAMPLES = [ROOT / "examples" / "api-rate-limiter" / name
           for name in ("strong", "partial", "broken")]
GO_TEST = Path(__file__).resolve().parent / "fixtures" / "api-rate-limiter-gotest"
IMAGE = "worksample/go:bookworm"


def submissions(work: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        folder = work / "submissions" / f"candidate-{number:03d}"
        shutil.copytree(SAMPLES[number % len(SAMPLES)], folder)
        code = folder / "ratelimit.go"
        code.write_text(f"// candidate {number}\n{code.read_text()}")
        paths.append(folder)
    return paths


def go_test_folder(submission: Path, target: Path) -> Path:
    """The submission with the cases as `go test` files beside it, as the naive loop mounts."""
    folder = shutil.copytree(submission, target)
    shutil.copytree(GO_TEST, folder, dirs_exist_ok=True)
    for case_file in sorted((ASSIGNMENT / "cases").glob("*.go")):
        source = case_file.read_text().replace("package hidden\n", "package ratelimit_test\n")
        source = source.replace('"worksample/cases"', 'cases "ratelimit/casesshim"')
        (folder / f"{case_file.stem}_test.go").write_text(source)
    return folder


def grade(paths: list[Path], store: Path, environment: dict,
          worksample: Path = WORKSAMPLE) -> float:
    """Seconds for the batch; a submission that is not graded stops the benchmark, saying why."""
    started = time.perf_counter()
    done = subprocess.run([str(worksample), "grade", str(ASSIGNMENT), *map(str, paths), "-j",
                           "2", "--store", str(store), "--json"], env=environment,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    failed = [f"{r['submission_id']}: {r['status']}: {r['message']}"
              for r in json.loads(done.stdout or "[]") if r["status"] != "graded"]
    if done.returncode != 0 or failed:
        sys.exit(f"worksample grade exited {done.returncode}: {failed or done.stderr[-2000:]}")
    return seconds


def naive_loop(folders: list[Path]) -> tuple[float, list[int]]:
    started = time.perf_counter()
    codes = []
    for folder in folders:
        codes.append(subprocess.run(
            ["docker", "run", "--rm", "--network", "none", "-v", f"{folder}:/work", "-w", "/work",
             "-e", "GOFLAGS=-mod=mod", "-e", "GOPROXY=off", IMAGE, "go", "test", "-count=1",
             "./..."], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode)
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
        folders = [go_test_folder(path, work / "go-test" / path.name) for path in paths]
        for name, worksample in graders.items():  # the reference's recording, the image
            grade(paths[:3], work / f"warm-{len(name)}.sqlite", environment, worksample)
        _, codes = naive_loop(folders[:3])
        assert codes[0] == 0 and 0 not in codes[1:], f"go test exit codes: {codes}"
        seconds: dict[str, list[float]] = {name: [] for name in [*graders, "naive"]}
        for run in range(options.first_run, options.first_run + options.runs):
            order = [*graders, "naive"]
            for name in order if run % 2 == 0 else order[::-1]:
                if name == "naive":
                    took, codes = naive_loop(folders)
                    if set(codes) - {0, 1, 2}:  # 125 and up: docker itself failed
                        sys.exit(f"docker run failed in the loop: exit codes {sorted(set(codes))}")
                    seconds[name].append(took)
                else:
                    store = work / f"run-{run}-{len(name)}.sqlite"
                    seconds[name].append(grade(paths, store, environment, graders[name]))
    figures = against_naive(
        f"{options.submissions} api-rate-limiter submissions (strong, partial, broken in "
        "turn): worksample grade -j 2 (fresh store, warm cache) against a docker run "
        "+ go test loop",
        {name: seconds[name] for name in ("worksample", "naive")}, options.submissions,
        options.runs)
    if options.before:
        figures["before_the_split"] = before_the_split(seconds["before the split"],
                                                       options.submissions)
    publish("go", figures)


if __name__ == "__main__":
    main()
