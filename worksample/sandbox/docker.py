"""The Docker runner: each run in a hardened container of its own, through the docker SDK.

A run gets a new container, or one that an earlier run of the same configuration in this
process left stopped after ending by itself (``stopped.py``: why nothing of that run is left).
Kept containers are removed when the process exits.

Hardening (see docs/security.md): networking disabled (a network namespace of its own with only
loopback, and none of Docker's network set-up, which makes a container about 85 ms of CPU
cheaper to start than ``--network none``; that set-up is kept only when a run needs the name
``localhost``), read-only root, sized tmpfs mounts for the only writable places, uid 65534,
every capability dropped, no-new-privileges, limits on processes, memory (= memory + swap, so
no swap), CPU, file size and open files, no core dumps, no daemon logs (output is read live
through attach and capped here), a wall-clock kill, and labels so that containers left by a
grader that died are swept. Nothing of the host is mounted.

``WORKSAMPLE_DOCKER_RUNTIME=runsc`` selects a stronger runtime such as gVisor; when the
engine does not know it, the run fails with an error instead of falling back.

What the runner keeps between runs (its owner label, image ids, kept containers, containers
whose removal failed) is held by one ``GraderState`` per process, ``STATE``, behind one lock.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

import docker
import docker.errors
import requests.exceptions
from docker.types import LogConfig, Ulimit
from docker.utils.socket import STDERR, STDOUT

from worksample.errors import InfrastructureError
from worksample.sandbox import Limits, RunOutcome, RunRequest
from worksample.sandbox.stopped import StoppedContainers
from worksample.sandbox.streams import OutputReader, send

LABEL = "worksample"
OWNER_LABEL = "worksample.owner"
SANDBOX_USER = "65534:65534"
RUNTIME_ENV = "WORKSAMPLE_DOCKER_RUNTIME"
ENGINE_HINT = (
    "start a Docker engine (as root on Debian: `bash scripts/ensure-docker.sh` installs and "
    "starts one), or point DOCKER_HOST at one, then rerun"
)


def _process_start(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot), or "" if there is none."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _owner_alive(owner: str) -> bool:
    """Whether the grader named by an owner label ("host:pid:start") still runs here.

    The start time guards against a reused pid keeping an orphan alive forever.
    """
    parts = owner.split(":")
    if len(parts) != 3 or not parts[1].isdigit():
        return False
    return _process_start(int(parts[1])) == parts[2]


class GraderState:
    """What the runner keeps for this grader process between runs, behind one lock.

    - ``owner``: this grader as the owner label of its containers names it
      ("host:pid:start"), which the sweep of leftovers reads;
    - the id of each image looked up, so that each image is looked up once;
    - ``stopped``: containers kept for a later run of the same configuration
      (``stopped.py``), removed when the process exits;
    - the ids of containers whose removal failed (the engine was away), removed at the next run.
    """

    def __init__(self, most_stopped: int):
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{_process_start(os.getpid())}"
        self.stopped = StoppedContainers(most=most_stopped)
        self._lock = threading.Lock()
        self._image_ids: dict[str, str] = {}
        self._unremoved: set[str] = set()
        atexit.register(self.remove_stopped)

    def image_id(self, image: str, look_up: Callable[[], str]) -> str:
        """The id of ``image``: the one remembered, or else ``look_up()``, remembered."""
        with self._lock:
            known = self._image_ids.get(image)
        if known is not None:
            return known
        found = look_up()  # outside the lock: a pull may take minutes
        with self._lock:
            return self._image_ids.setdefault(image, found)

    def forget_image(self, image: str) -> None:
        """Look ``image`` up again next time: it was removed since."""
        with self._lock:
            self._image_ids.pop(image, None)

    def remember_unremoved(self, container_id: str) -> None:
        """Remove this container at the next run: the engine did not answer this time."""
        with self._lock:
            self._unremoved.add(container_id)

    def take_unremoved(self) -> list[str]:
        """The ids of the containers still to remove, no longer remembered here."""
        with self._lock:
            pending = list(self._unremoved)
            self._unremoved.clear()
            return pending

    def orphaned(self, owner: str) -> bool:
        """Whether a container with this owner label is a leftover to sweep: its grader ran
        on this host and is gone. Another machine's (on a shared engine), this grader's and a
        live grader's never are."""
        return (owner.split(":")[0] == socket.gethostname() and owner != self.owner
                and not _owner_alive(owner))

    def remove_stopped(self) -> None:
        """Remove the stopped containers kept for later runs. Runs when the process exits."""
        for container in self.stopped.take_all():
            try:
                _remove(container)
            except InfrastructureError:
                pass  # labelled: the next grader to start sweeps it


# one per worker of a batch (-j defaults to the cores), with room to spare; beyond it, removed
STATE = GraderState(most_stopped=max(16, 2 * (os.cpu_count() or 1)))


