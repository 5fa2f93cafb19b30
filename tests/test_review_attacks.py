"""Attacks on `worksample review`, as a candidate or a reviewer who has read the code would
try them. Each test names the attack and asserts the safe outcome. Those marked
``xfail(strict=True, reason="HOLE: ...")`` are open holes today: the test fails while the hole
is open, and the mark goes when it is fixed.

Candidate text comes from real grading: analyses of the text assignment pricing-review with
hostile file names and contents, written into a temporary folder and graded with
`worksample grade`, as a hiring team would.
"""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner
from conftest_paths import ROOT
from review_client import COOKIE, HOST, form_of, store_copy, team
from review_client import client_for as review_client
from starlette.testclient import TestClient

from worksample.cli import cli
from worksample.reports.script import cohort_script
from worksample.review.signin import csrf_token
from worksample.reviewers import Reviewer, secret_hash
from worksample.store import ResultStore

SAMPLE = ROOT / "assignments" / "pricing-review"
EXAMPLES = ROOT / "examples" / "pricing-review"
# File names a candidate (or their mail client) might send, each analysis a variant of the
# strong sample so that every one is graded and has a page with a rating form.
HOSTILE_NAMES = ["victim.md.html?x.md", "a#b.md", "100%25.md", "quote\"'<b>.md",
                 "x" * 200 + ".md", "\u202eevil.md", "dots..dash.md", "sp ace.md"]
# A sentence the case grader quotes as evidence (it holds the cue "churn ... solo"), with
# markup, an attribute break-out, bidi controls, and the candidate's contact details and name.
HOSTILE_SENTENCE = ("The churn story is a solo story \"><img src=x onerror=alert(1)> "
                    "</textarea></form><form action=//evil.example> \u202eRLO-TEXT\u202c "
                    "\u061cALM-TEXT mail jane.doe@example.com or see www.janedoe.dev, "
                    "Jane Doe.")
REJECTED_FOLDER = "Jane Smith"  # the folder the hiring team keeps her files in
REJECTED_FILE = "submission-4714.zip"  # named by the applicant-tracking system


