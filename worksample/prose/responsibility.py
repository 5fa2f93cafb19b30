"""Blame by lecturing: a sentence that tells the reader it was their responsibility, without
any word of a blame list ("as the terms you accepted state", "you were responsible for
cancelling"). Recognised by its form, a second-person attribution of duty or consent:

- **consent to the rules** (sure): "you" then, within two words, a past verb of consent
  (``CONSENTED``: agreed, accepted, signed ...), in a sentence that names a rule document
  (``DOCUMENTS``: terms, policy, conditions ...): "Our terms, which you agreed to at checkout,
  say ...", "it says clearly in the policy you accepted". After "if", "once" or "unless" it
  is a condition, not a reminder: left to the reviewer;
- **duty** (sure): "you" then, within two words, "responsible", or ``DUTY`` in the past
  ("you were required to"; "you're required to confirm" is an instruction, left to the
  reviewer), "your responsibility", or a counterfactual duty: "you ought to have", "you
  shouldn't have";
- **uncertain** (left to the reviewer): "you were supposed to" / "meant to" / "expected to"
  (often the company's failure: "you were meant to get a reminder"), "you needed to",
  "up to you", "as the terms say" (citing a rule at the reader), and advice for next time
  opening a clause ("In future, ...", "For the future, ...", "Next time, ..."; "use it in
  the future" is none).

A negation before the duty ("you weren't responsible", "this is not your responsibility")
denies it: reassurance, not blame. So does a choice offered ("it's entirely up to you
whether ..."), a need that is no duty ("you needed those invoices"), and what the reader
expected ("you expected a refund": only "you were expected to" may be a duty).

- **a reproach for the past** (left to the reviewer): a condition on what the reader did or
  did not do, with what would have followed ("had you written in the first month, this would
  have been simple", "if you'd checked Trash, you'd have found them").

A phrase of a blame list may stand in a plain or kind sense (``plain_sense``): "you should
have received an email by now" (what the company owed), "you must have been worried"
(sympathy), "obviously you'd rather have your money back", "as stated in our billing
records" (citing no rule at the reader).
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.prose.feelings import FEELINGS
from worksample.prose.negation import clauses, is_cue
from worksample.prose.text import Sentence

SECOND_PERSON = frozenset({"you", "you've", "you'd", "you're"})
CONSENTED = frozenset({"agreed", "accepted", "signed", "consented", "acknowledged"})
DOCUMENTS = frozenset({"terms", "policy", "policies", "conditions", "agreement", "contract",
                       "t&cs", "tos"})
CONDITIONS = frozenset({"if", "once", "unless"})
DUTY = frozenset({"responsible", "required", "obliged", "obligated", "liable"})
MAYBE_DUTY = frozenset({"supposed", "meant", "expected", "needed"})
CITING = frozenset({"state", "states", "say", "says", "stated", "explain", "explains",
                    "specify", "specifies", "outline", "outlines"})
NEXT_TIME = (("in", "future"), ("in", "the", "future"), ("for", "the", "future"),
             ("next", "time"), ("for", "future", "reference"), ("going", "forward"))
# after "up to you": a choice offered, not a duty
CHOICE = frozenset({"whether", "which", "if", "how", "when", "what"})
BE = frozenset({"were", "was", "are", "is", "be", "been", "you're"})
# "you should have received ...": what the company owed the reader
RECEIVING = frozenset({"received", "got", "gotten", "seen", "heard", "had"})
SENT_TO = frozenset({"sent", "emailed", "notified", "told", "given", "offered", "reminded",
                     "refunded", "warned", "contacted"})
# what citing a rule at the reader names: "as stated in the terms", "as explained in my email"
CITED = DOCUMENTS | {"email", "emails", "message", "website", "faq", "page", "confirmation",
                     "reply", "signup", "checkout"}
PAST_CONDITION = (("had", "you"), ("if", "you", "had"), ("if", "you'd"))
WOULD_HAVE = (("would", "have"), ("would've",), ("you'd", "have"), ("could", "have"),
              ("could've",), ("wouldn't", "have"), ("it'd", "have"))
REACH = 2  # words between "you" and the verb: "you [have] agreed", "you [were] [also] responsible"


@dataclass(frozen=True)
class Lecture:
    """A sentence that lectures the reader: the words that do it, why, and whether sure."""

    start: int  # first word, in the sentence's normalised words
    words: str
    why: str
    sure: bool


def lecture(sentence: Sentence) -> Lecture | None:
    """How ``sentence`` tells the reader it was their responsibility (a sure finding before an
    uncertain one), or None."""
    words = sentence.normal.split()
    found = [*_consent(words), *_duty(words), *_next_time(words, clauses(sentence)),
             *_reproach(words)]
    return min(found, key=lambda f: (not f.sure, f.start), default=None)


def _after_you(words: list[str], targets: frozenset[str]):
    """(index of "you", index of the target) for each target within ``REACH`` words after a
    second-person word."""
    for index, word in enumerate(words):
        if word in SECOND_PERSON:
            for later in range(index + 1, min(len(words), index + REACH + 2)):
                if words[later] in targets:
                    yield index, later
                    break


def _denied(words: list[str], start: int, end: int) -> bool:
    """A negation among the three words before ``start`` or between ``start`` and ``end``."""
    return any(is_cue(word) for word in words[max(0, start - 3):end])


def _consent(words: list[str]):
    if not DOCUMENTS & set(words):
        return
    for you, verb in _after_you(words, CONSENTED):
        if _denied(words, you, verb) or words[verb + 1:verb + 2] == ["up"]:  # "signed up"
            continue
        conditional = bool(CONDITIONS & set(words[max(0, you - 3):you]))
        yield Lecture(you, " ".join(words[you:verb + 1]),
                      "reminds the customer of rules they accepted", sure=not conditional)
    for index, word in enumerate(words[:-1]):
        if word == "as" and any(w in DOCUMENTS for w in words[index + 1:index + 4]) and any(
                w in CITING for w in words[index + 2:index + 7]):
            yield Lecture(index, " ".join(words[index:index + 3]), "cites a rule at the customer",
                          sure=False)


def _duty(words: list[str]):
    for you, duty in _after_you(words, DUTY | MAYBE_DUTY):
        if words[duty] == "needed" and words[duty + 1:duty + 2] != ["to"]:
            continue  # "you needed those invoices": a need, no duty
        if words[duty] in MAYBE_DUTY - {"needed"} and not BE & set(words[you:duty]):
            continue  # "you expected a refund": what the reader expected
        if not _denied(words, you, duty):
            # "responsible" is always a duty; "required" only when past ("you're required to
            # confirm" is an instruction)
            sure = words[duty] == "responsible" or (
                words[duty] in DUTY and bool({"were", "was"} & set(words[you:duty])))
            yield Lecture(you, " ".join(words[you:duty + 1]),
                          "tells the customer it was their duty", sure=sure)
    for index, word in enumerate(words[:-1]):
        pair = words[index:index + 2]
        if word == "your" and pair[1] == "responsibility" and not _denied(words, index, index):
            yield Lecture(index, "your responsibility", "tells the customer it was their duty",
                          sure=True)
        if (word == "up" and pair[1] == "to" and words[index + 2:index + 3] == ["you"]
                and not CHOICE.intersection(words[index + 3:index + 4])):
            yield Lecture(index, "up to you", "may tell the customer it was their duty",
                          sure=False)
        if word in SECOND_PERSON and (
                words[index + 1:index + 4] == ["ought", "to", "have"]
                or words[index + 1:index + 3] in (["shouldn't", "have"], ["shouldn't", "'ve"])
                or words[index + 1:index + 4] == ["should", "not", "have"]):
            yield Lecture(index, " ".join(words[index:index + 3]),
                          "tells the customer what they should have done", sure=True)


def _next_time(words: list[str], clause_of: list[int]):
    """Advice opening a clause ("For the future, ...", "Next time, ..."); "use it in the
    future" is no advice."""
    for index in range(len(words)):
        if index and clause_of[index] == clause_of[index - 1]:
            continue
        for phrase in NEXT_TIME:
            if tuple(words[index:index + len(phrase)]) == phrase:
                yield Lecture(index, " ".join(phrase),
                              "advises the customer what to do next time", sure=False)


