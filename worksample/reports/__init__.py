"""Render results for people. Today: a batch summary page; the full review report is to come.

Candidate text (failure messages, output) is untrusted: every template is autoescaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import Environment, PackageLoader, select_autoescape

from worksample.models import Assignment, GradeResult


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("worksample", "reports/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_summary_html(assignment: Assignment, results: Sequence[GradeResult]) -> str:
    """One self-contained HTML page: every submission's status, score, criteria and checks."""
    template = _environment().get_template("summary.html.j2")
    return template.render(assignment=assignment, results=results)
