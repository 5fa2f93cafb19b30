"""The Go recorder end to end, with real containers: the api-rate-limiter sample through the
CLI (validate, the samples, compile errors, a hanging case), single-file and modern-go.mod
submissions, and the typed values the recorder writes for each kind of Go value."""

from __future__ import annotations

import shutil

import pytest
from conftest_paths import ROOT, require_image
from conftest_paths import graded_by_id as graded
from conftest_paths import run_cli as run

GO_IMAGE = "worksample/go:bookworm"
LIMITER = ROOT / "assignments" / "api-rate-limiter"
SAMPLES = ROOT / "examples" / "api-rate-limiter"
VALUES = ROOT / "tests" / "fixtures" / "go-values"



def docker(test):
    """A test on the real engine, with the Go image, that leaves no container behind."""
    return pytest.mark.docker(pytest.mark.usefixtures("go_image", "no_leftovers")(test))


@pytest.fixture(scope="session")
def go_image(docker_engine):
    """The Go sandbox image; missing is a failure, never a skip."""
    require_image(docker_engine, GO_IMAGE)


def test_the_docs_go_case_file_is_the_sample_file_whole():
    docs = (ROOT / "docs" / "assignments.md").read_text()
    source = (LIMITER / "cases" / "robustness_cases.go").read_text()
    assert f"```go\n{source}```" in docs


def test_the_go_language_is_listed_with_its_image_and_case_files():
    from worksample_coding.config import CodingSection
    from worksample_coding.languages import LANGUAGES

    go = LANGUAGES["go"]
    assert go.image == GO_IMAGE and go.recorder.python == "runner.py"
    assert set(go.recorder.files) == {"cases.go", "typed.go", "run.go", "remote.go", "stubgen.go",
                                      "go.mod", "runner.py"}
    assert CodingSection(language="go", mode="recorded",
                         tests_criterion="correctness").image == GO_IMAGE
    assert go.is_case_file("window_cases.go") and not go.is_case_file("_helpers.go")
    assert not go.is_case_file("window_cases.py")


@docker
def test_validate_checks_the_reference_twice_and_the_ranking():
    ranking = ROOT / "examples" / "api-rate-limiter.ranking.yaml"
    result = run("validate", LIMITER, "--ranking", ranking)
    assert result.exit_code == 0, result.output
    assert "ok   grading mode: recorded" in result.output
    assert "recorded the same values in two runs (18 cases)" in result.output
    assert "ok   reference solution: graded, score 100" in result.output
    assert "ok   starter: graded, score 3.34 " in result.output
    assert "tau between the order and the scores: 1.00" in result.output


@docker
def test_samples_are_scored_case_by_case():
    results = graded(LIMITER, *(SAMPLES / name for name in ("strong", "hangs", "partial",
                                                             "broken")))
    scores = {name: result["score"] for name, result in results.items()}
    assert scores == {"strong": 100, "hangs": 93.31, "partial": 30.1, "broken": 0}
    assert all(r["status"] == "graded" for r in results.values())
    # no sign of tampering; hangs' cases stopped at the per-case limit raise timed-out
    assert {name: [f["kind"] for f in r["flags"]] for name, r in results.items()} == {
        "strong": [], "hangs": ["timed-out"], "partial": [], "broken": []}
    strong = results["strong"]
    assert strong["details"]["trust"] == "host-compared" and strong["details"]["language"] == "go"
    assert [c["id"] for c in strong["criteria"] if c["source"] == "auto"] == [
        "correctness", "robustness"]
    checks = {c["id"]: c for c in results["partial"]["checks"]}
    assert len(checks) == 18 and {c["kind"] for c in checks.values()} == {"case"}
    assert checks["window_cases.go::retry after waits for enough units to leave"]["message"] == (
        "at '6 units' (2 of 4): returned {'Allowed': False, 'Remaining': 0, 'RetryAfter': "
        "6000000000}; the reference returned {'Allowed': False, 'Remaining': 0, 'RetryAfter': "
        "8500000000} (at key 'RetryAfter': a different int)")
    assert checks["robustness_cases.go::bad costs are refused"]["message"] == (
        "at 'zero' (1 of 5): raised error; the reference raised ratelimit.ErrInvalidCost")
    assert checks["keys_cases.go::a key's own limit"]["message"] == (
        "at 'others keep the default' (3 of 3): raised panic; the reference raised "
        "*ratelimit.CostError")
    assert checks["robustness_cases.go::bad configs are refused"]["criterion"] == "robustness"


