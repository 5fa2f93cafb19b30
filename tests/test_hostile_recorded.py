"""The recorded-mode hostile corpus, graded for real: every attack gets the outcome in its row.

See hostile/recorded/README.md. Each attack is a whole ``ledger.py`` for
``assignments/expense-ledger``, built on code whose honest score is known: the starter
(0), the partial sample (53.37) or, for honest submissions, the reference's logic (100).
Honest submissions (``honest-*``) are in the table too, with the outcome they must get:
graded, no flag, the score their code earns. All of them are graded in one ``worksample grade``
process, as a hiring team would run it, against a copy of the assignment with an 8-second
wall clock and a 1-second per-case limit. An attack that beats worksample today is a row with
``works`` set: its test is ``xfail(strict=True)`` and turns green when the hole is closed.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest_paths import ROOT, signs
from grader_process import run_grader

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

RECORDED = ROOT / "tests" / "hostile" / "recorded"
ASSIGNMENT = ROOT / "assignments" / "expense-ledger"
WALL_SECONDS, PER_CASE_SECONDS = 8, 1
CASES = 16
HONEST = {"starter": 0.0, "partial": 53.37, "reference": 100.0}  # what each base earns
GRADER_MEMORY_MB = 256  # the grader's own peak for the whole corpus
RESULT_BYTES = 200 * 1024  # one stored result (an honest one is 6-17 KB)
HOST_SECONDS = 1.5  # the grader's own time on one submission, besides the container's
TAMPERED = frozenset({"result-channel-tampered"})
MODIFIED = frozenset({"hidden-tests-modified"})


@dataclass(frozen=True)
class Attack:
    """What an attack is built on and the outcome it must get."""

    base: str = "partial"
    score: float | None = None  # the exact score; None: at most what the base earns
    ended: str = "completed"
    flags: frozenset[str] | None = frozenset()  # None: the fix decides
    works: str = ""  # how it beats worksample today; the row is xfail(strict) until fixed


CORPUS = {
    # forging the result channel
    "forges-stream-in-order": Attack(base="starter", score=0.0),
    "forges-stream-alongside-runner": Attack(base="starter", score=0.0),
    "forges-ahead-of-runner": Attack(score=53.37),
    "writes-after-finished": Attack(score=53.37),
    "exits-at-chosen-point": Attack(score=0.0),
    # patching the recorder in its own process
    "patches-send-nan": Attack(score=0.0),
    "patches-typed-infinity": Attack(score=53.37),
    "patches-json-dumps": Attack(score=53.37),
    "patches-raised": Attack(score=0.0),
    "patches-case-registry": Attack(score=53.37),
    "patches-recorder-type": Attack(score=53.37),
    # objects that pretend to be plain data
    "returns-lying-subclasses": Attack(score=53.37),
    "returns-class-impostors": Attack(score=53.37),
    "spoofs-exception-class": Attack(score=53.37),
    "raises-from-dunders": Attack(score=53.37),
    # typed values, tolerances and labels
    "malformed-typed-values": Attack(score=0.0),
    "shuffles-labels": Attack(score=0.0),
    "writes-lone-surrogates": Attack(score=0.0),
    "reverses-transfers": Attack(score=46.68),  # unordered reached into each tuple (fixed)
    # peeking for the reference, the per-case timer
    "peeks-for-the-reference": Attack(score=53.37),
    "swallows-case-timeout": Attack(score=0.0),
    # the host's reading and comparison
    "oversized-line-and-flood": Attack(score=0.0),
    "nests-deeper-than-json": Attack(score=0.0),
    "unhashable-case-id": Attack(score=0.0),
    "collected-ids-not-a-list": Attack(base="starter", score=0.0),
    "floods-empty-lines": Attack(score=0.0),
    "floods-collect-errors": Attack(score=0.0),
    "collides-dict-keys": Attack(score=0.0),  # its line is over the limit
    "amplifies-memory": Attack(score=0.0),
    # the second round: the fixes of the first, and what it missed
    "float-too-big-for-a-float": Attack(score=0.0),
    "bloats-failure-messages": Attack(score=0.0),
    "injects-markup-in-values": Attack(score=39.99),
    "answers-from-the-instructions": Attack(score=0.0),
    "collides-case-ids": Attack(score=53.37),
    "unreadable-sealed-folder": Attack(score=0.0, flags=MODIFIED),
    "long-changed-paths": Attack(score=0.0, flags=MODIFIED),
    "floods-then-prints-undecodable": Attack(score=0.0),
    # the third round: the candidate's own process, which answers the recorder's calls
    "reads-the-recorders-memory": Attack(score=53.37),
    # a race: the flooding thread starts at import, and on a busy machine the recorder may get
    # an answer through before it runs (6.69 seen in a CI run beside other work: one case
    # passed by the partial's own code); never more than the partial earns
    "floods-the-pipe": Attack(score=None),
    "stops-the-recorder": Attack(score=0.0, ended="timeout"),
    # honest submissions: graded, no flag, the score their code earns
    "honest-syntax-error": Attack(score=0.0),
    "honest-huge-wrong-answer": Attack(score=50.02),
    "honest-namedtuple-and-defaultdict": Attack(base="reference", score=100.0),
}


def submission_cases() -> list:
    """One parameter per attack, xfail(strict) for those that work today."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=attack.works))
            if attack.works else name for name, attack in sorted(CORPUS.items())]


