"""Review reports, rendered from stored results (never by grading again).

``build_report`` decides what a report says for an audience (build.py: one page per
candidate from page.py, the cohort index from cohort.py, as the models of view.py;
``ReportPlan`` is a report whose pages are built as they are written);
``write_report`` renders it as HTML, Markdown and JSON (render.py) into a folder made ready
by ``prepare_folder`` (folder.py); ``print_to_pdf`` prints HTML pages with headless Chromium
(pdf.py). Candidate text is untrusted: every format escapes it.
"""

from __future__ import annotations

from worksample.errors import WorksampleError
from worksample.models import Assignment, GradeResult
from worksample.reports.build import ReportPlan, build_report
from worksample.reports.folder import prepare_folder
from worksample.reports.render import (
    FORMATS,
    report_files,
    result_files,
    write_report,
    write_results,
)
from worksample.reports.view import Audience, Report
from worksample.reports.work import stored_work

__all__ = ["FORMATS", "Audience", "Report", "ReportPlan", "build_report", "prepare_folder",
           "report_files", "result_files", "stored_results", "stored_work", "write_report",
           "write_results"]


def stored_results(assignment: Assignment, store) -> list[GradeResult]:
    """The stored results of this version of ``assignment``; an error says what to do if none.

    Results of earlier versions stay in the store, but a report mixes no versions: its
    rubric, pass score and questions are those of the version it names.
    """
    everything = list(store.results(assignment.id))
    current = [r for r in everything if r.assignment_version == assignment.version]
    if current:
        return current
    if everything:
        versions = sorted({r.assignment_version for r in everything})
        raise WorksampleError(
            f"no stored results for {assignment.id!r} as it is now (version "
            f"{assignment.version}); {store.path} holds {len(everything)} result(s) of "
            f"version(s) {', '.join(versions)}, graded before the assignment changed. "
            "Grade the submissions again to report on this version.")
    raise WorksampleError(
        f"no stored results for {assignment.id!r} in {store.path}; run `worksample grade "
        f"{assignment.id} SUBMISSION...` first, or name the store with --store")
