"""A phrase of a blame list said in a plain or kind sense, which is no blame.

- what the company owed the reader: "you should have received an email by now", "you should
  have been sent a reminder"; a thing had, not a thing done: "you should have the credit by
  Monday", "you must have the owner role"; a promise kept: "as I said I would"; what we
  read: "I read the policy again this morning";
- sympathy: "you must have been worried", "obviously you'd rather have your money back",
  "you'll obviously want the invoices before Friday",
  "obviously this is stressful" (a word of feeling in its clause);
- citing no rule at the reader: "as stated in our billing records";
- words that blame only when aimed at the reader, aimed elsewhere: "calm down" said of
  anything else ("if things calm down next year"; it is aimed when it opens its clause, after
  "please", "just", "let's", "honestly" ..., or with "you" just before it: "I need you to calm
  down"); "obviously" with no "you" in its clause, or in the clause after it when it stands
  alone ("Obviously, you didn't read the terms" is aimed), or agreeing ("obviously you're
  right"); "once again" with thanks or an apology next to it ("thanks once again for your
  patience"; "sorry, but once again, a pending line is not a charge" is blame), or after "I"
  or "we" and a verb of what we did ("we've once again checked the log"; "I once again have
  to remind you" is blame); "as I mentioned" pointing inside the reply ("as I mentioned
  above", "... at the top of this email"; "as I mentioned before" may point at an earlier
  email, and stays blame).
"""

from __future__ import annotations

from worksample.prose.feelings import FEELINGS
from worksample.prose.negation import clause_words, clauses
from worksample.prose.responsibility import CITED, HAD_THINGS, SECOND_PERSON
from worksample.prose.text import Sentence

ADDRESSED = SECOND_PERSON | {"your", "yours", "you'll", "yourself"}
# "you should have received ...": what the company owed the reader
RECEIVING = frozenset({"received", "got", "gotten", "seen", "heard", "had"})
SENT_TO = frozenset({"sent", "emailed", "notified", "told", "given", "offered", "reminded",
                     "refunded", "warned", "contacted"})
THANKS = frozenset({"thanks", "thank", "sorry", "apologies", "apologise", "apologize",
                    "grateful", "appreciate"})
WE = frozenset({"i", "we", "i've", "we've", "i'd", "we'd", "i'll", "we'll"})
# what we did again: "we've once again checked"
DONE = frozenset({"checked", "looked", "reviewed", "confirmed", "gone", "been", "tried",
                  "tested", "escalated", "asked", "contacted", "chased", "raised"})
INSIDE_THE_REPLY = frozenset({"above", "below"})
THIS_REPLY = (("this", "email"), ("this", "reply"), ("this", "message"), ("this", "letter"))
AGREEING = frozenset({"right", "correct"})
# before "calm down", what aims it at the reader: the start of its clause, or these
AIMED = frozenset({"please", "just", "try", "to", "and", "so", "now", "ok", "okay", "let's",
                   "all", "honestly", "seriously", "look", "everyone"})


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
    if phrase[-2:] in (["should", "have"], ["must", "have"]) and following[:1] and (
            following[0] in HAD_THINGS):
        return "a thing had, not a thing done"  # "you should have the credit by Monday"
    if phrase[:3] == ["as", "i", "said"] and (following[:2] in (["i", "would"], ["we", "would"])
                                              or following[:1] in (["i'd"], ["we'd"])):
        return "a promise kept"  # "as I said I would"
    if phrase[:1] == ["read"] and words[start - 1:start] in (["i"], ["we"], ["i've"], ["we've"]):
        return "what we read"  # "I read the policy again this morning"
    if phrase == ["obviously"]:
        return _obviously(sentence, start, following)
    if phrase == ["calm", "down"]:
        return _calm_down(sentence, start)
    if phrase == ["once", "again"]:
        return _once_again(words, start, end)
    if phrase[:1] == ["as"] and (INSIDE_THE_REPLY & set(following[:2]) or any(
            tuple(words[n:n + 2]) in THIS_REPLY for n in range(end, min(len(words), end + 6)))):
        return "points inside the reply"
    if phrase[:2] == ["as", "stated"] or phrase[:3] == ["as", "clearly", "stated"]:
        if not CITED.intersection(words[end:end + 4]):
            return "citing no rule at the customer"
    return ""


def _obviously(sentence: Sentence, start: int, following: list[str]) -> str:
    words = sentence.normal.split()
    you = following[:1] in (["you'd"], ["you"], ["you'll"]) or words[start - 1:start] in (
        ["you'd"], ["you'll"], ["you"])
    if you and {"rather", "prefer", "like", "want"} & set(following):
        return "sympathy"  # "obviously you'd rather have ...", "you'll obviously want ..."
    clause = clause_words(sentence, start)
    if len(clause) == 1 and start + 1 < len(sentence.normal.split()):
        clause = clause_words(sentence, start + 1)  # "Obviously, you didn't read the terms"
    if FEELINGS & set(clause):
        return "sympathy"
    if AGREEING & set(clause) and {"you're", "you"} & set(following[:2]):
        return "agreeing with the customer"
    if not ADDRESSED & set(clause):
        return "not aimed at the customer"
    return ""


def _calm_down(sentence: Sentence, start: int) -> str:
    """"calm down" is aimed when it opens its clause ("Please calm down") or has "you" close
    before it ("I need you to calm down"); "if things calm down" is about something else."""
    before = _clause_before(sentence, start)
    if set(before) - AIMED and not SECOND_PERSON & set(before[-3:]):
        return "not aimed at the customer"
    return ""


def _once_again(words: list[str], start: int, end: int) -> str:
    # next to it: "thanks once again", "once again, sorry for"; not "sorry, but once again"
    if THANKS & set(words[max(0, start - 1):start] + words[end:end + 1]):
        return "thanks or an apology said again"
    if WE & set(words[max(0, start - 2):start]) and words[end:end + 1] and (
            words[end] in DONE):
        return "what we did again"
    return ""


def _clause_before(sentence: Sentence, index: int) -> list[str]:
    """The normalised words of the clause holding word ``index`` that stand before it."""
    words, clause_of = sentence.normal.split(), clauses(sentence)
    return [words[n] for n in range(index) if clause_of[n] == clause_of[index]]
