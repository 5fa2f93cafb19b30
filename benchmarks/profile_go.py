"""Where one Go submission's time goes (issue 24): the container's steps, measured.

Records the reference of `api-rate-limiter` once (a trusted run that leaves the stub
generator, as `worksample grade` does with a cold cache), then runs the recorder against the
strong, partial and broken samples in turn, one run at a time, as grading a submission does
(recorded.py's `_run`: the same runner files, config, limits and artifacts), with one change:
the runner is started through `profile_go_runner.py`, which times its steps inside the
container (each `go` command, the stub generator's run, each program started for a case). On
the host: the whole `harness.run`, the docker SDK's calls (create, attach, start, wait, reload,
remove), and the container's run from start to the end of its output (RunOutcome.seconds).

Prints, per sample, the median of each step over the runs, and saves the figures under
benchmarks/results/. Not a benchmark of worksample's throughput: the timing lines the wrapper
writes, and a second Python file in the harness, are not in a real run.

Run: .venv/bin/python benchmarks/profile_go.py [--runs 5]
"""

from __future__ import annotations

import argparse
import base64
import functools
import statistics
import time
from collections import defaultdict
from pathlib import Path

import docker.api.client
import docker.models.containers
from figures import publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = ROOT / "assignments" / "api-rate-limiter"
SAMPLES = ("strong", "partial", "broken")
WRAPPER = Path(__file__).resolve().parent / "profile_go_runner.py"
SDK_CALLS: dict[str, list[float]] = defaultdict(list)


def timed_sdk(owner, name: str, label: str) -> None:
    """Time each call of ``owner.name`` into SDK_CALLS[label]."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args, **options):
        began = time.perf_counter()
        try:
            return original(*args, **options)
        finally:
            SDK_CALLS[label].append(time.perf_counter() - began)

    setattr(owner, name, timed)


for owner, name, label in [
        (docker.models.containers.ContainerCollection, "create", "sdk-create"),
        (docker.api.client.APIClient, "attach_socket", "sdk-attach"),
        (docker.models.containers.Container, "start", "sdk-start"),
        (docker.models.containers.Container, "wait", "sdk-wait"),
        (docker.models.containers.Container, "reload", "sdk-reload"),
        (docker.models.containers.Container, "remove", "sdk-remove")]:
    timed_sdk(owner, name, label)


def steps_in(tail: str) -> tuple[dict[str, float], int, int]:
    """The wrapper's lines in the output's tail: seconds per step (summed over its repeats),
    the number of programs started for the cases and for the submission."""
    steps: dict[str, float] = defaultdict(float)
    started = {"cases": 0, "submission": 0}
    first_case = None
    total = None
    for line in tail.splitlines():
        parts = line.split()
        if len(parts) != 4 or parts[0] != "worksample-profile":
            continue
        step, began, took = parts[1], float(parts[2]), float(parts[3])
        if step.startswith("start-"):
            which = step.split("-")[1]
            started[which] += 1
            if first_case is None:
                first_case = began
            steps["program starts (fork+exec)"] += took
            continue
        if step == "runner-total":
            total = took
            continue
        steps[step] += took
    if total is not None:
        steps["runner in all"] = total
        if first_case is not None:
            steps["cases (first start to the end)"] = total - first_case
    return dict(steps), started["cases"], started["submission"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    from worksample_coding import recorded
    from worksample_coding.languages import LANGUAGES

    from worksample.assignments import load
    from worksample.plugins import load_registry
    from worksample.sandbox import harness
    from worksample.sandbox.harness import HarnessRun, Runner

    with work_folder():
        assignment = load(ASSIGNMENT, load_registry())
        section = assignment.section
        image = LANGUAGES["go"].image
        began = time.perf_counter()
        cases, artifacts = recorded._recording(assignment, image, artifacts=True)
        reference_seconds = time.perf_counter() - began
        recorder = LANGUAGES["go"].recorder
        runner = Runner(files={**recorder.files, WRAPPER.name: WRAPPER.read_bytes()},
                        trust=recorder.trust, python=WRAPPER.name,
                        environment=recorder.environment)
        limits = section.limits
        line = recorded.line_limit(cases, limits.message_chars)  # as grade_recorded sizes it
        per_sample: dict[str, list[dict[str, float]]] = {name: [] for name in SAMPLES}
        counts: dict[str, tuple[int, int]] = {}
        SDK_CALLS.clear()
        for _ in range(options.runs):
            for name in SAMPLES:
                request = HarnessRun(
                    runner=runner, image=image, work=ROOT / "examples" / "api-rate-limiter" / name,
                    trees={"tests": assignment.root / section.tests},
                    files={f"artifacts/{artifact}": base64.b64decode(data)
                           for artifact, data in artifacts.items()},
                    config={"per_case_seconds": limits.per_test_seconds,
                            "max_line": line,
                            "message_chars": limits.message_chars, "make_artifacts": False},
                    limits=limits.sandbox_limits(),
                    result_bytes=(len(cases) + 8) * line + 512 * len(cases),
                    max_line=line + 4096, localhost_name=section.localhost_name)
                began = time.perf_counter()
                result = harness.run(request)
                wall = time.perf_counter() - began
                tail = result.summary.get("output_tail", "")
                steps, case_starts, submission_starts = steps_in(tail)
                steps["harness.run on the host"] = wall
                steps["container: start to end of output"] = result.outcome.seconds
                per_sample[name].append(steps)
                counts[name] = (case_starts, submission_starts)
    medians = {}
    for name, runs in per_sample.items():
        labels = dict.fromkeys(label for steps in runs for label in steps)
        medians[name] = {label: round(1000 * statistics.median(
            steps.get(label, 0.0) for steps in runs), 1) for label in labels}
        medians[name]["programs started (cases, submission's)"] = counts[name]
    publish("profile-go", {
        "what": f"the Go recorder's steps per submission, api-rate-limiter, {options.runs} "
                "runs of each sample in turn, one at a time, stub generator from the "
                "reference's run",
        "reference_run_seconds": round(reference_seconds, 2),
        "median_ms": medians,
        "sdk_calls_median_ms": {label: [len(values), round(1000 * statistics.median(values), 1)]
                                for label, values in SDK_CALLS.items()},
    })


if __name__ == "__main__":
    main()
