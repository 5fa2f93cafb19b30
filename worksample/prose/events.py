"""A statement told as an event for the reader: done, under way, or about to be done.

``commitment.commits_to`` finds a promise by its words of commitment ("I'll make sure", "rest
assured"). A reply also makes a statement by telling it as an event: "the duplicate $29 has
been refunded", "I went ahead and refunded your fee", "we're refunding the full cost", "let me
refund the plan", "your $290 is on its way back". ``told_as_event`` finds a clause that holds
every content word of one of a statement's phrases (``commitment.content_words``), in their
regular forms (``word_forms``), where one of them tells the event:

- **done**: it is a past participle ("refunded", "reversed", "reimbursed") after an auxiliary
  of the perfect or the passive in its clause ("has been", "was", "I've") or after a first- or
  second-person subject ("I went ahead and refunded");
- **under way**: its -ing form after the writer's "be" ("we're refunding"), or after any "be"
  in a clause about this reader or an amount ("the team is refunding your $290"; not "Ledgerly
  is refunding customers whose invoices were charged twice");
- **about to be done by the writer**: its base form right after a first-person "will",
  "can", "let me", "going to" or "happy to" (an adverb may stand between), in a clause about
  this reader ("you", "your") or an amount ("let me refund your plan"). A clause with "only"
  states a rule and tells nothing ("we can only refund annual plans in their first month",
  "the $290 can be refunded only in the first month");
- **on its way**: it, or the money of a statement about money, stands just before "is on its
  way", "will be back", "should reach" ... ("your refund is on its way", "the $290 will be
  back on your card");
- and the other ways of ``tellings``: a headline ("Refund issued"), a light verb ("we'll do
  the refund"), the reader told they will receive it ("you should see the $290 back").

A verb that grants or carries out what the statement's noun names (``GRANTING``: approve,
process, issue, send, arrange, authorise, confirm ...) tells it the same way when it stands
at most ``GRANTING_SPAN`` words from the noun: "your refund for the annual plan has been
approved", "billing is processing your refund", "I'll arrange a refund to your card"; not
what must happen first ("any refund would have to be approved by my team lead").

Only the statement's own words tell the event (or a granting verb beside its noun): a verb
about something else in the clause ("I've sent you the terms that cover refunds", "your $290
was paid too long ago for a refund") tells nothing, and the statement's words stand at most
``STATEMENT_SPAN`` apart.
Which words make the statement is the assignment's to list, synonyms included; their forms
are read here because in a clause that tells an event the tense is the event's. Nothing is
told in a question (``questions``: the clauses before a sentence's question still tell) but
what the writer says in it was done, the writer first ("did you know I've already refunded
the $290?", "has the refund I issued reached you?"; not "have I refunded you?");
when the clause denies it, doubts it or turns it down before the verb (any negation, "too
old to be refunded", "I doubt", "little chance", "instead of", "we have refunded nothing"),
hedges it ("may", "possibly"), makes it hypothetical ("would be refunded"), names it in a
gerund ("your plan being refunded in cash is not ..."), or states a general rule; when the
sentence sets a condition ("if my team lead agrees, ...", "should she approve, ...") or, for
a verb in the simple past, a time of its own ("when you moved to the annual plan, we
refunded the monthly charge"), not this very ticket's ("when I checked your account, I
refunded the $290" tells it); when it is given as credit ("refunded as account credit"); or
when the statement's words stand where nothing is promised (``excused``: a wish, a question
passed on, the topic of something else). Money "back" is money given back only with the
money just before "back" (``word_forms.money_back``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from worksample.prose.cache import per_submission
from worksample.prose.commitment import AMOUNT, HEDGES, Excused, clause_text, general_statement
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clause_indices, clauses, denial, is_cue
from worksample.prose.notes import started_now
from worksample.prose.questions import question_start
from worksample.prose.tellings import (
    ARRIVAL_FIRST,
    AUXILIARIES,
    BE,
    DETERMINERS,
    GIVING_SPAN,
    GRANTING_SPAN,
    LIGHT,
    arriving,
    ends_with,
    headline,
    light_verb,
    received,
)
from worksample.prose.text import Sentence
from worksample.prose.unpromised import ALTERNATIVE, PREFERRING, WOULD
from worksample.prose.word_forms import (
    IRREGULAR_PAST,
    MONEY,
    MONEY_NOUNS,
    SAME_IN_THE_PAST,
    as_credit,
    base_of,
    by_a_colleague,
    forms,
    gives_money_back,
    names_a_year,
    standing_for,
    statement_in,
)

# the writer's own "be" before an -ing form: what the writer is doing ("we're refunding")
WRITERS_BE = frozenset({"am", "i'm", "we're", "we"})
# who may do or get what a participle tells: "I went ahead and refunded", "you were paid"
DOERS = frozenset({"i", "we", "you", "i've", "we've", "you've", "i'd", "we'd"})
# the writer first, then the verb: in a question, still what the writer says was done ("did
# you know I've already refunded the $290?"; not "have I refunded you?")
WRITER_FIRST = frozenset({"i", "we", "i've", "we've"})
# right before a base form (an adverb may stand between): what the writer is about to do
ABOUT_TO = (("i'll",), ("we'll",), ("i", "will"), ("we", "will"), ("i", "can"), ("we", "can"),
            ("let", "me"), ("let", "us"), ("going", "to"), ("happy", "to"), ("glad", "to"),
            ("about", "to"), ("i", "shall"), ("we", "shall"))
_CUE_ENDS = frozenset(cue[-1] for cue in ABOUT_TO)
# a participle after these in its clause: the event did not happen ("was refused")
NOT_GRANTED = frozenset({"declined", "refused", "rejected", "denied"})
NOT_GRANTED_WITH = {"turned": {"down", "away"}, "ruled": {"out"}}  # "turned down", "ruled out"
WHEN = frozenset({"when", "after", "before", "while"})  # a clause that sets a time
# a time clause with one of these verbs is the moment of this very ticket, the writer looking
# into it or the reader writing in: what the clause after it tells was done then ("when I
# checked your account, I refunded the $290"; "after reading your email, we refunded ...")
LOOKING_INTO = frozenset({"check", "recheck", "look", "review", "see", "read", "open",
                          "receive", "hear", "speak", "talk", "write", "email", "contact",
                          "call", "message", "phone", "reply", "log", "pull", "verify",
                          "examine"})
LOOKED_INTO = frozenset({"saw", "seen", "heard", "spoke", "wrote", "received", "receiving",
                         "writing", "reviewed", "investigated", "investigating", "examined",
                         "examining", "verified", "replied", "phoned", "phoning", "digging",
                         "dug", "logged"})
LOOKING_REACH = 4  # the verb this far into its time clause: "when I had a look at ..."
GOING = frozenset({"go", "goes", "went", "going", "gone"})  # "went through", "going over"
# ... unless the sentence dates it to another time ("when you called in 2023", "last spring";
# not "may", which is mostly a modal)
ANOTHER_TIME = frozenset({
    "last", "ago", "previously", "first", "year", "years", "months", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "spring", "summer", "autumn", "winter"})
# ... or tells the refund as something seen or thought ("I saw that we refunded ...")
SEEN_OR_THOUGHT = frozenset({"saw", "noticed", "found", "assumed", "expected", "wished",
                             "remembered", "thought", "believed", "realised", "realized",
                             "learned", "learnt", "see", "notice", "remember", "recall"})
# a clause that sets a condition: "if", "should my team lead approve", "assuming she agrees"
CONDITIONS = frozenset({"if", "unless", "whether", "provided", "should", "assuming",
                        "supposing"})
# conditions under which the rest of the sentence holds anyway: "you'll be refunded unless my
# team lead objects" promises the refund; "whether or not she agrees, ..." too
BY_DEFAULT = frozenset({"unless", "whether"})
# in a condition that only asks whether what is said suits the reader: "if that helps"
SUITING = frozenset({"helps", "help", "works", "work", "suits", "suit", "ok", "okay", "fine",
                     "alright", "acceptable", "good"})
COURTESY_WORDS = 6  # "if that's okay with you": how long such a condition may be
# before "to be" and a participle (or "must be"): what must happen first, not what did
OWED = frozenset({"have", "has", "had", "need", "needs", "needed"})
# before a participle: what would happen, not what did ("would be refunded")
HYPOTHETICAL = WOULD | {"might"}
# before the word that tells the event: doubted or out of reach ("too old to be refunded")
DOUBTS = frozenset({"too", "doubt", "unlikely", "chance", "ineligible", "stopped", "beyond",
                    "outside", "past"})
# "and" or "or" before another verb ends a word of doubt's reach ("I've stopped the renewal and
# issued a refund"); a negation's only before a verb of its own ("we haven't charged you
# again and have refunded the $290"), as one shared verb keeps it ("we can't stop the
# renewal and refund you")
COORDINATING = frozenset({"and", "or"})
OWN_VERB = frozenset({"have", "has", "had", "will", "can", "could", "am", "is", "are", "was",
                      "were", "did", "do", "does", "i've", "we've", "i'll", "we'll", "i'm",
                      "we're", "i", "we", "they", "she", "he", "it"})
# before a participle: the event is still ahead ("will be refunded", "is to be refunded")
AHEAD = WOULD | frozenset({"will", "can", "should", "shall", "may", "might", "must", "going",
                           "to", "be"})
PAST = frozenset({"has", "have", "had", "i've", "we've", "you've", "was", "were", "been"})
# after "only", how recently something happened: "refunded only this morning", "only an hour
# ago", "only in the last hour"
RECENTLY = frozenset({"today", "yesterday", "ago", "recently", "earlier", "tonight", "morning",
                      "afternoon", "evening", "hour", "hours", "minutes", "moments"})
RECENT_SPAN = 6  # "only in the last couple of hours"
READER = frozenset({"you", "your", "you're", "you've", "you'll", "yours"})  # this customer
# in a condition, the reader as its subject: the reader decides ("if you reply by Friday")
READER_ACTS = frozenset({"you", "you'd", "you're", "you've", "you'll"})
# in a condition: what did not happen ("if you were still inside the window", "had you asked")
CONTRARY = frozenset({"were", "had"})
# verbs that grant or carry out what a statement's noun names, read like its own verb near it:
# "your refund of $290 has been approved", "we're processing your refund"
GRANTING = {form: base for base in ("approve", "confirm", "process", "issue", "arrange",
                                     "authorise", "authorize", "grant", "initiate", "agree",
                                     "sort", "action", "complete", "finalise", "finalize")
            for form in forms(base)} | {"send": "send", "sent": "send", "sending": "send"}
LOOK_BACK = 3  # words before a participle in which its auxiliary stands
ONE_THING = frozenset({"the", "a", "this", "that"})  # before a noun: one thing, not a kind
DEFINITE = frozenset({"the", "this", "that"})  # opening a clause: a thing the reader knows
PAST_TIMES = frozenset({"ago", "yesterday", "earlier", "morning", "already", "just", "monday",
                        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# a statement's words that say which one, not what: no verb grants them ("confirm the second")
MODIFIERS = frozenset({"second", "extra", "duplicate", "full", "whole", "entire", "first",
                       "other", "additional", "double"})
STATEMENT_SPAN = 5  # a statement's words at most this far apart: "refunded the plan in full"
# verbs that give money back with "back" after them, read like the verb of a statement with
# "back" ("your money back"): "we'll give you the full $290 back", "I've sent the $290 back"
GIVING_BACK = {form: base for base in ("give", "send", "hand", "transfer", "pay")
               for form in forms(base)}


@dataclass(frozen=True)
class Event:
    """A clause that tells a statement as an event: the words that tell it, and the
    statement's words as the sentence writes them."""

    sentence: Sentence
    told_by: str
    words: tuple[str, ...]
    told_as: str = "done"  # or "under way", "about to be done", "on its way"

    def describe(self) -> str:
        """'tells it as done: “has been refunded” with “refund”'."""
        return f"tells it as {self.told_as}: “{self.told_by}” with “{' … '.join(self.words)}”"


