"""The pytest runner's side of the sandbox harness: its files, its canary, its budgets.

The runner (harness/runner.py, guard.py and hidden.py, with the grader's own pytest.ini) runs
in the supervisor's forked interpreter, in the same process as the candidate's code, so its
outcomes carry the weaker trust label (``Trust.RUNNER_OUTCOMES``). In the container,
``/sandbox/tests`` holds the hidden tests (with the canary, canary.py) and ``/sandbox/work``
the code under test. The runner's config is ``mode`` ("collect" or "run"),
``per_test_seconds`` and ``message_chars``. Besides the records of
``worksample/sandbox/records.py``, its ``test`` and ``finished`` records may carry
``patched`` (what it found changed or refused to change) and ``forged`` (tests pytest
reported passed that it saw fail), which ``verdict.py`` flags.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from worksample.sandbox import Limits
from worksample.sandbox.harness import HarnessRun, Runner, Trust

from .canary import Canary

__all__ = ["RUNNER", "Canary", "collected_bytes", "max_record_bytes", "pytest_run",
           "result_budget"]

RUNNER = Runner.from_folder(
    resources.files("worksample_coding") / "harness", python="runner.py",
    environment={"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}, trust=Trust.RUNNER_OUTCOMES)


def max_record_bytes(message_chars: int) -> int:
    """The longest record the runner writes but the list of collected ids: a message of
    ``message_chars`` JSON-escaped (6 bytes a character at most: the runner shortens a
    message of emoji, 12 bytes each, to fit), its findings (8 KB at most) and the rest."""
    return 6 * message_chars + 12 * 1024


def collected_bytes(expected_tests: int) -> int:
    """What the "collected" record's list of ids may take."""
    return 2 * expected_tests * 256


def result_budget(expected_tests: int, message_chars: int) -> int:
    """Bytes of results a real run of ``expected_tests`` can write: more means a flood."""
    records = expected_tests + 8  # the canary, collection errors, collected, finished
    return records * max_record_bytes(message_chars) + collected_bytes(expected_tests)


def pytest_run(*, image: str, mode: str, tests: Path, work: Path, expected_tests: int,
               per_test_seconds: float, message_chars: int, limits: Limits,
               canary: Canary | None = None, localhost_name: bool = False,
               deadline_seconds: float | None = None) -> HarnessRun:
    """A run of the hidden ``tests`` against ``work``: "collect" lists the test ids, "run"
    runs them; the output kept is sized for ``expected_tests`` results. With a ``canary``,
    it is planted in the tests, which are then sent file by file: the file that holds it is
    never sent without it."""
    trees, files = {"tests": tests}, {}
    if canary is not None:
        trees = {}
        files = {f"tests/{path}": data for path, data in canary.plant(tests).items()}
    return HarnessRun(
        runner=RUNNER, image=image, work=work, trees=trees, files=files,
        config={"mode": mode, "per_test_seconds": per_test_seconds,
                "message_chars": message_chars},
        limits=limits, result_bytes=result_budget(expected_tests, message_chars),
        max_line=max_record_bytes(message_chars) + collected_bytes(expected_tests),
        localhost_name=localhost_name,
        deadline_seconds=deadline_seconds)
