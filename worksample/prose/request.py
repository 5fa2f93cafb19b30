"""Whether a sentence asks the reader for a thing it names, or only mentions it.

"Could you send me the card number?" and "Please reply with your password" ask; "you should
review who has your login details" and "we'll send you a verification code" mention. A
statement that is made only by asking ("asks for a password") is made where the thing's
phrase sits in a clause that asks for it:

- before the thing, in its part of the sentence (a part runs to ; : a dash or "then", past
  commas and clause words, so that a list of things asked for is one part): a need or a
  question (``NEEDS``: "we'll need", "what's your", "let me know your", "can I have"), or a
  verb of handing over (``HANDING_OVER``: send, share, provide, give, tell, confirm, reply,
  email, forward ...) whose three words before it hold no first person: an imperative
  ("please send", "just reply with"), a question to the reader ("could you send"); not the
  writer's own action ("we'll send you a code"); with no "if", "whether" or "unless" between
  the cue and the thing ("tell me if the code doesn't arrive" asks for news, not the code);
- anywhere in its part: where the thing should go, to the writer (``TO_THE_WRITER``: "in
  your reply", "with us", "over the phone"): "leave the card number with us".

A cue the sentence denies asks nothing ("we will never email you for your card number", "no
need to share it"), and a cue in another part asks for something else ("reset your
password; then send me a screenshot", "tell me if the code doesn't arrive").
"""

from __future__ import annotations

import re

from worksample.prose.matching import PhraseSet
from worksample.prose.negation import denial, word_groups
from worksample.prose.text import Sentence

NEEDS = PhraseSet([
    "i need", "we need", "i'll need", "we'll need", "i will need", "we will need", "i'd need",
    "we'd need", "i would need", "we would need", "i require", "we require", "what is your",
    "what's your", "what are your", "let me know your", "let us know your", "let me have",
    "can i have", "could i have", "may i have", "can we have", "could we have", "read me",
    "read out"])
HANDING_OVER = frozenset({"send", "share", "provide", "give", "tell", "confirm", "reply",
                          "email", "forward", "include", "attach", "text", "message", "dm",
                          "post", "upload", "supply", "submit", "paste"})
TO_THE_WRITER = PhraseSet([
    "in your reply", "in a reply", "in the reply", "in your next reply", "by reply", "to me",
    "to us", "with me", "with us", "back to me", "back to us", "over the phone",
    "on the phone", "on a call", "by email", "in an email", "in this chat"])
WRITER = frozenset({"i", "we", "i'll", "we'll", "i've", "we've", "i'd", "we'd", "i'm",
                    "we're"})
LOOK_BACK = 3
# "tell me if the code doesn't arrive": what follows is what to tell, not the thing
CONDITIONS = frozenset({"if", "whether", "unless"})
_PART_BREAK = re.compile(r"[;:()\u2013\u2014]|\s-\s|\.\s")


def asks_for(sentence: Sentence, start: int) -> bool:
    """Whether ``sentence`` asks the reader for the thing whose phrase starts at word
    ``start`` of its normalised words (see the module docstring)."""
    words = sentence.normal.split()
    part_of = _parts(sentence)
    if start >= len(words):
        return False
    part = part_of[start]
    for index, word in enumerate(words[:start]):
        if (part_of[index] != part or denial(sentence, index, index + 1)
                or CONDITIONS.intersection(words[index + 1:start])):
            continue
        if NEEDS.find_in_words(" ".join(words[index:]), anchored=True):
            return True
        if word in HANDING_OVER and not WRITER.intersection(words[max(0, index - LOOK_BACK):index]):
            return True
    return TO_THE_WRITER.find_in_words(
        " ".join(w for w, p in zip(words, part_of, strict=True) if p == part))


def _parts(sentence: Sentence) -> tuple[int, ...]:
    """The part of the sentence each word is in: a new part after ; : a dash or "then".
    Unlike a clause, a part runs on past commas and clause words: a request's list ("the card
    number, its expiry date and the CVC") and a request around an aside ("reply with your
    password and, when I message you, the code") are one part."""
    return word_groups(sentence, _starts_part)


def _starts_part(gap: str, word: str, following: str) -> bool:
    return bool(_PART_BREAK.search(gap)) or word == "then"
