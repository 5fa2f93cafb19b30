"""Reviewers' ratings, overrides, decisions and the audit log: the store, the full-score
arithmetic (checked against values computed by hand) and the commands."""

import csv
import io
import json
import re
import sqlite3

import pytest
from conftest_paths import answers, older_store, write_assignment
from test_store_and_batch import CountingPlugin, run

from worksample.assignments import load
from worksample.errors import WorksampleError
from worksample.ratings import (
    LEVEL_SHARES,
    Decision,
    checked_rating,
    current,
    full_score,
    latest_results,
    rated_result,
)
from worksample.store import STORE_FORMAT, ResultStore

# accuracy (auto) weighs 2; two reviewer criteria weigh 1 each: the rubric's whole weight is 4
CRITERIA = [("accuracy", 2, "auto"), ("design", 1, "reviewer"), ("teamwork", 1, "reviewer")]


@pytest.fixture
def plugin(register_plugin):
    return register_plugin(CountingPlugin(), "count")


def rated_assignment(tmp_path, registry, combine: str | None = None):
    folder = write_assignment(tmp_path / "count", "count", {}, CRITERIA)
    if combine:
        with (folder / "assignment.yaml").open("a") as yaml_file:
            yaml_file.write(f"combine_ratings: {combine}\n")
    return load(folder, registry)


@pytest.fixture
def assignment(tmp_path, registry, plugin):
    return rated_assignment(tmp_path, registry)


