"""The case-analysis plugin end to end: the bundled sample through the CLI, in every format a
candidate sends, and documents that cannot be read, which must be rejected with the reason
while the batch goes on."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner
from conftest_paths import CASE_EXAMPLES, CASE_HOSTILE, CASE_SAMPLE, OPTION_NAMES, ROOT

from worksample.cli import cli


def grade(*submissions: Path, store: Path | None = None) -> dict[str, dict]:
    extra = ["--store", str(store)] if store else []
    result = CliRunner().invoke(cli, ["grade", str(CASE_SAMPLE), *map(str, submissions),
                                      "--json", "-j", "1", *extra])
    assert result.exit_code == 0, result.output
    return {r["submission_id"]: r for r in json.loads(result.stdout)}


def evidence(result: dict, criterion_id: str) -> list[str]:
    return next(c for c in result["criteria"] if c["id"] == criterion_id)["evidence"]


def test_validate_checks_the_reference_the_empty_analysis_and_the_hiring_managers_ranking():
    result = CliRunner().invoke(cli, [
        "validate", str(CASE_SAMPLE), "--ranking",
        str(ROOT / "examples" / "pricing-review.ranking.yaml")])
    assert result.exit_code == 0, result.output
    assert "reference analysis: graded, score 100" in result.output
    assert "empty analysis: graded, score 0" in result.output
    assert "ok   the scores come out in this order" in result.output


def test_the_strong_analysis_scores_the_same_as_markdown_pdf_and_docx():
    results = grade(*(CASE_EXAMPLES / f"strong.{suffix}" for suffix in ("md", "pdf", "docx")))
    scores = {name: r["score"] for name, r in results.items()}
    assert scores == {"strong.md": 100, "strong.pdf": 100, "strong.docx": 100}
    formats = {name: r["details"]["format"] for name, r in results.items()}
    assert formats == {"strong.md": "markdown", "strong.pdf": "pdf", "strong.docx": "docx"}
    assert results["strong.pdf"]["details"]["pages"] >= 1


def test_evidence_quotes_the_sentence_heading_and_recommendation():
    strong = grade(CASE_EXAMPLES / "strong.docx")["strong.docx"]
    numbers = evidence(strong, "numbers")
    assert any("“Solo churn rose from 2.0% to 4.1% a month after the rise" in line
               and ": 4.1% (expected 4.1% ± 0.05%)" in line for line in numbers)
    structure = evidence(strong, "structure")
    assert any("heading “Recommendation”" in line for line in structure)
    [recommendation] = evidence(strong, "recommendation")
    assert "“We should split the Pro plan.”" in recommendation
    assert f"option “{OPTION_NAMES['split-plans']}”" in recommendation
    insight = evidence(strong, "insight")
    assert len(insight) == 5 and all(line.startswith("✓ makes the point") for line in insight)


def test_wrong_numbers_show_expected_against_found_and_the_contradicted_point():
    wrong = grade(CASE_EXAMPLES / "wrong-numbers.txt")["wrong-numbers.txt"]
    numbers = evidence(wrong, "numbers")
    # 1.5% is team churn, in a clause of its own: not a wrong solo figure
    assert any("states solo churn after the rise" in line and "says 2.6%; expected 4.1%"
               in line for line in numbers)
    assert any("states the change in new customers" in line and "says 12%; expected 28.2%"
               in line for line in numbers)
    insight = evidence(wrong, "insight")
    assert any(line.startswith("✗ makes the point: a customer is worth less") and
               "says the opposite: “Lifetime value is essentially unchanged" in line
               for line in insight)
    [recommendation] = evidence(wrong, "recommendation")
    assert (f"option “{OPTION_NAMES['keep-49']}”; the data supports it less (credit 0.5)"
            in recommendation)
    assert wrong["score"] < 70


def test_no_recommendation_off_topic_and_keyword_stuffing_do_not_score_well():
    results = grade(*(CASE_EXAMPLES / name for name in
                      ("no-recommendation.md", "off-topic.md", "keyword-stuffed.md")))
    undecided = results["no-recommendation.md"]
    assert evidence(undecided, "recommendation") == [
        "✗ ends in an explicit recommendation of one option: no recommendation found"]
    assert undecided["score"] < 70
    off_topic = results["off-topic.md"]
    assert off_topic["score"] == 0
    assert "does not discuss this case" in evidence(off_topic, "insight")[0]
    stuffed = results["keyword-stuffed.md"]
    assert stuffed["score"] == 0
    assert "reads as a list of keywords" in evidence(stuffed, "numbers")[0]
    # each scores 0 for a reason the reviewer sees as a flag, which fails nothing more
    assert undecided["flags"] == []
    [off] = off_topic["flags"]
    assert (off["kind"], off["fails"]) == ("off-topic", False)
    assert off["evidence"] == ("off-topic.md: the analysis does not discuss this case: none "
                               "of its key points, numbers or options was found")
    [said_nothing] = stuffed["flags"]
    assert (said_nothing["kind"], said_nothing["fails"]) == ("empty", False)
    assert said_nothing["evidence"].startswith(
        "keyword-stuffed.md: the analysis reads as a list of keywords")
    # what it matched is not thrown away: it is marked for the reviewer
    assert any(check["review"] for check in stuffed["checks"] if check["kind"] == "numbers")


def test_unreadable_documents_are_rejected_with_the_reason_and_the_batch_goes_on(tmp_path):
    store = tmp_path / "results.sqlite"
    first = grade(CASE_EXAMPLES / "strong.md", store=store)
    assert first["strong.md"]["score"] == 100
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (31 * 2**20))
    old_word = tmp_path / "analysis.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    hostile = sorted(CASE_HOSTILE.iterdir())
    results = grade(*hostile, bomb, old_word, CASE_EXAMPLES / "strong.md", store=store)
    expected = {
        "encrypted.pdf": "encrypted.pdf: the PDF is encrypted and needs a password to open",
        "truncated.pdf": "truncated.pdf: the PDF is corrupt or unreadable (",
        "scanned.pdf": "scanned.pdf: the PDF has 1 page(s) but no text in it: a scan or images",
        "holiday-photos.docx": "holiday-photos.docx: is not a Word document: a zip holding "
                               "IMG_0412.jpg, notes.txt, with no word/document.xml",
        "bomb.docx": "bomb.docx: its parts unpack to 31 MB; Word documents over 10240 KB",
        "analysis.doc": "analysis.doc: is an old Word .doc file; the instructions ask for PDF",
    }
    for name, message in expected.items():
        assert results[name]["status"] == "rejected", name
        assert results[name]["score"] is None
        assert results[name]["message"].startswith(message), results[name]["message"]
    assert results["strong.md"]["score"] == 100
    listed = CliRunner().invoke(cli, ["results", "list", "--store", str(store)])
    assert "strong.md" in listed.output and "encrypted.pdf" in listed.output


def test_white_text_in_a_docx_is_not_graded_and_is_flagged():
    result = grade(CASE_HOSTILE / "white-text.docx")["white-text.docx"]
    assert result["score"] == 0
    # what is left once the white text is set aside is not about the case
    flag, off_topic = result["flags"]
    assert off_topic["kind"] == "off-topic" and not off_topic["fails"]
    assert flag["kind"] == "hidden-text"
    assert "words a reader would not see (white text); not graded" in flag["evidence"]
    assert "raised monthly recurring revenue by 19%" in flag["evidence"]


def test_a_folder_with_several_documents_grades_the_longest_and_says_so(tmp_path):
    folder = tmp_path / "candidate"
    folder.mkdir()
    shutil.copy(CASE_EXAMPLES / "strong.pdf", folder / "analysis.pdf")
    (folder / "README.md").write_text("My analysis is in the PDF. Thanks for reading!\n")
    (folder / "working.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    result = grade(folder)["candidate"]
    assert result["score"] == 100
    assert result["details"]["document"] == "analysis.pdf"
    assert result["details"]["not_graded"] == ["README.md"]


def test_a_folder_of_many_unread_documents_names_a_bounded_list_of_them(tmp_path):
    folder = tmp_path / "candidate"
    folder.mkdir()
    shutil.copy(CASE_EXAMPLES / "strong.md", folder / "analysis.md")
    for n in range(45):  # each a "Word document" that is no zip: a reason of its own
        (folder / f"appendix-{n:02}-{'a' * 200}.docx").write_bytes(b"not a zip")
    result = grade(folder)["candidate"]
    assert result["score"] == 100
    named = result["details"]["not_graded"]
    assert len(named) == 21 and named[-1] == "… and 25 more"
    assert named[0].startswith("appendix-00-aaa") and "not a readable zip package" in named[0]


def test_a_document_of_thousands_of_headings_keeps_a_bounded_result(tmp_path):
    analysis = tmp_path / "headings.md"
    analysis.write_text((CASE_EXAMPLES / "strong.md").read_text() + "\n"
                        + "".join(f"# Heading {n} {'x' * 300}\n\nA line.\n\n" for n in range(3000)))
    result = grade(analysis, store=tmp_path / "store.sqlite")["headings.md"]
    assert result["status"] == "graded"
    assert len(result["details"]["headings"]) == 100
    assert max(map(len, result["details"]["headings"])) <= 200


def test_candidates_named_in_any_script_are_graded_side_by_side(tmp_path):
    """Analyses sent as ``山田.md`` and ``田中.md`` are two candidates: each gets its own
    ASCII id and its own result (both were once ``md``, and the batch was refused)."""
    sent = []
    for name, sample in (("山田.md", "strong.md"), ("田中.md", "strong.md"),
                         ("Zoë Brontë.md", "strong.md")):
        sent.append(tmp_path / name)
        shutil.copy(CASE_EXAMPLES / sample, sent[-1])
    results = grade(*sent, store=tmp_path / "results.sqlite")
    assert len(results) == 3 and all(r["score"] == 100 for r in results.values())
    assert "Zoe-Bronte.md" in {name.rsplit("-", 1)[0] for name in results}


def test_white_text_in_a_word_table_cell_is_not_graded_and_is_flagged(tmp_path):
    """A figure hidden in a table cell (white, or in Word's hidden format) earns nothing and
    is flagged, as hidden text in a paragraph is (past a stray word or two); the same cell
    shown, or white on a dark cell, earns its point."""
    import docx
    from docx.shared import RGBColor

    def analysis(name: str, hide) -> Path:
        document = docx.Document()
        document.add_heading("Analysis", 1)
        document.add_paragraph("We compared the six months before and after the change to "
                               "see which customers stayed and which ones left the product.")
        table = document.add_table(rows=2, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Segment", "Monthly churn"
        table.rows[1].cells[0].text = "Solo accounts"
        run = table.rows[1].cells[1].paragraphs[0].add_run(
            "went from 2.0% to 4.1% a month after the rise, the steepest of any segment")
        hide(run, table.rows[1].cells[1])
        (tmp_path / name).mkdir()
        document.save(tmp_path / name / "analysis.docx")
        return tmp_path / name

    def whiten(run, cell):
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    def in_hidden_format(run, cell):
        run.font.hidden = True

    def white_on_dark(run, cell):
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        whiten(run, cell)
        cell._tc.get_or_add_tcPr().append(parse_xml(
            f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="1F3864"/>'))

    results = grade(analysis("shown", lambda run, cell: None), analysis("white", whiten),
                    analysis("hidden", in_hidden_format), analysis("dark", white_on_dark),
                    store=tmp_path / "results.sqlite")
    solo = "states solo churn after the rise"
    for name in ("shown", "dark"):  # white on a dark cell is how many tables look
        assert any(line.startswith(f"✓ {solo}") for line in evidence(results[name], "numbers"))
        assert not results[name]["flags"]
    for name, why in (("white", "white text"), ("hidden", "Word's hidden-text format")):
        assert not any(line.startswith(f"✓ {solo}")
                       for line in evidence(results[name], "numbers")), name
        flag = next(f for f in results[name]["flags"] if f["kind"] == "hidden-text")
        assert f"a reader would not see ({why}); not graded" in flag["evidence"]
        assert "4.1%" in flag["evidence"]


HIDING_TEXT = ("Solo churn rose from 2.0% to 4.1% a month after the rise while team churn barely "
               "moved, so we recommend a solo plan at $39 and keeping $49 for teams.")


def _word_analysis(folder: Path, dress) -> Path:
    """A Word analysis of one plain paragraph and one paragraph of ``HIDING_TEXT`` that
    ``dress(document, paragraph, run)`` formats."""
    import docx

    document = docx.Document()
    document.add_heading("Summary", 1)
    document.add_paragraph("We compared the six months before and after the change to see "
                           "which customers stayed and which ones left the product.")
    paragraph = document.add_paragraph()
    dress(document, paragraph, paragraph.add_run(HIDING_TEXT))
    folder.mkdir()
    document.save(folder / "analysis.docx")
    return folder


def _styled(kind: str, hide):
    """Dresses the paragraph (or its run) in a style based on one that ``hide`` formats."""
    from docx.enum.style import WD_STYLE_TYPE

    def dress(document, paragraph, run):
        base = document.styles.add_style("Base", getattr(WD_STYLE_TYPE, kind))
        hide(base.font)
        style = document.styles.add_style("Quiet", getattr(WD_STYLE_TYPE, kind))
        style.base_style = base
        base.base_style = style  # a loop of styles is read once round
        if kind == "CHARACTER":
            run.style = style
        else:
            paragraph.style = style
    return dress


def _whiten(font):
    from docx.shared import RGBColor

    font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _shrink(font):
    from docx.shared import Pt

    font.size = Pt(1)


def _vanish(font):
    font.hidden = True


def _nearly_whiten(font):
    from docx.shared import RGBColor

    font.color.rgb = RGBColor(0xF4, 0xF6, 0xF2)


def _two_and_a_half_points(font):
    from docx.shared import Pt

    font.size = Pt(2.5)


def _run(hide):
    """Dresses the run itself with ``hide``."""
    return lambda document, paragraph, run: hide(run.font)


def _page_colour(document, colour: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document.element.insert(0, parse_xml(f'<w:background {nsdecls("w")} w:color="{colour}"/>'))


def _navy_on_navy(document, paragraph, run):
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(0x00, 0x00, 0x86)
    run.font.highlight_color = WD_COLOR_INDEX.DARK_BLUE


def _black_on_a_black_page(document, paragraph, run):
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(0x05, 0x05, 0x05)
    _page_colour(document, "000000")


def _themed(document, paragraph, run):
    from docx.enum.dml import MSO_THEME_COLOR

    run.font.color.theme_color = MSO_THEME_COLOR.BACKGROUND_1


def _white_by_default(document, paragraph, run):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    defaults.find(qn("w:rPr")).append(parse_xml(f'<w:color {nsdecls("w")} w:val="FFFFFF"/>'))


def _white_on(shading):
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import RGBColor

    def dress(document, paragraph, run):
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if shading == "highlight":
            run.font.highlight_color = WD_COLOR_INDEX.DARK_BLUE
        elif shading == "page":
            _page_colour(document, "000000")
        else:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="1F3864"/>'))
    return dress


def test_text_a_word_style_or_theme_hides_is_hidden_text(tmp_path):
    """Formatting a run inherits hides it as the run's own does: a character style, a
    paragraph style (through the style it is based on), the theme's page colour, the
    document's defaults; and nearly white or under 3 points, the bounds HTML is held to. Text
    the colour of the highlight or page under it is hidden too; white text over a dark
    highlight, paragraph or page is seen."""
    hiding = {"character-style-white": (_styled("CHARACTER", _whiten), "white text"),
              "paragraph-style-hidden": (_styled("PARAGRAPH", _vanish),
                                         "Word's hidden-text format"),
              "paragraph-style-tiny": (_styled("PARAGRAPH", _shrink), "text under 3 points"),
              "theme-page-colour": (_themed, "white text"),
              "near-white-run": (_run(_nearly_whiten), "white text"),
              "navy-on-navy-highlight": (_navy_on_navy, "text the colour of what is under it"),
              "black-on-a-black-page": (_black_on_a_black_page,
                                        "text the colour of what is under it"),
              "two-and-a-half-points": (_run(_two_and_a_half_points), "text under 3 points"),
              "white-by-default": (_white_by_default, "white text")}
    seen = {"white-on-highlight": _white_on("highlight"),
            "white-on-shaded-paragraph": _white_on("paragraph"),
            "white-on-a-black-page": _white_on("page")}
    sent = {name: _word_analysis(tmp_path / name, dress) for name, (dress, _) in hiding.items()}
    sent |= {name: _word_analysis(tmp_path / name, dress) for name, dress in seen.items()}
    results = grade(*sent.values(), store=tmp_path / "results.sqlite")
    for name, (_, why) in hiding.items():
        flags = {f["kind"]: f["evidence"] for f in results[name]["flags"]}
        assert why in flags.get("hidden-text", ""), (name, flags)
        assert "Solo churn rose" in flags["hidden-text"]
    for name in seen:
        assert results[name]["status"] == "graded"
        assert not results[name]["flags"], (name, results[name]["flags"])
        assert results[name]["score"] > 20, name


def _table_analysis(folder: Path, style: str, row: int, look: str = "04A0",
                    style_xml: str = "", run_xml: str = "", cell_xml: str = "",
                    table_xml: str = "") -> Path:
    """A Word analysis whose table (four rows, two columns, in table style ``style``, which
    ``style_xml`` defines when given, showing the parts ``look`` says, with ``table_xml`` in
    its properties) holds ``HIDING_TEXT`` in the last cell of row ``row``, its run and cell
    properties ``run_xml`` and ``cell_xml``."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    if style_xml:
        document.styles.element.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:styleId="{style}">'
            f'<w:name w:val="{style}"/>{style_xml}</w:style>'))
    document.add_heading("Analysis", 1)
    document.add_paragraph("We compared the six months before and after the change to see "
                           "which customers stayed and which ones left the product.")
    table = document.add_table(rows=4, cols=2)
    table._tbl.tblPr.append(parse_xml(f'<w:tblStyle {nsdecls("w")} w:val="{style}"/>'))
    for old in table._tbl.tblPr.findall(qn("w:tblLook")):
        table._tbl.tblPr.remove(old)
    table._tbl.tblPr.append(parse_xml(f'<w:tblLook {nsdecls("w")} w:val="{look}"/>'))
    for at, cells in enumerate(table.rows):
        cells.cells[0].text = ("Segment", "Solo", "Teams", "All")[at]
        if at != row:
            cells.cells[1].text = "See the analysis above"
    target = table.rows[row].cells[1]
    target.text = HIDING_TEXT
    if run_xml:
        target.paragraphs[0].runs[0]._r.get_or_add_rPr().append(
            parse_xml(f'<w:x {nsdecls("w")}>{run_xml}</w:x>')[0])
    if cell_xml:
        target._tc.get_or_add_tcPr().append(parse_xml(f'<w:x {nsdecls("w")}>{cell_xml}</w:x>')[0])
    if table_xml:
        table._tbl.tblPr.append(parse_xml(f'<w:x {nsdecls("w")}>{table_xml}</w:x>')[0])
    folder.mkdir()
    document.save(folder / "analysis.docx")
    return folder


