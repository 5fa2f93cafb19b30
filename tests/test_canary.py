"""The canary (worksample_coding/canary.py): a copy of a real hidden test that must fail."""

import ast
import os
import re
import shutil
import subprocess
import sys
import textwrap

from conftest_paths import SAMPLE
from worksample_coding.canary import Canary, donors

TESTS = SAMPLE / "tests"


def planted(seed, tests=TESTS):
    canary = Canary(seed=seed)
    return canary, canary.plant(tests)


def functions(source):
    return {node.name: node for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef)}


def test_the_canary_is_a_renamed_copy_of_a_real_test_in_its_file():
    for seed in range(20):
        canary, files = planted(seed)
        originals = {p.relative_to(TESTS).as_posix(): p.read_bytes() for p in TESTS.iterdir()
                     if p.is_file()}
        assert set(files) == set(originals)
        assert {path for path in files if files[path] != originals[path]} == {canary.file}
        file, name = canary.test_id.split("::")
        assert file == canary.file and not re.fullmatch(r"test_[0-9a-f]{12}", name)
        before, after = functions(originals[file]), functions(files[file])
        assert set(after) - set(before) == {name}
        words = {word for test in before for word in test.split("_")}
        assert set(name.split("_")) <= words
        # a real test's lines but its name and one expected value, between real tests
        lines = ast.get_source_segment(files[file].decode(), after[name]).splitlines()
        assert any(
            len(lines) == len(real) and sum(map(str.__ne__, lines, real)) == 2
            for real in (ast.get_source_segment(originals[file].decode(), node).splitlines()
                         for node in before.values()))


def test_placements_differ_from_run_to_run():
    placed = [planted(seed) for seed in range(20)]
    assert len({canary.test_id for canary, _ in placed}) > 10
    last = [list(functions(files[canary.file]))[-1] == canary.name for canary, files in placed]
    assert 0 < sum(last) < len(last)  # sometimes last in its file, mostly not
    first, second = Canary.new(), Canary.new()
    assert first.seed != second.seed


def test_the_canary_fails_against_the_reference_and_nothing_else_does(tmp_path):
    for seed in (3, 4, 5):
        _, files = planted(seed)
        tests = tmp_path / f"tests{seed}"
        for path, data in files.items():
            (tests / path).parent.mkdir(parents=True, exist_ok=True)
            (tests / path).write_bytes(data)
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf",
             "--rootdir", str(tests), str(tests)],
            capture_output=True, text=True, cwd=tests,
            env={**os.environ, "PYTHONPATH": f"{SAMPLE / 'reference'}{os.pathsep}{tests}"})
        assert "1 failed, 31 passed" in run.stdout, run.stdout[-2000:]
        canary = Canary(seed=seed)
        canary.plant(TESTS)
        assert f"FAILED {canary.test_id}" in run.stdout


def test_only_tests_whose_expected_value_is_certain_are_copied():
    source = textwrap.dedent('''
        import pytest
        from exact import exact
        from inventory import holds

        @pytest.mark.parametrize("x", [1])
        def test_decorated(x):
            assert f(x) == 1

        def test_may_return(cond):
            if cond:
                return
            assert f() == 2

        def test_nested():
            with pytest.raises(ValueError):
                assert f() == 3

        def test_not_equal():
            assert f() != 4

        def test_calls_the_submission():
            assert holds("o1", 5)

        def test_equal():
            assert f() == 6

        def test_trusted_comparison():
            assert exact(f(), ["a", 7])
    ''')
    found = [(test.name, literal.value) for test, literal in donors(ast.parse(source), {"exact"})]
    assert found == [("test_equal", 6), ("test_trusted_comparison", "a"),
                     ("test_trusted_comparison", 7)]
    marked = "pytestmark = pytest.mark.slow\n\n\ndef test_equal():\n    assert f() == 6\n"
    assert donors(ast.parse(marked), set()) == []


def test_a_replaced_string_keeps_its_quotes_and_appears_nowhere_else(tmp_path):
    tests = tmp_path / "tests"
    tests.mkdir()
    source = 'def test_name():\n    assert name() == "ada lovelace"\n'
    (tests / "test_names.py").write_text(source)
    canary, files = planted(7, tests)
    text = files["test_names.py"].decode()
    value = re.findall(r'== "([a-z]+-[a-z]+)"', text)
    assert len(value) == 1 and value[0] not in source
    assert text.startswith(source)


def test_without_a_test_to_copy_the_canary_is_a_plain_failing_test(tmp_path):
    tests = tmp_path / "tests"
    shutil.copytree(TESTS, tests)
    for path in tests.glob("test_*.py"):
        path.write_text("def test_runs():\n    assert run() is None\n")
    canary, files = planted(11, tests)
    body = files[canary.file].decode().split(f"def {canary.name}():\n")[1]
    left, right = re.fullmatch(r"    assert (\d+) == (\d+)\n(?:.|\n)*", body).groups()
    assert left != right
