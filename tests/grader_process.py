"""Run `worksample` as its own process, as the hostile corpora do, and measure its own peak
memory, whatever the test process weighs.

Linux keeps a process's peak resident memory across exec, and a process forked from the
test runner starts as big as the runner: measured through ``wait4`` on it, a grader would
weigh what pytest weighs (226 MB in a full run, where the grader alone takes 60). So the
program is started by a small launcher, a fresh interpreter that forks it and reports its
peak as ``wait4`` sees it.
"""

import os
import subprocess
import sys
from pathlib import Path

from conftest_paths import WORKSAMPLE

# A person's terminal delivers Ctrl-C; a test runner started in the background (`cmd &` in a
# script, perhaps CI) passes SIGINT on as ignored, and Python then installs no handler. A
# grader a test interrupts is started as from a terminal: SIGINT back to its default, then exec.
AS_FROM_A_TERMINAL = [sys.executable, "-c",
                      "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                      "os.execv(sys.argv[1], sys.argv[1:])"]

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


def run_grader(arguments: list[str], output: Path, cache: Path | None = None) -> tuple[int, int]:
    """Run `worksample ARGUMENTS` with its output in ``output``, its own store, cache
    (``cache``, or beside the output) and TMPDIR beside it, so that it touches nothing of the
    user's; return its exit code and peak memory in MB."""
    folder = output.parent
    private_tmp = folder / "tmp"
    private_tmp.mkdir(exist_ok=True)
    env = {**os.environ, "WORKSAMPLE_CACHE_DIR": str(cache or folder / "cache"),
           "WORKSAMPLE_STORE": str(folder / "results.sqlite"), "TMPDIR": str(private_tmp)}
    with open(output, "w") as stdout:
        return run_measured([WORKSAMPLE, *arguments], folder / "peak.txt", stdout=stdout,
                            stderr=subprocess.DEVNULL, cwd=folder, env=env)
