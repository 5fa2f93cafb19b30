"""Agreement between reviewers: Krippendorff's alpha checked against values computed by hand
and against Krippendorff's published worked example; two-level disagreements; reviewer means;
the ``worksample agreement`` command, blind included."""

import json

import pytest

from worksample.agreement import agreement, alpha
from worksample.ratings import Rating

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
# Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43), section C,
# "nominal data, any number of observers, missing data": 4 observers x 12 units, values 1-5,
# None where an observer gave no value. Unit 12 has one value only and pairs with nothing.
PUBLISHED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],   # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],         # observer B
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],      # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],         # observer D
]
# The alphas the paper gives for these data, to three decimals.
PUBLISHED_ALPHAS = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849}


def units_of(observers):
    return [[value for value in unit if value is not None] for unit in zip(*observers, strict=True)]


@pytest.mark.parametrize("metric, published", PUBLISHED_ALPHAS.items())
def test_alpha_matches_krippendorffs_published_example(metric, published):
    assert round(alpha(units_of(PUBLISHED), metric), 3) == published


def test_alpha_computed_by_hand():
    # Two raters, three units: (1, 2), (3, 3), (2, 4). Each pair weighs 1/(m-1) = 1, so
    # o_12 = o_21 = o_24 = o_42 = 1, o_33 = 2; n_1 = 1, n_2 = 2, n_3 = 2, n_4 = 1, n = 6.
    # Ordinal d_ck = (n_c/2 + values between + n_k/2)^2: d_12 = 1.5^2 = 2.25,
    # d_13 = 3.5^2 = 12.25, d_14 = 5^2 = 25, d_23 = 2^2 = 4, d_24 = 3.5^2 = 12.25,
    # d_34 = 1.5^2 = 2.25. Observed: 2 * 2.25 + 2 * 12.25 = 29. Expected (both orders):
    # 2 * (2*2.25 + 2*12.25 + 1*25 + 4*4 + 2*12.25 + 2*2.25) = 198.
    # alpha = 1 - (n - 1) * 29 / 198 = 53/198.
    units = [[1, 2], [3, 3], [2, 4]]
    assert alpha(units) == pytest.approx(53 / 198)
    # Nominal: observed = 4 mismatched pairs; expected = n^2 - sum(n_c^2) = 36 - 10 = 26.
    assert alpha(units, "nominal") == pytest.approx(1 - 5 * 4 / 26)
    # Interval: observed 2*1 + 2*4 = 10; expected sum n_c n_k (c-k)^2 = 2 * (2*1 + 2*4 + 1*9
    # + 4*1 + 2*4 + 2*1) = 66.
    assert alpha(units, "interval") == pytest.approx(1 - 5 * 10 / 66)


def test_alpha_with_three_raters_and_a_missing_rating_by_hand():
    # Units (1, 1, 2) and (3, 4): unit 1 weighs its 6 ordered pairs 1/2 each: o_11 = 1,
    # o_12 = o_21 = 1; unit 2: o_34 = o_43 = 1. n_1 = 2, n_2 = 1, n_3 = 1, n_4 = 1, n = 5.
    # Nominal: observed 4, expected 25 - (4 + 1 + 1 + 1) = 18: alpha = 1 - 4 * 4 / 18.
    assert alpha([[1, 1, 2], [3, 4]], "nominal") == pytest.approx(1 / 9)


@pytest.mark.parametrize("units", [[], [[3]], [[2], [4]], [[3, 3], [3, 3, 3]]])
def test_alpha_is_undefined_without_pairs_or_without_variation(units):
    assert alpha(units) is None


def test_perfect_agreement_is_1():
    assert alpha([[1, 1], [2, 2, 2], [4, 4]]) == pytest.approx(1.0)


def rating(candidate, reviewer, level, criterion="design", override=False):
    return Rating(assignment_id="count", submission_id=candidate, submission_key="k" + candidate,
                  criterion=criterion, reviewer=reviewer, level=level, override=override,
                  reason="r" if override else "")


