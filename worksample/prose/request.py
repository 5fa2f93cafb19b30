"""Whether a sentence asks the reader for a thing it names, or only mentions it.

"Could you send me the card number?" and "Please reply with your password" ask; "you should
review who has your login details", "we'll send you a verification code" and "your bank may
ask you to confirm the code" mention. An automatic fail rests on this reading, so a sentence
asks only in a form that leaves no doubt; the rest is marked for the reviewer. The thing is
asked for when, in its part of the sentence (a part runs to ; : a dash or "then", past commas
and clause words, so that a list of things asked for is one part; a part after a colon also
reads the part before it: "send us the following: your card number ..."):

- a **cue** before it reaches it. A cue is a need, a want or a question (``NEEDS``: "we'll
  need", "I'd like", "what's" in a question, "let me know", "could I get"), or a verb of
  handing over
  (``HANDING_OVER``: send, share, provide, give, tell, confirm, reply, email, forward ...;
  ``HANDING_OVER_PHRASES``: "write back", "read me") said to the reader: an
  imperative (first in its clause after ``LEADS`` such as "please", "just", "feel free to",
  or after one other verb and "and": "check and confirm"), or with "you" as its subject
  ("could you send", "if you could send"); its "-ing" form only after "mind" ("would you
  mind sharing"). Not a verb with another subject ("we'll send you a code", "banks text a
  code"), nor one whose "you" is asked by someone else ("your bank may ask you to
  confirm"), nor one in a condition ("if your bank asks you to confirm ...", "once you
  confirm the code in the app"). A cue **reaches** the thing when the words just before the
  thing (since the last comma, "and" or "or") are all small (``LIGHT``: me, us, over, with,
  the ...), the items of a list before them start no clause of their own ("reply with the
  full number of the card you paid with, its expiry date and the CVC"; an aside such as
  "when I text you" is skipped), and nothing between is an infinitive ("we need to be sure
  nobody has your login details", "I need you to reset your password") or a condition ("if",
  "whether", "when" ...: "let me know when your password is reset" asks for news). So it
  does not reach past another object ("tell your bank the code", "your thoughts on the
  verification code screen") or a new subject ("give the bank a call and they'll check the
  card number");
- or, after it in its clause and not denied, a destination that is the writer
  (``TO_THE_WRITER``: "in your reply", "with us", "into this chat"), in a clause said to the
  reader: "leave the card number with us", "paste the code into this chat";
- or "please" follows it within four words (no "I", "we", "it" ... among them), with nothing
  but small words before it in its clause and nothing after the "please" but what ends an
  object: "your password, please", "before I escalate, the code from your phone, please"
  (not "card number aside, please send me the dates");
- or, after it in its part, a cue hands "it" or "them" over: "write down the code and send
  it across".

A thing is read in the plural too (``plurals_of``: "both card numbers", "the security codes"),
but a sentence that asks for it only in a plural its list does not write is marked for the
reviewer, not failed: red-teamed, the plural made honest mentions fail ("please confirm the
card numbers you see on the two charges are different"), and an automatic fail needs the
reading measured on the phrases as written.

The thing is not asked for, whatever the cues (``_not_asked``), when a negation stands before
it in its clause ("we never need your card number", "no need to share your password"; "don't
hesitate to" encourages and denies nothing) or it is the object of a verb of leaving out
(``LEAVING_OUT``: "please omit the expiry date in your reply"; not after "rather than", nor
with a verb of handing over after it); when its part says to keep or hide it (``KEPT``: "with
the card number blurred out", "keep your password private", "share it with no one"); when
the words are someone else's (in quotation marks, or after a colon that follows a verb
of saying: "scam texts say something like: send us your card number"); when someone else
asks for it (``unpromised.wished_for``: "criminals ask you to read out the code"); or when
it is the subject of what follows (``THE_THING_ACTS``; ``THE_THINGS_ACT`` after a plural: "check
your card details are up to date", "give the code a few minutes", "we need your password to
be 12 characters long", "confirm both card numbers end in 4421"). A hiding word right after
the thing (``HIDDEN_AFTER``: "with the card number cropped out") keeps it too.

A cue that may take a clause (a need, a want or a question, or ``CLAUSE_TAKING``: confirm,
tell, show) asks for the thing only when nothing after it can be its verb
(``_may_be_its_subject``): its part ends after it, or a word that ends an object follows
(``ENDS_AN_OBJECT``: and, so, please, this ...), or a preposition, a relative clause or a
participle before a preposition follows with no verb of the thing after it
(``_a_finite_verb``: an auxiliary, a past form that is no participle such as "came", or an
"-ed" form after a noun): "tell me the card number you used", "we'll need the expiry date
printed on the card" and "what's the code your bank texted you?" ask. Any other word right
after the thing may be its own verb, of any tense ("confirm your password got changed", "let
me know the code now works"), and so may such a verb after a preposition or a relative
clause ("confirm the card number you see on the receipt is different", "let me know the code
from your bank came through"): the sentence goes to the reviewer instead. Without a grammar,
a present verb after a preposition that is also a plural noun ("the card details on your
account belong to ...", "match", "lines up") is missed. A verb of handing over without a
clause ("send", "read me") takes the thing as its object whatever follows.
"""

