"""The one exception type for problems a user can cause and fix."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from worksample.safe_text import cut


class WorksampleError(Exception):
    """A problem the user can fix: a bad file, a missing image, a wrong argument.

    The message names the file (when there is one), the cause and the fix. The CLI prints it
    without a traceback and exits non-zero.
    """

    def __init__(self, message: str, *, path: Path | str | None = None):
        self.path = Path(path) if path is not None else None
        self.message = message
        super().__init__(f"{path}: {message}" if path is not None else message)

    def __reduce__(self):
        # pickled whole, path included: errors travel back from worker processes
        return partial(type(self), path=self.path), (self.message,)


class InfrastructureError(WorksampleError):
    """The grading machinery failed (engine down, image missing): never the candidate's fault.

    A submission that hits one gets status ``error`` with this message, never a score.
    """


class SubmissionRejected(WorksampleError):
    """The submission itself cannot be graded: unsafe or too large (intake), or unreadable to
    its plugin (an encrypted PDF, a scan with no text). Status ``rejected``, with the reason;
    no score, and the batch goes on. A reason is cut at ``MAX_REASON`` characters: it may
    quote what the candidate controls (a name inside a package, a parser's message)."""

    MAX_REASON = 1000

    def __init__(self, message: str, *, path: Path | str | None = None):
        super().__init__(cut(message, self.MAX_REASON), path=path)
