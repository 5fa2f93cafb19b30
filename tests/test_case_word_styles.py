"""A Word document's styles, read once and looked up by id (``worksample_case.word_styles``):
the same answers as python-docx's lookups, without their cost, and without refusing a
document over one odd style."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from worksample_case.word_styles import WordStyles, style_name
from worksample_case.word_text import visible_text

W = nsdecls("w")


def _document(styles: str, body: str):
    """A new Word document with the ``styles`` (XML) added and ``body`` (XML) as its text."""
    document = docx.Document()
    for style in parse_xml(f"<w:styles {W}>{styles}</w:styles>"):
        document.styles.element.append(style)
    body_element = document.element.body
    for block in parse_xml(f"<w:body {W}>{body}</w:body>"):
        body_element.insert(len(body_element) - 1, block)
    saved = io.BytesIO()
    document.save(saved)
    return docx.Document(io.BytesIO(saved.getvalue()))


def _paragraph(text: str, style: str = "", run_style: str = "") -> str:
    paragraph = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = f'<w:rPr><w:rStyle w:val="{run_style}"/></w:rPr>' if run_style else ""
    return f"<w:p>{paragraph}<w:r>{run}<w:t>{text}</w:t></w:r></w:p>"


WHITE = '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>'


def test_a_style_is_found_by_its_id_and_type_else_the_types_default():
    document = _document(
        '<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="plain"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="second"/></w:style>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Later"><w:name w:val="later"/>'
        "</w:style>", "")
    styles = WordStyles(document)
    assert style_name(styles.get("Plain", "paragraph")) == "plain"  # the first of one id
    assert style_name(styles.get("Plain", "character")) == "Default Paragraph Font"
    assert style_name(styles.get("Missing", "paragraph")) == "later"  # the last default
    assert style_name(styles.get(None, "paragraph")) == "later"
    assert style_name(styles.get("Heading1", "paragraph")) == "Heading 1"


def test_styles_based_on_each_other_in_a_loop_are_read_once_each():
    document = _document(
        '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="a"/><w:basedOn w:val="B"/>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="b"/><w:basedOn w:val="A"/>'
        "</w:style>", "")
    styles = WordStyles(document)
    assert [style_name(s) for s in styles.chain(styles.get("A", "paragraph"))] == ["a", "b"]


@pytest.mark.parametrize("styles, body", [
    # a type python-docx does not know: it refused the whole document ("corrupt")
    ('<w:style w:type="bogus" w:styleId="Odd"><w:name w:val="odd"/></w:style>',
     _paragraph("Churn rose.", "Odd")),
    # a style id holding a quotation mark: python-docx's search could not be written
    ('<w:style w:type="paragraph" w:styleId="a&quot;b"><w:name w:val="q"/></w:style>',
     _paragraph("Churn rose.", "a&quot;b")),
], ids=["unknown-type", "quote-in-an-id"])
def test_a_document_with_a_style_python_docx_refused_is_read(styles, body):
    assert visible_text(_document(styles, body), "analysis.docx", 2**20).text.strip() \
        == "Churn rose."


def test_a_style_that_says_no_type_is_a_paragraph_style_and_hides_what_it_whitens():
    # python-docx could not make a style object of it (KeyError) and refused the document
    document = _document(
        f'<w:style w:styleId="Untyped"><w:name w:val="untyped"/>{WHITE}</w:style>'
        '<w:style w:type="paragraph" w:styleId="Child"><w:name w:val="child"/>'
        '<w:basedOn w:val="Untyped"/></w:style>',
        _paragraph("Churn rose.", "Child") + _paragraph("Teams stayed.", "Untyped")
        + _paragraph("Revenue rose."))
    visible = visible_text(document, "analysis.docx", 2**20)
    assert visible.text.split() == ["Revenue", "rose."]
    assert visible.hidden == "Churn rose. Teams stayed."
    assert visible.hidden_by == "white text"