def told_as_event(sentence: Sentence, statements: Sequence[tuple[str, ...]],
                  negation: PhraseSet | None = None, excused: Excused | None = None
                  ) -> Event | None:
    """The first clause of ``sentence`` that tells one of ``statements`` (content words, as
    ``commitment.content_words`` gives them) as an event, and is not denied, hedged, a
    general statement, conditional or ``excused``; None when there is none."""
    words = sentence.normal_words
    # a question tells nothing ("were you told you'd be refunded?"); the clauses before it do
    asked_from = question_start(sentence)
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
    opening: dict[int, int] = {}  # each clause's first word
    for index, clause in enumerate(clause_of):
        opening.setdefault(clause, index)
    governed = conditions_over(sentence)
    by_clause = clause_indices(sentence)
    timed = {c for c, at in opening.items()
             if words[at] in WHEN and not _this_ticket(words, by_clause[c])}
    extra = negation.holds_word if negation is not None else None
    for clause in sorted(by_clause):
        asked = by_clause[clause][0] >= asked_from
        if clause in governed and clause_of[governed[clause]] == clause:
            continue  # a condition's own clause asserts nothing
        # what a condition governs may not happen, unless the reader decides; what it says
        # has already happened has ("if you haven't seen it yet, the $290 has been refunded")
        conditional = clause in governed and not a_condition_the_reader_meets(
            sentence, governed[clause])
        indices = by_clause[clause]
        money = amount and AMOUNT.search(clause_text(sentence, indices)) is not None
        for statement in possible:
            spots = statement_in(sentence, indices, statement, money)
            if spots is None or _apart(spots):
                continue
            told = _telling(words, indices, statement, spots, bool(timed - {clause}), money)
            if told is None:
                continue
            at, told_by, told_as = told
            if asked and not (told_as == "done" and told_by.split()[0] in WRITER_FIRST):
                continue  # a question tells nothing but what the writer says was done
            if conditional and not (told_as == "done" and told_as_past(
                    [words[i] for i in indices if i < at])):
                continue
            # the statement's word that tells the event is read where it tells it ("our
            # refund team has refunded the $290": not the topic "refund team")
            found = [at if spot >= 0 and base_of(words[spot]) == base_of(words[at]) else spot
                     for spot in spots]
            found = [spot for spot in found if spot >= 0] or [at]
            if as_credit(words, max(found)):
                continue  # a refund "as account credit" is credit
            first, last = min(found), max(found)
            if (denial(sentence, first, last + 1, extra)
                    or not first <= at <= last and denial(sentence, at, at + 1, extra)
                    or _doubted(words, indices, at, extra)
                    or not money and not _one_on_its_way(words, indices, told_as, found)
                    and general_statement(sentence, at)
                    or _hedged(words, indices)
                    or excused is not None and any(
                        # in a question, what the writer says was done is read from its verb:
                        # "has the refund I issued reached you?" (its noun is in the question)
                        excused(sentence, spot, spot + 1) for spot in ([at] if asked else found))):
                continue
            return Event(sentence, told_by, tuple(words[spot] for spot in sorted(set(found))),
                         told_as)
    return None


