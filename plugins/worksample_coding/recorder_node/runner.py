# The Node recorder's runner (JavaScript and TypeScript): the trusted half, which never runs
# candidate code. It runs in the supervisor's forked interpreter, makes itself non-dumpable
# (so no other process of the sandbox's user can open its descriptors or memory through
# /proc), and keeps the results descriptor to itself. For TypeScript it first type-checks and
# compiles the cases and the code under test (compile.js). Then it starts two node processes
# for the cases, and reads on a private pipe what the first records, keeping the time of each
# case:
#
# - the process of the hidden cases (cases.js), which loads the case files and runs them. It
#   is started from a copy of node's loader (ld.so) in a memfd that no one can read, which
#   makes it undumpable like this runner, and it loads its JavaScript (the recorder's and the
#   compiled cases) from a bundle read here before any code of the candidate ran, not from a
#   disk the candidate's code can write. It alone holds the pipe to this runner.
# - the candidate's process (candidate.js), which loads the code under test and answers the
#   first's calls over a channel of two pipes (channel.js): it holds nothing else.
#
# So the code under test cannot reach the recorder, its globals or its modules, nor write a
# record: what it can send is its own answers to the calls the cases make. A case that runs
# past the limit, even in a synchronous loop, or a process that ends (process.exit, a crash,
# out of memory) or breaks the channel, fails that case alone: every process left in the
# sandbox is killed and new processes go on from the next case. It writes the records every
# recorder writes (worksample/sandbox/observations.py); it decides nothing, and the host
# compares them with the reference solution's recording.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; /sandbox/tests holds the cases; the language is
# WORKSAMPLE_NODE_LANGUAGE (javascript or typescript).

import base64
import ctypes
import fcntl
import json
import os
import selectors
import shutil
import signal
import struct
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
TYPE_ROOTS = "/usr/share/nodejs/@types"  # Debian's @types/node
CASE_ITSELF = "(the case)"
PER_CASE = CONFIG["per_case_seconds"]
MAX_LINE = CONFIG["max_line"]
CHANNEL_LINE = MAX_LINE + 4096  # a longer message is not one cases.js writes
MAX_MESSAGE = 8 * 1024 * 1024  # on the channel between the two processes, either way
STARTUP_SECONDS = PER_CASE + 10  # node starting, before it loads the first case file
LOST_GRACE_SECONDS = 1.0  # for the candidate's process to end once the channel is lost
MOST_ERRORS = 20  # compiler errors kept in one message
CODE_CACHE = "/sandbox/artifacts/typescript-code-cache"  # the reference's run made it
MADE_CODE_CACHE = "/tmp/worksample-typescript-code-cache"
ARTIFACT_PART = 512 * 1024  # characters of base64 in one record
TAMPERED = "cases process broke its protocol"  # an unknown event: the host flags the run
RECORDER_FILES = ("boot.js", "cases.js", "channel.js", "values.js", "worksample-cases.js")
# the recorder's JavaScript, read before anything else runs: the cases' process loads it from
# here (a bundle), never from the sealed but writable harness folder
RECORDER = {name: open(os.path.join(HARNESS, name), encoding="utf-8").read()
            for name in RECORDER_FILES}


def send(record):
    line = json.dumps(record)
    if len(line) > MAX_LINE and record.get("event") == "test":
        too_long = "the case recorded more than %d bytes" % MAX_LINE
        record["observations"] = [{"label": "(recording)", "value": {"unrecorded": too_long}}]
        line = json.dumps(record)
    RESULTS.write(line + "\n")
    RESULTS.flush()


