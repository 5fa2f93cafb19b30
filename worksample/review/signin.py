"""Who is asking: sign-in by secret link, the session cookie, and the token that protects
every form against cross-site request forgery.

- **One reviewer, locally** (``worksample review --reviewer NAME``): the server makes a secret
  when it starts and prints the link that carries it; only that link signs in, as NAME.
- **A team** (``worksample reviewers add``): each reviewer's own link, whose secret's hash the
  store keeps; removing a reviewer or adding them again revokes the old link.

Either way the link's secret becomes an HttpOnly, SameSite=Lax cookie (Strict would not be
sent on the page a link from an e-mail leads to), and nothing but the sign-in page is served
without it. Forms carry a token derived from the secret (the page
that holds the form is the only place a script on another site could read it from, and the
same-origin rule stops that); a write without the right token, or from another origin, is
refused. Stateless: nothing to lose when the server restarts, and any number of server
processes agree.
"""

from __future__ import annotations

import hashlib
import hmac

from worksample.reviewers import Reviewer, secret_hash

COOKIE = "worksample_review"
CSRF_FIELD = "csrf"


class SignIn:
    """The reviewers who may sign in, and the reviewer a secret signs in."""

    def __init__(self, store, local: tuple[Reviewer, str] | None = None):
        """``local``: the one reviewer and the secret of this server's link, when one
        reviewer reviews locally; else the store's reviewers sign in with their links."""
        self.store, self.local = store, local

    def reviewer(self, secret: str | None) -> Reviewer | None:
        """The reviewer ``secret`` signs in, or None."""
        if not secret:
            return None
        if self.local is not None:
            reviewer, expected = self.local
            return reviewer if hmac.compare_digest(secret.encode(), expected.encode()) else None
        return self.store.reviewer_signed_in_by(secret_hash(secret))


def csrf_token(secret: str) -> str:
    """The token a signed-in reviewer's forms carry: derived from their secret, so a page
    from another site can neither know nor reuse it."""
    return hashlib.sha256(b"worksample-review-form:" + secret.encode()).hexdigest()


def csrf_ok(secret: str, sent: str | None) -> bool:
    """Whether ``sent`` is the form token of the reviewer signed in with ``secret``."""
    return bool(sent) and hmac.compare_digest(csrf_token(secret).encode(), sent.encode())
