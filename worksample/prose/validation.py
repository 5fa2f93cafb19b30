"""Acknowledging the reader without a word of feeling: support leads call it validation.

Read clause by clause (a comma, colon or "if" ends one), never in a clause that opens with
"if", "whether" or "unless" (a condition or a dismissal: "whether you were right to choose
annual billing is beside the point"), and never after a negation just before the form.

Sure (the check is credited):

- **the reaction makes sense**: "makes [complete] sense" then "that you", "you'd", "you
  were" ... ("it makes sense you'd want the money back"; "it makes sense for you to take the
  credit" is advice); "understandable", "natural", "reasonable" ... then "that you ..." ("it's
  completely understandable that you were alarmed"; "to be fair" is an idiom);
- **you were right to**: "you were [absolutely] right to ..." (what they did; "you're right
  to check the terms next time" may be advice, "you were right that ..." states a fact);
- **anyone would feel it**: "would" then a verb of upset then "anyone", "everyone" or "most
  people" ("that would rattle anyone"); "anyone [in your place] would [be] worried", or
  "would feel" a feeling ("anyone would feel the pressure"; "anyone would feel sure the
  window is 30 days" is none; "most people would panic less if ..." lectures);
- **the writer would feel it too**: "I'd" or "I would" then be or feel and a word of feeling
  ("I'd be on edge too", "if I'd paid for a year, I'd be worried"), or "I'd feel the same".
  "I'd be happy to do the same" is an offer.

Left to the reviewer (may be kind, may be advice or a remark), each quoted:

- "nobody likes" or "no one enjoys" and an -ing ("nobody likes seeing a charge twice"),
  "nobody wants to ..."; "not the news anyone wants"; "the last thing you need" (not "... you
  need to do is");
- "you shouldn't have to ...", "nobody should have to ...", "not something you should have
  to ..." ("you shouldn't have to chase this", but also "you shouldn't have to call your
  bank: the hold expires");
- the customer's act or reaction called reasonable: "wanting to be sure first is entirely
  reasonable", "your instinct to wait is a sensible one" ("checking Trash first is a
  reasonable step" is advice: the noun after it must be a reaction, or none); "that's a fair
  question".
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.prose.feelings import FEELINGS
from worksample.prose.negation import clauses, is_cue
from worksample.prose.text import Sentence

SENSE_DEGREE = frozenset({"complete", "perfect", "total", "so", "much", "a", "lot", "of",
                          "good", "absolute"})
DEGREE = frozenset({"completely", "totally", "perfectly", "entirely", "very", "quite", "really",
                    "an", "a", "such", "absolutely", "fully", "more", "than", "only"})
REASONABLE = frozenset({"reasonable", "understandable", "natural", "fair", "valid",
                        "legitimate", "sensible"})
# how the reader reacted, after "makes sense" or "understandable": "that you'd want ..."
REACTING = (("that", "you"), ("that", "you'd"), ("that", "you're"), ("that", "you've"))
REACTING_AFTER_SENSE = (*REACTING, ("you'd",), ("you", "would"), ("you", "were"),
                        ("you", "want"), ("you", "wanted"), ("you", "felt"))
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
                       "scare", "unnerve", "faze", "spook", "irritate", "jolt"})
ANYONE = (("anyone",), ("anybody",))
UPSET_ONES = (*ANYONE, ("everyone",), ("everybody",), ("most", "people"))
NOBODY = (("nobody",), ("no", "one"), ("no-one",))
COMPARING = frozenset({"less", "more"})
WOULD_I = (("i'd",), ("i", "would"))
FELT = frozenset({"be", "feel"})
CONDITIONS = frozenset({"if", "whether", "unless"})
SHOULD_NOT = (("shouldn't", "have", "to"), ("should", "not", "have", "to"))


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
    words, clause_of = sentence.normal.split(), clauses(sentence)
    found = []
    for clause in sorted(set(clause_of)):
        first = clause_of.index(clause)
        own = [w for w, c in zip(words, clause_of, strict=True) if c == clause]
        if own[0] in CONDITIONS:
            continue
        for index in range(len(own)):
            form = (_makes_sense(own, index) or _right_to(own, index)
                    or _anyone_would(own, index) or _i_would_too(own, index)
                    or _maybe(own, index))
            if form is not None and not _denied(own, form.start):
                found.append(Validation(first + form.start, form.words, form.why, form.sure))
    return min(found, key=lambda f: (not f.sure, f.start), default=None)


def _denied(words: list[str], start: int) -> bool:
    """A negation in the two words before ``start`` ("it doesn't make sense that you");
    "no wonder" denies nothing."""
    return any(is_cue(w) and words[n + 1:n + 2] != ["wonder"]
               for n, w in enumerate(words[max(0, start - 2):start], max(0, start - 2)))


def _at(words: list[str], index: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[index:index + len(phrase)]) == phrase


def _any_at(words: list[str], index: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(_at(words, index, phrase) for phrase in phrases)


def _makes_sense(words: list[str], index: int) -> Validation | None:
    """"It makes sense that you'd want ...", "it's understandable that you were alarmed"."""
    word = words[index]
    if word in ("makes", "make"):
        sense = index + 1
        while sense < len(words) and words[sense] in SENSE_DEGREE:
            sense += 1
        if words[sense:sense + 1] == ["sense"] and _any_at(words, sense + 1,
                                                           REACTING_AFTER_SENSE):
            return Validation(index, " ".join(words[index:sense + 1]),
                              "says the reaction makes sense")
    if word in REASONABLE and _any_at(words, index + 1, REACTING) and (
            words[max(0, index - 2):index] != ["to", "be"]):
        return Validation(index, word, "says the reaction is reasonable")
    return None


def _right_to(words: list[str], index: int) -> Validation | None:
    """"You were [absolutely] right to ...": what the customer did."""
    if words[index] != "you" or "right" not in words[index + 1:index + 4]:
        return None
    right = words.index("right", index)
    between = words[index + 1:right]
    if words[right + 1:right + 2] == ["to"] and "were" in between and set(between) <= (
            {"were"} | DEGREE):
        return Validation(index, " ".join(words[index:right + 2]),
                          "says the customer was right to act")
    return None


def _anyone_would(words: list[str], index: int) -> Validation | None:
    """"That would rattle anyone", "anyone in your place would be worried"."""
    word = words[index]
    if (word in UPSETTING or word.rstrip("s") in UPSETTING) and index and (
            words[index - 1] == "would") and _any_at(words, index + 1, UPSET_ONES):
        return Validation(index - 1, " ".join(words[index - 1:index + 2]),
                          "says anyone would feel it")
    if not _any_at(words, index, ANYONE):
        return None
    would = next((n for n in range(index + 1, len(words)) if words[n] == "would"), None)
    if would is None:
        return None
    after = words[would + 1:would + 5]
    if COMPARING & set(after):
        return None  # "anyone would panic less if they checked": a lecture
    felt = [w for w in after if w not in ("be", "get", "feel", "the")]
    if felt[:1] and (felt[0] in FEELINGS or felt[0] in UPSETTING
                     or felt[0] in ("pressure", "uneasy", "same")) or _on_edge(after):
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
        feeling = bool(FEELINGS & set(span)) and not COMPARING & set(span[:2])
        same = words[after] == "feel" and "same" in span[:3]  # "feel [exactly] the same"
        if feeling or same or _on_edge(span):
            return Validation(index, " ".join(words[index:after + 1]),
                              "says the writer would feel the same")
    return None


def _on_edge(words: list[str]) -> bool:
    return any(_at(words, n, ("on", "edge")) for n in range(len(words)))


def _maybe(words: list[str], index: int) -> Validation | None:
    """The forms left to the reviewer (see the module docstring)."""
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
    if word in ("you", "nobody", "one") and not (word == "one" and words[index - 1:index] != [
            "no"]) and any(_at(words, index + 1, phrase) for phrase in SHOULD_NOT):
        return _unsure(words, index, index + 4, "says the customer should not have to bear it")
    if word == "you" and _at(words, index + 1, ("should", "have", "to")) and (
            words[index - 2:index] == ["not", "something"] or words[index - 1:index] in (
            ["nothing"], ["never"])):
        lead = 2 if words[index - 1] == "something" else 1
        return _unsure(words, index - lead, index + 4,
                       "says the customer should not have to bear it")
    if word in REASONABLE and _said_of_the_customers_act(words, index):
        return _unsure(words, index, index + 1, "calls the customer's reaction reasonable")
    if (word in QUESTION_PRAISE and words[index + 1:index + 2] == ["question"]
            and words[index - 1:index] == ["a"] and index >= 2 and words[index - 2] in SAYING_SO
            and index + 2 == len(words)):
        return _unsure(words, index, index + 2, "calls the question fair")
    return None


def _unsure(words: list[str], start: int, end: int, why: str) -> Validation:
    return Validation(start, " ".join(words[start:end]), why, sure=False)


def _said_of_the_customers_act(words: list[str], index: int) -> bool:
    """Whether "reasonable" (or its kin) at ``index`` is said of what the customer did or
    wants: "is [a] [completely] reasonable" after a clause that opens with their act
    ("wanting to be sure ... is entirely reasonable") or names their reaction ("your
    instinct to wait is a sensible one"), and no noun after it but a reaction ("a perfectly
    natural response"; "a reasonable step" is advice)."""
    link = index - 1
    while link >= 0 and words[link] in DEGREE:
        link -= 1
    if link < 1 or words[link] not in ("is", "was", "seems", "sounds"):
        return False
    following = words[index + 1:index + 2]
    if following and following[0] not in REACTIONS | {"one", "to"}:
        return False
    an_act = words[0].endswith("ing") and words[0] not in NOT_ACTS
    a_reaction = any(words[n] == "your" and words[n + 1] in REACTIONS for n in range(link - 1))
    return an_act or a_reaction