def kill_everything_else():
    """Every process of the sandbox but this one and the supervisor: both node processes, and
    whatever they started, in their sessions or not. The supervisor is PID 1, which kill(-1) spares
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
    """The container's memory limit, to give V8's heaps limits below it (then running out of
    heap ends a node process, not the whole run); None when it cannot be read."""
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path) as limit:
                text = limit.read().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < 1 << 50:
            return int(text) // (1024 * 1024)
    return None


def node_flags(heap, flags=()):
    flags = ["--unhandled-rejections=warn", *flags]
    limit = memory_mb()
    if limit:
        flags.append("--max-old-space-size=%d" % max(16, int(limit * heap)))
    return flags


def node(script, *arguments, heap=0.6, flags=()):
    return ["node", *node_flags(heap, flags), HARNESS + "/" + script, *arguments]


def elf_interpreter(path):
    """The program loader a dynamically linked ELF file names (PT_INTERP), or None."""
    try:
        with open(path, "rb") as program:
            head = program.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2:  # 64-bit only
                return None
            order = "<" if head[5] == 1 else ">"
            table, = struct.unpack_from(order + "Q", head, 32)
            size, count = struct.unpack_from(order + "HH", head, 54)
            for index in range(count):
                program.seek(table + index * size)
                kind, _, offset, _, _, length = struct.unpack(order + "IIQQQQ",
                                                              program.read(40))
                if kind == 3:  # PT_INTERP
                    program.seek(offset)
                    return program.read(length).rstrip(b"\0").decode()
    except (OSError, struct.error, UnicodeDecodeError):
        return None
    return None


def sealed_copy(path, name):
    """A memfd holding a copy of ``path`` that no one may read (mode 0100), sealed: a process
    executed from it is undumpable (the kernel makes the process of a program its user cannot
    read so), and the candidate's code cannot change it (only this runner and that process,
    both undumpable, hold it)."""
    memfd = os.memfd_create(name, os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    with open(path, "rb") as source:
        write_all(memfd, source.read())
    os.fchmod(memfd, 0o100)
    fcntl.fcntl(memfd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE | fcntl.F_SEAL_SHRINK
                | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SEAL)
    return memfd


class TrustedNode:
    """How to start node undumpable: node's own loader (or node itself, when it is static)
    copied into a sealed memfd no one may read; executing the loader, with node as its
    argument, is executing node."""

    def __init__(self):
        program = shutil.which("node", path=environment([])["PATH"])
        if program is None:
            raise OSError("no node on the PATH")
        program = os.path.realpath(program)
        interpreter = elf_interpreter(program)
        self.memfd = sealed_copy(interpreter or program, "worksample-node")
        self.command = ["/proc/self/fd/%d" % self.memfd] + ([program] if interpreter else [])


def bundle():
    """The JavaScript the cases' process runs, as a memfd: the recorder's files and every file
    of the hidden cases (compiled, for TypeScript, where the compiler wrote them), read now,
    before any code of the candidate has run."""
    sources = {HARNESS + "/" + name: text for name, text in RECORDER.items()
               if name != "boot.js"}
    for folder, _, names in os.walk(TESTS):
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, TESTS)
            if LANGUAGE == "typescript" and name.endswith(".ts"):
                continue  # the compiled file stands for it
            where = os.path.join(BUILD, "tests", relative) if LANGUAGE == "typescript" else path
            with open(path, encoding="utf-8", errors="replace") as source:
                sources[where] = source.read()
    if LANGUAGE == "typescript":
        for folder, _, names in os.walk(os.path.join(BUILD, "tests")):
            for name in names:
                if name.endswith(".js"):
                    path = os.path.join(folder, name)
                    with open(path, encoding="utf-8", errors="replace") as source:
                        sources[path] = source.read()
    data = json.dumps({"files": sources, "main": HARNESS + "/cases.js",
                       "names": {"worksample-cases": HARNESS + "/worksample-cases.js"}})
    memfd = os.memfd_create("worksample-bundle", os.MFD_CLOEXEC)
    write_all(memfd, data.encode("utf-8"))
    return memfd


def write_all(descriptor, data):
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


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
    message (its last line says what the report shows). In the reference's run
    (make_artifacts) it leaves the compiler's code cache for the candidates' runs, which are
    given it in /sandbox/artifacts."""
    config = {"files": [file["name"] for file in files], "tests": TESTS, "work": WORK,
              "out": BUILD, "helper": HARNESS + "/worksample-cases", "type_roots": TYPE_ROOTS}
    if os.path.isfile(CODE_CACHE):
        config["code_cache"] = CODE_CACHE
    elif CONFIG.get("make_artifacts"):
        config["make_code_cache"] = MADE_CODE_CACHE
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
    if "make_code_cache" in config and os.path.isfile(MADE_CODE_CACHE):
        leave_artifact("typescript-code-cache", MADE_CODE_CACHE)
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


def leave_artifact(name, path):
    """Send the file at path, base64, in records the host takes out of a trusted run's and
    gives the later runs (recorded.py), as /sandbox/artifacts/<name>."""
    with open(path, "rb") as made:
        data = base64.b64encode(made.read()).decode()
    os.remove(path)
    parts = [data[at:at + ARTIFACT_PART] for at in range(0, len(data), ARTIFACT_PART)] or [""]
    for index, part in enumerate(parts):
        send({"event": "artifact", "name": name, "part": index, "parts": len(parts),
              "data": part})


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


