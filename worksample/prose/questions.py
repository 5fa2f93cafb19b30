"""Where a sentence that ends in "?" starts to ask: the clauses before it still state.

"I've issued a full refund of $290, so could you let me know once you see it?" tells the
refund as done and then asks; reading the whole sentence as a question would excuse what its
first clause says. The question starts at the first clause that opens as a question, after a
leading "and", "but", "so", "or", "then" or "also": with an auxiliary or a modal verb ("could
you", "has it", "would you like"), with "what", "why" or "how", or, at the start of the
sentence, with any question word ("when did ...", "where ..."). A sentence with no such clause
asks in its last clause only ("I've refunded you in full, right?", "..., hope that helps?"); a
sentence of one clause is all question. Everything before the question is read as stated.
"""

from __future__ import annotations

import functools

from worksample.prose.asides import MODALS
from worksample.prose.negation import clauses
from worksample.prose.text import Sentence

# an auxiliary or modal opening a clause asks ("could you", "has it arrived"); "not" and
# "never" do not
ASKING_VERBS = (MODALS - {"not", "never", "be", "been"}) | {"am"}
ASKING_WORDS = frozenset({"what", "why", "how", "what's", "how's"})
# open a question only at the start of a sentence; later they open a time or relative clause
OPENING_ONLY = frozenset({"when", "where", "which", "who", "whose", "whom"})
LEADING = frozenset({"and", "but", "so", "or", "then", "also"})


@functools.lru_cache(maxsize=4096)  # every phrase found in a sentence asks again
def question_start(sentence: Sentence) -> int:
    """The first word of the sentence that is part of its question: the number of its words
    when it does not end in "?"."""
    words = sentence.normal_words
    if not words or not sentence.text.rstrip().endswith("?"):
        return len(words)
    clause_of = clauses(sentence)
    openings = [i for i in range(len(words)) if i == 0 or clause_of[i] != clause_of[i - 1]]
    for opening in openings:
        at = opening
        while at + 1 < len(words) and words[at] in LEADING and clause_of[at + 1] == clause_of[at]:
            at += 1
        if words[at] in ASKING_VERBS or words[at] in ASKING_WORDS or (
                at == 0 and words[at] in OPENING_ONLY):
            return opening
    return openings[-1]


def in_question(sentence: Sentence, at: int) -> bool:
    """Whether word ``at`` of the sentence is in its question (``question_start``)."""
    return at >= question_start(sentence)
