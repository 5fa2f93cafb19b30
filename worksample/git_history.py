"""How the work was done, as the git history sent with a submission shows it.

The history is a ``.git`` folder or a git bundle, read as hostile data by ``git_objects.py``
(dulwich, no git, no config, no hooks, within ``HistoryLimits``). From it:

- **the commits**: those reachable from the refs and HEAD, at most ``max_commits`` (more is
  a project's history, not a take-home's: not read), in topological order, oldest first,
  each with its author date and the first line of its message (cut, control characters
  shown as U+FFFD);
- **the candidate's time**: the earliest to the latest commit date (``working_time.py``);
- **whether the first commit is the starter**: the first commit on the last commit's
  first-parent line holds exactly the assignment's starter files (the same bytes, or the
  same once CRLF is read as LF), and nothing else;
- **the largest commit's share of the final code**. Lines are counted as a multiset of
  non-blank lines, white space trimmed, of text files (up to 1 MiB, no NUL byte in their
  first 8,000; at most ``max_lines`` distinct lines in all, else none is counted):
  a commit *adds* the lines its changed files hold that its parent's versions of them did
  not (a moved or re-indented line is not added); a first commit, or one whose parent the
  history lacks, is measured against the starter files (against nothing without a starter,
  so the starter commit itself adds nothing); the *final code* is the lines of the last
  commit's files that the starter files lack. A file's mode is part of its version (a blob
  committed as a link, then as a file, is added when it becomes a file); a file is any
  regular mode (100644, 100755, 100600 ...), never a link or a submodule. A merge adds the
  lines of its files whose version none of its parents holds, less those its parents'
  versions of them hold (an honest merge adds nothing; a resolved conflict, or work
  committed as a merge, adds its lines). The share is the largest commit's lines added over
  the final code, at most 1.

- **whether the last commit holds the files graded** (``git_graded.py`` holds the rules):
  when it does not (a history of other work, or work kept out of it), the note says how many
  files differ and the largest commit's share and the starter verdict are not given. A
  submodule in the last commit is named in the note; it is no file.

Forged dates and rewritten histories are the candidate's to make: this is a conversation
starter for the interview, not proof. Whatever cannot be read is a note, never an exception:
the grading goes on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from worksample.git_graded import compare, graded_files
from worksample.git_objects import (
    BLOB,
    COMMIT,
    TAG,
    Clock,
    History,
    HistoryLimits,
    Unreadable,
    object_sha,
)
from worksample.git_sources import is_bundle, read_bundle_file, read_git_folder, resolved
from worksample.git_trees import LineCounts, files_of, parsed_object
from worksample.models import GitHistory, HistoryCommit
from worksample.safe_text import cut, visible
from worksample.working_time import Found, from_commits, unix_time

__all__ = ["HistoryLimits", "Read", "final_files", "is_bundle", "read_history"]

SUBJECT_CHARS = 200
_SUBMODULE = 0o160000
LOG_KEPT = 100


@dataclass(frozen=True)
class Read:
    """What a history gives: the candidate's time (or the note why not) and the report."""

    found: Found
    report: GitHistory | None


