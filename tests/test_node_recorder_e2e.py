"""Recorded mode in TypeScript and JavaScript, end to end with real containers: the url-router
sample through the CLI (validate, samples, per-case messages, code that does not compile, a
hanging case), and a JavaScript task whose reference returns one value of each kind, to pin
down how the Node recorder types JavaScript values and how they compare."""

import shutil

import pytest
from conftest_paths import ROOT, require_image
from conftest_paths import graded_by_id as graded
from conftest_paths import run_cli as run

pytestmark = [pytest.mark.docker,
              pytest.mark.usefixtures("docker_engine", "node_image", "no_leftovers")]

ROUTER = ROOT / "assignments" / "url-router"
SAMPLES = ROOT / "examples" / "url-router"
VALUES = ROOT / "tests" / "node" / "typed-values"
NODE_IMAGE = "worksample/node:bookworm"


@pytest.fixture(scope="session")
def node_image(docker_engine):
    """The Node image scripts/ensure-docker.sh builds; missing is a failure, never a skip."""
    require_image(docker_engine, NODE_IMAGE)


def test_validate_checks_the_reference_twice_and_the_ranking():
    result = run("validate", ROUTER, "--ranking", ROOT / "examples" / "url-router.ranking.yaml")
    assert result.exit_code == 0, result.output
    assert "ok   grading mode: recorded" in result.output
    assert "recorded the same values in two runs (22 cases)" in result.output
    assert "ok   reference solution: graded, score 100" in result.output
    assert "ok   starter: graded, score 0 " in result.output
    assert "tau between the order and the scores: 1.00" in result.output


def test_samples_are_scored_case_by_case_with_the_reason_per_failure():
    results = graded(ROUTER, *(SAMPLES / name for name in ("strong", "partial")))
    strong, partial = results["strong"], results["partial"]
    assert strong["score"] == 100 and strong["flags"] == []
    assert strong["details"]["trust"] == "host-compared"
    assert strong["details"]["language"] == "typescript"
    assert [c["id"] for c in strong["criteria"] if c["source"] == "auto"] == [
        "correctness", "robustness"]
    assert 0 < partial["score"] < 70 and partial["flags"] == []
    checks = {c["id"]: c for c in partial["checks"]}
    assert len(checks) == 22 and {c["kind"] for c in checks.values()} == {"case"}
    assert checks["cases_navigate.ts::redirect loops stop"]["message"] == (
        "at 'guard calls' (2 of 4): returned 10; the reference returned 6")
    assert "(at key 'query': at key 'a': a str where the reference has a list)" in checks[
        "cases_match.ts::query strings"]["message"]
    assert checks["cases_match.ts::segments are percent-decoded"]["message"] == (
        "at 'malformed' (4 of 4): raised URIError; the reference returned None")
    assert checks["cases_errors.ts::query keys are data"]["criterion"] == "robustness"
    assert checks["cases_navigate.ts::redirects"]["outcome"] == "passed"  # async guards


def test_code_that_does_not_compile_scores_0_with_the_compilers_message():
    broken = graded(ROUTER, SAMPLES / "broken")["broken"]
    assert broken["status"] == "graded" and broken["score"] == 0 and broken["flags"] == []
    assert broken["run"]["ended"] == "completed"
    summary = ("the submission does not compile (3 TypeScript errors): router.ts(78,9): error "
               "TS2741: Property 'query' is missing in type")
    assert all(c["outcome"] == "failed" and summary in c["message"] for c in broken["checks"])
    evidence = broken["criteria"][0]["evidence"]
    assert any(line.startswith("could not import cases_match.ts: " + summary)
               for line in evidence)


def test_a_case_file_that_does_not_compile_against_the_submission_fails_alone(tmp_path):
    submission = shutil.copytree(SAMPLES / "strong", tmp_path / "renamed-history")
    code = submission / "router.ts"
    code.write_text(code.read_text().replace("  history(): string[] {", "  visits(): string[] {"))
    checks = graded(ROUTER, submission)["renamed-history"]["checks"]
    failed = {c["id"] for c in checks if c["outcome"] == "failed"}
    assert failed == {c["id"] for c in checks if c["id"].startswith("cases_navigate.ts::")}
    message = next(c["message"] for c in checks if c["outcome"] == "failed")
    assert message.startswith(
        "not run: cases_navigate.ts could not be imported (it does not compile against the "
        "submission (4 TypeScript errors): cases_navigate.ts(")
    assert "Property 'history' does not exist on type 'Router'" in message


def test_a_submission_in_javascript_for_a_typescript_task_scores_0(tmp_path):
    submission = tmp_path / "in-javascript"
    submission.mkdir()
    (submission / "router.js").write_text("class Router {}\nmodule.exports = { Router };\n")
    result = graded(ROUTER, submission)["in-javascript"]
    assert result["status"] == "graded" and result["score"] == 0
    assert "error TS7016: Could not find a declaration file for module 'router'" in (
        result["checks"][0]["message"])


