"""Read the commit times of a candidate's git history without letting it run anything.

The candidate's ``.git`` folder is never handed to git as a repository. What could run code
or reach outside it lives beside the history: the config (hooks and ``core.hooksPath``,
``core.fsmonitor``, aliases, a pager, ``include`` of other files), ``hooks/``, ``info/``
(grafts), ``objects/info/alternates`` (other repositories on the grader's disk) and
``commondir`` or a ``.git`` file (a repository elsewhere). So only the history itself is
copied, as regular files within bounds, into a fresh bare repository made for this reading:
``objects/`` (without ``objects/info``), ``refs/``, ``packed-refs`` and ``shallow``. git then
reads that repository with no system or global config, a HOME of its own, replace refs
ignored, a time limit and a cap on the commits it lists.

Whatever goes wrong (no git on the machine, a history too large, a corrupt pack, a timeout)
is no time and a note saying why, never an exception: the grading goes on.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from worksample.safe_text import visible
from worksample.working_time import Found, from_commits, unix_time

KEPT_FILES = ("packed-refs", "shallow")
KEPT_FOLDERS = ("objects", "refs")
NOTE_CHARS = 200


@dataclass(frozen=True)
class HistoryLimits:
    """How much of a git history is read."""

    max_files: int = 20_000
    max_bytes: int = 200 * 1024 * 1024
    max_commits: int = 5_000
    timeout_s: float = 20.0


def read_history(git_dir: Path, scratch: Path, limits: HistoryLimits = HistoryLimits()) -> Found:
    """The working time the git history in ``git_dir`` (a ``.git`` folder) shows, or no time
    and a note saying why. Works in a new folder under ``scratch``, removed before it returns.
    No ``.git`` at all is no time and no note."""
    if not git_dir.exists() and not git_dir.is_symlink():
        return Found(None)
    if git_dir.is_symlink() or not git_dir.is_dir():
        return Found(None, "the .git is a link or a file pointing elsewhere (a worktree or a "
                           "submodule); not read")
    git = shutil.which("git")
    if git is None:
        return Found(None, "git is not installed on the grader's machine; the history was "
                           "not read")
    folder = Path(tempfile.mkdtemp(prefix="history-", dir=scratch))
    try:
        return _read(git, git_dir, folder, limits)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _read(git: str, git_dir: Path, folder: Path, limits: HistoryLimits) -> Found:
    repository = folder / "history.git"
    environment = _environment(folder)
    try:
        _run([git, "init", "--bare", "--quiet", "--template=", str(repository)], environment,
             limits)
        refused = _copy_history(git_dir, repository, limits)
        if refused:
            return Found(None, refused)
        listed = _run([git, "--git-dir", str(repository), "log", "--all",
                       "--format=%at %ct", f"--max-count={limits.max_commits + 1}"],
                      environment, limits)
    except subprocess.TimeoutExpired:
        return Found(None, f"reading the git history took more than {limits.timeout_s:g} s; "
                           "not read")
    except subprocess.CalledProcessError as error:
        said = visible(error.stderr.decode("utf-8", "replace").strip().splitlines()[0]
                       if error.stderr.strip() else f"exit code {error.returncode}")
        return Found(None, f"git could not read the history: {said[:NOTE_CHARS]}")
    except OSError as error:
        return Found(None, f"the git history could not be copied or read: {error.strerror}")
    lines = listed.decode("ascii", "replace").splitlines()
    if len(lines) > limits.max_commits:
        return Found(None, f"the git history has more than {limits.max_commits:,} commits: "
                           "a project's history, not a take-home's; not read")
    return from_commits([_commit(line) for line in lines])


def _copy_history(git_dir: Path, repository: Path, limits: HistoryLimits) -> str:
    """Copy the objects and refs of ``git_dir`` into ``repository``: regular files only,
    within the limits. Returns why it refused, or ""."""
    files = size = 0
    sources = [git_dir / name for name in KEPT_FILES]
    for name in KEPT_FOLDERS:
        for current, folders, names in os.walk(git_dir / name, followlinks=False):
            if Path(current) == git_dir / "objects":
                folders[:] = [f for f in folders if f != "info"]  # alternates, commit-graph
            sources += [Path(current) / n for n in names]
    for source in sources:
        try:
            mode = source.lstat()
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode.st_mode):
            continue  # a link or a device: never followed, never read
        files, size = files + 1, size + mode.st_size
        if files > limits.max_files or size > limits.max_bytes:
            return (f"the git history holds more than {limits.max_files:,} files or "
                    f"{limits.max_bytes // 2**20} MiB; not read")
        target = repository / source.relative_to(git_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(source, "rb") as stream, open(target, "wb") as out:
            # no more than lstat said: a file growing under us must not pass the bounds
            shutil.copyfileobj(_Bounded(stream, mode.st_size), out)
    return ""


class _Bounded:
    """A stream that ends after ``left`` bytes."""

    def __init__(self, stream, left: int):
        self.stream, self.left = stream, left

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.stream.read(size)
        self.left -= len(data)
        return data


def _commit(line: str):
    """(author date, committer date) of one ``%at %ct`` line; None for what does not read."""
    parts = line.split()
    return tuple(unix_time(int(part)) if part.isdigit() and len(part) < 20 else None
                 for part in (parts + ["", ""])[:2])


def _environment(home: Path) -> dict[str, str]:
    """Only what git needs, none of the grader's git settings: no system or global config, a
    HOME of its own, no prompts, no pager, replace refs ignored."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
            "XDG_CONFIG_HOME": str(home), "LC_ALL": "C", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_ATTR_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_OPTIONAL_LOCKS": "0"}


def _run(command: list[str], environment: dict[str, str], limits: HistoryLimits) -> bytes:
    return subprocess.run(command, env=environment, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=limits.timeout_s, check=True,
                          cwd=environment["HOME"]).stdout
