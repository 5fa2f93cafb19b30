"""Candidate text that reaches a result, a terminal or a spreadsheet: stored, shown, never
obeyed. Lone surrogates, control characters and formula prefixes, through every door."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from conftest_paths import answers, write_assignment
from pydantic import BaseModel

from worksample import hookimpl
from worksample.assignments import load
from worksample.batch import BatchOptions, grade_batch
from worksample.cli import cli
from worksample.console import print_results_table
from worksample.export import write_csv
from worksample.models import (
    AssignmentType,
    Check,
    CriterionOutcome,
    Grade,
    GradeResult,
    IntegrityFlag,
    Status,
)
from worksample.safe_text import one_line, spreadsheet_cell, valid_utf8, visible
from worksample.store import ResultStore

LONE = "\udcff"  # what candidate code's ValueError("\udcff") or a utf-7 "+2AA-" gives


class EchoSection(BaseModel):
    pass


class EchoPlugin:
    """Grades type 'echo': the submission's answer.txt, as bytes decoded with
    surrogateescape, goes into every text field of the result; 'unstorable' in it puts an
    object no JSON can hold into the details."""

    @hookimpl
    def worksample_register_assignment_types(self, register):
        register(AssignmentType(name="echo", section_model=EchoSection, grade=self.grade))

    def grade(self, assignment, submission):
        said = (submission.root / "answer.txt").read_bytes().decode("utf-8", "surrogateescape")
        details = {"said": [said, {said: said}]}
        if "unstorable" in said:
            details["object"] = object()
        return Grade(criteria={"accuracy": CriterionOutcome(fraction=1, evidence=[said])},
                     checks=[Check(id=said, kind="test", outcome="passed", message=said)],
                     flags=[IntegrityFlag(kind="echo", evidence=said)], details=details)


@pytest.fixture
def echo(tmp_path, registry, register_plugin):
    register_plugin(EchoPlugin(), "echo")
    return load(write_assignment(tmp_path / "echo", "echo", {}, [("accuracy", 1, "auto")]),
                registry)


def test_valid_utf8_replaces_lone_surrogates_and_joins_pairs():
    assert valid_utf8("ok") == "ok" and valid_utf8("é") == "é"
    assert valid_utf8(f"a{LONE}b\ud800") == "a\ufffdb\ufffd"
    assert valid_utf8("\ud83d\ude00") == "\U0001f600"
    assert valid_utf8("\ude00\ud83d") == "\ufffd\ufffd"


def test_every_string_of_a_result_becomes_storable(tmp_path):
    result = GradeResult(
        worksample_version="x", submission_id="s", submission_source="s", assignment_id="a",
        assignment_version="v", assignment_type="t", status=Status.ERROR,
        message=f"ValueError('{LONE}')", details={"traceback": [LONE, {LONE: (LONE,)}]},
        flags=[IntegrityFlag(kind="k", evidence=LONE)])
    text = result.model_dump_json()
    assert "\\ufffd" in text or "\ufffd" in text
    store = ResultStore(tmp_path / "store.sqlite")
    store.save(result)
    assert next(store.results()).flags[0].evidence == "\ufffd"


def test_a_surrogate_from_a_plugin_is_stored_and_the_batch_goes_on(tmp_path, registry, echo):
    sources = answers(tmp_path, b"fine", b"bad \xff byte", b"also fine")
    store = ResultStore(tmp_path / "store.sqlite")
    items = grade_batch(echo, sources, tmp_path, registry, store, BatchOptions(jobs=2))
    assert sorted(item.result.status for item in items) == [Status.GRADED] * 3
    stored = {r.submission_id: r for r in store.results()}
    assert stored["cand001"].flags[0].evidence == "bad \ufffd byte"
    assert stored["cand001"].details["said"][1] == {"bad \ufffd byte": "bad \ufffd byte"}


def test_a_stored_result_reads_back_identical_without_the_repair(tmp_path, registry, echo):
    # The store's read path skips the UTF-8 repair (models.ResultModel): what a plugin's
    # surrogates, a joined pair, controls and non-ASCII text became on saving must read back
    # unchanged, and equal to the same JSON validated the untrusted way.
    sources = answers(tmp_path, b"bad \xff byte, " + "\U0001f600 é \x1b[2J \u202e".encode()
                      + b" \xed\xa0\xbd\xed\xb8\x80")
    store = ResultStore(tmp_path / "store.sqlite")
    [item] = grade_batch(echo, sources, tmp_path, registry, store, BatchOptions(jobs=1))
    [stored] = store.results()
    assert item.result.work is not None  # kept in tables of its own, never read back with it
    assert stored == item.result.model_copy(update={"work": None})
    assert stored.model_dump_json() == item.result.model_dump_json()
    text = item.result.model_dump_json()
    assert GradeResult.from_stored_json(text) == GradeResult.model_validate_json(text) == stored
    assert stored.flags[0].evidence == ("bad \ufffd byte, \U0001f600 é \x1b[2J \u202e "
                                        + "\ufffd" * 6)
    assert LONE not in stored.model_dump_json()


def test_only_the_stores_json_skips_the_repair():
    # Untrusted input is repaired as before: a plugin's Grade, a result built in the core,
    # and a result validated from Python data. JSON cannot carry a lone surrogate at all:
    # pydantic's parser refuses one, so from_stored_json cannot let one in either.
    grade = Grade(criteria={"c": CriterionOutcome(fraction=1, evidence=[LONE])},
                  checks=[Check(id=LONE, kind="test", outcome="passed")])
    assert grade.criteria["c"].evidence == ["\ufffd"] and grade.checks[0].id == "\ufffd"
    fields = dict(worksample_version="x", submission_id=LONE, submission_source="s",
                  assignment_id="a", assignment_version="v", assignment_type="t",
                  status=Status.ERROR, details={LONE: [LONE]})
    for result in (GradeResult(**fields), GradeResult.model_validate(fields)):
        assert result.submission_id == "\ufffd" and result.details == {"\ufffd": ["\ufffd"]}
    with pytest.raises(ValueError, match="surrogate"):
        GradeResult.from_stored_json(
            GradeResult(**{**fields, "submission_id": "s"}).model_dump_json().replace(
                '"submission_id":"s"', '"submission_id":"\\udcff"'))


def test_a_result_that_cannot_be_stored_is_stored_as_an_error_and_the_rest_are_kept(
        tmp_path, registry, echo):
    sources = answers(tmp_path, b"fine", b"unstorable", b"also fine")
    store = ResultStore(tmp_path / "store.sqlite")
    items = grade_batch(echo, sources, tmp_path, registry, store, BatchOptions(jobs=2))
    by_id = {item.result.submission_id: item.result for item in items}
    assert by_id["cand001"].status == Status.ERROR
    assert "its result could not be stored (PydanticSerializationError" in by_id["cand001"].message
    stored = {r.submission_id: r.status for r in store.results()}
    assert stored == {"cand000": Status.GRADED, "cand001": Status.ERROR,
                      "cand002": Status.GRADED}


ESCAPES = "\x1b[2J\x1b[1A\x9b1A\x07[bold red]styled[/]\u202e"


def test_the_results_table_shows_control_characters_instead_of_obeying_them(capsys):
    result = GradeResult(
        worksample_version="x", submission_id="s", submission_source="s", assignment_id="a",
        assignment_version="v", assignment_type="t", status=Status.REJECTED,
        message=f"entry {ESCAPES}", flags=[IntegrityFlag(kind=f"k{ESCAPES}", evidence=ESCAPES)])
    print_results_table([result])
    shown = capsys.readouterr().out
    for character in "\x1b\x9b\x07\u202e":
        assert character not in shown
    assert "[bold red]styled[/]" in shown  # printed as written, not read as Rich markup


def test_cli_errors_naming_a_file_show_its_control_characters_as_text(tmp_path):
    named = tmp_path / "a\x1b[2Jb"
    named.mkdir()
    clash = tmp_path / "other" / named.name
    clash.mkdir(parents=True)
    outcome = CliRunner().invoke(cli, ["grade", "inventory-reservations", str(named),
                                       str(clash)])
    assert outcome.exit_code == 2
    assert "\x1b" not in outcome.output and "a\ufffd[2Jb" in outcome.output


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2", "@SUM(A1)",
                                  "\tx", "\rx"])
def test_spreadsheet_cells_that_would_be_formulas_are_written_as_text(cell):
    assert spreadsheet_cell(cell) == "'" + one_line(cell)
    assert spreadsheet_cell("plain") == "plain" and visible("a\x1bb") == "a\ufffdb"


def test_csv_export_neutralises_formulas_from_candidate_text():
    result = GradeResult(
        worksample_version="x", submission_id="s", submission_source="s", assignment_id="a",
        assignment_version="v", assignment_type="t", status=Status.REJECTED,
        message="=HYPERLINK(\"http://evil\",\"open\")", score=None)
    output = io.StringIO()
    write_csv([result], output)
    row = list(csv.DictReader(io.StringIO(output.getvalue())))[0]
    assert row["message"] == "'=HYPERLINK(\"http://evil\",\"open\")"


def test_every_invisible_or_reordering_character_is_shown_not_obeyed():
    """Unicode's format characters (held to the database: zero-width spaces, direction marks,
    tags, the byte-order mark ...), the line separators and the blank Hangul fillers all read
    U+FFFD; the two joiners that shape scripts and emoji stay, as do letters and marks."""
    import unicodedata

    hidden = [chr(p) for p in range(0x110000) if unicodedata.category(chr(p)) in ("Cf", "Zl", "Zp")
              and chr(p) not in "\u200c\u200d"] + [
        "\u3164", "\u115f", "\u1160", "\uffa0",  # blank fillers
        "\u034f", "\u17b4", "\u180b", "\ufe00", "\ufe0d", "\U000e0100", "\U000e01ef",
        "\U000e0fff", "\ufff0", "\u2800"]  # ignorable: they can spell a hidden message
    assert len(hidden) > 150
    for character in hidden:
        assert visible(f"bo{character}b") == "bo\ufffdb", hex(ord(character))
    kept = ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0645 \U0001f469\u200d\U0001f4bb Müller e\u0301"
            " \u2764\ufe0f \u263a\ufe0e \u2801")
    assert visible(kept) == kept


def test_one_line_shows_a_line_break_so_that_no_line_can_be_forged():
    assert (one_line("a\nbob [hidden-text]: forged\u2028x")
            == "a\u23cebob [hidden-text]: forged\ufffdx")


def test_a_candidates_line_break_cannot_print_a_line_of_its_own_in_the_table(capsys):
    forged = "bob [hidden-text]: 40 words a reader would not see"
    result = GradeResult(
        worksample_version="x", submission_id="eve", submission_source="s", assignment_id="a",
        assignment_version="v", assignment_type="t", status=Status.REJECTED,
        message=f"entry x\n{forged}\n", flags=[IntegrityFlag(kind="k", evidence=f"y\n{forged}")])
    print_results_table([result])
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith("bob")]
    assert any(line.startswith("eve (rejected): entry x\u23cebob") for line in lines)


@pytest.mark.parametrize("cell", [" =1+1", "\xa0=1+1", "\u3000@SUM(A1)", "\uff1dHYPERLINK(\"x\")",
                                  "\ufe62 1", "\uff0d1+2"])
def test_a_formula_after_spaces_or_in_full_width_form_is_written_as_text(cell):
    assert spreadsheet_cell(cell) == "'" + cell


def test_csv_export_obeys_no_control_character_when_printed_to_a_terminal():
    result = GradeResult(
        worksample_version="x", submission_id="s", submission_source="s", assignment_id="a",
        assignment_version="v", assignment_type="t", status=Status.REJECTED,
        message="a zip holding \x1b]0;PWNED\x07\x1b]8;;http:evil\x07click, \u009b2J, \u202eexe.txt"
                "\nforged line")
    output = io.StringIO()
    write_csv([result], output)
    written = output.getvalue()
    for character in "\x1b\x07\u009b\u202e":
        assert character not in written
    assert written.count("\n") == 2  # the header and the one row: the break reads ⏎


@pytest.mark.parametrize("columns", ["80", "100", "133"])
@pytest.mark.parametrize("blank", [" ", "\u3000", "\u2800"])
def test_no_wrapped_line_of_a_candidates_text_starts_where_the_graders_lines_start(
        capsys, monkeypatch, columns, blank):
    # a run of blanks wider than the terminal lands the next words at a line's start
    monkeypatch.setenv("COLUMNS", columns)
    forged = "carol (graded): 100, every check passed"
    long = f"ok{blank * (int(columns) + 5)} {forged}"
    result = GradeResult(
        worksample_version="x", submission_id="dave", submission_source="s", assignment_id="a",
        assignment_version="v", assignment_type="t", status=Status.REJECTED, message=long,
        flags=[IntegrityFlag(kind="hidden-text", evidence=f"“{long}”")])
    print_results_table([result])
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith("carol")]
    assert [line for line in lines if line.startswith("dave (rejected):")]


def test_a_long_message_or_evidence_is_cut_short_under_the_table(capsys):
    result = GradeResult(
        worksample_version="x", submission_id="dave", submission_source="s", assignment_id="a",
        assignment_version="v", assignment_type="t", status=Status.REJECTED,
        message="m" * 5000, flags=[IntegrityFlag(kind="k", evidence="e" * 5000)])
    print_results_table([result])
    shown = capsys.readouterr().out
    assert 350 < shown.count("m") < 450 and 350 < shown.count("e") < 450
    assert "m…" in shown and "e…" in shown


def test_a_rejection_quoting_what_the_candidate_controls_is_cut_short():
    from worksample.errors import SubmissionRejected

    said = SubmissionRejected("is not a Word document: a zip holding " + "x" * 70000,
                              path="analysis.docx")
    assert len(said.message) == SubmissionRejected.MAX_REASON and said.message.endswith("…")
    assert str(said).startswith("analysis.docx: is not a Word document")
