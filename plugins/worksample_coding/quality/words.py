"""The code-quality figures in the plain words a reviewer reads next to a criterion.

Pure functions of the figures: "3 functions over 50 lines of code; the longest, `parse`
(ledger.py:12), has 120", "12 own tests, all pass", "84% of the lines of their code run by
their own tests". Names and paths are the candidate's: the reports make them visible and
redact them in a blind review, like any candidate text.
"""

from __future__ import annotations

from statistics import mean

from .own_tests import OwnTests
from .sources import SourceFiles
from .static import Function, Lint

RULE_WORDS = "pyflakes, bugbear and statement errors"


def _s(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _where(function: Function) -> str:
    return f"`{function.name}` ({function.path}:{function.line})"


def left_out(sources: SourceFiles) -> str:
    """"; 2 files not read (larger than 256 KB: big.py)" or ""."""
    if not sources.left_out_count:
        return ""
    first, why = next(iter(sources.left_out.items()))
    return f"; {_s(sources.left_out_count, 'file')} not read ({why}: {first})"


def function_length(functions: list[Function], counted: int, most: int,
                    sources: SourceFiles) -> str:
    """Long functions, or the longest when none is long."""
    if not functions:
        return "no function found in the candidate's code" + left_out(sources)
    long = sorted((f for f in functions if f.lines > most), key=lambda f: -f.lines)
    longest = max(functions, key=lambda f: f.lines)
    if long:
        said = (f"{_s(len(long), 'function')} over {most} lines of code (of {counted}); "
                f"the longest, {_where(longest)}, has {longest.lines}")
    else:
        said = (f"no function over {most} lines of code ({_s(counted, 'function')}); the "
                f"longest, {_where(longest)}, has {longest.lines}")
    return said + left_out(sources)


def complexity(functions: list[Function], counted: int, most: int,
               sources: SourceFiles) -> str:
    """Complex functions, or the most complex when none is."""
    if not functions:
        return "no function found in the candidate's code" + left_out(sources)
    complex_ones = [f for f in functions if f.complexity > most]
    top = max(functions, key=lambda f: f.complexity)
    average = mean(f.complexity for f in functions)
    if complex_ones:
        said = (f"{_s(len(complex_ones), 'function')} with a cyclomatic complexity over {most} "
                f"(of {counted}); the most complex, {_where(top)}, is at {top.complexity}")
    else:
        said = (f"no function over a cyclomatic complexity of {most} "
                f"({_s(counted, 'function')}, {average:.1f} on average); the most complex, "
                f"{_where(top)}, is at {top.complexity}")
    return said + left_out(sources)


def lint(found: Lint, sources: SourceFiles) -> str:
    """The linter's findings by rule, with the first one's place."""
    if found.failed:
        return f"not measured: {found.failed}"
    if not found.files:
        return "no file to lint"
    if not found.findings:
        return (f"no lint findings ({found.tool}: {RULE_WORDS}; "
                f"{_s(found.files, 'file')})" + left_out(sources))
    rules = sorted(found.by_code.items(), key=lambda item: (-item[1], item[0]))
    named = ", ".join(f"{count} {code}" + (f" {found.names[code]}" if found.names.get(
        code, code) != code else "") for code, count in rules[:3])
    more = f" and {_s(len(rules) - 3, 'other rule')}" if len(rules) > 3 else ""
    at_least = "" if found.counted_all else "at least "
    first = found.examples[0]
    return (f"{at_least}{_s(found.findings, 'lint finding')} ({found.tool}) in "
            f"{found.files_with_findings} of {_s(found.files, 'file')}: {named}{more}; the "
            f"first, {first.path}:{first.line}: {first.message}" + left_out(sources))


def vet(found: OwnTests) -> str:
    """Go vet's findings, counted in the sandbox."""
    if not found.vet_count:
        return "no lint findings (go vet)" + (f" ({found.trouble})" if found.trouble else "")
    return (f"{_s(found.vet_count, 'lint finding')} (go vet); the first, "
            f"{found.vet[0]}" if found.vet else f"{_s(found.vet_count, 'lint finding')} "
            "(go vet)")


FORGED = ("not measured: something wrote to the result channel outside the runner's records "
          "(the candidate's code can, and its figures cannot be told from the runner's)")


def own_tests(found: OwnTests) -> str:
    """How many own tests, and how they ended."""
    if not found.files:
        return "no tests of their own"
    if found.forged:
        return FORGED
    if not found.tests:
        why = (f"; {_s(len(found.unloadable), 'test file')} could not be loaded "
               f"({', '.join(found.unloadable)})" if found.unloadable else "")
        said = f"{_s(found.files, 'test file')} of their own, but no test ran{why}"
        return said + (f" ({found.trouble})" if found.trouble else "")
    ran = found.passed + found.failed + found.skipped
    if found.failed == 0 and found.skipped == 0 and not found.not_run:
        said = f"{_s(found.tests, 'own test')}, all pass"
    else:
        parts = [f"{found.passed} pass"]
        if found.failed:
            named = ", ".join(f"`{test_id}`" for test_id in found.failed_ids)
            parts.append(f"{found.failed} fail ({named}"
                         + (", ..." if found.failed > len(found.failed_ids) else "") + ")")
        if found.skipped:
            parts.append(f"{found.skipped} skipped")
        if found.not_run:
            parts.append(f"{found.not_run} did not run")
        said = f"{_s(found.tests, 'own test')}: " + ", ".join(parts)
    if found.unloadable:
        said += (f"; {_s(len(found.unloadable), 'test file')} could not be loaded "
                 f"({', '.join(found.unloadable)})")
    if found.trouble:
        said += f" ({found.trouble}{'' if ran else '; none finished'})"
    return said


def coverage(found: OwnTests) -> str:
    """The share of the candidate's code lines their own tests ran, and the least covered
    file when there are several."""
    if not found.files:
        return "no coverage to measure: no tests of their own"
    if found.forged:
        return FORGED
    if not found.lines:
        return ("not measured: " + (found.trouble or "coverage of their code could not be "
                                                      "read"))
    share = round(100 * found.lines_run / found.lines)
    said = (f"{share}% of the {found.unit} of their code run by their own tests "
            f"({found.lines_run} of {found.lines} {found.unit}")
    if len(found.coverage) > 1:
        path, (lines, run) = min(found.coverage.items(),
                                 key=lambda item: (item[1][1] / max(item[1][0], 1), item[0]))
        said += f"; least covered: {path}, {round(100 * run / max(lines, 1))}%"
    said += ")"
    if found.trouble:
        said += f" ({found.trouble}: lines run until then)"
    return said
