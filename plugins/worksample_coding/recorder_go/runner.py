# The Go recorder's runner: the trusted half, which never runs candidate code. It makes itself
# undumpable (no other process of the sandbox's user can read its memory or open its
# descriptors, the results descriptor among them), then builds two programs:
#
# - the program of the hidden cases (/sandbox/tests, one Go package written with the `cases`
#   package beside this file), built with a stand-in of each package of the module under test
#   that stubgen.go writes: the package's types and constants, and a body for each exported
#   function and method that calls the candidate's program (remote.go). None of the
#   candidate's code is in it. It is run from a memfd no one may read, which makes it
#   undumpable too, and it alone holds the pipe it writes its records on;
# - the candidate's program: the module under test itself (the current folder, /sandbox/work),
#   which answers the first's calls over a channel of two pipes, and holds nothing else.
#
# So the code under test cannot write a record, nor reach the recorder's state: what is
# recorded is what it answered to the calls the cases made. It decides nothing: the host
# compares the records with the reference solution's.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]. Offline: the module of the code under test, its
# stand-in and the recorder's are joined by `replace` directives, GOPROXY=off, and the caches
# are in /tmp. The writable mounts are noexec, so the programs are run from sealed memfds. The
# stub generator is built in the reference's run (config make_artifacts), which leaves it for
# the submissions' runs: they are given it in /sandbox/artifacts (recorded.py).
#
# A build failure (the code does not compile, or the cases do not compile with it) is a
# collection error for every case file, with the compiler's errors on one line: every case
# fails, with that reason. The programs are started once per case (run.go): a case that goes
# over the per-case limit, or a crash in it (os.Exit, a panic in a goroutine, a fatal error, a
# kill, the channel broken), costs that case only, with the reason, and every case starts
# from the same state.

import base64
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

ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE=0, before any other process starts

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])
CASES_FOLDER = "/sandbox/tests"
HARNESS = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()
CASE_ITSELF = "(the case)"
GRACE_SECONDS = 1.0  # past the per-case limit before the program is killed from here
LOST_EXIT = 4  # the cases' program lost its channel to the candidate's (remote.go LostExit)
RECORDER_MODULE = "worksample/cases"
STDERR_KEPT = 64 * 1024
STUBGEN = "/sandbox/artifacts/go-stubgen"  # the reference's run built it
ARTIFACT_PART = 512 * 1024  # characters of base64 in one record


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
    """The build's folders: the recorder; the stub generator; the program of the hidden cases
    (the cases, and a main package, in a module that replaces the recorder with its folder and
    the module under test with its stand-in, stubgen.go writes); and the candidate's program
    (a module that replaces the module under test with the submission's folder, whose main
    stubgen.go writes). Returns the folders, and the module the cases import (None when they
    import none)."""
    output = subprocess.run(["go", "env", "GOROOT", "GOVERSION"], capture_output=True,
                            text=True, env=environment, check=True).stdout.split()
    goroot, version = output[0], ".".join(output[1].removeprefix("go").split(".")[:2])
    module = imported_module(goroot) or module_of(WORK)
    folders = {name: os.path.join(build, name)
               for name in ("recorder", "stubgen", "proxy", "run", "serve")}
    for folder in folders.values():
        os.mkdir(folder)
    for name in os.listdir(HARNESS):
        if name == "stubgen.go":
            shutil.copy(os.path.join(HARNESS, name), os.path.join(folders["stubgen"], "main.go"))
        elif name.endswith(".go") or name == "go.mod":
            shutil.copy(os.path.join(HARNESS, name), folders["recorder"])
    write(os.path.join(folders["stubgen"], "go.mod"),
          f"module worksample/stubgen\n\ngo {version}\n")
    os.makedirs(os.path.join(folders["run"], "cases"))
    for name in case_files():
        shutil.copy(os.path.join(CASES_FOLDER, name), os.path.join(folders["run"], "cases"))
    recorder = [f"require {RECORDER_MODULE} v0.0.0",
                f"replace {RECORDER_MODULE} => {folders['recorder']}"]
    run, serve = list(recorder), list(recorder)
    if module is not None:
        # The code under test becomes exactly that module, whatever its go.mod said: only the
        # standard library is there offline, and an older go cannot read newer directives. It
        # and its stand-in require the recorder, which registers what may cross.
        for folder in (WORK, folders["proxy"]):
            write(os.path.join(folder, "go.mod"),
                  f"module {module}\n\ngo {version}\n\nrequire {RECORDER_MODULE} v0.0.0\n")
        run += [f"require {module} v0.0.0", f"replace {module} => {folders['proxy']}"]
        serve += [f"require {module} v0.0.0", f"replace {module} => {WORK}"]
    write(os.path.join(folders["run"], "go.mod"),
          f"module worksample/run\n\ngo {version}\n\n" + "\n".join(run) + "\n")
    write(os.path.join(folders["serve"], "go.mod"),
          f"module worksample/serve\n\ngo {version}\n\n" + "\n".join(serve) + "\n")
    write(os.path.join(folders["run"], "main.go"),
          'package main\n\nimport (\n\t_ "worksample/run/cases"\n\t"worksample/cases"\n)\n\n'
          "func main() { cases.Main() }\n")
    return folders, module


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def compiler_errors(output):
    """The compiler's errors on one line, paths shown as the candidate and the author know
    them (ledger.go:3:1, cases/limits_cases.go:9:2), capped."""
    lines = []
    for line in output.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"\S*/sandbox/work/|^\./", "", line)
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