def _one_on_its_way(words: Sequence[str], indices: list[int], told_as: str,
                    spots: list[int]) -> bool:
    """Whether the clause tells one thing on its way, named as known to the reader ("The
    refund is on its way", "the refund of the full $290 should reach your card"): an event,
    whoever is named. Not a rule of what happens to any refund ("a refund is on its way within
    a day of approval"), nor the thing's word naming something else ("the refund desk will
    reach out"): the word after the thing's (``spots``) is the arrival's, or "of" or "for"."""
    if told_as != "on its way" or words[indices[0]] not in DEFINITE:
        return False
    head = min(spots)
    while head + 1 in spots:
        head += 1  # "the full refund": the last of the thing's words
    after = words[head + 1] if head + 1 < len(words) else ""
    return after in ARRIVAL_FIRST or after in {"of", "for"} or after.endswith("'ll")


def _this_ticket(words: Sequence[str], indices: list[int]) -> bool:
    """Whether a time clause (``when``, ``after`` ...; its words at ``indices``) is the moment
    of this ticket (``LOOKING_INTO``), not another time ("when you moved to the annual plan"):
    and the sentence dates nothing to another time (``ANOTHER_TIME``, a year) and tells no
    refund as seen or thought outside it (``SEEN_OR_THOUGHT``)."""
    clause = [words[i] for i in indices]
    rest = [word for i, word in enumerate(words) if i not in indices]
    return (ANOTHER_TIME.isdisjoint(words) and not names_a_year(words)
            and SEEN_OR_THOUGHT.isdisjoint(rest) and any(
                word in LOOKED_INTO or base_of(word) in LOOKING_INTO
                or word in GOING and clause[at + 1:at + 2] in (["through"], ["over"])
                for at, word in enumerate(clause[1:LOOKING_REACH + 1], start=1)))


