"""The ``timed-out`` flag: hidden tests stopped at the per-test time limit (a hang, an endless
loop, a deadlock, or an algorithm far too slow), in any mode.

The run as a whole may end normally while tests inside it hang: each one is stopped at
``limits.per_test_seconds`` and fails with the reason, and the result's ``run.ended`` says
"completed". This flag brings those to the reviewer's attention: a failed test says the code
is wrong; a stopped one says it never finished, a different conversation. It fails nothing.

Each mode says so in the failed check's message, from the runner, which decides it:
classic pytest's per-test timer raises ``TestTimedOut``; the recorders (Python, Go,
JavaScript) record the case as "took longer than"; JUnit mode's per-file command "was stopped
at its time limit". Candidate code could print those words into an assertion message of its
own: it would only raise this flag against itself.
"""

from __future__ import annotations

from worksample.models import Check, IntegrityFlag

TIMED_OUT = "timed-out"
_SAID = ("TestTimedOut", "took longer than", "was stopped at its time limit")


def timed_out_flag(checks: list[Check], per_test_seconds: float) -> IntegrityFlag | None:
    """``timed-out`` saying how many of ``checks`` were stopped at the per-test limit (the
    page names them under their criterion); None when none was."""
    stopped = [check for check in checks
               if check.outcome != "passed" and any(said in check.message for said in _SAID)]
    if not stopped:
        return None
    return IntegrityFlag(kind=TIMED_OUT, evidence=(
        f"{len(stopped)} hidden test(s) stopped at the time limit of {per_test_seconds:g}s "
        "without finishing: a hang, an endless loop or far too slow (each is named, in words, "
        "under its criterion)"))