def _grade(store: Path, *sources: Path) -> None:
    done = CliRunner().invoke(cli, ["grade", str(SAMPLE), *map(str, sources),
                                    "--store", str(store)])
    assert done.exit_code == 0, done.output


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A store holding, graded for real: two samples, an analysis quoting the hostile
    sentence under the name "jane doe.md", one per hostile file name, and a zip the intake
    refuses, kept in a folder named after the candidate."""
    folder = tmp_path_factory.mktemp("hostile")
    sent = folder / "sent"
    sent.mkdir()
    strong = (EXAMPLES / "strong.md").read_text()
    assert "The churn story is a solo story." in strong
    (sent / "jane doe.md").write_text(strong.replace("The churn story is a solo story.",
                                                     HOSTILE_SENTENCE))
    for number, name in enumerate(HOSTILE_NAMES):
        (sent / name).write_text(f"{strong}\nThis is variant {number}.\n")
    refused = folder / REJECTED_FOLDER / REJECTED_FILE
    refused.parent.mkdir()
    with zipfile.ZipFile(refused, "w") as archive:
        archive.writestr("../escape.md", "an entry that climbs out of the folder")
    store = folder / "results.sqlite"
    _grade(store, *sorted(sent.iterdir()), EXAMPLES / "off-topic.md", EXAMPLES / "strong.md",
           refused)
    return store


@pytest.fixture
def store(hostile, tmp_path) -> ResultStore:
    opened = store_copy(hostile, tmp_path)
    yield opened
    opened.close()


def client_for(store: ResultStore, local: tuple[Reviewer, str] | None = None,
               base_url: str = HOST) -> TestClient:
    return review_client(store, SAMPLE, local, base_url)


def signed_in(store: ResultStore, secret: str) -> TestClient:
    client = client_for(store)
    response = client.get(f"/login/{secret}", follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def cohort_links(html: str) -> list[tuple[str, str]]:
    """(href, the name shown) of each candidate on the cohort page."""
    return re.findall(r'<a class="untrusted" href="([^"]+)">([^<]*)</a>', html)


def form_action(page_url: str, html: str, form_id: str = "rating-form") -> str:
    """Where the browser sends the form ``form_id`` of the page at ``page_url``."""
    action = re.search(rf'<form method="post" action="([^"]+)" id="{form_id}"', html).group(1)
    return urljoin(page_url, action.replace("&amp;", "&"))


def post(client: TestClient, url: str, data: dict, origin: str | None = HOST, **options):
    headers = {"Origin": origin} if origin else {}
    return client.post(url, data=data, headers=headers | options.pop("headers", {}),
                       follow_redirects=False, **options)


def rate_on_page(client: TestClient, stem: str, fields: dict, origin: str | None = HOST):
    page = client.get(f"/candidates/{stem}.html")
    assert page.status_code == 200, page.text
    return post(client, f"/candidates/{stem}.html/rate",
                {**form_of(page.text), **fields}, origin)


def cli_run(*arguments: str) -> str:
    done = CliRunner().invoke(cli, list(arguments))
    assert done.exit_code == 0, done.output
    return done.output


def result_of(store: ResultStore, rating) -> object:
    [result] = [r for r in store.results("pricing-review")
                if (r.submission_id, r.submission_hash) == (rating.submission_id,
                                                             rating.submission_key)]
    return result


def text_of(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html)


BOTH_LEVELS = {"level:judgement": "3", "level:executive-writing": "2"}


# --- 1. Candidate-controlled text: names, evidence -----------------------------------------


def test_every_hostile_file_name_links_to_its_own_page_whose_form_rates_that_candidate(store):
    """Names with #, ?, %, quotes, markup, .., a space, a bidi override, 200 characters: the
    cohort's link reaches the page of the candidate it names, and the rating form on that
    page records a rating of that same submission (its file, its content)."""
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    cohort = ann.get("/").text
    links = cohort_links(cohort)
    assert len(links) == len(HOSTILE_NAMES) + 4
    for href, shown in links:
        assert not set(href) & set("#?%\"'<> \u202e"), href
        url = urljoin(HOST + "/", href)
        page = ann.get(url)
        assert page.status_code == 200, (href, page.status_code)
        assert f'<bdi class="untrusted">{shown}</bdi>' in page.text
        if 'id="rating-form"' not in page.text:
            continue  # the refused zip: nothing to rate
        action = form_action(url, page.text)
        assert urlsplit(action).netloc == urlsplit(HOST).netloc
        saved = post(ann, action, {**form_of(page.text), **BOTH_LEVELS})
        assert saved.status_code == 303, (href, saved.text)
        assert urljoin(url, saved.headers["location"]).split("?")[0] == url
    ratings = store.ratings("pricing-review")
    assert len(ratings) == 2 * (len(HOSTILE_NAMES) + 3)
    assert {result_of(store, r).submission_id for r in ratings} == \
        {shown for _, shown in links} - {"submission-4714"}


def test_markup_in_quoted_evidence_is_text_not_elements(store):
    """The candidate's "><img ...>, </textarea> and a <form> quoted as evidence stay text."""
    secrets = team(store, Reviewer(name="ann"))
    page = signed_in(store, secrets["ann"]).get("/candidates/jane-doe.md.html").text
    assert "The churn story is a solo story &#34;&gt;" in page
    assert "<img" not in page and "evil.example>" not in page
    assert page.count("<form") == page.lower().count("<form")
    assert len(re.findall(r"<form\b", page)) == 3  # sign out, rating, decision
    assert page.count("</textarea>") == page.count("<textarea")


