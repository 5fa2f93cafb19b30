"""The pytest runner's side of the sandbox harness: its files, its canary, its budgets.

The runner (harness/runner.py, with the grader's own pytest.ini) runs in the supervisor's
forked interpreter, in the same process as the candidate's code, so its outcomes carry the
weaker trust label (``Trust.RUNNER_OUTCOMES``). In the container, ``/sandbox/tests`` holds the
hidden tests (with the canary) and ``/sandbox/work`` the code under test. The runner's config
is ``mode`` ("collect" or "run"), ``per_test_seconds`` and ``message_chars``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from worksample.sandbox import Limits
from worksample.sandbox.harness import HarnessRun, Runner, Trust

RUNNER = Runner.from_folder(
    resources.files("worksample_coding") / "harness", python="runner.py",
    environment={"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}, trust=Trust.RUNNER_OUTCOMES)


@dataclass(frozen=True)
class Canary:
    """A hidden test built to fail, with a random name: if it passes, outcomes were forged."""

    name: str

    @classmethod
    def new(cls) -> Canary:
        """A canary with a fresh random name."""
        return cls(f"test_{secrets.token_hex(6)}")

    @property
    def test_id(self) -> str:
        """Its pytest node id."""
        return f"{self.name}.py::{self.name}"

    def source(self) -> bytes:
        """Its test file: an assert of two numbers that differ."""
        left, right = secrets.randbelow(10**9), 10**9 + secrets.randbelow(10**9)
        return f"def {self.name}():\n    assert {left} == {right}\n".encode()


def max_record_bytes(message_chars: int) -> int:
    """The longest line the runner writes: a record whose message JSON-escapes 6x at worst."""
    return 6 * message_chars + 4096


def result_budget(expected_tests: int, message_chars: int) -> int:
    """Bytes of results a real run of ``expected_tests`` can write: more means a flood."""
    records = expected_tests + 8  # the canary, collection errors, collected, finished
    collected = 2 * expected_tests * 256  # the "collected" record lists every id
    return records * max_record_bytes(message_chars) + collected


def pytest_run(*, image: str, mode: str, tests: Path, work: Path, expected_tests: int,
               per_test_seconds: float, message_chars: int, limits: Limits,
               canary: Canary | None = None, localhost_name: bool = False,
               deadline_seconds: float | None = None) -> HarnessRun:
    """A run of the hidden ``tests`` against ``work``: "collect" lists the test ids, "run"
    runs them; the output kept is sized for ``expected_tests`` results."""
    return HarnessRun(
        runner=RUNNER, image=image, work=work, trees={"tests": tests},
        files={f"tests/{canary.name}.py": canary.source()} if canary is not None else {},
        config={"mode": mode, "per_test_seconds": per_test_seconds,
                "message_chars": message_chars},
        limits=limits, result_bytes=result_budget(expected_tests, message_chars),
        max_line=max_record_bytes(message_chars), localhost_name=localhost_name,
        deadline_seconds=deadline_seconds)
