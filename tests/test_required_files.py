"""An assignment's required files (`required_files`): a submission without one is flagged
for the reviewers, its score unchanged; a pattern that would look outside the submission is
refused when the assignment is read."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest_paths import EXAMPLES, SAMPLE

from worksample.cli import cli
from worksample.store import ResultStore

pytestmark = pytest.mark.docker


def test_a_submission_without_a_required_file_is_flagged_and_scored_as_before(
        tmp_path, docker_engine):
    store = tmp_path / "results.sqlite"
    graded = CliRunner().invoke(cli, ["grade", str(SAMPLE), str(EXAMPLES / "strong"),
                                      str(EXAMPLES / "partial"), "--store", str(store)])
    assert graded.exit_code == 0, graded.output
    results = {r.submission_id: r for r in ResultStore(store).results()}
    assert [f.kind for f in results["strong"].flags] == []  # it sent NOTES.md
    [flag] = results["partial"].flags
    assert (flag.kind, flag.fails) == ("missing-file", False)
    assert "NOTES.md" in flag.evidence
    without = shutil.copytree(SAMPLE, tmp_path / "without")  # the same, nothing required
    spec = yaml.safe_load((without / "assignment.yaml").read_text())
    del spec["required_files"]
    (without / "assignment.yaml").write_text(yaml.safe_dump(spec))
    other = tmp_path / "without.sqlite"
    assert CliRunner().invoke(cli, ["grade", str(without), str(EXAMPLES / "partial"),
                                    "--store", str(other)]).exit_code == 0
    [unflagged] = ResultStore(other).results()
    assert unflagged.flags == [] and results["partial"].score == unflagged.score
    report = CliRunner().invoke(cli, ["report", str(SAMPLE), "--store", str(store), "--out",
                                      str(tmp_path / "report"), "--format", "json"])
    assert report.exit_code == 0, report.output
    page = (tmp_path / "report" / "candidates" / "partial.json").read_text()
    assert '"kind": "missing-file"' in page and '"category": "review"' in page


@pytest.mark.parametrize("pattern", ["../secrets.txt", "/etc/passwd", "docs/../../x", " "])
def test_a_required_file_outside_the_submission_is_refused(tmp_path, pattern):
    copy = shutil.copytree(SAMPLE, tmp_path / "assignment")
    spec = yaml.safe_load((copy / "assignment.yaml").read_text())
    spec["required_files"] = [pattern]
    (copy / "assignment.yaml").write_text(yaml.safe_dump(spec))
    result = CliRunner().invoke(cli, ["validate", str(copy)])
    assert result.exit_code == 2
    assert "required_files" in result.output and "within the submission" in result.output
