"""`worksample review`'s web application, through HTTP (Starlette's test client) on a store
of the pricing-review samples graded for real: who may sign in, what each reviewer is shown,
and that a rating saved on the page is the one `worksample rate` would record.

The same server in a real browser (Chromium) is tests/test_review_browser.py.
"""

from __future__ import annotations

import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest
from click.testing import CliRunner
from conftest_paths import ROOT
from review_client import COOKIE, HOST, form_of, form_token, store_copy, team
from review_client import client_for as review_client
from starlette.testclient import TestClient

from worksample import assignments
from worksample.cli import cli
from worksample.plugins import get_registry
from worksample.ratings import reviews
from worksample.reports import ReportPlan, stored_results
from worksample.reports.similar import stored_texts
from worksample.review.cohort import ReviewCohort
from worksample.reviewers import Reviewer
from worksample.store import ResultStore

SAMPLE = ROOT / "assignments" / "pricing-review"
EXAMPLES = ROOT / "examples" / "pricing-review"
PLANTED_FILE = "maria-garcia.md"
PLANTED_SIGNATURE = "Prepared by Maria Garcia (maria.garcia@example.com, +44 20 7946 0958)"
NAMED = ["keyword-stuffed.md", "maria-garcia.md", "no-recommendation.md", "off-topic.md",
         "strong.md", "wrong-numbers.txt"]