def go_build(folder, program, environment):
    """``go build`` of the main package in folder; the compiler's output when it fails."""
    # no symbol table nor DWARF: a faster link (about 0.2 s of 1.1); panics still name lines
    built = subprocess.run(["go", "build", "-ldflags=-s -w", "-o", program, "."], cwd=folder,
                           env=environment, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, errors="replace")
    return None if built.returncode == 0 else built.stdout + built.stderr


def build_programs(build, environment):
    """The cases' program and the candidate's, each as a sealed memfd (None for the second
    when the cases import nothing of the submission), or None after reporting why they did
    not build."""
    folders, module = prepare(build, environment)
    serve = None
    if module is not None:
        stubgen = stub_generator(folders["stubgen"], build, environment)
        if stubgen is None:
            return None
        generated = subprocess.run(
            [f"/proc/self/fd/{stubgen}", WORK, module, CASES_FOLDER, folders["proxy"],
             folders["serve"]], env=environment, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, errors="replace", pass_fds=(stubgen,))
        os.close(stubgen)
        if generated.returncode != 0:
            # most often code that does not compile: the compiler says it best
            failed = go_build(WORK, os.path.join(build, "code.bin"), environment) if any(
                name.endswith(".go") for name in os.listdir(WORK)) else None
            nothing_ran(compiler_errors(failed) if failed else
                        "cannot be called from the cases' program: " + generated.stderr.strip())
            return None
        failed = go_build(folders["serve"], os.path.join(build, "serve.bin"), environment)
        if failed:
            nothing_ran(compiler_errors(failed))
            return None
        serve = sealed(os.path.join(build, "serve.bin"), readable=True)
    failed = go_build(folders["run"], os.path.join(build, "cases.bin"), environment)
    if failed:
        nothing_ran(compiler_errors(failed))
        return None
    return sealed(os.path.join(build, "cases.bin"), readable=False), serve


def stub_generator(folder, build, environment):
    """stubgen.go's program, as a sealed memfd: the one the reference's run built (given in
    /sandbox/artifacts), else built here, and left for the later runs when this run is the
    reference's (make_artifacts); None after reporting that it did not build."""
    program = os.path.join(build, "stubgen.bin")
    if os.path.isfile(STUBGEN):
        shutil.copy(STUBGEN, program)
    else:
        failed = go_build(folder, program, environment)
        if failed:
            nothing_ran("the recorder's stub generator did not build: " + failed[-500:])
            return None
        if CONFIG.get("make_artifacts"):
            leave_artifact("go-stubgen", program)
    return sealed(program, readable=True)


def leave_artifact(name, path):
    """Send the file at path, base64, in records the host takes out of a trusted run's and
    gives the later runs (recorded.py), as /sandbox/artifacts/<name>."""
    with open(path, "rb") as made:
        data = base64.b64encode(made.read()).decode()
    parts = [data[at:at + ARTIFACT_PART] for at in range(0, len(data), ARTIFACT_PART)] or [""]
    for index, part in enumerate(parts):
        send({"event": "artifact", "name": name, "part": index, "parts": len(parts),
              "data": part})