def quick_assignment(root: Path) -> Path:
    """The sample assignment with a short wall clock and per-case limit."""
    folder = root / "expense-ledger-quick"
    shutil.copytree(ASSIGNMENT, folder, ignore=shutil.ignore_patterns("__pycache__"))
    data = yaml.safe_load((folder / "assignment.yaml").read_text())
    data["coding"]["limits"].update(wall_seconds=WALL_SECONDS, per_test_seconds=PER_CASE_SECONDS)
    (folder / "assignment.yaml").write_text(yaml.safe_dump(data))
    return folder


BASE_CODE = {  # the code each base stands for
    "starter": ASSIGNMENT / "starter" / "ledger.py",
    "partial": ROOT / "examples" / "expense-ledger" / "partial" / "ledger.py",
    "reference": ASSIGNMENT / "reference" / "ledger.py",
}


def build_submission(name: str, root: Path) -> Path:
    """The attack's folder, copied: its ``ledger.append.py`` is appended to its base's code
    (so it runs when the module is imported), or its ``ledger.py`` is a whole submission."""
    folder = Path(shutil.copytree(RECORDED / name, root / "submissions" / name,
                                  ignore=shutil.ignore_patterns("__pycache__")))
    appended = folder / "ledger.append.py"
    if appended.exists():
        base = BASE_CODE[CORPUS[name].base].read_text() if name in CORPUS else ""
        (folder / "ledger.py").write_text(base + "\n\n" + appended.read_text())
        appended.unlink()
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("recorded")
    assignment = quick_assignment(root)
    submissions = [build_submission(name, root) for name in sorted(CORPUS)]
    exit_code, peak_mb = run_grader(
        ["grade", str(assignment), *map(str, submissions), "--json", "-j", "2",
         "--retries", "1"], root / "results.json", root / "cache")
    results = json.loads((root / "results.json").read_text())
    return {"root": root, "assignment": assignment, "exit_code": exit_code, "peak_mb": peak_mb,
            "results": {r["submission_id"]: r for r in results}}


def test_the_corpus_table_names_every_attack_folder():
    assert {p.name for p in RECORDED.iterdir() if p.is_dir()} == set(CORPUS)


def test_every_attack_is_graded_within_the_graders_memory(corpus):
    assert set(corpus["results"]) == set(CORPUS)
    assert corpus["peak_mb"] < GRADER_MEMORY_MB, f"grader peaked at {corpus['peak_mb']} MB"


def test_the_batch_exits_cleanly(corpus):
    errors = sorted(name for name, result in corpus["results"].items()
                    if result["status"] == "error")
    if errors and all(CORPUS[name].works for name in errors):
        pytest.xfail(f"exit code 1 while {errors} get error (rows that work today)")
    assert corpus["exit_code"] == 0


@pytest.mark.parametrize("name", submission_cases())
def test_each_attack_gets_its_outcome(corpus, name):
    attack, result = CORPUS[name], corpus["results"][name]
    assert result["status"] == "graded", result["message"]
    assert result["run"]["ended"] == attack.ended
    assert len(result["checks"]) == CASES  # every hidden case accounted for
    if attack.score is not None:
        assert result["score"] == attack.score
    assert result["score"] <= HONEST[attack.base], "a score the code did not earn"
    if attack.flags is not None:
        assert {f["kind"] for f in signs(result)} == attack.flags
    if signs(result):
        assert result["score"] == 0 and all(f["evidence"] for f in signs(result))
    assert result["run"]["seconds"] < WALL_SECONDS + 2
    assert result["durations"]["grade_s"] - result["run"]["seconds"] < HOST_SECONDS
    assert len(json.dumps(result)) < RESULT_BYTES


def test_the_peek_finds_the_hidden_cases_but_nothing_of_the_reference(corpus):
    printed = corpus["results"]["peeks-for-the-reference"]["details"]["output_head"]
    assert "peeked: nothing of the reference" in printed and "LEAK" not in printed
    assert "/sandbox/tests/cases_balances.py" in printed  # the search itself works


def test_a_padded_recording_does_not_multiply_in_the_graders_memory(corpus):
    root = corpus["root"] / "alone"
    root.mkdir()
    submission = build_submission("amplifies-memory", root)
    exit_code, peak_mb = run_grader(["grade", str(corpus["assignment"]), str(submission),
                                     "--json"], root / "results.json", corpus["root"] / "cache")
    assert exit_code == 0
    assert peak_mb < 100, f"grader peaked at {peak_mb} MB"


