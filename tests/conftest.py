"""Shared fixtures. Installed third-party plugins are never loaded here: only the built-ins."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest_paths import EMAIL_SAMPLE, FIXTURE_LABEL, SAMPLE

BASE_IMAGE = "worksample/python-pytest:bookworm"

os.environ["WORKSAMPLE_LOAD_PLUGINS"] = "coding,email,case"


@pytest.fixture(autouse=True)
def _isolated_cache_and_store(tmp_path_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSAMPLE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("WORKSAMPLE_STORE", str(tmp_path / "results.sqlite"))


@pytest.fixture
def registry():
    """A freshly loaded plugin registry (built-ins only)."""
    from worksample.plugins import load_registry

    return load_registry()


@pytest.fixture
def register_plugin(registry):
    """Register throwaway plugin objects for one test; they are unregistered afterwards."""
    names = []

    def register(plugin, name: str):
        registry.manager.register(plugin, name=name)
        names.append(name)
        return plugin

    yield register
    for name in names:
        registry.manager.unregister(name=name)


@pytest.fixture
def sample(registry):
    """The bundled coding sample assignment, loaded."""
    from worksample.assignments import load

    return load(SAMPLE, registry)


@pytest.fixture(scope="session")
def email_sample():
    """The bundled email assignment (support-replies), loaded once: tests read it only."""
    from worksample.assignments import load
    from worksample.plugins import load_registry

    return load(EMAIL_SAMPLE, load_registry())


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A copy of the sample assignment folder to break in a test."""
    target = tmp_path / "assignment"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(scope="session")
def docker_engine():
    """The real Docker engine with the base image. No engine is a failure, never a skip."""
    import docker

    try:
        engine = docker.from_env(version="auto")
        engine.ping()
    except docker.errors.DockerException as error:
        pytest.fail(f"no Docker engine answers ({error}): run `bash scripts/ensure-docker.sh`")
    try:
        engine.images.get(BASE_IMAGE)
    except docker.errors.ImageNotFound:
        pytest.fail(f"{BASE_IMAGE} is missing: run `bash scripts/ensure-docker.sh`")
    return engine


@pytest.fixture
def no_leftovers(docker_engine):
    """Fails the test if it leaves any worksample-labelled container behind, once the
    stopped containers kept for later runs are removed as they are when a grader exits.
    Containers of graders that others run at the same time on this machine are not ours."""
    yield
    from worksample.sandbox import docker as sandbox

    sandbox.remove_stopped()
    left = [c for c in docker_engine.containers.list(all=True, filters={"label": "worksample"})
            if FIXTURE_LABEL not in c.labels
            and (c.labels.get(sandbox.OWNER_LABEL) == sandbox.STATE.owner
                 or sandbox.STATE.orphaned(c.labels.get(sandbox.OWNER_LABEL, "")))]
    assert not left, "containers left behind: " + ", ".join(
        f"{c.name} (owner {c.labels.get(sandbox.OWNER_LABEL)}, {c.status})" for c in left)


@pytest.fixture
def grade_analysis(tmp_path, registry):
    """Grade ``text`` as a candidate's analysis (``name``) for the sample case assignment;
    return the GradeResult, which must be graded."""
    from conftest_paths import CASE_SAMPLE

    from worksample.assignments import load
    from worksample.grading import grade_submission

    assignment = load(CASE_SAMPLE, registry)

    def run(text: str, name: str = "analysis.md"):
        folder = tmp_path / f"candidate-{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        (folder / name).write_text(text)
        work = tmp_path / "work"
        work.mkdir(exist_ok=True)
        result = grade_submission(assignment, folder, work, registry)
        assert result.status == "graded", result.message
        return result
    return run


@pytest.fixture(scope="module")
def browser() -> str:
    """Headless Chromium: missing is a failure, never a skip."""
    from worksample.reports.pdf import find_browser

    try:
        return find_browser()
    except Exception as error:
        pytest.fail(f"{error} (scripts/test.sh installs it)")


@pytest.fixture
def chromium(browser):
    """Debian's Chromium, driven by Playwright (no browser of Playwright's own is needed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=browser, args=["--no-sandbox"])
        yield launched
        launched.close()


SCREENSHOTS_FOLDER = Path(__file__).resolve().parent.parent / "test-screenshots"
_screenshots_taken: list[Path] = []


@pytest.fixture
def screenshot_path():
    """``screenshot_path(name)``: where a browser test writes a screenshot
    (test-screenshots/NAME.png, kept after the run); the paths are listed at the end."""
    SCREENSHOTS_FOLDER.mkdir(exist_ok=True)

    def path(name: str) -> Path:
        made = SCREENSHOTS_FOLDER / f"{name}.png"
        _screenshots_taken.append(made)
        return made

    return path


def pytest_terminal_summary(terminalreporter):
    """The screenshots browser tests wrote, to look at."""
    taken = [path for path in _screenshots_taken if path.exists()]
    if taken:
        terminalreporter.write_sep("-", "screenshots")
        for path in taken:
            terminalreporter.write_line(str(path))