def sealed(program, readable):
    """program, moved into a sealed memfd (the writable mounts are noexec). One that is not
    readable (mode 0100) makes its process undumpable: the kernel makes the process of a
    program its user cannot read so."""
    memfd = os.memfd_create("worksample-program", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    with open(program, "rb") as f:
        data = memoryview(f.read())
    while data:
        data = data[os.write(memfd, data):]
    os.remove(program)
    if not readable:
        os.fchmod(memfd, 0o100)
    fcntl.fcntl(memfd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE | fcntl.F_SEAL_SHRINK
                | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SEAL)
    return memfd


class Run:
    """The programs started for case number ``case``: the cases' program (undumpable, from a
    memfd no one may read), which alone holds the records pipe read here, and the candidate's
    program, which answers its calls over two pipes of their own; their stderr is read here."""

    def __init__(self, programs, case):
        cases, serve = programs
        records_read, records_write = os.pipe()
        to_serve, from_cases = os.pipe()
        to_cases, from_serve = os.pipe()
        ends = (records_write, to_serve, from_cases, to_cases, from_serve)
        environment = dict(os.environ, GOTRACEBACK="single")
        try:
            self.serve = None
            channel = []
            if serve is not None:
                self.serve = subprocess.Popen(
                    [f"/proc/self/fd/{serve}"], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                    pass_fds=(serve, to_serve, from_serve), start_new_session=True,
                    env=dict(environment, WORKSAMPLE_CHANNEL_IN=str(to_serve),
                             WORKSAMPLE_CHANNEL_OUT=str(from_serve)))
                channel = [str(to_cases), str(from_cases)]
            self.process = subprocess.Popen(
                [f"/proc/self/fd/{cases}", str(records_write), sys.argv[2], str(case), *channel],
                stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                pass_fds=(cases, records_write, to_cases, from_cases), env=environment)
        finally:
            for end in ends:
                os.close(end)
        self.records = records_read
        self.pending = b""
        self.stderr = b""  # what the cases' program printed on stderr since its last record
        self.serve_stderr = b""  # what the candidate's program printed on stderr

    def lines(self, deadline_seconds):
        """Yield each record line as it comes; stop at the end of the pipe or after
        ``deadline_seconds`` (reset by each line) without one."""
        selector = selectors.DefaultSelector()
        selector.register(self.records, selectors.EVENT_READ, "records")
        selector.register(self.process.stderr, selectors.EVENT_READ, "stderr")
        if self.serve is not None:
            selector.register(self.serve.stderr, selectors.EVENT_READ, "serve")
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
                if key.data == "serve":
                    os.write(2, data)
                    self.serve_stderr = (self.serve_stderr + data)[-STDERR_KEPT:]
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
        """Stop the programs and what they started; the cases' program's exit code (negative: a
        signal), and the candidate's (None if it had not ended by itself)."""
        try:
            code = self.process.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            code = None
        serve_code = None
        if self.serve is not None and code == LOST_EXIT:
            try:  # the candidate's program ending is what most often loses the channel
                serve_code = self.serve.wait(timeout=GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                serve_code = None
        for process in (self.process, self.serve):
            if process is not None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except OSError:
                    pass
        if code is None:
            code = self.process.wait()
        sweep()
        rest = self.process.stderr.read()
        os.write(2, rest)
        self.stderr = (self.stderr + rest)[-STDERR_KEPT:]
        self.process.stderr.close()
        if self.serve is not None:
            rest = self.serve.stderr.read()
            os.write(2, rest)
            self.serve_stderr = (self.serve_stderr + rest)[-STDERR_KEPT:]
            self.serve.stderr.close()
        os.close(self.records)
        self.serve_code = serve_code
        return code

    def why_it_stopped(self, code, limit):
        if self.timed_out:
            return f"the case took longer than {limit:g}s"
        if code == LOST_EXIT:
            lost = re.search(r"^worksample: the channel to the code under test was lost: (.*)$",
                             self.stderr.decode("utf-8", "replace"), re.MULTILINE)
            why = lost.group(1)[:300] if lost else "closed"
            if why != "closed":  # what it wrote (its program ends after, not before)
                return f"the code under test broke its channel to the cases ({why})"
            if self.serve_code is not None:  # most often, its program ended
                return self.stopped(self.serve_code, self.serve_stderr)
            return "the code under test closed its channel to the cases"
        return self.stopped(code, self.stderr)

    @staticmethod
    def stopped(code, stderr):
        printed = stderr.decode("utf-8", "replace")
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


def run_cases(programs):
    """One go per case, each started at its case; the records relayed as they come."""
    per_case = CONFIG["per_case_seconds"]
    ids = None
    done = 0  # cases with a record relayed
    while True:
        run = Run(programs, done)
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
    programs = build_programs(build, environment)
    if programs is not None:
        shutil.rmtree(build, ignore_errors=True)  # the caches: room for the code under test
        run_cases(programs)


main()