from __future__ import annotations

import re

from worksample.prose.matching import Match, PhraseSet
from worksample.prose.measures import FUNCTION_WORDS
from worksample.prose.negation import PRONOUNS, clauses, is_cue, word_groups
from worksample.prose.text import WORD, Sentence
from worksample.prose.unpromised import wished_for

NEEDS = PhraseSet([
    "i need", "we need", "i'll need", "we'll need", "i will need", "we will need", "i'd need",
    "we'd need", "i would need", "we would need", "i require", "we require", "i just need",
    "we just need", "i'll just need", "we'll just need", "i also need", "we also need",
    "i'll also need", "we'll also need", "i only need", "we only need", "i'll only need",
    "we'll only need", "i'm going to need", "we're going to need", "i'll have to see",
    "we'll have to see", "i'd be grateful for", "we'd be grateful for", "i'd like",
    "we'd like", "i would like", "we would like", "i want", "we want", "i'd love", "we'd love",
    "what is", "what's", "what are", "what was", "what were", "let me know", "let us know",
    "let me have", "can i have", "could i have", "may i have", "can we have", "could we have",
    "can i get", "could i get", "may i get", "can we get", "could we get"])
# of the words before a thing that start a cue, the first this many are read (each reads its
# clause): a sentence with more is no request a reader would write
CUES_READ = 20
# said to the reader, these ask like a verb of handing over: "please write back with ..."
HANDING_OVER_PHRASES = PhraseSet([
    "write back", "get back to me", "get back to us", "come back to me", "come back to us",
    "read me", "read out", "read us"])
CUE_WORDS = max(NEEDS.most_words, HANDING_OVER_PHRASES.most_words)  # the longest a cue is
HANDING_OVER = frozenset({"send", "share", "provide", "give", "tell", "confirm", "reply",
                          "respond", "email", "forward", "include", "attach", "text", "message",
                          "dm", "post", "upload", "supply", "submit", "paste", "drop", "pass",
                          "hand", "show", "spell", "shoot", "pop"})
# the "-ing" forms, which ask only after "mind" ("would you mind sending ..."): elsewhere they
# name an activity ("sharing your password is never safe")
HANDING_OVER_ING = frozenset({
    "sending", "sharing", "providing", "giving", "telling", "confirming", "replying", "emailing",
    "forwarding", "including", "attaching", "texting", "messaging", "posting", "uploading",
    "supplying", "submitting", "pasting", "dropping", "passing", "handing", "showing",
    "spelling", "shooting"})
# what may stand before an imperative in its clause: "please send", "feel free to send"
LEADS = PhraseSet([
    "please", "just", "kindly", "simply", "also", "and", "so", "now", "first", "quickly",
    "ideally", "or", "but", "ok", "okay", "hit", "feel free to", "don't hesitate to",
    "do not hesitate to", "be sure to", "make sure to", "remember to", "go ahead and",
    "if you could", "if you can", "if you'd", "if you would", "if you don't mind"])
# more words than the longest lead holds, so that a lead is matched as in the whole text
LEAD_REACH = 2 * max(len(phrase.split()) for phrase in LEADS.phrases)
# a clause that starts so is a condition, not a request ("if your bank asks you to ...")
CONDITION_LEADS = PhraseSet([
    "if", "when", "whenever", "once", "after", "before", "each time", "every time",
    "as soon as", "until", "unless"])
# who asks "you" to hand something over: the writer ("we'll ask you to send") or another
OBJECT_VERBS = frozenset({"ask", "asks", "asked", "asking", "tell", "tells", "told", "want",
                          "wants", "need", "needs", "require", "requires", "expect", "expects",
                          "remind", "reminds"})
