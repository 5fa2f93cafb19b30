# Runs the candidate's OWN Go tests (not the hidden ones), `go test -cover -json ./...`, and
# their linter, `go vet ./...`, in the sandbox, and reports them in the records of
# worksample/sandbox/records.py, like the Python own-tests runner; the vet findings go with
# the "finished" record ("vet": the first lines, "vet_count": how many).
#
# Evidence for a reviewer, never a verdict: the candidate's tests print on the same output as
# Go's JSON events, so what comes back may be forged, and the host reads it as bounded,
# untrusted data. Offline (GOPROXY=off), with the caches in /tmp; the writable mounts are
# noexec, so each test binary runs from a sealed memfd (junit mode's from_memory.py, sent
# beside this file). The whole run is stopped at CONFIG["deadline_seconds"] (before the
# sandbox's wall clock) and what ended is reported.
#
# go vet runs first, before any of the candidate's code, and starts from the standard
# library's vet facts that a trusted run of this runner made in the same image (FACTS, sent by
# the host: quality/vet_facts.py), unpacked into this run's own fresh cache: vet then analyses
# only the candidate's packages, not the hundred packages of the standard library they import.
# That trusted run (CONFIG make_facts) runs no one's code: it vets a package of its own that
# imports the standard library, and leaves its build cache as an artifact.
#
# argv: [runner.py, RESULTS_FD, CONFIG_JSON]; CONFIG: deadline_seconds, most_tests, code,
# lint (run go vet; default true), run_tests (run go test; default true), make_facts (the
# trusted run above).

import base64
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time

RESULTS_FD = int(sys.argv[1])
CONFIG = json.loads(sys.argv[2])
HARNESS = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()
MAX_OUTPUT = 8 * 1024 * 1024
ID_CHARS = 200
VET_LINES = 20
DEADLINE = time.monotonic() + CONFIG["deadline_seconds"]
FACTS = "/sandbox/artifacts/go-vet-facts.tar.gz"  # the trusted run's, when the host sent it
ARTIFACT_PART = 512 * 1024  # characters of base64 in one record
MOST_FACTS_BYTES = 8 * 1024 * 1024  # of the compressed cache; a larger one is not left


