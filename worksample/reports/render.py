"""Render a ``Report`` to files: HTML (self-contained), Markdown and JSON.

Candidate text is untrusted. HTML templates autoescape everything; Markdown templates escape
every value through ``finalize``, so a template cannot forget to.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from worksample.errors import WorksampleError
from worksample.models import GradeResult
from worksample.reports.charts import level_chart, score_histogram
from worksample.reports.halves import in_two_processes, worth_a_child
from worksample.reports.view import CandidateFile, CandidatePage, Report

FORMATS = ("html", "md", "json")
CANDIDATES_FOLDER = "candidates"
RESULTS_FOLDER = "results"
MARKER = ".worksample-report"
# Markdown's markup characters, each escaped by a backslash (str.translate: a regular
# expression's substitution took 1.7 times as long; a Markdown page has some 130 values).
_MARKDOWN_ESCAPES = str.maketrans({character: "\\" + character
                                   for character in "\\`*_{}[]<>|#!~"})


def _markdown_value(value) -> str:
    """Every value in a Markdown template: on one line, with Markdown's markup characters
    escaped, so candidate text can neither break a table nor inject links or HTML."""
    if value is None:
        return ""
    return " ".join(str(value).split()).translate(_MARKDOWN_ESCAPES)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}".removesuffix(".0")


def _environment(markdown: bool) -> Environment:
    if markdown:
        environment = Environment(loader=PackageLoader("worksample", "reports/templates"),
                                  autoescape=False, finalize=_markdown_value,
                                  trim_blocks=True, lstrip_blocks=True,
                                  keep_trailing_newline=True)
    else:
        environment = Environment(loader=PackageLoader("worksample", "reports/templates"),
                                  autoescape=select_autoescape(default=True,
                                                               default_for_string=True),
                                  trim_blocks=True, lstrip_blocks=True)
    environment.filters["number"] = _number
    return environment


def prepare_folder(out: Path) -> None:
    """Make ``out`` ready for a report: new, empty, or holding an earlier worksample report.

    An earlier report's files are removed first, so no page of a candidate who is no longer
    in the report (or, after a blind review, under a real name) is left behind. A folder
    with other files is refused rather than mixed with.
    """
    if out.exists() and not out.is_dir():
        raise WorksampleError("the report folder is a file; choose a folder", path=out)
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise WorksampleError(
                "the folder is not empty and holds no worksample report; choose a new or "
                "empty folder for the report", path=out)
        for folder in (CANDIDATES_FOLDER, RESULTS_FOLDER):
            shutil.rmtree(out / folder, ignore_errors=True)
        for old in out.glob("index.*"):
            old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("A folder written by worksample; its reports are replaced on "
                              "each run.\n", encoding="utf-8")


def write_results(results: Sequence[GradeResult], folder: Path) -> None:
    """One ``<submission>.json`` per result (GradeResult, as stored) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for result in results:
        name = result.submission_id
        if name in used:  # two submissions with the same file name in one batch
            name = f"{name}-{(result.submission_hash or 'x')[:8]}"
        used.add(name)
        (folder / f"{name}.json").write_text(result.model_dump_json(indent=2), encoding="utf-8")


def write_report(report: Report, out: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the index (unless the audience is the candidate) and every candidate page.

    Returns the paths written, the index first when there is one. A large report's pages are
    written by two processes when this one may fork and has a second core (``halves.py``).
    """
    pages_folder = out / CANDIDATES_FOLDER
    pages_folder.mkdir(parents=True, exist_ok=True)
    written = []
    html, markdown = _environment(markdown=False), _environment(markdown=True)
    templates = {"html": html, "md": markdown}
    if report.index is not None:
        charts = {"histogram": score_histogram(report.index, report.assignment.pass_score),
                  "levels": level_chart(report.index)}
        for fmt in formats:
            path = out / f"index.{fmt}"
            if fmt == "json":
                path.write_text(report.model_dump_json(indent=2, exclude={"pages"}),
                                encoding="utf-8")
            else:
                template = templates[fmt].get_template(f"index.{fmt}.j2")
                path.write_text(template.render(report=report, index=report.index, **charts),
                                encoding="utf-8")
            written.append(path)
    page_templates = {fmt: None if fmt == "json"
                      else templates[fmt].get_template(f"candidate.{fmt}.j2") for fmt in formats}

    def write_pages(pages: Sequence[CandidatePage]) -> None:
        for fmt, template in page_templates.items():
            for page in pages:
                path = pages_folder / f"{page.stem}.{fmt}"
                if template is None:
                    path.write_text(_candidate_json(report, page), encoding="utf-8")
                else:
                    path.write_text(template.render(report=report, page=page), encoding="utf-8")

    pages = report.pages
    if worth_a_child(len(pages)):
        half = len(pages) // 2
        in_two_processes(lambda: write_pages(pages[:half]), lambda: write_pages(pages[half:]))
    else:
        write_pages(pages)
    written += [pages_folder / f"{page.stem}.{fmt}" for fmt in formats for page in pages]
    return written


# Where pydantic's JSON differs from json.dumps's: a float between 1e-10 and 1e-4, which it
# writes as 0.00001 or 1e-7 where Python writes 1e-05 and 1e-07. The pattern may also match
# candidate text ("type-5": the page is then merely written the slow way), never miss such a
# float; it starts with a letter, not a digit, so that searching a page takes 50 us, not 130.
_PYDANTIC_SMALL_FLOAT = re.compile(r"e-\d(?!\d)|0\.0000")


def _candidate_json(report: Report, page: CandidatePage) -> str:
    """A candidate page's JSON file, as ``json.dumps(..., indent=2, ensure_ascii=False)`` of
    its ``model_dump(mode="json")`` writes it, byte for byte (the files' format since the
    first report), but by pydantic's serializer: json.dumps indents in pure Python, which took
    a third of a 1,000-candidate report (benchmarks/README.md, issue 22). A page with a float
    pydantic writes differently (none in practice: scores and points are rounded to 0.01)
    still goes through json.dumps."""
    candidate_file = CandidateFile(
        report_schema_version=report.report_schema_version, audience=report.audience,
        blind=report.blind, assignment=report.assignment, candidate=page)
    text = candidate_file.model_dump_json(indent=2)
    if _PYDANTIC_SMALL_FLOAT.search(text):
        return json.dumps(candidate_file.model_dump(mode="json"), indent=2, ensure_ascii=False)
    return text