# small words that may stand between a cue and the thing it asks for
LIGHT = frozenset({"me", "us", "over", "across", "back", "along", "through", "in", "on", "up",
                   "with", "to", "this", "that", "email", "message", "reply", "thread", "chat",
                   "just", "also", "please", "quickly", "securely", "simply", "now", "then",
                   "your", "the", "a", "an", "our", "my", "its", "both", "full", "from", "you",
                   "is", "are", "was", "were", "be", "and", "or", "plus"})
WRITER = frozenset({"i", "we", "i'll", "we'll", "i'd", "we'd", "i've", "we've", "i'm",
                    "we're"})  # the writer as a subject: "we'll ask you to send ..."
DETERMINERS = frozenset({"the", "a", "an", "your", "my", "our", "its", "their"})
# "reply to this email with": "to" before these is no infinitive
TO_THE_OBJECT = DETERMINERS | {"this", "that", "me", "us"}
ASIDES = frozenset({"when", "once", "if", "after", "before", "as"})
# between a cue and the thing: "tell me if the code doesn't arrive", "let me know when ..."
CONDITIONS = frozenset({"if", "whether", "unless", "when", "once", "after", "until"})
TO_THE_WRITER = PhraseSet([
    "in your reply", "in a reply", "in the reply", "in your next reply", "by reply", "to me",
    "to us", "with me", "with us", "back to me", "back to us", "in this chat", "in the chat",
    "into this chat", "into the chat", "in here"])
KEPT = PhraseSet([
    "blur*", "hide", "hides", "hidden", "hiding", "remove", "removed", "removing", "cover",
    "covered", "covering", "mask", "masked", "masking", "redact*", "cross out", "crossed out",
    "black out", "blacked out", "private", "to yourself", "yourself", "keep ... safe",
    "keep ... secret", "no one", "nobody"])
# after the thing, these make it the subject of a clause ("confirm your card details are
# correct"), not a thing handed over
THE_THING_ACTS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would",
                            "can", "could", "should", "must", "may", "might", "isn't", "aren't",
                            "wasn't", "hasn't", "won't", "doesn't", "didn't", "expires",
                            "matches", "ends", "stays", "arrives", "comes",
                            # present forms only: "send me the code arrived just now" asks
                            "differs", "looks", "works", "hadn't"})
# after a thing in the plural only: "both card numbers end in 4421"
THE_THINGS_ACT = frozenset({"do", "don't", "haven't", "weren't", "expire", "match", "end",
                            "stay", "arrive", "come", "differ", "look", "work"})
# right after the thing, these hide it ("with the card number cropped out"): unlike KEPT,
# which reads its whole part, they must touch it, as "obscure" and "grey" have other senses
HIDDEN_AFTER = frozenset({"cropped", "obscured", "pixelated", "pixelised", "pixelized",
                          "greyed", "grayed", "blanked", "blacked", "whited", "hidden"})
GIVEN_TIME = frozenset({"a", "an", "some"})  # "give the code a few minutes"
STATES = frozenset({"be", "stay", "remain", "have", "contain", "expire"})  # "needs to be ..."
SAYING = frozenset({"say", "says", "said", "saying", "write", "writes", "wrote", "like",
                    "read", "reads", "go", "goes"})
SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "i'm", "we're", "you're",
                      "they're", "i'll", "we'll", "you'll", "they'll", "i'd", "we'd", "you'd",
                      "they'd", "i've", "we've", "you've", "they've", "it", "this", "that"})
# a subject that starts a clause of its own between a cue and the thing ("..., and we'll
# check your card number"); "you" may stand in a list's item ("the card you paid with")
NEW_SUBJECTS = frozenset({"i", "we", "they", "he", "she", "i'm", "we're", "they're", "i'll",
                          "we'll", "they'll", "i'd", "we'd", "they'd", "i've", "we've",
                          "they've", "it's", "it'll"})
LEAVING_OUT = frozenset({"omit", "omitting", "skip", "skipping", "exclude", "excluding"})
ENCOURAGING = frozenset({"hesitate"})  # "don't hesitate to send": a negation that denies nothing
POINTERS = frozenset({"it", "them"})
PLEASE_AFTER = 4  # "the code from your phone, please"
# cues after which the thing may be a clause's subject ("confirm the code arrived"), as after a
# need or a question: a verb of handing over without them takes the thing as its object only
CLAUSE_TAKING = frozenset({"confirm", "tell", "show"})
# the prepositions after which a clause about the thing may go on: "the card details on your
# account are up to date"
PREPOSITIONS = frozenset({"on", "in", "into", "onto", "to", "for", "from", "with", "by", "via",
                          "at", "over", "across", "through", "off", "under", "of", "about",
                          "below", "above"})