def _bounded():
    """bounded.py, sent beside this file (the harness folder is not on sys.path)."""
    spec = importlib.util.spec_from_file_location("worksample_bounded", HARNESS + "/bounded.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bounded = _bounded()


def send(record):
    bounded.send(RESULTS_FD, record)

def go_environment(build):
    environment = dict(os.environ)
    environment.update(
        GOCACHE=os.path.join(build, "cache"), GOPATH=os.path.join(build, "gopath"),
        GOTMPDIR=build, GOPROXY="off", GOSUMDB="off", GOFLAGS="-mod=mod", GOWORK="off",
        GOTOOLCHAIN="local", GOTELEMETRY="off", CGO_ENABLED="0", HOME=build)
    return environment


def run(command, environment, share, cwd=WORK):
    """The command's output (stdout and stderr together), read until it ends or its
    ``share`` of the time left; and whether it was stopped."""
    deadline = time.monotonic() + share * (DEADLINE - time.monotonic())
    output, stopped = bounded.run_until(command, deadline, MAX_OUTPUT,
                                        stderr=subprocess.STDOUT, cwd=cwd, env=environment)
    return output.decode("utf-8", "replace"), stopped


def standard_packages(environment):
    """The standard library's packages a module can import whose compiled form the image
    holds (not stale under this environment): their facts cost no compilation."""
    listed = subprocess.run(["go", "list", "-f", "{{if not .Stale}}{{.ImportPath}}{{end}}",
                             "std"], capture_output=True, text=True, env=environment,
                            stdin=subprocess.DEVNULL)
    return [path for path in listed.stdout.split()
            if "internal" not in path.split("/") and not path.startswith("vendor/")
            and path != "runtime/cgo"]  # runtime/cgo needs cgo, off here


def make_facts(build, environment):
    """The trusted run: vet a package of our own that imports every package of
    ``standard_packages``, and leave the build cache, which then holds their vet facts, as
    the artifact each later run unpacks (``unpack_facts``)."""
    folder = os.path.join(build, "facts")
    os.mkdir(folder)
    version = subprocess.run(["go", "env", "GOVERSION"], capture_output=True, text=True,
                             env=environment).stdout.strip().removeprefix("go")
    with open(os.path.join(folder, "go.mod"), "w") as mod:
        mod.write(f"module worksample/facts\n\ngo {'.'.join(version.split('.')[:2])}\n")
    with open(os.path.join(folder, "facts.go"), "w") as source:
        source.write("package facts\n\nimport (\n" + "".join(
            f'\t_ "{path}"\n' for path in standard_packages(environment)) + ")\n")
    # whatever vet finished is in the cache, each entry whole: a partial cache is still right
    output, _ = run(["go", "vet", "./..."], environment, 1.0, cwd=folder)
    print(output[-2000:], end="")
    packed = io.BytesIO()
    with tarfile.open(fileobj=packed, mode="w:gz") as archive:
        archive.add(environment["GOCACHE"], arcname=".")
    if packed.tell() > MOST_FACTS_BYTES:
        print(f"the vet facts take {packed.tell()} bytes: not left")
        return
    data = base64.b64encode(packed.getvalue()).decode()
    parts = [data[at:at + ARTIFACT_PART] for at in range(0, len(data), ARTIFACT_PART)]
    for index, part in enumerate(parts):
        send({"event": "artifact", "name": os.path.basename(FACTS), "part": index,
              "parts": len(parts), "data": part})


def unpack_facts(cache):
    """The trusted run's cache (``make_facts``), when the host sent it, unpacked into this
    run's fresh ``cache``."""
    if not os.path.isfile(FACTS):
        return
    os.makedirs(cache, exist_ok=True)
    # GNU tar: 30 ms for its 900 files where Python's tarfile takes 100
    subprocess.run(["tar", "-xzf", FACTS, "-C", cache, "--no-same-owner",
                    "--no-same-permissions"], stdin=subprocess.DEVNULL, check=False)


def module_path():
    try:
        with open(os.path.join(WORK, "go.mod"), encoding="utf-8", errors="replace") as mod:
            found = re.search(r"^module\s+(\S+)", mod.read(), re.MULTILINE)
    except OSError:
        return ""
    return found.group(1).strip('"') if found else ""


def coverage(profile):
    """path (relative) -> [statements, statements not run], from a cover profile."""
    module = module_path()
    files = {}
    try:
        with open(profile, encoding="utf-8", errors="replace") as lines:
            blocks = {}
            for line in lines:
                found = re.match(r"^(.+):(\d+\.\d+,\d+\.\d+) (\d+) (\d+)$", line.strip())
                if not found:
                    continue
                name, block, statements, count = found.groups()
                # a block is listed once per package test binary that covers it: any run counts
                key = (name, block)
                ran = blocks.get(key, (0, False))[1] or int(count) > 0
                blocks[key] = (int(statements), ran)
    except OSError:
        return files
    for (name, _), (statements, ran) in blocks.items():
        relative = name[len(module) + 1:] if module and name.startswith(module + "/") else name
        total, missed = files.get(relative, (0, 0))
        files[relative] = (total + statements, missed + (0 if ran else statements))
    return {path: list(files[path]) for path in CONFIG["code"] if path in files}


def main():
    build = tempfile.mkdtemp(prefix="worksample-go-")
    environment = go_environment(build)
    if CONFIG.get("make_facts"):
        make_facts(build, environment)
        send({"event": "collected", "ids": []})
        send({"event": "finished", "exit": 0, "files": {}, "stopped": False})
        return
    vet, vet_stopped = "", False
    if CONFIG.get("lint", True):
        unpack_facts(environment["GOCACHE"])
        vet, vet_stopped = run(["go", "vet", "./..."], environment, 0.3)
    vet_lines = [line for line in vet.splitlines()
                 if re.match(r"^\S+\.go:\d+(:\d+)?: ", line)]
    profile = os.path.join(build, "cover.out")
    if not CONFIG.get("run_tests", True):  # the linter alone was wanted
        send({"event": "collected", "ids": []})
        send({"event": "finished", "exit": 0, "files": {}, "stopped": vet_stopped,
              "vet": [line[:300] for line in vet_lines[:VET_LINES]],
              "vet_count": len(vet_lines)})
        return
    output, stopped = run(["go", "test", "-json", "-vet=off", "-count=1",
                           "-cover", "-coverprofile=" + profile,
                           "-exec", "python3 " + HARNESS + "/from_memory.py", "./..."],
                          environment, 1.0)
    outcomes, build_errors = {}, []
    for line in output.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            if line.startswith("# ") or "[build failed]" in line or "[setup failed]" in line:
                build_errors.append(line[:300])
            continue
        if not isinstance(event, dict):
            continue
        action, test = event.get("Action"), event.get("Test")
        if not isinstance(test, str) or action not in ("pass", "fail", "skip"):
            continue
        package = str(event.get("Package", ""))
        short = package[len(module_path()) + 1:] if package.startswith(module_path() + "/") \
            else ("" if package == module_path() else package)
        test_id = ((short + "::" if short else "") + test)[:ID_CHARS]
        outcomes[test_id] = {"pass": "passed", "fail": "failed", "skip": "skipped"}[action]
    for test_id in list(outcomes):  # a test with subtests: its subtests are the tests
        if any(other.startswith(test_id + "/") for other in outcomes):
            del outcomes[test_id]
    if build_errors:
        send({"event": "collect_error", "path": "go test",
              "message": "; ".join(build_errors[:5])})
    ids = list(outcomes)[:CONFIG["most_tests"]]
    send({"event": "collected", "ids": ids})
    for test_id in ids:
        send({"event": "test", "id": test_id, "outcome": outcomes[test_id]})
    send({"event": "finished", "exit": 0, "files": coverage(profile),
          "stopped": stopped or vet_stopped,
          **({"vet": [line[:300] for line in vet_lines[:VET_LINES]],
              "vet_count": len(vet_lines)} if CONFIG.get("lint", True) else {})})


main()
