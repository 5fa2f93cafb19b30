"""Acknowledging the reader without a word of feeling: support leads call it validation.

Read clause by clause (``negation.clauses``: a comma, colon, "if" or "but" ends one; "so"
before a word that cannot open a clause intensifies: "I'd be so worried too"), never in a
clause that opens with "if", "whether" or "unless" (a condition or a dismissal: "whether you
were right to choose annual billing is beside the point"), and never after a negation in the
four words before it ("I'm not convinced that you were right to"; "no wonder" denies nothing).

Sure (the check is credited):

- **the reaction makes sense**: "makes [complete] sense" or "understandable", "natural",
  "reasonable" ..., then "[that] you" and a reaction: a verb of wanting, feeling, asking,
  checking, or a feeling ("it makes sense you'd want the money back", "it's completely
  understandable that you were alarmed"; "it makes sense for you to take the credit" is
  advice, "it makes sense that you were charged twice" an explanation, "it's only fair that
  you pay" a rule);
- **you were right to**: "you were [absolutely] right to ..." (what they did; "you're right
  to check the terms next time" may be advice, "you were right that ..." states a fact);
- **anyone would feel it**: "would" then a verb of upset then "anyone" ("that would rattle
  anyone"; "would irritate most people" speaks of others); "anyone [in your place] would
  [be] worried", or "would feel" a feeling or the same ("anyone would feel the pressure";
  "anyone would feel sure the window is 30 days" and "anyone would get the same answer" are
  none; "most people would panic less if ..." lectures);
- **the writer would feel it too**: "I'd" or "I would" then be or feel and a word of feeling
  ("I'd be on edge too", "if I'd paid for a year, I'd be worried"), or "I'd feel the same".
  "I'd be happy to do the same" is an offer.

Left to the reviewer (may be kind, may be advice or a remark), each quoted:

- "nobody likes" or "no one enjoys" and an -ing ("nobody likes seeing a charge twice"),
  "nobody wants to ..."; "not the news anyone wants"; "the last thing you need" (not "... you
  need to do is");
- "you shouldn't have to ...", "you should never have to ...", "nobody should have to ...",
  "not something you should have to ..." ("you shouldn't have to chase this", but also "you
  shouldn't have to call your bank: the hold expires");
- the customer's act or reaction called reasonable: "wanting to be sure first is entirely
  reasonable", "your instinct to wait is a sensible one" ("checking Trash first is a
  reasonable step" is advice: the noun after it must be a reaction, or none); "that's a fair
  question".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from worksample.prose.feelings import FEELINGS
from worksample.prose.negation import clauses, is_cue
from worksample.prose.text import Sentence

SENSE_DEGREE = frozenset({"complete", "perfect", "total", "so", "much", "a", "lot", "of",
                          "good", "absolute"})
INTENSIFYING = frozenset({"completely", "totally", "perfectly", "entirely", "very", "quite",
                          "really", "an", "a", "such", "absolutely", "fully", "more", "than",
                          "only", "so"})
# said of a reaction ("it's understandable that you were alarmed"); "fair" is said of rules
# too ("it's only fair that you pay for both seats"): only a reaction called so is left to
# the reviewer
REASONABLE = frozenset({"reasonable", "understandable", "natural", "valid", "legitimate",
                        "sensible"})
REASONABLE_ACTS = REASONABLE | {"fair"}
YOU = ("you", "you'd", "you're", "you've")
# what the reader did or felt, after "you": "that you'd want", "you were alarmed"; "that you
# were charged twice" or "that you cover the fee" is no reaction
# ("got", "came", "reached" are events: "that you got two receipts", "that you reached the
# Billing page")
REACTION_VERBS = frozenset({"want", "wanted", "wants", "feel", "felt", "thought", "think",
                            "expected", "expect", "asked", "ask", "wrote", "checked", "noticed",
                            "assumed", "wondered", "contacted", "raised", "flagged",
                            "questioned", "hoped", "double-checked", "worry", "worried",
                            "panicked"})
QUESTION_PRAISE = frozenset({"fair", "good", "great", "reasonable", "valid", "sensible"})
SAYING_SO = frozenset({"that's", "it's", "is", "was"})  # "that's a fair question"
# what a reaction called reasonable is: "a perfectly natural response"; "a reasonable step"
# is advice
REACTIONS = frozenset({"question", "reaction", "request", "instinct", "concern", "worry",
                       "response", "instincts", "concerns", "worries", "thing"})
NOT_ACTS = frozenset({"nothing", "something", "anything", "everything", "morning", "evening",
                      "thing", "ring", "spring", "during", "according", "regarding", "king"})
# "would rattle anyone": verbs of upset with no plain sense a reply uses ("concern", "throw"
# have one: "this rule would concern anyone who bought a plan")
UPSETTING = frozenset({"rattle", "worry", "unsettle", "upset", "alarm", "panic", "stress",
                       "frighten", "shake", "annoy", "frustrate", "bother", "fluster",
                       "scare", "unnerve", "faze", "spook", "irritate"})
# anyone in the reader's place; "would irritate most people" or "would jolt everyone on your
# team back" speaks of others
ANYONE = (("anyone",), ("anybody",))
NOBODY = (("nobody",), ("no", "one"), ("no-one",))
COMPARING = frozenset({"less", "more"})
WOULD_I = (("i'd",), ("i", "would"))
FELT = frozenset({"be", "feel"})
OPENING_CONDITIONS = frozenset({"if", "whether", "unless"})
NOT_A_VERB = frozenset({"a", "an", "the", "some", "within", "about", "around", "and", "this",
                        "that", "what", "your", "my", "one", "two", "half"})
NEGATION_REACH = 4  # words before a form where a negation denies it
# a word every form needs one of ("makes", "right", "anyone", "would" ...)
TRIGGERS = REASONABLE_ACTS | {"makes", "make", "right", "anyone", "anybody", "i'd", "would",
                              "nobody", "no", "news", "answer", "last", "should", "shouldn't",
                              "question"}
SHOULD_NOT = (("shouldn't", "have", "to"), ("should", "not", "have", "to"),
              ("should", "never", "have", "to"))
NOBODY_SHOULD = (("nobody", "should", "have", "to"), ("no", "one", "should", "have", "to"))


@dataclass(frozen=True)
class Validation:
    """Where a sentence validates the reader: its first word, its words, how, and whether
    sure (else it is left to the reviewer)."""

    start: int
    words: str
    why: str
    sure: bool = True


def validation(sentence: Sentence) -> Validation | None:
    """How ``sentence`` validates the reader's situation (a sure form before one left to the
    reviewer), or None."""
    if TRIGGERS.isdisjoint(sentence.tokens):
        return None  # most sentences hold no word any form needs: a set lookup, not a scan
    found = []
    for first, own in _clauses(sentence):
        if own[0] in OPENING_CONDITIONS:
            continue
        for index in range(len(own)):
            form = (_makes_sense(own, index) or _right_to(own, index)
                    or _anyone_would(own, index) or _i_would_too(own, index)
                    or _left_to_the_reviewer(own, index))
            if form is not None and not _negated(own, form.start):
                found.append(Validation(first + form.start, form.words, form.why, form.sure))
    return min(found, key=lambda f: (not f.sure, f.start), default=None)


class _ClauseWords(list):
    """A clause's words, with what some forms ask of the whole clause read once: a clause may
    say a form's word thousands of times ("anyone anyone ...", "is fair one is fair one")."""

    @cached_property
    def next_would(self) -> list[int | None]:
        """The first "would" after each word (None where none follows)."""
        found: list[int | None] = [None] * len(self)
        for index in range(len(self) - 2, -1, -1):
            found[index] = index + 1 if self[index + 1] == "would" else found[index + 1]
        return found

    @cached_property
    def first_reaction(self) -> int:
        """Where "your" first stands before a reaction ("your instinct"), else the length."""
        return next((n for n in range(len(self) - 1)
                     if self[n] == "your" and self[n + 1] in REACTIONS), len(self))