def test_every_page_runs_no_script_but_the_cohort_pages_and_loads_nothing_from_elsewhere(
        store):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    cohort = ann.get("/")
    # the one script allowed is the cohort page's own, by the hash of the text it inlines
    [script] = re.findall(r"<script>(.*?)</script>", cohort.text, flags=re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert script == cohort_script() and "<script" not in cohort.text.replace(
        f"<script>{script}</script>", "")
    for response in [cohort, ann.get("/candidates/jane-doe.md.html"),
                     ann.get("/candidates/nobody.html"), client_for(store).get("/"),
                     client_for(store).get("/login/wrong")]:
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        [allowed] = re.findall(r"script-src ([^;]*)", policy)
        assert allowed == f"'sha256-{digest}'"  # no 'unsafe-inline', no other source
        assert "form-action 'self'" in policy and "base-uri 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        if response is not cohort:
            assert "<script" not in response.text


def test_a_bidi_override_in_evidence_is_shown_not_obeyed(store):
    secrets = team(store, Reviewer(name="ann"))
    page = signed_in(store, secrets["ann"]).get("/candidates/jane-doe.md.html").text
    assert "\ufffdRLO-TEXT\ufffd" in page
    assert "\u202e" not in page and "\u202c" not in page


def test_the_arabic_letter_mark_in_evidence_is_shown_not_obeyed(store):
    secrets = team(store, Reviewer(name="ann"))
    page = signed_in(store, secrets["ann"]).get("/candidates/jane-doe.md.html").text
    assert "ALM-TEXT" in page
    assert "\u061c" not in page


def test_two_submissions_under_one_name_are_each_rated_on_their_own_page(store, tmp_path):
    """A candidate sends changed work under the same file name: both stay in the cohort, and
    the rating sent from each page is of the submission that page shows."""
    again = tmp_path / "again"
    again.mkdir()
    (again / "strong.md").write_text((EXAMPLES / "no-recommendation.md").read_text())
    _grade(store.path, again / "strong.md")
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    hrefs = [href for href, shown in cohort_links(ann.get("/").text) if shown == "strong.md"]
    assert len(hrefs) == 2 and len(set(hrefs)) == 2
    for href in hrefs:
        url = urljoin(HOST + "/", href)
        page = ann.get(url).text
        score = re.search(r"<strong>Score ([0-9.]+)</strong>", page).group(1)
        saved = post(ann, form_action(url, page),
                     {**form_of(page), "level:judgement": "2",
                      "note:judgement": f"read at score {score}"})
        assert saved.status_code == 303
    for rating in store.ratings("pricing-review"):
        assert rating.note == f"read at score {result_of(store, rating).score:g}"


def test_a_rating_lands_on_the_submission_whose_page_it_was_sent_from(store, tmp_path):
    first, then = tmp_path / "first", tmp_path / "then"
    first.mkdir()
    then.mkdir()
    (first / "zoe.md").write_text((EXAMPLES / "no-recommendation.md").read_text())
    (then / "zoe.md").write_text((EXAMPLES / "strong.md").read_text() + "\nResent.\n")
    _grade(store.path, first / "zoe.md")
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    page = ann.get("/candidates/zoe.md.html").text
    read = re.search(r"<strong>Score ([0-9.]+)</strong>", page).group(1)
    _grade(store.path, then / "zoe.md")  # the resent work, graded while the page is open
    saved = post(ann, form_action(f"{HOST}/candidates/zoe.md.html", page),
                 {**form_of(page), "level:judgement": "1"})
    rated = [r for r in store.ratings("pricing-review") if r.submission_id == "zoe.md"]
    if saved.status_code == 303:
        [rating] = rated
        assert f"{result_of(store, rating).score:g}" == read
    else:  # refusing the rating, as the page changed under it, is safe too
        assert rated == []


# --- 2. Reviewer-controlled text: names, notes, reasons ------------------------------------


def test_a_reviewers_note_and_reason_are_text_on_other_reviewers_pages(store):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="bo"))
    bo = signed_in(store, secrets["bo"])
    assert rate_on_page(bo, "strong.md", {
        **BOTH_LEVELS, "note:judgement": "<b>bold</b>\"><img src=x> \u202eBO-NOTE"}
    ).status_code == 303
    ann = signed_in(store, secrets["ann"])
    assert rate_on_page(ann, "strong.md", BOTH_LEVELS).status_code == 303
    page = ann.get("/candidates/strong.md.html").text
    assert "&lt;b&gt;bold&lt;/b&gt;&#34;&gt;&lt;img src=x&gt; \ufffdBO-NOTE" in page
    assert "<img" not in page and "\u202e" not in page


def test_a_reviewer_name_with_a_bidi_override_is_shown_not_obeyed(store):
    store_path = str(store.path)
    cli_run("rate", str(SAMPLE), "strong.md", "judgement=2", "--reviewer", "bo\u202eevil",
            "--store", store_path)
    cli_run("decide", str(SAMPLE), "strong.md", "hold", "--by", "cy\u202eevil", "--reason",
            "later", "--store", store_path)
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    for page in [ann.get("/").text, ann.get("/candidates/strong.md.html").text]:
        assert "evil" in page
        assert "\u202e" not in page


