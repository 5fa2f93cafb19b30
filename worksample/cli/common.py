"""What several command groups share: the plugin registry, loading an assignment by id or
folder, the ``--store`` option, and how a score is printed.

Everything heavy (pydantic models, plugins, the store's rows) is imported inside the
functions, so that building the commands for ``worksample --help`` stays light.
"""

from __future__ import annotations

from pathlib import Path

import click


def registry():
    """The process-wide plugin registry, loaded on first use."""
    from worksample.plugins import get_registry

    return get_registry()


def load_assignment(ctx: click.Context, reference: str):
    """The assignment ``reference`` names (an id under --assignments-dir, or a folder)."""
    from worksample import assignments

    folder = assignments.resolve(reference, ctx.obj["assignments_dir"])
    return assignments.load(folder, registry())


def store_option(function):
    """The ``--store`` option, passed to the command as ``store_path``."""
    return click.option(
        "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar="WORKSAMPLE_STORE", default=Path("worksample-results.sqlite"), show_default=True,
        help="The results store (SQLite). Env: WORKSAMPLE_STORE.",
    )(function)


def open_store(path: Path):
    """The results store at ``path``, created if missing."""
    from worksample.store import ResultStore

    return ResultStore(path)


def score_text(result) -> str:
    """A result's score as printed: ``-`` when it has none (rejected, error)."""
    return "-" if result.score is None else f"{result.score:g}"
