# The Node recorder's runner (JavaScript and TypeScript): the trusted half, which never runs
# candidate code. It runs in the supervisor's forked interpreter, makes itself non-dumpable
# (so no other process of the sandbox's user can open its descriptors or memory through
# /proc), and keeps the results descriptor to itself: the case processes it starts never
# inherit it. For TypeScript it first type-checks and compiles the cases and the code under
# test (compile.js). Then it starts a case process (cases.js: node, which loads the hidden
# case files and so the code under test) and reads what it records on a private pipe, keeping
# the time of each case. A case that runs past the limit, even in a synchronous loop, or a
# process that ends (process.exit, a crash, out of memory) fails that case alone: every
# process left in the sandbox is killed and a new case process goes on from the next case. It
# writes the records every recorder writes (worksample/sandbox/observations.py); it decides
# nothing, and the host compares them with the reference solution's recording.
#
# What it cannot prevent: the code under test writing on its own case process's pipe. What
# that can forge is that process's recording, its own values, which the host compares like any
# other; a message out of place makes this runner stop and write a record the host counts as
# tampering.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; /sandbox/tests holds the cases; the language is
# WORKSAMPLE_NODE_LANGUAGE (javascript or typescript).

import ctypes
import json
import os
import selectors
import signal
import subprocess
import sys
import time

ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE=0, before any other process starts

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])
LANGUAGE = os.environ.get("WORKSAMPLE_NODE_LANGUAGE", "javascript")
HARNESS = "/sandbox/harness"
TESTS = "/sandbox/tests"
WORK = "/sandbox/work"
BUILD = "/tmp/worksample-build"  # TypeScript compiled to CommonJS
MODULES = "/tmp/worksample-modules"  # only the helper, on NODE_PATH
TYPE_ROOTS = "/usr/share/nodejs/@types"  # Debian's @types/node
CASE_ITSELF = "(the case)"
PER_CASE = CONFIG["per_case_seconds"]
MAX_LINE = CONFIG["max_line"]
CHANNEL_LINE = MAX_LINE + 4096  # a longer message is not one cases.js writes
STARTUP_SECONDS = PER_CASE + 10  # node starting, before it loads the first case file
MOST_ERRORS = 20  # compiler errors kept in one message
TAMPERED = "cases process broke its protocol"  # an unknown event: the host flags the run


def send(record):
    line = json.dumps(record)
    if len(line) > MAX_LINE and record.get("event") == "test":
        too_long = "the case recorded more than %d bytes" % MAX_LINE
        record["observations"] = [{"label": "(recording)", "value": {"unrecorded": too_long}}]
        line = json.dumps(record)
    RESULTS.write(line + "\n")
    RESULTS.flush()


def kill_everything_else():
    """Every process of the sandbox but this one and the supervisor: the case process, and
    whatever it started, in its session or not. The supervisor is PID 1, which kill(-1) spares
    (as it spares the caller), and kill(-1) reaches a process forked meanwhile too; were the
    supervisor not PID 1, every process but this one's ancestors is killed by name instead."""
    for _ in range(2):
        if os.getppid() == 1:
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
        else:
            spared = ancestors()
            for entry in os.listdir("/proc"):
                if entry.isdigit() and int(entry) not in spared:
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


def ancestors():
    """This process and the processes it descends from."""
    found, pid = {os.getpid()}, os.getppid()
    while pid > 0 and pid not in found:
        found.add(pid)
        try:
            with open("/proc/%d/stat" % pid) as stat:
                pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return found


def memory_mb():
    """The container's memory limit, to give V8's heap a limit below it (then running out of
    heap ends the case process, not the whole run); None when it cannot be read."""
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path) as limit:
                text = limit.read().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < 1 << 50:
            return int(text) // (1024 * 1024)
    return None


def node(script, *arguments, heap=0.6, flags=()):
    flags = ["--unhandled-rejections=warn", *flags]
    limit = memory_mb()
    if limit:
        flags.append("--max-old-space-size=%d" % max(16, int(limit * heap)))
    return ["node", *flags, HARNESS + "/" + script, *arguments]


