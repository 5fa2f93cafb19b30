"""``worksample worker``, and the options with which ``grade`` uses a Dask cluster.

``grade --cluster tcp://HOST:8786`` (or ``WORKSAMPLE_CLUSTER``) sends the batch to that
scheduler's workers; ``--tls-ca-file``, ``--tls-cert`` and ``--tls-key`` give the files for a
``tls://`` one. ``worksample worker SCHEDULER`` checks that this machine can grade, then
becomes a Dask worker of SCHEDULER (``dask worker`` with ``worksample.cluster.preload``).
Nothing here imports Dask until a command uses it (docs/cluster.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from worksample import __version__
from worksample.errors import WorksampleError

CLUSTER_ENV = "WORKSAMPLE_CLUSTER"
_META = "worksample.cluster"


def _kept(ctx: click.Context, param: click.Parameter, value):
    ctx.meta.setdefault(_META, {})[param.name] = value
    return value


def _tls_options(function):
    for name, what in (("key", "its private key"), ("cert", "its certificate"),
                       ("ca-file", "the certificate authority that signed the cluster's")):
        function = click.option(
            f"--tls-{name}", type=click.Path(exists=True, dir_okay=False, path_type=Path),
            envvar=f"WORKSAMPLE_TLS_{name.replace('-', '_').upper()}", expose_value=False,
            callback=_kept, help=f"For a tls:// scheduler: {what} (PEM).")(function)
    return function


def cluster_options(function):
    """``--cluster`` and the TLS options of ``grade``; read them with ``cluster_of(ctx)``."""
    function = _tls_options(function)
    return click.option(
        "--cluster", metavar="tcp://HOST:8786", envvar=CLUSTER_ENV, expose_value=False,
        callback=_kept, help=f"Grade on the workers of this Dask scheduler; the store stays "
                             f"here (docs/cluster.md). Env: {CLUSTER_ENV}.")(function)


def cluster_of(ctx: click.Context):
    """A connected, checked Dask client when ``--cluster`` was given (closed with the
    command), else None. A scheduler that cannot be used is a WorksampleError (exit 2)."""
    given = ctx.meta.get(_META, {})
    if not given.get("cluster"):
        return None
    from worksample.cluster.client import TLSFiles, connect

    tls = TLSFiles(given.get("tls_ca_file"), given.get("tls_cert"), given.get("tls_key"))
    return ctx.with_resource(connect(given["cluster"], tls))


@click.command()
@click.argument("scheduler", envvar=CLUSTER_ENV)
@click.option("--nthreads", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Submissions this worker grades at once (as -j locally): that many "
                   "sandbox runs and limited worker processes; its Dask worker has twice as "
                   "many threads, so that text types keep those processes busy.")
@click.option("--name", help="The worker's name on the cluster (default: its address).")
@click.option("--host", help="The address to listen on and be reached at (default: the one "
                             "that reaches the scheduler).")
@click.option("--nanny/--no-nanny", default=True, show_default=True,
              help="Have Dask's nanny restart the worker if it dies.")
@click.option("--image", "images", multiple=True,
              help="A sandbox image this worker must hold (repeat; default: the base image). "
                   "Env: WORKSAMPLE_WORKER_IMAGES, comma-separated, empty for none.")
@click.option("--local-directory", type=click.Path(file_okay=False, path_type=Path),
              help="Where the worker keeps its files (default: the system's temp folder).")
@_tls_options
@click.pass_context
def worker(ctx: click.Context, scheduler: str, nthreads: int, name: str | None,
           host: str | None, nanny: bool, images: tuple[str, ...],
           local_directory: Path | None) -> None:
    """Grade for the Dask scheduler SCHEDULER (tcp://HOST:8786 or tls://HOST:8786).

    Checks first that this machine can grade (a Docker engine answers, the sandbox images
    are here) and refuses with the reason if not; then runs `dask worker` with the
    worksample preload, which checks again. The command that grades checks that the worker
    runs its worksample version. Needs `pip install 'worksample[dask]'`.
    """
    from worksample.cluster import checks

    try:
        import distributed  # noqa: F401 (only to say what is missing, here)
    except ImportError:
        raise WorksampleError("a worker needs Dask distributed: pip install "
                              "'worksample[dask]'") from None
    if images:
        os.environ[checks.IMAGES_ENV] = ",".join(images)
    env = dict(os.environ)
    found = checks.problems(checks.required_images())
    if found:
        raise WorksampleError("this worker cannot grade: " + "; ".join(found))
    tls = ctx.meta.get(_META, {})
    arguments = [scheduler, "--nthreads", str(2 * nthreads), "--nworkers", "1",
                 "--preload", "worksample.cluster.preload",
                 "--nanny" if nanny else "--no-nanny"]
    for option, value in (("--name", name), ("--host", host),
                          ("--local-directory", local_directory),
                          ("--tls-ca-file", tls.get("tls_ca_file")),
                          ("--tls-cert", tls.get("tls_cert")), ("--tls-key", tls.get("tls_key"))):
        if value is not None:
            arguments += [option, str(value)]
    env["WORKSAMPLE_WORKER_SLOTS"] = str(nthreads)
    # a nanny starts its worker as a daemonic process, which may not start the limited
    # worker processes text grading and intake run in: Dask's own switch turns that off
    env["DASK_DISTRIBUTED__WORKER__DAEMON"] = "False"
    if local_directory is not None:
        env["WORKSAMPLE_WORKER_DIR"] = str(local_directory)
    click.echo(f"worksample {__version__}: this machine can grade; starting a Dask worker of "
               f"{scheduler}", err=True)
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", "distributed.cli.dask_worker",
                               *arguments], env)
