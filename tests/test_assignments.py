import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from worksample import assignments
from worksample.cli import cli
from worksample.errors import WorksampleError


def _edit(folder, change):
    path = folder / "assignment.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))


def test_sample_loads_with_its_coding_section(sample):
    assert sample.id == "inventory-reservations"
    assert sample.section.tests_criterion == "correctness"
    assert sample.section.limits.per_test_seconds == 2
    assert len(sample.version) == 16


def test_version_changes_when_a_hidden_test_changes(sample_copy, registry):
    before = assignments.load(sample_copy, registry).version
    (sample_copy / "tests" / "test_expiry.py").write_text("def test_x():\n    pass\n")
    assert assignments.load(sample_copy, registry).version != before


def test_malformed_yaml_names_the_file(sample_copy, registry):
    (sample_copy / "assignment.yaml").write_text("id: [unclosed\n")
    with pytest.raises(WorksampleError, match=r"assignment\.yaml: not valid YAML"):
        assignments.load(sample_copy, registry)


def test_malformed_yaml_shows_the_line_it_stops_at(sample_copy, registry):
    (sample_copy / "assignment.yaml").write_text("id: x\ntitle: [unclosed\npass_score: 70\n")
    with pytest.raises(WorksampleError) as raised:
        assignments.load(sample_copy, registry)
    # the line quoted with a caret under it, as the pure-Python loader writes it
    assert "    title: [unclosed\n" in str(raised.value)
    assert "^" in str(raised.value)


@pytest.mark.parametrize("folder", sorted(
    path.parent for path in (Path(__file__).parent.parent / "assignments").glob(
        "*/assignment.yaml")))
def test_every_bundled_assignment_reads_the_same_with_either_loader(folder):
    text = (folder / "assignment.yaml").read_text(encoding="utf-8")
    assert assignments.read_yaml(folder / "assignment.yaml") == yaml.load(
        text, Loader=yaml.SafeLoader)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), "field 'title': Field required"),
        (lambda d: d.update(pass_score=120), "field 'pass_score'"),
        (lambda d: d["rubric"][0]["anchors"].pop(3), "anchors for levels [3] are missing"),
        (lambda d: d.update(colour="blue"), "unknown keys ['colour']"),
        (lambda d: d["rubric"].append(dict(d["rubric"][0])), "ids must be unique"),
        (lambda d: d["discussion"].update(speed={"weak": []}), "not in the rubric: ['speed']"),
        (lambda d: d["coding"].update(dockerfile="Dockerfile"), "exactly one of 'image'"),
        (lambda d: d["coding"].update(tests="nowhere"), "field 'coding.tests'"),
        (lambda d: d["coding"]["limits"].update(memory_mb=1), "field 'coding.limits.memory_mb'"),
        (lambda d: d["coding"].update(imgae="x"), "field 'coding.imgae': Extra inputs"),
        (lambda d: d.update(type="sql"), "no plugin provides the assignment type 'sql'"),
        (lambda d: d.pop("coding"), "the section 'coding' for the assignment type is missing"),
        (lambda d: d.update(instructions="gone.md"), "field 'instructions': no file"),
        (lambda d: d["discussion"]["design"]["weak"].append("Why {0}?"),
         "field 'discussion.design.weak': Value error, 'Why {0}?': the placeholder {0} is not"),
        (lambda d: d["discussion"]["design"]["weak"].append("Why {test?"),
         "'Why {test?': expected '}' before end of string"),
        (lambda d: d["rubric"][0].update(audience="ceo"), "field 'rubric.0.audience'"),
        (lambda d: d["context"].update(tools="git"), "field 'context.tools'"),
    ],
)
def test_schema_errors_name_the_file_and_the_field(sample_copy, registry, change, message):
    (sample_copy / "Dockerfile").write_text("FROM scratch\n")
    _edit(sample_copy, change)
    with pytest.raises(WorksampleError) as raised:
        assignments.load(sample_copy, registry)
    assert str(raised.value).startswith(str(sample_copy / "assignment.yaml"))
    assert message in str(raised.value)


def test_resolve_by_id_or_path(tmp_path, sample):
    folder = sample.root
    assert assignments.resolve("inventory-reservations", folder.parent) == folder
    assert assignments.resolve(str(folder / "assignment.yaml"), tmp_path) == folder
    with pytest.raises(WorksampleError, match="no assignment 'nope'"):
        assignments.resolve("nope", folder.parent)


def test_json_schema_covers_the_coding_section_and_its_refs_resolve(registry):
    schema = assignments.json_schema(registry)
    assert "coding" in schema["properties"]
    text = json.dumps(schema)
    refs = {part.split('"')[0] for part in text.split('"$ref": "#/$defs/')[1:]}
    assert refs and refs <= set(schema["$defs"]), refs - set(schema["$defs"])


def test_cli_schema_list_and_show():
    runner = CliRunner()
    listed = runner.invoke(cli, ["assignments", "list"])
    assert listed.exit_code == 0 and "inventory-reservations\tcoding" in listed.output
    shown = runner.invoke(cli, ["assignments", "show", "inventory-reservations"])
    assert shown.exit_code == 0 and "correctness (auto, weight 60)" in shown.output
    schema = runner.invoke(cli, ["schema"])
    assert json.loads(schema.output)["title"] == "worksample assignment.yaml"


def test_cli_reports_a_bad_assignment_in_one_line(sample_copy):
    _edit(sample_copy, lambda d: d.pop("role"))
    result = CliRunner().invoke(cli, ["validate", str(sample_copy)])
    assert result.exit_code == 2
    assert "field 'role': Field required" in result.output
    assert "Traceback" not in result.output
