# Runs the candidate's OWN JavaScript tests (not the hidden ones) with Node's test runner and
# its line coverage (node --test --experimental-test-coverage), in the sandbox, and reports
# them in the records of worksample/sandbox/records.py, like the Python own-tests runner.
#
# Evidence for a reviewer, never a verdict: candidate code writes on the same output as the
# reporter, so what comes back may be forged, and the host reads it as bounded, untrusted
# data. Node's test runner has no per-test limit here: the whole run is stopped at
# CONFIG["deadline_seconds"] (before the sandbox's wall clock), and what ended by then is
# reported.
#
# TypeScript (OWN_TESTS_LANGUAGE=typescript in the environment): esbuild (the image's, which
# Vite brings) first writes each .ts file alone as JavaScript into a folder under /tmp, keeping
# the layout (the writable mounts are noexec, which plain .js files do not mind), and the tests
# run there. It strips the types and checks none, as TypeScript's own transpileModule does, in
# about 10 ms a file where loading TypeScript's compiler took half a second. A test file that
# does not transpile is a collect error with esbuild's message; ids and coverage name the .ts
# files, coverage counted on the .ts lines that became JavaScript (the source maps say which).
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; CONFIG: deadline_seconds, most_tests, code and
# tests (paths, relative), ignore (test files not to run: the starter's).

import glob
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

