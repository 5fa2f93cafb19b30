"""Ways a clause tells a statement's thing other than by its own verb: in a headline, by a
light verb, as received by the reader, or as on its way.

``events.told_as_event`` reads a statement's own word telling it ("has been refunded", "I'll
refund"); these read what is left, with the same guards applied by the caller:

- **a headline**: the thing's noun first, a word of completion last ("Refund issued", "Cash
  refund done", "refund for the duplicate charge done"; not "Refund check complete");
- **a light verb**: "do", "make" or "give" with the thing as its object ("we will do the
  refund", "we'll give you a refund"; ``light_verb``, which the caller reads as the thing's
  own verb);
- **received by the reader**: "you'll get", "you will be receiving", "you should see" before
  the thing, or before "back" for a statement with "back" ("you should see the $290 back");
  or expected by the reader: "you can expect", "you should expect", "expect" as an order
  ("you can expect the full $290 back on your card", "please expect the refund to reach your
  card"; not "you can expect my team lead to consider a refund");
- **on its way**: the thing, or the money of a statement about money, just before "is on its
  way", "will be back", "should reach" ... ("your refund is on its way");
- **a note of what is under way**: a clause that opens with the -ing form of the thing's verb
  and ends with "now", "today", "right away" ..., with no verb of its own ("Refunding the
  duplicate now."; not "Refunding a hold never works now", nor "Refunding it today would be
  wrong"; ``notes.started_now``, which the caller reads with the thing's own verb).

Each gives where it tells the thing, the words that tell it and how: "done" or "on its way".
"""

from __future__ import annotations

from collections.abc import Sequence

from worksample.prose.word_forms import MONEY_NOUNS, forms

# before a past participle in its clause: the perfect or the passive of an event
AUXILIARIES = frozenset({"has", "have", "had", "i've", "we've", "you've", "it's", "that's",
                         "been", "being", "was", "were", "is", "are", "be", "get", "gets",
                         "got"})
BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "i'm", "we're",
                "you're", "it's"})
# before a participle: it describes a noun ("the refunded charges"), it tells no event
DETERMINERS = frozenset({"the", "a", "an", "your", "my", "our", "their", "this", "that",
                         "these", "those", "any", "all", "some", "every", "each"})
GRANTING_SPAN = 7  # "your refund for the annual plan has been approved"
GIVING_SPAN = 8  # "we'll give you every cent of the $290 back": words from the verb to "back"
# after the thing (at most ``ARRIVAL_GAP`` words between): it is on its way to the reader;
# "we'll", "it'll" read as "will"
ARRIVALS = (("is", "on", "its", "way"), ("is", "on", "the", "way"), ("are", "on", "their",
            "way"), ("will", "be", "back"), ("should", "be", "back"),
            ("is", "heading", "back"), ("is", "coming", "back"), ("will", "reach"),
            ("should", "reach"), ("will", "land"), ("should", "land"), ("will", "arrive"),
            ("should", "arrive"), ("has", "gone", "through"), ("went", "through"),
            ("will", "go", "through"), ("will", "come", "back"), ("are", "heading", "back"),
            ("are", "coming", "back"), ("will", "hit"), ("should", "hit"), ("is", "back"),
            ("are", "back"), ("went", "out"), ("has", "gone", "out"), ("is", "going", "back"),
            ("goes", "back"), ("went", "back"), ("is", "heading"), ("is", "in", "progress"),
            ("is", "under", "way"), ("is", "underway"))
ARRIVAL_FIRST = frozenset(arrival[0] for arrival in ARRIVALS)
ARRIVAL_GAP = 3  # "your refund of $290 is on its way"
# last in a clause written as a headline, after the thing: it is done ("Refund issued")
DONE_WORDS = frozenset({"done", "issued", "processed", "sent", "approved", "sorted", "actioned",
                        "completed", "complete", "granted"})
