"""The review server's web application (Starlette): the cohort page, a page per candidate
with the rating form, the two writes (a rating, a decision), signing in and out.

Every page but the sign-in page needs a signed-in reviewer (``signin.py``). Every write needs
the form's token and, when the browser says where the form came from, this server as that
origin; it then goes through ``worksample.reviewing``, the code ``worksample rate`` and
``decide`` run. Pages are sent with a Content-Security-Policy that runs no script but the
cohort page's own (allowed by its hash: ``reports/script.py``) and loads nothing from
elsewhere, and with no Referer to other sites.
"""

from __future__ import annotations

import threading
from urllib.parse import parse_qsl, quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from worksample import reviewing
from worksample.errors import WorksampleError
from worksample.ratings import submission_of
from worksample.reports.script import script_source
from worksample.reports.work import stored_work
from worksample.review import pages
from worksample.review.cohort import ReviewCohort
from worksample.review.pages import SUBMISSION_FIELD
from worksample.review.signin import COOKIE, CSRF_FIELD, SignIn, csrf_ok, csrf_token
from worksample.reviewers import LOGIN_PATH, Reviewer

SECURITY_HEADERS = {
    "Content-Security-Policy": f"default-src 'none'; script-src {script_source()}; "
                               "style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    # Not no-referrer: Chromium then sends a form's Origin as "null", and the origin check
    # refuses it. No page's address carries a secret (the sign-in link redirects at once).
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
_FORM_LIMIT = 64 * 1024  # a rating form with every note filled is a few kilobytes
_FORM_FIELDS = 500


def review_app(cohort: ReviewCohort, signin: SignIn, *,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The web application serving ``cohort`` to the reviewers ``signin`` lets in; requests
    naming another host than ``allowed_hosts`` (default: any) are refused, which stops a
    page elsewhere from reaching a server on this machine by a name it controls."""
    shown_others: set[tuple] = set()
    shown_others_lock = threading.Lock()  # pages are made in several threads at once
    work = stored_work(cohort.store)

    def signed_in(request: Request) -> tuple[Reviewer, str] | None:
        secret = request.cookies.get(_cookie(request))
        reviewer = signin.reviewer(secret)
        return (reviewer, secret) if reviewer else None

    async def sign_in_with_link(request: Request) -> Response:
        secret = request.path_params["secret"]
        if signin.reviewer(secret) is None:
            return _page(pages.sign_in_page("This link does not sign anyone in: it was "
                                            "mistyped, or replaced by a newer one."), 403)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(_cookie(request), secret, httponly=True, samesite="lax", path="/",
                            secure=request.url.scheme == "https")
        _secure(response)
        return response

    async def sign_out(request: Request) -> Response:
        who = signed_in(request)
        if who is None or not await _write_allowed(request, who[1]):
            return _refused()
        response = RedirectResponse(LOGIN_PATH.rstrip("/"), status_code=303)
        response.delete_cookie(_cookie(request), path="/")
        return _secure(response)

    async def sign_in_page(request: Request) -> Response:
        return _page(pages.sign_in_page())

    async def cohort_page(request: Request) -> Response:
        who = signed_in(request)
        if who is None:
            return _page(pages.sign_in_page(), 401)
        reviewer, secret = who
        html = await run_in_threadpool(
            lambda: pages.cohort_page(cohort.assignment, cohort.cohort(reviewer), reviewer,
                                      csrf_token(secret)))
        return _page(html)

    async def candidate_page(request: Request) -> Response:
        who = signed_in(request)
        if who is None:
            return _page(pages.sign_in_page(), 401)
        reviewer, secret = who

        def made() -> Response:
            candidate = cohort.candidate(reviewer, request.path_params["stem"])
            if candidate is None:
                return _not_found()
            _log_shown_others(candidate, reviewer)
            return _page(pages.candidate_page(
                cohort.assignment, candidate, reviewer, csrf_token(secret), work,
                message=_said(request.query_params.get("saved", ""))))

        return await run_in_threadpool(made)

    def _log_shown_others(candidate, reviewer: Reviewer) -> None:
        """The audit log says when a reviewer was shown others' ratings, as the CLI's do."""
        others = sorted({r.reviewer for r in candidate.review.ratings} - {reviewer.name})
        submission = submission_of(candidate.result)
        seen = (reviewer.name, submission, tuple(others))
        with shown_others_lock:
            if not others or seen in shown_others:
                return
            shown_others.add(seen)
        cohort.store.record_shown_others(reviewer.name, submission, others,
                                         candidate.name if reviewer.blind else "",
                                         where="review page")

    async def write(request: Request) -> Response:
        who = signed_in(request)
        if who is None or not await _write_allowed(request, who[1]):
            return _refused()
        reviewer, secret = who
        form = await _form(request)  # read and checked by _write_allowed
        stem, action = request.path_params["stem"], request.path_params["action"]

        def done() -> Response:
            candidate = cohort.candidate(reviewer, stem)
            if candidate is None:
                return _not_found()
            if form.get(SUBMISSION_FIELD) != pages.submission_tag(candidate.result):
                return _page(pages.candidate_page(
                    cohort.assignment, candidate, reviewer, csrf_token(secret), work,
                    error="Nothing was saved: this address shows other work now (the "
                          "candidate sent new work, or the cohort changed). Read this page, "
                          "then rate again."), 409)
            try:
                said = _recorded(action, form, candidate, reviewer, cohort.store)
            except WorksampleError as error:
                return _page(pages.candidate_page(cohort.assignment, candidate, reviewer,
                                                  csrf_token(secret), work, error=str(error)),
                             400)
            return _secure(RedirectResponse(f"/candidates/{quote(stem)}.html?saved={said}",
                                            status_code=303))

        return await run_in_threadpool(done)

    async def no_such_page(request: Request, error: HTTPException) -> Response:
        """Starlette's own answers (no such address, a method it does not take), with the
        same headers as every page."""
        return _page(f"<!doctype html><title>{error.status_code}</title><p>Nothing here. "
                     "<a href=\"/\">All candidates</a></p>", error.status_code)

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"])]
    return Starlette(exception_handlers={HTTPException: no_such_page}, routes=[
        Route("/", cohort_page),
        Route("/index.html", cohort_page),
        Route("/candidates/{stem}.html", candidate_page),
        Route("/candidates/{stem}.html/{action:str}", write, methods=["POST"]),
        Route(LOGIN_PATH.rstrip("/"), sign_in_page),
        Route(LOGIN_PATH + "{secret}", sign_in_with_link),
        Route("/sign-out", sign_out, methods=["POST"]),
    ], middleware=middleware)


def _recorded(action: str, form, candidate, reviewer: Reviewer, store) -> str:
    """Record what the form of ``action`` ("rate" or "decide") says of ``candidate``; returns
    what to tell the reviewer (see ``_said``) or raises a WorksampleError to show them."""
    result = candidate.result
    if action == "decide":
        reviewing.decide(store, result, decision=str(form.get("decision", "")),
                         by=reviewer.name, reason=str(form.get("reason", "")))
        return "decision"
    if action != "rate":
        raise WorksampleError(f"no such action: {action!r}")
    levels, overrides, notes = _levels(form, "level:"), _levels(form, "override:"), {}
    for key, value in form.multi_items():
        if key.startswith("note:") and _text(value):
            criterion = key.removeprefix("note:")
            if criterion not in levels:
                raise WorksampleError(f"choose a level for {criterion!r} to save its note")
            notes[criterion] = _text(value)
    # The form sends back every rating the reviewer has in force; an override is sent again
    # only when its level changed, so the one reason box does not rewrite the reasons of
    # overrides left as they were (a rating that repeats the one in force is not recorded).
    mine = {r.criterion: r.level for r in candidate.review.ratings
            if r.reviewer == reviewer.name and r.override}
    changed = {c: level for c, level in overrides.items() if mine.get(c) != level}
    if overrides and not changed and not levels:
        return "0"  # the overrides as they were, and nothing else
    overrides = changed
    rated = reviewing.rate(store, result, reviewer=reviewer.name,
                           levels=levels, overrides=overrides, notes=notes,
                           reason=_text(form.get("reason", "")) if overrides else "",
                           alias=candidate.name if reviewer.blind else "")
    return f"{len(rated.recorded)}"


def _text(value) -> str:
    """A form's text as the CLI would have it: browsers send a textarea's line breaks as
    CRLF, which would make an unchanged note look changed."""
    return str(value).replace("\r\n", "\n").strip()


def _levels(form, prefix: str) -> dict[str, int]:
    """The levels 1-4 a form gives under ``prefix`` + criterion id (empty ones left out)."""
    levels = {}
    for key, value in form.multi_items():
        if key.startswith(prefix) and str(value).strip():
            if str(value).strip() not in ("1", "2", "3", "4"):
                raise WorksampleError(f"a level is 1, 2, 3 or 4, not {str(value)[:20]!r}")
            levels[key.removeprefix(prefix)] = int(value)
    return levels


def _said(saved: str) -> str:
    if saved == "decision":
        return "Decision recorded."
    if saved.isdigit():
        return f"{saved} rating(s) saved." if saved != "0" else "Nothing changed."
    return ""


async def _write_allowed(request: Request, secret: str) -> bool:
    """A write carries the signed-in reviewer's form token, comes from this server's own
    pages (when the browser says where from), and is no larger than a form."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        return False
    form = await _form(request)
    return form is not None and csrf_ok(secret, form.get(CSRF_FIELD))


async def _form(request: Request) -> FormData | None:
    """The request's form as the pages send it (URL-encoded), read once and at most
    ``_FORM_LIMIT`` bytes of it however it is sent (a chunked body has no length to trust);
    None for anything else."""
    if not hasattr(request.state, "form"):
        request.state.form = await _read_form(request)
    return request.state.form


async def _read_form(request: Request) -> FormData | None:
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > _FORM_LIMIT:
            return None
    try:
        return FormData(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True,
                                  max_num_fields=_FORM_FIELDS))
    except ValueError:  # more fields than any form of ours has
        return None


def _cookie(request: Request) -> str:
    """The sign-in cookie's name, with the server's port in it: a browser sends a host's
    cookies to every port of it, and two review servers on one machine must not sign each
    other's reviewers out."""
    return f"{COOKIE}_{request.url.port or 80}"


def _not_found() -> Response:
    return _page("<!doctype html><title>Not found</title><p>No such candidate in this review. "
                 "<a href=\"/\">All candidates</a></p>", 404)


def _refused() -> Response:
    return _page(pages.sign_in_page("This request was refused: sign in again with your link "
                                    "and send the form from its page."), 403)


def _page(html: str, status: int = 200) -> Response:
    return _secure(HTMLResponse(html, status_code=status))


def _secure(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response
