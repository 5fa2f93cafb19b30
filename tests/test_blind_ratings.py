"""Blind review stays blind: a blind rating is recorded with the alias its reviewer saw, and
``ratings show|log|export --blind`` name candidates by alias only; store format 4 and the
migration of a real format-3 file (tests/stores/format-3.sqlite, made by the format-3 code)."""

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from test_agreement import IDENTIFYING, blind_aliases_of, cli
from test_agreement import rated as rated  # noqa: F401 (the fixture: three named candidates)

from worksample.store import STORE_FORMAT, ResultStore

FORMAT_3 = Path(__file__).parent / "stores" / "format-3.sqlite"


def named_anyone(text: str, store) -> list[str]:
    """What in ``text`` names a candidate: a word of a name, a submission id or key."""
    keys = [key for _, key in store.submissions("count")]
    return [word for word in (*IDENTIFYING, *keys) if word in text.lower()]


def rate_blind(store, alias, *arguments):
    done = cli(store, "rate", "count", alias, "--blind", *arguments)
    assert done.exit_code == 0, done.output
    return done


def test_a_blind_rating_is_recorded_with_its_alias_and_its_audit_entry_too(rated):
    _, store = rated
    alias = blind_aliases_of(store)["zora-quill"]
    rate_blind(store, alias.split()[-1].lower(), "--reviewer", "cy", "design=4")
    cli(store, "rate", "count", "bram-okafor", "--reviewer", "dee", "design=2")
    blind, open_ = store.ratings("count")[-2:]
    assert (blind.submission_id, blind.blind, blind.alias) == ("zora-quill", True, alias)
    assert (open_.blind, open_.alias) == (False, "")
    entries = store.audit_log("count")[-2:]
    assert [(e.who, e.blind, e.alias) for e in entries] == [("cy", True, alias),
                                                           ("dee", False, "")]
    with sqlite3.connect(store.path) as db:  # in the file, not only in the models
        assert db.execute("SELECT blind, alias FROM ratings ORDER BY id DESC LIMIT 2"
                          ).fetchall() == [(0, ""), (1, alias)]
    db.close()


def test_blind_show_log_and_export_never_name_the_candidate(rated):
    _, store = rated
    aliases = blind_aliases_of(store)
    zora = aliases["zora-quill"]
    rate_blind(store, zora, "--reviewer", "cy", "design=4", "--note",
               "design=Zora Quill (zora@example.com) split it well")
    assert cli(store, "decide", "count", "zora-quill", "advance", "--by", "lee",
               "--reason", "Quill is the strongest").exit_code == 0
    outputs = {
        "show": cli(store, "ratings", "show", "count", "--blind"),
        "show one": cli(store, "ratings", "show", "count", zora, "--blind"),
        "show reviewer": cli(store, "ratings", "show", "count", "--blind", "--reviewer", "ann"),
        "log": cli(store, "ratings", "log", "count", "--blind"),
        "log one": cli(store, "ratings", "log", "count", zora.split()[-1], "--blind"),
        "csv": cli(store, "ratings", "export", "--blind"),
        "json": cli(store, "ratings", "export", "--assignment", "count", "--blind",
                    "--format", "json"),
    }
    for what, shown in outputs.items():
        assert shown.exit_code == 0, (what, shown.output)
        assert zora in shown.output, what
        assert not named_anyone(shown.output, store), (what, shown.output)
    show = outputs["show"].output
    assert f"{zora}: automatic 75, full " in show
    assert "design [reviewer]: ann: 2; bo: 2; cy: 4 ([name] [name] ([email]) split it well)" \
        in show
    assert "decision: advance by lee ([name] is the strongest)" in show
    assert [line.split(":")[0] for line in show.splitlines() if not line.startswith(" ")] == \
        sorted(aliases.values())  # by alias: the order gives no hint of the names
    assert outputs["show one"].output.count("automatic") == 1
    log = outputs["log one"].output.splitlines()
    assert log and all(line.split("\t")[3] == zora for line in log)
    assert [line.split("\t")[2] for line in log[-3:]] == ["rate", "decide", "shown-others"]
    assert log[-3].endswith(f"[blind: {zora}]") and log[-1].endswith(f"[blind: {zora}]")
    # ann was shown others' ratings of each candidate blind: the log says under which alias
    shown_others = [e for e in store.audit_log("count") if e.action == "shown-others"]
    assert {e.alias for e in shown_others} == set(aliases.values())
    assert all(e.blind for e in shown_others)
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].output)))
    assert {row["candidate"] for row in rows} == set(aliases.values())
    assert {row["submission_hash"] for row in rows} == {""}
    assert [row["blind"] for row in rows if row["reviewer"] == "cy" and
            row["candidate"] == zora and row["criterion"] == "design"] == ["True"]
    exported = json.loads(outputs["json"].output)
    assert [d["submission_id"] for d in exported["decisions"]] == [zora]


