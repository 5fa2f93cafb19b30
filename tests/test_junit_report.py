"""Reading untrusted JUnit XML (plugins/worksample_coding/junit_report.py), the junit section
of assignment.yaml, the line of a run's output that says what went wrong (junit.py), and the
junit commands docs/assignments.md gives: pure logic, no Docker."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from worksample_coding.config import CodingSection
from worksample_coding.junit_report import ReportRefused, read_report

NODE_REPORT = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testcase name="x" time="0.0009" classname="test"/>
  <testsuite name="g">
    <testcase name="y" classname="test"><failure message="1 == 2">stack</failure></testcase>
    <testcase name="z" classname="test"><skipped/></testcase>
    <testcase name="e" classname="test"><error message="boom"/></testcase>
  </testsuite>
</testsuites>"""


def read(data: bytes, **options):
    return read_report(data, max_bytes=options.pop("max_bytes", 1 << 20), **options)


def test_ids_outcomes_and_messages():
    found = read(NODE_REPORT)
    assert [(t.id, t.outcome) for t in found] == [
        ("test::x", "passed"), ("g::test::y", "failed"), ("g::test::z", "skipped"),
        ("g::test::e", "failed")]
    assert found[0].seconds == 0.0009 and found[1].message == "1 == 2\nstack"


def test_a_single_testsuite_root_and_a_repeated_part_said_once():
    found = read(b'<testsuite name="pkg"><testcase classname="pkg" name="TestX"/></testsuite>')
    assert [t.id for t in found] == ["pkg::TestX"]


def test_nesting_deeper_than_pythons_stack_is_read():
    depth = 5000
    data = b"<testsuites>" + b'<testsuite name="s">' * depth + b'<testcase name="t"/>' + \
        b"</testsuite>" * depth + b"</testsuites>"
    assert read(data)[0].id == "s::t"


def test_a_long_message_is_cut():
    data = b'<testsuite><testcase name="t"><failure message="' + b"m" * 5000 + \
        b'"/></testcase></testsuite>'
    assert len(read(data, message_chars=100)[0].message) == 103


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<testsuites><testcase name="&b;"/></testsuites>',
    b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<testsuites><testcase name="&x;"/></testsuites>',
    b'<?xml version="1.0"?><!DOCTYPE testsuites SYSTEM "http://example.com/x.dtd">'
    b'<testsuites/>',
], ids=["billion-laughs", "external-entity", "external-dtd"])
def test_dtds_and_entities_are_refused_as_forged(data):
    with pytest.raises(ReportRefused) as refused:
        read(data)
    assert refused.value.forged and "XML bomb" in refused.value.reason


@pytest.mark.parametrize("data, says", [
    (b'<?xml version="1.0"?>\n<testsuites>\n\t<testcase name="a"/>', "not well-formed XML"),
    (b"not xml at all", "not well-formed XML"),
    (b"<results><testcase name='a'/></results>", "<results>, not <testsuites>"),
])
def test_unreadable_reports_are_refused_but_not_forged(data, says):
    with pytest.raises(ReportRefused) as refused:
        read(data)
    assert says in refused.value.reason and not refused.value.forged


def test_a_report_over_the_limit_is_refused_unread():
    with pytest.raises(ReportRefused, match="more than the limit of 100"):
        read(NODE_REPORT, max_bytes=100)


def section(**junit) -> dict:
    return {"language": "javascript", "mode": "junit", "tests_criterion": "c",
            "tests": "tests", "reference": "reference", "starter": "starter",
            "junit": {"command": ["node", "--test"], **junit}}


def validated(data: dict, tmp_path) -> CodingSection:
    for folder in ("tests", "reference", "starter"):
        (tmp_path / folder).mkdir(exist_ok=True)
    return CodingSection.model_validate(data, context={"root": tmp_path})


def test_a_junit_section_defaults_to_a_fresh_report_and_the_languages_image(tmp_path):
    parsed = validated(section(), tmp_path)
    assert parsed.junit.report == "{report}" and parsed.image == "worksample/node:bookworm"


@pytest.mark.parametrize("data, says", [
    ({**section(), "junit": None}, "mode: junit needs a 'junit:' section"),
    ({**section(), "mode": "recorded"}, "only mode junit has one"),
    (section(report="/etc/passwd"), "a path inside the code's folder"),
    (section(report="../x.xml"), "a path inside the code's folder"),
    ({**section(), "junit": {"command": []}}, "command"),
])
def test_bad_junit_sections_say_what_is_wrong(data, says, tmp_path):
    with pytest.raises(ValidationError, match=says.replace("(", r"\(")):
        validated(data, tmp_path)


@pytest.mark.parametrize(("output", "said"), [
    ("\n FAIL  x.test.ts\nSyntaxError: Unexpected token '.'\n",
     "SyntaxError: Unexpected token '.'"),
    ("# example.com/w\n./w.go:4:9: cannot use 0 (untyped int constant)\nFAIL\n",
     "./w.go:4:9: cannot use 0 (untyped int constant)"),
    # Vite: the error's first line only introduces it
    ("Error: Transform failed with 1 error:\n\n/sandbox/work/d.ts:3:41: ERROR: Expected \")\"\n",
     "Error: Transform failed with 1 error: /sandbox/work/d.ts:3:41: ERROR: Expected \")\""),
    # pytest marks the lines of an error with "E"
    ('E     File "/sandbox/work/m.py", line 6\nE       f(x:\nE   SyntaxError: invalid syntax\n',
     "SyntaxError: invalid syntax"),
    ("ERROR collecting test_m.py\nEvery test passed\n", ""),
])
def test_the_line_of_a_runs_output_that_says_what_went_wrong(output, said):
    from worksample_coding.junit import _error_line

    assert _error_line(output) == said


@pytest.mark.parametrize("fixture", ["jest-junit", "vitest-junit", "go-junit", "pytest-junit"])
def test_the_junit_command_the_docs_give_is_the_one_the_fixture_runs(fixture):
    import re

    import yaml
    from conftest_paths import ROOT

    docs = (ROOT / "docs" / "assignments.md").read_text()
    examples = [yaml.safe_load(block)["coding"]["junit"]
                for block in re.findall(r"```yaml\n(.*?)```", docs, re.S)
                if "mode: junit" in block and "..." not in block]
    run = yaml.safe_load((ROOT / "tests" / "fixtures" / fixture / "assignment.yaml")
                         .read_text())["coding"]["junit"]
    assert any(example["command"] == run["command"]
               and example.get("must_fail") == run["must_fail"] for example in examples)