def environment(node_path):
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/tmp",
            "TMPDIR": "/tmp", "NODE_PATH": ":".join(node_path)}


def case_files():
    """The case files, in name order: every .js (.ts) file of the tests folder whose name does
    not start with _ (helpers), as {"name", "path"} (path: the JavaScript to load)."""
    extension = ".ts" if LANGUAGE == "typescript" else ".js"
    names = sorted(name for name in os.listdir(TESTS)
                   if name.endswith(extension) and not name.startswith("_")
                   and not name.endswith(".d.ts") and os.path.isfile(os.path.join(TESTS, name)))
    if LANGUAGE == "typescript":
        return [{"name": name, "path": BUILD + "/tests/" + name[:-3] + ".js"} for name in names]
    return [{"name": name, "path": TESTS + "/" + name} for name in names]


def compile_errors(files):
    """Type-check and compile; the case files that cannot run, each with the compiler's
    message (its last line says what the report shows)."""
    config = {"files": [file["name"] for file in files], "tests": TESTS, "work": WORK,
              "out": BUILD, "helper": HARNESS + "/worksample-cases", "type_roots": TYPE_ROOTS}
    # a compile is short: the optimising compiler and small young-generation collections cost
    # more than they save (measured: 1.65 s instead of 2.2 s for a small task, one CPU)
    try:
        done = subprocess.run(node("compile.js", json.dumps(config), heap=0.8,
                                   flags=("--no-opt", "--max-semi-space-size=32")),
                              stdin=subprocess.DEVNULL, capture_output=True, cwd=WORK,
                              env=environment([]), start_new_session=True)
    except OSError as error:  # no node in the image
        return {file["name"]: "the TypeScript compiler could not start: %s" % error
                for file in files}
    kill_everything_else()
    try:
        found = json.loads(done.stdout)
    except ValueError:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        failed = "the TypeScript compiler failed (exit code %s): %s" % (
            done.returncode, " ".join(tail) or "no message")
        return {file["name"]: failed for file in files}
    everything = found["submission"] if found["submission"]["count"] else found["other"]
    if everything["count"]:
        where = "the submission" if found["submission"]["count"] else "the cases"
        message = compiler_message(everything, "%s does not compile" % where)
        return {file["name"]: message for file in files}
    return {name: compiler_message(place, "it does not compile against the submission")
            for name, place in found["cases"].items()}


def compiler_message(place, what):
    count, errors = place["count"], place["errors"]
    summary = "%s (%d TypeScript error%s): %s" % (what, count, "" if count == 1 else "s",
                                                  errors[0])
    room = CONFIG["message_chars"] - len(summary) - 1
    listed = "\n".join(errors[:MOST_ERRORS])[:max(room, 0)]
    return (listed + "\n" + summary) if listed else summary


class Recording:
    """What this runner has written and still has to: the list of cases, collection errors,
    the next case to run, the case in progress."""

    def __init__(self, files, collect_errors):
        self.files = files
        self.collect_errors = dict(collect_errors)
        self.skip = set(collect_errors)
        self.cases = None  # [{"id", "weight", "criterion"}], once collected
        self.next_case = 0
        self.observations = None  # of the case in progress
        self.size = 0
        self.loading = None  # the case file being loaded

    def collected(self, cases):
        if self.cases is not None:
            return [case["id"] for case in cases] == [case["id"] for case in self.cases]
        self.cases = cases
        for name in sorted(self.collect_errors, key=self._order):
            send({"event": "collect_error", "path": name, "message": self.collect_errors[name]})
        send({"event": "collected", "ids": [case["id"] for case in cases]})
        return True

    def _order(self, name):
        return [file["name"] for file in self.files].index(name)

    def begin(self):
        self.observations, self.size = [], 0

    def observe(self, observation, size):
        self.size += size
        if self.size <= MAX_LINE:
            self.observations.append(observation)

    def end(self, stopped=None):
        """Write the case in progress, with ``stopped`` (why it ended early) last."""
        case = self.cases[self.next_case]
        observations = self.observations or []
        if self.size > MAX_LINE:
            observations = [{"label": "(recording)", "value": {
                "unrecorded": "the case recorded more than %d bytes" % MAX_LINE}}]
        if stopped:
            observations.append({"label": CASE_ITSELF, "value": {"unrecorded": stopped}})
        send({"event": "test", "id": case["id"], "weight": case["weight"],
              "criterion": case["criterion"], "observations": observations})
        self.observations = None
        self.next_case += 1

    def all_run(self):
        return self.cases is not None and self.next_case >= len(self.cases)