def _hidden_and_seen(tmp_path: Path, hiding: dict[str, Path], seen: dict[str, Path]) -> None:
    """Grades the analyses: in each of ``hiding``, ``HIDING_TEXT`` is flagged as hidden and not
    graded; in each of ``seen``, it is graded (other cells of its table may hide text)."""
    results = grade(*hiding.values(), *seen.values(), store=tmp_path / "results.sqlite")
    by_folder = {path.name: name for name, path in (hiding | seen).items()}
    results = {by_folder[folder]: result for folder, result in results.items()}
    for name in hiding:
        flags = {f["kind"]: f["evidence"] for f in results[name]["flags"]}
        assert "Solo churn rose" in flags.get("hidden-text", ""), (name, flags)
    for name in seen:
        assert results[name]["status"] == "graded", (name, results[name]["message"])
        assert not any("Solo churn rose" in f["evidence"] for f in results[name]["flags"]), name


WHITE_TEXT = '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>'
NAVY_CELLS = '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr>'
NAVY_TEXT = '<w:rPr><w:color w:val="1F3864"/></w:rPr>'


def test_text_a_table_style_hides_is_hidden_text_and_its_dark_cells_show_white(tmp_path):
    """A table's style formats its cells by the parts that apply to them (the whole table,
    row bands, the header row ...): white text it sets on the page, or text the colour of a
    band it shades, is hidden; white text on the dark cells a style shades (Word's own "Dark
    List", the header row of "Medium Shading 1 Accent 1") is seen."""
    hiding = {
        "style-white-text": _table_analysis(tmp_path / "white", "Quiet", 2,
                                            style_xml=WHITE_TEXT),
        "band-coloured-text": _table_analysis(
            tmp_path / "band", "Banded", 2, look="0020",
            style_xml=f'<w:tblStylePr w:type="band2Horz">{NAVY_TEXT}{NAVY_CELLS}'
                      '</w:tblStylePr>'),
        "based-on-a-white-style": _table_analysis(
            tmp_path / "based", "Child", 2,  # row 1 is a band "Dark List" shades black
            style_xml='<w:basedOn w:val="DarkList"/><w:tcPr><w:shd w:val="clear" '
                      'w:color="auto" w:fill="FFFFFF"/></w:tcPr>'),
    }
    seen = {
        "dark-list": _table_analysis(tmp_path / "dark", "DarkList", 2),
        "header-of-medium-shading": _table_analysis(tmp_path / "header",
                                                    "MediumShading1-Accent1", 0),
        "other-band": _table_analysis(
            tmp_path / "other-band", "Banded", 1, look="0020",
            style_xml=f'<w:tblStylePr w:type="band2Horz">{NAVY_TEXT}{NAVY_CELLS}'
                      '</w:tblStylePr>'),
        "header-without-its-look": _table_analysis(
            tmp_path / "no-look", "Header", 0, look="0000",
            style_xml=f'<w:tblStylePr w:type="firstRow">{WHITE_TEXT}</w:tblStylePr>'),
    }
    _hidden_and_seen(tmp_path, hiding, seen)


