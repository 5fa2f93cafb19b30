"""The harness's framing on the host: what goes in on the container's stdin, and which lines
of its stdout are believed.

In: four blocks, each prefixed with its length (8 bytes, big-endian): the supervisor's source
(``container/supervisor.py``), a JSON header, a tar of the files, and the run's nonce. The
container's command (``COMMAND``) is a loader that runs the first block as PID 1; the nonce
comes last because the supervisor forks the runner before reading it.

Out: lines framed with the run's nonce, ``C`` for lines the runner wrote on its results pipe
and ``S`` for the supervisor's own summary. Lines without the nonce are counted, never
believed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

LOADER = (
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
COMMAND = ["python3", "-I", "-c", LOADER]
SUMMARY_RESERVE = 64 * 1024  # the supervisor's own bounded summary, with room to spare


def supervisor_source() -> bytes:
    """The supervisor's source, as the loader receives it."""
    return (resources.files("worksample.sandbox") / "container" / "supervisor.py").read_bytes()


def stdin(header: dict, archive: bytes, nonce: str) -> bytes:
    """The bytes the loader and the supervisor read: its source, the header, the files, the
    nonce."""
    blocks = [supervisor_source(), json.dumps(header).encode(), archive, nonce.encode()]
    return b"".join(len(block).to_bytes(8, "big") + block for block in blocks)


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
        except (ValueError, RecursionError):  # nested deeper than the parser goes: malformed
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