def valid_cases(cases, files):
    names = {file["name"] for file in files}
    if not isinstance(cases, list):
        return False
    ids = set()
    for case in cases:
        if not (isinstance(case, dict) and isinstance(case.get("id"), str)
                and case["id"].split("::", 1)[0] in names and case["id"] not in ids
                and type(case.get("weight")) in (int, float) and case["weight"] > 0
                and (case.get("criterion") is None or isinstance(case["criterion"], str))):
            return False
        ids.add(case["id"])
    return True


class CaseProcess:
    """One case process and its pipe; ``run`` reads its messages until it is done, breaks the
    protocol, runs out of time or ends."""

    def __init__(self, recording, node_path):
        self.recording = recording
        read, write = os.pipe()
        config = {"channel": write, "helper": HARNESS + "/worksample-cases.js",
                  "files": recording.files, "skip": sorted(recording.skip),
                  "start": recording.next_case, "max_line": MAX_LINE,
                  "message_chars": CONFIG["message_chars"]}
        self.process = subprocess.Popen(
            node("cases.js", json.dumps(config)), stdin=subprocess.DEVNULL, pass_fds=(write,),
            cwd=WORK, env=environment(node_path), start_new_session=True)
        os.close(write)
        self.pipe = read
        self.pending = b""
        self.deadline = time.monotonic() + STARTUP_SECONDS

    def run(self):
        """("done",), ("tampered", why), ("timeout", where) or ("ended", exit code, where);
        where: ("load", file), ("case",) or ("between",)."""
        selector = selectors.DefaultSelector()
        selector.register(self.pipe, selectors.EVENT_READ)
        try:
            while True:
                now = time.monotonic()
                if now >= self.deadline:
                    return ("timeout", self.where())
                if selector.select(min(self.deadline - now, 0.05)):
                    data = os.read(self.pipe, 65536)
                    if not data:  # closed, but the process may still run: wait for it
                        selector.unregister(self.pipe)
                        continue
                    outcome = self.take(data)
                    if outcome:
                        return outcome
                    continue
                code = self.process.poll()
                if code is not None:
                    outcome = self.drain()
                    return outcome or ("ended", code, self.where())
        finally:
            selector.close()
            os.close(self.pipe)

    def drain(self):
        """What the process wrote before it ended (what the pipe holds, at most 64 reads:
        something it started may still be writing)."""
        os.set_blocking(self.pipe, False)
        for _ in range(64):
            try:
                data = os.read(self.pipe, 65536)
            except BlockingIOError:
                return None
            outcome = self.take(data) if data else None
            if outcome or not data:
                return outcome
        return None

    def where(self):
        recording = self.recording
        if recording.loading is not None:
            return ("load", recording.loading)
        if recording.observations is not None:
            return ("case",)
        return ("between",) if recording.cases is not None else ("start",)

    def take(self, data):
        self.pending += data
        lines = self.pending.split(b"\n")
        self.pending = lines.pop()
        if len(self.pending) > CHANNEL_LINE:
            return ("tampered", "a message longer than any the case process writes")
        for line in lines:
            if len(line) > CHANNEL_LINE:
                return ("tampered", "a message longer than any the case process writes")
            try:
                message = json.loads(line)
            except (ValueError, RecursionError):
                return ("tampered", "a line that is not a message")
            outcome = self.handle(message, len(line)) if isinstance(message, dict) else (
                "tampered", "a line that is not a message")
            if outcome:
                return outcome
        return None

    def handle(self, message, size):
        recording, kind = self.recording, message.get("m")
        if kind == "load" and recording.loading is None and recording.observations is None:
            if message.get("file") not in [file["name"] for file in recording.files]:
                return ("tampered", "a case file that is not one")
            name = message["file"]
            recording.loading = name
            self.deadline = time.monotonic() + PER_CASE
        elif kind == "loaded" and message.get("file") == recording.loading:
            error = message.get("error")
            if error is not None and not isinstance(error, str):
                return ("tampered", "a load error that is not text")
            if error is not None and recording.cases is None:
                recording.collect_errors[recording.loading] = error[-CONFIG["message_chars"]:]
            recording.loading = None
        elif kind == "collected" and recording.loading is None and (
                recording.observations is None):
            cases = message.get("cases")
            if not valid_cases(cases, recording.files):
                return ("tampered", "a list of cases of the wrong shape")
            if not recording.collected(cases):
                return ("changed",)
            self.deadline = time.monotonic() + PER_CASE
        elif kind == "begin" and recording.cases is not None and (
                recording.observations is None and recording.loading is None):
            if message.get("index") != recording.next_case or recording.all_run():
                return ("tampered", "a case begun out of turn")
            recording.begin()
            self.deadline = time.monotonic() + PER_CASE
        elif kind == "observation" and recording.observations is not None:
            observation = message.get("observation")
            if not isinstance(observation, dict):
                return ("tampered", "an observation that is not an object")
            recording.observe(observation, size)
        elif kind == "end" and recording.observations is not None:
            if message.get("index") != recording.next_case:
                return ("tampered", "a case ended out of turn")
            recording.end()
            self.deadline = time.monotonic() + PER_CASE
        elif kind == "done" and recording.all_run() and recording.observations is None:
            return ("done",)
        else:
            return ("tampered", "a message out of place: %r" % str(kind)[:40])
        return None


