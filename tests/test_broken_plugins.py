"""A broken plugin never breaks the tool: throwaway plugins, installed as real entry points,
fail in each place plugin code runs, and the real CLI reports them and carries on."""

import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest_paths import WORKSAMPLE, answers, write_assignment

HEADER = """\
from pydantic import BaseModel, field_validator
from worksample import hookimpl
from worksample.models import AssignmentType, CriterionOutcome, Grade, SelfTestCase


class Section(BaseModel):
    pass


def grade(assignment, submission):
    said = (submission.root / "answer.txt").read_text()
    if said == "crash":
        raise ZeroDivisionError("a bug in the plugin")
    return Grade(criteria={"accuracy": CriterionOutcome(fraction=float(said))})

"""


def installed(tmp_path: Path, plugins: dict[str, str]) -> dict[str, str]:
    """The environment of a grader with ``plugins`` (entry-point name -> module source after
    HEADER) installed as a distribution, beside the built-in coding plugin."""
    site = tmp_path / "site"
    info = site / "throwaway_plugins-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: throwaway-plugins\n"
                                   "Version: 1.0\n")
    points = "".join(f"{name} = throwaway_{name}\n" for name in plugins)
    (info / "entry_points.txt").write_text(f"[worksample]\n{points}")
    for name, source in plugins.items():
        (site / f"throwaway_{name}.py").write_text(HEADER + textwrap.dedent(source))
    return os.environ | {"PYTHONPATH": str(site),
                         "WORKSAMPLE_LOAD_PLUGINS": ",".join(["coding", *plugins])}


def worksample(env: dict[str, str], *arguments, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([WORKSAMPLE, *map(str, arguments)], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_a_register_hook_that_raises_leaves_out_its_plugin_only(tmp_path):
    env = installed(tmp_path, {
        "good": """
            @hookimpl
            def worksample_register_assignment_types(register):
                register(AssignmentType(name="good", section_model=Section, grade=grade,
                                        description="a type that works"))
            """,
        "raising": """
            @hookimpl
            def worksample_register_assignment_types(register):
                register(AssignmentType(name="half", section_model=Section, grade=grade))
                raise RuntimeError("cannot find my data files")
            """,
        "wrong": """
            @hookimpl
            def worksample_register_assignment_types(register):
                register("not a type")
            """,
    })
    listed = worksample(env, "plugins", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "plugin 'raising' was skipped: its worksample_register_assignment_types hook " \
           "failed: RuntimeError('cannot find my data files')" in listed.stderr
    assert "plugin 'wrong' was skipped" in listed.stderr and "register() takes an " \
           "AssignmentType" in listed.stderr
    assert "Traceback" not in listed.stderr
    for name in ("raising", "wrong", "good", "coding"):
        assert name in listed.stdout
    # the type a failing plugin registered before it raised is left out with it
    schema = worksample(env, "schema", cwd=tmp_path)
    assert schema.returncode == 0, schema.stderr
    assert '"good"' in schema.stdout and '"half"' not in schema.stdout


def test_a_crash_while_grading_costs_that_submission_only(tmp_path):
    env = installed(tmp_path, {"crashy": """
        @hookimpl
        def worksample_register_assignment_types(register):
            register(AssignmentType(name="crashy", section_model=Section, grade=grade,
                                    grades_in_worker=True))
        """})
    folder = write_assignment(tmp_path / "task", "crashy", {}, [("accuracy", 1, "auto")])
    sources = answers(tmp_path, "1", "crash", "0.5")
    graded = worksample(env, "grade", folder, *sources, "--json", "--store",
                        tmp_path / "results.sqlite", cwd=tmp_path)
    assert graded.returncode == 1, graded.stderr  # an error result: exit 1, batch complete
    assert "3 new result(s) (2 graded, 1 error)" in graded.stderr
    assert "the 'crashy' type (plugin 'crashy') crashed while grading: " \
           "ZeroDivisionError('a bug in the plugin')" in graded.stdout


@pytest.mark.parametrize(("behaviour", "body", "said"), [
    ("self_test_cases", "raise KeyError('reference')",
     "crashed giving its self-test cases: KeyError('reference')"),
    ("self_test_cases", "return ['not a case']",
     "gave self-test cases that are not SelfTestCase objects"),
    ("assignment_checks", "raise KeyError('image')",
     "crashed checking the assignment: KeyError('image')"),
    ("assignment_checks", "return [3]", "answered its assignment checks with what is not text"),
])
def test_type_behaviour_for_validate_that_fails_is_one_clear_line(tmp_path, behaviour, body,
                                                                   said):
    env = installed(tmp_path, {"selftest": f"""
        def answer(assignment):
            {body}

        @hookimpl
        def worksample_register_assignment_types(register):
            register(AssignmentType(name="selftest", section_model=Section, grade=grade,
                                    {behaviour}=answer))
        """})
    folder = write_assignment(tmp_path / "task", "selftest", {}, [("accuracy", 1, "auto")])
    checked = worksample(env, "validate", folder, cwd=tmp_path)
    assert checked.returncode != 0
    assert f"the 'selftest' type (plugin 'selftest') {said}" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_a_section_model_that_crashes_is_an_error_naming_its_plugin(tmp_path):
    env = installed(tmp_path, {"fussy": """
        class Fussy(BaseModel):
            name: str = ""

            @field_validator("name")
            @classmethod
            def looked_up(cls, value):
                return {}[value]  # a bug: KeyError, not a ValueError

        @hookimpl
        def worksample_register_assignment_types(register):
            register(AssignmentType(name="fussy", section_model=Fussy, grade=grade))
        """})
    folder = write_assignment(tmp_path / "task", "fussy", {"name": "x"}, [("accuracy", 1, "auto")])
    checked = worksample(env, "validate", folder, cwd=tmp_path)
    assert checked.returncode == 2, checked.stderr
    assert "the 'fussy' type (plugin 'fussy') crashed checking its section: KeyError('x')" in \
        checked.stderr
    assert "Traceback" not in checked.stderr


def test_a_plugin_that_replaces_a_builtin_type_replaces_it_whole(tmp_path):
    """The bug this contract fixed: an override of `coding` still had the built-in's
    self-test cases joined in, and `validate` ended in an AttributeError traceback."""
    env = installed(tmp_path, {"mycoding": """
        def cases(assignment):
            return [SelfTestCase(label="my own case", path=assignment.root / "ok",
                                 min_score=100, expectation="must score 100")]

        @hookimpl
        def worksample_register_assignment_types(register):
            register(AssignmentType(name="coding", section_model=Section, grade=grade,
                                    self_test_cases=cases))
        """})
    folder = write_assignment(tmp_path / "task", "coding", {}, [("accuracy", 1, "auto")])
    (folder / "ok").mkdir()
    (folder / "ok" / "answer.txt").write_text("1")
    checked = worksample(env, "validate", folder, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ok   my own case: graded, score 100" in checked.stdout
    assert "reference" not in checked.stdout and "starter" not in checked.stdout
