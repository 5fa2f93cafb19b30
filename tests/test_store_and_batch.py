"""The results store and batch grading, with a throwaway plugin (no container needed)."""

import csv
import io
import json
import sqlite3
import threading

import pytest
from click.testing import CliRunner
from conftest_paths import answers, older_store, write_assignment
from pydantic import BaseModel

from worksample import __version__, hookimpl
from worksample.assignments import load
from worksample.batch import BatchOptions, grade_batch
from worksample.cli import cli
from worksample.errors import InfrastructureError, WorksampleError
from worksample.grading import RetryPolicy
from worksample.models import AssignmentType, CriterionOutcome, Grade, Status
from worksample.store import STORE_FORMAT, ResultStore

NO_WAIT = RetryPolicy(attempts=3, first_delay_s=0.0)


class CountSection(BaseModel):
    pass


class CountingPlugin:
    """Grades type 'count' from answer.txt, counting calls; can fail on purpose."""

    def __init__(self):
        self.calls = 0
        self.failures_left = 0
        self.failure = InfrastructureError("engine went away")
        self.lock = threading.Lock()
        self.held_after: int | None = None  # calls past this many wait for ``release``
        self.release = threading.Event()

    @hookimpl
    def worksample_register_assignment_types(self, register):
        register(AssignmentType(name="count", section_model=CountSection, grade=self.grade))

    def grade(self, assignment, submission):
        with self.lock:
            self.calls += 1
            if self.failures_left:
                self.failures_left -= 1
                raise self.failure
            held = self.held_after is not None and self.calls > self.held_after
        if held:
            self.release.wait(timeout=30)
        fraction = float((submission.root / "answer.txt").read_text())
        return Grade(criteria={"accuracy": CriterionOutcome(fraction=fraction)})


@pytest.fixture
def plugin(register_plugin):
    return register_plugin(CountingPlugin(), "count")


@pytest.fixture
def assignment(tmp_path, registry, plugin):
    return load(write_assignment(tmp_path / "count", "count", {}, [("accuracy", 1, "auto")]),
                registry)


@pytest.fixture
def store(tmp_path):
    opened = ResultStore(tmp_path / "store.sqlite")
    yield opened
    opened.close()


def run(assignment, sources, tmp_path, registry, store, **options):
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)
    options.setdefault("retry", NO_WAIT)
    return grade_batch(assignment, sources, workdir, registry, store, BatchOptions(**options))


def test_results_are_stored_and_a_rerun_grades_nothing(tmp_path, registry, plugin, assignment,
                                                       store):
    sources = answers(tmp_path, "1", "0.5", "0")
    first = run(assignment, sources, tmp_path, registry, store, jobs=2)
    assert plugin.calls == 3 and not any(item.from_store for item in first)
    again = run(assignment, sources, tmp_path, registry, store, jobs=2)
    assert plugin.calls == 3 and all(item.from_store for item in again)
    assert sorted(i.result.score for i in again) == [0.0, 50.0, 100.0]
    regraded = run(assignment, sources, tmp_path, registry, store, regrade=True)
    assert plugin.calls == 6 and not any(item.from_store for item in regraded)


def test_the_same_files_from_two_candidates_are_two_results(tmp_path, registry, plugin,
                                                            assignment, store):
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    for folder in (alice, bob):
        folder.mkdir()
        (folder / "answer.txt").write_text("1")
    first = run(assignment, [alice, bob], tmp_path, registry, store, jobs=2)
    assert plugin.calls == 2 and not any(item.from_store for item in first)
    assert sorted(r.submission_id for r in store.results()) == ["alice", "bob"]
    again = run(assignment, [alice, bob], tmp_path, registry, store, jobs=2)
    assert plugin.calls == 2 and all(item.from_store for item in again)
    assert sorted(item.result.submission_id for item in again) == ["alice", "bob"]


def test_the_same_files_moved_elsewhere_are_the_same_submission(tmp_path, registry, plugin,
                                                                 assignment, store):
    first, = answers(tmp_path, "1")
    run(assignment, [first], tmp_path, registry, store)
    moved = tmp_path / "inbox" / first.name
    moved.parent.mkdir()
    first.rename(moved)
    item, = run(assignment, [moved], tmp_path, registry, store)
    assert item.from_store and plugin.calls == 1