def run_cases(recording):
    node_path = [MODULES, BUILD + "/work", WORK + "/node_modules"] if LANGUAGE == "typescript" \
        else [MODULES, WORK]
    while not recording.all_run():
        if recording.cases is None and len(recording.skip) == len(recording.files):
            recording.collected([])  # nothing can load
            break
        try:
            outcome = CaseProcess(recording, node_path).run()
        except OSError as error:  # no node in the image, or no process left to start
            outcome = ("ended", None, ("start",), str(error))
        kill_everything_else()
        if outcome[0] == "done":
            break
        if outcome[0] == "tampered":
            send({"event": TAMPERED, "reason": outcome[1]})
            break
        if outcome[0] == "changed":
            break  # the cases it lists changed since the first process: nothing is reliable
        where = outcome[1] if outcome[0] == "timeout" else outcome[2]
        stopped = ("took longer than %gs" % PER_CASE if outcome[0] == "timeout"
                   else ended(outcome[1], *outcome[3:]))
        if where[0] == "load" and recording.cases is None:
            recording.collect_errors[where[1]] = "loading it %s" % stopped
            recording.skip.add(where[1])
            recording.loading = None
        elif where[0] == "case":
            recording.end("the case %s" % stopped)
        elif where[0] == "between" and not recording.all_run():
            recording.begin()
            recording.end("the test process %s before the case began" % stopped)
        elif where[0] == "start" and recording.cases is None:
            for file in recording.files:  # nothing loaded: say why on every file
                if file["name"] not in recording.skip:
                    recording.collect_errors[file["name"]] = "the test process %s%s" % (
                        stopped, "" if outcome[1] is None else " before loading it")
                    recording.skip.add(file["name"])
        else:
            break  # a file that loaded in the first process no longer does


def ended(code, why=None):
    if code is None:
        return "could not start: %s" % why
    if code == -signal.SIGKILL:
        return "was killed (out of memory?)"
    if code == -signal.SIGABRT:
        return "ended: the process ran out of memory (V8's heap limit) or aborted"
    if code < 0:
        return "ended: the process was killed by signal %d" % -code
    return "ended: the process exited with code %d (process.exit?)" % code


def main():
    os.makedirs(MODULES, exist_ok=True)
    os.symlink(HARNESS + "/worksample-cases.js", MODULES + "/worksample-cases.js")
    files = case_files()
    errors = compile_errors(files) if LANGUAGE == "typescript" and files else {}
    recording = Recording(files, errors)
    run_cases(recording)
    if recording.cases is None:
        recording.collected([])
    send({"event": "finished"})


main()
