"""Render a ``Report`` to files: HTML (self-contained), Markdown and JSON.

Candidate text is untrusted. HTML templates autoescape everything; Markdown templates escape
every value through ``finalize``, so a template cannot forget to.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from worksample.models import GradeResult
from worksample.reports.build import ReportPlan
from worksample.reports.charts import level_chart, score_histogram
from worksample.reports.folder import CANDIDATES_FOLDER, remove_files, write_text
from worksample.reports.halves import in_two_processes, worth_a_child
from worksample.reports.script import cohort_script
from worksample.reports.view import CandidateFile, CandidatePage, Report

FORMATS = ("html", "md", "json")
# Markdown's markup characters, each escaped by a backslash. A Markdown page has some 130
# values and few hold one (662 of 118,871 in the 1,000-candidate benchmark): searching for one
# first, then translating, took a fifth of the time of translating every value (str.translate
# looks each character up when it maps one to two; a regular expression's substitution took
# 1.7 times as long as that).
_MARKDOWN_MARKUP = "\\`*_{}[]<>|#!~&"  # "&": no entity ("&rlm;", "&ZeroWidthSpace;")
_MARKDOWN_ESCAPES = str.maketrans({character: "\\" + character
                                   for character in _MARKDOWN_MARKUP})
_HAS_MARKUP = re.compile(f"[{re.escape(_MARKDOWN_MARKUP)}]")
_BACKTICKS = re.compile("`+")
# what opens a block at a line's start, besides the markup above and an indent (lines are
# written without one: four spaces open a code block): a setext underline or a thematic
# break ("===", "---"), a list item ("- ", "+ ", "1. ", "2) ")
_BLOCK_OPENER = re.compile(r"^([=+-])(?=[ \t=-]|$)|^(\d{1,9})([.)])(?=[ \t]|$)")


class _Verbatim(str):
    """Markdown a filter of this module built, each candidate text in it already made inert:
    ``finalize`` writes it as it is."""


def _markdown_value(value) -> str:
    """Every value in a Markdown template: on one line, with Markdown's markup characters
    escaped, so candidate text can neither break a table nor inject links or HTML."""
    if value is None:
        return ""
    if isinstance(value, _Verbatim):
        return value
    text = " ".join(str(value).split())
    return text.translate(_MARKDOWN_ESCAPES) if _HAS_MARKUP.search(text) else text


def _fenced(shown: list) -> _Verbatim:
    """Lines of a file or a diff (``view.CodeLine``, ``view.DiffLine``) as a fenced code block
    whose fence is longer than any run of backticks in them, so no line can end it; inside,
    Markdown reads nothing as markup."""
    lines = [getattr(line, "kind", "") + line.text
             + (f" … {line.cut} more characters" if getattr(line, "cut", 0) else "")
             for line in shown]
    longest = max((len(run) for line in lines for run in _BACKTICKS.findall(line)), default=0)
    fence = "`" * max(3, longest + 1)
    return _Verbatim("\n".join([fence, *lines, fence]))


def _marked(segments) -> _Verbatim:
    """A text as read (``view.Segment``s), its lines kept, each value escaped, marked
    sentences in bold, each followed by the criterion its mark links to."""
    out = []
    for segment in segments:
        lines = [_BLOCK_OPENER.sub(r"\2\\\1\3", line.strip(" \t").translate(_MARKDOWN_ESCAPES))
                 for line in segment.text.split("\n")]
        if segment.marks:
            lines = [_bold(line) for line in lines]
        out.append("\n".join(lines))
        out += [f" ({'✓' if h.kind == 'earned' else '✗' if h.kind == 'lost' else '?'} "
                f"{_markdown_value(h.criterion or h.check)})" for h in segment.ends]
    return _Verbatim("".join(out))


def _bold(line: str) -> str:
    """``line`` in bold, its white space outside the stars (where Markdown wants it)."""
    stripped = line.strip()
    if not stripped:
        return line
    start = line.index(stripped)
    return f"{line[:start]}**{stripped}**{line[start + len(stripped):]}"


def _side_by_side(fragment) -> _Verbatim:
    """A stretch of work found in both (``view.SimilarFragment``) as a Markdown table, this
    candidate's lines beside the other's, a line of each per row: every line a code span
    (Markdown reads nothing in it as markup; its indent kept as no-break spaces)."""
    this, other = fragment.this, fragment.other
    rows = [f"| {_markdown_value(_range(this))} | {_markdown_value(_range(other))} |",
            "|---|---|"]
    for row in range(max(len(this.lines), len(other.lines))):
        rows.append(f"| {_code_cell(this, row)} | {_code_cell(other, row)} |")
    return _Verbatim("\n".join(rows))


def _range(excerpt) -> str:
    more = f" ({excerpt.more} more not shown)" if excerpt.more else ""
    return f"{excerpt.path}, lines {excerpt.first}-{excerpt.last}{more}"


def _code_cell(excerpt, row: int) -> str:
    """Line ``row`` of ``excerpt`` as a table cell: its number (in bold for a line in
    common) and the line as a code span whose backticks are longer than any run in it; a
    pipe is escaped (a table would end the cell there); empty past the excerpt's end."""
    if row >= len(excerpt.lines):
        return ""
    number = excerpt.first + row
    shown = f"**{number}**" if number in excerpt.common else str(number)
    line = excerpt.lines[row].expandtabs(4).rstrip()
    if not line.strip():
        return shown
    indent = len(line) - len(line.lstrip(" \t"))
    line = "\u00a0" * indent + line[indent:]
    longest = max((len(run) for run in _BACKTICKS.findall(line)), default=0)
    ticks = "`" * (longest + 1)
    return f"{shown} {ticks} {line.replace('|', chr(92) + '|')} {ticks}"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}".removesuffix(".0")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def template_environment(markdown: bool, *, more: BaseLoader | None = None) -> Environment:
    """The Jinja2 environment of the report's templates (HTML autoescaped; Markdown escaped
    value by value), with ``more`` templates first (the review server's, which extend
    these). Templates are loaded once: checking each file's time on every use was a tenth of
    the review server's time under load."""
    loader = PackageLoader("worksample", "reports/templates")
    if more is not None:
        loader = ChoiceLoader([more, loader])
    if markdown:
        environment = Environment(loader=loader, autoescape=False, finalize=_markdown_value,
                                  trim_blocks=True, lstrip_blocks=True,
                                  keep_trailing_newline=True, auto_reload=False)
        environment.filters["fenced"] = _fenced
        environment.filters["marked"] = _marked
        environment.filters["side_by_side"] = _side_by_side
    else:
        environment = Environment(loader=loader, trim_blocks=True, lstrip_blocks=True,
                                  autoescape=select_autoescape(default=True,
                                                               default_for_string=True),
                                  auto_reload=False)
    environment.filters["number"] = _number
    environment.filters["percent"] = _percent
    return environment


