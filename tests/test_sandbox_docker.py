"""The hardened sandbox, on the real Docker engine: every promise, checked from inside."""

import os
import time

import docker
import pytest
from conftest_paths import FIXTURE_LABEL

from worksample.errors import InfrastructureError
from worksample.sandbox import Limits, RunRequest
from worksample.sandbox import docker as sandbox

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]
IMAGE = "worksample/python-pytest:bookworm"


def python(code: str, limits: Limits | None = None, stdin: bytes = b""):
    return sandbox.run(RunRequest(IMAGE, ["python3", "-c", code], stdin=stdin,
                                  limits=limits or Limits(wall_seconds=30)))


def test_unprivileged_no_capabilities_no_new_privileges():
    result = python("import os; print(os.getuid(), os.getgid()); "
                    "print(open('/proc/self/status').read())")
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "65534 65534"
    status = dict(line.split(":\t", 1) for line in lines[1:] if ":\t" in line)
    for field in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert int(status[field], 16) == 0, field
    assert status["NoNewPrivs"].strip() == "1"
    assert status["Seccomp"].strip() == "2"


def test_stdin_reaches_the_process():
    result = python("import sys; print(len(sys.stdin.buffer.read(3_000_000)))",
                    stdin=b"x" * 3_000_000)
    assert result.stdout == b"3000000\n" and result.exit_code == 0


