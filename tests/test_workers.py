"""Limited worker processes: each limit kills the call that passes it, says which, and the
next call gets a fresh worker. Real processes, real rlimits."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest_paths import ROOT, WORKSAMPLE
from grader_process import AS_FROM_A_TERMINAL

from worksample.errors import InfrastructureError, SubmissionRejected
from worksample.models import HostLimits
from worksample.workers import LimitedWorkers


def spin() -> None:
    while True:
        pass


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 2**20))


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def pid() -> int:
    return os.getpid()


def refuse() -> None:
    raise SubmissionRejected("not a Word document", path="analysis.docx")


def recurse(depth: int = 0) -> int:
    return recurse(depth + 1)


def explode():
    raise RuntimeError("cannot be rebuilt here")


class Unloadable:
    """Pickles in the worker; rebuilding it in the grader fails (before, that ended pebble's
    result thread, and every later call waited for its wall clock)."""

    def __reduce__(self):
        return explode, ()


def unloadable() -> Unloadable:
    return Unloadable()


class Counted:
    """Counts, in the process that rebuilds it, how often one was rebuilt (unpickled)."""

    rebuilt = 0

    def __init__(self, text: str):
        self.text = text

    def __setstate__(self, state: dict) -> None:
        type(self).rebuilt += 1
        self.__dict__.update(state)


def rebuilt(value: Counted) -> tuple[str, int]:
    return value.text, Counted.rebuilt


@pytest.fixture
def workers():
    with LimitedWorkers(1, HostLimits(cpu_seconds=1, memory_mb=128, wall_seconds=3)) as pool:
        yield pool


def test_a_call_runs_in_another_process_and_returns_its_value(workers):
    assert workers.run("to read", pid) != os.getpid()
    assert workers.run("to read", allocate, 16) == 16 * 2**20


def test_a_shared_value_is_pickled_once_and_rebuilt_once_in_a_worker(workers):
    """The batch's assignment is not pickled for every call, nor unpickled by every call."""
    assignment = Counted("the assignment")
    shared = workers.shared(assignment)
    assert workers.shared(assignment) is shared
    answers = [workers.run("to read", rebuilt, workers.shared(assignment)) for _ in range(3)]
    assert answers == [("the assignment", 1)] * 3
    other = workers.shared(Counted("another assignment"))
    assert other is not shared
    assert workers.run("to read", rebuilt, other) == ("another assignment", 2)


def test_the_cpu_limit_kills_the_worker_and_the_next_call_gets_a_new_one():
    # a wall clock far past the CPU budget: on a loaded machine the spin may get a small share
    # of a core, and the CPU limit must still be the one that ends it
    with LimitedWorkers(1, HostLimits(cpu_seconds=1, memory_mb=128, wall_seconds=60)) as workers:
        before = workers.run("to read", pid)
        with pytest.raises(SubmissionRejected, match=r"took more than 1 s of CPU to read; .*"
                                                     r"host_limits.cpu_seconds"):
            workers.run("to read", spin)
        assert workers.run("to read", pid) not in (before, os.getpid())


def test_the_memory_limit_stops_the_call(workers):
    with pytest.raises(SubmissionRejected, match=r"needed more than 128 MB of memory to unpack"):
        workers.run("to unpack", allocate, 512)
    assert workers.run("to unpack", allocate, 32) == 32 * 2**20  # the limit is per call


def test_the_wall_clock_limit_kills_a_call_that_waits(workers):
    started = time.monotonic()
    with pytest.raises(SubmissionRejected, match=r"took more than 3 s to read"):
        workers.run("to read", sleep, 60)
    assert time.monotonic() - started < 20
    assert workers.run("to read", pid) > 0


def test_the_callees_own_errors_come_back_whole(workers):
    with pytest.raises(SubmissionRejected) as raised:
        workers.run("to read", refuse)
    assert str(raised.value.path) == "analysis.docx"
    assert str(raised.value) == "analysis.docx: not a Word document"
    with pytest.raises(RecursionError):
        workers.run("to read", recurse)


class Stubborn(Exception):
    def __init__(self, *, why: str):  # keyword-only: rebuilding it from its args fails
        super().__init__(why)


def raise_stubborn() -> None:
    raise Stubborn(why="a plugin's own error")


def say_escapes() -> None:
    """What a parser might print or log about a hostile file, escapes included."""
    import logging
    import warnings

    print("\x1b[2J\x9b1A printed", file=sys.stderr)
    logging.getLogger("some.parser").error("\x1b[1;31mlogged\x1b[0m")
    warnings.warn("\x1b[8mwarned", stacklevel=1)


def unpicklable():
    return lambda: None


def test_what_the_grader_cannot_rebuild_costs_only_its_own_call(workers):
    with pytest.raises(InfrastructureError, match="cannot rebuild"):
        workers.run("to read", unloadable)
    with pytest.raises(InfrastructureError, match="Stubborn: a plugin's own error"):
        workers.run("to read", raise_stubborn)
    with pytest.raises(InfrastructureError, match="result could not be sent back"):
        workers.run("to read", unpicklable)
    started = time.monotonic()
    assert workers.run("to read", pid) > 0
    assert time.monotonic() - started < 2  # not waiting for a wall clock