def result_files(results: Sequence[GradeResult], folder: Path) -> list[Path]:
    """The file ``write_results`` writes for each of ``results``, in order."""
    paths, used = [], set()
    for result in results:
        name = result.submission_id
        if name in used:  # two submissions with the same file name in one batch
            name = f"{name}-{(result.submission_hash or 'x')[:8]}"
        used.add(name)
        paths.append(folder / f"{name}.json")
    return paths


def write_results(results: Sequence[GradeResult], folder: Path) -> None:
    """One ``<submission>.json`` per result (GradeResult, as stored) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for result, path in zip(results, result_files(results, folder), strict=True):
        write_text(path, result.model_dump_json(indent=2))


def report_files(report: Report | ReportPlan, out: Path,
                 formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """The files ``write_report`` writes, the index first when there is one."""
    page_stems = report.stems if isinstance(report, ReportPlan) else [
        page.stem for page in report.pages]
    index = [] if report.index is None else [out / f"index.{fmt}" for fmt in formats]
    return index + [out / CANDIDATES_FOLDER / f"{stem}.{fmt}"
                    for fmt in formats for stem in page_stems]


def write_report(report: Report | ReportPlan, out: Path,
                 formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the index (unless the audience is the candidate) and every candidate page.

    Returns the paths written (``report_files``). A large report's pages are written by two
    processes when this one may fork and has a second core (``halves.py``); given a
    ``ReportPlan``, each process also builds the pages it writes. If writing fails, none of
    the report's files is left, neither half-written nor from an earlier report in the same
    folder.
    """
    written = report_files(report, out, formats)
    try:
        if isinstance(report, ReportPlan):
            _write(report.report(pages=[]), report.page, len(report), out, formats)
        else:
            _write(report, report.pages.__getitem__, len(report.pages), out, formats)
    except BaseException:
        remove_files(written)
        raise
    return written


