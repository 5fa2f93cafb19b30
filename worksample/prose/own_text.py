"""A candidate's text (a reply, an analysis) as sentences, and which of them are their own.

Passages copied from what the candidate was given (a customer's email, a case brief) are not
the candidate's writing: their words are not measured, and a plugin does not count a match in
them. Prose is full of small words (the, to, we); a text of enough words with too few of them
reads as a list of keywords. A text with no sentence of its own, or that reads as a list of
keywords, says nothing: the messages for both are here, each plugin decides which it checks
first.
"""

from __future__ import annotations

from collections.abc import Container

from worksample.prose.evidence import copied_passages
from worksample.prose.measures import function_word_share
from worksample.prose.text import Sentence, sentences


def source_sentences(text: str) -> frozenset[str]:
    """The sentences of what the candidate was given, normalised: the ``source_said`` of
    ``OwnText``."""
    return frozenset(sentence.normal for sentence in sentences(text))


class OwnText:
    """A text's sentences, and those of its own: not in a passage copied from its source
    (``source_said``), nor ``left_out`` (sentence indices, e.g. table rows). ``words`` are the
    own sentences' words; a text of at least ``min_words_to_judge`` of them whose share of
    small words is below ``min_function_word_share`` is a ``keyword_list``.

    A subclass names its ``source`` and the ``small_words`` its messages quote, and may
    measure the share of small words on other words (``prose_words``)."""

    source = "the source"
    small_words = "'the', 'to', 'we'"

    def __init__(self, sentences: list[Sentence], source_said: frozenset[str], *,
                 min_function_word_share: float, min_words_to_judge: int,
                 left_out: Container[int] = frozenset()):
        self.sentences = sentences
        self.copied = copied_passages(sentences, source_said)
        self.own_sentences = [s for s in sentences
                              if s.index not in self.copied and s.index not in left_out]
        self.words = [word for sentence in self.own_sentences for word in sentence.words]
        self.prose_share = function_word_share(self.prose_words())
        self.keyword_list = (len(self.words) >= min_words_to_judge
                             and self.prose_share < min_function_word_share)

    def prose_words(self) -> list[str]:
        """The words whose share of small words is measured: all the text's own words."""
        return self.words

    def no_sentence(self, min_words: int) -> str:
        """Why a text with no sentence of ``min_words`` words of its own says nothing."""
        copies = (f" of its own ({len(self.copied)} sentences repeat {self.source})"
                  if self.copied else "")
        return f"has no sentence of {min_words} words or more{copies}"

    def reads_as_keywords(self) -> str:
        """Why a ``keyword_list`` says nothing."""
        return (f"reads as a list of keywords ({self.prose_share:.0%} small words like "
                f"{self.small_words}; prose has 35-55%)")
