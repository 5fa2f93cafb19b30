"""Copied and leaked work (issue 25): every pair of 1,000 code submissions and of 1,000 email
replies, target <= 10 s each.

Four cohorts of 1,000, each saved into a store of its own as results with their kept work (as
`worksample grade` saves them; nothing is graded: the measure reads only the kept work):

- **code, copied**: the five Python solutions of inventory-reservations (the reference and
  four samples), each candidate's copy disguised its own way (tests/copy_attacks.py: names
  renamed with its own seed, functions reordered for half, comments rewritten, a junk
  statement after every second statement for a third) with a helper function of its own.
  The worst case for the index: every fingerprint is held by some 200 submissions, and some
  100,000 pairs are flagged.
- **code, distinct**: the starter and some 60 lines of code of the candidate's own each (drawn at
  random, every function shaped differently), ten of them copied by a second candidate.
- **replies, copied**: the 18 replies of the support-replies pool and the reference, each
  candidate's copy with its paragraphs shuffled and a sentence of its own.
- **replies, distinct**: replies of 150 words drawn at random each, ten copied.

Timed, median of --runs after a warm-up:

- **fingerprints**: making the 1,000 fingerprints from the kept work and keeping them
  (``sources.update``, as `worksample grade` does after a batch: in limited worker processes,
  one per core, past 512 KB of code), and the same in this process alone;
- **all pairs**: `worksample similarity ID --json` in a new process, the fingerprints kept
  (what a user runs after grading), and ``compare.pairs`` alone in this process;
- **baselines**, on the same fingerprints: every pair compared in turn (a set intersection
  for the runs, a walk over each document's lines for the lines: the same figures, which
  it checks), and,
  given ``--copydetect PYTHON`` (an interpreter with copydetect 0.5.0), copydetect on the
  same 1,000 files (its defaults: runs of 25 tokens, windows of 30; the starter as
  boilerplate), once: it compares every pair.

    .venv/bin/python benchmarks/bench_similarity.py --runs 5 [--copydetect /tmp/cd/bin/python]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from figures import publish, work_folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the copier's attacks, as the tests make them

CODE = ROOT / "assignments" / "inventory-reservations"
REPLIES = ROOT / "assignments" / "support-replies"
TARGET_S = 10.0


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--copydetect", help="a Python interpreter with copydetect 0.5.0")
    return parser.parse_args()


# --- the cohorts ----------------------------------------------------------------------------

def copied_code(count: int) -> list[dict[str, str]]:
    import copy_attacks as attack

    bases = [(CODE / "reference" / "inventory.py").read_text()] + [
        (ROOT / "examples" / "inventory-reservations" / name / "inventory.py").read_text()
        for name in ("strong", "partial", "hangs", "broken")]
    randomly = random.Random(25)
    made = []
    for number in range(count):
        source = attack.renamed(bases[number % len(bases)], "python", seed=number)
        source = attack.comments_changed(source, "python")
        try:  # the broken sample does not parse: its copies are only renamed
            if randomly.random() < 0.5:
                source = attack.reordered(source, "python")
            if randomly.random() < 0.33:
                source = attack.with_junk(source, "python", every=2, seed=number)
        except SyntaxError:
            pass
        source += "\n\n" + attack.padding("python", lines=8, seed=10_000 + number)
        made.append({"inventory.py": source})
    return made


def distinct_code(count: int) -> list[dict[str, str]]:
    import copy_attacks as attack

    starter = (CODE / "starter" / "inventory.py").read_text()
    made = [{"inventory.py": starter + "\n\n" + attack.padding("python", lines=40, seed=n)}
            for n in range(count)]
    for number in range(10):  # ten copies, renamed
        made[count - 1 - number] = {"inventory.py": attack.renamed(
            made[number]["inventory.py"], "python", seed=number)}
    return made


def copied_replies(count: int) -> list[dict[str, str]]:
    pool = ROOT / "examples" / "support-replies-pool"
    bases = [{p.name: p.read_text() for p in folder.iterdir()} if folder.is_dir()
             else {folder.name: folder.read_text()} for folder in sorted(pool.iterdir())]
    bases.append({p.name: p.read_text() for p in (REPLIES / "reference").iterdir()})
    randomly = random.Random(28)
    made = []
    for number in range(count):
        reply = {}
        for name, text in bases[number % len(bases)].items():
            paragraphs = text.split("\n\n")
            randomly.shuffle(paragraphs)
            reply[name] = "\n\n".join(paragraphs) + f"\n\nKind regards, agent {number:04d}."
        made.append(reply)
    return made


def distinct_replies(count: int) -> list[dict[str, str]]:
    words = [f"w{n}" for n in range(3000)]
    randomly = random.Random(28)
    made = [{"reply.md": " ".join(randomly.choices(words, k=150))} for _ in range(count)]
    for number in range(10):
        made[count - 1 - number] = made[number]
    return made


def saved(store_path: Path, assignment, cohort: list[dict[str, str]], read: bool) -> None:
    """``cohort`` saved as graded results of ``assignment``, each with its work kept: the
    files (code), or the texts its plugin read (replies)."""
    from worksample.models import GradeResult, Status
    from worksample.store import ResultStore
    from worksample.work import KeptWork, WorkFile

    store = ResultStore(store_path)
    for number, files in enumerate(cohort):
        work = KeptWork(files=[WorkFile(path=name.rsplit(".", 1)[0] if read else name,
                                        size=len(text), kind="read" if read else "text",
                                        text=text) for name, text in files.items()])
        name = f"candidate-{number:04d}"
        store.save(GradeResult(
            worksample_version="bench", submission_id=name,
            submission_source=f"/inbox/{name}",
            submission_hash=hashlib.sha256(f"{name}{files}".encode()).hexdigest(),
            assignment_id=assignment.id, assignment_version=assignment.version,
            assignment_type=assignment.type, status=Status.GRADED, score=50.0, work=work))
    store.close()


# --- the timings ----------------------------------------------------------------------------

def timed(function, runs: int) -> dict:
    function()  # the warm-up
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(seconds), 3), "min_s": round(min(seconds), 3),
            "max_s": round(max(seconds), 3)}


def brute_force(documents, shared) -> set[tuple[int, int]]:
    """Every pair compared in turn, both readings as ``compare.py`` defines them: the pairs
    at or above 0.5."""
    from worksample.similarity.compare import _Prepared

    ready = [_Prepared.of(d.fingerprints, shared) for d in documents]
    found = set()
    for first in range(len(ready)):
        one = ready[first]
        for second in range(first + 1, len(ready)):
            other = ready[second]
            runs = (len(one.runs & other.runs) / min(len(one.runs), len(other.runs))
                    if one.big_runs() and other.big_runs() else 0.0)
            lines = max([ready[a].covered_by(ready[b]) for a, b in
                         ((first, second), (second, first)) if ready[a].big_lines()],
                        default=0.0)
            if max(runs, lines) >= 0.5:
                found.add((first, second))
    return found


def copydetect(python: str, cohort: list[dict[str, str]], folder: Path,
               starter: Path | None) -> dict:
    """copydetect 0.5.0 on ``cohort``, written one folder per candidate, once."""
    for number, files in enumerate(cohort):
        candidate = folder / f"candidate-{number:04d}"
        candidate.mkdir(parents=True)
        for name, text in files.items():
            (candidate / (name if "." in name else f"{name}.txt")).write_text(text)
    extensions = sorted({name.rsplit(".", 1)[-1] for files in cohort for name in files})
    code = (
        "import json, sys, time\n"
        "from copydetect import CopyDetector\n"
        "started = time.perf_counter()\n"
        f"detector = CopyDetector(test_dirs=[{str(folder)!r}], extensions={extensions!r}, "
        f"boilerplate_dirs={[str(starter)] if starter else []!r}, display_t=0.5, "
        "silent=True, autoopen=False)\n"
        "detector.run()\n"
        "pairs = int(((detector.similarity_matrix[:, :, 0] >= 0.5) & "
        "(detector.similarity_matrix[:, :, 0] <= 1)).sum())\n"
        "print(json.dumps({'seconds': round(time.perf_counter() - started, 2), "
        "'files': len(detector.test_files), 'ordered_pairs_over_half': pairs}))\n")
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(name: str, assignment, cohort: list[dict[str, str]], read: bool, work: Path,
            env: dict, args) -> dict:
    from worksample.similarity import compare, fingerprints, sources
    from worksample.similarity.measure import Similarity
    from worksample.store import ResultStore

    store_path = work / f"{name}.sqlite"
    saved(store_path, assignment, cohort, read)
    store = ResultStore(store_path)
    kept = [store.work(assignment.id, n, k) for n, k in store.submissions(assignment.id)]

    def forget() -> None:
        with sqlite3.connect(store_path) as db:
            db.execute("DELETE FROM fingerprints")
        db.close()

    def made_in_workers() -> None:
        forget()
        sources.update(assignment, store)

    figures: dict = {"candidates": len(cohort),
                     "mean_tokens": round(sum(sum(len(t.ids) for t in
                                                  fingerprints.compared_files(w))
                                              for w in kept) / len(kept))}
    figures["fingerprints_kept"] = timed(made_in_workers, args.runs)
    figures["fingerprints_in_this_process"] = timed(lambda: sources.of_works(kept), args.runs)
    measured = Similarity(assignment, store)  # the fingerprints are kept now
    figures["pairs_flagged"] = len(measured.pairs)
    figures["pairs_in_this_process"] = timed(
        lambda: compare.Comparison(measured.documents, measured.shared, 0.5), args.runs)
    figures["listing_every_pair_in_this_process"] = timed(
        lambda: compare.pairs(measured.documents, measured.shared, 0.5), args.runs)
    command = [sys.executable, "-m", "worksample", "similarity", str(assignment.root),
               "--store", str(store_path), "--json"]
    figures["worksample_similarity_command"] = timed(
        lambda: subprocess.run(command, check=True, cwd=work, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        args.runs)
    started = time.perf_counter()
    found = brute_force(measured.documents, measured.shared)
    figures["baseline_every_pair_in_turn"] = {
        "seconds": round(time.perf_counter() - started, 3), "pairs_at_half": len(found),
        "the_same_pairs": found == {(p.first, p.second) for p in measured.pairs}}
    if args.copydetect:
        starter = CODE / "starter" if not read else None
        figures["baseline_copydetect_0_5_0"] = copydetect(
            args.copydetect, cohort, work / f"{name}-files", starter)
    figures["ratio_command_to_target"] = round(
        figures["worksample_similarity_command"]["median_s"] / TARGET_S, 3)
    store.close()
    return figures


def main() -> None:
    from worksample import assignments
    from worksample.plugins import get_registry

    args = options()
    registry = get_registry()
    code, replies = (assignments.load(CODE, registry), assignments.load(REPLIES, registry))
    report = {"target_s": TARGET_S, "runs": args.runs, "cpu_count": os.cpu_count(),
              "python": platform.python_version()}
    with work_folder() as (work, env):
        for name, assignment, make, read in (
                ("code-copied", code, copied_code, False),
                ("code-distinct", code, distinct_code, False),
                ("replies-copied", replies, copied_replies, True),
                ("replies-distinct", replies, distinct_replies, True)):
            report[name] = measure(name, assignment, make(args.candidates), read, work, env,
                                   args)
            print(name, json.dumps(report[name]), file=sys.stderr)
    publish("similarity", report)


if __name__ == "__main__":
    main()
