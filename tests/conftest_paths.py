"""Paths of the bundled samples, and of the installed command, for test modules to import."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assignments" / "inventory-reservations"
EXAMPLES = ROOT / "examples" / "inventory-reservations"
HOSTILE = ROOT / "tests" / "hostile" / "submissions"
# the command as a user runs it: installed beside the interpreter that runs the tests
WORKSAMPLE = str(Path(sys.executable).parent / "worksample")
# on containers a test makes to look left behind (the sweep's); no_leftovers does not count them
FIXTURE_LABEL = "worksample.test-fixture"


def write_assignment(folder: Path, type_name: str, section: dict, criteria: list[tuple],
                     pass_score: float = 50) -> Path:
    """A minimal assignment folder of ``type_name``; criteria are (id, weight, source)."""
    import yaml

    folder.mkdir()
    (folder / "brief.md").write_text("The brief.")
    anchors = {1: "weak", 2: "fair", 3: "good", 4: "excellent"}
    (folder / "assignment.yaml").write_text(yaml.safe_dump({
        "id": folder.name, "title": folder.name.title(), "type": type_name, "role": "Tester",
        "time_budget_minutes": 10, "instructions": "brief.md", "pass_score": pass_score,
        "rubric": [{"id": cid, "title": cid.title(), "weight": weight, "source": source,
                    "anchors": anchors} for cid, weight, source in criteria],
        type_name: section,
    }))
    return folder

EMAIL_SAMPLE = ROOT / "assignments" / "support-replies"
EMAIL_EXAMPLES = ROOT / "examples" / "support-replies"
CASE_SAMPLE = ROOT / "assignments" / "pricing-review"
CASE_EXAMPLES = ROOT / "examples" / "pricing-review"
CASE_HOSTILE = ROOT / "tests" / "hostile" / "documents"
# the pricing-review options' titles, which evidence shows instead of their ids
OPTION_NAMES = {"split-plans": "a separate solo plan at $39, with teams kept at $49",
                "keep-49": "keeping $49 for everyone",
                "back-to-39": "going back to $39 for everyone"}


def answers(root: Path, *values: str | bytes) -> list[Path]:
    """One submission folder per value, each holding it as answer.txt (cand000, cand001 ...)."""
    folders = []
    for index, value in enumerate(values):
        folder = root / "submissions" / f"cand{index:03d}"
        folder.mkdir(parents=True)
        answer = folder / "answer.txt"
        answer.write_bytes(value) if isinstance(value, bytes) else answer.write_text(value)
        folders.append(folder)
    return folders


def older_store(current: Path, older: Path, schema: str) -> Path:
    """A store file ``older`` made with an older format's ``schema``, holding the results of
    the store file ``current``: for migration tests."""
    import sqlite3

    with sqlite3.connect(current) as db:
        rows = db.execute("SELECT * FROM results").fetchall()
    db.close()
    with sqlite3.connect(older) as db:
        db.executescript(schema)
        db.executemany("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?)", rows)
    db.close()
    return older


def git_at(repo: Path, *arguments: str, when=None, stdin: bytes | None = None) -> str:
    """``git -C repo ARGUMENTS...`` as a candidate "Cand" at ``when`` (a datetime; both its
    dates), with no system config and a HOME beside the repository; its output."""
    import os
    import subprocess

    env = {"PATH": os.environ["PATH"], "HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Cand", "GIT_AUTHOR_EMAIL": "c@example.com",
           "GIT_COMMITTER_NAME": "Cand", "GIT_COMMITTER_EMAIL": "c@example.com"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    return subprocess.run(["git", "-C", str(repo), *arguments], env=env, check=True,
                          capture_output=True, input=stdin).stdout.decode()


def run_cli(*arguments):
    """``worksample ARGUMENTS...`` in this process (Click's runner), each argument as text."""
    from click.testing import CliRunner

    from worksample.cli import cli

    return CliRunner().invoke(cli, [*map(str, arguments)])


def graded_by_id(*arguments) -> dict[str, dict]:
    """``worksample grade ARGUMENTS... --json``, which must succeed: each result by its
    submission id."""
    import json

    result = run_cli("grade", *arguments, "--json")
    assert result.exit_code == 0, result.output
    return {r["submission_id"]: r for r in json.loads(result.stdout)}


def require_image(docker_engine, image: str) -> None:
    """Fail (never skip) when the sandbox image ``image`` is missing."""
    import docker
    import pytest

    try:
        docker_engine.images.get(image)
    except docker.errors.ImageNotFound:
        pytest.fail(f"{image} is missing: run `bash scripts/ensure-docker.sh`")


def signs(result: dict) -> list[dict]:
    """A hostile submission's flags that may be signs of an attack: all but ``timed-out`` (a
    test stopped at its limit, which a hanging attack raises too) and ``missing-file`` (the
    attacks send only the code, not the NOTES.md their assignment asks for)."""
    return [flag for flag in result["flags"] if flag["kind"] not in ("timed-out",
                                                                     "missing-file")]
