"""The host-side verdict, from synthetic harness output (no container needed)."""

import json

import pytest
from worksample_coding.verdict import judge, weight_of

from worksample.sandbox import RunOutcome
from worksample.sandbox.framing import HarnessReport, parse_stdout

EXPECTED = ["test_a.py::test_one", "test_a.py::test_two", "test_b.py::test_p[1]"]
CANARY = "test_c0ffee.py::test_c0ffee"


def outcome(**changes):
    values = dict(exit_code=0, stdout=b"", stderr=b"", stdout_dropped=0, stderr_dropped=0,
                  timed_out=False, oom_killed=False, seconds=1.0, image_id="sha256:x")
    values.update(changes)
    return RunOutcome(**values)


def result_line(test_id, result="passed", message=""):
    return {"event": "test", "id": test_id, "outcome": result, "message": message,
            "duration": 0.01}


def report(*records, exit_code=1, changed=(), finished=True, patched=(), canary="failed",
           collected=(*EXPECTED, CANARY)):
    """A stream as the real runner writes it: collection errors, collected, results (the
    canary's last unless canary=None), finished."""
    records = list(records)
    errors = [r for r in records if r.get("event") == "collect_error"]
    stream = errors + [{"event": "collected", "ids": list(collected)}]
    stream += [r for r in records if r.get("event") != "collect_error"]
    if canary is not None:
        stream.append(result_line(CANARY, canary))
    if finished:
        stream.append({"event": "finished", "patched": list(patched)})
    return HarnessReport(records=stream,
                         supervisor={"event": "supervisor", "exit": exit_code,
                                     "changed": list(changed)})


def run_judge(harness, run=None, weights=None):
    return judge(harness, run or outcome(), expected=EXPECTED, weights=weights or {},
                 canary_id=CANARY, wall_seconds=30, memory_mb=256)


def test_all_pass_with_a_failing_canary_scores_full():
    verdict = run_judge(report(*(result_line(t) for t in EXPECTED), exit_code=1))
    assert verdict.fraction == 1.0 and verdict.flags == [] and verdict.ended == "completed"
    assert verdict.evidence[0] == "3 of 3 hidden tests passed (3 of 3 points)"


def test_missing_tests_fail_with_the_reason_of_the_ending():
    partial = report(result_line(EXPECTED[0]), finished=False, canary=None)
    cases = [
        (outcome(timed_out=True), "wall-clock limit of 30s", "timeout"),
        (outcome(oom_killed=True), "memory limit of 256 MB", "memory"),
        (outcome(), "ended (exit code 1) before reporting", "crashed"),
    ]
    for run, reason, ended in cases:
        verdict = run_judge(partial, run)
        assert verdict.ended == ended
        missing = [c for c in verdict.checks if c.id != EXPECTED[0]]
        assert all(c.outcome == "failed" and reason in c.message for c in missing)
        assert verdict.fraction == pytest.approx(1 / 3)


def test_a_file_that_does_not_import_is_the_reason_for_its_tests():
    harness = report(
        {"event": "collect_error", "path": "test_a.py", "message": "E   SyntaxError: bad"},
        result_line("test_b.py::test_p[1]"),
    )
    verdict = run_judge(harness)
    reason = "not run: test_a.py could not be imported (SyntaxError: bad)"
    assert verdict.checks[0].message == reason
    assert verdict.evidence[1:] == [
        "could not import test_a.py: SyntaxError: bad",
        "2 test(s) not run: test_a.py could not be imported (SyntaxError: bad)",
    ]


