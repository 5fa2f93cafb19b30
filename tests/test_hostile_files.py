"""Hostile files on the grader's host, through the real CLI: each gets its outcome, within a
time bound, and every other result of the batch is stored.

The files are built by ``hostile/files.py`` (each one reproduced its attack on the code
before the limited workers: a crash of the whole batch, a hang, gigabytes of memory). The
graders run as their own processes, as a hiring team runs them, on copies of the sample
assignments with tight ``host_limits``, so that a limit hit is quick.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from conftest_paths import ROOT, WORKSAMPLE
from hostile.files import (
    ARCHIVE_CASES,
    CASE_CASES,
    FORGED_LINE,
    TEXT_CASES,
    _pdf_file,
    pdf_form_drawn_again,
)

from worksample.intake import submission_id_for

EMAIL = ROOT / "assignments" / "support-replies"
CASE = ROOT / "assignments" / "pricing-review"
GOOD_REPLIES = ROOT / "examples" / "support-replies" / "excellent"
GOOD_ANALYSIS = ROOT / "examples" / "pricing-review" / "strong.md"
LIMITS = {"cpu_seconds": 5, "memory_mb": 512, "wall_seconds": 15}
GRADER_MEMORY_MB = 300  # the grader process itself, workers apart
SLOWEST_SECONDS = 10  # any one hostile file, end to end; the limits make it so

# name -> (status, words the message must hold); graded ones are checked for valid text
TEXT_OUTCOMES = {
    "eml-utf7-lone-surrogate": ("graded", ""),
    "eml-utf7-lone-surrogate-html": ("graded", ""),
    "html-style-unclosed-rule": ("graded", ""),
    "html-style-never-closed": ("graded", ""),
    "eml-nested-comments": ("graded", ""),
    "eml-nested-comments-disposition": ("graded", ""),
    "reply-name-with-escapes": ("rejected", "name contains control characters"),
    "reply-text-with-escapes-and-formulas": ("graded", ""),
    "html-unknown-marked-section": ("graded", ""),
    "reply-one-long-word": ("graded", ""),
    "eml-content-type-parameter-cut": ("graded", ""),
    "reply-capital-dotted-i": ("graded", ""),
    "reply-letters-equal-only-without-case": ("graded", ""),
    "reply-leads-before-a-request": ("graded", ""),
    "replies-of-acknowledging-verbs": ("graded", ""),
    "replies-of-conditions-and-readers": ("graded", ""),
    "replies-of-one-letter-lines": ("graded", ""),
    "html-tails-in-unnamed-files": ("graded", ""),
    "html-style-nested-brackets": ("graded", ""),
    "html-style-colours-slow-to-match": ("graded", ""),
    "eml-nested-multiparts": ("graded", ""),
}
CASE_OUTCOMES = {
    "markdown-open-brackets": ("rejected", '200,000 "[", each tried as a link or an image'),
    "markdown-link-openers": ("rejected", '200,000 "[", each tried as a link or an image'),
    "docx-heading-of-spaces": ("graded", ""),
    "docx-huge-media-part": ("rejected", "its parts unpack to 2049 MB"),
    "pdf-tounicode-surrogate": ("graded", ""),
    "pdf-tounicode-surrogate-range": ("graded", ""),
    "document-name-formula": ("rejected", "is an old Word .doc file"),
    "pdf-escapes-in-encoding-name": ("graded", ""),
    "docx-member-name-not-utf8": ("rejected", "not a readable zip package (UnicodeDecodeError"),
    "docx-member-names-forge-lines": ("rejected", "is not a Word document: a zip holding 0"),
    "markdown-unknown-marked-section": ("graded", ""),
    "markdown-capital-dotted-i": ("graded", ""),
    "docx-cell-spanning-columns": ("graded", ""),
    "docx-merged-cells-chain": ("graded", ""),
    "docx-a-style-for-each-paragraph": ("graded", ""),
    "docx-fields-that-never-end": ("graded", ""),
    "docx-crowded-package": ("rejected", "parts; Word documents of more than 2,000 are not read"),
    "markdown-one-sentence-of-cues": ("graded", ""),
    "markdown-letters-equal-only-without-case": ("graded", ""),
    "markdown-label-with-small-words": ("graded", ""),
    "markdown-run-of-spaces": ("graded", ""),
    "markdown-many-stated-moves": ("graded", ""),
    "markdown-run-on-with-it": ("graded", ""),
    "markdown-names-and-changes": ("graded", ""),
    "markdown-many-section-headings": ("graded", ""),
    "markdown-table-of-a-long-header": ("graded", ""),
    "docx-run-of-many-kinds": ("graded", ""),
    "docx-style-of-many-children": ("graded", ""),
    "docx-header-of-one-long-word": ("graded", ""),
    "docx-empty-runs": ("rejected", "250,005 paragraphs, runs and tables, rows and cells; "
                                    "documents of more than 100,000 are not read"),
    "docx-style-named-at-length": ("graded", ""),
    "docx-table-styles-based-on-a-crowded-one": ("graded", ""),
    "markdown-tables-filled-out": ("rejected", "analysis.md: the Markdown has tables of more "
                                               "than 50,000 cells, each row counted as wide as "
                                               "its table's header"),
    "docx-tables-filled-out": ("rejected", "tables of more than 50,000 cells"),
    "docx-tables-on-a-line-of-styles": ("graded", ""),
}
ARCHIVE_OUTCOMES = {
    "tar-negative-size": "a negative size",
    "tar-pax-digits": "a pax header of 2,000,000 bytes (the limit is 8,192)",
    "tar-pax-declares-3gib": "a pax header of 3,221,225,472 bytes",
    "targz-pax-3gib-present": "a pax header of 3,221,225,472 bytes",
    "targz-skipped-8gib": "more than 50 MiB once extracted (every member counts",
    "zip-skipped-2gib": "more than 50 MiB once extracted",
    "zip-skipped-many": "more than 8000 entries (every entry counts",
    "tar-gnu-long-name": "a GNU long-name header of 4,000,014 bytes",
    "tar-pax-long-path": "a pax header of 4,000,027 bytes",
    "tar-pax-smuggled-member": "two pax headers for one member",
    "zip-encrypted-entry": "corrupt or unreadable zip: RuntimeError",
    "zip-unknown-method": "corrupt or unreadable zip: NotImplementedError",
    "zip-corrupt-deflate": "corrupt or unreadable zip: error: Error -3",
}


def limited_copy(assignment: Path, folder: Path, **limits) -> Path:
    """A copy of ``assignment`` with these ``host_limits``."""
    copy = folder / assignment.name
    shutil.copytree(assignment, copy)
    data = yaml.safe_load((copy / "assignment.yaml").read_text())
    data["host_limits"] = limits
    (copy / "assignment.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return copy


def grader(arguments: list[str], folder: Path) -> tuple[int, str, int, float]:
    """Run `worksample` as its own process with a private TMPDIR and store in ``folder``;
    its exit code, stdout, the grader process's own peak memory in MB (its workers apart),
    and the wall time. Whatever it and its workers print on stderr must hold no escape."""
    private_tmp = folder / "tmp"
    private_tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(private_tmp),
           "WORKSAMPLE_STORE": str(folder / "results.sqlite"),
           "WORKSAMPLE_CACHE_DIR": str(folder / "cache")}
    started = time.monotonic()
    with open(folder / "stdout.txt", "w") as stdout, \
            open(folder / "stderr.txt", "w") as stderr:  # files: a full pipe would block it
        process = subprocess.Popen([WORKSAMPLE,
                                    *arguments], stdout=stdout, stderr=stderr, env=env,
                                   cwd=folder)
        peak_kb = 0
        while process.poll() is None:  # VmHWM: this process's peak, not its children's
            peak_kb = max(peak_kb, _high_water_kb(process.pid))
            time.sleep(0.05)
    output = (folder / "stdout.txt").read_text()
    printed = (folder / "stderr.txt").read_text(errors="replace")
    assert "\x1b" not in printed and "\x9b" not in printed, printed[:2000]  # shown, not obeyed
    return process.returncode, output, peak_kb // 1024, time.monotonic() - started


def _high_water_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0
    return int(line.split()[1])


def build(cases, folder: Path) -> dict[str, Path]:
    folder.mkdir()
    return {name: builder(folder) for name, builder in cases.items()}


def graded_batch(assignment: Path, built: dict[str, Path], good: Path, folder: Path):
    """Grade the hostile files and one good submission in one batch; the results by case
    name (the good one as 'good'), the grader's peak memory and the batch's wall time."""
    sources = [*built.values(), good]
    exit_code, output, peak_mb, seconds = grader(
        ["grade", str(assignment), *map(str, sources), "--json", "-j", "2"], folder)
    assert exit_code == 0, output[-2000:]
    by_id = {r["submission_id"]: r for r in json.loads(output)}
    results = {name: by_id[submission_id_for(path)] for name, path in built.items()}
    results["good"] = by_id[submission_id_for(good)]
    return results, peak_mb, seconds


def check_outcomes(results, outcomes) -> None:
    for name, (status, words) in outcomes.items():
        result = results[name]
        assert result["status"] == status, (name, result["message"])
        assert words in result["message"], (name, result["message"])
        assert result["durations"]["total_s"] < SLOWEST_SECONDS, name
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in json.dumps(result,
                                                                         ensure_ascii=False))


def stored(folder: Path, assignment: Path) -> dict[str, str]:
    exit_code, output, _, _ = grader(["results", "export", "--format", "json"], folder)
    assert exit_code == 0
    return {r["submission_id"]: r["status"] for r in json.loads(output)}


def test_hostile_email_replies_get_their_outcomes_and_the_batch_is_stored(tmp_path):
    assignment = limited_copy(EMAIL, tmp_path, **LIMITS)
    built = build(TEXT_CASES, tmp_path / "replies")
    results, peak_mb, _ = graded_batch(assignment, built, GOOD_REPLIES, tmp_path)
    check_outcomes(results, TEXT_OUTCOMES)
    assert results["good"]["score"] == 100
    assert peak_mb < GRADER_MEMORY_MB
    # the lone surrogates of the utf-7 replies are stored as U+FFFD in the quoted evidence
    quoted = json.dumps(results["eml-utf7-lone-surrogate"]["checks"], ensure_ascii=False)
    assert "\ufffd" in quoted
    # a reply its parser fails on is that reply's problem, said, and scores nothing
    failed = results["eml-content-type-parameter-cut"]
    assert "cannot be read: its parser failed on it" in json.dumps(failed)
    assert failed["score"] < 70
    # "<![--", on which Python's parser failed, is a comment to its first ">" to a browser, and
    # to the grader's tokenizer now (prose/tags.py): the reply is read
    assert not results["html-unknown-marked-section"]["details"]["replies"]["late-refund"][
        "problem"]
    # nesting past any real message or style is the candidate's: that reply's problem, or
    # text kept apart as hidden, and the other replies graded
    nested = results["eml-nested-multiparts"]["details"]["replies"]
    assert "more than 50 parts that hold other parts" in nested["late-refund"]["problem"]
    assert not nested["double-charge"]["problem"] and not nested["missing-invoices"]["problem"]
    styled = results["html-style-nested-brackets"]
    assert not styled["details"]["replies"]["double-charge"]["problem"]
    assert any(flag["kind"] == "hidden-text" and "brackets nested 600 deep" in flag["evidence"]
               for flag in styled["flags"])
    slow = results["html-style-colours-slow-to-match"]
    assert not slow["details"]["replies"]["late-refund"]["problem"]
    assert any(flag["kind"] == "hidden-text" and "too many style rules" in flag["evidence"]
               for flag in slow["flags"])
    # files named after no email are read for what they name up to a reply's size for each
    # email; those past it are named as not read
    ignored = results["html-tails-in-unnamed-files"]["details"]["ignored_files"]
    assert len(ignored) == 20 and sum("(not read: " in name for name in ignored) == 4  # 16 fit
    assert len(stored(tmp_path, assignment)) == len(built) + 1
    # a rerun reads them all back from the store: nothing crashes on the way out either
    exit_code, output, _, _ = grader(["grade", str(assignment), *map(str, built.values()),
                                      str(GOOD_REPLIES)], tmp_path)
    assert exit_code == 0 and "\x1b" not in output and "\x9b" not in output


def test_hostile_case_analyses_get_their_outcomes_and_the_batch_is_stored(tmp_path):
    assignment = limited_copy(CASE, tmp_path, **LIMITS)
    built = build(CASE_CASES, tmp_path / "analyses")
    results, peak_mb, _ = graded_batch(assignment, built, GOOD_ANALYSIS, tmp_path)
    check_outcomes(results, CASE_OUTCOMES)
    assert results["good"]["score"] == 100
    assert peak_mb < GRADER_MEMORY_MB
    assert "\ufffd" in json.dumps(results["pdf-tounicode-surrogate"], ensure_ascii=False)
    assert len(stored(tmp_path, assignment)) == len(built) + 1
    exit_code, output, _, _ = grader(["results", "export", "--format", "csv"], tmp_path)
    rows = {row["submission_id"]: row for row in csv.DictReader(io.StringIO(output))}
    formula = rows[submission_id_for(built["document-name-formula"])]
    assert formula["message"].startswith("'=HYPERLINK(")
    forging = rows[submission_id_for(built["docx-member-names-forge-lines"])]["message"]
    assert len(forging) < 1100 and "\n" not in forging
    # the results table, as a reviewer reads it: no candidate's text starts a line
    exit_code, output, _, _ = grader(["grade", str(assignment), *map(str, built.values())],
                                     tmp_path)
    assert exit_code == 0 and "(rejected): " in output
    assert not [line for line in output.splitlines() if line.startswith(FORGED_LINE[:7])]


def test_hostile_archives_are_refused_before_they_are_read(tmp_path):
    assignment = limited_copy(EMAIL, tmp_path, **LIMITS)
    built = build(ARCHIVE_CASES, tmp_path / "archives")
    results, peak_mb, seconds = graded_batch(assignment, built, GOOD_REPLIES, tmp_path)
    for name, words in ARCHIVE_OUTCOMES.items():
        assert results[name]["status"] == "rejected", (name, results[name]["message"])
        assert words in results[name]["message"], (name, results[name]["message"])
        assert len(results[name]["message"]) < 1000
    assert results["good"]["score"] == 100
    assert peak_mb < GRADER_MEMORY_MB
    assert seconds < 60  # before: three of them never ended
    assert len(stored(tmp_path, assignment)) == len(built) + 1
    assert os.listdir(tmp_path / "tmp") == []  # nothing extracted is left behind


def huge_analysis(folder: Path) -> Path:
    """A legitimate analysis near the 10 MB document limit: seconds of CPU to read. Its
    table's bars are made slashes: 1,400 copies of the table would be more cells than an
    analysis's tables may make (``tables.CELLS_MOST``), refused before any limit is reached."""
    text = GOOD_ANALYSIS.read_text().replace("|", "/") + "\n"
    path = folder / "huge.md"
    path.write_text(text * (9_000_000 // len(text)))
    return path


@pytest.mark.parametrize("limits, words", [
    ({"cpu_seconds": 1}, "took more than 1 s of CPU to read and check; it was stopped "
                         "(the assignment's host_limits.cpu_seconds)"),
    ({"cpu_seconds": 60, "wall_seconds": 1}, "took more than 1 s to read and check"),
    ({"memory_mb": 64}, "64 MB"),
], ids=["cpu", "wall", "memory"])
def test_each_host_limit_stops_reading_and_the_batch_goes_on(tmp_path, limits, words):
    assignment = limited_copy(CASE, tmp_path, **limits)
    huge = huge_analysis(tmp_path)
    exit_code, output, _, seconds = grader(
        ["grade", str(assignment), str(huge), str(GOOD_ANALYSIS), "--json"], tmp_path)
    assert exit_code == 0
    results = {r["submission_id"]: r for r in json.loads(output)}
    assert results["huge.md"]["status"] == "rejected"
    assert words in results["huge.md"]["message"]
    assert results["strong.md"]["score"] == 100  # the worker was replaced; the next one graded
    assert seconds < 30



def test_a_pdf_that_pypdf_reads_slowly_is_stopped_at_the_cpu_limit(tmp_path):
    # a class of pypdf's own costs, not fixed here (docs/security.md): a form drawn 1,000
    # times is parsed again for each draw. The CPU limit stops it; the batch goes on
    assignment = limited_copy(CASE, tmp_path, **LIMITS)
    said, good, seconds = graded_beside_a_good_analysis(
        assignment, pdf_form_drawn_again(tmp_path), tmp_path)
    assert said["status"] == "rejected"
    assert "took more than 5 s of CPU to read and check" in said["message"], said["message"]
    assert good["score"] == 100
    assert seconds < LIMITS["wall_seconds"] + 15


def graded_beside_a_good_analysis(assignment: Path, document: Path, folder: Path):
    """``document`` and the good analysis graded in one batch: the document's result, the
    good one's, and the batch's wall time."""
    exit_code, output, _, seconds = grader(
        ["grade", str(assignment), str(document), str(GOOD_ANALYSIS), "--json"], folder)
    assert exit_code == 0
    results = {r["submission_id"]: r for r in json.loads(output)}
    return results[submission_id_for(document)], results[GOOD_ANALYSIS.name], seconds


def docx_of_empty_paragraphs(folder: Path) -> Path:
    """A well-formed Word document whose body is 400,000 empty paragraphs (a 4 MB part, well
    under the document limit): reading it needs more memory than 64 MB."""
    import zipfile as zipped

    path = folder / "paragraphs.docx"
    with zipped.ZipFile(GOOD_ANALYSIS.with_suffix(".docx")) as good, \
            zipped.ZipFile(path, "w", zipped.ZIP_DEFLATED) as out:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 400_000, 1)
            out.writestr(info.filename, data)
    return path


def pdf_of_one_huge_stream(folder: Path) -> Path:
    """A 100 KB PDF whose one page shows one string of 38 MB, deflated."""
    import zlib

    text = b"BT /F1 11 Tf 72 720 Td (" + b"churn fell " * 3_500_000 + b") Tj ET"
    data = zlib.compress(text, 9)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data \
        + b"\nendstream"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
               b"<< /F1 5 0 R >> >> /Contents 4 0 R >>", stream,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    path = folder / "stream.pdf"
    path.write_bytes(_pdf_file(objects))
    return path


@pytest.mark.parametrize("build", [docx_of_empty_paragraphs, pdf_of_one_huge_stream],
                         ids=["docx", "pdf"])
def test_memory_run_out_inside_a_document_reader_is_the_limit_not_a_corrupt_file(
        tmp_path, build):
    assignment = limited_copy(CASE, tmp_path, memory_mb=64)
    said, good, _ = graded_beside_a_good_analysis(assignment, build(tmp_path), tmp_path)
    assert said["status"] == "rejected"
    assert "needed more than 64 MB of memory" in said["message"], said["message"]
    assert "corrupt" not in said["message"]
    assert good["score"] == 100


def test_a_word_document_is_read_cell_by_cell_and_stops_at_the_text_limit(tmp_path):
    """Each cell of a row is read once, whatever it spans or merges with; and the text read
    stops at the limit, as a PDF's does (a limit the package's size check keeps out of reach
    today, so it is tried here with a smaller one)."""
    import docx
    from hostile.files import docx_cell_spanning_columns, docx_merged_cells_chain
    from worksample_case.word_text import visible_text

    from worksample.errors import SubmissionRejected

    spanning = docx_cell_spanning_columns(tmp_path) / "analysis.docx"
    row = next(line for line in visible_text(docx.Document(spanning), "a", 2**20).text
               .splitlines() if line.startswith("| churn"))
    assert row.count("|") == 2 and len(row) < 34_000
    merged = docx_merged_cells_chain(tmp_path) / "analysis.docx"
    text = visible_text(docx.Document(merged), "b", 2**20).text
    assert text.count("teams stay") == 400
    with pytest.raises(SubmissionRejected, match="holds more than 3 KB of text"):
        visible_text(docx.Document(merged), "b", 3 * 1024)
