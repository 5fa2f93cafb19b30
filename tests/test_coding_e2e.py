"""End to end through the CLI, on the sample assignment, with real containers."""

import json
import shutil
import tarfile
import zipfile

import pytest
import yaml
from click.testing import CliRunner
from conftest_paths import EXAMPLES, SAMPLE

from worksample.cli import cli
from worksample.reports.script import cohort_script

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]


def grade(*arguments):
    result = CliRunner().invoke(cli, ["grade", *map(str, arguments), "--json"])
    results = json.loads(result.stdout) if result.stdout.strip().startswith("[") else None
    return result, results


def test_validate_grades_reference_100_and_starter_below_pass():
    result = CliRunner().invoke(cli, ["validate", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "ok   reference solution: graded, score 100 (must score 100)" in result.output
    assert "ok   starter: graded, score 2.86" in result.output
    assert "ok   grading mode: classic" in result.output
    assert "a determined candidate who reads worksample's code can forge it" in result.output


def test_sample_submissions_rank_as_a_reviewer_would():
    folders = [EXAMPLES / name for name in ("strong", "hangs", "partial", "broken")]
    result, results = grade(SAMPLE, *folders)
    assert result.exit_code == 0, result.output
    by_id = {r["submission_id"]: r for r in results}
    scores = [by_id[name]["score"] for name in ("strong", "hangs", "partial", "broken")]
    assert scores == sorted(scores, reverse=True) and scores[0] == 100 and scores[-1] == 0
    assert by_id["strong"]["passed"] and not by_id["partial"]["passed"]
    for r in results:
        assert r["status"] == "graded" and len(r["checks"]) == 31
        assert r["run"]["image"] == "worksample/python-pytest:bookworm"
        assert r["run"]["ended"] == "completed"
        # no sign of tampering; only strong sent the NOTES.md the instructions ask for;
        # hangs' two stopped tests raise timed-out
        assert [f["kind"] for f in r["flags"]] == (
            [] if r["submission_id"] == "strong" else ["timed-out", "missing-file"]
            if r["submission_id"] == "hangs" else ["missing-file"])
    hung = [c for c in by_id["hangs"]["checks"] if c["outcome"] == "failed"]
    assert {c["id"] for c in hung} == {
        "test_reservations.py::test_confirm_keeps_stock_sold",
        "test_expiry.py::test_confirm_after_expiry_raises_expired",
    }
    assert all("per-test limit" in c["message"] for c in hung)
    broken = by_id["broken"]["checks"]
    assert all("could not be imported" in c["message"] for c in broken)
    assert "SyntaxError" in " ".join(by_id["broken"]["criteria"][0]["evidence"])
    partial = {c["id"]: c for c in by_id["partial"]["checks"]}
    assert partial["test_reservations.py::test_reserve_is_all_or_nothing"]["outcome"] == "failed"


def test_archives_and_a_single_file_grade_like_the_folder(tmp_path):
    strong = EXAMPLES / "strong"
    as_zip = tmp_path / "zoe.zip"
    with zipfile.ZipFile(as_zip, "w") as archive:
        for path in strong.iterdir():
            archive.write(path, f"zoe/{path.name}")
    as_tar = tmp_path / "yan.tar.gz"
    with tarfile.open(as_tar, "w:gz") as archive:
        archive.add(strong, arcname=".")
    single = tmp_path / "xi.py"  # graded as inventory.py (main_file)
    shutil.copy(strong / "inventory.py", single)
    result, results = grade(SAMPLE, as_zip, as_tar, single)
    assert result.exit_code == 0, result.output
    assert [(r["submission_id"], r["score"]) for r in results] == [
        ("zoe", 100), ("yan", 100), ("xi.py", 100)]


def test_a_rejected_archive_does_not_stop_the_batch(tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../escape.py", "x = 1")
    result, results = grade(SAMPLE, evil, EXAMPLES / "strong")
    assert result.exit_code == 0
    assert [r["status"] for r in results] == ["rejected", "graded"]
    assert "escapes the submission folder" in results[0]["message"]
    assert not (tmp_path.parent / "escape.py").exists()


def _sample_with(tmp_path, change) -> str:
    folder = tmp_path / "assignment"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    change(folder, data)
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    return str(folder)


def test_a_missing_image_is_an_error_with_exit_code_1_never_a_score(tmp_path):
    folder = _sample_with(tmp_path, lambda f, d: d["coding"].update(image="ws/missing:0"))
    result, results = grade(folder, EXAMPLES / "strong")
    assert result.exit_code == 1
    assert results[0]["status"] == "error" and results[0]["score"] is None
    assert "could not be pulled" in results[0]["message"]


def test_an_assignment_with_a_dockerfile_is_built_once_and_graded(tmp_path, docker_engine):
    def use_dockerfile(folder, data):
        (folder / "Dockerfile").write_text(
            "FROM worksample/python-pytest:bookworm\nRUN echo built > /etc/worksample-built\n")
        data["coding"].pop("image")
        data["coding"]["dockerfile"] = "Dockerfile"

    folder = _sample_with(tmp_path, use_dockerfile)
    try:
        result = CliRunner().invoke(cli, ["validate", folder])
        assert result.exit_code == 0, result.output
        assert "reference solution: graded, score 100" in result.output
        tags = [t for i in docker_engine.images.list("worksample-assignment/inventory-reservations")
                for t in i.tags]
        assert len(tags) == 1
    finally:
        for image in docker_engine.images.list("worksample-assignment/inventory-reservations"):
            docker_engine.images.remove(image.id, force=True)


def test_out_writes_json_and_an_escaped_report(tmp_path):
    hostile = tmp_path / "mallory"
    hostile.mkdir()
    source = (EXAMPLES / "strong" / "inventory.py").read_text()
    (hostile / "inventory.py").write_text(source.replace(
        'raise UnknownSku(sku)', 'raise ValueError("<script>alert(1)</script>")', 1))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["grade", str(SAMPLE), str(hostile), str(EXAMPLES / "strong"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (out / "results").iterdir()} == {"mallory.json", "strong.json"}
    saved = json.loads((out / "results" / "mallory.json").read_text())
    assert saved["schema_version"] == 1 and saved["status"] == "graded"
    page = (out / "candidates" / "mallory.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a determined candidate can forge it (classic mode)" in page
    index = (out / "index.html").read_text().replace(f"<script>{cohort_script()}</script>", "")
    for html in [page, index]:  # the only script is the cohort page's own
        assert "<script" not in html
    assert f"report: {(out / 'index.html').resolve()}" in result.output


def _starter_plus(tmp_path, name: str, code: str):
    folder = tmp_path / name
    shutil.copytree(SAMPLE / "starter", folder)
    with open(folder / "inventory.py", "a") as module:
        module.write("\n" + code)
    return folder


def test_a_memory_bomb_is_named_as_such(tmp_path):
    bomb = _starter_plus(tmp_path, "bomb", "_hog = []\nwhile True:\n"
                                          "    _hog.append(bytearray(10 ** 7))\n")
    result, results = grade(SAMPLE, bomb)
    assert result.exit_code == 0
    graded = results[0]
    assert graded["status"] == "graded" and graded["run"]["ended"] == "memory"
    assert graded["score"] == 0
    assert all("memory limit of 256 MB" in c["message"] for c in graded["checks"])


def test_the_wall_clock_stops_a_run_that_blocks_the_per_test_timer(tmp_path):
    # SIGALRM blocked at import: the per-test timer cannot fire; only the wall clock can.
    stuck = _starter_plus(tmp_path, "stuck", (
        "import signal\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "_original = Inventory.available\n"
        "def _forever(self, sku, now):\n"
        "    while True:\n"
        "        pass\n"
        "Inventory.available = _forever\n"))
    folder = _sample_with(tmp_path, lambda f, d: d["coding"]["limits"].update(wall_seconds=4))
    result, results = grade(folder, stuck)
    assert result.exit_code == 0
    graded = results[0]
    assert graded["status"] == "graded" and graded["run"]["ended"] == "timeout"
    assert graded["run"]["seconds"] < 4 + 2
    not_run = [c for c in graded["checks"] if c["message"].startswith("not run")]
    assert not_run and all("wall-clock limit of 4s" in c["message"] for c in not_run)
    assert graded["passed"] is False


def test_a_container_ends_itself_even_if_its_grader_is_gone(tmp_path):
    """The supervisor's own deadline: with the host's wall clock far away (a grader that
    died would never kill), a hanging submission still ends soon after the deadline."""
    from worksample_coding.protocol import pytest_run

    from worksample.sandbox import Limits, harness

    hanging = _starter_plus(tmp_path, "hanging", "while True:\n    pass\n")
    outcome = harness.run(pytest_run(
        image="worksample/python-pytest:bookworm", mode="run", tests=SAMPLE / "tests",
        work=hanging, expected_tests=31, per_test_seconds=1, message_chars=200,
        limits=Limits(wall_seconds=60), deadline_seconds=2)).outcome
    assert not outcome.timed_out and outcome.exit_code == 124
    assert outcome.seconds < 2 + 3


MEMORY_SCAN = '''
import re as _re
_found = set()
with open("/proc/self/maps") as _maps:
    _regions = [line.split() for line in _maps]
with open("/proc/self/mem", "rb", buffering=0) as _mem:
    for _fields in _regions:
        if not _fields[1].startswith("r") or (len(_fields) > 5 and _fields[5] == "[vvar]"):
            continue
        _start, _end = (int(x, 16) for x in _fields[0].split("-"))
        try:
            _mem.seek(_start)
            _found.update(_re.findall(rb"(?<![0-9a-f])(?:[0-9a-f]{12}|[0-9a-f]{32})(?![0-9a-f])",
                                      _mem.read(_end - _start)))
        except OSError:
            pass
print("HEX", " ".join(sorted(token.decode() for token in _found)), "END")
'''


def test_the_runner_never_holds_the_nonce(tmp_path):
    """The runner is forked from the supervisor before the nonce is read: candidate code that
    searches its whole memory finds what the supervisor read before the fork (a token in the
    submission's files, in the archive), but not the nonce."""
    import secrets

    from worksample_coding.protocol import Canary, pytest_run

    from worksample.sandbox import Limits, harness

    scanner = _starter_plus(tmp_path, "scanner", MEMORY_SCAN)
    token = secrets.token_hex(16)
    (scanner / "token.txt").write_text(token)
    canary = Canary.new()
    result = harness.run(pytest_run(
        image="worksample/python-pytest:bookworm", mode="run", tests=SAMPLE / "tests",
        work=scanner, expected_tests=31, per_test_seconds=5, message_chars=200,
        limits=Limits(wall_seconds=30), canary=canary, deadline_seconds=30))
    nonce, summary = result.nonce, result.report.supervisor
    assert summary is not None, result.stderr_tail()
    line = next(line for line in summary["output_head"].splitlines() if line.startswith("HEX "))
    assert line.endswith(" END")  # the whole list fitted in what the supervisor keeps
    tokens = line.split()
    assert token in tokens
    assert nonce not in tokens


def test_an_engine_that_gives_the_sandbox_a_network_gets_no_candidate_code_run(monkeypatch):
    """Fail closed: if a container comes up with a network interface besides loopback (here
    simulated by asking for Docker's default bridge), the supervisor runs nothing and the
    result is an infrastructure error, never a score."""
    from worksample.sandbox import docker as sandbox

    hardened = sandbox._hardened

    def on_a_bridge(request):
        config = hardened(request)
        del config["network_disabled"]
        return {**config, "network_mode": "bridge"}

    monkeypatch.setattr(sandbox, "_hardened", on_a_bridge)
    result, results = grade(SAMPLE, EXAMPLES / "strong")
    assert results[0]["status"] == "error" and results[0]["score"] is None
    assert "network interfaces" in results[0]["message"] and "eth0" in results[0]["message"]


def test_tests_that_need_the_name_localhost_fail_validate_until_the_assignment_asks(tmp_path):
    copy = tmp_path / "inventory"
    shutil.copytree(SAMPLE, copy)
    (copy / "tests" / "test_loopback.py").write_text(
        "import socket\n\n\ndef test_a_server_on_localhost():\n"
        "    with socket.create_server(('localhost', 0)) as server:\n"
        "        assert server.getsockname()[1] > 0\n")
    result = CliRunner().invoke(cli, ["validate", str(copy)])
    assert result.exit_code != 0, result.output
    assert "FAIL reference solution: graded, score 97.22 (must score 100)" in result.output

    spec = yaml.safe_load((copy / "assignment.yaml").read_text())
    spec["coding"]["localhost_name"] = True
    (copy / "assignment.yaml").write_text(yaml.safe_dump(spec))
    result = CliRunner().invoke(cli, ["validate", str(copy)])
    assert result.exit_code == 0, result.output