def test_a_changed_assignment_gets_new_results_and_the_old_ones_stay(tmp_path, registry, plugin,
                                                                      assignment, store):
    sources = answers(tmp_path, "1")
    run(assignment, sources, tmp_path, registry, store)
    (assignment.root / "brief.md").write_text("A new brief.")
    changed = load(assignment.root, registry)
    assert changed.version != assignment.version
    item, = run(changed, sources, tmp_path, registry, store)
    assert not item.from_store and plugin.calls == 2
    versions = sorted(r.assignment_version for r in store.results(assignment.id))
    assert versions == sorted([assignment.version, changed.version])


def test_infrastructure_errors_are_retried_then_stored_as_errors(tmp_path, registry, plugin,
                                                                  assignment, store):
    sources = answers(tmp_path, "1")
    plugin.failures_left = 2
    item, = run(assignment, sources, tmp_path, registry, store)
    assert item.result.status == Status.GRADED and plugin.calls == 3
    plugin.failures_left = 99
    item, = run(assignment, answers(tmp_path / "more", "0.5"), tmp_path, registry, store)
    assert item.result.status == Status.ERROR and item.result.score is None
    assert item.result.message == "engine went away (after 3 attempts)"
    assert plugin.calls == 6


def test_retry_errors_grades_stored_errors_again(tmp_path, registry, plugin, assignment, store):
    sources = answers(tmp_path, "1")
    plugin.failures_left = 3
    run(assignment, sources, tmp_path, registry, store)
    item, = run(assignment, sources, tmp_path, registry, store)
    assert item.from_store and item.result.status == Status.ERROR  # kept, not retried
    item, = run(assignment, sources, tmp_path, registry, store, retry_errors=True)
    assert item.result.status == Status.GRADED
    assert store.get(assignment.version, item.result.submission_id,
                     item.result.submission_hash).status == Status.GRADED


def test_errors_the_user_must_fix_are_not_retried(tmp_path, registry, plugin, assignment, store):
    plugin.failure, plugin.failures_left = WorksampleError("bad assignment"), 1
    item, = run(assignment, answers(tmp_path, "1"), tmp_path, registry, store)
    assert item.result.status == Status.ERROR and plugin.calls == 1


def test_retry_backoff_doubles():
    policy = RetryPolicy(attempts=4, first_delay_s=1.0)
    assert [policy.delay_after(n) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]


def test_parallel_batch_grades_each_once(tmp_path, registry, plugin, assignment, store):
    sources = answers(tmp_path, *[str(i / 40) for i in range(40)])
    items = run(assignment, sources, tmp_path, registry, store, jobs=8)
    assert len(items) == 40 and plugin.calls == 40
    assert len(list(store.results())) == 40


def test_ctrl_c_keeps_what_finished(tmp_path, registry, plugin, assignment, store):
    sources = answers(tmp_path, "1", "0.9", "0.8", "0.7")  # four distinct submissions
    seen = []
    # the third waits until Ctrl-C has landed: however loaded the machine, the fourth is
    # still queued then, and is cancelled
    plugin.held_after = 2

    def interrupt_after_two(item):
        seen.append(item)
        if len(seen) == 2:
            threading.Timer(0.3, plugin.release.set).start()
            raise KeyboardInterrupt

    workdir = tmp_path / "work"
    workdir.mkdir()
    with pytest.raises(KeyboardInterrupt):
        grade_batch(assignment, sources, workdir, registry, store,
                    BatchOptions(jobs=1, retry=NO_WAIT), on_item=interrupt_after_two)
    kept = len(list(store.results()))
    assert 2 <= kept < 4
    plugin.held_after = None
    rerun = run(assignment, sources, tmp_path, registry, store)
    assert sum(not item.from_store for item in rerun) == 4 - kept
    assert list(workdir.iterdir()) == []


class _InterruptedAt:
    """A store connection on which Ctrl-C lands just after ``statement`` has run."""

    def __init__(self, db, statement):
        self.db, self.statement = db, statement

    def execute(self, sql, *args):
        cursor = self.db.execute(sql, *args)
        if sql.startswith(self.statement):
            self.statement = "never again"
            raise KeyboardInterrupt
        return cursor

    def __getattr__(self, name):
        return getattr(self.db, name)


