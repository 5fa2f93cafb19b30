"""The sandbox harness: what a sandboxed assignment type supplies, and one run of it.

A type supplies a ``Runner`` (the files and the command that run the tests inside the
container and write records) and an image. The core supplies the rest, the same for every
runner: a trusted supervisor as PID 1 that starts the runner without stdin, relays its records
framed with a per-run nonce the runner never sees, seals every folder but the code under test,
and refuses to run anything on a network; the hardened container (``docker.py``); and on the
host, the framing (``framing.py``), the order every runner's records follow (``records.py``),
the verdict's shared parts (``verdict.py``), the comparison of records with the reference's
(``compare.py``) and a cache of what trusted runs learned (``cache.py``).

In the container: ``/sandbox/harness/`` holds the runner's files, ``/sandbox/<name>/`` each
of ``HarnessRun.trees`` (sealed: a change is reported), and ``/sandbox/work/`` the code under
test, which is the runner's current folder and the only folder that is not sealed.
docs/sandboxed-plugins.md shows a complete sandboxed type.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from worksample.errors import InfrastructureError
from worksample.models import Assignment, SelfTestCase
from worksample.sandbox import Limits, RunOutcome, RunRequest
from worksample.sandbox.bundle import archive
from worksample.sandbox.framing import (
    COMMAND,
    SUMMARY_RESERVE,
    HarnessReport,
    parse_stdout,
    stdin,
    supervisor_source,
)

DEADLINE_MARGIN_S = 5  # the container ends itself this long after the wall clock
RESERVED = {"harness", "work"}


class Trust(StrEnum):
    """How far a verdict can be trusted, by where it is decided. Say it in your results."""

    HOST_COMPARED = "host-compared"
    """The runner records what the candidate's code returned; the host compares it with the
    reference solution's records. Expected values never enter the container."""
    RUNNER_OUTCOMES = "runner-outcomes"
    """A test framework in the container decides pass or fail, in a process that candidate
    code shares: hardened and checked, but a targeted attack could forge it."""


@dataclass(frozen=True)
class Runner:
    """What a sandboxed type runs in the container: its only code there.

    ``files`` (file name -> content) are placed in ``/sandbox/harness/``. Give either
    ``command``, a program the supervisor's fork executes in ``/sandbox/work`` (for example
    ``("node", "/sandbox/harness/runner.js")``), or ``python``, the name of one of ``files``
    run in the supervisor's own forked interpreter (``python3 -I``, one interpreter start-up
    cheaper). Either way the runner gets two more arguments: the number of the descriptor to
    write its records to, and the run's ``HarnessRun.config`` as JSON text. It has no stdin;
    what it prints goes to the result's output head and tail, never to the verdict.
    ``environment`` is added to a fixed PATH, LANG, HOME and TMPDIR.
    """

    files: Mapping[str, bytes]
    trust: Trust
    command: tuple[str, ...] = ()
    python: str | None = None
    environment: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if bool(self.command) == (self.python is not None):
            raise ValueError("a Runner has either a command or a python file, not both")
        if self.python is not None and self.python not in self.files:
            raise ValueError(f"the runner's python file {self.python!r} is not in its files")
        bad = [name for name in self.files if "/" in name or name in ("", ".", "..")]
        if bad:
            raise ValueError(f"runner files are plain file names: {bad}")

    @classmethod
    def from_folder(cls, folder, **options: Any) -> Runner:
        """A runner made of every file in ``folder`` (a Path, or ``importlib.resources``
        files of a package, so that an installed plugin finds them)."""
        files = {path.name: path.read_bytes() for path in sorted(folder.iterdir(),
                                                                 key=lambda p: p.name)
                 if path.is_file()}
        return cls(files=files, **options)

    @functools.cached_property
    def digest(self) -> str:
        """A short hash of everything that runs in the container: the loader, the supervisor,
        the runner. Whatever was learned from a run (the reference's records) is only valid
        for the same digest."""
        digest = hashlib.sha256("\0".join(COMMAND).encode())
        digest.update(b"\0" + supervisor_source())
        for name in sorted(self.files):
            digest.update(b"\0" + name.encode() + b"\0" + self.files[name])
        digest.update(json.dumps([self.command, self.python, dict(self.environment)],
                                 sort_keys=True).encode())
        return digest.hexdigest()[:16]

    def start(self) -> dict:
        """How the supervisor starts this runner (the header's "runner")."""
        if self.python is not None:
            return {"python": f"harness/{self.python}"}
        return {"command": list(self.command)}


