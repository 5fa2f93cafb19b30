"""With no Docker engine, coding submissions end as `error` with what to do, never a score."""

import json

from click.testing import CliRunner
from conftest_paths import EXAMPLES, SAMPLE

from worksample.cli import cli
from worksample.sandbox import docker as sandbox


def test_grade_without_an_engine_is_an_error_with_exit_code_1(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    sandbox.client.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["grade", str(SAMPLE), str(EXAMPLES / "strong"),
                                          str(EXAMPLES / "broken"), "--json"])
    finally:
        sandbox.client.cache_clear()
    assert result.exit_code == 1
    results = json.loads(result.stdout)
    assert [r["status"] for r in results] == ["error", "error"]
    assert all(r["score"] is None and r["passed"] is None for r in results)
    assert "no Docker engine answers" in results[0]["message"]
    assert "scripts/ensure-docker.sh" in results[0]["message"]
    assert results[0]["message"].endswith("(after 3 attempts)")  # retried with backoff
