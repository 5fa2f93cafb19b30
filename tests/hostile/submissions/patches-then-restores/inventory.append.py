# Issue 21, attack 4: patch, then restore. TestReport.from_item_and_call reports every test
# passed (but what looks like the canary, test_ + 12 hex digits) and is put back at the last
# test's teardown, so an identity check at the end of the session sees nothing.
import re as _re

import _pytest.reports

_honest = _pytest.reports.TestReport.__dict__["from_item_and_call"]


def _forged(cls, item, call):
    report = _honest.__func__(cls, item, call)
    if not _re.search(r"test_[0-9a-f]{12}\b", item.nodeid):
        report.outcome, report.longrepr = "passed", None
    if call.when == "teardown" and item is item.session.items[-1]:
        _pytest.reports.TestReport.from_item_and_call = _honest
    return report


_pytest.reports.TestReport.from_item_and_call = classmethod(_forged)
