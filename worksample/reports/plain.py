"""Checks in plain words, for a hiring manager who does not read test output.

Three questions about one ``Check``, each answered without knowing the plugin that made it:

- ``check_label``: what was checked ("confirm after expiry raises expired"). The plugin's
  ``label`` when it set one; otherwise words made of the id's last part (pytest, JUnit, Go,
  Node and recorded-case ids, and the text plugins' ``group/kind/name`` ids).
- ``check_group``: what it belongs to ("expiry", "late refund"): the plugin's ``group``, else
  the test file (without ``test_``/``cases_`` and its extension) or the id's first part.
- ``plain_failure``: why it failed, in one sentence without test-tool jargon ("returned 6
  where 10 was expected", "did not finish within the 2-second limit per test"). Messages it
  cannot read become a short neutral sentence; the raw message stays on the check for the
  page to show folded.

Pure functions over strings; the rules are the regular expressions below, in the order tried.
"""

from __future__ import annotations

import re

from worksample.models import Check

_LONG = 60  # characters of a value quoted in a sentence before it is cut

_FILE_EXT = re.compile(r"\.(test|spec)?\.?(py|js|mjs|cjs|ts|go)$")
_FILE_AFFIX = re.compile(r"^(test_|cases_)|(_test|_cases|_spec)$")
_GENERIC_PARTS = {"test", "tests", "spec", "suite", "root", ""}
TEST_KINDS = {"test", "case"}  # a hidden test, or a recorded case (compared on the host)


def check_label(check: Check) -> str:
    """What the check checked, in plain words: ``check.label``, or words made of its id."""
    if check.label.strip():
        return check.label.strip()
    return _words(_last_part(check.id))


def check_group(check: Check) -> str:
    """The group the check belongs to, in plain words: ``check.group`` (an identifier such as
    an email's ``late-refund`` made words), or the test file (or class, or the id's first
    part) made plain. '' when the id has a single part."""
    if check.group.strip():
        return _words(check.group.strip())
    if "::" in check.id:
        first = check.id.split("::")[0]
        return _words(_FILE_AFFIX.sub("", _FILE_EXT.sub("", first.rsplit("/", 1)[-1])))
    if "/" in check.id:
        return _words(check.id.split("/")[0])
    return ""


def _last_part(check_id: str) -> str:
    if "::" in check_id:
        parts = [p for p in check_id.split("::")[1:] if p.lower() not in _GENERIC_PARTS]
        return parts[-1] if parts else check_id.split("::")[-1]
    if "/" in check_id:
        return check_id.rsplit("/", 1)[-1]
    return check_id


def _words(name: str) -> str:
    """``test_reserve_rejects_bad_quantity[1.5]`` -> "reserve rejects bad quantity (1.5)";
    ``TestRetryAfter`` -> "retry after"; names that are already words are kept."""
    params = ""
    if match := re.fullmatch(r"(.*?)\[(.*)\]", name):
        name, params = match.group(1), f" ({match.group(2)})"
    if " " not in name:
        name = re.sub(r"^(test|Test)_?(?=[A-Za-z0-9])", "", name)
        name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)  # camelCase
        name = re.sub(r"[_\-]+", " ", name).strip()
        if not (name.isupper() and len(name) <= 5):  # keep acronyms such as MRR
            name = name.lower()
    return (name + params).strip()


def plain_failure(check: Check) -> str:
    """Why the check failed, in one plain sentence (jargon of pytest, node:test, Go and the
    recorded cases turned into words); '' when it passed."""
    if check.outcome == "passed":
        return ""
    message = check.message.strip()
    if not is_test(check):
        return _text_finding(message)
    for rule in _RULES:
        if (sentence := rule(message)) is not None:
            return sentence
    return "failed; the test output is below" if message else "failed"


def is_test(check: Check) -> bool:
    """Whether the check is a hidden test or recorded case, not a check of a text."""
    return check.kind in TEST_KINDS


def _text_finding(message: str) -> str:
    """The text plugins' messages are already sentences: keep the first, without the
    scoring aside in brackets."""
    first = message.splitlines()[0] if message else "not found"
    return re.sub(r"\s*\(earned in proportion[^)]*\)", "", first).strip()


def _short(value: str) -> str:
    value = " ".join(value.split())
    if value in ("None", "null", "undefined", "nil"):
        return "nothing"
    return value if len(value) <= _LONG else value[: _LONG - 1].rstrip() + "…"


