"""Rebuild the binary sample documents of the case-analysis type from their sources.

    python scripts/make-case-documents.py

Writes examples/pricing-review/strong.docx and strong.pdf from strong.md (the same words, as
a candidate would export them from Word or Google Docs), and the malformed documents in
tests/hostile/documents/. The PDFs are printed by headless Chromium
(scripts/ensure-chromium.sh installs it); the DOCX files are written with python-docx.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
STRONG = ROOT / "examples" / "pricing-review" / "strong.md"
HOSTILE = ROOT / "tests" / "hostile" / "documents"
REFERENCE = ROOT / "assignments" / "pricing-review" / "reference" / "analysis.md"


def blocks(markdown: str):
    """(kind, content) for each block of the simple Markdown the samples use."""
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = chunk.splitlines()
        if lines[0].startswith("# "):
            yield "title", lines[0][2:]
        elif re.fullmatch(r"\*\*(.+)\*\*", lines[0].strip()) or lines[0].startswith("## "):
            yield "heading", lines[0].strip("*# ")
        elif lines[0].startswith("|"):
            rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines
                    if not re.fullmatch(r"[|\-: ]+", line)]
            yield "table", rows
        elif lines[0].startswith("- "):
            yield "list", [item[2:].replace("\n", " ") for item in
                           re.split(r"\n(?=- )", chunk)]
        else:
            yield "paragraph", " ".join(line.strip() for line in lines)


def write_docx(markdown: str, target: Path, hidden: str = "") -> None:
    document = docx.Document()
    for kind, content in blocks(markdown):
        if kind == "title":
            document.add_heading(content, level=0)
        elif kind == "heading":
            document.add_heading(content, level=1)
        elif kind == "table":
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for row, cells in zip(table.rows, content, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
        elif kind == "list":
            for item in content:
                document.add_paragraph(item, style="List Bullet")
        else:
            document.add_paragraph(content)
    if hidden:
        run = document.add_paragraph().add_run(hidden)
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        run.font.size = Pt(1)
    document.core_properties.author = "Candidate"
    document.save(target)


def to_html(markdown: str) -> str:
    parts = []
    for kind, content in blocks(markdown):
        if kind == "title":
            parts.append(f"<h1>{html.escape(content)}</h1>")
        elif kind == "heading":
            parts.append(f"<h2>{html.escape(content)}</h2>")
        elif kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                           for row in content)
            parts.append(f"<table border=1>{rows}</table>")
        elif kind == "list":
            parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in content)
                         + "</ul>")
        else:
            parts.append(f"<p>{html.escape(content)}</p>")
    return ("<html><body style='font: 11pt Georgia, serif; max-width: 40em'>"
            + "".join(parts) + "</body></html>")


def print_pdf(page: str, target: Path) -> None:
    chromium = os.environ.get("WORKSAMPLE_CHROMIUM") or shutil.which("chromium")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--print-to-pdf={target}",
                        source.as_uri()], check=True, capture_output=True, timeout=120)


def main() -> None:
    strong = STRONG.read_text(encoding="utf-8")
    write_docx(strong, STRONG.with_suffix(".docx"))
    print_pdf(to_html(strong), STRONG.with_suffix(".pdf"))

    HOSTILE.mkdir(parents=True, exist_ok=True)
    pdf_bytes = STRONG.with_suffix(".pdf").read_bytes()
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes))
    writer.encrypt(user_password="candidate-2026", algorithm="RC4-128")
    with (HOSTILE / "encrypted.pdf").open("wb") as out:
        writer.write(out)
    (HOSTILE / "truncated.pdf").write_bytes(pdf_bytes[: len(pdf_bytes) // 3])
    with zipfile.ZipFile(HOSTILE / "holiday-photos.docx", "w") as archive:
        archive.writestr("IMG_0412.jpg", b"\xff\xd8\xff\xe0 not much of a photo")
        archive.writestr("notes.txt", "my holiday notes\n")
    # A scan: one page holding only an image, no text layer.
    pixels = "".join(f"<rect x='{x * 9}' y='{(x * 37) % 300}' width='8' height='40'/>"
                     for x in range(60))
    print_pdf(f"<html><body><svg width='560' height='360'>{pixels}</svg></body></html>",
              HOSTILE / "scanned.pdf")
    assert not "".join(p.extract_text() for p in PdfReader(HOSTILE / "scanned.pdf").pages)
    # Two lines of its own, and the reference analysis in 1-point white runs.
    reference = " ".join(REFERENCE.read_text(encoding="utf-8").split())
    write_docx("# Pricing\n\nI ran out of time, sorry. Price rise looked fine to me overall.",
               HOSTILE / "white-text.docx", hidden=reference)
    print("wrote", STRONG.with_suffix(".docx"), STRONG.with_suffix(".pdf"),
          *sorted(p.name for p in HOSTILE.iterdir()))


if __name__ == "__main__":
    main()
