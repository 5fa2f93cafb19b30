"""The host's side of the harness protocol: what goes in on stdin, what comes back on stdout.

In: the supervisor's source, a JSON header, a tar of harness/, tests/ and work/, and the
run's nonce, each length-prefixed (see harness/supervisor.py). The nonce comes last: the
supervisor forks the runner before reading it. Out: lines framed with the run's nonce, "C" for
lines the runner wrote and "S" for the supervisor's own summary. Lines without the nonce are
counted, never believed.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import secrets
import tarfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

SANDBOX_COMMAND_LOADER = (
    "import ctypes,os\n"
    "ctypes.CDLL(None).prctl(4,0,0,0,0)\n"  # PR_SET_DUMPABLE=0 before reading anything
    "def r(n):\n"  # exactly n bytes, unbuffered: nothing read ahead stays in memory
    " b=b''\n"
    " while len(b)<n:\n"
    "  c=os.read(0,n-len(b))\n"
    "  if not c:os._exit(125)\n"
    "  b+=c\n"
    " return b\n"
    "exec(compile(r(int.from_bytes(r(8),'big')),'supervisor','exec'))\n"
)
COMMAND = ["python3", "-I", "-c", SANDBOX_COMMAND_LOADER]
ARCHIVED_HARNESS_FILES = ("runner.py", "pytest.ini")  # the supervisor is sent first, alone
HARNESS_FILES = ("supervisor.py", *ARCHIVED_HARNESS_FILES)
SKIPPED = {"__pycache__", ".pytest_cache"}


@dataclass(frozen=True)
class Canary:
    """A hidden test built to fail, with a random name: if it passes, outcomes were forged."""

    name: str

    @classmethod
    def new(cls) -> Canary:
        return cls(f"test_{secrets.token_hex(6)}")

    @property
    def test_id(self) -> str:
        return f"{self.name}.py::{self.name}"

    def source(self) -> bytes:
        left, right = secrets.randbelow(10**9), 10**9 + secrets.randbelow(10**9)
        return f"def {self.name}():\n    assert {left} == {right}\n".encode()


SUMMARY_RESERVE = 64 * 1024  # the supervisor's own bounded summary, with room to spare


def max_record_bytes(message_chars: int) -> int:
    """The longest line the runner writes: a record whose message JSON-escapes 6x at worst."""
    return 6 * message_chars + 4096


def result_budget(expected_tests: int, message_chars: int) -> int:
    """Bytes of results a real run of ``expected_tests`` can write: more means a flood."""
    records = expected_tests + 8  # the canary, collection errors, collected, finished
    collected = 2 * expected_tests * 256  # the "collected" record lists every id
    return records * max_record_bytes(message_chars) + collected


@functools.cache
def harness_digest() -> str:
    """A short hash of everything that runs in the container: the command and harness files.

    Whatever was learned from a run (such as the collected test ids) is only valid for it.
    """
    digest = hashlib.sha256("\0".join(COMMAND).encode())
    for name in HARNESS_FILES:
        digest.update(b"\0" + (_harness() / name).read_bytes())
    return digest.hexdigest()[:16]


def _harness():
    return resources.files("worksample_coding") / "harness"


def build_stdin(
    *, nonce: str, mode: str, tests: Path, work: Path, per_test_seconds: float,
    message_chars: int, relay_bytes: int, deadline_seconds: float,
    canary: Canary | None = None,
) -> bytes:
    """The bytes the supervisor reads: its own source, the header, the file tree, the nonce."""
    harness = _harness()
    header = {
        "mode": mode,
        "per_test_seconds": per_test_seconds,
        "message_chars": message_chars,
        "relay_bytes": relay_bytes,
        "max_line": max_record_bytes(message_chars),
        "deadline_seconds": deadline_seconds,
    }
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for name in ARCHIVED_HARNESS_FILES:
            _add_bytes(tar, f"harness/{name}", (harness / name).read_bytes())
        _add_tree(tar, tests, "tests")
        _add_tree(tar, work, "work")
        if canary is not None:
            _add_bytes(tar, f"tests/{canary.name}.py", canary.source())
    blocks = [(harness / "supervisor.py").read_bytes(), json.dumps(header).encode(),
              archive.getvalue(), nonce.encode()]
    return b"".join(len(block).to_bytes(8, "big") + block for block in blocks)


def _add_tree(tar: tarfile.TarFile, folder: Path, prefix: str) -> None:
    _add_directory(tar, prefix)
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if SKIPPED.intersection(relative.parts) or path.is_symlink():
            continue
        name = f"{prefix}/{relative.as_posix()}"
        if path.is_dir():
            _add_directory(tar, name)
        elif path.is_file():
            _add_bytes(tar, name, path.read_bytes())


def _add_directory(tar: tarfile.TarFile, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.type, info.mode = tarfile.DIRTYPE, 0o755
    tar.addfile(info)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o644
    tar.addfile(info, io.BytesIO(data))


@dataclass
class HarnessReport:
    """What came back: the runner's records in order, the supervisor's summary, the rest."""

    records: list[dict] = field(default_factory=list)
    supervisor: dict | None = None
    unframed_lines: int = 0
    malformed_lines: int = 0


def parse_stdout(stdout: bytes, nonce: str) -> HarnessReport:
    """Sort the container's stdout into trusted frames and counted noise."""
    report = HarnessReport()
    prefix = nonce.encode() + b" "
    for line in stdout.splitlines():
        if not line.startswith(prefix):
            report.unframed_lines += 1
            continue
        tag, _, body = line[len(prefix) :].partition(b" ")
        try:
            record = json.loads(body)
        except ValueError:
            report.malformed_lines += 1
            continue
        if not isinstance(record, dict):
            report.malformed_lines += 1
        elif tag == b"S":
            report.supervisor = record
        elif tag == b"C":
            report.records.append(record)
        else:
            report.malformed_lines += 1
    return report