# what may follow a thing asked for, ending it as an object: the end of its part aside
ENDS_AN_OBJECT = PREPOSITIONS | {
    "and", "or", "plus", "then", "so", "please", "as", "if", "when", "once", "before", "after",
    "because", "since", "while", "until", "without", "here", "there", "today", "tomorrow",
    "tonight", "asap", "again", "too", "instead", "right", "straight", "first", "thanks",
    "thank", "whenever", "later", "soon", "earlier", "yesterday", "within", "along",
    "alongside", "together", "this"}
ADVERBS = frozenset({"just", "now", "still", "already", "also", "really", "twice"})
# words in "-ly" that are no adverbs: "the code you supply is ..."
NOT_ADVERBS = frozenset({"supply", "reply", "apply", "rely", "comply", "imply", "multiply",
                         "fly", "family", "july", "italy", "assembly", "ally", "rally"})
NOUN_TAILS = frozenset({"number", "numbers", "code", "codes", "details", "digits"})
# a relative clause after the thing starts so: "the card number you used", "the code that came"
RELATIVE_STARTS = frozenset({"you", "we", "i", "they", "both", "each", "that", "which",
                             "that's", "you'd", "you've", "we'd", "we've", "i'd", "i've",
                             "they'd", "they've"})
OBJECT_PRONOUNS = frozenset({"you", "me", "us", "them", "it", "him", "her"})
# past forms that are never participles, so never a modifier: "the code from your bank came"
PAST_ONLY = frozenset({
    "came", "went", "took", "gave", "did", "saw", "began", "broke", "chose", "drew", "drove",
    "ate", "fell", "flew", "forgot", "froze", "grew", "knew", "ran", "rang", "rose", "shook",
    "sank", "stole", "swore", "threw", "woke", "wore", "wrote", "got", "showed"})
# what, besides the "-ed" forms, may start a participle after the thing: "the number shown on"
PARTICIPLES = frozenset({"shown", "sent", "given", "written", "seen", "paid", "made",
                         "kept", "held", "told", "bought", "sold", "found", "left", "lost",
                         "put", "set", "taken", "done", "brought", "known"})
# after a relative clause or a participle, the thing's own verb: words that are never nouns
# ("confirm the card number you see on the receipt is ..."; not "end", as in "the end of")
ITS_VERB_LATER = (THE_THING_ACTS - {"looks", "works"}) | {"weren't", "haven't", "don't",
                                                          "didn't"}
FINITE = ITS_VERB_LATER | PAST_ONLY  # a verb with a subject, whatever stands before it
NO_VERB_BEFORE = DETERMINERS | ITS_VERB_LATER | PREPOSITIONS  # an "-ed" form after these
RELATIVE_SUBJECTS = SUBJECTS | RELATIVE_STARTS  # a verb after these is a relative clause's
AFTER_A_CLAUSE = ENDS_AN_OBJECT | TO_THE_OBJECT  # what may follow a relative clause's verb
_PART_BREAK = re.compile(r"[;:()\u2013\u2014]|\s-\s|\.\s")


def plurals_of(phrases: list[str]) -> list[str]:
    """Each phrase naming a thing that may be asked for, with its last word in the plural
    ("card number": "card numbers"; "security code": "security codes"), when that word is a
    plain word that is not plural yet and the plural is not listed already; a phrase ending in
    a prefix ("cvv*"), a gap or a small word ("long number on") has none."""
    listed = {phrase.lower() for phrase in phrases}
    plural = []
    for phrase in phrases:
        *head, last = phrase.split() or [""]
        if last.isalpha() and len(last) > 2 and not last.endswith("s") \
                and last.lower() not in FUNCTION_WORDS:
            made = " ".join([*head, _plural(last)])
            if made.lower() not in listed:
                plural.append(made)
    return plural