def test_agreement_uses_ratings_in_force_lists_two_level_gaps_and_reviewer_means():
    ratings = [
        rating("a", "ann", 4),  # superseded by ann's later 1
        rating("a", "ann", 1), rating("a", "bo", 3), rating("a", "cy", 2),
        rating("b", "ann", 2), rating("b", "bo", 4),
        rating("c", "ann", 3),  # one reviewer: no pair
        rating("a", "ann", 2, "accuracy", override=True),  # an override by one reviewer only
    ]
    made = agreement("count", ratings)
    (design,) = made.criteria
    assert (design.criterion, design.candidates, design.ratings, design.reviewers) == \
        ("design", 2, 5, 3)
    assert design.alpha == round(alpha([[1, 3, 2], [2, 4]]), 3)
    assert [(d.candidate, d.levels, d.spread) for d in made.disagreements] == [
        ("a", {"ann": 1, "bo": 3, "cy": 2}, 2), ("b", {"ann": 2, "bo": 4}, 2)]
    leans = {lean.reviewer: lean for lean in made.reviewers}
    # ann: 1 on a (others 3, 2: mean 2.5), 2 on b (others 4): mean 1.5 against 3.25
    assert (leans["ann"].mean, leans["ann"].others, leans["ann"].difference) == (1.5, 3.25, -1.75)
    # bo: 3 on a (others 1, 2: 1.5), 4 on b (others 2): 3.5 against 1.75
    assert (leans["bo"].mean, leans["bo"].others) == (3.5, 1.75)
    assert (leans["cy"].ratings, leans["cy"].mean, leans["cy"].others) == (1, 2.0, 2.0)
    assert made.enough


def test_overrides_by_several_reviewers_are_a_variable_of_their_own():
    made = agreement("count", [rating("a", "ann", 2, "accuracy", True),
                               rating("a", "bo", 4, "accuracy", True),
                               rating("a", "ann", 2), rating("a", "bo", 2)])
    assert [(c.criterion, c.override) for c in made.criteria] == [("accuracy", True),
                                                                  ("design", False)]
    assert [(d.criterion, d.override) for d in made.disagreements] == [("accuracy", True)]


def test_too_few_ratings_say_so():
    made = agreement("count", [rating("a", "ann", 2), rating("b", "bo", 3)])
    assert not made.enough
    assert made.criteria[0].alpha is None and "too few" in made.criteria[0].why
    assert made.disagreements == [] and made.reviewers == []
    assert agreement("count", []).criteria == []
    assert json.loads(agreement("count", []).model_dump_json())["enough"] is False


# --- The command, the cohort report and blind review ------------------------------------------

NAMES = ("jolene-vasquez", "bram-okafor", "zora-quill")
# what must never appear in blind output: the submission ids and the words of each name
IDENTIFYING = (*NAMES, "jolene", "vasquez", "bram", "okafor", "zora", "quill")
LEVELS = {  # candidate -> reviewer -> (design, teamwork)
    "jolene-vasquez": {"ann": (1, 2), "bo": (3, 2), "cy": (2, 2)},
    "bram-okafor": {"ann": (3, 1), "bo": (4, 3), "cy": (4, 3)},
    "zora-quill": {"ann": (2, 4), "bo": (2, 4), "cy": (None, 3)},
}


@pytest.fixture
def rated(tmp_path, registry, register_plugin, monkeypatch):
    """Three named candidates graded (type 'count') and rated by ann, bo and cy; the store."""
    from conftest_paths import write_assignment
    from test_ratings import CRITERIA
    from test_store_and_batch import CountingPlugin, run

    import worksample.plugins as plugins_module
    from worksample.assignments import load
    from worksample.ratings import checked_rating, latest_results
    from worksample.store import ResultStore

    register_plugin(CountingPlugin(), "count")
    monkeypatch.setattr(plugins_module, "_registry", registry)
    assignment = load(write_assignment(tmp_path / "count", "count", {}, CRITERIA), registry)
    sources = []
    for index, name in enumerate(NAMES):
        folder = tmp_path / "submissions" / name
        folder.mkdir(parents=True)
        (folder / "answer.txt").write_text(str(0.25 * (index + 1)))
        sources.append(folder)
    store = ResultStore(tmp_path / "store.sqlite")
    run(assignment, sources, tmp_path, registry, store)
    latest = latest_results(store.results())
    store.add_ratings([
        checked_rating(latest[("count", name)], criterion=criterion, level=level, reviewer=who)
        for name, by in LEVELS.items() for who, levels in by.items()
        for criterion, level in zip(("design", "teamwork"), levels, strict=True) if level])
    yield assignment, store
    store.close()


def cli(store, *arguments):
    from click.testing import CliRunner

    from worksample.cli import cli as worksample

    return CliRunner().invoke(worksample, [*arguments, "--store", str(store.path)])


def expected_design_alpha():
    return round(alpha([[1, 3, 2], [3, 4, 4], [2, 2]]), 3)


def test_the_agreement_command_prints_tables_and_json(rated):
    _, store = rated
    shown = cli(store, "agreement", "count")
    assert shown.exit_code == 0, shown.output
    lines = [" ".join(line.split()) for line in shown.output.splitlines()]
    assert f"design {expected_design_alpha():.3f} 3 8 3 unreliable" in lines
    assert "jolene-vasquez design ann 1, bo 3, cy 2 2" in lines
    assert "bram-okafor teamwork ann 1, bo 3, cy 3 2" in lines
    # ann: 1, 3, 2 (design) and 2, 1, 4 (teamwork) against the others' 2.5, 4, 2, 2, 3, 3.5
    assert "ann 6 2.17 2.83 -0.67 harsher" in lines
    assert "bo 6 3.00 2.42 +0.58 more lenient" in lines
    data = json.loads(cli(store, "agreement", "count", "--json").output)
    design = next(c for c in data["criteria"] if c["criterion"] == "design")
    assert design["alpha"] == expected_design_alpha() and data["enough"]
    assert [d["candidate"] for d in data["disagreements"]] == ["bram-okafor", "jolene-vasquez"]


