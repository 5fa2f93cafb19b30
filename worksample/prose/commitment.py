"""What a sentence commits to, and what it only hedges.

- A **commitment** is language that binds the writer to an outcome: "I'll make sure",
  "I'm confident we'll", "you will get", "guarantee", "rest assured" (``COMMITMENTS``), not
  denied ("I can't promise" commits to nothing); a belief ("I'm sure", "I'm certain") only
  with what will happen after it ("I'm sure you'll get", not "I'm sure a refund would feel
  fairer"). ``commits_to`` finds a commitment in the
  same clause as the content words of one of a statement's phrases, in any order and with
  other words between, so that a forbidden promise is recognised by what it promises, not
  only by its listed wording: "I'm confident we'll get the whole $90 back to you" commits to
  "your money back" (an amount of money reads as the word "money").
- A **general statement** states a rule, not what the writer does for the reader: a
  declarative clause (not a question) with no first- or second-person word (``PERSONAL``)
  and a verb of state or a modal (``GENERAL_VERBS``): "Annual plans can be refunded in full
  within 30 days", "Refunds are guaranteed for 30 days"; not an event ("the refund has been
  approved"). It commits the company to nothing
  for this customer, so it is no forbidden promise; whether the rule it states is right is
  for the facts to judge. "I'll refund you in full", "we've refunded your card", "you will
  get your money back" and an imperative ("Send the card number") are not general.
- A phrase that **names a rule** describes the noun after it (``RULE_NOUNS``): "our
  full-refund window is 30 days", "the full refund policy" speak of the rule and promise
  nothing.
- A **hedge** says something may or may not happen: "may", "might", "possibly", "we'll see"
  (``HEDGES``). A hedged sentence is no concrete next step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from worksample.prose.matching import PhraseSet
from worksample.prose.measures import FUNCTION_WORDS
from worksample.prose.negation import clause_words, clauses, denial
from worksample.prose.questions import in_question
from worksample.prose.text import WORD, Sentence
from worksample.prose.word_forms import as_credit, statement_in

COMMITMENTS = PhraseSet([
    "i'll make sure", "i will make sure", "we'll make sure", "we will make sure",
    "i'll ensure", "i will ensure", "we'll ensure", "i'm confident", "i am confident",
    "we're confident", "i'm sure", "i am sure", "i'm certain", "i am certain", "rest assured",
    "i can assure", "i assure", "guarantee*", "i promise", "we promise", "you will get",
    "you'll get", "you will receive", "you'll receive", "you will have", "you'll have",
    "you'll be getting", "will definitely", "will certainly", "for sure", "without fail",
    "we'll get", "we will get", "i'll get", "i will get"])
# a belief commits only to what it says will happen: "I'm sure you'll get your money back",
# not "I'm sure a full refund is what you'd prefer"
BELIEFS = frozenset({"i'm confident", "i am confident", "we're confident", "i'm sure",
                     "i am sure", "i'm certain", "i am certain", "for sure"})
FUTURE = frozenset({"will", "shall", "going"})
HEDGES = PhraseSet([
    "may", "might", "could possibly", "possibly", "perhaps", "maybe", "hopefully",
    "we'll see", "we will see", "we can see", "not sure", "hard to say", "it depends",
    "depending on", "i think", "i guess", "probably", "potentially", "if possible"])
FIRST_PERSON = frozenset({"i", "i'm", "i'll", "i've", "i'd", "me", "my", "mine", "myself",
                          "we", "we're", "we'll", "we've", "we'd", "us", "our", "ours",
                          "ourselves"})
PERSONAL = FIRST_PERSON | {"you", "you're", "you'll", "you've", "you'd", "your", "yours",
                           "yourself", "let's"}
# a clause in these tenses reports an event, not a rule
EVENT_TENSES = frozenset({"was", "were", "wasn't", "weren't", "been"})
GENERAL_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "being", "isn't",
                           "aren't", "can", "cannot", "can't", "may", "must", "will", "won't",
                           "would", "could", "should", "shall", "might"})
# the subject of a rule for anyone of a kind: "customers who cancel in the first month get a
# full refund"
ANYONE = frozenset({"customers", "people", "anyone", "everyone", "everybody", "users",
                    "subscribers", "members", "clients", "accounts", "plans", "those"})
SUBJECT_WORDS = 3  # "new annual customers get ...": where the subject stands in its clause
# a phrase just before one of these names a rule ("our full-refund window is 30 days"), and
# promises nothing; "our" before it is the company's
COMPANY = frozenset({"our"})
RULE_NOUNS = frozenset({"policy", "policies", "window", "period", "terms", "rule", "rules",
                        "conditions", "guarantee", "deadline", "limit", "limits", "timeframe",
                        "eligibility"})
AMOUNT = re.compile(r"[$£€]\s?\d|\d\s?(?:dollars|pounds|euros|usd|gbp|eur)\b", re.IGNORECASE)
# why a statement's words at start..end (exclusive) of a sentence promise nothing, or ''
Excused = Callable[[Sentence, int, int], str]


@dataclass(frozen=True)
class Commitment:
    """A sentence's commitment to a statement: the commitment words and the statement's."""

    sentence: Sentence
    commitment: str
    words: tuple[str, ...]

    def describe(self) -> str:
        """'commits to it: “i'm confident” with “money … back”'."""
        return f"commits to it: “{self.commitment}” with “{' … '.join(self.words)}”"


