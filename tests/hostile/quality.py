"""Hostile submissions aimed at the code-quality signals, each with the outcome it must get.

Each is the strong expense-ledger sample (which scores 100 and has ten passing tests of its
own) with files laid over it. None may hang, crash or fool the grader: every one is graded
(or, for a link, refused by intake) with the score the strong sample gets, its signals
measured or saying why not, and what the table says found in them.

The static half (ruff and lizard on the host) is attacked with sizes, nesting, names and
configuration; the sandbox half (the candidate's own tests) with hangs, early exits, forged
records, a fork bomb and configuration that would skip tests or hide code from coverage.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
STRONG = ROOT / "examples" / "expense-ledger" / "strong"

LONG_FUNCTION = "def g(a):\n" + "    if a:\n        a += 1\n" * 8000 + "    return a\n"


@dataclass(frozen=True)
class Attack:
    """A submission: files laid over the strong sample, and what its signals must say."""

    name: str
    files: dict[str, str | bytes]
    says: dict[str, str] = field(default_factory=dict)  # signal -> a part of what it says
    status: str = "graded"
    links: dict[str, str] = field(default_factory=dict)  # path -> where it points

    def build(self, root: Path) -> Path:
        """The submission's folder under ``root``."""
        folder = root / self.name
        shutil.copytree(STRONG, folder, ignore=shutil.ignore_patterns("__pycache__"))
        for path, content in self.files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content)
        for path, to in self.links.items():
            (folder / path).symlink_to(to)
        return folder


STATIC = [
    Attack("huge-file", {"generated.py": "x = 1\n" * 500_000},
           says={"function_length": "1 file not read (larger than 256 KB: generated.py)",
                 "lint": "no lint findings"}),
    Attack("deep-nesting", {
        "deep.py": "x = " + "(" * 50_000 + "1" + ")" * 50_000 + "\n",
        "deep_if.py": "def f(x):\n" + "".join("    " * (i + 1) + "if x:\n" for i in range(100))
        + "    " * 101 + "return 1\n",
        "deep_list.py": "y = " + "[" * 60_000 + "]" * 60_000 + "\n"},
        says={"complexity": "the most complex, `f` (deep_if.py:1), is at 101"}),
    Attack("named-like-options", {"--config=ruff.toml.py": "import os\n",
                                  "--select=E501.py": "import sys\n", "-.py": "import re\n"},
           says={"lint": "3 lint findings (ruff) in 3 of 5 files: 3 F401 unused-import"}),
    Attack("ruff-configuration", {
        "pyproject.toml": "[tool.ruff]\nexclude = ['*.py']\nextend = '/etc/ruff.toml'\n"
                          "[tool.ruff.lint]\nignore = ['F', 'B']\n",
        "ruff.toml": "[lint]\nselect = ['E501']\n",
        ".gitignore": "*.py\n",
        "helpers.py": "# ruff: noqa\nimport os  # noqa: F401\n\n\ndef f(x=[]):\n    return x\n"},
        says={"lint": "2 lint findings (ruff) in 1 of 3 files: 1 B006"}),
    Attack("a-link", {}, links={"secret.py": "/etc/passwd"}, status="rejected"),
]

OWN_TESTS = [
    Attack("own-tests-fail-and-hang", {"test_more.py": (
        "import time\n\n\ndef test_one():\n    assert 1\n\n\ndef test_two():\n    assert 2\n\n\n"
        "def test_wrong():\n    assert 1 == 2\n\n\ndef test_hangs():\n    time.sleep(600)\n")},
        says={"own_tests": "14 own tests: 12 pass, 2 fail (`test_more.py::test_wrong`, "
                           "`test_more.py::test_hangs`)"}),
    Attack("own-tests-configuration", {
        "pytest.ini": "[pytest]\naddopts = -k nothing_at_all -p no:python\n",
        "pyproject.toml": "[tool.pytest.ini_options]\naddopts = '--collect-only'\n"
                          "[tool.coverage.run]\nomit = ['*']\n"
                          "[tool.coverage.report]\nexclude_lines = ['.*']\n",
        ".coveragerc": "[run]\nomit = ledger.py\n",
        "setup.cfg": "[coverage:run]\nomit = *\n",
        "tox.ini": "[pytest]\naddopts = -x\n"},
        says={"own_tests": "10 own tests, all pass",
              "coverage": "96% of the lines of their code run by their own tests (71 of 74"}),
    Attack("own-tests-exit-early", {"test_exit.py": "import os\nos._exit(0)\n"},
           says={"own_tests": "ended (exit code 0) before reporting all",
                 "coverage": "not measured"}),
    Attack("own-tests-forge-records", {"test_forge.py": (
        "import os\n\n\ndef test_forges():\n"
        "    line = b'{\"event\": \"finished\", \"exit\": 0, \"files\": "
        "{\"ledger.py\": [74, 0]}}\\n' + b'x' * 100000 + b'\\n'\n"
        "    for fd in range(3, 40):\n"
        "        try:\n"
        "            for _ in range(200):\n"
        "                os.write(fd, line)\n"
        "        except OSError:\n"
        "            pass\n")},
        says={"own_tests": "not measured: something wrote to the result channel outside",
              "coverage": "not measured: something wrote to the result channel outside"}),
    Attack("own-tests-fork-bomb", {"conftest.py": (
        "import os\n\n\ndef pytest_configure(config):\n"
        "    for _ in range(500):\n"
        "        try:\n"
        "            if os.fork() == 0:\n"
        "                import time\n"
        "                time.sleep(60)\n"
        "                os._exit(0)\n"
        "        except OSError:\n"
        "            break\n")},
        says={"own_tests": "10 own tests, all pass"}),
]

ATTACKS = STATIC + OWN_TESTS