def test_candidate_text_reaches_the_hiring_manager_escaped_and_never_the_candidate(corpus):
    # injects-markup-in-values returns HTML, Markdown and a right-to-left override, each
    # with the marker "WSX"
    root = corpus["root"] / "report"
    root.mkdir()
    pages = {}
    for audience in ("hiring-manager", "candidate"):
        out = root / audience
        exit_code, _ = run_grader(["report", str(corpus["assignment"]), "--audience", audience,
                                   "--out", str(out), "--store",
                                   str(corpus["root"] / "results.sqlite")],
                                  root / f"{audience}.txt", corpus["root"] / "cache")
        assert exit_code == 0
        pages[audience] = {path.name: path.read_text(encoding="utf-8")
                           for path in (out / "candidates").iterdir()}
    manager = pages["hiring-manager"]
    html, markdown = (manager[f"injects-markup-in-values.{kind}"] for kind in ("html", "md"))
    for marker in ("WSX1", "WSX2", "WSX3", "WSX4", "WSX6"):
        assert marker in html and marker in markdown  # shown, so a reviewer sees the attempt
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html and "\u202e" not in html
    # the candidate's own files are shown in fenced blocks, where Markdown reads no markup
    outside_code = re.sub(r"^(`{3,})\n.*?\n\1$", "", markdown, flags=re.S | re.M)
    assert "<script>alert" not in outside_code and "\\<script\\>alert(" in markdown
    for name, text in pages["candidate"].items():
        text = _without_own_work(text)  # their own files are theirs to see
        assert "WSX" not in text, name
        assert "the reference returned" not in text, name


HELPER_MODULE = '''"""Helpers the case modules share (no cases of its own)."""

from ledger import Ledger


def ledger_with(*expenses):
    """A ledger holding ``expenses``, each (id, payer, amount, shares)."""
    ledger = Ledger()
    for expense_id, payer, amount, shares in expenses:
        ledger.add(expense_id, payer=payer, amount=amount, shares=shares)
    return ledger
'''


def with_a_helper_module(assignment: Path, root: Path) -> Path:
    """The quick assignment with a helper module beside the case modules, as
    docs/assignments.md allows: ``builders.py``, which imports the submission and holds no
    case; ``cases_input.py`` builds its ledgers with it."""
    folder = root / "expense-ledger-helper"
    shutil.copytree(assignment, folder)
    (folder / "cases" / "builders.py").write_text(HELPER_MODULE)
    cases = folder / "cases" / "cases_input.py"
    text = cases.read_text()
    old = ('def _ledger():\n    ledger = Ledger()\n    ledger.add("e1", payer="ana", amount=12, '
           'shares={"ana": 1, "ben": 1})\n    return ledger\n')
    assert old in text
    cases.write_text(text.replace(old, 'def _ledger():\n    return ledger_with(("e1", "ana", '
                                       '12, {"ana": 1, "ben": 1}))\n').replace(
        "from worksample_cases import case\n",
        "from builders import ledger_with\nfrom worksample_cases import case\n"))
    return folder


@pytest.fixture(scope="module")
def helper_variant(corpus):
    root = corpus["root"] / "helper"
    root.mkdir()
    assignment = with_a_helper_module(corpus["assignment"], root)
    partial = Path(shutil.copytree(ROOT / "examples" / "expense-ledger" / "partial",
                                   root / "submissions" / "partial"))
    honest = build_submission("honest-syntax-error", root)
    exit_code, _ = run_grader(["grade", str(assignment), str(partial), str(honest), "--json",
                               "--retries", "1"], root / "results.json", root / "cache")
    results = json.loads((root / "results.json").read_text())
    return {"exit_code": exit_code, "results": {r["submission_id"]: r for r in results}}


def test_an_assignment_with_a_helper_module_grades_as_before(helper_variant):
    partial = helper_variant["results"]["partial"]
    assert (partial["status"], partial["score"], signs(partial)) == ("graded", 53.37, [])


def test_a_helper_module_that_cannot_import_the_submission_is_no_tampering(helper_variant):
    honest = helper_variant["results"]["honest-syntax-error"]
    assert honest["status"] == "graded"
    assert signs(honest) == [] and honest["score"] == 0.0


def test_the_candidates_process_cannot_read_or_trace_the_recorder(corpus):
    printed = corpus["results"]["reads-the-recorders-memory"]["details"]["output_head"]
    assert printed.count("blocked: ") == 5 and "ESCAPE-OK" not in printed


def _without_own_work(page: str) -> str:
    """A candidate's page without the section that shows them their own files."""
    if page.startswith("{"):
        data = json.loads(page)
        data["candidate"].pop("work", None)
        return json.dumps(data)
    page = re.sub(r'<section id="work">.*?</section>', "", page, flags=re.S)
    return re.sub(r"^## Your work\n.*?(?=^## |^---$)", "", page, flags=re.S | re.M)


