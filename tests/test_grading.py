"""Core scoring and error handling, with a throwaway plugin (no container needed)."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_paths import write_assignment
from pydantic import BaseModel

from worksample import hookimpl
from worksample.assignments import load
from worksample.cli import cli
from worksample.errors import InfrastructureError, SubmissionRejected
from worksample.grading import grade_submission
from worksample.levels import level_for
from worksample.models import AssignmentType, CriterionOutcome, Grade, IntegrityFlag, Status


class EchoSection(BaseModel):
    fraction: float = 1.0


class EchoPlugin:
    """Grades type 'echo': the fraction is the number in the submission's answer.txt."""

    def __init__(self):
        self.crash_with = None
        self.flags = []

    @hookimpl
    def worksample_register_assignment_types(self, register):
        register(AssignmentType(name="echo", section_model=EchoSection, grade=self.grade))

    def grade(self, assignment, submission):
        if self.crash_with is not None:
            raise self.crash_with
        fraction = float((submission.root / "answer.txt").read_text())
        return Grade(criteria={"accuracy": CriterionOutcome(fraction=fraction,
                                                            evidence=[f"said {fraction}"])},
                     flags=self.flags)


@pytest.fixture
def echo(register_plugin):
    return register_plugin(EchoPlugin(), "echo")


@pytest.fixture
def echo_assignment(tmp_path, registry, echo):
    folder = write_assignment(tmp_path / "echo", "echo", {},
                              [("accuracy", 3, "auto"), ("style", 1, "reviewer")], pass_score=60)
    return load(folder, registry)


def answer(tmp_path, value: str, name="cand") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "answer.txt").write_text(value)
    return folder


def workdir(tmp_path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize(("fraction", "level"), [(1, 4), (0.9, 4), (0.89, 3), (0.7, 3),
                                                  (0.5, 2), (0.4, 2), (0.39, 1), (0, 1)])
def test_levels(fraction, level):
    assert level_for(fraction) == level


def test_score_counts_only_automatic_criteria(tmp_path, registry, echo_assignment):
    result = grade_submission(echo_assignment, answer(tmp_path, "0.5"), workdir(tmp_path),
                              registry)
    assert result.status == Status.GRADED
    assert result.score == 50.0 and result.passed is False
    accuracy, style = result.criteria
    assert (accuracy.points, accuracy.max_points, accuracy.level) == (1.5, 3, 2)
    assert accuracy.evidence == ["said 0.5"]
    assert style.points is None and style.source == "reviewer"
    assert result.submission_hash and result.assignment_version == echo_assignment.version
    assert list(workdir(tmp_path).iterdir()) == [], "the extracted copy must be removed"


@pytest.mark.parametrize(("said", "score"), [("1", 59.99), ("0.9", 54.0), ("0.5", 30.0)])
def test_a_flag_that_fails_fails_the_submission_and_keeps_its_rank(tmp_path, registry, echo,
                                                                    echo_assignment, said, score):
    echo.flags = [IntegrityFlag(kind="automatic-fail", evidence="asked for a password",
                                fails=True)]
    result = grade_submission(echo_assignment, answer(tmp_path, said), workdir(tmp_path),
                              registry)
    # scaled under the pass score (60): failures keep their order among themselves
    assert result.score == score and result.passed is False
    assert result.flags[0].fails


def test_a_flag_that_does_not_fail_leaves_the_score(tmp_path, registry, echo, echo_assignment):
    echo.flags = [IntegrityFlag(kind="hidden-text", evidence="white text")]
    result = grade_submission(echo_assignment, answer(tmp_path, "0.9"), workdir(tmp_path),
                              registry)
    assert result.score == 90.0 and result.passed is True


def test_infrastructure_failure_is_an_error_never_a_score(tmp_path, registry, echo,
                                                          echo_assignment):
    echo.crash_with = InfrastructureError("no Docker engine answers")
    result = grade_submission(echo_assignment, answer(tmp_path, "1"), workdir(tmp_path),
                              registry)
    assert result.status == Status.ERROR and result.score is None
    assert "no Docker engine answers" in result.message


def test_a_plugin_crash_is_an_error_with_a_traceback(tmp_path, registry, echo, echo_assignment):
    echo.crash_with = ZeroDivisionError("oops")
    result = grade_submission(echo_assignment, answer(tmp_path, "1"), workdir(tmp_path),
                              registry)
    assert result.status == Status.ERROR and result.score is None
    assert "type (plugin 'echo') crashed while grading: ZeroDivisionError('oops')" in \
        result.message
    assert "ZeroDivisionError" in result.details["traceback"]


def test_the_extracted_copy_is_removed_even_when_unwrapped(tmp_path, registry, echo_assignment):
    import zipfile

    archive = tmp_path / "wrapped.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("my-solution/answer.txt", "1")
    result = grade_submission(echo_assignment, archive, workdir(tmp_path), registry)
    assert result.score == 100.0
    assert list(workdir(tmp_path).iterdir()) == []


def test_a_rejected_submission_has_no_score(tmp_path, registry, echo_assignment):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    result = grade_submission(echo_assignment, bad, workdir(tmp_path), registry)
    assert result.status == Status.REJECTED and result.score is None
    assert "corrupt or unreadable zip" in result.message


def test_a_submission_its_plugin_cannot_read_is_rejected_not_scored(tmp_path, registry, echo,
                                                                    echo_assignment):
    echo.crash_with = SubmissionRejected("the PDF is encrypted", path="analysis.pdf")
    result = grade_submission(echo_assignment, answer(tmp_path, "1"), workdir(tmp_path),
                              registry)
    assert result.status == Status.REJECTED and result.score is None
    assert result.message == "analysis.pdf: the PDF is encrypted"


def test_cli_batch_goes_on_and_exit_codes_follow_the_statuses(tmp_path, registry, echo,
                                                              echo_assignment, monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)  # the one with the echo plugin
    good, bad = answer(tmp_path, "1", "good"), tmp_path / "bad.zip"
    bad.write_bytes(b"junk")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(cli, ["grade", str(echo_assignment.root), str(bad), str(good),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (out / "results").iterdir()} == {"bad.json", "good.json"}
    assert (out / "index.html").is_file() and (out / "candidates" / "bad.html").is_file()
    echo.crash_with = InfrastructureError("engine down")
    failed = runner.invoke(cli, ["grade", str(echo_assignment.root), str(good), "--json",
                                 "--regrade", "--retries", "1"])
    assert failed.exit_code == 1


def test_what_the_text_readers_kept_of_a_submission_is_forgotten_once_it_is_graded(tmp_path):
    # kept for good, a worker grading long sentences grew by 13 MB a submission, to 1.4 GB
    # after 100 (benchmarks/bench_worker_memory.py)
    from conftest_paths import EMAIL_SAMPLE, ROOT

    from worksample.grading import grade_taken_in
    from worksample.intake import open_submission
    from worksample.plugins import load_registry
    from worksample.prose.cache import entries_held

    registry = load_registry()
    assignment = load(EMAIL_SAMPLE, registry)
    submission = open_submission(ROOT / "examples" / "support-replies" / "excellent",
                                 tmp_path / "opened")
    registry.assignment_type(assignment.type).grade(assignment=assignment, submission=submission)
    assert entries_held() > 0  # the readers keep what they read while a submission is graded
    result = grade_taken_in(assignment, submission, registry)
    assert result.status == Status.GRADED
    assert entries_held() == 0