@pytest.mark.parametrize("statement", ["BEGIN", "INSERT", "COMMIT"])
def test_ctrl_c_while_a_result_is_saved_stops_the_batch_and_stores_no_false_error(
        tmp_path, registry, plugin, assignment, store, statement):
    """Seen in CI: Ctrl-C just after COMMIT made the ROLLBACK fail, and that error hid the
    interrupt: the result was stored as an ``error`` and the batch went on to the end. Just
    after BEGIN, it left a transaction open. The result whose save was cut short is saved
    while the batch stops."""
    sources = answers(tmp_path, "1", "0.5", "0")
    store._db = _InterruptedAt(store._db, statement)
    with pytest.raises(KeyboardInterrupt):
        run(assignment, sources, tmp_path, registry, store, jobs=1)
    kept = list(store.results())
    assert all(result.status == Status.GRADED for result in kept)
    assert str(sources[0]) in {result.submission_source for result in kept}  # saved again
    store._db.execute("BEGIN IMMEDIATE")  # no transaction was left open
    store._db.execute("ROLLBACK")


def test_a_bug_of_ours_costs_one_submission_not_the_batch(tmp_path, registry, plugin,
                                                          assignment, store, monkeypatch):
    import worksample.grading as grading_module

    sources = answers(tmp_path, "1", "0.5", "0")
    real_extracted = grading_module.extracted

    def extracted_or_fail(source, *args):
        if source == sources[1]:
            raise RuntimeError("a bug in intake")
        return real_extracted(source, *args)

    monkeypatch.setattr(grading_module, "extracted", extracted_or_fail)
    items = run(assignment, sources, tmp_path, registry, store, jobs=2)
    by_source = {item.source: item.result for item in items}
    assert by_source[sources[0]].score == 100 and by_source[sources[2]].score == 0
    failed = by_source[sources[1]]
    assert failed.status == Status.ERROR and failed.score is None
    assert "worksample failed on this submission: RuntimeError('a bug in intake')" in \
        failed.message
    assert "RuntimeError" in failed.details["traceback"]


def test_store_survives_reopening_and_rejects_a_corrupt_file(tmp_path, registry, plugin,
                                                             assignment):
    path = tmp_path / "kept.sqlite"
    first = ResultStore(path)
    run(assignment, answers(tmp_path, "1"), tmp_path, registry, first)
    first.close()
    assert [r.score for r in ResultStore(path).results()] == [100.0]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WorksampleError, match="cannot open the results store"):
        ResultStore(broken)


FORMAT_1_SCHEMA = """
CREATE TABLE results (
    assignment_id TEXT NOT NULL, assignment_version TEXT NOT NULL,
    submission_key TEXT NOT NULL, submission_id TEXT NOT NULL, submission_source TEXT NOT NULL,
    status TEXT NOT NULL, score REAL, graded_at TEXT NOT NULL, result TEXT NOT NULL,
    PRIMARY KEY (assignment_version, submission_key));
CREATE INDEX results_by_assignment ON results (assignment_id, submission_id);
"""


def test_a_store_of_the_first_format_is_migrated_with_every_result(tmp_path, registry, plugin,
                                                                   assignment, store):
    alice, = answers(tmp_path, "0.5")
    run(assignment, [alice], tmp_path, registry, store)
    old = older_store(store.path, tmp_path / "format-1.sqlite", FORMAT_1_SCHEMA)

    migrated = ResultStore(old)
    kept, = migrated.results()
    assert (kept.submission_id, kept.score) == ("cand000", 50.0)
    bob = tmp_path / "bob"
    bob.mkdir()
    (bob / "answer.txt").write_text("0.5")  # the same files as alice's
    item, = run(assignment, [bob], tmp_path, registry, migrated)
    assert not item.from_store
    assert sorted(r.submission_id for r in migrated.results()) == ["bob", "cand000"]
    migrated.close()
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == STORE_FORMAT
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    db.close()
    assert sorted(name for name, in tables) == ["audit_log", "decisions", "fingerprints",
                                               "leaks", "ratings", "results", "reviewers",
                                               "work_files", "works"]


def test_a_store_written_by_a_newer_worksample_is_refused_and_left_alone(tmp_path):
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as db:
        db.execute("CREATE TABLE results (anything TEXT)")
        db.execute(f"PRAGMA user_version = {STORE_FORMAT + 1}")
    db.close()
    before = newer.read_bytes()
    with pytest.raises(WorksampleError, match="newer worksample") as refused:
        ResultStore(newer)
    assert str(newer) in str(refused.value)
    assert newer.read_bytes() == before