def _write(report: Report, page: Callable[[int], CandidatePage], pages: int, out: Path,
           formats: tuple[str, ...]) -> None:
    """Write ``report``'s index and its ``pages`` pages, the one at each position given by
    ``page``."""
    pages_folder = out / CANDIDATES_FOLDER
    pages_folder.mkdir(parents=True, exist_ok=True)
    templates = {"html": template_environment(markdown=False),
                 "md": template_environment(markdown=True)}
    page_templates = {fmt: None if fmt == "json"
                      else templates[fmt].get_template(f"candidate.{fmt}.j2") for fmt in formats}

    def write_index() -> None:
        if report.index is None:
            return
        for fmt in formats:
            path = out / f"index.{fmt}"
            if fmt == "json":
                write_text(path, report.model_dump_json(indent=2, exclude={"pages"}))
            else:
                template = templates[fmt].get_template(f"index.{fmt}.j2")
                write_text(path, template.render(index_context(report)))

    def write_pages(positions: range) -> None:
        for position in positions:
            candidate = page(position)
            for fmt, template in page_templates.items():
                path = pages_folder / f"{candidate.stem}.{fmt}"
                write_text(path, _candidate_json(report, candidate) if template is None
                           else template.render(report=report, page=candidate))

    if worth_a_child(pages):
        half = pages // 2

        def first_half() -> None:  # the index too, while the child writes the second half
            write_index()
            write_pages(range(half))

        in_two_processes(first_half, lambda: write_pages(range(half, pages)))
    else:
        write_index()
        write_pages(range(pages))


# Where pydantic's JSON differs from json.dumps's: a float between 1e-10 and 1e-4, which it
# writes as 0.00001 or 1e-7 where Python writes 1e-05 and 1e-07. A hint (it starts with a
# letter, so a page is searched in microseconds) and then what stands before it: a number
# follows ": " or starts an indented line. Candidate text may still match (the page is then
# merely written the slow way); such a float is never missed. The hint alone matched every
# page that shows the work, whose anchors are "file-1", "text-1".
_SMALL_FLOAT_HINT = re.compile(r"e-\d(?!\d)|0\.0000")
_NUMBER_SO_FAR = re.compile(r"(?:: |\n +)-?[\d.]*$")


def _has_small_float(text: str) -> bool:
    return any(_NUMBER_SO_FAR.search(text, max(0, hint.start() - 40), hint.start())
               for hint in _SMALL_FLOAT_HINT.finditer(text))


def index_context(report: Report) -> dict:
    """What the cohort page's template is rendered with: the report, its index and charts,
    and the script that sorts and filters its ranking (``script.py``)."""
    return {"report": report, "index": report.index,
            "histogram": score_histogram(report.index, report.assignment.pass_score),
            "levels": level_chart(report.index), "cohort_script": Markup(cohort_script())}


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
    if _has_small_float(text):
        return json.dumps(candidate_file.model_dump(mode="json"), indent=2, ensure_ascii=False)
    return text
