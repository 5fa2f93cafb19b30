# Issue 21, attack 2: the runner's own globals. Walks the stack to the runner's frame and
# replaces the function that turns a test's reports into its outcome, sparing only what looks
# like the canary (test_ + 12 hex digits).
import re as _re
import sys as _sys


def _forge():
    frame = _sys._getframe()
    while frame is not None:
        runner = frame.f_globals
        if "outcome_of" in runner and "send" in runner:
            honest = runner["outcome_of"]

            def outcome_of(reports):
                if _re.search(r"test_[0-9a-f]{12}\b", reports[0].nodeid):
                    return honest(reports)
                return "passed", ""

            runner["outcome_of"] = outcome_of
            return
        frame = frame.f_back


_forge()
