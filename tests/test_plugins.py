import json
from importlib import metadata

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from worksample import hookimpl, plugins
from worksample.cli import cli
from worksample.errors import WorksampleError
from worksample.models import AssignmentType


class OtherSection(BaseModel):
    flavour: str


def test_builtin_coding_plugin_comes_from_the_entry_point_group(registry):
    described = {p["name"]: p for p in registry.describe()}
    assert described["coding"]["assignment_types"] == ["coding"]
    assert described["coding"]["hooks"] == ["worksample_register_assignment_types"]
    assert described["coding"]["version"]
    assert "coding" in registry.assignment_types()


def test_load_env_empty_loads_no_plugin(monkeypatch):
    monkeypatch.setenv(plugins.LOAD_ENV, "")
    assert plugins.load_registry().describe() == []


def test_block_env_skips_a_plugin(monkeypatch):
    monkeypatch.delenv(plugins.LOAD_ENV)
    monkeypatch.setenv(plugins.BLOCK_ENV, "coding")
    assert "coding" not in plugins.load_registry().assignment_types()


def _with_extra_entry_point(monkeypatch, name, value):
    real = metadata.entry_points(group=plugins.ENTRY_POINT_GROUP)
    fake = metadata.EntryPoint(name=name, value=value, group=plugins.ENTRY_POINT_GROUP)
    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: [*real, fake])
    monkeypatch.setenv(plugins.LOAD_ENV, f"coding,{name}")


def test_a_plugin_that_fails_to_import_is_reported_and_the_rest_load(monkeypatch, capsys):
    _with_extra_entry_point(monkeypatch, "broken", "no_such_module_anywhere")
    registry = plugins.load_registry()
    assert "coding" in registry.assignment_types()
    failed = [p for p in registry.describe() if p["name"] == "broken"]
    assert failed and "No module named" in failed[0]["error"]
    assert "plugin 'broken' was skipped" in capsys.readouterr().err


def test_a_misspelt_hook_is_an_error_not_silence(monkeypatch, tmp_path):
    module = tmp_path / "misspelt_plugin.py"
    module.write_text(
        "from worksample import hookimpl\n\n"
        "@hookimpl\n"
        "def worksample_grad(assignment, submission):\n"
        "    return None\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    _with_extra_entry_point(monkeypatch, "misspelt", "misspelt_plugin")
    registry = plugins.load_registry()
    failed = {p["name"]: p for p in registry.describe()}["misspelt"]
    assert "unknown hook" in failed["error"] and "worksample_grad" in failed["error"]
    assert registry.manager.get_plugin("misspelt") is None


def test_a_later_plugin_overrides_a_builtin_type(registry):
    class Override:
        @hookimpl
        def worksample_register_assignment_types(self, register):
            register(AssignmentType(name="coding", section_model=OtherSection,
                                    grade=lambda: None))

    registry.manager.register(Override(), name="override")
    try:
        replaced = registry.assignment_types()["coding"]
        assert (replaced.section_model, replaced.plugin) == (OtherSection, "override")
        assert replaced.self_test_cases is None  # nothing of the built-in type is left
    finally:
        registry.manager.unregister(name="override")
    builtin = registry.assignment_types()["coding"]
    assert builtin.plugin == "coding" and builtin.self_test_cases is not None


def test_unknown_type_names_the_known_ones(registry):
    with pytest.raises(WorksampleError, match="known types: case, coding, email"):
        registry.assignment_type("sql")


def test_plugins_command_json():
    result = CliRunner().invoke(cli, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    listed = {p["name"]: p for p in json.loads(result.output)}
    assert listed["coding"]["assignment_types"] == ["coding"]


class PoemsPlugin:
    """Two assignment types: one with a description, one without."""

    @hookimpl
    def worksample_register_assignment_types(self, register):
        register(AssignmentType(name="haiku", section_model=OtherSection, grade=print,
                                description="Three lines: five, seven, five syllables."))
        register(AssignmentType(name="limerick", section_model=OtherSection, grade=print))
        register(AssignmentType(name="case", section_model=OtherSection, grade=print,
                                description="Cases in verse."))


def test_plugins_command_shows_each_assignment_type_with_its_description(
        registry, register_plugin, monkeypatch):
    monkeypatch.setattr(plugins, "_registry", registry)
    register_plugin(PoemsPlugin(), "poems")
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0, result.output
    assert ("  assignment types:\n"
            "    case: Cases in verse.\n"
            "    haiku: Three lines: five, seven, five syllables.\n"
            "    limerick\n"
            "  hooks: worksample_register_assignment_types\n") in result.output
    assert "    email: Replies to customer emails, checked phrase by phrase" in result.output
    assert "    case: Written case analyses (Markdown, text, PDF, DOCX): sections, key points, " \
           "numbers and the recommendation, with quoted evidence. (replaced by plugin " \
           "'poems')" in result.output


# docker, the worker pool, the models, the console and reports, the document readers, plugins,
# the similarity measure's lexers
HEAVY_MODULES = ("docker", "pebble", "pydantic", "rich", "jinja2", "pypdf", "docx",
                 "worksample_coding", "worksample_email", "worksample_case", "pygments",
                 "worksample.similarity")


def test_help_imports_neither_docker_nor_plugins_nor_other_heavy_modules():
    """Every command module is imported to build ``worksample --help``: each must import the
    core inside its commands, not at the top."""
    import subprocess
    import sys

    code = (
        "import sys; from worksample.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print('imported:', sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Commands:" in done.stdout
    assert done.stdout.splitlines()[-1] == "imported: []"
