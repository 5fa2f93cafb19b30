"""The steps the text plugins share: the per-version cache, the grading loop over parts and
criteria, own sentences, hidden text and the section base model."""

from __future__ import annotations

import pickle
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

import pytest
from pydantic import Field, ValidationError

from worksample.prose import cache
from worksample.prose.evidence import Finding
from worksample.prose.hidden import hidden_text_flag, without_stray_hidden
from worksample.prose.markup import Visible
from worksample.prose.own_text import OwnText, source_sentences
from worksample.prose.rubric import AssignmentFile, ScoredSection
from worksample.prose.scoring import GradedPart, criterion_outcomes, part_checks
from worksample.prose.text import sentences

SCORING = {"accuracy": {"facts": 1.0}, "tone": {"empathy": 2.0, "blame": 1.0}}


BUILT: list[str] = []


@cache.cached_per_version
def prepare(assignment):
    """Builds a new object each time it runs, slowly enough for threads to race."""
    BUILT.append(assignment.version)
    time.sleep(0.05)
    return object()


def test_the_cache_builds_once_per_version_across_threads_and_pickles_by_reference():
    first = SimpleNamespace(root=Path("/a"), version="v1")
    threads = [threading.Thread(target=prepare, args=(first,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert BUILT == ["v1"]
    assert prepare(SimpleNamespace(root=Path("/a"), version="v1")) is prepare(first)
    prepare(SimpleNamespace(root=Path("/a"), version="v2"))
    assert BUILT == ["v1", "v2"]
    assert pickle.loads(pickle.dumps(prepare)) is prepare


def test_a_criterion_is_the_weighted_mean_of_its_parts_with_each_parts_evidence():
    good = GradedPart([Finding("facts", "price", "states the price", 1.0, "“It is $9.”"),
                       Finding("empathy", "empathy", "is kind", 0.0, "not found")],
                      name="first", weight=3, shortfall_feedback="Reply to first: did not meet")
    zero = GradedPart([Finding("facts", "price", "states the price", 1.0, "“$9”",
                               specifics={"stated": "$9"})],
                      name="second", zero_because="the reply says nothing",
                      zero_feedback="Reply to second: scores 0.",
                      zero_specifics={"weakest": "second"})
    outcomes = criterion_outcomes([good, zero], SCORING)
    assert outcomes["accuracy"].fraction == 0.75
    assert outcomes["accuracy"].evidence == [
        "first · ✓ states the price: “It is $9.”",
        "second · ✗ scores 0: the reply says nothing",
        "second · ✓ states the price: “$9”"]
    assert outcomes["accuracy"].feedback == ["Reply to second: scores 0."]
    assert outcomes["accuracy"].specifics == {"weakest": "second", "stated": "$9"}
    assert outcomes["tone"].fraction == 0  # no blame finding: the kind is not counted
    assert outcomes["tone"].feedback == ["Reply to first: did not meet “is kind”.",
                                         "Reply to second: scores 0."]


def test_a_contradiction_costs_the_same_in_a_part_that_earned_little_and_no_criterion_is_below_0():
    def part(price: float, costs: float) -> GradedPart:
        return GradedPart([Finding("facts", "price", "states the price", price, "…"),
                           Finding("facts", "term", "states the term", 0.0, "…",
                                   costs=costs)])

    def accuracy(*parts: GradedPart) -> float:
        return criterion_outcomes(list(parts), SCORING)["accuracy"].fraction

    full = part(1.0, 0.0)
    # the same contradiction (half the criterion) in a part that earned half, and in one that
    # earned nothing: each takes a further half of its part away from the submission
    assert accuracy(full, part(1.0, 0.5)) == accuracy(full, part(1.0, 0.0)) - 0.25
    assert accuracy(full, part(0.0, 0.5)) == accuracy(full, part(0.0, 0.0)) - 0.25
    assert accuracy(part(0.0, 0.5), part(0.0, 0.5)) == 0  # the whole is at least 0


def test_checks_of_a_named_part_are_under_its_name_with_their_criterion():
    findings = [Finding("facts", "price", "states the price", 1.0, "ok"),
                Finding("blame", "blame", "no blame", 0.0, "“your fault”", review="unsure")]
    unnamed = part_checks(GradedPart(findings), SCORING)
    assert [(c.id, c.outcome, c.criterion) for c in unnamed] == [
        ("facts/price", "passed", "accuracy"), ("blame", "skipped", "tone")]
    assert [c.id for c in part_checks(GradedPart(findings, name="late"), SCORING)] == [
        "late/facts/price", "late/blame"]


def test_own_text_leaves_out_copied_passages_and_says_why_it_says_nothing():
    given = "Your plan renews on the first of every month. Thanks, Ana"
    text = OwnText(sentences("Your plan renews on the first of every month. Ok."),
                   source_sentences(given), min_function_word_share=0.25,
                   min_words_to_judge=20)
    assert [s.text for s in text.own_sentences] == ["Ok."]
    assert text.no_sentence(3) == ("has no sentence of 3 words or more of its own "
                                   "(1 sentences repeat the source)")
    keywords = OwnText(sentences("refund invoice charge plan " * 6), frozenset(),
                       min_function_word_share=0.25, min_words_to_judge=20)
    assert keywords.keyword_list
    assert keywords.reads_as_keywords().startswith("reads as a list of keywords (0% small")


def test_a_few_hidden_words_are_noise_and_many_are_flagged_with_the_first_25():
    assert without_stray_hidden(Visible("hi", "a b c", "white text")) == Visible("hi")
    many = Visible("hi", " ".join(f"w{i}" for i in range(30)), "display: none")
    assert without_stray_hidden(many) is many
    flag = hidden_text_flag("answer.md", many.hidden, many.hidden_by)
    assert flag.kind == "hidden-text"
    assert flag.evidence.startswith("answer.md: 30 words a reader would not see "
                                    "(display: none); not graded: “w0 w1")
    assert flag.evidence.endswith("w24 …”")


def test_hidden_words_are_quoted_within_a_few_hundred_characters_however_long_one_is():
    flag = hidden_text_flag("answer.md", "churn " + "y" * 4_000_000 + " fell", "hidden")
    assert flag.evidence.startswith("answer.md: 3 words a reader would not see (hidden); "
                                    "not graded: “churn yyy")
    assert len(flag.evidence) < 400 and flag.evidence.endswith("y…”")


def test_a_flags_evidence_is_cut_whatever_plugin_made_it():
    from worksample.models import IntegrityFlag

    flag = IntegrityFlag(kind="copied", evidence="quote " * 100_000)
    assert len(flag.evidence) == IntegrityFlag.MAX_EVIDENCE and flag.evidence.endswith("…")


class Section(ScoredSection):
    """A section with a file and a scoring map."""

    brief: AssignmentFile
    scoring: dict[str, dict[Literal["facts", "empathy", "blame"], float]] = Field()


def test_a_scored_section_checks_its_files_and_its_scoring_and_reads_it(tmp_path):
    (tmp_path / "brief.md").write_text("The brief.")
    rubric = [SimpleNamespace(id=cid, source="auto") for cid in SCORING]
    context = {"root": tmp_path, "rubric": rubric}
    section = Section.model_validate({"brief": "brief.md", "scoring": SCORING}, context=context)
    assert section.criterion_of("blame") == "tone" and section.criterion_of("name") is None
    with pytest.raises(ValidationError, match="'nope.md' does not exist in the assignment"):
        Section.model_validate({"brief": "nope.md", "scoring": SCORING}, context=context)
    with pytest.raises(ValidationError, match="exactly the rubric's automatic criteria"):
        Section.model_validate({"brief": "brief.md", "scoring": {"tone": {"blame": 1}}},
                               context=context)


def test_contractions_of_small_words_are_small_words():
    from worksample.prose.measures import function_word_share

    # "can't", "it's", "doesn't" are prose; "invoice's" and "Ledgerly's" are not small words
    assert function_word_share("we can't and it's not what it doesn't".split()) == 1
    assert function_word_share(["invoice's", "Ledgerly's", "o'clock"]) == 0


@pytest.mark.parametrize("text", [
    "Send/us/the/full/card/number/" + "asap/" * 12_000 + "thanks.",  # no space at all
    "Card " + "x" * 30_000 + " details now.",  # one space near the start
    "x" * 30_000 + " card " + "y" * 30_000,  # spaces only around the word
])
def test_a_quote_is_cut_to_its_window_however_few_spaces_the_sentence_has(text):
    from worksample.prose.evidence import QUOTE_CHARS, quote_sentence

    [sentence] = sentences(text)[:1]
    quote = quote_sentence(sentence, around="card")
    assert len(quote) <= QUOTE_CHARS + 6 and "card" in quote.lower()


@pytest.mark.parametrize("written", [
    "Weİrecommend; teams stay.", "İİİ İ. ŞİMDİ should", "Dear İlker, İ'm sorry.",
    "| İrecommend | 49 |", "İ (İ) İ, İ"])
def test_every_normal_word_is_one_word_however_it_lowers(written):
    """A sentence's normal form holds only whole words: a pattern's word boundaries and
    ``str.split`` count the same words in it ("İ" lowers to "i" and a combining dot)."""
    from worksample.prose.clauses import clauses
    from worksample.prose.text import WORD, normalise

    for sentence in sentences(written):
        forms = [sentence.normal, *(c.normal for c in clauses(sentence)),
                 *(c.as_sentence().normal for c in clauses(sentence))]
        for form in forms:
            assert all(WORD.fullmatch(word) for word in form.split()), form
        assert len(sentence.normal.split()) == len(sentence.words)
    assert all(WORD.fullmatch(word) for word in normalise(written).split())
