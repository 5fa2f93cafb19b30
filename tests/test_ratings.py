"""Reviewers' ratings, overrides, decisions and the audit log: the store, the full-score
arithmetic (checked against values computed by hand) and the commands."""

import sqlite3

import pytest
from conftest_paths import answers, write_assignment
from test_store_and_batch import CountingPlugin, run

from worksample.assignments import load
from worksample.errors import WorksampleError
from worksample.ratings import (
    LEVEL_SHARES,
    Decision,
    checked_rating,
    current,
    full_score,
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
    return rated_result(store.results(), "count", "cand000")


def rate(store, result, reviewer, **levels):
    return store.add_ratings([checked_rating(result, criterion=criterion, level=level,
                                             reviewer=reviewer)
                              for criterion, level in levels.items()])


def test_levels_earn_the_least_share_grading_gives_them_and_4_earns_all():
    from worksample.grading import level_for

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
    regraded = rated_result(store.results(), "count", "cand000")
    assert regraded.graded_at > graded.graded_at
    assert full_score(regraded, store.ratings()).full == 75.0
    other = rated_result(store.results(), "count", "cand001")
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
    with sqlite3.connect(store.path) as db:
        rows = db.execute("SELECT * FROM results").fetchall()
    db.close()
    old = tmp_path / "format-2.sqlite"
    with sqlite3.connect(old) as db:
        db.executescript(FORMAT_2_SCHEMA)
        db.executemany("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?)", rows)
    db.close()

    migrated = ResultStore(old)
    assert sorted((r.submission_id, r.score) for r in migrated.results()) == [
        ("cand000", 50.0), ("cand001", 100.0)]
    assert migrated.ratings() == [] and migrated.audit_log() == []
    rate(migrated, rated_result(migrated.results(), "count", "cand000"), "ann", design=2)
    assert [r.level for r in migrated.ratings("count")] == [2]
    migrated.close()
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == STORE_FORMAT == 3
    db.close()
