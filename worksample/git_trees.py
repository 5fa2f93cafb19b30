"""The files and lines of a git history's trees, read within ``HistoryLimits``.

A tree is parsed by dulwich once and kept (while the kept entries fit ``max_objects``); a
tree of more entries than ``max_tree_entries`` is refused before it is parsed. Lines are
counted as ``git_graded.text_lines`` counts them, each blob once, and stop being counted past
``max_lines`` (``LineCounts.exhausted``). No recursion: folders are walked with a stack.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from worksample.git_graded import text_lines
from worksample.git_objects import BLOB, TREE, Clock, History, HistoryLimits, Unreadable


def parsed_object(history: History, sha: bytes, want: int):
    """The object ``sha`` parsed by dulwich when it is of type ``want``; None when it is
    missing, of another type, or does not decode (set aside, counted)."""
    from dulwich.objects import ShaFile

    entry = history.objects.get(sha)
    if entry is None or entry[0] != want:
        return None
    try:
        return ShaFile.from_raw_string(entry[0], entry[1], sha)
    except Exception:
        history.aside("objects that do not decode")
        return None


def tree_entries(history: History, tree_sha: bytes | None) -> dict[str, tuple[int, bytes]]:
    """A tree's entries: name -> (mode, hex sha); {} for none or one that does not parse.
    A tree of more than ``max_tree_entries`` entries is Unreadable before it is parsed (one
    tree of 1.6 million entries, 4.5 MB packed, took a parser past 1 GB)."""
    if tree_sha is None:
        return {}
    if tree_sha in history.trees:
        return history.trees[tree_sha]
    entry, limits = history.objects.get(tree_sha), history.limits
    if entry is not None and entry[0] == TREE and entry[1].count(b"\0") > limits.max_tree_entries:
        raise Unreadable(f"a tree lists more than {limits.max_tree_entries:,} entries; not read")
    tree = parsed_object(history, tree_sha, TREE)
    entries = {} if tree is None else {entry.path.decode("utf-8", "replace"):
                                       (entry.mode, bytes(entry.sha))
                                       for entry in tree.iteritems()}
    if history.trees_kept + len(entries) <= limits.max_objects:
        history.trees[tree_sha] = entries
        history.trees_kept += len(entries)
    return entries


def subtree(history: History, tree_sha: bytes | None, prefix: str) -> bytes | None:
    """The subtree at ``prefix`` ('' the tree itself)."""
    for part in PurePosixPath(prefix).parts if prefix else ():
        mode, sha = tree_entries(history, tree_sha).get(part, (0, None))
        tree_sha = sha if mode == 0o040000 else None
    return tree_sha


def files_of(history: History, tree_sha: bytes | None, prefix: str, limits: HistoryLimits,
          clock: Clock) -> dict[str, tuple[int, bytes]]:
    """Every file under ``prefix`` of a tree: path -> (mode, sha), without recursion, at
    most ``max_tree_depth`` folders deep."""
    files = {}
    stack = [(subtree(history, tree_sha, prefix), "", 0)]
    while stack:
        sha, path, depth = stack.pop()
        clock.check()
        if depth > limits.max_tree_depth:
            raise Unreadable(f"a tree is nested deeper than {limits.max_tree_depth} folders; "
                             "not read")
        for name, (mode, child) in tree_entries(history, sha).items():
            if mode == 0o040000:
                stack.append((child, f"{path}{name}/", depth + 1))
            else:
                files[path + name] = (mode, child)
        if len(files) > limits.max_objects:
            raise Unreadable("a tree lists more files than the history may hold; not read")
    return files


class LineCounts:
    """Lines of blobs and trees as multisets, each blob's counted once, under the graded
    folder (``prefix``) of each tree."""

    def __init__(self, history: History, limits: HistoryLimits, clock: Clock, prefix: str):
        self.history, self.limits, self.clock, self.prefix = history, limits, clock, prefix
        self.blobs: dict[bytes, Counter] = {}
        self.missing: set[bytes] = set()
        self.counted, self.exhausted = 0, False

    def of_texts(self, texts) -> Counter:
        """The lines of trusted texts (the starter's files), all together."""
        total = Counter()
        for text in texts:
            total += text_lines(text)
        return total

    def of_blob(self, sha: bytes) -> Counter:
        """The lines of one blob, counted once; none for a blob the history lacks (noted in
        ``missing``), one that is not text, or once ``max_lines`` is passed."""
        if sha not in self.blobs:
            entry = self.history.objects.get(sha)
            if entry is None:
                self.missing.add(sha)
            lines = (text_lines(entry[1]) if entry and entry[0] == BLOB and not self.exhausted
                     else Counter())
            self.counted += len(lines)
            if self.counted > self.limits.max_lines:  # memory: stop counting, say so
                self.exhausted, lines = True, Counter()
            self.blobs[sha] = lines
        return self.blobs[sha]

    def of_tree(self, tree_sha: bytes | None) -> Counter:
        """The lines of every file under the prefix of a tree."""
        total = Counter()
        for mode, sha in files_of(self.history, tree_sha, self.prefix, self.limits,
                               self.clock).values():
            if counts_as_file(mode):
                total.update(self.of_blob(sha))
        return total

    def merged(self, parent_trees: list[bytes | None], new_tree: bytes) -> int:
        """Lines a merge adds: of its files whose version (mode and content) none of its
        parents holds, the lines none of the parents' versions of them hold. A merge that
        takes each file from one parent adds nothing; a resolved conflict, or work committed
        as a merge, adds its lines."""
        now = files_of(self.history, new_tree, self.prefix, self.limits, self.clock)
        before = [files_of(self.history, tree, self.prefix, self.limits, self.clock)
                  for tree in parent_trees]
        changed = [path for path, version in now.items()
                   if all(files.get(path) != version for files in before)]
        new, old = Counter(), Counter()
        for path in changed:
            self.clock.check()
            if counts_as_file(now[path][0]):
                new.update(self.of_blob(now[path][1]))
        for files in before:
            held = Counter()
            for path in changed:
                mode, sha = files.get(path, (0, None))
                if counts_as_file(mode):
                    held.update(self.of_blob(sha))
            old |= held
        return sum((new - old).values())

    def added(self, old_tree: bytes | None, new_tree: bytes, starter: Counter) -> int:
        """Lines the tree ``new_tree`` adds to ``old_tree`` (None: to the starter)."""
        if old_tree is None:
            return sum((self.of_tree(new_tree) - starter).values())
        old, new = Counter(), Counter()
        stack = [(subtree(self.history, old_tree, self.prefix),
                  subtree(self.history, new_tree, self.prefix), 0)]
        while stack:
            before, after, depth = stack.pop()
            self.clock.check()
            if before == after or depth > self.limits.max_tree_depth:
                continue
            was, now = tree_entries(self.history, before), tree_entries(self.history, after)
            for name in was.keys() | now.keys():
                (mode_was, sha_was), (mode_now, sha_now) = (was.get(name, (0, None)),
                                                            now.get(name, (0, None)))
                if (mode_was, sha_was) == (mode_now, sha_now):  # a mode's change is one
                    continue
                trees = [s if m == 0o040000 else None for m, s in ((mode_was, sha_was),
                                                                    (mode_now, sha_now))]
                if any(trees):
                    stack.append((trees[0], trees[1], depth + 1))
                if counts_as_file(mode_was):
                    old.update(self.of_blob(sha_was))
                if counts_as_file(mode_now):
                    new.update(self.of_blob(sha_now))
        return sum((new - old).values())


def counts_as_file(mode: int) -> bool:
    """Whether a tree entry is a file whose lines count: a regular file of any permission
    bits (git reads 100600 as it reads 100644), not a link, a folder or a submodule."""
    return mode & 0o170000 == 0o100000