@per_submission()  # asked for each phrase found in a sentence
def conditions_over(sentence: Sentence) -> Mapping[int, int]:
    """The clauses a condition governs, each to the first word of its condition: the
    condition's own clause ("if my team lead agrees") and the clause after it ("..., your fee
    will be refunded"), and the clause before it when no stop or comma stands between ("your
    fee will be refunded if she agrees"). "Should" is a condition only opening the sentence
    ("should she approve, ..."). A courtesy is none ("if that helps": ``_a_courtesy``).
    "Unless", "whether" and "even if" govern only their own clause: what the rest says happens
    by default, or whatever happens."""
    words, gaps = sentence.normal_words, sentence.gaps
    clause_of, by_clause = clauses(sentence), clause_indices(sentence)
    governed: dict[int, int] = {}
    for clause, indices in by_clause.items():
        at = indices[0]  # the clause's first word
        if not _opens_a_condition(words, at) or at and words[at - 1] == "as" \
                or _a_courtesy(words, indices):
            continue  # "as if we refunded it": how it looks, not a condition
        governed.setdefault(clause, at)
        if words[at] in BY_DEFAULT or at and words[at - 1] == "even":
            continue  # "even if it were approved": the rest holds whatever happens
        governed.setdefault(clause + 1, at)
        if at and not any(mark in gaps[at] for mark in ";:,.!?"):
            governed.setdefault(clause_of[at - 1], at)
    return governed