def read_history(source: Path, limits: HistoryLimits | None = None,
                 starter: Path | None = None, prefix: str = "", graded: Path | None = None,
                 skipped: frozenset[str] = frozenset()) -> Read:
    """Read the history at ``source`` (a ``.git`` folder or a bundle file) for the submission
    whose graded folder is ``prefix`` within it, comparing with the ``starter`` folder and
    its last commit with the files ``graded`` (intake's extracted folder, where intake
    skipped the names ``skipped``; ``git_graded.py``). No history there at all is no time,
    no note and no report."""
    if not source.exists() and not source.is_symlink():
        return Read(Found(None), None)
    kind = "bundle" if source.name != ".git" else "git folder"
    if kind == "git folder" and (source.is_symlink() or not source.is_dir()):
        note = ("the .git is a link or a file pointing elsewhere (a worktree or a submodule); "
                "not read")
        return Read(Found(None, note), GitHistory(source=kind, read=False, note=note))
    limits = limits or HistoryLimits()
    clock = Clock(limits)
    try:
        history = (read_bundle_file(source, limits, clock) if kind == "bundle"
                   else read_git_folder(source, limits, clock))
        return _report(history, limits, clock, _starter_files(starter), prefix,
                       None if graded is None else (graded_files(graded), skipped))
    except Unreadable as error:
        note = str(error)
    except RecursionError:  # the limits are checked without recursion: a decoder's own
        note = "the git history is nested too deeply to read"
    except MemoryError:  # past the worker's limit: what was read is freed, the note says so
        note = "reading the git history needed more memory than it may use; not read"
    except Exception as error:  # a decoder's bug on hostile bytes: a note, never a crash
        note = f"the git history could not be read ({type(error).__name__})"
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # a compiled decoder's panic (pyo3's PanicException)
        note = f"the git history could not be read ({type(error).__name__})"
    note = visible(note)[:300]
    return Read(Found(None, note), GitHistory(source=kind, read=False, note=note))


def final_files(bundle: Path, limits: HistoryLimits | None = None
                ) -> tuple[list[tuple[str, int, bytes]], str]:
    """The files of the last commit of ``bundle``: (path, mode, bytes) each, and which ref
    that commit is; a submodule (another repository's commit) is no file and is left out.
    Unreadable when there is none to read."""
    limits = limits or HistoryLimits()
    clock = Clock(limits)
    history = read_bundle_file(bundle, limits, clock)
    tip, named = _final(history, _Commits(history))
    if tip is None:
        raise Unreadable("the bundle holds no commit to take the files from")
    files = []
    for path, (mode, sha) in files_of(history, _tree_of(history, tip), "", limits, clock).items():
        clock.check()
        if mode == _SUBMODULE:  # another repository's commit, not a file: said in the note
            continue
        entry = history.objects.get(sha)
        if entry is None or entry[0] != BLOB:
            raise Unreadable(f"the bundle lacks the content of {visible(path)[:200]!r}")
        files.append((path, mode, entry[1]))
    return files, named


# --- the report ------------------------------------------------------------------------------


class _Commits:
    """The commits of a history, parsed once each by dulwich; None for what is not a
    commit that parses."""

    def __init__(self, history: History):
        self.history, self.parsed = history, {}

    def get(self, sha: bytes):
        if sha not in self.parsed:
            entry, limits = self.history.objects.get(sha), self.history.limits
            if entry is not None and entry[0] == COMMIT and entry[1].partition(b"\n\n")[0] \
                    .count(b"\nparent ") > limits.max_parents:  # before dulwich lists them
                raise Unreadable(f"a commit names more than {limits.max_parents:,} parents; "
                                 "not read")
            self.parsed[sha] = parsed_object(self.history, sha, COMMIT)
        return self.parsed[sha]


def _peeled(history: History, sha: bytes | None) -> bytes | None:
    """A commit id from a ref's target: an annotated tag is followed (a few steps)."""
    for _ in range(5):
        if sha is None or history.objects.get(sha, (0,))[0] != TAG:
            return sha
        tag = parsed_object(history, sha, TAG)
        sha = None if tag is None else bytes(tag.object[1])
    return None


