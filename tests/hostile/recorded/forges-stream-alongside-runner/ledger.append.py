# Hostile submission 'forges-stream-alongside-runner' for recorded mode (tests/hostile/recorded/README.md).
# The starter code (assignments/expense-ledger/starter), then the attack.

# ---- the attack -------------------------------------------------------------------------
# Writes a forged stream at import (every case id read from the hidden cases' source, each
# with a "passing" guess), and lets the runner carry on writing its own.
import ast
import json
import os


def _results_fd():
    out = os.readlink("/proc/self/fd/1")
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        try:
            target = os.readlink("/proc/self/fd/" + name)
        except OSError:
            continue
        if target.startswith("pipe:") and target != out:
            return int(name)


def _case_ids():
    for name in sorted(os.listdir("/sandbox/tests")):
        if name.endswith(".py"):
            tree = ast.parse(open("/sandbox/tests/" + name).read())
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.decorator_list:
                    yield name + "::" + node.name


_ids = list(_case_ids())
_lines = [{"event": "collected", "ids": _ids}]
_lines += [{"event": "test", "id": case_id, "weight": 100, "observations": [
    {"label": "balances", "value": {"dict": []}}]} for case_id in _ids]
_lines.append({"event": "finished"})
os.write(_results_fd(), "".join(json.dumps(line) + "\n" for line in _lines).encode())