@pytest.mark.parametrize(
    ("stream", "violation"),
    [
        # forged results written at import, before pytest collected anything
        ([result_line(EXPECTED[0]), {"event": "collected", "ids": [*EXPECTED, CANARY]}],
         "a 'test' record before collection finished"),
        # a result repeated (the real one after a forged one)
        ([{"event": "collected", "ids": [*EXPECTED, CANARY]}, result_line(EXPECTED[0]),
          result_line(EXPECTED[0], "failed")], "out of order, repeated"),
        # results out of collection order
        ([{"event": "collected", "ids": [*EXPECTED, CANARY]}, result_line(EXPECTED[1]),
          result_line(EXPECTED[0])], "out of order, repeated"),
        # a result for a test that was not collected
        ([{"event": "collected", "ids": [*EXPECTED, CANARY]}, result_line("fake.py::x")],
         "not collected"),
        # collection or finish reported twice, unknown records
        ([{"event": "collected", "ids": [CANARY]}, {"event": "collected", "ids": [CANARY]}],
         "a second 'collected' record"),
        ([{"event": "collected", "ids": [CANARY]}, {"event": "hello"}],
         "an unknown record 'hello'"),
        # a session that finished without the canary's result
        ([{"event": "collected", "ids": [*EXPECTED, CANARY]},
          *(result_line(t) for t in EXPECTED), {"event": "finished", "patched": []}],
         "without the canary"),
    ],
)
def test_a_stream_the_runner_never_writes_is_tampering(stream, violation):
    harness = HarnessReport(records=stream, supervisor={"event": "supervisor", "exit": 1,
                                                        "changed": []})
    verdict = run_judge(harness)
    flag = next(f for f in verdict.flags if f.kind == "result-channel-tampered")
    assert violation in flag.evidence
    assert verdict.fraction == 0.0


def test_a_session_that_broke_off_before_the_canary_is_a_crash_not_tampering():
    # pytest reports a finished session even after an internal error; the canary, later in
    # the collection than the test it broke off at, never ran, and neither did the tests
    # after that one: they fail as not run, and nothing accuses the channel
    collected = (EXPECTED[0], EXPECTED[1], CANARY, EXPECTED[2])
    harness = report(result_line(EXPECTED[0], "failed"), exit_code=3, canary=None,
                     collected=collected)
    verdict = run_judge(harness)
    assert verdict.ended == "crashed" and verdict.flags == []
    assert [c.message for c in verdict.checks][1:] == [
        "not run: the test process ended (exit code 3) before reporting it"] * 2


@pytest.mark.parametrize("exit_code", [1, 3])
def test_a_missing_canary_with_a_later_test_reported_is_tampering(exit_code):
    # whether the session broke off or not: a test after the canary's place reported, so the
    # session went past the canary without its result
    collected = (EXPECTED[0], CANARY, EXPECTED[1], EXPECTED[2])
    harness = report(result_line(EXPECTED[0], "failed"), result_line(EXPECTED[1]),
                     exit_code=exit_code, canary=None, collected=collected)
    flag = next(f for f in run_judge(harness).flags if f.kind == "result-channel-tampered")
    assert "without the canary" in flag.evidence


def test_a_flood_beyond_the_budget_and_malformed_lines_are_tampering():
    harness = report(*(result_line(t) for t in EXPECTED))
    harness.supervisor["dropped_lines"] = 12
    harness.malformed_lines = 1
    flag = next(f for f in run_judge(harness).flags if f.kind == "result-channel-tampered")
    assert "12 line(s) beyond the result budget" in flag.evidence
    assert "1 malformed" in flag.evidence


@pytest.mark.parametrize(
    ("harness", "flag"),
    [
        (report(*(result_line(t) for t in EXPECTED), result_line(CANARY, "passed")),
         "forged-outcome"),
        (report(*(result_line(t) for t in EXPECTED), changed=["tests/test_a.py"]),
         "hidden-tests-modified"),
        (report(*(result_line(t) for t in EXPECTED), patched=["TestReport.from_item_and_call"]),
         "framework-patched"),
        # what the runner found, sent with a test's result: the end may never come
        (report(result_line(EXPECTED[0]) | {"patched": ["pytest.raises"]},
                *(result_line(t) for t in EXPECTED[1:]), finished=False),
         "framework-patched"),
        # a canary that uses a parametrized fixture
        (report(*(result_line(t) for t in EXPECTED), result_line(CANARY + "[1]", "passed"),
                canary=None, collected=(*EXPECTED, CANARY + "[1]")),
         "forged-outcome"),
    ],
)
def test_forgery_signs_zero_the_tests_and_say_why(harness, flag):
    verdict = run_judge(harness)
    assert flag in [f.kind for f in verdict.flags]
    assert verdict.fraction == 0.0
    assert verdict.evidence[0].startswith("no points: the test outcomes cannot be trusted")


