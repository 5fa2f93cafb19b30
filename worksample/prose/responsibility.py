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
  "up to you to", "as the terms say" (citing a rule at the reader), and advice for next time
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
  customer, users, the account holder ...) then a duty, right after a possessive ("the
  customer's [own] job") or after linking words ("customers are [always] responsible"): sure
  for "responsible", "liable", "accountable", "responsibility", "job", "duty", "obligation";
  left to the reviewer for "required", "obliged", "expected", "supposed". "The fault lies with
  the user", "the onus is on the customer", "it falls to the account owner to" are sure; "up
  to" or "down to the customer" is left to the reviewer. None: a reader's word inside another
  noun ("customer support is responsible"; "down to each customer's bank"), some customers
  (``QUANTIFIERS``: "many customers are required to file"), a duty denied in its clause ("it
  is not the customer's job") or ours ("customers are our responsibility", "our fault"), a
  choice offered ("whether to keep it is up to the account owner").
- **a rule said to be clear** (left to the reviewer): a rule document then "is" or "are" and
  "clear", or "could not be clearer" ("our refund policy is clear that annual plans can only
  be refunded within 30 days"; but "the policy is very clear that a pending authorisation is
  not a charge" is good news, and no form tells the two apart); none in the reader's favour
  ("clear that you're entitled to credit"). A rule "clearly", "plainly" or "explicitly" shown,
  stated or set out, the rule its subject or a rule's place after it ("the limit is clearly
  shown at checkout"): sure when the sentence names a rule document, else left to the
  reviewer, as is a page that "clearly explains that ...". Denied, it is the company's
  failure ("our terms aren't clear enough"); wished or promised ("our policy should be
  clear", "I'll make sure the terms are clearly explained") and how to do something ("the
  page clearly explains how to download it") are none. So is consent to terms cited in the
  reader's favour ("the terms you agreed to work in your favour").

A phrase of a blame list said in a plain or kind sense is read by ``plain_sense``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from worksample.prose.negation import TURNING, clauses, is_cue
from worksample.prose.text import Sentence

SECOND_PERSON = frozenset({"you", "you've", "you'd", "you're"})
CONSENTED = frozenset({"agreed", "accepted", "signed", "consented", "acknowledged"})
DOCUMENTS = frozenset({"terms", "policy", "policies", "conditions", "agreement", "contract",
                       "t&cs", "tos"})
CONDITIONS = frozenset({"if", "once", "unless"})
DUTY = frozenset({"responsible", "required", "obliged", "obligated", "liable"})
MAYBE_DUTY = frozenset({"supposed", "meant", "expected", "needed"})
ANY_DUTY = DUTY | MAYBE_DUTY
CITING = frozenset({"state", "states", "say", "says", "stated", "explain", "explains",
                    "specify", "specifies", "outline", "outlines"})
NEXT_TIME = (("in", "future"), ("in", "the", "future"), ("for", "the", "future"),
             ("next", "time"), ("for", "future", "reference"), ("going", "forward"))
_NEXT_TIME_FIRST = frozenset(phrase[0] for phrase in NEXT_TIME)
# words of a choice offered, not a duty: "up to you whether ..."
CHOICE = frozenset({"whether", "which", "if", "how", "when", "what"})
BE = frozenset({"were", "was", "are", "is", "be", "been", "you're"})
# what citing a rule at the reader names: "as stated in the terms", "as explained in my email"
CITED = DOCUMENTS | {"email", "emails", "message", "website", "faq", "page", "confirmation",
                     "reply", "signup", "checkout"}
PAST_CONDITION = (("had", "you"), ("if", "you", "had"), ("if", "you'd"))
_PAST_CONDITION_FIRST = frozenset(phrase[0] for phrase in PAST_CONDITION)
WOULD_HAVE = (("would", "have"), ("would've",), ("you'd", "have"), ("could", "have"),
              ("could've",), ("wouldn't", "have"), ("it'd", "have"))
_WOULD_HAVE_FIRST = frozenset(phrase[0] for phrase in WOULD_HAVE)
REACH = 2  # words between "you" and the verb: "you [have] agreed", "you [were] [also] responsible"
# the reader named in the third person: "it is the customer's responsibility"
READERS = frozenset({"customer", "customer's", "customers", "user", "user's", "users", "holder",
                     "holder's", "holders", "owner", "owner's", "owners", "subscriber",
                     "subscriber's", "subscribers", "buyer", "buyer's", "buyers", "purchaser",
                     "purchaser's", "purchasers", "client", "client's", "clients"})
DUTY_NOUNS = frozenset({"responsibility", "job", "duty", "obligation"})
SURE_DUTY = frozenset({"responsible", "liable", "accountable"}) | DUTY_NOUNS
# between the reader and the duty: "customers [are] [always] responsible"; any other word
# makes the reader a word of another noun ("customer support is responsible")
LINKS = BE | {"is", "are", "remain", "remains", "always", "also", "solely", "fully", "entirely",
              "ultimately", "themselves", "generally", "normally"}
POSSESSED_LINKS = frozenset({"own", "sole"})  # "the customer's own responsibility"
# before the reader: some customers, not the reader ("many customers are required to file")
QUANTIFIERS = frozenset({"many", "some", "most", "plenty", "lots", "several", "other", "few",
                         "certain", "numerous"})
NOUN_LEAD = frozenset({"the", "a", "an", "account", "each", "every"})
BLAME_NOUNS = DUTY_NOUNS | {"fault", "onus", "blame"}
PLACED = frozenset({"lies", "lay", "rests", "rested", "is", "was", "falls", "fell"})
OURS = frozenset({"our", "we", "my", "i", "us"})
# a choice offered, not a duty: "choosing between credit and a switch is up to the holder"
CHOOSING = CHOICE | {"choose", "choosing", "choice", "decide", "deciding", "decision", "prefer"}
CLEARLY = frozenset({"clearly", "plainly", "explicitly"})
CLEAR_WORDS = CLEARLY | {"clear", "clearer"}
# the words after which ``lecture``'s readings look at the clauses, and only they
_READ_IN_CLAUSES = _NEXT_TIME_FIRST | READERS | CLEAR_WORDS
# a rule "clearly shown": its subject (before) or where it is shown (after)
RULE_WORDS = DOCUMENTS | {"limit", "window", "period", "deadline", "rule", "rules"}
RULE_PLACES = DOCUMENTS | {"checkout", "signup", "faq", "website", "pricing"}
SHOWN = frozenset({"shown", "stated", "explained", "displayed", "marked", "listed", "written",
                   "outlined", "described", "mentioned"})
SHOWN_OUT = frozenset({"set", "spelled", "spelt", "laid"})  # only with "out": "set out"
DEGREE = frozenset({"very", "quite", "really", "perfectly", "pretty", "completely", "100%"})
# what a rule called clear says in the reader's favour
FAVOURING = frozenset({"favour", "favor", "entitled", "eligible", "welcome"})
FUTURE = frozenset({"will", "we'll", "it'll", "i'll", "they'll", "shall", "ensure", "sure"})
WISHED = frozenset({"should", "must", "would", "ought"})  # "our policy should be clear"
FUTURE_OR_WISHED = FUTURE | WISHED
# after "should have" or "must have": a thing had, not a thing done ("you should have the
# credit by Monday", "you must have the owner role", "you shouldn't have any trouble")
HAD_THINGS = frozenset({"to", "the", "a", "an", "your", "any", "no", "it", "them", "this",
                        "that", "these", "those", "access", "one", "two", "some", "all",
                        "everything", "nothing", "something"})


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
    # the clauses are read only for a sentence with a word whose reading needs them
    clause_of = () if _READ_IN_CLAUSES.isdisjoint(words) else clauses(sentence)
    found = [*_consent(words), *_duty(words), *_next_time(words, clause_of),
             *_reproach(words), *_readers_duty(words, clause_of), *_clear_rule(words, clause_of)]
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
    if not DOCUMENTS & set(words) or FAVOURING & set(words):
        return  # "the terms you agreed to work in your favour here" cites no rule against you
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
    for you, duty in _after_you(words, ANY_DUTY):
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
        if word == "your" and words[index + 1] == "responsibility" \
                and not _denied(words, index, index):
            yield Lecture(index, "your responsibility", "tells the customer it was their duty",
                          sure=True)
        # "it was up to you to cancel"; "it's up to you" alone, or with "whether", offers a
        # choice
        if word == "up" and words[index + 1:index + 4] == ["to", "you", "to"]:
            yield Lecture(index, "up to you to", "may tell the customer it was their duty",
                          sure=False)
        if word in SECOND_PERSON and _should_have_done(words, index + 1):
            yield Lecture(index, " ".join(words[index:index + 3]),
                          "tells the customer what they should have done", sure=True)


def _should_have_done(words: list[str], at: int) -> bool:
    """Whether the words at ``at`` say what the reader should have done: "ought to have",
    "shouldn't have", "should not have", then a verb ("you shouldn't have deleted them"); not
    "shouldn't have to chase us" (sympathy) or "shouldn't have any trouble" (a forecast)."""
    for phrase in (("ought", "to", "have"), ("shouldn't", "have"), ("shouldn't", "'ve"),
                   ("should", "not", "have")):
        if tuple(words[at:at + len(phrase)]) == phrase:
            following = words[at + len(phrase):at + len(phrase) + 1]
            return bool(following) and following[0] not in HAD_THINGS
    return False


def _next_time(words: list[str], clause_of: list[int]):
    """Advice opening a clause ("For the future, ...", "Next time, ..."); "use it in the
    future" is no advice."""
    for index in range(len(words)):
        if words[index] not in _NEXT_TIME_FIRST \
                or index and clause_of[index] == clause_of[index - 1]:
            continue
        for phrase in NEXT_TIME:
            if tuple(words[index:index + len(phrase)]) == phrase:
                yield Lecture(index, " ".join(phrase),
                              "advises the customer what to do next time", sure=False)


def _reproach(words: list[str]):
    """A condition on what the reader did, with what would have followed: "had you written in
    the first month, this would have been simple" (left to the reviewer)."""
    if _PAST_CONDITION_FIRST.isdisjoint(words):
        return
    # where the last "would have" starts, found once: a sentence may hold thousands of "had you"
    last_would = max((later for later, word in enumerate(words) if word in _WOULD_HAVE_FIRST
                      and any(tuple(words[later:later + len(w)]) == w for w in WOULD_HAVE)),
                     default=-1)
    for index in range(last_would + 1):
        if words[index] not in _PAST_CONDITION_FIRST:
            continue
        for phrase in PAST_CONDITION:
            if (tuple(words[index:index + len(phrase)]) == phrase
                    and words[index + len(phrase):index + len(phrase) + 1] != ["like"]):
                yield Lecture(index, " ".join(phrase),
                              "may reproach the customer for what they did", sure=False)
                return


def _readers_duty(words: list[str], clause_of: list[int]):
    """A duty put on the reader in the third person: "the customer's responsibility",
    "account holders are responsible for", "the fault lies with the user", "up to the
    customer"; not a word of another noun ("customer support"), some customers ("many
    customers"), a duty denied in its clause, or a choice offered."""
    if READERS.isdisjoint(words):
        return
    # each clause's words and its first negation, read once: a sentence may name thousands
    said_in: dict[int, set[str]] = {}
    first_cue: dict[int, int] = {}
    for n, (said, clause) in enumerate(zip(words, clause_of, strict=True)):
        said_in.setdefault(clause, set()).add(said)
        if clause not in first_cue and is_cue(said):
            first_cue[clause] = n
    for index, word in enumerate(words):
        if word not in READERS or QUANTIFIERS & set(words[max(0, index - 3):index]):
            continue
        if first_cue.get(clause_of[index], index) < index:
            continue  # "it is not the customer's job"
        duty = _duty_after(words, index)
        if duty is not None:
            if not any(is_cue(w) for w in words[index:duty]):  # "users are not responsible"
                yield Lecture(index, " ".join(words[index:duty + 1]),
                              "tells the customer it was their duty",
                              sure=words[duty] in SURE_DUTY)
            continue
        if word.endswith("'s") or not _ends_noun_phrase(words, index, clause_of):
            continue  # "down to each customer's bank", "on the user dashboard"
        lead = index  # "up to the account owner": the words before the noun phrase
        while lead and words[lead - 1] in NOUN_LEAD:
            lead -= 1
        before = words[max(0, lead - 2):lead]
        if before in (["up", "to"], ["down", "to"]) and CHOOSING.isdisjoint(
                said_in[clause_of[index]]):
            yield Lecture(lead - 2, " ".join(words[lead - 2:index + 1]),
                          "may tell the customer it was their duty", sure=False)
        elif _fault_placed(words, lead, clause_of, said_in):
            fault = words[lead - 2] not in ("falls", "fell")  # "it falls to ... to": a duty
            yield Lecture(lead - 2, " ".join(words[lead - 2:index + 1]),
                          f"tells the customer it was their {'fault' if fault else 'duty'}",
                          sure=True)


def _fault_placed(words: list[str], lead: int, clause_of: list[int],
                  said_in: dict[int, set[str]]) -> bool:
    """Whether the two words before the reader's noun phrase (at ``lead``) place a fault or
    a duty on it: "the fault lies with [the user]", "the onus is on [the customer]", "it
    falls to [the account owner] to ..." (``said_in``: each clause's words)."""
    before = words[max(0, lead - 2):lead]
    if before in (["falls", "to"], ["fell", "to"]):
        # "whether to renew falls to the account owner": a choice offered
        return CHOOSING.isdisjoint(said_in[clause_of[lead]])
    return (len(before) == 2 and before[0] in PLACED and before[1] in ("with", "on")
            and _blame_noun_before(words, lead - 2, clause_of))


def _duty_after(words: list[str], index: int) -> int | None:
    """The duty word said of the reader at ``index``: right after a possessive ("the
    customer's [own] job"), or after linking words ("customers are [always] responsible";
    "expected" or "supposed" only after "are" or "is"); else None."""
    possessive = words[index].endswith("'s")
    after = words[index + 1:index + REACH + 3]
    for offset, later in enumerate(after):
        if possessive:
            duties, links = DUTY_NOUNS, POSSESSED_LINKS
        else:
            maybe = MAYBE_DUTY - {"needed"} if BE & set(after[:offset]) else frozenset()
            duties, links = SURE_DUTY | DUTY | maybe, LINKS
        if later in duties:
            return index + 1 + offset
        if later not in links:
            return None
    return None


def _ends_noun_phrase(words: list[str], index: int, clause_of: list[int]) -> bool:
    """Whether the reader at ``index`` ends its noun phrase: the sentence or its clause ends
    there, or a word that cannot extend a noun follows ("to", "and", "which" ...)."""
    if index + 1 == len(words) or clause_of[index + 1] != clause_of[index]:
        return True
    return words[index + 1] in {"to", "and", "or", "not", "alone", "which", "who", "here",
                                "now", "then", "themselves"}


def _blame_noun_before(words: list[str], end: int, clause_of: list[int]) -> bool:
    """A blame noun ("fault", "onus") in the clause before ``end``, not ours ("our fault")."""
    for n in range(max(0, end - 4), end):
        if words[n] in BLAME_NOUNS and clause_of[n] == clause_of[end]:
            return not (n and words[n - 1] in OURS)
    return False


def _clear_rule(words: list[str], clause_of: list[int]):
    """A rule said to be clear against the reader ("our refund policy is clear that annual
    plans can only be refunded within 30 days"; in their favour it is none, and otherwise
    for the reviewer), or a rule clearly shown or stated where the reader could see it
    ("the limit is clearly shown at checkout")."""
    if CLEAR_WORDS.isdisjoint(words):
        return  # most sentences: and only those with one have their clauses read
    # read in one pass each way, not again for each "clear": a sentence may hold thousands
    favouring_next = _next_where(words, lambda word: word in FAVOURING)
    turn_next = _next_where(words, lambda word: word in TURNING or word == "so")
    documents = bool(DOCUMENTS & set(words))
    wishing: set[int] = set()  # the clauses a future or a wish opens before the word read
    for index, word in enumerate(words):
        if index and words[index - 1] in FUTURE_OR_WISHED:
            wishing.add(clause_of[index - 1])
        if word not in CLEAR_WORDS:
            continue
        if clause_of[index] in wishing:
            continue  # "we'll make sure our terms are clear", "our policy should be clear"
        if favouring_next[index] < turn_next[index]:
            # what the rule is said to say, up to a turn ("but", "however") or "so", is in the
            # reader's favour: "the policy is clear that you're entitled to credit"
            continue
        if word in ("clear", "clearer") and _rule_called_clear(words, index):
            # for the reviewer: what the rule is said to say may be held against the reader
            # or be good news ("clear that a pending authorisation is not a charge")
            yield Lecture(index - 1, " ".join(words[index - 1:index + 1]),
                          "may tell the customer the rule was clear", sure=False)
        if word in CLEARLY and _shown_clearly(words, index):
            passive = bool(SHOWN & set(words[max(0, index - 1):index + 2]))
            yield Lecture(index, " ".join(words[index:index + 2]),
                          "tells the customer the rule was plain to see",
                          sure=passive and documents)


def _next_where(words: list[str], wanted: Callable[[str], bool]) -> list[int]:
    """For each word, where the next word after it that is ``wanted`` stands (``len(words)``
    when none is)."""
    following, found = [len(words)] * len(words), len(words)
    for index in range(len(words) - 1, -1, -1):
        following[index] = found
        if wanted(words[index]):
            found = index
    return following


def _rule_called_clear(words: list[str], index: int) -> bool:
    """Whether "clear" at ``index`` is said of a rule document: "the policy is [very] clear",
    "the terms could not be clearer"; "our terms aren't clear enough" is our failure."""
    before = [w for w in words[max(0, index - 6):index] if w not in DEGREE]
    if words[index] == "clearer":  # "could not be clearer": as clear as can be
        negated_be = before[-3:] in (["could", "not", "be"], ["can", "not", "be"]) or before[
            -2:] in (["couldn't", "be"], ["cannot", "be"])
        return negated_be and bool(DOCUMENTS & set(before[:-2]))
    return (bool(before) and before[-1] in BE and bool(DOCUMENTS & set(before[-4:-1]))
            and not _denied(words, index - 2, index))


def _shown_clearly(words: list[str], index: int) -> bool:
    """Whether "clearly" (or "plainly" ...) at ``index`` says a rule was there to read: a rule
    "is clearly shown" or "was stated plainly" ("set", "laid", "spelled" only with "out"),
    the rule its subject or a rule's place after it ("at checkout", "in the terms"); or a page
    that "clearly explains that ..."; not denied. Not what we will do either ("I'll make sure
    the terms are clearly explained"): ``_clear_rule`` asks only of a clause that no future
    or wish opens."""
    if _denied(words, index - 2, index + 1):
        return False
    near = words[max(0, index - 1):index + 2]
    participle = next((n for n in range(max(0, index - 1), min(len(words), index + 2))
                       if words[n] in SHOWN or words[n] in SHOWN_OUT
                       and words[n + 1:n + 2] == ["out"]), None)
    if participle is not None and BE & set(words[max(0, index - 3):index]):
        subject = words[max(0, index - 6):max(0, index - 1)]
        place = words[participle + 1:participle + 6]
        return bool(RULE_WORDS & set(subject) or RULE_PLACES & set(place))
    explains = words[index + 1:index + 2] and words[index + 1] in CITING and not SHOWN & set(near)
    return bool(explains and CITED & set(words[max(0, index - 4):index])
                and (words[index + 2:index + 3] == ["that"]
                     or RULE_WORDS & set(words[index + 2:index + 6])))
