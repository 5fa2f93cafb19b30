"""What the tests of `worksample review` share: a copy of a graded store, the web application
on it behind Starlette's test client, reviewers with known links, and the hidden fields of a
page's forms."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from starlette.testclient import TestClient

from worksample import assignments
from worksample.plugins import get_registry
from worksample.review.app import review_app
from worksample.review.cohort import ReviewCohort
from worksample.review.signin import SignIn
from worksample.reviewers import Reviewer, secret_hash
from worksample.store import ResultStore

HOST = "http://127.0.0.1:8765"
COOKIE = "worksample_review_8765"  # the sign-in cookie of a server on HOST's port


def store_copy(graded: Path, folder: Path) -> ResultStore:
    """A copy of the store ``graded`` in ``folder``, opened (with what is still in the
    write-ahead log)."""
    copy = folder / "results.sqlite"
    with sqlite3.connect(graded) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return ResultStore(copy)


def client_for(store: ResultStore, sample: Path, local: tuple[Reviewer, str] | None = None,
               base_url: str = HOST) -> TestClient:
    """The review server of the assignment in ``sample`` on ``store``, for a test client."""
    assignment = assignments.load(sample, get_registry())
    app = review_app(ReviewCohort(assignment, store), SignIn(store, local),
                     allowed_hosts=["127.0.0.1", "localhost"])
    return TestClient(app, base_url=base_url)


def team(store: ResultStore, *reviewers: Reviewer) -> dict[str, str]:
    """Add ``reviewers`` to the store; their secrets by name."""
    secrets = {}
    for reviewer in reviewers:
        secrets[reviewer.name] = f"secret-of-{reviewer.name}-{'x' * 30}"
        store.add_reviewer(reviewer, secret_hash(secrets[reviewer.name]))
    return secrets


def form_token(html: str) -> str:
    """The form token of a page."""
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def form_of(html: str) -> dict[str, str]:
    """The hidden fields of a page's forms: the form token, and which work the page showed."""
    fields = {"csrf": form_token(html)}
    shown = re.search(r'name="submission" value="([0-9a-f]+)"', html)
    if shown:
        fields["submission"] = shown.group(1)
    return fields
