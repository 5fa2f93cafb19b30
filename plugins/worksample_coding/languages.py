"""The languages a coding task can be written in, and what recorded mode runs for each.

A language brings a recorder: the runner that runs the hidden cases in the container and
writes the typed records every recorder writes (worksample/sandbox/observations.py), so the
host compares them the same way whatever the language. Classic mode (pytest) is Python's
only. A language without a recorder (Java) is graded in junit mode only: the team's own
tests, in the language's image.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from worksample.sandbox.harness import Runner, Trust


@dataclass(frozen=True)
class Language:
    """A language of coding tasks: its name in assignment.yaml and its recorder (None: junit
    mode only)."""

    name: str
    recorder: Runner | None
    case_files: str  # what the docs call a case module, e.g. "every .py file"
    image: str | None = None  # coding.image when the task names none (scripts/ensure-docker.sh)
    extension: str = ".py"  # of a case module's file

    def is_case_file(self, name: str) -> bool:
        """Whether a file of the cases' folder is a case module (its recorder may report a
        collection error for it): the language's extension, not starting with _ (a helper),
        not a declaration file."""
        return (name.endswith(self.extension) and not name.startswith("_")
                and not name.endswith(".d.ts"))


def _folder(name: str):
    return resources.files("worksample_coding") / name


PYTHON = Language(
    name="python",
    recorder=Runner.from_folder(_folder("recorder"), python="runner.py",
                                trust=Trust.HOST_COMPARED),
    case_files="every .py file not starting with _",
)

NODE_IMAGE = "worksample/node:bookworm"  # Debian's nodejs and node-typescript, and python3


def _node(name: str, extension: str) -> Language:
    """JavaScript or TypeScript: one recorder (``recorder_node/``), told which by its
    environment; TypeScript is type-checked and compiled in the container first."""
    return Language(
        name=name,
        recorder=Runner.from_folder(_folder("recorder_node"), python="runner.py",
                                    trust=Trust.HOST_COMPARED,
                                    environment={"WORKSAMPLE_NODE_LANGUAGE": name}),
        case_files=f"every {extension} file not starting with _",
        image=NODE_IMAGE,
        extension=extension,
    )


JAVASCRIPT = _node("javascript", ".js")
TYPESCRIPT = _node("typescript", ".ts")

GO = Language(
    name="go",
    recorder=Runner.from_folder(_folder("recorder_go"), python="runner.py",
                                trust=Trust.HOST_COMPARED),
    case_files="every .go file, one package (any name but main) calling cases.Case",
    image="worksample/go:bookworm",  # Debian's golang-go and python3: scripts/ensure-docker.sh
    extension=".go",
)

JAVA = Language(
    name="java",
    recorder=None,  # no recorder yet: a team's JUnit 5 suite in junit mode
    case_files="no case files (junit mode only)",
    image="worksample/java:bookworm",  # Debian's headless JDK, JUnit 5 and python3
    extension=".java",
)

LANGUAGES = {language.name: language
             for language in (PYTHON, JAVASCRIPT, TYPESCRIPT, GO, JAVA)}
