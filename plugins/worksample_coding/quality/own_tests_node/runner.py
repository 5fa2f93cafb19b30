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
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; CONFIG: deadline_seconds, most_tests, code and
# tests (paths, relative), ignore (test files not to run: the starter's).

import importlib.util
import json
import os
import subprocess
import sys
import time

RESULTS_FD = int(sys.argv[1])
CONFIG = json.loads(sys.argv[2])
HARNESS = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()
MAX_OUTPUT = 8 * 1024 * 1024
ID_CHARS = 200


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
    return bounded.run_until(command, time.monotonic() + CONFIG["deadline_seconds"],
                             MAX_OUTPUT, stderr=subprocess.DEVNULL)

def relative(path):
    return os.path.relpath(path, WORK) if path.startswith(WORK + "/") else path


def main():
    files = [path for path in CONFIG["tests"] if path not in CONFIG["ignore"]]
    output, stopped = run_node([os.path.join(WORK, path) for path in files])
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
                if isinstance(entry, list) and len(entry) == 3:
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
        counts = coverage.get(path)
        if counts is None:  # never loaded by a test: every line of it is not run
            try:
                with open(os.path.join(WORK, path), "rb") as source:
                    counts = [source.read().count(b"\n") + 1, 0]
            except OSError:
                continue
        if all(type(count) is int for count in counts):
            files_covered[path] = [counts[0], counts[0] - counts[1]]
    send({"event": "finished", "exit": 124 if stopped else 0, "files": files_covered,
          "stopped": stopped})


main()
