"""Gather one submission's code-quality signals beside its hidden tests' run (see the
package's docstring): the static analysis in a limited worker, the own tests in the sandbox,
then each signal the assignment maps in plain words."""

from __future__ import annotations

import atexit
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from worksample.errors import InfrastructureError, SubmissionRejected
from worksample.models import Assignment, HostLimits, QualitySignal, Submission
from worksample.workers import LimitedWorkers

from . import words
from .own_tests import VETTED, OwnTests, run_own_tests, supported
from .sources import SourceFiles, source_files
from .spec import IN_SANDBOX, SIGNALS, STATIC, QualitySection
from .static import StaticFigures, analyse


class _SpareWorkers:
    """Limited workers of the plugin's own, for a caller that gave none (a test, a library
    user): started at first use, stopped when the process exits."""

    def __init__(self):
        self._lock = threading.Lock()
        self._workers: LimitedWorkers | None = None

    def get(self, limits: HostLimits) -> LimitedWorkers:
        with self._lock:
            if self._workers is None:
                self._workers = LimitedWorkers(1, limits)
                atexit.register(self._workers.close)
            self._workers.limits = limits
            return self._workers


SPARE = _SpareWorkers()


class Gathering:
    """The signals of one submission, gathered in threads beside the hidden tests' run.

    ``with Gathering(...) as gathering:`` starts them; leaving the block waits for them (a
    container is never left running), and ``signals()`` gives the result.
    """

    def __init__(self, assignment: Assignment, submission: Submission, image: str,
                 workers: LimitedWorkers | None):
        section = assignment.section
        self.quality: QualitySection = section.quality
        self.assignment = assignment
        self.root = submission.root
        self.image = image
        self.workers = workers or SPARE.get(assignment.spec.host_limits)
        self.sources = source_files(self.root, section.language)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="quality")
        self._static: Future | None = None
        self._own: Future | None = None

    def __enter__(self) -> Gathering:
        wanted = self.quality.wanted()
        if wanted & STATIC:
            self._static = self._pool.submit(self._analysed, "lint" in wanted,
                                             bool(wanted & {"function_length", "complexity"}))
        language = self.assignment.section.language
        if supported(language) and (wanted & IN_SANDBOX
                                    or ("lint" in wanted and language in VETTED)):
            self._own = self._pool.submit(self._own_tests, "lint" in wanted,
                                          bool(wanted & IN_SANDBOX))
        return self

    def __exit__(self, *exc_info) -> None:
        self._pool.shutdown(wait=True)

    def _analysed(self, lint: bool, measure: bool) -> StaticFigures:
        return self.workers.run("to analyse its code", analyse, str(self.root),
                                self.assignment.section.language, lint, measure, self.sources)

    def _own_tests(self, lint: bool, tests: bool) -> OwnTests:
        section = self.assignment.section
        return run_own_tests(image=self.image, work=self.root, language=section.language,
                             sources=self.sources, starter=self.assignment.root / section.starter,
                             limits=section.limits.sandbox_limits(),
                             per_test_seconds=section.limits.per_test_seconds,
                             localhost_name=section.localhost_name, lint=lint,
                             tests=tests)

    def signals(self) -> list[dict]:
        """The signals the assignment maps, in the order of ``SIGNALS``, as stored."""
        static, static_failed = _outcome(self._static, "the analysis of its code")
        own, own_failed = _outcome(self._own, "the run of its own tests")
        if self._own is None and not own_failed:
            own_failed = (f"running the candidate's own tests is not supported for "
                          f"{self.assignment.section.language} tasks yet")
        made = []
        for signal in SIGNALS:
            criteria = self.quality.criteria_of(signal)
            if not criteria:
                continue
            vetted = signal == "lint" and self.assignment.section.language in VETTED
            failed = own_failed if signal in IN_SANDBOX or vetted else static_failed
            if failed:
                made.append(QualitySignal(signal=signal, criteria=criteria, measured=False,
                                          said=f"not measured: {failed}"))
                continue
            said, figures = _said(signal, self.quality, static, own, self.sources,
                                  self.assignment.section.language)
            made.append(QualitySignal(signal=signal, criteria=criteria, said=said,
                                      figures=figures,
                                      measured=not said.startswith("not measured")))
        return [signal.model_dump() for signal in made]


def _outcome(future: Future | None, doing: str):
    """The future's value and "", or None and why it failed, in words."""
    if future is None:
        return None, ""
    try:
        return future.result(), ""
    except SubmissionRejected as error:  # a worker's limit: the submission's doing
        return None, f"{doing} was stopped: {error}"
    except InfrastructureError as error:
        return None, f"{doing} failed: {error}"
    except Exception as error:  # a bug of ours costs the signal, never the grade
        return None, f"{doing} failed ({type(error).__name__}: {error}); please report it"


def _said(signal: str, quality: QualitySection, static: StaticFigures | None,
          own: OwnTests | None, sources: SourceFiles, language: str) -> tuple[str, dict]:
    if signal == "function_length":
        return (words.function_length(static.functions, static.functions_counted,
                                      quality.long_function_lines, sources),
                _function_figures(static, "lines", quality.long_function_lines))
    if signal == "complexity":
        return (words.complexity(static.functions, static.functions_counted,
                                 quality.complex_function, sources),
                _function_figures(static, "complexity", quality.complex_function))
    if signal == "lint" and static.lint is None:
        if own is not None and own.vet_count is not None:
            return words.vet(own), {"tool": "go vet", "findings": own.vet_count,
                                    "first": own.vet}
        return (f"not measured: worksample has no linter for {language} (the sandbox image "
                "has none; ruff reads Python only)", {})
    if signal == "lint":
        lint = static.lint
        return words.lint(lint, sources), {
            "tool": lint.tool, "findings": lint.findings, "by_rule": lint.by_code,
            "files": lint.files, "files_with_findings": lint.files_with_findings,
            "counted_all": lint.counted_all,
            "first": [vars(finding) for finding in lint.examples]}
    if signal == "own_tests":
        return words.own_tests(own), {
            "test_files": own.files, "tests": own.tests, "passed": own.passed,
            "failed": own.failed, "skipped": own.skipped, "not_run": own.not_run,
            "failed_ids": own.failed_ids, "ended": own.ended,
            "unloadable": own.why_unloadable}
    return words.coverage(own), {
        "unit": own.unit, "lines": own.lines, "lines_run": own.lines_run,
        "percent": round(100 * own.lines_run / own.lines, 1) if own.lines else None,
        "files": {path: list(counts) for path, counts in list(own.coverage.items())[:50]}}


def _function_figures(static: StaticFigures, measure: str, most: int) -> dict:
    functions = static.functions
    if not functions:
        return {"functions": 0}
    top = max(functions, key=lambda f: getattr(f, measure))
    return {"functions": static.functions_counted, "limit": most,
            "over": sum(getattr(f, measure) > most for f in functions),
            "top": {"name": top.name, "path": top.path, "line": top.line,
                    measure: getattr(top, measure)}}

