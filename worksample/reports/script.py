"""The cohort page's script (``templates/cohort.js``: sorting and filters over a table that is
complete without it), and the Content-Security-Policy source that allows exactly it.

The review server sends a policy that runs no script but this one, named by the SHA-256 of
its text (``script-src 'sha256-...'``): the page inlines the same text, so the hash is of
the bytes the browser sees, and any other script, injected or changed, does not run.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files


@cache
def cohort_script() -> str:
    """The text of the cohort page's script, as the page inlines it."""
    return (files("worksample.reports") / "templates" / "cohort.js").read_text(encoding="utf-8")


def script_source() -> str:
    """The CSP source allowing the cohort page's script and nothing else:
    ``'sha256-<base64 of its digest>'``."""
    digest = hashlib.sha256(cohort_script().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
