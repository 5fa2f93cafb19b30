# The JUnit mode's runner: the trusted half, which never runs candidate code in its own
# process. It runs in the supervisor's forked interpreter, makes itself non-dumpable (no other
# process of the sandbox's user can open its descriptors or memory through /proc) and keeps
# the results descriptor to itself. It runs the team's test command (which loads the code
# under test), once for the whole suite or once per hidden test file, each run under its own
# time limit; then it kills whatever the command left (a process still running could rewrite
# the report afterwards), reads the JUnit XML the command wrote (a regular file, not a link,
# at most "max_report_bytes") and sends it, base64, as it is. It parses nothing and decides
# nothing: the host reads the XML with defusedxml and junitparser and checks every expected
# test id. What it cannot prevent, and the result says: the candidate's code runs in the test
# runner's process and can write the report itself.
#
# Records: "collected" lists the runs ("(suite)" or each test file's name), then one "test"
# record per run: {"id", "exit", "timed_out", "seconds", "reports": [{"name", "xml"}],
# "problem", "output": the end of what the command printed}, then "finished". The command's
# output also goes on to the run's output, as the other runners' does.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; CONFIG: command (list of words, with {report},
# {file}, {tests} and {from_memory} (from_memory.py, which runs a built program) replaced),
# report ("{report}", or a file or folder in the code's folder), per_file (a glob of test
# file names, or null), run_seconds, max_report_bytes.

import base64
import ctypes
import fnmatch
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time

ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE=0, before any other process starts

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])
TESTS = "/sandbox/tests"
WORK = os.getcwd()
FRESH = "/tmp/worksample-junit"  # where {report} points: a new file per run
SUITE = "(suite)"
FROM_MEMORY = "/sandbox/harness/from_memory.py"  # this folder, as the harness places it
OUTPUT_KEPT = 2000  # characters of the end of a run's output, for the evidence


def send(record):
    RESULTS.write(json.dumps(record) + "\n")
    RESULTS.flush()


def runs():
    """The runs, in order: the whole suite, or each hidden test file matching per_file."""
    pattern = CONFIG.get("per_file")
    if not pattern:
        return [SUITE]
    return sorted(name for name in os.listdir(TESTS)
                  if fnmatch.fnmatch(name, pattern) and os.path.isfile(os.path.join(TESTS, name)))


def report_path(number):
    if CONFIG["report"] == "{report}":
        return "%s/%d.xml" % (FRESH, number)
    return os.path.join(WORK, CONFIG["report"])


def clear(path):
    """Remove what the submission shipped at the report's place: a report must come from the
    run. A folder keeps what is not XML."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        for name in os.listdir(path):
            if name.endswith(".xml"):
                os.unlink(os.path.join(path, name))
    else:
        os.unlink(path)


def command(path, unit):
    values = {"report": path, "tests": TESTS, "file": os.path.join(TESTS, unit),
              "from_memory": FROM_MEMORY}
    words = []
    for word in CONFIG["command"]:
        for name, value in values.items():
            word = word.replace("{%s}" % name, value)
        words.append(word)
    return words


def sweep():
    """Kill every process of the sandbox but this one and its ancestors (the supervisor is
    PID 1, which kill(-1) spares as it spares the caller), then reap them."""
    if os.getppid() == 1:
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
    else:  # not under the supervisor: kill by pid, sparing this process's ancestors
        spared, pid = {os.getpid()}, os.getppid()
        while pid > 1 and pid not in spared:
            spared.add(pid)
            with open("/proc/%d/stat" % pid) as status:
                pid = int(status.read().rsplit(")", 1)[1].split()[1])
        for entry in (e for e in os.listdir("/proc") if e.isdigit()):
            if int(entry) not in spared and int(entry) != 1:
                try:
                    os.kill(int(entry), signal.SIGKILL)
                except OSError:
                    pass
    while True:
        try:
            if os.waitpid(-1, 0)[0] == 0:
                break
        except ChildProcessError:
            break


def read_file(path, room):
    """(bytes, problem): at most ``room`` + 1 bytes of a regular file, never through a link."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, "the report %s could not be opened (%s)" % (path, error.strerror)
    with os.fdopen(handle, "rb") as report:
        if not stat.S_ISREG(os.fstat(report.fileno()).st_mode):
            return None, "the report %s is not a regular file" % path
        return report.read(room + 1), None


def collect(path):
    """(reports, problem): the XML found at ``path``, a file or a folder of .xml files."""
    limit = CONFIG["max_report_bytes"]
    if os.path.isdir(path) and not os.path.islink(path):
        names = sorted(name for name in os.listdir(path) if name.endswith(".xml"))
    else:
        names, path = [os.path.basename(path)], os.path.dirname(path)
    reports, size = [], 0
    for name in names:
        data, problem = read_file(os.path.join(path, name), limit - size)
        if problem:
            return [], problem
        if data is None:
            continue
        size += len(data)
        if size > limit:
            return [], "the JUnit report is larger than the limit of %d bytes" % limit
        reports.append({"name": name, "xml": base64.b64encode(data).decode("ascii")})
    if not reports:
        return [], "the test command wrote no JUnit report"
    return reports, None


def run(number, unit):
    path = report_path(number)
    clear(path)
    started = time.monotonic()
    code, timed_out = None, False
    output = Output()
    try:
        process = subprocess.Popen(command(path, unit), stdin=subprocess.DEVNULL, cwd=WORK,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        output.follow(process.stdout)
        try:
            code = process.wait(timeout=CONFIG["run_seconds"])
        except subprocess.TimeoutExpired:
            timed_out = True
        problem = None
    except OSError as error:  # the command is not in the image
        problem = "the test command could not start: %s" % error
    seconds = time.monotonic() - started
    sweep()
    reports = []
    if problem is None:
        reports, problem = collect(path)
    send({"event": "test", "id": unit, "exit": code, "timed_out": timed_out,
          "seconds": round(seconds, 3), "reports": reports, "problem": problem,
          "output": output.end()})


class Output:
    """What the command prints, read from a pipe (never a file: a flood would fill the tmpfs
    the report is written to) and passed on to this runner's output, which the supervisor
    caps; the end is kept for the evidence."""

    def __init__(self):
        self.kept = b""
        self.thread = None

    def follow(self, pipe):
        def read():
            out = sys.stdout.buffer
            for chunk in iter(lambda: pipe.read1(65536), b""):
                self.kept = (self.kept + chunk)[-4 * OUTPUT_KEPT:]
                try:
                    out.write(chunk)
                    out.flush()
                except OSError:
                    pass
            pipe.close()

        self.thread = threading.Thread(target=read, daemon=True)
        self.thread.start()

    def end(self):
        if self.thread is not None:
            self.thread.join(2)  # the pipe closes once the sweep has killed every writer
        return self.kept.decode("utf-8", "replace")[-OUTPUT_KEPT:]


def main():
    os.makedirs(FRESH, exist_ok=True)
    units = runs()
    send({"event": "collected", "ids": units})
    for number, unit in enumerate(units):
        run(number, unit)
    send({"event": "finished"})


main()