def _reproach(words: list[str]):
    """A condition on what the reader did, with what would have followed: "had you written in
    the first month, this would have been simple" (left to the reviewer)."""
    for index in range(len(words)):
        for phrase in PAST_CONDITION:
            if (tuple(words[index:index + len(phrase)]) == phrase
                    and words[index + len(phrase):index + len(phrase) + 1] != ["like"]
                    and any(tuple(words[later:later + len(w)]) == w
                            for w in WOULD_HAVE for later in range(index, len(words)))):
                yield Lecture(index, " ".join(phrase),
                              "may reproach the customer for what they did", sure=False)
                return


def plain_sense(sentence: Sentence, start: int, end: int) -> str:
    """Why the blame phrase at words ``start``..``end`` of the sentence is said in a plain or
    kind sense (see the module docstring), or ''."""
    words = sentence.normal.split()
    phrase, following = words[start:end], words[end:end + 3]
    if phrase[-2:] == ["should", "have"] or phrase[-1:] == ["should've"]:
        if following[:1] and following[0] in RECEIVING or (
                following[:1] == ["been"] and following[1:2] and following[1] in SENT_TO):
            return "what the company owed the customer"
    if phrase[-2:] == ["must", "have"] and following[:1] in (["been"], ["felt"]) and (
            FEELINGS.intersection(words[end:end + 4])):
        return "sympathy"
    if phrase == ["obviously"] and following[:1] in (["you'd"], ["you"]) and (
            {"rather", "prefer", "like", "want"} & set(words[end:end + 4])):
        return "sympathy"
    if phrase[:2] == ["as", "stated"] or phrase[:3] == ["as", "clearly", "stated"]:
        if not CITED.intersection(words[end:end + 4]):
            return "citing no rule at the customer"
    return ""