def test_a_hanging_case_fails_at_the_per_case_limit_and_the_others_go_on():
    hangs = graded(ROUTER, SAMPLES / "hangs")["hangs"]
    assert hangs["run"]["ended"] == "completed"
    # it sends no NOTES.md, which the instructions ask for
    assert [f["kind"] for f in hangs["flags"]] == ["timed-out", "missing-file"]
    failed = {c["id"]: c["message"] for c in hangs["checks"] if c["outcome"] == "failed"}
    assert failed == {
        "cases_match.ts::trailing and empty segments": (
            "at '\"/about//\"' (2 of 8): the case stopped before it ((not recorded: the case "
            "took longer than 2s)); the reference returned None"),
        "cases_navigate.ts::redirect loops stop": (
            "at 'loop' (1 of 4): the case stopped before it ((not recorded: the case took "
            "longer than 2s)); the reference raised RedirectLoop"),
    }
    assert hangs["score"] == pytest.approx(93.41)


# ---- JavaScript values ---------------------------------------------------------------------

def _values_assignment():
    from worksample.assignments import load
    from worksample.plugins import load_registry

    return load(VALUES, load_registry())


def _int(n):
    return {"int": n}


def _str(text):
    return {"str": text}


def _raised(name, *bases):
    return {"raised": {"name": name, "bases": list(bases)}}


EXPECTED = {  # the reference's recording: label -> typed value (and options)
    "cases_values.js::numbers": [
        ("int", _int(42)), ("negative zero", _int(0)), ("float", {"float": 1.5}),
        # 2**60 as JavaScript writes it (the shortest text that reads back as that float)
        ("unsafe integer", {"float": 1152921504606847000}), ("nan", {"float": "nan"}),
        ("infinities", {"list": [{"float": "inf"}, {"float": "-inf"}]}),
        ("small bigint", _int(12)), ("big bigint", _int(str(2 ** 70))),
        ("close", {"float": 0.30000000000000004}, {"abs_tol": 0.001})],
    "cases_values.js::scalars": [
        ("string", _str("héllo\x00\ud800")),
        ("booleans", {"list": [{"bool": True}, {"bool": False}]}),
        ("null", {"null": None}), ("undefined", {"null": None}), ("given", _str("as is"))],
    "cases_values.js::collections": [
        ("array", {"list": [_int(1), _str("two"), {"list": [_int(3)]}]}),
        ("holes", {"list": [_int(1), {"null": None}, _int(3)]}),
        ("object", {"dict": [[_str("b"), _int(1)], [_str("a"), {"dict": [[_str("c"),
                                                                          {"list": []}]]}]]}),
        ("null prototype", {"dict": [[_str("k"), _str("v")]]}),
        ("map", {"dict": [[_int(1), _str("int key")], [_str("1"), _str("str key")],
                          [{"null": None}, {"bool": True}]]}),
        ("set", {"set": [_int(3), _int(1), _int(2)]}),
        ("bytes", {"bytes": "aGk="}), ("buffer", {"bytes": "aGk="}),
        ("unordered", {"list": [_str("b"), _str("a"), _str("c")]}, {"unordered": True}),
        ("subclasses", {"list": [{"list": [_int(1), _int(2)]}, {"set": [_str("x")]}]})],
    "cases_values.js::thrown": [
        ("subclass", _raised("Overdrawn", "LedgerError", "Error")),
        ("built-in", _raised("TypeError", "Error")), ("a string", _raised("string")),
        ("any range error", _raised("RangeError", "Error"), {"raised_as": "RangeError"}),
        ("given back", _raised("TypeError", "Error")), ("the error's message", _str("bad type"))],
    "cases_values.js::async": [
        ("resolves", _int(42)), ("rejects", _raised("SyntaxError", "Error"))],
    "cases_values.js::a set-up step": [("before", {"float": 1.5}), ("after", {"float": 1.5})],
}


def test_javascript_values_are_typed_as_typed_py_says():
    from worksample_coding.recorded import _record_reference

    assignment = _values_assignment()
    cases = _record_reference(assignment, assignment.section.image)
    assert [(case.id, case.weight, case.criterion) for case in cases] == [
        (case_id, 2.0 if case_id.endswith("collections") else 1.0,
         "errors" if case_id.endswith(("thrown", "async")) else None) for case_id in EXPECTED]
    for case in cases:
        recorded = [(o["label"], o["value"], *([o["options"]] if "options" in o else []))
                    for o in case.observations]
        assert recorded == EXPECTED[case.id], case.id


CANDIDATE = {  # label -> None (matches the reference) or how it differs
    "int": "a float where the reference has an int",
    "big bigint": "a different int",
    "booleans": "item 1: an int where the reference has a bool",
    "array": "the value could not be recorded: a Proxy is not plain data",
    "object": 'the value could not be recorded: the property "b" is read through a getter',
    "buffer": "the value could not be recorded: a Money object is not plain data",
    "subclass": "raised Error where the reference raised Overdrawn",
    "the error's message": "a different str",
}
STOPPED = {  # case -> what its "(the case)" says, last of what it recorded
    "cases_values.js::async": "the case took longer than 1s",
    "cases_values.js::a set-up step": "the case ended: the process exited with code 3 "
                                      "(process.exit?)",
}