def test_a_database_that_is_not_a_results_store_is_refused_and_left_alone(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE results (note TEXT)")
        db.execute("INSERT INTO results VALUES ('keep me')")
    db.close()
    with pytest.raises(WorksampleError, match="cannot open the results store: no such column"):
        ResultStore(other)
    with sqlite3.connect(other) as db:
        assert db.execute("SELECT * FROM results").fetchall() == [("keep me",)]
        assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    db.close()


def test_rejected_submissions_are_stored_by_path(tmp_path, registry, plugin, assignment, store):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"junk")
    item, = run(assignment, [bad], tmp_path, registry, store)
    assert item.result.status == Status.REJECTED
    stored, = store.results()
    assert stored.status == Status.REJECTED


def test_two_submissions_with_the_same_name_are_refused_before_anything_is_graded(
        tmp_path, registry, plugin, assignment, monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)
    monkeypatch.chdir(tmp_path)
    for drive in ("drive1", "drive2"):
        (tmp_path / drive / "alice").mkdir(parents=True)
        (tmp_path / drive / "alice" / "answer.txt").write_text("1")
    bob, = answers(tmp_path, "0.5")
    refused = CliRunner().invoke(cli, ["grade", str(assignment.root), "drive1/alice", str(bob),
                                       str(tmp_path / "drive2" / "alice")])
    assert refused.exit_code == 2
    assert (f"'alice': {tmp_path / 'drive1' / 'alice'}, {tmp_path / 'drive2' / 'alice'}"
            in refused.output)
    assert "Nothing was graded" in refused.output
    assert plugin.calls == 0 and not (tmp_path / "worksample-results.sqlite").exists()
    api_store = ResultStore(tmp_path / "api.sqlite")
    with pytest.raises(WorksampleError, match="would get the same name"):  # the core refuses too
        run(assignment, [tmp_path / "drive1" / "alice", tmp_path / "drive2" / "alice"],
            tmp_path, registry, api_store)
    api_store.close()
    assert plugin.calls == 0
    # the same folder given twice is no clash
    twice = CliRunner().invoke(cli, ["grade", str(assignment.root), "drive1/alice",
                                     str(tmp_path / "drive1" / "alice")])
    assert twice.exit_code == 0, twice.output


def test_a_path_that_does_not_exist_is_a_command_error_and_nothing_is_graded(
        tmp_path, registry, plugin, assignment, monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)
    monkeypatch.chdir(tmp_path)
    good, = answers(tmp_path, "1")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"junk")
    typos = CliRunner().invoke(cli, ["grade", str(assignment.root), str(good), "alcie.zip",
                                     str(broken), "submissions/bobb"])
    assert typos.exit_code == 2
    assert ("no such file or folder: 'alcie.zip', 'submissions/bobb'. Nothing was graded"
            in typos.output)
    assert plugin.calls == 0 and not (tmp_path / "results.sqlite").exists()  # conftest's store
    # a path that exists but is no valid submission is graded, and stored as rejected
    graded = CliRunner().invoke(cli, ["grade", str(assignment.root), str(good), str(broken)])
    assert graded.exit_code == 0 and "(1 graded, 1 rejected)" in graded.output