def test_a_blind_reviewer_sees_notes_and_reasons_that_name_the_candidate_redacted(store):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="hana", role="hr", blind=True))
    ann = signed_in(store, secrets["ann"])
    assert rate_on_page(ann, "jane-doe.md", {
        **BOTH_LEVELS, "note:judgement": "Jane Doe (jane.doe@example.com, "
                                         "https://janedoe.dev) knows the risks"}
    ).status_code == 303
    token = form_of(ann.get("/candidates/jane-doe.md.html").text)
    assert post(ann, "/candidates/jane-doe.md.html/decide",
                {**token, "decision": "advance",
                 "reason": "Jane is the best; call Doe on +44 20 7946 0958"}).status_code == 303
    hana = signed_in(store, secrets["hana"])
    [alias] = [href for href, _ in cohort_links(hana.get("/").text)
               if "solo story" in hana.get(urljoin(HOST + "/", href)).text
               and "ALM-TEXT" in hana.get(urljoin(HOST + "/", href)).text]
    stem = alias.removeprefix("candidates/").removesuffix(".html")
    assert rate_on_page(hana, stem, BOTH_LEVELS).status_code == 303
    page = hana.get(f"/candidates/{stem}.html").text
    assert "knows the risks" in page and "is the best" in page
    for said in ["Jane", "Doe", "jane", "example.com", "janedoe", "7946"]:
        assert said not in page, said


# --- 3. Authentication ------------------------------------------------------------------------


@pytest.mark.parametrize("cookie", ["", "x", "secret-of-ann", "secret-of-ann-" + "x" * 30 + "y",
                                    "SECRET-OF-ANN-" + "X" * 30, "csrf", "hash"])
def test_a_forged_or_guessed_cookie_signs_no_one_in(store, cookie):
    secrets = team(store, Reviewer(name="ann"))
    forged = {"csrf": csrf_token(secrets["ann"]), "hash": secret_hash(secrets["ann"])}.get(
        cookie, cookie)
    client = client_for(store)
    client.cookies.set(COOKIE, forged)
    for path in ["/", "/candidates/strong.md.html"]:
        response = client.get(path)
        assert response.status_code == 401
        assert "strong.md" not in response.text and "Sign in to the review" in response.text
    refused = post(client, "/candidates/strong.md.html/rate",
                   {"csrf": csrf_token(forged), "level:judgement": "1"})
    assert refused.status_code == 403
    assert store.ratings("pricing-review") == []


def test_a_removed_reviewers_cookie_stops_working_at_once(store):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    token = form_of(ann.get("/candidates/strong.md.html").text)
    cli_run("reviewers", "remove", "ann", "--store", str(store.path))
    assert ann.get("/").status_code == 401
    assert ann.get("/candidates/strong.md.html").status_code == 401
    refused = post(ann, "/candidates/strong.md.html/rate", {**token, **BOTH_LEVELS})
    assert refused.status_code == 403
    assert store.ratings("pricing-review") == []


def test_a_reviewer_added_again_cannot_use_the_old_cookie_or_the_old_forms_token(store):
    secrets = team(store, Reviewer(name="ann"))
    old = signed_in(store, secrets["ann"])
    old_token = form_of(old.get("/").text)
    store.add_reviewer(Reviewer(name="ann", blind=True), secret_hash("the-new-secret-" + "y" * 30))
    assert old.get("/").status_code == 401
    new = signed_in(store, "the-new-secret-" + "y" * 30)
    [href, _] = cohort_links(new.get("/").text)[0]
    refused = post(new, urljoin(HOST + "/", href) + "/rate", {"csrf": old_token, **BOTH_LEVELS})
    assert refused.status_code == 403
    assert store.ratings("pricing-review") == []


def test_one_reviewers_link_and_token_never_rate_as_another(store):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="bo"))
    ann = signed_in(store, secrets["ann"])
    bo_token = csrf_token(secrets["bo"])
    refused = post(ann, "/candidates/strong.md.html/rate", {"csrf": bo_token, **BOTH_LEVELS})
    assert refused.status_code == 403
    assert rate_on_page(ann, "strong.md", BOTH_LEVELS).status_code == 303
    assert {r.reviewer for r in store.ratings("pricing-review")} == {"ann"}


