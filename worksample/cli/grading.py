"""``worksample validate`` and ``worksample grade``: the commands that grade.

They parse, start the limited workers, load the assignment and hand over to the core
(``worksample.grading``, ``worksample.batch``); what they add is how the outcome is printed
and the exit code.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import click

from worksample import __version__
from worksample.cli.cluster import cluster_of, cluster_options
from worksample.cli.common import (
    load_assignment,
    open_store,
    registry,
    score_text,
    store_option,
)
from worksample.safe_text import visible


@click.command()
@click.argument("assignment")
@click.option("--ranking", "ranking_file",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also grade the sample submissions this YAML file lists, best first, and "
                   "check that their scores come out in that order.")
@click.pass_context
def validate(ctx: click.Context, assignment: str, ranking_file: Path | None) -> None:
    """Check ASSIGNMENT's file, then grade its self-test submissions (reference, starter ...)."""
    from worksample.self_test import assignment_checks, self_test
    from worksample.workers import LimitedWorkers

    workers = ctx.with_resource(LimitedWorkers(1).start())  # they boot while we load
    loaded = load_assignment(ctx, assignment)
    workers.limits = loaded.spec.host_limits
    click.echo(f"{loaded.root / 'assignment.yaml'}: valid ({loaded.type}, version "
               f"{loaded.version})")
    for line in assignment_checks(loaded, registry().assignment_type(loaded.type)):
        click.echo(visible(f"ok   {line}"))
    with tempfile.TemporaryDirectory(prefix="worksample-") as workdir:
        outcomes = self_test(loaded, Path(workdir), registry(), workers)
        calibration = (_calibration(loaded, ranking_file, Path(workdir), workers)
                       if ranking_file else None)
    for outcome in outcomes:
        result = outcome.result
        mark = "ok  " if outcome.ok else "FAIL"
        click.echo(f"{mark} {outcome.case.label}: {result.status.value}, score "
                   f"{score_text(result)} ({outcome.case.expectation})")
        if result.message:
            click.echo(visible(f"     {result.message}"))
    if calibration is not None:
        _echo_calibration(ranking_file, calibration)
    if not all(o.ok for o in outcomes) or (calibration is not None and not calibration.ok):
        sys.exit(1)


def _calibration(assignment, ranking_file: Path, workdir: Path, workers):
    from worksample.calibration import calibrate

    return calibrate(assignment, ranking_file, workdir, registry(), workers)


def _echo_calibration(ranking_file: Path, calibration) -> None:
    click.echo(f"samples in the order of {ranking_file}:")
    for place, entry, result in calibration.results:
        click.echo(f"     {place}. {score_text(result):>6}  {entry}")
    if calibration.tau is not None:
        click.echo(f"     Kendall's tau between the order and the scores: {calibration.tau:.2f}")
    required = calibration.min_tau
    if calibration.ok:
        click.echo("ok   the scores come out in this order" if required is None else
                   f"ok   the scores agree with this order (tau at least {required:g})")
    for problem in calibration.problems:
        click.echo(visible(f"FAIL ranking: {problem}"))
    if required is not None:
        for disagreement in calibration.disagreements:
            click.echo(visible(f"     out of order: {disagreement}"))


def _refuse_missing(ctx: click.Context, param: click.Parameter,
                    paths: tuple[Path, ...]) -> tuple[Path, ...]:
    """A path that does not exist is a typo in the command, not a candidate to reject: refuse
    them all in one line before anything is graded. A path that exists but is no valid
    submission (a symbolic link, a corrupt archive) is graded, and stored as rejected."""
    missing = [repr(click.format_filename(p)) for p in paths
               if not (p.exists() or p.is_symlink())]
    if missing:
        raise click.BadParameter(
            f"no such file or folder: {', '.join(missing)}. Nothing was graded", ctx, param)
    return paths


@click.command()
@click.argument("assignment")
@click.argument("submissions", nargs=-1, required=True,
                type=click.Path(path_type=Path), callback=_refuse_missing)
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=os.cpu_count() or 1,
              show_default=True, help="Submissions graded at once.")
@store_option
@click.option("--regrade", is_flag=True, help="Grade again what the store already holds.")
@click.option("--retry-errors", is_flag=True, help="Grade again what the store holds as error.")
@click.option("--retries", type=click.IntRange(1, 10), default=3, show_default=True,
              help="Attempts when the machinery fails (engine, container), with backoff.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of results.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write this batch's review report (index.html) and each result as "
                   "JSON (results/) into this folder.")
@click.option("--times", "times_file",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A CSV of the candidates' times as the team recorded them: columns "
                   "submission, started, submitted (ISO 8601). They win over the times "
                   "read from an archive or a git history; a bad row is reported and the "
                   "batch goes on. Given again later, a stored result takes the new time "
                   "without being graded again.")
