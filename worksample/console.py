"""What the grader shows in a terminal: a progress bar on stderr and the results table.

Every text shown here may come from a candidate (file names in flags, messages from their
code), so it passes through ``safe_text.one_line`` and is never read as Rich markup: a
candidate cannot clear the screen, move the cursor over their own flag, style the table, or
print a line that reads as the grader's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from worksample.models import GradeResult
from worksample.safe_text import cut, one_line

SHOWN_CHARACTERS = 400  # of a message or a flag's evidence under the table: all is in the report


class BatchProgress:
    """A progress bar on stderr: done, failed, remaining, and the time left."""

    def __init__(self, total: int):
        self.done = self.failed = 0
        self.total = total
        self._bar = Progress(
            TextColumn("grading"), BarColumn(),
            TextColumn("{task.fields[done]} done, {task.fields[failed]} failed, "
                       "{task.fields[left]} left"),
            TimeRemainingColumn(), console=Console(stderr=True), transient=True,
        )
        self._task = self._bar.add_task("grading", total=total, done=0, failed=0, left=total)

    def advance(self, item) -> None:
        """Count one finished submission (a BatchItem)."""
        self.done += 1
        self.failed += item.result.status.value == "error"
        self._bar.update(self._task, advance=1, done=self.done, failed=self.failed,
                         left=self.total - self.done)

    def __enter__(self):
        self._bar.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._bar.stop()


def print_results_table(results: Sequence[GradeResult], reviews: Sequence | None = None) -> None:
    """The results as a table on stdout, then messages and flags as whole sentences. With
    ``reviews`` (a ``ratings.Review`` per result), the full score too."""
    table = Table(title="worksample results")
    for column in ("submission", "status", "score", "full score", "pass", "checks passed",
                   "ended", "flags"):
        table.add_column(column)
    for index, r in enumerate(results):
        decided = [c for c in r.checks if c.outcome != "skipped"]
        passed = sum(1 for c in decided if c.outcome == "passed")
        undecided = sum(1 for c in r.checks if c.review)
        flags = Counter(f.kind for f in r.flags)
        cells = (
            r.submission_id, r.status.value,
            "-" if r.score is None else f"{r.score:g}",
            reviews[index].score.text() if reviews is not None else "-",
            "-" if r.passed is None else ("yes" if r.passed else "no"),
            (f"{passed}/{len(decided)}" if decided else "-")
            + (f" ({undecided} to check)" if undecided else ""),
            r.run.ended if r.run else "-",
            ", ".join(kind if n == 1 else f"{kind} ×{n}" for kind, n in flags.items()),
        )
        table.add_row(*(Text(one_line(cell)) for cell in cells))
    console = Console()
    console.print(table)
    # whole sentences read better under the table than wrapped in a cell; each in a grid, so
    # that a long one wraps under its own text and no text of a candidate's, however long or
    # blank, starts a line where the grader's lines start
    lines = Table.grid(padding=(0, 1))
    lines.add_column(no_wrap=True)
    lines.add_column(overflow="fold")  # a long word (a path) folds rather than being cut
    for r in results:
        if r.message:
            lines.add_row(Text(one_line(f"{r.submission_id} ({r.status.value}):")),
                          Text(one_line(cut(r.message, SHOWN_CHARACTERS))))
        for flag in r.flags:
            lines.add_row(Text(one_line(f"{r.submission_id} [{flag.kind}]:")),
                          Text(one_line(cut(flag.evidence, SHOWN_CHARACTERS))))
    if lines.row_count:
        console.print(lines)
