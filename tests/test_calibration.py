"""Agreement between an expert's ranking and the scores: Kendall's tau-b and ``min_tau``."""

import pytest
from conftest_paths import EMAIL_EXAMPLES, EMAIL_SAMPLE

from worksample.assignments import load
from worksample.calibration import calibrate, kendall_tau


@pytest.mark.parametrize(("places", "scores", "tau"), [
    ([1, 2, 3, 4], [40, 30, 20, 10], 1.0),
    ([1, 2, 3, 4], [10, 20, 30, 40], -1.0),
    ([1, 2, 3, 4], [40, 20, 30, 10], 4 / 6),  # one pair swapped of six
    ([1, 2, 2, 3], [10, 8, 9, 5], 5 / 30 ** 0.5),  # a tie in the ranking: tau-b
    ([1, 2, 3, 4], [10, 10, 5, 5], 4 / 24 ** 0.5),  # ties in the scores
])
def test_kendall_tau_b(places, scores, tau):
    assert kendall_tau(places, scores) == pytest.approx(tau)


def test_kendall_tau_is_undefined_when_one_side_is_all_ties():
    assert kendall_tau([1, 2, 3], [50, 50, 50]) is None


@pytest.mark.parametrize(("min_tau", "ok"), [(None, False), (0.6, True), (0.8, False)])
def test_min_tau_lets_a_pool_differ_on_close_calls(tmp_path, registry, min_tau, ok):
    """adequate scores above rude; ranking them the other way is one pair out of six."""
    ranking = tmp_path / "ranking.yaml"
    entries = [EMAIL_EXAMPLES / name for name in ("excellent", "rude", "adequate.md",
                                                   "empty.txt")]
    ranking.write_text(f"ranking: [{', '.join(map(str, entries))}]\n"
                       + (f"min_tau: {min_tau}\n" if min_tau is not None else ""))
    (tmp_path / "work").mkdir()
    calibration = calibrate(load(EMAIL_SAMPLE, registry), ranking, tmp_path / "work", registry)
    assert calibration.tau == pytest.approx(4 / 6)
    assert calibration.ok is ok
    assert calibration.disagreements == [
        f"{entries[1]} ({calibration.results[1][2].score:g}) should score above {entries[2]} "
        f"({calibration.results[2][2].score:g})"]
    if min_tau == 0.8:
        assert calibration.problems == ["Kendall's tau 0.67 is below the file's min_tau 0.8"]


@pytest.mark.parametrize(("min_tau", "exit_code", "verdict"), [
    (0.6, 0, "ok   the scores agree with this order (tau at least 0.6)"),
    (0.8, 1, "FAIL ranking: Kendall's tau 0.67 is below the file's min_tau 0.8"),
])
def test_validate_shows_tau_and_judges_by_min_tau(tmp_path, min_tau, exit_code, verdict):
    from click.testing import CliRunner

    from worksample.cli import cli

    ranking = tmp_path / "ranking.yaml"
    entries = [EMAIL_EXAMPLES / name for name in ("excellent", "rude", "adequate.md",
                                                   "empty.txt")]
    ranking.write_text(f"ranking: [{', '.join(map(str, entries))}]\nmin_tau: {min_tau}\n")
    result = CliRunner().invoke(cli, ["validate", str(EMAIL_SAMPLE), "--ranking", str(ranking)])
    assert result.exit_code == exit_code, result.output
    assert "Kendall's tau between the order and the scores: 0.67" in result.output
    assert verdict in result.output
    assert f"out of order: {entries[1]}" in result.output
