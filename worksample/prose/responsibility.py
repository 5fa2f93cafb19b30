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
- **the reader's duty in the third person**: a word for the reader (``READERS``: the
  customer, users, the account holder ...) then, within three words, a duty (sure:
  "responsible", "liable", "responsibility", "job", "duty", "obligation"; left to the reviewer:
  "required", "obliged", "expected", "supposed"): "it is the customer's responsibility to
  evaluate the product", "account holders are responsible for their logins". "Up to the
  customer" is left to the reviewer. Denied ("not the customer's job") it is none; so is a
  duty that is ours ("customers are our responsibility": "our" or "we" between).
- **a rule said to be clear** (sure): a rule document then "is" or "are" and "clear" ("our
  refund policy is clear that ...", "the terms are very clear"); or a rule "clearly",
  "plainly" or "explicitly" shown, stated or explained ("the limit is clearly shown at
  checkout": sure when the sentence names a rule document, else left to the reviewer, as
  "your invoice is clearly shown under Billing" may be plain help). Denied, it is the
  company's failure, not blame ("our terms aren't clear enough").

A phrase of a blame list may stand in a plain or kind sense (``plain_sense``): "you should
have received an email by now" (what the company owed), "you must have been worried"
(sympathy), "obviously you'd rather have your money back", "as stated in our billing
records" (citing no rule at the reader). Words that blame only when aimed at the reader are
plain when they are not: "calm down" said of anything but the reader ("if things calm down
next year"; "calm down" opening a clause, or with "you" just before it, is aimed), "obviously"
in a clause with no "you" or with a word of feeling ("this is obviously stressful"), "once
again" in a sentence that thanks or apologises ("thanks once again for your patience"), and
"as I mentioned" pointing inside the reply ("as I mentioned above"; "as I mentioned before"
may point at an earlier email, and stays blame).
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.prose.feelings import FEELINGS
from worksample.prose.negation import clauses, is_cue
from worksample.prose.text import Sentence

SECOND_PERSON = frozenset({"you", "you've", "you'd", "you're"})
ADDRESSED = SECOND_PERSON | {"your", "yours", "you'll", "yourself"}
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
# the reader named in the third person: "it is the customer's responsibility"
READERS = frozenset({"customer", "customer's", "customers", "user", "user's", "users", "holder",
                     "holder's", "holders", "owner", "owner's", "owners", "subscriber",
                     "subscriber's", "subscribers", "buyer", "buyer's", "buyers", "purchaser",
                     "purchaser's", "purchasers", "client", "client's", "clients"})
DUTY_NOUNS = frozenset({"responsibility", "job", "duty", "obligation"})
NOUN_LEAD = frozenset({"the", "a", "an", "account", "each", "every"})
BLAME_NOUNS = DUTY_NOUNS | {"fault", "onus", "blame"}
PLACED = frozenset({"lies", "lay", "rests", "rested", "is", "was", "falls", "fell"})
SURE_DUTY = frozenset({"responsible", "liable"}) | DUTY_NOUNS
OURS = frozenset({"our", "we", "my", "i", "us"})
CLEARLY = frozenset({"clearly", "plainly", "explicitly"})
# what is "clearly shown" when a rule is: not "your balance is shown clearly on page 1"
RULE_WORDS = DOCUMENTS | {"limit", "window", "period", "deadline", "rule", "rules", "checkout",
                          "signup", "faq"}
SHOWN = frozenset({"shown", "stated", "explained", "displayed", "marked", "listed", "written",
                   "set", "spelled", "spelt", "laid", "outlined", "described", "mentioned"})
DEGREE = frozenset({"very", "quite", "really", "perfectly", "pretty", "completely", "100%"})
# what a reminder or a thanks said again points at, when it points at no failure of the reader
THANKS = frozenset({"thanks", "thank", "sorry", "apologies", "apologise", "apologize",
                    "grateful", "appreciate"})
INSIDE_THE_REPLY = frozenset({"above", "below"})
# before "calm down", what aims it at the reader: the start of its clause, or these
AIMED = frozenset({"please", "just", "try", "to", "and", "so", "now", "ok", "okay"})
FUTURE = frozenset({"will", "we'll", "it'll", "i'll", "they'll", "shall"})


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
             *_reproach(words), *_readers_duty(words), *_clear_rule(words)]
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


def _readers_duty(words: list[str]):
    """A duty put on the reader in the third person: "the customer's responsibility",
    "account holders are responsible for", "up to the customer"."""
    for index, word in enumerate(words):
        if word not in READERS:
            continue
        for later in range(index + 1, min(len(words), index + REACH + 2)):
            if words[later] in OURS:
                break  # "customers are our responsibility": the duty is ours
            if words[later] in SURE_DUTY | DUTY | MAYBE_DUTY - {"needed"}:
                if not _denied(words, index, later):
                    yield Lecture(index, " ".join(words[index:later + 1]),
                                  "tells the customer it was their duty",
                                  sure=words[later] in SURE_DUTY)
                break
        lead = index  # "up to the account owner": the words before the noun phrase
        while lead and words[lead - 1] in NOUN_LEAD:
            lead -= 1
        if lead < 2 or _denied(words, lead - 2, index):
            continue
        if words[lead - 2:lead] in (["up", "to"], ["down", "to"]):
            yield Lecture(lead - 2, " ".join(words[lead - 2:index + 1]),
                          "may tell the customer it was their duty", sure=False)
        elif words[lead - 2] in PLACED and words[lead - 1] in {"with", "on"} and (
                BLAME_NOUNS & set(words[max(0, lead - 5):lead - 2])):
            # "the fault lies with the user", "the onus is on the customer"
            yield Lecture(lead - 2, " ".join(words[lead - 2:index + 1]),
                          "tells the customer it was their fault", sure=True)


def _clear_rule(words: list[str]):
    """A rule said to be clear ("our refund policy is clear that ..."), or clearly shown or
    explained ("which is clearly shown at checkout", "our billing page clearly explains")."""
    for index, word in enumerate(words):
        if word == "clear" and not _denied(words, index - 2, index):
            before = [w for w in words[max(0, index - 5):index] if w not in DEGREE]
            if before[-1:] and before[-1] in BE and DOCUMENTS & set(before[-4:-1]):
                yield Lecture(index - 1, " ".join(words[index - 1:index + 1]),
                              "tells the customer the rule was clear", sure=True)
        if word in CLEARLY and _shown_clearly(words, index):
            yield Lecture(index, " ".join(words[index:index + 2]),
                          "tells the customer the rule was plain to see",
                          sure=bool(DOCUMENTS & set(words)))


def _shown_clearly(words: list[str], index: int) -> bool:
    """Whether "clearly" (or "plainly" ...) at ``index`` says a rule was there to read: "is
    clearly shown", "was stated plainly", or a page that "clearly explains"; not what we
    will do ("will be clearly marked on your invoice"), and not denied."""
    before = words[max(0, index - 3):index]
    if _denied(words, index - 2, index + 1) or FUTURE & set(before):
        return False
    passive = bool(SHOWN & set(words[max(0, index - 1):index + 2]) and BE & set(before)
                   and RULE_WORDS & set(words))
    cited = words[index + 1:index + 2] and words[index + 1] in CITING and bool(
        CITED & set(words[max(0, index - 4):index]))
    return passive or bool(cited)


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
    if phrase == ["obviously"] and following[:1] in (["you'd"], ["you"], ["you'll"]) and (
            {"rather", "prefer", "like", "want"} & set(words[end:end + 4])):
        return "sympathy"
    clause, before = _clause(sentence, start)
    if phrase == ["obviously"]:
        if FEELINGS & set(clause):
            return "sympathy"
        if not ADDRESSED & set(clause):
            return "not aimed at the customer"
    # "calm down" is aimed when it opens its clause ("Please calm down") or has "you" close
    # before it ("I need you to calm down"); "if things calm down" is about something else
    if phrase == ["calm", "down"] and set(before) - AIMED and not (
            SECOND_PERSON & set(before[-3:])):
        return "not aimed at the customer"
    if phrase == ["once", "again"] and THANKS & set(words):
        return "thanks or an apology said again"
    if phrase[:1] == ["as"] and INSIDE_THE_REPLY & set(following[:2]):
        return "points inside the reply"
    if phrase[:2] == ["as", "stated"] or phrase[:3] == ["as", "clearly", "stated"]:
        if not CITED.intersection(words[end:end + 4]):
            return "citing no rule at the customer"
    return ""


def _clause(sentence: Sentence, index: int) -> tuple[list[str], list[str]]:
    """The normalised words of the clause holding word ``index``, and those of its words
    before it."""
    words, clause_of = sentence.normal.split(), clauses(sentence)
    clause = [n for n, c in enumerate(clause_of) if c == clause_of[index]]
    return [words[n] for n in clause], [words[n] for n in clause if n < index]