IDENTIFYING = ["Maria", "Garcia", "maria.garcia@example.com", "7946 0958"]
WORKSAMPLE = [sys.executable, "-m", "worksample"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """The pricing-review samples graded into a store (copied by each test that writes)."""
    folder = tmp_path_factory.mktemp("graded")
    store = folder / "results.sqlite"
    signed = folder / PLANTED_FILE  # a candidate who signs their work
    signed.write_text((EXAMPLES / "strong.md").read_text() + f"\n\n{PLANTED_SIGNATURE}\n")
    samples = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".md", ".txt")]
    samples.append(str(signed))
    result = CliRunner().invoke(cli, ["grade", str(SAMPLE), *samples, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture
def store(graded, tmp_path) -> ResultStore:
    opened = store_copy(graded, tmp_path)
    yield opened
    opened.close()


def client_for(store: ResultStore, local: tuple[Reviewer, str] | None = None) -> TestClient:
    return review_client(store, SAMPLE, local)


def signed_in(client: TestClient, secret: str) -> TestClient:
    response = client.get(f"/login/{secret}", follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def rate(client: TestClient, stem: str, fields: dict, origin: str | None = HOST):
    page = client.get(f"/candidates/{stem}.html")
    assert page.status_code == 200, page.text
    headers = {"Origin": origin} if origin else {}
    return client.post(f"/candidates/{stem}.html/rate", data={**form_of(page.text),
                                                              **fields},
                       headers=headers, follow_redirects=False)


@pytest.mark.parametrize("path", ["/", "/index.html", "/candidates/strong.md.html",
                                  "/candidates/strong.md.html/rate"])
def test_nothing_but_the_sign_in_page_without_a_link(store, path):
    client = client_for(store, (Reviewer(name="ann"), "the-right-secret-" + "x" * 20))
    response = client.request("POST" if path.endswith("rate") else "GET", path,
                              data={"level:judgement": "3"})
    assert response.status_code in (401, 403)
    assert "Sign in to the review" in response.text
    for name in NAMED:
        assert name not in response.text
    wrong = client.get("/login/the-wrong-secret", follow_redirects=False)
    assert wrong.status_code == 403 and "does not sign anyone in" in wrong.text
    assert client.cookies.get(COOKIE) is None


def test_the_cohort_page_ranks_everyone_and_says_who_has_rated_whom(store):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="bo"))
    CliRunner().invoke(cli, ["rate", str(SAMPLE), "strong.md", "judgement=4",
                             "executive-writing=3", "--reviewer", "bo",
                             "--store", str(store.path)], catch_exceptions=False)
    client = signed_in(client_for(store), secrets["ann"])
    page = client.get("/")
    assert page.status_code == 200
    for name in NAMED:
        assert f'href="candidates/{name}.html"' in page.text
    row = re.search(r'<tr[^>]*>\s*<td class="num"[^>]*>[^<]*</td>\s*<td><a class="untrusted" '
                    r'href="candidates/strong.md.html">.*?</tr>', page.text, re.S).group(0)
    assert '<td class="untrusted">bo</td>' in row
    assert "Signed in as <strong class=\"untrusted\">ann · the hiring manager&#39;s view" \
        in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert page.headers["referrer-policy"] == "same-origin"


def test_a_rating_on_the_page_is_recorded_as_worksample_rate_records_it(store):
    secrets = team(store, Reviewer(name="ann"))
    client = signed_in(client_for(store), secrets["ann"])
    saved = rate(client, "strong.md", {"level:judgement": "3", "note:judgement": "sound but thin",
                                    "level:executive-writing": "4"})
    assert saved.status_code == 303
    assert saved.headers["location"] == "/candidates/strong.md.html?saved=2"
    again = client.get(saved.headers["location"])
    assert "2 rating(s) saved." in again.text
    assert re.search(r'name="level:judgement" value="3" checked', again.text)
    assert "sound but thin</textarea>" in again.text
    shown = CliRunner().invoke(cli, ["ratings", "show", "pricing-review", "strong.md",
                                     "--store", str(store.path)])
    assert "judgement [reviewer]: ann: 3 (sound but thin)" in shown.output
    assert "executive-writing [reviewer]: ann: 4" in shown.output
    log = CliRunner().invoke(cli, ["ratings", "log", "pricing-review", "strong.md",
                                   "--store", str(store.path)]).output
    assert re.search(r"\tann\trate\tstrong.md\tjudgement\t- -> 3 \(sound but thin\)", log)


def test_an_override_needs_a_reason_and_the_error_is_shown_on_the_page(store):
    secrets = team(store, Reviewer(name="ann"))
    client = signed_in(client_for(store), secrets["ann"])
    refused = rate(client, "strong.md", {"override:numbers": "2"})
    assert refused.status_code == 400
    assert "needs a reason" in refused.text and 'role="alert"' in refused.text
    assert store.ratings("pricing-review") == []
    accepted = rate(client, "strong.md", {"override:numbers": "2", "reason": "the 12% is wrong"})
    assert accepted.status_code == 303
    [override] = store.ratings("pricing-review")
    assert (override.override, override.level, override.reason) == (True, 2, "the 12% is wrong")


@pytest.mark.parametrize("fields", [{"level:judgement": "7"}, {"level:judgement": "3; DROP"},
                                    {"level:no-such-criterion": "3"},
                                    {"note:judgement": "a note, no level"}])
def test_a_bad_form_is_refused_with_one_line_and_nothing_recorded(store, fields):
    secrets = team(store, Reviewer(name="ann"))
    client = signed_in(client_for(store), secrets["ann"])
    refused = rate(client, "strong.md", fields)
    assert refused.status_code == 400
    assert re.search(r'<p class="problem" role="alert">[^<]+</p>', refused.text)
    assert store.ratings("pricing-review") == []


@pytest.mark.parametrize("how", ["no token", "another reviewer's token", "another origin",
                                 "a null origin"])
def test_a_write_from_elsewhere_is_refused(store, how):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="bo"))
    client = signed_in(client_for(store), secrets["ann"])
    fields = form_of(client.get("/candidates/strong.md.html").text)
    other = form_token(signed_in(client_for(store), secrets["bo"]).get("/").text)
    data = {**fields, "level:judgement": "1"}
    data["csrf"] = {"no token": "", "another reviewer's token": other}.get(how, fields["csrf"])
    origin = {"another origin": "http://evil.example", "a null origin": "null"}.get(how, HOST)
    response = client.post("/candidates/strong.md.html/rate", data=data,
                           headers={"Origin": origin}, follow_redirects=False)
    assert response.status_code == 403
    assert store.ratings("pricing-review") == []


def test_a_request_naming_another_host_is_refused(store):
    secrets = team(store, Reviewer(name="ann"))
    client = signed_in(client_for(store), secrets["ann"])
    assert client.get("/", headers={"Host": "rebound.example"}).status_code == 400


def test_others_ratings_stay_hidden_until_the_reviewer_has_rated(store):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="bo"))
    bo = signed_in(client_for(store), secrets["bo"])
    assert rate(bo, "strong.md", {"level:judgement": "1", "note:judgement": "BO-SECRET-NOTE",
                               "level:executive-writing": "1"}).status_code == 303
    ann = signed_in(client_for(store), secrets["ann"])
    before = ann.get("/candidates/strong.md.html").text
    assert "BO-SECRET-NOTE" not in before and ">bo</span>: level" not in before
    assert "hidden until you have rated each criterion" in before
    assert rate(ann, "strong.md", {"level:judgement": "4",
                                "level:executive-writing": "4"}).status_code == 303
    after = ann.get("/candidates/strong.md.html").text
    assert "BO-SECRET-NOTE" in after
    log = CliRunner().invoke(cli, ["ratings", "log", "pricing-review", "strong.md",
                                   "--store", str(store.path)]).output
    assert "\tann\tshown-others\tstrong.md\t\t- -> bo\treview page" in log


