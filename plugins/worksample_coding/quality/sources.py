"""Which of a submission's files are the candidate's code, which are their own tests, and
which are left out of the analysis (too large, too many, links, other tools' folders).

The same rules serve the host's static analysis and the run of the candidate's own tests in
the sandbox, so that "the candidate's code" whose coverage is measured is the code whose
functions are counted. A hostile submission may hold anything: the walk never follows a link,
never reads a file it skips, and stops at fixed counts and sizes.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

EXTENSIONS = {
    "python": (".py",),
    "javascript": (".js", ".mjs", ".cjs"),
    "typescript": (".ts",),
    "go": (".go",),
}
# folders of other tools, dependencies or build output: not the candidate's own writing
SKIPPED_FOLDERS = frozenset({
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", "__pycache__", "vendor",
    "site-packages", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".tox", "dist", "build",
    "coverage", ".idea", ".vscode",
})
TEST_FOLDERS = frozenset({"test", "tests", "__tests__", "spec"})
MAX_FILE_BYTES = 256 * 1024  # a larger source file is not read (generated, or an attack)
MAX_TOTAL_BYTES = 2 * 1024 * 1024
MAX_FILES = 300
MAX_DEPTH = 16


@dataclass
class SourceFiles:
    """The submission's source files of the task's language, as paths relative to its root
    (POSIX spelling), and what was left out, with why."""

    code: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)  # path -> why, the first 20
    left_out_count: int = 0

    @property
    def all(self) -> list[str]:
        """Code and tests, in path order."""
        return sorted(self.code + self.tests)

    def leave_out(self, path: str, why: str) -> None:
        """Note ``path`` as left out (the first 20 are named; the count is kept apart)."""
        if len(self.left_out) < 20:
            self.left_out[path] = why
        self.left_out_count += 1


def is_test_file(path: str, language: str) -> bool:
    """Whether ``path`` (relative, POSIX) is one of the candidate's own tests, by the names
    each language's test runner looks for: Python's test_*.py, *_test.py and conftest.py;
    JavaScript's and TypeScript's as Node's test runner finds them (test.js, test-*.js,
    *.test.js, *-test.js, *_test.js, and files in a test folder) and *.spec.*; Go's
    *_test.go."""
    pure = PurePosixPath(path)
    name = pure.name
    if language == "go":
        return name.endswith("_test.go")
    if language == "python":
        return (name.startswith("test_") or name.endswith("_test.py")
                or name == "conftest.py")
    stem = name.rsplit(".", 1)[0]
    return (stem == "test" or stem.startswith("test-")
            or stem.endswith((".test", ".spec", "-test", "_test"))
            or any(part in TEST_FOLDERS for part in pure.parts[:-1]))


def source_files(root: Path, language: str) -> SourceFiles:
    """The source files of ``language`` under ``root``, split into code and tests, within
    the counts and sizes above; links are never followed nor read."""
    extensions = EXTENSIONS.get(language, ())
    found = SourceFiles()
    total = 0
    for folder, folders, names in os.walk(root, followlinks=False):
        relative_folder = Path(folder).relative_to(root)
        depth = len(relative_folder.parts)
        folders[:] = sorted(name for name in folders
                            if name not in SKIPPED_FOLDERS and depth < MAX_DEPTH
                            and not os.path.islink(os.path.join(folder, name)))
        for name in sorted(names):
            if not name.endswith(extensions) or name.endswith(".d.ts"):
                continue
            path = os.path.join(folder, name)
            relative = (relative_folder / name).as_posix()
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                found.leave_out(relative, "not a regular file (a link or a device)")
                continue
            if info.st_size > MAX_FILE_BYTES:
                found.leave_out(relative, f"larger than {MAX_FILE_BYTES // 1024} KB")
                continue
            if len(found.code) + len(found.tests) >= MAX_FILES:
                found.leave_out(relative, f"past the first {MAX_FILES} files")
                continue
            if total + info.st_size > MAX_TOTAL_BYTES:
                found.leave_out(relative, f"past {MAX_TOTAL_BYTES // 2**20} MB of source")
                continue
            total += info.st_size
            (found.tests if is_test_file(relative, language) else found.code).append(relative)
    return found

