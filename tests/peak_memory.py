"""Run a program and measure its own peak memory, whatever the test process weighs.

Linux keeps a process's peak resident memory across exec, and a process forked from the
test runner starts as big as the runner: measured through ``wait4`` on it, a grader would
weigh what pytest weighs (226 MB in a full run, where the grader alone takes 60). So the
program is started by a small launcher, a fresh interpreter that forks it and reports its
peak as ``wait4`` sees it.
"""

import subprocess
import sys
from pathlib import Path

LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write("%d %d" % (os.waitstatus_to_exitcode(status), usage.ru_maxrss))
"""


def run_measured(command: list[str], report: Path, **popen) -> tuple[int, int]:
    """Run ``command`` (its first item a path) with ``popen``'s options; return its exit
    code and its own peak resident memory in MB. ``report`` is a scratch file."""
    subprocess.run([sys.executable, "-c", LAUNCHER, str(report), *command], check=False,
                   **popen)
    exit_code, peak_kb = map(int, report.read_text().split())
    return exit_code, peak_kb // 1024
