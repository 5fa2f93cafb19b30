"""Check an assignment against sample submissions a person has already put in order.

A ranking file (see ``ExpectedRanking``) lists sample submissions, best first, as a support
lead or a senior engineer would rank them, with paths relative to the file; a group of equally
good samples shares a place. ``worksample validate ASSIGNMENT --ranking FILE`` grades each
and reports every neighbouring pair of places whose scores disagree with that order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from worksample.assignments import describe_invalid, read_yaml
from worksample.errors import WorksampleError
from worksample.grading import grade_submission
from worksample.models import Assignment, ExpectedRanking, GradeResult, Status
from worksample.plugins import PluginRegistry
from worksample.workers import LimitedWorkers


@dataclass
class Calibration:
    """The samples' results, in the expected order, and where the scores disagree with it."""

    results: list[tuple[int, str, GradeResult]]  # place, path, result
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def read_ranking(path: Path) -> ExpectedRanking:
    """The expected order in a ranking file; WorksampleError naming the file and field."""
    try:
        ranking = ExpectedRanking.model_validate(read_yaml(path))
    except ValidationError as error:
        raise WorksampleError(describe_invalid(error), path=path) from None
    missing = [entry for _, entry in ranking.places() if not (path.parent / entry).exists()]
    if missing:
        raise WorksampleError(f"field 'ranking': no such files or folders: {missing} "
                              f"(paths are relative to {path.parent})", path=path)
    return ranking


def calibrate(assignment: Assignment, ranking_file: Path, workdir: Path,
              registry: PluginRegistry, workers: LimitedWorkers | None = None) -> Calibration:
    """Grade every sample the ranking file lists and compare the scores with its order."""
    places = read_ranking(ranking_file).places()
    results = [(place, entry, grade_submission(assignment, ranking_file.parent / entry, workdir,
                                               registry, workers=workers))
               for place, entry in places]
    problems = [f"{entry}: {result.status.value}, not graded: {result.message}"
                for _, entry, result in results if result.status != Status.GRADED]
    scored = [(place, entry, result.score) for place, entry, result in results
              if result.score is not None]
    groups = [list(group) for _, group in itertools.groupby(scored, key=lambda s: s[0])]
    for better, worse in itertools.pairwise(groups):
        _, low_entry, low = min(better, key=lambda s: s[2])
        _, high_entry, high = max(worse, key=lambda s: s[2])
        if not low > high:
            problems.append(f"{low_entry} ({low:g}) should score above {high_entry} ({high:g})")
    return Calibration(results=results, problems=problems)
