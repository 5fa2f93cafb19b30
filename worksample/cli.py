"""The command line: parse options, call the core, print. No grading logic lives here.

Plugins load lazily, when a command needs them, and ``worksample --help`` imports neither the
docker SDK nor any plugin.
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
from worksample.errors import WorksampleError
from worksample.safe_text import visible

ASSIGNMENTS_ENV = "WORKSAMPLE_ASSIGNMENTS"


class WorksampleGroup(click.Group):
    """Turns a WorksampleError into one clean line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorksampleError as error:  # it may name a candidate's file: shown, not obeyed
            click.echo(visible(f"worksample: error: {error}"), err=True)
            ctx.exit(2)


@click.group(cls=WorksampleGroup)
@click.version_option(__version__, prog_name="worksample")
@click.option(
    "--assignments-dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("assignments"), show_default=True, envvar=ASSIGNMENTS_ENV,
    help="Where assignment ids are looked up.",
)
@click.pass_context
def cli(ctx: click.Context, assignments_dir: Path) -> None:
    """Grade hiring take-homes and work samples, and keep every result."""
    ctx.obj = {"assignments_dir": assignments_dir}


def _registry():
    from worksample.plugins import get_registry

    return get_registry()


def _load_assignment(ctx: click.Context, reference: str):
    from worksample import assignments

    folder = assignments.resolve(reference, ctx.obj["assignments_dir"])
    return assignments.load(folder, _registry())


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def plugins(as_json: bool) -> None:
    """List plugins: version, assignment types and hooks (and load failures)."""
    described = _registry().describe()
    if as_json:
        click.echo(json.dumps(described, indent=2))
        return
    for plugin in described:
        if "error" in plugin:
            click.echo(f"{plugin['name']}: FAILED TO LOAD: {plugin['error']}")
            continue
        click.echo(f"{plugin['name']} {plugin['version']}")
        click.echo(f"  assignment types: {', '.join(plugin['assignment_types']) or '-'}")
        click.echo(f"  hooks: {', '.join(plugin['hooks'])}")


@cli.group()
def assignments() -> None:
    """Browse assignments."""


@assignments.command("list")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def assignments_list(ctx: click.Context, directory: Path | None) -> None:
    """List the assignments in DIRECTORY (default: the assignments folder)."""
    from worksample import assignments as loader

    directory = directory or ctx.obj["assignments_dir"]
    registry = _registry()
    for folder in loader.discover(directory):
        try:
            assignment = loader.load(folder, registry)
        except WorksampleError as error:
            click.echo(f"{folder.name}\tINVALID\t{error}")
            continue
        spec = assignment.spec
        click.echo(f"{spec.id}\t{spec.type}\t{spec.time_budget_minutes} min\t{spec.title}")


@assignments.command("show")
@click.argument("assignment")
@click.pass_context
def assignments_show(ctx: click.Context, assignment: str) -> None:
    """Show one assignment: its settings, rubric and type section."""
    loaded = _load_assignment(ctx, assignment)
    spec = loaded.spec
    click.echo(f"{spec.title}  ({spec.id}, type {spec.type}, version {loaded.version})")
    click.echo(f"role: {spec.role}; time budget: {spec.time_budget_minutes} min; "
               f"pass score: {spec.pass_score:g}")
    click.echo(f"folder: {loaded.root}")
    click.echo("rubric:")
    for criterion in spec.rubric:
        click.echo(f"  {criterion.id} ({criterion.source}, weight {criterion.weight:g}): "
                   f"{criterion.title}")
    click.echo(f"{spec.type}:")
    for line in json.dumps(loaded.section.model_dump(mode="json"), indent=2).splitlines():
        click.echo(f"  {line}")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of assignment.yaml (for editors)."""
    from worksample.assignments import json_schema

    click.echo(json.dumps(json_schema(_registry()), indent=2))


@cli.command()
@click.argument("assignment")
@click.option("--ranking", "ranking_file",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also grade the sample submissions this YAML file lists, best first, and "
                   "check that their scores come out in that order.")
@click.pass_context
def validate(ctx: click.Context, assignment: str, ranking_file: Path | None) -> None:
    """Check ASSIGNMENT's file, then grade its self-test submissions (reference, starter ...)."""
    from worksample.grading import self_test
    from worksample.workers import LimitedWorkers

    workers = ctx.with_resource(LimitedWorkers(1).start())  # they boot while we load
    loaded = _load_assignment(ctx, assignment)
    workers.limits = loaded.spec.host_limits
    click.echo(f"{loaded.root / 'assignment.yaml'}: valid ({loaded.type}, version "
               f"{loaded.version})")
    with tempfile.TemporaryDirectory(prefix="worksample-") as workdir:
        outcomes = self_test(loaded, Path(workdir), _registry(), workers)
        calibration = (_calibration(loaded, ranking_file, Path(workdir), workers)
                       if ranking_file else None)
    for outcome in outcomes:
        result = outcome.result
        mark = "ok  " if outcome.ok else "FAIL"
        click.echo(f"{mark} {outcome.case.label}: {result.status.value}, score "
                   f"{_score_text(result)} ({outcome.case.expectation})")
        if result.message:
            click.echo(visible(f"     {result.message}"))
    if calibration is not None:
        _echo_calibration(ranking_file, calibration)
    if not all(o.ok for o in outcomes) or (calibration is not None and not calibration.ok):
        sys.exit(1)


