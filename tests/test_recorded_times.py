"""The times a team records (``worksample grade ... --times times.csv``): read row by row, bad
rows reported with the file and the line while the batch goes on, and a record that wins over
the times the submission carries."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from conftest_paths import answers, write_assignment
from pydantic import BaseModel

from worksample import hookimpl
from worksample.assignments import load
from worksample.cli import cli
from worksample.errors import WorksampleError
from worksample.models import AssignmentType, CriterionOutcome, Grade
from worksample.recorded_times import read_times
from worksample.store import ResultStore


def _csv(path, *rows: str):
    path.write_text("submission,started,submitted,notes\n" + "".join(r + "\n" for r in rows))
    return path


def test_good_rows_are_read_by_submission_name(tmp_path):
    read = read_times(_csv(tmp_path / "times.csv",
                           "alice.zip,2026-11-02T14:02:00+01:00,2026-11-02T16:20:00+01:00,ok",
                           "drive/bob,2026-11-02T09:00:00Z,2026-11-02T11:30:00Z",
                           "carol.tar.gz,2026-11-02 09:00,2026-11-02 10:00,local"))
    assert read.errors == []
    assert sorted(read.times) == ["alice", "bob", "carol"]
    alice = read.times["alice"]
    assert alice.source == "recorded" and alice.minutes == 138
    assert alice.started == datetime(2026, 11, 2, 13, 2, tzinfo=UTC)
    assert alice.evidence == ("recorded by the team (times.csv line 2): 2026-11-02 14:02 to "
                              "16:20 +01:00")  # in the zone the team wrote
    assert read.times["bob"].evidence.endswith("2026-11-02 09:00 to 11:30 UTC")
    assert read.times["carol"].minutes == 60 and read.times["carol"].started.tzinfo is None


@pytest.mark.parametrize("row, said", [
    ("alice,yesterday,2026-11-02T16:20:00Z", "started 'yesterday' is not an ISO 8601 time"),
    ("alice,2026-11-02T14:00:00Z,", "submitted '' is not an ISO 8601 time"),
    (",2026-11-02T14:00:00Z,2026-11-02T15:00:00Z", "no submission named"),
    ("alice,2026-11-02T14:00:00Z,2026-11-02T13:00:00Z", "is before started"),
    ("alice,2026-11-02T14:00:00Z,2026-11-02 15:00", "one time has a zone and the other not"),
    ("alice,2025-11-02T14:00:00Z,2026-11-02T15:00:00Z", "is a date mistyped?"),
])
def test_a_bad_row_is_one_error_naming_the_file_and_line_and_the_rest_count(tmp_path, row,
                                                                          said):
    path = _csv(tmp_path / "times.csv", row, "bob,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z")
    read = read_times(path)
    assert len(read.errors) == 1 and read.errors[0].startswith(f"{path} line 2: ")
    assert said in read.errors[0]
    assert list(read.times) == ["bob"]


def test_a_submission_named_twice_keeps_its_first_row(tmp_path):
    read = read_times(_csv(tmp_path / "times.csv",
                           "bob,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z",
                           "bob.zip,2026-11-02T09:00:00Z,2026-11-02T12:00:00Z"))
    assert read.times["bob"].minutes == 60
    assert read.errors == [f"{tmp_path / 'times.csv'} line 3: 'bob' already has a time on line "
                           "2; this row is ignored"]


def test_a_file_without_the_columns_is_one_error_for_the_command(tmp_path):
    path = tmp_path / "times.csv"
    path.write_text("name,start,end\nalice,1,2\n")
    with pytest.raises(WorksampleError, match="has no column submission, started, submitted"):
        read_times(path)


# --- through the command ------------------------------------------------------------------


class Section(BaseModel):
    pass


class AnswerPlugin:
    """Grades type 'answer' from answer.txt, counting calls."""

    calls = 0

    @hookimpl
    def worksample_register_assignment_types(self, register):
        register(AssignmentType(name="answer", section_model=Section, grade=self.grade))

    def grade(self, assignment, submission):
        self.calls += 1
        return Grade(criteria={"accuracy": CriterionOutcome(
            fraction=float((submission.root / "answer.txt").read_text()))})


@pytest.fixture
def graded(tmp_path, registry, register_plugin, monkeypatch):
    import worksample.plugins as plugins_module

    plugin = register_plugin(AnswerPlugin(), "answer")
    monkeypatch.setattr(plugins_module, "_registry", registry)
    assignment = write_assignment(tmp_path / "answer", "answer", {}, [("accuracy", 1, "auto")])
    load(assignment, registry)
    return plugin, assignment


def _stored(tmp_path):
    store = ResultStore(tmp_path / "results.sqlite")
    try:
        return {r.submission_id: r for r in store.results()}
    finally:
        store.close()


def test_recorded_times_reach_the_results_and_bad_rows_do_not_stop_the_batch(tmp_path, graded):
    plugin, assignment = graded
    sources = [str(s) for s in answers(tmp_path, "1", "0.5")]
    times = _csv(tmp_path / "times.csv",
                 "cand000,2026-11-02T14:00:00Z,2026-11-02T16:45:00Z",
                 "cand001,2026-11-02T14:00:00Z,tomorrow",
                 "zed,2026-11-02T14:00:00Z,2026-11-02T15:00:00Z")
    first = CliRunner().invoke(cli, ["grade", str(assignment), *sources, "--times", str(times)])
    assert first.exit_code == 0, first.output
    assert (f"worksample: recorded times: {times} line 3: submitted 'tomorrow' is not an ISO "
            "8601 time") in first.output
    assert f"{times} line 4: no submission named 'zed' in this batch" in first.output
    stored = _stored(tmp_path)
    assert stored["cand000"].working_time.minutes == 165
    assert stored["cand000"].working_time.source == "recorded"
    assert stored["cand001"].working_time is None

    # the row fixed and given again: the stored result takes the time, without a regrade
    _csv(times, "cand001,2026-11-02T14:00:00Z,2026-11-02T15:00:00Z")
    second = CliRunner().invoke(cli, ["grade", str(assignment), *sources, "--times", str(times),
                                      "--json"])
    assert second.exit_code == 0, second.output
    assert plugin.calls == 2 and "0 new result(s), 2 already in the store" in second.output
    assert _stored(tmp_path)["cand001"].working_time.minutes == 60
    assert _stored(tmp_path)["cand000"].working_time.minutes == 165  # not in this file: kept

    # graded again without --times: the team's record stays
    third = CliRunner().invoke(cli, ["grade", str(assignment), *sources, "--regrade"])
    assert third.exit_code == 0 and plugin.calls == 4
    assert _stored(tmp_path)["cand001"].working_time.source == "recorded"


def test_a_recorded_time_wins_over_the_archive_s_times(tmp_path, graded):
    _, assignment = graded
    archive = tmp_path / "dana.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(zipfile.ZipInfo("answer.txt", (2026, 11, 2, 9, 0, 0)), "1")
        out.writestr(zipfile.ZipInfo("notes.md", (2026, 11, 2, 13, 0, 0)), "notes")
    alone = CliRunner().invoke(cli, ["grade", str(assignment), str(archive), "--json"])
    assert json.loads(alone.stdout)[0]["working_time"]["source"] == "archive"
    times = _csv(tmp_path / "times.csv", "dana.zip,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z")
    both = CliRunner().invoke(cli, ["grade", str(assignment), str(archive), "--json",
                                    "--times", str(times)])
    assert json.loads(both.stdout)[0]["working_time"]["source"] == "recorded"


def test_a_times_file_without_its_columns_stops_the_command_before_grading(tmp_path, graded):
    plugin, assignment = graded
    sources = [str(s) for s in answers(tmp_path, "1")]
    times = tmp_path / "times.csv"
    times.write_text("who,when\n")
    refused = CliRunner().invoke(cli, ["grade", str(assignment), *sources, "--times", str(times)])
    assert refused.exit_code == 2 and "has no column submission, started" in refused.output
    assert plugin.calls == 0


def test_the_docs_and_the_help_give_the_columns_the_reader_needs():
    from conftest_paths import ROOT

    from worksample.recorded_times import COLUMNS

    docs = (ROOT / "docs" / "results.md").read_text()
    assert f"```csv\n{','.join(COLUMNS)}\n" in docs
    shown = CliRunner().invoke(cli, ["grade", "--help"], terminal_width=200).output
    assert "--times" in shown and "submission, started, submitted" in shown


def test_a_result_takes_the_record_over_the_submission_s_time_or_its_note(tmp_path):
    from worksample.grading import timed
    from worksample.models import GradeResult, Status, Submission
    from worksample.working_time import from_file_times

    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    archive = from_file_times([start, start.replace(hour=11)], "zip").time
    submission = Submission(id="a", source=tmp_path, kind="zip", root=tmp_path,
                            extracted_to=tmp_path, content_hash="h", file_count=2,
                            total_bytes=2, working_time=archive)
    result = GradeResult(worksample_version="t", submission_id="a", submission_source="a.zip",
                         assignment_id="x", assignment_version="1", assignment_type="t",
                         status=Status.GRADED, details={"trust": "kept"})
    team = read_times(_csv(tmp_path / "t.csv", "a,2026-11-02T09:00:00Z,2026-11-02T09:30:00Z"))
    assert timed(result, submission, team.times["a"]).working_time.source == "recorded"
    assert timed(result, submission).working_time == archive
    untimed = submission.model_copy(update={"working_time": None,
                                            "working_time_note": "the zip's files: no times"})
    assert timed(result, untimed).details == {"trust": "kept",
                                              "working_time_note": "the zip's files: no times"}