class Panic(BaseException):
    """What a compiled parser raises when it panics (pyo3's PanicException): no Exception,
    and defined where the grader cannot import it."""


Panic.__module__ = "no_such_module_here"


def panic() -> None:
    raise Panic("PyObject pointer is null")


def test_a_parser_s_panic_comes_back_as_an_infrastructure_error_with_its_words(workers):
    with pytest.raises(InfrastructureError, match=r"a parser failed on the submission "
                                                  r"\(Panic: PyObject pointer is null\)"):
        workers.run("to read", panic)
    assert workers.run("to read", pid) > 0


def test_ctrl_c_on_a_text_batch_reaches_the_grader_not_its_workers(tmp_path):
    """A terminal's Ctrl-C goes to the whole process group, workers included: they ignore it
    (pebble's do), the grader lets the calls in flight finish, keeps every result and leaves
    no worker."""
    import glob

    sources = []
    for number in range(300):  # distinct copies of a good reply set
        folder = tmp_path / "batch" / f"candidate-{number:03d}"
        shutil.copytree(ROOT / "examples" / "support-replies" / "excellent", folder)
        for reply in folder.iterdir():
            reply.write_text(reply.read_text() + f"\nRef {number}\n")
        sources.append(folder)
    store = tmp_path / "results.sqlite"
    grade = [WORKSAMPLE, "grade",
             str(ROOT / "assignments" / "support-replies"), *map(str, sources), "-j", "2",
             "--store", str(store)]
    grader = subprocess.Popen([*AS_FROM_A_TERMINAL, *grade], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    while not store.exists() or _stored(store) < 20:
        time.sleep(0.05)
    os.killpg(grader.pid, signal.SIGINT)
    _, stderr = grader.communicate(timeout=60)
    assert grader.returncode == 130, stderr
    kept = _stored(store)
    assert f"{kept} result(s) kept" in stderr and kept < len(sources)
    assert not [p for p in glob.glob("/proc/[0-9]*") if _child_of(p, grader.pid)]
    rerun = subprocess.run(grade, capture_output=True, text=True)
    assert f"{len(sources) - kept} new result(s)" in rerun.stderr


def _stored(store: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(store) as db:
            return db.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _child_of(proc: str, pid: int) -> bool:
    try:
        return f"PPid:\t{pid}\n" in Path(proc, "status").read_text()
    except OSError:
        return False


def in_a_new_process(tmp_path: Path, imports: str, main: str) -> subprocess.CompletedProcess:
    """Run ``imports`` then ``main`` (under the main-module guard the spawned workers need) in
    a new interpreter, as the command runs, with this folder importable; its output."""
    script = imports + "\nif __name__ == '__main__':\n" + textwrap.indent(main, "    ")
    (tmp_path / "run.py").write_text(script)
    done = subprocess.run([sys.executable, str(tmp_path / "run.py")], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})
    assert done.returncode == 0, done.stderr
    return done


def test_what_a_worker_prints_or_logs_reaches_the_terminal_shown_not_obeyed(tmp_path):
    done = in_a_new_process(tmp_path, "from worksample.workers import LimitedWorkers\n"
                                      "import test_workers\n",
                            "with LimitedWorkers(1) as workers:\n"
                            "    workers.run('to read', test_workers.say_escapes)\n")
    for said in ("printed", "logged", "warned"):
        assert said in done.stderr
    assert "\x1b" not in done.stderr and "\x9b" not in done.stderr


def blocked_signals(pid: int) -> int:
    """The mask of signals blocked in process ``pid``'s main thread."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("SigBlk:")), 16)


def test_workers_are_born_deaf_to_ctrl_c_and_the_grader_is_not(tmp_path):
    """A Ctrl-C while a worker boots (before pebble ignores SIGINT) killed it and failed the
    call it had been given; workers now start with SIGINT blocked, the grader's thread not.
    In a new process, as the command is: there the first pool also starts multiprocessing's
    resource tracker, which unblocked SIGINT before the workers were born."""
    done = in_a_new_process(
        tmp_path, "import json, os\nfrom worksample.workers import LimitedWorkers\n"
                  "from test_workers import blocked_signals\n",
        "with LimitedWorkers(2) as workers:\n"
        "    pids = {workers.run('to read', os.getpid) for _ in range(20)}\n"
        "    print(json.dumps({'workers': [blocked_signals(pid) for pid in pids],\n"
        "                      'grader': blocked_signals(os.getpid())}))\n")
    masks = json.loads(done.stdout)
    sigint = 1 << (signal.SIGINT - 1)
    assert masks["workers"] and all(mask & sigint for mask in masks["workers"]), masks
    assert not masks["grader"] & sigint