def _opens_a_condition(words: Sequence[str], at: int) -> bool:
    """Whether word ``at``, first in its clause, opens a condition: one of ``CONDITIONS``,
    "should" only opening the sentence ("should she approve, ...")."""
    return words[at] in CONDITIONS and (words[at] != "should" or at == 0)


def _a_courtesy(words: Sequence[str], indices: Sequence[int]) -> bool:
    """Whether the condition of the clause at ``indices`` (its words' positions) only asks
    whether what is said suits the reader ("if that helps", "if that's okay with you", "if it
    works for you"): its subject refers back to it and a word of suiting follows
    (``SUITING``), for the reader or no one named; nothing must happen first. Not "if that's
    fine with my team lead"."""
    condition = [words[i] for i in indices[1:]]
    suiting = next((i for i, word in enumerate(condition) if word in SUITING), None)
    return (suiting is not None and len(condition) <= COURTESY_WORDS
            and condition[0] in {"that", "this", "it", "that's", "it's"}
            and set(condition[suiting + 1:]) <= {"with", "for", "to", "you"})


def a_condition_the_reader_meets(sentence: Sentence, opening: int) -> bool:
    """Whether the condition that opens at word ``opening`` is the reader's to meet, so that
    what it governs is still promised: the reader acts in it and it is not contrary to fact
    ("if you reply by Friday, I'll refund you", "if you'd like, ..."; not "if my team lead
    agrees", "if your account is eligible", "if you were still inside the window")."""
    words, clause_of = sentence.normal_words, clauses(sentence)
    condition = [words[i] for i in clause_indices(sentence)[clause_of[opening]] if i >= opening]
    contrary = not CONTRARY.isdisjoint(condition) or any(
        word in WOULD and following not in PREFERRING
        for word, following in zip(condition, condition[1:], strict=False))
    return not READER_ACTS.isdisjoint(condition) and not contrary


def _hedged(words: Sequence[str], indices: list[int]) -> bool:
    """Whether the clause hedges (``HEDGES``); "may" beside a number is the month."""
    clause = [words[i] if words[i] != "may" or not any(
        0 <= j < len(words) and words[j][:1].isdigit() for j in (i - 1, i + 1)) else "_"
        for i in indices]
    return HEDGES.find_in_words(" ".join(clause))


@lru_cache(maxsize=64)  # an assignment's statements, asked for every sentence
def _wanted(statements: tuple[tuple[str, ...], ...]) -> tuple[
        list[tuple[tuple[str, ...], list[tuple[frozenset[str], str | None]]]],
        frozenset[str] | None, tuple[str, ...]]:
    """Each statement with, per word, the forms that may stand for it and the stem of a
    prefix word (None for a whole word); the forms of every word but "money", and every
    stem: a sentence with none of them holds no statement (None when a statement is money
    alone)."""
    wanted = [(statement, [(frozenset(), word.rstrip("*")) if word.endswith("*")
                           else (MONEY_NOUNS, None) if word == MONEY
                           else (standing_for(word), None)
                           for word in statement]) for statement in statements]
    some_word = frozenset().union(*(options for _, its_words in wanted
                                    for options, _ in its_words if options is not MONEY_NOUNS))
    stems = tuple(stem for _, its_words in wanted for _, stem in its_words if stem)
    money_alone = any(set(statement) == {MONEY} for statement in statements)
    return wanted, None if money_alone else some_word, stems