def test_a_blind_reviewer_is_sent_no_name(store):
    secrets = team(store, Reviewer(name="hr-blind", role="hr", blind=True))
    client = signed_in(client_for(store), secrets["hr-blind"])
    cohort = client.get("/").text
    stems = re.findall(r'href="candidates/([^"]+)\.html"', cohort)
    assert len(stems) == len(NAMED) and all(s.startswith("candidate-") for s in stems)
    pages = [cohort] + [client.get(f"/candidates/{stem}.html").text for stem in stems]
    saved = rate(client, stems[0], {"level:judgement": "3", "level:executive-writing": "2"})
    assert saved.status_code == 303
    pages.append(client.get(saved.headers["location"]).text)
    for page in pages:
        for name in NAMED + IDENTIFYING:
            assert name not in page
        assert str(EXAMPLES) not in page
    assert "HR&#39;s view · blind" in cohort
    [rating, _] = store.ratings("pricing-review")
    assert rating.blind and rating.alias.lower().replace(" ", "-") == stems[0]


def test_an_hr_reviewer_is_shown_the_hr_report(store):
    secrets = team(store, Reviewer(name="hana", role="hr"))
    client = signed_in(client_for(store), secrets["hana"])
    assert "report for HR" in client.get("/").text


def test_adding_a_reviewer_again_revokes_the_old_link_and_removing_them_too(store):
    result = CliRunner().invoke(cli, ["reviewers", "add", "ann", "--role", "hiring-manager",
                                      "--store", str(store.path)])
    first = re.search(r"/login/(\S+)", result.output).group(1)
    assert signin_status(store, first) == 303
    result = CliRunner().invoke(cli, ["reviewers", "add", "ann", "--role", "hr",
                                      "--store", str(store.path)])
    second = re.search(r"/login/(\S+)", result.output).group(1)
    assert (signin_status(store, first), signin_status(store, second)) == (403, 303)
    assert first not in store.path.read_bytes().decode("latin-1")  # only its hash is kept
    listed = CliRunner().invoke(cli, ["reviewers", "list", "--store", str(store.path)]).output
    assert listed.startswith("ann\thr\tnamed")
    CliRunner().invoke(cli, ["reviewers", "remove", "ann", "--store", str(store.path)])
    assert signin_status(store, second) == 403


def signin_status(store: ResultStore, secret: str) -> int:
    return client_for(store).get(f"/login/{secret}", follow_redirects=False).status_code


def test_a_decision_on_the_page_is_recorded_with_its_reason(store):
    secrets = team(store, Reviewer(name="ann"))
    client = signed_in(client_for(store), secrets["ann"])
    token = form_of(client.get("/candidates/strong.md.html").text)
    made = client.post("/candidates/strong.md.html/decide", headers={"Origin": HOST},
                       data={**token, "decision": "advance", "reason": "clear case"},
                       follow_redirects=False)
    assert made.status_code == 303
    [decision] = store.decisions("pricing-review")
    assert (decision.decision, decision.by, decision.reason) == ("advance", "ann", "clear case")
    assert "Decision recorded." in client.get(made.headers["location"]).text


def test_review_refuses_to_start_when_nobody_could_sign_in(store):
    result = CliRunner().invoke(cli, ["review", str(SAMPLE), "--store", str(store.path)])
    assert result.exit_code == 2
    assert "nobody can sign in" in result.output


def test_the_cohort_page_kept_up_to_date_change_by_change_is_the_one_made_whole(store):
    """The server makes anew only what a change is about; after a series of changes by
    several reviewers (on the page and in a terminal), each one's view must equal the one
    `worksample report --reviewer` would build from scratch."""
    assignment = assignments.load(SAMPLE, get_registry())
    cohort = ReviewCohort(assignment, store)
    viewers = [Reviewer(name="ann"), Reviewer(name="bo", role="hr"),
               Reviewer(name="cy", blind=True)]
    draw = random.Random(23)
    for step in range(12):
        for viewer in viewers:
            cohort.cohort(viewer)  # each view is up to date before the next change
        who = draw.choice(viewers).name
        submission = draw.choice(NAMED)
        levels = [f"{c}={draw.randint(1, 4)}" for c in ("judgement", "executive-writing")
                  if draw.random() < 0.8]
        command = (["rate", str(SAMPLE), submission, *levels, "--reviewer", who] if levels
                   else ["decide", str(SAMPLE), submission, "hold", "--by", who,
                         "--reason", f"step {step}"])
        done = CliRunner().invoke(cli, [*command, "--store", str(store.path)])
        assert done.exit_code == 0, done.output
    results = stored_results(assignment, store)
    for viewer in viewers:
        made = reviews(results, store.ratings("pricing-review"),
                       store.decisions("pricing-review"), viewer.name)
        whole = ReportPlan(assignment, results, audience=viewer.audience, blind=viewer.blind,
                           reviews=made, texts=stored_texts(store, "pricing-review")).index
        assert cohort.cohort(viewer).index == whole


