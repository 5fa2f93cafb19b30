"""Whether a sentence asks the reader for something, or only mentions it.

"Could you send me the card number?" and "Please reply with your password" ask; "you should
review who has your login details" and "we'll send you a verification code" mention. A
statement that is made only by asking ("asks for a password") is made by a sentence that:

- holds a need or a question for it (``NEEDS``: "we'll need your", "what's your", "let me
  know your", "is required"); or
- holds a verb of handing over (``HANDING_OVER``: send, share, provide, give, tell, confirm,
  reply, email, forward, ...) whose three words before it, in its clause, hold no first
  person: an imperative ("Please send", "just reply with"), a question to the reader
  ("could you send"); not the writer's own action ("we'll send you a code", "I can confirm
  it's safe"); or
- says where the thing should go, to the writer (``TO_THE_WRITER``: "in your reply", "to
  me", "over the phone"), with any verb: "Pop the card number in your reply", "read me the
  code over the phone". "Enter the code on the sign-in page" goes to no one: a mention.

Whether the sentence denies it ("we will never ask for your password") is for the negation
rules; this module reads the request's form alone.
"""

from __future__ import annotations

from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses
from worksample.prose.text import Sentence

NEEDS = PhraseSet([
    "i need", "we need", "i'll need", "we'll need", "i will need", "we will need", "i'd need",
    "we'd need", "i would need", "we would need", "i require", "we require", "is required",
    "are required", "is needed", "are needed", "what is your", "what's your", "what are your",
    "let me know your", "let us know your", "let me have", "can i have", "could i have",
    "may i have", "can we have", "could we have"])
HANDING_OVER = frozenset({"send", "share", "provide", "give", "tell", "confirm", "reply",
                          "email", "forward", "include", "attach", "text", "message", "dm",
                          "post", "upload", "supply", "submit", "paste"})
TO_THE_WRITER = PhraseSet([
    "in your reply", "in a reply", "in the reply", "in your next reply", "by reply",
    "to me", "to us", "with me", "with us", "back to me", "back to us", "over the phone",
    "on the phone", "on a call", "by email", "in an email", "in this chat", "read me",
    "tell me", "tell us", "send me", "send us", "give me", "give us"])
WRITER = frozenset({"i", "we", "i'll", "we'll", "i've", "we've", "i'd", "we'd", "i'm",
                    "we're"})
LOOK_BACK = 3


def asks_for(sentence: Sentence) -> str:
    """The words with which ``sentence`` asks the reader for something ("could you send",
    "we'll need"), or '' when it asks for nothing."""
    for phrases in (NEEDS, TO_THE_WRITER):
        found = phrases.find([sentence])
        if found is not None:
            return found.words
    words = sentence.normal.split()
    clause_of = clauses(sentence)
    for index, word in enumerate(words):
        if word not in HANDING_OVER:
            continue
        before = [words[i] for i in range(max(0, index - LOOK_BACK), index)
                  if clause_of[i] == clause_of[index]]
        if not WRITER.intersection(before):
            return " ".join([*before[-2:], word])
    return ""
