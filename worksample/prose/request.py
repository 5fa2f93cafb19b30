"""Whether a sentence asks the reader for a thing it names, or only mentions it.

"Could you send me the card number?" and "Please reply with your password" ask; "you should
review who has your login details", "we'll send you a verification code" and "your bank will
text you a code" mention. A statement that is made only by asking ("asks for a password") is
made where the thing's phrase sits in a clause that asks for it:

- before the thing, in its part of the sentence (a part runs to ; : a dash or "then", past
  commas and clause words, so that a list of things asked for is one part; a part after a
  colon also reads the part before it: "send us the following: your card number ..."):
  - a need or a question (``NEEDS``: "we'll need", "what's your", "let me know your", "can I
    have");
  - a want right before the thing (``WANTS``: "I'd like your login details", "we want the
    card number"; not "I'd like to help you reset your password");
  - a verb of handing over (``HANDING_OVER``: send, share, provide, give, tell, confirm,
    reply, email, forward ...) said to the reader: an imperative, the verb first in its
    clause after words such as "please", "just", "kindly" (``IMPERATIVE_LEAD``: "please
    send", "to check it, reply with"), or with "you" before it in its clause ("could you
    send", "if you could forward"); its "-ing" form only after "mind" ("would you mind
    sharing"). A verb with another subject states what someone does ("we'll send you a
    code", "banks usually text a code");
  - with no "if", "whether" or "unless" between the cue and the thing ("tell me if the code
    doesn't arrive" asks for news, not the code);
- anywhere in its part: where the thing should go, to the writer (``TO_THE_WRITER``: "in
  your reply", "with us", "over the phone"): "leave the card number with us";
- after it: "please" within two words, when nothing but small words (``ELLIPSIS_LEAD``)
  stands before the thing in its part: "your password, please", "and the CVC please".

A cue the sentence denies asks nothing ("we will never email you for your card number", "no
need to share it"), and a cue in another part asks for something else ("reset your
password; then send me a screenshot", "tell me if the code doesn't arrive").
"""

from __future__ import annotations

import re

from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses, denial, is_cue, word_groups
from worksample.prose.text import WORD, Sentence

NEEDS = PhraseSet([
    "i need", "we need", "i'll need", "we'll need", "i will need", "we will need", "i'd need",
    "we'd need", "i would need", "we would need", "i require", "we require", "what is your",
    "what's your", "what are your", "let me know your", "let us know your", "let me have",
    "can i have", "could i have", "may i have", "can we have", "could we have", "read me",
    "read out"])
WANTS = frozenset({"i'd like", "we'd like", "i would like", "we would like", "i want",
                   "we want", "i'd love", "we'd love", "i'll want", "we'll want"})
HANDING_OVER = frozenset({"send", "share", "provide", "give", "tell", "confirm", "reply",
                          "email", "forward", "include", "attach", "text", "message", "dm",
                          "post", "upload", "supply", "submit", "paste", "drop", "pass",
                          "hand", "show", "spell"})
# the "-ing" forms, which ask only after "mind" ("would you mind sending ..."): elsewhere they
# name an activity ("sharing your password is never safe")
HANDING_OVER_ING = frozenset({
    "sending", "sharing", "providing", "giving", "telling", "confirming", "replying", "emailing",
    "forwarding", "including", "attaching", "texting", "messaging", "posting", "uploading",
    "supplying", "submitting", "pasting", "dropping", "passing", "handing", "showing",
    "spelling"})
# words that may stand before an imperative in its clause
IMPERATIVE_LEAD = frozenset({"please", "just", "kindly", "simply", "also", "and", "so", "then",
                             "now", "first", "quickly", "ideally", "or", "but", "mind", "ok",
                             "okay"})
# words that may stand before the thing in "your password, please"
ELLIPSIS_LEAD = frozenset({"and", "also", "just", "plus", "then", "now", "finally", "lastly",
                           "ok", "okay", "so", "your", "the", "a", "an", "my"})
