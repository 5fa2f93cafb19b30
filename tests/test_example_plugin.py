"""The 30-line example plugin of docs/plugins.md works as documented."""

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest_paths import write_assignment

from worksample.assignments import load
from worksample.grading import grade_submission

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example_plugin"


@pytest.fixture
def wordlimit(register_plugin, monkeypatch):
    spec = importlib.util.spec_from_file_location("worksample_wordlimit",
                                                  EXAMPLE / "worksample_wordlimit.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "worksample_wordlimit", module)  # as an import does
    spec.loader.exec_module(module)
    return register_plugin(module, "wordlimit")


def test_the_example_plugin_is_all_the_docs_show(wordlimit):
    docs = (EXAMPLE.parent / "plugins.md").read_text()
    source = (EXAMPLE / "worksample_wordlimit.py").read_text()
    assert f"```python\n{source}```" in docs
    assert len([line for line in source.splitlines() if line.strip()]) <= 32


def test_the_example_plugin_grades(tmp_path, registry, wordlimit):
    folder = write_assignment(tmp_path / "summary", "wordlimit", {"max_words": 10},
                              [("brevity", 1, "auto")])
    assignment = load(folder, registry)
    answer = tmp_path / "answer"
    answer.mkdir()
    (answer / "answer.md").write_text("word " * 20)
    work = tmp_path / "work"
    work.mkdir()
    result = grade_submission(assignment, answer, work, registry)
    assert result.status == "graded" and result.score == 50.0
    assert result.criteria[0].evidence == ["20 words (limit 10)"]