def test_a_local_servers_link_is_the_only_one_that_signs_in(store):
    local = (Reviewer(name="ann"), "the-right-secret-" + "z" * 30)
    team(store, Reviewer(name="bo"))  # a team's link does not open a server for one
    client = client_for(store, local)
    for wrong in ["secret-of-bo-" + "x" * 30, "the-right-secret-" + "z" * 29,
                  "the-right-secret-" + "z" * 31, "%00", "the-right-secret-" + "Z" * 30]:
        assert client.get(f"/login/{wrong}", follow_redirects=False).status_code in (403, 404)
    assert client.cookies.get(COOKIE) is None


def test_the_cookie_is_http_only_same_site_and_secure_over_https(store):
    secrets = team(store, Reviewer(name="ann"))
    plain = client_for(store).get(f"/login/{secrets['ann']}", follow_redirects=False)
    cookie = plain.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    https = client_for(store, base_url="https://127.0.0.1:8765")
    assert "secure" in https.get(f"/login/{secrets['ann']}",
                                 follow_redirects=False).headers["set-cookie"].lower()


def test_the_pages_served_without_a_cookie_say_nothing_of_the_cohort(store):
    team(store, Reviewer(name="ann"))
    stranger = client_for(store)
    names = [r.submission_id for r in store.results("pricing-review")]
    for method, path in [("GET", "/"), ("GET", "/login"), ("GET", "/login/nope"),
                         ("GET", "/candidates/strong.md.html"),
                         ("GET", "/candidates/nobody.html"), ("GET", "/no/such/page"),
                         ("POST", "/candidates/strong.md.html/rate"), ("POST", "/sign-out")]:
        response = stranger.request(method, path)
        assert response.status_code in (200 if path == "/login" else 401, 403, 404, 405)
        for name in names:
            assert name not in response.text, (path, name)


# --- 4. Cross-site requests and origin ------------------------------------------------------


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8765.evil.example", "http://127.0.0.1:9999",
                                    "http://evil.example:8765", "http://127.0.0.1", "null",
                                    "http://evil.example/http://127.0.0.1:8765",
                                    "http://user@127.0.0.1:8765", "http://localhost:8765"])
def test_a_write_with_the_right_token_from_another_origin_is_refused(store, origin):
    secrets = team(store, Reviewer(name="ann"))
    refused = rate_on_page(signed_in(store, secrets["ann"]), "strong.md", BOTH_LEVELS, origin)
    assert refused.status_code == 403
    assert store.ratings("pricing-review") == []


@pytest.mark.parametrize("origin", [None, HOST, HOST + "/"])
def test_a_write_from_this_origin_or_with_no_origin_and_the_token_is_recorded(store, origin):
    secrets = team(store, Reviewer(name="ann"))
    saved = rate_on_page(signed_in(store, secrets["ann"]), "strong.md", BOTH_LEVELS, origin)
    assert saved.status_code == 303
    assert len(store.ratings("pricing-review")) == 2


@pytest.mark.parametrize("how", ["json", "text/plain", "query string", "a file"])
def test_a_write_in_another_shape_than_a_form_with_its_token_is_refused(store, how):
    """Bodies a cross-site page can send without asking first (text/plain), JSON, the token
    in the address instead of the body, a file in the form."""
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    token = form_of(ann.get("/candidates/strong.md.html").text)
    url = "/candidates/strong.md.html/rate"
    headers = {"Origin": HOST}
    if how == "json":
        response = ann.post(url, json={**token, **BOTH_LEVELS}, headers=headers)
    elif how == "text/plain":
        response = ann.post(url, content=f"csrf={token}&level:judgement=1",
                            headers=headers | {"Content-Type": "text/plain"})
    elif how == "query string":
        response = ann.post(f"{url}?csrf={token}&level:judgement=1", headers=headers)
    else:
        response = ann.post(url, data={**token, **BOTH_LEVELS}, headers=headers,
                            files={"note:judgement": ("x.txt", b"a file")})
    assert response.status_code in (400, 403)
    assert store.ratings("pricing-review") == []


@pytest.mark.parametrize("method, path", [("GET", "/candidates/strong.md.html/rate"),
                                          ("GET", "/candidates/strong.md.html/decide"),
                                          ("GET", "/sign-out"),
                                          ("PUT", "/candidates/strong.md.html/rate"),
                                          ("DELETE", "/candidates/strong.md.html/rate")])
