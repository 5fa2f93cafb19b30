"""How far worksample's scores agree with the experts' rankings (issue 20; target tau >= 0.8).

For every ranking file in examples/ (or those given), grade each sample it lists with the
assignment it belongs to and print Kendall's tau-b between the expert's places and the
scores, with the pairs of neighbouring places the scores put the other way round. The
assignment is the one in assignments/ whose id the file's name starts with (the longest
such id): `support-replies-pool.ranking.yaml` belongs to `support-replies`.

    .venv/bin/python benchmarks/bench_ranking_tau.py
    .venv/bin/python benchmarks/bench_ranking_tau.py examples/support-replies-pool.ranking.yaml
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from figures import publish

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from worksample.assignments import load  # noqa: E402 (after the path is set)
from worksample.calibration import calibrate  # noqa: E402
from worksample.plugins import get_registry  # noqa: E402


def assignment_for(ranking: Path) -> Path:
    """The assignment folder a ranking file belongs to, by the longest id its name starts
    with."""
    name = ranking.name.removesuffix(".ranking.yaml")
    ids = [folder.name for folder in (ROOT / "assignments").iterdir()
           if (folder / "assignment.yaml").is_file() and name.startswith(folder.name)]
    if not ids:
        raise SystemExit(f"{ranking}: no assignment in assignments/ that its name starts with")
    return ROOT / "assignments" / max(ids, key=len)


def measured(ranking: Path, registry) -> dict:
    """Tau, the scores in the expert's order, and the neighbouring pairs out of order."""
    assignment = load(assignment_for(ranking), registry)
    with tempfile.TemporaryDirectory(prefix="worksample-tau-") as workdir:
        calibration = calibrate(assignment, ranking, Path(workdir), registry)
    return {
        "ranking": str(ranking.relative_to(ROOT)),
        "assignment": assignment.id,
        "samples": len(calibration.results),
        "tau": None if calibration.tau is None else round(calibration.tau, 3),
        "scores_in_expert_order": [
            [place, entry, result.score if result.score is not None else result.status.value]
            for place, entry, result in calibration.results],
        "out_of_order": calibration.disagreements,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rankings", nargs="*", type=Path,
                        help="ranking files (default: every examples/*.ranking.yaml of a text "
                             "assignment)")
    arguments = parser.parse_args()
    registry = get_registry()
    rankings = [path.resolve() for path in arguments.rankings] or [
        path for path in sorted((ROOT / "examples").glob("*.ranking.yaml"))
        if load(assignment_for(path), registry).type != "coding"]
    report = [measured(ranking, registry) for ranking in rankings]
    publish("ranking-tau", {"rankings": report})
    print()
    for row in report:
        print(f"tau {row['tau']!s:>6}  {row['samples']:>3} samples  {row['ranking']}")


if __name__ == "__main__":
    main()