def _arguments(text: str) -> list[str]:
    """A call's arguments split at the commas outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for at, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:at].strip())
            start = at + 1
    return parts + [text[start:].strip()]


def _seconds(text: str) -> str:
    return f"{float(text):g}-second"


def _exception_name(text: str) -> str:
    """``<class 'inventory.ReservationExpired'>`` or ``*ratelimit.CostError`` ->
    "ReservationExpired" / "CostError"."""
    text = re.sub(r"^<class '(.*)'>$", r"\1", text.strip()).lstrip("*")
    return text.rsplit(".", 1)[-1]


def _timed_out(message: str) -> str | None:
    if match := re.search(r"took longer than ([\d.]+)\s*s", message):
        unit = "case" if "case took" in message else "test"
        where = _step(message)
        return f"did not finish within the {_seconds(match.group(1))} limit per {unit}{where}"
    if match := re.search(r"stopped at its time limit of ([\d.]+)\s*s", message):
        return (f"did not finish: the tests in this file were stopped at their "
                f"{_seconds(match.group(1))} limit before this one gave a result")
    return None


def _not_run(message: str) -> str | None:
    if not message.startswith("not run:"):
        return None
    if re.search(r"does not compile|TypeScript errors?|SyntaxError", message):
        return "did not run: the submitted code does not compile or load"
    if match := re.search(r"cannot import name '([^']+)'", message):
        return f"did not run: the submitted code has no '{match.group(1)}' for the tests to use"
    if "could not be imported" in message or "no JUnit report" in message:
        return "did not run: the submitted code could not be loaded"
    return "did not run"


def _step(message: str) -> str:
    match = re.match(r"at (['\"])(.*?)\1 \(\d+ of \d+\)", message)
    return f" (at step '{_short(match.group(2))}')" if match else ""


def _recorded(message: str) -> str | None:
    """Recorded cases: "at 'step' (1 of 4): returned A; the reference returned B (...)"."""
    match = re.match(r"at (['\"])(.*?)\1 \(\d+ of \d+\): (.*?); the reference "
                     r"(returned|raised) (.*?)(?: \((?:at key|\d+ (?:items|key)).*\))?$",
                     message, re.S)
    if not match:
        return None
    step, got, verb, want = match.group(2), match.group(3), match.group(4), match.group(5)
    where = f" (at step '{_short(step)}')"
    if stopped := re.match(r"the case stopped before it \(\(?(.*?)\)?\)$", got):
        cause = re.sub(r"^raised (\S+)", lambda m: "with the error " + _exception_name(m.group(1)),
                       stopped.group(1))
        return f"did not get this far: an earlier step failed ({_short(cause)}){where}"
    expected = (f"{_short(want)} was expected" if verb == "returned"
                else f"the error {_exception_name(want)} was expected")
    if got.startswith("returned "):
        return f"returned {_short(got[len('returned '):])} where {expected}{where}"
    if got.startswith("raised "):
        return f"{_raised_words(got[len('raised '):])} where {expected}{where}"
    return None


def _raised_words(name: str) -> str:
    """What raising ``name`` did, in words: Go's bare ``error`` and ``panic`` say little."""
    name = _exception_name(name)
    if name == "panic":
        return "crashed (a panic)"
    if name == "error":
        return "reported an error of another kind"
    return f"reported the error {name}"


def _pytest_compare(message: str) -> str | None:
    """``where False = exact(6, 10)`` or ``assert 6 == 10``: the first is what came back."""
    if match := re.search(r"where False = \w+\((.+)\)\s*$", message, re.M):
        arguments = _arguments(match.group(1))
        if len(arguments) == 2:
            got, want = arguments
            return f"returned {_short(got)} where {_short(want)} was expected"
    if match := re.search(r"^E\s+assert (.+?) == (.+?)\s*$", message, re.M):
        return f"returned {_short(match.group(1))} where {_short(match.group(2))} was expected"
    return None


def _did_not_raise(message: str) -> str | None:
    if match := re.search(r"DID NOT RAISE (<class '[^']+'>|\S+)", message):
        return f"did not report the error {_exception_name(match.group(1))} where one was expected"
    if match := re.search(r"Missing expected exception(?: \((\w+)\))?", message):
        name = f"the error {match.group(1)}" if match.group(1) else "an error"
        return f"did not report {name} where one was expected"
    return None


def _node_compare(message: str) -> str | None:
    if re.search(r"Expected values to be (strictly |loosely )?(deep-)?equal", message):
        return "returned a different value from the one expected (the difference is below)"
    return None


def _raised(message: str) -> str | None:
    """An unexpected exception: pytest's last ``E   Name: text`` line."""
    lines = re.findall(r"^E\s+([\w.]+(?:Error|Exception|[A-Z]\w+)): ?(.*)$", message, re.M)
    if not lines:
        return None
    name, text = lines[-1]
    if name.startswith(("AssertionError", "Failed")):
        return None
    detail = f": {_short(text)}" if text else ""
    return f"stopped with an unexpected error, {_exception_name(name)}{detail}"


_RULES = (_timed_out, _not_run, _recorded, _pytest_compare, _did_not_raise, _node_compare,
          _raised)


def did_not_finish(check: Check) -> bool:
    """Whether the check failed because the candidate's code ran past a time limit."""
    return check.outcome != "passed" and _timed_out(check.message) is not None


def did_not_load(check: Check) -> bool:
    """Whether the check could not run because the candidate's code did not compile or load."""
    return check.outcome != "passed" and check.message.startswith("not run:") and bool(
        re.search(r"could not be imported|no JUnit report|does not compile", check.message))


def load_error(check: Check) -> str:
    """Why the code did not load, as the message says it ("SyntaxError: expected ':'");
    '' when it does not say."""
    match = re.search(r"could not be imported \((.*)\)\s*$|its output says: (.*)$",
                      check.message, re.S)
    if not match:
        return ""
    cause = (match.group(1) or match.group(2) or "").removeprefix("does not compile: ")
    return _short(cause.splitlines()[0]) if cause else ""


def where_in_code(check: Check) -> str:
    """The last place in the candidate's own code a Python traceback passes through,
    "function confirm (inventory.py, line 91)"; '' when the message has none. The hidden tests and
    the harness sit outside the candidate's folder (``../``), so their frames are skipped."""
    frames = re.findall(r"^(?!\.\./)([\w./-]+\.py):(\d+): in (\w+)$", check.message, re.M)
    if not frames:
        return ""
    path, line, function = frames[-1]
    return f"function {function} ({path}, line {line})"


def quotes_in(text: str) -> list[str]:
    """The candidate's sentences an evidence text quotes (“…”), in order."""
    return re.findall("\u201c(.+?)\u201d(?=$|[ :;.,)(])", text, re.S)