def _telling(words: Sequence[str], indices: list[int], statement: tuple[str, ...],
             spots: list[int], another_time: bool, amount: bool
             ) -> tuple[int, str, str] | None:
    """Where one of the statement's words (at ``spots``) tells the event, the words that tell
    it and how it tells it (``Event.told_as``), or None. A verb in the simple past tells a
    past event when the sentence sets ``another_time``; ``amount``: the clause holds an amount
    of money."""
    own = _own_forms(statement)
    clause = [words[i] for i in indices]
    # what the writer is about to do is told for this reader, not as a rule: "let me refund
    # your plan", "I'll refund the $290", not "we can only refund annual plans in their first
    # month"
    if restricts(clause):
        return None  # a restriction states a rule: "can be refunded only in the first month"
    # the statement's words written as nouns ("refund"), which a granting verb near them tells
    nouns = [spot for spot in spots if spot >= 0
             and own.get(words[spot]) == words[spot].removesuffix("'s")
             and words[spot] not in GRANTING and words[spot] not in MODIFIERS]
    # about this reader, an amount, or one thing ("I'll send the refund through"; not "we can
    # refund annual plans")
    for_the_reader = amount or not READER.isdisjoint(clause) or any(
        spot > 0 and words[spot - 1] in ONE_THING for spot in spots)
    subject, refused = "", False  # of the words before the one read: the first subject
    for position, index in enumerate(indices):
        word = words[index]
        own_word = own.get(word)
        if own_word is not None and not gives_money_back(words, indices, index, amount):
            own_word = None  # "I returned your call": no money given back
        base = own_word or (GRANTING[word] if word in GRANTING and any(
            abs(index - noun) <= GRANTING_SPAN for noun in nouns) else None) or (
            GIVING_BACK[word] if word in GIVING_BACK and "back" in statement and "back" in clause[
                position + 1:position + 1 + GIVING_SPAN] else None) or (
            light_verb(clause, indices, position, nouns) if word in LIGHT else None)
        if base is None:
            subject = subject or (word if word in DOERS or by_a_colleague(
                clause[max(0, position - 2):position + 1]) else "")
            following = words[index + 1] if index + 1 < len(words) else ""
            # "declined and refunded in part": what "and" adds is not refused
            refused = word not in COORDINATING and (refused or word in NOT_GRANTED or (
                following in NOT_GRANTED_WITH.get(word, ())))
            continue
        before = [words[i] for i in indices[max(0, position - LOOK_BACK):position]]
        # the word's own base, not the statement's: "return" tells a statement's "refund"
        plain = base_of(word) == word and (word not in IRREGULAR_PAST
                                           or word in SAME_IN_THE_PAST)
        # "put" is read as a past unless a cue puts it ahead ("I'll put the $290 back")
        past = not plain or (word in SAME_IN_THE_PAST
                             and not _CUE_ENDS.intersection(before[-2:]))
        if past and (word.endswith("ed") or word in IRREGULAR_PAST):
            if refused or not HYPOTHETICAL.isdisjoint(before) or before and (
                    before[-1] in DETERMINERS or before[-1][:1].isdigit()):
                continue  # "was refused"; "would be refunded"; "the refunded charges"
            auxiliary = next((w for w in reversed(before) if w in AUXILIARIES), "")
            if auxiliary == "be" and ("must" in before or any(
                    w in OWED and following == "to"
                    for w, following in zip(before, before[1:], strict=False))):
                continue  # what must happen first: "any refund would have to be approved"
            if auxiliary == "being" and BE.isdisjoint(before[:-1]):
                continue  # a gerund: "your plan being refunded in cash is not ..."
            if auxiliary:
                return index, f"{auxiliary} … {word}" if before[-1] != auxiliary \
                    else f"{auxiliary} {word}", "done"
            # "we put ..." is a habit unless a time says it was done ("we put it back an hour ago")
            if subject and not another_time and (word not in SAME_IN_THE_PAST
                                                 or not PAST_TIMES.isdisjoint(clause)):
                return index, f"{subject} … {word}", "done"
            if word not in SAME_IN_THE_PAST:
                continue
        if word.endswith("ing") and BE.intersection(before[-2:]) and (
                for_the_reader or not WRITERS_BE.isdisjoint(before)):
            return index, f"{next(w for w in reversed(before) if w in BE)} {word}", "under way"
        elif position == 0 and (now := started_now(clause)):
            return index, f"{word} … {now}", "under way"
        elif plain and _CUE_ENDS.intersection(before[-2:]) and for_the_reader:
            adverb = before[-1:] if before and _adverb(before[-1]) else []
            told = before[:len(before) - len(adverb)]
            cue = next((cue for cue in ABOUT_TO if ends_with(told, cue)), None) or (
                (told[-2], "will") if told[-1:] == ["will"] and by_a_colleague(
                    clause[max(0, position - len(adverb) - 4):position - len(adverb) - 1])
                else None)  # "our billing team will send the $29 back"
            if cue is not None:
                return index, f"{' '.join(cue)} {word}", "about to be done"
    return (headline(words, indices, nouns) or received(words, indices, nouns, statement)
            or arriving(words, indices, spots, MONEY in statement))