def _calibration(assignment, ranking_file: Path, workdir: Path, workers):
    from worksample.calibration import calibrate

    return calibrate(assignment, ranking_file, workdir, _registry(), workers)


def _echo_calibration(ranking_file: Path, calibration) -> None:
    click.echo(f"samples in the order of {ranking_file}:")
    for place, entry, result in calibration.results:
        click.echo(f"     {place}. {_score_text(result):>6}  {entry}")
    if calibration.ok:
        click.echo("ok   the scores come out in this order")
    for problem in calibration.problems:
        click.echo(visible(f"FAIL ranking: {problem}"))


def _score_text(result) -> str:
    return "-" if result.score is None else f"{result.score:g}"


def _store_option(function):
    return click.option(
        "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar="WORKSAMPLE_STORE", default=Path("worksample-results.sqlite"), show_default=True,
        help="The results store (SQLite). Env: WORKSAMPLE_STORE.",
    )(function)


def _open_store(path: Path):
    from worksample.store import ResultStore

    return ResultStore(path)


@cli.command()
@click.argument("assignment")
@click.argument("submissions", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=os.cpu_count() or 1,
              show_default=True, help="Submissions graded at once.")
@_store_option
@click.option("--regrade", is_flag=True, help="Grade again what the store already holds.")
@click.option("--retry-errors", is_flag=True, help="Grade again what the store holds as error.")
@click.option("--retries", type=click.IntRange(1, 10), default=3, show_default=True,
              help="Attempts when the machinery fails (engine, container), with backoff.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of results.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write this batch's review report (index.html) and each result as "
                   "JSON (results/) into this folder.")
@click.pass_context
def grade(ctx: click.Context, assignment: str, submissions: tuple[Path, ...], jobs: int,
          store_path: Path, regrade: bool, retry_errors: bool, retries: int, as_json: bool,
          out: Path | None) -> None:
    """Grade SUBMISSIONS (folders, .zip, .tar[.gz], files) against ASSIGNMENT.

    Every result is kept in the store; running the same command again grades only what is
    not there yet. Exit code 0 when every submission was graded or rejected, 1 when any hit
    an error, 130 when stopped with Ctrl-C (what finished is kept).
    """
    from worksample.batch import BatchOptions, grade_batch, refuse_shared_names
    from worksample.console import BatchProgress, print_results_table
    from worksample.grading import RetryPolicy
    from worksample.models import Status
    from worksample.workers import LimitedWorkers

    workers = ctx.with_resource(LimitedWorkers(jobs).start())  # they boot while we load
    loaded = _load_assignment(ctx, assignment)
    workers.limits = loaded.spec.host_limits
    refuse_shared_names(submissions)  # before the store is opened: a refusal leaves no file
    store = _open_store(store_path)
    options = BatchOptions(jobs=jobs, regrade=regrade, retry_errors=retry_errors,
                           retry=RetryPolicy(attempts=retries))
    with tempfile.TemporaryDirectory(prefix="worksample-") as workdir, \
            BatchProgress(len(submissions)) as progress:
        try:
            items = grade_batch(loaded, submissions, Path(workdir), _registry(), store,
                                options, on_item=progress.advance, workers=workers)
        except KeyboardInterrupt:
            click.echo(f"worksample: stopped; {progress.done} result(s) kept in {store_path}; "
                       "run the same command again to grade the rest", err=True)
            sys.exit(130)
    order = {source: index for index, source in enumerate(submissions)}
    items.sort(key=lambda item: order[item.source])
    results = [item.result for item in items]
    if out is not None:
        report_path = _write_out(out, loaded, results)
    if as_json:
        click.echo(json.dumps([r.model_dump(mode="json") for r in results], indent=2))
    else:
        print_results_table(results)
    click.echo(_batch_summary(items, store_path), err=True)
    if out is not None:
        click.echo(f"report: {report_path.resolve()}", err=as_json)
    if any(r.status == Status.ERROR for r in results):
        sys.exit(1)


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


@cli.group()
def results() -> None:
    """Read the results store: list, show, export for an applicant-tracking system."""