def _plural(noun: str) -> str:
    """The regular plural: "codes", "boxes", "policies"."""
    if noun.endswith(("x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


ASKS, MAY_ASK = "asks", "may ask"  # what ``request_reading`` finds


def asks_for(sentence: Sentence, start: int, end: int | None = None) -> bool:
    """Whether ``sentence`` asks the reader for the thing whose phrase is at words
    ``start``..``end`` of its normalised words (see the module docstring)."""
    return request_reading(sentence, start, end) == ASKS


def request_reading(sentence: Sentence, start: int, end: int | None = None) -> str:
    """``ASKS`` when ``sentence`` plainly asks the reader for the thing at words
    ``start``..``end`` (see the module docstring); ``MAY_ASK`` when it would but for a word
    after the thing that may be its own verb ("let me know your password now works": a cue
    that takes a clause reaches it, ``_may_be_its_subject``), which a reviewer must read;
    '' when it does not ask."""
    words = sentence.normal.split()
    if start >= len(words):
        return ""
    end = len(words) if end is None else end
    part_of, clause_of = _parts(sentence), clauses(sentence)
    part = part_of[start]
    asking = {part, part - 1} if part and _after_a_colon(sentence, part_of, part) else {part}
    commas = _after_commas(sentence)
    if _not_asked(sentence, part_of, clause_of, commas, start, end):
        return ""
    question, reading = "?" in sentence.text, ""
    # a condition between a cue and the thing, unless after a comma, keeps the cue from it (an
    # aside: "and, when I text you, the code"); found once, not again for every word before it
    condition = max((i for i in range(start) if words[i] in CONDITIONS
                     and not _after_a_comma(words, commas, i)), default=-1)
    tried = 0
    for index in range(start):
        if part_of[index] not in asking or index < condition:
            continue
        need, verb = _cue_words(words, index)
        if need is None and not verb and words[index] not in HANDING_OVER_ING:
            continue  # no cue starts here: the words before it need not be read
        tried += 1
        if tried > CUES_READ:
            break
        cue = _cue(words, clause_of, index, question, need, verb)
        if cue is not None and cue[0] <= start and _reaches(words, commas, cue[0], start):
            if not (cue[1] and _may_be_its_subject(words, commas, part_of, end)):
                return ASKS
            reading = MAY_ASK
    if (_sent_to_the_writer(words, clause_of, start, end)
            or _please_after(words, clause_of, part_of, commas, start, end)
            or _handed_back(words, part_of, clause_of, end)):
        return ASKS
    return reading


def _not_asked(sentence: Sentence, part_of: tuple[int, ...], clause_of: tuple[int, ...],
               commas: frozenset[int], start: int, end: int) -> str:
    """Why the thing at words ``start``..``end`` is not asked for, whatever the cues, or ''
    (see the module docstring)."""
    words = sentence.normal.split()
    in_part = " ".join(w for w, p in zip(words, part_of, strict=True) if p == part_of[start])
    following = words[end:end + 2] if end not in commas else []
    if KEPT.find_in_words(in_part):
        return "kept"
    if _negated(_before(words, clause_of, start)) or _left_out(words, start):
        return "denied"
    if _quoted(sentence, start) or _reported(sentence, part_of, start):
        return "someone else's words"
    if wished_for(sentence, start):
        return "someone else asks for it"
    if following[:1] and following[0] in HIDDEN_AFTER:
        return "kept"
    acting = THE_THING_ACTS | THE_THINGS_ACT if words[end - 1].endswith("s") else THE_THING_ACTS
    if following and (following[0] in acting or following[0] in GIVEN_TIME
                      or following == ["to"] + following[1:2] and following[1:] and
                      following[1] in STATES):
        return "the thing is the subject of what follows"
    return ""


def _sent_to_the_writer(words: list[str], clause_of: tuple[int, ...], start: int,
                        end: int) -> bool:
    """After the thing, in its clause and not denied, a destination that is the writer
    (``TO_THE_WRITER``), in a clause said to the reader: "leave the card number with us"."""
    after = [w for w, c in zip(words[end:], clause_of[end:], strict=True)
             if c == clause_of[start]]
    found = TO_THE_WRITER.find([Sentence.of_words(after)]) if after else None
    if found is None or _negated(after[:found.start]):
        return False
    rest = _without_leads(_before(words, clause_of, start))
    return (bool(rest) and rest[0] not in SUBJECTS and all(w in LIGHT for w in rest[1:])) \
        or _said_to_the_reader(rest)


def _quoted(sentence: Sentence, start: int) -> bool:
    """Whether word ``start`` stands inside quotation marks (someone else's words)."""
    spans = [m.start() for m in WORD.finditer(sentence.text)]
    if start >= len(spans):
        return False
    before = sentence.text[:spans[start]]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _reported(sentence: Sentence, part_of: tuple[int, ...], start: int) -> bool:
    """Whether the thing's part follows a colon after a verb of saying: "scam texts say
    something like: send us your card number"."""
    part = part_of[start]
    if not part or not _after_a_colon(sentence, part_of, part):
        return False
    words = sentence.normal.split()
    return bool(SAYING.intersection(w for w, p in zip(words, part_of, strict=True)
                                    if p == part - 1))


def _cue_words(words: list[str], index: int) -> tuple[Match | None, int]:
    """The words of a cue that start at word ``index``, whatever stands before it: a need's
    match (or None), and how many words a verb of handing over takes (0 when none)."""
    following = Sentence.of_words(words[index:index + CUE_WORDS])
    verb = 1 if words[index] in HANDING_OVER else getattr(
        HANDING_OVER_PHRASES.find([following], anchored=True), "end", 0)
    return NEEDS.find([following], anchored=True), verb


def _cue(words: list[str], clause_of: tuple[int, ...], index: int, question: bool,
         need: Match | None, verb: int) -> tuple[int, bool] | None:
    """Where a cue that starts at word ``index`` (its words: ``_cue_words``) ends (the word
    after it), and whether it may take a clause after it; or None. A cue is a need, a want or
    a question not denied (a question only in a sentence with a question mark), which may take
    a clause ("let me know the code arrived"), or a verb of handing over said to the reader,
    which may only when it is ``CLAUSE_TAKING`` ("confirm"; not "send", "read me")."""
    before = _before(words, clause_of, index)
    if _negated(before):
        return None
    if need is not None and (question or words[index] != "what"):
        return index + need.end, True
    if words[index] in HANDING_OVER_ING:
        return (index + 1, False) if before and before[-1] == "mind" else None
    if not verb or not _said_to_the_reader(before):
        return None
    return index + verb, words[index] in CLAUSE_TAKING


def _said_to_the_reader(before: list[str]) -> bool:
    """Whether a verb of handing over after the words ``before`` it in its clause is said to
    the reader (see the module docstring)."""
    rest = _without_leads(before)
    if not rest or (len(rest) == 2 and rest[1] == "and" and rest[0] not in PRONOUNS):
        return True  # an imperative, alone or after another: "check and confirm"
    if CONDITION_LEADS.find_in_words(" ".join(rest), anchored=True):
        return False
    if "you" not in rest:
        return False
    asked_by = rest[rest.index("you") - 1] if rest.index("you") else ""
    return asked_by not in OBJECT_VERBS or bool(WRITER.intersection(rest))


def _without_leads(words: list[str]) -> list[str]:
    """``words`` without the ``LEADS`` they start with. Each lead is looked for in the next
    ``LEAD_REACH`` words only: read from each lead to the end, a run of thousands of them
    ("please please ...") took time in the square of its length."""
    start = 0
    while start < len(words):
        lead = LEADS.find([Sentence.of_words(words[start:start + LEAD_REACH])], anchored=True)
        if lead is None or lead.end == 0:
            break
        start += lead.end
    return words[start:]


def _reaches(words: list[str], commas: frozenset[int], cue_end: int, start: int) -> bool:
    """Whether a cue that ends at ``cue_end`` reaches the thing at ``start``: the words just
    before the thing (since the last comma, "and" or "or") are all ``LIGHT``, the items of a
    list before them hold no subject but "you" (an aside: "when I text you" is skipped), and
    nothing between is an infinitive (see the module docstring)."""
    segments: list[list[str]] = [[]]
    for index in range(cue_end, start):
        if index in commas or words[index] in {"and", "or", "plus"}:
            segments.append([])
        if words[index] not in {"and", "or", "plus"}:
            segments[-1].append(words[index])
    if any(w not in LIGHT for w in segments[-1]):
        return False  # "tell your bank the code", "give the bank a call and they'll check it"
    for position, segment in enumerate(segments):
        if position and segment and segment[0] in ASIDES:
            continue  # "reply with the invoice number and, when I text you, the code"
        if NEW_SUBJECTS.intersection(segment) or any(
                w == "to" and following not in TO_THE_OBJECT
                for w, following in zip(segment, [*segment[1:], ""], strict=False)):
            return False  # a new subject; an infinitive: "we need to be sure", "I need you to"
    return True


def _may_be_its_subject(words: list[str], commas: frozenset[int], part_of: tuple[int, ...],
                        end: int) -> bool:
    """Whether the thing that ends before word ``end`` may be the subject of a clause of its
    own, which a cue that takes a clause asks about rather than for: "confirm your password
    got changed", "let me know the code now works". Past adverbs (``ADVERBS``, "-ly"), it may
    not be when its part ends, or a word that ends an object follows (``ENDS_AN_OBJECT``:
    "confirm the code so I can ..."). After a preposition, a relative clause (a subject such
    as "you", "that" or "your bank", and its verb) or a participle before a preposition
    ("printed on"), it may be only if one of the thing's verbs (``ITS_VERB_LATER``) follows
    in its part: "tell me the card number you used" and "what's the expiry date on the card
    that was charged?" ask, "confirm the card details on your account are up to date" does
    not. Any other word may be its verb ("expired before ...", "got", "all ends")."""
    if words[end - 1] in ENDS_AN_OBJECT:
        return False  # the phrase runs on: "the long number on ..."
    at = end
    while at < len(words) and at not in commas and words[at] in NOUN_TAILS:
        at += 1  # "your 2FA" is read as a thing: its "code" is part of it
    at = _past_adverbs(words, at, commas)
    if _part_ended(commas, part_of, at, part_of[end - 1]):
        return False
    word, following = words[at], words[at + 1] if at + 1 < len(words) else ""
    if word in DETERMINERS:  # a relative clause with a subject of its own: its first verb is
        # the clause's ("the code your bank sent you", "the number the second charge went to")
        verb = next((i for i in range(at + 2, len(words)) if part_of[i] == part_of[end - 1]
                     and (words[i] in PARTICIPLES or _a_finite_verb(words, i))),
                    len(words))
        at = verb + 1
    elif word in RELATIVE_STARTS:
        at = _past_adverbs(words, at + 1)
        if word in {"that", "which"} and at < len(words) and words[at] in SUBJECTS:
            at = _past_adverbs(words, at + 1)  # its subject: "the code that you got"
        while at < len(words) and words[at] in ITS_VERB_LATER:
            at = _past_adverbs(words, at + 1)  # "both were charged", "that has just come"
        if at < len(words) and words[at] not in AFTER_A_CLAUSE:
            at = _past_adverbs(words, at + 1)  # its verb ("you have on file" has none more)
        while at < len(words) and words[at] in OBJECT_PRONOUNS:
            at = _past_adverbs(words, at + 1)  # "the code we sent you", "that you got"
        if not _part_ended(commas, part_of, at, part_of[end - 1]) \
                and words[at] not in AFTER_A_CLAUSE:
            return True  # a word after the relative clause: "the code we sent you came ..."
    elif (word.endswith(("ed", "ing")) or word in PARTICIPLES) and following in PREPOSITIONS:
        at += 1  # a participle: "the expiry date printed on the card", "ending in 4421"
    elif word in ENDS_AN_OBJECT and word not in PREPOSITIONS:
        return False
    elif word not in PREPOSITIONS:
        return True  # any other word: the thing's verb, most likely
    # past commas too: a verb after one may still be the thing's ("the card number you paid
    # with ended in 4421, as ..."); "the card number on the order, the old one has expired"
    # then goes to the reviewer, the side to err on
    return any(_a_finite_verb(words, i)
               for i in range(at, len(words)) if part_of[i] == part_of[end - 1])


def _a_finite_verb(words: list[str], at: int) -> bool:
    """Whether word ``at`` is a verb with a subject of its own, as far as the words tell
    without a grammar: an auxiliary or a verb that is never a noun (``ITS_VERB_LATER``), a past
    form that is no participle (``PAST_ONLY``: "came", "went"), or an "-ed" form after no
    determiner, subject, auxiliary or preposition ("the code sent to your phone expired"; not
    "the card that was charged", "the registered phone"). A participle that qualifies a noun
    ("the account linked to this order") reads as a verb too: the sentence goes to the
    reviewer, the side to err on, as "I need the card details on both charges checked by our
    billing team" does not ask."""
    word, before = words[at], words[at - 1]
    if before in RELATIVE_SUBJECTS:
        return False  # a relative clause's own verb: "the card you were charged on"
    return word in FINITE or (word.endswith("ed") and before not in NO_VERB_BEFORE)


def _part_ended(commas: frozenset[int], part_of: tuple[int, ...], at: int, part: int) -> bool:
    """Whether word ``at`` is past the sentence's end, after a comma, or in a part other than
    ``part``: what stood before it ended there."""
    return at >= len(part_of) or at in commas or part_of[at] != part


def _past_adverbs(words: list[str], at: int, commas: frozenset[int] = frozenset()) -> int:
    """The first word from ``at`` on that is no adverb (``ADVERBS``, "-ly"), nor after a
    comma."""
    while at < len(words) and at not in commas and (words[at] in ADVERBS or (
            words[at].endswith("ly") and words[at] not in NOT_ADVERBS)):
        at += 1
    return at


def _please_after(words: list[str], clause_of: tuple[int, ...], part_of: tuple[int, ...],
                  commas: frozenset[int], start: int, end: int) -> bool:
    """"your password, please": "please" within ``PLEASE_AFTER`` words after the thing, in
    its part, with only ``LIGHT`` words before the thing in its clause, and nothing after the
    "please" but what ends an object: "card number aside, please send me the dates" and
    "card number, please never email it" ask with their own verb, not for the thing."""
    after = [w for w, p in zip(words[end:end + PLEASE_AFTER + 1], part_of[end:], strict=False)
             if p == part_of[start]]
    if "please" not in after:
        return False
    between = after[:after.index("please")]
    following = _past_adverbs(words, end + len(between) + 1, commas)
    ends_there = _part_ended(commas, part_of, following, part_of[start]) \
        or words[following] in ENDS_AN_OBJECT
    return (ends_there and not PRONOUNS.intersection(between)
            and all(w in LIGHT for w in _before(words, clause_of, start)))


def _handed_back(words: list[str], part_of: tuple[int, ...], clause_of: tuple[int, ...],
                 end: int) -> bool:
    """After the thing, in its part, a verb of handing over said to the reader (or joined by
    "and" or "then") with "it" or "them", not denied: "write down the code and send it
    across"."""
    tried = 0
    for index in range(end, len(words) - 1):
        if part_of[index] != part_of[end - 1]:
            break
        if words[index] not in HANDING_OVER or words[index + 1] not in POINTERS:
            continue
        tried += 1
        if tried > CUES_READ:  # each reads its clause: "we send it" a thousand times
            break
        said = words[index - 1] in {"and", "then"} or _said_to_the_reader(
            _before(words, clause_of, index))
        if said and not _negated(words[end:index]):
            return True
    return False


def _before(words: list[str], clause_of: tuple[int, ...], index: int) -> list[str]:
    """The words before word ``index`` in its clause."""
    return [w for w, c in zip(words[:index], clause_of, strict=False) if c == clause_of[index]]


def _negated(words: list[str]) -> bool:
    """Whether ``words`` hold a negation that is not an encouragement ("don't hesitate")."""
    return any(is_cue(word) and following not in ENCOURAGING
               for word, following in zip(words, [*words[1:], ""], strict=False))


def _left_out(words: list[str], start: int) -> bool:
    """Whether a verb of leaving out takes the thing at word ``start`` as its object, with only
    determiners between ("please omit the card number in your reply"; not "skip the small talk
    and send me your card number"), not turned down ("send, rather than omit, the code") and
    with no verb of handing over after it ("omit it from the form and email it to me")."""
    verb = start - 1
    while verb >= 0 and words[verb] in DETERMINERS:
        verb -= 1
    handed_over = any(word in HANDING_OVER and words[at - 1] not in DETERMINERS  # not "your reply"
                      for at, word in enumerate(words[start:], start))
    turned_down = verb > 0 and words[verb - 1] in {"than", "of"}  # rather than, instead of
    return verb >= 0 and words[verb] in LEAVING_OUT and not turned_down and not handed_over


def _after_a_comma(words: list[str], commas: frozenset[int], index: int) -> bool:
    """Whether word ``index`` follows a comma, or a comma and "and", "or" or "but"."""
    return index in commas or (index - 1 in commas and words[index - 1] in {"and", "or", "but"})


def _after_commas(sentence: Sentence) -> frozenset[int]:
    """The words that follow a comma or a colon (which starts a list: "the following: ...")."""
    groups = word_groups(sentence, lambda gap, word, following: "," in gap or ":" in gap)
    return frozenset(i for i in range(1, len(groups)) if groups[i] != groups[i - 1])


def _after_a_colon(sentence: Sentence, part_of: tuple[int, ...], part: int) -> bool:
    """Whether the part begins after a colon ("send us the following: your card number")."""
    first = part_of.index(part)
    groups = word_groups(sentence, lambda gap, word, following: ":" in gap)
    return 0 < first < len(groups) and groups[first] != groups[first - 1]


def _parts(sentence: Sentence) -> tuple[int, ...]:
    """The part of the sentence each word is in: a new part after ; : a dash or "then".
    Unlike a clause, a part runs on past commas and clause words: a request's list ("the card
    number, its expiry date and the CVC") and a request around an aside ("reply with your
    password and, when I message you, the code") are one part."""
    return word_groups(sentence, _starts_part)


def _starts_part(gap: str, word: str, following: str) -> bool:
    return bool(_PART_BREAK.search(gap)) or word == "then"
