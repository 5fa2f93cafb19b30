"""A statement told as an event for the reader: done, under way, or about to be done.

``commitment.commits_to`` finds a promise by its words of commitment ("I'll make sure", "rest
assured"). A reply also makes a statement by telling it as an event: "the duplicate $29 has
been refunded", "I went ahead and refunded your fee", "we're refunding the full cost", "let me
refund the plan", "the $290 will be back on your card". ``told_as_event`` finds a clause that
holds every content word of one of a statement's phrases (``commitment.content_words``), each
in any of its regular forms ("refund": "refunds", "refunded", "refunding"; "money": an amount,
or a word for one such as "the full amount" or "the whole payment"), and a verb that tells
the event:

- **done**: a past participle of one of those words, or of a verb that moves or grants money
  (``GIVING``: "sent", "paid", "approved", "issued"), after an auxiliary of the perfect or the
  passive in its clause ("has been", "was", "I've") or with a first- or second-person subject
  before it ("I went ahead and refunded");
- **under way**: its -ing form after a form of "be" ("we're refunding", "is being sent");
- **about to be done by the writer**: its base form after a first-person "will", "can", "let
  me", "going to" or "happy to" ("let me refund the plan", "we'll send the $290 back");
- **on its way**: "on its way", "heading back", or "will" or "should" before a verb of
  arriving ("will be back", "should reach your card", "will go through").

Which words make the statement is the assignment's to list (its phrases, synonyms included);
the forms are read here, and only here: in a clause that tells an event, the tense is the
event's, so "refunded" and "refunding" say what "refund" says. Nothing is told when the clause
denies it, hedges it ("may", "possibly"), states a general rule, or when the statement's words
stand where nothing is promised (``excused``: a wish, a question passed on, the topic of
something else).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worksample.prose.commitment import AMOUNT, HEDGES, Excused, clause_text, general_statement
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses, denial
from worksample.prose.text import Sentence
from worksample.prose.word_forms import MONEY, base_of, forms, place

# verbs that move or grant money, in their base forms: their past participles tell it done
GIVING = frozenset({"send", "pay", "give", "put", "transfer", "credit", "return", "issue",
                    "process", "approve", "authorise", "authorize", "arrange", "release",
                    "refund", "reimburse", "repay", "reverse"})
IRREGULAR_PARTICIPLES = {"sent": "send", "paid": "pay", "given": "give", "gave": "give",
                         "put": "put", "repaid": "repay"}
# before a past participle in its clause: the perfect or the passive of an event
AUXILIARIES = frozenset({"has", "have", "had", "i've", "we've", "you've", "it's", "that's",
                         "been", "being", "was", "were", "is", "are", "be", "get", "gets",
                         "got"})
BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "i'm", "we're",
                "you're", "it's"})
# who may do or get what a participle tells: "I went ahead and refunded", "you were paid"
SUBJECTS = frozenset({"i", "we", "you", "i've", "we've", "you've", "i'd", "we'd"})
# before a base form, with the writer as subject: what the writer is about to do
ABOUT_TO = (("i'll",), ("we'll",), ("i", "will"), ("we", "will"), ("i", "can"), ("we", "can"),
            ("let", "me"), ("let", "us"), ("going", "to"), ("happy", "to"), ("glad", "to"),
            ("able", "to"), ("about", "to"), ("i", "shall"), ("we", "shall"))
ON_ITS_WAY = (("on", "its", "way"), ("on", "the", "way"), ("on", "their", "way"),
              ("heading", "back"), ("gone", "through"), ("went", "through"))
ARRIVING = frozenset({"reach", "land", "arrive", "appear", "show", "come", "go", "be", "hit"})
WILL = frozenset({"will", "should", "shall", "i'll", "we'll", "it'll", "they'll", "you'll"})
# a participle after these in its clause: the event did not happen ("was refused")
NOT_GRANTED = frozenset({"declined", "refused", "rejected", "denied", "turned", "ruled"})
WHEN = frozenset({"when", "after", "before", "while"})  # a clause that sets a time
LOOK_BACK = 3  # words before a verb form in which its auxiliary or cue stands


@dataclass(frozen=True)
class Event:
    """A clause that tells a statement as an event: the words that tell it, and the
    statement's words."""

    sentence: Sentence
    told_by: str
    words: tuple[str, ...]

    def describe(self) -> str:
        """'tells it as done: “has been refunded” with “refund”'."""
        return f"tells it as done: “{self.told_by}” with “{' … '.join(self.words)}”"


