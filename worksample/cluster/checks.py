"""Whether this machine can grade as a cluster worker: checked when a worker starts.

A worker that cannot grade must say so when it starts, not as an ``error`` on every
submission it is given: its Docker engine must answer, and the sandbox images it is told to
need must be on it (``scripts/ensure-docker.sh`` builds the default ones without a
registry). Its worksample version is checked by the command that sends it work
(``client.py``), which knows the version to compare with; each task checks it again.
"""

from __future__ import annotations

import os

from worksample.errors import InfrastructureError

IMAGES_ENV = "WORKSAMPLE_WORKER_IMAGES"
DEFAULT_IMAGES = ("worksample/python-pytest:bookworm",)


def required_images() -> tuple[str, ...]:
    """The images a worker must hold: ``WORKSAMPLE_WORKER_IMAGES`` (comma-separated; empty
    for none, on a worker that grades only text types), else the base image."""
    named = os.environ.get(IMAGES_ENV)
    if named is None:
        return DEFAULT_IMAGES
    return tuple(image.strip() for image in named.split(",") if image.strip())


def problems(images: tuple[str, ...]) -> list[str]:
    """Why this machine cannot grade (empty when it can): no engine, or missing images."""
    import docker.errors

    from worksample.sandbox import docker as sandbox

    try:
        engine = sandbox.client()
    except InfrastructureError as error:
        return [str(error)]
    missing = []
    for image in images:
        try:
            engine.images.get(image)
        except docker.errors.ImageNotFound:
            missing.append(image)
        except docker.errors.DockerException as error:
            return [f"the Docker engine failed while looking up image {image!r}: {error}"]
    if missing:
        return [f"the sandbox image {image!r} is not on this machine: build it with "
                "`bash scripts/ensure-docker.sh` (no registry needed), or pull it"
                for image in missing]
    return []
