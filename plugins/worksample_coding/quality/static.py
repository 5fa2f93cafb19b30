"""Static analysis of the candidate's files on the host: tools that parse and never execute.

- Function length and cyclomatic complexity: lizard (pure Python; reads Python, JavaScript,
  TypeScript, Go and more), on the candidate's code, not their tests.
- Lint findings, for Python: ruff (a Rust binary), on code and tests, run with ``--isolated``
  (no configuration file of the submission is read: a ``[tool.ruff]`` section that turns
  rules off or points elsewhere changes nothing), ``--ignore-noqa`` (a ``# noqa`` or
  ``# ruff: noqa`` comment silences nothing), ``--no-respect-gitignore`` (a ``.gitignore``
  hides no file), ``--no-cache`` (nothing is written), and the files named one by one as
  absolute paths after ``--`` (a file named ``--config=x.py`` is a file, not an option).

``analyse`` runs in one of the grader's limited worker processes (``worksample/workers.py``):
past its CPU, memory or wall-clock budget the worker is killed and the signals say so; ruff,
its child, has a timeout and an output cap of its own. Neither tool runs the candidate's
code, and nothing here imports it.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .sources import SourceFiles, source_files

RUFF_RULES = "E4,E7,E9,F,B"  # ruff's defaults (pyflakes, statement errors) and bugbear
RUFF_IGNORED = "B905"  # zip() without strict=: a style choice, not a sign of a bug
RUFF_SECONDS = 20
RUFF_OUTPUT_BYTES = 4 * 2**20  # findings past this much output are not counted
MAX_FUNCTIONS = 5000
MAX_EXAMPLES = 5
NAME_CHARS = 80
MESSAGE_CHARS = 200


@dataclass
class Function:
    """One function of the candidate's code, as lizard measured it."""

    name: str
    path: str
    line: int
    lines: int  # lines of code, blank lines and comments not counted (lizard's nloc)
    complexity: int  # cyclomatic complexity (lizard's CCN)


@dataclass
class Finding:
    """One lint finding."""

    code: str
    message: str
    path: str
    line: int


@dataclass
class Lint:
    """What the linter found, or why it did not run."""

    tool: str
    findings: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # code -> the rule's name
    examples: list[Finding] = field(default_factory=list)
    files: int = 0  # files checked
    files_with_findings: int = 0
    failed: str = ""  # why it did not finish, in plain words
    counted_all: bool = True


@dataclass
class StaticFigures:
    """The host's figures for one submission."""

    sources: SourceFiles
    functions: list[Function] = field(default_factory=list)
    functions_counted: int = 0  # beyond MAX_FUNCTIONS, counted but not kept
    unreadable: list[str] = field(default_factory=list)  # files lizard could not read
    lint: Lint | None = None


def analyse(root: str, language: str, lint: bool, measure: bool,
            sources: SourceFiles | None = None) -> StaticFigures:
    """The static figures of the submission in ``root``: with ``measure``, its functions'
    lengths and complexity; with ``lint``, the linter's findings (Python only). ``sources``
    are its files (``source_files``), found again when not given. Runs in a limited
    worker."""
    sources = sources or source_files(Path(root), language)
    figures = StaticFigures(sources=sources)
    if measure:
        _measure(Path(root), sources.code, figures)
    if lint and language == "python":
        figures.lint = ruff(Path(root), sources.all)
    return figures


def _measure(root: Path, paths: list[str], figures: StaticFigures) -> None:
    from lizard import analyze_file

    for path in paths:
        try:
            code = (root / path).read_bytes().decode("utf-8", "replace")
            functions = analyze_file.analyze_source_code(path, code).function_list
        except RecursionError:
            figures.unreadable.append(path)
            continue
        for function in functions:
            figures.functions_counted += 1
            if len(figures.functions) < MAX_FUNCTIONS:
                figures.functions.append(Function(
                    name=str(function.name)[:NAME_CHARS], path=path,
                    line=int(function.start_line), lines=int(function.nloc),
                    complexity=int(function.cyclomatic_complexity)))


def ruff_command(paths: list[Path]) -> list[str]:
    """The ruff command line that checks ``paths`` (absolute) with worksample's rules and
    none of the submission's configuration."""
    from ruff.__main__ import find_ruff_bin

    return [find_ruff_bin(), "check", "--isolated", "--no-cache", "--ignore-noqa",
            "--no-respect-gitignore", "--exit-zero", "--output-format", "json-lines",
            "--select", RUFF_RULES, "--ignore", RUFF_IGNORED, "--target-version", "py311", "--",
            *(str(path) for path in paths)]


def ruff(root: Path, paths: list[str]) -> Lint:
    """ruff's findings in ``paths`` (relative to ``root``)."""
    lint = Lint(tool="ruff", files=len(paths))
    if not paths:
        return lint
    root = root.resolve()
    command = ruff_command([root / path for path in paths])
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "RAYON_NUM_THREADS": "1",
                   "NO_COLOR": "1"}
    try:
        done = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL, cwd="/",
                              env=environment, timeout=RUFF_SECONDS, check=False,
                              preexec_fn=_dies_with_the_worker)
    except subprocess.TimeoutExpired:
        lint.failed = f"ruff took more than {RUFF_SECONDS} s"
        return lint
    except OSError as error:
        lint.failed = f"ruff could not be started ({error.strerror})"
        return lint
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        lint.failed = (f"ruff could not check the files (it ended with code {done.returncode}"
                       + (f": {said[-1][:200]})" if said else ")"))
        return lint
    return read_ruff(done.stdout, root, lint)


def _dies_with_the_worker() -> None:
    """In ruff's process before it starts: killed when the worker is (a worker stopped at
    its limit leaves no ruff running), and at most RUFF_SECONDS of CPU of its own."""
    import ctypes
    import resource
    import signal

    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    resource.setrlimit(resource.RLIMIT_CPU, (RUFF_SECONDS, RUFF_SECONDS))


def read_ruff(output: bytes, root: Path, lint: Lint) -> Lint:
    """``lint`` with ruff's JSON-lines ``output`` counted: findings by rule, a few examples,
    the files they are in. A line that is not a finding is skipped, and a cut last line too."""
    prefix = str(root).rstrip("/") + "/"
    files = set()
    if len(output) > RUFF_OUTPUT_BYTES:  # counted no further: the rest is like the start
        output, lint.counted_all = output[:RUFF_OUTPUT_BYTES], False
    for line in output.splitlines():
        try:
            finding = json.loads(line)
            code = str(finding.get("code") or "syntax")[:20]
            filename = str(finding.get("filename", ""))
            row = int((finding.get("location") or {}).get("row") or 0)
        except (ValueError, TypeError, AttributeError, RecursionError):
            lint.counted_all = False
            continue
        path = filename[len(prefix):] if filename.startswith(prefix) else Path(filename).name
        lint.findings += 1
        lint.by_code[code] = lint.by_code.get(code, 0) + 1
        name = finding.get("name")
        if isinstance(name, str) and code not in lint.names:
            lint.names[code] = name[:60]
        files.add(path)
        if len(lint.examples) < MAX_EXAMPLES:
            lint.examples.append(Finding(code=code, path=path, line=row, message=str(
                finding.get("message", ""))[:MESSAGE_CHARS]))
    lint.files_with_findings = len(files)
    return lint