def content_words(phrases: Iterable[str]) -> list[tuple[str, ...]]:
    """Per phrase, its words that carry meaning (not small words like "the", "your"); a
    word ending in ``*`` keeps it, as a prefix."""
    found = []
    for phrase in phrases:
        words = tuple(token.lower() for token in phrase.split()
                      if WORD.search(token) and token.lower().strip("*") not in FUNCTION_WORDS)
        if words:
            found.append(words)
    return found


def commits_to(sentence: Sentence, statements: Sequence[tuple[str, ...]],
               negation: PhraseSet | None = None, excused: Excused | None = None
               ) -> Commitment | None:
    """A commitment in ``sentence`` whose clause holds every content word of one of
    ``statements`` (``content_words``), each in any of its forms (``word_forms``), none of them
    denied or ``excused`` (a wish, the topic of something else); None when there is none."""
    if not COMMITMENTS.find_in_words(sentence.normal):  # most sentences: no need for clauses
        return None
    words = sentence.normal_words
    clause_of = clauses(sentence)
    extra = negation.holds_word if negation is not None else None
    for cue in COMMITMENTS.find_all([sentence], negation=negation or PhraseSet([]), scoped=True):
        if cue.negated or general_statement(sentence, cue.start):
            continue
        clause = clause_of[cue.start]
        indices = [i for i, c in enumerate(clause_of) if c == clause]
        if cue.words in BELIEFS and not any(
                words[i] in FUTURE or words[i].endswith("'ll") for i in indices if i >= cue.end):
            continue
        money = bool(AMOUNT.search(clause_text(sentence, indices)))
        for statement in statements:
            places = statement_in(sentence, indices, statement, money)
            if places is None:
                continue
            spots = [spot for spot in places if spot >= 0]
            if spots and as_credit(words, max(spots)):
                continue  # a refund "as account credit" is credit
            if spots and denial(sentence, min(spots), min(spots) + 1, extra):
                continue
            if excused is not None and any(excused(sentence, spot, spot + 1) for spot in spots):
                continue
            return Commitment(sentence, cue.words, statement)
    return None


def general_statement(sentence: Sentence, at: int) -> bool:
    """Whether the clause holding word ``at`` of the sentence states a general rule: not a
    question, no first- or second-person word, a verb of state or a modal, and no tense of an
    event ("the refund has been approved", "the payment was refunded")."""
    if in_question(sentence, at):
        return False
    if at >= len(sentence.normal.split()):
        return False
    clause = clause_words(sentence, at)
    return (not PERSONAL.intersection(clause)
            and bool(GENERAL_VERBS.intersection(clause) or _of_anyone(sentence, at))
            and not EVENT_TENSES.intersection(clause))


def _of_anyone(sentence: Sentence, at: int) -> bool:
    """Whether the clause holding word ``at`` is about anyone of a kind: a word for people or
    plans in general among its first ``SUBJECT_WORDS`` ("annual customers get a full refund
    in their first month"), or before the "who" or "that" it opens with ("anyone who cancels
    in the first month gets a full refund")."""
    words, clause_of = sentence.normal_words, clauses(sentence)
    first = clause_of.index(clause_of[at])
    if words[first] in {"who", "that"} and first and words[first - 1] in ANYONE:
        return True
    return not ANYONE.isdisjoint(words[first:min(first + SUBJECT_WORDS, at)])


def names_a_rule(sentence: Sentence, start: int, end: int) -> str:
    """The rule noun that the phrase at words ``start``..``end`` of the sentence describes
    ("window" in "our full refund window is 30 days"), or '': the noun follows the phrase in
    its clause, and the clause says what the rule is, with no person acting on it ("I'll make
    an exception to our full refund policy" does; "our" alone is the company's)."""
    words = sentence.normal.split()
    if end >= len(words) or words[end] not in RULE_NOUNS:
        return ""
    clause_of = clauses(sentence)
    if clause_of[end] != clause_of[start]:
        return ""
    return "" if PERSONAL.intersection(clause_words(sentence, start)) - COMPANY else words[end]


def hedge(sentence: Sentence) -> str:
    """The hedging words of ``sentence`` ("may", "we'll see"), or ''."""
    found = HEDGES.find([sentence])
    return found.words if found else ""


def clause_text(sentence: Sentence, indices: list[int]) -> str:
    """The sentence's text from the clause's first word to its last."""
    spans = sentence.spans
    if not indices or indices[-1] >= len(spans):
        return sentence.text
    return sentence.text[max(0, spans[indices[0]][0] - 1):spans[indices[-1]][1]]