RESULTS_FD = int(sys.argv[1])
CONFIG = json.loads(sys.argv[2])
HARNESS = os.path.dirname(os.path.abspath(__file__))
SUBMISSION = os.getcwd()
TYPESCRIPT = os.environ.get("OWN_TESTS_LANGUAGE") == "typescript"
WORK = tempfile.mkdtemp(prefix="own-tests-", dir="/tmp") if TYPESCRIPT else SUBMISSION
DEADLINE = time.monotonic() + CONFIG["deadline_seconds"]
MAX_OUTPUT = 8 * 1024 * 1024
ID_CHARS = 200
# esbuild's binary, as npm installs it for this machine's platform (scripts/ensure-docker.sh)
ESBUILD = sorted(glob.glob("/opt/worksample-npm/node_modules/@esbuild/*/bin/esbuild"))
MOST_ERRORS = 5
ERROR_CHARS = 500
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _bounded():
    """bounded.py, sent beside this file (the harness folder is not on sys.path)."""
    spec = importlib.util.spec_from_file_location("worksample_bounded", HARNESS + "/bounded.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bounded = _bounded()


def send(record):
    bounded.send(RESULTS_FD, record)


def run_node(files):
    """Node's output, read until it ends or the deadline; and whether it was stopped."""
    command = ["node", "--test", "--experimental-test-coverage",
               "--test-reporter=" + HARNESS + "/reporter.mjs"] + files
    return bounded.run_until(command, DEADLINE, MAX_OUTPUT, stderr=subprocess.DEVNULL)


def transpiled(files):
    """``files`` (.ts, relative) transpiled into WORK, each alone: for each, esbuild's errors
    and the .ts lines each line of its JavaScript came from; a file not reached by the
    deadline is left out."""
    found = {}
    # esbuild reads an entry point named "a=b.ts" as "write b.ts as a": each file is copied
    # to a name of ours first, so that no name a candidate chooses is read as anything else
    inputs = tempfile.mkdtemp(prefix="esbuild-", dir="/tmp")
    entry = os.path.join(inputs, "input.ts")
    for path in files:
        if time.monotonic() >= DEADLINE or not ESBUILD:
            break
        target = os.path.join(WORK, javascript(path))
        try:
            shutil.copyfile(os.path.join(SUBMISSION, path), entry)
        except OSError:
            found[path] = {"errors": [f"{path}: could not be read"], "lines": []}
            continue
        output, stopped = bounded.run_until(
            [ESBUILD[0], "./input.ts", "--outfile=" + target, "--format=cjs", "--target=node18",
             "--sourcemap=external", "--sources-content=false", "--log-level=error",
             "--color=false", "--log-limit=%d" % MOST_ERRORS], DEADLINE, MAX_OUTPUT,
            stderr=subprocess.STDOUT, cwd=inputs)
        if stopped:
            break
        try:
            with open(target + ".map", encoding="utf-8") as written:
                mappings = json.load(written)["mappings"]
        except (OSError, ValueError, KeyError, TypeError):
            found[path] = {"errors": esbuild_errors(output.decode("utf-8", "replace"), path),
                           "lines": []}
            continue
        found[path] = {"errors": [], "lines": original_lines(mappings)}
    return found


def esbuild_errors(output, path):
    """esbuild's errors for ``path`` as one line each, "path:line:column: message"; a line
    saying so when it printed none it could read."""
    errors, message = [], None
    for line in output.splitlines():
        said = re.match(r"^\W*\[ERROR\] (.*)$", line)
        where = re.match(r"^\s+\S.*:(\d+):(\d+):$", line)
        if said:
            message = said.group(1)
        elif where and message is not None:
            errors.append(f"{path}:{where.group(1)}:{int(where.group(2)) + 1}: "
                          f"{message}"[:ERROR_CHARS])
            message = None
    return errors[:MOST_ERRORS] or [f"{path}: esbuild could not transpile it"]


def original_lines(mappings):
    """For each line of the JavaScript, the lines (1-based) of the .ts file it came from, read
    from a source map's ``mappings`` (base64 VLQ; each segment's third and fourth fields are
    the original line and column, relative to the segment before it across the whole map).

    The lines of esbuild's CommonJS wrapper (``module.exports = __toCommonJS(...)``, written
    above the code) each map to the file's start alone, one segment at line 1, column 1:
    they are no line of the candidate's, and count for none."""
    lines, line, column = [], 0, 0
    for group in mappings.split(";"):
        came_from = []
        for segment in group.split(","):
            fields = _vlq(segment)
            if len(fields) >= 4:
                line, column = line + fields[2], column + fields[3]
                came_from.append((line, column))
        lines.append([] if came_from == [(0, 0)] else sorted({at + 1 for at, _ in came_from}))
    return lines


def _vlq(segment):
    """The numbers of one source-map segment (base64 VLQ)."""
    fields, value, shift = [], 0, 0
    for char in segment:
        digit = BASE64.find(char)
        if digit < 0:
            break
        value += (digit & 31) << shift
        shift += 5
        if not digit & 32:
            fields.append(-(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    return fields


def javascript(path):
    """Where the TypeScript step writes the .ts file ``path``."""
    return path[:-3] + ".js" if TYPESCRIPT else path


def on_typescript(counts, lines):
    """A compiled file's coverage ([lines, lines run, the lines not run]; None: no test loaded
    it) as [lines, lines run] of its .ts file: the .ts lines any JavaScript came from, and of
    them those with no line left unrun (``lines``: each JavaScript line's .ts lines). None
    when Node did not say which lines were not run."""
    if counts is None:
        missed = set(range(1, len(lines) + 1))
    elif len(counts) == 3 and isinstance(counts[2], list):
        missed = set(counts[2])
    else:
        return None
    ts_lines, ts_missed = set(), set()
    for number, came_from in enumerate(lines, 1):
        ts_lines.update(came_from)
        if number in missed:
            ts_missed.update(came_from)
    return [len(ts_lines), len(ts_lines - ts_missed)]

def relative(path):
    return os.path.relpath(path, WORK) if path.startswith(WORK + "/") else path


def main():
    files = [path for path in CONFIG["tests"] if path not in CONFIG["ignore"]]
    compiled = {}
    if TYPESCRIPT:  # a test file that did not transpile is a collect error, and is not run
        compiled = transpiled(CONFIG["code"] + files)
        for path in files:
            errors = (compiled.get(path) or {}).get(
                "errors", ["esbuild is not in the image" if not ESBUILD
                           else "the TypeScript step did not finish"])
            if errors:
                send({"event": "collect_error", "path": path, "message": "\n".join(errors)})
        files = [path for path in files if path in compiled and not compiled[path]["errors"]]
    # with no files, node --test would look for tests of its own in the submission
    output, stopped = run_node([os.path.join(WORK, javascript(path)) for path in files]) \
        if files else (b"", False)
    source_of = {javascript(path): path for path in CONFIG["code"] + CONFIG["tests"]}
    results, coverage, stacks = [], {}, {}
    for line in output.splitlines():
        try:
            event = json.loads(line)
            kind, nesting = event["type"], event.get("nesting")
        except (ValueError, KeyError, TypeError):
            continue
        if not isinstance(event, dict):
            continue
        if kind == "coverage" and isinstance(event.get("files"), list):
            for entry in event["files"]:
                if isinstance(entry, list) and len(entry) == 4:
                    coverage[relative(str(entry[0]))] = entry[1:]
            continue
        if not isinstance(nesting, int) or not 0 <= nesting < 50:
            continue
        stack = stacks.setdefault(event.get("file", ""), [])
        del stack[nesting:]
        name = str(event.get("name", ""))
        if kind == "start":
            stack.append(name)
        elif kind in ("pass", "fail") and not event.get("suite"):
            file = relative(str(event.get("file", "")))
            file = source_of.get(file, file)
            if nesting == 0 and name == event.get("file"):  # the file itself failed to load
                results.append(("error", file, ""))
                continue
            test_id = (file + "::" + " > ".join(stack[:nesting] + [name]))[:ID_CHARS]
            outcome = "skipped" if event.get("skip") else (
                "passed" if kind == "pass" else "failed")
            results.append(("test", test_id, outcome))
    for kind, file, _ in results:
        if kind == "error":
            send({"event": "collect_error", "path": file, "message": "the file did not load"})
    tests = [(test_id, outcome) for kind, test_id, outcome in results if kind == "test"]
    tests = tests[:CONFIG["most_tests"]]
    ids = list(dict.fromkeys(test_id for test_id, _ in tests))
    send({"event": "collected", "ids": ids})
    sent = set()
    for test_id, outcome in tests:
        if test_id not in sent:
            sent.add(test_id)
            send({"event": "test", "id": test_id, "outcome": outcome})
    files_covered = {}
    for path in CONFIG["code"]:
        counts = coverage.get(javascript(path))
        if TYPESCRIPT:
            lines = (compiled.get(path) or {}).get("lines")
            counts = on_typescript(counts, lines) if isinstance(lines, list) else None
            if counts is None:
                continue
        elif counts is None:  # never loaded by a test: every line of it is not run
            try:
                with open(os.path.join(WORK, path), "rb") as source:
                    counts = [source.read().count(b"\n") + 1, 0]
            except OSError:
                continue
        if all(type(count) is int for count in counts[:2]):
            files_covered[path] = [counts[0], counts[0] - counts[1]]
    send({"event": "finished", "exit": 124 if stopped else 0, "files": files_covered,
          "stopped": stopped})


main()
