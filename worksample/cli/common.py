"""What several command groups share: the plugin registry, loading an assignment by id or
folder, the ``--store`` option, how a score is printed, and the garbage collector paused
for a command that holds a whole cohort.

Everything heavy (pydantic models, plugins) is imported inside the functions, so that
building the commands for ``worksample --help`` stays light.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from worksample import store
from worksample.errors import WorksampleError


def registry():
    """The process-wide plugin registry, loaded on first use."""
    from worksample.plugins import get_registry

    return get_registry()


def load_assignment(ctx: click.Context, reference: str):
    """The assignment ``reference`` names (an id under --assignments-dir, or a folder)."""
    from worksample import assignments

    folder = assignments.resolve(reference, ctx.obj["assignments_dir"])
    return assignments.load(folder, registry())


def assignment_id(ctx: click.Context, reference: str) -> str:
    """The id of the assignment ``reference`` names: a folder (or an id under
    --assignments-dir) gives the id its assignment.yaml declares; anything else is taken as
    an id as the store knows it, so rating needs no copy of the assignment's folder."""
    from worksample import assignments

    try:
        folder = assignments.resolve(reference, ctx.obj["assignments_dir"])
    except WorksampleError:
        return reference
    return assignments.declared_id(folder)


def store_option(function):
    """The ``--store`` option, passed to the command as ``store_path``."""
    return click.option(
        "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar=store.STORE_ENV, default=store.DEFAULT_PATH, show_default=True,
        help=f"The results store (SQLite). Env: {store.STORE_ENV}.",
    )(function)


def export_options(function):
    """The options every ``export`` shares: ``--assignment``, ``--format``, ``--output``
    and ``--store`` (passed as ``assignment_id``, ``fmt``, ``output``, ``store_path``)."""
    for option in (
        store_option,
        click.option("--output", type=click.File("w"), default="-",
                     help="File (default: stdout)."),
        click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
                     show_default=True),
        click.option("--assignment", "assignment_id", help="Only this assignment id."),
    ):
        function = option(function)
    return function


def open_store(path: Path):
    """The results store at ``path``, created if missing."""
    return store.ResultStore(path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a command holds a whole cohort in memory
    and frees almost nothing until it ends (``report``). Reference counting frees everything
    else as usual.

    Its passes over the growing heap took a fifth of a 1,000-candidate report and found a few
    thousand objects to free; the report's peak memory is the same without them (issue 22,
    benchmarks/README.md).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def blind_names(store, assignment_id: str) -> dict[tuple[str, str], str]:
    """The alias blind reports show for each stored submission (id, key) of the assignment."""
    from worksample.reports.redact import blind_aliases

    submissions = store.submissions(assignment_id)
    return dict(zip(submissions, blind_aliases(assignment_id, submissions), strict=True))


def score_text(result) -> str:
    """A result's score as printed: ``-`` when it has none (rejected, error)."""
    return "-" if result.score is None else f"{result.score:g}"


def text_table(rows: list[tuple[str, ...]]) -> list[str]:
    """``rows`` (the first a heading) as the terminal shows a table: columns aligned,
    indented by two spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            .rstrip() for row in rows]