@pytest.mark.parametrize("command, after", [
    (["ratings", "show", "count"], []), (["ratings", "log", "count"], []),
    (["rate", "count"], ["--reviewer", "cy", "design=3"])])
def test_an_unknown_alias_is_refused_without_naming_anyone(rated, command, after):
    _, store = rated
    refused = cli(store, *command, "Candidate ZZZZZ", *after, "--blind")
    assert refused.exit_code == 2
    assert "no candidate of 'count' has the alias 'Candidate ZZZZZ'" in refused.output
    assert not named_anyone(refused.output, store)


def test_blind_review_keeps_reviewers_independent(rated):
    _, store = rated
    zora = blind_aliases_of(store)["zora-quill"]
    before = cli(store, "ratings", "show", "count", zora, "--blind", "--reviewer", "dee")
    assert "ann" not in before.output and "full hidden until you have rated" in before.output
    rate_blind(store, zora, "--reviewer", "dee", "design=3", "teamwork=3")
    after = cli(store, "ratings", "show", "count", zora, "--blind", "--reviewer", "dee")
    assert "design [reviewer]: ann: 2; bo: 2; dee: 3" in after.output
    rate_blind(store, zora, "--reviewer", "dee", "design=2")
    latest = store.ratings("count")[-1]
    assert (latest.after_seeing_others, latest.blind, latest.alias) == (True, True, zora)
    log = cli(store, "ratings", "log", "count", zora, "--blind").output.splitlines()
    assert log[-1].endswith(f"[after seeing others' ratings] [blind: {zora}]")
    assert not named_anyone("\n".join(log), store)


def test_without_blind_the_commands_name_submissions_and_mark_blind_ratings(rated):
    _, store = rated
    zora = blind_aliases_of(store)["zora-quill"]
    rate_blind(store, zora, "--reviewer", "cy", "design=4")
    show = cli(store, "ratings", "show", "count").output
    assert "zora-quill: automatic 75, full" in show and zora not in show
    log = cli(store, "ratings", "log", "count").output.splitlines()
    assert "\tzora-quill\t" in log[-1] and log[-1].endswith(f"[blind: {zora}]")
    assert not log[0].endswith("]")  # a rating given openly carries no mark
    rows = list(csv.DictReader(io.StringIO(cli(store, "ratings", "export").output)))
    cy = [row for row in rows if row["reviewer"] == "cy" and row["criterion"] == "design"
          and row["candidate"] == "zora-quill"]
    assert [(row["blind"], row["alias"]) for row in cy] == [("True", zora)]
    assert {row["submission_hash"] for row in rows} != {""}


def in_force(store, view=None) -> list[tuple]:
    """The ratings in force, by alias (``view``: alias of each submission id) or id."""
    from worksample.ratings import current

    return sorted(((view or {}).get(r.submission_id, r.submission_id), r.reviewer, r.criterion,
                   r.level, r.note, r.override, r.reason) for r in current(store.ratings()))


