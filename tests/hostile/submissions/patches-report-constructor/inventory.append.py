# Issue 21, attack 5, another instance: the report's constructor instead of its properties.
# TestReport.__init__ records every outcome as passed (but what looks like the canary).
import re as _re

from _pytest.reports import TestReport as _Report

_init = _Report.__init__


def _forged_init(self, nodeid, location, keywords, outcome, longrepr, when, *args, **kwargs):
    if not _re.search(r"test_[0-9a-f]{12}\b", nodeid):
        outcome, longrepr = "passed", None
    _init(self, nodeid, location, keywords, outcome, longrepr, when, *args, **kwargs)


_Report.__init__ = _forged_init