DETERMINERS = frozenset({"your", "the", "a", "an"})
PLEASE_AFTER = 2
TO_THE_WRITER = PhraseSet([
    "in your reply", "in a reply", "in the reply", "in your next reply", "by reply", "to me",
    "to us", "with me", "with us", "back to me", "back to us", "over the phone",
    "on the phone", "on a call", "by email", "in an email", "in this chat"])
# "tell me if the code doesn't arrive": what follows is what to tell, not the thing
CONDITIONS = frozenset({"if", "whether", "unless"})
_PART_BREAK = re.compile(r"[;:()\u2013\u2014]|\s-\s|\.\s")


def asks_for(sentence: Sentence, start: int, end: int | None = None) -> bool:
    """Whether ``sentence`` asks the reader for the thing whose phrase is at words
    ``start``..``end`` of its normalised words (see the module docstring)."""
    words = sentence.normal.split()
    if start >= len(words):
        return False
    part_of = _parts(sentence)
    part = part_of[start]
    asking = {part, part - 1} if part and _after_a_colon(sentence, part_of, part) else {part}
    clause_of = clauses(sentence)
    for index in range(start):
        if (part_of[index] not in asking or denial(sentence, index, index + 1)
                or CONDITIONS.intersection(words[index + 1:start])):
            continue
        if NEEDS.find_in_words(" ".join(words[index:]), anchored=True):
            return True
        if _wants_it(words, index, start) or _hands_over(words, clause_of, index):
            return True
    in_part = [w for w, p in zip(words, part_of, strict=True) if p == part]
    return (TO_THE_WRITER.find_in_words(" ".join(in_part))
            or _please_after(words, part_of, start, len(words) if end is None else end))


def _wants_it(words: list[str], index: int, start: int) -> bool:
    """A want (``WANTS``) starting at ``index`` that ends right before the thing, or before a
    determiner that starts it."""
    between = words[index:start]
    while between and between[-1] in DETERMINERS:
        between = between[:-1]
    return " ".join(between) in WANTS


def _hands_over(words: list[str], clause_of: tuple[int, ...], index: int) -> bool:
    """Whether the word at ``index`` is a verb of handing over said to the reader: first in its
    clause after ``IMPERATIVE_LEAD`` words, or with "you" before it in its clause; an "-ing"
    form only right after "mind"."""
    word = words[index]
    before = [w for w, c in zip(words[:index], clause_of, strict=False)
              if c == clause_of[index]]
    if word in HANDING_OVER_ING:
        return bool(before) and before[-1] == "mind"
    if word not in HANDING_OVER or any(is_cue(w) for w in before):  # "nobody will ask you to"
        return False
    return "you" in before or all(w in IMPERATIVE_LEAD for w in before)


def _please_after(words: list[str], part_of: tuple[int, ...], start: int, end: int) -> bool:
    """"your password, please": "please" within ``PLEASE_AFTER`` words after the thing, in a
    part where only ``ELLIPSIS_LEAD`` words stand before it."""
    part = part_of[start]
    before = [w for w, p in zip(words[:start], part_of, strict=False) if p == part]
    after = [w for w, p in zip(words[end:end + PLEASE_AFTER], part_of[end:], strict=False)
             if p == part]
    return "please" in after and all(w in ELLIPSIS_LEAD for w in before)


def _after_a_colon(sentence: Sentence, part_of: tuple[int, ...], part: int) -> bool:
    """Whether the part begins after a colon ("send us the following: your card number")."""
    first = part_of.index(part)
    spans = [m.span() for m in WORD.finditer(sentence.text)]
    if not 0 < first < len(spans):
        return False
    return ":" in sentence.text[spans[first - 1][1]:spans[first][0]]


def _parts(sentence: Sentence) -> tuple[int, ...]:
    """The part of the sentence each word is in: a new part after ; : a dash or "then".
    Unlike a clause, a part runs on past commas and clause words: a request's list ("the card
    number, its expiry date and the CVC") and a request around an aside ("reply with your
    password and, when I message you, the code") are one part."""
    return word_groups(sentence, _starts_part)


def _starts_part(gap: str, word: str, following: str) -> bool:
    return bool(_PART_BREAK.search(gap)) or word == "then"
