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
denies it, hedges it ("may", "possibly"), states a general rule, follows a condition ("if my
team lead agrees, ..."), or when the statement's words stand where nothing is promised
(``excused``: a wish, a question passed on, the topic of something else).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from worksample.prose.commitment import AMOUNT, HEDGES, Excused, clause_text, general_statement
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses, denial
from worksample.prose.text import Sentence
from worksample.prose.word_forms import MONEY, MONEY_NOUNS, base_of, forms, place

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
_CUE_ENDS = frozenset(cue[-1] for cue in ABOUT_TO)
ON_ITS_WAY = (("on", "its", "way"), ("on", "the", "way"), ("on", "their", "way"),
              ("heading", "back"), ("gone", "through"), ("went", "through"))
ARRIVING = frozenset({"reach", "land", "arrive", "appear", "show", "come", "go", "be", "hit"})
WILL = frozenset({"will", "should", "shall", "i'll", "we'll", "it'll", "they'll", "you'll"})
# the words an arrival may start with: "on its way", "will be back"
_ON_THE_WAY_FIRST = frozenset(phrase[0] for phrase in ON_ITS_WAY) | WILL
# a participle after these in its clause: the event did not happen ("was refused")
NOT_GRANTED = frozenset({"declined", "refused", "rejected", "denied", "turned", "ruled"})
WHEN = frozenset({"when", "after", "before", "while"})  # a clause that sets a time
CONDITIONS = frozenset({"if", "unless", "whether", "provided"})  # a clause that sets a condition
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
    general statement, conditional or ``excused``; None when there is none."""
    words = sentence.normal_words
    present = frozenset(words)
    wanted, some_word, stems = _wanted(tuple(statements))
    # most sentences hold no word of any statement: no clause is read for them
    if (some_word is not None and present.isdisjoint(some_word)
            and not (stems and any(w.startswith(stems) for w in present))):
        return None
    amount = AMOUNT.search(sentence.text) is not None
    possible = [statement for statement, its_words in wanted
                if all(not options.isdisjoint(present) or stem is not None and any(
                    w.startswith(stem) for w in present) or options is MONEY_NOUNS and amount
                    for options, stem in its_words)]
    if not possible:
        return None
    clause_of = clauses(sentence)
    opening = {clause_of[i]: words[i] for i in range(len(words))
               if not i or clause_of[i - 1] != clause_of[i]}
    # a clause after a condition may not happen; one beside a clause of time is another event
    condition = min((c for c, word in opening.items() if word in CONDITIONS), default=None)
    timed = {c for c, word in opening.items() if word in WHEN}
    extra = negation.holds_word if negation is not None else None
    for clause in sorted(opening):
        if condition is not None and condition <= clause:
            break
        indices = [i for i, c in enumerate(clause_of) if c == clause]
        money = amount and AMOUNT.search(clause_text(sentence, indices)) is not None
        for statement in possible:
            spots = [place(word, words, indices, money) for word in statement]
            if any(spot is None for spot in spots):
                continue
            told = _telling(words, indices, statement, bool(timed - {clause}))
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


@lru_cache(maxsize=64)  # an assignment's statements, asked for every sentence
def _wanted(statements: tuple[tuple[str, ...], ...]) -> tuple[
        list[tuple[tuple[str, ...], list[tuple[frozenset[str], str | None]]]],
        frozenset[str] | None, tuple[str, ...]]:
    """Each statement with, per word, the forms that may stand for it and the stem of a
    prefix word (None for a whole word); the forms of every word but "money", and every
    stem: a sentence with none of them holds no statement (None when a statement is money
    alone)."""
    wanted = [(statement, [(frozenset(), word.rstrip("*")) if word.endswith("*")
                           else (MONEY_NOUNS, None) if word == MONEY else (forms(word), None)
                           for word in statement]) for statement in statements]
    some_word = frozenset().union(*(options for _, its_words in wanted
                                    for options, _ in its_words if options is not MONEY_NOUNS))
    stems = tuple(stem for _, its_words in wanted for _, stem in its_words if stem)
    money_alone = any(set(statement) == {MONEY} for statement in statements)
    return wanted, None if money_alone else some_word, stems


def _telling(words: Sequence[str], indices: list[int], statement: tuple[str, ...],
             another_time: bool) -> tuple[int, str] | None:
    """The word of the clause that tells the event, and the words that tell it, or None. A
    verb in the simple past tells a past event when the sentence sets ``another_time``."""
    own = _own_forms(statement)
    for position, index in enumerate(indices):
        word = words[index]
        base = _verb_base(word, own)
        if base is None:
            continue
        before = [words[i] for i in indices[max(0, position - LOOK_BACK):position]]
        if _participle(word, base):
            earlier = [words[i] for i in indices[:position]]
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
        elif word == base and _CUE_ENDS.intersection(before[-2:]):
            cue = next((cue for cue in ABOUT_TO if _ends_with(before, cue)
                        or _ends_with(before[:-1], cue)), None)
            if cue is not None:
                return index, f"{' '.join(cue)} {word}"
    for position, index in enumerate(indices):
        if words[index] not in _ON_THE_WAY_FIRST:
            continue
        following = tuple(words[i] for i in indices[position:position + 3])
        way = next((phrase for phrase in ON_ITS_WAY if following[:len(phrase)] == phrase), None)
        if way is not None:
            return index, " ".join(way)
        if (words[index] in WILL and len(following) > 1 and following[1] in ARRIVING
                and (following[1] != "be" or "back" in following)):
            return index, " ".join(following[:2])
    return None


@lru_cache(maxsize=256)
def _own_forms(statement: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The statement's words (but "money"), each with its forms."""
    return {word.rstrip("*"): forms(word.rstrip("*")) for word in statement if word != MONEY}


def _verb_base(word: str, own: dict[str, frozenset[str]]) -> str | None:
    """The base form of ``word`` when it is a form of a statement's own word (``own``: each
    with its forms) or of a verb of ``GIVING``; None otherwise."""
    for base, its_forms in own.items():
        if word in its_forms:
            return base_of(base)
    return _GIVING_FORMS.get(word)


# every form of a verb of ``GIVING``, and the irregular participles, to their base
_GIVING_FORMS = {form: verb for verb in GIVING for form in forms(verb)} | IRREGULAR_PARTICIPLES


def _participle(word: str, base: str) -> bool:
    return word in IRREGULAR_PARTICIPLES or word != base and word.endswith("ed")


def _ends_with(words: list[str], cue: tuple[str, ...]) -> bool:
    return len(words) >= len(cue) and tuple(words[-len(cue):]) == cue
