# Runs in the sandbox: each query of the submission against a fresh copy of the hidden
# database, recording the rows it returns. It never sees an expected row: the host compares.
# argv: [run_queries.py, RESULTS_FD, CONFIG_JSON]; the current folder is the submission.
import json
import os
import sqlite3
import sys
import time

RESULTS = os.fdopen(int(sys.argv[1]), "w", buffering=1, encoding="utf-8")
CONFIG = json.loads(sys.argv[2])


def record(**fields):
    """Write one record; rows too large for a line become an error."""
    line = json.dumps(fields, default=str)
    if len(line) > CONFIG["max_line"]:
        line = json.dumps({"event": "test", "id": fields["id"], "error": "too many rows"})
    RESULTS.write(line + "\n")


def rows_of(name):
    """The rows the query in file ``name`` returns, on a fresh copy of the database."""
    with open(name, encoding="utf-8") as file:
        query = file.read()
    database = sqlite3.connect(":memory:")
    with open("/sandbox/hidden/database.sql", encoding="utf-8") as setup:
        database.executescript(setup.read())
    deadline = time.monotonic() + CONFIG["per_query_seconds"]
    database.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    rows = database.execute(query).fetchmany(CONFIG["max_rows"] + 1)
    if len(rows) > CONFIG["max_rows"]:
        raise ValueError(f"more than {CONFIG['max_rows']} rows")
    return [list(row) for row in rows]


record(event="collected", ids=CONFIG["queries"])
for name in CONFIG["queries"]:
    try:
        record(event="test", id=name, value=rows_of(name))
    except (OSError, UnicodeDecodeError, ValueError, sqlite3.Error) as error:
        record(event="test", id=name, error=f"{type(error).__name__}: {error}")
record(event="finished")
