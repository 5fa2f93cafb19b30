"""The candidate's own time on the candidate page, against the time budget (150 min for the
sample assignment): the header line in HTML, Markdown and JSON, over budget said plainly,
what it rests on, and nothing of it on the candidate's own report."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from test_reports import all_text, result_for

from worksample.models import WorkingTime
from worksample.reports import build_report, write_report
from worksample.reports.timing import duration, working_time_line
from worksample.working_time import from_file_times, recorded

T0 = datetime(2026, 11, 2, 14, 2, tzinfo=UTC)


def _timed(sample, minutes: float, source: str = "git"):
    result = result_for(sample, "alice", 0.8)
    result.working_time = WorkingTime(
        minutes=minutes, source=source, started=T0, finished=T0 + timedelta(minutes=minutes),
        evidence="first to last commit: 2026-11-02 14:02 to 16:20 UTC, 4 commits (author and "
                 "committer dates); a candidate can set these")
    return result


@pytest.mark.parametrize("minutes, said", [
    (45, "45 min"), (138, "2 h 18 min"), (120, "2 h"), (59.6, "1 h"),
    (60 * 24 * 3 + 250, "3 d 4 h"), (60 * 24, "1 d")])
def test_durations_read_as_people_say_them(minutes, said):
    assert duration(minutes) == said


def test_within_the_budget_with_what_it_rests_on(sample):
    line = working_time_line(_timed(sample, 138), sample.spec.time_budget_minutes, str)
    assert line == ("Candidate's time: 2 h 18 min, within the budget of 2 h 30 min. First to "
                    "last commit: 2026-11-02 14:02 to 16:20 UTC, 4 commits (author and "
                    "committer dates); a candidate can set these; a span, breaks included.")


def test_over_the_budget_is_said_plainly_with_by_how_much(sample):
    line = working_time_line(_timed(sample, 185), 150, str)
    assert line.startswith("Candidate's time: 3 h 5 min, over the budget of 2 h 30 min by "
                           "35 min. ")


def test_exactly_the_budget_is_within_it(sample):
    assert "within the budget" in working_time_line(_timed(sample, 150.2), 150, str)


def test_a_recorded_time_is_the_team_s_with_no_caveat(sample):
    result = result_for(sample, "alice", 0.8)
    result.working_time = recorded(T0, T0 + timedelta(minutes=90), "times.csv line 2")
    line = working_time_line(result, 150, str)
    assert line == ("Candidate's time: 1 h 30 min, within the budget of 2 h 30 min. Recorded "
                    "by the team (times.csv line 2): 2026-11-02 14:02 to 15:32 UTC.")


def test_why_the_time_is_not_known_is_said_and_nothing_when_there_was_nothing(sample):
    result = result_for(sample, "alice", 0.8)
    assert working_time_line(result, 150, str) is None
    note = from_file_times([T0] * 5, "zip").note
    result.details["working_time_note"] = note
    assert working_time_line(result, 150, str) == (
        f"Candidate's time: not known ({note}); the budget is 2 h 30 min.")


def test_the_page_header_shows_it_in_every_format_but_not_to_the_candidate(sample, tmp_path):
    result = _timed(sample, 185)
    write_report(build_report(sample, [result]), tmp_path / "team")
    html = (tmp_path / "team" / "candidates" / "alice.html").read_text()
    header = html[html.index('<header id="overview">'):html.index("</header>")]
    assert ('<p class="meta" id="working-time">Candidate&#39;s time: 3 h 5 min, over the '
            "budget of 2 h 30 min by 35 min.") in header
    markdown = (tmp_path / "team" / "candidates" / "alice.md").read_text()
    assert "\n\nCandidate's time: 3 h 5 min, over the budget of 2 h 30 min by 35 min." \
        in markdown.split("## ")[0]
    page = json.loads((tmp_path / "team" / "candidates" / "alice.json").read_text())
    assert page["candidate"]["working_time"].startswith("Candidate's time: 3 h 5 min")

    write_report(build_report(sample, [result], audience="candidate"), tmp_path / "own")
    assert "Candidate's time" not in all_text(tmp_path / "own")
    assert "budget of" not in all_text(tmp_path / "own")


def test_hostile_words_in_the_note_are_made_visible(sample):
    result = result_for(sample, "alice", 0.8)
    result.details["working_time_note"] = "git could not read the history: bad ref \u202eevil"
    page = build_report(sample, [result]).pages[0]
    assert "\u202e" not in page.working_time and "evil" in page.working_time