@cluster_options
@click.pass_context
def grade(ctx: click.Context, assignment: str, submissions: tuple[Path, ...], jobs: int,
          store_path: Path, regrade: bool, retry_errors: bool, retries: int, as_json: bool,
          out: Path | None, times_file: Path | None) -> None:
    """Grade SUBMISSIONS (folders, .zip, .tar[.gz], files) against ASSIGNMENT.

    Every result is kept in the store; running the same command again grades only what is
    not there yet. Each result carries the candidate's own time where there is one: recorded
    by the team (--times), else first to last commit of a git history sent with the
    submission, else first to last file change in a zip or tar (the last two are the
    candidate's to set, and the page says so). Exit code 0 when every submission was graded
    or rejected, 1 when any hit an error, 2 when the command is wrong (a path that does not
    exist, an invalid assignment, a --times file without its columns), 130 when stopped with
    Ctrl-C (what finished is kept).
    """
    from worksample.batch import BatchOptions, checked_sources, grade_batch
    from worksample.console import BatchProgress, print_results_table
    from worksample.grading import RetryPolicy
    from worksample.models import Status
    from worksample.workers import LimitedWorkers

    cluster = cluster_of(ctx)  # before anything else: a cluster that cannot be used is exit 2
    workers = None if cluster else ctx.with_resource(LimitedWorkers(jobs).start())
    loaded = load_assignment(ctx, assignment)
    if workers is not None:
        workers.limits = loaded.spec.host_limits
    sources = checked_sources(submissions)  # before the store is opened: nothing left behind
    times = _recorded_times(times_file, sources)
    store = open_store(store_path)
    options = BatchOptions(jobs=jobs, regrade=regrade, retry_errors=retry_errors,
                           retry=RetryPolicy(attempts=retries), times=times)
    with tempfile.TemporaryDirectory(prefix="worksample-") as workdir, \
            BatchProgress(len(submissions)) as progress:
        try:
            if cluster is not None:
                from worksample.cluster.client import grade_on_cluster

                items = grade_on_cluster(cluster, loaded, sources, store, options,
                                         on_item=_fingerprinted(loaded, store, progress))
            else:
                items = grade_batch(loaded, sources, Path(workdir), registry(), store,
                                    options, on_item=_fingerprinted(loaded, store, progress),
                                    workers=workers)
        except KeyboardInterrupt:
            click.echo(f"worksample: stopped; {progress.done} result(s) kept in {store_path}; "
                       "run the same command again to grade the rest", err=True)
            sys.exit(130)
    _fingerprint(loaded, store, workers)
    order = {source: index for index, source in enumerate(submissions)}
    items.sort(key=lambda item: order[item.source])
    results = [item.result for item in items]
    reviews = store.reviews(results)  # ratings a regraded submission already has
    if out is not None:
        report_path = _write_out(out, loaded, results, reviews, store)
    if as_json:
        click.echo(json.dumps([r.model_dump(mode="json") for r in results], indent=2))
    else:
        print_results_table(results, reviews)
    click.echo(_batch_summary(items, store_path), err=True)
    if out is not None:
        click.echo(f"report: {report_path.resolve()}", err=as_json)
    if any(r.status == Status.ERROR for r in results):
        sys.exit(1)


def _fingerprinted(assignment, store, progress):
    """What is done with each item of the batch once saved: the progress bar advanced, and
    its fingerprints for the similarity measure made and kept (``worksample/similarity/``),
    while the batch's other submissions run, unless the worker that graded it made them and
    they were saved with it."""
    from worksample.similarity.sources import keep

    def finished(item) -> None:
        progress.advance(item)
        if not item.from_store:
            try:
                keep(assignment, store, item.result)
            except Exception:  # the batch's end, or the next report, makes them
                pass

    return finished


def _fingerprint(assignment, store, workers) -> None:
    """Keep the fingerprints of what the batch graded that are not kept yet (work with much
    code, read in the limited workers; results graded before), so that the next report and
    every later cohort compare without reading this work again."""
    from worksample.similarity.sources import update

    try:
        update(assignment, store, workers)
    except Exception as error:  # a report makes them when they are missing: say so, go on
        click.echo(visible(f"worksample: the similarity fingerprints were not made now "
                           f"({error!r}); the next report makes them"), err=True)


def _recorded_times(times_file: Path | None, sources) -> dict:
    """The times recorded in ``times_file`` by submission id; each bad row, or row naming
    no submission of this batch, is one line on stderr, and the batch goes on."""
    from worksample.intake import submission_id_for
    from worksample.recorded_times import read_times

    if times_file is None:
        return {}
    read = read_times(times_file)
    for error in read.errors + read.unmatched({submission_id_for(s) for s in sources},
                                              times_file):
        click.echo(visible(f"worksample: recorded times: {error}"), err=True)
    return read.times


def _batch_summary(items, store_path: Path) -> str:
    """One line: what this run added, by status, what the store already held, and what next."""
    from worksample.models import Status

    fresh = Counter(item.result.status for item in items if not item.from_store)
    stored = sum(item.from_store for item in items)
    by_status = ", ".join(f"{fresh[status]} {status.value}" for status in Status if fresh[status])
    line = (f"{sum(fresh.values())} new result(s){f' ({by_status})' if by_status else ''}, "
            f"{stored} already in the store ({store_path})")
    older = Counter(item.result.worksample_version for item in items
                    if item.from_store and item.result.worksample_version != __version__)
    if older:  # the store is not keyed by grader version: say when an upgrade is not applied
        line += (f" ({sum(older.values())} of them graded by worksample "
                 f"{', '.join(sorted(older))}; this is {__version__})")
    if stored:
        line += "; --regrade grades them again"
    if any(item.result.status == Status.ERROR for item in items):
        line += "; --retry-errors grades the errors again"
    return line


def _write_out(out: Path, assignment, results, reviews, store) -> Path:
    """The batch's results as JSON files and its hiring-manager report (with reviewers'
    ratings, full score and decision from ``reviews``, and near-identical texts and similar
    work flagged from what ``store`` keeps); returns the index."""
    from worksample import reports
    from worksample.reports.similar import stored_texts
    from worksample.reports.similar_work import SimilarWork

    plan = reports.ReportPlan(assignment, results, reviews=reviews,
                              texts=stored_texts(store, assignment.id),
                              similar=SimilarWork.measured_in(assignment, store, blind=False))
    reports.prepare_folder(out, keep=[*reports.result_files(results, out / "results"),
                                      *reports.report_files(plan, out)])
    reports.write_results(results, out / "results")
    return reports.write_report(plan, out)[0]