HEADLINE_WORDS = 3  # "Cash refund done": where the thing stands in a headline
# after the thing in a headline, before what it is of: "Refund for the duplicate charge done";
# another noun makes the thing describe it ("Refund check complete")
HEADLINE_LINKS = frozenset({"for", "of", "to", "on"})
# "do", "make" and "give" tell a statement's noun when a determiner follows them and the noun
# comes at most ``LIGHT_SPAN`` words after it: "we will do the refund", "we'll give you a
# refund"
LIGHT = {form: base for base in ("do", "make", "give") for form in forms(base)}
LIGHT_SPAN = 3
# the reader receiving it, after "you'll", "you will", "you should" (and "be"): "you'll get a
# refund of the whole $290", "you should see the $290 back": told as on its way
RECEIVING = frozenset(forms("get") | forms("receive") | forms("see"))
READER_AHEAD = (("you'll",), ("you", "will"), ("you", "should"), ("you'll", "be"),
                ("you", "will", "be"), ("you're", "going", "to"))
# the reader told to expect it: "you can expect the full $290 back", "you should expect a
# refund": an expectation given is a promise made; "you'll expect" is the reader's own
EXPECTING = frozenset(forms("expect"))
EXPECTED_BY = (("you", "can"), ("you", "should"))
# after the thing expected, "to" and one of these tells the thing itself arriving ("expect the
# refund to reach your card"); another verb tells what will be done about it ("expect my team
# lead to consider a refund", "expect the refund to be declined")
ARRIVING = (("reach",), ("arrive",), ("land",), ("hit",), ("appear",), ("show",),
            ("come", "back"), ("come", "through"), ("go", "through"), ("be", "back"))
# after the verb of arriving: it arrives nowhere ("expect the refund tab to show nothing")
NOWHERE = frozenset({"nothing", "no", "none", "nowhere", "never"})
# before "you can expect": the expectation is asked about or named, not given ("you asked
# when you can expect a refund", "what you can expect is an answer")
ASKED_ABOUT = frozenset({"when", "what", "how", "whether", "if", "where", "why"})

def headline(words: Sequence[str], indices: list[int], nouns: list[int]
              ) -> tuple[int, str, str] | None:
    """Where a clause written as a headline tells the thing done: the statement's noun among
    its first ``HEADLINE_WORDS`` words, followed by a word of completion (``DONE_WORDS``)
    that ends the clause or by what it is of (``HEADLINE_LINKS``), with no verb of its own
    ("Refund issued", "Cash refund done", "refund for the duplicate charge done"; not "Refund
    check complete"), or None."""
    last = indices[-1]
    heads = [noun for noun in nouns if noun in indices[:HEADLINE_WORDS] and noun < last
             and (noun + 1 == last or words[noun + 1] in HEADLINE_LINKS)]
    if words[last] not in DONE_WORDS or not heads or any(
            words[i] in AUXILIARIES or words[i] in BE for i in indices):
        return None
    return last, words[last], "done"


def light_verb(clause: list[str], indices: list[int], position: int, nouns: list[int]
               ) -> str | None:
    """The base of the clause's word at ``position`` ("do", "make", "give") when it takes a
    statement's noun as its object: a determiner next ("you" may stand before it), and the
    noun at most ``LIGHT_SPAN`` words after the determiner ("we'll do the refund", "we'll
    give you a refund"; not "I'll make a note of the refund request"); None otherwise."""
    base = LIGHT.get(clause[position])
    at = position + 1
    if clause[at:at + 1] == ["you"]:
        at += 1
    if base is None or at >= len(clause) or clause[at] not in DETERMINERS:
        return None
    return base if any(0 < noun - indices[at] <= LIGHT_SPAN for noun in nouns) else None