@lru_cache(maxsize=256)
def _own_forms(statement: tuple[str, ...]) -> dict[str, str]:
    """Each form of the statement's words (but "money"), to the word's base."""
    return {form: base_of(word.rstrip("*")) for word in statement if word != MONEY
            for form in standing_for(word.rstrip("*"))}


def _doubted(words: Sequence[str], indices: list[int], at: int,
             extra: Callable[[str], bool] | None) -> bool:
    """Whether the clause doubts or turns down the event before the word that tells it, by a
    negation anywhere before it ("we can't get the plan you bought in October refunded"), a
    word of doubt ("too old to be refunded", "I doubt", "little chance"), an alternative
    ("instead of your plan being refunded"), or "nothing" right after it ("we have refunded
    nothing")."""
    before = [words[i] for i in indices if i < at]
    after = [words[i] for i in indices if at < i <= at + 2]
    return (bool(doubt_before(before, extra))
            or ALTERNATIVE.find_in_words(" ".join(before))
            or not {"nothing", "none"}.isdisjoint(after))


def told_as_past(before: Sequence[str]) -> bool:
    """Whether the words of a clause before its verb tell it as having happened: an auxiliary
    of the perfect or the past (``PAST``: "has been refunded", "I've refunded", "was
    refunded"), and no word that puts it ahead (``AHEAD``: "will have been", "is to be")."""
    return not PAST.isdisjoint(before) and all(
        word not in AHEAD and not word.endswith("'ll") for word in before)


def restricts(clause: Sequence[str]) -> bool:
    """Whether the clause's words hold an "only" that restricts ("refunded only in the first
    month", "we can only refund annual plans"), not one that says how recently something
    happened ("refunded only this morning", "went through only an hour ago": ``RECENTLY``
    within ``RECENT_SPAN`` words after it) nor one that singles out this reader ("I've
    issued a full refund only for you")."""
    clause = list(clause)
    return "only" in clause and any(
        word == "only" and RECENTLY.isdisjoint(clause[at + 1:at + 1 + RECENT_SPAN])
        and not (clause[at + 1:at + 2] in (["for"], ["to"])
                 and clause[at + 2:at + 3] and clause[at + 2] in READER)
        for at, word in enumerate(clause))


def doubt_before(before: Sequence[str], extra: Callable[[str], bool] | None = None) -> str:
    """The negation or word of doubt (``DOUBTS``) among ``before``, the words of a clause
    before what it may doubt, that still reaches it, or '': a word of doubt does not reach
    past "and" or "or" (``COORDINATING``), a negation not past one with a verb of its own
    after it (``OWN_VERB``)."""
    found = ""
    for position, word in enumerate(before):
        if word in COORDINATING and found:
            following = before[position + 1] if position + 1 < len(before) else ""
            if found in DOUBTS or following in OWN_VERB:
                found = ""
        elif is_cue(word, extra) or word in DOUBTS:
            found = word
    return found


def _adverb(word: str) -> bool:
    return word.endswith("ly") or word in {"also", "just", "now", "still", "then", "personally"}


def _apart(spots: list[int]) -> bool:
    """Whether a statement's words stand too far apart to be one statement ("I've processed
    your renewal switch-off and explained why refunds stop at 30 days")."""
    found = [spot for spot in spots if spot >= 0]
    return bool(found) and max(found) - min(found) > STATEMENT_SPAN
