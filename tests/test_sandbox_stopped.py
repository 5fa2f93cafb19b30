"""The stopped containers a runner keeps for later runs: by configuration, and not too many."""

from worksample.sandbox.stopped import StoppedContainers


def test_a_kept_container_is_given_once_and_only_for_its_own_configuration():
    kept = StoppedContainers(most=4)
    assert kept.keep("512 MB", "container a")
    assert kept.take("256 MB") is None
    assert kept.take("512 MB") == "container a"
    assert kept.take("512 MB") is None


def test_no_more_than_the_most_are_kept_and_all_can_be_taken_at_once():
    kept = StoppedContainers(most=2)
    assert kept.keep("x", "a") and kept.keep("y", "b")
    assert not kept.keep("x", "c")  # full: the caller removes it
    assert sorted(kept.take_all()) == ["a", "b"]
    assert kept.take("x") is None and kept.take_all() == []
    assert kept.keep("x", "c")
