"""The canary: a hidden test built to fail, made to look like the hidden tests around it.

If it passes, something rewrote outcomes. A forger who cannot tell it from the real tests
must leave it alone, and so every test it would have to forge. So it is not recognisable by
name, file, position or shape:

- it is a copy of a real hidden test (its fixtures, its calls into the submission, its
  helpers and asserts, in the author's own formatting), under a name made of words from the
  real tests' names, at a random place in the same file (the file is sent with it, never
  without it);
- one expected value of one of its asserts (``... == 10``, or the last argument of a
  two-argument comparison helper of the hidden tests or the standard library, such as
  ``exact(..., 10)``) is replaced by one that no honest implementation returns: a 7-digit
  number, or two of the tests' words joined by a hyphen that appear nowhere in the file. It
  fails whatever the submission does, and tampering with what the tests share (a helper,
  ``==``, pytest's reports) makes it pass with them.

Without such an assert anywhere it is a plain failing test in a random test file. A forger
who reads every test's source can still find it by looking for the odd value: see
docs/security.md.
"""

from __future__ import annotations

import ast
import fnmatch
import random
import re
import secrets
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

TEST_FILES = ("test_*.py", "*_test.py")  # the runner's pytest.ini: python_files
SKIPPED = {"__pycache__", ".pytest_cache"}  # as the archive skips them
# ast.parse is not thread-safe in CPython 3.11 (gh-106905: "AST constructor recursion depth
# mismatch"), and a batch grades submissions in threads.
PARSING = threading.Lock()


@dataclass
class Canary:
    """The canary of one run. ``new()`` draws its randomness; ``plant()`` places it in a tests
    folder, which gives it its ``test_id``."""

    seed: int
    file: str | None = None
    name: str | None = None

    @classmethod
    def new(cls) -> Canary:
        """A canary not placed yet."""
        return cls(seed=secrets.randbits(64))

    @property
    def test_id(self) -> str:
        """Its pytest node id."""
        if self.file is None:
            raise RuntimeError("the canary has not been planted in the tests yet")
        return f"{self.file}::{self.name}"

    def plant(self, tests: Path) -> dict[str, bytes]:
        """Every file of the hidden ``tests`` folder (relative path -> content), one of them
        with the canary in it."""
        files = hidden_files(tests)
        rng = random.Random(self.seed)
        helpers = {Path(path).stem for path in files
                   if "/" not in path and path.endswith(".py") and not is_test_file(path)}
        candidates = []
        for path in sorted(p for p in files if is_test_file(p)):
            tree = _parse(files[path])
            if tree is not None:
                candidates += [(path, tree, donor, literal)
                               for donor, literal in donors(tree, helpers)]
        if candidates:
            path, tree, donor, literal = rng.choice(candidates)
            source = files[path]
            self.name = fresh_name(source, tree, donor.name, rng)
            body = copy_of(source, donor, literal, self.name, sentinel(literal.value, source, rng))
        else:
            path = rng.choice(sorted(p for p in files if is_test_file(p)) or ["test_checks.py"])
            source = files.get(path, b"")
            tree = _parse(source) or ast.Module(body=[], type_ignores=[])
            self.name = fresh_name(source, tree, "test_result_is_checked", rng)
            left = sentinel(1, source, rng)
            right = left + 1 + rng.randrange(1_000_000)
            body = f"def {self.name}():\n    assert {left} == {right}\n".encode()
        self.file = path
        files[path] = inserted(source, tree, body, rng)
        return files


def hidden_files(tests: Path) -> dict[str, bytes]:
    """The files of the tests folder by relative path, as the archive would hold them."""
    return {path.relative_to(tests).as_posix(): path.read_bytes()
            for path in sorted(tests.rglob("*"))
            if path.is_file() and not path.is_symlink()
            and not SKIPPED.intersection(path.relative_to(tests).parts)}


def is_test_file(path: str) -> bool:
    return any(fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern) for pattern in TEST_FILES)


def _parse(source: bytes) -> ast.Module | None:
    try:
        with PARSING:
            return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def donors(tree: ast.Module, helpers: set[str]) -> list[tuple[ast.FunctionDef, ast.Constant]]:
    """(test, expected value) pairs the canary can be copied from: undecorated top-level
    tests that always reach their own top-level asserts (no return, no yield) in a file no
    module-level mark applies to, and in those asserts, a literal only the right result
    equals."""
    if any(isinstance(node, ast.Assign) and "pytestmark" in _targets(node) for node in tree.body):
        return []
    comparators = comparator_names(tree, helpers)
    found = []
    for node in tree.body:
        if (isinstance(node, ast.FunctionDef) and node.name.startswith("test")
                and not node.decorator_list and not any(
                    isinstance(inner, (ast.Return, ast.Yield, ast.YieldFrom))
                    for inner in _own_nodes(node))):
            found += [(node, literal) for literal in expected_literals(node, comparators)]
    return found


def _targets(node: ast.Assign) -> list[str]:
    return [target.id for target in node.targets if isinstance(target, ast.Name)]