# --- The same server, run as a user runs it, in a real browser ---------------------------------


@pytest.fixture
def server(store):
    """`worksample review` running in a process of its own on a free port, with two reviewers
    added by `worksample reviewers add`: their links by name, and the address."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    links = {}
    for name, options in [("ann", ["--role", "hiring-manager"]),
                          ("hana", ["--role", "hr", "--blind"])]:
        added = subprocess.run([*WORKSAMPLE, "reviewers", "add", name, *options, "--url", address,
                                "--store", str(store.path)], capture_output=True, text=True,
                               check=True)
        links[name] = re.search(r"(http://\S+/login/\S+)", added.stdout).group(1)
    process = subprocess.Popen([*WORKSAMPLE, "--assignments-dir", str(ROOT / "assignments"),
                                "review", "pricing-review", "--store", str(store.path),
                                "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        wait_until_serving(address, process)
        yield links, address
    finally:
        process.terminate()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(address: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"worksample review ended: {process.stderr.read()}")
        try:
            urllib.request.urlopen(f"{address}/login", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("worksample review did not answer within 30 s")


@pytest.mark.browser
def test_in_chromium_a_reviewer_rates_two_criteria_and_finds_them_after_a_reload(
        server, chromium, store, screenshot_path):
    links, address = server
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(links["ann"])
    assert page.url == f"{address}/"
    assert page.locator("#ranking-table tbody tr").count() == len(NAMED)
    page.screenshot(path=screenshot_path("review-cohort"), full_page=True)
    page.click("a[href='candidates/strong.md.html']")
    assert page.url == f"{address}/candidates/strong.md.html"
    page.check("input[name='level:judgement'][value='3']")
    page.check("input[name='level:executive-writing'][value='4']")
    page.fill("textarea[name='note:judgement']", "Good reasoning; the risks are thin.")
    page.click("#rating-form button[type=submit]")
    assert page.locator(".message").inner_text() == "2 rating(s) saved."
    page.reload()
    assert page.is_checked("input[name='level:judgement'][value='3']")
    assert page.is_checked("input[name='level:executive-writing'][value='4']")
    assert page.input_value("textarea[name='note:judgement']") == \
        "Good reasoning; the risks are thin."
    page.screenshot(path=screenshot_path("review-candidate"), full_page=True)
    shown = subprocess.run([*WORKSAMPLE, "ratings", "show", "pricing-review", "strong.md",
                            "--store", str(store.path)], capture_output=True, text=True).stdout
    assert "judgement [reviewer]: ann: 3 (Good reasoning; the risks are thin.)" in shown
    assert "executive-writing [reviewer]: ann: 4" in shown


@pytest.mark.browser
def test_in_chromium_the_cohort_pages_script_runs_under_the_policy_and_no_other_does(
        server, chromium, screenshot_path):
    """The policy names the script by its hash: the page sorts and filters; a script the
    policy does not name, added to the same page, is refused."""
    links, address = server
    page = chromium.new_page(viewport={"width": 1300, "height": 1000})
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if message.type == "error" else None)
    page.goto(links["ann"])
    assert page.inner_text("#filter-count") == f"{len(NAMED)} of {len(NAMED)} shown"
    page.locator("#ranking-table thead th", has_text="Score").locator("button").click()
    scores = page.eval_on_selector_all(
        "#ranking-table tbody tr td:nth-child(3)",
        "cells => cells.map(cell => parseFloat(cell.dataset.value))")
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    # the signed copy of strong.md is the same text: both flagged high
    page.select_option("#filter-show", "high")
    names = page.eval_on_selector_all(
        "#ranking-table tbody tr:not([hidden]) td:nth-child(2) a",
        "links => links.map(link => link.textContent)")
    assert sorted(names) == ["maria-garcia.md", "strong.md"]
    page.screenshot(path=screenshot_path("review-cohort-filtered"), full_page=True)
    assert refused == []
    page.evaluate("""() => { const script = document.createElement('script');
        script.textContent = "document.title = 'injected'"; document.body.append(script); }""")
    assert page.title() != "injected"
    assert any("Content Security Policy" in text for text in refused)


@pytest.mark.browser
def test_in_chromium_a_blind_reviewer_sees_no_name_and_no_link_means_no_page(server, chromium):
    links, address = server
    blind = chromium.new_context().new_page()
    blind.goto(links["hana"])
    texts = [blind.content()]
    for href in [a.get_attribute("href") for a in blind.locator("#ranking-table a").all()]:
        blind.goto(f"{address}/{href}")
        texts.append(blind.content())
    assert len(texts) == len(NAMED) + 1
    for text in texts:
        for name in NAMED + IDENTIFYING:
            assert name not in text  # in the markup, attributes included
    stranger = chromium.new_context().new_page()
    response = stranger.goto(f"{address}/candidates/strong.md.html")
    assert response.status == 401
    assert "Sign in to the review" in stranger.content()
    assert "strong.md" not in stranger.content()


def test_a_port_in_use_is_one_line_before_any_link_is_printed(store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["review", str(SAMPLE), "--reviewer", "ann", "--port",
                                          str(port), "--store", str(store.path)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "/login/" not in result.output


def test_the_candidate_page_shows_the_work_as_written_and_the_blind_one_redacts_it(store):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="sam", blind=True))
    named = signed_in(client_for(store), secrets["ann"]).get(f"/candidates/{PLANTED_FILE}.html")
    assert "Prepared by Maria Garcia" in named.text  # the analysis itself is on the page
    assert re.search(r'class="[^"]*(earned|lost)[^"]*"', named.text)  # sentences marked
    blind = signed_in(client_for(store), secrets["sam"])
    stems = re.findall(r'href="candidates/([^"]+)\.html"', blind.get("/").text)
    pages = [blind.get(f"/candidates/{stem}.html").text for stem in stems]
    assert any("Prepared by" in page for page in pages)
    assert not any(word in page for page in pages for word in IDENTIFYING)


def test_ten_reviewers_at_once_on_a_fresh_server_all_get_their_pages(server):
    """Pages are made in several threads at once; the first ones, in a new process, load
    what they use at the same time (Pygments once failed to import so: a 500)."""
    links, address = server
    together = threading.Barrier(10)

    def pages_of(name: str) -> int:
        with httpx2.Client(base_url=address, timeout=60) as client:
            client.get(links["ann"].removeprefix(address))
            together.wait()  # every first page asked for at once
            return client.get(f"/candidates/{name}.html").status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(pages_of, [NAMED[n % len(NAMED)] for n in range(10)]))
    assert codes == [200] * 10


@pytest.mark.parametrize("method, path", [("GET", "/no/such/page"), ("PUT", "/sign-out")])
def test_an_address_or_method_the_server_does_not_serve_gets_the_same_headers(store, method,
                                                                               path):
    response = client_for(store).request(method, path)
    assert response.status_code in (404, 405)
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_saving_the_form_records_only_what_the_reviewer_changed(store):
    """The form sends back every rating in force: two overrides given in a terminal with
    their own reasons, and a note with a line break (which a browser sends as CRLF), must
    come back unchanged when the reviewer rates one criterion on the page."""
    for criterion, reason in [("numbers", "the 12% is wrong"), ("insight", "misses churn")]:
        CliRunner().invoke(cli, ["rate", str(SAMPLE), "strong.md", "--override",
                                 f"{criterion}=2", "--reason", reason, "--reviewer", "ann",
                                 "--store", str(store.path)], catch_exceptions=False)
    CliRunner().invoke(cli, ["rate", str(SAMPLE), "strong.md", "judgement=3", "--note",
                             "judgement=sound\nbut thin", "--reviewer", "ann",
                             "--store", str(store.path)], catch_exceptions=False)
    before = len(store.ratings("pricing-review"))
    secrets = team(store, Reviewer(name="ann"))
    client = signed_in(client_for(store), secrets["ann"])
    page = client.get("/candidates/strong.md.html").text
    form = {**form_of(page), "level:judgement": "3", "note:judgement": "sound\r\nbut thin",
            "level:executive-writing": "4", "override:numbers": "2", "override:insight": "2",
            "reason": "the 12% is wrong"}
    saved = client.post("/candidates/strong.md.html/rate", data=form, headers={"Origin": HOST},
                        follow_redirects=False)
    assert saved.headers["location"].endswith("?saved=1")
    ratings = store.ratings("pricing-review")
    assert len(ratings) == before + 1 and ratings[-1].criterion == "executive-writing"
