"""Candidate text made of random pieces: no reply or analysis may make a text plugin fail.

Each document is built from the bundled samples' own lines and words, markup, figures and
characters that Unicode treats specially (one that lowers to two, ligatures, marks that
combine, digits of other scripts, invisible ones), joined with or without a space. Each must
be graded, or rejected with a reason; an exception is a result stored as ``error`` ("please
report it"), as "İrecommend" at a clause's end was (``prose.text.lowered``). Seeded: the same
documents on every run, so a failure can be replayed with its seed and number.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest_paths import CASE_EXAMPLES, CASE_SAMPLE, EMAIL_EXAMPLES, EMAIL_SAMPLE, ROOT

from worksample.assignments import load
from worksample.errors import SubmissionRejected
from worksample.models import Grade, Submission

DOCUMENTS = 80  # per seed and plugin: a few seconds
ODD = ["İ", "ı", "ß", "ŉ", "ǰ", "ﬀ", "ﬁ", "ς", "Σ", "ǅ", "\u0301", "\u0307", "\u200b",
       "\u200d", "\u202e", "\u00a0", "\u2028", "\ufeff", "١٩", "１９", "½", "²", "Ⅻ", "ꭰ",
       "\t", "\r\n", "\x0c"]
SYMBOLS = ["$", "%", "€", "-", "−", "–", "—", "...", "…", ".", "!", "?", ";", ":", ",", "(",
           ")", "[", "]", "'", "’", "\"", "*", "**", "_", "`", "|", "#", "> ", "- ", "1. ",
           "3-5", "$241.67", "1e309", "0.0.0", "10,000,000,000,000,000,000", "30 days"]
MARKUP = {".md": ["# ", "## ", "| a | b |\n|---|---|\n", "[x](y)", "<!--", "-->"],
          ".html": ["<p>", "</p>", "<b>", "<br>", "<div hidden>", "</div>", "&amp;", "&#0;",
                    "<style>.x{display:none}</style>"],
          ".txt": ["\n\n", "Best,\n", "> "]}


def _lines(folders: list[Path]) -> list[str]:
    """The non-empty lines of every text sample under ``folders``."""
    return [line for folder in folders for path in sorted(folder.rglob("*"))
            if path.suffix in (".md", ".txt") for line in path.read_text().splitlines()
            if line.strip()]


def documents(seed: int, lines: list[str], suffix: str) -> list[str]:
    """``DOCUMENTS`` texts of up to 300 pieces each: sample lines and their words, odd
    characters alone or glued to a word's start, symbols and markup, glued or spaced."""
    chooser = random.Random(seed)
    words = sorted({word for line in lines for word in re.findall(r"\w+", line)})
    made = []
    for _ in range(DOCUMENTS):
        pieces = []
        for _ in range(chooser.randint(1, 300)):
            pick = chooser.random()
            pieces.append(chooser.choice(lines) if pick < 0.2 else chooser.choice(words)
                          if pick < 0.45 else chooser.choice(ODD) + chooser.choice(words)
                          if pick < 0.6 else chooser.choice(ODD) if pick < 0.75
                          else chooser.choice(SYMBOLS) if pick < 0.9
                          else chooser.choice(MARKUP[suffix]))
            pieces.append(chooser.choice(["", "", " ", " ", "\n"]))
        made.append("".join(pieces))
    return made


def graded_or_rejected(assignment, registry, folder: Path, name: str, text: str) -> None:
    """Grade ``text`` as the file ``name`` of a submission; anything but a Grade or a
    rejection fails, naming the text."""
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    submission = Submission(id=folder.name, source=folder, kind="folder", root=folder,
                            extracted_to=folder, content_hash="0", file_count=1,
                            total_bytes=len(text.encode()))
    plugin = registry.assignment_type(assignment.type)
    try:
        grade = plugin.grade(assignment=assignment, submission=submission)
    except SubmissionRejected:
        return
    except Exception as error:
        raise AssertionError(f"{type(error).__name__} on {name}: {text!r}") from error
    assert isinstance(grade, Grade)


PLUGINS = {  # assignment, the samples its documents are built from, the file they are sent as
    "case": (CASE_SAMPLE, [CASE_EXAMPLES, ROOT / "examples" / "pricing-review-pool"],
             "analysis"),
    "email": (EMAIL_SAMPLE, [EMAIL_EXAMPLES, ROOT / "examples" / "support-replies-pool"],
              "late-refund"),
}


@pytest.mark.parametrize("plugin", sorted(PLUGINS))
@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
@pytest.mark.parametrize("seed", range(3))
def test_random_documents_are_graded_or_rejected(tmp_path, registry, plugin, seed, suffix):
    sample, examples, stem = PLUGINS[plugin]
    assignment = load(sample, registry)
    for number, text in enumerate(documents(seed, _lines(examples), suffix)):
        graded_or_rejected(assignment, registry, tmp_path / f"{plugin}-{number}",
                           f"{stem}{suffix}", text)


# Letters a case-blind pattern takes for ASCII ones: "FİVE business days" crashed the email
# plugin (KeyError 'fi̇ve'), which looked a number word up by its lower case.
CASE_BLIND = {"i": ["İ", "ı"], "s": ["ſ"], "k": ["\u212a"]}
MEASURE_WORDS = ["five", "six", "nineteen", "twenty-six", "sixty five", "thousand", "million",
                 "percent", "per cent", "point", "daily", "weekly", "every night", "once a week",
                 "business days", "hours", "k"]


