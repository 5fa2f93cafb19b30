"""The languages of coding tasks, without an engine: what `worksample plugins` says of them, the
image each defaults to and where it is built, and the Node recorder's two runners."""

import re

import pytest
from click.testing import CliRunner
from conftest_paths import ROOT
from pydantic import ValidationError
from worksample_coding.config import CodingSection
from worksample_coding.languages import JAVASCRIPT, LANGUAGES, NODE_IMAGE, TYPESCRIPT

from worksample.cli import cli


def test_worksample_plugins_lists_the_languages():
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0, result.output
    assert ("recorded (compared on the host; languages: python, javascript, typescript, go) or "
            "classic pytest (python).") in result.output


def test_every_default_image_is_one_ensure_docker_builds():
    script = (ROOT / "scripts" / "ensure-docker.sh").read_text()
    images = re.search(r"\nIMAGES=\(\n(.*?)\n\)", script, re.S).group(1)
    built = {line.split()[0].strip('"') for line in images.splitlines()}
    for language in LANGUAGES.values():
        if language.image:
            assert language.image in built, language.name
    node = next(line for line in images.splitlines() if NODE_IMAGE in line)
    assert node.split()[1].strip('"').split(",") == ["python3", "nodejs", "node-typescript"]


@pytest.mark.parametrize("language", ["javascript", "typescript"])
def test_node_tasks_default_to_the_node_image_and_are_recorded(language):
    section = CodingSection(language=language, mode="recorded", tests_criterion="correctness")
    assert section.image == NODE_IMAGE
    assert CodingSection(language=language, mode="recorded", image="mine",
                         tests_criterion="correctness").image == "mine"
    with pytest.raises(ValidationError, match="classic mode runs pytest"):
        CodingSection(language=language, tests_criterion="correctness")


def test_a_python_task_still_names_its_image():
    with pytest.raises(ValidationError, match="give exactly one of 'image' and 'dockerfile'"):
        CodingSection(mode="recorded", tests_criterion="correctness")


def test_the_node_runners_differ_only_in_the_language_they_are_told():
    assert set(TYPESCRIPT.recorder.files) == {
        "runner.py", "boot.js", "cases.js", "candidate.js", "channel.js", "values.js",
        "compile.js", "worksample-cases.js", "worksample-cases.d.ts"}
    assert TYPESCRIPT.recorder.files == JAVASCRIPT.recorder.files
    assert TYPESCRIPT.recorder.environment == {"WORKSAMPLE_NODE_LANGUAGE": "typescript"}
    assert JAVASCRIPT.recorder.environment == {"WORKSAMPLE_NODE_LANGUAGE": "javascript"}
    # the reference's recording is kept per runner: a JavaScript and a TypeScript run of one
    # assignment version are never confused
    assert TYPESCRIPT.recorder.digest != JAVASCRIPT.recorder.digest


def test_each_language_knows_its_case_files():
    """The host accepts a collection error only for a case file (recorded._refuse_strange...)."""
    python, typescript, javascript = (LANGUAGES[name] for name in ("python", "typescript",
                                                                  "javascript"))
    assert python.is_case_file("cases_settle.py") and not python.is_case_file("_helpers.py")
    assert typescript.is_case_file("cases_match.ts") and not typescript.is_case_file("_app.ts")
    assert not typescript.is_case_file("types.d.ts") and not typescript.is_case_file("x.js")
    assert javascript.is_case_file("cases_values.js") and not javascript.is_case_file("x.py")


def test_java_is_junit_only_and_defaults_to_the_java_image():
    section = CodingSection(language="java", mode="junit", junit={"command": ["true"]},
                            tests_criterion="correctness")
    assert section.image == "worksample/java:bookworm"
    assert LANGUAGES["java"].recorder is None
    with pytest.raises(ValidationError, match="no recorder for java yet; a java task uses "
                                              "mode: junit"):
        CodingSection(language="java", mode="recorded", tests_criterion="correctness")
    with pytest.raises(ValidationError, match="for Python only; a java task uses mode: junit"):
        CodingSection(language="java", tests_criterion="correctness")
    result = CliRunner().invoke(cli, ["plugins"])
    assert ("junit: the team's own test runner, in any language (python, javascript, "
            "typescript, go, java).") in result.output
    images = (ROOT / "scripts" / "ensure-docker.sh").read_text()
    assert '"worksample/java:bookworm python3,default-jdk-headless,junit5"' in images
