"""The line of a junit run's output that the evidence quotes (plugins/worksample_coding/junit.py's
``_error_line``): compilers' and runtimes' forms as they print them, no Docker."""

from __future__ import annotations

import pytest
from worksample_coding.junit import _error_line

# javac 17's output, as printed (a warning before the error, the source line and caret after)
JAVAC_WARNING_THEN_ERROR = """\
./src/main/java/p/C.java:5: warning: [removal] old() in C has been deprecated and marked for removal
class D { void h() { C.old(); } String s() { return 1; } }
                      ^
./src/main/java/p/C.java:5: error: incompatible types: int cannot be converted to String
class D { void h() { C.old(); } String s() { return 1; } }
                                                    ^
1 error
1 warning
"""
JAVAC_SYMBOL = """\
Note: Some input files use unchecked or unsafe operations.
B.java:3: error: cannot find symbol
  void h() { old(); undefined(); }
                    ^
  symbol:   method undefined()
  location: class B
1 error
"""

# Maven 3.8.7 with maven-compiler-plugin 3.10.1 (mvn -B -q), the hidden tests not compiling
MAVEN = """\
[ERROR] COMPILATION ERROR :
[ERROR] /sandbox/work/src/test/java/com/example/wrap/TextWrapTest.java:[31,33] cannot find symbol
[ERROR]   symbol:   variable TextWrap
[ERROR] -> [Help 1]
"""


@pytest.mark.parametrize(("output", "line"), [
    (JAVAC_WARNING_THEN_ERROR, "./src/main/java/p/C.java:5: error: incompatible types: int "
                               "cannot be converted to String"),
    (JAVAC_SYMBOL, "B.java:3: error: cannot find symbol"),
    ("A.java:3: error: ';' expected\n  void g() { int y = 1 }\n", "A.java:3: error: ';' expected"),
    ("error: no source files\n", "error: no source files"),
    (MAVEN, "[ERROR] /sandbox/work/src/test/java/com/example/wrap/TextWrapTest.java:[31,33] "
            "cannot find symbol"),
    ("# example.com/w\n./w.go:4:9: cannot use 0 (untyped int constant)\n",
     "./w.go:4:9: cannot use 0 (untyped int constant)"),
    ("x.ts(3,7): error TS2322: Type 'number' is not assignable\n",
     "x.ts(3,7): error TS2322: Type 'number' is not assignable"),
    ("SyntaxError: Unexpected token '.'\n", "SyntaxError: Unexpected token '.'"),
])
def test_the_first_line_naming_an_error_is_quoted(output, line):
    assert _error_line(output) == line


@pytest.mark.parametrize("output", [
    # a javac warning alone, and a Go test's own failure line (no column): no error
    "C.java:5: warning: [removal] old() in C has been deprecated and marked for removal\n",
    "    wordcount_test.go:15: got 2, want 3\n",
    "Test run finished after 431 ms\n[         8 tests successful      ]\n",
    "[ERROR] Tests run: 9, Failures: 1, Errors: 0, Skipped: 0\n[ERROR] -> [Help 1]\n",
])
def test_lines_that_name_no_error_are_not_quoted(output):
    assert _error_line(output) == ""


def test_the_quoted_line_is_capped():
    assert len(_error_line("X.java:1: error: " + "y" * 500)) == 200