def received(words: Sequence[str], indices: list[int], nouns: list[int],
              statement: tuple[str, ...]) -> tuple[int, str, str] | None:
    """Where the reader is told they will receive the thing: "you'll get", "you will be
    receiving", "you should see" (``READER_AHEAD``, ``RECEIVING``), or to expect it arriving
    (``_arrives``): "you can expect", "you should expect" (``EXPECTED_BY``, ``EXPECTING``),
    "expect" or "please expect" opening its clause (an order), with the statement's noun at
    most ``GRANTING_SPAN`` words after ("you'll get a refund of the whole $290"), or "back"
    at most ``GIVING_SPAN`` after for a statement with "back" ("you should see the $290 back
    on your statement"), or None."""
    clause = [words[i] for i in indices]
    for position, word in enumerate(clause):
        if word in EXPECTING and clause[:position] in ([], ["please"]):
            # an order: "please expect it by Friday"
            cue: tuple[str, ...] | None = tuple(clause[:position])
        else:
            cues = EXPECTED_BY if word in EXPECTING else READER_AHEAD if word in RECEIVING else ()
            cue = next((c for c in cues if ends_with(clause[:position], c)), None)
        if cue is None or word in EXPECTING and (
                not _arrives(clause[position + 1:])
                or _asked_about(words, indices[position] - len(cue))):
            continue
        index = indices[position]
        if any(0 < noun - index <= GRANTING_SPAN for noun in nouns) or (
                "back" in statement and "back" in clause[position + 1:position + 1 + GIVING_SPAN]):
            return index, " ".join((*cue, word)), "on its way"
    return None


def _arrives(expected: list[str]) -> bool:
    """Whether what the reader is told to expect (the words after "expect") is the thing
    itself: "to" and a verb of receiving right after "expect" ("expect to see the $290 back"),
    or no "to" and a verb after the thing but one of arriving (``ARRIVING``: "reach", "come
    back" ...), which nothing after it denies ("to show nothing").
    A "to" before a determiner, a number or a person is a place ("back to your card")."""
    for position, word in enumerate(expected[:-1]):
        following = expected[position + 1]
        if word != "to":
            continue
        if position == 0:
            return following in RECEIVING
        if following in DETERMINERS or following[:1].isdigit() or following in {"you", "me"}:
            continue
        arrival = next((a for a in ARRIVING
                        if tuple(expected[position + 1:position + 1 + len(a)]) == a), None)
        after = position + 1 + len(arrival) if arrival else 0
        return arrival is not None and NOWHERE.isdisjoint(expected[after:after + 1])
    return True


def _asked_about(words: Sequence[str], cue: int) -> bool:
    """Whether the expectation whose cue starts at word ``cue`` is asked about or named
    (``ASKED_ABOUT`` just before it), not given."""
    return cue > 0 and words[cue - 1] in ASKED_ABOUT


def arriving(words: Sequence[str], indices: list[int], spots: list[int], money: bool
              ) -> tuple[int, str, str] | None:
    """Where the thing (a statement's word; with ``money``, its money too) is said to be on
    its way: an arrival (``ARRIVALS``) at most ``ARRIVAL_GAP`` words after it, or None."""
    things = [position for position, index in enumerate(indices)
              if index in spots or money and (words[index][:1].isdigit()
                                              or words[index] in MONEY_NOUNS)]
    for position, index in enumerate(indices):
        first = "will" if words[index].endswith("'ll") else words[index]
        if first not in ARRIVAL_FIRST or not any(
                0 < position - thing <= ARRIVAL_GAP + 1 for thing in things):
            continue
        following = (first, *(words[i] for i in indices[position + 1:position + 4]))
        arrival = next((a for a in ARRIVALS if following[:len(a)] == a), None)
        if arrival is not None:
            return index, " ".join(arrival), "on its way"
    return None


def ends_with(words: list[str], cue: tuple[str, ...]) -> bool:
    """Whether ``words`` end with the words of ``cue``."""
    return len(words) >= len(cue) and tuple(words[-len(cue):]) == cue