@docker
def test_a_case_that_hangs_fails_alone_and_the_rest_run():
    hangs = graded(LIMITER, SAMPLES / "hangs")["hangs"]
    failed = [c for c in hangs["checks"] if c["outcome"] == "failed"]
    assert [c["id"] for c in failed] == ["keys_cases.go::prune forgets idle keys"]
    assert "the case took longer than 2s" in failed[0]["message"]
    assert hangs["run"]["ended"] == "completed"
    assert hangs["run"]["seconds"] < 10


@docker
def test_code_that_does_not_compile_scores_0_with_the_compilers_message():
    broken = graded(LIMITER, SAMPLES / "broken")["broken"]
    assert broken["status"] == "graded" and broken["score"] == 0 and broken["flags"] == []
    reason = "does not compile: ratelimit.go:95:2: tooMuch declared but not used"
    assert all(c["outcome"] == "failed" and reason in c["message"] for c in broken["checks"])
    evidence = [line for c in broken["criteria"] for line in c["evidence"]]
    assert f"could not import window_cases.go: {reason}" in evidence


@docker
def test_a_single_file_or_a_modern_go_mod_grades_like_the_module(tmp_path):
    single = tmp_path / "single"
    single.mkdir()
    shutil.copy(SAMPLES / "strong" / "ratelimit.go", single / "limiter.go")  # renamed at intake
    modern = shutil.copytree(SAMPLES / "strong", tmp_path / "modern")
    (modern / "go.mod").write_text("module ratelimit\n\ngo 1.22.3\n\ntoolchain go1.22.5\n")
    results = graded(LIMITER, single / "limiter.go", modern)
    assert {name: r["score"] for name, r in results.items()} == {"limiter.go": 100, "modern": 100}


@docker
def test_a_package_whose_init_panics_scores_0_with_the_panic(tmp_path):
    submission = shutil.copytree(SAMPLES / "strong", tmp_path / "init-panics")
    (submission / "boot.go").write_text(
        'package ratelimit\n\nfunc init() { panic("no config file") }\n')
    result = graded(LIMITER, submission)["init-panics"]
    assert result["status"] == "graded" and result["score"] == 0
    assert all("the program stopped before running any case: the program crashed: panic: no "
               "config file" in c["message"] for c in result["checks"])


def _recording(tmp_path) -> dict:
    """The records the Go recorder writes for the values fixture, by case id."""
    from worksample_coding.languages import LANGUAGES

    from worksample.sandbox import harness
    from worksample.sandbox.harness import HarnessRun
    from worksample.sandbox.records import read_records

    work = shutil.copytree(VALUES / "work", tmp_path / "work")
    result = harness.run(HarnessRun(
        runner=LANGUAGES["go"].recorder, image=GO_IMAGE, work=work,
        trees={"tests": VALUES / "cases"},
        config={"per_case_seconds": 5, "max_line": 256 * 1024, "message_chars": 1500}))
    records = read_records(result.report)
    assert records.finished is not None and not records.violations, result.summary
    return records.results


