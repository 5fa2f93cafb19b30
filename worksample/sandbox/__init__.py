"""Run untrusted code in a hardened container: the interface plugins use.

A plugin describes the run (``RunRequest``: image, command, bytes for stdin, ``Limits``) and
gets back a ``RunOutcome`` (capped stdout and stderr, exit code, whether the wall clock or the
memory limit ended it). Files go in through stdin, because the root filesystem is read-only
and nothing of the host is mounted. ``docker.py`` is the only runner today; importing this
package does not import the docker SDK.

Most types do not use this interface directly: ``harness.py`` runs a type's test runner under
a trusted supervisor and checks what it reports (docs/sandboxed-plugins.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Resource limits for one run. Defaults suit a unit-test suite of a small project."""

    wall_seconds: float = 60.0
    memory_mb: int = 512
    cpus: float = 1.0
    pids: int = 128
    tmpfs_mb: int = 64
    file_size_mb: int = 16
    open_files: int = 256
    output_bytes: int = 1024 * 1024


@dataclass(frozen=True)
class RunRequest:
    """One run: ``command`` runs as an unprivileged user in ``image`` with ``stdin`` as input.

    ``writable_dirs`` become size-limited tmpfs mounts owned by the run's user; everything
    else is read-only. There is no network, only loopback (127.0.0.1). ``localhost_name``
    also makes the name ``localhost`` resolve, through Docker's own set-up of a network-less
    container, which costs about 85 ms more CPU per run.
    """

    image: str
    command: list[str]
    stdin: bytes = b""
    limits: Limits = field(default_factory=Limits)
    writable_dirs: tuple[str, ...] = ("/sandbox", "/tmp")
    workdir: str = "/sandbox"
    environment: dict[str, str] = field(default_factory=dict)
    localhost_name: bool = False


@dataclass(frozen=True)
class RunOutcome:
    """How a run ended. Output beyond ``Limits.output_bytes`` per stream is dropped."""

    exit_code: int | None
    stdout: bytes
    stderr: bytes
    stdout_dropped: int
    stderr_dropped: int
    timed_out: bool
    oom_killed: bool
    seconds: float
    image_id: str
