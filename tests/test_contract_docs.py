"""docs/plugins.md tells the contract as the code has it (datasette tests its hooks the same
way): every hook with its signature and a docstring, every field of AssignmentType."""

import inspect
import re

import pytest
from conftest_paths import ROOT, write_assignment
from pydantic import BaseModel

from worksample import hookimpl, hookspecs
from worksample import self_test as self_testing
from worksample.assignments import load
from worksample.models import AssignmentType, CriterionOutcome, Grade, SelfTestCase
from worksample.self_test import self_test

DOCS = (ROOT / "docs" / "plugins.md").read_text()


class RecorderSection(BaseModel):
    pass


@pytest.mark.parametrize("name", hookspecs.hook_names())
def test_every_hook_is_documented_with_its_signature_and_a_docstring(name):
    hook = getattr(hookspecs, name)
    arguments = ", ".join(inspect.signature(hook).parameters)
    assert f"| `{name}({arguments})` |" in DOCS
    docstring = inspect.getdoc(hook) or ""
    assert "Fires" in docstring and "Return" in docstring, f"{name} must say when and what"


def test_the_docs_name_no_hook_the_contract_lacks():
    named = set(re.findall(r"`(worksample_[a-z_]+)\(", DOCS))
    assert named == set(hookspecs.hook_names())


def test_every_field_of_an_assignment_type_is_documented():
    rows = set(re.findall(r"^\| `([a-z_]+)[(`]", DOCS, flags=re.MULTILINE))
    fields = set(AssignmentType.model_fields) - {"plugin"}  # the registry sets it
    assert fields <= rows, f"undocumented: {sorted(fields - rows)}"
    assert rows - set(hookspecs.hook_names()) <= fields, "documents a field that is gone"


def test_the_behaviour_gets_the_arguments_the_docs_name(tmp_path, registry, register_plugin):
    received = {}

    def grade(**arguments):
        received["grade"] = ", ".join(arguments)
        return Grade(criteria={"accuracy": CriterionOutcome(fraction=1)})

    def self_test_cases(**arguments):
        received["self_test_cases"] = ", ".join(arguments)
        return [SelfTestCase(label="any", path=tmp_path, expectation="any")]

    def assignment_checks(**arguments):
        received["assignment_checks"] = ", ".join(arguments)
        return ["checked"]

    class Recorder:
        @hookimpl
        def worksample_register_assignment_types(self, register):
            register(AssignmentType(name="recorder", section_model=RecorderSection, grade=grade,
                                    self_test_cases=self_test_cases,
                                    assignment_checks=assignment_checks))

    register_plugin(Recorder(), "recorder")
    folder = write_assignment(tmp_path / "task", "recorder", {}, [("accuracy", 1, "auto")])
    (tmp_path / "work").mkdir()
    loaded = load(folder, registry)
    self_test(loaded, tmp_path / "work", registry)
    checked = self_testing.assignment_checks(loaded, registry.assignment_type("recorder"))
    assert checked == ["checked"]
    for field, arguments in received.items():
        assert f"| `{field}({arguments})` |" in DOCS
    assert set(received) == {"grade", "self_test_cases", "assignment_checks"}


def test_the_recorded_cases_example_is_the_sample_file_whole():
    docs = (ROOT / "docs" / "assignments.md").read_text()
    source = (ROOT / "assignments" / "expense-ledger" / "cases" / "cases_settle.py").read_text()
    assert f"```python\n{source}```" in docs


def test_the_typescript_cases_example_is_the_sample_file_whole():
    docs = (ROOT / "docs" / "assignments.md").read_text()
    source = (ROOT / "assignments" / "url-router" / "cases" / "cases_navigate.ts").read_text()
    assert f"```ts\n{source}```" in docs
