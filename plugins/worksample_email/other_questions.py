"""Whether a reply recites the policy instead of answering its customer.

The assignment says which policy facts answer which email. A reply that states, with their
numbers, facts that answer other customers' emails and not this one ("backups every 24 hours,
Trash 30 days, pending charges clear in 3-5 business days" to a customer asking for a
refund) is written for a checker, not for the customer: a support lead reads it as a recital
of the policy, this customer's answers buried among everyone else's. The reply scores 0 like
one about another customer. A recital is ``RECITAL_MIN_FACTS`` such facts, or
``ACROSS_MIN_FACTS`` from as many emails (the policy recited across its topics); one fact,
or two of one other email's ("your data is safe either way: we back up daily, and Trash
keeps deletions 30 days"), may be a helpful aside.

Only facts with a number count (a number makes the statement the policy's, where a fact's
words alone, "invoices" or "refund", come up in any reply), read in their sentence and the
next, pasted or written. Not counted:

- a fact this email shares with the other (the same ``states``): it is this customer's too;
- a fact found only by its unit ("business day"), which any time a reply gives holds ("our
  billing team will look at it within 1 business day", "I'll confirm it by email within 1
  business day");
- a fact whose words, as the sentence says them, answer one of this customer's questions
  ("refunds are for annual plans within 30 days of purchase, and none is needed here" to a
  customer asking whether she gets a charge back), unless the sentence is pasted from the
  policy.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from worksample.prose.matching import Match, PhraseSet
from worksample.prose.measures import spans_in
from worksample.prose.text import normalise

if TYPE_CHECKING:
    from .checks import CompiledPhrases, ReplyText
    from .config import Fact
    from .replies import Original

RECITAL_MIN_FACTS = 3  # facts of other customers' emails that make a reply a recital
ACROSS_MIN_FACTS = 2  # or so many facts from as many different emails


def facts_of_others(emails: list[Original]) -> dict[str, list[tuple[str, Fact]]]:
    """Per email (its id), the facts with a number that other emails have and it does not
    share (the same ``states``), each with its email's id: made once per assignment."""
    found: dict[str, list[tuple[str, Fact]]] = {}
    for original in emails:
        own = {normalise(fact.states) for fact in original.email.facts}
        found[original.email.id] = [
            (other.email.id, fact) for other in emails if other is not original
            for fact in other.email.facts
            if fact.number is not None and normalise(fact.states) not in own]
    return found


def answers_others(text: ReplyText, original: Original, others: list[tuple[str, Fact]],
                   phrases: CompiledPhrases) -> str:
    """What the reply to ``original`` recites of ``others`` (``facts_of_others``: their
    ``states`` and the sentence of the first), when it states ``RECITAL_MIN_FACTS`` or more
    of them, or ``ACROSS_MIN_FACTS`` from as many emails; '' otherwise."""
    answers = [phrases.questions[original.email.id, q.id] for q in original.email.questions]
    found: list[tuple[Fact, str]] = []
    emails: set[str] = set()
    for email_id, fact in others:
        unit = normalise(fact.unit)
        matches = [m for m in phrases.facts[email_id, fact.id].find_all(text.sentences)
                   if not text.copies_the_customer(m.sentence)
                   and not _only_the_unit(m, unit, phrases.facts[email_id, fact.id])
                   and (m.sentence.index in text.from_policy
                        or not any(answer.find_in_words(m.words) for answer in answers))]
        sentence = _stating(text, fact, matches)
        if sentence:
            found.append((fact, sentence))
            emails.add(email_id)
    if len(found) < RECITAL_MIN_FACTS and len(emails) < ACROSS_MIN_FACTS:
        return ""
    facts = "; ".join(fact.states for fact, _ in found)
    return f"{len(found)} facts for other customers' questions ({facts}), first in “{found[0][1]}”"


def _only_the_unit(match: Match, unit: str, fact_phrases: PhraseSet) -> bool:
    """Whether a fact is found in the sentence by no more than its unit ("business day" of "a
    restore takes up to 1 business day"), which any time a reply gives holds ("our billing
    team replies within 1 business day"): without the unit, none of its phrases is there."""
    if not unit or not (match.words == unit or match.words.rstrip("s") == unit):
        return False
    rest = re.sub(rf"(?<!\S){re.escape(unit)}s?(?!\S)", " ", match.sentence.normal)
    return not fact_phrases.find_in_words(" ".join(rest.split()))


def _stating(text: ReplyText, fact: Fact, matches) -> str:
    """The text of the first sentence among ``matches`` that gives ``fact`` with its number
    right, there or in the next sentence ("We back up every account. That happens every 24
    hours."); '' when none does."""
    low, high = fact.number - fact.tolerance, fact.number + fact.tolerance
    for match in matches:
        spans = spans_in(text.with_next(match.sentence), fact.unit)
        if any(low <= first and last <= high for first, last in spans):
            return match.sentence.text
    return ""
