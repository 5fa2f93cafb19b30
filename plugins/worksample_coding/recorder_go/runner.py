# The Go recorder's runner: builds the hidden cases (/sandbox/tests, one Go package written
# with the `cases` package beside this file) together with the code under test (the current
# folder, /sandbox/work) into one program, then runs it and relays its records on the results
# descriptor. It decides nothing: the host compares the records with the reference solution's.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]. Offline: the module of the code under test and
# the recorder's are joined by `replace` directives, GOPROXY=off, and the caches are in /tmp.
# The writable mounts are noexec, so the program is run from a sealed memfd.
#
# A build failure (the code does not compile with the cases) is a collection error for every
# case file, with the compiler's errors on one line: every case fails, with that reason.
# The program is started once per case (run.go): a case that goes over the per-case limit, or
# a crash in it (os.Exit, a panic in a goroutine, a fatal error, a kill), costs that case
# only, with the reason, and every case starts from the same state.

import ctypes
import fcntl
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])
CASES_FOLDER = "/sandbox/tests"
HARNESS = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()
CASE_ITSELF = "(the case)"
GRACE_SECONDS = 1.0  # past the per-case limit before the program is killed from here
RECORDER_MODULE = "worksample/cases"
STDERR_KEPT = 64 * 1024


def send(record):
    RESULTS.write(json.dumps(record) + "\n")
    RESULTS.flush()


def go_environment(build):
    environment = dict(os.environ)
    environment.update(
        GOCACHE=os.path.join(build, "cache"), GOPATH=os.path.join(build, "gopath"),
        GOTMPDIR=build, GOPROXY="off", GOSUMDB="off", GOFLAGS="-mod=mod", GOWORK="off",
        GOTOOLCHAIN="local", GOTELEMETRY="off", CGO_ENABLED="0", HOME=build)
    return environment


def case_files():
    return sorted(name for name in os.listdir(CASES_FOLDER)
                  if name.endswith(".go") and not name.endswith("_test.go"))


IMPORT_BLOCK = re.compile(r"^import\s*\(([^)]*)\)", re.MULTILINE)
IMPORT_LINE = re.compile(r'^import\s+(?:[\w.]+\s+)?"([^"]+)"', re.MULTILINE)
QUOTED = re.compile(r'"([^"]+)"')


def imported_module(goroot):
    """The module the cases test: the shortest path they import that is neither the standard
    library nor the recorder; the others must be its packages."""
    paths = set()
    for name in case_files():
        with open(os.path.join(CASES_FOLDER, name), encoding="utf-8", errors="replace") as f:
            source = f.read()
        paths.update(IMPORT_LINE.findall(source))
        for block in IMPORT_BLOCK.findall(source):
            paths.update(QUOTED.findall(block))
    outside = sorted((path for path in paths if path != RECORDER_MODULE
                      and not os.path.isdir(os.path.join(goroot, "src", path))),
                     key=lambda path: (len(path), path))
    if not outside:
        return None
    return outside[0]


def module_of(folder):
    try:
        with open(os.path.join(folder, "go.mod"), encoding="utf-8", errors="replace") as f:
            match = re.search(r"^module\s+\"?([^\s\"]+)", f.read(), re.MULTILINE)
    except OSError:
        return None
    return match.group(1) if match else None


