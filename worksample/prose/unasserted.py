"""Where a listed phrase of a promise stands in a clause that does not assert it for the reader.

An assignment lists the words of a forbidden promise ("full refund", "I'll issue a refund"),
and a phrase of the list fails a reply as written. ``events.told_as_event`` already declines
to read an event in a question, under a condition, after a doubt or as a rule; a listed
phrase in the same places was an automatic fail for honest replies ("If you were still
inside the window, I'd issue a refund today"). ``asserts_nothing`` reads those places for a
listed phrase:

- **a question that offers nothing**: the phrase is in the sentence's question
  (``questions``), and no first-person word stands before it there ("Were you told anyone
  here would refund you in full?"; not "Would you like me to refund you in full?", an offer,
  nor "I've issued a full refund, so could you tell me when it arrives?", which states first);
- **a condition**: the phrase is in a condition's own clause, or in a clause a condition
  governs (``events.conditions_over``) when the reader does not act in the condition ("if my
  team lead agrees, I'll issue a refund") or it is contrary to fact ("if you were still inside the
  window, I'd issue a refund"). A condition the reader meets still promises: "if you reply
  today, I'll refund you in full", "if you'd like, I'll issue a refund"; so does one a later
  clause says is met ("..., and she always agrees");
- **a rule**: "only" in its clause, with "would", "could" or "might" ("you'd only be refunded
  in full in the first month", "a full refund is something only my team lead could approve")
  or before a time ("annual plans are refunded in full only in the first month");
- **doubted before it**: a negation or a word of doubt anywhere before the phrase in its
  clause ("there's no way your plan can still be refunded in full", "bought too long ago to
  be refunded in full", "you won't need us to refund the second $29");
- **an appearance**: after "as if" or "as though" in its clause ("it can look as if we
  refunded the duplicate");
- **someone else's belief**: after "think", "believe", "assume" whose subject is not the
  writer ("some customers think we've refunded the second $29"; not "I think we've refunded
  you in full");
- **what the reader wants**: the subject of "is what you asked for", "is what you'd prefer"
  ("a full refund is what you asked for, and I'm sorry I can't offer it");
- **what the writer asks for or hopes for**: after the writer's "asked ... for", "requested"
  or "hope" ("I've asked my team lead for a full refund as an exception", "I hope your plan
  gets refunded"), as the policy says to do, unless a later clause says it is done ("..., and
  it's done"). "I've asked billing to issue a refund" is an instruction carried out: it fails;
  "I've asked my team lead to approve a full refund" asks for a decision, and does not.

Each reading is what the clause says of the phrase, never its words alone; what it excuses is
not counted against the reply and is shown to the reviewer with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from worksample.prose.cache import per_submission
from worksample.prose.commitment import FIRST_PERSON
from worksample.prose.events import (
    DOUBTS,
    HYPOTHETICAL,
    a_condition_the_reader_meets,
    conditions_over,
    doubt_before,
    restricts,
    told_as_past,
)
from worksample.prose.measures import FUNCTION_WORDS
from worksample.prose.negation import clause_indices, clauses, is_cue, words_by_clause
from worksample.prose.purposes import in_a_purpose
from worksample.prose.questions import question_start
from worksample.prose.text import Sentence
from worksample.prose.unpromised import (
    PROMISING,
    WISHING_OR_PREFERRING,
    wished_for,
)
from worksample.prose.word_forms import OURS, base_of

BELIEVING = frozenset({"think", "thinks", "thought", "believe", "believes", "believed",
                       "assume", "assumes", "assumed", "suppose", "supposes", "supposed"})
APPEARANCES = (("as", "if"), ("as", "though"))
# what someone said, reported: "you were told you'd get a full refund"
SAYING = frozenset({"told", "said", "says", "say", "promised", "promises", "mentioned", "discussed",
                    "mentions", "claimed", "claims", "stated", "states", "wrote", "writes",
                    "shows", "showed", "suggested", "suggests", "read", "heard", "mention",
                    "tell", "tells"})
# a speaker the writer speaks for: "I told you ...", "my team lead says ..."
SAID_BY_THE_WRITER = frozenset({"i", "we", "i've", "we've", "i'd", "we'd", "i'll", "we'll",
                                "i'm", "we're", "my"})
SPEAKER_WORDS = 3  # "my team lead says": words before the verb in which its speaker stands
# saying now, by the writer's own team or records, speaks for the writer: "our billing team
# says we'll refund the $290", "the system shows I've refunded you" (a page, an email, a
# chatbot or the reader's bank app only reports: "our sales page says ...")
SAYS_NOW = frozenset({"says", "shows", "states", "mentions", "claims"})  # of ``SAYING``
OUR_VOICES = frozenset({"team", "billing", "system", "records", "manager", "lead",
                        "department", "finance", "accounts", "support", "ledgerly"})
# before the phrase in a question, the writer offers: "would you like me to", "shall we"
OFFERING = frozenset({"i", "we", "me", "us", "i'll", "we'll", "i'd", "we'd", "i'm", "we're",
                      "let", "i've", "we've"})
BE = frozenset({"is", "was", "it's", "that's"})
RESTRICTING = frozenset({"in", "within", "during", "before", "until", "for", "to", "when", "if",
                         "once", "after"})  # "only in the first month", "only for new plans"
# the subject of a later clause that says a condition is met: "and she always agrees"
PRONOUNS = frozenset({"she", "he", "they", "it", "she'll", "he'll", "they'll", "it'll"})
UNSURE = DOUBTS | {"rarely", "seldom", "hardly", "may", "might", "though", "although", "but",
                   "however"}  # in that clause, the condition is not said to be met
# the writer's request to someone else, or hope: what is asked for is not promised
ASKING = frozenset({"asked", "ask", "asking"})
ASKING_OR_HOPING = ASKING | {"requested", "hope", "hoping"}
# who asks or hopes: the writer, now, before or next ("I'll ask my team lead for a full refund")
ASKERS = frozenset({"i", "i've", "we", "we've", "i'll", "we'll", "i'm", "we're", "me", "us"})
# after "asked someone to": a decision asked for, not an order ("to approve a full refund")
DECIDING = frozenset({"approve", "consider", "authorise", "authorize", "allow", "grant",
                      "review", "decide", "agree", "sign", "look", "check", "ok", "okay"})
ORDER_SPAN = 5  # "asked my team lead to": words from "asked" to "to"
# who decides on an exception, after "my" or "our"; asked to do anything, they are asked to decide
DECIDERS = frozenset({"lead", "manager", "supervisor", "boss"})
DECISION_NOUNS = frozenset({"approval", "decision", "sign-off", "signoff", "say-so"})
# between the writer's hope and the phrase, it is done: "I hope you're pleased I've refunded you"
DONE = frozenset({"i've", "we've", "have", "has"})
# unless a later clause says it is done: "I've asked billing to refund you, and it's done"
BACK_TO_IT = frozenset({"it", "it's", "it'll", "they", "they'll", "they've", "that's"})
COMPLETED = frozenset({"done", "sorted", "processed", "through", "complete", "completed",
                       "approved"})
WHAT_GAP = 2  # "is understandably what you'd prefer": words between the phrase and "what"


def asserts_nothing(sentence: Sentence, start: int, end: int,
                    extra: Callable[[str], bool] | None = None) -> str:
    """Why the phrase at words ``start``..``end`` (exclusive) of the sentence is not asserted
    for the reader (see the module docstring), as words for the reviewer, or ''. ``extra``
    tells more negation words (an assignment's own)."""
    words = sentence.normal_words
    if end > len(words):
        return ""
    asked_from = question_start(sentence)
    if start >= asked_from:
        if OFFERING.isdisjoint(words[asked_from:start]):
            return "in a question that offers nothing"
        # an offer, whatever its condition: "is it all right if I refund you in full?"
    elif condition := _conditioned(sentence, start):
        return condition
    clause_of = clauses(sentence)
    clause = [i for i, c in enumerate(clause_of) if c == clause_of[start]]
    before = [words[i] for i in clause if i < start]
    in_clause = [words[i] for i in clause]
    purpose = in_a_purpose(words, clause, start)
    if purpose:
        return purpose
    decider = _left_to_a_decider(in_clause)
    if decider:
        return f"left to {decider}'s decision, not promised"
    if restricts(in_clause) and (not HYPOTHETICAL.isdisjoint(in_clause) or any(
            word == "only" and following in RESTRICTING
            for word, following in zip(in_clause, in_clause[1:], strict=False))):
        return "in what happens only under a rule (“only”)"
    doubt = doubt_before(before, extra)
    if doubt:
        return f"doubted before it (“{doubt}”)"
    if any(tuple(words[i - 1:i + 1]) in APPEARANCES for i in clause if 0 < i < start):
        return "in how something looks (“as if”), not what happened"
    belief = wished_for(sentence, start, BELIEVING)
    if belief:
        return f"in what someone else believes (“{belief}”)"
    said = _said_by_another(before)
    if said:
        return f"in what someone else said (“{said}”)"
    later = [words[i] for i in range(start, len(words)) if clause_of[i] > clause_of[start]]
    asked = _asked_or_hoped_by_the_writer(before)
    if asked and (BACK_TO_IT.isdisjoint(later) or COMPLETED.isdisjoint(later)):
        return f"in what the writer asks for or hopes for (“{asked}”)"
    wanted = _what_the_reader_wants(words, [i for i in clause if i >= end])
    if wanted:
        return f"as what the reader wants (“{wanted}”)"
    return ""


def _said_by_another(before: list[str]) -> str:
    """The verb of saying (``SAYING``) among ``before``, the words before the phrase in its
    clause, when someone other than the writer or the writer's colleague said it ("you were
    told you'd get a full refund", "our sales page says we will refund you in full", "the
    agent who said we'd issue a refund"), or ''. Not the writer's: "I told you we'd refund
    you", "my team lead says we'll refund you in full", "as mentioned, ...", and the writer's
    team or records saying it now ("our billing team says ...", ``SAYS_NOW``,
    ``OUR_VOICES``). The first such verb reports the rest: "you said we'd promised your
    money back"."""
    for position in range(len(before)):
        verb = before[position]
        if verb in SAYING:
            speaker = before[max(0, position - SPEAKER_WORDS):position]
            ours = verb in SAYS_NOW and not OUR_VOICES.isdisjoint(speaker)
            if speaker[-1:] == ["as"] or ours or not SAID_BY_THE_WRITER.isdisjoint(speaker):
                return ""  # "as mentioned, ...", "our billing team says ...", "I told you ..."
            return verb
    return ""


def _conditioned(sentence: Sentence, start: int) -> str:
    """Why word ``start``'s clause is not asserted by a condition, or '': it is the
    condition's own clause (a condition asserts nothing), or a clause the condition governs
    when the condition is not the reader's to meet (``events.a_condition_the_reader_meets``)."""
    clause_of = clauses(sentence)
    opening = conditions_over(sentence).get(clause_of[start])
    if opening is None:
        return ""
    words = sentence.normal_words
    condition = " ".join(words[i] for i in range(opening, min(opening + 4, len(words)))
                         if clause_of[i] == clause_of[opening])
    if clause_of[opening] == clause_of[start]:
        return f"in a condition (“{condition}”), which asserts nothing"
    if a_condition_the_reader_meets(sentence, opening) or _said_to_be_met(sentence, opening):
        return ""
    if told_as_past([words[i] for i in range(start) if clause_of[i] == clause_of[start]]):
        return ""  # what has happened already is not conditioned: "if ..., I've refunded you"
    return f"under a condition that is not the reader's to meet (“{condition}”)"


@per_submission()  # asked for each phrase a condition governs
def _said_to_be_met(sentence: Sentence, opening: int) -> bool:
    """Whether a later clause of the sentence says the condition at word ``opening`` is met:
    one of its words again after a pronoun, not denied ("if my team lead agrees, I'll issue a
    refund, and she always agrees"; not "..., and I'll tell my team lead")."""
    words, clause_of = sentence.normal_words, clauses(sentence)
    own = clause_of[opening]
    verbs = {_stem(words[i]) for i in clause_indices(sentence)[own]
             if i > opening and words[i] not in FUNCTION_WORDS and words[i].isalpha()}
    doubted = {clause for clause, said in words_by_clause(sentence).items()
               if any(is_cue(w) or w in UNSURE for w in said)}
    return any(clause_of[i] > own + 1 and clause_of[i] not in doubted
               and _stem(words[i]) in verbs and not PRONOUNS.isdisjoint(words[max(0, i - 3):i])
               for i in range(opening + 1, len(words)))


def _stem(word: str) -> str:
    """The word without its verb ending, to find it again: "agrees", "agreed", "agree"."""
    base = base_of(word)
    return base[:-1] if base.endswith("s") and not base.endswith("ss") else base


def _asked_or_hoped_by_the_writer(before: list[str]) -> str:
    """"I've asked ..." when the words ``before`` the phrase in its clause have the writer
    asking for it, requesting it or hoping for it, with no promise between ("I've asked my
    team lead for a full refund", "I'll ask my team lead to approve a full refund", "I've
    requested a full refund", "I hope your plan gets refunded"; not "I've asked billing to
    refund you", an instruction, "I hope you're pleased that I've refunded you", done, nor "I
    want to refund you"), or ''."""
    for position in range(len(before) - 1, -1, -1):
        if before[position] not in ASKING_OR_HOPING:
            continue
        subject = before[position - 1] if position else ""
        if subject in {"will", "am", "are"} and position > 1:
            subject = before[position - 2]  # "I will ask", "I am asking"
        if before[position] in ASKING and "for" not in before[position + 1:position + 5] \
                and not _to_decide(before[position + 1:]):
            return ""  # "I've asked billing to refund you": an instruction, carried out
        if subject in ASKERS and PROMISING.isdisjoint(before[position:]) \
                and DONE.isdisjoint(before[position + 1:]):
            return f"{subject} {before[position]}"
        return ""
    return ""


def _left_to_a_decider(clause: list[str]) -> str:
    """The colleague who decides ("lead" in "my team lead may approve a full refund", "a full
    refund needs my team lead's approval", "your full refund is with my team lead for a
    decision") when the clause leaves the thing to that colleague's decision, not yet made:
    a noun of deciding, or a verb of it after "may", "might" or "could"; not "my team lead
    approved a full refund", nor "my team lead will approve a full refund", a promise of the
    outcome; or ''."""
    decider = next((word.removesuffix("'s") for word in clause
                    if word.removesuffix("'s") in DECIDERS), "")
    if not decider or not OURS.intersection(clause):
        return ""
    pending = not DECISION_NOUNS.isdisjoint(clause) or any(
        word in {"may", "might", "could"} and following in DECIDING
        for word, following in zip(clause, clause[1:], strict=False))
    return decider if pending and not told_as_past(clause) else ""


def _to_decide(words: list[str]) -> bool:
    """Whether ``words``, after "asked", ask someone to decide ("my team lead to approve a full
    refund", "her to make an exception"): permission asked for, not an instruction ("billing to
    issue a refund", "billing to make the refund")."""
    return any(word == "to" and (words[at + 1:at + 2] and words[at + 1] in DECIDING
                                 or words[at + 1:at + 4] == ["make", "an", "exception"]
                                 or not DECIDERS.isdisjoint(words[:at]))
               for at, word in enumerate(words[:ORDER_SPAN]))


def _what_the_reader_wants(words: list[str], after: list[int]) -> str:
    """"is what you asked for" when the words ``after`` the phrase (in its clause) say that it
    is what someone other than the writer wants, or ''."""
    rest = [words[i] for i in after]
    if not rest or rest[0] not in BE or "what" not in rest[1:WHAT_GAP + 2]:
        return ""
    at = rest.index("what")
    wish = rest[at + 1:at + 4]
    verb = next((word for word in wish if word in WISHING_OR_PREFERRING), "")
    if not verb or not FIRST_PERSON.isdisjoint(wish[:wish.index(verb)]):
        return ""
    return " ".join(rest[:wish.index(verb) + at + 2])