def test_no_write_by_another_method_or_a_method_override(store, method, path):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    token = form_of(ann.get("/candidates/strong.md.html").text)
    query = f"?csrf={token}&level:judgement=1&decision=reject&reason=x&_method=POST"
    response = ann.request(method, path + query, headers={"X-HTTP-Method-Override": "POST"})
    assert response.status_code == 405
    assert store.ratings("pricing-review") == [] and store.decisions("pricing-review") == []
    assert ann.get("/").status_code == 200  # still signed in


def test_a_page_read_by_get_changes_no_rating_and_no_decision(store):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    for path in ["/", "/index.html", "/candidates/strong.md.html?saved=3&level:judgement=1",
                 "/candidates/strong.md.html?decision=reject"]:
        assert ann.get(path).status_code == 200
    assert store.ratings("pricing-review") == [] and store.decisions("pricing-review") == []


def test_the_saved_message_reflects_nothing_from_the_address(store):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    page = ann.get("/candidates/strong.md.html?saved=<b>INJECTED</b>").text
    assert "INJECTED" not in page


# --- 5. Blind review ----------------------------------------------------------------------------


def _blind_pages(store: ResultStore, secret: str) -> list[str]:
    """Every page a blind reviewer is sent: the cohort, each candidate's, a refused form's,
    and the page a save leads to."""
    hana = signed_in(store, secret)
    cohort = hana.get("/").text
    pages = [cohort]
    for href, _ in cohort_links(cohort):
        pages.append(hana.get(urljoin(HOST + "/", href)).text)
    [first, *_] = [href for href, _ in cohort_links(cohort)]
    stem = first.removeprefix("candidates/").removesuffix(".html")
    pages.append(rate_on_page(hana, stem, {"level:judgement": "9"}).text)
    pages.append(rate_on_page(hana, stem, {"level:no-such": "1"}).text)
    saved = rate_on_page(hana, stem, BOTH_LEVELS)
    pages += [saved.headers["location"], hana.get(saved.headers["location"]).text]
    return pages


def test_a_blind_reviewer_is_sent_no_candidates_file_name(store):
    secrets = team(store, Reviewer(name="hana", role="hr", blind=True))
    names = {r.submission_id for r in store.results("pricing-review")}
    for page in _blind_pages(store, secrets["hana"]):
        for name in names:
            assert name not in page, name
        # not "Jane": the refused zip's folder, "Jane Smith", is the path hole tested below
        # as words: the page may say "a sentence quoted above"
        for word in ["victim", "quote", "evil.md", "sp-ace", "jane", "Doe", "100-25"]:
            assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", page), word


def test_a_blind_reviewer_is_sent_no_submission_path(store):
    secrets = team(store, Reviewer(name="hana", role="hr", blind=True))
    sources = [r.submission_source for r in store.results("pricing-review")]
    for page in _blind_pages(store, secrets["hana"]):
        assert "Smith" not in page
        for source in sources:
            assert str(Path(source).parent) not in page


def test_a_blind_reviewer_is_not_shown_an_accented_name_from_the_file_name(store, tmp_path):
    sent = tmp_path / "José García.md"
    sent.write_text((EXAMPLES / "strong.md").read_text() + "\nMy own variant.\n")
    _grade(store.path, sent)
    secrets = team(store, Reviewer(name="hana", role="hr", blind=True))
    for page in _blind_pages(store, secrets["hana"]):
        assert "García" not in page and "José" not in page


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_blind_reviewer_cannot_tell_a_real_name_from_a_made_up_one_by_its_address(
        store, method):
    """No oracle: /candidates/REALNAME.html answers as /candidates/MADEUP.html does."""
    secrets = team(store, Reviewer(name="hana", role="hr", blind=True))
    hana = signed_in(store, secrets["hana"])
    token = form_of(hana.get("/").text)
    answers = []
    for stem in ["strong.md", "nobody-at-all.md", "jane-doe.md", "Jane-Doe.md"]:
        path = f"/candidates/{stem}.html" + ("/rate" if method == "POST" else "")
        response = hana.request(method, path, headers={"Origin": HOST},
                                data={**token, **BOTH_LEVELS} if method == "POST" else None)
        answers.append((response.status_code, response.text, response.headers.get("location")))
    assert answers[0][0] == 404 and len(set(answers)) == 1
    assert store.ratings("pricing-review") == []


