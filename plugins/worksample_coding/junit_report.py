"""Read an untrusted JUnit XML report: defusedxml parses, junitparser reads the test cases.

The report was written in the candidate's container, by a test runner whose process the
candidate's code shares, so it is hostile input. The rules:

- At most ``max_bytes`` are read (the runner in the container refuses more; this checks
  again).
- A DTD, an entity declaration or an external reference is refused (``forged``): no test
  runner writes one, and they are how XML bombs (billion laughs) and external entities work.
- Malformed XML (a runner stopped while writing, or bytes that are not XML) and a root that is
  neither ``testsuites`` nor ``testsuite`` are unreadable, not forged.
- A test's id is the names of its enclosing ``testsuite`` elements, its ``classname`` and its
  ``name``, the empty ones left out and a part equal to the one before it said once, joined
  with "::" (``Parser::quoted fields``; Go's ``pkg::TestX``; Maven's ``com.x.FooTest::bar``).
  An outcome is ``failed`` with an ``error`` or ``failure`` element, ``skipped`` with a
  ``skipped`` one, else ``passed``.

Pure functions, no Docker: tests/test_junit_report.py.
"""

from __future__ import annotations

from dataclasses import dataclass

MESSAGE_CHARS = 1500


class ReportRefused(Exception):
    """The report cannot be read: ``forged`` when it holds what no test runner writes."""

    def __init__(self, reason: str, forged: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.forged = forged


@dataclass(frozen=True)
class TestOutcome:
    """One test case as the report gives it."""

    id: str
    outcome: str  # passed, failed or skipped
    message: str = ""
    seconds: float | None = None


def read_report(data: bytes, *, max_bytes: int,
                message_chars: int = MESSAGE_CHARS) -> list[TestOutcome]:
    """The test cases of ``data``, in document order; ``ReportRefused`` says why not."""
    import defusedxml
    from defusedxml.ElementTree import ParseError, fromstring
    from junitparser import JUnitXml, JUnitXmlError

    if len(data) > max_bytes:
        raise ReportRefused(f"the report is {len(data)} bytes, more than the limit of "
                            f"{max_bytes}")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as refused:
        raise ReportRefused(f"the report declares a DTD, entities or external references "
                            f"({type(refused).__name__}), which no test runner writes: an "
                            "XML bomb or an external entity", forged=True) from None
    except (ParseError, ValueError) as error:
        raise ReportRefused(f"the report is not well-formed XML ({error}); a test runner "
                            "stopped while writing it leaves it so") from None
    try:
        JUnitXml.fromroot(root)  # junitparser's check of the root
    except JUnitXmlError:
        raise ReportRefused(f"the report's root element is <{str(root.tag)[:40]}>, not "
                            "<testsuites> or <testsuite>") from None
    return [_outcome(element, path, message_chars) for element, path in _test_cases(root)]


def _test_cases(root):
    """Each ``testcase`` element with the names of the suites around it, in document order;
    iterative, so that nesting as deep as the parser allows cannot exhaust the stack."""
    stack = [(root, ())]
    while stack:
        element, path = stack.pop()
        if element.tag == "testcase":
            yield element, path
            continue
        if element.tag == "testsuite":
            path = (*path, str(element.get("name") or ""))
        elif element.tag != "testsuites":
            continue
        stack.extend((child, path) for child in reversed(list(element)))


def _outcome(element, suites: tuple[str, ...], message_chars: int) -> TestOutcome:
    from junitparser import Error, Failure, Skipped, TestCase

    case = TestCase.fromelem(element)
    parts: list[str] = []
    for part in (*suites, case.classname or "", case.name or ""):
        part = " ".join(part.split())
        if part and (not parts or parts[-1] != part):
            parts.append(part)
    results = case.result
    failed = [r for r in results if isinstance(r, (Failure, Error))]
    outcome = "failed" if failed else "skipped" if any(
        isinstance(r, Skipped) for r in results) else "passed"
    message = ""
    if failed:
        first = failed[0]
        message = "\n".join(part for part in (first.message, first.text) if part).strip()
        if len(message) > message_chars:
            message = message[:message_chars] + "..."
    try:
        seconds = float(case.time) if element.get("time") is not None else None
    except (TypeError, ValueError):
        seconds = None
    return TestOutcome(id="::".join(parts) or "(unnamed)", outcome=outcome, message=message,
                       seconds=seconds)
