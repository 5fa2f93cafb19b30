"""Every sentence of the red teams' corpus against the reading of negating phrases by their
core is read as the red team reads it, except the known misses, which must still be misread
(strict xfail). See tests/corpora/negated_phrases.yaml."""

from pathlib import Path

import pytest
import yaml

from worksample.prose.matching import PhraseSet
from worksample.prose.text import sentences

CORPUS = yaml.safe_load((Path(__file__).resolve().parent / "corpora" / "negated_phrases.yaml")
                        .read_text(encoding="utf-8"))
NEGATION = PhraseSet(["not", "no", "never"])


def says_a_phrase(phrases: list[str], text: str) -> bool:
    """Whether a match of ``phrases`` that the sentence does not deny is found in ``text``."""
    return any(not match.negated for match in PhraseSet(phrases).find_all(
        sentences(text), negation=NEGATION, scoped=True))


@pytest.mark.parametrize("item", [
    pytest.param(item, marks=pytest.mark.xfail(strict=True, reason="a known miss"))
    if item["text"] in CORPUS["known_misses"] else item for item in CORPUS["sentences"]])
def test_the_sentence_is_read_as_the_red_team_reads_it(item):
    assert says_a_phrase(item["phrases"], item["text"]) == item["says"]


def test_every_known_miss_is_a_sentence_of_the_corpus():
    texts = {item["text"] for item in CORPUS["sentences"]}
    assert set(CORPUS["known_misses"]) <= texts