@pytest.fixture
def store(tmp_path):
    opened = ResultStore(tmp_path / "store.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def graded(tmp_path, registry, assignment, store):
    """cand000 answered 0.5 (accuracy: 1 of 2 points, level 2), cand001 answered 1."""
    run(assignment, answers(tmp_path, "0.5", "1"), tmp_path, registry, store)
    return rated_result(latest_results(store.results()), "count", "cand000")


def rate(store, result, reviewer, **levels):
    return store.add_ratings([checked_rating(result, criterion=criterion, level=level,
                                             reviewer=reviewer)
                              for criterion, level in levels.items()])


def test_levels_earn_the_least_share_grading_gives_them_and_4_earns_all():
    from worksample.levels import level_for

    assert LEVEL_SHARES == {1: 0.0, 2: 0.4, 3: 0.7, 4: 1.0}
    assert all(level_for(share) == level for level, share in LEVEL_SHARES.items())


@pytest.mark.parametrize("combine, design_share", [("median", 0.4), ("mean", 0.6)])
def test_full_score_by_median_and_by_mean_computed_by_hand(tmp_path, registry, plugin, store,
                                                           combine, design_share):
    assignment = rated_assignment(tmp_path, registry, combine)
    run(assignment, answers(tmp_path, "0.5"), tmp_path, registry, store)
    result, = store.results()
    assert result.combine_ratings == combine
    for reviewer, level in (("ann", 4), ("bo", 2), ("cy", 2)):  # shares 1, 0.4, 0.4
        rate(store, result, reviewer, design=level)
    partial = full_score(result, store.ratings())
    assert (partial.automatic, partial.full, partial.missing) == (50.0, None, ["teamwork"])
    assert partial.text() == "partial (missing: teamwork)"
    rate(store, result, "ann", teamwork=3)  # 0.7 of 1 point
    scored = full_score(result, store.ratings())
    # accuracy 1 of 2 points + design (median 0.4 | mean 0.6) + teamwork 0.7, over 4
    assert scored.points == {"accuracy": 1.0, "design": design_share, "teamwork": 0.7}
    assert scored.full == {"median": 52.5, "mean": 57.5}[combine]


def test_the_median_of_two_reviewers_is_the_mean_of_their_shares(graded, store):
    rate(store, graded, "ann", design=4, teamwork=1)
    rate(store, graded, "bo", design=2, teamwork=1)
    assert full_score(graded, store.ratings()).points["design"] == pytest.approx(0.7)
    assert full_score(graded, store.ratings()).full == pytest.approx(100 * 1.7 / 4)


def test_a_later_rating_by_the_same_reviewer_supersedes_theirs_and_nothing_is_deleted(
        graded, store):
    rate(store, graded, "ann", design=1, teamwork=4)
    rate(store, graded, "bo", design=4)
    assert rate(store, graded, "ann", design=3) != []
    assert rate(store, graded, "ann", design=3) == []  # the same again changes nothing
    history = [(r.reviewer, r.criterion, r.level) for r in store.ratings("count")]
    assert history == [("ann", "design", 1), ("ann", "teamwork", 4), ("bo", "design", 4),
                       ("ann", "design", 3)]
    in_force = sorted((r.reviewer, r.criterion, r.level) for r in current(store.ratings()))
    assert in_force == [("ann", "design", 3), ("ann", "teamwork", 4), ("bo", "design", 4)]
    log = [(e.who, e.action, e.criterion, e.old, e.new) for e in store.audit_log("count")]
    assert log[-1] == ("ann", "rate", "design", "1", "3")
    with sqlite3.connect(store.path) as db, pytest.raises(sqlite3.IntegrityError,
                                                          match="append-only"):
        db.execute("DELETE FROM ratings")
    db.close()


def test_an_override_needs_a_reason_and_keeps_the_automatic_level_beside_it(graded, store):
    with pytest.raises(WorksampleError, match="scored automatically .level 2.*--override"):
        checked_rating(graded, criterion="accuracy", level=4, reviewer="ann")
    with pytest.raises(WorksampleError, match="needs a reason"):
        checked_rating(graded, criterion="accuracy", level=4, reviewer="ann", override=True)
    with pytest.raises(WorksampleError, match="no criterion 'speed'"):
        checked_rating(graded, criterion="speed", level=4, reviewer="ann")
    with pytest.raises(WorksampleError, match="level 5 is not one of 1, 2, 3, 4"):
        checked_rating(graded, criterion="design", level=5, reviewer="ann")
    store.add_ratings([checked_rating(graded, criterion="accuracy", level=4, reviewer="ann",
                                      override=True, reason="the tests miss her fix")])
    rate(store, graded, "ann", design=4, teamwork=4)
    scored = full_score(graded, store.ratings())
    assert (scored.automatic, scored.full) == (50.0, 100.0)
    assert graded.criteria[0].level == 2  # the stored automatic level is untouched
    entry = store.audit_log()[0]
    assert (entry.who, entry.action, entry.criterion, entry.old, entry.new, entry.why) == (
        "ann", "override", "accuracy", "", "4 (the tests miss her fix)", "the tests miss her fix")


def test_ratings_survive_a_regrade_of_the_same_content(tmp_path, graded, registry, assignment,
                                                       store):
    rate(store, graded, "ann", design=4, teamwork=4)
    run(assignment, answers(tmp_path / "again", "0.5"), tmp_path, registry, store, regrade=True)
    regraded = rated_result(latest_results(store.results()), "count", "cand000")
    assert regraded.graded_at > graded.graded_at
    assert full_score(regraded, store.ratings()).full == 75.0
    other = rated_result(latest_results(store.results()), "count", "cand001")
    assert full_score(other, store.ratings()).missing == ["design", "teamwork"]


def test_decisions_are_kept_with_the_audit_log(graded, store):
    first = Decision(assignment_id="count", submission_id="cand000",
                     submission_key=graded.submission_hash, decision="hold", by="lee",
                     reason="wait for the second reviewer")
    store.decide(first)
    store.decide(first.model_copy(update={"decision": "advance", "reason": "both agree"}))
    assert [d.decision for d in store.decisions("count")] == ["hold", "advance"]
    assert [(e.action, e.old, e.new, e.why) for e in store.audit_log()] == [
        ("decide", "", "hold", "wait for the second reviewer"),
        ("decide", "hold", "advance", "both agree")]


FORMAT_2_SCHEMA = """
CREATE TABLE results (
    assignment_id TEXT NOT NULL, assignment_version TEXT NOT NULL,
    submission_key TEXT NOT NULL, submission_id TEXT NOT NULL, submission_source TEXT NOT NULL,
    status TEXT NOT NULL, score REAL, graded_at TEXT NOT NULL, result TEXT NOT NULL,
    PRIMARY KEY (assignment_version, submission_id, submission_key));
CREATE INDEX results_by_assignment ON results (assignment_id, submission_id);
PRAGMA user_version = 2;
"""


def test_a_store_of_format_2_with_results_is_migrated_and_can_take_ratings(tmp_path, graded,
                                                                            store):
    old = older_store(store.path, tmp_path / "format-2.sqlite", FORMAT_2_SCHEMA)

    migrated = ResultStore(old)
    assert sorted((r.submission_id, r.score) for r in migrated.results()) == [
        ("cand000", 50.0), ("cand001", 100.0)]
    assert migrated.ratings() == [] and migrated.audit_log() == []
    alice = rated_result(latest_results(migrated.results()), "count", "cand000")
    rate(migrated, alice, "ann", design=2)
    assert [r.level for r in migrated.ratings("count")] == [2]
    migrated.close()
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == STORE_FORMAT
    db.close()


# --- The commands -----------------------------------------------------------------------------


def cli(store, *arguments):
    from click.testing import CliRunner

    from worksample.cli import cli as worksample

    return CliRunner().invoke(worksample, [*arguments, "--store", str(store.path)])


@pytest.mark.parametrize("arguments, message", [
    (["cand000", "speed=3"], "count/cand000 has no criterion 'speed'; its criteria: accuracy, "
                             "design, teamwork"),
    (["cand000", "design=5"], "level '5' is not one of 1, 2, 3, 4"),
    (["cand000", "design"], "rating 'design': write CRITERION=VALUE"),
    (["cand000", "accuracy=4"], "'accuracy' is scored automatically (level 2); to replace its "
                                "level, give it with --override accuracy=LEVEL --reason"),
    (["cand000", "--override", "accuracy=4"], "overriding 'accuracy' needs a reason"),
    (["cand000", "--override", "design=4", "--reason", "x"], "'design' is a reviewer criterion"),
    (["cand000", "design=3", "--note", "teamwork=nice"], "--note for teamwork, which this"),
    (["nobody", "design=3"], "no graded result for submission 'nobody' of assignment 'count'"),
])
def test_rate_refuses_with_one_line_and_exit_2(graded, store, arguments, message):
    refused = cli(store, "rate", "count", *arguments, "--reviewer", "ann")
    assert refused.exit_code == 2
    assert refused.output.startswith("worksample: error: ") and message in refused.output
    assert refused.output.count("\n") == 1
    assert store.ratings() == [] and store.audit_log() == []


def test_rate_show_and_log_keep_reviewers_independent(graded, store):
    rated = cli(store, "rate", "count", "cand000", "--reviewer", "ann", "design=4", "teamwork=2",
                "--note", "design=clear modules", "--override", "accuracy=3",
                "--reason", "a flaky test")
    assert rated.exit_code == 0, rated.output
    assert "3 rating(s) of count/cand000 by ann recorded" in rated.output

    before = cli(store, "ratings", "show", "count", "cand000", "--reviewer", "bo")
    assert "ann" not in before.output and "clear modules" not in before.output
    assert "full hidden until you have rated each criterion" in before.output
    assert "others' ratings are hidden until bo has rated each reviewer criterion" in before.output
    assert cli(store, "rate", "count", "cand000", "--reviewer", "bo", "design=2").exit_code == 0
    half = cli(store, "ratings", "show", "count", "cand000", "--reviewer", "bo")
    assert "ann" not in half.output and "design [reviewer]: bo: 2" in half.output
    assert cli(store, "rate", "count", "cand000", "--reviewer", "bo", "teamwork=2").exit_code == 0
    assert not any(e.action == "shown-others" for e in store.audit_log())

    after = cli(store, "ratings", "show", "count", "cand000", "--reviewer", "bo")
    # accuracy overridden to 3: 0.7 x 2 = 1.4; design: median(1, 0.4) = 0.7; teamwork: 0.4;
    # (1.4 + 0.7 + 0.4) / 4 = 62.5
    assert "cand000: automatic 50, full 62.5" in after.output
    assert "design [reviewer]: ann: 4 (clear modules); bo: 2" in after.output
    assert "accuracy [auto, level 2]: ann: override 3 (a flaky test)" in after.output
    assert cli(store, "rate", "count", "cand000", "--reviewer", "bo", "design=3").exit_code == 0
    assert [r.after_seeing_others for r in store.ratings()] == [False] * 5 + [True]
    log = cli(store, "ratings", "log", "count").output.splitlines()
    assert [line.split("\t")[1:3] for line in log] == [
        ["ann", "rate"], ["ann", "rate"], ["ann", "override"], ["bo", "rate"], ["bo", "rate"],
        ["bo", "shown-others"], ["bo", "rate"]]
    assert log[-2].split("\t")[4:6] == ["", "- -> ann"]
    assert log[-1].endswith("2 -> 3\t [after seeing others' ratings]")
    everyone = cli(store, "ratings", "show", "count")  # no --reviewer: the coordinator's view
    assert "cand001: automatic 100, full partial (missing: design, teamwork)" in everyone.output


RATINGS_CSV = """\
assignment,candidate,reviewer,criterion,level,note,reason
count,cand000,ann,design,3,tidy,
count,cand000,ann,teamwork,five,,
count,cand000,ann,accuracy,4,,
count,cand000,bo,design,4,,
count,nobody,bo,design,4,,
count,cand001,bo,accuracy,4,,"'=the tests miss a case"
"""


def test_a_rating_replaces_the_earlier_one_whole_and_the_log_keeps_its_note(graded, store):
    noted = cli(store, "rate", "count", "cand000", "--reviewer", "ann", "design=2", "--note",
                "design=tangled", "teamwork=3", "--note", "teamwork=kind")
    assert noted.exit_code == 0 and "earlier note" not in noted.output
    again = cli(store, "rate", "count", "cand000", "--reviewer", "ann", "design=3")
    assert again.exit_code == 0, again.output
    assert "the earlier note on design is not part of the new rating (`ratings log` keeps it" \
        in again.output
    assert sorted((r.criterion, r.level, r.note) for r in current(store.ratings())) == [
        ("design", 3, ""), ("teamwork", 3, "kind")]
    assert store.audit_log("count")[-1].old == "2 (tangled)"
    assert "2 (tangled) -> 3" in cli(store, "ratings", "log", "count", "cand000").output
    # another reviewer's note is not theirs to lose
    other = cli(store, "rate", "count", "cand000", "--reviewer", "bo", "teamwork=2")
    assert "earlier note" not in other.output


def test_commands_about_an_assignment_take_its_folder_as_well_as_its_id(assignment, graded,
                                                                          store):
    folder = str(assignment.root)
    rated = cli(store, "rate", folder, "cand000", "--reviewer", "ann", "design=3", "teamwork=2")
    assert rated.exit_code == 0, rated.output
    assert "2 rating(s) of count/cand000 by ann recorded" in rated.output
    decided = cli(store, "decide", f"{folder}/assignment.yaml", "cand000", "hold", "--by", "lee",
                  "--reason", "later")
    assert decided.exit_code == 0 and "count/cand000: hold" in decided.output
    assert store.decisions("count")[-1].assignment_id == "count"
    for command in (["ratings", "show", folder], ["ratings", "log", folder],
                    ["agreement", folder]):
        by_folder, by_id = cli(store, *command), cli(store, *command[:-1], "count")
        assert by_folder.exit_code == 0 and by_folder.output == by_id.output, command


def test_ratings_import_names_each_bad_line_and_imports_nothing(tmp_path, graded, store):
    sheet = tmp_path / "ratings.csv"
    sheet.write_text(RATINGS_CSV)
    refused = cli(store, "ratings", "import", str(sheet))
    assert refused.exit_code == 2
    assert f"{sheet}: 3 bad row(s), nothing imported:" in refused.output
    assert "  line 3: level 'five' is not one of 1, 2, 3, 4" in refused.output
    assert "  line 4: 'accuracy' is scored automatically" in refused.output
    assert "  line 6: no graded result for submission 'nobody'" in refused.output
    assert store.ratings() == [] and store.audit_log() == []

    good = "\n".join(line for number, line in enumerate(RATINGS_CSV.splitlines(), 1)
                     if number not in (3, 4, 6))
    sheet.write_text(good)
    imported = cli(store, "ratings", "import", str(sheet))
    assert imported.exit_code == 0, imported.output
    assert "3 rating(s) imported" in imported.output
    assert [(r.reviewer, r.criterion, r.level, r.note, r.override, r.reason)
            for r in store.ratings()] == [
        ("ann", "design", 3, "tidy", False, ""), ("bo", "design", 4, "", False, ""),
        ("bo", "accuracy", 4, "", True, "=the tests miss a case")]
    again = cli(store, "ratings", "import", str(sheet))
    assert "0 rating(s) imported" in again.output and "(3 unchanged)" in again.output
    header = cli(store, "ratings", "import", str(tmp_path / "ratings.csv"), "--assignment", "x")
    assert header.exit_code == 0  # the file's own assignment column wins
    sheet.write_text("who,level\nann,3\n")
    no_header = cli(store, "ratings", "import", str(sheet))
    assert no_header.exit_code == 2 and "the header has no column candidate, reviewer" in \
        no_header.output


def test_ratings_export_round_trips_through_import(tmp_path, registry, assignment, graded,
                                                   store):
    cli(store, "rate", "count", "cand000", "--reviewer", "ann", "design=4", "teamwork=1",
        "--note", "design=+1 for the tests", "--override", "accuracy=3", "--reason", "flaky")
    cli(store, "rate", "count", "cand001", "--reviewer", "bo", "design=2")
    exported = cli(store, "ratings", "export", "--format", "csv")
    assert "'+1 for the tests" in exported.output  # spreadsheet-safe
    sheet = tmp_path / "export.csv"
    sheet.write_text(exported.output)

    other = ResultStore(tmp_path / "other.sqlite")
    run(assignment, answers(tmp_path / "copy", "0.5", "1"), tmp_path, registry, other)
    assert cli(other, "ratings", "import", str(sheet)).exit_code == 0

    def in_force(opened):
        return sorted((r.submission_id, r.submission_key, r.reviewer, r.criterion, r.level,
                       r.note, r.override, r.reason) for r in current(opened.ratings()))

    assert in_force(other) == in_force(store) and len(in_force(store)) == 4
    as_json = cli(other, "ratings", "export", "--format", "json")
    assert {r["reviewer"] for r in json.loads(as_json.output)["ratings"]} == {"ann", "bo"}
    other.close()


def test_decide_records_the_decision_in_the_audit_log_and_the_export(graded, store):
    held = cli(store, "decide", "count", "cand000", "hold", "--by", "lee", "--reason", "unsure")
    assert held.exit_code == 0 and "count/cand000: hold (by lee)" in held.output
    cli(store, "decide", "count", "cand000", "advance", "--by", "lee", "--reason", "bo agrees")
    assert cli(store, "decide", "count", "cand000", "maybe", "--by", "lee",
               "--reason", "x").exit_code == 2
    assert cli(store, "decide", "count", "nobody", "hold", "--by", "lee",
               "--reason", "x").exit_code == 2
    exported = json.loads(cli(store, "ratings", "export", "--format", "json").output)
    decision, = exported["decisions"]
    assert (decision["decision"], decision["by"], decision["reason"]) == (
        "advance", "lee", "bo agrees")
    assert [(e.action, e.who, e.old, e.new) for e in store.audit_log()] == [
        ("decide", "lee", "", "hold"), ("decide", "lee", "hold", "advance")]
    shown = cli(store, "ratings", "show", "count", "cand000")
    assert "  decision: advance by lee (bo agrees)" in shown.output


def test_results_list_and_export_show_the_automatic_and_the_full_score(graded, store):
    cli(store, "rate", "count", "cand000", "--reviewer", "ann", "design=4", "teamwork=3")
    cli(store, "rate", "count", "cand001", "--reviewer", "ann", "design=1")
    cli(store, "decide", "count", "cand000", "advance", "--by", "lee", "--reason", "strong")
    listed = [line.split("\t") for line in cli(store, "results", "list").output.splitlines()]
    # cand000: accuracy 1 of 2, design 1, teamwork 0.7: 2.7 / 4 = 67.5
    assert [row[2:7] for row in listed] == [
        ["cand000", "graded", "50", "67.5", "advance"],
        ["cand001", "graded", "100", "partial (missing: teamwork)", "-"]]
    rows = list(csv.DictReader(io.StringIO(cli(store, "results", "export").output)))
    assert [(r["score"], r["full_score"], r["missing_ratings"], r["decision"], r["decided_by"],
             r["decision_reason"], r["points:design"]) for r in rows] == [
        ("50.0", "67.5", "", "advance", "lee", "strong", ""),
        ("100.0", "", "teamwork", "", "", "", "")]
    exported = json.loads(cli(store, "results", "export", "--format", "json").output)
    assert [(r["score"], r["review"]["full_score"], r["review"]["missing_ratings"])
            for r in exported] == [(50.0, 67.5, []), (100.0, None, ["teamwork"])]
    assert exported[0]["review"]["decision"]["decision"] == "advance"
    assert exported[0]["review"]["points"] == {"accuracy": 1.0, "design": 1.0, "teamwork": 0.7}


def test_the_table_after_grade_shows_the_full_score(tmp_path, registry, assignment, graded,
                                                    store, monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)
    monkeypatch.setenv("COLUMNS", "200")
    cli(store, "rate", "count", "cand000", "--reviewer", "ann", "design=4", "teamwork=3")
    again = cli(store, "grade", str(assignment.root), *map(str, answers(tmp_path / "b", "0.5")))
    assert again.exit_code == 0, again.output
    assert "full score" in again.output and "│ 67.5 " in again.output


def test_the_candidate_page_shows_ratings_the_full_score_and_the_decision(
        tmp_path, registry, assignment, graded, store, monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)
    cli(store, "rate", "count", "cand000", "--reviewer", "ann", "design=4", "teamwork=1",
        "--note", "teamwork=never asked", "--override", "accuracy=3", "--reason", "flaky test")
    cli(store, "decide", "count", "cand000", "hold", "--by", "lee", "--reason", "ask about teams")

    def page(*options):
        out = tmp_path / "report" / "-".join(options or ["all"])
        made = cli(store, "report", str(assignment.root), "--out", str(out), "--format", "md",
                   "--format", "json", "--format", "html", *options)
        assert made.exit_code == 0, made.output
        return ((out / "candidates" / "cand000.md").read_text(),
                json.loads((out / "candidates" / "cand000.json").read_text())["candidate"])

    text, data = page()
    # accuracy overridden to 3: 0.7 x 2; design 4: 1; teamwork 1: 0: (1.4 + 1) / 4 = 60
    assert "**Full score 60 of 100**, with reviewers' ratings." in text
    assert "Decision: **hold** by lee" in text and "ask about teams" in text
    assert "- ann: override, level 3: flaky test" in text
    assert "- ann: level 1: never asked" in text
    assert (data["full_score"], data["decision"]["decision"]) == (60.0, "hold")
    html = (tmp_path / "report" / "all" / "candidates" / "cand000.html").read_text()
    assert "<strong>Full score 60</strong> of 100" in html and "<strong>hold</strong>" in html
    index = (tmp_path / "report" / "all" / "index.html").read_text()
    assert re.search(r'<td class="num"[^>]*>50</td>\s*<td class="num"[^>]*>60</td>', index)
    design = next(c for c in data["criteria"] if c["id"] == "design")
    assert (design["points"], design["level"], design["needs_rating"]) == (1.0, 4, False)
    accuracy = next(c for c in data["criteria"] if c["id"] == "accuracy")
    assert (accuracy["points"], accuracy["level"]) == (1.0, 2)  # the automatic level stays
    kinds = {(q["criterion_id"], q["kind"]) for q in data["guide"]["hiring_manager"]}
    assert kinds == {("accuracy", "confirm"), ("design", "confirm"), ("teamwork", "probe")}

    hidden_text, hidden = page("--reviewer", "bo")
    assert "ann" not in hidden_text and hidden["ratings_hidden"] and hidden["full_score"] is None
    assert "Full score: hidden until you have rated each criterion." in hidden_text
    other = json.loads((tmp_path / "report" / "--reviewer-bo" / "candidates" / "cand001.json")
                       .read_text())["candidate"]
    # the criteria not rated yet, by their titles
    assert other["missing_ratings"] == ["Design", "Teamwork"] and not other["ratings_hidden"]
    candidate_text, _ = page("--audience", "candidate")
    assert "ann" not in candidate_text and "Full score" not in candidate_text