NO_COLOUR = '<w:shd w:val="clear" w:color="auto" w:fill="auto"/>'


def _nested_analysis(folder: Path, outer_fill: str, colour: str) -> Path:
    """A Word analysis with ``HIDING_TEXT`` in ``colour`` in a table of no style inside a
    cell shaded ``outer_fill``."""
    inner = (f'<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:rPr><w:color w:val="{colour}"/>'
             f'</w:rPr><w:t>{HIDING_TEXT}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    return _raw_analysis(folder, f'<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr><w:shd w:val="clear" '
                                 f'w:color="auto" w:fill="{outer_fill}"/></w:tcPr>{inner}<w:p/>'
                                 '</w:tc></w:tr></w:tbl>')


def test_a_theme_colour_is_read_from_the_documents_theme(tmp_path):
    """Text in the theme's "Text 1" colour, in a document whose theme makes that colour
    white, is white on the page; in the usual theme it is black and seen."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    def in_text_one(folder: Path, white_theme: bool) -> Path:
        def dress(document, paragraph, run):
            from docx.enum.dml import MSO_THEME_COLOR

            run.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
            if white_theme:
                theme = document.part.part_related_by(RT.THEME)
                theme._blob = theme.blob.replace(b'lastClr="000000"', b'lastClr="FFFFFF"', 1)
        return _word_analysis(folder, dress)

    assert b'lastClr="000000"' in docx.Document().part.part_related_by(RT.THEME).blob
    _hidden_and_seen(tmp_path, {"white-text-one": in_text_one(tmp_path / "white", True)},
                     {"usual-text-one": in_text_one(tmp_path / "usual", False)})


def test_what_a_table_lays_under_a_cell_is_read_as_word_paints_it(tmp_path):
    """A red team's classes, with tables of our own: a cell's "No Color" uncovers the page,
    not its style's fill; the table's own shading and the cell a nested table sits in are
    under it too; an automatic text colour is never hidden; column bands lie over row
    bands; a theme fill with no value is not judged; a band size Word cannot read is 1."""
    banded = ('<w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" '
              'w:fill="F2F2F2"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="band2Vert">'
              f'{WHITE_TEXT}{NAVY_CELLS}</w:tblStylePr>')
    hiding = {
        "no-colour-on-a-dark-list-cell": _table_analysis(tmp_path / "no-colour", "DarkList",
                                                         2, cell_xml=NO_COLOUR),
        "black-on-the-table-shading": _table_analysis(
            tmp_path / "table-shaded", "TableGrid", 2, run_xml='<w:color w:val="000000"/>',
            table_xml='<w:shd w:val="clear" w:color="auto" w:fill="000000"/>'),
        "black-in-a-table-in-a-black-cell": _nested_analysis(tmp_path / "nested-black",
                                                             "000000", "000000"),
    }
    seen = {
        "total-row-of-medium-shading-2": _table_analysis(tmp_path / "total", "MediumShading2",
                                                         3, look="05E0"),
        "automatic-colour-in-a-white-style": _table_analysis(
            tmp_path / "auto", "Quiet", 2, style_xml=WHITE_TEXT,
            run_xml='<w:color w:val="auto"/>'),
        "white-on-a-column-band-over-a-row-band": _table_analysis(
            tmp_path / "bands", "Bands", 1, look="0020", style_xml=banded),
        "white-in-a-table-in-a-navy-cell": _nested_analysis(tmp_path / "nested-navy", "1F3864",
                                                            "FFFFFF"),
        "white-on-a-theme-fill-with-no-value": _table_analysis(
            tmp_path / "theme", "TableGrid", 2, run_xml='<w:color w:val="FFFFFF"/>',
            cell_xml='<w:shd w:val="clear" w:color="auto" w:fill="auto" w:themeFill="accent1"/>'),
        "band-size-in-another-script": _table_analysis(
            tmp_path / "script", "Odd", 2, style_xml='<w:tblPr><w:tblStyleRowBandSize '
                                                     'w:val="\u00b2"/></w:tblPr>'),
    }
    _hidden_and_seen(tmp_path, hiding, seen)


FACT_RUNS = ('<w:r><w:t xml:space="preserve">Solo churn rose from 2.0% to 4.1% a month after the '
             'rise while team churn barely moved, so we recommend a solo plan at $39 and '
             'keeping $49 for teams.</w:t></w:r>')


def _raw_analysis(folder: Path, body_xml: str) -> Path:
    """A Word analysis of one plain paragraph and ``body_xml`` (WordprocessingML)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_heading("Summary", 1)
    document.add_paragraph("We compared the six months before and after the change to see "
                           "which customers stayed and which ones left the product.")
    body = document.element.body
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, element)  # before the section properties
    folder.mkdir()
    document.save(folder / "analysis.docx")
    return folder