@docker
def test_each_kind_of_go_value_records_as_its_typed_value(tmp_path):
    results = _recording(tmp_path)
    kinds = {o["label"]: o["value"] for o in results["values_cases.go::every kind"]["observations"]}
    assert kinds == {
        "int": {"int": 5}, "big int": {"int": "1152921504606846976"},
        "max uint": {"int": "18446744073709551615"}, "cents": {"int": -7},
        "float": {"float": 1.5}, "nan": {"float": "nan"}, "inf": {"float": "inf"},
        "-inf": {"float": "-inf"}, "float32": {"float": 0.5},
        "str": {"str": "héllo"}, "not utf-8": {"bytes": "/w=="}, "bytes": {"bytes": "aGk="},
        "byte array": {"bytes": "AQI="}, "bool": {"bool": True}, "nil": {"null": None},
        "nil pointer": {"null": None}, "nil slice": {"list": []}, "nil map": {"dict": []},
        "slice": {"list": [{"int": 1}, {"int": 2}]},
        "map": {"dict": [[{"int": 1}, {"bool": True}]]},
        "struct": {"dict": [[{"str": "Inner"}, {"dict": [[{"str": "Depth"}, {"int": 2}]]}],
                            [{"str": "Name"}, {"str": "x"}], [{"str": "Tags"}, {"list": []}]]},
        "pointer to struct": {"dict": [[{"str": "Depth"}, {"int": 4}]]},
        "lying": {"dict": [[{"str": "Real"}, {"int": 7}]]},
        "opaque": {"unrecorded": "a values.Opaque has no exported fields"},
        "pointer to int": {"unrecorded": "a *int is not plain data"},
        "chan": {"unrecorded": "a chan int is not plain data"},
        "func": {"unrecorded": "a func() is not plain data"},
        "complex": {"unrecorded": "a complex128 is not plain data"},
        "uintptr": {"unrecorded": "a uintptr is not plain data"},
        "time": {"str": "2024-03-01T12:00:00.000000005Z"},
        "big.Int": {"int": "1180591620717411303424"},
    }


@docker
def test_errors_and_panics_record_as_raised_with_their_chain(tmp_path):
    results = _recording(tmp_path)

    def raised(name, *bases):
        return {"raised": {"name": name, "bases": list(bases)}}

    errors = [o["value"] for o in results["values_cases.go::errors"]["observations"]]
    assert errors == [
        raised("values.ErrMissing", "error"), raised("values.ErrMissing", "error"),
        raised("error"), raised("*values.LimitError", "error"),
        raised("*values.LimitError", "error"),
        raised("values.Both", "values.ErrMissing", "*values.LimitError", "error"),
        raised("*values.Looping", "error"), {"unrecorded": "reading the value panicked"},
        {"int": 7}, raised("values.ErrMissing", "error")]
    options = results["values_cases.go::errors"]["observations"][-1]["options"]
    assert options == {"raised_as": "error", "abs_tol": 0.5, "rel_tol": 0.1, "unordered": True}
    panics = [(o["label"], o["value"]) for o in results["values_cases.go::panics"]["observations"]]
    assert panics == [
        ("a string", raised("panic")),
        ("out of range", raised("panic", "runtime.boundsError", "runtime.Error")),
        ("an error", raised("panic", "*values.LimitError")),
        ("a typed nil error", raised("*values.LimitError", "error")),
        ("(the case)", raised("panic"))]


@docker
def test_the_reference_run_leaves_the_stub_generator_and_a_run_given_it_records_the_same():
    """The stub generator's program, built by the trusted runner in the reference's run
    (recorded.py: artifacts), and a submission's run given it records what one that builds
    it does."""
    import base64

    from worksample_coding.recorded import MAX_LINE, _recording, _run

    from worksample.assignments import load
    from worksample.plugins import load_registry

    assignment = load(LIMITER, load_registry())
    image = assignment.section.image
    reference, artifacts = _recording(assignment, image, artifacts=True)
    assert list(artifacts) == ["go-stubgen"]
    assert base64.b64decode(artifacts["go-stubgen"])[:4] == b"\x7fELF"
    runs = [_run(assignment, image, SAMPLES / "partial", max_line=MAX_LINE,
                 result_bytes=1 << 20, artifacts=given) for given in (artifacts, None)]
    with_it, without = ([record for record in run.report.records
                         if record.get("event") != "finished"] for run in runs)
    assert with_it == without and len(with_it) > len(reference)
    assert not any(record.get("event") == "artifact" for record in with_it)