def prepare(build, environment):
    """The build's folders: the recorder, the cases and a main package in a module that
    replaces the recorder and the code under test with their folders. Returns the module the
    cases import, or None when they import none."""
    output = subprocess.run(["go", "env", "GOROOT", "GOVERSION"], capture_output=True,
                            text=True, env=environment, check=True).stdout.split()
    goroot, version = output[0], ".".join(output[1].removeprefix("go").split(".")[:2])
    module = imported_module(goroot) or module_of(WORK)
    recorder = os.path.join(build, "recorder")
    os.mkdir(recorder)
    for name in os.listdir(HARNESS):
        if name.endswith(".go") or name == "go.mod":
            shutil.copy(os.path.join(HARNESS, name), recorder)
    main = os.path.join(build, "run")
    os.makedirs(os.path.join(main, "cases"))
    for name in case_files():
        shutil.copy(os.path.join(CASES_FOLDER, name), os.path.join(main, "cases"))
    requires = [f"require {RECORDER_MODULE} v0.0.0", f"replace {RECORDER_MODULE} => {recorder}"]
    if module is not None:
        # The code under test becomes exactly that module, whatever its go.mod said: only the
        # standard library is there offline, and an older go cannot read newer directives.
        with open(os.path.join(WORK, "go.mod"), "w") as f:
            f.write(f"module {module}\n\ngo {version}\n")
        requires += [f"require {module} v0.0.0", f"replace {module} => {WORK}"]
    with open(os.path.join(main, "go.mod"), "w") as f:
        f.write(f"module worksample/run\n\ngo {version}\n\n" + "\n".join(requires) + "\n")
    with open(os.path.join(main, "main.go"), "w") as f:
        f.write('package main\n\nimport (\n\t_ "worksample/run/cases"\n\t"worksample/cases"\n)\n\n'
                "func main() { cases.Main() }\n")
    return main


def compiler_errors(output):
    """The compiler's errors on one line, paths shown as the candidate and the author know
    them (ledger.go:3:1, cases/limits_cases.go:9:2), capped."""
    lines = []
    for line in output.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"\S*/sandbox/work/", "", line)
        line = re.sub(r"\S*/run/cases/", "cases/", line)
        lines.append(line)
    text = "does not compile: " + "; ".join(lines)
    limit = CONFIG["message_chars"]
    return text if len(text) <= limit else text[:limit - 3] + "..."


def cases_calling_case():
    """The case files that register cases: those a collection error is about."""
    found = []
    for name in case_files():
        with open(os.path.join(CASES_FOLDER, name), encoding="utf-8", errors="replace") as f:
            if re.search(r"\bCase\s*\(", f.read()):
                found.append(name)
    return found or case_files()


def nothing_ran(message):
    """Every case file could not be loaded: the cases have no records."""
    for name in cases_calling_case():
        send({"event": "collect_error", "path": name, "message": message})
    send({"event": "collected", "ids": []})
    send({"event": "finished"})


def build_program(build, environment):
    """The built program as a sealed memfd, or None after reporting why it did not build."""
    main = prepare(build, environment)
    program = os.path.join(build, "cases.bin")
    # no symbol table nor DWARF: a faster link (about 0.2 s of 1.1); panics still name lines
    built = subprocess.run(["go", "build", "-ldflags=-s -w", "-o", program, "."], cwd=main,
                           env=environment, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, errors="replace")
    if built.returncode != 0:
        nothing_ran(compiler_errors(built.stdout + built.stderr))
        return None
    flags = os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING
    memfd = os.memfd_create("worksample-cases", flags)
    with open(program, "rb") as f:
        os.write(memfd, f.read())
    os.remove(program)
    fcntl.fcntl(memfd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE | fcntl.F_SEAL_SHRINK
                | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SEAL)
    return memfd