def _report(history: History, limits: HistoryLimits, clock: Clock,
            starter: dict[str, bytes] | None, prefix: str,
            graded: tuple[dict[str, bytes], frozenset[str]] | None) -> Read:
    commits = _Commits(history)
    tips = [t for t in (_peeled(history, resolved(history, v))
                        for v in [history.head, *history.refs.values()]) if t]
    parents, order, missing = _walk(commits, tips, limits, clock)
    if not order:
        raise Unreadable("the git history holds no commit that can be read"
                         + _set_aside_said(history, missing))
    tip, _ = _final(history, commits)
    tip = tip if tip in parents else order[-1]
    lines = LineCounts(history, limits, clock, prefix)
    starter_lines = lines.of_texts(starter.values()) if starter else Counter()
    log = []
    for sha in order:
        clock.check()
        commit = commits.get(sha)
        merge = len(parents[sha]) > 1
        added = (lines.merged([_tree_of(history, p) for p in parents[sha]], bytes(commit.tree))
                 if merge else lines.added(
                     _tree_of(history, parents[sha][0]) if parents[sha] else None,
                     bytes(commit.tree), starter_lines))
        log.append(HistoryCommit(
            sha=sha[:12].decode(), authored=unix_time(commit.author_time),
            subject=visible(_subject(commit.message)), lines_added=added, merge=merge))
    final = sum((lines.of_tree(bytes(commits.get(tip).tree)) - starter_lines).values())
    if lines.missing:  # a range's bundle, a shallow clone: the lines are not all there
        history.aside("files whose content the history lacks (lines not counted)",
                      len(lines.missing))
    if lines.exhausted:
        history.aside(f"lines not counted: more than {limits.max_lines:,} distinct lines of "
                      "text", 1)
    if lines.missing or lines.exhausted:
        log = [c.model_copy(update={"lines_added": None}) for c in log]
        final = 0
    measured = [c for c in log if c.lines_added is not None]
    largest = max(measured, key=lambda c: c.lines_added, default=None)
    first, complete = _first(tip, parents, commits)
    said, same = _starter_said(history, first, complete, starter, prefix, limits, clock)
    notes = [_set_aside_said(history, missing).lstrip("; ")]
    last = files_of(history, _tree_of(history, tip), prefix, limits, clock)
    submodules = sorted(path for path, (mode, _) in last.items() if mode == _SUBMODULE)
    if submodules:
        notes.append(f"{len(submodules)} submodule(s) in the last commit ({_named(submodules)}): "
                     "another repository's commit, not graded and not read")
    if graded is not None:  # the history of other files: its share and starter not given
        comparison = compare(last, *graded)
        notes.append(comparison.said())
        if not comparison.holds:
            largest, same = None, None
            said = "not compared: the last commit does not hold the files graded"
    found = from_commits([(unix_time(commits.get(s).author_time),
                           unix_time(commits.get(s).commit_time)) for s in order])
    if graded is not None and not comparison.holds:  # its dates are another work's
        found = Found(None, "its last commit does not hold the files graded")
    report = GitHistory(
        source=history.kind, read=True, note="; ".join(n for n in notes if n),
        commits=len(order), merges=sum(c.merge for c in log),
        started=found.time.started if found.time else None,
        finished=found.time.finished if found.time else None,
        span_minutes=found.time.minutes if found.time else None, span_note=found.note,
        first_is_starter=same, starter_said=said, final_lines=final, largest=largest,
        largest_share=min(1.0, largest.lines_added / final) if largest and final else None,
        log=log if len(log) <= LOG_KEPT else log[:LOG_KEPT // 2] + log[-LOG_KEPT // 2:],
        log_left_out=max(0, len(log) - LOG_KEPT))
    return Read(found, report)


def _walk(commits: _Commits, tips: list[bytes], limits: HistoryLimits, clock: Clock):
    """Each commit reachable from ``tips`` with its parents held ({sha: [parents]}), in
    topological order (parents first), and how many parents the history lacks. No
    recursion; a commit is visited once whatever the graph."""
    parents: dict[bytes, list[bytes]] = {}
    missing: set[bytes] = set()
    order: list[bytes] = []
    for tip in tips:
        stack = [(tip, False)]
        while stack:
            sha, done = stack.pop()
            if done:
                order.append(sha)
                continue
            if sha in parents or sha in missing:
                continue
            clock.check()
            commit = commits.get(sha)
            if commit is None:
                missing.add(sha)
                continue
            if len(parents) >= limits.max_commits:
                raise Unreadable(f"the git history has more than {limits.max_commits:,} "
                                 "commits: a project's history, not a take-home's; not read")
            own = [bytes(p) for p in commit.parents]
            parents[sha] = own
            stack.append((sha, True))
            stack += [(p, False) for p in reversed(own) if p not in parents]
    for sha, own in parents.items():
        parents[sha] = [p for p in own if p in parents]
    return parents, order, missing


def _final(history: History, commits: _Commits) -> tuple[bytes | None, str]:
    """The last commit: HEAD's, else main's or master's, else the only branch's, else the
    latest-dated ref's; and its name."""
    candidates = [("HEAD", history.head)] + [
        (f"refs/heads/{name}", history.refs.get(f"refs/heads/{name}"))
        for name in ("main", "master")]
    branches = [(n, v) for n, v in history.refs.items() if n.startswith("refs/heads/")]
    if len(branches) == 1:
        candidates.append(branches[0])
    dated = sorted(((commits.get(s).commit_time, n, s) for n, v in history.refs.items()
                    if (s := _peeled(history, resolved(history, v))) and commits.get(s)),
                   reverse=True)
    candidates += [(n, s) for _, n, s in dated]
    for name, value in candidates:
        sha = _peeled(history, resolved(history, value))
        if sha is not None and commits.get(sha) is not None:
            return sha, name
    return None, ""


def _first(tip: bytes, parents: dict[bytes, list[bytes]],
           commits: _Commits) -> tuple[bytes, bool]:
    """The first commit on ``tip``'s first-parent line, and whether it is a true first
    commit (False: the history lacks its parent)."""
    sha = tip
    for _ in range(len(parents) + 1):
        if not parents[sha]:
            return sha, not commits.get(sha).parents
        sha = parents[sha][0]
    return sha, False


def _subject(message: bytes) -> str:
    line = message.decode("utf-8", "replace").strip().split("\n", 1)[0].strip()
    return cut(line, SUBJECT_CHARS)


def _tree_of(history: History, commit_sha: bytes) -> bytes | None:
    commit = parsed_object(history, commit_sha, COMMIT)
    return None if commit is None else bytes(commit.tree)


def _set_aside_said(history: History, missing: set[bytes]) -> str:
    said = [f"{why} ({count:,})" for why, count in sorted(history.set_aside.items())]
    if history.prerequisites:
        said.append(f"the bundle needs {len(history.prerequisites)} commit(s) it does not "
                    "carry (it was made from a range, e.g. main~3..main): its history starts "
                    "after them")
    elif missing:
        said.append(f"{len(missing)} commit(s) it names are not in it (a shallow clone, or "
                    "objects missing)")
    return "; ".join(said) and "; set aside or missing: " + "; ".join(said)


# --- the starter -----------------------------------------------------------------------------


def _starter_files(starter: Path | None) -> dict[str, bytes] | None:
    """The assignment's starter files (trusted): path -> bytes; None without a starter."""
    if starter is None or not starter.is_dir():
        return None
    return {p.relative_to(starter).as_posix(): p.read_bytes()
            for p in sorted(starter.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _starter_said(history: History, first: bytes, complete: bool,
                  starter: dict[str, bytes] | None, prefix: str, limits: HistoryLimits,
                  clock: Clock) -> tuple[str, bool | None]:
    """Whether the first commit holds exactly the starter files, and that in words."""
    if starter is None:
        return "not compared: the assignment has no starter files", None
    if not complete:
        return ("not in the history, which starts after it (a bundle of a range, a shallow "
                "clone): not compared with the starter"), None
    files = files_of(history, _tree_of(history, first), prefix, limits, clock)
    same = [path for path, content in starter.items()
            if path in files and files[path][1] in (object_sha(BLOB, content),
                                                    object_sha(BLOB, content.replace(b"\r\n",
                                                                                     b"\n")))]
    changed = [p for p in starter if p in files and p not in same]
    others = sorted(set(files) - set(starter))
    if len(same) == len(starter) and not others:
        return f"the starter's {_files(len(starter))}, unchanged, and nothing else", True
    parts = [f"{len(same)} of the starter's {_files(len(starter))} unchanged"]
    if changed:
        parts.append(f"{len(changed)} changed ({_named(changed)})")
    if others:
        parts.append(f"{_files(len(others))} the starter does not have ({_named(others)})")
    return "not the starter alone: it holds " + ", ".join(parts), False


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _named(paths: list[str]) -> str:
    shown = ", ".join(visible(p)[:100] for p in paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")