def test_cli_grade_twice_then_list_show_export(tmp_path, registry, plugin, assignment,
                                               monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)
    sources = [str(s) for s in answers(tmp_path, "1", "0.25")]
    runner = CliRunner()
    first = runner.invoke(cli, ["grade", str(assignment.root), *sources, "-j", "2"])
    assert first.exit_code == 0, first.output
    assert "2 new result(s) (2 graded), 0 already in the store" in first.output
    second = runner.invoke(cli, ["grade", str(assignment.root), *sources])
    assert "0 new result(s), 2 already in the store" in second.output and plugin.calls == 2
    assert "--regrade grades them again" in second.output

    listed = runner.invoke(cli, ["results", "list", "--assignment", "count"])
    assert listed.exit_code == 0 and listed.output.count("\tgraded\t") == 2
    shown = runner.invoke(cli, ["results", "show", "cand001"])
    assert json.loads(shown.output)[0]["score"] == 25.0
    missing = runner.invoke(cli, ["results", "show", "nobody"])
    assert missing.exit_code == 2 and "no stored result for 'nobody'" in missing.output

    exported = runner.invoke(cli, ["results", "export", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert [(r["submission_id"], r["score"], r["points:accuracy"]) for r in rows] == [
        ("cand000", "100.0", "1.0"), ("cand001", "25.0", "0.25")]
    as_json = runner.invoke(cli, ["results", "export", "--format", "json"])
    assert len(json.loads(as_json.output)) == 2


def test_cli_summary_counts_errors_and_rejections_apart_from_graded(
        tmp_path, registry, plugin, assignment, monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)
    good, = answers(tmp_path, "1")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"junk")
    runner = CliRunner()
    assert runner.invoke(cli, ["grade", str(assignment.root), str(good)]).exit_code == 0

    flaky = tmp_path / "flaky"
    flaky.mkdir()
    (flaky / "answer.txt").write_text("0.5")
    plugin.failures_left = 1  # its only attempt fails: stored as error
    args = ["grade", str(assignment.root), str(good), str(bad), str(flaky), "-j", "1",
            "--retries", "1"]
    second = runner.invoke(cli, args)
    assert second.exit_code == 1, second.output
    assert (f"2 new result(s) (1 rejected, 1 error), 1 already in the store "
            f"({tmp_path / 'results.sqlite'})" in second.output)
    assert "--regrade grades them again; --retry-errors grades the errors again" in second.output


def test_cli_summary_names_results_an_older_grader_version_stored(
        tmp_path, registry, plugin, assignment, monkeypatch):
    import worksample.plugins as plugins_module

    monkeypatch.setattr(plugins_module, "_registry", registry)
    sources = [str(s) for s in answers(tmp_path, "1", "0.5")]
    runner = CliRunner()
    assert runner.invoke(cli, ["grade", str(assignment.root), *sources]).exit_code == 0
    store = ResultStore(tmp_path / "results.sqlite")
    first = next(store.results())
    store.save(first.model_copy(update={"worksample_version": "0.0.9"}))  # as an old release
    store.close()

    again = runner.invoke(cli, ["grade", str(assignment.root), *sources])
    assert again.exit_code == 0 and plugin.calls == 2
    assert (f"0 new result(s), 2 already in the store ({tmp_path / 'results.sqlite'}) "
            f"(1 of them graded by worksample 0.0.9; this is {__version__}); "
            "--regrade grades them again") in again.output


def test_a_result_and_its_fingerprints_are_saved_in_one_transaction(tmp_path, store):
    from worksample.models import GradeResult
    from worksample.work import KeptWork, WorkFile

    result = GradeResult(
        worksample_version=__version__, submission_id="alice",
        submission_source=str(tmp_path / "alice"), submission_hash="first",
        assignment_id="count", assignment_version="v1", assignment_type="count",
        status=Status.GRADED, score=50.0,
        work=KeptWork(files=[WorkFile(path="answer.txt", size=3, kind="text", text="0.5")]))
    row = (1, b"runs", b"lines", "digest", "")
    store.save(result, fingerprints=row)
    assert store.fingerprints("count") == {("submission", "alice", "first"): row}

    other = result.model_copy(update={"submission_hash": "second"})
    with pytest.raises(sqlite3.Error):  # a row the store refuses: the result goes with it
        store.save(other, fingerprints=row[:3])
    assert store.keys("v1", "alice") == {"first"}
    assert store.work("count", "alice", "second") is None

    store.save(other)  # saved without them: none kept, the first's untouched
    assert store.keys("v1", "alice") == {"first", "second"}
    assert list(store.fingerprints("count")) == [("submission", "alice", "first")]


def test_fingerprints_the_store_refuses_never_cost_the_grade(tmp_path, store):
    """The batch saves a result with its worker's fingerprints in one transaction; should the
    store refuse those, the result is saved without them (they are made again later), never
    turned into an error."""
    from worksample.batch import BatchItem, saved
    from worksample.models import GradeResult

    result = GradeResult(
        worksample_version=__version__, submission_id="bob",
        submission_source=str(tmp_path / "bob"), submission_hash="h",
        assignment_id="count", assignment_version="v1", assignment_type="count",
        status=Status.GRADED, score=75.0, fingerprints=(1, b"runs", b"lines"))  # refused
    item = saved(BatchItem(tmp_path / "bob", result, from_store=False), store)
    assert item.result.status == Status.GRADED and item.result.score == 75.0
    kept = store.get("v1", "bob", "h")
    assert kept is not None and kept.status == Status.GRADED and kept.score == 75.0
    assert store.fingerprints("count") == {}
