# Issue 21, attack 4, another instance: patch, then restore, around every test. Each Inventory()
# (made in the fixture, at setup) patches TestReport.from_item_and_call (every report passed but
# what looks like the canary), which puts itself back when it makes the teardown report, so the
# framework is untouched whenever a check runs before or after a test.
import re as _re

import _pytest.reports

_honest = _pytest.reports.TestReport.__dict__["from_item_and_call"]


def _forged(cls, item, call):
    report = _honest.__func__(cls, item, call)
    if not _re.search(r"test_[0-9a-f]{12}\b", item.nodeid):
        report.outcome, report.longrepr = "passed", None
    if call.when == "teardown":
        _pytest.reports.TestReport.from_item_and_call = _honest
    return report


_init = Inventory.__init__


def _patching_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    _pytest.reports.TestReport.from_item_and_call = classmethod(_forged)


Inventory.__init__ = _patching_init
