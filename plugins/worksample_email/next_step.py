"""A reply's concrete next step: a phrase of the assignment's ``next_step`` list, or a
commitment with a time read by its form; never a stock offer of more help.

- **A stock offer** offers more help with anything at all: "Let me know if you have any
  other questions", "I'll be here if there's anything else", "we're happy to help with
  anything else you need". Any reply can end with one, and it moves nothing forward for
  this customer. A listed phrase whose clause, or the clause right after it, is general
  (``ANYTHING_ELSE``) gives no next step; the reviewer is told why. "Let me know which backup
  time suits you" is about this customer's problem, and counts; so does "I'll restore it by
  noon, and tell me if anything else is missing" (the general clause is not the step's).
- **A promise about this reply**: "I'll answer each of your questions below", "we will go
  through your three points" tells what the reply itself does, not a step after it; the
  reviewer is told why. A word must show the telling is the reply's ("below", "here", "your
  questions"): "I'll explain your case to my team lead" is a step. With a time in its
  sentence it is a step too ("I'll explain the options below when I call you tomorrow").
- **A commitment with a time**, by its form: one clause with a first-person word ("I", "we",
  "me", "our" ...), a verb in the future or in progress ("will", "'ll", "going to", "I'm
  checking") and a time the writer commits to (``_TIME``): "I'm looking into your account
  and will email you by 11am", "you'll hear from me before 5pm", "we're restoring it this
  afternoon", "I'll start the restore immediately". A present tense with "I" or "we" and such
  a time is a commitment too, as many writers of English as a second language put it, and as
  a plan is told ("I start the restore immediately", "we send the invoice by noon"), when
  the time can only be ahead ("today" and "this morning" also date a past act: "I spoke to
  billing today"); not a habit ("we usually reply within 2 hours") nor a verb of knowing or
  feeling ("I know you need it by Friday"). Not when the time is denied ("I won't have an
  answer before Monday") or sits in a condition ("if you reply by Friday, ...").
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from worksample.prose.commitment import FIRST_PERSON
from worksample.prose.evidence import Finding
from worksample.prose.matching import MATCHES_READ, Match, PhraseSet
from worksample.prose.negation import clause_words, clauses, denial
from worksample.prose.text import Sentence
from worksample.prose.word_forms import IRREGULAR_PAST

if TYPE_CHECKING:
    from .checks import CompiledPhrases, ReplyText

LABEL = "gives a concrete next step"
STOCK_OFFER = "a stock offer of more help, not a step for this customer"
THIS_REPLY = "a promise about what this reply says, not a step after it"
WRITER_WILL = frozenset({"i will", "i'll", "we will", "we'll", "i am going to",
                         "i'm going to"})
# how a writer tells what its own reply does: "I'll answer", "we'll go through"
TELLING_HERE = (("answer",), ("explain",), ("address",), ("cover",), ("outline",),
                ("clarify",), ("summarise",), ("summarize",), ("describe",), ("list",),
                ("detail",), ("tackle",), ("go", "through"), ("go", "over"),
                ("walk", "you", "through"), ("set", "out"))
# what shows the telling is this reply's, not a step told to someone later: "below", "your
# questions" ("I'll explain your case to my team lead" is a step)
THIS_REPLY_WORDS = frozenset({"below", "here", "following", "question", "questions", "point",
                              "points", "concern", "concerns"})
# words between the promise and its verb that change nothing: "I'll now try to answer"
BEFORE_TELLING = frozenset({"now", "also", "first", "briefly", "gladly", "happily", "try",
                            "to", "be", "happy", "glad", "quickly", "here", "below"})
ANYTHING_ELSE = PhraseSet([
    "anything else", "anything further", "any other question*", "any more question*",
    "any further question*", "any question*", "any other concern*", "any further concern*",
    "any other issue*", "other questions", "further questions", "questions at all",
    "need anything", "if you have questions", "anything more", "any more help",
    "whenever you need", "if you need me", "if you need us", "if you need help"])
# in progress, but not an action: "I'm hoping to hear from you today"
NOT_ACTIONS = frozenset({"hoping", "thinking", "wondering", "wishing", "feeling"})
FUTURE = frozenset({"will", "shall"})
# after "I" or "we", no act of the writer's with a time: knowing, feeling, wanting, advising
NOT_COMMITTING = frozenset({
    "know", "think", "hope", "understand", "see", "believe", "want", "need", "wish", "feel",
    "apologise", "apologize", "appreciate", "realise", "realize", "expect", "guess", "like",
    "love", "recommend", "suggest", "advise", "mean", "agree", "remember", "notice", "can",
    "could", "would", "should", "may", "might", "must", "do", "did", "does", "don't", "am",
    "are", "was", "were", "have", "had", "also", "only", "just", "already", "first", "still",
    "once"})
# in a clause, what tells a habit or a rule rather than a plan: "we restore whenever asked"
HABITS = frozenset({"every", "each", "whenever", "always", "usually", "normally", "often",
                    "seldom", "never", "rarely", "generally", "typically", "sometimes"})
# the irregular past of verbs a writer tells its own acts with: "I spoke to billing before noon"
TOLD_IN_THE_PAST = IRREGULAR_PAST | {
    "spoke", "went", "told", "said", "rang", "found", "took", "heard", "wrote", "left", "had",
    "thought", "knew", "felt", "kept", "brought", "ran", "came", "began", "met", "understood",
    "read", "set", "put", "chose", "forgot", "sought", "caught", "won", "lost", "spent", "dug",
    "built", "rebuilt", "bought", "taught", "drove", "broke", "sold", "held", "led", "sent",
    "dealt", "meant", "learnt", "shot", "sat", "stood", "stuck", "drew", "grew", "threw",
    "flew", "became", "gave", "fell", "hung", "paid", "laid", "made", "did", "saw", "got"}
IN_PROGRESS_AFTER = frozenset({"i'm", "we're", "am", "are"})
CONDITIONS = frozenset({"if", "unless", "when", "once", "until", "provided", "assuming"})
QUOTES = ('"', "\u201c", "\u201d")

_CLOCK = r"(?:\d{1,2}(?: \d{2})? ?(?:am|pm)|noon|midday|midnight|lunch(?:time)?)"
_DAY = r"(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:morning|afternoon|evening)"
_TIME = re.compile(
    r"(?<![\w'])(?:"
    rf"(?:by|before|at|around|no later than) (?:{_CLOCK}|{_DAY}(?: {_PART})?|this {_PART}"
    r"|(?:the )?end of (?:the |this )?(?:day|week|month|today|tomorrow)"
    r"|close of business|eod)"
    r"|(?:within|in the next) (?:the |an |a |one |two |three |a few |a couple of |\d+ )?"
    r"(?:hours?|minutes?)"
    rf"|later today|first thing(?: tomorrow)?|(?:today|tonight|tomorrow)(?: {_PART})?"
    rf"|this {_PART}|immediately|right away|straight away|at once"
    r")(?![\w'])")


def next_step(text: ReplyText, phrases: CompiledPhrases, not_counted: dict[int, str]) -> Finding:
    """The next-step finding of one reply: a listed phrase, else a commitment with a time by
    its form (which the evidence says); sentences of ``not_counted`` (index -> why) and a
    listed phrase that is a stock offer of more help count for neither."""
    listed = list(phrases.next_step.find_all(text.sentences, text.reading,
                                             negation=phrases.negation, scoped=True))
    excluded = {**{m.sentence.index: STOCK_OFFER for m in listed if stock_offer(m)},
                **{m.sentence.index: THIS_REPLY for m in listed if about_this_reply(m)},
                **not_counted}
    found = text.positive("next_step", "next_step", LABEL, listed, excluded)
    if found.outcome == "passed":
        return found
    by_form = text.positive("next_step", "next_step", LABEL,
                            commitments_with_a_time(text.sentences, phrases.negation), excluded)
    if by_form.evidence == "not found":
        return found
    if by_form.outcome == "passed":
        by_form.evidence += " (a commitment with a time, by its form)"
    return by_form


def stock_offer(match: Match) -> bool:
    """Whether a listed next-step phrase offers more help with anything at all: its clause,
    the clause right after it, or a condition right before it is general ("let me know if
    there's anything else", "I'll be here if you have any other questions", "we'll be glad to
    help with anything else", "if anything else comes up, just reply")."""
    if match.start >= len(match.sentence.normal.split()):
        return False
    return ANYTHING_ELSE.find_in_words(" ".join(
        _condition_before(match.sentence, match.start)
        + clause_words(match.sentence, match.start, clauses_after=1)))


def _condition_before(sentence: Sentence, at: int) -> list[str]:
    """The words of the clause right before the one holding word ``at`` when it is a
    condition ("if there's anything else I can help with, just reply"), else none."""
    clause_of = clauses(sentence)
    words = sentence.normal_words
    before = [w for w, c in zip(words, clause_of, strict=True) if c == clause_of[at] - 1]
    return before if before[:1] and before[0] in CONDITIONS else []


def about_this_reply(match: Match) -> bool:
    """Whether a listed next-step phrase is the writer's promise about what this reply says
    ("I'll answer each question below", "we will go through your points"): "I will" or
    "we'll" and a verb of telling (``TELLING_HERE``), in a sentence with a word that shows
    the telling is this reply's (``THIS_REPLY_WORDS``) and without a time."""
    if match.words not in WRITER_WILL:
        return False
    words = match.sentence.normal_words
    at = next((i for i in range(match.end, len(words)) if words[i] not in BEFORE_TELLING),
              len(words))
    if at >= len(words):
        return False
    telling = any(words[at:at + len(verb)] == verb for verb in TELLING_HERE)
    return (telling and not THIS_REPLY_WORDS.isdisjoint(match.sentence.tokens)
            and not _TIME.search(match.sentence.normal))


def commitments_with_a_time(sentences: list[Sentence], negation: PhraseSet) -> list[Match]:
    """Per sentence, its first clause that commits the writer to act by a time (see the module
    docstring), as a match on the time's words; of the first ``MATCHES_READ`` times."""
    found = []
    for sentence in sentences:
        # each time is read in its clause: past the first few, a sentence is no prose
        for time in islice(_TIME.finditer(sentence.normal), MATCHES_READ):
            start = sentence.normal.count(" ", 0, time.start())
            end = start + time.group().count(" ") + 1
            clause = clause_words(sentence, start)
            # a plan in the present is read only where no one else's words are quoted and
            # nothing is asked ("should I start the restore immediately?")
            ahead = _only_ahead(time.group()) and not _asked_or_quoted(sentence)
            if (clause[0] not in CONDITIONS and FIRST_PERSON.intersection(clause)
                    and _future_or_in_progress(clause, ahead)
                    and not denial(sentence, start, end, negation.holds_word)):
                found.append(Match(sentence, time.group(), start=start, end=end))
                break
    return found


def _a_present_plan(clause: list[str], verb: list[str]) -> bool:
    """Whether the word after "I" or "we" (``verb``) tells a plan in the present: a verb, not
    an adverb or a time ("I immediately checked", "I tomorrow"), not ``NOT_COMMITTING`` nor a
    past form, in a clause that tells no habit ("we answer every ticket within 2 hours")."""
    return (bool(verb) and verb[0].isalpha() and not verb[0].endswith(("ed", "ing", "ly"))
            and verb[0] not in NOT_COMMITTING and verb[0] not in TOLD_IN_THE_PAST
            and not _TIME.fullmatch(verb[0]) and HABITS.isdisjoint(clause))


def _asked_or_quoted(sentence: Sentence) -> bool:
    """Whether the sentence asks, or quotes someone's words."""
    text = sentence.text.rstrip()
    return text.endswith("?") or any(mark in text for mark in QUOTES)


def _only_ahead(time: str) -> bool:
    """Whether a time can only be ahead ("by noon", "within an hour", "tomorrow",
    "immediately"), not one a past act takes too ("today", "this morning", "at 3pm"): a
    present tense is read as a plan only with the first ("I spoke to billing today" is past)."""
    return time == "at once" or not time.startswith(("today", "this ", "at ", "around "))


def _future_or_in_progress(clause: list[str], ahead: bool) -> bool:
    """Whether the clause's verb is in the future ("will", "we'll", "going to"), in progress
    ("I'm checking", "we are restoring"), or, with a time only ``ahead``, in the present after
    "I" or "we" ("I start the restore immediately"; not ``NOT_COMMITTING``)."""
    for index, word in enumerate(clause):
        following = clause[index + 1:index + 3]
        if ahead and word in {"i", "we"} and _a_present_plan(clause, following[:1]):
            return True
        if word in FUTURE or word.endswith("'ll") or word == "going" and following[:1] == ["to"]:
            return True
        if word in IN_PROGRESS_AFTER and any(w.endswith("ing") and len(w) > 4
                                             and w not in NOT_ACTIONS for w in following):
            return True
    return False
