"""A Dask worker preload: ``dask worker SCHEDULER --preload worksample.cluster.preload``.

Before the worker joins the scheduler, it checks that this machine can grade
(``checks.py``); if not, the worker does not start, and its log says why. ``worksample
worker`` runs the same checks first and starts a worker with this preload.
"""

from __future__ import annotations

import logging

from worksample import __version__
from worksample.cluster import checks
from worksample.errors import WorksampleError

logger = logging.getLogger("worksample.cluster")


def dask_setup(worker) -> None:
    """Refuse to start a worker that cannot grade, with the reason."""
    found = checks.problems(checks.required_images())
    if found:
        for problem in found:
            logger.error("worksample: this worker cannot grade: %s", problem)
        raise WorksampleError("this worker cannot grade: " + "; ".join(found))
    logger.info("worksample %s: Docker engine and sandbox images ready", __version__)


def dask_teardown(worker) -> None:
    """Stop this worker's limited workers and remove its scratch folder."""
    from worksample.cluster.remote import WorkerState

    WorkerState.close_here()
