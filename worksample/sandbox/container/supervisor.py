# The trusted half of the in-container harness, the same for every runner. Standard library
# only; it never imports candidate code, nor the runner's.
#
# The host starts the container as
#     python3 -I -c "<loader>"
# and the loader marks the process non-dumpable (so no other process of the same user can read
# its memory or open its file descriptors through /proc), then reads this file's source from
# stdin and runs it. This is PID 1. It reads, in 8-byte-length-prefixed blocks on stdin:
#   1. a JSON header: {"deadline_seconds", "relay_bytes", "max_line", "sealed", "runner",
#      "environment", "config"}
#   2. a tar archive holding harness/ (the runner's files), the sealed folders and work/ (the
#      code under test)
#   3. the run's nonce
# Stdin is read unbuffered, exactly block by block, so nothing past what was asked for is ever
# in this process's memory. After block 2 it forks the runner, which gets no stdin, a pipe for
# its output and a private pipe for its results, in work/. The runner is either a Python file
# of harness/ ("runner": {"python": "harness/runner.py"}), run in the fork itself, which shares
# this interpreter's start-up instead of paying for a second one, or a program
# ("runner": {"command": [...]}) that the fork executes. Either way it gets two more
# arguments: the number of its results descriptor and the "config" text. It is forked before
# the nonce is read, so the nonce is never in its memory. This process then reads the nonce
# and relays each line the runner writes on its results pipe onto stdout as
# "<nonce> C <line>". Its own records are "<nonce> S <json>". The candidate cannot write stdout
# (only this process holds it) nor learn the nonce, so the host accepts no line it did not
# frame. It relays at most "relay_bytes", frames included (the host sized the budget for every
# expected result, so only a flood exceeds it) and cuts lines at "max_line"; its own summary
# is bounded, so it always fits in what the host keeps. At the end it reports whether the
# "sealed" folders (harness/ and whatever else the host sent besides work/) changed on disk
# (inode, ctime and size: ctime cannot be set back without privileges). If the container has
# any network interface besides loopback (an engine that did not isolate it), it runs nothing
# and reports the interfaces instead.

import io
import json
import os
import selectors
import signal
import sys
import tarfile
import threading
import time
import warnings

SANDBOX = "/sandbox"
HEAD = 4 * 1024  # what the submission printed first, e.g. at import
TAIL = 8 * 1024  # how the run ended
MAX_CHANGED = 50
GRACE_SECONDS = 1.0
BASE_ENVIRONMENT = {  # the runner's, with the header's "environment" on top
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
}


def read_exactly(size):
    data = b""
    while len(data) < size:
        chunk = os.read(0, size - len(data))
        if not chunk:
            os._exit(125)  # the host stopped sending: nothing to run, nothing to report
        data += chunk
    return data


def read_block():
    return read_exactly(int.from_bytes(read_exactly(8), "big"))


def snapshot(sealed):
    # Never raises: candidate code can make what it adds unreadable, and what cannot be read
    # is recorded as such, so it counts as a change.
    state = {}

    def unreadable(error):
        state[os.path.relpath(error.filename or SANDBOX, SANDBOX)] = ("unreadable",)

    for name in sealed:
        top = os.path.join(SANDBOX, name)
        for folder, _, files in os.walk(top, onerror=unreadable):
            for entry in [folder] + [os.path.join(folder, f) for f in files]:
                try:
                    info = os.lstat(entry)
                except OSError:
                    state[os.path.relpath(entry, SANDBOX)] = ("unreadable",)
                    continue
                state[os.path.relpath(entry, SANDBOX)] = (
                    info.st_ino, info.st_ctime_ns, info.st_mtime_ns, info.st_size, info.st_mode
                )
    return state


