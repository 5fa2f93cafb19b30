"""Whether two trees grade the same submissions the same: every stored result compared, all
but when and how fast it was graded (score, pass, criteria with their evidence, checks,
flags, details, status and message), and the work the store kept of each (its files and the
texts its plugin read) and its fingerprints.

Each tree runs ``worksample grade ASSIGNMENT SUBMISSIONS... -j JOBS`` into a store of its own,
by the same interpreter; the differences are printed, one line each, and the exit code is 1
when there is any.

    .venv/bin/python benchmarks/compare_stored.py /tmp/before assignments/support-replies \\
        examples/support-replies/* examples/support-replies-pool/*
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOLATILE = {"graded_at", "durations", "worksample_version"}


def graded(tree: Path, assignment: Path, submissions: list[Path], jobs: int,
           work: Path) -> dict[str, dict]:
    """The results ``tree`` stores for ``submissions``, by submission id, without
    ``VOLATILE``."""
    store = work / f"{tree.name}-{os.urandom(4).hex()}.sqlite"
    env = {**os.environ, "PYTHONPATH": f"{tree}:{tree / 'plugins'}"}
    done = subprocess.run([sys.executable, "-m", "worksample", "grade", str(assignment),
                           *map(str, submissions), "--store", str(store), "-j", str(jobs)],
                          env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tree}: exit {done.returncode}: {done.stderr[-2000:]}")
    with sqlite3.connect(store) as db:
        rows = {row["submission_id"]: {k: v for k, v in row.items() if k not in VOLATILE}
                for row in (json.loads(text) for (text,) in db.execute(
                    "SELECT result FROM results"))}
        for name, *file in db.execute(
                "SELECT submission_id, path, size, kind, text, more_lines, more_bytes FROM "
                "work_files ORDER BY submission_id, position"):
            rows[name].setdefault("kept work", []).append(file)
        for name, key, scheme, kgrams, lines, digest, unread in db.execute(
                "SELECT name, submission_key, scheme, kgrams, lines, digest, unread FROM "
                "fingerprints"):
            rows[name]["fingerprints"] = [key, scheme, kgrams.hex(), lines.hex(), digest, unread]
    return rows


def differences(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """One line per submission or field that differs."""
    lines = [f"{name}: only {'before' if name in before else 'after'}"
             for name in sorted(set(before) ^ set(after))]
    for name in sorted(set(before) & set(after)):
        for field in sorted(set(before[name]) | set(after[name])):
            if before[name].get(field) != after[name].get(field):
                lines.append(f"{name}: {field}: {before[name].get(field)!r:.200} -> "
                             f"{after[name].get(field)!r:.200}")
    return lines


def main() -> None:
    """Grade with both trees; print the differences and how many results were compared."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the other tree (a git worktree or archive)")
    parser.add_argument("assignment", type=Path)
    parser.add_argument("submissions", type=Path, nargs="+")
    parser.add_argument("--after", type=Path, default=ROOT, help="default: this tree")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    submissions = [path.resolve() for path in args.submissions]
    with tempfile.TemporaryDirectory(prefix="worksample-compare-") as folder:
        work = Path(folder)
        before = graded(args.before.resolve(), args.assignment.resolve(), submissions,
                        args.jobs, work)
        after = graded(args.after.resolve(), args.assignment.resolve(), submissions,
                       args.jobs, work)
    found = differences(before, after)
    print("\n".join(found))
    statuses = {status: sum(r["status"] == status for r in after.values())
                for status in ("graded", "rejected", "error")}
    kept = [sum("fingerprints" in r for r in rows.values()) for rows in (before, after)]
    print(f"{len(before)} results before, {len(after)} after {statuses}; fingerprints of "
          f"{kept[0]} before, {kept[1]} after; {len(found)} difference(s)")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