class Pair:
    """The two processes of one go at the cases (the cases' and the candidate's) and the pipe
    the first records on; ``run`` reads its messages until it is done, breaks the protocol,
    runs out of time, or a process ends or loses the channel."""

    def __init__(self, recording, trusted, bundled, node_path):
        """bundled: the memfd of the cases' process's JavaScript (bundle())."""
        self.recording = recording
        records_read, records_write = os.pipe()
        to_candidate, from_cases = os.pipe()
        to_cases, from_candidate = os.pipe()
        ends = (records_write, to_cases, from_cases, to_candidate, from_candidate)
        try:
            config = {"bundle": bundled, "records": records_write, "read": to_cases,
                      "write": from_cases, "helper": HARNESS + "/worksample-cases.js",
                      "files": recording.files, "skip": sorted(recording.skip),
                      "start": recording.next_case, "max_line": MAX_LINE,
                      "max_message": MAX_MESSAGE, "message_chars": CONFIG["message_chars"]}
            self.cases = subprocess.Popen(
                trusted.command + node_flags(0.25, ("--disallow-code-generation-from-strings",))
                + ["-e", RECORDER["boot.js"], json.dumps(config)],
                stdin=subprocess.DEVNULL, cwd="/", env=environment([]), start_new_session=True,
                pass_fds=(trusted.memfd, bundled, records_write, to_cases, from_cases))
            self.candidate = subprocess.Popen(
                node("candidate.js", json.dumps({"read": to_candidate, "write": from_candidate,
                                                 "max_message": MAX_MESSAGE})),
                stdin=subprocess.DEVNULL, cwd=WORK, env=environment(node_path),
                start_new_session=True, pass_fds=(to_candidate, from_candidate))
        except BaseException:
            os.close(records_read)
            raise
        finally:
            for end in ends:
                os.close(end)
        self.pipe = records_read
        self.pending = b""
        self.deadline = time.monotonic() + STARTUP_SECONDS

    def run(self):
        """("done",), ("tampered", why), ("changed",) or ("stopped", why, where); where:
        ("load", file), ("case",), ("between",) or ("start",)."""
        selector = selectors.DefaultSelector()
        selector.register(self.pipe, selectors.EVENT_READ)
        try:
            while True:
                now = time.monotonic()
                if now >= self.deadline:
                    return ("stopped", "took longer than %gs" % PER_CASE, self.where())
                if selector.select(min(self.deadline - now, 0.05)):
                    data = os.read(self.pipe, 65536)
                    if not data:  # closed, but the process may still run: wait for it
                        selector.unregister(self.pipe)
                        continue
                    outcome = self.take(data)
                    if outcome:
                        return self.explained(outcome)
                    continue
                if self.candidate.poll() is not None or self.cases.poll() is not None:
                    return self.explained(self.drain() or ("lost", "ended"))
        finally:
            selector.close()
            os.close(self.pipe)

    def explained(self, outcome):
        """A lost channel or an ended process, said as the reason the case stopped: the
        candidate's process ending (it usually takes the channel with it), or else the channel
        it broke, or else the cases' process ending."""
        if outcome[0] != "lost":
            return outcome
        where = self.where()
        try:
            code = self.candidate.wait(timeout=LOST_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            code = None
        if code is not None:
            return ("stopped", ended(code), where)
        why = outcome[1]
        if why == "closed":
            return ("stopped", "ended: the code under test closed its channel to the cases",
                    where)
        if why != "ended":
            return ("stopped", "ended: the code under test broke its channel to the cases "
                               "(%s)" % why, where)
        return ("stopped", cases_ended(self.cases.poll()), where)

    def drain(self):
        """What the cases' process wrote before a process ended (what the pipe holds, at
        most 64 reads)."""
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
            return ("tampered", "a message longer than any the cases' process writes")
        for line in lines:
            if len(line) > CHANNEL_LINE:
                return ("tampered", "a message longer than any the cases' process writes")
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
        if kind == "lost" and isinstance(message.get("why"), str):
            return ("lost", message["why"][:300])
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


def run_cases(recording, bundled):
    node_path = [BUILD + "/work", WORK + "/node_modules"] if LANGUAGE == "typescript" \
        else [WORK]
    trusted = None
    while not recording.all_run():
        if recording.cases is None and len(recording.skip) == len(recording.files):
            recording.collected([])  # nothing can load
            break
        started = True
        try:
            trusted = trusted or TrustedNode()
            outcome = Pair(recording, trusted, bundled, node_path).run()
        except OSError as error:  # no node in the image, or no process left to start
            outcome, started = ("stopped", "could not start: %s" % error, ("start",)), False
        kill_everything_else()
        if outcome[0] == "done":
            break
        if outcome[0] == "tampered":
            send({"event": TAMPERED, "reason": outcome[1]})
            break
        if outcome[0] == "changed":
            break  # the cases it lists changed since the first process: nothing is reliable
        _, stopped, where = outcome
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
                        stopped, " before loading it" if started else "")
                    recording.skip.add(file["name"])
        else:
            break  # a file that loaded in the first process no longer does


def ended(code):
    if code is None:
        return "ended"
    if code == -signal.SIGKILL:
        return "was killed (out of memory?)"
    if code == -signal.SIGABRT:
        return "ended: the process ran out of memory (V8's heap limit) or aborted"
    if code < 0:
        return "ended: the process was killed by signal %d" % -code
    return "ended: the process exited with code %d (process.exit?)" % code


def cases_ended(code):
    """Why the cases' process ended, when the candidate's did not (a signal from it, say)."""
    if code is not None and code < 0:
        name = "SIGKILL (out of memory?)" if code == -signal.SIGKILL else "signal %d" % -code
        return "ended: the process of the hidden cases was killed by %s" % name
    return "ended: the process of the hidden cases exited (code %s)" % code


def main():
    files = case_files()
    errors = compile_errors(files) if LANGUAGE == "typescript" and files else {}
    recording = Recording(files, errors)
    run_cases(recording, bundle())
    if recording.cases is None:
        recording.collected([])
    send({"event": "finished"})


main()