def test_each_javascript_value_compares_as_it_should():
    """-0 is 0, a number and a bigint of one value are both ints, undefined is null, a Buffer
    is bytes like a Uint8Array, a Set's order and an unordered array's do not matter, a subclass
    of the error raisedAs names is accepted, a subclass of Map, Array or Set is the plain data
    it holds (as in Python's recorder); a Proxy, a getter and a class instance are not
    recordable. A promise that never settles and process.exit() in a case fail that case
    alone."""
    from worksample_coding.recorded import MAX_LINE, _record_reference, _run

    from worksample.sandbox.observations import CASE_ITSELF, is_observation_record
    from worksample.sandbox.records import read_records
    from worksample.sandbox.typed import Tolerance, difference

    assignment = _values_assignment()
    image = assignment.section.image
    reference = {case.id: case for case in _record_reference(assignment, image)}
    result = _run(assignment, image, VALUES / "candidate", max_line=MAX_LINE,
                  result_bytes=1 << 20)
    records = read_records(result.report, valid=is_observation_record)
    assert records.violations == [] and records.finished is not None
    assert list(records.results) == list(reference)
    for case_id, record in records.results.items():
        observations = record["observations"]
        if case_id in STOPPED:
            assert observations[-1] == {"label": CASE_ITSELF,
                                        "value": {"unrecorded": STOPPED[case_id]}}
            observations = observations[:-1]
        for got, wanted in zip(observations, reference[case_id].observations, strict=False):
            assert got["label"] == wanted["label"]
            tolerance = Tolerance.from_options(wanted.get("options"))
            assert difference(got["value"], wanted["value"], tolerance) == CANDIDATE.get(
                got["label"]), got["label"]
    assert [o["label"] for o in records.results["cases_values.js::a set-up step"][
        "observations"]] == ["before", CASE_ITSELF]


def test_a_javascript_syntax_error_fails_its_cases_with_where_it_is(tmp_path):
    from worksample_coding.recorded import MAX_LINE, _run

    from worksample.sandbox.observations import is_observation_record
    from worksample.sandbox.records import read_records

    submission = tmp_path / "syntax-error"
    submission.mkdir()
    (submission / "values.js").write_text("module.exports = {\n  int: () => 42 43,\n};\n")
    result = graded(VALUES, submission)["syntax-error"]
    assert result["score"] == 0 and result["flags"] == []
    assert {c["message"] for c in result["checks"]} == {
        "not run: cases_values.js could not be imported (SyntaxError: Unexpected number)"}
    assignment = _values_assignment()
    records = read_records(_run(assignment, assignment.section.image, submission,
                                max_line=MAX_LINE, result_bytes=1 << 20).report,
                           valid=is_observation_record)
    assert records.collect_errors["cases_values.js"].startswith("/sandbox/work/values.js:2\n")


def test_the_reference_run_leaves_the_compilers_code_cache_and_a_run_given_it_records_the_same():
    """The TypeScript compiler's V8 code cache, made by the trusted runner in the reference's
    run (recorded.py: artifacts), and a submission's run given it records what one without it
    does."""
    import base64

    from worksample_coding.recorded import MAX_LINE, _recording, _run

    from worksample.assignments import load
    from worksample.plugins import load_registry

    assignment = load(ROUTER, load_registry())
    image = assignment.section.image
    reference, artifacts = _recording(assignment, image, artifacts=True)
    assert list(artifacts) == ["typescript-code-cache"]
    assert len(base64.b64decode(artifacts["typescript-code-cache"])) > 1 << 20
    runs = [_run(assignment, image, SAMPLES / "partial", max_line=MAX_LINE,
                 result_bytes=1 << 20, artifacts=given) for given in (artifacts, None)]
    with_it, without = ([record for record in run.report.records
                         if record.get("event") != "finished"] for run in runs)
    assert with_it == without and len(with_it) > len(reference)
    assert not any(record.get("event") == "artifact" for record in with_it)


def test_a_reference_slower_than_a_submissions_limit_is_still_recorded(tmp_path):
    # the reference takes 3 s to load, past the 2-second limit a submission has, as a busy
    # machine's cold start may: it is recorded (it has four times the limit), and a quick
    # submission is graded against it
    router = shutil.copytree(ROUTER, tmp_path / "url-router")
    reference = router / "reference" / "router.ts"
    reference.write_text("const until = Date.now() + 3000;\nwhile (Date.now() < until) {}\n"
                         + reference.read_text())
    strong = graded(router, SAMPLES / "strong")["strong"]
    assert (strong["status"], strong["score"], len(strong["checks"])) == ("graded", 100, 22)