def test_too_few_ratings_are_said_without_a_crash(tmp_path):
    from worksample.ratings import Rating as Given
    from worksample.store import ResultStore

    store = ResultStore(tmp_path / "empty.sqlite")
    none = cli(store, "agreement", "count")
    assert none.exit_code == 0 and "no ratings yet" in none.output
    store.add_ratings([Given(assignment_id="count", submission_id="a", submission_key="k",
                             criterion="design", reviewer="ann", level=3)])
    few = cli(store, "agreement", "count")
    assert few.exit_code == 0 and "Too few ratings" in few.output
    assert json.loads(cli(store, "agreement", "count", "--json").output)["enough"] is False
    store.close()


def blind_aliases_of(store):
    from worksample.cli.common import blind_names

    return {submission_id: alias for (submission_id, _), alias in
            blind_names(store, "count").items()}


def test_agreement_blind_names_candidates_by_their_aliases_only(rated):
    _, store = rated
    aliases = blind_aliases_of(store)
    for arguments in (["--blind"], ["--blind", "--json"]):
        shown = cli(store, "agreement", "count", *arguments)
        assert shown.exit_code == 0, shown.output
        assert aliases["jolene-vasquez"] in shown.output and aliases["bram-okafor"] in shown.output
        assert not [word for word in IDENTIFYING if word in shown.output.lower()]


def report_files(tmp_path, assignment, store, *options):
    out = tmp_path / "report" / "-".join(options or ("all",))
    made = cli(store, "report", str(assignment.root), "--out", str(out), *options)
    assert made.exit_code == 0, made.output
    return out


def test_the_cohort_report_shows_agreement(tmp_path, rated):
    assignment, store = rated
    out = report_files(tmp_path, assignment, store)
    markdown = (out / "index.md").read_text()
    assert "## Agreement between reviewers" in markdown
    assert f"| design | {expected_design_alpha():.3f} | 3 | 8 | 3 |" in markdown
    assert "| jolene-vasquez | design | ann 1, bo 3, cy 2 | 2 |" in markdown
    html = (out / "index.html").read_text()
    assert 'id="agreement-table"' in html and 'id="reviewer-means"' in html
    index = json.loads((out / "index.json").read_text())["index"]["agreement"]
    assert index["criteria"][0]["alpha"] == expected_design_alpha()
    # a report for a reviewer uses only the ratings it shows them: dee has rated nothing
    for_dee = report_files(tmp_path, assignment, store, "--reviewer", "dee")
    assert "Agreement between reviewers" not in (for_dee / "index.md").read_text()


def test_blind_rating_by_alias_and_a_blind_report_never_name_the_candidate(tmp_path, rated):
    assignment, store = rated
    aliases = blind_aliases_of(store)
    alias = aliases["zora-quill"]
    out = report_files(tmp_path, assignment, store, "--blind")
    assert alias in (out / "index.md").read_text()

    for given in (alias, alias.split()[-1], alias.lower().replace(" ", "-")):
        rated_blind = cli(store, "rate", "count", given, "--blind", "--reviewer", "cy",
                          "design=4")
        assert rated_blind.exit_code == 0, rated_blind.output
        assert alias in rated_blind.output and "zora" not in rated_blind.output.lower()
    in_force = [r for r in store.ratings("count") if r.reviewer == "cy"
                and r.criterion == "design" and r.submission_id == "zora-quill"]
    assert [r.level for r in in_force] == [4]  # recorded once, against the aliased submission

    for arguments, message in ((["speed=3"], f"count/{alias} has no criterion 'speed'"),
                               (["design=3"], "no candidate of 'count' has the alias")):
        target = alias if "speed=3" in arguments else "Candidate ZZZZZ"
        refused = cli(store, "rate", "count", target, "--blind", "--reviewer", "cy", *arguments)
        assert refused.exit_code == 2 and message in refused.output
        assert "zora" not in refused.output.lower()

    out = report_files(tmp_path, assignment, store, "--blind")
    texts = [path.read_text() for path in out.rglob("*") if path.suffix in (".md", ".html",
                                                                          ".json")]
    assert texts and not [w for text in texts for w in IDENTIFYING if w in text.lower()]
    markdown = (out / "index.md").read_text()
    assert f"| {aliases['jolene-vasquez']} | design | ann 1, bo 3, cy 2 | 2 |" in markdown
