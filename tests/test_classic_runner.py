"""The hardened pytest runner on an honest suite that uses what pytest offers, in real
containers: fixtures (parametrized, yielding, from a conftest), monkeypatch on the standard
library and builtins, capture, logging, warnings, tmp_path, classes, unittest, a helper module,
and a solution that uses threads, logging, namedtuples and dataclasses. Nothing of it may look
like tampering: the reference scores 100 with no flag, and a wrong solution fails exactly the
tests it should, with no flag.
"""

import json

import pytest
from click.testing import CliRunner
from conftest_paths import write_assignment

from worksample.cli import cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("docker_engine", "no_leftovers")]

CONFTEST = '''
import pytest
from solution import Counter


@pytest.fixture
def counter():
    return Counter()


@pytest.fixture(params=[1, 2])
def step(request):
    return request.param


@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "log.txt"
    yield path
    path.unlink(missing_ok=True)


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a slow test")
'''

HELPERS = '''
import math


def close(actual, expected):
    return type(actual) is float and math.isclose(actual, expected, rel_tol=1e-9)
'''

TESTS = '''
import logging
import sys
import time
import unittest
import warnings

import pytest
from helpers import close
from solution import Counter, add, average, log_total, read_number, warn_old


def test_add():
    assert add(2, 3) == 5


@pytest.mark.parametrize(("a", "b", "total"), [(1, 2, 3), (0, 0, 0)])
def test_add_many(a, b, total):
    assert add(a, b) == total


def test_bump_by_step(counter, step):
    counter.bump(step)
    assert counter.value == step


def test_average_of_nothing_raises():
    with pytest.raises(ValueError, match="empty"):
        average([])


def test_average_is_approximately_right():
    assert average([1, 2]) == pytest.approx(1.5)
    assert close(average([0.1, 0.2]), 0.15)


def test_output_is_captured(capsys):
    log_total([1])
    assert capsys.readouterr().out == "total 1\\n"


def test_logs_are_captured(caplog):
    with caplog.at_level(logging.INFO):
        log_total([2])
    assert "total 2" in caplog.text


def test_time_and_input_monkeypatched(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 5.0)
    monkeypatch.setattr("builtins.input", lambda prompt="": "7")
    monkeypatch.setenv("UNIT", "cm")
    assert Counter().stamp() == 5.0
    assert read_number() == 7


def test_warns():
    with pytest.warns(DeprecationWarning):
        warn_old()


def test_recwarn(recwarn):
    warnings.warn("careful", UserWarning)
    assert len(recwarn) == 1


def test_reads_its_arguments(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["tool", "3"])
    assert sys.argv[1] == "3"


def test_tmp_path(log_file):
    log_file.write_text("x")
    assert log_file.read_text() == "x"


@pytest.mark.slow
def test_counts_in_a_thread(counter):
    assert counter.count_in_thread(3) == 3


def test_finalizer(request, counter):
    request.addfinalizer(counter.reset)
    counter.bump(1)
    assert counter.value == 1


class TestCounter:
    def setup_method(self):
        self.counter = Counter()

    def test_starts_at_zero(self):
        assert self.counter.value == 0


class TestWithUnittest(unittest.TestCase):
    def test_add(self):
        self.assertEqual(add(1, 1), 2)
'''

REFERENCE = '''
import dataclasses
import logging
import sys
import threading
import time
import warnings
from collections import namedtuple

Point = namedtuple("Point", "x y")
log = logging.getLogger(__name__)


@dataclasses.dataclass
class Counter:
    value: int = 0

    def bump(self, by=1):
        self.value += by

    def reset(self):
        self.value = 0

    def stamp(self):
        return time.time()

    def count_in_thread(self, times):
        worker = threading.Thread(target=lambda: [self.bump() for _ in range(times)])
        worker.start()
        worker.join()
        return self.value


def add(a, b):
    return a + b


def average(values):
    if not values:
        raise ValueError("empty list")
    return sum(values) / len(values)


def log_total(values):
    total = sum(values)
    print("total", total)
    log.info("total %s", total)


def read_number():
    return int(input("number? "))


def warn_old():
    warnings.warn("old", DeprecationWarning)


def _scaled(value, factor=1):
    return value * factor


_scaled.__defaults__ = (2,)  # its own function: allowed
sys.modules[__name__].__doc__ = "A solution."
'''


def grade(assignment, *submissions):
    result = CliRunner().invoke(cli, ["grade", str(assignment), *map(str, submissions),
                                      "--json"])
    assert result.exit_code == 0, result.output
    return {r["submission_id"]: r for r in json.loads(result.stdout)}


def test_an_honest_suite_using_pytests_features_raises_no_flag(tmp_path):
    assignment = write_assignment(tmp_path / "features", "coding", {
        "image": "worksample/python-pytest:bookworm", "tests_criterion": "tests",
        "main_file": "solution.py"}, [("tests", 100, "auto")])
    tests = assignment / "tests"
    tests.mkdir()
    (tests / "conftest.py").write_text(CONFTEST)
    (tests / "helpers.py").write_text(HELPERS)
    (tests / "test_features.py").write_text(TESTS)
    for name, source in [("reference", REFERENCE), ("starter", "")]:
        (assignment / name).mkdir()
        (assignment / name / "solution.py").write_text(source)
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "solution.py").write_text(REFERENCE.replace("return a + b", "return a - b"))

    results = grade(assignment, assignment / "reference", wrong)
    reference = results["reference"]
    assert reference["flags"] == [], reference["flags"]
    assert reference["score"] == 100 and len(reference["checks"]) == 18
    assert results["wrong"]["flags"] == [], results["wrong"]["flags"]
    failed = sorted(c["id"] for c in results["wrong"]["checks"] if c["outcome"] == "failed")
    assert failed == ["test_features.py::TestWithUnittest::test_add",
                      "test_features.py::test_add", "test_features.py::test_add_many[1-2-3]"]


LONG_IDS = '''
import pytest
from solution import shout

CASES = ["a-rather-long-parameter-name-for-case-number-%04d" % n for n in range(300)]


@pytest.mark.parametrize("case", CASES)
def test_every_case_of_a_long_parametrized_list(case):
    assert shout(case)[-4:] == case[-4:]
'''


def test_long_lists_of_ids_and_messages_of_emoji_are_no_tampering(tmp_path):
    """The collected ids of a large suite (30 KB here) and a message of emoji (12 bytes a
    character once escaped) fit in the lines the host accepts."""
    assignment = write_assignment(tmp_path / "long", "coding", {
        "image": "worksample/python-pytest:bookworm", "tests_criterion": "tests",
        "main_file": "solution.py"}, [("tests", 100, "auto")])
    (assignment / "tests").mkdir()
    (assignment / "tests" / "test_long.py").write_text(LONG_IDS)
    for name, source in [("reference", "def shout(text):\n    return text.upper()\n"),
                         ("starter", "")]:
        (assignment / name).mkdir()
        (assignment / name / "solution.py").write_text(source)
    emoji = tmp_path / "emoji"
    emoji.mkdir()
    (emoji / "solution.py").write_text(
        "def shout(text):\n    raise RuntimeError('no: ' + '\\U0001F389' * 1500)\n")

    results = grade(assignment, assignment / "reference", emoji)
    assert results["reference"]["score"] == 100 and results["reference"]["flags"] == []
    assert len(results["reference"]["checks"]) == 300
    assert results["emoji"]["flags"] == [] and results["emoji"]["score"] == 0
    assert "\U0001F389" in results["emoji"]["checks"][0]["message"]
