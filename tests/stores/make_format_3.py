"""How tests/stores/format-3.sqlite was made: by the format-3 code (commit 73deb6b), through
the CLI. Kept to say what the file holds; it writes format 3 only when run by that code:

    git worktree add /tmp/format-3 73deb6b && cd /tmp/format-3 && \
        python -m pytest -q tests/stores/make_format_3.py  (after copying this file there)

The file: the three named candidates of tests/test_agreement.py (type 'count'), rated by
ann, bo and cy; dee rated zora-quill by her blind alias (which format 3 stored unmarked), bo
was shown others' ratings and rated again, an override, and a decision.
"""

import sqlite3
from pathlib import Path

from test_agreement import cli, rated  # noqa: F401 (the fixture)

from worksample.cli.common import blind_names


def test_make_format_3(rated):  # noqa: F811
    _, store = rated
    alias = {submission: shown for (submission, _), shown in
             blind_names(store, "count").items()}["zora-quill"]
    for arguments in (
            ["rate", "count", alias, "--blind", "--reviewer", "dee", "design=3",
             "--note", "design=tidy"],
            ["ratings", "show", "count", "bram-okafor", "--reviewer", "bo"],
            ["rate", "count", "bram-okafor", "--reviewer", "bo", "design=3"],
            ["rate", "count", "jolene-vasquez", "--reviewer", "ann", "--override",
             "accuracy=2", "--reason", "a flaky test"],
            ["decide", "count", "bram-okafor", "advance", "--by", "lee", "--reason",
             "strong design"]):
        done = cli(store, *arguments)
        assert done.exit_code == 0, done.output
    store.close()
    # the commands' own connections are still open: copy what they wrote, the WAL included
    with sqlite3.connect(store.path) as source, \
            sqlite3.connect(Path(__file__).with_name("format-3.sqlite")) as copy:
        source.backup(copy)
    source.close()
    copy.close()