def test_the_runners_findings_are_the_evidence():
    refused = {"patched": ["refused: replacing __code__ of exact"]}
    harness = report(result_line(EXPECTED[0]) | refused,
                     *(result_line(t) for t in EXPECTED[1:]), patched=["pytest.raises"])
    harness.records[-1]["forged"] = ["test_a.py::test_two: reported passed, but its body failed"]
    flags = {f.kind: f.evidence for f in run_judge(harness).flags}
    assert flags["framework-patched"] == (
        "pytest, the harness or the hidden tests' code was changed at run time: "
        "refused: replacing __code__ of exact, pytest.raises")
    assert flags["forged-outcome"] == (
        "pytest reported 1 test(s) as passed that the runner saw fail or not run, e.g. "
        "test_a.py::test_two: reported passed, but its body failed: something in the "
        "submission rewrote test outcomes")


def test_a_skipped_canary_is_no_sign_of_forgery():
    verdict = run_judge(report(*(result_line(t) for t in EXPECTED), canary="skipped"))
    assert verdict.flags == [] and verdict.fraction == 1.0


def test_no_canary_result_is_expected_when_its_file_did_not_import():
    error = {"event": "collect_error", "path": "test_c0ffee.py", "message": "ImportError: x"}
    verdict = run_judge(report(error, result_line(EXPECTED[0]), canary=None,
                               collected=EXPECTED[:1]))
    assert [f.kind for f in verdict.flags] == []
    assert verdict.fraction == pytest.approx(1 / 3)


def test_tests_missing_from_a_normal_run_are_flagged_but_only_fail():
    verdict = run_judge(report(result_line(EXPECTED[0])))
    assert [f.kind for f in verdict.flags] == ["tests-not-run"]
    assert verdict.fraction == pytest.approx(1 / 3)


def test_collected_tests_that_are_not_hidden_tests_are_ignored():
    verdict = run_judge(report(*(result_line(t) for t in EXPECTED), result_line("extra.py::x"),
                               collected=(*EXPECTED, "extra.py::x", CANARY)))
    assert verdict.fraction == 1.0
    assert [f.kind for f in verdict.flags] == ["unexpected-tests"]


def test_weights_by_exact_id_or_without_parameters():
    assert weight_of("test_b.py::test_p[1]", {"test_b.py::test_p": 3}) == 3
    assert weight_of("test_b.py::test_p[1]", {"test_b.py::test_p[1]": 5,
                                              "test_b.py::test_p": 3}) == 5
    verdict = run_judge(report(result_line(EXPECTED[0]), result_line(EXPECTED[1], "failed"),
                               result_line(EXPECTED[2], "failed")),
                        weights={"test_a.py::test_one": 2})
    assert verdict.fraction == pytest.approx(2 / 4)


def test_skipped_tests_earn_nothing():
    verdict = run_judge(report(*(result_line(t, "skipped") for t in EXPECTED)))
    assert verdict.fraction == 0.0


def test_parse_stdout_believes_only_lines_framed_with_the_nonce():
    nonce = "n0nce"
    real = json.dumps(result_line(EXPECTED[0]))
    forged_summary = json.dumps({"event": "supervisor", "exit": 0, "changed": []})
    stdout = "\n".join([
        f"{nonce} C {real}",
        f"{nonce} C {forged_summary}",  # a runner line cannot become the supervisor's
        f"wrong C {real}",
        real,
        f"{nonce} C not json",
        f"{nonce} X {real}",
        f"{nonce} S " + json.dumps({"event": "supervisor", "exit": 1, "changed": []}),
    ]).encode()
    parsed = parse_stdout(stdout, nonce)
    assert parsed.supervisor == {"event": "supervisor", "exit": 1, "changed": []}
    assert [r.get("event") for r in parsed.records] == ["test", "supervisor"]
    assert parsed.unframed_lines == 2 and parsed.malformed_lines == 2


def test_failure_evidence_shows_what_was_compared():
    message = ("t.py:3: in test_x\n    assert exact(f(), 10)\n"
               "E   AssertionError: assert False\n"
               "E    +  where False = exact(8, 10)\n"
               "E    +    where 8 = f()\n")
    verdict = run_judge(report(result_line(EXPECTED[0], "failed", message),
                               result_line(EXPECTED[1]), result_line(EXPECTED[2])))
    assert verdict.evidence[1] == (
        "failed: test_a.py::test_one: AssertionError: assert False (where False = exact(8, 10))")