@functools.cache
def client() -> docker.DockerClient:
    """A client for the engine named by the environment (DOCKER_HOST or the local socket)."""
    try:
        engine = docker.from_env(version="auto", timeout=30)
        engine.ping()
    except docker.errors.DockerException as error:
        client.cache_clear()
        raise InfrastructureError(f"no Docker engine answers ({error}); {ENGINE_HINT}") from None
    sweep_orphans(engine)
    return engine


@contextmanager
def _engine_errors(doing: str):
    """Any failure of the engine (an API error, a dropped connection) while ``doing``, as an
    InfrastructureError: never a crash, never the candidate's fault."""
    try:
        yield
    except InfrastructureError:
        raise
    except (docker.errors.DockerException, requests.exceptions.RequestException) as error:
        raise InfrastructureError(f"the Docker engine failed while {doing}: {error}") from None


def ensure_image(image: str) -> str:
    """The id of ``image``: found locally, or else pulled from its registry."""
    with _engine_errors(f"looking up image {image!r}"):
        return _ensure_image(client(), image)


def _ensure_image(engine: docker.DockerClient, image: str) -> str:
    return STATE.image_id(image, lambda: _look_up_or_pull(engine, image))


def _look_up_or_pull(engine: docker.DockerClient, image: str) -> str:
    try:
        return engine.images.get(image).id
    except docker.errors.ImageNotFound:
        pass
    except docker.errors.APIError as error:
        raise InfrastructureError(f"cannot inspect image {image!r}: {error}") from None
    try:
        return engine.images.pull(image).id
    except docker.errors.DockerException as error:
        raise InfrastructureError(
            f"image {image!r} is not on this machine and could not be pulled ({error}). "
            "Build or pull it first: `bash scripts/ensure-docker.sh` builds the default "
            "worksample/python-pytest:bookworm image without a registry"
        ) from None


def build_image(folder: str, dockerfile: str, tag: str) -> str:
    """Build ``dockerfile`` in ``folder`` as ``tag`` unless that tag exists; return its id."""
    with _engine_errors(f"building {dockerfile}"):
        return _build_image(client(), folder, dockerfile, tag)


def _build_image(engine: docker.DockerClient, folder: str, dockerfile: str, tag: str) -> str:
    try:
        return engine.images.get(tag).id
    except docker.errors.ImageNotFound:
        pass
    try:
        image, _ = engine.images.build(path=folder, dockerfile=dockerfile, tag=tag, rm=True)
    except docker.errors.BuildError as error:
        log = "".join(str(line.get("stream", line.get("error", ""))) for line in error.build_log)
        raise InfrastructureError(f"building {dockerfile} failed: {error}\n{log[-2000:]}") from None
    except docker.errors.APIError as error:
        raise InfrastructureError(f"building {dockerfile} failed: {error}") from None
    return image.id


def run(request: RunRequest) -> RunOutcome:
    """Run ``request`` in a hardened container and report how it ended.

    The container is a new one, or a stopped one this process created for a run of the same
    configuration that ended by itself (``stopped.py`` says why nothing of that run is left).
    """
    with _engine_errors("running a container"):
        return _run(client(), request)


def _run(engine: docker.DockerClient, request: RunRequest) -> RunOutcome:
    image_id = _ensure_image(engine, request.image)
    _remove_leftovers(engine)
    config = _hardened(request)
    key = json.dumps([engine.api.base_url, image_id, config], sort_keys=True)
    container, stream = _kept_and_attached(engine, key)
    container = container or _create(engine, request.image, image_id, config)
    ended_by_itself = False
    try:
        stream = stream or _attach(engine, container)
        reader = OutputReader(stream, request.limits.output_bytes)
        reader.start()
        started = time.monotonic()
        try:
            container.start()
        except docker.errors.DockerException as error:
            raise InfrastructureError(f"the container could not be started: {error}") from None
        deadline = started + request.limits.wall_seconds
        send(stream, request.stdin, deadline)
        reader.join(timeout=max(deadline - time.monotonic(), 0))
        timed_out = reader.is_alive()
        if timed_out:
            _kill(container)
            reader.join(timeout=10)
        seconds = time.monotonic() - started
        exit_code = _exit_code(container)
        container.reload()
        state = container.attrs["State"]
        oom_killed = bool(state.get("OOMKilled"))
        ended_by_itself = (not timed_out and not oom_killed and exit_code is not None
                           and state.get("Status") == "exited")
    finally:
        if stream is not None:
            stream.close()
        if not (ended_by_itself and STATE.stopped.keep(key, container)):
            _remove(container)
    return RunOutcome(
        exit_code=exit_code,
        stdout=bytes(reader.kept[STDOUT]),
        stderr=bytes(reader.kept[STDERR]),
        stdout_dropped=reader.dropped[STDOUT],
        stderr_dropped=reader.dropped[STDERR],
        timed_out=timed_out,
        oom_killed=oom_killed,
        seconds=seconds,
        image_id=image_id,
    )


