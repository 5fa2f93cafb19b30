"""Where a sentence that ends in "?" starts to ask: the clauses before it still state.

"I've issued a full refund of $290, so could you let me know once you see it?" tells the
refund as done and then asks; reading the whole sentence as a question would excuse what its
first clause says. The question starts at the first clause that opens as a question, after a
leading "and", "but", "so", "or", "then" or "also": with an auxiliary or a modal verb and its
subject after it ("could you", "has it", "would you like"; not "do keep", "can confirm"), with
"what", "why" or "how" and an auxiliary close after ("what time did"; not "how lovely", "what
I've done is"), or, at the start of the sentence, with any question word ("when did ...",
"where ..."). Where a clause resumes after an aside, none opens. A sentence with no such
clause asks in its last word when that is a tag ("I've refunded you in full, right?"), in its
last clause when the writer acts before it ("I've refunded you in full, hope that helps?"),
and otherwise all through ("your friend got a full refund, and you'd like the same?").
Everything before the question is read as stated.
"""

from __future__ import annotations

from worksample.prose.asides import MODALS
from worksample.prose.cache import per_submission
from worksample.prose.negation import clauses
from worksample.prose.text import Sentence

# an auxiliary or modal opening a clause asks ("could you", "has it arrived"); "not" and
# "never" do not
ASKING_VERBS = (MODALS - {"not", "never", "be", "been"}) | {"am"}
ASKING_WORDS = frozenset({"what", "why", "how", "what's", "how's"})
# open a question only at the start of a sentence; later they open a time or relative clause
OPENING_ONLY = frozenset({"when", "where", "which", "who", "whose", "whom"})
LEADING = frozenset({"and", "but", "so", "or", "then", "also"})
# after an auxiliary that opens a question: its subject
SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she", "it", "that", "this", "there",
                      "these", "those", "the", "a", "an", "my", "your", "our", "their", "his",
                      "her", "its", "anyone", "someone", "anybody", "somebody", "anything",
                      "everything"})
# a last word that asks whether what comes before it is right: "..., right?"
TAGS = frozenset({"right", "ok", "okay", "yes", "yeah", "correct", "eh", "no"})
# the writer acting before a question's last clause: what they did is said
WRITER_ACTS = frozenset({"i've", "we've", "i'll", "we'll", "i'm", "we're", "i", "we"})


@per_submission()  # every phrase found in a sentence asks again
def question_start(sentence: Sentence) -> int:
    """The first word of the sentence that is part of its question: the number of its words
    when it does not end in "?"."""
    words = sentence.normal_words
    if not words or not sentence.text.rstrip().endswith("?"):
        return len(words)
    clause_of = clauses(sentence)
    # where a clause opens; not where one resumes after an aside
    openings = [i for i in range(len(words))
                if i == 0 or clause_of[i] != clause_of[i - 1] and clause_of[i] not in
                clause_of[:i]]
    for opening in openings:
        at = opening
        while at + 1 < len(words) and words[at] in LEADING and clause_of[at + 1] == clause_of[at]:
            at += 1
        if _asks(words, at):
            return opening
    if words[-1] in TAGS:
        return len(words) - 1  # "..., right?": the tag asks, what it follows is said
    if not WRITER_ACTS.isdisjoint(words[:openings[-1]]):
        return openings[-1]  # "I've refunded you in full, hope that helps?"
    return 0  # "your friend got a full refund, and you'd like the same?": all of it asks


def _asks(words: tuple[str, ...], at: int) -> bool:
    """Whether the clause opening at word ``at`` opens as a question (see the module
    docstring)."""
    following = words[at + 1:at + 3]
    if words[at] in ASKING_VERBS:
        return bool(following) and following[0] in SUBJECTS
    if words[at] in ASKING_WORDS:
        return words[at].endswith("'s") or not ASKING_VERBS.isdisjoint(following)
    return at == 0 and words[at] in OPENING_ONLY


def in_question(sentence: Sentence, at: int) -> bool:
    """Whether word ``at`` of the sentence is in its question (``question_start``)."""
    return at >= question_start(sentence)