def told_as_event(sentence: Sentence, statements: Sequence[tuple[str, ...]],
                  negation: PhraseSet | None = None, excused: Excused | None = None
                  ) -> Event | None:
    """The first clause of ``sentence`` that tells one of ``statements`` (content words, as
    ``commitment.content_words`` gives them) as an event, and is not denied, hedged, a
    general statement or ``excused``; None when there is none."""
    words = sentence.normal_words
    if not words:
        return None
    clause_of = clauses(sentence)
    extra = negation.holds_word if negation is not None else None
    for clause in sorted(set(clause_of)):
        indices = [i for i, c in enumerate(clause_of) if c == clause]
        money = bool(AMOUNT.search(clause_text(sentence, indices)))
        for statement in statements:
            spots = [place(word, words, indices, money) for word in statement]
            if any(spot is None for spot in spots):
                continue
            told = _telling(words, indices, statement, _another_time(words, clause_of, clause))
            if told is None:
                continue
            at, told_by = told
            found = [spot for spot in spots if spot >= 0] or [at]
            first, last = min(found), max(found)
            if (denial(sentence, first, last + 1, extra) or denial(sentence, at, at + 1, extra)
                    or general_statement(sentence, at)
                    or HEDGES.find_in_words(" ".join(words[i] for i in indices))
                    or excused is not None and excused(sentence, first, last + 1)):
                continue
            return Event(sentence, told_by, statement)
    return None


def _telling(words: Sequence[str], indices: list[int], statement: tuple[str, ...],
             another_time: bool) -> tuple[int, str] | None:
    """The word of the clause that tells the event, and the words that tell it, or None. A
    verb in the simple past tells a past event when the sentence sets ``another_time``."""
    own = {word.rstrip("*"): forms(word.rstrip("*")) for word in statement if word != MONEY}
    for position, index in enumerate(indices):
        word = words[index]
        before = [words[i] for i in indices[max(0, position - LOOK_BACK):position]]
        earlier = [words[i] for i in indices[:position]]
        base = _verb_base(word, own)
        if base is None:
            continue
        if _participle(word, base):
            if NOT_GRANTED.intersection(earlier):
                continue
            auxiliary = next((w for w in reversed(before) if w in AUXILIARIES), "")
            if auxiliary:
                return index, f"{auxiliary} … {word}" if before[-1] != auxiliary \
                    else f"{auxiliary} {word}"
            subject = next((w for w in earlier if w in SUBJECTS), "")
            if subject and not another_time:
                return index, f"{subject} … {word}"
        elif word.endswith("ing") and BE.intersection(before[-2:]):
            return index, f"{next(w for w in reversed(before) if w in BE)} {word}"
        elif word == base:
            cue = next((cue for cue in ABOUT_TO if _ends_with(before, cue)
                        or _ends_with(before[:-1], cue)), None)
            if cue is not None:
                return index, f"{' '.join(cue)} {word}"
    for position, index in enumerate(indices):
        following = tuple(words[i] for i in indices[position:position + 3])
        way = next((phrase for phrase in ON_ITS_WAY if following[:len(phrase)] == phrase), None)
        if way is not None:
            return index, " ".join(way)
        if (words[index] in WILL and len(following) > 1 and following[1] in ARRIVING
                and (following[1] != "be" or "back" in following)):
            return index, " ".join(following[:2])
    return None


def _another_time(words: Sequence[str], clause_of: tuple[int, ...], clause: int) -> bool:
    """Whether another clause of the sentence sets a time of its own ("When you moved to the
    annual plan, we refunded the monthly charge": an earlier event, not this one)."""
    return any(words[i] in WHEN and clause_of[i] != clause and (not i or clause_of[i - 1]
                                                                  != clause_of[i])
               for i in range(len(words)))


def _verb_base(word: str, own: dict[str, frozenset[str]]) -> str | None:
    """The base form of ``word`` when it is a form of a statement's own word (``own``: each
    with its forms) or of a verb of ``GIVING``; None otherwise."""
    for base, its_forms in own.items():
        if word in its_forms:
            return base_of(base)
    if word in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[word]
    return next((verb for verb in GIVING if word in forms(verb)), None)


def _participle(word: str, base: str) -> bool:
    return word in IRREGULAR_PARTICIPLES or word != base and word.endswith("ed")


def _ends_with(words: list[str], cue: tuple[str, ...]) -> bool:
    return len(words) >= len(cue) and tuple(words[-len(cue):]) == cue