def _clauses(sentence: Sentence) -> list[tuple[int, _ClauseWords]]:
    """The sentence's clauses as (index of the first word, words)."""
    joined: list[tuple[int, _ClauseWords]] = []
    clause_of = clauses(sentence)
    for index, word in enumerate(sentence.normal.split()):
        if index == 0 or clause_of[index] != clause_of[index - 1]:
            joined.append((index, _ClauseWords()))
        joined[-1][1].append(word)
    return joined


def _negated(words: list[str], start: int) -> bool:
    """A negation in the four words of the clause before ``start`` ("it doesn't make sense
    that you", "I'm not convinced that you were right to"; not the subject's own: "wanting
    to be sure you won't be charged again is entirely reasonable"); "no wonder" denies
    nothing."""
    begin = max(0, start - NEGATION_REACH)
    return any(is_cue(word) and words[n + 1:n + 2] != ["wonder"]
               for n, word in enumerate(words[begin:start], begin))


def _at(words: list[str], index: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[index:index + len(phrase)]) == phrase


def _any_at(words: list[str], index: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(_at(words, index, phrase) for phrase in phrases)


def _makes_sense(words: list[str], index: int) -> Validation | None:
    """"It makes sense that you'd want ...", "it's understandable that you were alarmed"."""
    word = words[index]
    after = None
    if word in ("makes", "make"):
        sense = index + 1
        while sense < len(words) and words[sense] in SENSE_DEGREE:
            sense += 1
        if words[sense:sense + 1] == ["sense"]:
            after = sense + 1
    elif word in REASONABLE and words[max(0, index - 2):index] != ["to", "be"]:
        after = index + 1
    if after is not None and _a_reaction(words, after):
        why = "says the reaction makes sense" if word in ("makes", "make") else (
            "says the reaction is reasonable")
        return Validation(index, " ".join(words[index:after]), why)
    return None


def _a_reaction(words: list[str], index: int) -> bool:
    """Whether the words at ``index`` say how the reader reacted: "[that] you'd want ...",
    "you were alarmed", "you felt ..."; not "that you were charged twice"."""
    if words[index:index + 1] == ["that"]:
        index += 1
    if not words[index:index + 1] or words[index] not in YOU:
        return False
    following = [w for w in words[index + 1:index + 4] if w not in ("were", "be", "would",
                                                                    "have", "had", "so")]
    return bool(following) and (following[0] in REACTION_VERBS or following[0] in FEELINGS
                                or following[0] in ("alarmed", "concerned", "confused"))


def _right_to(words: list[str], index: int) -> Validation | None:
    """"You were [absolutely] right to ...": what the customer did."""
    if words[index] != "you" or "right" not in words[index + 1:index + 4]:
        return None
    right = words.index("right", index)
    between = words[index + 1:right]
    after_to = words[right + 2:right + 3]
    # "you were right to flag it"; "you were only right to a point", "right to the cent" agree
    # with a part or a number
    if words[right + 1:right + 2] == ["to"] and "were" in between and set(between) <= (
            {"were"} | INTENSIFYING) - {"only"} and after_to and (
            after_to[0] not in NOT_A_VERB and not after_to[0][0].isdigit()):
        return Validation(index, " ".join(words[index:right + 2]),
                          "says the customer was right to act")
    return None


def _anyone_would(words: _ClauseWords, index: int) -> Validation | None:
    """"That would rattle anyone", "anyone in your place would be worried"."""
    word = words[index]
    if word in UPSETTING and index and words[index - 1] == "would" and _any_at(
            words, index + 1, ANYONE):
        return Validation(index - 1, " ".join(words[index - 1:index + 2]),
                          "says anyone would feel it")
    if not _any_at(words, index, ANYONE):
        return None
    would = words.next_would[index]
    if would is None:
        return None
    after_would = words[would + 1:would + 5]
    if COMPARING & set(after_would) or any(map(is_cue, after_would)):
        return None  # "anyone would panic less if ...": a lecture; "would not be" denies it
    felt = [w for w in after_would if w not in ("be", "get", "feel", "the", "so")]
    # "anyone would feel the same"; "anyone ... would get the same answer" is a fact
    same = after_would[:1] == ["feel"] and "same" in after_would[1:4]
    feeling = same or bool(felt) and (felt[0] in FEELINGS or felt[0] in UPSETTING
                                      or felt[0] in ("pressure", "uneasy"))
    if feeling or _on_edge(after_would):
        return Validation(index, " ".join(words[index:would + 2]),
                          "says anyone would feel it")
    return None


def _i_would_too(words: list[str], index: int) -> Validation | None:
    """"I'd be worried too", "I'd feel the same"; "I'd be happy to do the same" is none."""
    for would in WOULD_I:
        after = index + len(would)
        if not _at(words, index, would) or words[after:after + 1] == [] or (
                words[after] not in FELT):
            continue
        span = words[after + 1:after + 5]
        feeling = bool(FEELINGS & set(span)) and not COMPARING & set(span[:2]) and not any(
            map(is_cue, span))
        same = words[after] == "feel" and "same" in span[:3]  # "feel [exactly] the same"
        if feeling or same or _on_edge(span):
            return Validation(index, " ".join(words[index:after + 1]),
                              "says the writer would feel the same")
    return None


def _on_edge(words: list[str]) -> bool:
    return any(_at(words, n, ("on", "edge")) for n in range(len(words)))


def _left_to_the_reviewer(words: _ClauseWords, index: int) -> Validation | None:
    """The forms that may be kind or may be a remark, left to the reviewer (see the module
    docstring)."""
    word = words[index]
    for nobody in NOBODY:
        after = index + len(nobody)
        if _at(words, index, nobody) and words[after:after + 1] in (["likes"], ["enjoys"]) and (
                words[after + 1:after + 2] and words[after + 1].endswith("ing")) or _at(
                words, index, nobody) and _at(words, after, ("wants", "to")):
            return _unsure(words, index, after + 1, "says no one would want it")
    if word in ("news", "answer") and _any_at(words, index + 1, ANYONE) and (
            words[index + 2:index + 3] in (["wants"], ["hopes"])):
        cue = next((n for n in range(max(0, index - 3), index) if is_cue(words[n])), None)
        if cue is not None:
            return _unsure(words, cue, index + 3, "says no one would want it")
    if _at(words, index, ("the", "last", "thing")) or _at(words, index,
                                                         ("the", "very", "last", "thing")):
        you = index + (4 if words[index + 1] == "very" else 3)
        if words[you:you + 1] == ["you"] and words[you + 1:you + 2] == ["need"] and (
                words[you + 2:you + 3] != ["to"]):
            return _unsure(words, index, you + 2,
                           "says it is the last thing the customer needs")
    for phrase in SHOULD_NOT:
        if word == "you" and _at(words, index + 1, phrase):
            return _unsure(words, index, index + 1 + len(phrase),
                           "says the customer should not have to bear it")
    for phrase in NOBODY_SHOULD:
        if _at(words, index, phrase):
            return _unsure(words, index, index + len(phrase),
                           "says the customer should not have to bear it")
    if word == "you" and _at(words, index + 1, ("should", "have", "to")) and (
            words[index - 2:index] == ["not", "something"] or words[index - 1:index] in (
            ["nothing"], ["never"])):
        lead = 2 if words[index - 1] == "something" else 1
        return _unsure(words, index - lead, index + 4,
                       "says the customer should not have to bear it")
    if word in REASONABLE_ACTS and _said_of_the_customers_act(words, index):
        return _unsure(words, index, index + 1, "calls the customer's reaction reasonable")
    if (word in QUESTION_PRAISE and words[index + 1:index + 2] == ["question"]
            and words[index - 1:index] == ["a"] and index >= 2 and words[index - 2] in SAYING_SO
            and index + 2 == len(words)):
        return _unsure(words, index, index + 2, "calls the question fair")
    return None


def _unsure(words: list[str], start: int, end: int, why: str) -> Validation:
    return Validation(start, " ".join(words[start:end]), why, sure=False)


def _said_of_the_customers_act(words: _ClauseWords, index: int) -> bool:
    """Whether "reasonable" (or its kin) at ``index`` is said of what the customer did or
    wants: "is [a] [completely] reasonable" after a clause that opens with their act
    ("wanting to be sure ... is entirely reasonable") or names their reaction ("your
    instinct to wait is a sensible one"), and no noun after it but a reaction ("a perfectly
    natural response"; "a reasonable step" is advice)."""
    link = index - 1
    while link >= 0 and words[link] in INTENSIFYING:
        link -= 1
    if link < 1 or words[link] not in ("is", "was", "seems", "sounds"):
        return False
    following = words[index + 1:index + 2]
    if following and following[0] not in REACTIONS | {"one", "to"}:
        return False
    an_act = words[0].endswith("ing") and words[0] not in NOT_ACTS
    a_reaction = words.first_reaction < link - 1
    return an_act or a_reaction

