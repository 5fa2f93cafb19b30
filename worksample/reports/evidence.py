"""A criterion's evidence in plain words, built from its checks (issue 28).

Plugins write evidence lines for the record ("late-refund · ✗ does not make the statement: not
found (earned in proportion …)"); a hiring manager needs what was met and what was missed,
with the candidate's words or the test as proof. Here each check becomes one line:

- a check with a label (a text plugin's finding) is a line of its own, under its group (the
  email it answers);
- checks without one (hidden tests) are counted per group ("all 8 tests of expiry passed"),
  and each that failed is a line with its failure in plain words;
- a check that only confirms an absence ("does not blame the customer: not found") is kept
  apart, shown on request: it says nothing happened;
- a quote already shown for the same part is not repeated: a sentence that answers three
  checks is quoted once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, Field

from worksample.models import Check
from worksample.reports.page_json import PAGE_JSON
from worksample.reports.plain import check_group, check_label, plain_failure

Mark = Literal["met", "missed", "to check"]
_QUOTE_OPEN = "“"


class EvidenceLine(BaseModel):
    """One thing the work did or did not do, in plain words, with its proof."""

    model_config = PAGE_JSON

    mark: Mark
    group: str = Field(description="The part it is about (an email, a test file); '' if one.")
    text: str = Field(description="What was checked, in plain words.")
    detail: str = Field(default="", description="The quote, or what went wrong.")
    same: bool = Field(default=False, description="Its quote is one shown above in the same "
                                                  "part: a page says so instead of quoting it "
                                                  "again.")
    weight: float = Field(default=1.0, description="Its share of the criterion's checks' "
                                                   "weight: how much it counts.")
    quoted: bool = Field(default=False, description="Whether the detail quotes the work.")
    tests: bool = Field(default=False, description="Whether it stands for hidden tests (a "
                                                   "group of them, or one that failed).")


class PlainEvidence(BaseModel):
    """A criterion's evidence for a reader who is not the test's author."""

    lines: list[EvidenceLine] = Field(default_factory=list)
    absences: list[EvidenceLine] = Field(
        default_factory=list, description="Checks that only confirm something is absent.")


def plain_evidence(checks: Iterable[Check], clean: Callable[[str], str]) -> PlainEvidence:
    """The plain evidence of the ``checks`` that count for one criterion; ``clean`` makes every
    candidate-derived text safe to show (and redacts it in a blind review)."""
    checks = list(checks)
    total = sum(check.weight for check in checks) or 1.0
    evidence = PlainEvidence()
    shown_quotes: set[tuple[str, str]] = set()  # (group, quote): "Regards," twice is two
    tests = [check for check in checks if not check.label]
    for check in checks:
        if not check.label:
            continue
        line = _labelled_line(check, clean, check.weight / total)
        if check.confirms_absence:
            evidence.absences.append(line)
            continue
        if line.quoted and (line.group, line.detail) in shown_quotes:
            line = line.model_copy(update={"same": True})
        elif line.quoted:
            shown_quotes.add((line.group, line.detail))
        evidence.lines.append(line)
    evidence.lines += _test_lines(tests, clean, total)
    return evidence


def _labelled_line(check: Check, clean: Callable[[str], str], weight: float) -> EvidenceLine:
    message = clean(check.message)
    quoted = message.startswith(_QUOTE_OPEN)
    if check.review:
        mark: Mark = "to check"
        detail = f"{message} ({clean(check.review)})" if quoted else clean(check.review)
    elif check.outcome == "passed":
        mark, detail = "met", message if quoted else ""
    else:
        mark = "missed"
        detail = message if quoted else _shortfalls(clean(plain_failure(check)))
    return EvidenceLine(mark=mark, group=clean(check_group(check)), text=clean(check_label(check)),
                        detail=detail, weight=weight, quoted=quoted)


def _shortfalls(said: str) -> str:
    """A failed check's words without what it confirms: of a measurement's parts ("✓ reading
    grade 8.1; ✗ 46 words (asked 60-220)") only those that fell short; '' for "not found"."""
    if said == "not found":
        return ""
    parts = said.split("; ")
    short = [part[1:].strip() for part in parts if part.startswith("✗")]
    return "; ".join(short) if short and len(short) < len(parts) else said


def _test_lines(tests: list[Check], clean: Callable[[str], str],
                total: float) -> list[EvidenceLine]:
    """Per group of tests: one line when all passed, else a line per test that did not."""
    groups: dict[str, list[Check]] = {}
    for check in tests:
        groups.setdefault(check_group(check), []).append(check)
    lines = []
    for group, members in groups.items():
        failed = [check for check in members if check.outcome != "passed"]
        if not failed:
            lines.append(EvidenceLine(
                mark="met", group=clean(group), tests=True,
                weight=sum(c.weight for c in members) / total,
                text=f"all {len(members)} test(s) passed" if len(members) > 1
                else f"{clean(check_label(members[0]))}: passed"))
            continue
        lines += [EvidenceLine(mark="to check" if check.review else "missed", group=clean(group),
                               tests=True,
                               text=clean(check_label(check)),
                               detail=clean(check.review or plain_failure(check)),
                               weight=check.weight / total)
                  for check in failed]
    return lines