@results.command("list")
@click.option("--assignment", "assignment_id", help="Only this assignment id.")
@_store_option
def results_list(assignment_id: str | None, store_path: Path) -> None:
    """One line per stored result."""
    for r in _open_store(store_path).results(assignment_id):
        score = "-" if r.score is None else f"{r.score:g}"
        click.echo(f"{r.assignment_id}\t{r.assignment_version}\t{r.submission_id}\t"
                   f"{r.status.value}\t{score}\t{r.graded_at:%Y-%m-%d %H:%M}")


@results.command("show")
@click.argument("submission")
@click.option("--assignment", "assignment_id", help="Only this assignment id.")
@_store_option
def results_show(submission: str, assignment_id: str | None, store_path: Path) -> None:
    """The stored results (JSON) for SUBMISSION: its id or the start of its content hash."""
    found = [r.model_dump(mode="json") for r in _open_store(store_path).results(assignment_id)
             if r.submission_id == submission
             or (r.submission_hash or "").startswith(submission) and len(submission) >= 8]
    if not found:
        raise WorksampleError(f"no stored result for {submission!r} in {store_path}")
    click.echo(json.dumps(found, indent=2))


@results.command("export")
@click.option("--assignment", "assignment_id", help="Only this assignment id.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--output", type=click.File("w"), default="-", help="File (default: stdout).")
@_store_option
def results_export(assignment_id: str | None, fmt: str, output, store_path: Path) -> None:
    """Every stored result as CSV (one row per result) or JSON, for other systems."""
    from worksample.export import write_csv

    stored = list(_open_store(store_path).results(assignment_id))
    if fmt == "json":
        json.dump([r.model_dump(mode="json") for r in stored], output, indent=2)
        output.write("\n")
    else:
        write_csv(stored, output)


def _write_out(out: Path, assignment, results) -> Path:
    """The batch's results as JSON files and its hiring-manager report; returns the index."""
    from worksample.reports import build_report, prepare_folder, write_report, write_results

    prepare_folder(out)
    write_results(results, out / "results")
    return write_report(build_report(assignment, results), out)[0]


@cli.command()
@click.argument("assignment")
@_store_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the report [default: worksample-report/ASSIGNMENT/AUDIENCE, "
                   "with -blind for blind reviews]. An earlier report there is replaced.")
@click.option("--audience", type=click.Choice(["hiring-manager", "hr", "candidate"]),
              default="hiring-manager", show_default=True,
              help="hiring-manager: job skills first, every detail; hr: communication and "
                   "values first; candidate: feedback a candidate may receive.")
@click.option("--blind", is_flag=True,
              help="Aliases instead of names; e-mails, phones, links and names redacted.")
@click.option("--format", "formats", type=click.Choice(["html", "md", "json"]), multiple=True,
              help="Repeat for several [default: html, md and json].")
@click.option("--pdf", is_flag=True, help="Also print the HTML pages to PDF (needs Chromium).")
@click.option("--submission", "only", multiple=True,
              help="Only this submission id (repeatable), e.g. to send one candidate feedback.")
@click.pass_context
def report(ctx: click.Context, assignment: str, store_path: Path, out: Path | None,
           audience: str, blind: bool, formats: tuple[str, ...], pdf: bool,
           only: tuple[str, ...]) -> None:
    """Write the review report for ASSIGNMENT from stored results; nothing is graded again.

    One page per candidate (rubric, evidence, flags, the second-round discussion guide) and a
    cohort index (ranking and charts), as HTML, Markdown and JSON. Prints the path to open.
    """
    from worksample import reports
    from worksample.reports.pdf import find_browser, print_to_pdf

    loaded = _load_assignment(ctx, assignment)
    browser = find_browser() if pdf else None  # refuse before writing anything
    results = reports.stored_results(loaded, _open_store(store_path))
    if only:
        missing = sorted(set(only) - {r.submission_id for r in results})
        if missing:
            raise WorksampleError(f"no stored result for submission(s) {', '.join(missing)} "
                                  f"of {loaded.id!r} in {store_path}")
        results = [r for r in results if r.submission_id in only]
    formats = formats or reports.FORMATS
    if pdf and "html" not in formats:
        formats = ("html", *formats)
    out = out or Path("worksample-report", loaded.id, audience + ("-blind" if blind else ""))
    built = reports.build_report(loaded, results, audience=audience, blind=blind)
    reports.prepare_folder(out)
    written = reports.write_report(built, out, formats)
    if browser is not None:
        written += print_to_pdf([p for p in written if p.suffix == ".html"], browser)
    click.echo(f"{len(built.pages)} candidate page(s) as {', '.join(formats)}"
               f"{' and pdf' if browser else ''} in {out}", err=True)
    opened = out / "index.html" if built.index is not None else out / "candidates"
    click.echo(f"report: {(opened if opened.exists() else written[0]).resolve()}")


def main() -> None:
    """Entry point of the ``worksample`` console script."""
    cli()