def case_blind_documents(seed: int, lines: list[str]) -> list[str]:
    """``DOCUMENTS`` texts of sample lines and words of figures (in words) and frequency, in
    which an "i", "s" or "k" is now and then written with a letter that equals it only when
    case is ignored."""
    chooser = random.Random(seed)

    def swapped(text: str) -> str:
        return "".join(chooser.choice(CASE_BLIND[c.lower()]) if c.lower() in CASE_BLIND
                       and chooser.random() < 0.3 else c for c in text)

    return [" ".join(swapped(chooser.choice(MEASURE_WORDS)) if chooser.random() < 0.5
                     else chooser.choice(lines) for _ in range(chooser.randint(1, 60)))
            for _ in range(DOCUMENTS)]


@pytest.mark.parametrize("plugin", sorted(PLUGINS))
@pytest.mark.parametrize("seed", range(2))
def test_case_blind_letters_in_figures_are_graded_or_rejected(tmp_path, registry, plugin,
                                                              seed):
    sample, examples, stem = PLUGINS[plugin]
    assignment = load(sample, registry)
    for number, text in enumerate(case_blind_documents(seed, _lines(examples))):
        graded_or_rejected(assignment, registry, tmp_path / f"{plugin}-{number}",
                           f"{stem}.md", text)


# --- Word: random bodies of the wrappers the reader opens or leaves out -----------------------

WORD_WRAPPERS = ["w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:smartTag", "w:customXml",
                 "w:hyperlink", "w:fldSimple", "w:sdt", "w:sdtContent", "w:txbxContent"]
WORD_RUN_PROPERTIES = [
    '<w:vanish/>', '<w:vanish w:val="off"/>', '<w:color w:val="FFFFFF"/>', '<w:color w:val="zz"/>',
    '<w:color w:themeColor="text1" w:themeTint="0D"/>',
    '<w:color w:themeColor="background1" w:themeShade="QQ"/>', '<w:sz w:val="-4"/>',
    '<w:sz w:val=""/>', '<w:highlight w:val="darkBlue"/>', '<w:highlight w:val="bogus"/>',
    '<w:shd w:val="pct15" w:color="000000" w:fill="FFFFFF"/>', '<w:shd w:val="pct999"/>',
    '<w:shd w:val="solid" w:color="auto" w:fill="auto"/>', '<w:rStyle w:val="Nope"/>']
WORD_CELLS = ["", '<w:gridSpan w:val="3"/>', "<w:vMerge/>", '<w:shd w:fill="000000"/>']


def _word_body(chooser: random.Random) -> str:
    """Random WordprocessingML: paragraphs of runs in nested wrappers and field marks, tables
    of merged and shaded cells, content controls, formatting valid and not."""
    def run() -> str:
        if chooser.random() < 0.15:
            kind = chooser.choice(["begin", "separate", "end", "bogus"])
            return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'
        properties = "".join(chooser.sample(WORD_RUN_PROPERTIES, chooser.randint(0, 3)))
        figure = chooser.randint(0, 99)
        return f"<w:r><w:rPr>{properties}</w:rPr><w:t>churn rose {figure}%</w:t></w:r>"

    def inline(depth: int) -> str:
        if depth > 6 or chooser.random() < 0.4:
            return run()
        tag = chooser.choice(WORD_WRAPPERS)
        return f"<{tag}>" + "".join(inline(depth + 1) for _ in range(chooser.randint(0, 3))) \
            + f"</{tag}>"

    def block(depth: int) -> str:
        pick = chooser.random()
        if depth > 4 or pick < 0.5:
            shading = chooser.choice(["", '<w:pPr><w:shd w:val="clear" w:fill="000000"/></w:pPr>'])
            runs = "".join(inline(depth) for _ in range(chooser.randint(0, 4)))
            return f"<w:p>{shading}{runs}</w:p>"
        inner = "".join(block(depth + 1) for _ in range(chooser.randint(0, 2)))
        if pick < 0.75:
            cells = "".join(f"<w:tc><w:tcPr>{chooser.choice(WORD_CELLS)}</w:tcPr>{inner}</w:tc>"
                            for _ in range(chooser.randint(0, 3)))
            style = chooser.choice(["", '<w:tblPr><w:tblStyle w:val="Fancy"/></w:tblPr>'])
            return f"<w:tbl>{style}" + f"<w:tr>{cells}</w:tr>" * chooser.randint(0, 3) + "</w:tbl>"
        return chooser.choice([f"<w:sdt><w:sdtContent>{inner}</w:sdtContent></w:sdt>",
                               f"<w:customXml>{inner}</w:customXml>"])

    return "".join(block(0) for _ in range(chooser.randint(1, 6)))


@pytest.mark.parametrize("seed", range(2))
def test_random_word_bodies_are_read_or_rejected(seed):
    """The Word reader on 300 random bodies: text, or a rejection, never an exception."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from worksample_case.word_text import visible_text

    empty = io.BytesIO()
    docx.Document().save(empty)
    chooser = random.Random(seed)
    for _ in range(300):
        document = docx.Document(io.BytesIO(empty.getvalue()))
        if chooser.random() < 0.3:
            page = chooser.choice(["000000", "FFFFFF", "auto", "zz"])
            document.element.insert(0, parse_xml(f'<w:background {nsdecls("w")} '
                                                 f'w:color="{page}"/>'))
        body = document.element.body
        xml = _word_body(chooser)
        for element in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
            body.insert(len(body) - 1, element)
        try:
            visible_text(document, "analysis.docx", 10 * 2**20)
        except SubmissionRejected:
            continue
        except Exception as error:
            raise AssertionError(f"{type(error).__name__} on the body {xml!r}") from error
