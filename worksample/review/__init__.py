"""``worksample review``: a local web server where reviewers read each candidate's work next
to its evidence, and rate it.

``cohort.py`` keeps the assignment's results, ratings and decisions in memory, up to date with
the store, and each reviewer's view of them (the report's own ``ReportPlan``); ``pages.py``
renders them with the report's templates and the rating form; ``signin.py`` says who is
asking; ``app.py`` is the web application (Starlette) and ``serve`` runs it (uvicorn).

Needs the ``review`` extra (``pip install 'worksample[review]'``); nothing here is imported
by ``worksample --help``.
"""

from __future__ import annotations

import ipaddress
import socket
import webbrowser

from worksample.errors import WorksampleError
from worksample.models import Assignment
from worksample.reviewers import LOGIN_PATH, Reviewer, new_secret

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"]


def serve(assignment: Assignment, store, *, host: str, port: int,
          reviewer: Reviewer | None, open_browser: bool, say) -> None:
    """Serve ``assignment``'s cohort from ``store`` on ``host``:``port`` until interrupted:
    to ``reviewer`` alone (with a link made now) or, without one, to the store's reviewers
    (each with their own link). ``say`` prints a line for the user."""
    import uvicorn

    from worksample.review.app import review_app
    from worksample.review.cohort import ReviewCohort
    from worksample.review.signin import SignIn

    local = (reviewer, new_secret()) if reviewer is not None else None
    cohort = ReviewCohort(assignment, store)
    cohort.refresh()  # read the store now: an error before serving
    listening = _listening(host, port)
    address = f"http://{_url_host(host)}:{listening.getsockname()[1]}"
    if local is not None:
        link = f"{address}{LOGIN_PATH}{local[1]}"
        say(f"reviewing {assignment.id} as {reviewer.name} at {address}")
        say(f"open this link to sign in (it works until the server stops): {link}")
    else:
        link = None
        say(f"reviewing {assignment.id} at {address}: each reviewer opens their own link "
            f"({address}{LOGIN_PATH}...; `worksample reviewers add NAME` makes one)")
    say("stop with Ctrl+C")
    if open_browser and link:
        webbrowser.open(link)
    app = review_app(cohort, SignIn(store, local), allowed_hosts=_allowed_hosts(host))
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(
        sockets=[listening])


def _listening(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: any free port), before the link is printed; a
    WorksampleError when it cannot be."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        raise WorksampleError(f"cannot listen on {host}:{port}: {error.strerror}; choose "
                              "another with --port (0: any free port)") from None
    return listening


def _allowed_hosts(host: str) -> list[str] | None:
    """The Host headers the server answers: on a loopback address only the machine's own
    names and the address itself (so no other site's name can be pointed at it); elsewhere
    any."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    return [*LOOPBACK_NAMES, _url_host(host)] if loopback else None


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
