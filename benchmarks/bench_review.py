"""The review server under 10 concurrent reviewers (issue 23; targets: the cohort page and a
candidate page in <= 150 ms at the 95th percentile, saving a rating in <= 50 ms).

1,000 candidates (the pricing-review pool graded for real, then copied, as the agreement
benchmark does), each rated by three reviewers (6,068 ratings). `worksample review` runs as a
user runs it, in a process of its own, for the three reviewers of `worksample reviewers add`.
Ten clients (asyncio, one process on the same 2 cores), each signed in as one of the three,
send their requests one after the other with no pause between them, in three phases:

- **pages**: the cohort page, then a candidate's page, again and again;
- **saves**: a rating of a candidate, again and again (the candidate's page is fetched first,
  for its form's hidden fields, and not timed);
- **mixed**: cohort page, candidate page, a rating of that candidate. Every save changes the
  store, so the pages after it are made anew: the worst case for the server's caches.

Each request's wall time is measured from the client; each client's first look at the cohort
page, which makes its reviewer's view whole, is a warm-up and is not timed.

    .venv/bin/python benchmarks/bench_review.py --rounds 30 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx2
from bench_agreement import REVIEWERS, SAMPLE, graded_cohort, rated_cohort
from figures import publish, work_folder

WORKSAMPLE = [sys.executable, "-m", "worksample"]
CLIENTS = 10
TARGETS_MS = {"cohort page": 150, "candidate page": 150, "save a rating": 50}


PHASES = {"pages": ("cohort page", "candidate page"), "saves": ("save a rating",),
          "mixed": ("cohort page", "candidate page", "save a rating")}


async def reviewer_loop(address: str, link: str, stems: list[str], phase: str, rounds: int,
                        seed: int, timings: dict[str, list[float]]) -> None:
    """One client: sign in with ``link``, then ``rounds`` times what ``phase`` does."""
    draw = random.Random(seed)
    timed_kinds = PHASES[phase]
    async with httpx2.AsyncClient(base_url=address, timeout=60) as client:
        await client.get(link.removeprefix(address))
        await client.get("/")  # warm-up, not timed: the first view of the cohort is made whole

        async def sent(kind: str, request):
            started = time.perf_counter()
            response = await request
            if kind in timed_kinds:
                timings[kind].append((time.perf_counter() - started) * 1000)
            return response

        for _ in range(rounds):
            if phase != "saves":
                await sent("cohort page", client.get("/"))
            stem = draw.choice(stems)
            page = await sent("candidate page", client.get(f"/candidates/{stem}.html"))
            assert page.status_code == 200, (page.status_code, page.text[:300])
            if phase == "pages":
                continue
            token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
            shown = re.search(r'name="submission" value="([0-9a-f]+)"', page.text).group(1)
            saved = await sent("save a rating", client.post(
                f"/candidates/{stem}.html/rate", headers={"Origin": address},
                data={"csrf": token, "submission": shown,
                      "level:judgement": str(draw.randint(1, 4)),
                      "level:executive-writing": str(draw.randint(1, 4))}))
            assert saved.status_code == 303, saved.text[:300]


def served(store: Path, env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen([*WORKSAMPLE, "review", str(SAMPLE), "--store", str(store),
                                "--port", str(port)], env=env)  # its errors on stderr
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("worksample review did not start")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` and of its children still running."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="per client and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    with work_folder() as (work, env):
        store = work / "results.sqlite"
        graded_cohort(store, args.candidates, env)
        ratings = rated_cohort(store)
        address = f"http://127.0.0.1:{args.port}"
        links = [re.search(r"(http://\S+)", subprocess.run(
            [*WORKSAMPLE, "reviewers", "add", name, "--role", "hiring-manager", "--url",
             address, "--store", str(store)], env=env, capture_output=True, text=True,
            check=True).stdout).group(1) for name in REVIEWERS]
        stems = [f"candidate-{n:04d}" for n in range(args.candidates - 20)]
        process = served(store, env, args.port)
        phases: dict[str, list[tuple[float, dict]]] = {phase: [] for phase in PHASES}
        try:
            for run in range(args.runs):
                for phase, kinds in PHASES.items():
                    timings: dict[str, list[float]] = {kind: [] for kind in kinds}

                    async def everyone(phase=phase, run=run, timings=timings):
                        await asyncio.gather(*(reviewer_loop(
                            address, links[n % len(links)], stems, phase, args.rounds,
                            run * CLIENTS + n, timings) for n in range(CLIENTS)))

                    started = time.perf_counter()
                    asyncio.run(everyone())
                    phases[phase].append((time.perf_counter() - started, timings))
            server_cpu = cpu_seconds(process.pid)
        finally:
            process.terminate()
            process.wait()
    client_cpu = time.process_time()
    figures = {phase: {kind: measured(runs, kind) for kind in PHASES[phase]}
               for phase, runs in phases.items()}
    for phase, runs in phases.items():
        figures[phase]["wall_s_per_run"] = [round(wall, 2) for wall, _ in runs]
    publish("review", {"candidates": args.candidates, "ratings_before": ratings,
                       "reviewers": len(REVIEWERS), "clients": CLIENTS, "rounds": args.rounds,
                       "runs": args.runs, "figures": figures,
                       "server_cpu_s": round(server_cpu, 2),
                       "client_cpu_s_with_setup": round(client_cpu, 2),
                       "cpu_count": os.cpu_count(), "python": sys.version.split()[0]})


def measured(runs: list[tuple[float, dict]], kind: str) -> dict:
    """The figures of one kind of request over ``runs``: each run's median and 95th
    percentile, and the median of the runs' 95th percentiles against the target."""
    p95s = [percentile(timings[kind], 0.95) for _, timings in runs]
    return {"requests_per_run": len(runs[0][1][kind]),
            "median_ms_per_run": [round(statistics.median(t[kind]), 1) for _, t in runs],
            "p95_ms_per_run": [round(value, 1) for value in p95s],
            "p95_ms_median_of_runs": round(statistics.median(p95s), 1),
            "target_p95_ms": TARGETS_MS[kind],
            "p95 / target": round(statistics.median(p95s) / TARGETS_MS[kind], 3)}


if __name__ == "__main__":
    main()