class Run:
    """The program, started for case number ``case``: its records pipe and its stderr, read
    here."""

    def __init__(self, memfd, case):
        records_read, records_write = os.pipe()
        self.process = subprocess.Popen(
            [f"/proc/{os.getpid()}/fd/{memfd}", str(records_write), sys.argv[2], str(case)],
            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=(records_write,),
            start_new_session=True, env=dict(os.environ, GOTRACEBACK="single"))
        os.close(records_write)
        self.records = records_read
        self.pending = b""
        self.stderr = b""  # what the program printed on stderr since its last record

    def lines(self, deadline_seconds):
        """Yield each record line as it comes; stop at the end of the pipe or after
        ``deadline_seconds`` (reset by each line) without one."""
        selector = selectors.DefaultSelector()
        selector.register(self.records, selectors.EVENT_READ, "records")
        selector.register(self.process.stderr, selectors.EVENT_READ, "stderr")
        deadline = time.monotonic() + deadline_seconds
        self.timed_out = False
        while "records" in [key.data for key in selector.get_map().values()]:
            left = deadline - time.monotonic()
            if left <= 0:
                self.timed_out = True
                break
            for key, _ in selector.select(timeout=left):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fd)
                    continue
                if key.data == "stderr":
                    os.write(2, data)
                    self.stderr = (self.stderr + data)[-STDERR_KEPT:]
                    continue
                lines = (self.pending + data).split(b"\n")
                self.pending = lines.pop()
                for line in lines:
                    self.stderr = b""
                    deadline = time.monotonic() + deadline_seconds
                    yield line
        selector.close()

    def end(self):
        """Stop the program and what it started; its exit code (negative: a signal)."""
        try:
            code = self.process.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            code = None
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except OSError:
            pass
        if code is None:
            code = self.process.wait()
        sweep()
        rest = self.process.stderr.read()
        os.write(2, rest)
        self.stderr = (self.stderr + rest)[-STDERR_KEPT:]
        self.process.stderr.close()
        os.close(self.records)
        return code

    def why_it_stopped(self, code, limit):
        if self.timed_out:
            return f"the case took longer than {limit:g}s"
        printed = self.stderr.decode("utf-8", "replace")
        crash = re.search(r"^(panic: .*|fatal error: .*)$", printed, re.MULTILINE)
        if crash:
            return "the program crashed: " + crash.group(1)[:300]
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else -code
            return f"the program was killed by {name}"
        return f"the program exited with code {code}"


def others():
    """The processes of the container besides the supervisor (PID 1) and this runner."""
    return [int(name) for name in os.listdir("/proc")
            if name.isdigit() and int(name) not in (1, os.getpid())]


def sweep():
    """Kill and reap whatever the last program left running (a fork bomb's processes escape
    its process group, and those forked while it is killed escape one kill), so that the next
    case starts with its processes and memory free. This runner is the subreaper of all it
    started; kill(-1) spares PID 1 (the supervisor) and the caller. Only when the supervisor
    is this runner's parent, PID 1: then nothing else in the container is worksample's."""
    if os.getppid() != 1:
        return
    for _ in range(200):
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
        while True:
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    break
            except ChildProcessError:
                break
        if not others():
            return
        time.sleep(0.005)


def run_cases(memfd):
    """One program per case, each started at its case; the records relayed as they come."""
    per_case = CONFIG["per_case_seconds"]
    ids = None
    done = 0  # cases with a record relayed
    while True:
        run = Run(memfd, done)
        finished = False
        progress = 0
        for line in run.lines(per_case + GRACE_SECONDS):
            try:
                record = json.loads(line)
                event = record.get("event") if isinstance(record, dict) else None
            except (ValueError, RecursionError):
                event = None
            if event == "collected" and ids is not None:
                if record.get("ids") == ids:
                    continue  # the same program, started for the next case
            elif event == "collected" and ids is None:
                ids = record.get("ids") if isinstance(record.get("ids"), list) else []
            elif event == "test":
                done, progress = done + 1, progress + 1
            elif event == "finished":
                finished = True  # not the recorder's: relayed, and the run ends here
            RESULTS.write(line.decode("utf-8", "replace") + "\n")
            if finished:
                break
        code = run.end()
        if finished:
            return
        if ids is None:
            why = run.why_it_stopped(code, per_case) if not run.timed_out else (
                f"the program did not start its cases within {per_case + GRACE_SECONDS:g}s "
                "(the package's init?)")
            nothing_ran("the program stopped before running any case: " + why)
            return
        if not progress:  # it stopped in its case without the recorder's record of it
            if done < len(ids):
                send({"event": "test", "id": ids[done], "observations": [
                    {"label": CASE_ITSELF,
                     "value": {"unrecorded": run.why_it_stopped(code, per_case)}}]})
            done += 1
        if done >= len(ids):
            send({"event": "finished"})
            return


def main():
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphans come back here
    build = tempfile.mkdtemp(prefix="worksample-go-")
    environment = go_environment(build)
    memfd = build_program(build, environment)
    if memfd is not None:
        shutil.rmtree(build, ignore_errors=True)  # the caches: room for the code under test
        run_cases(memfd)


main()