def fitted(text, max_bytes, keep_end=False):
    """``text``, cut until its JSON form takes at most ``max_bytes``: the summary must fit in
    what the host keeps, and escapes can make a character cost 12 bytes."""
    while len(json.dumps(text)) > max_bytes:
        text = text[len(text) // 2:] if keep_end else text[: len(text) // 2]
    return text


def changes(before, after):
    changed = [path for path in before if after.get(path) != before[path]]
    added = [path for path in after if path not in before]
    return sorted(changed + added)


def network_interfaces():
    with open("/proc/net/dev") as table:
        return sorted(line.split(":")[0].strip() for line in table.readlines()[2:])


def emitter(nonce):
    out = sys.stdout.buffer

    def emit(tag, line):
        out.write(nonce + b" " + tag + b" " + line + b"\n")
        out.flush()

    return emit


def exit_status(pid, options):
    """The runner's exit code (negative: the signal that ended it), or None if it still runs."""
    done, status = os.waitpid(pid, options)
    if done == 0:
        return None
    return os.waitstatus_to_exitcode(status)


def become_runner(results_write, output_write, header):
    """In the forked child: drop everything the supervisor holds, run the runner, never return.

    The child keeps only /dev/null as stdin, the output pipe as stdout and stderr, and its
    results pipe; it leads a session of its own (so the supervisor can kill all it leaves),
    and gets a fixed environment. A Python runner runs here with the flags a runner always
    had (-I from the interpreter, -B); a command replaces this process.
    """
    code = 1
    try:
        os.setsid()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(output_write, 1)
        os.dup2(output_write, 2)
        os.closerange(3, results_write)
        os.closerange(results_write + 1, os.sysconf("SC_OPEN_MAX"))
        import ctypes

        ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE=1: its own /proc, as before
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.environ.clear()
        os.environ.update(BASE_ENVIRONMENT)
        os.environ.update(header["environment"])
        os.chdir(SANDBOX + "/work")
        arguments = [str(results_write), header["config"]]
        if "command" in header["runner"]:
            os.set_inheritable(results_write, True)
            for number in (signal.SIGPIPE, signal.SIGXFSZ):  # as a program expects them
                signal.signal(number, signal.SIG_DFL)
            command = header["runner"]["command"] + arguments
            os.execvp(command[0], command)
        sys.dont_write_bytecode = True
        # An older python3 puts the current folder (now the submission) first for -c.
        sys.path[:] = [entry for entry in sys.path if entry not in ("", ".")]
        runner = SANDBOX + "/" + header["runner"]["python"]
        sys.argv = [runner] + arguments
        with open(runner, "rb") as source:
            code_object = compile(source.read(), runner, "exec")
        exec(code_object, {"__name__": "__main__", "__file__": runner})
        code = 0
    except SystemExit as stop:  # what sys.exit() makes of its argument in a whole process
        code = 0 if stop.code is None else stop.code
        if not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        os._exit(code)


def main():
    # As PID 1, a signal left at its default is never delivered from inside the container;
    # Python's own SIGINT handler would let candidate code stop the supervisor with kill -INT.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    header = json.loads(read_block())
    # If the grader dies, nothing would stop this container: end it ourselves after the wall
    # clock. A timer thread, not a signal handler: candidate code can signal PID 1.
    deadline = threading.Timer(header["deadline_seconds"], os._exit, args=(124,))
    deadline.daemon = True
    deadline.start()
    archive = read_block()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(SANDBOX)  # built by the host: trusted content
    sealed = snapshot(header["sealed"])
    interfaces = network_interfaces()
    if set(interfaces) - {"lo"}:  # never run candidate code where it could reach a network
        emitter(read_block())(b"S", json.dumps(
            {"event": "supervisor", "network_interfaces": interfaces}).encode())
        return

    results_read, results_write = os.pipe()
    output_read, output_write = os.pipe()
    with warnings.catch_warnings():  # the deadline thread only sleeps: forking it is safe
        warnings.simplefilter("ignore", DeprecationWarning)
        child = os.fork()
    if child == 0:
        become_runner(results_write, output_write, header)
    os.close(results_write)
    os.close(output_write)
    nonce = read_block()  # read only now that the runner is forked
    emit = emitter(nonce)
    framing = len(nonce) + 4  # what each relayed line costs on stdout beyond itself
    selector = selectors.DefaultSelector()
    selector.register(results_read, selectors.EVENT_READ, "results")
    selector.register(output_read, selectors.EVENT_READ, "output")
    max_line, budget = header["max_line"], header["relay_bytes"]
    pending = b""
    relayed = dropped = output_bytes = 0
    head = tail = b""
    exit_code = exited_at = None
    while selector.get_map():
        if exit_code is None:
            exit_code = exit_status(child, os.WNOHANG)
        if exit_code is not None:
            exited_at = exited_at or time.monotonic()
            if time.monotonic() - exited_at > GRACE_SECONDS:
                break  # a leftover process holds a pipe open; the child itself is done
        for key, _ in selector.select(timeout=0.2):
            data = os.read(key.fd, 65536)
            if not data:
                selector.unregister(key.fd)
                continue
            if key.data == "output":
                output_bytes += len(data)
                head += data[: HEAD - len(head)]
                tail = (tail + data)[-TAIL:]
                continue
            pending += data
            lines = pending.split(b"\n")
            pending = lines.pop()
            if len(pending) > max_line:  # a line with no end: cut it
                lines.append(pending)
                pending = b""
            for line in lines:
                line = line[:max_line]
                # the frame counts too: a flood of empty lines must not crowd out the summary
                if relayed + len(line) + framing <= budget:
                    emit(b"C", line)
                    relayed += len(line) + framing
                else:
                    dropped += 1
    if exit_code is None:
        exit_code = exit_status(child, 0)
    try:
        os.killpg(child, signal.SIGKILL)  # whatever the candidate left running
    except OSError:
        pass
    changed = changes(sealed, snapshot(header["sealed"]))
    summary = {
        "event": "supervisor",
        "exit": exit_code,
        "changed": [fitted(path, 400) for path in changed[:MAX_CHANGED]],
        "changed_count": len(changed),
        "output_head": fitted(head.decode("utf-8", "replace"), 2 * HEAD),
        "output_tail": fitted(tail.decode("utf-8", "replace"), 2 * TAIL, keep_end=True),
        "output_bytes": output_bytes,
        "dropped_lines": dropped,
    }
    emit(b"S", json.dumps(summary).encode())


main()
