"""``worksample report``: review reports rendered from the results store."""

from __future__ import annotations

from pathlib import Path

import click

from worksample.cli.common import collector_paused, load_assignment, open_store, store_option
from worksample.cli.ratings import record_shown
from worksample.errors import WorksampleError


@click.command()
@click.argument("assignment")
@store_option
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
@click.option("--reviewer", help="A report for this reviewer: others' ratings of a candidate "
                                 "only once they have rated it themselves.")
@click.option("--borderline", type=click.FloatRange(0, 50), metavar="POINTS",
              help="Mark candidates within POINTS of the pass score, either side, as "
                   "borderline on the cohort page [default: the assignment's "
                   "borderline_points, 5 unless it says].")
@click.pass_context
def report(ctx: click.Context, assignment: str, store_path: Path, out: Path | None,
           audience: str, blind: bool, formats: tuple[str, ...], pdf: bool,
           only: tuple[str, ...], reviewer: str | None, borderline: float | None) -> None:
    """Write the review report for ASSIGNMENT from stored results; nothing is graded again.

    One page per candidate (rubric, evidence, reviewers' ratings, the full score and the
    decision, flags, the second-round discussion guide) and a cohort index (ranking and
    charts), as HTML, Markdown and JSON. Prints the path to open.
    """
    from worksample import reports
    from worksample.reports.pdf import find_browser, print_to_pdf

    loaded = load_assignment(ctx, assignment)
    browser = find_browser() if pdf else None  # refuse before writing anything
    formats = formats or reports.FORMATS
    if pdf and "html" not in formats:
        formats = ("html", *formats)
    out = out or Path("worksample-report", loaded.id, audience + ("-blind" if blind else ""))
    with collector_paused():
        plan, written = _written_report(loaded, open_store(store_path), out, formats,
                                         audience=audience, blind=blind, only=only,
                                         reviewer=reviewer, borderline=borderline)
    if browser is not None:
        written += print_to_pdf([p for p in written if p.suffix == ".html"], browser)
    click.echo(f"{len(plan)} candidate page(s) as {', '.join(formats)}"
               f"{' and pdf' if browser else ''} in {out}", err=True)
    opened = out / "index.html" if plan.index is not None else out / "candidates"
    click.echo(f"report: {(opened if opened.exists() else written[0]).resolve()}")


def _written_report(loaded, store, out: Path, formats: tuple[str, ...], *, audience: str,
                    blind: bool, only: tuple[str, ...], reviewer: str | None,
                    borderline: float | None):
    """Write the report from ``store`` to ``out``; returns its plan and the paths written.
    Its pages are built where they are written (``write_report``)."""
    from worksample import reports
    from worksample.ratings import reviews
    from worksample.reports.similar import stored_texts
    from worksample.reports.similar_work import SimilarWork

    results = reports.stored_results(loaded, store)
    if only:
        missing = sorted(set(only) - {r.submission_id for r in results})
        if missing:
            raise WorksampleError(f"no stored result for submission(s) {', '.join(missing)} "
                                  f"of {loaded.id!r} in {store.path}")
        results = [r for r in results if r.submission_id in only]
    made = reviews(results, store.ratings(loaded.id), store.decisions(loaded.id), reviewer)
    if reviewer is not None and audience != "candidate":
        record_shown(store, reviewer, results, made)
    similar = None if audience == "candidate" else SimilarWork.measured_in(
        loaded, store, blind, say=lambda line: click.echo(f"worksample: {line}", err=True))
    plan = reports.ReportPlan(loaded, results, audience=audience, blind=blind, reviews=made,
                              work=reports.stored_work(store),
                              texts=stored_texts(store, loaded.id), borderline=borderline,
                              similar=similar)
    reports.prepare_folder(out, keep=reports.report_files(plan, out, formats))
    return plan, reports.write_report(plan, out, formats)