def test_a_sighted_reviewer_cannot_reach_a_candidate_by_alias_nor_a_blind_one_by_name(store):
    secrets = team(store, Reviewer(name="ann"), Reviewer(name="hana", blind=True))
    alias = cohort_links(signed_in(store, secrets["hana"]).get("/").text)[0][0]
    assert signed_in(store, secrets["ann"]).get(urljoin(HOST + "/", alias)).status_code == 404
    assert signed_in(store, secrets["hana"]).get("/candidates/strong.md.html").status_code == 404


def test_the_blind_cohort_is_not_in_the_order_of_the_names(store):
    """Candidates with the same score (the variants of the strong sample) are ordered by
    alias, not by the names behind them."""
    secrets = team(store, Reviewer(name="hana", blind=True), Reviewer(name="ann"))
    blind = [shown for _, shown in cohort_links(signed_in(store, secrets["hana"]).get("/").text)]
    top = [b for b in blind if b.startswith("Candidate")][: len(HOSTILE_NAMES)]
    assert top == sorted(top)


# --- 6. Others' ratings stay hidden until a reviewer has rated -------------------------------


def _two_reviewers_disagree_on_strong(store: ResultStore) -> None:
    for who, level in [("bo", "1"), ("cy", "4")]:
        cli_run("rate", str(SAMPLE), "strong.md", f"judgement={level}",
                f"executive-writing={level}", "--note", f"judgement=NOTE-OF-{who.upper()}",
                "--reviewer", who, "--store", str(store.path))


def test_the_cohort_page_shows_no_other_reviewers_level_before_rating(store):
    _two_reviewers_disagree_on_strong(store)
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    assert rate_on_page(ann, "off-topic.md", BOTH_LEVELS).status_code == 303  # rates another
    cohort = ann.get("/").text
    row = re.search(r'href="candidates/strong.md.html">.*?</tr>', cohort, re.S).group(0)
    cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row)
    assert cells[-2:] == ["-", "-"]  # judgement and executive-writing: not rated by ann
    assert cells[1] == "-"  # no full score
    assert "NOTE-OF" not in cohort
    assert "strong.md</td>" not in cohort  # not among the disagreements


def test_the_candidate_page_shows_no_other_reviewers_level_or_note_before_rating(store):
    _two_reviewers_disagree_on_strong(store)
    secrets = team(store, Reviewer(name="ann"))
    page = signed_in(store, secrets["ann"]).get("/candidates/strong.md.html").text
    assert "NOTE-OF" not in page
    assert not re.search(r'class="untrusted">(bo|cy)</span>: level', page)
    assert "hidden until you have rated each criterion" in page


def test_the_report_for_a_reviewer_hides_the_same_ratings_as_the_server(store, tmp_path):
    _two_reviewers_disagree_on_strong(store)
    cli_run("rate", str(SAMPLE), "off-topic.md", "judgement=2", "executive-writing=2",
            "--reviewer", "ann", "--store", str(store.path))
    out = tmp_path / "report"
    cli_run("report", str(SAMPLE), "--reviewer", "ann", "--format", "html", "--out", str(out),
            "--store", str(store.path))
    written = "\n".join(p.read_text() for p in out.rglob("*.html"))
    assert "NOTE-OF" not in written
    assert "strong.md</td>" not in written


def test_another_reviewers_decision_reason_stays_hidden_until_the_reviewer_has_rated(store):
    cli_run("decide", str(SAMPLE), "strong.md", "reject", "--by", "bo", "--reason",
            "REASON-OF-BO: weak judgement, I gave it 1", "--store", str(store.path))
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    assert "REASON-OF-BO" not in ann.get("/candidates/strong.md.html").text
    assert rate_on_page(ann, "strong.md", BOTH_LEVELS).status_code == 303
    assert "REASON-OF-BO" in ann.get("/candidates/strong.md.html").text


# --- 7. Denial of service -------------------------------------------------------------------


def test_a_form_longer_than_its_limit_by_its_length_header_is_refused(store):
    secrets = team(store, Reviewer(name="ann"))
    refused = rate_on_page(signed_in(store, secrets["ann"]), "strong.md",
                           {**BOTH_LEVELS, "note:judgement": "a" * (70 * 1024)})
    assert refused.status_code in (400, 403, 413)
    assert store.ratings("pricing-review") == []


