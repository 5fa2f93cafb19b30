"""Check an assignment against sample submissions a person has already put in order.

A ranking file (see ``ExpectedRanking``) lists sample submissions, best first, as a support
lead or a senior engineer would rank them, with paths relative to the file; a group of equally
good samples shares a place. ``worksample validate ASSIGNMENT --ranking FILE`` grades each
and reports every neighbouring pair of places whose scores disagree with that order.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
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
    """The samples' results, in the expected order, how far the scores agree with it, and
    what fails the check."""

    results: list[tuple[int, str, GradeResult]]  # place, path, result
    problems: list[str]
    tau: float | None = None  # Kendall's tau-b of places and scores
    min_tau: float | None = None  # the ranking file's bar; None: every place above the next
    disagreements: list[str] = field(default_factory=list)  # neighbouring places out of order

    @property
    def ok(self) -> bool:
        return not self.problems


def kendall_tau(places: list[int], scores: list[float]) -> float | None:
    """Kendall's tau-b between an expert's places (1 is best) and scores (higher is better):
    1 when the scores keep the order, -1 when they reverse it; ties count as neither. None
    when either side is all ties."""
    concordant = discordant = tied_places = tied_scores = 0
    pairs = itertools.combinations(zip(places, scores, strict=True), 2)
    for (place_a, score_a), (place_b, score_b) in pairs:
        by_place, by_score = place_b - place_a, score_a - score_b  # >0: a is better
        if by_place == 0 and by_score == 0:
            continue
        if by_place == 0:
            tied_places += 1
        elif by_score == 0:
            tied_scores += 1
        elif (by_place > 0) == (by_score > 0):
            concordant += 1
        else:
            discordant += 1
    pairs_by_place = concordant + discordant + tied_scores
    pairs_by_score = concordant + discordant + tied_places
    if not pairs_by_place or not pairs_by_score:
        return None
    return (concordant - discordant) / math.sqrt(pairs_by_place * pairs_by_score)


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
    """Grade every sample the ranking file lists and compare the scores with its order: each
    place must score above the next, or, if the file sets ``min_tau``, Kendall's tau must
    reach it."""
    ranking = read_ranking(ranking_file)
    places = ranking.places()
    results = [(place, entry, grade_submission(assignment, ranking_file.parent / entry, workdir,
                                               registry, workers=workers))
               for place, entry in places]
    problems = [f"{entry}: {result.status.value}, not graded: {result.message}"
                for _, entry, result in results if result.status != Status.GRADED]
    scored = [(place, entry, result.score) for place, entry, result in results
              if result.score is not None]
    disagreements = []
    groups = [list(group) for _, group in itertools.groupby(scored, key=lambda s: s[0])]
    for better, worse in itertools.pairwise(groups):
        _, low_entry, low = min(better, key=lambda s: s[2])
        _, high_entry, high = max(worse, key=lambda s: s[2])
        if not low > high:
            disagreements.append(f"{low_entry} ({low:g}) should score above {high_entry} "
                                 f"({high:g})")
    tau = kendall_tau([place for place, _, _ in scored], [score for _, _, score in scored])
    if ranking.min_tau is None:
        problems += disagreements
    elif tau is None or tau < ranking.min_tau:
        shown = "undefined" if tau is None else f"{tau:.2f}"
        problems.append(f"Kendall's tau {shown} is below the file's min_tau "
                        f"{ranking.min_tau:g}")
    return Calibration(results=results, problems=problems, tau=tau, min_tau=ranking.min_tau,
                       disagreements=disagreements)