def comparator_names(tree: ast.Module, helpers: set[str]) -> set[str]:
    """Names the file imports from the hidden helpers or the standard library: a call of one
    of them is a comparison the tests trust, never the submission's code."""
    trusted = helpers | set(sys.stdlib_module_names)
    return {alias.asname or alias.name for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
            and node.module.split(".")[0] in trusted for alias in node.names}


def expected_literals(test: ast.FunctionDef, comparators: set[str]) -> list[ast.Constant]:
    """Literals in the asserts of ``test``'s own top level (always reached) that stand for
    the expected result: one side of a lone ``==`` (or an item of a list, tuple or dict
    there), or the last of the two arguments of a trusted comparison, as in
    ``exact(result, 10)``."""
    found = []
    for node in test.body:
        if not isinstance(node, ast.Assert):
            continue
        check = node.test
        if isinstance(check, ast.Compare) and [type(op) for op in check.ops] == [ast.Eq]:
            for side in (check.left, check.comparators[0]):
                found += _literals_in(side)
        elif (isinstance(check, ast.Call) and isinstance(check.func, ast.Name)
              and check.func.id in comparators and len(check.args) == 2 and not check.keywords
              and not isinstance(check.args[0], ast.Constant)):
            found += _literals_in(check.args[1])
    return found


def _own_nodes(test: ast.FunctionDef):
    """The nodes of a function's own body, not of functions or classes defined in it."""
    stack = list(test.body)
    while stack:
        node = stack.pop(0)
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                 ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))


def _literals_in(node: ast.expr) -> list[ast.Constant]:
    items = [node]
    if isinstance(node, (ast.List, ast.Tuple)):
        items = node.elts
    elif isinstance(node, ast.Dict):
        items = node.values
    return [item for item in items if isinstance(item, ast.Constant)
            and type(item.value) in (int, float, str)]


def sentinel(value: int | float | str, source: bytes, rng: random.Random) -> int | float | str:
    """A value of the same type as ``value`` that no honest implementation returns and that
    appears nowhere in ``source``: a 7-digit number, or two of the file's words."""
    words = sorted(set(re.findall(rb"[a-z]{3,}", source)) - {b"def", b"test", b"assert"})
    while True:
        number = rng.randrange(1_000_000, 10_000_000)
        if type(value) is int:
            candidate: int | float | str = number
        elif type(value) is float:
            candidate = number / 8
        else:
            pair = rng.sample(words, 2) if len(words) >= 2 else [b"quince", b"sorrel"]
            candidate = b"-".join(pair).decode()
        if repr(candidate).encode() not in source and str(candidate).encode() not in source:
            return candidate


def fresh_name(source: bytes, tree: ast.Module, like: str, rng: random.Random) -> str:
    """A test name made of words from the file's test names, used nowhere in the file."""
    names = [node.name for node in tree.body
             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
             and node.name.startswith("test")]
    pool = sorted({word for name in names for word in name.split("_")[1:] if word}) or [
        "result", "state", "order", "value", "update"]
    words = like.split("_")[1:] or ["result"]
    while True:
        words[rng.randrange(len(words))] = rng.choice(pool)
        name = "test_" + "_".join(words)
        if name.encode() not in source:
            return name
        words.append(rng.choice(pool))


def copy_of(source: bytes, donor: ast.FunctionDef, literal: ast.Constant, name: str,
            value: int | float | str) -> bytes:
    """The donor test's own text, renamed, with ``literal`` replaced by ``value``."""
    starts = _line_starts(source)
    begin, end = starts[donor.lineno - 1], starts[donor.end_lineno]
    literal_begin = starts[literal.lineno - 1] + literal.col_offset  # UTF-8 byte offsets
    literal_end = starts[literal.end_lineno - 1] + literal.end_col_offset
    written = _written_like(value, source[literal_begin:literal_end])
    text = source[begin:literal_begin] + written + source[literal_end:end]
    text = re.sub(rb"def\s+" + re.escape(donor.name.encode()), b"def " + name.encode(), text,
                  count=1)
    return text if text.endswith(b"\n") else text + b"\n"


def _written_like(value: int | float | str, original: bytes) -> bytes:
    """``value`` as source, a string with the quotes the original literal used."""
    if isinstance(value, str) and original[-1:] == b'"' and not original.endswith(b'"""'):
        return b'"' + value.encode() + b'"'
    return repr(value).encode()


def inserted(source: bytes, tree: ast.Module, test: bytes, rng: random.Random) -> bytes:
    """``source`` with ``test`` after one of its top-level functions or classes, at random."""
    places = [node.end_lineno for node in tree.body
              if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    starts = _line_starts(source)
    at = starts[rng.choice(places)] if places else len(source)
    before = source[:at] if not at or source[:at].endswith(b"\n") else source[:at] + b"\n"
    return before + b"\n\n" + test + source[at:]


def _line_starts(source: bytes) -> list[int]:
    """The byte offset of each line's start, and of the end (one past the last line)."""
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts
