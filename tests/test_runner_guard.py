"""The pytest runner's integrity half (harness/guard.py, hidden.py), without a container.

The runner itself, with candidate code, is tested for real by the hostile corpus
(test_hostile_submissions.py); here are the pieces it is made of.
"""

import importlib.util
import subprocess
import sys
import textwrap
import types

from conftest_paths import ROOT

HARNESS = ROOT / "plugins" / "worksample_coding" / "harness"
GUARD = HARNESS / "guard.py"


def harness_module(name):
    spec = importlib.util.spec_from_file_location(f"{name}_under_test", HARNESS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


guard, hidden = harness_module("guard"), harness_module("hidden")

CONFTEST = '''
import os.path
import pytest as pt
from exact import exact as same
from helpers import *
from inventory import Inventory

LIMIT = 3
if LIMIT:
    def fixture_maker():
        local_only = 1
        return local_only
try:
    import json
except ImportError:
    json = None


class Shop:
    price = 2
'''


def hidden_folder(tmp_path):
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "conftest.py").write_text(CONFTEST)
    (tests / "exact.py").write_text("def exact(a, b):\n    return a == b\n")
    (tests / "test_shop.py").write_text("from math import isclose\n\n\ndef test_x():\n"
                                        "    import decimal\n")
    (tests / "shop_test.py").write_text("")
    return hidden.HiddenCode(str(tests))


def test_the_hidden_code_is_read_from_its_source(tmp_path):
    hidden = hidden_folder(tmp_path)
    assert hidden.helpers() == ["exact"]
    assert hidden.is_test_file("/x/test_shop.py") and hidden.is_test_file("/x/shop_test.py")
    assert {"os.path", "pytest", "exact", "exact.exact", "inventory", "inventory.Inventory",
            "helpers", "json", "math", "math.isclose", "decimal"} == set(
        hidden.imported_modules())
    imports, defined, stars = hidden.bindings(str(tmp_path / "tests" / "conftest.py"))
    assert imports == {"os": ("os", None), "pt": ("pytest", None), "same": ("exact", "exact"),
                       "Inventory": ("inventory", "Inventory"), "json": ("json", None)}
    assert defined == {"LIMIT", "fixture_maker", "json", "Shop"}  # not local_only, not price
    assert stars == ["helpers"]


class Lying:
    """Says it equals anything, as a forgery would."""

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class Base:
    @property
    def passed(self):
        return False

    flag = False


class Report(Base):
    def method(self):
        return 1


def test_a_binding_is_its_object_not_an_equal_one():
    namespace = {"__name__": "mod", "raises": len, "approx": abs, "data": 1}
    bindings = guard.Bindings()
    bindings.add("mod.%s", namespace, ["raises", "approx"], [len, abs], sized=True)
    assert bindings.changed() == []
    namespace["raises"] = Lying()
    del namespace["approx"]
    assert bindings.changed() == ["mod.raises", "mod.approx"]


def test_a_name_added_to_a_class_counts_when_it_hides_a_base_method():
    class Patched(Report):
        pass

    bindings = guard.Bindings()
    proxy = vars(Patched)
    bindings.add("Patched.%s", proxy, list(proxy), [proxy[k] for k in proxy], sized=True,
                 owner=Patched)
    Patched.flag = True  # data over data: pytest marks its classes so
    Patched.__annotations__ = {}
    assert bindings.changed() == []
    Patched.passed = True  # data over a base property: a forged report
    assert bindings.changed() == ["Patched.passed (added)"]


def test_a_module_gains_its_submodules_silently():
    package = types.ModuleType("pkg")
    bindings = guard.Bindings()
    bindings.add("pkg.%s", vars(package), [], [], sized=True)
    package.sub = types.ModuleType("pkg.sub")
    assert bindings.changed() == []
    package.other = types.ModuleType("elsewhere")
    assert bindings.changed() == ["pkg.other (added)"]


def test_a_module_may_gain_data_not_a_function_that_hides_a_builtin():
    namespace = {"__name__": "test_shop", "exact": len}
    bindings = guard.Bindings()
    bindings.add("test_shop.%s", namespace, ["exact"], [len], sized=True)
    namespace["CACHE"] = {}  # a test's module global
    assert bindings.changed() == []
    namespace["isinstance"] = lambda obj, kind: True
    assert bindings.changed() == ["test_shop.isinstance (added)"]


def test_a_hidden_module_must_import_the_genuine_objects(tmp_path):
    hidden = hidden_folder(tmp_path)
    exact = types.ModuleType("exact")
    exact.exact = lambda a, b: a == b
    watch = guard.Watch()
    watch.add_module(exact, pin=False)
    watch.add_module(types.ModuleType("pytest"), pin=False)
    namespace = {"__name__": "conftest", "same": lambda a, b: True, "pt": watch.modules["pytest"],
                 "Shop": Report, "LIMIT": 3, "pytest_runtest_makereport": print}
    planted = watch.add_hidden_module(namespace, "conftest", hidden,
                                      str(tmp_path / "tests" / "conftest.py"))
    assert planted == ["pytest_runtest_makereport"]
    assert watch.changes("phase") == ["conftest.same"]


TRIPWIRE = '''
import importlib.util, sys
spec = importlib.util.spec_from_file_location("guard", sys.argv[1])
guard = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guard)

class Guarded:
    pass

def protected():
    return False

def own():
    return False

refused = []
guard.arm(refused, {id(Guarded), id(protected)}, [])
attempts = {
    "code": lambda: setattr(protected, "__code__", own.__code__),
    "defaults": lambda: setattr(protected, "__defaults__", (1,)),
    "class": lambda: setattr(Guarded(), "__class__", type("Other", (), {})),
    "bases": lambda: setattr(Guarded, "__bases__", (dict,)),
    "trace": lambda: sys.settrace(lambda *a: None),
    "profile": lambda: sys.setprofile(None),
    "own code": lambda: setattr(own, "__code__", protected.__code__),
    "own class": lambda: setattr(type("Mine", (), {})(), "__class__", type("Yours", (), {})),
}
for name, attempt in attempts.items():
    try:
        attempt()
        print(name, "allowed")
    except RuntimeError as error:
        print(name, "refused:", error)
print(refused)
'''


def test_the_tripwire_refuses_what_could_rewrite_a_test_and_says_so():
    run = subprocess.run([sys.executable, "-I", "-c", TRIPWIRE, str(GUARD)],
                         capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[:-1] == [
        "code refused: refused while the tests run: replacing __code__ of protected",
        "defaults refused: refused while the tests run: replacing __defaults__ of protected",
        "class refused: refused while the tests run: changing the class of a Guarded",
        "bases refused: refused while the tests run: changing the bases of Guarded",
        "trace refused: refused while the tests run: installing a trace or profile function "
        "(sys.settrace)",
        "profile refused: refused while the tests run: installing a trace or profile function "
        "(sys.setprofile)",
        "own code allowed",
        "own class allowed",
    ]
    assert lines[-1].count("replacing") == 2 and lines[-1].count("installing") == 2


def test_the_tripwire_protects_functions_by_where_they_live(tmp_path):
    helper = tmp_path / "tests" / "exact.py"
    helper.parent.mkdir()
    helper.write_text("def exact(a, b):\n    return a == b\n")
    script = textwrap.dedent(f'''
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location("guard", {str(GUARD)!r})
        guard = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(guard)
        sys.path.insert(0, {str(helper.parent)!r})
        import exact
        guard.arm([], set(), [{str(helper.parent) + "/"!r}])
        try:
            exact.exact.__code__ = (lambda a, b: True).__code__
        except RuntimeError as error:
            print(error)
    ''')
    run = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True,
                         check=True)
    assert run.stdout == "refused while the tests run: replacing __code__ of exact\n"