def _kept_and_attached(engine: docker.DockerClient, key: str):
    """A kept stopped container for ``key`` and its attached stream; (None, None) when none is
    kept, or when it was removed behind this process's back (``docker container prune``)."""
    container = STATE.stopped.take(key)
    if container is None:
        return None, None
    try:
        return container, _attach(engine, container)
    except docker.errors.NotFound:
        return None, None
    except BaseException:
        _remove(container)  # or, with the engine away, remembered and removed later
        raise


def _attach(engine: docker.DockerClient, container):
    return engine.api.attach_socket(
        container.id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
    )


def _create(engine: docker.DockerClient, image: str, image_id: str, config: dict):
    try:
        return engine.containers.create(image_id, **config)
    except docker.errors.ImageNotFound:
        STATE.forget_image(image)
        raise InfrastructureError(f"image {image!r} is no longer on this machine") from None
    except docker.errors.DockerException as error:
        raise InfrastructureError(f"the container could not be created: {error}") from None


def remove_stopped() -> None:
    """Remove the stopped containers kept for later runs, as when the process exits."""
    STATE.remove_stopped()


def sweep_orphans(engine: docker.DockerClient | None = None) -> int:
    """Remove sandbox containers whose grader process on this host is gone; return how many.

    Runs once when a grader first connects, so a grader killed with -9 leaves nothing behind
    for long.
    """
    removed = 0
    engine = engine or client()
    with _engine_errors("listing containers to sweep"):
        # sparse: the list's own data, labels included; a full list inspects each container,
        # and one that another grader removes meanwhile made the whole sweep fail (404)
        leftovers = engine.containers.list(all=True, filters={"label": LABEL}, sparse=True)
    for container in leftovers:
        labels = container.attrs.get("Labels") or {}
        if not STATE.orphaned(labels.get(OWNER_LABEL, "")):
            continue  # another machine's (on a shared engine), ours, or a live grader's
        _remove(container)
        removed += 1
    return removed


def _hardened(request: RunRequest) -> dict:
    limits: Limits = request.limits
    memory = f"{limits.memory_mb}m"
    file_size = limits.file_size_mb * 1024 * 1024
    tmpfs_options = f"rw,nosuid,nodev,size={limits.tmpfs_mb}m,uid=65534,gid=65534"
    config = dict(
        command=request.command,
        user=SANDBOX_USER,
        working_dir=request.workdir,
        environment=request.environment,
        hostname="sandbox",
        stdin_open=True,
        **({"network_mode": "none"} if request.localhost_name else {"network_disabled": True}),
        read_only=True,
        tmpfs={path: f"{tmpfs_options},mode=0700" for path in request.writable_dirs},
        cap_drop=["ALL"],
        security_opt=["no-new-privileges"],
        pids_limit=limits.pids,
        mem_limit=memory,
        memswap_limit=memory,
        nano_cpus=int(limits.cpus * 1e9),
        ulimits=[
            Ulimit(name="fsize", soft=file_size, hard=file_size),
            Ulimit(name="nofile", soft=limits.open_files, hard=limits.open_files),
            Ulimit(name="core", soft=0, hard=0),
        ],
        ipc_mode="private",
        log_config=LogConfig(type=LogConfig.types.NONE),
        labels={LABEL: "sandbox", OWNER_LABEL: STATE.owner},
    )
    if os.environ.get(RUNTIME_ENV):
        config["runtime"] = os.environ[RUNTIME_ENV]
    return config


def _kill(container) -> None:
    try:
        container.kill()
    except docker.errors.APIError:
        pass  # it ended on its own between the timeout and the kill


def _exit_code(container) -> int | None:
    try:
        return container.wait(timeout=30).get("StatusCode")
    except requests.exceptions.ConnectionError:
        return None


def _remove(container) -> None:
    """Remove ``container``; if the engine is unreachable, remember it for the next run."""
    try:
        container.remove(force=True)
    except docker.errors.NotFound:
        pass
    except docker.errors.APIError as error:
        if "already in progress" not in str(error):
            raise InfrastructureError(f"the container could not be removed: {error}") from None
    except requests.exceptions.RequestException:
        STATE.remember_unremoved(container.id)


def _remove_leftovers(engine: docker.DockerClient) -> None:
    for container_id in STATE.take_unremoved():
        try:
            _remove(engine.containers.get(container_id))
        except docker.errors.NotFound:
            pass
        except requests.exceptions.RequestException:
            STATE.remember_unremoved(container_id)  # still away: next time

