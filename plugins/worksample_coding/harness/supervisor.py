# The trusted half of the in-container harness. Standard library only; it never imports
# candidate code.
#
# The host starts the container as
#     python3 -I -S -c "<loader>"
# and the loader marks the process non-dumpable (so no other process of the same user can read
# its memory or open its file descriptors through /proc), then reads this file's source from
# stdin and runs it. This is PID 1. It reads, in 8-byte-length-prefixed blocks on stdin:
#   1. a JSON header: {"nonce", "mode", "per_test_seconds", "message_chars", "relay_bytes",
#      "max_line", "deadline_seconds"}
#   2. a tar archive holding harness/, tests/ and work/ (the submission)
# Then it runs harness/runner.py (pytest + candidate code) as a child process with no stdin, no
# access to the nonce, and a private pipe for its results, and relays each line the child
# writes there onto stdout as "<nonce> C <line>". Its own records are "<nonce> S <json>". The
# candidate cannot write stdout (only this process holds it) nor learn the nonce, so the host
# accepts no line it did not frame. It relays at most "relay_bytes" (the host sized the budget
# for every expected result, so only a flood exceeds it) and cuts lines at "max_line"; its own
# summary is bounded, so it always fits in what the host keeps. At the end it reports whether
# the hidden tests or the harness changed on disk (inode, ctime and size: ctime cannot be set
# back without privileges).

import io
import json
import os
import selectors
import signal
import subprocess
import sys
import tarfile
import threading
import time

SANDBOX = "/sandbox"
SEALED = ("tests", "harness")
HEAD = 4 * 1024  # what the submission printed first, e.g. at import
TAIL = 8 * 1024  # how the run ended
MAX_CHANGED = 50
GRACE_SECONDS = 1.0


def read_block(stream):
    size = int.from_bytes(stream.read(8), "big")
    return stream.read(size)


def snapshot():
    state = {}
    for name in SEALED:
        top = os.path.join(SANDBOX, name)
        for folder, _, files in os.walk(top):
            for entry in [folder] + [os.path.join(folder, f) for f in files]:
                info = os.lstat(entry)
                state[os.path.relpath(entry, SANDBOX)] = (
                    info.st_ino, info.st_ctime_ns, info.st_mtime_ns, info.st_size, info.st_mode
                )
    return state


def changes(before, after):
    changed = [path for path in before if after.get(path) != before[path]]
    added = [path for path in after if path not in before]
    return sorted(changed + added)


def main():
    # As PID 1, a signal left at its default is never delivered from inside the container;
    # Python's own SIGINT handler would let candidate code stop the supervisor with kill -INT.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    stdin = sys.stdin.buffer
    header = json.loads(read_block(stdin))
    # If the grader dies, nothing would stop this container: end it ourselves after the wall
    # clock. A timer thread, not a signal handler: candidate code can signal PID 1.
    deadline = threading.Timer(header["deadline_seconds"], os._exit, args=(124,))
    deadline.daemon = True
    deadline.start()
    archive = read_block(stdin)
    nonce = header["nonce"].encode()
    out = sys.stdout.buffer

    def emit(tag, line):
        out.write(nonce + b" " + tag + b" " + line + b"\n")
        out.flush()

    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(SANDBOX)  # built by the host: trusted content
    sealed = snapshot()

    results_read, results_write = os.pipe()
    config = json.dumps({k: header[k] for k in ("mode", "per_test_seconds", "message_chars")})
    child = subprocess.Popen(
        ["python3", "-I", "-B", SANDBOX + "/harness/runner.py", str(results_write), config],
        cwd=SANDBOX + "/work",
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        pass_fds=(results_write,),
        start_new_session=True,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": "/tmp",
            "TMPDIR": "/tmp",
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        },
    )
    os.close(results_write)

    selector = selectors.DefaultSelector()
    selector.register(results_read, selectors.EVENT_READ, "results")
    selector.register(child.stdout.fileno(), selectors.EVENT_READ, "output")
    max_line, budget = header["max_line"], header["relay_bytes"]
    pending = b""
    relayed = dropped = output_bytes = 0
    head = tail = b""
    exited_at = None
    while selector.get_map():
        if child.poll() is not None:
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
                if relayed + len(line) <= budget:
                    emit(b"C", line)
                    relayed += len(line)
                else:
                    dropped += 1
    exit_code = child.wait()
    try:
        os.killpg(child.pid, signal.SIGKILL)  # whatever the candidate left running
    except OSError:
        pass
    changed = changes(sealed, snapshot())
    summary = {
        "event": "supervisor",
        "exit": exit_code,
        "changed": changed[:MAX_CHANGED],
        "changed_count": len(changed),
        "output_head": head.decode("utf-8", "replace"),
        "output_tail": tail.decode("utf-8", "replace"),
        "output_bytes": output_bytes,
        "dropped_lines": dropped,
    }
    emit(b"S", json.dumps(summary).encode())


main()
