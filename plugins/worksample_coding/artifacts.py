"""Artifacts: files a trusted run's runner made (a tool it built, the standard library's
analysis facts) and left for later runs in the same image, so that those do not make them
again.

A runner leaves one as records ``{"event": "artifact", "name", "part", "parts", "data"}``, its
base64 cut in parts; the host takes them out of the trusted run's records
(``take_artifacts``), keeps them with what it learned from that run, and sends them to each
later run at ``/sandbox/artifacts/<name>`` (``artifact_files``), a folder the supervisor seals.
Only a trusted run leaves artifacts: one of a candidate's runs is never read for them, so
nothing of one candidate's run reaches another's.
"""

from __future__ import annotations

import base64

from worksample.sandbox.harness import HarnessResult

ARTIFACT = "artifact"  # the records' event


def take_artifacts(result: HarnessResult) -> dict[str, str]:
    """The artifact records of a trusted run, taken out of its records: each artifact whole
    (base64, its parts in order), by name; one with a part missing is left out."""
    parts: dict[str, dict[int, str]] = {}
    counts: dict[str, int] = {}
    kept = []
    for record in result.report.records:
        if record.get("event") != ARTIFACT:
            kept.append(record)
            continue
        name, part, count = record.get("name"), record.get("part"), record.get("parts")
        if isinstance(name, str) and type(part) is int and type(count) is int and \
                isinstance(record.get("data"), str) and 0 <= part < count:
            parts.setdefault(name, {})[part] = record["data"]
            counts[name] = count
    result.report.records = kept
    return {name: "".join(chunks[i] for i in range(counts[name]))
            for name, chunks in parts.items() if len(chunks) == counts[name]}


def artifact_files(artifacts: dict[str, str] | None) -> dict[str, bytes]:
    """``HarnessRun.files`` that send ``artifacts`` (name -> base64) to a run, at
    ``/sandbox/artifacts/<name>``."""
    return {f"artifacts/{name}": base64.b64decode(data)
            for name, data in (artifacts or {}).items()}
