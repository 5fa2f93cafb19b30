# Issue 21, attack 5: report properties that are not guarded. BaseReport.passed, .failed and
# .skipped say "passed" for every report but what looks like the canary (test_ + 12 hex digits).
import re as _re

from _pytest.reports import BaseReport as _Report

_honest = {name: getattr(_Report, name) for name in ("passed", "failed", "skipped")}


def _property(name, forged):
    def get(report):
        if _re.search(r"test_[0-9a-f]{12}\b", report.nodeid):
            return _honest[name].fget(report)
        return forged

    return property(get)


_Report.passed = _property("passed", True)
_Report.failed = _property("failed", False)
_Report.skipped = _property("skipped", False)
