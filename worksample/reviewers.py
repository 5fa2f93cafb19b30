"""Reviewers of a team that reviews on a shared host (``worksample reviewers``), and the
secret links they sign in to the review server with.

A reviewer has a name, a role (``hiring-manager`` or ``hr``: which report they are shown)
and may be blind (aliases only, names redacted). Their link carries a random secret of 256
bits; the store keeps only its SHA-256, so a copy of the store signs no one in. Adding a
reviewer again gives them a new link, and the old one stops working.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from worksample.errors import WorksampleError

Role = Literal["hiring-manager", "hr"]
ROLES: tuple[Role, ...] = ("hiring-manager", "hr")
LOGIN_PATH = "/login/"


class Reviewer(BaseModel):
    """Who reviews, and what they are shown."""

    name: str
    role: Role = "hiring-manager"
    blind: bool = Field(default=False, description="Shown aliases only; names redacted.")
    added_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @property
    def audience(self) -> Role:
        """The report audience this reviewer is shown (the role names one)."""
        return self.role


def new_secret() -> str:
    """A new secret for a sign-in link: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the store keeps of a secret (never the secret itself)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def checked_name(name: str) -> str:
    """A reviewer's name as kept: stripped, one line, not empty, at most 80 characters."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 80:
        raise WorksampleError(f"a reviewer's name is 1-80 characters on one line, not {name!r}")
    return cleaned
