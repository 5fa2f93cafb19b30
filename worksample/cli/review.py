"""``worksample review`` (the review web server) and ``worksample reviewers`` (who may sign in
to it, each with a secret link)."""

from __future__ import annotations

from pathlib import Path

import click

from worksample.cli.common import load_assignment, open_store, store_option
from worksample.errors import WorksampleError
from worksample.safe_text import visible

_ROLE_HELP = ("hiring-manager: job skills first, every detail; hr: communication and values "
              "first (the report each is shown)")


@click.command()
@click.argument("assignment")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 serves a team on a shared host.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--reviewer", help="Review alone, as NAME: a sign-in link is made at start. "
                                 "Without it, the reviewers of `worksample reviewers add` "
                                 "sign in with their own links.")
@click.option("--role", type=click.Choice(["hiring-manager", "hr"]), default="hiring-manager",
              show_default=True, help="With --reviewer: " + _ROLE_HELP + ".")
@click.option("--blind", is_flag=True, help="With --reviewer: aliases instead of names, "
                                            "contact details redacted.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the sign-in link in the browser (nothing is opened otherwise).")
@click.pass_context
def review(ctx: click.Context, assignment: str, store_path: Path, host: str, port: int,
           reviewer: str | None, role: str, blind: bool, open_browser: bool) -> None:
    """Serve ASSIGNMENT's cohort from the store as web pages for reviewers to read and rate.

    The cohort page (ranking, automatic and full scores, who has rated whom, agreement) and
    a page per candidate with the rating form; a rating saved there is recorded as `worksample
    rate` records it, in the audit log too. Needs `pip install 'worksample[review]'`.
    """
    try:
        from worksample.review import serve
    except ImportError as error:
        raise WorksampleError(f"the review server needs its extra ({error.name} is missing): "
                              "pip install 'worksample[review]'") from None
    from worksample.reviewers import Reviewer, checked_name

    if reviewer is None and (blind or role != "hiring-manager"):
        raise WorksampleError("--role and --blind go with --reviewer NAME; a team's reviewers "
                              "have theirs from `worksample reviewers add`")
    store = open_store(store_path)
    alone = Reviewer(name=checked_name(reviewer), role=role, blind=blind) if reviewer else None
    if alone is None and not store.reviewers():
        raise WorksampleError("nobody can sign in: review alone with --reviewer NAME, or add "
                              "your team with `worksample reviewers add NAME --role ...`")
    serve(load_assignment(ctx, assignment), store, host=host, port=port, reviewer=alone,
          open_browser=open_browser, say=lambda line: click.echo(visible(line), err=True))


@click.group()
def reviewers() -> None:
    """Who may sign in to `worksample review` on a shared host, each with a secret link."""


@reviewers.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["hiring-manager", "hr"]), required=True,
              help=_ROLE_HELP + ".")
@click.option("--blind", is_flag=True, help="Shown aliases only, never a candidate's name.")
@click.option("--url", "base_url", default="http://127.0.0.1:8765", show_default=True,
              help="The address the review server is reached at, for the printed link.")
@store_option
def reviewers_add(name: str, role: str, blind: bool, base_url: str, store_path: Path) -> None:
    """Add reviewer NAME (or give them a new link, revoking the old one) and print the link.

    The link is shown once: the store keeps only a hash of its secret. Send it to the
    reviewer privately; whoever has it signs in as NAME.
    """
    from worksample.reviewers import LOGIN_PATH, Reviewer, checked_name, new_secret, secret_hash

    reviewer = Reviewer(name=checked_name(name), role=role, blind=blind)
    secret = new_secret()
    open_store(store_path).add_reviewer(reviewer, secret_hash(secret))
    click.echo(visible(f"{reviewer.name} ({role}{', blind' if blind else ''}) signs in with: "
                       f"{base_url.rstrip('/')}{LOGIN_PATH}{secret}"))


@reviewers.command("list")
@store_option
def reviewers_list(store_path: Path) -> None:
    """The reviewers who may sign in (their links are not kept, so not shown)."""
    for reviewer in open_store(store_path).reviewers():
        click.echo(visible(f"{reviewer.name}\t{reviewer.role}\t"
                           f"{'blind' if reviewer.blind else 'named'}\t"
                           f"added {reviewer.added_at:%Y-%m-%d %H:%M}"))


@reviewers.command("remove")
@click.argument("name")
@store_option
def reviewers_remove(name: str, store_path: Path) -> None:
    """Revoke NAME's link; their ratings stay."""
    if not open_store(store_path).remove_reviewer(" ".join(name.split())):
        raise WorksampleError(f"no reviewer named {name!r}; `worksample reviewers list` shows "
                              "them")
    click.echo(visible(f"{name}: link revoked"))
