"""Whether a reply makes a statement the policy forbids, and the sentence that makes it.

A statement is made by one of its listed phrases, as written, where nothing excuses it
(``_excused``: the customer's or the policy's own words, a denial, a mention that asks for
nothing, the name of a rule, a place where nothing is promised or asserted, a general
statement of the rule); or, for a promise, by a commitment to what its phrases say
(``commitment.commits_to``) or by what they say told as an event (``events.told_as_event``).
An ``unless`` phrase ("within 30 days of purchase", "the last 4 digits") excuses only the words
it limits (``rule_terms.within_its_terms``).
A request the reading cannot rule in or out, or asked for only in a plural the list lacks,
is left to the reviewer as a possible automatic fail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from worksample.prose.commitment import (
    Commitment,
    Excused,
    commits_to,
    general_statement,
    names_a_rule,
)
from worksample.prose.events import Event, told_as_event
from worksample.prose.evidence import Finding, quote_sentence, quoted
from worksample.prose.matching import Match, PhraseSet
from worksample.prose.referents import with_referent
from worksample.prose.request import ASKS, MAY_ASK, request_reading
from worksample.prose.text import Sentence
from worksample.prose.unasserted import asserts_nothing
from worksample.prose.unpromised import not_promised

from .config import Forbidden
from .rule_terms import within_its_terms

if TYPE_CHECKING:
    from .checks import ReplyText

# what a statement against the policy costs beyond its own points (a forbidden statement, a
# contradicted fact): this share of the reply's criterion. Half, not the first quarter: in
# all four ranked pools the experts put a reply with one such mistake below ones that leave
# things out (benchmarks/README.md, 2026-12-04)
CONTRADICTION_COST = 0.5

# why a request is left to the reviewer although it may be one: a flag, not an automatic fail
MAY_ASK_WHY = ("in a sentence that may ask the customer for it, if no word after it is its own "
               "verb (read it: if it asks, the statement is made)")
POSSIBLE_FAIL = "possible_automatic_fail"  # the specific saying what the reviewer must read


def forbidden_statement(text: ReplyText, statement: Forbidden, phrase_set: PhraseSet,
                        unless: PhraseSet, promised: list[tuple[str, ...]],
                        negation: PhraseSet, plurals: PhraseSet | None = None
                        ) -> tuple[Finding, Sentence | None]:
    """Whether the reply makes the statement: one of its phrases, a commitment to what they
    say (``commitment.commits_to``) or what they say told as an event (``events.told_as_event``),
    outside the words an ``unless`` phrase limits (``within_its_terms``); and the sentence
    that makes it. A request for the thing only in a plural its list lacks
    (``plurals``) is left to the reviewer."""
    label = f"does not make the statement: {statement.means}"
    # in a sentence that denies it, in the customer's or the policy's words, in a general
    # statement of the rule (which the facts judge), or mentioned where it must be asked for
    found, excused = _phrase_found(text, statement, phrase_set, unless, negation)
    made = (quoted(found), found.sentence) if found is not None else None
    in_plural = False  # asked for only in a plural the list does not write
    if made is None and excused is None and plurals is not None:
        plural, _ = _phrase_found(text, statement, plurals, unless, negation)
        if plural is not None:
            in_plural, excused = True, (plural, (
                f"in a sentence asking for “{plural.words}”, a plural the statement's list "
                "does not write (read it: only the phrases as listed fail a reply "
                "automatically; list the plural to make it one)"))
    if made is None and not statement.is_request:  # a request is asked, not committed to
        def excused_here(sentence: Sentence, start: int, end: int) -> str:
            return _promises_nothing(sentence, start, end) or within_its_terms(
                sentence, unless, start)

        before = None  # the sentence before, where a pronoun's referent may be named
        for sentence in text.sentences:
            if text.why_not_counted(sentence):
                before = None
                continue
            promise = _promise(sentence, promised, negation, excused_here)
            if promise is not None:
                made = (f"{quote_sentence(sentence)} ({promise.describe()})", sentence)
                break
            referent = with_referent(sentence, before, promised)
            if referent is not None:
                # the thing named again, read every way: a commitment, an event, a listed phrase
                promise = _promise(referent.sentence, promised, negation, excused_here)
                how = referent.describe()
                if promise is not None:
                    made = (f"{quote_sentence(sentence)} ({promise.describe()}; {how})", sentence)
                    break
                listed, _ = _phrase_found(text, statement, phrase_set, unless, negation,
                                          (referent.sentence,))
                if listed is not None:
                    made = (f"{quote_sentence(sentence)} ({how})", sentence)
                    break
            before = sentence
    if made is not None:
        quote, sentence = made
        if statement.automatic_fail:
            return Finding("forbidden", statement.id, label, 0.0, f"{quote} (automatic fail)",
                           automatic_fail=True, specifics={"forbidden_statement": quote}), sentence
        # a statement the policy forbids is wrong, not missing: it weighs like a contradiction
        return Finding("forbidden", statement.id, label, 0.0,
                       f"{quote}; a statement the policy forbids: costs a further "
                       f"{CONTRADICTION_COST:.0%} of this reply's criterion",
                       costs=CONTRADICTION_COST,
                       specifics={"forbidden_statement": quote}), sentence
    if excused is not None:
        match, why = excused
        # a request the reading cannot rule in or out: a flag, for the reviewer to decide
        maybe = statement.automatic_fail and (in_plural or why == MAY_ASK_WHY)
        return Finding("forbidden", statement.id, label, 1.0, quoted(match),
                       review=f"found {why}; not counted against the reply",
                       specifics={POSSIBLE_FAIL: (
                           f"may make the statement “{statement.means}” (an automatic fail): "
                           f"{quoted(match)}; read it")} if maybe else {}), None
    return Finding("forbidden", statement.id, label, 1.0, "not found",
                   confirms_absence=True), None


def _promise(sentence: Sentence, promised: list[tuple[str, ...]], negation: PhraseSet,
             excused: Excused) -> Commitment | Event | None:
    """A commitment to one of the ``promised`` statements in the sentence, or one told as an
    event; None when it makes neither."""
    return (commits_to(sentence, promised, negation, excused)
            or told_as_event(sentence, promised, negation, excused))


def _promises_nothing(sentence: Sentence, start: int, end: int) -> str:
    """Why a statement's words at ``start``..``end`` of a sentence that commits or tells an
    event promise nothing: they name a rule, or stand where nothing is promised."""
    rule = names_a_rule(sentence, start, end)
    return f"names the rule “{rule}”" if rule else (
        not_promised(sentence, start, end) or asserts_nothing(sentence, start, end))


def _phrase_found(text: ReplyText, statement: Forbidden, phrases: PhraseSet, unless: PhraseSet,
                  negation: PhraseSet, sentences: Sequence[Sentence] | None = None
                  ) -> tuple[Match | None, tuple[Match, str] | None]:
    """The first match of ``phrases`` in the reply (or in ``sentences``) that makes the
    statement (outside the words an ``unless`` phrase limits, not excused), and the first one
    excused with why (``_excused``)."""
    excused = None
    for match in phrases.find_all(text.sentences if sentences is None else sentences,
                                  text.reading, negation=negation, scoped=True):
        if within_its_terms(match.sentence, unless, match.start, not statement.is_request):
            continue
        why = _excused(text, statement, match, negation)
        if not why:
            return match, excused
        if excused is None or (why == MAY_ASK_WHY and excused[1] != MAY_ASK_WHY):
            excused = (match, why)  # of those excused, one that may ask is the one to read
    return None, excused


def _excused(text: ReplyText, statement: Forbidden, match: Match, negation: PhraseSet) -> str:
    """Where a forbidden phrase is found without the statement being made ('in the
    customer's own words', ...), or '' when it is made."""
    pasted = text.pasted(match.sentence)
    if pasted:
        return f"in {pasted} own words"
    if match.negated:
        return f"in a sentence that denies it ({match.denied_by})"
    reading = request_reading(match.sentence, match.start, match.end) \
        if statement.is_request else ASKS
    if reading == MAY_ASK:
        return MAY_ASK_WHY
    if reading != ASKS:
        return ("in a sentence that does not plainly ask the customer for it (read it: only a "
                "plain request is an automatic fail)")
    rule = names_a_rule(match.sentence, match.start, match.end)
    if rule:
        return f"in the name of a rule (“{match.words} {rule}”)"
    unpromised = "" if statement.is_request else not_promised(match.sentence, match.start,
                                                              match.end)
    if unpromised:
        return f"{unpromised}, not a promise"
    unasserted = "" if statement.is_request else asserts_nothing(
        match.sentence, match.start, match.end, negation.holds_word)
    if unasserted:
        return f"{unasserted}, not a promise"
    if general_statement(match.sentence, match.start):
        return ("in a general statement of the rule (no “I”, “we” or “you”), judged as a "
                "fact")
    return ""