def test_word_text_is_read_as_the_final_document_shows_it(tmp_path):
    """Text typed with Track Changes on, in a content control, a field's result, a theme
    colour darkened to grey: seen, so graded. A tracked deletion, a field's instructions, a
    theme's text colour tinted nearly white: not seen, so not graded."""
    def colour(attributes: str) -> str:
        return FACT_RUNS.replace("<w:r>", f"<w:r><w:rPr><w:color {attributes}/></w:rPr>")

    seen = {
        "tracked-insertion": f'<w:p><w:ins w:id="1" w:author="c">{FACT_RUNS}</w:ins></w:p>',
        "content-control": f"<w:sdt><w:sdtContent><w:p>{FACT_RUNS}</w:p></w:sdtContent></w:sdt>",
        "field-result": ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
                         ' QUOTE "x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType='
                         f'"separate"/></w:r>{FACT_RUNS}<w:r><w:fldChar w:fldCharType="end"/>'
                         '</w:r></w:p>'),
        "page-colour-darker-50": "<w:p>" + colour('w:val="7F7F7F" w:themeColor="background1" '
                                                  'w:themeShade="7F"') + "</w:p>",
    }
    unseen = {
        "tracked-deletion": (f'<w:p><w:del w:id="2" w:author="c">{FACT_RUNS}</w:del></w:p>',
                             ""),
        "field-instructions": ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                               f'{FACT_RUNS}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                               '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
                               '</w:r></w:p>', ""),
        "text-colour-tinted-white": ("<w:p>" + colour('w:val="F2F2F2" w:themeColor="text1" '
                                                      'w:themeTint="0D"') + "</w:p>",
                                     "white text"),
    }
    sent = {name: _raw_analysis(tmp_path / name, xml) for name, xml in seen.items()}
    sent |= {name: _raw_analysis(tmp_path / name, xml) for name, (xml, _) in unseen.items()}
    results = grade(*sent.values(), store=tmp_path / "results.sqlite")
    for name in seen:
        assert results[name]["score"] > 20 and not results[name]["flags"], name
    for name, (_, why) in unseen.items():
        assert results[name]["score"] == 0, name
        flags = {f["kind"]: f["evidence"] for f in results[name]["flags"]}
        assert (why in flags.get("hidden-text", "")) if why else "hidden-text" not in flags