def test_a_chunked_form_longer_than_its_limit_is_refused(store):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    token = form_of(ann.get("/candidates/strong.md.html").text)

    def body():
        yield f"csrf={token}&level:judgement=2&level:executive-writing=2".encode()
        for _ in range(20):  # 1.2 MB in all, no field over 64 KiB
            yield b"&note:judgement=" + b"a" * 60_000

    response = ann.post("/candidates/strong.md.html/rate", content=body(),
                        headers={"Origin": HOST,
                                 "Content-Type": "application/x-www-form-urlencoded"},
                        follow_redirects=False)
    assert response.status_code in (400, 403, 413)
    assert store.ratings("pricing-review") == []


@pytest.mark.parametrize("fields", [
    [("level:judgement", "1")] * 501,
    [(f"level:c{n}", "1") for n in range(600)],
    [("note:judgement", "b" * 70_000)],
])
def test_too_many_fields_or_a_field_too_long_in_a_chunked_form_is_refused(store, fields):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    token = form_of(ann.get("/candidates/strong.md.html").text)

    def body():
        yield f"csrf={token}".encode()
        for name, value in fields:
            yield f"&{name}={value}".encode()

    response = ann.post("/candidates/strong.md.html/rate", content=body(),
                        headers={"Origin": HOST,
                                 "Content-Type": "application/x-www-form-urlencoded"},
                        follow_redirects=False)
    assert response.status_code in (400, 403, 413)
    assert store.ratings("pricing-review") == []


def test_a_level_repeated_for_every_field_allowed_records_one_rating_a_criterion(store):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    hidden = form_of(ann.get("/candidates/strong.md.html").text)
    fields = list(hidden.items()) + [("level:judgement", str(1 + n % 4)) for n in range(240)] + \
        [("level:executive-writing", "2")] * 240
    body = "&".join(f"{k}={v}" for k, v in fields)
    saved = ann.post("/candidates/strong.md.html/rate", content=body,
                     headers={"Origin": HOST,
                              "Content-Type": "application/x-www-form-urlencoded"},
                     follow_redirects=False)
    assert saved.status_code == 303
    assert sorted(r.criterion for r in store.ratings("pricing-review")) == \
        ["executive-writing", "judgement"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example",
                                  "localhost.evil.example:8765"])
def test_a_request_naming_another_host_is_refused_even_signed_in(store, host):
    secrets = team(store, Reviewer(name="ann"))
    ann = signed_in(store, secrets["ann"])
    assert ann.get("/", headers={"Host": host}).status_code == 400


# --- The hostile cohort in a real browser ---------------------------------------------------


@pytest.mark.browser
def test_in_chromium_hostile_names_lead_to_their_own_pages_and_nothing_runs(store, tmp_path,
                                                                          chromium):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}"
    worksample = [sys.executable, "-m", "worksample"]
    added = subprocess.run([*worksample, "reviewers", "add", "ann", "--role", "hiring-manager",
                            "--url", address, "--store", str(store.path)],
                           capture_output=True, text=True, check=True)
    link = re.search(r"(http://\S+/login/\S+)", added.stdout).group(1)
    server = subprocess.Popen([*worksample, "--assignments-dir", str(ROOT / "assignments"),
                               "review", "pricing-review", "--store", str(store.path),
                               "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        page = chromium.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        for _ in range(150):
            try:
                page.goto(link)
                break
            except Exception:
                page.wait_for_timeout(200)
        assert page.url == f"{address}/"
        links = page.locator("#ranking-table a.untrusted")
        shown = [links.nth(n).inner_text() for n in range(links.count())]
        assert len(shown) == len(HOSTILE_NAMES) + 4
        for name in shown:
            page.goto(f"{address}/")
            page.get_by_role("link", name=name, exact=True).click()
            assert page.locator("h1 bdi").inner_text() == name
            if name == "jane-doe.md":
                assert page.locator("img").count() == 0
                assert page.locator("form").count() == 3
            if page.locator("#rating-form").count():
                page.check("input[name='level:judgement'][value='2']")
                page.click("#rating-form button[type=submit]")
                assert page.locator(".message").inner_text() == "1 rating(s) saved."
                assert page.locator("h1 bdi").inner_text() == name
        assert dialogs == []
        assert all(url.startswith(address) for url in requests)
        rated = {result_of(store, r).submission_id for r in store.ratings("pricing-review")}
        assert rated == set(shown) - {"submission-4714"}
    finally:
        server.terminate()
        server.wait(timeout=10)
