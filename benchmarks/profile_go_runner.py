# Used by benchmarks/profile_go.py only, never by worksample: runs the Go recorder's runner.py
# (beside this file in /sandbox/harness) in this same process, as the supervisor would, and
# writes on stderr when each of its steps began and how long it took, one line each:
# "worksample-profile STEP BEGAN_S TOOK_S" (seconds since this file started). The steps: each
# subprocess.run (go env, the stub generator's run, each go build, by folder), each program
# started for a case, the removal of the build caches, and the runner in all.

import os
import shutil
import subprocess
import time

START = time.monotonic()
RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner.py")


def note(step, began):
    os.write(2, f"worksample-profile {step} {began - START:.4f} "
                f"{time.monotonic() - began:.4f}\n".encode())


def step_name(args, cwd):
    program = str(args[0])
    if os.path.basename(program) == "go":
        return f"go-{args[1]}" + (f"-{os.path.basename(cwd)}" if cwd else "")
    if program.startswith("/proc/self/fd/"):
        return "stubgen-run"
    return os.path.basename(program)


ORIGINAL_RUN = subprocess.run
ORIGINAL_POPEN = subprocess.Popen
ORIGINAL_RMTREE = shutil.rmtree
INSIDE_RUN = []


def timed_run(args, *rest, **options):
    began = time.monotonic()
    INSIDE_RUN.append(True)
    try:
        return ORIGINAL_RUN(args, *rest, **options)
    finally:
        INSIDE_RUN.pop()
        note(step_name(args, options.get("cwd")), began)


class TimedPopen(ORIGINAL_POPEN):
    def __init__(self, *args, **options):
        began = time.monotonic()
        super().__init__(*args, **options)
        if not INSIDE_RUN:
            which = "submission" if "WORKSAMPLE_CHANNEL_IN" in (options.get("env") or {}) \
                else "cases"
            note(f"start-{which}-program", began)


def timed_rmtree(path, *rest, **options):
    began = time.monotonic()
    try:
        return ORIGINAL_RMTREE(path, *rest, **options)
    finally:
        note("remove-build-caches", began)


subprocess.run = timed_run
subprocess.Popen = TimedPopen
shutil.rmtree = timed_rmtree
with open(RUNNER, "rb") as source:
    CODE = compile(source.read(), RUNNER, "exec")
try:
    exec(CODE, {"__name__": "__main__", "__file__": RUNNER})
finally:
    note("runner-total", START)