def test_root_is_read_only_and_nothing_of_the_host_is_mounted():
    result = python(
        "import os\n"
        "for path in ('/x', '/etc/passwd', '/usr/lib/python3/dist-packages/pytest/__init__.py'):\n"
        "    try:\n        open(path, 'a').close(); print('WROTE', path)\n"
        "    except OSError as e:\n        print('refused', path, e.errno)\n"
        "print(open('/proc/self/mountinfo').read())\n"
    )
    out = result.stdout.decode()
    assert "WROTE" not in out and out.count("refused") == 3
    mounts = []  # (mount point, options, filesystem type) from /proc/self/mountinfo
    for line in out.splitlines():
        if " - " in line:
            before, after = line.split(" - ", 1)
            mounts.append((before.split()[4], before.split()[5], after.split()[0]))
    memory_backed = {"proc", "tmpfs", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue"}
    host_backed = [(point, options) for point, options, kind in mounts
                   if kind not in memory_backed and point != "/"]
    assert host_backed, "expected Docker's read-only /etc/hosts and friends"
    assert all(options.startswith("ro") for _, options in host_backed), host_backed
    assert next(options for point, options, _ in mounts if point == "/").startswith("ro")
    writable_tmpfs = {point for point, options, kind in mounts
                      if kind == "tmpfs" and options.startswith("rw")
                      and not point.startswith(("/dev", "/proc", "/sys"))}
    assert writable_tmpfs == {"/sandbox", "/tmp"}


def test_tmpfs_and_file_size_are_limited():
    code = (
        "import errno\n"
        "def fill(path, mb):\n"
        "    try:\n"
        "        with open(path, 'wb') as f:\n"
        "            for _ in range(mb): f.write(b'x' * 1048576); f.flush()\n"
        "        return 'ok'\n"
        "    except OSError as e:\n"
        "        return errno.errorcode[e.errno]\n"
        "print(fill('/sandbox/big', 12), fill('/tmp/a', 9), fill('/tmp/b', 9))\n"
    )
    result = python(code, Limits(wall_seconds=30, tmpfs_mb=16, file_size_mb=10))
    big, first, second = result.stdout.decode().split()
    assert big == "EFBIG"  # 12 MB file > the 10 MB file-size ulimit (the tmpfs has room)
    assert first == "ok" and second == "ENOSPC"  # 9 + 9 MB > the 16 MB tmpfs


@pytest.mark.parametrize("localhost_name", [False, True])
def test_no_network_at_all(localhost_name):
    code = (
        "import socket\n"
        "print(sorted(l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:]))\n"
        "for host, port in (('1.1.1.1', 53), ('169.254.169.254', 80), ('172.17.0.1', 2375)):\n"
        "    try:\n"
        "        socket.create_connection((host, port), timeout=2); print('CONNECTED')\n"
        "    except OSError as e:\n"
        "        print('refused', type(e).__name__)\n"
        "try:\n    socket.getaddrinfo('pypi.org', 443); print('RESOLVED')\n"
        "except OSError:\n    print('no dns')\n"
    )
    out = sandbox.run(RunRequest(IMAGE, ["python3", "-c", code], limits=Limits(wall_seconds=30),
                                 localhost_name=localhost_name)).stdout.decode()
    assert out.splitlines()[0] == "['lo']"
    assert "CONNECTED" not in out and "RESOLVED" not in out
    assert out.count("refused") == 3 and "no dns" in out


LOOPBACK = (
    "import socket, sys\n"
    "server = socket.create_server((sys.argv[1], 0))\n"
    "client = socket.create_connection(server.getsockname()[:2], timeout=2)\n"
    "peer, _ = server.accept(); client.sendall(b'ping'); print(peer.recv(4).decode())\n"
)


@pytest.mark.parametrize("localhost_name", [False, True])
def test_loopback_works_and_localhost_resolves_only_when_asked(localhost_name):
    """Networking is disabled, not loopback: tests may run a server on 127.0.0.1, and on
    'localhost' when the assignment asks for the name."""
    def serve(host):
        return sandbox.run(RunRequest(IMAGE, ["python3", "-c", LOOPBACK, host],
                                      limits=Limits(wall_seconds=30),
                                      localhost_name=localhost_name))

    assert serve("127.0.0.1").stdout.decode().strip() == "ping"
    by_name = serve("localhost")
    if localhost_name:
        assert by_name.stdout.decode().strip() == "ping", by_name.stderr.decode()[-500:]
    else:
        assert b"name resolution" in by_name.stderr


def test_a_fork_bomb_is_bounded_by_the_pids_limit():
    code = (
        "import os, time\n"
        "children = 0\n"
        "try:\n"
        "    while True:\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(30); os._exit(0)\n"
        "        children += 1\n"
        "except OSError as e:\n"
        "    print(children, e.errno)\n"
    )
    started = time.monotonic()
    result = python(code, Limits(wall_seconds=20, pids=32))
    children, _ = result.stdout.decode().split()
    assert int(children) < 32
    assert time.monotonic() - started < 20  # PID 1 exits and takes the children with it


def test_cpu_share_open_files_and_core_dumps_are_limited():
    code = (
        "import os, resource, time\n"
        "end = time.monotonic() + 3\n"
        "while time.monotonic() < end: pass\n"
        "times = os.times()\n"
        "print(round(times.user + times.system, 2))\n"
        "files = []\n"
        "try:\n"
        "    while True: files.append(open('/dev/null'))\n"
        "except OSError as e:\n"
        "    print(len(files), e.errno)\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE))\n"
    )
    result = python(code, Limits(wall_seconds=30, cpus=0.5, open_files=64))
    cpu_seconds, opened, core = result.stdout.decode().splitlines()
    # half a core for 3 s of wall time is 1.5 s: never more than two thirds of a core, and at
    # least a sixth even when other work on the machine takes its share of the cores
    assert 0.5 <= float(cpu_seconds) <= 2.0
    assert int(opened.split()[0]) <= 64 - 3 and opened.split()[1] == "24"  # EMFILE
    assert core == "(0, 0)"


def test_memory_exhaustion_is_reported_as_such():
    result = python("x = []\nwhile True: x.append(bytearray(10**7))",
                    Limits(wall_seconds=30, memory_mb=64))
    assert result.oom_killed and not result.timed_out


def test_wall_clock_kill_bounds_the_run():
    started = time.monotonic()
    result = python("import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                    "while True: pass", Limits(wall_seconds=2))
    assert result.timed_out and result.exit_code == 137
    assert time.monotonic() - started < 2 + 3


# One command for every run below; what each run does comes on stdin, so that all of them
# have the same configuration and may be given the same container.
TWO_RUNS = """
import os, signal, sys, time
import ctypes
print(open('/proc/self/cgroup').read().split('/docker/')[1].split()[0][:12], flush=True)
libc = ctypes.CDLL(None, use_errno=True)
SYSV_KEY, IPC_CREAT = 0x5EED, 0o1000
act = sys.stdin.readline().strip()
if act == 'leave something behind':
    written = []
    if libc.shmget(SYSV_KEY, 4096, IPC_CREAT | 0o666) >= 0:
        written.append('System V shared memory')
    for path in ('/tmp/planted', '/sandbox/planted', '/dev/shm/planted', '/dev/mqueue/planted',
                 '/planted', '/var/tmp/planted', '/etc/planted'):
        try:
            open(path, 'w').write('from the run before')
            written.append(path)
        except OSError:
            pass
    print(written)
    child = os.fork()
    if child == 0:  # a daemon in a session of its own that ignores what it can
        os.setsid()
        if os.fork() == 0:
            for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                signal.signal(number, signal.SIG_IGN)
            time.sleep(600)
        os._exit(0)
    os.waitpid(child, 0)
    time.sleep(0.2)
    print(len([p for p in os.listdir('/proc') if p.isdigit()]))
elif act == 'look':
    print(sorted(os.listdir('/tmp') + os.listdir('/sandbox') + os.listdir('/dev/shm')
                 + os.listdir('/dev/mqueue')), libc.shmget(SYSV_KEY, 0, 0))
    print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
elif act == 'hang':
    time.sleep(600)
elif act == 'use too much memory':
    hoard = [bytearray(10**7) for _ in range(100)]
"""


def run_two_runs(act: str, limits: Limits | None = None):
    result = sandbox.run(RunRequest(IMAGE, ["python3", "-c", TWO_RUNS], stdin=act.encode() + b"\n",
                                    limits=limits or Limits(wall_seconds=30)))
    container, *seen = result.stdout.decode().splitlines()
    return container, seen, result


def test_a_container_started_again_holds_nothing_of_the_run_before():
    sandbox.remove_stopped()
    planted_in, (written, processes), planting = run_two_runs("leave something behind")
    assert planting.exit_code == 0 and not planting.timed_out
    assert written == ("['System V shared memory', '/tmp/planted', '/sandbox/planted', "
                       "'/dev/shm/planted', '/dev/mqueue/planted']")
    assert processes == "2"  # PID 1 and the daemon, alive when the run ended
    container, (files, processes), _ = run_two_runs("look")
    assert container == planted_in  # the same container, started again
    assert files == "[] -1"  # the mounts are new and empty; the IPC namespace is new
    assert processes == "[1]"  # the daemon ended with the run that started it
    assert run_two_runs("look")[0] == container


@pytest.mark.parametrize("act, limits", [
    ("hang", Limits(wall_seconds=2)),
    ("use too much memory", Limits(wall_seconds=30, memory_mb=64)),
])
def test_a_container_is_not_started_again_after_a_run_that_was_killed(act, limits):
    killed_in, _, killed = run_two_runs(act, limits)
    assert killed.timed_out or killed.oom_killed
    container, _, result = run_two_runs("look", limits)
    assert result.exit_code == 0
    assert container != killed_in


def test_a_kept_container_removed_behind_the_graders_back_is_replaced(docker_engine):
    kept, _, _ = run_two_runs("look")
    docker_engine.containers.get(kept).remove()  # what `docker container prune` does
    container, _, result = run_two_runs("look")
    assert result.exit_code == 0 and container != kept


def test_runs_of_other_configurations_never_share_a_container():
    first = run_two_runs("look", Limits(wall_seconds=30, memory_mb=256))[0]
    second = run_two_runs("look", Limits(wall_seconds=30, memory_mb=128))[0]
    third = run_two_runs("look", Limits(wall_seconds=30, memory_mb=256))[0]
    assert first != second and third == first


def test_output_is_capped_per_stream_and_a_flood_does_not_block():
    result = python("import os\nfor _ in range(2000): os.write(1, b'o' * 65536); "
                    "os.write(2, b'e' * 65536)", Limits(wall_seconds=30, output_bytes=4096))
    assert len(result.stdout) == 4096 and len(result.stderr) == 4096
    assert result.stdout_dropped == 2000 * 65536 - 4096
    assert not result.timed_out


def test_leftover_containers_of_a_dead_grader_are_swept(docker_engine):
    host, pid, start = sandbox.STATE.owner.split(":")
    dead = f"{host}:{2**22 + 7}:1"  # a pid that does not exist
    assert not os.path.exists(f"/proc/{2**22 + 7}")
    reused = f"{host}:{pid}:{int(start) - 1}"  # our pid, but an older process: it died
    elsewhere = f"another-machine:{pid}:{start}"  # on a shared engine: not ours to judge

    def labelled(owner):
        return docker_engine.containers.create(IMAGE, ["true"], labels={
            sandbox.LABEL: "sandbox", sandbox.OWNER_LABEL: owner, FIXTURE_LABEL: "sweep"})

    orphans = [labelled(dead), labelled(reused)]
    kept = [labelled(sandbox.STATE.owner), labelled(elsewhere)]
    try:
        # a grader someone else runs on this machine may sweep at the same time: what is left
        # is the test, not how many this call removed
        sandbox.sweep_orphans()
        for container in orphans:
            with pytest.raises(docker.errors.NotFound):
                container.reload()
        for container in kept:
            container.reload()  # a live grader's, and another machine's, are left alone
    finally:
        for container in kept:
            container.remove(force=True)


def test_a_missing_image_that_cannot_be_pulled_is_an_infrastructure_error():
    with pytest.raises(InfrastructureError, match="could not be pulled.*ensure-docker.sh"):
        sandbox.run(RunRequest("worksample/does-not-exist:never", ["true"]))


def test_input_that_is_never_read_cannot_hang_the_grader():
    started = time.monotonic()
    result = sandbox.run(RunRequest(IMAGE, ["sleep", "600"], stdin=b"x" * 20_000_000,
                                    limits=Limits(wall_seconds=2)))
    assert result.timed_out
    assert time.monotonic() - started < 2 + 3


def test_an_unknown_runtime_fails_closed(monkeypatch):
    monkeypatch.setenv(sandbox.RUNTIME_ENV, "runsc-not-installed")
    with pytest.raises(InfrastructureError, match="could not be created"):
        sandbox.run(RunRequest(IMAGE, ["true"]))


def test_no_engine_is_an_infrastructure_error_with_what_to_do(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    sandbox.client.cache_clear()
    try:
        with pytest.raises(InfrastructureError, match="no Docker engine answers.*ensure-docker"):
            sandbox.client()
    finally:
        monkeypatch.undo()
        sandbox.client.cache_clear()