@dataclass(frozen=True)
class HarnessRun:
    """One run of ``runner`` in ``image`` against ``work``, the code under test.

    ``trees`` are other folders sent in, each at ``/sandbox/<name>`` and sealed (hidden tests,
    fixtures); ``files`` are single files by path under ``/sandbox`` (``"tests/x.py"``).
    ``result_bytes`` is what a real run's records can take at most (more is a flood: dropped
    and a violation) and ``max_line`` the longest record; size them for the cases expected.
    """

    runner: Runner
    image: str
    work: Path
    trees: Mapping[str, Path] = field(default_factory=dict)
    files: Mapping[str, bytes] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    result_bytes: int = 1 << 20
    max_line: int = 64 * 1024
    localhost_name: bool = False
    deadline_seconds: float | None = None  # when the container ends itself; None: wall + 5 s

    def __post_init__(self) -> None:
        bad = [name for name in self.trees if "/" in name or name in RESERVED]
        bad += [path for path in self.files
                if "/" not in path or path.split("/")[0] in ("harness", "")]
        if bad:
            raise ValueError(f"cannot send {bad}: trees are plain names other than "
                             f"{sorted(RESERVED)}, files are paths in a folder other than "
                             "harness")

    def stdin(self, nonce: str) -> bytes:
        """What the container reads: the supervisor, the header, the files, the nonce."""
        sealed = {"harness", *self.trees, *(path.split("/")[0] for path in self.files)}
        deadline = self.deadline_seconds
        header = {
            "deadline_seconds": self.limits.wall_seconds + DEADLINE_MARGIN_S
            if deadline is None else deadline,
            "relay_bytes": self.result_bytes,
            "max_line": self.max_line,
            "sealed": sorted(sealed - {"work"}),
            "runner": self.runner.start(),
            "environment": dict(self.runner.environment),
            "config": json.dumps(dict(self.config)),
        }
        files = {f"harness/{name}": data for name, data in self.runner.files.items()}
        files.update(self.files)
        return stdin(header, archive({**self.trees, "work": self.work}, files), nonce)


@dataclass
class HarnessResult:
    """How a harness run ended (``outcome``) and what came back through the framing."""

    outcome: RunOutcome
    report: HarnessReport
    nonce: str

    @property
    def summary(self) -> dict:
        """The supervisor's summary; empty when it never wrote one (killed, or no harness)."""
        return self.report.supervisor or {}

    def stderr_tail(self) -> str:
        """The end of the container's own stderr, for an infrastructure error's message."""
        return self.outcome.stderr.decode("utf-8", "replace")[-1500:]

    def require_summary(self, failure: str) -> None:
        """An ``InfrastructureError`` saying ``failure`` when the run ended without the
        supervisor's summary and no limit ended it: the image or the harness failed, not the
        code under test."""
        outcome = self.outcome
        if self.report.supervisor is None and not (outcome.timed_out or outcome.oom_killed):
            raise InfrastructureError(
                f"{failure} (exit code {outcome.exit_code}): {self.stderr_tail()}")


def run(request: HarnessRun) -> HarnessResult:
    """Run ``request`` in the hardened sandbox and sort what came back.

    An engine that gave the container a network interface besides loopback is an
    ``InfrastructureError``: the supervisor then ran no candidate code.
    """
    from worksample.sandbox import docker as sandbox  # the docker SDK loads only when running

    nonce = secrets.token_hex(16)
    limits = request.limits
    limits = dataclasses.replace(
        limits, output_bytes=max(limits.output_bytes, request.result_bytes + SUMMARY_RESERVE))
    outcome = sandbox.run(RunRequest(image=request.image, command=COMMAND,
                                     stdin=request.stdin(nonce), limits=limits,
                                     localhost_name=request.localhost_name))
    result = HarnessResult(outcome=outcome, report=parse_stdout(outcome.stdout, nonce),
                           nonce=nonce)
    interfaces = result.summary.get("network_interfaces")
    if interfaces:
        raise InfrastructureError(
            f"the sandbox had network interfaces {interfaces}, not only loopback: this Docker "
            "engine does not isolate a container with networking disabled, so no candidate "
            "code was run")
    return result


def image_for(assignment: Assignment, image: str | None, dockerfile: str | None) -> str:
    """The image to run in: ``image`` by name, or else the assignment's ``dockerfile`` (a path
    in its folder) built once per assignment version."""
    if image is not None:
        return image
    from worksample.sandbox import docker as sandbox

    tag = f"worksample-assignment/{assignment.id}:{assignment.version}"
    sandbox.build_image(str(assignment.root), dockerfile, tag)
    return tag


def reference_and_starter(assignment: Assignment, reference: str,
                          starter: str) -> list[SelfTestCase]:
    """The self-test of a type graded against a reference solution: the ``reference`` folder
    must score 100 and the ``starter`` folder below the pass score."""
    pass_score = assignment.spec.pass_score
    return [
        SelfTestCase(label="reference solution", path=assignment.root / reference,
                     min_score=100, expectation="must score 100"),
        SelfTestCase(label="starter", path=assignment.root / starter,
                     max_score=max(pass_score - 0.01, 0),
                     expectation=f"must score below the pass score ({pass_score:g})"),
    ]