def test_a_blind_export_imported_again_changes_nothing_and_an_edit_keeps_the_note(
        rated, tmp_path):
    _, store = rated
    aliases = blind_aliases_of(store)
    zora = aliases["zora-quill"]
    rate_blind(store, zora, "--reviewer", "cy", "design=4", "--note",
               "design=Zora Quill (zora@example.com) split it well")
    cli(store, "rate", "count", "bram-okafor", "--reviewer", "dee", "design=2", "--note",
        "design=Okafor's tests are thin")
    before, log_before = in_force(store), store.audit_log()
    sheet = tmp_path / "panel.csv"
    sheet.write_text(cli(store, "ratings", "export", "--assignment", "count", "--blind").output)

    again = cli(store, "ratings", "import", str(sheet), "--blind")
    assert again.exit_code == 0, again.output
    assert "0 rating(s) imported" in again.output and "(19 unchanged)" in again.output
    assert in_force(store) == before and store.audit_log() == log_before

    # the panel changes one level and leaves the (redacted) note as exported
    rows = list(csv.DictReader(io.StringIO(sheet.read_text())))
    edited = [row for row in rows if row["reviewer"] == "cy" and row["candidate"] == zora
              and row["criterion"] == "design"]
    assert edited[0]["note"] == "[name] [name] ([email]) split it well"
    edited[0]["level"] = "3"
    with sheet.open("w", newline="") as rewritten:
        writer = csv.DictWriter(rewritten, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    changed = cli(store, "ratings", "import", str(sheet), "--blind")
    assert changed.exit_code == 0, changed.output
    assert "1 rating(s) imported" in changed.output and "(18 unchanged)" in changed.output
    assert not named_anyone(again.output + changed.output, store)
    latest = store.ratings("count")[-1]
    assert (latest.submission_id, latest.reviewer, latest.level, latest.note, latest.blind,
            latest.alias) == ("zora-quill", "cy", 3,
                              "Zora Quill (zora@example.com) split it well", True, zora)
    entry = store.audit_log("count")[-1]
    assert (entry.old, entry.new, entry.blind, entry.alias) == (
        "4 (Zora Quill (zora@example.com) split it well)",
        "3 (Zora Quill (zora@example.com) split it well)", True, zora)


def test_a_blind_sheet_imports_into_another_store_by_alias(rated, tmp_path):
    assignment, store = rated
    sheet = tmp_path / "panel.csv"
    sheet.write_text(cli(store, "ratings", "export", "--blind").output)
    other = ResultStore(tmp_path / "other.sqlite")
    sources = sorted((tmp_path / "submissions").iterdir())
    assert cli(other, "grade", str(assignment.root), *map(str, sources)).exit_code == 0
    imported = cli(other, "ratings", "import", str(sheet), "--blind")
    assert imported.exit_code == 0, imported.output
    assert "17 rating(s) imported" in imported.output
    by_alias = {submission_id: alias for submission_id, alias in blind_aliases_of(store).items()}
    assert in_force(other, by_alias) == in_force(store, by_alias)
    assert {(r.blind, r.alias) for r in other.ratings()} == set(
        (True, alias) for alias in by_alias.values())
    other.close()


def test_a_blind_sheet_with_bad_rows_names_the_lines_and_aliases_only(rated, tmp_path):
    _, store = rated
    zora = blind_aliases_of(store)["zora-quill"]
    sheet = tmp_path / "panel.csv"
    sheet.write_text("assignment,candidate,reviewer,criterion,level,note\n"
                     f"count,{zora},dee,design,3,fine\n"
                     "count,Candidate ZZZZZ,dee,design,3,\n"
                     f"count,{zora},dee,design,five,\n"
                     f"count,{zora},dee,accuracy,4,\n"
                     f"count,{zora},dee,nothing,2,\n"
                     "count,zora-quill,dee,design,3,\n")
    refused = cli(store, "ratings", "import", str(sheet), "--blind")
    assert refused.exit_code == 2
    assert "5 bad row(s), nothing imported" in refused.output
    assert "line 3: no candidate of 'count' has the alias 'Candidate ZZZZZ'" in refused.output
    assert "line 4: level 'five' is not one of 1, 2, 3, 4" in refused.output
    assert "line 5: 'accuracy' is scored automatically" in refused.output
    assert f"line 6: count/{zora} has no criterion 'nothing'" in refused.output
    assert "line 7: no candidate of 'count' has the alias 'zora-quill'" in refused.output
    assert not named_anyone(refused.output.replace("'zora-quill'", ""), store)
    assert [r.reviewer for r in store.ratings()].count("dee") == 0

    # an alias in a sheet imported without --blind: told what to do, and nothing imported
    sheet.write_text(f"assignment,candidate,reviewer,criterion,level\ncount,{zora},dee,design,3\n")
    plain = cli(store, "ratings", "import", str(sheet))
    assert plain.exit_code == 2
    assert f"line 2: '{zora}' is an alias of a blind review: import a blind panel's sheet " \
           "with --blind" in plain.output
    assert not named_anyone(plain.output, store)


def _rows(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        rows = db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    db.close()
    return rows


def _schema(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    db.close()
    return rows


def test_a_format_3_store_is_migrated_with_its_ratings_and_audit_log(tmp_path):
    old = shutil.copy(FORMAT_3, tmp_path / "format-3.sqlite")
    ratings, audit = _rows(old, "ratings"), _rows(old, "audit_log")
    assert len(ratings) == 20 and len(audit) == 22

    store = ResultStore(Path(old))
    assert _rows(old, "ratings") == [(*row, 0, "") for row in ratings]  # not blind, no alias
    assert _rows(old, "audit_log") == [(*row, 0, "") for row in audit]
    assert [e.action for e in store.audit_log()][-4:] == ["shown-others", "rate", "override",
                                                        "decide"]
    assert _schema(old) == _schema(ResultStore(tmp_path / "new.sqlite").path)
    for table in ("ratings", "audit_log"):
        for statement in (f"UPDATE {table} SET blind = 1", f"DELETE FROM {table}"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                with sqlite3.connect(old) as db:
                    db.execute(statement)
            db.close()
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == STORE_FORMAT
    db.close()

    zora = blind_aliases_of(store)["zora-quill"]
    rate_blind(store, zora, "--reviewer", "eve", "design=1")
    assert (store.ratings()[-1].blind, store.ratings()[-1].alias) == (True, zora)
    shown = cli(store, "ratings", "show", "count", "--blind")
    assert shown.exit_code == 0 and "eve: 1" in shown.output
    assert not named_anyone(shown.output, store)
    store.close()
